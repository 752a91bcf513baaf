"""18.0.1.3.0: the default QSR grid gets its price row, "Price you pay", in a
new version when its latest version has been answered (its answers and
figures stay as they were), in place otherwise."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["qsr.grid"]._add_default_price_row()
