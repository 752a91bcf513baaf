import html
import re

from odoo import http
from odoo.tests import tagged

from odoo.addons.qsr_review.tests.common import load_languages, po_translations

from .portal_common import QsrPortalCommon

# a browser that asks for French, and has shown the site in French before
FRENCH_BROWSER = {"Accept-Language": "fr-FR,fr;q=0.9"}


@tagged("post_install", "-at_install")
class TestPortalLanguage(QsrPortalCommon):
    """Alice speaks German: her grid, its messages and its mails come in German
    whatever her browser asks for, and she may choose another language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE", "fr_FR"], ["qsr_review", "qsr_simalto"])
        cls.user_alice.partner_id.lang = "de_DE"
        cls.response_alice._portal_ensure_token()
        cls.german = po_translations("qsr_simalto", "de")
        cls.french = po_translations("qsr_simalto", "fr")

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)
        self.opener.cookies.set("frontend_lang", "fr_FR")

    def _page(self, response):
        page = self.url_open(self._url(response), headers=FRENCH_BROWSER)
        self.assertEqual(page.status_code, 200)
        return page

    def _choose(self, response, lang, access_token):
        return self.url_open(
            "/my/qsr/lang",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "lang": lang,
                "res_model": response._name,
                "res_id": response.id,
                "access_token": access_token,
                "redirect": self._url(response),
            },
            headers=FRENCH_BROWSER,
            allow_redirects=False,
        )

    def test_invitation_link_in_contact_language(self):
        page = self._page(self.response_alice)
        text = html.unescape(page.text)
        for msgid in ("Today", "Review and Submit", "Next"):
            with self.subTest(msgid=msgid):
                self.assertIn(self.german[msgid], text)
                self.assertNotIn(self.french[msgid], text)
        self.assertEqual(page.cookies.get("frontend_lang"), "de_DE")

    def test_json_messages_in_contact_language(self):
        attribute = self.response_alice.line_ids[0].attribute_id
        level = self.other_attribute.level_ids[0]
        answer = self.make_jsonrpc_request(
            self._url(self.response_alice, "/save", token=False),
            {
                "access_token": self.response_alice.access_token,
                "step": "current",
                "attribute_id": attribute.id,
                "level_id": level.id,
            },
            headers=dict(FRENCH_BROWSER),  # which it adds its content type to
        )
        message = self.german["%(attribute)s: %(level)s is not one of its levels."]
        german = {"attribute": attribute, "level": level}
        german = {
            key: rec.with_context(lang="de_DE").name for key, rec in german.items()
        }
        self.assertEqual(answer["error"], message % german)

    def _link_label(self, translations):
        """The label of the link of the invitation mail in ``translations``."""
        body = next(
            msgstr
            for msgid, msgstr in translations.items()
            if "Answer the grid" in msgid
        )
        return re.search(r"<a\b[^>]*>\s*([^<]+?)\s*</a>", body).group(1)

    def test_invitation_mail_in_contact_language(self):
        domain = [
            ("model", "=", "qsr.response"),
            ("res_id", "=", self.response_alice.id),
        ]
        sent_before = self.env["mail.mail"].search(domain)
        # sent by a French-speaking account manager
        self.response_alice.with_context(lang="fr_FR")._send_invitations()
        mail = self.env["mail.mail"].search(domain) - sent_before
        self.assertEqual(len(mail), 1)
        self.assertIn(self._link_label(self.german), mail.body_html)
        self.assertNotIn(self._link_label(self.french), mail.body_html)

    def test_switcher_on_the_page(self):
        page = self._page(self.response_alice)
        self.assertIn('action="/my/qsr/lang"', page.text)
        for code in ("de_DE", "fr_FR"):
            self.assertIn(f'value="{code}"', page.text)

    def test_switcher_stores_the_contact_language(self):
        answer = self._choose(
            self.response_alice, "fr_FR", self.response_alice.access_token
        )
        self.assertEqual(answer.status_code, 303)
        self.assertTrue(
            answer.headers["Location"].endswith(self._url(self.response_alice))
        )
        self.assertEqual(self.user_alice.partner_id.lang, "fr_FR")
        self.opener.cookies.set("frontend_lang", "de_DE")
        page = self.url_open(self._url(self.response_alice))
        self.assertIn(self.french["Review and Submit"], html.unescape(page.text))

    def test_switcher_refuses_a_wrong_token(self):
        for token in ("wrong", self.response_bob.access_token or "", ""):
            with self.subTest(token=token):
                answer = self._choose(self.response_alice, "fr_FR", token)
                self.assertEqual(answer.status_code, 303)
                self.assertTrue(answer.headers["Location"].endswith("/my"))
                self.assertEqual(self.user_alice.partner_id.lang, "de_DE")

    def test_switcher_refuses_a_language_not_installed(self):
        answer = self._choose(
            self.response_alice, "xx_XX", self.response_alice.access_token
        )
        self.assertTrue(answer.headers["Location"].endswith("/my"))
        self.assertEqual(self.user_alice.partner_id.lang, "de_DE")
