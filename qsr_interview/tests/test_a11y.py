from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.a11y_common import AxeMixin

from .common import QsrInterviewCommon


@tagged("post_install", "-at_install")
class TestInterviewA11y(AxeMixin, HttpCase, QsrInterviewCommon):
    """The interview report offered to the customer, and the list of reports,
    pass axe-core's WCAG 2.1 A and AA rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls._make_report("with_customer")

    def test_report_page(self):
        self._axe_check(
            self.report.get_portal_url(),
            login="t_qsr_interview_pa",
            partners=self.user_portal_a.partner_id,
            page="interview report",
        )

    def test_report_list(self):
        self._axe_check(
            "/my/qsr/interviews",
            login="t_qsr_interview_pa",
            partners=self.user_portal_a.partner_id,
        )
