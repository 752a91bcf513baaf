from odoo import fields, models


class QsrImprovement(models.Model):
    _inherit = "qsr.improvement"

    # the row of the grid the improvement fixes, across the grid's versions
    grid_id = fields.Many2one(
        "qsr.grid", tracking=True, help="The grid's first version."
    )
    aspect_id = fields.Many2one(
        "qsr.service.aspect", string="Row", tracking=True, index="btree_not_null"
    )
    package_id = fields.Many2one(
        "qsr.package",
        ondelete="set null",
        index="btree_not_null",
        copy=False,
        help="The package this improvement was planned from.",
    )
