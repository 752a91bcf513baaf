from odoo import models, tools
from odoo.tools import SQL


class QsrSqlViewMixin(models.AbstractModel):
    """A read-only model backed by an SQL view built from ``_query()``."""

    _name = "qsr.sql.view.mixin"
    _description = "QSR Model Backed by an SQL View"

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
