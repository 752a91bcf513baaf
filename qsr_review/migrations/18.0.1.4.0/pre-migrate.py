"""18.0.1.4.0: a gap remembers the day it was done, for the account plan's
"You said, we did". Gaps done before this version get the day of their last
change of state (the last one of a done gap is the move to done), or of their
last change when their state was never tracked. The column is made here,
before the registry loads, so that the ORM does not compute the new field
and give every done gap the day of the upgrade."""


def date_done_gaps(cr):
    """Add ``qsr_gap.date_done`` and fill it for the gaps that are done."""
    cr.execute("ALTER TABLE qsr_gap ADD COLUMN IF NOT EXISTS date_done date")
    cr.execute(
        """
        WITH moved AS (
            SELECT m.res_id AS gap_id, max(m.date) AS date
              FROM mail_tracking_value v
              JOIN mail_message m ON m.id = v.mail_message_id
              JOIN ir_model_fields f ON f.id = v.field_id
             WHERE m.model = 'qsr.gap'
               AND f.model = 'qsr.gap'
               AND f.name = 'state'
             GROUP BY m.res_id
        )
        UPDATE qsr_gap g
           SET date_done = COALESCE(moved.date, g.write_date, g.create_date)::date
          FROM qsr_gap g2
          LEFT JOIN moved ON moved.gap_id = g2.id
         WHERE g2.id = g.id
           AND g.state = 'done'
           AND g.date_done IS NULL
        """
    )
    return cr.rowcount


def migrate(cr, version):
    if not version:
        return
    date_done_gaps(cr)
