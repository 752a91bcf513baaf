from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestAccess(QsrReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gap_a = cls.env["qsr.gap"].create(
            {"name": "Gap A", "review_id": cls.review_a.id}
        )
        cls.gap_b = cls.env["qsr.gap"].create(
            {"name": "Gap B", "review_id": cls.review_b.id}
        )
        cls.council = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_a.id,
                "review_type": "council",
                "circulation_user_ids": [Command.link(cls.user_sponsor.id)],
            }
        )
        cls.council.council_account_ids |= cls.account_b
        cls.council_theme = cls.env["qsr.council.theme"].create(
            {"name": "Supply risk", "review_id": cls.council.id}
        )
        cls.council_gap = cls.env["qsr.gap"].create(
            {"name": "Shared theme", "review_id": cls.council.id}
        )

    def setUp(self):
        super().setUp()
        self.enterContext(
            mute_logger(
                "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"
            )
        )

    def _visible(self, model):
        """What the current user finds among this test's records (the
        database may hold demo data too)."""
        accounts = self.account_a | self.account_b
        field = (
            "review_id.partner_id"
            if model == "qsr.review.participant"
            else "partner_id"
        )
        return self.env[model].search([(field, "in", accounts.ids)])

    def _visible_as(self, user, model):
        return (
            self._visible(model)
            .with_user(user)
            .search([("id", "in", self._visible(model).ids)])
        )

    @users("t_qsr_internal")
    def test_internal_user_without_qsr_rights_sees_nothing(self):
        for model in (
            "qsr.review",
            "qsr.gap",
            "qsr.tier",
            "qsr.wave",
            "qsr.review.participant",
        ):
            with self.assertRaises(AccessError):
                self.env[model].search([])
        with self.assertRaises(AccessError):
            self.env["qsr.review"].create({"partner_id": self.account_a.id})

    @users("t_qsr_am_a")
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

    @users("t_qsr_am_a")
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

    @users("t_qsr_am_a")
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
            {
                "partner_id": self.account_b.id,
                "user_id": self.user_am_a.id,
                "function": "technical",
            }
        )
        visible = self._visible_as(self.user_am_a, "qsr.review")
        self.assertEqual(visible, self.review_a | self.review_b)

    def test_sponsor_sees_the_reviews_sponsored(self):
        self.review_b.sponsor_id = self.user_sponsor
        visible = self._visible_as(self.user_sponsor, "qsr.review")
        self.assertEqual(visible, self.review_b | self.council)
        gaps = self._visible_as(self.user_sponsor, "qsr.gap")
        self.assertEqual(gaps, self.gap_b | self.council_gap)

    def test_confidential_review_stays_out_of_the_account_chain(self):
        later = self.env["qsr.review"].create({"partner_id": self.account_a.id})
        self.assertEqual(later.previous_review_id, self.review_a)
        later.with_user(self.user_am_a).read(["previous_gap_ids"])
        with self.assertRaises(ValidationError):
            later.previous_review_id = self.council

    def test_gap_owner_sees_own_gap(self):
        self.gap_b.user_id = self.user_am_a
        visible = self._visible_as(self.user_am_a, "qsr.gap")
        self.assertEqual(visible, self.gap_a | self.gap_b)

    def test_confidential_review_only_for_circulation_and_managers(self):
        self.assertNotIn(self.council, self._visible_as(self.user_am_a, "qsr.review"))
        self.assertNotIn(self.council_gap, self._visible_as(self.user_am_a, "qsr.gap"))
        with self.assertRaises(AccessError):
            self.council.with_user(self.user_am_a).read(["summary"])

        self.assertEqual(
            self._visible_as(self.user_sponsor, "qsr.review"), self.council
        )
        self.assertEqual(
            self._visible_as(self.user_sponsor, "qsr.gap"), self.council_gap
        )

        self.assertIn(self.council, self._visible_as(self.user_director, "qsr.review"))

    @users("t_qsr_director")
    def test_director_sees_and_configures_everything(self):
        self.assertEqual(
            self._visible("qsr.review"), self.review_a | self.review_b | self.council
        )
        self.assertEqual(
            self._visible("qsr.gap"), self.gap_a | self.gap_b | self.council_gap
        )
        self.tier_key.with_env(self.env).cadence_months = 4
        self.env["qsr.wave"].create(
            {"name": "W", "date_start": "2030-01-01", "date_end": "2030-03-31"}
        )

    def test_council_themes_only_for_circulation_and_managers(self):
        """Manager B's account is represented at the council, but B is not on
        its circulation list."""
        Theme = self.env["qsr.council.theme"]
        for user in (self.user_am_a, self.user_am_b):
            self.assertFalse(
                Theme.with_user(user).search([("id", "=", self.council_theme.id)])
            )
            with self.assertRaises(AccessError):
                self.council_theme.with_user(user).read(["name"])
        self.assertEqual(
            Theme.with_user(self.user_sponsor).search(
                [("id", "=", self.council_theme.id)]
            ),
            self.council_theme,
        )
        self.assertTrue(self.council_theme.with_user(self.user_director).read(["name"]))
