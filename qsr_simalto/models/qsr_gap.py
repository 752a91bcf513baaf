from odoo import api, fields, models


class QsrGap(models.Model):
    _inherit = "qsr.gap"

    attribute_id = fields.Many2one("qsr.grid.attribute", index="btree_not_null")
    area_id = fields.Many2one(
        "qsr.grid.area",
        compute="_compute_area_id",
        store=True,
        readonly=False,
        precompute=True,
    )

    @api.depends("attribute_id")
    def _compute_area_id(self):
        for gap in self:
            gap.area_id = gap.attribute_id.area_id or gap.area_id
