"""18.0.1.3.0: response lines store their competitor norm, their willingness
to pay and whether the respondent accepted a price rise. The columns are added
and filled here, in three statements, so that the ORM does not recompute every
line of every response on upgrade: no grid had a price row before, so no line
is priced (0) and no line is a price rise; the competitor norm follows from the
competitor level's position as the engine computes ``norm_current``
(``(s - 1) / (n - 1)``, ``s`` the level's dense rank on its row, ``n`` the
row's number of positions), 0.0 without a competitor mark.

Gaps store the evidence of their row (willingness to pay, distress share,
points, respondents and the contacts behind it): worked out here in SQL from
the review's submitted lines as ``qsr.gap._compute_evidence`` does, so that
the ORM does not rewrite every gap (and its last-modified date) on upgrade."""

from odoo.tools import SQL


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
    _fill_gap_evidence(cr)


def _fill_gap_evidence(cr):
    cr.execute(
        """
        ALTER TABLE qsr_gap
            ADD COLUMN IF NOT EXISTS wtp numeric,
            ADD COLUMN IF NOT EXISTS point_value double precision,
            ADD COLUMN IF NOT EXISTS distress_share double precision,
            ADD COLUMN IF NOT EXISTS points_mean double precision,
            ADD COLUMN IF NOT EXISTS respondent_count integer
        """
    )
    # the table and index the ORM would create for the contacts behind a gap
    # (it adds the foreign keys itself)
    cr.execute(
        """
        CREATE TABLE IF NOT EXISTS qsr_gap_evidence_partner_rel (
            gap_id INTEGER NOT NULL,
            partner_id INTEGER NOT NULL,
            PRIMARY KEY (gap_id, partner_id)
        );
        CREATE INDEX IF NOT EXISTS qsr_gap_evidence_partner_rel_partner_id_gap_id_idx
            ON qsr_gap_evidence_partner_rel (partner_id, gap_id)
        """
    )
    submitted_lines = SQL(
        """
        SELECT g.id AS gap_id, r.partner_id, COALESCE(NULLIF(r.weight, 0), 1) AS w,
               l.wtp, l.distress, l.points_total
          FROM qsr_gap g
          JOIN qsr_response r
            ON r.review_id = g.review_id AND r.state = 'submitted'
          JOIN qsr_response_line l
            ON l.response_id = r.id AND l.attribute_id = g.attribute_id
        """
    )
    cr.execute(
        SQL(
            """
        WITH lines AS (%s), sums AS (
            SELECT gap_id, SUM(w) AS total, COUNT(*) AS respondent_count,
                   SUM(w * COALESCE(wtp, 0)) AS w_wtp,
                   SUM(w * COALESCE(distress, FALSE)::int) AS w_distress,
                   SUM(w * COALESCE(points_total, 0)) AS w_points
              FROM lines GROUP BY gap_id
        )
        UPDATE qsr_gap g
           SET wtp = COALESCE(s.w_wtp / s.total, 0),
               point_value = 0.0,
               distress_share = COALESCE(s.w_distress::float / s.total, 0.0),
               points_mean = COALESCE(s.w_points / s.total, 0.0),
               respondent_count = COALESCE(s.respondent_count, 0)
          FROM qsr_gap g2
          LEFT JOIN sums s ON s.gap_id = g2.id
         WHERE g.id = g2.id
        """,
            submitted_lines,
        )
    )
    cr.execute(
        SQL(
            """
        INSERT INTO qsr_gap_evidence_partner_rel (gap_id, partner_id)
        SELECT DISTINCT gap_id, partner_id
          FROM (%s) lines
         WHERE partner_id IS NOT NULL AND (distress OR points_total > 0)
        ON CONFLICT DO NOTHING
        """,
            submitted_lines,
        )
    )
