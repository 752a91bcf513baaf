from odoo import fields, models

from odoo.addons.qsr_review.models.qsr_review import REVIEW_TYPES


class QsrReportPriorityMixin(models.AbstractModel):
    """A priority analysis (SIMALTO.md) over an SQL view: the account dimensions
    and the measures, each a weighted ratio aggregated as SUM(numerator) /
    SUM(denominator) under any grouping, with its numerator and denominator."""

    _name = "qsr.report.priority.mixin"
    _inherit = ["qsr.report.mixin"]
    _description = "QSR Priority Analysis Measures"

    _ratios = {
        "norm_current": ("w_norm_current", "weight", 1),
        "norm_acceptable": ("w_norm_acceptable", "weight", 1),
        "norm_ideal": ("w_norm_ideal", "w_ideal", 1),
        "gap_steps": ("w_gap_steps", "weight", 1),
        "distress_share": ("w_distress", "weight", 1),
        "first_round_share": ("w_first_round", "weight", 1),
        "any_round_share": ("w_any_round", "weight", 1),
        "points_share": ("w_points_share", "w_spender", 1),
        "priority_index": ("w_points_share", "w_spender", 100),
        "revenue_distress_share": ("rw_distress", "rw", 1),
        "revenue_priority_index": ("rw_points_share", "rw_spender", 100),
    }

    # what was answered: rows of one grid, across its versions, are compared
    # by service aspect, never pooled with another grid's
    grid_id = fields.Many2one(
        "qsr.grid", readonly=True, help="The grid's first version."
    )
    aspect_id = fields.Many2one(
        "qsr.service.aspect", string="Service Aspect", readonly=True
    )
    review_type = fields.Selection(REVIEW_TYPES, string="Feedback Tool", readonly=True)

    # weighted ratios
    norm_current = fields.Float("Today (0-1)", aggregator="avg", readonly=True)
    norm_acceptable = fields.Float("Acceptable (0-1)", aggregator="avg", readonly=True)
    norm_ideal = fields.Float("Ideal (0-1)", aggregator="avg", readonly=True)
    gap_steps = fields.Float("Gap (Levels)", aggregator="avg", readonly=True)
    distress_share = fields.Float(aggregator="avg", readonly=True)
    first_round_share = fields.Float(aggregator="avg", readonly=True)
    any_round_share = fields.Float(aggregator="avg", readonly=True)
    points_share = fields.Float(aggregator="avg", readonly=True)
    priority_index = fields.Float(aggregator="avg", readonly=True)
    # the same, each account also weighted by its annual revenue
    revenue_distress_share = fields.Float(
        "Distress Share (Revenue-Weighted)", aggregator="avg", readonly=True
    )
    revenue_priority_index = fields.Float(
        "Priority Index (Revenue-Weighted)", aggregator="avg", readonly=True
    )
    account_ref = fields.Integer(
        string="Accounts", aggregator="count_distinct", readonly=True
    )
    account_revenue = fields.Float(aggregator="max", readonly=True)
    # numerators and denominators
    weight = fields.Float(string="Influence Weight", readonly=True)
    w_ideal = fields.Float(readonly=True)
    w_norm_current = fields.Float(readonly=True)
    w_norm_acceptable = fields.Float(readonly=True)
    w_norm_ideal = fields.Float(readonly=True)
    w_gap_steps = fields.Float(readonly=True)
    w_distress = fields.Float(readonly=True)
    w_first_round = fields.Float(readonly=True)
    w_any_round = fields.Float(readonly=True)
    w_points_share = fields.Float(readonly=True)
    w_spender = fields.Float(readonly=True)
    rw = fields.Float(readonly=True)
    rw_distress = fields.Float(readonly=True)
    rw_points_share = fields.Float(readonly=True)
    rw_spender = fields.Float(readonly=True)
