from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qsr_won_lost_review_threshold = fields.Float(
        string="Review Opportunities From",
        config_parameter="qsr_won_lost.review_threshold",
        help="A won or lost opportunity of any company, with a tier or not, whose "
        "expected revenue is at least this amount (in the opportunity's company "
        "currency) gets a won/lost review proposed. 0: only the opportunities "
        "of key accounts do.",
    )

    @api.model
    def _qsr_won_lost_review_threshold(self):
        """The expected revenue from which any company's opportunity gets a
        won/lost review; 0 when not set or not a number."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("qsr_won_lost.review_threshold", "0")
        )
        try:
            return max(float(value), 0.0)
        except ValueError:
            return 0.0
