from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qsr_reminder_days = fields.Integer(
        string="Remind After (Days)",
        config_parameter="qsr_simalto.reminder_days",
        default=7,
    )
