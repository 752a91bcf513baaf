from odoo.tests import tagged

from .test_fix_for_all import FixForAllCommon


@tagged("post_install", "-at_install")
class TestDashboardRows(FixForAllCommon):
    """The dashboard's chart and cards over the wave 2041 Q1 (five accounts,
    one contact each: every ratio is a plain mean over the accounts)."""

    def test_priority_chart_and_revenue_at_stake(self):
        self._set_thresholds()
        data = (
            self.env["qsr.dashboard"]
            .with_user(self.user_director)
            .get_data(self.wave.id, self.grid.id)
        )
        matrix = data["matrix"]
        self.assertAlmostEqual(matrix["distress_threshold"], 0.30)
        self.assertAlmostEqual(matrix["priority_threshold"], 100 / 3)
        points = {point["name"]: point for point in matrix["points"]}
        self.assertEqual(set(points), {"Response time", "Delivered in full"})
        rt, inf = points["Response time"], points["Delivered in full"]
        self.assertAlmostEqual(rt["distress_share"], 4 / 5)
        self.assertAlmostEqual(rt["priority_index"], 100 * (3 * 4 / 16 + 10 / 17) / 5)
        self.assertEqual(rt["class"], "tolerated")
        self.assertAlmostEqual(inf["distress_share"], 0.0)
        self.assertAlmostEqual(
            inf["priority_index"], 100 * (3 * 12 / 16 + 12 / 12 + 7 / 17) / 5
        )
        self.assertEqual(inf["class"], "growth")
        # a tolerated failing opens its row in Fix for All of Them
        self.assertEqual(rt["open"]["res_model"], "qsr.report.tolerated.failing")
        failing = self.env["qsr.report.tolerated.failing"].search(rt["open"]["domain"])
        self.assertEqual(
            failing, self._failing(self.tier_key) | self._failing(self.tier_strategic)
        )
        self.assertEqual(inf["open"]["res_model"], "qsr.report.response.line")

        revenue = data["revenue"]
        self.assertTrue(revenue["priced"])
        self.assertEqual(
            [(row["name"], row["wtp"]) for row in revenue["rows"]],
            [
                # 12 + 12 + 12 + 7 x 2 + 12 thousand
                ("Delivered in full", 62_000.0),
                # 4 + 4 + 0 + 10 x 2 + 4 thousand
                ("Response time", 32_000.0),
            ],
        )
        self.assertAlmostEqual(revenue["total"], 94_000.0)
        self.assertAlmostEqual(rt["wtp"], 32_000.0)
        self.assertFalse(data["trail"]["collected"], "no competitor level asked")

    def test_thresholds_move_the_classes(self):
        self._set_thresholds(priority="20")
        data = self.env["qsr.dashboard"].get_data(self.wave.id, self.grid.id)
        points = {point["name"]: point for point in data["matrix"]["points"]}
        self.assertEqual(data["matrix"]["priority_threshold"], 20.0)
        self.assertEqual(points["Response time"]["class"], "fix_first")

    def test_account_manager_sees_own_accounts_only(self):
        self._set_thresholds()
        data = (
            self.env["qsr.dashboard"]
            .with_user(self.user_am_a)
            .get_data(self.wave.id, self.grid.id)
        )
        points = {point["name"]: point for point in data["matrix"]["points"]}
        # K1 alone: in distress, 4 of its 16 points on Response time
        self.assertAlmostEqual(points["Response time"]["distress_share"], 1.0)
        self.assertAlmostEqual(points["Response time"]["priority_index"], 25.0)
        self.assertEqual(
            [(row["name"], row["wtp"]) for row in data["revenue"]["rows"]],
            [("Delivered in full", 12_000.0), ("Response time", 4_000.0)],
        )
        self.assertNotEqual(
            points["Response time"]["open"]["res_model"],
            "qsr.report.tolerated.failing",
            "Fix for All of Them is the directors'",
        )
