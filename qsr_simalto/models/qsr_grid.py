import pandas as pd

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MARKS = ("current", "acceptable", "ideal", "competitor")


class QsrGrid(models.Model):
    _name = "qsr.grid"
    _description = "Simalto Grid"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    instructions = fields.Html(
        translate=True, help="Shown to the respondent above the grid."
    )
    area_ids = fields.One2many("qsr.grid.area", "grid_id", string="Areas", copy=True)
    attribute_ids = fields.One2many(
        "qsr.grid.attribute", "grid_id", string="Attributes"
    )
    round_ids = fields.One2many(
        "qsr.grid.round", "grid_id", string="Budget Rounds", copy=True
    )
    ask_ideal = fields.Boolean(string="Ask Ideal Level", default=True)
    ask_competitor = fields.Boolean(string="Ask Competitor Level")
    attribute_count = fields.Integer(compute="_compute_attribute_count")
    total_budget = fields.Float(compute="_compute_total_budget", string="Total Points")

    # compute

    @api.depends("attribute_ids")
    def _compute_attribute_count(self):
        for grid in self:
            grid.attribute_count = len(grid.attribute_ids)

    @api.depends("round_ids.budget")
    def _compute_total_budget(self):
        for grid in self:
            grid.total_budget = sum(grid.round_ids.mapped("budget"))

    # constraints

    @api.constrains("round_ids")
    def _check_rounds(self):
        """Checked when the grid is edited, and before it is sent out (grids
        loaded from data files get their rounds afterwards)."""
        for grid in self:
            if not grid.round_ids:
                raise ValidationError(
                    self.env._("Grid %s needs at least one budget round.", grid.name)
                )

    # business

    def _check_ready(self):
        """Everything a respondent needs: rounds, areas with attributes, and
        2 to 6 levels with rising costs on every attribute. Areas may stay
        empty while the grid is being built, not once it is sent out."""
        self._check_rounds()
        self.attribute_ids._check_levels()
        for grid in self:
            empty = grid.area_ids.filtered(lambda area: not area.attribute_ids)
            if empty or not grid.attribute_ids:
                raise ValidationError(
                    self.env._(
                        "Every area of grid %(grid)s needs attributes "
                        "(%(area)s has none).",
                        grid=grid.name,
                        area=empty[:1].name or "-",
                    )
                )

    def _steps(self):
        """The respondent's steps through the grid, in order: (key, label)."""
        self.ensure_one()
        steps = [
            ("current", self.env._("Today")),
            ("acceptable", self.env._("Acceptable")),
        ]
        if self.ask_ideal:
            steps.append(("ideal", self.env._("Ideal")))
        if self.ask_competitor:
            steps.append(("competitor", self.env._("Competitor")))
        steps += [(f"round_{rnd.id}", rnd.name) for rnd in self.round_ids]
        steps.append(("review", self.env._("Review and Submit")))
        return steps

    def _engine_frames(self, lines, with_responses=True):
        """The frames the Simalto engine takes, for response lines of this grid:
        (levels, attributes, budgets, responses, lines). Without
        ``with_responses``, the responses frame is left empty (the checks and
        line metrics do not use it; it reads every respondent's name)."""
        self.ensure_one()
        # in their _order, without the query sorted() would run
        rounds = self.round_ids.sorted(lambda r: (r.sequence, r.id))
        levels = pd.DataFrame(
            [
                (level.attribute_id.id, level.id, level.position, level.cost)
                for level in self.attribute_ids.level_ids
            ],
            columns=["attribute_id", "level_id", "position", "cost"],
        )
        attributes = pd.DataFrame(
            [
                (
                    attribute.id,
                    attribute.area_id.id,
                    attribute.area_id.name,
                    attribute.name,
                    index,
                    attribute.allow_reduction,
                )
                for index, attribute in enumerate(self.attribute_ids)
            ],
            columns=[
                "attribute_id",
                "area_id",
                "area_name",
                "attribute_name",
                "sequence",
                "allow_reduction",
            ],
        )
        responses = pd.DataFrame(
            [
                (
                    response.id,
                    response.weight or 1,
                    response.account_id.id,
                    response.partner_id.id,
                    response.partner_id.display_name,
                )
                for response in (lines.response_id if with_responses else [])
            ],
            columns=["response_id", "weight", "account_id", "partner_id", "name"],
        )
        round_columns = [f"round_{r}_level_id" for r in range(1, len(rounds) + 1)]
        line_rows = []
        for line in lines:
            after_round = {c.round_id: c.level_id.id for c in line.choice_ids}
            line_rows.append(
                [
                    line.id,
                    line.response_id.id,
                    line.attribute_id.id,
                    *(line[f"{mark}_level_id"].id or None for mark in MARKS),
                    *(after_round.get(rnd) or None for rnd in rounds),
                ]
            )
        line_frame = pd.DataFrame(
            line_rows,
            columns=[
                "line_id",
                "response_id",
                "attribute_id",
                *(f"{mark}_level_id" for mark in MARKS),
                *round_columns,
            ],
        )
        budgets = rounds.mapped("budget")
        return levels, attributes, budgets, responses, line_frame
