from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

WAVE_PERIODS = [
    ("quarter", "Quarterly"),
    ("half", "Half-Yearly"),
    ("year", "Yearly"),
]
MONTHS = {"quarter": 3, "half": 6, "year": 12}


class QsrWave(models.Model):
    _name = "qsr.wave"
    _description = "Review Wave"
    _order = "date_start desc, id desc"

    name = fields.Char(required=True)
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    review_ids = fields.One2many("qsr.review", "wave_id", string="Reviews")
    review_count = fields.Integer(
        compute="_compute_review_count", string="Number of Reviews"
    )

    # compute

    @api.depends("review_ids")
    def _compute_review_count(self):
        counts = dict(
            self.env["qsr.review"]._read_group(
                [("wave_id", "in", self.ids)], ["wave_id"], ["__count"]
            )
        )
        for wave in self:
            wave.review_count = counts.get(wave, 0)

    # constraints

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for wave in self:
            if wave.date_end < wave.date_start:
                raise ValidationError(
                    self.env._("Wave %(wave)s ends before it starts.", wave=wave.name)
                )

    # business

    @api.model
    def _for_date(self, date):
        """The wave that covers a date; when none does, the wave of the
        configured period (Settings) that holds it, created."""
        wave = self.search(
            [("date_start", "<=", date), ("date_end", ">=", date)], limit=1
        )
        return wave or self.sudo().create(self._period_values(date)).sudo(False)

    @api.model
    def _period_values(self, date):
        period = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("qsr_review.wave_period", "quarter")
        )
        months = MONTHS.get(period, 3)
        start = Date(date.year, (date.month - 1) // months * months + 1, 1)
        name = {
            3: f"{date.year} Q{(start.month + 2) // 3}",
            6: f"{date.year} H{(start.month + 5) // 6}",
            12: f"{date.year}",
        }[months]
        return {
            "name": name,
            "date_start": start,
            "date_end": start + relativedelta(months=months, days=-1),
        }

    # actions

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("wave_id", "=", self.id)]
        action["context"] = {"default_wave_id": self.id}
        return action
