from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged

RECIPIENT_LANG = (
    "{{ object.partner_ids.browse(ctx.get('qsr_recipient_id')).lang or '' }}"
)


@tagged("post_install", "-at_install")
class TestMailLangMigration(TransactionCase):
    """Upgrading to 18.0.1.1.0 gives the report offer the recipient's
    language, where the database kept its template without one."""

    def test_offer_gets_the_recipient_language(self):
        offer = self.env.ref("qsr_interview.mail_template_report_offer")
        offer.lang = False
        script = load_script(
            "qsr_interview/migrations/18.0.1.1.0/post-migrate.py", "qsr_interview"
        )
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(offer.lang, RECIPIENT_LANG)
        # one an administrator set stays
        offer.lang = "{{ 'de_DE' }}"
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(offer.lang, "{{ 'de_DE' }}")
