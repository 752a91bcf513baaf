from . import models


def post_init_hook(env):
    """Compute every account's margins once, keeping each profitability class
    as it was: one the margins would change becomes typed by hand, so that
    installing this addon changes no figure (tiers, weights, reports)."""
    env["res.partner"]._qsr_compute_margins(keep_classes=True)


def uninstall_hook(env):
    """Leave nothing behind: the thresholds are settings' parameters, not
    records of this addon, so Odoo would keep them."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_sale_margin.%")]).unlink()
