from odoo import fields, models


class QsrGridRound(models.Model):
    _name = "qsr.grid.round"
    _inherit = ["qsr.grid.engine.mixin"]
    _description = "Simalto Grid Budget Round"
    _order = "grid_id, sequence, id"
    _frozen_fields = ("grid_id", "sequence", "budget")

    grid_id = fields.Many2one("qsr.grid", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    budget = fields.Float(
        string="Points Added",
        required=True,
        help="Points this round adds to the budget.",
    )

    _sql_constraints = [
        ("budget_positive", "CHECK(budget > 0)", "A round must add points."),
    ]
