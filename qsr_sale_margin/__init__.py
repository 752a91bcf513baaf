from . import models


def post_init_hook(env):
    """Keep the profitability typed before this addon, where no sale tells
    otherwise, then compute every account's margins once."""
    env["res.partner"]._qsr_keep_typed_profitability()
    env["res.partner"]._qsr_compute_margins()


def uninstall_hook(env):
    """Leave nothing behind: the thresholds are settings' parameters, not
    records of this addon, so Odoo would keep them."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_sale_margin.%")]).unlink()
