from odoo import fields, models


class QsrGap(models.Model):
    _inherit = "qsr.gap"

    package_id = fields.Many2one(
        "qsr.package",
        ondelete="set null",
        index="btree_not_null",
        copy=False,
        help="The package this gap was proposed or planned from.",
    )
