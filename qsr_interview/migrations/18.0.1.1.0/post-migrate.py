"""18.0.1.1.0: the interview report offer is written in the language of the
contact it goes to. The template is ``noupdate`` data, so an upgrade leaves
it as it was: give it its language here, unless someone already set one."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "qsr_interview.mail_template_report_offer", raise_if_not_found=False
    )
    if template and not template.lang:
        template.lang = (
            "{{ object.partner_ids.browse(ctx.get('qsr_recipient_id')).lang or '' }}"
        )
