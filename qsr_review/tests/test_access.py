from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
@mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
class TestAccess(QsrReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gap_a = cls.env["qsr.gap"].create({"name": "Gap A", "review_id": cls.review_a.id})
        cls.gap_b = cls.env["qsr.gap"].create({"name": "Gap B", "review_id": cls.review_b.id})
        cls.council = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_a.id,
                "review_type": "council",
                "circulation_user_ids": [Command.link(cls.user_sponsor.id)],
            }
        )
        cls.council_gap = cls.env["qsr.gap"].create(
            {"name": "Shared theme", "review_id": cls.council.id}
        )

    def _visible(self, model):
        return self.env[model].search([])

    @users("qsr_internal")
    def test_internal_user_without_qsr_rights_sees_nothing(self):
        for model in ("qsr.review", "qsr.gap", "qsr.tier", "qsr.wave", "qsr.review.participant"):
            with self.assertRaises(AccessError):
                self.env[model].search([])
        with self.assertRaises(AccessError):
            self.env["qsr.review"].create({"partner_id": self.account_a.id})

    @users("qsr_am_a")
    def test_account_manager_sees_own_accounts_only(self):
        self.assertEqual(self._visible("qsr.review"), self.review_a)
        self.assertEqual(self._visible("qsr.gap"), self.gap_a)
        self.assertEqual(
            self._visible("qsr.review.participant"), self.review_a.participant_ids
        )
        review_b = self.review_b.with_env(self.env)
        with self.assertRaises(AccessError):
            review_b.read(["name"])
        with self.assertRaises(AccessError):
            review_b.write({"note": "<p>peek</p>"})
        with self.assertRaises(AccessError):
            self.gap_b.with_env(self.env).unlink()

    @users("qsr_am_a")
    def test_account_manager_runs_own_reviews(self):
        review = self.review_a.with_env(self.env)
        review.write({"note": "<p>Prepared</p>"})
        review.action_next_stage()
        self.assertEqual(review.stage, "collect")
        gap = self.env["qsr.gap"].create({"name": "New gap", "review_id": review.id})
        gap.unlink()
        new = self.env["qsr.review"].create({"partner_id": self.account_a.id})
        self.assertEqual(new.user_id, self.user_am_a)
        new.unlink()

    @users("qsr_am_a")
    def test_user_reads_but_cannot_configure(self):
        tier = self.tier_key.with_env(self.env)
        self.assertTrue(tier.name)
        with self.assertRaises(AccessError):
            tier.cadence_months = 1
        with self.assertRaises(AccessError):
            self.env["qsr.wave"].create(
                {"name": "W", "date_start": "2030-01-01", "date_end": "2030-03-31"}
            )

    def test_team_member_sees_the_account(self):
        self.env["qsr.account.team.member"].create(
            {"partner_id": self.account_b.id, "user_id": self.user_am_a.id, "function": "technical"}
        )
        visible = self.env["qsr.review"].with_user(self.user_am_a).search([])
        self.assertEqual(visible, self.review_a | self.review_b)

    def test_gap_owner_sees_own_gap(self):
        self.gap_b.user_id = self.user_am_a
        visible = self.env["qsr.gap"].with_user(self.user_am_a).search([])
        self.assertEqual(visible, self.gap_a | self.gap_b)

    def test_confidential_review_only_for_circulation_and_managers(self):
        as_manager_a = self.env["qsr.review"].with_user(self.user_am_a)
        self.assertNotIn(self.council, as_manager_a.search([]))
        self.assertNotIn(self.council_gap, self.env["qsr.gap"].with_user(self.user_am_a).search([]))
        with self.assertRaises(AccessError):
            self.council.with_user(self.user_am_a).read(["summary"])

        as_circulation = self.env["qsr.review"].with_user(self.user_sponsor)
        self.assertEqual(as_circulation.search([]), self.council)
        self.assertEqual(self.env["qsr.gap"].with_user(self.user_sponsor).search([]), self.council_gap)

        as_director = self.env["qsr.review"].with_user(self.user_director)
        self.assertIn(self.council, as_director.search([]))

    @users("qsr_director_t")
    def test_director_sees_and_configures_everything(self):
        self.assertEqual(
            self._visible("qsr.review"), self.review_a | self.review_b | self.council
        )
        self.assertEqual(self._visible("qsr.gap"), self.gap_a | self.gap_b | self.council_gap)
        self.tier_key.with_env(self.env).cadence_months = 4
        self.env["qsr.wave"].create(
            {"name": "W", "date_start": "2030-01-01", "date_end": "2030-03-31"}
        )
