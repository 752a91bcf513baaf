from datetime import date

from odoo.tests import HttpCase, tagged

from .common import QsrReviewCommon


@tagged("post_install", "-at_install")
class TestPlanPublishTour(HttpCase, QsrReviewCommon):
    def test_account_manager_publishes_and_reads_the_comment(self):
        year = self.review_a.date_planned.year
        plan = self.env["qsr.account.plan"].create(
            {
                "partner_id": self.account_a.id,
                "user_id": self.user_am_a.id,
                "date_start": date(year, 1, 1),
                "date_end": date(year, 12, 31),
            }
        )
        # what a contact writes in the comment box of the plan's portal page
        plan.message_post(
            body="Please add our second warehouse to the plan.",
            author_id=self.contact_a_exec.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.start_tour(
            f"/odoo/action-qsr_review.action_qsr_account_plan/{plan.id}",
            "qsr_plan_publish_tour",
            login="t_qsr_am_a",
        )
        self.env.invalidate_all()
        self.assertTrue(plan.published)
        self.assertTrue(plan.date_published)
