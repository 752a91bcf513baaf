from odoo import models, tools
from odoo.tools import SQL


class QsrSqlViewMixin(models.AbstractModel):
    """A read-only model backed by an SQL view built from ``_query()``, whose
    ratio measures stay right under any grouping of a pivot: each names its
    numerator and denominator columns in ``_ratios``, and its aggregate is
    SUM(numerator) / SUM(denominator), never an average of averages."""

    _name = "qsr.sql.view.mixin"
    _description = "QSR Model Backed by an SQL View"

    # measure -> (numerator column, denominator column, scale)
    _ratios = {}

    def _query(self):
        """The SELECT behind the view."""
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

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
