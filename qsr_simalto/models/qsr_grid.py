import logging
import uuid

import pandas as pd

from odoo import api, fields, models, tools
from odoo.exceptions import RedirectWarning, UserError, ValidationError
from odoo.tools import SQL

from ..analysis import simalto_engine
from .qsr_grid_engine_mixin import changing_frozen


class QsrGrid(models.Model):
    _name = "qsr.grid"
    _description = "Simalto Grid"
    _order = "name, version, id"
    # what enters a figure, frozen once the grid is answered (its parts have
    # their own, see qsr.grid.engine.mixin)
    _frozen_fields = ("ask_ideal", "ask_competitor")

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    version = fields.Integer(default=1, required=True, readonly=True, copy=False)
    previous_version_id = fields.Many2one(
        "qsr.grid",
        string="Replaces",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The version of the grid this one replaces.",
    )
    next_version_ids = fields.One2many(
        "qsr.grid",
        "previous_version_id",
        string="Replaced By",
        context={"active_test": False},
    )
    first_version_id = fields.Many2one(
        "qsr.grid",
        readonly=True,
        copy=False,
        index=True,
        help="The first version of this grid: answers to every version of a "
        "grid are compared with each other, never with another grid's.",
    )
    answered = fields.Boolean(
        compute="_compute_answered",
        help="A respondent has started or submitted this grid: what enters a "
        "figure is frozen; changes go into a new version.",
    )
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
    point_value = fields.Float(
        string="Point Value (%)",
        compute="_compute_point_value",
        help="What one point is worth, in percent of what the account pays: "
        "the price span of the price row over its cost span. Zero without a "
        "price row: then nothing is priced.",
    )
    engine_key = fields.Char(
        readonly=True,
        copy=False,
        help="Changes with every change to the grid's areas, attributes, levels "
        "or rounds: the key of the grid data cached for the Simalto engine.",
    )

    _sql_constraints = [
        (
            "previous_version_uniq",
            "UNIQUE(previous_version_id)",
            "A version of a grid is replaced by one new version at most.",
        ),
    ]

    # compute

    def _compute_answered(self):
        answered = self._answered_ids()
        for grid in self:
            grid.answered = grid.id in answered

    @api.depends("name", "version")
    def _compute_display_name(self):
        for grid in self:
            grid.display_name = (
                self.env._(
                    "%(name)s (version %(version)s)",
                    name=grid.name,
                    version=grid.version,
                )
                if grid.version > 1
                else grid.name
            )

    @api.depends("attribute_ids")
    def _compute_attribute_count(self):
        for grid in self:
            grid.attribute_count = len(grid.attribute_ids)

    @api.depends(
        "attribute_ids.is_price",
        "attribute_ids.level_ids.price_change",
        "attribute_ids.level_ids.cost",
        "attribute_ids.level_ids.sequence",
    )
    def _compute_point_value(self):
        for grid in self:
            value = simalto_engine.price_point_value(
                [
                    (level.price_change, level.cost)
                    for level in grid._price_attribute().level_ids.sorted()
                ]
            )
            grid.point_value = 0.0 if value != value else value

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

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        grids = super().create(vals_list)
        for grid in grids.filtered(lambda g: not g.first_version_id):
            grid.first_version_id = grid
        return grids

    def write(self, vals):
        changing_frozen(self, vals)._check_not_answered()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        if self._answered_ids():
            raise UserError(
                self.env._(
                    "An answered grid cannot be deleted: its answers and every "
                    "figure computed from them refer to it. Archive it instead."
                )
            )

    # actions

    def action_new_version(self):
        """A copy of this grid with the next version number, linked to it and
        with the same service aspect on every row, that reviews planned from
        now on use; this version is archived, its answers stay as they are."""
        self.ensure_one()
        if self.next_version_ids:
            raise UserError(
                self.env._(
                    "%(grid)s is already replaced by %(next)s: edit that version.",
                    grid=self.display_name,
                    next=self._latest_version().display_name,
                )
            )
        new = self.with_context(qsr_new_version=True).copy(
            {
                "version": self.version + 1,
                "previous_version_id": self.id,
                "first_version_id": self.first_version_id.id or self.id,
            }
        )
        self.active = False
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_simalto.qsr_grid_action"
        )
        action["domain"] = [("first_version_id", "=", self.first_version_id.id)]
        action["context"] = {"active_test": False}
        return action

    # business

    @api.model
    def _add_default_price_row(self, default=None):
        """Give the default QSR grid (or the grid ``default``) its price row,
        "Price you pay" (SIMALTO.md, "Price row"), once: in a new version when
        its latest version has been answered, so that the answers and figures
        of that version stay as they were, in place otherwise. Returns the
        version with the price row (none without the default grid). Called on
        install and by the 18.0.1.3.0 migration; a second call changes
        nothing."""
        default = default or self.env.ref(
            "qsr_simalto.grid_default", raise_if_not_found=False
        )
        if not default:
            return self.browse()
        grid = default.with_context(active_test=False)._latest_version()
        if grid._price_attribute():
            return grid
        if grid.answered:
            grid = grid.browse(grid.action_new_version()["res_id"])
        area = self.env["qsr.grid.area"].create(
            {
                "grid_id": grid.id,
                "sequence": max(grid.area_ids.mapped("sequence"), default=0) + 10,
                "name": self.env._("Price"),
            }
        )
        row = self.env["qsr.grid.attribute"].create(
            {
                "area_id": area.id,
                "sequence": 10,
                "name": self.env._("Price you pay"),
                "description": self.env._(
                    "The price you pay us, compared with today. Today is 'as "
                    "now' for everyone. Accepting a higher price releases points "
                    "to spend on other rows; a lower price costs points."
                ),
                "is_price": True,
                "allow_reduction": True,
                "level_ids": [
                    fields.Command.create(
                        {
                            "sequence": sequence,
                            "name": name,
                            "price_change": change,
                            "cost": cost,
                        }
                    )
                    for sequence, (name, change, cost) in enumerate(
                        [
                            (self.env._("10% more"), 10.0, -20.0),
                            (self.env._("5% more"), 5.0, -10.0),
                            (self.env._("As now"), 0.0, 0.0),
                            (self.env._("3% less"), -3.0, 12.0),
                            (self.env._("5% less"), -5.0, 25.0),
                        ],
                        start=1,
                    )
                ],
            }
        )
        # responses created but not started yet answer the new row too
        as_now = row.level_ids.filtered(lambda level: not level.price_change)
        responses = self.env["qsr.response"].search([("grid_id", "=", grid.id)])
        self.env["qsr.response.line"].create(
            [
                {
                    "response_id": response.id,
                    "attribute_id": row.id,
                    "current_level_id": as_now.id,
                }
                for response in responses
            ]
        )
        return grid

    def _answered_ids(self):
        """The ids of the grids of ``self`` that a respondent has started or
        submitted."""
        if not self.ids:
            return set()
        responses_sudo = self.env["qsr.response"].sudo()
        return {
            grid.id
            for [grid] in responses_sudo._read_group(
                [("grid_id", "in", self.ids), ("state", "!=", "new")], ["grid_id"]
            )
        }

    def _check_not_answered(self):
        """Refuse a change to what enters a figure of an answered grid, and
        offer a new version instead."""
        answered = self.browse(sorted(self._answered_ids()))
        if not answered:
            return
        grid = answered[0]
        refusal = RedirectWarning(
            self.env._(
                "%(grid)s has been answered: its rows, levels, costs, reductions "
                "and rounds are frozen so that the figures of its answers stay "
                "as they were. Wordings, descriptions and instructions remain "
                "editable. To change the grid itself, create a new version: "
                "reviews planned from then on use it.",
                grid=grid.display_name,
            ),
            self.env.ref("qsr_simalto.qsr_grid_action_new_version").id,
            self.env._("New Version"),
            {"active_id": grid.id, "active_ids": grid.ids, "active_model": self._name},
        )
        # a refusal shown to the user, not a server error: the web server logs
        # it at this level (as a warning, like a UserError) instead of ERROR
        refusal.loglevel = logging.WARNING
        raise refusal

    def _latest_version(self):
        """The latest version of each grid of ``self``."""
        latest = self.browse()
        for grid in self:
            while grid.next_version_ids:
                grid = grid.next_version_ids[0]
            latest |= grid
        return latest

    def _check_ready(self):
        """Everything a respondent needs: rounds, areas with attributes, and
        2 to 6 levels with rising costs on every attribute. Areas may stay
        empty while the grid is being built, not once it is sent out."""
        self._check_rounds()
        self.attribute_ids._check_levels()
        self.attribute_ids._check_price_row()
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

    def _cached_point_value(self):
        """``point_value``, cached per grid and ``engine_key`` like the
        engine's data (a change to a row or level renews the key): each save
        of a response prices its lines without reading the grid's rows."""
        self.ensure_one()
        if not isinstance(self.id, int):  # a new record in a form
            return self.point_value
        return self._point_value_cached(self.id, self.sudo().engine_key)

    @api.model
    @tools.ormcache("grid_id", "engine_key")
    def _point_value_cached(self, grid_id, engine_key):
        return self.browse(grid_id).sudo().point_value

    def _price_attribute(self):
        """The grid's price row, or an empty recordset."""
        self.ensure_one()
        return self.attribute_ids.filtered("is_price")[:1]

    def _price_level_as_now(self):
        """The level "as now" of the grid's price row (no price change), or an
        empty recordset: every respondent's level today on the price row."""
        self.ensure_one()
        return (
            self._price_attribute()
            .level_ids.filtered(lambda level: not level.price_change)
            .sorted()[:1]
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
        steps += [(f"round_{rnd.id}", rnd.name) for rnd in self._rounds_in_order()]
        steps.append(("review", self.env._("Review and Submit")))
        return steps

    def _engine_grid(self):
        """What the Simalto engine needs of this grid besides names, as tuples of
        plain values: (levels, attributes, rounds), with levels as
        ``(attribute_id, level_id, position, cost)``, attributes in grid order as
        ``(attribute_id, area_id, sequence, allow_reduction)`` and rounds in
        order as ``(round_id, budget)``. Cached per grid and ``engine_key``
        (every save and submit of a response checks it): a change to an area,
        attribute, level or round of the grid gives it a new key, which every
        worker reads with the grid; tuples, so no caller can change it."""
        self.ensure_one()
        if not isinstance(self.id, int):  # a new record in a form
            return self._read_engine_grid()
        return self._engine_grid_cached(self.id, self.sudo().engine_key)

    @api.model
    @tools.ormcache("grid_id", "engine_key")
    def _engine_grid_cached(self, grid_id, engine_key):
        return self.browse(grid_id)._read_engine_grid()

    def _renew_engine_key(self):
        """A key never used before, not even by a transaction rolled back
        since: what was cached under another key is not read again."""
        if self:
            self.engine_key = uuid.uuid4().hex

    def _read_engine_grid(self):
        # the same data whoever asks: the cache is shared by every user
        grid = self.sudo()
        # in their _order, sorted in Python: without a query, and right even
        # when a sequence was just changed in this transaction (the cached
        # one2many values keep their old order until then)
        rounds = grid.round_ids.sorted(lambda r: (r.sequence, r.id))
        attributes = grid.attribute_ids.sorted(
            lambda a: (a.area_sequence, a.sequence, a.id)
        )
        levels = tuple(
            (attribute.id, level.id, level.position, level.cost)
            for attribute in attributes
            for level in attribute.level_ids.sorted(lambda lv: (lv.sequence, lv.id))
        )
        attributes = tuple(
            (attribute.id, attribute.area_id.id, index, attribute.allow_reduction)
            for index, attribute in enumerate(attributes)
        )
        return levels, attributes, tuple((rnd.id, rnd.budget) for rnd in rounds)

    def _rounds_in_order(self):
        """The grid's rounds in their order, read without a search (their ids
        are cached with the engine's data)."""
        return self.env["qsr.grid.round"].browse(
            [round_id for round_id, _budget in self._engine_grid()[2]]
        )

    def _levels_in_order(self):
        """{attribute id: its levels, worst first}: the levels of every
        attribute of the grid, read in one query without a search."""
        levels = self._engine_grid()[0]
        records = self.env["qsr.grid.level"].browse([row[1] for row in levels])
        ids = {}
        for attribute_id, level_id, _position, _cost in levels:
            ids.setdefault(attribute_id, []).append(level_id)
        return {
            attribute_id: records.browse(level_ids).with_prefetch(records.ids)
            for attribute_id, level_ids in ids.items()
        }

    def _engine_levels(self):
        """The engine's levels frame (a new frame at each call)."""
        levels, _attributes, _rounds = self._engine_grid()
        return pd.DataFrame(levels, columns=simalto_engine.LEVEL_COLUMNS)

    def _engine_budgets(self):
        return [budget for _round_id, budget in self._engine_grid()[2]]

    def _engine_attributes(self):
        """The engine's attributes frame, with the names in the user's language."""
        _levels, attributes, _rounds = self._engine_grid()
        records = self.env["qsr.grid.attribute"].browse([row[0] for row in attributes])
        return pd.DataFrame(
            [
                (
                    attribute_id,
                    area_id,
                    record.area_id.name,
                    record.name,
                    sequence,
                    allow_reduction,
                )
                for (attribute_id, area_id, sequence, allow_reduction), record in zip(
                    attributes, records, strict=True
                )
            ],
            columns=simalto_engine.ATTRIBUTE_COLUMNS,
        )

    def _engine_line_rows(self, lines):
        """Per response line of this grid: (line id, response id, attribute id,
        the level ids of the marks, then the level id after each round in
        order), None where there is none."""
        round_ids = [round_id for round_id, _budget in self._engine_grid()[2]]
        rows = []
        for line in lines:
            after_round = {c.round_id.id: c.level_id.id for c in line.choice_ids}
            rows.append(
                (
                    line.id,
                    line.response_id.id,
                    line.attribute_id.id,
                    *(
                        line[f"{mark}_level_id"].id or None
                        for mark in simalto_engine.MARKS
                    ),
                    *(after_round.get(round_id) or None for round_id in round_ids),
                )
            )
        return rows

    def _engine_line_frame(self, lines):
        rounds = self._engine_grid()[2]
        return pd.DataFrame(
            self._engine_line_rows(lines),
            columns=[
                "line_id",
                "response_id",
                "attribute_id",
                *simalto_engine.level_columns(len(rounds)),
            ],
        )

    def _engine_frames(self, lines, with_responses=True):
        """The frames the Simalto engine takes, for response lines of this grid:
        (levels, attributes, budgets, responses, lines). Without
        ``with_responses``, the responses frame is left empty (the checks and
        line metrics do not use it; it reads every respondent's name)."""
        self.ensure_one()
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
            columns=simalto_engine.RESPONSE_COLUMNS,
        )
        return (
            self._engine_levels(),
            self._engine_attributes(),
            self._engine_budgets(),
            responses,
            self._engine_line_frame(lines),
        )

    def _engine_frames_bulk(self, responses):
        """The engine's frames over every line of ``responses`` (of this
        grid), read in three queries whatever their number, where
        ``_engine_frames`` reads records one by one: for the answers of many
        accounts at once. With the price columns (``price_change``,
        ``is_price``), the accounts' ``revenue`` and, when a level of the grid
        has one, ``supplier_cost``. Reads as superuser: the caller decides
        who may see the figures."""
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        levels = self._engine_levels()
        level_records = (
            self.env["qsr.grid.level"].sudo().browse(levels["level_id"].tolist())
        )
        levels["price_change"] = [
            level.price_change if level.attribute_id.is_price else float("nan")
            for level in level_records
        ]
        if any(level_records.mapped("supplier_cost")):
            levels["supplier_cost"] = level_records.mapped("supplier_cost")
        attributes = self._engine_attributes()
        attributes["is_price"] = (
            self.env["qsr.grid.attribute"]
            .sudo()
            .browse(attributes["attribute_id"].tolist())
            .mapped("is_price")
        )
        cr.execute(
            SQL(
                """SELECT r.id, COALESCE(NULLIF(r.weight, 0), 1), r.account_id,
                          r.partner_id, p.complete_name,
                          COALESCE(rv.account_revenue, 0)
                     FROM qsr_response r
                     JOIN res_partner p ON p.id = r.partner_id
                     JOIN qsr_review rv ON rv.id = r.review_id
                    WHERE r.id = ANY(%s)
                    ORDER BY r.id""",
                responses.ids,
            )
        )
        people = pd.DataFrame(
            cr.fetchall(), columns=[*simalto_engine.RESPONSE_COLUMNS, "revenue"]
        )
        people["revenue"] = people["revenue"].astype(float)
        rounds = self._engine_grid()[2]
        cr.execute(
            SQL(
                """SELECT l.id, l.response_id, l.attribute_id, %s
                     FROM qsr_response_line l
                     LEFT JOIN qsr_response_round_choice c ON c.line_id = l.id
                    WHERE l.response_id = ANY(%s)
                    GROUP BY l.id
                    ORDER BY l.id""",
                SQL(", ").join(
                    [
                        *(
                            SQL.identifier("l", f"{mark}_level_id")
                            for mark in simalto_engine.MARKS
                        ),
                        # the level after each round, in order
                        *(
                            SQL("MAX(c.level_id) FILTER (WHERE c.round_id = %s)", rid)
                            for rid, _budget in rounds
                        ),
                    ]
                ),
                responses.ids,
            )
        )
        lines = pd.DataFrame(
            cr.fetchall(),
            columns=[
                *("line_id", "response_id", "attribute_id"),
                *simalto_engine.level_columns(len(rounds)),
            ],
        )
        return levels, attributes, self._engine_budgets(), people, lines

    def _validate_lines(self, lines):
        """The Simalto engine's problems (``simalto_engine.Problem``) in the
        lines of ONE response of this grid."""
        self.ensure_one()
        levels, attributes, rounds = self._engine_grid()
        rows = self._engine_line_rows(lines)
        # the rows hold line, response and attribute ids, then these columns
        ids = {
            column: [row[3 + index] for row in rows]
            for index, column in enumerate(simalto_engine.level_columns(len(rounds)))
        }
        Attribute = self.env["qsr.grid.attribute"]
        return simalto_engine.check_rows(
            simalto_engine.level_ranks(levels),
            {attribute_id: reduce for attribute_id, _a, _s, reduce in attributes},
            [row[2] for row in rows],
            ids,
            [budget for _round_id, budget in rounds],
            lambda attribute_id: Attribute.browse(attribute_id).name,
        )
