from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SimaltoCommon, saved_answers


@tagged("post_install", "-at_install")
class TestResponse(SimaltoCommon):
    def test_collection_creates_responses_and_invites(self):
        self.assertEqual(len(self.review.response_ids), 2)
        self.assertEqual(
            self.response_a.line_ids.attribute_id, self.response_time | self.in_full
        )
        self.assertEqual(set(self.review.participant_ids.mapped("state")), {"invited"})
        mail = self.env["mail.mail"].search(
            [("model", "=", "qsr.response"), ("res_id", "=", self.response_a.id)]
        )
        self.assertEqual(mail.recipient_ids, self.contact_a_exec)
        self.assertIn(f"/my/qsr/grids/{self.response_a.id}", mail.body_html)
        self.assertIn(self.response_a.access_token, mail.body_html)

    def test_collection_of_several_reviews_at_once(self):
        """One write moves several reviews to collection: each participant of
        each review gets their own response, lines and invitation."""
        reviews = self.env["qsr.review"].create(
            [
                {
                    "partner_id": account.id,
                    "review_type": "simalto",
                    "grid_id": self.grid.id,
                    "participant_ids": [
                        fields.Command.create({"partner_id": contact.id})
                        for contact in contacts
                    ],
                }
                for account, contacts in (
                    (self.account_a, self.contact_a_exec | self.contact_a_user),
                    (self.account_b, self.contact_b),
                )
            ]
        )
        reviews.write({"stage": "collect"})
        for review in reviews:
            self.assertEqual(
                review.response_ids.partner_id, review.participant_ids.partner_id
            )
            for response in review.response_ids:
                self.assertEqual(response.participant_id.review_id, review)
                self.assertEqual(response.grid_id, self.grid)
                self.assertEqual(
                    response.line_ids.attribute_id, self.response_time | self.in_full
                )
                self.assertEqual(response.participant_id.state, "invited")
                mail = self.env["mail.mail"].search(
                    [("model", "=", "qsr.response"), ("res_id", "=", response.id)]
                )
                self.assertEqual(mail.recipient_ids, response.partner_id)
                self.assertIn(response.access_token, mail.body_html)
        self.assertEqual(len(reviews.response_ids.mapped("access_token")), 3)

    def test_worked_example_line_figures(self):
        self._answer_worked_example()
        rt_a, inf_a = self.response_a.line_ids.sorted("attribute_sequence")
        self.assertEqual((rt_a.gap_steps, rt_a.gap_points, rt_a.distress), (1, 4, True))
        self.assertEqual((rt_a.points_first_round, rt_a.points_total), (10, 10))
        self.assertTrue(rt_a.bought_first_round)
        self.assertEqual(rt_a.final_level_id, self.rt[2])
        self.assertEqual((inf_a.gap_steps, inf_a.distress), (0, False))
        self.assertEqual((inf_a.points_first_round, inf_a.points_total), (0, 4))
        self.assertFalse(inf_a.bought_first_round)
        self.assertTrue(inf_a.bought_any)
        self.assertAlmostEqual(inf_a.norm_current, 1 / 3)
        self.assertAlmostEqual(self.response_a.performance, 100 * (0 + 1 / 3) / 2)
        self.assertEqual(self.response_a.distress_count, 1)
        self.assertEqual(self.response_a.points_spent, 14)
        self.assertEqual(self.response_b.points_spent, 13)

    def _assert_rejected(self, response, step, attribute, level, error=ValidationError):
        before = saved_answers(response)
        with self.assertRaises(error):
            response._save_answer(step, attribute, level)
        self.assertEqual(saved_answers(response), before, "nothing saved is lost")

    def test_rejected_answers_change_nothing(self):
        self._answer_worked_example()
        response = self.response_a
        step_1, step_2 = f"round_{self.round_1.id}", f"round_{self.round_2.id}"
        self._assert_rejected(response, "current", self.response_time, self.inf[0])
        self._assert_rejected(
            response, step_1, self.response_time, self.rt[3]
        )  # 16 > 10
        self._assert_rejected(
            response, step_2, self.response_time, self.rt[1]
        )  # backwards
        self._assert_rejected(response, "current", self.response_time, self.rt[3])
        self._assert_rejected(
            response, "bogus", self.response_time, self.rt[0], UserError
        )

    def test_reductions_release_points_never_below_acceptable(self):
        self.in_full.allow_reduction = True
        response = self.response_b
        self._answer(
            response, {self.response_time: (3, 2, 4), self.in_full: (3, 2, 3)}, []
        )
        step_1 = f"round_{self.round_1.id}"
        self._assert_rejected(
            response, step_1, self.in_full, self.inf[0]
        )  # below acceptable
        response._save_answer(step_1, self.in_full, self.inf[1])  # releases 4 points
        response._save_answer(step_1, self.response_time, self.rt[3])  # 6 + 0 <= 10 + 4
        available, spent = response._budget_status(self.round_1)
        self.assertEqual((available, spent), (10, 6 - 4))
        # the net spending, and what was bought, which the priority index shares
        self.assertEqual((response.points_spent, response.points_bought), (2, 6))

    def test_steps_in_order(self):
        with self.assertRaises(UserError):
            self.response_a._go_to_step("acceptable")
        self._answer(
            self.response_a, {self.response_time: (1,), self.in_full: (2,)}, []
        )
        self.response_a._go_to_step("acceptable")
        self.assertEqual(self.response_a.step, "acceptable")
        self.assertEqual(self.response_a.state, "progress")

    def test_submit_checks_everything_and_is_idempotent(self):
        self._answer(self.response_a, {self.response_time: (1, 2)}, [])
        before = saved_answers(self.response_a)
        with self.assertRaises(ValidationError):
            self.response_a.action_submit()
        self.assertEqual(self.response_a.state, "progress")
        self.assertEqual(saved_answers(self.response_a), before)

        self._answer_worked_example()
        self.response_a.action_submit()
        submitted_at = self.response_a.date_submitted
        self.assertEqual(self.response_a.state, "submitted")
        self.assertEqual(self.response_a.participant_id.state, "responded")
        self.response_a.action_submit()
        self.assertEqual(self.response_a.date_submitted, submitted_at)
        with self.assertRaises(UserError):
            self.response_a._save_answer("current", self.response_time, self.rt[1])

    def test_no_answer_once_the_review_moved_on(self):
        self.review.action_next_stage()
        with self.assertRaises(UserError):
            self.response_a._save_answer("current", self.response_time, self.rt[1])

    def test_interview_entered(self):
        self.response_a._save_answer(
            "current", self.response_time, self.rt[0], user=self.user_am_a
        )
        self.assertTrue(self.response_a.interview)
        self.assertEqual(self.response_a.entered_by_id, self.user_am_a)
        action = self.review.participant_ids[0].action_open_grid()
        self.assertIn("/my/qsr/grids/", action["url"])

    def test_reminders_go_to_those_who_have_not_submitted(self):
        self._answer_worked_example()
        self.response_b.action_submit()
        long_ago = fields.Datetime.now() - timedelta(days=8)
        self.review.response_ids.date_reminded = long_ago
        reminded = self.env["qsr.response"]._cron_send_reminders()
        self.assertIn(self.response_a, reminded)
        self.assertNotIn(self.response_b, reminded)
        self.assertGreater(self.response_a.date_reminded, long_ago)
        self.assertFalse(
            self.env["qsr.response"]._cron_send_reminders() & self.review.response_ids
        )
