from odoo import fields, models


class QsrGridArea(models.Model):
    _name = "qsr.grid.area"
    _inherit = ["qsr.grid.engine.mixin"]
    _description = "Simalto Grid Area"
    _order = "grid_id, sequence, id"
    _frozen_fields = ("grid_id", "sequence")

    grid_id = fields.Many2one("qsr.grid", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    attribute_ids = fields.One2many(
        "qsr.grid.attribute", "area_id", string="Attributes", copy=True
    )
