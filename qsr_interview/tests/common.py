from odoo.fields import Command

from odoo.addons.qsr_review.tests.common import QsrReviewCommon, new_portal_contact


class QsrInterviewCommon(QsrReviewCommon):
    """An interview review of account A with its CEO and a portal contact, and
    a portal contact of account B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = cls.env.ref("qsr_interview.guide_default")
        cls.contact_a_exec.email = "alice.exec@example.com"
        cls.user_portal_a = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_interview_pa", "Paula Portal"
        )
        cls.user_portal_b = new_portal_contact(
            cls.env, cls.account_b, "t_qsr_interview_pb", "Bruno Portal"
        )
        cls.interview = cls.env["qsr.review"].create(
            {
                "partner_id": cls.account_a.id,
                "review_type": "interview",
                "participant_ids": [
                    Command.create({"partner_id": cls.contact_a_exec.id}),
                    Command.create({"partner_id": cls.user_portal_a.partner_id.id}),
                ],
            }
        )
        cls.answers = cls.interview.interview_answer_ids
        cls.answers[0].write(
            {
                "notes": "A solid supplier, not yet a partner.",
                "quotes": "I only hear from you at renewal time.\n\n“You deliver.”",
            }
        )
        cls.answers[6].write(
            {"notes": "Visit every quarter.", "quotes": "Come and see our plant."}
        )

    @classmethod
    def _make_report(cls, state="draft"):
        """The report of the interview, drafted, and offered when ``state`` is
        not draft."""
        report = cls.env["qsr.interview.report"].create({"review_id": cls.interview.id})
        report.action_draft_body()
        if state != "draft":
            report.action_offer()
        return report
