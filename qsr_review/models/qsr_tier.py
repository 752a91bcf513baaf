from odoo import api, fields, models
from odoo.osv import expression

from .qsr_review import REVIEW_TYPES

TIER_CHECK_ACTIVITY = "qsr_review.mail_activity_type_qsr_tier_check"


class QsrTier(models.Model):
    _name = "qsr.tier"
    _description = "Key Account Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    cadence_months = fields.Integer(
        string="Review Every (Months)",
        help="How often the accounts of this tier are reviewed; 0 means never "
        "planned automatically.",
    )
    sponsor_required = fields.Boolean(
        string="Executive Sponsor Required",
        help="Reviews of these accounts cannot engage senior management without "
        "an executive sponsor.",
    )
    default_review_type = fields.Selection(
        REVIEW_TYPES, string="Default Feedback Tool", default="simalto", required=True
    )
    min_annual_revenue = fields.Float(
        string="Minimum Annual Revenue",
        help="Suggest this tier for accounts with at least this annual revenue "
        "(0: no revenue rule).",
    )
    rule_strategic_name = fields.Boolean(
        string="Strategic Name Recognition Qualifies",
        help="Suggest this tier for accounts whose name is strategic for us.",
    )
    rule_industry_partner = fields.Boolean(
        string="Industry Partner Qualifies",
        help="Suggest this tier for accounts that are important industry partners.",
    )
    tool_ids = fields.One2many(
        "qsr.tier.tool",
        "tier_id",
        string="Other Feedback Tools",
        copy=True,
        help="Tools the accounts of this tier get besides their main review.",
    )
    partner_ids = fields.One2many("res.partner", "qsr_tier_id", string="Accounts")
    partner_count = fields.Integer(
        compute="_compute_partner_count", string="Number of Accounts"
    )

    _sql_constraints = [
        (
            "cadence_positive",
            "CHECK(cadence_months >= 0)",
            "The review cadence cannot be negative.",
        ),
    ]

    # compute

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("qsr_tier_id", "in", self.ids)], ["qsr_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    # business

    def _tools(self):
        """(feedback tool, cadence in months) the tier's accounts are due for:
        the main review first, then the other tools."""
        self.ensure_one()
        tools = [(self.default_review_type, self.cadence_months)]
        tools += [(tool.review_type, tool.cadence_months) for tool in self.tool_ids]
        return [(review_type, months) for review_type, months in tools if months > 0]

    def _has_rules(self):
        self.ensure_one()
        return bool(
            self.min_annual_revenue
            or self.rule_strategic_name
            or self.rule_industry_partner
        )

    def _matches(self, partner):
        """Whether the account meets one of the rules of this tier."""
        self.ensure_one()
        return (
            (
                self.min_annual_revenue
                and partner.qsr_annual_revenue >= self.min_annual_revenue
            )
            or (self.rule_strategic_name and partner.qsr_strategic_name)
            or (self.rule_industry_partner and partner.qsr_industry_partner)
        )

    @api.model
    def _suggest_for(self, partner):
        """The first tier, in sequence, whose rules the account meets; a tier
        without rules is the fallback for every account."""
        tiers = self.search([], limit=None)  # a handful of tiers
        return next(
            (tier for tier in tiers if tier._has_rules() and tier._matches(partner)),
            tiers.filtered(lambda tier: not tier._has_rules())[:1],
        )

    def _match_domain(self):
        """The res.partner domain of the accounts that meet one of the rules
        of this tier, as ``_matches`` decides it; never true for a tier
        without rules."""
        self.ensure_one()
        domains = []
        if self.min_annual_revenue:
            domains.append([("qsr_annual_revenue", ">=", self.min_annual_revenue)])
        if self.rule_strategic_name:
            domains.append([("qsr_strategic_name", "=", True)])
        if self.rule_industry_partner:
            domains.append([("qsr_industry_partner", "=", True)])
        return expression.OR(domains)

    @api.model
    def _rule_match_domain(self):
        """The companies that a rule of some tier would tier."""
        tiers = self.search([], limit=None).filtered(
            lambda tier: tier._has_rules()
        )  # a handful
        return expression.AND(
            [
                [("is_company", "=", True)],
                expression.OR([tier._match_domain() for tier in tiers]),
            ]
        )

    @api.model
    def _suggested_domain(self, tier_ids):
        """The res.partner domain of the accounts whose suggested tier (as
        ``_suggest_for`` picks it) is one of ``tier_ids``; ``False`` among them
        stands for "no suggestion"."""
        tiers = self.search([], limit=None)  # a handful of tiers
        rule_tiers = tiers.filtered(lambda tier: tier._has_rules())
        fallback = tiers.filtered(lambda tier: not tier._has_rules())[:1]
        company = [("is_company", "=", True)]
        domains = []
        earlier = []
        for tier in rule_tiers:
            if tier.id in tier_ids:
                domains.append(
                    expression.AND(
                        [
                            company,
                            tier._match_domain(),
                            *(["!", *expression.normalize_domain(d)] for d in earlier),
                        ]
                    )
                )
            earlier.append(tier._match_domain())
        no_rule = (
            ["!", *expression.normalize_domain(expression.OR(earlier))]
            if earlier
            else expression.TRUE_DOMAIN
        )
        if fallback and fallback.id in tier_ids:
            domains.append(expression.AND([company, no_rule]))
        if False in tier_ids:
            domains.append([("is_company", "=", False)])
            if not fallback:
                domains.append(expression.AND([company, no_rule]))
        return expression.OR(domains)

    @api.model
    def _cron_tier_check(self):
        """Raise a to-do for the account manager of every account whose
        suggested tier differs from its tier (a company a rule would tier
        and has no tier included), once: an account that still has its open
        to-do gets no other."""
        Partner = self.env["res.partner"]
        differ = expression.OR(
            [
                [("qsr_tier_candidate", "=", True)],
                *(
                    [
                        ("qsr_tier_id", "=", tier.id),
                        ("qsr_suggested_tier_id", "not in", [tier.id]),
                        ("qsr_suggested_tier_id", "!=", False),
                    ]
                    for tier in self.with_context(active_test=False).search(
                        [], limit=None
                    )
                ),
            ]
        )
        accounts = Partner.search(
            expression.AND([differ, [("qsr_account_manager_id", "!=", False)]])
        )
        activity_type = self.env.ref(TIER_CHECK_ACTIVITY)
        open_activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", accounts.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        done = {(act.res_id, act.user_id.id) for act in open_activities}
        for account in accounts:
            user = account.qsr_account_manager_id
            if (account.id, user.id) in done:
                continue
            account.activity_schedule(
                TIER_CHECK_ACTIVITY,
                user_id=user.id,
                note=account._qsr_tier_check_note(),
            )
        return accounts
