from odoo.tests import tagged

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestTier(QsrReviewCommon):
    def _company(self, **vals):
        return self.env["res.partner"].create(
            {"name": "Company", "is_company": True, **vals}
        )

    def test_suggested_tier_by_revenue(self):
        self.assertEqual(
            self._company(qsr_annual_revenue=6_000_000).qsr_suggested_tier_id,
            self.tier_strategic,
        )
        self.assertEqual(
            self._company(qsr_annual_revenue=1_500_000).qsr_suggested_tier_id,
            self.tier_key,
        )
        self.assertEqual(
            self._company(qsr_annual_revenue=300_000).qsr_suggested_tier_id,
            self.tier_development,
        )
        self.assertEqual(
            self._company(qsr_annual_revenue=1000).qsr_suggested_tier_id,
            self.tier_maintain,
        )

    def test_suggested_tier_by_strategic_name_and_partnership(self):
        self.assertEqual(
            self._company(qsr_strategic_name=True).qsr_suggested_tier_id,
            self.tier_strategic,
        )
        self.assertEqual(
            self._company(qsr_industry_partner=True).qsr_suggested_tier_id,
            self.tier_strategic,
        )

    def test_suggested_tier_follows_configuration(self):
        company = self._company(qsr_annual_revenue=1_500_000)
        self.tier_key.min_annual_revenue = 2_000_000
        company.invalidate_recordset(["qsr_suggested_tier_id"])
        self.assertEqual(company.qsr_suggested_tier_id, self.tier_development)

    def test_apply_suggested_tier(self):
        company = self._company(qsr_annual_revenue=300_000)
        company.action_apply_suggested_tier()
        self.assertEqual(company.qsr_tier_id, self.tier_development)
        self.assertIn(company, self.tier_development.partner_ids)

    def test_individuals_get_no_suggestion(self):
        self.assertFalse(self.contact_a_exec.qsr_suggested_tier_id)

    def test_account_manager_defaults_to_salesperson(self):
        self.assertEqual(self.account_a.qsr_account_manager_id, self.user_am_a)
        self.account_a.qsr_account_manager_id = self.user_am_b
        self.account_a.user_id = self.user_director
        self.assertEqual(self.account_a.qsr_account_manager_id, self.user_am_b)

    def test_influence_weight_from_settings(self):
        self.assertEqual(self.contact_a_exec.qsr_influence_weight, 4)
        self.assertEqual(self.contact_a_user.qsr_influence_weight, 1)
        self.env["res.config.settings"].create({"qsr_weight_executive": 7}).execute()
        self.contact_a_exec.invalidate_recordset(["qsr_influence_weight"])
        self.assertEqual(self.contact_a_exec.qsr_influence_weight, 7)
