from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.qsr_simalto.analysis import simalto_engine

from .qsr_account_health import COMPONENTS, DEFAULT_WEIGHTS, WEIGHT_PARAM
from .qsr_report_priority_mixin import (
    DISTRESS_THRESHOLD_PARAM,
    PRIORITY_THRESHOLD_PARAM,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qsr_distress_threshold = fields.Float(
        string="Distress Threshold",
        config_parameter=DISTRESS_THRESHOLD_PARAM,
        default=simalto_engine.DEFAULT_DISTRESS_THRESHOLD,
        digits=(16, 2),
        help="A row is in distress for a set of contacts when at least this "
        "weighted share of them (0-1) receive less than acceptable today.",
    )
    qsr_priority_threshold = fields.Float(
        string="Priority Threshold",
        config_parameter=PRIORITY_THRESHOLD_PARAM,
        digits=(16, 1),
        help="A row is a priority when the contacts spend at least this share "
        "of their budget (0-100) on it. Zero: an equal share, 100 divided by "
        "the rows of the grid.",
    )

    # health score weights (qsr.account.health), adding up to 100
    qsr_health_weight_performance = fields.Integer(
        string="Performance Weight",
        config_parameter=WEIGHT_PARAM % "performance",
        default=DEFAULT_WEIGHTS["performance"],
    )
    qsr_health_weight_distress = fields.Integer(
        string="Distress Weight",
        config_parameter=WEIGHT_PARAM % "distress",
        default=DEFAULT_WEIGHTS["distress"],
    )
    qsr_health_weight_response = fields.Integer(
        string="Response Weight",
        config_parameter=WEIGHT_PARAM % "response",
        default=DEFAULT_WEIGHTS["response"],
    )
    qsr_health_weight_overdue = fields.Integer(
        string="Overdue Weight",
        config_parameter=WEIGHT_PARAM % "overdue",
        default=DEFAULT_WEIGHTS["overdue"],
    )
    qsr_health_weight_pipeline = fields.Integer(
        string="Pipeline Weight",
        config_parameter=WEIGHT_PARAM % "pipeline",
        default=DEFAULT_WEIGHTS["pipeline"],
    )
    qsr_health_weight_revenue = fields.Integer(
        string="Revenue Weight",
        config_parameter=WEIGHT_PARAM % "revenue",
        default=DEFAULT_WEIGHTS["revenue"],
    )

    # constraints

    @api.constrains(*(f"qsr_health_weight_{key}" for key in COMPONENTS))
    def _check_qsr_health_weights(self):
        Health = self.env["qsr.account.health"]
        for settings in self:
            try:
                Health._check_weights(
                    {key: settings[f"qsr_health_weight_{key}"] for key in COMPONENTS}
                )
            except UserError as error:
                raise ValidationError(error.args[0]) from error

    @api.constrains("qsr_distress_threshold", "qsr_priority_threshold")
    def _check_qsr_class_thresholds(self):
        for settings in self:
            if not 0 <= settings.qsr_distress_threshold <= 1:
                raise ValidationError(
                    self.env._("The distress threshold is a share, from 0 to 1.")
                )
            if not 0 <= settings.qsr_priority_threshold <= 100:
                raise ValidationError(
                    self.env._("The priority threshold is a share of 100 points.")
                )

    # CRUD

    def set_values(self):
        """Keep a weight of 0 as "0": Odoo drops a zero setting, and the
        weight would fall back to its default."""
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for key in COMPONENTS:
            if not self[f"qsr_health_weight_{key}"]:
                params.set_param(WEIGHT_PARAM % key, "0")
        return result
