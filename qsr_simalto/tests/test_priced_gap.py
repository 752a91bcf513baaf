from odoo.tests import tagged

from .price_common import PricedCommon

# 2,000,000 a year at 15 / 45 % per point: 6,666.67 a point
A_WTP = 106_666.67  # 16 points
B_WTP = 80_000.00  # 12 points
# A weighs 3, B 1: (3 * 106,666.67 + 80,000) / 4
ACCOUNT_WTP = 100_000.00


@tagged("post_install", "-at_install")
class TestPricedGap(PricedCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_priced()

    def _line(self, response, attribute):
        return response.line_ids.filtered(lambda line: line.attribute_id == attribute)

    def _salesman(self):
        self.user_am_a.groups_id += self.env.ref("sales_team.group_sale_salesman")
        return self.user_am_a

    def _gap(self):
        self.review.action_propose_gaps()
        return self.review.gap_ids.filtered(
            lambda gap: gap.attribute_id == self.response_time
        )

    def test_line_wtp(self):
        self.assertEqual(self.review.account_revenue, 2_000_000)
        line_a = self._line(self.response_a, self.response_time)
        line_b = self._line(self.response_b, self.response_time)
        self.assertEqual((line_a.points_total, line_b.points_total), (16, 12))
        self.assertAlmostEqual(line_a.wtp, A_WTP, places=2)
        self.assertAlmostEqual(line_b.wtp, B_WTP, places=2)
        self.assertFalse(line_a.price_rise)

    def test_wtp_kept_when_the_revenue_changes(self):
        gap = self._gap()
        self.account_a.qsr_annual_revenue = 5_000_000
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.review.account_revenue, 2_000_000)
        self.assertAlmostEqual(
            self._line(self.response_a, self.response_time).wtp, A_WTP, places=2
        )
        self.assertAlmostEqual(gap.wtp, ACCOUNT_WTP, places=2)

    def test_gap_figures(self):
        gap = self._gap()
        self.assertEqual(len(gap), 1)
        self.assertFalse(
            self.review.gap_ids.filtered(lambda g: g.attribute_id == self.price),
            "the price row spends no points and is in no distress",
        )
        self.assertAlmostEqual(gap.wtp, ACCOUNT_WTP, places=2)
        self.assertAlmostEqual(gap.point_value, 15 / 45, places=4)
        # A (weight 3) receives 48 h and accepts 24 h at least: in distress
        self.assertAlmostEqual(gap.distress_share, 0.75)
        # (3 * 16 + 1 * 12) / 4
        self.assertAlmostEqual(gap.points_mean, 15.0)
        self.assertEqual(gap.respondent_count, 2)
        self.assertEqual(
            gap.evidence_partner_ids, self.contact_a_exec | self.contact_a_user
        )

    def test_gap_follows_the_answers_only(self):
        gap = self._gap()
        # a wave's answers reopened and changed change the figures...
        self.response_b.state = "progress"
        self.assertAlmostEqual(gap.wtp, A_WTP, places=2)
        self.assertEqual(gap.evidence_partner_ids, self.contact_a_exec)
        self.assertEqual(gap.respondent_count, 1)
        self.response_b.state = "submitted"
        self.assertAlmostEqual(gap.wtp, ACCOUNT_WTP, places=2)
        # ...a later change of the account's revenue does not
        self.account_a.qsr_annual_revenue = 1
        self.assertAlmostEqual(gap.wtp, ACCOUNT_WTP, places=2)

    def test_gap_without_price_row(self):
        grid = self.grid.copy({"name": "Unpriced"})
        grid._price_attribute().unlink()
        self.assertEqual(grid.point_value, 0.0)
        self.review_b.write({"grid_id": grid.id, "review_type": "simalto"})
        self.review_b.action_next_stage()
        response = self.review_b.response_ids
        row = grid.attribute_ids
        levels = row.level_ids.sorted()
        response._save_answer("current", row, levels[0])
        response._save_answer("acceptable", row, levels[1])
        response._save_answer("ideal", row, levels[3])
        first_round = grid.round_ids.sorted()[0]
        response._save_answer(f"round_{first_round.id}", row, levels[2])
        response.action_submit()
        self.review_b.action_propose_gaps()
        gap = self.review_b.gap_ids
        self.assertEqual(gap.attribute_id, row)
        self.assertEqual((gap.wtp, gap.point_value), (0.0, 0.0))
        self.assertEqual(gap.distress_share, 1.0)
        self.assertEqual(gap.points_mean, 10.0)
        self.assertEqual(gap.evidence_partner_ids, self.contact_b)
        manual = self.env["qsr.gap"].create(
            {"name": "Manual", "review_id": self.review_b.id}
        )
        self.assertEqual((manual.wtp, manual.respondent_count), (0.0, 0))

    def test_opportunity_suggested_from_wtp(self):
        gap = self._gap().with_user(self._salesman())
        self.assertFalse(gap.expected_revenue)
        gap.action_create_opportunity()
        lead = gap.opportunity_id
        self.assertAlmostEqual(lead.expected_revenue, ACCOUNT_WTP, places=2)
        note = lead.message_ids.filtered(
            lambda m: "Suggested from the willingness to pay" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        body = note.body
        self.assertIn("2 contacts of Alpha Industries on Response time", body)
        self.assertIn("100,000.00", body)
        self.assertIn("0.333%", body)
        self.assertIn("2,000,000.00", body)
        # the suggestion stays editable
        lead.expected_revenue = 42_000
        self.assertEqual(lead.expected_revenue, 42_000)
        self.assertAlmostEqual(gap.sudo().wtp, ACCOUNT_WTP, places=2)

    def test_typed_expected_revenue_wins(self):
        gap = self._gap().with_user(self._salesman())
        gap.expected_revenue = 5_000
        gap.action_create_opportunity()
        self.assertEqual(gap.opportunity_id.expected_revenue, 5_000)
        self.assertFalse(
            gap.opportunity_id.message_ids.filtered(
                lambda m: "Suggested from" in (m.body or "")
            )
        )
