from odoo.tests import tagged

from .common import QsrWonLostCommon


@tagged("post_install", "-at_install")
class TestWonLost(QsrWonLostCommon):
    def _review_activities(self, review):
        return review.activity_ids.filtered(
            lambda act: act.summary == "Hold a won/lost review"
        )

    def test_win_key_account_proposes_one_review(self):
        # the opportunity is with a contact: the review is for their company
        lead = self._create_opportunity(self.contact_a_exec)
        self.assertFalse(lead.qsr_won_lost_review_ids)

        lead.with_user(self.user_salesman).action_set_won()

        review = lead.qsr_won_lost_review_ids
        self.assertEqual(len(review), 1)
        self.assertRecordValues(
            review,
            [
                {
                    "partner_id": self.account_a.id,
                    "review_type": "won_lost",
                    "lead_id": lead.id,
                    "outcome": "won",
                    "stage": "draft",
                    "user_id": self.user_am_a.id,
                }
            ],
        )
        self.assertTrue(lead.qsr_won_lost_proposed)
        self.assertEqual(lead.qsr_won_lost_review_count, 1)
        activity = self._review_activities(review)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_am_a)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )

    def test_lose_key_account_proposes_one_review(self):
        lead = self._create_opportunity(self.account_b)
        lost_reason = self.env["crm.lost.reason"].create({"name": "T Too dear"})

        lead.with_user(self.user_salesman).action_set_lost(
            lost_reason_id=lost_reason.id
        )

        self.assertFalse(lead.active)
        review = lead.qsr_won_lost_review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(review.outcome, "lost")
        self.assertEqual(review.partner_id, self.account_b)
        self.assertEqual(self._review_activities(review).user_id, self.user_am_b)

    def test_won_stage_by_drag_and_drop(self):
        lead = self._create_opportunity(self.account_a)
        lead.stage_id = self.stage_won
        self.assertEqual(lead.qsr_won_lost_review_ids.outcome, "won")

    def test_non_key_account_proposes_nothing(self):
        reviews_before = self.env["qsr.review"].search_count([])
        won = self._create_opportunity(self.contact_plain)
        lost = self._create_opportunity(self.account_plain)
        won.action_set_won()
        lost.action_set_lost()
        self.assertFalse(won.qsr_won_lost_review_ids | lost.qsr_won_lost_review_ids)
        self.assertFalse(won.qsr_won_lost_proposed or lost.qsr_won_lost_proposed)
        self.assertEqual(self.env["qsr.review"].search_count([]), reviews_before)

    def test_open_or_plain_lead_proposes_nothing(self):
        lead = self._create_opportunity(self.account_a)
        lead.write({"stage_id": self.stage_new.id, "probability": 60})
        self.assertFalse(lead.qsr_won_lost_review_ids)
        # a lead (not an opportunity) that is discarded is no lost deal
        plain_lead = self._create_opportunity(self.account_a, type="lead")
        plain_lead.action_set_lost()
        self.assertFalse(plain_lead.qsr_won_lost_review_ids)

    def test_rewin_does_not_duplicate(self):
        lead = self._create_opportunity(self.account_a)
        lead.action_set_won()
        review = lead.qsr_won_lost_review_ids
        # lost, restored, won again: still the one review, whose outcome
        # follows the opportunity
        lead.action_set_lost()
        self.assertEqual(review.outcome, "lost")
        lead.action_unarchive()
        lead.action_set_won()
        self.assertEqual(lead.qsr_won_lost_review_ids, review)
        self.assertEqual(review.outcome, "won")
        self.assertEqual(len(self._review_activities(review)), 1)
        # the proposal deleted: winning again proposes nothing either
        review.unlink()
        lead.action_set_lost()
        lead.action_unarchive()
        lead.action_set_won()
        self.assertFalse(lead.qsr_won_lost_review_ids)
        self.assertFalse(
            self.env["qsr.review"].search([("lead_id", "=", lead.id)]),
        )

    def test_manual_review_counts_as_proposed(self):
        lead = self._create_opportunity(self.account_a)
        review = self.env["qsr.review"].create(
            {
                "partner_id": self.account_a.id,
                "review_type": "won_lost",
                "lead_id": lead.id,
            }
        )
        self.assertTrue(lead.qsr_won_lost_proposed)
        lead.action_set_won()
        self.assertEqual(lead.qsr_won_lost_review_ids, review)
        self.assertEqual(review.outcome, "won")

    def test_lead_form_action(self):
        lead = self._create_opportunity(self.account_a)
        lead.action_set_won()
        action = lead.action_view_qsr_won_lost_reviews()
        self.assertEqual(action["res_model"], "qsr.review")
        self.assertEqual(action["res_id"], lead.qsr_won_lost_review_ids.id)

    def test_won_lost_page_in_form(self):
        arch = self.env["qsr.review"].get_view(view_type="form")["arch"]
        self.assertIn('name="won_lost"', arch)
        for fname in ("lead_id", "outcome", "won_lost_reason_ids", "lessons"):
            self.assertIn(f'name="{fname}"', arch)
