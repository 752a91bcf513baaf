from . import controllers
from . import models
from . import report
from . import wizard


def post_init_hook(env):
    env["qsr.report.review.attribute"]._refresh()


def uninstall_hook(env):
    """Leave nothing behind: the thresholds of the priority classes are settings'
    parameters, not records of this addon, so Odoo would keep them."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_reporting.%")]).unlink()
