from odoo.tests import HttpCase, tagged

from .price_common import PricedCommon


@tagged("post_install", "-at_install")
class TestPricedGapTour(HttpCase, PricedCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._answer_priced()
        cls.review.action_propose_gaps()
        cls.gap = cls.review.gap_ids.filtered(
            lambda gap: gap.attribute_id == cls.response_time
        )
        cls.user_am_a.groups_id += cls.env.ref("sales_team.group_sale_salesman")

    def test_priced_gap_to_opportunity(self):
        self.start_tour(
            f"/odoo/action-qsr_review.qsr_gap_action/{self.gap.id}",
            "qsr_priced_gap_evidence_tour",
            login="t_qsr_am_a",
        )
        lead = self.gap.opportunity_id
        self.assertAlmostEqual(lead.expected_revenue, 100_000.0, places=2)
