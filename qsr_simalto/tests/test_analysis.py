from odoo.tests import tagged

from .common import SimaltoCommon


@tagged("post_install", "-at_install")
class TestAnalysis(SimaltoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_worked_example()
        cls.review.response_ids.action_submit()

    def test_results_of_the_worked_example(self):
        summary = self.review._analysis()["summary"].set_index("attribute_id")
        rt, inf = summary.loc[self.response_time.id], summary.loc[self.in_full.id]
        self.assertAlmostEqual(rt["distress_share"], 0.8)
        self.assertAlmostEqual(rt["first_round_share"], 0.8)
        self.assertAlmostEqual(rt["priority_index"], 66.37, places=2)
        self.assertAlmostEqual(inf["distress_share"], 0.2)
        self.assertAlmostEqual(inf["points_share"], 0.3363, places=4)

    def test_results_page_names_each_participant_with_title(self):
        html = str(self.review.analysis_html)
        self.assertIn("Alice Exec, CEO", html)
        self.assertIn("Oscar Operator, Planner", html)
        self.assertIn("Response time", html)
        self.assertIn("66.4", html)

    def test_propose_gaps_once(self):
        self.review.action_propose_gaps()
        gaps = self.review.gap_ids
        self.assertEqual(gaps.attribute_id, self.response_time | self.in_full)
        self.assertEqual(gaps.area_id, self.grid.area_ids)
        rt_gap = gaps.filtered(lambda g: g.attribute_id == self.response_time)
        self.assertEqual(rt_gap.priority, "2")  # 80% in distress
        self.assertEqual(rt_gap.user_id, self.user_am_a)
        self.review.action_propose_gaps()
        self.assertEqual(self.review.gap_ids, gaps, "no gap is proposed twice")
