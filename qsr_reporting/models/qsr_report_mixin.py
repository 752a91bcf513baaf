from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.qsr_review.models.res_partner import PROFITABILITY_CLASSES


class QsrReportMixin(models.AbstractModel):
    """A QSR analysis backed by an SQL view: the account dimensions every
    report slices by, and weighted ratios that stay right under any grouping of
    a pivot: each ratio measure names its numerator and denominator columns,
    and its aggregate is SUM(numerator) / SUM(denominator), never an average
    of averages."""

    _name = "qsr.report.mixin"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "QSR Report Weighted Ratios"

    # the account's dimensions
    account_id = fields.Many2one("res.partner", readonly=True)
    wave_id = fields.Many2one("qsr.wave", readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    profitability_class = fields.Selection(
        PROFITABILITY_CLASSES, string="Profitability", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)

    # measure -> (numerator column, denominator column, scale)
    _ratios = {}

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        if fname in self._ratios and func == "avg":
            numerator, denominator, scale = self._ratios[fname]
            return SQL(
                "%s * SUM(%s)::float / NULLIF(SUM(%s), 0)",
                scale,
                self._field_to_sql(self._table, numerator, query),
                self._field_to_sql(self._table, denominator, query),
            )
        return super()._read_group_select(aggregate_spec, query)
