from odoo import api, fields, models

from .qsr_review import REVIEW_TYPES


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
