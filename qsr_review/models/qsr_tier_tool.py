from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .qsr_review import REVIEW_TYPES


class QsrTierTool(models.Model):
    """A feedback tool the accounts of a tier get besides the tier's main review,
    and how often."""

    _name = "qsr.tier.tool"
    _description = "Feedback Tool of a Tier"
    _order = "tier_id, sequence, id"

    tier_id = fields.Many2one("qsr.tier", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    review_type = fields.Selection(REVIEW_TYPES, string="Feedback Tool", required=True)
    cadence_months = fields.Integer(
        string="Every (Months)",
        required=True,
        default=12,
        help="How often the accounts of the tier get this tool; 0: never planned "
        "automatically.",
    )

    _sql_constraints = [
        ("tool_uniq", "UNIQUE(tier_id, review_type)", "A tier names each tool once."),
        (
            "cadence_positive",
            "CHECK(cadence_months >= 0)",
            "The cadence cannot be negative.",
        ),
    ]

    @api.constrains("review_type", "tier_id")
    def _check_not_main_review(self):
        for tool in self:
            if tool.review_type == tool.tier_id.default_review_type:
                raise ValidationError(
                    self.env._(
                        "%(tool)s is already the main review of tier %(tier)s.",
                        tool=dict(self._fields["review_type"].selection)[
                            tool.review_type
                        ],
                        tier=tool.tier_id.name,
                    )
                )
