import math
from datetime import date

from odoo import api, fields, models

from .qsr_report_response_line import MIN_NORM_ACCOUNTS

CLOSED_GAP_STATES = ("done", "wont_fix")
# bar colours of the account, its tier and the portfolio
BAR_COLORS = {
    "account": "#2c6fb7",
    "tier": "#8db4e2",
    "portfolio": "#9a9a9a",
    "distress": "#c9413b",
    "distress_tier": "#e9a19d",
}
# badge of each priority class
CLASS_BADGES = {
    "fix_first": "text-bg-danger",
    "tolerated": "text-bg-warning",
    "growth": "text-bg-info",
    "strength": "text-bg-success",
}


def _number(value):
    """A figure as a float, or None when it is missing (no data, NaN)."""
    if value is None or value is False:
        return None
    value = float(value)
    return None if math.isnan(value) else value


class ResPartner(models.Model):
    _inherit = "res.partner"

    qsr_benchmark_html = fields.Html(
        string="Benchmark",
        compute="_compute_qsr_benchmark_html",
        sanitize=False,
        help="The account against its tier and the whole portfolio, attribute by "
        "attribute, and its trend over the waves.",
    )

    # compute

    @api.depends("is_company", "qsr_tier_id")
    @api.depends_context("uid")
    def _compute_qsr_benchmark_html(self):
        for partner in self:
            account = partner._origin
            partner.qsr_benchmark_html = (
                account._qsr_benchmark_html()
                if partner.is_company and account
                else False
            )

    # business

    def _qsr_benchmark_html(self, wave=None):
        """The account's results next to those of its tier and of the portfolio
        in ``wave`` (by default the latest wave it answered in), then its trend
        wave by wave up to it, rendered for the back-office. Shows nothing of
        the account unless the user may analyse it."""
        self.ensure_one()
        Report = self.env["qsr.report.response.line"]
        visible = Report.has_access("read") and Report.search_count(
            [("account_id", "=", self.id)], limit=1
        )
        rows, trend, tier = [], [], self.qsr_tier_id
        if visible:
            trend = Report._trend(self)
            if not wave and trend:
                wave = trend[-1]["wave"]
            tier = Report._tier_in_wave(self, wave)
            rows = self._qsr_benchmark_rows(
                Report._benchmark(self, wave, tier, internal=True)
            )
            trend = [
                self._qsr_trend_row(row)
                for row in trend
                if not wave or row["wave"].date_start <= wave.date_start
            ]
        return self.env["ir.qweb"]._render(
            "qsr_reporting.account_benchmark",
            {
                "account": self,
                "wave": wave,
                "tier_name": tier.name or self.env._("No Tier"),
                "rows": rows,
                "trend": trend,
                "priority_scale": self._qsr_priority_scale(rows, "tier_", "portfolio_"),
                "portfolio_accounts": max(
                    (row["portfolio_accounts"] for row in rows), default=0
                ),
                "colors": BAR_COLORS,
                # internal: the classes, what the rows are worth, the competitor
                "class_labels": dict(
                    Report._fields["priority_class"]._description_selection(self.env)
                ),
                "class_badges": CLASS_BADGES,
                "show_wtp": any(row.get("wtp") for row in rows),
                "show_competitor": any(
                    row.get("competitor_gap") is not None for row in rows
                ),
                "currency": self.env.company.currency_id,
            },
        )

    @api.model
    def _qsr_benchmark_rows(self, table):
        """Rows of ``qsr.report.response.line._benchmark`` as plain dicts, with
        None for missing figures."""
        if table.empty:
            return []
        Report = self.env["qsr.report.response.line"]
        figures = [
            f"{prefix}{name}"
            for prefix in ("", "tier_", "portfolio_")
            for name in Report.BENCHMARK_MEASURES
        ]
        # what only the account team sees, when _benchmark gave it
        internal = [
            name
            for name in ("wtp", *Report.COMPETITOR_MEASURES)
            if name in table.columns
        ]
        classes = [
            name
            for name in ("priority_class", "tier_priority_class")
            if name in table.columns
        ]
        return [
            {
                "attribute_id": int(attribute_id),
                "attribute": row["attribute"],
                "area": row["area"],
                "portfolio_accounts": int(row["portfolio_accounts"]),
                **{name: _number(row[name]) for name in figures},
                **{name: _number(row[name]) for name in internal},
                **{name: row[name] or False for name in classes},
            }
            for attribute_id, row in table.iterrows()
        ]

    @api.model
    def _qsr_trend_row(self, row):
        return {
            "wave_id": row["wave"].id,
            "wave": row["wave"].name,
            **{
                name: _number(row[name])
                for name in (
                    "performance",
                    "distress_share",
                    "portfolio_performance",
                    "portfolio_distress_share",
                )
            },
        }

    @api.model
    def _qsr_priority_scale(self, rows, *prefixes):
        """The priority index that fills a bar: the highest one shown."""
        values = [
            row[f"{prefix}priority_index"]
            for row in rows
            for prefix in ("", *prefixes)
            if row.get(f"{prefix}priority_index")
        ]
        return max(values, default=0.0) or 1.0

    # portal

    def _qsr_portal_review_domain(self):
        """The account's reviews the customer hears about: neither cancelled nor
        confidential."""
        self.ensure_one()
        return [
            ("partner_id", "=", self.id),
            ("confidential", "=", False),
            ("stage", "!=", "cancel"),
        ]

    def _qsr_portal_review_count(self):
        """How many reviews of the account have published results or gaps to
        show its customer contacts."""
        return self.env["qsr.review"].search_count(
            [
                *self._qsr_portal_review_domain(),
                "|",
                "&",
                ("results_published", "=", True),
                ("response_ids.state", "=", "submitted"),
                ("gap_ids.customer_visible", "=", True),
            ]
        )

    def _qsr_portal_results(self):
        """What the customer's contacts see on the portal: the account's latest
        shared results next to the portfolio norm, its trend over the waves and
        the gaps the account team shares with them. Only the results of the
        reviews the account team has published are shown; while those of the
        account's latest answered review are not, ``pending`` says they are
        being prepared.

        Call it on the commercial partner of the portal user, as superuser once
        it is derived from that user: no value holds another account's name
        or figures, only norms pooling at least MIN_NORM_ACCOUNTS
        accounts, and nothing internal (tier, notes, gaps not shared)."""
        self.ensure_one()
        Report = self.env["qsr.report.response.line"]
        answered = self.env["qsr.review"].search(
            [
                *self._qsr_portal_review_domain(),
                ("response_ids.state", "=", "submitted"),
            ]
        )
        shared = answered.filtered("results_published")
        latest = shared[:1]
        rows = (
            self._qsr_benchmark_rows(
                Report._benchmark(self, latest.wave_id or None, latest.tier_id)
            )
            if latest
            else []
        )
        for row in rows:
            if row["portfolio_accounts"] < MIN_NORM_ACCOUNTS:
                for name in Report.BENCHMARK_MEASURES:
                    row[f"portfolio_{name}"] = None
        trend = self._qsr_portal_trend(shared.wave_id)
        return {
            "account": self,
            "review": latest,
            "wave": latest.wave_id,
            "rows": rows,
            "priority_scale": self._qsr_priority_scale(rows, "portfolio_"),
            "trend": trend,
            "current": next(
                (
                    point
                    for point in trend
                    if latest.wave_id and point["wave_id"] == latest.wave_id.id
                ),
                None,
            ),
            # the figures of the previous review too: only once published
            "changes": (
                Report._wave_changes(latest)
                if latest.previous_review_id.results_published
                else []
            ),
            "pending": bool(answered) and not answered[:1].results_published,
            "gaps": self._qsr_portal_gaps(),
            "min_accounts": MIN_NORM_ACCOUNTS,
            "colors": BAR_COLORS,
        }

    def _qsr_portal_trend(self, waves):
        """The account's performance and distress in ``waves``, beside the
        portfolio's where it pools enough accounts."""
        accounts = dict(
            self.env["qsr.report.account.wave"]._read_group(
                [("wave_id", "in", waves.ids)], ["wave_id"], ["__count"]
            )
        )
        trend = []
        for row in self.env["qsr.report.response.line"]._trend(self):
            if row["wave"] not in waves:
                continue
            values = self._qsr_trend_row(row)
            if accounts.get(row["wave"], 0) < MIN_NORM_ACCOUNTS:
                values["portfolio_performance"] = None
                values["portfolio_distress_share"] = None
            trend.append(values)
        return trend

    def _qsr_portal_gaps(self):
        """The gaps of the account's reviews that the team shares with the
        customer: open ones first, by due date."""
        gaps = self.env["qsr.gap"].search(
            [
                ("review_id", "any", self._qsr_portal_review_domain()),
                ("customer_visible", "=", True),
            ]
        )
        states = dict(gaps._fields["state"]._description_selection(self.env))
        return [
            {
                "name": gap.name,
                "owner": gap.user_id.name,
                "date_deadline": gap.date_deadline,
                "state": gap.state,
                "state_label": states[gap.state],
                "overdue": gap.is_overdue,
            }
            for gap in gaps.sorted(
                lambda g: (
                    g.state in CLOSED_GAP_STATES,
                    g.date_deadline or date.max,
                    g.id,
                )
            )
        ]
