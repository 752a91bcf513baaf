from odoo import api, fields, models


class QsrPortfolioReportWizard(models.TransientModel):
    _name = "qsr.portfolio.report.wizard"
    _description = "QSR Portfolio Priority Matrix"

    wave_id = fields.Many2one(
        "qsr.wave",
        required=True,
        default=lambda self: self._default_wave_id(),
        help="The wave whose submitted grids the matrix covers.",
    )

    @api.model
    def _default_wave_id(self):
        """The latest wave with submitted grids, else the latest one started."""
        Wave = self.env["qsr.wave"]
        answered = self.env["qsr.report.response.line"]._read_group(
            [("wave_id", "!=", False)], ["wave_id"]
        )
        waves = Wave.union(*(wave for (wave,) in answered))
        return waves.sorted()[:1] or Wave.search(
            [("date_start", "<=", fields.Date.context_today(self))], limit=1
        )

    def action_print(self):
        self.ensure_one()
        report = self.env.ref("qsr_reporting.action_report_qsr_portfolio_xlsx")
        action = report.report_action(self.wave_id, config=False)
        action["close_on_report_download"] = True
        return action
