from odoo import fields, models
from odoo.tools import SQL

from .qsr_review import REVIEW_TYPES

TOOL_RANK = {
    review_type: rank for rank, (review_type, _label) in enumerate(REVIEW_TYPES)
}


class QsrAccountTool(models.Model):
    """Which feedback tools each key account is due for: one row per account and
    tool of its tier, with the last review held with that tool, the next one
    due, and whether it is planned, due, overdue or not due yet."""

    _name = "qsr.account.tool"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "Feedback Tool Due for a Key Account"
    _auto = False
    _order = "next_date, account_id, review_type"
    _rec_name = "review_type"

    account_id = fields.Many2one("res.partner", readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    review_type = fields.Selection(REVIEW_TYPES, string="Feedback Tool", readonly=True)
    cadence_months = fields.Integer(string="Every (Months)", readonly=True)
    last_date = fields.Date(string="Last Held", readonly=True)
    next_date = fields.Date(string="Next Due", readonly=True)
    review_id = fields.Many2one(
        "qsr.review", string="Planned Review", readonly=True, help="The open review."
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("overdue", "Overdue"),
            ("due", "Due"),
            ("ok", "Not Due Yet"),
        ],
        readonly=True,
    )

    def _query(self):
        ranks = SQL(
            "CASE tools.review_type %s END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", review_type, rank)
                for review_type, rank in TOOL_RANK.items()
            ),
        )
        return SQL(
            """
            WITH tools AS (
                SELECT id AS tier_id, default_review_type AS review_type,
                       cadence_months
                  FROM qsr_tier
                 WHERE cadence_months > 0 AND active
                UNION
                SELECT tier_id, review_type, cadence_months
                  FROM qsr_tier_tool
                 WHERE cadence_months > 0
            ), rows AS (
                SELECT p.id * 10 + %(rank)s AS id, p.id AS account_id,
                       p.qsr_tier_id AS tier_id, p.qsr_account_manager_id AS user_id,
                       tools.review_type, tools.cadence_months, held.last_date,
                       (held.last_date + make_interval(months => tools.cadence_months))
                           ::date AS next_date,
                       open.id AS review_id
                  FROM res_partner p
                  JOIN tools ON tools.tier_id = p.qsr_tier_id
                  LEFT JOIN LATERAL (
                      SELECT MAX(CASE WHEN r.stage = 'cancel' THEN r.date_planned
                                      ELSE r.meeting_date::date END) AS last_date
                        FROM qsr_review r
                       WHERE r.partner_id = p.id AND r.review_type = tools.review_type
                         AND (r.stage = 'cancel'
                              OR (r.stage IN ('educate', 'continue', 'done')
                                  AND r.meeting_date IS NOT NULL))
                  ) held ON TRUE
                  LEFT JOIN LATERAL (
                      SELECT r.id
                        FROM qsr_review r
                       WHERE r.partner_id = p.id AND r.review_type = tools.review_type
                         AND r.stage NOT IN ('done', 'cancel')
                       ORDER BY r.date_planned, r.id
                       LIMIT 1
                  ) open ON TRUE
                 WHERE p.is_company AND p.active
            )
            SELECT rows.*,
                   CASE WHEN review_id IS NOT NULL THEN 'planned'
                        WHEN next_date < CURRENT_DATE THEN 'overdue'
                        WHEN next_date IS NULL
                          OR next_date <= CURRENT_DATE + lead.days THEN 'due'
                        ELSE 'ok' END AS state
              FROM rows
             CROSS JOIN (
                 SELECT COALESCE(MAX(value)::int, 30) AS days
                   FROM ir_config_parameter
                  WHERE key = 'qsr_review.cadence_lead_days'
             ) lead
            """,
            rank=ranks,
        )
