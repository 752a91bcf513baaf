"""18.0.1.3.0: response lines store their competitor norm, their willingness
to pay and whether the respondent accepted a price rise. The columns are added
and filled here, in three statements, so that the ORM does not recompute every
line of every response on upgrade: no grid had a price row before, so no line
is priced (0) and no line is a price rise; the competitor norm follows from the
competitor level's position as the engine computes ``norm_current``
(``(s - 1) / (n - 1)``, ``s`` the level's dense rank on its row, ``n`` the
row's number of positions), 0.0 without a competitor mark."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE qsr_response_line
            ADD COLUMN IF NOT EXISTS norm_competitor double precision,
            ADD COLUMN IF NOT EXISTS wtp numeric,
            ADD COLUMN IF NOT EXISTS price_rise boolean
        """
    )
    cr.execute(
        """
        WITH dense AS (
            SELECT id, attribute_id,
                   DENSE_RANK() OVER (PARTITION BY attribute_id ORDER BY position)
                       AS s
              FROM qsr_grid_level
        ), ranked AS (
            SELECT id, s, MAX(s) OVER (PARTITION BY attribute_id) AS n FROM dense
        )
        UPDATE qsr_response_line l
           SET norm_competitor = CASE
                   WHEN r.n > 1 THEN (r.s - 1)::double precision / (r.n - 1)
                   ELSE 0.0
               END
          FROM ranked r
         WHERE r.id = l.competitor_level_id
        """
    )
    cr.execute(
        """
        UPDATE qsr_response_line
           SET norm_competitor = COALESCE(norm_competitor, 0.0),
               wtp = COALESCE(wtp, 0.0),
               price_rise = COALESCE(price_rise, FALSE)
         WHERE norm_competitor IS NULL OR wtp IS NULL OR price_rise IS NULL
        """
    )
