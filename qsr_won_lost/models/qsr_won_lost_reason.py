from odoo import fields, models

OUTCOMES = [("won", "Won"), ("lost", "Lost")]


class QsrWonLostReason(models.Model):
    _name = "qsr.won.lost.reason"
    _description = "Won/Lost Reason"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    applies_to = fields.Selection(
        [*OUTCOMES, ("both", "Won and Lost")],
        required=True,
        default="both",
        help="Offer this reason on won reviews, lost reviews or both.",
    )
    active = fields.Boolean(default=True)
