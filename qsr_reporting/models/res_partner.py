import math
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

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
    # health score (qsr.account.health): internal, never on the portal
    qsr_health_ids = fields.One2many(
        "qsr.account.health",
        "partner_id",
        string="Health Scores",
        groups="qsr_review.group_qsr_user",
    )
    qsr_health_id = fields.Many2one(
        "qsr.account.health",
        string="Health",
        compute="_compute_qsr_health_id",
        store=True,
        groups="qsr_review.group_qsr_user",
        help="The health score of the latest wave computed for the account.",
    )
    qsr_health_score = fields.Float(
        related="qsr_health_id.score",
        string="Health Score",
        store=True,
        groups="qsr_review.group_qsr_user",
    )
    qsr_health_band = fields.Selection(
        related="qsr_health_id.band",
        string="Health Band",
        store=True,
        groups="qsr_review.group_qsr_user",
    )
    qsr_health_tier_mean = fields.Float(
        related="qsr_health_id.tier_mean",
        string="Tier Mean Health",
        groups="qsr_review.group_qsr_user",
    )
    qsr_health_explanation = fields.Html(
        related="qsr_health_id.explanation",
        string="Health Explanation",
        groups="qsr_review.group_qsr_user",
    )
    qsr_health_count = fields.Integer(
        compute="_compute_qsr_health_count", groups="qsr_review.group_qsr_user"
    )

    # relationship map: a contact's answers by wave (internal)
    qsr_answer_wave_id = fields.Many2one(
        "qsr.wave",
        string="Last Wave Answered",
        compute="_compute_qsr_answers",
        groups="qsr_review.group_qsr_user",
    )
    qsr_answer_performance = fields.Float(
        string="Last Performance",
        compute="_compute_qsr_answers",
        groups="qsr_review.group_qsr_user",
        help="The performance of the contact's submitted grids of the last wave "
        "they answered in (100 x the mean normalised level received today).",
    )
    qsr_answer_distress_share = fields.Float(
        string="Last Distress Share",
        compute="_compute_qsr_answers",
        groups="qsr_review.group_qsr_user",
        help="The share of the rows of those grids that are in distress.",
    )
    qsr_answers_html = fields.Html(
        string="Answers by Wave",
        compute="_compute_qsr_answers",
        sanitize=False,
        groups="qsr_review.group_qsr_user",
    )

    # compute

    @api.depends("is_company")
    @api.depends_context("uid")
    def _compute_qsr_answers(self):
        by_contact = self._qsr_answers_by_wave()
        for partner in self:
            rows = by_contact.get(partner._origin.id, [])
            latest = rows[0] if rows else {}
            partner.qsr_answer_wave_id = latest.get("wave", False)
            partner.qsr_answer_performance = latest.get("performance", 0.0)
            partner.qsr_answer_distress_share = latest.get("distress_share", 0.0)
            partner.qsr_answers_html = (
                self.env["ir.qweb"]._render(
                    "qsr_reporting.qsr_contact_answers", {"rows": rows}
                )
                if rows
                else False
            )

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

    @api.depends("qsr_health_ids.wave_date_start", "qsr_health_ids.date_computed")
    def _compute_qsr_health_id(self):
        for partner in self:
            partner.qsr_health_id = partner.qsr_health_ids.sorted(
                lambda h: (h.wave_date_start, h.date_computed, h.id), reverse=True
            )[:1]

    def _compute_qsr_health_count(self):
        counts = dict(
            self.env["qsr.account.health"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.qsr_health_count = counts.get(partner, 0)

    # health actions

    def action_qsr_compute_health(self):
        """Recompute the health score of the accounts in the latest wave each
        has answered in (QSR managers)."""
        if not self.env.user.has_group("qsr_review.group_qsr_manager"):
            raise AccessError(
                self.env._("Only QSR administrators recompute health scores.")
            )
        accounts = self.filtered("is_company")
        scores = self.env["qsr.account.health"]._compute_latest(accounts)
        if not scores:
            raise UserError(
                self.env._(
                    "No submitted grid for this account yet: there is nothing to score."
                )
            )
        return True

    def action_qsr_view_health(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qsr_reporting.qsr_account_health_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # business

    def _qsr_answers_by_wave(self):
        """``{contact id: [row, ...]}``, newest wave first: the performance and
        distress share of each contact's submitted grids per wave, as the
        analysis of the priorities (qsr.report.response.line) weighs them, in
        one grouped read; rows are dicts with ``wave``, ``performance``
        (0-100), ``distress_share`` (0-1) and ``responses``. Empty when the
        user may not analyse the answers."""
        contacts = self.filtered(lambda p: not p.is_company)._origin
        Report = self.env["qsr.report.response.line"]
        if not contacts or not Report.has_access("read"):
            return {}
        groups = Report._read_group(
            [("contact_id", "in", contacts.ids)],
            ["contact_id", "wave_id"],
            ["norm_current:avg", "distress_share:avg", "respondent_ref:count_distinct"],
        )
        by_contact = {}
        for contact, wave, norm, distress, responses in groups:
            by_contact.setdefault(contact.id, []).append(
                {
                    "wave": wave,
                    "performance": 100 * (norm or 0.0),
                    "distress_share": distress or 0.0,
                    "responses": responses,
                }
            )
        for rows in by_contact.values():
            rows.sort(
                key=lambda row: (row["wave"].date_start or date.min, row["wave"].id),
                reverse=True,
            )
        return by_contact

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
        """How many reviews of the account have published results, or gaps
        to show its customer contacts (those too once published)."""
        return self.env["qsr.review"].search_count(
            [
                *self._qsr_portal_review_domain(),
                ("results_published", "=", True),
                "|",
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
        customer, once the review's results are published: open ones first,
        by due date."""
        gaps = self.env["qsr.gap"].search(
            [
                (
                    "review_id",
                    "any",
                    [
                        *self._qsr_portal_review_domain(),
                        ("results_published", "=", True),
                    ],
                ),
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
