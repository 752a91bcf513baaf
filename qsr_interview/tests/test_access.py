from odoo.exceptions import AccessError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import QsrInterviewCommon


@tagged("post_install", "-at_install")
class TestInterviewAccess(QsrInterviewCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls._make_report("with_customer")
        cls.report._customer_edit("<p>Our words.</p>", cls.contact_a_exec)

    def _records(self):
        return (
            self.report.with_env(self.env),
            self.answers.with_env(self.env),
            self.report.revision_ids.with_env(self.env),
        )

    @users("t_qsr_am_a")
    def test_user_of_the_account(self):
        report, answers, revisions = self._records()
        self.assertEqual(report.state, "changed")
        self.assertEqual(len(answers.read(["notes", "quotes"])), len(self.answers))
        self.assertIn("Our words.", revisions.body_after)
        answers[0].quotes = "Another quote."
        report.action_offer()
        self.assertEqual(report.state, "with_customer")
        self.assertEqual(
            self.env["qsr.interview.report"].search([]), report, "only their account"
        )
        self.assertTrue(self.env["qsr.interview.guide"].search([]))
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            self.env["qsr.interview.guide"].create({"name": "Mine"})
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            revisions.unlink()

    @users("t_qsr_am_b")
    def test_user_of_another_account(self):
        report, answers, revisions = self._records()
        self.assertFalse(self.env["qsr.interview.report"].search([]))
        self.assertFalse(self.env["qsr.interview.answer"].search([]))
        with mute_logger("odoo.addons.base.models.ir_rule"):
            for records in (report, answers, revisions):
                with self.assertRaises(AccessError):
                    records.read(["display_name"])
            with self.assertRaises(AccessError):
                report.body = "<p>Not mine.</p>"
            with self.assertRaises(AccessError):
                answers.write({"notes": "Not mine."})
            with self.assertRaises(AccessError):
                self.env["qsr.interview.answer"].create(
                    {"review_id": self.interview.id, "question": "Mine?"}
                )
            with self.assertRaises(AccessError):
                report.unlink()

    @users("t_qsr_director")
    def test_manager(self):
        report, answers, revisions = self._records()
        self.assertIn(report, self.env["qsr.interview.report"].search([]))
        self.assertEqual(len(answers.read(["notes"])), len(self.answers))
        revisions.read(["body_before"])
        guide = self.env["qsr.interview.guide"].create({"name": "Board Members"})
        guide.question_ids = [(0, 0, {"question": "What keeps you awake?"})]
        self.assertEqual(guide.question_count, 1)
        revisions.unlink()
        self.assertFalse(report.revision_ids)

    @users("t_qsr_internal")
    def test_internal_user(self):
        report, answers, _revisions = self._records()
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                report.read(["body"])
            with self.assertRaises(AccessError):
                answers.read(["notes"])
            with self.assertRaises(AccessError):
                self.env["qsr.interview.guide"].search([])

    @users("t_qsr_interview_pa")
    def test_portal_contact(self):
        report, answers, revisions = self._records()
        self.assertEqual(self.env["qsr.interview.report"].search([]), report)
        report.read(["body"])
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                report.write({"body": "<p>Direct.</p>"})
            with self.assertRaises(AccessError):
                answers.read(["notes"])
            with self.assertRaises(AccessError):
                revisions.read(["body_after"])

    @users("t_qsr_interview_pb")
    def test_portal_contact_of_another_account(self):
        report, _answers, _revisions = self._records()
        self.assertFalse(self.env["qsr.interview.report"].search([]))
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            report.read(["body"])

    def test_portal_contact_no_draft(self):
        self.report.action_reset_draft()
        report = self.report.with_user(self.user_portal_a)
        self.assertFalse(report.search([]))
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            report.read(["body"])
