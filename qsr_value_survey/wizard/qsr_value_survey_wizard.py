from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

SKIP_REASONS = [
    ("no_contact", "No contact to invite"),
    ("surveyed", "Already surveyed in this wave"),
    ("not_managed", "Not one of your accounts"),
]


class QsrValueSurveyWizard(models.TransientModel):
    """Send the customer value survey to many companies at once: one review of
    type value survey per company, with its contacts as participants, moved
    straight to feedback collection (responses created, invitations mailed).
    Companies that cannot take part are listed back, never failing the batch."""

    _name = "qsr.value.survey.wizard"
    _description = "Send Customer Value Survey"

    grid_id = fields.Many2one(
        "qsr.grid",
        required=True,
        default=lambda self: self._default_grid(),
    )
    wave_id = fields.Many2one(
        "qsr.wave",
        default=lambda self: self.env["qsr.wave"]._for_date(
            fields.Date.context_today(self)
        ),
        help="The wave the surveys belong to; a company already surveyed in it "
        "is skipped.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Companies",
        domain=[("is_company", "=", True)],
        default=lambda self: self._default_partner_ids(),
    )
    invite = fields.Selection(
        [("all", "All Contacts"), ("main", "One Contact per Company")],
        required=True,
        default="all",
        help="One contact per company: the contact with the highest level in "
        "the organisation, else the first contact with an e-mail address.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Sent")], default="draft", required=True
    )
    review_ids = fields.Many2many("qsr.review", string="Surveys Sent", readonly=True)
    skipped_ids = fields.One2many(
        "qsr.value.survey.wizard.skip",
        "wizard_id",
        string="Skipped Companies",
        readonly=True,
    )
    review_count = fields.Integer(compute="_compute_counts")
    invited_count = fields.Integer(compute="_compute_counts")
    no_email_count = fields.Integer(compute="_compute_counts")

    @api.model
    def _default_grid(self):
        """The latest version of the value survey grid."""
        grid = self.env.ref(
            "qsr_value_survey.grid_value_survey", raise_if_not_found=False
        )
        return grid and grid._latest_version()

    # compute

    @api.model
    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return False
        selected = self.env["res.partner"].browse(self.env.context.get("active_ids"))
        return selected.commercial_partner_id.filtered("is_company")

    @api.depends("review_ids.participant_ids")
    def _compute_counts(self):
        for wizard in self:
            participants = wizard.review_ids.participant_ids
            wizard.review_count = len(wizard.review_ids)
            wizard.invited_count = len(participants.filtered("partner_id.email"))
            wizard.no_email_count = len(participants) - wizard.invited_count

    # actions

    def action_send(self):
        self.ensure_one()
        if self.state != "draft":
            return self._reopen_action()
        if not self.partner_ids:
            raise UserError(self.env._("Choose the companies to survey."))
        self.grid_id._check_ready()
        companies, skipped = self._eligible_companies()
        contacts = self._contacts_by_company(companies)
        for company in companies.filtered(lambda c: not contacts.get(c)):
            skipped.append((company, "no_contact"))
        companies = companies.filtered(lambda c: contacts.get(c))
        date = self._date_planned()
        reviews = self.env["qsr.review"].create(
            [
                {
                    "partner_id": company.id,
                    "company_id": (company.company_id or self.env.company).id,
                    "review_type": "value_survey",
                    "grid_id": self.grid_id.id,
                    "date_planned": date,
                    "wave_id": self.wave_id.id,
                    "participant_ids": [
                        Command.create({"partner_id": contact.id})
                        for contact in contacts[company]
                    ],
                }
                for company in companies
            ]
        )
        # collecting feedback creates the responses and mails the invitations
        reviews.write({"stage": "collect"})
        self.write(
            {
                "state": "done",
                "review_ids": [Command.set(reviews.ids)],
                "skipped_ids": [
                    Command.create({"partner_id": company.id, "reason": reason})
                    for company, reason in skipped
                ],
            }
        )
        return self._reopen_action()

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("id", "in", self.review_ids.ids)]
        action["context"] = {}
        return action

    # business

    def _reopen_action(self):
        """The wizard again, showing what was sent and what was skipped."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _eligible_companies(self):
        """The chosen companies this user may survey and that were not surveyed
        in the wave yet, and [(company, reason)] for the others. A QSR user
        surveys the accounts they manage, sponsor or are on the team of; a QSR
        manager any company."""
        companies = self.partner_ids
        skipped = []
        if not self.env.user.has_group("qsr_review.group_qsr_manager"):
            uid = self.env.uid
            managed = companies.filtered_domain(
                [
                    "|",
                    "|",
                    ("qsr_account_manager_id", "=", uid),
                    ("qsr_sponsor_id", "=", uid),
                    ("qsr_team_member_ids.user_id", "=", uid),
                ]
            )
            skipped += [(company, "not_managed") for company in companies - managed]
            companies = managed
        if self.wave_id and companies:
            surveyed = self.env["qsr.review"]._read_group(
                [
                    ("partner_id", "in", companies.ids),
                    ("wave_id", "=", self.wave_id.id),
                    ("review_type", "=", "value_survey"),
                    ("stage", "!=", "cancel"),
                ],
                ["partner_id"],
            )
            surveyed = self.env["res.partner"].union(*(p for (p,) in surveyed))
            skipped += [(company, "surveyed") for company in companies & surveyed]
            companies -= surveyed
        return companies, skipped

    def _contacts_by_company(self, companies):
        """{company: contacts to invite}, read in one query for all companies."""
        contacts = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", companies.ids),
                ("is_company", "=", False),
                ("type", "=", "contact"),
            ],
            order="id",
        )
        by_company = {}
        for contact in contacts:
            company = contact.commercial_partner_id
            by_company[company] = by_company.get(company, contact.browse()) | contact
        if self.invite == "main":
            by_company = {
                company: self._main_contact(people)
                for company, people in by_company.items()
            }
        return by_company

    def _main_contact(self, contacts):
        """The contact with the highest level in the organisation, else the
        first contact with an e-mail address, else the first contact."""
        weights = self.env["res.config.settings"]._qsr_level_weights()
        levelled = contacts.filtered("qsr_contact_level")
        if levelled:
            return max(
                levelled,
                key=lambda c: (weights[c.qsr_contact_level], bool(c.email), -c.id),
            )
        return contacts.filtered("email")[:1] or contacts[:1]

    def _date_planned(self):
        """Today, or the nearest day of the wave when today falls outside it."""
        today = fields.Date.context_today(self)
        if not self.wave_id:
            return today
        return min(max(today, self.wave_id.date_start), self.wave_id.date_end)


class QsrValueSurveyWizardSkip(models.TransientModel):
    _name = "qsr.value.survey.wizard.skip"
    _description = "Company Skipped by the Value Survey"
    _order = "id"

    wizard_id = fields.Many2one(
        "qsr.value.survey.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Company", required=True)
    reason = fields.Selection(SKIP_REASONS, required=True)
