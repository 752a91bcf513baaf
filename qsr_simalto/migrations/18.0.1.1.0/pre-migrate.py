"""18.0.1.1.0 adds qsr.response.points_bought: fill it with one UPDATE before the
ORM would recompute it response by response."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE qsr_response"
        " ADD COLUMN IF NOT EXISTS points_bought double precision"
    )
    cr.execute(
        """
        UPDATE qsr_response r
           SET points_bought = COALESCE((
                SELECT SUM(GREATEST(l.points_total, 0))
                  FROM qsr_response_line l
                 WHERE l.response_id = r.id AND l.current_level_id IS NOT NULL
           ), 0)
        """
    )
