from datetime import date

from odoo.tests import HttpCase, tagged

from .test_fix_for_all import FixForAllCommon


@tagged("post_install", "-at_install")
class TestFixForAllTour(HttpCase, FixForAllCommon):
    """The director's and the account manager's side of issue 15 in the
    browser, over the wave 2041 Q1 of FixForAllCommon."""

    def test_director_fixes_a_tolerated_failing_for_all(self):
        self._set_thresholds()
        self.start_tour(
            "/odoo/action-qsr_reporting.qsr_dashboard_action",
            "qsr_fix_for_all_tour",
            login="t_qsr_director",
        )
        improvement = self.env["qsr.improvement"].search(
            [("wave_id", "=", self.wave.id)]
        )
        self.assertEqual(len(improvement), 1)
        self.assertEqual(improvement.name, "Response time")
        self.assertEqual(improvement.tier_id, self.tier_key)
        self.assertEqual(improvement.user_id, self.user_director)
        self.assertEqual(improvement.date_deadline, date(2041, 6, 30))
        gaps = improvement.gap_ids
        self.assertEqual(gaps.review_id, self.reviews["K1"] | self.reviews["K2"])
        self.assertEqual(gaps.attribute_id, self.response_time)
        self.assertEqual(set(gaps.mapped("date_deadline")), {date(2041, 6, 30)})

    def test_account_manager_sells_a_priced_gap(self):
        # account managers sell: they use the CRM
        self.user_am_a.groups_id |= self.env.ref("sales_team.group_sale_salesman")
        gap = self.env["qsr.gap"].create(
            {
                "name": "Answer within a day",
                "review_id": self.reviews["K1"].id,
                "attribute_id": self.response_time.id,
                "user_id": self.user_am_a.id,
            }
        )
        # one contact, 4 points at 0.25 % of 400,000 each
        self.assertAlmostEqual(gap.wtp, 4_000.0)
        self.start_tour(
            "/odoo/action-qsr_review.qsr_gap_action",
            "qsr_priced_gap_tour",
            login="t_qsr_am_a",
        )
        self.assertTrue(gap.opportunity_id)
        self.assertEqual(gap.opportunity_id.expected_revenue, 4_000.0)
        self.assertEqual(gap.opportunity_id.partner_id, self.accounts["K1"])
