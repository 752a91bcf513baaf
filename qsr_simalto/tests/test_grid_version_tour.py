from odoo.tests import HttpCase, tagged

from .common import SimaltoCommon


@tagged("post_install", "-at_install")
class TestGridVersionTour(HttpCase, SimaltoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_worked_example()
        cls.review.response_ids.action_submit()
        cls.review.write(
            {
                "sponsor_id": cls.user_sponsor.id,
                "meeting_date": "2026-03-02 10:00:00",
                "stage": "continue",
            }
        )

    def test_new_version_from_a_refused_change(self):
        self.start_tour(
            "/odoo/action-qsr_simalto.qsr_grid_action",
            "qsr_grid_version_tour",
            login="t_qsr_director",
        )
        new = self.grid.next_version_ids
        self.assertEqual(new.version, 2)
        self.assertEqual(self.rt.mapped("cost"), [0, 4, 10, 16], "version 1 as it was")
        following = self.review.next_review_id
        self.assertEqual(following.grid_id, new)
