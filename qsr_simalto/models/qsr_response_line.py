from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..analysis import simalto_engine


class QsrResponseLine(models.Model):
    _name = "qsr.response.line"
    _description = "Simalto Grid Response Line"
    _order = "response_id, attribute_sequence, id"

    response_id = fields.Many2one(
        "qsr.response", required=True, ondelete="cascade", index=True
    )
    attribute_id = fields.Many2one(
        "qsr.grid.attribute", required=True, ondelete="restrict", index=True
    )
    area_id = fields.Many2one(related="attribute_id.area_id", store=True)
    attribute_sequence = fields.Integer(
        compute="_compute_attribute_sequence", store=True
    )
    current_level_id = fields.Many2one("qsr.grid.level", string="Today")
    acceptable_level_id = fields.Many2one("qsr.grid.level", string="Acceptable")
    ideal_level_id = fields.Many2one("qsr.grid.level", string="Ideal")
    competitor_level_id = fields.Many2one("qsr.grid.level", string="Competitor")
    choice_ids = fields.One2many(
        "qsr.response.round.choice", "line_id", string="Levels After Each Round"
    )
    comment = fields.Text()

    # computed as SIMALTO.md says, by the Simalto engine
    final_level_id = fields.Many2one(
        "qsr.grid.level",
        string="After the Last Round",
        compute="_compute_metrics",
        store=True,
    )
    norm_current = fields.Float(
        compute="_compute_metrics", store=True, aggregator="avg"
    )
    norm_acceptable = fields.Float(
        compute="_compute_metrics", store=True, aggregator="avg"
    )
    norm_ideal = fields.Float(compute="_compute_metrics", store=True, aggregator="avg")
    norm_competitor = fields.Float(
        compute="_compute_metrics", store=True, aggregator="avg"
    )
    gap_steps = fields.Integer(compute="_compute_metrics", store=True)
    gap_points = fields.Float(compute="_compute_metrics", store=True)
    distress = fields.Boolean(compute="_compute_metrics", store=True)
    points_first_round = fields.Float(compute="_compute_metrics", store=True)
    points_total = fields.Float(
        string="Points Spent", compute="_compute_metrics", store=True
    )
    bought_first_round = fields.Boolean(compute="_compute_metrics", store=True)
    bought_any = fields.Boolean(string="Bought", compute="_compute_metrics", store=True)
    # what the trade-off is worth (SIMALTO.md, "Price row"): internal figures,
    # never shown to the customer
    currency_id = fields.Many2one(related="response_id.company_id.currency_id")
    wtp = fields.Monetary(
        string="Willingness to Pay",
        compute="_compute_wtp",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="What the points the respondent spent on this row are worth a year, "
        "at the grid's point value and the account's annual revenue when the "
        "review started collecting feedback. Not defined on the price row.",
    )
    price_rise = fields.Boolean(
        compute="_compute_wtp",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="On the price row: the respondent accepted a price rise, to buy "
        "service on other rows.",
    )

    _sql_constraints = [
        (
            "attribute_uniq",
            "UNIQUE(response_id, attribute_id)",
            "A response has one line per attribute.",
        ),
    ]

    # compute

    @api.depends("attribute_id.area_id.sequence", "attribute_id.sequence")
    def _compute_attribute_sequence(self):
        for line in self:
            line.attribute_sequence = (
                line.attribute_id.area_id.sequence * 1000 + line.attribute_id.sequence
            )

    @api.depends(
        "current_level_id",
        "acceptable_level_id",
        "ideal_level_id",
        "competitor_level_id",
        "choice_ids.level_id",
        "attribute_id.level_ids.cost",
        "attribute_id.level_ids.sequence",
    )
    def _compute_metrics(self):
        for grid, lines in self.grouped(lambda line: line.response_id.grid_id).items():
            if not grid:
                lines.final_level_id = False
                continue
            levels, budgets = grid._engine_levels(), grid._engine_budgets()
            frame = grid._engine_line_frame(lines)
            metrics = simalto_engine.line_metrics(levels, frame, budgets)
            metrics.index = frame["line_id"]
            final = (
                frame.set_index("line_id")[
                    [
                        "current_level_id",
                        *(f"round_{r}_level_id" for r in range(1, len(budgets) + 1)),
                    ]
                ]
                .astype(float)
                .ffill(axis=1)
                .iloc[:, -1]
            )
            # plain dicts: a pandas lookup per line costs more than the engine
            rows = metrics.to_dict("index")
            finals = final.to_dict()
            for line in lines:
                row = rows[line.id]
                line.final_level_id = _int(finals.get(line.id)) or False
                line.norm_current = _float(row["norm_current"])
                line.norm_acceptable = _float(row["norm_acceptable"])
                line.norm_ideal = _float(row["norm_ideal"])
                line.norm_competitor = _float(row["norm_competitor"])
                line.gap_steps = int(_float(row["gap_steps"]))
                line.gap_points = _float(row["gap_points"])
                line.distress = bool(row["distress"])
                line.points_first_round = _float(row.get("points_1"))
                line.points_total = _float(row["points_total"])
                line.bought_first_round = bool(row.get("bought_1", False))
                line.bought_any = bool(row["bought_any"])

    @api.depends(
        "points_total",
        "final_level_id.price_change",
        "attribute_id.is_price",
        "response_id.review_id.account_revenue",
    )
    def _compute_wtp(self):
        for grid, lines in self.grouped(lambda line: line.response_id.grid_id).items():
            value = grid._cached_point_value() if grid else 0.0
            for line in lines:
                is_price = line.attribute_id.is_price
                line.price_rise = is_price and line.final_level_id.price_change > 0
                line.wtp = (
                    0.0
                    if is_price
                    else max(0.0, line.points_total)
                    * value
                    / 100
                    * line.response_id.review_id.account_revenue
                )

    # business

    def _level_after(self, rnd):
        """The row's level after budget round ``rnd``: the level chosen in the
        latest round up to it, else today's level."""
        self.ensure_one()
        choices = self.choice_ids.filtered(lambda c: c.round_sequence <= rnd.sequence)
        return choices.sorted("round_sequence")[-1:].level_id or self.current_level_id

    def _set_round_level(self, rnd, level):
        """Move the row to ``level`` in round ``rnd``; later rounds that would
        now sit below it follow it up."""
        self.ensure_one()
        choice = self.choice_ids.filtered(lambda c: c.round_id == rnd)
        if choice:
            choice.level_id = level
        else:
            self.choice_ids = [
                fields.Command.create({"round_id": rnd.id, "level_id": level.id})
            ]
        later = self.choice_ids.filtered(
            lambda c: (
                c.round_sequence > rnd.sequence and c.level_id.position < level.position
            )
        )
        later.level_id = level

    # constraints

    @api.constrains(
        "attribute_id",
        "current_level_id",
        "acceptable_level_id",
        "ideal_level_id",
        "competitor_level_id",
    )
    def _check_levels_of_attribute(self):
        for line in self:
            for mark in simalto_engine.MARKS:
                level = line[f"{mark}_level_id"]
                if level and level.attribute_id != line.attribute_id:
                    raise ValidationError(
                        self.env._(
                            "%(attribute)s: %(level)s is not one of its levels.",
                            attribute=line.attribute_id.name,
                            level=level.name,
                        )
                    )


def _float(value):
    """0.0 for a missing figure (NaN or None)."""
    return 0.0 if value is None or value != value else float(value)


def _int(value):
    return 0 if value is None or value != value else int(value)
