from datetime import date

from odoo.tests import tagged

from odoo.addons.qsr_review.tests.common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestAccountPlanActions(QsrReviewCommon):
    """Account A's plan of 2025 and the actions of its workshops of 2024 and
    2025, counted by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Review = cls.env["qsr.review"]

        def workshop(account, planned):
            return Review.create(
                {
                    "partner_id": account.id,
                    "review_type": "workshop",
                    "date_planned": planned,
                }
            )

        cls.workshop_2025 = workshop(cls.account_a, date(2025, 3, 1))
        cls.workshop_2024 = workshop(cls.account_a, date(2024, 5, 1))
        cls.workshop_cancelled = workshop(cls.account_a, date(2025, 4, 1))
        cls.workshop_b = workshop(cls.account_b, date(2025, 3, 1))

        def action(review, name, deadline, state, side="theirs"):
            owner = (
                {"owner_partner_id": review.partner_id.child_ids[:1].id}
                if side == "theirs"
                else {"owner_user_id": cls.user_am_a.id}
            )
            return cls.env["qsr.workshop.action"].create(
                {
                    "review_id": review.id,
                    "name": name,
                    "side": side,
                    "date_deadline": deadline,
                    "state": state,
                    **owner,
                }
            )

        cls.done_in_period = action(
            cls.workshop_2025, "Done in 2025", date(2025, 4, 1), "done"
        )
        cls.open_in_period = action(
            cls.workshop_2025, "Open", date(2025, 6, 1), "todo", side="ours"
        )
        cls.done_after = action(
            cls.workshop_2025, "Due in 2026", date(2026, 2, 1), "done"
        )
        cls.earlier_done_in_period = action(
            cls.workshop_2024, "Agreed in 2024, due in 2025", date(2025, 2, 1), "done"
        )
        cls.done_before = action(
            cls.workshop_2024, "Done in 2024", date(2024, 7, 1), "done", side="ours"
        )
        cls.cancelled_before = action(
            cls.workshop_2024, "Dropped", date(2024, 8, 1), "cancelled"
        )
        cls.other_account = action(
            cls.workshop_b, "Another account's", date(2025, 5, 1), "done"
        )
        cls.of_cancelled_review = action(
            cls.workshop_cancelled, "Of a cancelled workshop", date(2025, 5, 1), "done"
        )
        cls.workshop_cancelled.action_cancel()

        cls.plan = cls.env["qsr.account.plan"].create(
            {
                "partner_id": cls.account_a.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )

    def test_actions_of_the_plan(self):
        self.assertEqual(
            self.plan.action_ids,
            self.done_in_period
            | self.open_in_period
            | self.done_after
            | self.earlier_done_in_period,
            "the actions of the plan's workshops, and those due in its period",
        )
        self.assertEqual(self.plan.action_count, 4)

    def test_measure_actions_done(self):
        objective = self.env["qsr.account.plan.objective"].create(
            {
                "plan_id": self.plan.id,
                "name": "Complete the workshop actions",
                "measure": "actions_done",
                "target": 4,
            }
        )
        self.assertEqual(objective.actual, 2, "done and due in 2025")
        self.assertEqual(objective.previous, 1, "done and due in 2024")
        self.assertEqual(objective.trend, "up")
        self.assertEqual(objective.progress, 50)

        self.open_in_period.state = "done"
        objective.invalidate_recordset(["actual", "progress"])
        self.assertEqual(objective.actual, 3)
        self.assertEqual(objective.progress, 75)

    def test_measure_is_offered_on_the_form(self):
        measures = dict(
            self.env["qsr.account.plan.objective"]._fields["measure"].selection
        )
        self.assertEqual(measures["actions_done"], "Workshop actions done")
        arch = self.env["qsr.account.plan"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="workshop_actions"', arch)
