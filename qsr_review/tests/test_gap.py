from datetime import date, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestGap(QsrReviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gap = cls.env["qsr.gap"].create(
            {
                "name": "Orders not delivered in full",
                "review_id": cls.review_a.id,
                "description": "<p>Three short shipments last quarter.</p>",
                "user_id": cls.user_am_b.id,
                "date_deadline": date(2030, 1, 31),
                "expected_revenue": 25000,
            }
        )

    def test_gap_belongs_to_the_account(self):
        self.assertEqual(self.gap.partner_id, self.account_a)
        self.assertEqual(self.review_a.gap_count, 1)

    def test_create_opportunity(self):
        action = self.gap.action_create_opportunity()
        lead = self.gap.opportunity_id
        self.assertEqual(action["res_id"], lead.id)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.account_a)
        self.assertEqual(lead.user_id, self.user_am_a, "the account manager sells it")
        self.assertEqual(lead.expected_revenue, 25000)
        self.assertIn(self.env.ref("qsr_review.crm_tag_qsr"), lead.tag_ids)
        self.assertIn("short shipments", lead.description)
        self.assertEqual(lead.qsr_gap_ids, self.gap, "linked both ways")
        self.assertEqual(self.review_a.opportunity_count, 1)

        self.gap.action_create_opportunity()
        self.assertEqual(
            self.env["crm.lead"].search_count([("qsr_gap_ids", "in", self.gap.ids)]),
            1,
            "a second click creates no second opportunity",
        )

    def test_schedule_activity_for_owner(self):
        self.gap.action_schedule_activity()
        activity = self.gap.activity_ids
        self.assertEqual(activity.user_id, self.user_am_b)
        self.assertEqual(activity.date_deadline, date(2030, 1, 31))
        self.assertEqual(activity.summary, self.gap.name)

    def test_schedule_activity_needs_owner(self):
        self.gap.user_id = False
        with self.assertRaises(UserError):
            self.gap.action_schedule_activity()

    def test_overdue(self):
        Gap = self.env["qsr.gap"]
        self.assertFalse(self.gap.is_overdue)
        self.assertIn(self.gap, Gap.search([("is_overdue", "=", False)]))
        self.gap.date_deadline = date.today() - timedelta(days=1)
        self.assertTrue(self.gap.is_overdue)
        self.assertIn(self.gap, Gap.search([("is_overdue", "=", True)]))
        self.gap.action_done()
        self.assertFalse(self.gap.is_overdue)
        self.assertNotIn(self.gap, Gap.search([("is_overdue", "=", True)]))
        self.assertIn(self.gap, Gap.search([("is_overdue", "=", False)]))
