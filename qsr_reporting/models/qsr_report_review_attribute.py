from odoo import api, fields, models
from odoo.tools import SQL

# what a submitted line adds to the sums of its review and attribute
SUMMED_COLUMNS = {
    "weight": "r.weight",
    "w_ideal": "CASE WHEN l.ideal_level_id IS NOT NULL THEN r.weight END",
    "w_norm_current": "r.weight * l.norm_current",
    "w_norm_acceptable": "r.weight * l.norm_acceptable",
    "w_norm_ideal": "CASE WHEN l.ideal_level_id IS NOT NULL"
    " THEN r.weight * l.norm_ideal END",
    "w_gap_steps": "r.weight * l.gap_steps",
    "w_distress": "r.weight * l.distress::int",
    "w_first_round": "r.weight * l.bought_first_round::int",
    "w_any_round": "r.weight * l.bought_any::int",
    "w_points_share": "CASE WHEN r.points_bought > 0"
    " THEN r.weight * GREATEST(l.points_total, 0) / r.points_bought END",
    "w_spender": "CASE WHEN r.points_bought > 0 THEN r.weight END",
    # what the trade-off is worth: the mean over the review's respondents is
    # w_wtp / weight (SIMALTO.md, "Price row and willingness to pay")
    "w_wtp": "r.weight * l.wtp",
    # the price row: who accepted a rise, over who answered it
    "w_price_row": "CASE WHEN a.is_price THEN r.weight END",
    "w_price_rise": "CASE WHEN a.is_price AND l.price_rise THEN r.weight END",
    # the competitor comparison, over the lines with a competitor mark: norms
    # of one row order its levels as their positions do
    "w_competitor": "CASE WHEN l.competitor_level_id IS NOT NULL THEN r.weight END",
    "w_competitor_gap": "CASE WHEN l.competitor_level_id IS NOT NULL"
    " THEN r.weight * (l.norm_current - l.norm_competitor) END",
    "w_lead": "CASE WHEN l.competitor_level_id IS NOT NULL"
    " AND l.norm_current > l.norm_competitor THEN r.weight END",
    "w_level": "CASE WHEN l.competitor_level_id IS NOT NULL"
    " AND l.norm_current = l.norm_competitor THEN r.weight END",
    "w_trail": "CASE WHEN l.competitor_level_id IS NOT NULL"
    " AND l.norm_current < l.norm_competitor THEN r.weight END",
}
# the sums a priority class reads (distress share and priority index), with
# the review and the row they are of
CLASS_COLUMNS = (
    "review_id",
    "attribute_id",
    "weight",
    "w_distress",
    "w_points_share",
    "w_spender",
)
# the columns of a review the analyses group by: what the review stored of its
# account when it collected feedback, and its feedback tool
REVIEW_COLUMNS = ("tier_id", "industry_id", "country_id", "user_id", "review_type")
# the columns of a response and of a line that the sums depend on
RESPONSE_COLUMNS = ("state", "review_id", "weight", "points_bought")
LINE_COLUMNS = (
    "response_id",
    "attribute_id",
    "ideal_level_id",
    "norm_current",
    "norm_acceptable",
    "norm_ideal",
    "gap_steps",
    "distress",
    "bought_first_round",
    "bought_any",
    "points_total",
    "wtp",
    "price_rise",
    "competitor_level_id",
    "norm_competitor",
)


class QsrReportReviewAttribute(models.Model):
    """The lines of a review's submitted grids summed per attribute: the sums
    behind the priority analysis's weighted ratios, in as many times fewer rows
    than the lines as a review has respondents. The priority analysis reads
    them whenever its filters and grouping stay at the review and attribute
    level (the attribute x tier priority matrix, the graph by area, the
    account benchmarks).

    ``_refresh(reviews)`` recomputes the sums of reviews from their submitted
    lines, in one statement. The methods that change what the sums add up call
    it in their transaction, after their change:

    - qsr.response: create (a grid created submitted), write of the state
      (submit, reopen), the review, the participant (the influence weight) or
      the lines, unlink;
    - qsr.response.line: create, write and unlink of the lines of submitted
      grids;
    - qsr.review.participant: write of the influence weight or of what it
      follows (level, contact), unlink (its grid goes by the database's
      cascade).

    The levels of a grid never change under submitted lines: an answered grid
    is frozen (qsr_simalto's grid versions).

    A deleted review takes its sums along (ondelete cascade). Whoever writes
    the lines in SQL (data/generate_portfolio.py) calls ``_refresh`` after.
    Two transactions recomputing one review at once (two contacts of an
    account submitting together) update the same rows, in the same order: the
    second one fails to serialize and Odoo runs its request again."""

    _name = "qsr.report.review.attribute"
    _description = "QSR Submitted Lines Summed by Review and Attribute"
    _order = "review_id, attribute_id, id"
    _log_access = False

    review_id = fields.Many2one("qsr.review", required=True, ondelete="cascade")
    attribute_id = fields.Many2one(
        "qsr.grid.attribute", required=True, ondelete="cascade"
    )
    line_count = fields.Integer(help="The submitted lines of this attribute.")
    response_count = fields.Integer(
        help="The submitted grids whose first attribute this is: each grid of "
        "the review counted once, whatever the attribute."
    )
    weight = fields.Float()
    w_ideal = fields.Float()
    w_norm_current = fields.Float()
    w_norm_acceptable = fields.Float()
    w_norm_ideal = fields.Float()
    w_gap_steps = fields.Float()
    w_distress = fields.Float()
    w_first_round = fields.Float()
    w_any_round = fields.Float()
    w_points_share = fields.Float()
    w_spender = fields.Float()
    w_wtp = fields.Float()
    w_price_row = fields.Float()
    w_price_rise = fields.Float()
    w_competitor = fields.Float()
    w_competitor_gap = fields.Float()
    w_lead = fields.Float()
    w_level = fields.Float()
    w_trail = fields.Float()

    _sql_constraints = [
        (
            "review_attribute_uniq",
            "UNIQUE(review_id, attribute_id)",
            "A review has one row of sums per attribute.",
        ),
    ]

    # business

    @api.model
    def _refresh(self, reviews=None):
        """Recompute the sums of ``reviews`` (of every review when None) from
        their submitted lines. Rows that change are updated in place, those of
        attributes no longer answered deleted."""
        if reviews is not None and not reviews:
            return
        self.env["qsr.response"].flush_model(RESPONSE_COLUMNS)
        self.env["qsr.response.line"].flush_model(LINE_COLUMNS)
        self.env["qsr.grid.attribute"].flush_model(["is_price"])
        names = [SQL.identifier(name) for name in SUMMED_COLUMNS]
        columns = SQL(", ").join(names)

        def of_reviews(alias):
            if reviews is None:
                return SQL("TRUE")
            return SQL("%s.review_id = ANY(%s)", SQL.identifier(alias), reviews.ids)

        self.env.cr.execute(
            SQL(
                """
                WITH sums AS (
                    SELECT review_id, attribute_id, COUNT(*) AS line_count,
                           COUNT(*) FILTER (WHERE first_attribute) AS response_count,
                           %(sums)s
                      FROM (
                          SELECT r.review_id, l.attribute_id, %(values)s,
                                 l.attribute_id = MIN(l.attribute_id)
                                     OVER (PARTITION BY l.response_id)
                                     AS first_attribute
                            FROM qsr_response r
                            JOIN qsr_response_line l ON l.response_id = r.id
                            JOIN qsr_grid_attribute a ON a.id = l.attribute_id
                           WHERE %(of_reviews)s AND r.state = 'submitted'
                      ) submitted_lines
                     GROUP BY review_id, attribute_id
                ), stored AS (
                    INSERT INTO qsr_report_review_attribute AS s (
                        review_id, attribute_id, line_count, response_count,
                        %(columns)s
                    )
                    SELECT * FROM sums ORDER BY review_id, attribute_id
                    ON CONFLICT (review_id, attribute_id) DO UPDATE
                       SET (line_count, response_count, %(columns)s)
                         = (EXCLUDED.line_count, EXCLUDED.response_count,
                            %(excluded)s)
                     WHERE (s.line_count, s.response_count, %(stored)s)
                           IS DISTINCT FROM (EXCLUDED.line_count,
                                             EXCLUDED.response_count, %(excluded)s)
                )
                DELETE FROM qsr_report_review_attribute s
                 WHERE %(of_stored_reviews)s
                   AND NOT EXISTS (
                       SELECT 1 FROM sums
                        WHERE sums.review_id = s.review_id
                          AND sums.attribute_id = s.attribute_id
                   )
                """,
                sums=SQL(", ").join(SQL("SUM(%s) AS %s", n, n) for n in names),
                values=SQL(", ").join(
                    SQL("%s AS %s", SQL(expr), SQL.identifier(name))
                    for name, expr in SUMMED_COLUMNS.items()
                ),
                of_reviews=of_reviews("r"),
                of_stored_reviews=of_reviews("s"),
                columns=columns,
                excluded=SQL(", ").join(SQL("EXCLUDED.%s", n) for n in names),
                stored=SQL(", ").join(SQL("s.%s", n) for n in names),
            ),
            # a concurrent refresh of the same review fails to serialize, which
            # Odoo retries (logged at INFO): not a bad query to log as an ERROR;
            # any other failure still reaches the request's error handling
            log_exceptions=False,
        )
        self.invalidate_model()
        self.env["qsr.report.review.attribute.analysis"].invalidate_model()
