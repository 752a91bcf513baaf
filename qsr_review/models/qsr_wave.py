from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
        """The wave that covers a date, if any."""
        return self.search(
            [("date_start", "<=", date), ("date_end", ">=", date)], limit=1
        )

    # actions

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_review.qsr_review_action"
        )
        action["domain"] = [("wave_id", "=", self.id)]
        action["context"] = {"default_wave_id": self.id}
        return action
