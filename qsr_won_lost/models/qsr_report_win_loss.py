from odoo import fields, models
from odoo.tools import SQL


class QsrReportWinLoss(models.Model):
    """One row per closed opportunity of a key account, or of any company
    whose opportunity got a won/lost review (above the review threshold; no
    tier, shown as tier "None"): won or lost, when, for which tier. The
    win:loss ratio is SUM(won) / SUM(lost) of whatever group the pivot or
    list shows, never an average of ratios."""

    _name = "qsr.report.win.loss"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "Key Account Win:Loss Ratio"
    _auto = False
    _order = "date_closed desc, id desc"
    _rec_name = "lead_id"
    _ratios = {"ratio": ("won", "lost", 1)}

    lead_id = fields.Many2one("crm.lead", string="Opportunity", readonly=True)
    account_id = fields.Many2one("res.partner", readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True)
    quarter = fields.Char(readonly=True, help="Quarter of the close date, 2026-Q1.")
    won = fields.Integer(readonly=True)
    lost = fields.Integer(readonly=True)
    ratio = fields.Float(
        string="Win:Loss Ratio",
        aggregator="avg",
        readonly=True,
        help="Opportunities won per opportunity lost; empty when none was lost.",
    )
    expected_revenue = fields.Monetary(currency_field="currency_id", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _query(self):
        return SQL(
            """
            SELECT l.id AS id, l.id AS lead_id, p.id AS account_id,
                   p.qsr_tier_id AS tier_id,
                   p.qsr_account_manager_id AS account_manager_id,
                   l.user_id, l.team_id, l.company_id,
                   COALESCE(l.date_closed, l.write_date)::date AS date_closed,
                   to_char(COALESCE(l.date_closed, l.write_date), 'YYYY-"Q"Q')
                       AS quarter,
                   CASE WHEN l.active THEN 1 ELSE 0 END AS won,
                   CASE WHEN l.active THEN 0 ELSE 1 END AS lost,
                   CASE WHEN l.active THEN NULL ELSE 0.0 END AS ratio,
                   l.expected_revenue
              FROM crm_lead l
              JOIN res_partner c ON c.id = l.partner_id
              JOIN res_partner p ON p.id = c.commercial_partner_id
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE (p.qsr_tier_id IS NOT NULL OR l.qsr_won_lost_proposed)
               AND l.type = 'opportunity'
               AND ((l.active AND s.is_won) OR (NOT l.active AND l.probability = 0))
            """
        )
