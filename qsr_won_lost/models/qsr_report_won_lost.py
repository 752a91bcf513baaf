from odoo import fields, models
from odoo.tools import SQL

from .qsr_won_lost_reason import OUTCOMES


class QsrReportWonLost(models.Model):
    """One row per won/lost review and reason (one row without a reason for a
    review that has none yet): the lessons, countable by reason and outcome."""

    _name = "qsr.report.won.lost"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "Won/Lost Lessons"
    _auto = False
    _order = "date_closed desc, id desc"
    _rec_name = "review_id"

    review_id = fields.Many2one("qsr.review", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    reason_id = fields.Many2one("qsr.won.lost.reason", readonly=True)
    account_id = fields.Many2one("res.partner", readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    user_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    sponsor_id = fields.Many2one("res.users", string="Executive Sponsor", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    quarter = fields.Char(readonly=True, help="Quarter of the close date, 2026-Q1.")
    competitor = fields.Char(string="Against Whom", readonly=True)
    confidential = fields.Boolean(readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT ROW_NUMBER() OVER (ORDER BY r.id, rel.reason_id) AS id,
                   r.id AS review_id, r.lead_id, r.outcome, rel.reason_id,
                   r.partner_id AS account_id, r.tier_id, r.user_id, r.sponsor_id,
                   r.company_id, r.confidential,
                   COALESCE(l.date_closed::date, r.date_planned) AS date_closed,
                   to_char(COALESCE(l.date_closed::date, r.date_planned),
                           'YYYY-"Q"Q') AS quarter,
                   r.competitor
              FROM qsr_review r
              LEFT JOIN qsr_review_won_lost_reason_rel rel ON rel.review_id = r.id
              LEFT JOIN crm_lead l ON l.id = r.lead_id
             WHERE r.review_type = 'won_lost'
               AND r.outcome IS NOT NULL
               AND r.stage != 'cancel'
            """
        )
