"""18.0.1.5.0: the grid invitation and reminder are written in the contact's
language. Both templates are ``noupdate`` data, so an upgrade leaves them as
they were: give them their language here, unless someone already set one."""

from odoo import SUPERUSER_ID, api

TEMPLATES = ("mail_template_grid_invitation", "mail_template_grid_reminder")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name in TEMPLATES:
        template = env.ref(f"qsr_simalto.{name}", raise_if_not_found=False)
        if template and not template.lang:
            template.lang = "{{ object.partner_id.lang }}"
