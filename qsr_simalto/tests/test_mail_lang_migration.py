from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged

CONTACT_LANG = "{{ object.partner_id.lang }}"


@tagged("post_install", "-at_install")
class TestMailLangMigration(TransactionCase):
    """Upgrading to 18.0.1.5.0 gives the grid mails the contact's language,
    where the database kept its templates without one."""

    def test_templates_get_the_contact_language(self):
        invitation = self.env.ref("qsr_simalto.mail_template_grid_invitation")
        reminder = self.env.ref("qsr_simalto.mail_template_grid_reminder")
        # as installed before, and as an administrator may have set it
        invitation.lang = False
        reminder.lang = "{{ object.partner_id.parent_id.lang }}"
        script = load_script(
            "qsr_simalto/migrations/18.0.1.5.0/post-migrate.py", "qsr_simalto"
        )
        script.migrate(self.env.cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.assertEqual(invitation.lang, CONTACT_LANG)
        self.assertEqual(reminder.lang, "{{ object.partner_id.parent_id.lang }}")
        # a new install runs no migration
        invitation.lang = False
        script.migrate(self.env.cr, None)
        self.assertFalse(invitation.lang)
