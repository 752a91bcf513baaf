from odoo.fields import Command

from odoo.addons.qsr_review.tests.common import QsrReviewCommon

# the rows of SIMALTO.md's worked example: (label, cost) of their levels
RESPONSE_TIME_LEVELS = [("48 h", 0), ("24 h", 4), ("8 h", 10), ("4 h", 16)]
IN_FULL_LEVELS = [("90%", 0), ("95%", 3), ("98%", 7), ("99.5%", 12)]


def new_grid(env, name, **vals):
    """A grid of one area, Service, and two rounds of 10 points."""
    return env["qsr.grid"].create(
        {
            "name": name,
            "round_ids": [
                Command.create({"name": "Round 1", "sequence": 1, "budget": 10}),
                Command.create({"name": "Round 2", "sequence": 2, "budget": 10}),
            ],
            "area_ids": [Command.create({"name": "Service"})],
            **vals,
        }
    )


def _level_values(sequence, label, cost, values=None):
    return {"name": label, "cost": cost, "sequence": sequence, **(values or {})}


def new_attribute(area, name, levels, sequence, **vals):
    """A row of ``area`` whose levels, in order, are given as (label, cost) or
    (label, cost, other values of the level)."""
    return area.env["qsr.grid.attribute"].create(
        {
            "name": name,
            "area_id": area.id,
            "sequence": sequence,
            "level_ids": [
                Command.create(_level_values(i, *level))
                for i, level in enumerate(levels, start=1)
            ],
            **vals,
        }
    )


def saved_answers(response):
    """Everything a respondent has saved, as the database holds it: to prove
    a rejected change kept it."""
    response.env.invalidate_all()
    return [
        (
            line.attribute_id.id,
            line.current_level_id.id,
            line.acceptable_level_id.id,
            line.ideal_level_id.id,
            sorted((c.round_id.id, c.level_id.id) for c in line.choice_ids),
        )
        for line in response.line_ids
    ]


class SimaltoCommon(QsrReviewCommon):
    """The worked example of SIMALTO.md: a grid of two rows and two rounds of
    10 points, answered by an executive (A) and an operational user (B) of
    Alpha Industries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid = new_grid(cls.env, "Worked example")
        area = cls.grid.area_ids
        cls.response_time = new_attribute(
            area,
            "Response time",
            RESPONSE_TIME_LEVELS,
            1,
        )
        cls.in_full = new_attribute(
            area,
            "Delivered in full",
            IN_FULL_LEVELS,
            2,
        )
        cls.rt = cls.response_time.level_ids.sorted()
        cls.inf = cls.in_full.level_ids.sorted()
        cls.round_1, cls.round_2 = cls.grid.round_ids.sorted()

        cls.review = cls.review_a
        cls.review.grid_id = cls.grid
        cls.review.review_type = "simalto"
        cls.review.action_next_stage()  # collect: responses and invitations
        by_contact = {r.partner_id: r for r in cls.review.response_ids}
        cls.response_a = by_contact[cls.contact_a_exec]
        cls.response_b = by_contact[cls.contact_a_user]

    @classmethod
    def _answer(cls, response, marks, rounds):
        """marks: {attribute: (current, acceptable, ideal)} as positions 1..4;
        rounds: [{attribute: position after the round}] per round."""
        levels = {cls.response_time: cls.rt, cls.in_full: cls.inf}
        for attribute, positions in marks.items():
            for step, position in zip(
                ("current", "acceptable", "ideal"), positions, strict=False
            ):
                if position:
                    response._save_answer(
                        step, attribute, levels[attribute][position - 1]
                    )
        for rnd, moves in zip((cls.round_1, cls.round_2), rounds, strict=False):
            for attribute, position in moves.items():
                response._save_answer(
                    f"round_{rnd.id}", attribute, levels[attribute][position - 1]
                )

    @classmethod
    def _answer_worked_example(cls):
        rt, inf = cls.response_time, cls.in_full
        cls._answer(
            cls.response_a,
            {rt: (1, 2, 4), inf: (2, 2, 3)},
            [{rt: 3}, {inf: 3}],
        )
        cls._answer(
            cls.response_b,
            {rt: (2, 2, 2), inf: (1, 3, 3)},
            [{inf: 3}, {rt: 3}],
        )
