from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

CONTACT_LEVELS = [
    ("executive", "Executive"),
    ("senior", "Senior Decision Maker"),
    ("influencer", "Influencer"),
    ("operational", "Operational User"),
]
PROFITABILITY_CLASSES = [
    ("profitable", "Profitable"),
    ("could_be", "Could Become More Profitable"),
    ("unlikely", "Unlikely to Become Profitable"),
]
DEFAULT_LEVEL_WEIGHTS = {"executive": 4, "senior": 3, "influencer": 2, "operational": 1}
# Review stages before the customer meeting, and from the meeting on.
UPCOMING_STAGES = ("draft", "collect", "compile", "engage", "prepare", "meet")
HELD_STAGES = ("educate", "continue", "done")
BUYING_ROLES = [
    ("decision_maker", "Decision Maker"),
    ("influencer", "Influencer"),
    ("champion", "Champion"),
    ("user", "User"),
    ("blocker", "Blocker"),
]
ATTITUDES = [
    ("supporter", "Supporter"),
    ("neutral", "Neutral"),
    ("critic", "Critic"),
]
# the coverage flags of an account, in the order the warning lists them
COVERAGE_FLAGS = (
    "qsr_flag_no_executive_answer",
    "qsr_flag_uncovered_decision_maker",
    "qsr_flag_executive_critic",
    "qsr_flag_sponsor_no_counterpart",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # key accounts (companies)
    qsr_tier_id = fields.Many2one(
        "qsr.tier", string="Tier", tracking=True, index="btree_not_null"
    )
    qsr_suggested_tier_id = fields.Many2one(
        "qsr.tier",
        string="Suggested Tier",
        compute="_compute_qsr_suggested_tier_id",
        search="_search_qsr_suggested_tier_id",
        help="The tier the rules suggest from revenue, strategic name and "
        "industry partnership.",
    )
    qsr_tier_candidate = fields.Boolean(
        string="Tier Candidate",
        compute="_compute_qsr_tier_candidate",
        search="_search_qsr_tier_candidate",
        help="A company without a tier that a rule of a tier (revenue, strategic "
        "name, industry partner) would tier.",
    )
    qsr_currency_id = fields.Many2one(
        "res.currency", compute="_compute_qsr_currency_id", string="Revenue Currency"
    )
    qsr_annual_revenue = fields.Monetary(
        string="Annual Revenue", currency_field="qsr_currency_id", tracking=True
    )
    qsr_strategic_name = fields.Boolean(
        string="Strategic Name Recognition",
        help="Having this customer's name as a reference matters strategically.",
    )
    qsr_industry_partner = fields.Boolean(
        string="Important Industry Partner",
        help="The customer is an important partner in its industry.",
    )
    qsr_profitability = fields.Selection(
        PROFITABILITY_CLASSES,
        string="Profitability",
        tracking=True,
    )
    qsr_account_manager_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        compute="_compute_qsr_account_manager_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
    )
    qsr_sponsor_id = fields.Many2one(
        "res.users",
        string="Executive Sponsor",
        tracking=True,
        help="A VP or above who sponsors the relationship at our end.",
    )
    qsr_team_member_ids = fields.One2many(
        "qsr.account.team.member", "partner_id", string="Extended Account Team"
    )
    qsr_review_ids = fields.One2many("qsr.review", "partner_id", string="Reviews")
    qsr_tool_ids = fields.One2many(
        "qsr.account.tool", "account_id", string="Feedback Tools Due"
    )
    qsr_review_count = fields.Integer(
        compute="_compute_qsr_review_count", string="Review Count"
    )
    qsr_account_plan_ids = fields.One2many(
        "qsr.account.plan", "partner_id", string="Account Plans"
    )
    qsr_account_plan_count = fields.Integer(
        compute="_compute_qsr_account_plan_count", string="Account Plan Count"
    )
    qsr_last_review_date = fields.Date(
        string="Last Review",
        compute="_compute_qsr_review_dates",
        store=True,
    )
    qsr_next_review_date = fields.Date(
        string="Next Review",
        compute="_compute_qsr_review_dates",
        store=True,
    )

    # customer contacts
    qsr_contact_level = fields.Selection(
        CONTACT_LEVELS,
        string="Level in Organisation",
        group_expand="_group_expand_qsr_contact_level",
        help="The contact's level in the customer's organisation; it sets the "
        "weight of their answers.",
    )
    qsr_influence_weight = fields.Integer(
        string="Influence Weight", compute="_compute_qsr_influence_weight"
    )

    # relationship map (contacts)
    qsr_buying_role = fields.Selection(
        BUYING_ROLES,
        string="Role in Buying",
        tracking=True,
        help="The part the contact plays in the customer's buying decisions.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_attitude = fields.Selection(
        ATTITUDES,
        string="Attitude",
        tracking=True,
        help="How the contact feels about us as a supplier.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_covered_by_id = fields.Many2one(
        "res.users",
        string="Covered By",
        tracking=True,
        index="btree_not_null",
        help="Who on our side keeps the relationship with this contact.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_reports_to_id = fields.Many2one(
        "res.partner",
        string="Reports To",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('is_company', '=', False), ('id', '!=', id)]",
        help="The contact's manager in the customer's organisation: a contact "
        "of the same account.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_direct_report_ids = fields.One2many(
        "res.partner",
        "qsr_reports_to_id",
        string="Direct Reports",
        groups="qsr_review.group_qsr_user",
    )

    # relationship map (accounts): coverage flags
    qsr_flag_no_executive_answer = fields.Boolean(
        string="No Executive Answered This Wave",
        compute="_compute_qsr_coverage_flags",
        search="_search_qsr_flag_no_executive_answer",
        help="In the latest wave the account has a review in (a wave started "
        "by today), no executive-level participant responded.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_flag_uncovered_decision_maker = fields.Boolean(
        string="Decision Maker Without Owner",
        compute="_compute_qsr_coverage_flags",
        search="_search_qsr_flag_uncovered_decision_maker",
        help="A decision maker among the account's contacts is covered by "
        "nobody on our side.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_flag_executive_critic = fields.Boolean(
        string="Critic at Executive Level",
        compute="_compute_qsr_coverage_flags",
        search="_search_qsr_flag_executive_critic",
        help="An executive-level contact of the account is a critic.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_flag_sponsor_no_counterpart = fields.Boolean(
        string="Sponsor Without Counterpart",
        compute="_compute_qsr_coverage_flags",
        search="_search_qsr_flag_sponsor_no_counterpart",
        help="The account has an executive sponsor, but no executive-level "
        "contact is covered by the sponsor.",
        groups="qsr_review.group_qsr_user",
    )
    qsr_coverage_warning = fields.Text(
        string="Coverage Warning",
        compute="_compute_qsr_coverage_flags",
        help="The coverage flags raised on the account, one a line.",
        groups="qsr_review.group_qsr_user",
    )

    # compute

    @api.depends("qsr_annual_revenue", "qsr_strategic_name", "qsr_industry_partner")
    def _compute_qsr_suggested_tier_id(self):
        Tier = self.env["qsr.tier"]
        for partner in self:
            partner.qsr_suggested_tier_id = (
                Tier._suggest_for(partner) if partner.is_company else False
            )

    def _search_qsr_suggested_tier_id(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the suggested tier."))
        values = value if isinstance(value, list | tuple) else [value]
        tier_ids = []
        for val in values:
            if isinstance(val, str):  # a tier's name, as the search box gives it
                tier_ids += self.env["qsr.tier"].search([("name", "=", val)]).ids
            elif isinstance(val, models.BaseModel):
                tier_ids += val.ids
            else:
                tier_ids.append(val or False)
        domain = self.env["qsr.tier"]._suggested_domain(tier_ids)
        if operator in ("=", "in"):
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.depends("qsr_tier_id", "qsr_suggested_tier_id")
    def _compute_qsr_tier_candidate(self):
        for partner in self:
            tier = partner.qsr_suggested_tier_id
            partner.qsr_tier_candidate = bool(
                partner.is_company
                and not partner.qsr_tier_id
                and tier
                and tier._has_rules()
            )

    def _search_qsr_tier_candidate(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on tier candidates."))
        domain = expression.AND(
            [
                [("qsr_tier_id", "=", False)],
                self.env["qsr.tier"]._rule_match_domain(),
            ]
        )
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    def _compute_qsr_currency_id(self):
        for partner in self:
            partner.qsr_currency_id = (
                partner.company_id.currency_id or self.env.company.currency_id
            )

    @api.depends("user_id")
    def _compute_qsr_account_manager_id(self):
        for partner in self:
            if not partner.qsr_account_manager_id:
                partner.qsr_account_manager_id = partner.user_id

    def _compute_qsr_review_count(self):
        counts = dict(
            self.env["qsr.review"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.qsr_review_count = counts.get(partner, 0)

    def _compute_qsr_account_plan_count(self):
        counts = dict(
            self.env["qsr.account.plan"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.qsr_account_plan_count = counts.get(partner, 0)

    @api.depends(
        "qsr_tier_id.cadence_months",
        "qsr_tier_id.default_review_type",
        "qsr_tier_id.tool_ids.review_type",
        "qsr_tier_id.tool_ids.cadence_months",
        "qsr_review_ids.review_type",
        "qsr_review_ids.stage",
        "qsr_review_ids.date_planned",
        "qsr_review_ids.meeting_date",
    )
    def _compute_qsr_review_dates(self):
        for partner in self:
            partner.qsr_last_review_date = max(
                (r.meeting_date.date() for r in partner._qsr_held_reviews()),
                default=False,
            )
            partner.qsr_next_review_date = partner._qsr_due_date()

    @api.depends("qsr_contact_level")
    def _compute_qsr_influence_weight(self):
        weights = self.env["res.config.settings"]._qsr_level_weights()
        for partner in self:
            partner.qsr_influence_weight = weights.get(partner.qsr_contact_level, 0)

    def _compute_qsr_coverage_flags(self):
        accounts = self.filtered(lambda p: p.is_company and p._origin)
        account_ids = accounts._origin.ids
        flagged = {
            fname: set(self._qsr_flag_account_ids(fname, account_ids))
            for fname in COVERAGE_FLAGS
        }
        details = accounts._origin._qsr_coverage_details(flagged)
        for partner in self:
            account_id = partner._origin.id if partner in accounts else None
            lines = []
            for fname in COVERAGE_FLAGS:
                raised = account_id in flagged[fname]
                partner[fname] = raised
                if raised:
                    lines.append(details[account_id, fname])
            partner.qsr_coverage_warning = "\n".join(lines) or False

    @api.model
    def _group_expand_qsr_contact_level(self, values, domain):
        """On the relationship map, every level is a column, even empty: an
        account without executives shows it at a glance."""
        if self.env.context.get("qsr_map_account_id"):
            return [key for key, _label in CONTACT_LEVELS]
        return values

    # search

    def _search_qsr_flag_no_executive_answer(self, operator, value):
        return self._qsr_flag_domain("qsr_flag_no_executive_answer", operator, value)

    def _search_qsr_flag_uncovered_decision_maker(self, operator, value):
        return self._qsr_flag_domain(
            "qsr_flag_uncovered_decision_maker", operator, value
        )

    def _search_qsr_flag_executive_critic(self, operator, value):
        return self._qsr_flag_domain("qsr_flag_executive_critic", operator, value)

    def _search_qsr_flag_sponsor_no_counterpart(self, operator, value):
        return self._qsr_flag_domain("qsr_flag_sponsor_no_counterpart", operator, value)

    def _qsr_flag_domain(self, fname, operator, value):
        """The domain of the accounts that raise (or not) coverage flag
        ``fname``: one subquery, whatever the number of accounts."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported on a coverage flag."))
        # internal: searching by a flag tells as much as reading it
        self.check_field_access_rights("read", [fname])
        self._qsr_flush_flag_inputs()
        raised = (operator == "=") == value
        subquery = SQL("(%s)", self._qsr_flag_sql(fname))
        return [("id", "in" if raised else "not in", subquery)]

    # constraints

    @api.constrains("qsr_reports_to_id", "parent_id")
    def _check_qsr_reports_to_id(self):
        # whoever moves a contact to another company: check their reports too
        contacts = self.sudo()
        for partner in contacts | contacts.qsr_direct_report_ids:
            manager = partner.qsr_reports_to_id
            if not manager:
                continue
            if (
                manager == partner
                or manager.is_company
                or manager.commercial_partner_id != partner.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s can only report to another contact of "
                        "the same account, not to %(manager)s.",
                        contact=partner.display_name,
                        manager=manager.display_name,
                    )
                )
        if contacts._has_cycle("qsr_reports_to_id"):
            raise ValidationError(
                self.env._("Contacts cannot report to each other in a loop.")
            )

    # business

    def _qsr_flush_flag_inputs(self):
        """Write pending changes of what the flags' queries read."""
        self.env["res.partner"].flush_model(
            [
                "active",
                "is_company",
                "commercial_partner_id",
                "qsr_contact_level",
                "qsr_buying_role",
                "qsr_attitude",
                "qsr_covered_by_id",
                "qsr_sponsor_id",
            ]
        )
        self.env["qsr.review"].flush_model(["partner_id", "wave_id", "stage"])
        self.env["qsr.review.participant"].flush_model(
            ["review_id", "partner_id", "contact_level", "state"]
        )
        self.env["qsr.wave"].flush_model(["date_start"])

    def _qsr_flag_account_ids(self, fname, account_ids):
        """The ids among ``account_ids`` that raise coverage flag ``fname``."""
        if not account_ids:
            return []
        self._qsr_flush_flag_inputs()
        self.env.cr.execute(self._qsr_flag_sql(fname, account_ids))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _qsr_flag_sql(self, fname, account_ids=None):
        """The query of the ids of the accounts (of ``account_ids`` when
        given) that raise coverage flag ``fname``."""

        def among(column):
            if account_ids is None:
                return SQL("TRUE")
            return SQL("%s = ANY(%s)", column, list(account_ids))

        def contacts(condition):
            return SQL(
                """
                SELECT DISTINCT c.commercial_partner_id
                  FROM res_partner c
                 WHERE c.active AND NOT COALESCE(c.is_company, FALSE)
                   AND c.commercial_partner_id IS NOT NULL
                   AND c.commercial_partner_id != c.id AND %s AND %s
                """,
                among(SQL("c.commercial_partner_id")),
                condition,
            )

        if fname == "qsr_flag_uncovered_decision_maker":
            return contacts(
                SQL(
                    "c.qsr_buying_role = 'decision_maker' "
                    "AND c.qsr_covered_by_id IS NULL"
                )
            )
        if fname == "qsr_flag_executive_critic":
            return contacts(
                SQL("c.qsr_contact_level = 'executive' AND c.qsr_attitude = 'critic'")
            )
        if fname == "qsr_flag_sponsor_no_counterpart":
            return SQL(
                """
                SELECT a.id
                  FROM res_partner a
                 WHERE a.is_company AND a.qsr_sponsor_id IS NOT NULL AND %s
                   AND NOT EXISTS (
                       SELECT 1
                         FROM res_partner c
                        WHERE c.commercial_partner_id = a.id AND c.id != a.id
                          AND c.active AND c.qsr_contact_level = 'executive'
                          AND c.qsr_covered_by_id = a.qsr_sponsor_id
                   )
                """,
                among(SQL("a.id")),
            )
        if fname == "qsr_flag_no_executive_answer":
            return SQL(
                """
                SELECT latest.partner_id
                  FROM (
                      SELECT DISTINCT ON (rv.partner_id) rv.partner_id, rv.wave_id
                        FROM qsr_review rv
                        JOIN qsr_wave w ON w.id = rv.wave_id
                       WHERE rv.stage != 'cancel' AND w.date_start <= %s AND %s
                       ORDER BY rv.partner_id, w.date_start DESC, w.id DESC
                  ) latest
                 WHERE NOT EXISTS (
                       SELECT 1
                         FROM qsr_review rv
                         JOIN qsr_review_participant pa ON pa.review_id = rv.id
                         -- at a council, the account's own executives only
                         JOIN res_partner c ON c.id = pa.partner_id
                              AND c.commercial_partner_id = rv.partner_id
                        WHERE rv.partner_id = latest.partner_id
                          AND rv.wave_id = latest.wave_id
                          AND rv.stage != 'cancel'
                          AND pa.contact_level = 'executive'
                          AND pa.state = 'responded'
                   )
                """,
                fields.Date.context_today(self),
                among(SQL("rv.partner_id")),
            )
        raise ValueError(fname)

    def _qsr_coverage_details(self, flagged):
        """``{(account id, flag): the warning's line}`` of the flags raised
        on the accounts of ``self`` (``flagged``: ``{flag: account ids}``),
        naming the contacts concerned."""
        ids = set().union(*flagged.values()) & set(self.ids)
        if not ids:
            return {}
        contacts = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "in", list(ids)),
                    ("is_company", "=", False),
                    "|",
                    "&",
                    ("qsr_buying_role", "=", "decision_maker"),
                    ("qsr_covered_by_id", "=", False),
                    "&",
                    ("qsr_contact_level", "=", "executive"),
                    ("qsr_attitude", "=", "critic"),
                ]
            )
        )
        by_account = contacts.grouped("commercial_partner_id")
        details = {}
        for account in self.browse(ids):
            own = by_account.get(account, contacts.browse())
            uncovered = own.filtered(
                lambda c: (
                    c.qsr_buying_role == "decision_maker" and not c.qsr_covered_by_id
                )
            )
            critics = own.filtered(
                lambda c: (
                    c.qsr_contact_level == "executive" and c.qsr_attitude == "critic"
                )
            )
            details[account.id, "qsr_flag_no_executive_answer"] = self.env._(
                "No executive answered in the latest wave."
            )
            details[account.id, "qsr_flag_uncovered_decision_maker"] = self.env._(
                "Decision maker without an owner on our side: %(names)s.",
                names=", ".join(uncovered.mapped("name")),
            )
            details[account.id, "qsr_flag_executive_critic"] = self.env._(
                "Critic at executive level: %(names)s.",
                names=", ".join(critics.mapped("name")),
            )
            details[account.id, "qsr_flag_sponsor_no_counterpart"] = self.env._(
                "Our executive sponsor %(sponsor)s covers no executive of the account.",
                sponsor=account.sudo().qsr_sponsor_id.name,
            )
        return details

    def _qsr_held_reviews(self):
        """Reviews whose customer meeting took place."""
        return self.qsr_review_ids.filtered(
            lambda r: r.meeting_date and r.stage in HELD_STAGES
        )

    def _qsr_last_review_date(self, review_type):
        """The last time the account had a review with this feedback tool: its
        meeting, or the planned date of one that was skipped (cancelled)."""
        self.ensure_one()
        reviews = self.qsr_review_ids.filtered(lambda r: r.review_type == review_type)
        dates = [r.meeting_date.date() for r in reviews & self._qsr_held_reviews()]
        dates += reviews.filtered(lambda r: r.stage == "cancel").mapped("date_planned")
        return max(dates, default=None)

    def _qsr_tools_due_dates(self):
        """``{(account, feedback tool): due date}`` for every feedback tool of the
        tier of each account of ``self``, as ``_qsr_tool_due_date`` gives them,
        from three grouped queries instead of each account's reviews."""
        Review = self.env["qsr.review"]
        scope = [("partner_id", "in", self.ids)]
        groupby = ["partner_id", "review_type"]
        open_tools = set(
            Review._read_group(
                [*scope, ("stage", "not in", ("done", "cancel"))], groupby
            )
        )
        last = {}
        for account, review_type, meeting in Review._read_group(
            [*scope, ("stage", "in", HELD_STAGES), ("meeting_date", "!=", False)],
            groupby,
            ["meeting_date:max"],
        ):
            last[account, review_type] = meeting.date()
        for account, review_type, planned in Review._read_group(
            [*scope, ("stage", "=", "cancel")], groupby, ["date_planned:max"]
        ):
            key = (account, review_type)
            last[key] = max(last.get(key, planned), planned)
        today = fields.Date.context_today(self)
        dues = {}
        for account in self.filtered("qsr_tier_id"):
            for review_type, months in account.qsr_tier_id._tools():
                key = (account, review_type)
                if key in open_tools:
                    dues[key] = False
                elif key in last:
                    dues[key] = last[key] + relativedelta(months=months)
                else:
                    dues[key] = today
        return dues

    def _qsr_due_date(self):
        """The account's next review: the earliest one planned and not yet
        held, else the earliest date a feedback tool of its tier falls due
        after it was last used. False when nothing is planned and no tool of
        the tier was ever used."""
        self.ensure_one()
        upcoming = self.qsr_review_ids.filtered(lambda r: r.stage in UPCOMING_STAGES)
        if upcoming:
            return min(upcoming.mapped("date_planned"))
        tools = self.qsr_tier_id._tools() if self.qsr_tier_id else []
        dues = [
            last + relativedelta(months=months)
            for review_type, months in tools
            if (last := self._qsr_last_review_date(review_type))
        ]
        return min(dues, default=False)

    # actions

    def action_apply_suggested_tier(self):
        """Give every account of ``self`` the tier its rules suggest, with a
        note on its chatter; accounts without a suggestion, or already of the
        suggested tier, stay as they are. An open tier check is done."""
        for partner in self:
            tier = partner.qsr_suggested_tier_id
            if not tier or tier == partner.qsr_tier_id:
                continue
            previous = partner.qsr_tier_id
            partner.qsr_tier_id = tier
            note = (
                self.env._(
                    "Tier changed from %(previous)s to the suggested tier %(tier)s.",
                    previous=previous.name,
                    tier=tier.name,
                )
                if previous
                else self.env._("Suggested tier %s applied.", tier.name)
            )
            partner.message_post(body=note)
            partner.activity_feedback(
                ["qsr_review.mail_activity_type_qsr_tier_check"], feedback=note
            )
        return True

    def _qsr_tier_check_note(self):
        """The note of the tier check to-do raised on the account."""
        self.ensure_one()
        if self.qsr_tier_id:
            return self.env._(
                "The rules suggest tier %(suggested)s for this account, which is "
                "of tier %(tier)s: apply the suggested tier or keep its tier.",
                suggested=self.qsr_suggested_tier_id.name,
                tier=self.qsr_tier_id.name,
            )
        return self.env._(
            "The rules suggest tier %s for this company, which has no tier: "
            "apply the suggested tier to manage it as a key account.",
            self.qsr_suggested_tier_id.name,
        )

    def action_view_qsr_account_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.action_qsr_account_plan"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_qsr_relationship_map(self):
        """The account's contacts as a hierarchy and by level; contacts
        created there belong to the account."""
        self.ensure_one()
        account = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.action_qsr_relationship_map"
        )
        action["display_name"] = self.env._(
            "Relationship Map: %(account)s", account=account.name
        )
        action["domain"] = [
            ("commercial_partner_id", "=", account.id),
            ("is_company", "=", False),
        ]
        action["context"] = {
            "default_parent_id": account.id,
            "default_is_company": False,
            "default_type": "contact",
            "qsr_map_account_id": account.id,
        }
        return action

    def action_view_qsr_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
