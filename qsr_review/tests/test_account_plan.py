from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged, users
from odoo.tools import mute_logger

from .common import QsrReviewCommon, new_portal_contact


class QsrAccountPlanCommon(QsrReviewCommon):
    """Account A's plan of 2025 with its review, account B's plan around today,
    and a portal contact of each account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["qsr.gap"])
        cls.Plan = cls.env["qsr.account.plan"]
        cls.Objective = cls.env["qsr.account.plan.objective"]
        cls.plan_a = cls.Plan.create(
            {
                "partner_id": cls.account_a.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        cls.plan_b = cls.Plan.create(
            {
                "partner_id": cls.account_b.id,
                "date_start": cls.today - timedelta(days=100),
                "date_end": cls.today + timedelta(days=100),
            }
        )
        cls.portal_a = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_plan_portal_a", "Paula Alpha"
        )
        cls.portal_b = new_portal_contact(
            cls.env, cls.account_b, "t_qsr_plan_portal_b", "Pia Beta"
        )

    @classmethod
    def _objective(cls, plan, measure, target=0.0, **values):
        return cls.Objective.create(
            {
                "plan_id": plan.id,
                "name": measure,
                "measure": measure,
                "target": target,
                **values,
            }
        )

    @classmethod
    def _review(cls, account, planned, **values):
        return cls.env["qsr.review"].create(
            {"partner_id": account.id, "date_planned": planned, **values}
        )

    @classmethod
    def _gap(cls, review, name, **values):
        return cls.env["qsr.gap"].create(
            {"review_id": review.id, "name": name, **values}
        )


@tagged("post_install", "-at_install")
class TestAccountPlan(QsrAccountPlanCommon):
    # defaults and period

    def test_defaults_from_account(self):
        self.assertEqual(self.plan_a.name, "Alpha Industries 2025")
        self.assertEqual(self.plan_a.user_id, self.user_am_a)
        self.assertEqual(self.plan_a.state, "draft")
        self.assertFalse(self.plan_a.published)
        self.assertEqual(self.plan_a.access_url, f"/my/qsr/plans/{self.plan_a.id}")
        self.assertEqual(
            self.plan_a._get_report_base_filename(),
            "Account Plan - Alpha Industries 2025",
        )
        this_year = self.Plan.new({"partner_id": self.account_b.id})
        self.assertEqual(this_year.date_start, date(self.today.year, 1, 1))
        self.assertEqual(this_year.date_end, date(self.today.year, 12, 31))
        self.assertEqual(this_year.name, f"Beta Logistics {self.today.year}")
        self.assertEqual(
            self.plan_b.name,
            f"Beta Logistics {self.plan_b.date_start.isoformat()} - "
            f"{self.plan_b.date_end.isoformat()}",
        )

    def test_periods_of_one_account_never_overlap(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Plan.create(
                {
                    "partner_id": self.account_a.id,
                    "date_start": date(2025, 12, 31),
                    "date_end": date(2026, 3, 31),
                }
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Plan.create(
                {
                    "partner_id": self.account_a.id,
                    "date_start": date(2024, 6, 1),
                    "date_end": date(2026, 6, 1),
                }
            )
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.plan_a.date_end = date(2024, 12, 31)  # ends before it starts
        # the next period, and the same period for another account, are fine
        next_plan = self.Plan.create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 1, 31),
            }
        )
        self.assertEqual(next_plan.name, "Alpha Industries 2026-01-01 - 2026-01-31")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            next_plan.date_start = date(2025, 12, 1)

    def test_copy_plans_the_next_period(self):
        self._objective(
            self.plan_a,
            "manual",
            target=12,
            actual_manual=9,
            state="done",
            date_deadline=date(2025, 6, 30),
        )
        next_plan = self.plan_a.copy()
        self.assertEqual(
            (next_plan.date_start, next_plan.date_end),
            (date(2026, 1, 1), date(2026, 12, 31)),
        )
        self.assertEqual(next_plan.name, "Alpha Industries 2026")
        self.assertEqual(next_plan.state, "draft")
        objective = next_plan.objective_ids
        self.assertEqual((objective.name, objective.target), ("manual", 12))
        self.assertEqual(objective.state, "todo")
        self.assertFalse(objective.actual_manual)
        self.assertFalse(objective.date_deadline)
        # a period of days is followed by as many days
        plan_b_next = self.plan_b.copy()
        self.assertEqual(
            plan_b_next.date_start, self.plan_b.date_end + timedelta(days=1)
        )
        self.assertEqual(
            plan_b_next.date_end - plan_b_next.date_start,
            self.plan_b.date_end - self.plan_b.date_start,
        )

    def test_states(self):
        self.plan_a.action_activate()
        self.assertEqual(self.plan_a.state, "active")
        self.plan_a.action_close()
        self.assertEqual(self.plan_a.state, "closed")
        self.plan_a.action_reset_draft()
        self.assertEqual(self.plan_a.state, "draft")

    # reviews, improvements, "you said, we did"

    def test_reviews_improvements_and_said_did_of_every_earlier_wave(self):
        wave_1 = self._review(self.account_a, date(2024, 2, 10))
        wave_2 = self._review(self.account_a, date(2024, 5, 10))
        wave_3 = self._review(self.account_a, date(2024, 8, 10))
        own = self._review(self.account_a, date(2025, 2, 10))
        later = self._review(self.account_a, date(2026, 2, 10))
        cancelled = self._review(self.account_a, date(2024, 9, 1))
        council = self._review(self.account_a, date(2024, 9, 2), review_type="council")
        other_account = self._review(self.account_b, date(2024, 3, 1))
        self.assertEqual(
            len((wave_1 | wave_2 | wave_3).wave_id), 3, "three reviews, three waves"
        )

        gap_1 = self._gap(wave_1, "Late deliveries", state="done")
        gap_1.write(
            {"date_done": date(2024, 4, 1), "resolution": "A second daily truck."}
        )
        gap_2 = self._gap(wave_2, "Paperwork", state="open")
        gap_3 = self._gap(wave_3, "Dashboard", state="done")
        gap_3.date_done = date(2024, 10, 1)
        gap_4 = self._gap(wave_3, "Forecasts", state="wont_fix")
        gap_own = self._gap(own, "This year's gap")
        gap_later = self._gap(later, "Next year's gap")
        self._gap(cancelled, "Gap of a cancelled review")
        self._gap(council, "Confidential theme")
        self._gap(other_account, "Another account's gap")
        cancelled.action_cancel()

        self.assertEqual(self.plan_a.review_ids, own)
        self.assertEqual(self.plan_a.review_count, 1)
        self.assertEqual(self.plan_a.gap_ids, gap_own)
        said_did = self.plan_a.said_did_gap_ids
        self.assertEqual(
            said_did.ids,
            [gap_3.id, gap_1.id, gap_2.id, gap_4.id],
            "every gap of the three earlier waves, done ones first, latest done "
            "first; not the plan's own gaps, a cancelled or confidential "
            "review's, or another account's",
        )
        self.assertEqual(said_did[1].resolution, "A second daily truck.")
        self.assertNotIn(gap_later, said_did)

        # the review of the plan's period links to it, and lists the same gaps
        self.assertEqual(own.account_plan_id, self.plan_a)
        self.assertFalse(wave_1.account_plan_id)
        self.assertEqual(own.earlier_gap_ids.ids, said_did.ids)
        self.assertEqual(
            later.earlier_gap_ids, said_did | gap_own, "the next year adds this one"
        )
        self.assertFalse(wave_1.earlier_gap_ids)
        self.assertEqual(wave_3.earlier_gap_ids, gap_1 | gap_2)
        action = own.action_view_account_plan()
        self.assertEqual(action["res_id"], self.plan_a.id)

    def test_next_meeting_date(self):
        self.assertFalse(self.plan_a.next_meeting_date)
        now = fields.Datetime.now().replace(microsecond=0)
        self._review(
            self.account_a,
            self.today,
            meeting_date=now - timedelta(days=1),
        )
        self._review(self.account_a, self.today, meeting_date=now + timedelta(days=9))
        self._review(self.account_a, self.today, meeting_date=now + timedelta(days=3))
        self._review(self.account_b, self.today, meeting_date=now + timedelta(days=1))
        self.plan_a.invalidate_recordset(["next_meeting_date"])
        self.assertEqual(self.plan_a.next_meeting_date, now + timedelta(days=3))

    def test_gap_date_done_follows_its_state(self):
        gap = self._gap(self.review_a, "Short shipments")
        self.assertFalse(gap.date_done)
        gap.action_start()
        self.assertFalse(gap.date_done)
        gap.action_done()
        self.assertEqual(gap.date_done, self.today)
        gap.date_done = date(2024, 1, 1)
        gap.write({"name": "Short shipments to Stuttgart"})
        self.assertEqual(gap.date_done, date(2024, 1, 1), "kept while done")
        gap.action_reopen()
        self.assertFalse(gap.date_done, "cleared when it leaves done")
        gap.action_done()
        self.assertEqual(gap.date_done, self.today)
        gap.action_wont_fix()
        self.assertFalse(gap.date_done)
        self.assertFalse(gap.copy().date_done)

    def test_partner_smart_button(self):
        self.assertEqual(self.account_a.qsr_account_plan_count, 1)
        self.assertEqual(self.account_a.qsr_account_plan_ids, self.plan_a)
        action = self.account_a.action_view_qsr_account_plans()
        self.assertEqual(
            self.Plan.search(action["domain"]), self.plan_a, "the account's plans"
        )


@tagged("post_install", "-at_install")
class TestAccountPlanMeasures(QsrAccountPlanCommon):
    """Each measure equals its source, counted by hand."""

    @classmethod
    def _lead(cls, partner, revenue, closed=None, outcome=None, **values):
        lead = cls.env["crm.lead"].create(
            {
                "name": f"Deal {revenue}",
                "type": "opportunity",
                "partner_id": partner.id,
                "expected_revenue": revenue,
                **values,
            }
        )
        if outcome == "won":
            lead.action_set_won()
        elif outcome == "lost":
            lead.action_set_lost()
        if closed:
            lead.date_closed = closed
        return lead

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lead = cls._lead
        # plan A: 2025; the period before it: 2024
        lead(cls.contact_a_exec, 100_000, datetime(2025, 3, 15, 10), "won")
        lead(cls.account_a, 50_000, datetime(2025, 12, 31, 22), "won")
        lead(cls.account_a, 70_000, datetime(2026, 1, 1, 0, 30), "won")  # after
        lead(cls.account_a, 40_000, datetime(2024, 6, 1, 12), "won")  # before
        lead(cls.account_a, 90_000, datetime(2025, 5, 1, 12), "lost")
        lead(cls.account_b, 80_000, datetime(2025, 4, 1, 12), "won")  # other account
        # open pipeline of account A today: 30,000 + 12,500
        lead(cls.account_a, 30_000)
        lead(cls.contact_a_user, 12_500)
        lead(cls.account_a, 15_000, type="lead")  # a lead, not an opportunity
        lead(cls.account_b, 20_000)  # another account's
        lead(cls.account_a, 9_000, datetime(2025, 8, 1, 12), "lost")

    def test_won_count_and_revenue(self):
        won_count = self._objective(self.plan_a, "won_count", target=4)
        self.assertEqual(won_count.actual, 2, "won in 2025: not after, not lost")
        self.assertEqual(won_count.previous, 1, "won in 2024")
        self.assertEqual(won_count.trend, "up")
        self.assertEqual(won_count.progress, 50)

        won_revenue = self._objective(self.plan_a, "won_revenue", target=200_000)
        self.assertEqual(won_revenue.actual, 150_000)
        self.assertEqual(won_revenue.previous, 40_000)
        self.assertEqual(won_revenue.trend, "up")
        self.assertEqual(won_revenue.progress, 75)

    def test_trend_down_and_flat(self):
        # a plan of 2024: won 40,000 once; 2023 (before it): nothing
        plan_2024 = self.Plan.create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(2024, 1, 1),
                "date_end": date(2024, 12, 31),
            }
        )
        objective = self._objective(plan_2024, "won_count")
        self.assertEqual((objective.actual, objective.previous), (1, 0))
        self.assertEqual(objective.trend, "up")
        self.assertEqual(objective.progress, 0, "no target, no progress")
        plan_2026 = self.Plan.create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
            }
        )
        objective = self._objective(plan_2026, "won_revenue")
        self.assertEqual((objective.actual, objective.previous), (70_000, 150_000))
        self.assertEqual(objective.trend, "down")
        # a half-year plan compares with the half-year before it
        plan_2023 = self.Plan.create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(2023, 7, 1),
                "date_end": date(2023, 12, 31),
            }
        )
        objective = self._objective(plan_2023, "won_count")
        self.assertEqual(
            objective._previous_period(self.account_a)[1:],
            (date(2023, 1, 1), date(2023, 6, 30)),
        )
        leap = self._objective(self.plan_a, "won_count")
        self.assertEqual(
            leap._previous_period(self.account_a)[1:],
            (date(2024, 1, 1), date(2024, 12, 31)),
            "the calendar year before, leap day included",
        )
        self.assertEqual((objective.actual, objective.previous), (0, 0))
        self.assertEqual(objective.trend, "flat")

    def test_open_pipeline(self):
        pipeline = self._objective(self.plan_a, "pipeline", target=85_000)
        self.assertEqual(pipeline.actual, 42_500)
        self.assertEqual(pipeline.previous, 0, "a pipeline has no history")
        self.assertFalse(pipeline.has_history)
        self.assertFalse(pipeline.trend)
        self.assertEqual(pipeline.progress, 50)

    def test_manual(self):
        manual = self._objective(self.plan_a, "manual", target=12, actual_manual=3)
        self.assertEqual(manual.actual, 3)
        self.assertEqual(manual.progress, 25)
        self.assertFalse(manual.trend)
        manual.actual_manual = 6
        self.assertEqual(manual.actual, 6)
        self.assertEqual(manual.progress, 50)

    def test_gaps_on_time(self):
        """Plan B runs from 100 days ago to 100 days ahead; the period before
        it, the 201 days before that."""
        today = self.today

        def gap(name, deadline, state="open", done=None, review=self.review_b):
            record = self._gap(
                review,
                name,
                date_deadline=today + timedelta(days=deadline),
                state=state,
            )
            if done is not None:
                record.date_done = today + timedelta(days=done)
            return record

        gap("on time", -50, "done", done=-60)
        gap("late", -40, "done", done=-30)
        gap("overdue, still open", -10, "progress")
        gap("not due yet", 20)
        gap("done ahead of a due date to come", 30, "done", done=-1)
        gap("won't fix", -5, "wont_fix")
        gap("due before the period, on time", -150, "done", done=-151)
        gap("another account's", -20, "done", done=-25, review=self.review_a)
        objective = self._objective(self.plan_b, "gaps_on_time", target=80)
        # on time: 2 of the 4 gaps due in the period that are done or past due
        self.assertEqual(objective.actual, 50)
        self.assertEqual(objective.previous, 100)
        self.assertEqual(objective.trend, "down")
        self.assertAlmostEqual(objective.progress, 62.5)

    def test_gaps_on_time_without_gaps(self):
        objective = self._objective(self.plan_a, "gaps_on_time", target=80)
        self.assertEqual((objective.actual, objective.previous), (0, 0))
        self.assertEqual(objective.trend, "flat")

    def test_overdue_objectives(self):
        overdue = self._objective(
            self.plan_a, "manual", date_deadline=self.today - timedelta(days=1)
        )
        self._objective(
            self.plan_a,
            "manual",
            date_deadline=self.today - timedelta(days=1),
            state="done",
        )
        self._objective(
            self.plan_a, "manual", date_deadline=self.today + timedelta(days=1)
        )
        self.assertTrue(overdue.is_overdue)
        self.assertEqual(self.plan_a.objective_count, 3)
        self.assertEqual(self.plan_a.objective_overdue_count, 1)
        found = self.Plan.search(
            [
                ("has_overdue_objective", "=", True),
                ("id", "in", (self.plan_a | self.plan_b).ids),
            ]
        )
        self.assertEqual(found, self.plan_a)
        found = self.Plan.search(
            [
                ("has_overdue_objective", "=", False),
                ("id", "in", (self.plan_a | self.plan_b).ids),
            ]
        )
        self.assertEqual(found, self.plan_b)

    def test_owner_of_their_objective_is_a_contact_of_the_account(self):
        objective = self._objective(
            self.plan_a,
            "manual",
            side="theirs",
            owner_partner_id=self.contact_a_user.id,
        )
        self.assertEqual(objective.partner_id, self.account_a)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            objective.owner_partner_id = self.contact_b
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._objective(
                self.plan_a,
                "manual",
                side="ours",
                owner_user_id=self.portal_a.id,
            )


@tagged("post_install", "-at_install")
class TestAccountPlanPublish(QsrAccountPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.template = cls.env.ref(
            "qsr_review.mail_template_qsr_account_plan_published"
        )
        cls.template.with_context(
            lang="fr_FR"
        ).subject = "Notre plan de compte avec {{ object.partner_id.name }}"
        cls.contact_a_exec.write({"email": "alice@alpha.example.com", "lang": "fr_FR"})
        cls.contact_a_user.write({"email": "oscar@alpha.example.com", "lang": "en_US"})
        cls.contact_no_email = cls.env["res.partner"].create(
            {"name": "Nina Nomail", "parent_id": cls.account_a.id}
        )
        cls.contact_other = cls.env["res.partner"].create(
            {
                "name": "Not Asked",
                "parent_id": cls.account_a.id,
                "email": "not.asked@alpha.example.com",
            }
        )
        cls.review_2025 = cls._review(
            cls.account_a,
            date(2025, 3, 1),
            participant_ids=[
                Command.create({"partner_id": cls.contact_a_exec.id}),
                Command.create({"partner_id": cls.contact_a_user.id}),
                Command.create({"partner_id": cls.contact_no_email.id}),
            ],
        )

    def _mails(self, plan):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", plan._name), ("res_id", "=", plan.id)])
        )

    @users("t_qsr_am_a")
    def test_publish_mails_the_contacts_and_notes_it(self):
        plan = self.plan_a.with_env(self.env)
        self.assertTrue(plan.can_publish)
        plan.action_publish()
        self.assertTrue(plan.published)
        self.assertTrue(plan.date_published)
        self.assertFalse(plan.can_publish)

        mails = self._mails(plan)
        self.assertEqual(len(mails), 2, "one mail per contact with an email")
        by_contact = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(set(by_contact), {self.contact_a_exec, self.contact_a_user})
        link = f"{plan.get_base_url()}/my/qsr/plans/{plan.id}"
        for contact, mail in by_contact.items():
            self.assertIn(link, mail.body_html)
            self.assertIn(contact.name, mail.body_html)
        self.assertEqual(
            by_contact[self.contact_a_exec].subject,
            "Notre plan de compte avec Alpha Industries",
            "in the contact's language",
        )
        self.assertEqual(
            by_contact[self.contact_a_user].subject,
            f"{plan.company_id.name}: our account plan with Alpha Industries",
        )
        note = plan.message_ids.filtered(lambda m: "published" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Alice Exec", note.body)
        self.assertIn("Oscar Operator", note.body)
        self.assertNotIn("Nina Nomail", note.body)
        self.assertNotIn("Not Asked", note.body)

        plan.action_publish()
        self.assertEqual(len(self._mails(plan)), 2, "published once")

    @users("t_qsr_am_a")
    def test_unpublish_is_for_managers(self):
        plan = self.plan_a.with_env(self.env)
        plan.action_publish()
        with self.assertRaises(AccessError):
            plan.action_unpublish()
        self.assertTrue(plan.published)
        plan.with_user(self.user_director).action_unpublish()
        self.assertFalse(plan.published)
        self.assertFalse(plan.date_published)

    @users("t_qsr_vp")
    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_the_account_manager_publishes(self):
        self.plan_a.sudo().sponsor_id = self.user_sponsor
        plan = self.plan_a.with_env(self.env)
        self.assertFalse(plan.can_publish, "the sponsor sees it, does not publish it")
        with self.assertRaises(AccessError):
            plan.action_publish()


@tagged("post_install", "-at_install")
class TestAccountPlanAccess(QsrAccountPlanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.objective_a = cls._objective(cls.plan_a, "manual", target=1)
        cls.objective_b = cls._objective(cls.plan_b, "manual", target=1)
        cls.plan_a.write({"published": True, "date_published": fields.Datetime.now()})

    def setUp(self):
        super().setUp()
        self.enterContext(
            mute_logger(
                "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"
            )
        )

    @users("t_qsr_plan_portal_a")
    def test_portal_reads_the_published_plan_of_their_account(self):
        plan = self.plan_a.with_env(self.env)
        self.assertEqual(plan.name, "Alpha Industries 2025")
        self.assertEqual(plan.objective_ids, self.objective_a)
        self.assertEqual(plan.objective_ids.actual, 0)
        self.assertEqual(
            self.env["qsr.account.plan"].search([]), plan, "only the published one"
        )
        with self.assertRaises(AccessError):
            plan.write({"summary": "<p>Changed</p>"})
        with self.assertRaises(AccessError):
            self.objective_a.with_env(self.env).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["qsr.account.plan.objective"].create(
                {"plan_id": plan.id, "name": "Mine"}
            )
        with self.assertRaises(AccessError):
            plan.unlink()

    @users("t_qsr_plan_portal_b")
    def test_portal_reads_no_plan_of_another_account_nor_unpublished(self):
        with self.assertRaises(AccessError):
            self.plan_a.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.objective_a.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.plan_b.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.objective_b.with_env(self.env).read(["name"])
        self.assertFalse(self.env["qsr.account.plan"].search([]))

    @users("t_qsr_plan_portal_a")
    def test_portal_loses_the_plan_when_unpublished(self):
        self.plan_a.sudo().action_unpublish()
        with self.assertRaises(AccessError):
            self.plan_a.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.objective_a.with_env(self.env).read(["name"])

    @users("t_qsr_am_a")
    def test_account_manager_sees_own_accounts_plans(self):
        plans = self.env["qsr.account.plan"].search(
            [("id", "in", (self.plan_a | self.plan_b).ids)]
        )
        self.assertEqual(plans, self.plan_a)
        with self.assertRaises(AccessError):
            self.plan_b.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.objective_b.with_env(self.env).read(["name"])
        plan = self.plan_a.with_env(self.env)
        plan.summary = "<p>Our plan</p>"
        self.objective_a.with_env(self.env).state = "done"
        with self.assertRaises(AccessError):
            plan.unlink()

    @users("t_qsr_am_a")
    def test_account_manager_plans_for_own_accounts_only(self):
        Plan = self.env["qsr.account.plan"]
        plan = Plan.create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(2030, 1, 1),
                "date_end": date(2030, 12, 31),
            }
        )
        self.assertEqual(plan.user_id, self.user_am_a)
        with self.assertRaises(AccessError):
            Plan.create(
                {
                    "partner_id": self.account_b.id,
                    "user_id": self.env.user.id,
                    "date_start": date(2030, 1, 1),
                    "date_end": date(2030, 12, 31),
                }
            )
        with self.assertRaises(AccessError):
            plan.partner_id = self.account_b

    @users("t_qsr_director")
    def test_manager_sees_and_deletes_every_plan(self):
        plans = self.env["qsr.account.plan"].search(
            [("id", "in", (self.plan_a | self.plan_b).ids)]
        )
        self.assertEqual(plans, self.plan_a | self.plan_b)
        plans.unlink()
        self.assertFalse(self.objective_b.exists())

    @users("t_qsr_internal")
    def test_internal_user_without_qsr_rights_sees_nothing(self):
        for model in ("qsr.account.plan", "qsr.account.plan.objective"):
            with self.assertRaises(AccessError):
                self.env[model].search([])


@tagged("post_install", "-at_install")
class TestAccountPlanTour(HttpCase, QsrAccountPlanCommon):
    def test_account_manager_works_on_the_plan(self):
        earlier = self._review(self.account_a, date(2024, 6, 1))
        gap = self._gap(earlier, "Late deliveries", state="done")
        gap.resolution = "A second daily truck to the plant."
        Lead = self.env["crm.lead"]
        for revenue in (10_000, 20_000):
            lead = Lead.create(
                {
                    "name": f"Deal {revenue}",
                    "type": "opportunity",
                    "partner_id": self.account_a.id,
                    "expected_revenue": revenue,
                }
            )
            lead.action_set_won()
            lead.date_closed = datetime(2025, 5, 1, 12)
        self.start_tour(
            "/odoo/action-qsr_review.action_qsr_account_plan",
            "qsr_account_plan_tour",
            login="t_qsr_am_a",
        )
        self.assertEqual(self.plan_a.state, "active")
        objective = self.plan_a.objective_ids
        self.assertEqual(objective.name, "Win two deals")
        self.assertEqual((objective.measure, objective.target), ("won_count", 4))
        self.assertEqual(objective.actual, 2)
