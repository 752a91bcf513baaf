from odoo.tests import tagged

from odoo.addons.qsr_won_lost import uninstall_hook

from .common import QsrWonLostCommon


@tagged("post_install", "-at_install")
class TestWonLostThreshold(QsrWonLostCommon):
    """From 50,000 of expected revenue, any company's opportunity gets its
    won/lost review, with a tier or not; the win:loss ratio counts the
    untiered ones under no tier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.config.settings"].create(
            {"qsr_won_lost_review_threshold": 50_000}
        ).execute()
        cls.account_other = cls.env["res.partner"].create(
            {"name": "T Delta Foods", "is_company": True, "user_id": cls.user_am_b.id}
        )

    def test_setting_stored(self):
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("qsr_won_lost.review_threshold"),
            "50000.0",
        )
        self.assertEqual(
            self.env["res.config.settings"]._qsr_won_lost_review_threshold(), 50_000
        )

    def test_untiered_company_from_threshold(self):
        # a contact's opportunity: the review is for their company
        won = self._create_opportunity(self.contact_plain, expected_revenue=60_000)
        at = self._create_opportunity(self.account_plain, expected_revenue=50_000)
        below = self._create_opportunity(self.account_plain, expected_revenue=49_999)
        won.with_user(self.user_salesman).action_set_won()
        at.with_user(self.user_salesman).action_set_lost()
        below.with_user(self.user_salesman).action_set_won()

        self.assertRecordValues(
            won.qsr_won_lost_review_ids | at.qsr_won_lost_review_ids,
            [
                {
                    "partner_id": self.account_plain.id,
                    "lead_id": won.id,
                    "outcome": "won",
                    "tier_id": False,
                },
                {
                    "partner_id": self.account_plain.id,
                    "lead_id": at.id,
                    "outcome": "lost",
                    "tier_id": False,
                },
            ],
        )
        self.assertFalse(below.qsr_won_lost_review_ids)
        self.assertFalse(below.qsr_won_lost_proposed)
        # the account manager (else the salesperson) gets the to-do
        activity = won.qsr_won_lost_review_ids.activity_ids
        self.assertEqual(activity.summary, "Hold a won/lost review")

    def test_other_company_opportunity(self):
        company = self.env["res.company"].create({"name": "T Second Company"})
        (self.env.user | self.user_salesman).company_ids |= company
        lead = self._create_opportunity(
            self.account_plain,
            expected_revenue=70_000,
            company_id=company.id,
            team_id=False,
        )
        lead.action_set_won()
        self.assertRecordValues(
            lead.qsr_won_lost_review_ids,
            [{"company_id": company.id, "partner_id": self.account_plain.id}],
        )

    def test_key_account_below_threshold_still_reviewed(self):
        lead = self._create_opportunity(self.account_a, expected_revenue=1000)
        lead.action_set_won()
        self.assertEqual(lead.qsr_won_lost_review_ids.outcome, "won")

    def test_individual_customer_never(self):
        person = self.env["res.partner"].create({"name": "T Private Buyer"})
        lead = self._create_opportunity(person, expected_revenue=900_000)
        lead.action_set_won()
        self.assertFalse(lead.qsr_won_lost_review_ids)

    def test_no_threshold_key_accounts_only(self):
        self.env["res.config.settings"].create(
            {"qsr_won_lost_review_threshold": 0}
        ).execute()
        lead = self._create_opportunity(self.account_plain, expected_revenue=900_000)
        lead.action_set_won()
        self.assertFalse(lead.qsr_won_lost_review_ids)

    def test_win_loss_counts_untiered_under_no_tier(self):
        """Account A (Key): 2 won, 1 lost; untiered companies: 3 won, 2 lost
        above the threshold, and 1 won, 1 lost below it, not counted."""
        plan = [
            (self.account_a, 0, ["won", "won", "lost"]),
            (self.account_plain, 80_000, ["won", "won", "lost"]),
            (self.account_other, 50_000, ["won", "lost"]),
            (self.account_other, 10_000, ["won", "lost"]),
        ]
        for account, revenue, outcomes in plan:
            for outcome in outcomes:
                lead = self._create_opportunity(account, expected_revenue=revenue)
                if outcome == "won":
                    lead.action_set_won()
                else:
                    lead.action_set_lost()
        accounts = self.account_a | self.account_plain | self.account_other
        rows = {
            tier: (won, lost, ratio)
            for tier, won, lost, ratio in self.env["qsr.report.win.loss"]._read_group(
                [("account_id", "in", accounts.ids)],
                ["tier_id"],
                ["won:sum", "lost:sum", "ratio:avg"],
            )
        }
        self.assertEqual(
            rows,
            {
                self.tier_key: (2, 1, 2.0),
                self.env["qsr.tier"]: (3, 2, 1.5),
            },
        )
        # a tier given later counts the deals under it from then on
        self.account_other.qsr_tier_id = self.tier_development
        self.env.flush_all()
        self.assertEqual(
            self.env["qsr.report.win.loss"].search_count(
                [("account_id", "=", self.account_other.id)]
            ),
            4,
        )

    def test_uninstall_leaves_no_threshold(self):
        uninstall_hook(self.env)
        self.assertFalse(
            self.env["ir.config_parameter"].get_param("qsr_won_lost.review_threshold")
        )
