from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QsrGridAttribute(models.Model):
    _name = "qsr.grid.attribute"
    _inherit = ["qsr.grid.engine.mixin"]
    _description = "Simalto Grid Attribute"
    _order = "area_sequence, sequence, id"
    _frozen_fields = ("area_id", "sequence", "allow_reduction", "is_price")

    area_id = fields.Many2one(
        "qsr.grid.area", required=True, ondelete="cascade", index=True
    )
    grid_id = fields.Many2one(related="area_id.grid_id", store=True, index=True)
    area_sequence = fields.Integer(
        related="area_id.sequence", string="Area Sequence", store=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    aspect_id = fields.Many2one(
        "qsr.service.aspect",
        string="Service Aspect",
        index=True,
        copy=False,
        ondelete="restrict",
        help="What the row measures, kept across the versions of the grid: "
        "trends follow it from version to version. A row created without one, "
        "or copied into another grid, starts a new aspect of its name.",
    )
    description = fields.Text(translate=True)
    allow_reduction = fields.Boolean(
        string="Reductions Allowed",
        help="Respondents may move this row down, never below their acceptable "
        "level, to release points.",
    )
    is_price = fields.Boolean(
        string="Price Row",
        help="The row of price changes: its levels are changes of the price the "
        "account pays today, from the highest price to the lowest, with 'as "
        "now' at cost 0. Respondents trade price against service on it; it "
        "prices what they buy on the other rows (willingness to pay).",
    )
    level_ids = fields.One2many(
        "qsr.grid.level", "attribute_id", string="Levels", copy=True
    )
    level_count = fields.Integer(compute="_compute_level_count")

    # compute

    @api.depends("level_ids")
    def _compute_level_count(self):
        for attribute in self:
            attribute.level_count = len(attribute.level_ids)

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("aspect_id") and vals.get("name"):
                vals["aspect_id"] = (
                    self.env["qsr.service.aspect"].create({"name": vals["name"]}).id
                )
        return super().create(vals_list)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if self.env.context.get("qsr_new_version"):
            for attribute, vals in zip(self, vals_list, strict=True):
                vals["aspect_id"] = attribute.aspect_id.id
        return vals_list

    # constraints

    @api.constrains("level_ids")
    def _check_levels(self):
        for attribute in self:
            if not 2 <= len(attribute.level_ids) <= 6:
                raise ValidationError(
                    self.env._(
                        "Attribute %(attribute)s needs 2 to 6 levels, not %(count)s.",
                        attribute=attribute.name,
                        count=len(attribute.level_ids),
                    )
                )
        self._check_costs_rise()

    def _check_costs_rise(self):
        for attribute in self:
            costs = attribute.level_ids.sorted().mapped("cost")
            if any(low >= high for low, high in pairwise(costs)):
                raise ValidationError(
                    self.env._(
                        "The costs of attribute %(attribute)s must rise with its "
                        "levels, from worst to best.",
                        attribute=attribute.name,
                    )
                )
