from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

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
        help="The tier the rules suggest from revenue, strategic name and "
        "industry partnership.",
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
        help="The contact's level in the customer's organisation; it sets the "
        "weight of their answers.",
    )
    qsr_influence_weight = fields.Integer(
        string="Influence Weight", compute="_compute_qsr_influence_weight"
    )

    # compute

    @api.depends("qsr_annual_revenue", "qsr_strategic_name", "qsr_industry_partner")
    def _compute_qsr_suggested_tier_id(self):
        Tier = self.env["qsr.tier"]
        for partner in self:
            partner.qsr_suggested_tier_id = (
                Tier._suggest_for(partner) if partner.is_company else False
            )

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

    # business

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
        for partner in self:
            partner.qsr_tier_id = partner.qsr_suggested_tier_id

    def action_view_qsr_account_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.action_qsr_account_plan"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_qsr_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
