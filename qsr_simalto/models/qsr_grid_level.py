from odoo import api, fields, models


class QsrGridLevel(models.Model):
    _name = "qsr.grid.level"
    _inherit = ["qsr.grid.engine.mixin"]
    _description = "Simalto Grid Level"
    _order = "attribute_id, sequence, id"
    _frozen_fields = ("attribute_id", "sequence", "cost", "price_change")

    attribute_id = fields.Many2one(
        "qsr.grid.attribute", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10, help="Levels go from worst to best.")
    name = fields.Char(
        string="Specification",
        required=True,
        translate=True,
        help="A concrete, observable specification, e.g. '98% of orders in full'.",
    )
    cost = fields.Float(
        help="Cumulative cost in points from the zero level; negative below it."
    )
    price_change = fields.Float(
        string="Price Change (%)",
        help="On the price row: the change of the price the account pays "
        "today, in percent (+5 a rise, -3 a cut, 0 'as now'). Ignored on the "
        "other rows.",
    )
    supplier_cost = fields.Float(
        groups="qsr_review.group_qsr_user",
        help="What providing this level costs us per account and year, in the "
        "company currency (optional, internal). Package planning can then take "
        "a budget in money and show a package's yearly cost against the "
        "willingness to pay it covers.",
    )
    position = fields.Integer(
        compute="_compute_position",
        store=True,
        help="1 for the worst level of the attribute.",
    )

    @api.depends("attribute_id.level_ids.sequence")
    def _compute_position(self):
        for level in self:
            siblings = list(level.attribute_id.level_ids.sorted())
            level.position = siblings.index(level) + 1 if level in siblings else 0

    @api.constrains("cost", "sequence")
    def _check_cost_rises(self):
        self.attribute_id._check_costs_rise()

    @api.constrains("cost", "sequence", "price_change")
    def _check_price_change(self):
        self.attribute_id._check_price_levels()

    # business

    def _engine_grids(self):
        return self.attribute_id.grid_id
