from odoo import fields, models


class QsrResponseRoundChoice(models.Model):
    _name = "qsr.response.round.choice"
    _description = "Level Chosen in a Budget Round"
    _order = "line_id, round_sequence, id"

    line_id = fields.Many2one(
        "qsr.response.line", required=True, ondelete="cascade", index=True
    )
    round_id = fields.Many2one("qsr.grid.round", required=True, ondelete="cascade")
    round_sequence = fields.Integer(related="round_id.sequence", store=True)
    level_id = fields.Many2one(
        "qsr.grid.level", string="Level After the Round", required=True
    )

    _sql_constraints = [
        (
            "round_uniq",
            "UNIQUE(line_id, round_id)",
            "A row has one level per budget round.",
        ),
    ]
