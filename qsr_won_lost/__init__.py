from . import models


def uninstall_hook(env):
    """The review threshold is a configuration parameter, not a record of this
    addon: Odoo would keep it."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_won_lost.%")]).unlink()
