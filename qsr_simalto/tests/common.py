from odoo.fields import Command

from odoo.addons.qsr_review.tests.common import QsrReviewCommon


class SimaltoCommon(QsrReviewCommon):
    """The worked example of SIMALTO.md: a grid of two rows and two rounds of
    10 points, answered by an executive (A) and an operational user (B) of
    Alpha Industries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid = cls.env["qsr.grid"].create(
            {
                "name": "Worked example",
                "round_ids": [
                    Command.create({"name": "Round 1", "sequence": 1, "budget": 10}),
                    Command.create({"name": "Round 2", "sequence": 2, "budget": 10}),
                ],
                "area_ids": [Command.create({"name": "Service"})],
            }
        )
        area = cls.grid.area_ids

        def attribute(name, levels, sequence, **vals):
            return cls.env["qsr.grid.attribute"].create(
                {
                    "name": name,
                    "area_id": area.id,
                    "sequence": sequence,
                    "level_ids": [
                        Command.create({"name": label, "cost": cost, "sequence": i})
                        for i, (label, cost) in enumerate(levels, start=1)
                    ],
                    **vals,
                }
            )

        cls.response_time = attribute(
            "Response time", [("48 h", 0), ("24 h", 4), ("8 h", 10), ("4 h", 16)], 1
        )
        cls.in_full = attribute(
            "Delivered in full",
            [("90%", 0), ("95%", 3), ("98%", 7), ("99.5%", 12)],
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

    def _snapshot(self, response):
        """Everything a respondent has saved, to prove a rejected change kept it."""
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
