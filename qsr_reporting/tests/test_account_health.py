from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from odoo.addons.qsr_reporting.models.qsr_account_health import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    WEIGHT_PARAM,
)
from odoo.addons.qsr_review.tests.common import new_portal_contact

from .common import ReportCommon


@tagged("post_install", "-at_install")
class TestAccountHealth(ReportCommon):
    """Alpha Industries answers SIMALTO.md's worked example in the wave of its
    review (the executive A, weight 4, and the operational user B, 1): both
    score 16.67 (100 x (0 + 1/3) / 2), each is in distress on one row of two,
    (4 x 1 + 1 x 1) / (4 x 2 + 1 x 2) = 0.5. Both invited contacts answered,
    the executive among them. Of Alpha's three open gaps, one is past its due
    date and one in a company-wide improvement past its due date. Its
    opportunities: one open (1,000), in the last 12 months one won and one
    lost, in the 12 before two lost (win rate 0.5 against 0: better)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.wave = cls.review.wave_id
        today = fields.Date.context_today(env["qsr.gap"])
        improvement = env["qsr.improvement"].create(
            {
                "name": "Faster call-backs",
                "date_deadline": today - relativedelta(days=10),
            }
        )
        env["qsr.gap"].create(
            [
                {
                    "name": "Late",
                    "review_id": cls.review.id,
                    # days late in every timezone: the tests run as users
                    # whose today may be a day apart from the admin's
                    "date_deadline": today - relativedelta(days=3),
                },
                {
                    "name": "In time",
                    "review_id": cls.review.id,
                    "date_deadline": today + relativedelta(days=30),
                    "state": "progress",
                },
                {
                    "name": "Improvement late",
                    "review_id": cls.review.id,
                    "improvement_id": improvement.id,
                },
                {
                    "name": "Done late",
                    "review_id": cls.review.id,
                    "date_deadline": today - relativedelta(days=90),
                    "state": "done",
                },
            ]
        )
        won_stage = env["crm.stage"].create(
            {"name": "Signed (health)", "is_won": True, "sequence": 99}
        )
        Lead = env["crm.lead"].with_context(active_test=False)
        now = fields.Datetime.now()

        def lead(name, partner, outcome=None, months_ago=1):
            record = Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "expected_revenue": 1000,
                }
            )
            if outcome == "won":
                record.stage_id = won_stage
            elif outcome == "lost":
                record.action_set_lost()
            if outcome:
                record.date_closed = now - relativedelta(months=months_ago)
            return record

        lead("Open", cls.contact_a_exec)  # a contact's: the account's
        lead("Won", cls.account_a, "won")
        lead("Lost", cls.account_a, "lost")
        lead("Lost before", cls.account_a, "lost", months_ago=14)
        lead("Lost before too", cls.contact_a_user, "lost", months_ago=20)
        lead("Too old", cls.account_a, "won", months_ago=30)
        lead("Other account", cls.account_b, "won")
        cls.env.flush_all()
        cls.Health = env["qsr.account.health"]

    def _set_weights(self, **weights):
        params = self.env["ir.config_parameter"].sudo()
        for key, weight in weights.items():
            params.set_param(WEIGHT_PARAM % key, str(weight))

    def test_components_and_points(self):
        health = self.Health._compute_for(self.account_a, self.wave)
        self.assertEqual(health.partner_id, self.account_a)
        self.assertEqual(health.tier_id, self.tier_key)
        # performance: 16.67 of 100 -> 30 x 0.1667
        self.assertAlmostEqual(health.performance_value, 100 / 6)
        self.assertAlmostEqual(health.performance_points, 5.0)
        # distress 0.5, no earlier wave: 20 x (0.75 x 0.5 + 0.25 x 0.5)
        self.assertAlmostEqual(health.distress_value, 0.5)
        self.assertFalse(health.distress_has_previous)
        self.assertAlmostEqual(health.distress_points, 10.0)
        # response: 2 of 2, an executive: 15 x 1
        self.assertEqual((health.response_responded, health.response_invited), (2, 2))
        self.assertTrue(health.response_executive)
        self.assertAlmostEqual(health.response_points, 15.0)
        # overdue: 2 of 3 open gaps -> 15 x 1/3
        self.assertEqual((health.overdue_value, health.overdue_open), (2, 3))
        self.assertAlmostEqual(health.overdue_points, 5.0)
        # pipeline: open (1,000), win rate 1/2 against 0/2 -> 10 x 1
        self.assertEqual(health.pipeline_open, 1)
        self.assertAlmostEqual(health.pipeline_value, 1000)
        self.assertEqual(
            (
                health.pipeline_won,
                health.pipeline_lost,
                health.pipeline_won_before,
                health.pipeline_lost_before,
            ),
            (1, 1, 0, 2),
        )
        self.assertAlmostEqual(health.pipeline_points, 10.0)
        # revenue: no earlier review -> neutral, 10 x 0.5
        self.assertTrue(health.revenue_neutral)
        self.assertAlmostEqual(health.revenue_points, 5.0)
        self.assertEqual(
            {key: health[f"{key}_weight"] for key in COMPONENTS}, DEFAULT_WEIGHTS
        )
        self.assertAlmostEqual(
            health.score, sum(health[f"{key}_points"] for key in COMPONENTS)
        )
        self.assertAlmostEqual(health.score, 50.0)
        self.assertEqual(health.band, "watch")
        # the account shows its latest score
        self.assertEqual(self.account_a.qsr_health_id, health)
        self.assertAlmostEqual(self.account_a.qsr_health_score, 50.0)

    def test_no_data_is_neutral(self):
        """An account without answers, participants, gaps, opportunities or
        earlier revenue gets half of every weight but the overdue one (nothing
        open, nothing overdue: all of it)."""
        account = self.env["res.partner"].create(
            {"name": "Zeta Quiet", "is_company": True, "qsr_tier_id": self.tier_key.id}
        )
        health = self.Health._compute_for(account, self.wave)
        for key in ("performance", "distress", "response", "pipeline", "revenue"):
            self.assertTrue(health[f"{key}_neutral"], key)
            self.assertAlmostEqual(health[f"{key}_points"], DEFAULT_WEIGHTS[key] / 2)
        self.assertAlmostEqual(health.overdue_points, 15.0)
        self.assertAlmostEqual(health.score, 15 + 85 / 2)
        self.assertIn("neutral", str(health.explanation))

    def test_explanation_names_every_component(self):
        health = self.Health._compute_for(self.account_a, self.wave)
        text = str(health.explanation)
        for label in self.Health._component_labels().values():
            self.assertIn(label, text)
        self.assertIn("17 out of 100", text)
        self.assertIn("2 of 2 invited contacts answered", text)
        self.assertIn("an executive answered", text)
        self.assertIn("company-wide improvement): 2 of 3.", text)
        self.assertIn("open opportunities: 1, worth", text)
        self.assertIn("won 1 and lost 1 in the last 12 months", text)
        self.assertIn("5.0 of 30 points", text)
        self.assertIn("Score 50.0 of 100", text)

    def test_history_and_weights(self):
        """Two waves give two rows; changed weights apply to the scores
        computed afterwards: the cron computes the new wave with them and
        leaves the earlier wave's score as it was."""
        first = self.Health._compute_for(self.account_a, self.wave)
        later = self.env["qsr.wave"].create(
            {
                "name": "Next wave",
                "date_start": self.wave.date_end + relativedelta(days=1),
                "date_end": self.wave.date_end + relativedelta(months=3),
            }
        )
        self.account_a.qsr_annual_revenue = 2_200_000  # +10%
        self._answer_next_wave(later)
        self._set_weights(performance=40, distress=10)
        self.Health._cron_compute_health()
        scores = self.Health.search([("partner_id", "=", self.account_a.id)])
        self.assertEqual(len(scores), 2)
        self.assertEqual(scores.wave_id, self.wave | later)
        # the earlier wave as it was
        self.assertEqual(first.performance_weight, 30)
        self.assertAlmostEqual(first.score, 50.0)
        second = scores - first
        self.assertEqual(second.wave_id, later)
        self.assertEqual((second.performance_weight, second.distress_weight), (40, 10))
        # performance (4 x 33.33 + 1 x 50) / 5 = 36.67 -> 40 x 0.3667
        self.assertAlmostEqual(second.performance_value, 110 / 3)
        self.assertAlmostEqual(second.performance_points, 14.67)
        # distress 0.4, down from 0.5: 10 x (0.75 x 0.6 + 0.25)
        self.assertAlmostEqual(second.distress_value, 0.4)
        self.assertAlmostEqual(second.distress_previous, 0.5)
        self.assertAlmostEqual(second.distress_points, 7.0)
        # revenue +10%: 10 x (0.5 + 0.5 x 0.1 / 0.2)
        self.assertAlmostEqual(second.revenue_value, 0.1)
        self.assertAlmostEqual(second.revenue_points, 7.5)
        self.assertAlmostEqual(second.score, 14.67 + 7.0 + 15.0 + 5.0 + 10.0 + 7.5)
        self.assertEqual(self.account_a.qsr_health_id, second)
        self.assertEqual(self.account_a.qsr_health_count, 2)

    def test_bad_weights_rejected(self):
        Settings = self.env["res.config.settings"]
        with self.assertRaises(ValidationError):
            Settings.create({"qsr_health_weight_performance": 50})  # 120 in all
        with self.assertRaises(ValidationError):
            Settings.create(
                {
                    "qsr_health_weight_performance": 50,
                    "qsr_health_weight_revenue": -10,
                }
            )
        # a weight of 0 is kept as 0, not its default
        Settings.create(
            {"qsr_health_weight_performance": 40, "qsr_health_weight_revenue": 0}
        ).execute()
        self.assertEqual(self.Health._get_weights()["revenue"], 0)
        self.assertEqual(self.Health._get_weights()["performance"], 40)
        # parameters set by hand are checked when a score is computed
        self._set_weights(pipeline=30)
        with self.assertRaises(UserError):
            self.Health._compute_for(self.account_a, self.wave)

    def test_tier_mean(self):
        """The mean score of the accounts of the account's tier in the wave
        (the tier each score stored)."""
        health_a, health_b = (
            self.Health._compute_for(account, self.wave)
            for account in (self.account_a, self.account_b)
        )
        self.assertEqual(health_b.tier_id, self.tier_strategic)

        def tier_scores():
            return self.Health.search(
                [("wave_id", "=", self.wave.id), ("tier_id", "=", self.tier_key.id)]
            ).mapped("score")

        scores = tier_scores()
        self.assertIn(health_a.score, scores)
        self.assertAlmostEqual(health_a.tier_mean, sum(scores) / len(scores))
        self.assertEqual(health_a.tier_count, len(scores))
        before = len(scores)
        health_b.tier_id = self.tier_key
        health_a.invalidate_recordset(["tier_mean", "tier_count"])
        scores = tier_scores()
        self.assertEqual(len(scores), before + 1)
        self.assertAlmostEqual(health_a.tier_mean, sum(scores) / len(scores))
        self.assertAlmostEqual(
            self.account_a.qsr_health_tier_mean, sum(scores) / len(scores)
        )

    def test_dashboard_distribution_equals_records(self):
        self.Health._compute_for(self.account_a | self.account_b, self.wave)
        data = (
            self.env["qsr.dashboard"]
            .with_user(self.user_director)
            .get_data(self.wave.id)["health"]
        )
        records = self.Health.search([("wave_id", "=", self.wave.id)])
        for band in data["bands"]:
            self.assertEqual(
                band["count"],
                len(records.filtered(lambda h, b=band: h.band == b["key"])),
            )
            target = band["open"]
            self.assertEqual(
                self.env[target["res_model"]].search_count(target["domain"]),
                band["count"],
            )
        self.assertEqual(data["total"], len(records))
        worst = data["worst"]
        self.assertEqual(
            [row["id"] for row in worst],
            records.sorted(lambda h: (h.score, h.id)).ids[:5],
        )

    @users("t_qsr_am_a")
    def test_access_own_accounts(self):
        self.Health.sudo()._compute_for(self.account_a | self.account_b, self.wave)
        Health = self.env["qsr.account.health"]
        self.assertEqual(
            Health.search([("wave_id", "=", self.wave.id)]).partner_id, self.account_a
        )
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            self.account_a.with_user(self.env.user).action_qsr_compute_health()

    def test_portal_never_reads_health(self):
        """Health scores are internal: a contact of the account on the portal
        reads neither the records nor the account's health fields."""
        self.Health._compute_for(self.account_a, self.wave)
        portal = new_portal_contact(
            self.env, self.account_a, "t_qsr_health_portal", "Paula Portal"
        )
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                self.env["qsr.account.health"].with_user(portal).search([])
            with self.assertRaises(AccessError):
                self.account_a.with_user(portal).read(["qsr_health_score"])
            with self.assertRaises(AccessError):
                self.account_a.with_user(portal).read(["qsr_health_explanation"])

    def test_recompute_button(self):
        self.account_a.with_user(self.user_director).action_qsr_compute_health()
        health = self.account_a.qsr_health_id
        self.assertEqual(health.wave_id, self.wave)
        self.assertAlmostEqual(health.score, 50.0)
        account = self.env["res.partner"].create({"name": "Nobody", "is_company": True})
        with self.assertRaises(UserError):
            account.with_user(self.user_director).action_qsr_compute_health()

    def test_account_plan_shows_the_score(self):
        """The plan shows its account's score of the latest wave started by
        the end of its period (internal fields only)."""
        health = self.Health._compute_for(self.account_a, self.wave)
        plan = self.env["qsr.account.plan"].create(
            {
                "partner_id": self.account_a.id,
                "date_start": self.wave.date_start,
                "date_end": self.wave.date_end,
            }
        )
        self.assertEqual(plan.health_id, health)
        self.assertAlmostEqual(plan.health_score, 50.0)
        self.assertEqual(plan.action_view_health()["res_id"], health.id)
        earlier = plan.copy(
            {
                "date_start": self.wave.date_start - relativedelta(years=3),
                "date_end": self.wave.date_start - relativedelta(years=2),
            }
        )
        self.assertFalse(earlier.health_id)
        self.assertEqual(
            plan._fields["health_score"].groups, "qsr_review.group_qsr_user"
        )
