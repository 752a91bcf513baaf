from odoo import api, fields, models

from .qsr_wave import WAVE_PERIODS
from .res_partner import DEFAULT_LEVEL_WEIGHTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qsr_weight_executive = fields.Integer(
        string="Executive Weight",
        config_parameter="qsr_review.weight_executive",
        default=DEFAULT_LEVEL_WEIGHTS["executive"],
    )
    qsr_weight_senior = fields.Integer(
        string="Senior Decision Maker Weight",
        config_parameter="qsr_review.weight_senior",
        default=DEFAULT_LEVEL_WEIGHTS["senior"],
    )
    qsr_weight_influencer = fields.Integer(
        string="Influencer Weight",
        config_parameter="qsr_review.weight_influencer",
        default=DEFAULT_LEVEL_WEIGHTS["influencer"],
    )
    qsr_weight_operational = fields.Integer(
        string="Operational User Weight",
        config_parameter="qsr_review.weight_operational",
        default=DEFAULT_LEVEL_WEIGHTS["operational"],
    )
    qsr_cadence_lead_days = fields.Integer(
        string="Plan Reviews Days Ahead",
        config_parameter="qsr_review.cadence_lead_days",
        default=30,
    )
    qsr_wave_period = fields.Selection(
        WAVE_PERIODS,
        string="Review Waves",
        config_parameter="qsr_review.wave_period",
        default="quarter",
        help="A review planned on a date no wave covers gets the wave of this "
        "length that holds the date, created as needed.",
    )
    qsr_publish_at_compile = fields.Boolean(
        string="Publish Results at Compile Results",
        config_parameter="qsr_review.publish_at_compile",
        help="Account managers may publish a review's results to the customer "
        "as soon as they are compiled, before the meeting where they are "
        "presented.",
    )

    @api.model
    def _qsr_level_weights(self):
        """The influence weight of each contact level, as configured."""
        get_param = self.env["ir.config_parameter"].sudo().get_param
        return {
            level: int(get_param(f"qsr_review.weight_{level}", default))
            for level, default in DEFAULT_LEVEL_WEIGHTS.items()
        }
