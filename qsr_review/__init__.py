from odoo.tools import SQL

from . import controllers
from . import models


def uninstall_hook(env):
    """Leave nothing behind. The settings' parameters are not records of this addon,
    so Odoo would keep them. Reviews and account teams point at contacts and users
    with ondelete='restrict': Odoo deletes this addon's records (its demo contacts
    and users among them) before it drops the review tables, so those deletions
    would fail and leave the records behind. Empty the tables first; they are
    dropped right after."""
    env["ir.config_parameter"].search([("key", "=like", "qsr_review.%")]).unlink()
    # Tier checks are activities on contacts, which stay; their type
    # (ondelete='restrict') leaves with this addon, so they go first.
    tier_check = env.ref(
        "qsr_review.mail_activity_type_qsr_tier_check", raise_if_not_found=False
    )
    if tier_check:
        env["mail.activity"].with_context(active_test=False).search(
            [("activity_type_id", "=", tier_check.id)]
        ).unlink()
    for table in ("qsr_review", "qsr_account_team_member"):
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
