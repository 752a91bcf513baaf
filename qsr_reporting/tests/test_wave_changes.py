from odoo.tests import tagged

from .common import ReportCommon


@tagged("post_install", "-at_install")
class TestWaveChanges(ReportCommon):
    """Alpha Industries answers the worked example in a first wave, then again
    in a second: Response time leaves distress (A now gets 8 h), Delivered in
    full falls (A gets 90% where they accept 95%, B 98%)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wave_1, cls.wave_2 = cls._create_two_waves()
        cls.review.write(
            {"wave_id": cls.wave_1.id, "meeting_date": "2041-02-10 09:00:00"}
        )
        cls.following = cls._answer_next_wave(cls.wave_2)

    def test_changes_row_by_row(self):
        changes = self.env["qsr.report.response.line"]._wave_changes(self.following)
        by_row = {row["name"]: row for row in changes}
        rt, inf = by_row["Response time"], by_row["Delivered in full"]
        self.assertEqual(rt["change"], "no_longer_distressed")
        self.assertAlmostEqual(rt["distress_share_before"], 0.8)
        self.assertAlmostEqual(rt["distress_share_after"], 0.0)
        # level today: A 1 -> 3 of 4, B 2 -> 2: (4 * 0 + 1/3) / 5 -> (4 * 2/3 + 1/3) / 5
        self.assertAlmostEqual(rt["norm_current_before"], (1 / 3) / 5)
        self.assertAlmostEqual(rt["norm_current_after"], (4 * 2 / 3 + 1 / 3) / 5)
        self.assertEqual(inf["change"], "worsened")
        self.assertAlmostEqual(inf["norm_current_before"], (4 / 3) / 5)
        self.assertAlmostEqual(inf["norm_current_after"], (2 / 3) / 5)
        self.assertAlmostEqual(inf["distress_share_after"], 0.8)
        self.assertEqual(rt["change_label"], "No longer in distress")

    def test_on_the_benchmark_tab_and_the_dashboard(self):
        html = str(self.following.with_user(self.user_am_a).changes_html)
        self.assertIn("No longer in distress", html)
        self.assertIn("Worsened", html)
        self.assertIn("2041 Q1", html)
        first = str(self.review.changes_html)
        self.assertIn("Nothing to compare yet", first)
        moves = (
            self.env["qsr.dashboard"]
            .with_user(self.user_director)
            .get_data(self.wave_2.id)["moves"]
        )
        self.assertEqual(
            [(move["account"], move["row"], move["change"]) for move in moves],
            [
                ("Alpha Industries", "Response time", "no_longer_distressed"),
                ("Alpha Industries", "Delivered in full", "worsened"),
            ],
        )
        self.assertAlmostEqual(moves[0]["after"], 100 * (4 * 2 / 3 + 1 / 3) / 5)

    def test_on_the_customer_results_page(self):
        self.following.write({"stage": "compile", "sponsor_id": self.user_sponsor.id})
        (self.review | self.following).results_published = True
        results = self.account_a._qsr_portal_results()
        self.assertEqual(results["review"], self.following)
        self.assertEqual(
            {row["name"]: row["change"] for row in results["changes"]},
            {"Response time": "no_longer_distressed", "Delivered in full": "worsened"},
        )

    def test_no_comparison_across_grids(self):
        other = self.grid.copy({"name": "Another grid"})
        self.following.grid_id = other  # as if planned on another grid
        self.assertEqual(
            self.env["qsr.report.response.line"]._wave_changes(self.following), []
        )
