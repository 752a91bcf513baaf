from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.a11y_common import AxeMixin
from odoo.addons.qsr_review.tests.common import new_published_plan

from .common import QsrWorkshopCommon


@tagged("post_install", "-at_install")
class TestWorkshopA11y(AxeMixin, QsrWorkshopCommon, HttpCase):
    """The customer's workshop actions, on their own page and in the published
    account plan, pass axe-core's WCAG 2.1 A and AA rules."""

    def test_actions_page(self):
        self._axe_check(
            "/my/qsr/actions",
            login="t_qsr_workshop_portal_a",
            partners=self.portal_a.partner_id,
        )

    def test_plan_with_actions(self):
        plan = new_published_plan(
            self.env, self.account_a, self.review_a.date_planned.year
        )
        self._axe_check(
            plan.access_url,
            login="t_qsr_workshop_portal_a",
            partners=self.portal_a.partner_id,
            page="account plan with actions",
        )
