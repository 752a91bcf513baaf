import html

from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import (
    load_languages,
    new_account,
    new_portal_contact,
    po_translations,
)


@tagged("post_install", "-at_install")
class TestPortalResultsLanguage(HttpCase):
    """A German-speaking contact reads their account's results in German,
    from a browser that asks for French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE", "fr_FR"], ["qsr_review", "qsr_reporting"])
        account = new_account(cls.env, "Delta Drives GmbH")
        cls.contact = new_portal_contact(
            cls.env, account, "t_qsr_results_lang", "Dora Delta"
        )
        cls.contact.partner_id.lang = "de_DE"

    def test_results_in_contact_language(self):
        self.authenticate(self.contact.login, self.contact.login)
        self.opener.cookies.set("frontend_lang", "fr_FR")
        page = self.url_open(
            "/my/qsr/results", headers={"Accept-Language": "fr-FR,fr;q=0.9"}
        )
        self.assertEqual(page.status_code, 200)
        text = html.unescape(page.text)
        for lang, shown in (("de", True), ("fr", False)):
            title = po_translations("qsr_reporting", lang)["Service Review Results"]
            with self.subTest(lang=lang):
                self.assertEqual(title in text, shown)
