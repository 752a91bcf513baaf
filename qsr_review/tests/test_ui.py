from odoo.tests import HttpCase, tagged

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestReviewTour(HttpCase, QsrReviewCommon):
    def test_review_through_its_stages(self):
        self.review_a.meeting_date = "2026-05-04 10:00:00"
        self.start_tour("/odoo", "qsr_review_cycle_tour", login="t_qsr_am_a")
        self.assertEqual(self.review_a.stage, "done")
        self.assertTrue(self.review_a.next_review_id)
        self.assertEqual(self.review_a.discussion_point_ids.name, "Delivery in full")
