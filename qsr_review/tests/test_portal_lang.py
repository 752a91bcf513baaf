import html

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import load_languages, po_translations
from .test_account_plan import QsrAccountPlanCommon

# a browser that asks for French, and has shown the site in French before
FRENCH_BROWSER = {"Accept-Language": "fr-FR,fr;q=0.9"}


@tagged("post_install", "-at_install")
class TestPortalPlanLanguage(HttpCase, QsrAccountPlanCommon):
    """Account A is French, its portal contact Paula German: her plan page
    and its PDF come in German whatever her browser asks for; a visitor with
    the plan's link alone reads it in the account's French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE", "fr_FR"], ["qsr_review"])
        cls.account_a.lang = "fr_FR"
        cls.portal_a.partner_id.lang = "de_DE"
        cls.plan_a.write({"published": True, "date_published": fields.Datetime.now()})
        cls.plan_a._portal_ensure_token()
        cls.german = po_translations("qsr_review", "de")
        cls.french = po_translations("qsr_review", "fr")

    def _open(self, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        self.opener.cookies.set("frontend_lang", "en_US")
        page = self.url_open(
            f"/my/qsr/plans/{self.plan_a.id}?{query}", headers=FRENCH_BROWSER
        )
        self.assertEqual(page.status_code, 200)
        return html.unescape(page.text)

    def _assert_in(self, translations, others, text):
        for msgid in ("Our Objectives", "No objectives yet."):
            with self.subTest(msgid=msgid):
                self.assertIn(translations[msgid], text)
                self.assertNotIn(others[msgid], text)

    def test_page_and_pdf_in_contact_language(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self._assert_in(self.german, self.french, self._open())
        # the PDF's HTML in tests, which have no wkhtmltopdf worker to spare
        self._assert_in(self.german, self.french, self._open(report_type="pdf"))

    def test_link_alone_in_account_language(self):
        self.authenticate(None, None)
        token = self.plan_a.access_token
        self._assert_in(self.french, self.german, self._open(access_token=token))
        text = self._open(access_token=token, report_type="pdf")
        self._assert_in(self.french, self.german, text)
