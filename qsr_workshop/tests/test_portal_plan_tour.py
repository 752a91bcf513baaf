from datetime import date

from odoo.tests import HttpCase, tagged

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestPortalPlanActionTour(QsrWorkshopCommon, HttpCase):
    # a phone
    browser_size = "390x844"

    def test_update_action_on_the_plan_on_a_phone(self):
        year = self.review_a.date_planned.year
        plan = self.env["qsr.account.plan"].create(
            {
                "partner_id": self.account_a.id,
                "date_start": date(year, 1, 1),
                "date_end": date(year, 12, 31),
            }
        )
        plan.action_publish()
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
