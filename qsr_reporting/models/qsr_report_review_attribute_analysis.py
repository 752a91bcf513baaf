from odoo import fields, models
from odoo.tools import SQL

from .qsr_report_review_attribute import LINE_COLUMNS, RESPONSE_COLUMNS, REVIEW_COLUMNS


class QsrReportReviewAttributeAnalysis(models.Model):
    """The priority analysis at the review and attribute level: the sums of
    qsr.report.review.attribute with the review's and the account's
    dimensions. The priority analysis (qsr.report.response.line) reads its
    figures here when its filters and grouping allow; nobody reads it
    directly."""

    _name = "qsr.report.review.attribute.analysis"
    _inherit = ["qsr.report.priority.mixin"]
    _description = "QSR Priority Analysis by Review and Attribute"
    _auto = False
    _order = "review_id, attribute_id, id"
    _depends = {
        "qsr.review": ["partner_id", "wave_id", "company_id", *REVIEW_COLUMNS],
        "qsr.grid": ["first_version_id"],
        "qsr.grid.attribute": ["area_id", "grid_id", "aspect_id", "is_price"],
        "qsr.response": list(RESPONSE_COLUMNS),
        "qsr.response.line": list(LINE_COLUMNS),
    }

    review_id = fields.Many2one("qsr.review", readonly=True)
    area_id = fields.Many2one("qsr.grid.area", readonly=True)
    attribute_id = fields.Many2one("qsr.grid.attribute", readonly=True)
    line_count = fields.Integer(readonly=True)
    response_count = fields.Integer(readonly=True)

    def _query(self):
        ratios = SQL(", ").join(
            SQL(
                "%s * %s / NULLIF(%s, 0) AS %s",
                scale,
                SQL.identifier(numerator),
                SQL.identifier(denominator),
                SQL.identifier(ratio),
            )
            for ratio, (numerator, denominator, scale) in self._ratios.items()
        )
        return SQL(
            """
            SELECT sums.*, %s
              FROM (
                SELECT s.id, s.review_id, rv.partner_id AS account_id, rv.wave_id,
                       rv.company_id, a.area_id, s.attribute_id,
                       g.first_version_id AS grid_id, a.aspect_id, rv.review_type,
                       rv.tier_id, p.qsr_tier_id AS tier_today_id, rv.industry_id,
                       rv.country_id, p.user_id, rv.user_id AS account_manager_id,
                       u.sale_team_id AS team_id,
                       p.qsr_profitability AS profitability_class,
                       s.line_count, s.response_count, rv.partner_id AS account_ref,
                       p.qsr_annual_revenue AS account_revenue,
                       s.weight, s.w_ideal, s.w_norm_current, s.w_norm_acceptable,
                       s.w_norm_ideal, s.w_gap_steps, s.w_distress, s.w_first_round,
                       s.w_any_round, s.w_points_share, s.w_spender,
                       s.w_wtp, s.w_price_row, s.w_price_rise, s.w_competitor,
                       s.w_competitor_gap, s.w_lead, s.w_level, s.w_trail,
                       s.w_wtp / NULLIF(s.weight, 0) AS wtp,
                       %s AS priority_class,
                       s.weight * p.qsr_annual_revenue AS rw,
                       s.w_distress * p.qsr_annual_revenue AS rw_distress,
                       s.w_points_share * p.qsr_annual_revenue AS rw_points_share,
                       s.w_spender * p.qsr_annual_revenue AS rw_spender
                  FROM qsr_report_review_attribute s
                  -- left joins on required foreign keys: the same rows as
                  -- inner joins, and PostgreSQL leaves out those a query
                  -- does not use (the attribute rows, the whole portfolio)
                  LEFT JOIN qsr_review rv ON rv.id = s.review_id
                  LEFT JOIN qsr_grid_attribute a ON a.id = s.attribute_id
                  LEFT JOIN qsr_grid g ON g.id = a.grid_id
                  -- the rows of each grid: the default priority threshold
                  LEFT JOIN (
                      SELECT grid_id, COUNT(*) AS row_count
                        FROM qsr_grid_attribute
                       GROUP BY grid_id
                  ) grid_rows ON grid_rows.grid_id = a.grid_id
                  LEFT JOIN res_partner p ON p.id = rv.partner_id
                  LEFT JOIN res_users u ON u.id = p.user_id
              ) sums
            """,
            ratios,
            self._priority_class_sql("s", SQL("grid_rows.row_count")),
        )
