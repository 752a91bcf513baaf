from datetime import date

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from .common import QsrReviewCommon, new_user


@tagged("post_install", "-at_install")
class TestImprovement(QsrReviewCommon):
    """A company-wide improvement over three gaps: two of Alpha Industries'
    review (one owned by Alpha's account manager), one of Beta Logistics'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.improvement = cls.env["qsr.improvement"].create(
            {
                "name": "Next-day delivery everywhere",
                "user_id": cls.user_director.id,
                "date_deadline": date(2030, 6, 30),
                "tier_id": cls.tier_key.id,
            }
        )
        cls.gap_a1, cls.gap_a2, cls.gap_b = cls.env["qsr.gap"].create(
            [
                {
                    "name": "Late deliveries",
                    "review_id": cls.review_a.id,
                    "user_id": cls.user_am_a.id,
                    "improvement_id": cls.improvement.id,
                },
                {
                    "name": "Short deliveries",
                    "review_id": cls.review_a.id,
                    "user_id": cls.user_director.id,
                    "improvement_id": cls.improvement.id,
                },
                {
                    "name": "Late deliveries",
                    "review_id": cls.review_b.id,
                    "user_id": cls.user_director.id,
                    "improvement_id": cls.improvement.id,
                },
            ]
        )

    def test_progress_rolled_up(self):
        improvement = self.improvement
        self.assertEqual(improvement.gap_count, 3)
        self.assertEqual(improvement.account_count, 2)
        self.assertEqual(improvement.state, "open")
        self.assertEqual(improvement.progress, 0.0)

        self.gap_a1.action_start()
        self.assertEqual(improvement.state, "progress")
        self.assertEqual(improvement.progress, 0.0)

        self.gap_a1.action_done()
        self.assertEqual(improvement.gap_closed_count, 1)
        self.assertAlmostEqual(improvement.progress, 100 / 3)
        self.assertEqual(improvement.state, "progress")

        self.gap_a2.action_wont_fix()
        self.gap_b.action_done()
        self.assertEqual(improvement.progress, 100.0)
        self.assertEqual(improvement.state, "done", "every gap closed")

        self.gap_b.action_reopen()
        self.assertAlmostEqual(improvement.progress, 200 / 3)
        self.assertEqual(improvement.state, "progress")

    def test_mark_done_closes_the_open_gaps(self):
        self.gap_a2.action_wont_fix()
        self.improvement.action_done()
        self.assertEqual(
            (self.gap_a1 | self.gap_a2 | self.gap_b).mapped("state"),
            ["done", "wont_fix", "done"],
        )
        self.assertEqual(self.improvement.state, "done")

    def test_owner_and_due_date_reach_the_open_gaps(self):
        self.gap_b.action_done()
        self.improvement.write(
            {"user_id": self.user_am_b.id, "date_deadline": date(2030, 9, 30)}
        )
        self.assertEqual((self.gap_a1 | self.gap_a2).mapped("user_id"), self.user_am_b)
        self.assertEqual(
            set((self.gap_a1 | self.gap_a2).mapped("date_deadline")),
            {date(2030, 9, 30)},
        )
        self.assertEqual(self.gap_b.user_id, self.user_director, "closed: left alone")
        self.assertFalse(self.gap_b.date_deadline)

    def test_deleting_the_improvement_keeps_its_gaps(self):
        self.improvement.unlink()
        self.assertTrue(self.gap_a1.exists())
        self.assertFalse(self.gap_a1.improvement_id)

    def test_overdue(self):
        Improvement = self.env["qsr.improvement"]
        self.improvement.date_deadline = False
        self.assertIn(
            self.improvement, Improvement.search([("is_overdue", "=", False)])
        )
        self.improvement.date_deadline = date(2020, 1, 1)
        self.assertTrue(self.improvement.is_overdue)
        self.assertIn(self.improvement, Improvement.search([("is_overdue", "=", True)]))
        self.improvement.action_done()
        self.assertFalse(self.improvement.is_overdue)
        self.assertNotIn(
            self.improvement, Improvement.search([("is_overdue", "=", True)])
        )

    def test_access(self):
        Improvement = self.env["qsr.improvement"]
        # the director sees them all
        self.assertEqual(
            Improvement.with_user(self.user_director).search(
                [("id", "=", self.improvement.id)]
            ),
            self.improvement,
        )
        # Alpha's account manager owns one of its gaps: reads it, not the gaps
        # of the other account
        as_am_a = self.improvement.with_user(self.user_am_a)
        self.assertEqual(as_am_a.name, "Next-day delivery everywhere")
        self.assertEqual(
            self.env["qsr.gap"]
            .with_user(self.user_am_a)
            .search([("improvement_id", "=", self.improvement.id)]),
            self.gap_a1 | self.gap_a2,
        )
        # Beta's account manager owns none: does not see it
        self.assertFalse(
            Improvement.with_user(self.user_am_b).search(
                [("id", "=", self.improvement.id)]
            )
        )
        with self.assertRaises(AccessError):
            self.improvement.with_user(self.user_am_b).read(["name"])
        # a plain internal user has no access at all
        with self.assertRaises(AccessError):
            Improvement.with_user(self.user_internal).search([])
        # a QSR user may create their own and not delete it
        own = Improvement.with_user(self.user_am_b).create({"name": "Invoices"})
        self.assertEqual(own.user_id, self.user_am_b)
        with self.assertRaises(AccessError):
            own.unlink()

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        director = new_user(
            self.env,
            "t_qsr_director_2",
            "Dina Director",
            "qsr_review.group_qsr_manager",
        )
        director.write(
            {"company_ids": [Command.set(other.ids)], "company_id": other.id}
        )
        self.assertFalse(
            self.env["qsr.improvement"]
            .with_user(director)
            .search([("id", "=", self.improvement.id)])
        )
