from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import new_published_plan

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestPortalPlanActionTour(QsrWorkshopCommon, HttpCase):
    # a phone
    browser_size = "390x844"

    def test_update_action_on_the_plan_on_a_phone(self):
        plan = new_published_plan(
            self.env, self.account_a, self.review_a.date_planned.year
        )
        self.start_tour(
            plan.access_url, "qsr_plan_action_tour", login="t_qsr_workshop_portal_a"
        )
        self.env.invalidate_all()
        self.assertEqual(self.action_a_theirs.state, "in_progress")
        self.assertEqual(
            self.action_a_theirs.progress_note, "Forecast frozen until the end of May"
        )
        # the other actions did not move
        self.assertEqual(self.action_a_theirs_other.state, "todo")
        self.assertEqual(self.action_b_theirs.state, "todo")
