from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.qsr_simalto.analysis import simalto_engine

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

    # constraints

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
