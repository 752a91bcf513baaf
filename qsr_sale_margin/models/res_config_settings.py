from odoo import api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_PROFITABLE_MARGIN = 25.0
DEFAULT_COULD_BE_MARGIN = 10.0


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    qsr_profitable_margin = fields.Float(
        string="Profitable From (Margin %)",
        config_parameter="qsr_sale_margin.profitable_margin",
        default=DEFAULT_PROFITABLE_MARGIN,
        help="Accounts whose margin over the last 12 months is at least this "
        "share of their untaxed sales are profitable.",
    )
    qsr_could_be_margin = fields.Float(
        string="Could Become More Profitable From (Margin %)",
        config_parameter="qsr_sale_margin.could_be_margin",
        default=DEFAULT_COULD_BE_MARGIN,
        help="Accounts with at least this margin, but below the profitable "
        "one, could become more profitable; below it, they are unlikely to.",
    )

    # constraints

    @api.constrains("qsr_profitable_margin", "qsr_could_be_margin")
    def _check_qsr_margin_thresholds(self):
        for settings in self:
            if settings.qsr_could_be_margin > settings.qsr_profitable_margin:
                raise ValidationError(
                    self.env._(
                        "The margin from which an account could become more "
                        "profitable cannot exceed the margin from which it is "
                        "profitable."
                    )
                )

    # business

    def set_values(self):
        before = self._qsr_margin_thresholds()
        res = super().set_values()
        if self._qsr_margin_thresholds() != before:
            # whoever moves the thresholds sees the classes follow at once
            self.env["res.partner"]._qsr_compute_margins()
        return res

    @api.model
    def _qsr_margin_thresholds(self):
        """(profitable from, could become more profitable from), in percent
        of the untaxed sales, as configured."""
        get_param = self.env["ir.config_parameter"].sudo().get_param
        profitable = get_param(
            "qsr_sale_margin.profitable_margin", DEFAULT_PROFITABLE_MARGIN
        )
        could_be = get_param("qsr_sale_margin.could_be_margin", DEFAULT_COULD_BE_MARGIN)
        return float(profitable), float(could_be)
