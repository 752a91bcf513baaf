from odoo.tools import SQL

from . import controllers
from . import models


def uninstall_hook(env):
    """Leave nothing behind. The reminder parameter is not a record of this addon,
    so Odoo would keep it. Answers point at grid attributes and levels with
    ondelete='restrict': Odoo deletes the grids of this addon before it drops the
    answer tables, so each deletion would fail, be logged and be retried. Empty the
    answers first (their lines and choices cascade); the tables are dropped right
    after."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_simalto.%")]).unlink()
    env.cr.execute(SQL("DELETE FROM %s", SQL.identifier("qsr_response")))
