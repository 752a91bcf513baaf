import html

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import load_languages, po_translations

from .common import QsrWorkshopCommon

# a browser that asks for French, and has shown the site in French before
FRENCH_BROWSER = {"Accept-Language": "fr-FR,fr;q=0.9"}


@tagged("post_install", "-at_install")
class TestWorkshopPortalLanguage(QsrWorkshopCommon, HttpCase):
    """Paula speaks German: her account's action plan comes in German whatever
    her browser asks for, until she chooses French as her language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE", "fr_FR"], ["qsr_review", "qsr_workshop"])
        cls.portal_a.partner_id.lang = "de_DE"
        cls.translations = {
            lang: po_translations("qsr_workshop", lang[:2])
            for lang in ("de_DE", "fr_FR")
        }

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.opener.cookies.set("frontend_lang", "fr_FR")

    def _actions_page(self):
        page = self.url_open("/my/qsr/actions", headers=FRENCH_BROWSER)
        self.assertEqual(page.status_code, 200)
        return html.unescape(page.text)

    def test_actions_in_contact_language(self):
        text = self._actions_page()
        self.assertIn(self.translations["de_DE"]["Action Plan"], text)
        self.assertNotIn(self.translations["fr_FR"]["Action Plan"], text)

    def test_logged_in_contact_chooses_a_language(self):
        answer = self.url_open(
            "/my/qsr/lang",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "lang": "fr_FR",
                "redirect": "/my/qsr/actions",
            },
            allow_redirects=False,
        )
        self.assertEqual(answer.status_code, 303)
        self.assertTrue(answer.headers["Location"].endswith("/my/qsr/actions"))
        self.assertEqual(self.portal_a.lang, "fr_FR")
        self.opener.cookies.set("frontend_lang", "de_DE")
        self.assertIn(self.translations["fr_FR"]["Action Plan"], self._actions_page())
