from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestReview(QsrReviewCommon):
    def test_defaults_from_account(self):
        review = self.review_a
        self.assertTrue(review.name.startswith("QSR/"))
        self.assertEqual(review.user_id, self.user_am_a)
        self.assertEqual(review.review_type, self.tier_key.default_review_type)
        self.assertEqual(review.tier_id, self.tier_key)
        self.assertEqual(review.stage, "draft")
        self.assertIn("Alpha Industries", review.display_name)

    def test_wave_from_planned_date(self):
        wave = self.env["qsr.wave"].create(
            {
                "name": "Q1",
                "date_start": date(2030, 1, 1),
                "date_end": date(2030, 3, 31),
            }
        )
        self.review_a.date_planned = date(2030, 2, 15)
        self.assertEqual(self.review_a.wave_id, wave)
        with self.assertRaises(ValidationError):
            wave.date_end = date(2029, 12, 1)

    def test_participants_carry_level_weight_and_title(self):
        exec_line = self.review_a.participant_ids.filtered(
            lambda p: p.partner_id == self.contact_a_exec
        )
        self.assertEqual(exec_line.contact_level, "executive")
        self.assertEqual(exec_line.weight, 4)
        self.assertEqual(exec_line.display_name, "Alice Exec, CEO")

    def test_full_cycle(self):
        review = self.review_a
        for stage in ("collect", "compile", "engage", "prepare", "meet"):
            review.action_next_stage()
            self.assertEqual(review.stage, stage)
        with self.assertRaises(ValidationError):
            review.action_next_stage()  # no meeting date yet
        review.meeting_date = datetime(2026, 5, 4, 10, 0)
        review.action_next_stage()
        review.action_next_stage()
        self.assertEqual(review.stage, "continue")
        self.assertEqual(self.account_a.qsr_last_review_date, date(2026, 5, 4))
        review.action_next_stage()
        self.assertEqual(review.stage, "done")
        nxt = review.next_review_id
        self.assertTrue(nxt, "closing the cycle plans the next review")
        self.assertEqual(nxt.previous_review_id, review)
        self.assertEqual(nxt.date_planned, date(2026, 11, 4))  # key tier: 6 months
        self.assertEqual(
            nxt.participant_ids.partner_id, review.participant_ids.partner_id
        )
        self.assertEqual(self.account_a.qsr_last_review_date, date(2026, 5, 4))
        self.assertEqual(self.account_a.qsr_next_review_date, date(2026, 11, 4))
        self.assertTrue(
            nxt.activity_ids.filtered(lambda a: a.user_id == self.user_am_a)
        )

    def test_collect_needs_participants(self):
        review = self.env["qsr.review"].create({"partner_id": self.account_a.id})
        with self.assertRaises(ValidationError):
            review.action_next_stage()

    def test_strategic_account_needs_sponsor_to_prepare(self):
        review = self.review_b
        for _step in range(3):
            review.action_next_stage()
        self.assertEqual(review.stage, "engage")
        with self.assertRaises(ValidationError):
            review.action_next_stage()
        review.sponsor_id = self.user_sponsor
        review.action_previous_stage()
        review.action_next_stage()
        self.assertTrue(
            review.activity_ids.filtered(lambda a: a.user_id == self.user_sponsor)
        )
        review.action_next_stage()
        self.assertEqual(review.stage, "prepare")

    def test_previous_review_and_its_gaps(self):
        gap = self.env["qsr.gap"].create(
            {"name": "Late deliveries", "review_id": self.review_a.id}
        )
        later = self.env["qsr.review"].create({"partner_id": self.account_a.id})
        self.assertEqual(later.previous_review_id, self.review_a)
        self.assertEqual(later.previous_gap_ids, gap)

    def test_previous_review_is_of_the_same_account(self):
        with self.assertRaises(ValidationError):
            self.review_a.previous_review_id = self.review_b
        later = self.env["qsr.review"].create({"partner_id": self.account_a.id})
        with self.assertRaises(ValidationError):
            self.review_a.previous_review_id = later  # a loop

    def test_only_planned_reviews_can_be_deleted(self):
        self.review_a.action_next_stage()
        with self.assertRaises(UserError):
            self.review_a.unlink()
        self.review_a.action_cancel()
        self.review_a.unlink()
        self.assertFalse(self.review_a.exists())

    def test_council_is_confidential_by_default(self):
        council = self.env["qsr.review"].create(
            {
                "partner_id": self.account_b.id,
                "review_type": "council",
                "circulation_user_ids": [Command.link(self.user_director.id)],
            }
        )
        self.assertTrue(council.confidential)
        self.assertFalse(self.review_a.confidential)

    def test_participants_are_contacts_of_the_account(self):
        with self.assertRaises(ValidationError):
            self.review_a.participant_ids = [
                Command.create({"partner_id": self.contact_b.id})
            ]

    def test_council_brings_several_accounts_together(self):
        council = self.env["qsr.review"].create(
            {
                "partner_id": self.account_a.id,
                "review_type": "council",
                "council_account_ids": [Command.link(self.account_b.id)],
                "participant_ids": [
                    Command.create({"partner_id": self.contact_a_exec.id}),
                    Command.create({"partner_id": self.contact_b.id}),
                ],
                "theme_ids": [
                    Command.create(
                        {
                            "name": "Earlier sight of the product roadmap",
                            "account_ids": [
                                Command.set((self.account_a | self.account_b).ids)
                            ],
                        }
                    )
                ],
            }
        )
        self.assertEqual(council.council_account_ids, self.account_b)
        self.assertEqual(
            council.participant_ids.contact_account_id, self.account_a | self.account_b
        )
        self.assertTrue(council.confidential)
        self.assertFalse(
            council.previous_review_id, "councils stay out of account chains"
        )

    def test_review_keeps_the_account_of_its_time(self):
        """Tier, industry and country are stored when collection starts: a
        later change to the account leaves them as they were."""
        industry = self.env["res.partner.industry"].create({"name": "Chemicals"})
        self.account_a.write({"industry_id": industry.id})
        self.account_a.qsr_tier_id = self.tier_strategic  # before collection
        self.review_a.action_next_stage()
        self.assertEqual(self.review_a.stage, "collect")
        self.assertEqual(self.review_a.tier_id, self.tier_strategic)
        self.assertEqual(self.review_a.industry_id, industry)
        self.account_a.write(
            {
                "qsr_tier_id": self.tier_maintain.id,
                "industry_id": False,
                "country_id": self.env.ref("base.fr").id,
            }
        )
        self.assertEqual(self.review_a.tier_id, self.tier_strategic)
        self.assertEqual(self.review_a.industry_id, industry)
        self.assertNotEqual(self.review_a.country_id, self.env.ref("base.fr"))
        self.assertEqual(self.review_a.tier_today_id, self.tier_maintain)

    def test_wave_of_the_planned_date_created_as_needed(self):
        Wave = self.env["qsr.wave"]
        review = self.env["qsr.review"].create(
            {"partner_id": self.account_a.id, "date_planned": "2031-08-14"}
        )
        self.assertEqual(review.wave_id.name, "2031 Q3")
        self.assertEqual(
            (str(review.wave_id.date_start), str(review.wave_id.date_end)),
            ("2031-07-01", "2031-09-30"),
        )
        again = self.env["qsr.review"].create(
            {"partner_id": self.account_b.id, "date_planned": "2031-09-30"}
        )
        self.assertEqual(again.wave_id, review.wave_id, "one wave, created once")
        self.env["ir.config_parameter"].set_param("qsr_review.wave_period", "half")
        half = Wave._for_date(date(2032, 11, 2))
        self.assertEqual(
            (half.name, str(half.date_start), str(half.date_end)),
            ("2032 H2", "2032-07-01", "2032-12-31"),
        )
        self.env["ir.config_parameter"].set_param("qsr_review.wave_period", "year")
        self.assertEqual(Wave._for_date(date(2033, 2, 1)).name, "2033")
