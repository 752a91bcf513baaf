from odoo.tests import HttpCase, tagged

from .test_fix_for_all import FixForAllCommon


@tagged("post_install", "-at_install")
class TestPackageTour(HttpCase, FixForAllCommon):
    """The package planner in the browser, over the wave 2041 Q1 of
    FixForAllCommon: the Key tier (K1 to K4) receives 48 h on Response time
    and finds 24 h acceptable, so the best package within 30 points raises
    Response time to 24 h (4 points) and leaves Delivered in full at 90%."""

    def test_director_plans_the_best_package(self):
        self.start_tour(
            "/odoo/action-qsr_reporting.qsr_package_action",
            "qsr_package_planner_tour",
            login="t_qsr_director",
        )
        Package = self.env["qsr.package"]
        best = Package.search([("name", "=", "Key tier within 30 points")])
        hand = Package.search([("name", "=", "Key tier by hand")])
        self.assertEqual(len(best), 1)
        self.assertEqual(len(hand), 1)
        for package in best | hand:
            self.assertEqual(package.grid_id, self.grid)
            self.assertEqual(package.scope, "tier")
            self.assertEqual(package.tier_id, self.tier_key)
            self.assertEqual(package.user_id, self.user_director)
            self.assertEqual(package.respondent_count, 4)

        # the levels found are within the budget, and the best there is
        self.assertLessEqual(best.cost, 30.0)
        self.assertAlmostEqual(best.cost, 4.0)
        levels = {line.attribute_id: line.level_id for line in best.line_ids}
        self.assertEqual(
            levels, {self.response_time: self.rt[1], self.in_full: self.inf[0]}
        )
        self.assertAlmostEqual(best.rows_acceptable, 1.0)
        self.assertAlmostEqual(best.acceptable_share, 1.0)
        self.assertTrue(best.explanation)

        # the hand-made package: 8 h on Response time, 10 points
        levels = {line.attribute_id: line.level_id for line in hand.line_ids}
        self.assertEqual(
            levels, {self.response_time: self.rt[2], self.in_full: self.inf[0]}
        )
        self.assertAlmostEqual(hand.cost, 10.0)
        self.assertEqual(hand.state, "draft")
        self.assertTrue(
            self.env["qsr.package.comparison"].search(
                [
                    ("package_ids", "in", best.ids),
                    ("create_uid", "=", self.user_director.id),
                ]
            )
        )

        # planned for all: one improvement for the changed row, a gap for
        # each account of the tier
        self.assertEqual(best.state, "planned")
        improvement = best.improvement_ids
        self.assertEqual(len(improvement), 1)
        self.assertEqual(improvement.aspect_id, self.response_time.aspect_id)
        self.assertEqual(improvement.tier_id, self.tier_key)
        gaps = improvement.gap_ids
        self.assertEqual(
            gaps.review_id,
            self.reviews["K1"]
            | self.reviews["K2"]
            | self.reviews["K3"]
            | self.reviews["K4"],
        )
        self.assertEqual(gaps.attribute_id, self.response_time)
        self.assertEqual(gaps.package_id, best)
