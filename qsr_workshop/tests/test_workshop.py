from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshop(QsrWorkshopCommon):
    def test_issues_by_side(self):
        self.assertEqual(
            self.review_a.workshop_supplier_issue_ids, self.issue_a_supplier
        )
        self.assertEqual(
            self.review_a.workshop_customer_issue_ids, self.issue_a_customer
        )
        self.assertEqual(self.review_a.workshop_action_count, 3)
        self.assertEqual(self.action_a_theirs.account_id, self.account_a)

    def test_ours_requires_user(self):
        with self.assertRaisesRegex(ValidationError, "name one of our users"):
            self.env["qsr.workshop.action"].create(
                {"review_id": self.review_a.id, "name": "No owner", "side": "ours"}
            )
        with self.assertRaisesRegex(ValidationError, "internal user"):
            self.env["qsr.workshop.action"].create(
                {
                    "review_id": self.review_a.id,
                    "name": "Portal owner",
                    "side": "ours",
                    "owner_user_id": self.portal_a.id,
                }
            )

    def test_theirs_requires_contact_of_account(self):
        Action = self.env["qsr.workshop.action"]
        with self.assertRaisesRegex(ValidationError, "name a contact of the account"):
            Action.create(
                {"review_id": self.review_a.id, "name": "No owner", "side": "theirs"}
            )
        with self.assertRaisesRegex(ValidationError, "is not a contact of"):
            Action.create(
                {
                    "review_id": self.review_a.id,
                    "name": "Wrong account",
                    "side": "theirs",
                    "owner_partner_id": self.contact_b.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "is not a contact of"):
            Action.create(
                {
                    "review_id": self.review_a.id,
                    "name": "The company itself",
                    "side": "theirs",
                    "owner_partner_id": self.account_a.id,
                }
            )

    def test_switch_side_clears_other_owner(self):
        self.action_a_ours.write(
            {"side": "theirs", "owner_partner_id": self.contact_a_exec.id}
        )
        self.assertFalse(self.action_a_ours.owner_user_id)
        with self.assertRaises(ValidationError):
            self.action_a_ours.side = "ours"

    def test_issue_of_other_review(self):
        with self.assertRaisesRegex(ValidationError, "another review"):
            self.action_b_theirs.issue_id = self.issue_a_supplier

    def test_overdue(self):
        Action = self.env["qsr.workshop.action"]
        yesterday = fields.Date.today() - timedelta(days=1)
        self.action_a_ours.date_deadline = yesterday
        self.action_a_theirs.write({"date_deadline": yesterday, "state": "done"})
        self.assertTrue(self.action_a_ours.is_overdue)
        self.assertFalse(self.action_a_theirs.is_overdue)
        overdue = Action.search([("is_overdue", "=", True)])
        self.assertIn(self.action_a_ours, overdue)
        self.assertNotIn(self.action_a_theirs, overdue)
        self.assertIn(self.action_a_theirs, Action.search([("is_overdue", "=", False)]))

    def test_portal_update_rules(self):
        partner = self.portal_a.partner_id
        self.action_a_theirs._portal_update(partner, "in_progress", "Started")
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(self.action_a_theirs.progress_note, "Started")
        for action in (self.action_a_ours, self.action_a_theirs_other):
            with self.assertRaisesRegex(UserError, "Only the contact who owns"):
                action._portal_update(partner, "done", "x")
            self.assertEqual(action.state, "todo")
        with self.assertRaisesRegex(UserError, "Choose one of"):
            self.action_a_theirs._portal_update(partner, "finished", "x")
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(self.action_a_theirs.progress_note, "Started")

    def test_form_workshop_tab(self):
        with Form(self.review_a.with_user(self.user_am_a)) as review_form:
            with review_form.workshop_supplier_issue_ids.new() as issue:
                issue.title = "Too many part numbers"
            with review_form.workshop_action_ids.new() as action:
                action.name = "Rationalise part numbers"
                action.side = "ours"
                action.owner_user_id = self.user_am_a
        issue = self.review_a.workshop_supplier_issue_ids.filtered(
            lambda i: i.title == "Too many part numbers"
        )
        self.assertEqual(issue.side, "supplier")
        self.assertIn(
            "Rationalise part numbers", self.review_a.workshop_action_ids.mapped("name")
        )
