import zlib

import numpy as np
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..analysis import simalto_engine
from ..analysis.simulation import simulate_respondent

GRID_TYPES = ("simalto", "value_survey")
TOP_PRIORITIES = 5


class QsrReview(models.Model):
    _inherit = "qsr.review"

    grid_id = fields.Many2one(
        "qsr.grid",
        compute="_compute_grid_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    response_ids = fields.One2many("qsr.response", "review_id", string="Responses")
    response_count = fields.Integer(compute="_compute_response_count")
    submitted_count = fields.Integer(compute="_compute_response_count")
    analysis_html = fields.Html(
        string="Results", compute="_compute_analysis_html", sanitize=False
    )

    # compute

    @api.depends("review_type", "previous_review_id")
    def _compute_grid_id(self):
        """The latest version of the grid of the review this one follows, so
        that the account's waves stay comparable; else of the default grid."""
        default = self._default_grid()
        for review in self:
            previous = review.previous_review_id
            if review.review_type not in GRID_TYPES:
                review.grid_id = False
            elif not review.grid_id:
                same_tool = previous.review_type == review.review_type
                review.grid_id = (
                    previous.grid_id._latest_version() if same_tool else default
                ) or default

    @api.depends("response_ids.state")
    def _compute_response_count(self):
        for review in self:
            review.response_count = len(review.response_ids)
            review.submitted_count = len(
                review.response_ids.filtered(lambda r: r.state == "submitted")
            )

    @api.depends("response_ids.state", "response_ids.line_ids.points_total")
    def _compute_analysis_html(self):
        for review in self:
            analysis = review._analysis()
            review.analysis_html = (
                self.env["ir.qweb"]._render(
                    "qsr_simalto.review_analysis", {"review": review, **analysis}
                )
                if analysis
                else False
            )

    # business

    def _on_stage_reached(self):
        """Reviews with a grid that reach feedback collection: the responses of
        all their participants are created and invited at once."""
        result = super()._on_stage_reached()
        collecting = self.filtered(
            lambda r: r.stage == "collect" and r.review_type in GRID_TYPES
        )
        if any(not review.grid_id for review in collecting):
            raise UserError(self.env._("Choose the grid the participants will answer."))
        for grid in collecting.grid_id:
            grid._check_ready()
        if collecting:
            collecting._create_responses(
                collecting.participant_ids.filtered(lambda p: not p.response_ids)
            )._send_invitations()
        return result

    def _create_responses(self, participants):
        """A response of each participant (of a review of ``self``) to the grid
        of their review."""
        return self.env["qsr.response"].create(
            [
                {
                    "review_id": participant.review_id.id,
                    "participant_id": participant.id,
                    "grid_id": participant.review_id.grid_id.id,
                }
                for participant in participants
            ]
        )

    def _analysis(self):
        """The engine's results over the submitted responses, or {} when none:
        attributes (with priority index and distress), top priorities, rows in
        distress and figures per respondent."""
        self.ensure_one()
        submitted = self.response_ids.filtered(lambda r: r.state == "submitted")
        if not submitted or not self.grid_id:
            return {}
        frames = self.grid_id._engine_frames(submitted.line_ids)
        levels, attributes, budgets, responses, lines = frames
        summary = simalto_engine.attribute_summary(
            levels, attributes, responses, lines, budgets
        )
        people = simalto_engine.respondent_metrics(
            levels, attributes, responses, lines, budgets
        )
        ranked = summary.sort_values("priority_index", ascending=False)
        distress = summary[summary["distress_share"] > 0].sort_values(
            "distress_share", ascending=False
        )
        by_response = {r.id: r for r in submitted}
        return {
            "summary": summary,
            "top": ranked[ranked["priority_index"] > 0].head(TOP_PRIORITIES),
            "distress": distress,
            "people": [
                (by_response[row.response_id], row)
                for row in people.itertuples(index=False)
            ],
            "comments": submitted.line_ids.filtered("comment"),
        }

    def action_propose_gaps(self):
        """A gap for each top priority and each row in distress, once."""
        for review in self:
            analysis = review._analysis()
            if not analysis:
                raise UserError(self.env._("No grid has been submitted yet."))
            rows = (
                analysis["summary"]
                .set_index("attribute_id")
                .loc[
                    list(
                        dict.fromkeys(
                            [
                                *analysis["top"]["attribute_id"],
                                *analysis["distress"]["attribute_id"],
                            ]
                        )
                    )
                ]
            )
            known = review.gap_ids.attribute_id
            attributes = self.env["qsr.grid.attribute"].browse(rows.index.tolist())
            self.env["qsr.gap"].create(
                [
                    review._gap_values(attribute, rows.loc[attribute.id])
                    for attribute in attributes - known
                ]
            )
        return True

    def _gap_values(self, attribute, row):
        description = self.env._(
            "Priority index %(priority).1f; %(distress).0f%% of the weighted "
            "respondents in distress; mean gap %(gap).1f levels.",
            priority=row["priority_index"],
            distress=100 * row["distress_share"],
            gap=row["gap_steps"],
        )
        return {
            "name": attribute.name,
            "review_id": self.id,
            "attribute_id": attribute.id,
            "description": Markup("<p>%s</p>") % description,
            "priority": "2" if row["distress_share"] >= 0.5 else "1",
            "user_id": self.user_id.id,
        }

    def action_view_responses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_simalto.qsr_response_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        return action

    @api.model
    def _default_grid(self):
        """The latest version of the default QSR grid."""
        default = self.env.ref("qsr_simalto.grid_default", raise_if_not_found=False)
        return default.sudo()._latest_version().sudo(False) if default else default

    @api.model
    def _assign_default_grid(self):
        self.search(
            [("review_type", "in", GRID_TYPES), ("grid_id", "=", False)]
        ).grid_id = self._default_grid()

    # demo

    @api.model
    def _demo_answer_grids(self):
        """Answer the grids of the demo reviews that have collected feedback:
        every participant has submitted once collection is over, about half of
        them while it runs; a contact with a portal login answers their own
        grid while it runs (the demo portal user has one to answer)."""
        reviews = self.search(
            [
                ("review_type", "in", GRID_TYPES),
                ("stage", "not in", ("draft", "cancel")),
            ]
        )
        for review in reviews:
            review._create_responses(
                review.participant_ids.filtered(lambda p: not p.response_ids)
            )
            seed = zlib.crc32(
                f"{review.partner_id.name}/{review.date_planned}".encode()
            )
            rng = np.random.default_rng(seed)
            for index, response in enumerate(review.response_ids):
                if response.state != "new":
                    continue
                if review.stage == "collect" and response.partner_id.user_ids:
                    continue
                submit = review.stage != "collect" or index % 2 == 0
                review._demo_fill(response, rng, submit)

    @api.model
    def _demo_propose_gaps(self):
        """Gaps proposed from the results of the demo reviews being analysed
        with the customer: priced, they show what each row is worth."""
        self.search(
            [
                ("review_type", "in", GRID_TYPES),
                ("stage", "in", ("compile", "prepare", "meet")),
            ]
        ).filtered("submitted_count").action_propose_gaps()

    @api.model
    def _demo_grid_new_version(self):
        """Version 2 of the default grid, once the demo waves have answered
        version 1: urgent deliveries within 4 hours cost more to provide. The
        reviews that collect feedback from now on use it."""
        grid = self.env.ref("qsr_simalto.grid_default")
        new = grid.browse(grid.action_new_version()["res_id"])
        urgent = self.env.ref("qsr_simalto.grid_default_attr_delivery_urgent")
        row = new.attribute_ids.filtered(lambda a: a.aspect_id == urgent.aspect_id)
        best = row.level_ids.sorted()[-1]
        best.cost += 2
        return new

    def _demo_fill(self, response, rng, submit):
        price_line = response.line_ids.filtered("attribute_id.is_price")
        lines = response.line_ids - price_line
        rows = [
            [(lvl.id, lvl.cost) for lvl in line.attribute_id.level_ids]
            for line in lines
        ]
        rounds = self.grid_id.round_ids.sorted()
        budgets = rounds.mapped("budget")
        price_answer = self._demo_price_answer(response, price_line, len(rounds))
        if price_answer:
            # a rise accepted in the first round releases points to spend
            budgets[0] += price_answer.pop("released")
        area_quality = {
            area: rng.uniform(0.25, 0.85) for area in lines.attribute_id.area_id
        }
        quality = [area_quality[line.attribute_id.area_id] for line in lines]
        answers = simulate_respondent(
            rows, budgets, quality, rng.random(len(lines)), rng
        )
        if price_answer:
            lines |= price_line
            answers.append(price_answer)
        for line, answer in zip(lines, answers, strict=True):
            line.write(
                {
                    "current_level_id": answer["current"],
                    "acceptable_level_id": answer["acceptable"],
                    "ideal_level_id": answer["ideal"] if submit else False,
                    "choice_ids": [
                        fields.Command.create({"round_id": rnd.id, "level_id": level})
                        for rnd, level in zip(rounds, answer["rounds"], strict=True)
                        if submit
                    ],
                }
            )
        response._check_answers(complete=submit)
        response.write(
            {
                "state": "submitted" if submit else "progress",
                "step": "review" if submit else "ideal",
                "date_started": fields.Datetime.now(),
                "date_submitted": fields.Datetime.now() if submit else False,
            }
        )
        if submit:
            response.participant_id.state = "responded"

    def _demo_price_answer(self, response, price_line, round_count):
        """The demo answer on the price row, as ``simulate_respondent`` gives
        the others, plus the points it releases: today "as now" for everyone;
        about one contact in six accepts a rise of 5 or 10% in the first round
        to buy service, the others accept no rise and would like the lowest
        price."""
        if not price_line:
            return {}
        levels = price_line.attribute_id.level_ids.sorted()
        as_now = response.grid_id._price_level_as_now()
        seed = zlib.crc32(
            f"price/{response.partner_id.name}/{self.date_planned}".encode()
        )
        rng = np.random.default_rng(seed)
        rises = levels.filtered(lambda level: level.price_change > 0)
        acceptable = as_now
        if rises and rng.random() < 1 / 6:
            acceptable = rises[-1] if rng.random() < 0.7 else rises[0]
        return {
            "current": as_now.id,
            "acceptable": acceptable.id,
            "ideal": levels[-1].id,
            "rounds": [acceptable.id] * round_count,
            "released": as_now.cost - acceptable.cost,
        }
