"""18.0.1.5.0: a review's customer meeting is a calendar event. The reviews
that already had a meeting date get theirs, without mailing invitations for
meetings their attendees already know of; cancelled reviews get none. Linking
the event is no change of the review: each keeps its last change's date and
author."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT id, write_date, write_uid
          FROM qsr_review
         WHERE meeting_date IS NOT NULL AND meeting_event_id IS NULL
        """
    )
    last_changes = cr.fetchall()
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["qsr.review"]._migrate_meeting_events()
    env.flush_all()
    for review_id, write_date, write_uid in last_changes:
        cr.execute(
            "UPDATE qsr_review SET write_date = %s, write_uid = %s WHERE id = %s",
            (write_date, write_uid, review_id),
        )
