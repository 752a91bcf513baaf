from odoo.tests import tagged

from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

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


@tagged("post_install", "-at_install")
class TestDashboardTrail(SimaltoCommon):
    """SIMALTO.md's worked example on a grid that asks the competitor's level
    (norms of 4 levels: 0, 1/3, 2/3, 1). Today and the competitor:

    - A (weight 4): Response time L1 against L3 (we trail by 2/3), Delivered
      in full L2 against L2 (level);
    - B (weight 1): Response time L2 against L1 (we lead by 1/3), Delivered in
      full L1 against L2 (we trail by 1/3).

    Response time: competitor gap (4 x -2/3 + 1/3) / 5 = -7/15, trail 4/5,
    lead 1/5. Delivered in full: gap (4 x 0 - 1/3) / 5 = -1/15, trail 1/5,
    lead 0."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grid.ask_competitor = True
        cls._answer_worked_example()
        for response, marks in (
            (cls.response_a, {cls.response_time: 3, cls.in_full: 2}),
            (cls.response_b, {cls.response_time: 1, cls.in_full: 2}),
        ):
            for attribute, position in marks.items():
                levels = cls.rt if attribute == cls.response_time else cls.inf
                response._save_answer("competitor", attribute, levels[position - 1])
        cls.review.response_ids.action_submit()
        cls.env.flush_all()

    def test_where_we_trail(self):
        data = (
            self.env["qsr.dashboard"]
            .with_user(self.user_director)
            .get_data(self.review.wave_id.id, self.grid.id)
        )
        trail = data["trail"]
        self.assertTrue(trail["collected"])
        self.assertEqual(
            [row["name"] for row in trail["rows"]],
            ["Response time", "Delivered in full"],
            "the competitor leads on both, most on Response time",
        )
        rt, inf = trail["rows"]
        self.assertAlmostEqual(rt["competitor_gap"], -7 / 15)
        self.assertAlmostEqual(rt["trail_share"], 4 / 5)
        self.assertAlmostEqual(rt["lead_share"], 1 / 5)
        self.assertAlmostEqual(inf["competitor_gap"], -1 / 15)
        self.assertAlmostEqual(inf["trail_share"], 1 / 5)
        self.assertAlmostEqual(inf["lead_share"], 0.0)
        self.assertFalse(data["revenue"]["priced"], "no price row: not priced")
        self.assertEqual(data["revenue"]["rows"], [])
