from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import html2plaintext, html_sanitize

REPORT_STATES = [
    ("draft", "Draft"),
    ("with_customer", "With Customer"),
    ("approved", "Approved"),
    ("changed", "Changed by Customer"),
    ("issued", "Issued"),
]
# the states in which the interviewed contacts may approve or edit the report
CUSTOMER_STATES = ("with_customer", "changed")


class QsrInterviewReport(models.Model):
    _name = "qsr.interview.report"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Executive Interview Report"
    _order = "id desc"

    review_id = fields.Many2one(
        "qsr.review",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("review_type", "=", "interview")],
    )
    account_id = fields.Many2one(
        related="review_id.partner_id", string="Account", store=True, index=True
    )
    user_id = fields.Many2one(related="review_id.user_id", string="Account Manager")
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    partner_ids = fields.Many2many(
        "res.partner",
        "qsr_interview_report_partner_rel",
        "report_id",
        "partner_id",
        string="Interviewed Contacts",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="The contacts the report is offered to for approval and editing.",
    )
    body = fields.Html(string="Report")
    state = fields.Selection(
        REPORT_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date_offered = fields.Datetime(string="Offered On", readonly=True, copy=False)
    date_approved = fields.Datetime(string="Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.partner", string="Approver", readonly=True, copy=False
    )
    date_issued = fields.Datetime(string="Issued On", readonly=True, copy=False)
    revision_ids = fields.One2many(
        "qsr.interview.report.revision", "report_id", string="Customer Revisions"
    )
    revision_count = fields.Integer(compute="_compute_revision_count")

    _sql_constraints = [
        ("review_uniq", "UNIQUE(review_id)", "A review has one interview report."),
    ]

    # compute

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for report in self:
            report.access_url = f"/my/qsr/interviews/{report.id}"
        return result

    @api.depends("review_id")
    def _compute_partner_ids(self):
        for report in self:
            if not report.partner_ids:
                report.partner_ids = report.review_id.participant_ids.partner_id

    @api.depends("revision_ids")
    def _compute_revision_count(self):
        for report in self:
            report.revision_count = len(report.revision_ids)

    @api.depends("review_id.name", "account_id.name")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Interview Report %(review)s - %(account)s",
                review=report.review_id.name or "",
                account=report.account_id.name or "",
            )

    # CRUD

    def write(self, vals):
        if "body" in vals and any(report.state == "issued" for report in self):
            raise UserError(self.env._("An issued report can no longer change."))
        return super().write(vals)

    # actions

    def action_draft_body(self):
        """Write the report from the review's questions, notes and quotes."""
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft report is rewritten from the interview; reset "
                        "it to draft first."
                    )
                )
            report.body = report._render_body()
        return True

    def action_offer(self):
        """Send the report to the interviewed contacts for approval or editing."""
        template = self.env.ref("qsr_interview.mail_template_report_offer")
        for report in self:
            if report.state not in ("draft", "changed"):
                raise UserError(
                    self.env._(
                        "Only a draft report, or one the customer changed, is "
                        "offered to the customer."
                    )
                )
            if not html2plaintext(report.body or "").strip():
                raise UserError(self.env._("Draft the report before offering it."))
            if not report.partner_ids:
                raise UserError(
                    self.env._("Choose the interviewed contacts to offer it to.")
                )
            no_email = report.partner_ids.filtered(lambda p: not p.email)
            if no_email:
                raise UserError(
                    self.env._(
                        "These contacts have no email address: %s",
                        ", ".join(no_email.mapped("name")),
                    )
                )
            report._portal_ensure_token()
            report.message_subscribe(partner_ids=report.partner_ids.ids)
            for partner in report.partner_ids:
                template.with_context(qsr_recipient_id=partner.id).send_mail(
                    report.id, email_layout_xmlid="mail.mail_notification_light"
                )
            report.write(
                {"state": "with_customer", "date_offered": fields.Datetime.now()}
            )
        return True

    def action_issue(self):
        for report in self:
            if report.state not in ("approved", "changed"):
                raise UserError(
                    self.env._(
                        "A report is issued once the customer approved or changed it."
                    )
                )
        self.write({"state": "issued", "date_issued": fields.Datetime.now()})
        return True

    def action_reset_draft(self):
        if any(report.state == "issued" for report in self):
            raise UserError(self.env._("An issued report can no longer change."))
        self.write({"state": "draft"})
        return True

    def action_view_revisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_interview.qsr_interview_report_revision_action"
        )
        action["domain"] = [("report_id", "=", self.id)]
        return action

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.get_portal_url(),
            "target": "new",
        }

    # business

    def _mail_get_partner_fields(self, introspect_fields=False):
        # the interviewed contacts are not one customer the portal links the
        # notifications of the chatter to: they get personal links instead
        return []

    def _render_body(self):
        self.ensure_one()
        answers = self.review_id.interview_answer_ids.filtered(
            lambda answer: not answer._is_empty()
        )
        return self.env["ir.qweb"]._render(
            "qsr_interview.report_body",
            {
                "report": self,
                "review": self.review_id,
                "answers": answers,
                "contacts": self.partner_ids,
            },
        )

    def _get_recipient_url(self, partner_id):
        """The personal link of ``partner_id`` to the report, which tells the
        portal who approves or edits it."""
        self.ensure_one()
        return self.get_base_url() + self._get_share_url(pid=partner_id)

    def _check_customer_may_act(self):
        """UserError, with a message for the customer, unless the report awaits
        their approval or change."""
        self.ensure_one()
        if self.state == "issued":
            raise UserError(
                self.env._("This report was issued; it can no longer change.")
            )
        if self.state == "approved":
            raise UserError(self.env._("This report is already approved."))
        if self.state not in CUSTOMER_STATES:
            raise UserError(
                self.env._(
                    "The account team is revising this report; you will receive "
                    "the new version."
                )
            )

    def _customer_approve(self, partner):
        """The customer ``partner`` approves the report as it stands."""
        self.ensure_one()
        self._check_customer_may_act()
        self.write(
            {
                "state": "approved",
                "date_approved": fields.Datetime.now(),
                "approved_by_id": partner.id,
            }
        )
        self.message_post(
            body=self.env._(
                "%s approved the report.", partner.name or self.env._("The customer")
            ),
            author_id=partner.id or None,
        )
        return True

    def _customer_edit(self, body, partner):
        """The customer ``partner`` changes the text to ``body``; the change is
        kept as a revision."""
        self.ensure_one()
        self._check_customer_may_act()
        if not isinstance(body, str) or not html2plaintext(body).strip():
            raise UserError(self.env._("The report cannot be empty."))
        before = self.body
        body = html_sanitize(body)
        if html2plaintext(body).strip() == html2plaintext(before or "").strip():
            raise UserError(self.env._("The text is unchanged; nothing was submitted."))
        self.write(
            {
                "state": "changed",
                "body": body,
                "revision_ids": [
                    Command.create(
                        {
                            "author_id": partner.id,
                            "body_before": before,
                            "body_after": body,
                        }
                    )
                ],
            }
        )
        self.message_post(
            body=self.env._(
                "%s changed the report.", partner.name or self.env._("The customer")
            ),
            author_id=partner.id or None,
        )
        if self.review_id.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.review_id.user_id.id,
                summary=self.env._("Read the customer's changes to the report"),
            )
        return True
