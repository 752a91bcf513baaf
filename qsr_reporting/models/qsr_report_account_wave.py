from odoo import fields, models
from odoo.tools import SQL


class QsrReportAccountWave(models.Model):
    """One row per account and wave: who answered, how well the account feels
    served, how much of it is in distress."""

    _name = "qsr.report.account.wave"
    _inherit = ["qsr.report.mixin"]
    _description = "QSR Account Analysis by Wave"
    _auto = False
    _rec_name = "account_id"
    _order = "wave_id desc, account_id"

    _ratios = {
        "performance": ("w_performance", "weight", 1),
        "distress_share": ("w_distress_rows", "w_rows", 1),
    }

    respondent_count = fields.Integer(string="Respondents", readonly=True)
    executive_count = fields.Integer(string="Executive Respondents", readonly=True)
    account_revenue = fields.Float(readonly=True)
    performance = fields.Float(aggregator="avg", readonly=True)
    distress_share = fields.Float(aggregator="avg", readonly=True)
    weight = fields.Float(string="Influence Weight", readonly=True)
    w_performance = fields.Float(readonly=True)
    w_distress_rows = fields.Float(readonly=True)
    w_rows = fields.Float(readonly=True)

    def _query(self):
        return SQL(
            """
            WITH responses AS (
                SELECT r.*, COUNT(l.id) AS rows, COUNT(l.id) FILTER (WHERE l.distress)
                       AS distressed
                  FROM qsr_response r
                  JOIN qsr_response_line l ON l.response_id = r.id
                 WHERE r.state = 'submitted'
                 GROUP BY r.id
            )
            SELECT MIN(r.id) AS id, r.account_id, r.wave_id, r.company_id,
                   rv.tier_id, p.qsr_tier_id AS tier_today_id, rv.industry_id,
                   rv.country_id, p.user_id, rv.user_id AS account_manager_id,
                   u.sale_team_id AS team_id,
                   p.qsr_profitability AS profitability_class,
                   COUNT(*) AS respondent_count,
                   COUNT(*) FILTER (WHERE r.contact_level = 'executive')
                       AS executive_count,
                   p.qsr_annual_revenue AS account_revenue,
                   SUM(r.weight * r.performance) / NULLIF(SUM(r.weight), 0)
                       AS performance,
                   SUM(r.weight * r.distressed)::float
                       / NULLIF(SUM(r.weight * r.rows), 0) AS distress_share,
                   SUM(r.weight) AS weight,
                   SUM(r.weight * r.performance) AS w_performance,
                   SUM(r.weight * r.distressed) AS w_distress_rows,
                   SUM(r.weight * r.rows) AS w_rows
              FROM responses r
              JOIN qsr_review rv ON rv.id = r.review_id
              JOIN res_partner p ON p.id = r.account_id
              LEFT JOIN res_users u ON u.id = p.user_id
             GROUP BY r.account_id, r.wave_id, r.company_id, p.id, u.sale_team_id,
                      rv.tier_id, rv.industry_id, rv.country_id, rv.user_id
            """
        )
