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
}
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
)


class QsrReportReviewAttribute(models.Model):
    """The lines of a review's submitted grids summed per attribute: the sums
    behind the priority analysis's weighted ratios, in as many times fewer rows
    than the lines as a review has respondents. The priority analysis reads
    them whenever its filters and grouping stay at the review and attribute
    level (the attribute x tier priority matrix, the graph by area, the
    account benchmarks).

    PostgreSQL triggers on the responses and their lines recompute a review's
    sums in the statement that changes what they add up: a submitted, reopened
    or deleted grid, a recomputed line, a changed influence weight, an import
    in SQL, whoever writes them. Two transactions that recompute the same
    review at once (two contacts of an account submitting together) would
    conflict: the second one leaves the review marked stale instead (table
    qsr_report_review_attribute_stale), the analysis reads the lines while
    any review is stale, and the next recomputation of any review, or the
    cron job, recomputes it."""

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

    _sql_constraints = [
        (
            "review_attribute_uniq",
            "UNIQUE(review_id, attribute_id)",
            "A review has one row of sums per attribute.",
        ),
    ]

    # the tables whose triggers keep the sums
    _watched_tables = ("qsr_response", "qsr_response_line")
    # the reviews whose sums a conflict left behind their lines
    _stale_table = "qsr_report_review_attribute_stale"

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE TABLE IF NOT EXISTS %s (review_id integer NOT NULL)",
                SQL.identifier(self._stale_table),
            )
        )
        self.env.cr.execute(self._refresh_function_sql())
        for table, changed_reviews in zip(
            self._watched_tables,
            (self._changed_responses_sql(), self._changed_lines_sql()),
            strict=True,
        ):
            function = SQL.identifier(f"{self._table}_{table}")
            self.env.cr.execute(
                SQL(
                    """
                    CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
                    LANGUAGE plpgsql AS $$
                    DECLARE
                        review_ids integer[];
                    BEGIN
                        IF TG_OP = 'INSERT' THEN
                            review_ids := ARRAY(%(inserted)s);
                        ELSIF TG_OP = 'UPDATE' THEN
                            review_ids := ARRAY(%(updated)s);
                        ELSE
                            review_ids := ARRAY(%(deleted)s);
                        END IF;
                        IF cardinality(review_ids) > 0 THEN
                            PERFORM qsr_report_review_attribute_refresh(review_ids);
                        END IF;
                        RETURN NULL;
                    END $$
                    """,
                    function=function,
                    **changed_reviews,
                )
            )
            for event, transitions in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "OLD TABLE AS old_rows"),
            ):
                trigger = SQL.identifier(f"{self._table}_{event.lower()}")
                self.env.cr.execute(
                    SQL(
                        """
                        DROP TRIGGER IF EXISTS %(trigger)s ON %(table)s;
                        CREATE TRIGGER %(trigger)s AFTER %(event)s ON %(table)s
                        REFERENCING %(transitions)s FOR EACH STATEMENT
                        EXECUTE FUNCTION %(function)s()
                        """,
                        trigger=trigger,
                        table=SQL.identifier(table),
                        event=SQL(event),
                        transitions=SQL(transitions),
                        function=function,
                    )
                )

    def _refresh_function_sql(self):
        """qsr_report_review_attribute_refresh(review ids): recompute the sums of
        those reviews from their submitted lines. Rows are updated in place (no
        foreign key to check again) and those of attributes no longer answered
        deleted."""
        columns = SQL(", ").join(SQL.identifier(name) for name in SUMMED_COLUMNS)
        return SQL(
            """
            CREATE OR REPLACE FUNCTION qsr_report_review_attribute_refresh(
                review_ids integer[]
            ) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                stale_ids integer[] := ARRAY(
                    SELECT review_id FROM qsr_report_review_attribute_stale
                );
            BEGIN
                IF cardinality(review_ids) + cardinality(stale_ids) = 0 THEN
                    RETURN;
                END IF;
                review_ids := review_ids || stale_ids;
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
                           WHERE r.review_id = ANY(review_ids)
                             AND r.state = 'submitted'
                      ) submitted_lines
                     GROUP BY review_id, attribute_id
                ), stored AS (
                    INSERT INTO qsr_report_review_attribute (
                        review_id, attribute_id, line_count, response_count,
                        %(columns)s
                    )
                    SELECT * FROM sums
                    ON CONFLICT (review_id, attribute_id) DO UPDATE
                       SET (line_count, response_count, %(columns)s)
                         = (EXCLUDED.line_count, EXCLUDED.response_count,
                            %(excluded)s)
                )
                DELETE FROM qsr_report_review_attribute s
                 WHERE s.review_id = ANY(review_ids)
                   AND NOT EXISTS (
                       SELECT 1 FROM sums
                        WHERE sums.review_id = s.review_id
                          AND sums.attribute_id = s.attribute_id
                   );
                DELETE FROM qsr_report_review_attribute_stale
                 WHERE review_id = ANY(stale_ids);
            EXCEPTION WHEN serialization_failure OR deadlock_detected THEN
                -- a concurrent transaction recomputed one of these reviews
                -- after this one started: mark them stale, what this
                -- function did is undone
                INSERT INTO qsr_report_review_attribute_stale
                SELECT DISTINCT review_id FROM unnest(review_ids) review_id
                 WHERE review_id <> ALL(stale_ids);
            END $$
            """,
            columns=columns,
            sums=SQL(", ").join(
                SQL("SUM(%s) AS %s", SQL.identifier(name), SQL.identifier(name))
                for name in SUMMED_COLUMNS
            ),
            values=SQL(", ").join(
                SQL("%s AS %s", SQL(expr), SQL.identifier(name))
                for name, expr in SUMMED_COLUMNS.items()
            ),
            excluded=SQL(", ").join(
                SQL("EXCLUDED.%s", SQL.identifier(name)) for name in SUMMED_COLUMNS
            ),
        )

    def _changed_responses_sql(self):
        """The reviews whose sums a statement on qsr_response changes: those of
        the responses that are or were submitted and changed in what the sums
        depend on."""
        differ = SQL(" OR ").join(
            SQL("n.%s IS DISTINCT FROM o.%s", SQL.identifier(c), SQL.identifier(c))
            for c in RESPONSE_COLUMNS
        )
        return {
            "inserted": SQL(
                "SELECT DISTINCT review_id FROM new_rows WHERE state = 'submitted'"
            ),
            "updated": SQL(
                """
                SELECT DISTINCT unnest(ARRAY[n.review_id, o.review_id])
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.state = 'submitted' OR o.state = 'submitted') AND (%s)
                """,
                differ,
            ),
            "deleted": SQL(
                "SELECT DISTINCT review_id FROM old_rows WHERE state = 'submitted'"
            ),
        }

    def _changed_lines_sql(self):
        """The same for a statement on qsr_response_line: the reviews of the
        changed lines of submitted responses."""
        differ = SQL(" OR ").join(
            SQL("n.%s IS DISTINCT FROM o.%s", SQL.identifier(c), SQL.identifier(c))
            for c in LINE_COLUMNS
        )
        of_submitted = (
            "SELECT DISTINCT r.review_id FROM %s l"
            " JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'"
        )
        return {
            "inserted": SQL(of_submitted, SQL.identifier("new_rows")),
            "updated": SQL(
                """
                SELECT DISTINCT r.review_id
                  FROM new_rows n JOIN old_rows o ON o.id = n.id
                  JOIN qsr_response r ON r.id IN (n.response_id, o.response_id)
                 WHERE r.state = 'submitted' AND (%s)
                """,
                differ,
            ),
            "deleted": SQL(of_submitted, SQL.identifier("old_rows")),
        }

    def _drop_triggers(self):
        """Remove the triggers and their functions (at uninstallation, before
        the table goes)."""
        for table in self._watched_tables:
            self.env.cr.execute(
                SQL(
                    "DROP FUNCTION IF EXISTS %s() CASCADE",
                    SQL.identifier(f"{self._table}_{table}"),
                )
            )
        self.env.cr.execute(
            "DROP FUNCTION IF EXISTS qsr_report_review_attribute_refresh(integer[])"
        )
        self.env.cr.execute(
            SQL("DROP TABLE IF EXISTS %s", SQL.identifier(self._stale_table))
        )

    @api.model
    def _is_current(self):
        """Whether no review's sums lag behind its lines."""
        for model in ("qsr.response", "qsr.response.line"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT NOT EXISTS (SELECT 1 FROM %s)",
                SQL.identifier(self._stale_table),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_refresh_stale(self):
        """Recompute the reviews left stale by concurrent recomputations."""
        self._refresh(self.env["qsr.review"])

    @api.model
    def _refresh(self, reviews=None):
        """Recompute the sums of ``reviews`` (all when None) and of the stale
        reviews from their lines."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT qsr_report_review_attribute_refresh(%s)",
                reviews.ids
                if reviews is not None
                else SQL("ARRAY(SELECT id FROM qsr_review)"),
            )
        )
        self.invalidate_model()
