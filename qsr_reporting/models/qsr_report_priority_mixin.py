import math

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qsr_review.models.qsr_review import REVIEW_TYPES
from odoo.addons.qsr_simalto.analysis import simalto_engine

# the settings of the priority classes (SIMALTO.md, "Priority classes")
DISTRESS_THRESHOLD_PARAM = "qsr_reporting.distress_threshold"
PRIORITY_THRESHOLD_PARAM = "qsr_reporting.priority_threshold"
PRIORITY_CLASS_SELECTION = list(simalto_engine.PRIORITY_CLASSES.items())
# a number as ir.config_parameter stores it; anything else counts as unset
_NUMBER = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"


def threshold_sql(key):
    """The threshold setting ``key`` read by the query itself, so that a
    changed setting applies at once: NULL when unset or not a number."""
    return SQL(
        "(SELECT CASE WHEN value ~ %s THEN value::float END"
        " FROM ir_config_parameter WHERE key = %s)",
        _NUMBER,
        key,
    )


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
        "competitor_gap": ("w_competitor_gap", "w_competitor", 1),
        "lead_share": ("w_lead", "w_competitor", 1),
        "level_share": ("w_level", "w_competitor", 1),
        "trail_share": ("w_trail", "w_competitor", 1),
        "price_trade_share": ("w_price_rise", "w_price_row", 1),
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
    # what the trade-off is worth: the sum over accounts of each account's
    # weighted mean willingness to pay on the row (company currency, a year)
    wtp = fields.Float(
        "Willingness to Pay",
        aggregator="sum",
        readonly=True,
        help="What the contacts' trade-offs say the rows are worth a year: per "
        "account and row, the weighted mean over its contacts of what the "
        "points they spent on the row are worth at the grid's point value and "
        "the account's annual revenue; added up over the accounts. Zero on "
        "grids without a price row.",
    )
    price_trade_share = fields.Float(
        "Price Rise Accepted",
        aggregator="avg",
        readonly=True,
        help="The weighted share of the contacts who answered a price row and "
        "ended on a price rise there, to buy service elsewhere. Grouped by row, "
        "it shows on the price row.",
    )
    # the competitor comparison, over the lines with a competitor level
    competitor_gap = fields.Float(
        "Competitor Gap (0-1)",
        aggregator="avg",
        readonly=True,
        help="Weighted mean of today's level less the competitor's, as norms "
        "(0-1): positive where we lead.",
    )
    lead_share = fields.Float("We Lead", aggregator="avg", readonly=True)
    level_share = fields.Float("On Par", aggregator="avg", readonly=True)
    trail_share = fields.Float("We Trail", aggregator="avg", readonly=True)
    # the class of the account's row in the review, at the thresholds of now
    priority_class = fields.Selection(
        PRIORITY_CLASS_SELECTION,
        readonly=True,
        help="The class of the account's row in its review (SIMALTO.md): its "
        "distress share and priority index against the thresholds set in the "
        "settings today. The figures stay as stored; only this reading of them "
        "follows the thresholds.",
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
    w_wtp = fields.Float(readonly=True)
    w_price_row = fields.Float(readonly=True)
    w_price_rise = fields.Float(readonly=True)
    w_competitor = fields.Float(readonly=True)
    w_competitor_gap = fields.Float(readonly=True)
    w_lead = fields.Float(readonly=True)
    w_level = fields.Float(readonly=True)
    w_trail = fields.Float(readonly=True)

    # business

    @api.model
    def _class_thresholds(self, grid, row_count=None):
        """The thresholds of the priority classes for ``grid``, as set today:
        ``(D, P)``, the distress threshold (0..1, default 0.30) and the priority
        threshold (0..100; unset or 0: an equal share, 100 / rows of the
        grid, ``row_count`` when the caller knows it)."""
        params = self.env["ir.config_parameter"].sudo()

        def number(key):
            # as the SQL reads it: anything but a number counts as unset
            try:
                return float(params.get_param(key) or "nan")
            except ValueError:
                return math.nan

        distress = number(DISTRESS_THRESHOLD_PARAM)
        if not math.isfinite(distress):
            distress = simalto_engine.DEFAULT_DISTRESS_THRESHOLD
        priority = number(PRIORITY_THRESHOLD_PARAM)
        if not math.isfinite(priority) or not priority:
            if row_count is None:
                row_count = len(grid.sudo().attribute_ids)
            priority = simalto_engine.default_priority_threshold(row_count)
        return distress, priority

    @api.model
    def _priority_class(self, grid, distress_share, priority_index):
        """The priority class (a key of PRIORITY_CLASSES) of aggregated figures
        of ``grid`` (a tier's, the portfolio's), at today's thresholds; None
        when a figure is unknown."""
        return simalto_engine.priority_class(
            distress_share, priority_index, *self._class_thresholds(grid)
        )

    @api.model
    def _priority_class_sql(self, sums, grid_row_count):
        """The priority class, in SQL, of the row of sums ``sums`` (an alias of
        qsr_report_review_attribute) of a grid of ``grid_row_count`` rows (an
        SQL expression): the thresholds are read from the settings when the
        query runs, so that a changed setting applies at once."""
        alias = SQL.identifier(sums)
        distress = SQL("%s.w_distress::float / NULLIF(%s.weight, 0)", alias, alias)
        priority = SQL(
            "100 * %s.w_points_share::float / NULLIF(%s.w_spender, 0)", alias, alias
        )
        threshold_d = SQL(
            "COALESCE(%s, %s)",
            threshold_sql(DISTRESS_THRESHOLD_PARAM),
            simalto_engine.DEFAULT_DISTRESS_THRESHOLD,
        )
        threshold_p = SQL(
            "COALESCE(NULLIF(%s, 0), 100.0 / NULLIF(%s, 0))",
            threshold_sql(PRIORITY_THRESHOLD_PARAM),
            grid_row_count,
        )
        return SQL(
            """CASE WHEN %(distress)s IS NULL OR %(priority)s IS NULL THEN NULL
                    WHEN %(distress)s >= %(d)s
                    THEN CASE WHEN %(priority)s >= %(p)s
                              THEN 'fix_first' ELSE 'tolerated' END
                    WHEN %(priority)s >= %(p)s THEN 'growth'
                    ELSE 'strength' END""",
            distress=distress,
            priority=priority,
            d=threshold_d,
            p=threshold_p,
        )
