import html

from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import load_languages, po_translations

from .common import QsrInterviewCommon


@tagged("post_install", "-at_install")
class TestInterviewPortalLanguage(HttpCase, QsrInterviewCommon):
    """The report offered to a German-speaking and a French-speaking contact:
    each one's personal link shows it in their language, whatever the
    browser asks for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_languages(cls.env, ["de_DE", "fr_FR"], ["qsr_review", "qsr_interview"])
        cls.report = cls._make_report("with_customer")
        cls.contact_a_exec.lang = "de_DE"
        cls.user_portal_a.partner_id.lang = "fr_FR"
        cls.translations = {
            lang: po_translations("qsr_interview", lang[:2])
            for lang in ("de_DE", "fr_FR")
        }

    def test_personal_link_in_contact_language(self):
        self.authenticate(None, None)
        for contact, browser in (
            (self.contact_a_exec, "fr-FR,fr;q=0.9"),
            (self.user_portal_a.partner_id, "de-DE,de;q=0.9"),
        ):
            with self.subTest(lang=contact.lang):
                pid = contact.id
                page = self.url_open(
                    f"/my/qsr/interviews/{self.report.id}"
                    f"?access_token={self.report.access_token}"
                    f"&pid={pid}&hash={self.report._sign_token(pid)}",
                    headers={"Accept-Language": browser},
                )
                self.assertEqual(page.status_code, 200)
                expected = self.translations[contact.lang]["Approve the Report"]
                self.assertIn(expected, html.unescape(page.text))
