from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.a11y_common import AxeMixin
from odoo.addons.qsr_review.tests.common import (
    new_portal_contact,
    new_published_plan,
)

from .common import ReportCommon


@tagged("post_install", "-at_install")
class TestPortalA11y(AxeMixin, HttpCase, ReportCommon):
    """The customer's published results, alone and in the account plan, pass
    axe-core's WCAG 2.1 A and AA rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_portal_contact(
            cls.env, cls.account_a, "t_qsr_a11y_results", "Pia Alpha"
        )
        cls.review.write({"stage": "meet", "meeting_date": "2040-02-01 09:00:00"})
        cls.env["qsr.gap"].create(
            {
                "name": "Same-day call-back line",
                "review_id": cls.review.id,
                "customer_visible": True,
            }
        )
        cls.review.action_publish_results()
        cls.plan = new_published_plan(
            cls.env, cls.account_a, cls.review.date_planned.year
        )

    def _check(self, url, page=None):
        self._axe_check(
            url,
            login="t_qsr_a11y_results",
            partners=self.portal_a.partner_id,
            page=page,
        )

    def test_results(self):
        self._check("/my/qsr/results", page="results")

    def test_plan_with_results(self):
        self._check(self.plan.access_url, page="account plan with results")
