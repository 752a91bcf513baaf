from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.qsr_interview import post_init_hook

from .common import QsrInterviewCommon


@tagged("post_install", "-at_install")
class TestInterview(QsrInterviewCommon):
    # the guide

    def test_default_guide(self):
        self.assertGreaterEqual(len(self.guide.question_ids), 8)
        questions = self.guide.question_ids.mapped("question")
        self.assertIn(
            "What can I, the account manager, do to improve your satisfaction and "
            "loyalty?",
            questions,
        )
        self.assertIn(
            "What is everything necessary for you to become totally satisfied?",
            questions,
        )

    def test_guide_copied_on_create(self):
        self.assertEqual(self.interview.interview_guide_id, self.guide)
        self.assertEqual(
            self.answers.mapped("question"),
            self.guide.question_ids.sorted().mapped("question"),
        )
        self.assertEqual(
            self.answers.mapped("sequence"),
            self.guide.question_ids.sorted().mapped("sequence"),
        )
        # the copy is the review's own: editing it leaves the guide alone
        self.answers[1].question = "What keeps you awake at night?"
        self.assertNotIn(
            "What keeps you awake at night?", self.guide.question_ids.mapped("question")
        )
        self.assertFalse(self.review_a.interview_guide_id)
        self.assertFalse(self.review_a.interview_answer_ids)

    def test_guide_copied_to_many_reviews_at_once(self):
        reviews = self.env["qsr.review"].create(
            [
                {"partner_id": account.id, "review_type": review_type}
                for account in (self.account_a, self.account_b)
                for review_type in ("interview", "simalto")
            ]
        )
        questions = self.guide.question_ids.sorted().mapped("question")
        for review in reviews:
            if review.review_type == "interview":
                self.assertEqual(
                    review.interview_answer_ids.mapped("question"), questions
                )
            else:
                self.assertFalse(review.interview_answer_ids)

    def test_guide_chosen(self):
        short_guide = self.env["qsr.interview.guide"].create(
            {
                "name": "Short",
                "question_ids": [
                    Command.create({"sequence": 1, "question": "Why us?"}),
                    Command.create({"sequence": 2, "question": "Why not us?"}),
                ],
            }
        )
        answered = self.answers.filtered("notes")
        self.interview.interview_guide_id = short_guide
        answers = self.interview.interview_answer_ids
        # the answered questions stay, the unanswered give way to the new guide
        self.assertEqual(answers.filtered("notes"), answered)
        self.assertEqual(
            sorted((answers - answered).mapped("question")), ["Why not us?", "Why us?"]
        )

    def test_guide_when_review_becomes_interview(self):
        self.review_a.review_type = "interview"
        self.assertEqual(self.review_a.interview_guide_id, self.guide)
        self.assertEqual(
            len(self.review_a.interview_answer_ids), len(self.guide.question_ids)
        )

    def test_install_hook(self):
        """Interview reviews that exist before the module get the default guide."""
        self.interview.interview_guide_id = False
        self.interview.interview_answer_ids.filtered(lambda a: not a.notes).unlink()
        answered = self.interview.interview_answer_ids
        post_init_hook(self.env)
        self.assertEqual(self.interview.interview_guide_id, self.guide)
        self.assertEqual(
            len(self.interview.interview_answer_ids), len(self.guide.question_ids)
        )
        self.assertLess(answered, self.interview.interview_answer_ids)

    # the report

    def test_draft_report_content(self):
        action = self.interview.action_draft_interview_report()
        report = self.interview.interview_report_id
        self.assertEqual(action["res_id"], report.id)
        self.assertEqual(report.partner_ids, self.interview.participant_ids.partner_id)
        body = str(report.body)
        self.assertIn(self.answers[0].question, body)
        self.assertIn("A solid supplier, not yet a partner.", body)
        self.assertIn("I only hear from you at renewal time.", body)
        self.assertIn("<blockquote", body)
        self.assertIn("Come and see our plant.", body)
        self.assertEqual(body.count("<blockquote"), 3, "one quote a line")
        # questions without notes or quotes stay out of the report
        self.assertNotIn(self.answers[2].question, body)
        self.assertIn("Alice Exec", body)
        # drafting again rewrites the draft from the interview
        self.answers[2].quotes = "Faster, please."
        self.interview.action_draft_interview_report()
        self.assertIn("Faster, please.", str(report.body))
        self.assertEqual(len(self.interview.interview_report_ids), 1)

    def test_state_flow(self):
        report = self._make_report()
        self.assertEqual(report.state, "draft")
        report.action_offer()
        self.assertEqual(report.state, "with_customer")
        self.assertTrue(report.date_offered)
        mails = self.env["mail.mail"].search(
            [("model", "=", report._name), ("res_id", "=", report.id)]
        )
        self.assertEqual(mails.recipient_ids, report.partner_ids)
        self.assertEqual(len(mails), 2, "one personal mail per interviewed contact")
        for mail in mails:
            self.assertIn(f"access_token={report.access_token}", mail.body_html)
            self.assertIn(f"pid={mail.recipient_ids.id}", mail.body_html)
        with self.assertRaises(UserError):
            report.action_issue()

        # the customer changes it: a revision is kept
        before = report.body
        report._customer_edit("<p>Our own words.</p>", self.contact_a_exec)
        self.assertEqual(report.state, "changed")
        revision = report.revision_ids
        self.assertEqual(len(revision), 1)
        self.assertEqual(revision.author_id, self.contact_a_exec)
        self.assertEqual(revision.body_before, before)
        self.assertIn("Our own words.", revision.body_after)
        self.assertEqual(report.revision_count, 1)

        # offered again, then approved, then issued
        report.action_offer()
        self.assertEqual(report.state, "with_customer")
        report._customer_approve(self.contact_a_exec)
        self.assertEqual(report.state, "approved")
        self.assertEqual(report.approved_by_id, self.contact_a_exec)
        with self.assertRaisesRegex(UserError, "already approved"):
            report._customer_approve(self.contact_a_exec)
        with self.assertRaises(UserError):
            report.action_offer()
        report.action_issue()
        self.assertEqual(report.state, "issued")
        self.assertTrue(report.date_issued)
        with self.assertRaisesRegex(UserError, "issued"):
            report.body = "<p>Too late.</p>"
        with self.assertRaisesRegex(UserError, "issued"):
            report._customer_edit("<p>Too late.</p>", self.contact_a_exec)
        with self.assertRaises(UserError):
            report.action_reset_draft()
        with self.assertRaises(UserError):
            report.action_draft_body()

    def test_offer_checks(self):
        report = self.env["qsr.interview.report"].create(
            {"review_id": self.interview.id}
        )
        with self.assertRaisesRegex(UserError, "Draft the report"):
            report.action_offer()
        report.action_draft_body()
        self.contact_a_exec.email = False
        with self.assertRaisesRegex(UserError, "Alice Exec"):
            report.action_offer()
        self.assertEqual(report.state, "draft")

    def test_customer_edit_checks(self):
        report = self._make_report("with_customer")
        with self.assertRaisesRegex(UserError, "empty"):
            report._customer_edit("<p> </p>", self.contact_a_exec)
        with self.assertRaisesRegex(UserError, "unchanged"):
            report._customer_edit(report.body, self.contact_a_exec)
        self.assertEqual(report.state, "with_customer")
        self.assertFalse(report.revision_ids)
        # what the customer sends is sanitized
        report._customer_edit(
            "<p>Fine.</p><script>alert(1)</script>", self.contact_a_exec
        )
        self.assertNotIn("<script", str(report.body))
        self.assertNotIn("<script", str(report.revision_ids.body_after))
