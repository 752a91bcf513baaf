from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestCadence(QsrReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.review_a | cls.review_b).action_cancel()
        (cls.review_a | cls.review_b).unlink()
        cls.Review = cls.env["qsr.review"]
        cls.never_reviewed = cls.env["res.partner"].create(
            {
                "name": "Gamma",
                "is_company": True,
                "qsr_tier_id": cls.tier_key.id,
                "user_id": cls.user_am_a.id,
            }
        )
        cls.no_cadence = cls.env["res.partner"].create(
            {"name": "Delta", "is_company": True, "qsr_tier_id": cls.tier_maintain.id}
        )

    def _held_review(self, account, meeting):
        contact = self.env["res.partner"].create({"name": "C", "parent_id": account.id})
        review = self.Review.create(
            {
                "partner_id": account.id,
                "date_planned": meeting,
                "sponsor_id": self.user_sponsor.id,
                "participant_ids": [Command.create({"partner_id": contact.id})],
            }
        )
        review.write({"meeting_date": meeting, "stage": "done"})
        review.flush_recordset()
        return review

    def _planned(self, account):
        return self.Review.search(
            [("partner_id", "=", account.id), ("stage", "=", "draft")]
        )

    @freeze_time("2026-06-10")
    def test_plans_due_accounts_once(self):
        # Alpha (key: every 6 months) was reviewed 5.5 months ago: due within 30 days.
        self._held_review(self.account_a, date(2025, 12, 25))
        # Beta (strategic: every 3 months) was reviewed last month: not due yet.
        self._held_review(self.account_b, date(2026, 5, 20))

        ours = self.account_a | self.account_b | self.never_reviewed | self.no_cadence
        planned = self.Review._cron_plan_reviews()

        self.assertEqual(
            planned.partner_id & ours, self.account_a | self.never_reviewed
        )
        review_a = self._planned(self.account_a)
        self.assertEqual(review_a.date_planned, date(2026, 6, 25))
        self.assertEqual(
            self._planned(self.never_reviewed).date_planned, date(2026, 6, 10)
        )
        self.assertFalse(self._planned(self.account_b))
        self.assertFalse(self._planned(self.no_cadence))
        activity = review_a.activity_ids
        self.assertEqual(activity.user_id, self.user_am_a)
        self.assertEqual(activity.date_deadline, date(2026, 6, 25))

        self.assertFalse(self.Review._cron_plan_reviews(), "a second run plans nothing")
        self.assertEqual(len(self._planned(self.account_a)), 1)

    @freeze_time("2026-06-10")
    def test_lead_days_setting(self):
        self._held_review(self.account_a, date(2025, 12, 25))
        self.env["ir.config_parameter"].set_param("qsr_review.cadence_lead_days", 5)
        self.assertNotIn(self.account_a, self.Review._cron_plan_reviews().partner_id)

    @freeze_time("2026-06-10")
    def test_cancelled_review_skips_a_cycle(self):
        skipped = self.Review.create(
            {"partner_id": self.account_a.id, "date_planned": date(2026, 6, 1)}
        )
        skipped.action_cancel()
        self.assertNotIn(self.account_a, self.Review._cron_plan_reviews().partner_id)
        self.assertEqual(self.account_a.qsr_next_review_date, date(2026, 12, 1))

    @freeze_time("2026-06-10")
    def test_same_due_date_cannot_be_planned_twice(self):
        """What protects concurrent runs (several workers): the cadence key."""
        self.Review._cron_plan_reviews()
        key = self._planned(self.never_reviewed).cadence_key
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Review.create(
                {"partner_id": self.never_reviewed.id, "cadence_key": key}
            )
