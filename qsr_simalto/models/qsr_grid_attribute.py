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
        compute="_compute_allow_reduction",
        store=True,
        readonly=False,
        precompute=True,
        help="Respondents may move this row down, never below their acceptable "
        "level, to release points. Always allowed on the price row: accepting "
        "a price rise releases points.",
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

    @api.depends("is_price")
    def _compute_allow_reduction(self):
        for attribute in self:
            attribute.allow_reduction = attribute.is_price or attribute.allow_reduction

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

    @api.constrains("is_price", "allow_reduction", "level_ids", "area_id")
    def _check_price_row(self):
        """The price row of SIMALTO.md: one per grid at most, reductions
        allowed, its levels from the highest price to the lowest with an "as
        now" level (no change, cost 0)."""
        for attribute in self.filtered("is_price"):
            others = self.search(
                [
                    ("grid_id", "=", attribute.grid_id.id),
                    ("is_price", "=", True),
                    ("id", "!=", attribute.id),
                ],
                limit=1,
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Grid %(grid)s has one price row at most: %(row)s already "
                        "is its price row.",
                        grid=attribute.grid_id.display_name,
                        row=others[0].name,
                    )
                )
            if not attribute.allow_reduction:
                raise ValidationError(
                    self.env._(
                        "The price row %s must allow reductions: accepting a price "
                        "rise moves it down and releases points.",
                        attribute.name,
                    )
                )
            if not attribute.level_ids.filtered(
                lambda level: not level.price_change and not level.cost
            ):
                raise ValidationError(
                    self.env._(
                        "The price row %s needs an 'as now' level: a price change "
                        "of 0%% at a cost of 0 points.",
                        attribute.name,
                    )
                )
        self._check_price_levels()

    def _check_price_levels(self):
        """What holds for any of the levels of a price row, complete or not:
        prices fall from the worst level to the best, and the level without a
        price change costs nothing."""
        for attribute in self.filtered("is_price"):
            levels = attribute.level_ids.sorted()
            changes = levels.mapped("price_change")
            if any(high <= low for high, low in pairwise(changes)):
                raise ValidationError(
                    self.env._(
                        "The levels of the price row %(attribute)s go from the "
                        "highest price to the lowest: their price changes must "
                        "fall from worst to best (%(changes)s).",
                        attribute=attribute.name,
                        changes=", ".join(f"{change:+g}%" for change in changes),
                    )
                )
            if any(not level.price_change and level.cost for level in levels):
                raise ValidationError(
                    self.env._(
                        "On the price row %s, the 'as now' level (no price "
                        "change) costs 0 points: the other levels' costs count "
                        "from it.",
                        attribute.name,
                    )
                )

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
