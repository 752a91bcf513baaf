from odoo import api, fields, models


class QsrReviewParticipant(models.Model):
    _inherit = "qsr.review.participant"

    response_ids = fields.One2many("qsr.response", "participant_id")
    response_id = fields.Many2one(
        "qsr.response", string="Grid", compute="_compute_response"
    )
    response_state = fields.Selection(
        lambda self: self.env["qsr.response"]._fields["state"].selection,
        string="Grid Status",
        compute="_compute_response",
    )

    @api.depends("response_ids.state")
    def _compute_response(self):
        for participant in self:
            participant.response_id = participant.response_ids[:1]
            participant.response_state = participant.response_id.state

    def action_open_grid(self):
        """Interview mode: fill the contact's grid in during the meeting."""
        self.ensure_one()
        response = self.response_id or self.review_id._create_responses(self)
        return response.action_open_grid()
