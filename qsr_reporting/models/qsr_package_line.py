from odoo import api, fields, models
from odoo.exceptions import ValidationError


class QsrPackageLine(models.Model):
    """One row of a package: the level the package offers on a row of the
    grid, beside the typical, weighted acceptable and weighted bought levels
    of the answers in the package's scope, and who is still in distress at
    the package's level."""

    _name = "qsr.package.line"
    _description = "Service Package Row"
    _order = "package_id, sequence, id"

    package_id = fields.Many2one(
        "qsr.package", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="package_id.company_id", store=True)
    currency_id = fields.Many2one(related="package_id.currency_id")
    sequence = fields.Integer(readonly=True, help="The row's place in the grid.")
    attribute_id = fields.Many2one(
        "qsr.grid.attribute",
        string="Row",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    level_id = fields.Many2one(
        "qsr.grid.level",
        string="Package Level",
        required=True,
        ondelete="restrict",
        domain="[('attribute_id', '=', attribute_id)]",
        help="The level the package offers on the row.",
    )
    typical_level_id = fields.Many2one(
        "qsr.grid.level",
        string="Typical",
        readonly=True,
        help="The lower weighted median of the levels the respondents in "
        "scope receive today: what the package's cost counts from.",
    )
    acceptable_level_id = fields.Many2one(
        "qsr.grid.level",
        string="Acceptable",
        readonly=True,
        help="The lower weighted median of the respondents' acceptable levels.",
    )
    bought_level_id = fields.Many2one(
        "qsr.grid.level",
        string="Bought",
        readonly=True,
        help="The lower weighted median of the levels the respondents chose "
        "after the last budget round.",
    )
    is_changed = fields.Boolean(
        string="Changed",
        compute="_compute_is_changed",
        store=True,
        help="The package's level differs from the typical level.",
    )
    cost = fields.Float(
        compute="_compute_cost",
        store=True,
        help="Points of the package's level over the typical level.",
    )
    supplier_cost = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="What the package's level costs us over the typical level, per "
        "account and year (the levels' supplier costs; none set counts 0).",
    )
    distress_share = fields.Float(
        string="Distress",
        readonly=True,
        help="Weighted share of the respondents in scope whose acceptable "
        "level is above the package's level.",
    )
    distress_partner_ids = fields.Many2many(
        "res.partner",
        "qsr_package_line_distress_partner_rel",
        "line_id",
        "partner_id",
        string="Still in Distress",
        readonly=True,
        help="The accounts with at least one respondent whose acceptable "
        "level is above the package's level.",
    )
    wtp_covered = fields.Monetary(
        string="WTP Covered",
        readonly=True,
        currency_field="currency_id",
        groups="qsr_review.group_qsr_user",
        help="The willingness to pay the package's level covers on the row, "
        "summed over the accounts in scope: what their respondents whose level "
        "after the last round it reaches spent on the row is worth a year.",
    )

    # compute

    @api.depends("level_id", "typical_level_id")
    def _compute_is_changed(self):
        for line in self:
            line.is_changed = bool(
                line.typical_level_id and line.level_id != line.typical_level_id
            )

    @api.depends("level_id.cost", "typical_level_id.cost")
    def _compute_cost(self):
        for line in self:
            line.cost = (
                line.level_id.cost - line.typical_level_id.cost
                if line.typical_level_id
                else 0.0
            )

    # constraints

    @api.constrains("level_id", "attribute_id")
    def _check_level_of_row(self):
        for line in self:
            if line.level_id.attribute_id != line.attribute_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the row %(row)s.",
                        level=line.level_id.name,
                        row=line.attribute_id.name,
                    )
                )

    # CRUD

    def write(self, vals):
        result = super().write(vals)
        if "level_id" in vals and not self.env.context.get("qsr_package_updating"):
            self.package_id._update_figures()
        return result
