from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
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

    def _planned(self, account, review_type):
        return self.Review.search(
            [
                ("partner_id", "=", account.id),
                ("review_type", "=", review_type),
                ("stage", "=", "draft"),
            ]
        )

    @freeze_time("2026-06-10")
    def test_plans_each_tool_due_once(self):
        # Alpha (key: QSR every 6 months, workshop every 12) had its QSR 5.5 months
        # ago: the QSR is due within 30 days, the never-held workshop now.
        held_a = self._held_review(self.account_a, date(2025, 12, 25))
        held_a.circulation_user_ids = self.user_director
        # Beta (strategic: QSR every 3 months, interview every 12) had its QSR last
        # month: only the interview is due.
        self._held_review(self.account_b, date(2026, 5, 20))
        ours = self.account_a | self.account_b | self.never_reviewed | self.no_cadence

        planned = self.Review._cron_plan_reviews()

        today = date(2026, 6, 10)
        self.assertEqual(
            {
                (review.partner_id, review.review_type): review.date_planned
                for review in planned
                if review.partner_id in ours
            },
            {
                (self.account_a, "simalto"): date(2026, 6, 25),
                (self.account_a, "workshop"): today,
                (self.account_b, "interview"): today,
                (self.never_reviewed, "simalto"): today,
                (self.never_reviewed, "workshop"): today,
            },
        )
        review_a = self._planned(self.account_a, "simalto")
        self.assertEqual(review_a.activity_ids.user_id, self.user_am_a)
        self.assertEqual(review_a.activity_ids.date_deadline, date(2026, 6, 25))
        # the next wave asks the same people as the review it follows
        self.assertEqual(review_a.previous_review_id, held_a)
        self.assertEqual(
            review_a.participant_ids.partner_id, held_a.participant_ids.partner_id
        )
        self.assertEqual(review_a.circulation_user_ids, self.user_director)
        workshop_a = self._planned(self.account_a, "workshop")
        self.assertFalse(workshop_a.participant_ids, "another tool: nobody carried")

        self.assertFalse(self.Review._cron_plan_reviews(), "a second run plans nothing")
        self.assertEqual(len(self._planned(self.account_a, "simalto")), 1)

    @freeze_time("2026-06-10")
    def test_lead_days_setting(self):
        self._held_review(self.account_a, date(2025, 12, 25))
        self.env["ir.config_parameter"].set_param("qsr_review.cadence_lead_days", 5)
        self.Review._cron_plan_reviews()
        self.assertFalse(self._planned(self.account_a, "simalto"))
        self.assertTrue(self._planned(self.account_a, "workshop"))

    @freeze_time("2026-06-10")
    def test_cancelled_review_skips_a_cycle(self):
        skipped = self.Review.create(
            {"partner_id": self.account_a.id, "date_planned": date(2026, 6, 1)}
        )
        skipped.action_cancel()
        self.assertEqual(self.account_a.qsr_next_review_date, date(2026, 12, 1))
        self.Review._cron_plan_reviews()
        self.assertFalse(self._planned(self.account_a, "simalto"))

    @freeze_time("2026-06-10")
    def test_same_due_date_cannot_be_planned_twice(self):
        """What protects concurrent runs (several workers): the cadence key."""
        self.Review._cron_plan_reviews()
        key = self._planned(self.never_reviewed, "simalto").cadence_key
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Review.create(
                {"partner_id": self.never_reviewed.id, "cadence_key": key}
            )

    def test_tools_due_per_account(self):
        """What the Key Account tab and the Tools Due list show (today's date)."""
        Tool = self.env["qsr.account.tool"]
        self._held_review(self.account_a, date.today() - relativedelta(months=2))
        self._held_review(self.account_b, date.today() - relativedelta(months=4))
        self.env.flush_all()

        def states(account):
            tools = Tool.search([("account_id", "=", account.id)])
            return {tool.review_type: tool.state for tool in tools}

        self.assertEqual(states(self.account_a), {"simalto": "ok", "workshop": "due"})
        self.assertEqual(
            states(self.account_b), {"simalto": "overdue", "interview": "due"}
        )
        self.assertEqual(states(self.no_cadence), {})
        alpha_qsr = Tool.search(
            [("account_id", "=", self.account_a.id), ("review_type", "=", "simalto")]
        )
        self.assertEqual(alpha_qsr.next_date, date.today() + relativedelta(months=4))
        self.Review._cron_plan_reviews()
        self.assertEqual(states(self.account_a)["workshop"], "planned")
        self.assertEqual(self.account_a.qsr_tool_ids.account_id, self.account_a)

    def test_a_tier_names_each_tool_once_beside_its_main_review(self):
        with self.assertRaises(ValidationError):
            self.tier_key.tool_ids = [Command.create({"review_type": "simalto"})]

    @freeze_time("2026-06-10")
    def test_plans_many_accounts_at_once(self):
        """The job plans all accounts in batches: each review gets its own
        reference, wave and previous review, and its own to-do for its own
        account manager; accounts without one get none."""
        today = date(2026, 6, 10)
        wave = self.env["qsr.wave"].create(
            {"name": "June", "date_start": "2026-06-01", "date_end": "2026-06-30"}
        )
        managers = [self.user_am_a, self.user_am_b, self.env["res.users"]]
        accounts = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch {i}",
                    "is_company": True,
                    "qsr_tier_id": self.tier_development.id,
                    "user_id": managers[i % 3].id,
                }
                for i in range(9)
            ]
        )
        # the even ones had their QSR a year ago, so they are due today too
        held = {
            account: self._held_review(account, today - relativedelta(years=1))
            for account in accounts[::2]
        }

        planned = self.Review._cron_plan_reviews().filtered(
            lambda r: r.partner_id in accounts
        )

        self.assertEqual(planned.partner_id, accounts)
        self.assertEqual(len(planned), len(accounts))
        self.assertEqual(len(set(planned.mapped("name"))), len(planned))
        self.assertTrue(all(r.name.startswith("QSR/2026/") for r in planned))
        todo = self.env.ref("mail.mail_activity_data_todo")
        for review in planned:
            account = review.partner_id
            self.assertEqual(review.date_planned, today)
            self.assertEqual(review.wave_id, wave)
            self.assertEqual(review.previous_review_id, held.get(account, self.Review))
            self.assertEqual(review.user_id, account.user_id)
            if not account.user_id:
                self.assertFalse(review.activity_ids)
                continue
            activity = review.activity_ids
            self.assertEqual(len(activity), 1)
            self.assertEqual(
                (activity.res_model, activity.res_id), ("qsr.review", review.id)
            )
            self.assertEqual(activity.user_id, account.user_id)
            self.assertEqual(activity.activity_type_id, todo)
            self.assertEqual(activity.date_deadline, today)
            self.assertEqual(activity.summary, f"Prepare the review of {account.name}")
            self.assertIn(account.user_id.partner_id, review.message_partner_ids)
        self.assertFalse(self.Review._cron_plan_reviews(), "a second run plans nothing")
