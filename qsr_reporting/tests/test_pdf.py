from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_simalto.tests.common import SimaltoCommon

from .test_xlsx import prepare_reviews

INTERNAL = "qsr_reporting.action_report_qsr_review_internal"
CUSTOMER = "qsr_reporting.action_report_qsr_review_customer"


@tagged("post_install", "-at_install")
class TestPdf(SimaltoCommon, HttpCase):
    """HTML renderings of both versions, and one real PDF: wkhtmltopdf fetches
    the report's assets from the test server, hence an HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prepare_reviews(cls)

    def _html(self, xmlid, user):
        reports = self.env["ir.actions.report"].with_user(user)
        html, report_type = reports._render_qweb_html(xmlid, self.review.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def test_internal_version(self):
        html = self._html(INTERNAL, self.user_am_a)
        for text in (
            "Internal: not for the customer",
            "talking to a competitor",  # the internal note
            "Renegotiate the carrier contract",  # a gap the customer does not see
            "Same-day call-back line",
            "Alice Exec",
            "CEO",
            "66.4",  # priority index of Response time (SIMALTO.md)
            "80 %",  # in distress on Response time
            "48 hours is far too slow.",
            "Invoice us per delivery, not per month.",
        ):
            self.assertIn(text, html)
        self.assertNotIn("Beta Logistics", html)

    def test_internal_version_opportunities(self):
        html = self._html(INTERNAL, self.env.user)
        self.assertIn("Premium service desk contract", html)
        self.assertIn("120,000.00", html)

    def test_customer_version(self):
        html = self._html(CUSTOMER, self.user_am_a)
        for text in (
            "Alice Exec",
            "CEO",
            "Same-day call-back line",
            "Anna Manager",  # the gap's owner
            "66.4",
            "80 %",
            "48 hours is far too slow.",
            "Invoice us per delivery, not per month.",
        ):
            self.assertIn(text, html)
        for text in (
            "Internal",
            "talking to a competitor",
            "Renegotiate the carrier contract",
            "Beta Logistics",
            "Premium service desk contract",
            "120,000",
            "Opportunit",
        ):
            self.assertNotIn(text, html)
        # no figure per person
        self.assertNotIn("In Distress On", html)

    def test_customer_version_as_superuser_hides_opportunities(self):
        html = self._html(CUSTOMER, self.env.user)
        self.assertNotIn("Premium service desk contract", html)
        self.assertNotIn("Renegotiate the carrier contract", html)

    def test_real_pdf(self):
        reports = self.env["ir.actions.report"].with_context(
            force_report_rendering=True
        )
        pdf, report_type = reports._render_qweb_pdf(CUSTOMER, self.review.ids)
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
