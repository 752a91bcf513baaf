import pandas as pd

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qsr_review.models.res_partner import CONTACT_LEVELS
from odoo.addons.qsr_simalto.analysis import simalto_engine, wave_changes

from .qsr_report_review_attribute import (
    CLASS_COLUMNS,
    LINE_COLUMNS,
    RESPONSE_COLUMNS,
    REVIEW_COLUMNS,
)

# A norm shown to a customer pools at least this many accounts, so that no other
# single customer's figures can be worked out from it.
MIN_NORM_ACCOUNTS = 3


class QsrReportResponseLine(models.Model):
    """One row per line of a submitted grid, with every dimension a sales
    director slices by and the weighted measures of SIMALTO.md."""

    _name = "qsr.report.response.line"
    _inherit = ["qsr.report.priority.mixin"]
    _description = "QSR Priority Analysis"
    _auto = False
    _rec_name = "attribute_id"
    _order = "wave_id desc, account_id, attribute_id"
    _depends = {
        "qsr.review": list(REVIEW_COLUMNS),
        "qsr.grid": ["first_version_id"],
        "qsr.grid.attribute": ["aspect_id", "is_price"],
        "qsr.response": [
            *RESPONSE_COLUMNS,
            "account_id",
            "partner_id",
            "contact_level",
            "wave_id",
            "company_id",
        ],
        "qsr.response.line": [*LINE_COLUMNS, "area_id"],
        "qsr.report.review.attribute": list(CLASS_COLUMNS),
    }

    # dimensions
    response_id = fields.Many2one("qsr.response", readonly=True)
    review_id = fields.Many2one("qsr.review", readonly=True)
    contact_id = fields.Many2one("res.partner", readonly=True)
    contact_level = fields.Selection(CONTACT_LEVELS, readonly=True)
    area_id = fields.Many2one("qsr.grid.area", readonly=True)
    attribute_id = fields.Many2one("qsr.grid.attribute", readonly=True)
    respondent_ref = fields.Integer(
        string="Respondents", aggregator="count_distinct", readonly=True
    )

    # the fields a filter or a grouping may use and still be read from the
    # sums per review and attribute (qsr.report.review.attribute.analysis)
    _review_attribute_fields = frozenset(
        {
            "review_id",
            "account_id",
            "wave_id",
            "tier_id",
            "tier_today_id",
            "industry_id",
            "country_id",
            "user_id",
            "account_manager_id",
            "team_id",
            "profitability_class",
            "company_id",
            "area_id",
            "attribute_id",
            "grid_id",
            "aspect_id",
            "review_type",
            "account_ref",
            "account_revenue",
            "priority_class",
        }
    )

    BENCHMARK_MEASURES = (
        "priority_index",
        "distress_share",
        "norm_current",
        "gap_steps",
    )
    # internal: the competitor comparison (SIMALTO.md)
    COMPETITOR_MEASURES = (
        "competitor_gap",
        "lead_share",
        "level_share",
        "trail_share",
    )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """Read the figures from the sums per review and attribute
        (qsr.report.review.attribute.analysis, as the user, under its own
        record rules, those of these lines) when the filters and the grouping
        stay at that level (a row per review and attribute instead of one per
        respondent too), from the lines otherwise (and always with
        ``qsr_report_read_lines`` in the context).

        A response has one line per attribute (a unique constraint), so the
        respondents of a group of one attribute are its lines: counted without
        COUNT(DISTINCT), which would sort every row of the portfolio."""
        sums_aggregates = self._review_attribute_aggregates(
            domain, groupby, aggregates, having
        )
        if sums_aggregates is not None:
            return self.env["qsr.report.review.attribute.analysis"]._read_group(
                domain,
                groupby,
                sums_aggregates,
                offset=offset,
                limit=limit,
                order=order,
            )
        if "attribute_id" in groupby:
            aggregates = [
                "__count" if spec == "respondent_ref:count_distinct" else spec
                for spec in aggregates
            ]
        return super()._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )

    def _review_attribute_aggregates(self, domain, groupby, aggregates, having):
        """The aggregates of the sums per review and attribute that give
        ``aggregates`` of the lines under ``domain`` and ``groupby``, or None
        when those sums cannot give them."""
        if self.env.context.get("qsr_report_read_lines"):
            return None
        fields_used = {
            leaf[0].split(".")[0]
            for leaf in domain
            if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str)
        } | {spec.partition(":")[0] for spec in groupby}
        if having or not fields_used <= self._review_attribute_fields:
            return None
        if "attribute_id" in groupby:
            # one line per respondent and attribute (a unique constraint)
            respondents = "line_count:sum"
        elif fields_used & {"attribute_id", "area_id"}:
            respondents = None
        else:
            # each response counted once, at its first attribute
            respondents = "response_count:sum"
        translated = []
        for spec in aggregates:
            fname, _sep, func = spec.partition(":")
            if spec == "__count":
                translated.append("line_count:sum")
            elif fname == "respondent_ref" and func == "count_distinct":
                if respondents is None:
                    return None
                translated.append(respondents)
            elif self._same_from_sums(fname, func):
                translated.append(spec)
            else:
                return None
        return translated

    def _same_from_sums(self, fname, func):
        """Whether aggregate ``func`` of ``fname`` reads the same from the sums
        per review and attribute as from the lines."""
        sums = {column for ratio in self._ratios.values() for column in ratio[:2]}
        return (
            (func == "avg" and fname in self._ratios)
            or (func == "sum" and fname in sums)
            or (func == "count_distinct" and fname == "account_ref")
            or (func in ("max", "min") and fname == "account_revenue")
            or (func == "sum" and fname in ("wtp", "w_wtp"))
        )

    @api.model
    def _tier_in_wave(self, account, wave=None):
        """The tier the account's reviews of ``wave`` stored when they
        collected feedback; its tier today without a wave or such a review."""
        if wave:
            rows = self.sudo()._read_group(
                [("account_id", "=", account.id), ("wave_id", "=", wave.id)],
                ["tier_id"],
                order="tier_id",
                limit=1,
            )
            if rows:
                return rows[0][0]
        return account.qsr_tier_id

    @api.model
    def _benchmark(self, account, wave=None, tier=None, internal=False):
        """Per attribute, the account's figures next to those of its tier (by
        default ``_tier_in_wave``) and of the whole portfolio (in ``wave`` when
        given), tiers as the reviews stored them: columns ``<measure>``,
        ``tier_<measure>``, ``portfolio_<measure>``, and ``tier_accounts`` and
        ``portfolio_accounts`` (how many accounts those figures cover). Only
        aggregates of other accounts come out, never their names; callers check
        that the user may see ``account`` before calling. The norms of a row
        are those of its service aspect: the same row in every version of the
        account's grid, never another grid's rows.

        With ``internal`` (never for the customer), also what only the account
        team sees: ``priority_class`` and ``tier_priority_class`` (at today's
        thresholds), the account's willingness to pay ``wtp`` and, where the
        grid collects the competitor's level, ``competitor_gap``,
        ``lead_share``, ``level_share`` and ``trail_share`` (NaN elsewhere)."""
        report_sudo = self.sudo()
        scope = [("wave_id", "=", wave.id)] if wave else []
        specs = [f"{measure}:avg" for measure in self.BENCHMARK_MEASURES]
        own_specs = list(specs)
        if internal:
            own_specs += ["wtp:sum", "w_competitor:sum"]
            own_specs += [f"{m}:avg" for m in self.COMPETITOR_MEASURES]

        def figures(domain, prefix="", by="aspect_id", aggregates=specs):
            rows = report_sudo._read_group(
                scope + domain, [by], [*aggregates, "account_ref:count_distinct"]
            )
            columns = [f"{prefix}{spec.partition(':')[0]}" for spec in aggregates]
            return pd.DataFrame(
                [(record.id, *values) for record, *values in rows],
                columns=[by, *columns, f"{prefix}accounts"],
            ).set_index(by)

        own = figures(
            [("account_id", "=", account.id)], by="attribute_id", aggregates=own_specs
        )
        if own.empty:
            return own
        if tier is None:
            tier = self._tier_in_wave(account, wave)
        attributes = self.env["qsr.grid.attribute"].sudo().browse(own.index.tolist())
        own["aspect_id"] = attributes.mapped(lambda a: a.aspect_id.id)
        table = (
            own.drop(columns="accounts")
            .join(figures([("tier_id", "=", tier.id)], "tier_"), on="aspect_id")
            .join(figures([], "portfolio_"), on="aspect_id")
            .drop(columns="aspect_id")
        )
        table["attribute"] = [a.name for a in attributes]
        table["area"] = [a.area_id.name for a in attributes]
        table["sequence"] = [(a.area_id.sequence, a.sequence, a.id) for a in attributes]
        if internal:
            # a class is a reading of the figures at today's thresholds
            thresholds = {
                grid: self._class_thresholds(grid) for grid in attributes.grid_id
            }
            for prefix in ("", "tier_"):
                table[f"{prefix}priority_class"] = [
                    simalto_engine.priority_class(
                        row[f"{prefix}distress_share"],
                        row[f"{prefix}priority_index"],
                        *thresholds[attribute.grid_id],
                    )
                    for attribute, (_id, row) in zip(
                        attributes, table.iterrows(), strict=True
                    )
                ]
            # the competitor's level, where the grid asked for it
            collected = table.pop("w_competitor").fillna(0) > 0
            for measure in self.COMPETITOR_MEASURES:
                table[measure] = table[measure].where(collected)
        return table.sort_values("sequence").drop(columns="sequence")

    @api.model
    def _answered_grids(self, wave=None):
        """The grids answered (in ``wave`` when given), as first versions: the
        default QSR grid first, then the most answered."""
        rows = self._read_group(
            [("wave_id", "=", wave.id)] if wave else [],
            ["grid_id"],
            ["account_ref:count_distinct"],
        )
        default = self.env.ref("qsr_simalto.grid_default", raise_if_not_found=False)
        ranked = sorted(
            rows, key=lambda row: (row[0] != default, -row[1], row[0].name or "")
        )
        return self.env["qsr.grid"].browse([grid.id for grid, _count in ranked])

    @api.model
    def _change_labels(self):
        return {
            "newly_distressed": self.env._("Newly in distress"),
            "no_longer_distressed": self.env._("No longer in distress"),
            "worsened": self.env._("Worsened"),
            "improved": self.env._("Improved"),
            "unchanged": self.env._("Unchanged"),
            "new_row": self.env._("New row"),
            "dropped_row": self.env._("Row dropped"),
        }

    @api.model
    def _wave_figures(self, domain, groupby):
        """The figures ``wave_changes`` compares, grouped by ``groupby``."""
        specs = [f"{figure}:avg" for figure in wave_changes.FIGURES]
        rows = self._read_group(domain, groupby, specs)
        return pd.DataFrame(
            [
                (*(key.id for key in row[: len(groupby)]), *row[len(groupby) :])
                for row in rows
            ],
            columns=[*groupby, *wave_changes.FIGURES],
        ).set_index(groupby)

    @api.model
    def _wave_changes(self, review):
        """Row by row (service aspect), what changed for the review's account
        since the review it follows, when that review was on the same grid (in
        any version): ``wave_changes.changes`` as plain dicts, largest move
        first, with the row's name and the change's label. Callers check that
        the user may see the review."""
        previous = review.previous_review_id
        if not previous or (
            previous.grid_id.first_version_id != review.grid_id.first_version_id
        ):
            return []
        report_sudo = self.sudo()
        before = report_sudo._wave_figures(
            [("review_id", "=", previous.id)], ["aspect_id"]
        )
        after = report_sudo._wave_figures(
            [("review_id", "=", review.id)], ["aspect_id"]
        )
        if before.empty or after.empty:
            return []
        table = wave_changes.changes(before, after)
        # a row's name in the review's grid, else in the previous one's
        names = {
            row.aspect_id.id: row.name
            for grid_sudo in (previous.grid_id.sudo(), review.grid_id.sudo())
            for row in grid_sudo.attribute_ids
        }
        labels = self._change_labels()
        return [
            {
                "aspect_id": aspect_id,
                "name": names.get(aspect_id, ""),
                "change": row.change,
                "change_label": labels[row.change],
                **{
                    f"{figure}_{when}": (
                        None
                        if pd.isna(value := getattr(row, f"{figure}_{when}"))
                        else value
                    )
                    for figure in wave_changes.FIGURES
                    for when in ("before", "after", "delta")
                },
            }
            for aspect_id, row in zip(
                table.index, table.itertuples(index=False), strict=True
            )
        ]

    @api.model
    def _trend(self, account):
        """The account's performance and distress wave by wave, beside the
        portfolio's, from the accounts-by-wave analysis."""
        report_sudo = self.env["qsr.report.account.wave"].sudo()
        specs = ["performance:avg", "distress_share:avg"]
        own = report_sudo._read_group(
            [("account_id", "=", account.id)], ["wave_id"], specs
        )
        waves = [wave for wave, *_values in own if wave]
        portfolio = {
            wave: values
            for wave, *values in report_sudo._read_group(
                [("wave_id", "in", [w.id for w in waves])], ["wave_id"], specs
            )
        }
        return sorted(
            (
                {
                    "wave": wave,
                    "performance": performance,
                    "distress_share": distress,
                    "portfolio_performance": portfolio[wave][0],
                    "portfolio_distress_share": portfolio[wave][1],
                }
                for wave, performance, distress in own
                if wave
            ),
            key=lambda row: row["wave"].date_start,
        )

    def _query(self):
        return SQL(
            """
            SELECT l.id, l.response_id, r.review_id, r.account_id,
                   r.partner_id AS contact_id, r.contact_level,
                   rv.tier_id, p.qsr_tier_id AS tier_today_id, rv.industry_id,
                   rv.country_id, p.user_id, rv.user_id AS account_manager_id,
                   u.sale_team_id AS team_id,
                   p.qsr_profitability AS profitability_class, r.wave_id,
                   l.area_id, l.attribute_id, r.company_id,
                   g.first_version_id AS grid_id, a.aspect_id, rv.review_type,
                   l.norm_current, l.norm_acceptable, l.norm_ideal, l.gap_steps,
                   l.distress::int AS distress_share,
                   l.bought_first_round::int AS first_round_share,
                   l.bought_any::int AS any_round_share,
                   GREATEST(l.points_total, 0) / NULLIF(r.points_bought, 0)
                       AS points_share,
                   100 * GREATEST(l.points_total, 0) / NULLIF(r.points_bought, 0)
                       AS priority_index,
                   l.response_id AS respondent_ref, r.account_id AS account_ref,
                   p.qsr_annual_revenue AS account_revenue,
                   r.weight,
                   CASE WHEN l.ideal_level_id IS NOT NULL THEN r.weight END AS w_ideal,
                   r.weight * l.norm_current AS w_norm_current,
                   r.weight * l.norm_acceptable AS w_norm_acceptable,
                   CASE WHEN l.ideal_level_id IS NOT NULL
                        THEN r.weight * l.norm_ideal END AS w_norm_ideal,
                   r.weight * l.gap_steps AS w_gap_steps,
                   r.weight * l.distress::int AS w_distress,
                   r.weight * l.bought_first_round::int AS w_first_round,
                   r.weight * l.bought_any::int AS w_any_round,
                   CASE WHEN r.points_bought > 0
                        THEN r.weight * GREATEST(l.points_total, 0)
                             / r.points_bought END
                       AS w_points_share,
                   CASE WHEN r.points_bought > 0 THEN r.weight END AS w_spender,
                   l.distress::int AS revenue_distress_share,
                   100 * GREATEST(l.points_total, 0) / NULLIF(r.points_bought, 0)
                       AS revenue_priority_index,
                   r.weight * p.qsr_annual_revenue AS rw,
                   r.weight * p.qsr_annual_revenue * l.distress::int AS rw_distress,
                   CASE WHEN r.points_bought > 0
                        THEN r.weight * p.qsr_annual_revenue
                             * GREATEST(l.points_total, 0) / r.points_bought END
                       AS rw_points_share,
                   CASE WHEN r.points_bought > 0
                        THEN r.weight * p.qsr_annual_revenue END AS rw_spender,
                   -- each line's part of its account's weighted mean on the
                   -- row: the lines of a review and row add up to its mean
                   r.weight * l.wtp / NULLIF(s.weight, 0) AS wtp,
                   r.weight * l.wtp AS w_wtp,
                   CASE WHEN a.is_price THEN r.weight END AS w_price_row,
                   CASE WHEN a.is_price AND l.price_rise THEN r.weight END
                       AS w_price_rise,
                   CASE WHEN a.is_price THEN l.price_rise::int END
                       AS price_trade_share,
                   CASE WHEN l.competitor_level_id IS NOT NULL THEN r.weight END
                       AS w_competitor,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                        THEN r.weight * (l.norm_current - l.norm_competitor) END
                       AS w_competitor_gap,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                         AND l.norm_current > l.norm_competitor THEN r.weight END
                       AS w_lead,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                         AND l.norm_current = l.norm_competitor THEN r.weight END
                       AS w_level,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                         AND l.norm_current < l.norm_competitor THEN r.weight END
                       AS w_trail,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                        THEN l.norm_current - l.norm_competitor END
                       AS competitor_gap,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                        THEN (l.norm_current > l.norm_competitor)::int END
                       AS lead_share,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                        THEN (l.norm_current = l.norm_competitor)::int END
                       AS level_share,
                   CASE WHEN l.competitor_level_id IS NOT NULL
                        THEN (l.norm_current < l.norm_competitor)::int END
                       AS trail_share,
                   -- the class of the account's row in the review
                   %s AS priority_class
              FROM qsr_response_line l
              JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'
              JOIN qsr_review rv ON rv.id = r.review_id
              JOIN qsr_grid g ON g.id = r.grid_id
              JOIN qsr_grid_attribute a ON a.id = l.attribute_id
              JOIN res_partner p ON p.id = r.account_id
              LEFT JOIN res_users u ON u.id = p.user_id
              -- left joins on unique keys, left out of the queries that use
              -- none of their columns
              LEFT JOIN qsr_report_review_attribute s
                     ON s.review_id = r.review_id AND s.attribute_id = l.attribute_id
              LEFT JOIN (
                  SELECT grid_id, COUNT(*) AS row_count
                    FROM qsr_grid_attribute
                   GROUP BY grid_id
              ) grid_rows ON grid_rows.grid_id = r.grid_id
            """,
            self._priority_class_sql("s", SQL("grid_rows.row_count")),
        )
