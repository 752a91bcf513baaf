"""18.0.1.5.0: a review's customer meeting is a calendar event. The reviews
that already had a meeting date get theirs, without mailing invitations for
meetings their attendees already know of; cancelled reviews get none."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["qsr.review"]._migrate_meeting_events()
