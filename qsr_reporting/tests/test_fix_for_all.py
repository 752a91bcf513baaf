from datetime import date

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, tagged

from odoo.addons.qsr_review.tests.common import new_account
from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

# a price row whose point is worth 15 / 60 = 0.25 % of the spend
PRICE_LEVELS = [
    ("10% more", 10.0, -20.0),
    ("5% more", 5.0, -10.0),
    ("As now", 0.0, 0.0),
    ("3% less", -3.0, 20.0),
    ("5% less", -5.0, 40.0),
]


class FixForAllCommon(SimaltoCommon):
    """The worked example's grid with a price row (three rows: the default
    priority threshold P is 100 / 3), answered in wave 2041 Q1 by one
    operational contact (weight 1) of each of five accounts, all on 400,000 a
    year except K4 (800,000). Response time (rt) and Delivered in full (inf):
    (today, acceptable, ideal) and the points spent:

    ====  ========  ===========  =========  ==========  ===========  =========
    acct  tier      rt marks     inf marks  rt points   inf points   rt class
    ====  ========  ===========  =========  ==========  ===========  =========
    K1    Key       1, 2, 4      1, 1, 4    4 of 16     12 of 16     tolerated
    K2    Key       1, 2, 4      1, 1, 4    4 of 16     12 of 16     tolerated
    K3    Key       2, 2, 4      1, 1, 4    0 of 12     12 of 12     strength
    K4    Key       1, 2, 4      1, 1, 4    10 of 17    7 of 17      fix first
    K5    Strat.    1, 2, 4      1, 1, 4    4 of 16     12 of 16     tolerated
    ====  ========  ===========  =========  ==========  ===========  =========

    Response time: in distress at K1, K2, K4, K5 (distress share 1.0 each),
    priority index 25 at K1, K2, K5, 0 at K3, 1000/17 = 58.8 at K4. So in the
    Key tier 2 accounts of 4 hold it as a tolerated failing (50%), in the
    Strategic tier 1 of 1. Nobody is in distress on Delivered in full.
    Willingness to pay of a line: points x 0.25 % x revenue = points x 1,000
    (x 2,000 at K4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        area = env["qsr.grid.area"].create(
            {"grid_id": cls.grid.id, "name": "Price", "sequence": 99}
        )
        cls.price_row = env["qsr.grid.attribute"].create(
            {
                "area_id": area.id,
                "name": "Price you pay",
                "is_price": True,
                "level_ids": [
                    Command.create(
                        {
                            "name": name,
                            "price_change": change,
                            "cost": cost,
                            "sequence": i,
                        }
                    )
                    for i, (name, change, cost) in enumerate(PRICE_LEVELS, start=1)
                ],
            }
        )
        cls.as_now = cls.price_row.level_ids.filtered(lambda lv: lv.name == "As now")
        cls.wave = env["qsr.wave"].create(
            {"name": "2041 Q1", "date_start": "2041-01-01", "date_end": "2041-03-31"}
        )
        tolerated = (
            {cls.response_time: (1, 2, 4), cls.in_full: (1, 1, 4)},
            [{cls.in_full: 3}, {cls.in_full: 4, cls.response_time: 2}],
        )
        cls.accounts = {}
        cls.reviews = {}
        for key, tier, revenue, marks, rounds, manager in (
            ("K1", cls.tier_key, 400_000, *tolerated, cls.user_am_a),
            ("K2", cls.tier_key, 400_000, *tolerated, cls.user_am_b),
            (
                "K3",
                cls.tier_key,
                400_000,
                {cls.response_time: (2, 2, 4), cls.in_full: (1, 1, 4)},
                [{cls.in_full: 3}, {cls.in_full: 4}],
                cls.user_am_b,
            ),
            (
                "K4",
                cls.tier_key,
                800_000,
                {cls.response_time: (1, 2, 4), cls.in_full: (1, 1, 4)},
                [{cls.response_time: 3}, {cls.in_full: 3}],
                cls.user_am_b,
            ),
            ("K5", cls.tier_strategic, 400_000, *tolerated, cls.user_am_b),
        ):
            account = new_account(
                env,
                f"Account {key}",
                tier,
                manager,
                qsr_annual_revenue=revenue,
                qsr_account_manager_id=manager.id,
            )
            contact = env["res.partner"].create(
                {
                    "name": f"Contact {key}",
                    "parent_id": account.id,
                    "qsr_contact_level": "operational",
                }
            )
            review = env["qsr.review"].create(
                {
                    "partner_id": account.id,
                    "date_planned": "2041-02-01",
                    "grid_id": cls.grid.id,
                    "review_type": "simalto",
                    "sponsor_id": cls.user_sponsor.id,
                    "participant_ids": [Command.create({"partner_id": contact.id})],
                }
            )
            review.action_next_stage()
            response = review.response_ids
            cls._answer(response, marks, rounds)
            cls._answer_price_row(response)
            response.action_submit()
            cls.accounts[key] = account
            cls.reviews[key] = review
        env.flush_all()

    @classmethod
    def _answer_price_row(cls, response):
        """Everybody keeps the price as now."""
        line = response.line_ids.filtered(lambda ln: ln.attribute_id == cls.price_row)
        if not line.current_level_id:
            line.current_level_id = cls.as_now
        for step in ("acceptable", "ideal"):
            response._save_answer(step, cls.price_row, cls.as_now)

    def _set_thresholds(self, distress=None, priority=None):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("qsr_reporting.distress_threshold", distress or False)
        params.set_param("qsr_reporting.priority_threshold", priority or False)
        # the list reads the settings when queried: forget what was read before
        self.env.invalidate_all()

    def _failing(self, tier, attribute=None):
        return self.env["qsr.report.tolerated.failing"].search(
            [
                ("wave_id", "=", self.wave.id),
                ("tier_id", "=", tier.id),
                ("aspect_id", "=", (attribute or self.response_time).aspect_id.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestFixForAll(FixForAllCommon):
    def test_counts_per_tier(self):
        self._set_thresholds()
        key = self._failing(self.tier_key)
        self.assertEqual(len(key), 1)
        self.assertEqual(key.grid_id, self.grid)
        self.assertEqual(key.account_count, 4)
        self.assertEqual(key.failing_count, 2, "K1 and K2")
        self.assertAlmostEqual(key.failing_share, 0.5)
        self.assertTrue(key.fix_for_all)
        self.assertAlmostEqual(key.distress_threshold, 0.30)
        self.assertAlmostEqual(key.priority_threshold, 100 / 3)

        strategic = self._failing(self.tier_strategic)
        self.assertEqual((strategic.account_count, strategic.failing_count), (1, 1))

        in_full = self._failing(self.tier_key, self.in_full)
        self.assertEqual((in_full.account_count, in_full.failing_count), (4, 0))
        self.assertFalse(in_full.fix_for_all)
        self.assertFalse(
            self._failing(self.tier_key, self.price_row), "the price row is left out"
        )

    def test_default_filter_and_share_under_grouping(self):
        self._set_thresholds()
        Failing = self.env["qsr.report.tolerated.failing"]
        listed = Failing.search(
            [("wave_id", "=", self.wave.id), ("fix_for_all", "=", True)]
        )
        self.assertEqual(
            listed, self._failing(self.tier_key) | self._failing(self.tier_strategic)
        )
        # over both tiers: 3 accounts of 5, not the mean of 50% and 100%
        [(share,)] = Failing._read_group(
            [
                ("wave_id", "=", self.wave.id),
                ("aspect_id", "=", self.response_time.aspect_id.id),
            ],
            [],
            ["failing_share:avg"],
        )
        self.assertAlmostEqual(share, 3 / 5)

    def test_changed_thresholds_change_the_list(self):
        # P = 20: the priority index of 25 at K1 and K2 makes them fix first
        self._set_thresholds(priority="20")
        key = self._failing(self.tier_key)
        self.assertEqual(key.failing_count, 0)
        self.assertFalse(key.fix_for_all)
        # P = 70: K4 (distress 1.0, priority 58.8) joins them
        self._set_thresholds(priority="70")
        key = self._failing(self.tier_key)
        self.assertEqual(key.failing_count, 3)
        self.assertAlmostEqual(key.failing_share, 0.75)
        # D = 1.0 still holds the accounts fully in distress; "abc" is unset
        self._set_thresholds(distress="1.0", priority="abc")
        self.assertEqual(self._failing(self.tier_key).failing_count, 2)
        self._set_thresholds(distress="0.3")
        self.assertEqual(self._failing(self.tier_key).failing_count, 2)

    def _run_wizard(self, row, **values):
        action = row.with_user(self.user_director).action_fix_for_all()
        wizard = Form(
            self.env["qsr.improvement.wizard"]
            .with_user(self.user_director)
            .with_context(**action["context"])
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        wizard = wizard.save()
        return wizard, wizard.action_create()

    def test_wizard_creates_one_gap_per_affected_account(self):
        self._set_thresholds()
        row = self._failing(self.tier_key)
        wizard, action = self._run_wizard(
            row, user_id=self.user_am_a, date_deadline=date(2041, 6, 30)
        )
        self.assertEqual(wizard.name, "Response time", "the row's name by default")
        self.assertEqual(wizard.account_ids, self.accounts["K1"] | self.accounts["K2"])
        improvement = self.env["qsr.improvement"].browse(action["res_id"])
        self.assertEqual(improvement.name, "Response time")
        self.assertEqual(
            (improvement.tier_id, improvement.wave_id, improvement.aspect_id),
            (self.tier_key, self.wave, self.response_time.aspect_id),
        )
        gaps = improvement.gap_ids
        self.assertEqual(gaps.review_id, self.reviews["K1"] | self.reviews["K2"])
        self.assertEqual(gaps.attribute_id, self.response_time)
        self.assertEqual(gaps.user_id, self.user_am_a)
        self.assertEqual(set(gaps.mapped("date_deadline")), {date(2041, 6, 30)})
        self.assertEqual((improvement.gap_count, improvement.progress), (2, 0.0))
        gaps[0].action_done()
        self.assertEqual(improvement.progress, 50.0)
        self.assertEqual(improvement.state, "progress")

    def test_wizard_is_idempotent(self):
        self._set_thresholds()
        row = self._failing(self.tier_key)
        # K2 already has a gap on the row: it is linked, not duplicated
        known = self.env["qsr.gap"].create(
            {
                "name": "Slow answers",
                "review_id": self.reviews["K2"].id,
                "attribute_id": self.response_time.id,
            }
        )
        _wizard, action = self._run_wizard(
            row, name="Answer within a day", date_deadline=date(2041, 6, 30)
        )
        improvement = self.env["qsr.improvement"].browse(action["res_id"])
        self.assertEqual(len(improvement.gap_ids), 2)
        self.assertIn(known, improvement.gap_ids)
        self.assertEqual(known.name, "Slow answers", "its name is kept")
        self.assertEqual(known.user_id, self.user_director)
        self.assertEqual(known.date_deadline, date(2041, 6, 30))

        _wizard, again = self._run_wizard(row, date_deadline=date(2041, 7, 31))
        self.assertEqual(again["res_id"], improvement.id, "the same improvement")
        self.assertEqual(len(improvement.gap_ids), 2, "no second gap")
        self.assertEqual(
            self.env["qsr.gap"].search_count(
                [
                    ("review_id", "in", (self.reviews["K1"] | self.reviews["K2"]).ids),
                    ("attribute_id", "=", self.response_time.id),
                ]
            ),
            2,
        )
        self.assertEqual(
            set(improvement.gap_ids.mapped("date_deadline")), {date(2041, 7, 31)}
        )

    def test_directors_only(self):
        Failing = self.env["qsr.report.tolerated.failing"]
        self.assertTrue(Failing.with_user(self.user_director).search([]))
        for user in (self.user_am_a, self.user_internal):
            with self.assertRaises(AccessError):
                Failing.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["qsr.improvement.wizard"].with_user(user).create(
                    {
                        "wave_id": self.wave.id,
                        "grid_id": self.grid.id,
                        "aspect_id": self.response_time.aspect_id.id,
                        "date_deadline": date(2041, 6, 30),
                    }
                )

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.user_director.write(
            {"company_ids": [Command.link(other.id)], "company_id": other.id}
        )
        Failing = self.env["qsr.report.tolerated.failing"].with_user(self.user_director)
        self.assertFalse(
            Failing.with_context(allowed_company_ids=other.ids).search(
                [("wave_id", "=", self.wave.id)]
            )
        )
