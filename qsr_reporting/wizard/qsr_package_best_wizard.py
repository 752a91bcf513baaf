from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from odoo.addons.qsr_simalto.analysis import package_planner

OBJECTIVES = [
    ("rows_acceptable", "Rows acceptable"),
    ("acceptable_share", "Everything acceptable"),
    ("wtp", "Willingness to pay"),
]


class QsrPackageBestWizard(models.TransientModel):
    """Find the best package within a budget (SIMALTO.md, "Best package
    within a budget"): the levels of the rows it may change that maximise the
    objective over the answers in the package's scope, each row at or above
    its typical level, for a cost within the budget."""

    _name = "qsr.package.best.wizard"
    _description = "Find the Best Package"

    package_id = fields.Many2one("qsr.package", required=True, ondelete="cascade")
    grid_id = fields.Many2one(related="package_id.grid_id")
    currency_id = fields.Many2one(related="package_id.currency_id")
    budget = fields.Float(
        default=30.0,
        required=True,
        help="What the package may cost over the typical levels: points, or "
        "money per account and year.",
    )
    has_supplier_cost = fields.Boolean(compute="_compute_has_supplier_cost")
    budget_unit = fields.Selection(
        [("points", "Points"), ("money", "Money per Account and Year")],
        string="Unit",
        default="points",
        required=True,
        help="Money: the budget is in the levels' supplier costs (grids with "
        "supplier costs only).",
    )
    objective = fields.Selection(
        OBJECTIVES,
        default="rows_acceptable",
        required=True,
        help="Rows acceptable: the weighted mean share of rows at or above "
        "each respondent's acceptable level. Everything acceptable: the "
        "weighted share of respondents with every row acceptable. Willingness "
        "to pay: what the respondents whose chosen level the package reaches "
        "would pay for it (grids with a price row).",
    )
    attribute_ids = fields.Many2many(
        "qsr.grid.attribute",
        string="Rows It May Change",
        compute="_compute_attribute_ids",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('grid_id', '=', grid_id), ('is_price', '=', False)]",
        help="The other rows stay at their typical level, and still count.",
    )

    # compute

    @api.depends("package_id")
    def _compute_has_supplier_cost(self):
        for wizard in self:
            levels = wizard.package_id.grid_id.sudo().attribute_ids.level_ids
            wizard.has_supplier_cost = any(levels.mapped("supplier_cost"))

    @api.depends("package_id")
    def _compute_attribute_ids(self):
        for wizard in self:
            wizard.attribute_ids = wizard.package_id.line_ids.attribute_id

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # it writes the package's levels: only for whoever may
        wizards.package_id.check_access("write")
        return wizards

    # actions

    def action_apply(self):
        """Set the package's levels to the best package, store why and say it
        in the package's chatter."""
        self.ensure_one()
        package = self.package_id
        if self.budget < 0:
            raise UserError(self.env._("The budget cannot be negative."))
        if not self.attribute_ids:
            raise UserError(self.env._("Choose the rows the package may change."))
        if self.budget_unit == "money" and not self.has_supplier_cost:
            raise UserError(
                self.env._(
                    "The grid's levels have no supplier cost: give the budget "
                    "in points."
                )
            )
        responses = package._scope_responses()
        if not responses:
            raise UserError(
                self.env._(
                    "Nobody in the package's scope has submitted answers to "
                    "this grid: there is nothing to optimise for."
                )
            )
        levels, attributes, budgets, people, lines = package._engine_frames(responses)
        try:
            best = package_planner.best_package(
                levels,
                attributes,
                people,
                lines,
                budgets,
                self.budget,
                objective=self.objective,
                rows=self.attribute_ids.ids,
                cost_column="supplier_cost" if self.budget_unit == "money" else "cost",
            )
        except ValueError as error:
            raise UserError(str(error)) from error
        for line in package.line_ids:
            level_id = best.package.get(line.attribute_id.id)
            if level_id and level_id != line.level_id.id:
                line.with_context(qsr_package_updating=True).level_id = level_id
        explanation = self._explanation(best)
        package.explanation = explanation
        package._update_figures()
        package.message_post(body=explanation)
        return {"type": "ir.actions.act_window_close"}

    # business

    def _format_cost(self, value):
        if self.budget_unit == "money":
            return format_amount(self.env, value, self.currency_id)
        return self.env._("%(points)g points", points=value)

    def _format_value(self, value):
        if self.objective == "wtp":
            return format_amount(self.env, value, self.currency_id)
        return f"{100 * value:.1f}%"

    def _explanation(self, best):
        """Each changed row with its cost and its contribution, and the next
        best move that did not fit, as HTML."""
        Level = self.env["qsr.grid.level"]
        Attribute = self.env["qsr.grid.attribute"]
        labels = dict(self._fields["objective"]._description_selection(self.env))
        parts = [
            Markup("<p>%s</p>")
            % self.env._(
                "Best package for %(objective)s within %(budget)s: %(value)s, "
                "at a cost of %(cost)s over the typical levels.",
                objective=labels[self.objective].lower(),
                budget=self._format_cost(self.budget),
                value=self._format_value(best.value),
                cost=self._format_cost(best.cost),
            )
        ]
        if len(best.changes):
            items = [
                Markup("<li>%s</li>")
                % self.env._(
                    "%(row)s: %(typical)s to %(level)s, cost %(cost)s, "
                    "contribution %(gain)s",
                    row=Attribute.browse(int(change.attribute_id)).name,
                    typical=Level.browse(int(change.typical_level_id)).name,
                    level=Level.browse(int(change.level_id)).name,
                    cost=self._format_cost(change.cost),
                    gain=self._format_value(change.contribution),
                )
                for change in best.changes.itertuples(index=False)
            ]
            parts.append(Markup("<ul>%s</ul>") % Markup("").join(items))
        else:
            parts.append(
                Markup("<p>%s</p>")
                % self.env._("No change to the typical levels does better.")
            )
        alternative = best.alternative
        if alternative:
            parts.append(
                Markup("<p>%s</p>")
                % self.env._(
                    "Next best move that did not fit: %(row)s to %(level)s, "
                    "%(cost)s more for %(gain)s, %(over)s over the budget.",
                    row=Attribute.browse(int(alternative["attribute_id"])).name,
                    level=Level.browse(int(alternative["level_id"])).name,
                    cost=self._format_cost(alternative["cost"]),
                    gain=self._format_value(alternative["gain"]),
                    over=self._format_cost(alternative["over_budget"]),
                )
            )
        else:
            parts.append(
                Markup("<p>%s</p>")
                % self.env._("No further move would improve the package.")
            )
        return Markup("").join(parts)
