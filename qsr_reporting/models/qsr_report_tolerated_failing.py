from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qsr_simalto.analysis.simalto_engine import (
    DEFAULT_DISTRESS_THRESHOLD,
    FIX_FOR_ALL_SHARE,
)

from .qsr_report_priority_mixin import (
    DISTRESS_THRESHOLD_PARAM,
    PRIORITY_THRESHOLD_PARAM,
    threshold_sql,
)
from .qsr_report_review_attribute import CLASS_COLUMNS


def _param_sql(key, default):
    """A threshold of the settings, read by the query (``threshold_sql``), or
    ``default`` when unset or not a number."""
    return SQL("COALESCE(%s, %s)", threshold_sql(key), default)


class QsrReportToleratedFailing(models.Model):
    """Fix for all of them (SIMALTO.md, Priority classes): per wave, tier, grid
    (its first version) and service aspect, how many accounts of the tier
    answered the row, and how many of them hold it as a tolerated failing,
    each account on its own row: distress share >= D and priority index < P
    (the thresholds of the settings, read by the query; P unset or 0 is the
    equal share, 100 / the rows of the grid answered). The tier is the one the
    review stored when it collected feedback. The price row is left out: it is
    not a service to fix."""

    _name = "qsr.report.tolerated.failing"
    _inherit = ["qsr.sql.view.mixin"]
    _description = "QSR Tolerated Failings by Tier (Fix for All of Them)"
    _auto = False
    _order = "wave_id desc, tier_id, failing_share desc, id"
    _rec_name = "aspect_id"
    _depends = {
        "qsr.report.review.attribute": list(CLASS_COLUMNS),
        "qsr.review": ["partner_id", "wave_id", "tier_id", "company_id"],
        "qsr.grid": ["first_version_id"],
        "qsr.grid.attribute": ["grid_id", "aspect_id", "is_price"],
        "ir.config_parameter": ["key", "value"],
    }
    _ratios = {"failing_share": ("failing_count", "account_count", 1)}

    wave_id = fields.Many2one("qsr.wave", readonly=True)
    tier_id = fields.Many2one("qsr.tier", readonly=True)
    grid_id = fields.Many2one(
        "qsr.grid", readonly=True, help="The grid's first version."
    )
    aspect_id = fields.Many2one("qsr.service.aspect", string="Row", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    account_count = fields.Integer(
        string="Accounts",
        readonly=True,
        help="Accounts of the tier with submitted answers on the row in the wave.",
    )
    failing_count = fields.Integer(
        string="Failing",
        readonly=True,
        help="Accounts whose own row is a tolerated failing: distress share at "
        "or above the distress threshold, priority index below the priority "
        "threshold.",
    )
    failing_share = fields.Float(
        string="Share of Accounts",
        aggregator="avg",
        readonly=True,
        help="Accounts holding the row as a tolerated failing, out of the "
        "accounts of the tier that answered it.",
    )
    fix_for_all = fields.Boolean(
        string="Fix for All",
        readonly=True,
        help="A tolerated failing in at least 30% of the tier's accounts.",
    )
    distress_threshold = fields.Float(aggregator="max", readonly=True)
    priority_threshold = fields.Float(aggregator="max", readonly=True)

    # SQL

    @api.model
    def _account_rows_query(self):
        """One row per wave, tier, grid, aspect and account: the account's own
        distress share and priority index on the row, summed over its reviews
        of the wave, the thresholds, and whether it is a tolerated failing."""
        return SQL(
            """
            WITH row_counts AS (
                SELECT grid_id, COUNT(*) AS row_count
                  FROM qsr_grid_attribute
                 GROUP BY grid_id
            ), account_rows AS (
                SELECT MIN(s.id) AS first_id, rv.wave_id, rv.tier_id,
                       g.first_version_id AS grid_id, a.aspect_id,
                       rv.company_id, rv.partner_id AS account_id,
                       (ARRAY_AGG(s.review_id ORDER BY s.review_id DESC))[1]
                           AS review_id,
                       (ARRAY_AGG(s.attribute_id ORDER BY s.review_id DESC))[1]
                           AS attribute_id,
                       SUM(s.w_distress) / NULLIF(SUM(s.weight), 0)
                           AS distress_share,
                       100 * SUM(s.w_points_share) / NULLIF(SUM(s.w_spender), 0)
                           AS priority_index,
                       MAX(rc.row_count) AS row_count
                  FROM qsr_report_review_attribute s
                  JOIN qsr_review rv ON rv.id = s.review_id
                  JOIN qsr_grid_attribute a ON a.id = s.attribute_id
                  JOIN qsr_grid g ON g.id = a.grid_id
                  JOIN row_counts rc ON rc.grid_id = a.grid_id
                 WHERE rv.wave_id IS NOT NULL
                   AND a.aspect_id IS NOT NULL
                   AND a.is_price IS NOT TRUE
                 GROUP BY rv.wave_id, rv.tier_id, g.first_version_id, a.aspect_id,
                          rv.company_id, rv.partner_id
            ), thresholds AS (
                SELECT %(distress)s AS d, %(priority)s AS p
            )
            SELECT ar.*, t.d AS distress_threshold,
                   CASE WHEN t.p > 0 THEN t.p ELSE 100.0 / ar.row_count END
                       AS priority_threshold,
                   COALESCE(
                       ar.distress_share >= t.d
                       AND ar.priority_index
                           < CASE WHEN t.p > 0 THEN t.p
                                  ELSE 100.0 / ar.row_count END,
                       FALSE
                   ) AS failing
              FROM account_rows ar CROSS JOIN thresholds t
            """,
            distress=_param_sql(DISTRESS_THRESHOLD_PARAM, DEFAULT_DISTRESS_THRESHOLD),
            priority=_param_sql(PRIORITY_THRESHOLD_PARAM, 0.0),
        )

    def _query(self):
        return SQL(
            """
            SELECT MIN(first_id) AS id, wave_id, tier_id, grid_id, aspect_id,
                   company_id, COUNT(*) AS account_count,
                   COUNT(*) FILTER (WHERE failing) AS failing_count,
                   COUNT(*) FILTER (WHERE failing)::float / COUNT(*)
                       AS failing_share,
                   COUNT(*) FILTER (WHERE failing)::float / COUNT(*) >= %s
                       AS fix_for_all,
                   MAX(distress_threshold) AS distress_threshold,
                   MAX(priority_threshold) AS priority_threshold
              FROM (%s) account_rows
             GROUP BY wave_id, tier_id, grid_id, aspect_id, company_id
            """,
            FIX_FOR_ALL_SHARE,
            self._account_rows_query(),
        )

    # business

    @api.model
    def _failing_accounts(self, wave, tier, grid, aspect, company):
        """[(account id, review id, attribute id)] of the accounts of ``tier``
        holding the row of ``aspect`` as a tolerated failing in ``wave``, each
        with its latest review of the wave that answered the row, in
        ``company``."""
        self.env["qsr.report.review.attribute"].flush_model()
        self.env["ir.config_parameter"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT account_id, review_id, attribute_id
                  FROM (%s) account_rows
                 WHERE failing AND wave_id = %s AND tier_id IS NOT DISTINCT FROM %s
                   AND grid_id = %s AND aspect_id = %s AND company_id = %s
                 ORDER BY account_id
                """,
                self._account_rows_query(),
                wave.id,
                tier.id or None,
                grid.id,
                aspect.id,
                company.id,
            )
        )
        return self.env.cr.fetchall()

    def action_fix_for_all(self):
        """The wizard that makes this row a company-wide improvement."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_reporting.qsr_improvement_wizard_action"
        )
        action["context"] = {
            "default_wave_id": self.wave_id.id,
            "default_tier_id": self.tier_id.id,
            "default_grid_id": self.grid_id.id,
            "default_aspect_id": self.aspect_id.id,
            "default_company_id": self.company_id.id,
        }
        return action
