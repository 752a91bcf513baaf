from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.qsr_simalto.analysis import wave_changes

OPEN_GAP_STATES = ("open", "progress")
TOP_PRIORITIES = 5


def _share(part, whole):
    return part / whole if whole else None


class QsrDashboard(models.AbstractModel):
    """The figures of the sales directors' dashboard, in one call. Everything is
    read with the user's rights, by aggregate queries."""

    _name = "qsr.dashboard"
    _description = "QSR Dashboard"

    @api.model
    @api.readonly
    def get_data(self, wave_id=None, grid_id=None):
        """The dashboard of ``wave_id`` (default: the latest wave that has
        started) as plain JSON. Priorities and areas are those of one grid
        (``grid_id``, a grid's first version, across its versions; default:
        the QSR grid when answered in the wave), never of two grids pooled.
        Each figure that opens records carries an ``open`` entry: the model,
        domain and views to show."""
        waves = self.env["qsr.wave"].search([], limit=None)  # a few a year
        wave = waves.browse(wave_id).exists() if wave_id else waves.browse()
        if not wave:
            today = fields.Date.context_today(self)
            wave = waves.filtered(lambda w: w.date_start <= today)[:1] or waves[:1]
        grids = self.env["qsr.report.response.line"]._answered_grids(wave)
        grid = grids.filtered(lambda g: g.id == grid_id)[:1] or grids[:1]
        return {
            "waves": [{"id": w.id, "name": w.name} for w in waves],
            "grids": [{"id": g.id, "name": g.name} for g in grids],
            "grid": grid and {"id": grid.id, "name": grid.name},
            "wave": wave
            and {
                "id": wave.id,
                "name": wave.name,
                "date_start": fields.Date.to_string(wave.date_start),
                "date_end": fields.Date.to_string(wave.date_end),
            },
            "currency_id": self.env.company.currency_id.id,
            "coverage": self._coverage(wave),
            "areas": self._areas(wave, grid),
            "priorities": self._priorities(wave, grid),
            "moves": self._moves(wave, grid),
            **self._rows(wave, grid),
            "gaps": self._gaps(wave),
            **self._opportunities(wave),
            "health": self._health(wave),
        }

    # figures

    def _wave_domain(self, wave, field="wave_id"):
        return [(field, "=", wave.id)] if wave else []

    def _coverage(self, wave):
        """Share of key accounts (companies of a tier with a review cadence)
        reviewed in the wave, share with an executive among the respondents,
        and the response rate of the wave's grids."""
        key_accounts = [
            ("is_company", "=", True),
            ("qsr_tier_id.cadence_months", ">", 0),
        ]
        key_count = self.env["res.partner"].search_count(key_accounts)
        reviews = [
            *self._wave_domain(wave),
            ("stage", "!=", "cancel"),
            ("partner_id", "any", key_accounts),
        ]
        [(reviewed,)] = self.env["qsr.review"]._read_group(
            reviews, [], ["partner_id:count_distinct"]
        )
        Response = self.env["qsr.response"]
        executives = [
            *self._wave_domain(wave),
            ("state", "=", "submitted"),
            ("contact_level", "=", "executive"),
            ("account_id", "any", key_accounts),
        ]
        [(with_executive,)] = Response._read_group(
            executives, [], ["account_id:count_distinct"]
        )
        by_state = dict(
            Response._read_group(self._wave_domain(wave), ["state"], ["__count"])
        )
        invited = sum(by_state.values())
        return {
            "key_accounts": key_count,
            "reviewed": reviewed,
            "reviewed_share": _share(reviewed, key_count),
            "with_executive": with_executive,
            "executive_share": _share(with_executive, key_count),
            "invited": invited,
            "submitted": by_state.get("submitted", 0),
            "response_rate": _share(by_state.get("submitted", 0), invited),
            "open_key_accounts": self._open("res.partner", key_accounts),
            "open_reviews": self._open("qsr.review", reviews),
            "open_responses": self._open("qsr.response", self._wave_domain(wave)),
        }

    def _grid_domain(self, wave, grid):
        return [*self._wave_domain(wave), ("grid_id", "=", grid.id)]

    def _areas(self, wave, grid):
        """Priority index and distress by area of the grid, as the priority
        analysis aggregates them (weighted, sum over sum)."""
        rows = self.env["qsr.report.response.line"]._read_group(
            self._grid_domain(wave, grid),
            ["area_id"],
            [
                "priority_index:avg",
                "distress_share:avg",
                "norm_current:avg",
                "account_ref:count_distinct",
            ],
        )
        areas = [
            {
                "id": area.id,
                "name": area.display_name,
                "priority_index": priority or 0.0,
                "distress_share": distress or 0.0,
                "performance": 100 * (current or 0.0),
                "accounts": accounts,
                "open": self._open(
                    "qsr.report.response.line",
                    [*self._grid_domain(wave, grid), ("area_id", "=", area.id)],
                    views=["pivot", "graph"],
                ),
            }
            for area, priority, distress, current, accounts in rows
        ]
        return sorted(areas, key=lambda a: (-a["priority_index"], a["name"]))

    def _priorities(self, wave, grid):
        """The rows of the grid customers spend most of their budget on."""
        rows = self.env["qsr.report.response.line"]._read_group(
            self._grid_domain(wave, grid),
            ["attribute_id"],
            ["priority_index:avg", "distress_share:avg"],
        )
        top = sorted(rows, key=lambda row: -(row[1] or 0.0))[:TOP_PRIORITIES]
        return [
            {
                "id": attribute.id,
                "name": attribute.display_name,
                "area": attribute.area_id.display_name,
                "priority_index": priority or 0.0,
                "distress_share": distress or 0.0,
            }
            for attribute, priority, distress in top
        ]

    def _rows(self, wave, grid):
        """The rows of the grid in the wave, over the portfolio: what they are
        worth (``revenue``: the rows ranked by willingness to pay), the 2x2
        priority chart (``matrix``: distress share against priority index,
        one point per row, in its priority class), and the rows where the
        competitor leads (``trail``, empty when no competitor level was
        collected). The price row is not a service to improve: left out."""
        Report = self.env["qsr.report.response.line"]
        domain = self._grid_domain(wave, grid)
        measures = [
            "distress_share:avg",
            "priority_index:avg",
            "account_ref:count_distinct",
            "wtp:sum",
            "trail_share:avg",
            "lead_share:avg",
            "competitor_gap:avg",
        ]
        groups = [
            (attribute, dict(zip(measures, figures, strict=True)))
            for attribute, *figures in Report._read_group(
                domain, ["attribute_id"], measures
            )
        ]
        attributes = self.env["qsr.grid.attribute"].browse(a.id for a, _f in groups)
        priced = bool(attributes.filtered("is_price"))
        groups = [(a, f) for a, f in groups if not a.is_price]
        # the thresholds of the latest version answered (versions may differ
        # in their number of rows): the lines drawn on the chart
        latest = attributes.grid_id.sorted("version")[-1:]
        distress_threshold, priority_threshold = (
            Report._class_thresholds(latest) if latest else (None, None)
        )
        labels = dict(Report._fields["priority_class"]._description_selection(self.env))
        points, revenue, trail = [], [], []
        for attribute, figures in groups:
            distress = figures["distress_share:avg"]
            priority = figures["priority_index:avg"]
            wtp = figures["wtp:sum"] or 0.0
            key = Report._priority_class(attribute.grid_id, distress, priority)
            row_domain = [*domain, ("attribute_id", "=", attribute.id)]
            row = {
                "id": attribute.id,
                "name": attribute.display_name,
                "area": attribute.area_id.display_name,
                "accounts": figures["account_ref:count_distinct"],
                "open": self._open(
                    "qsr.report.response.line", row_domain, views=["pivot", "graph"]
                ),
            }
            if key is not None:
                points.append(
                    {
                        **row,
                        "distress_share": distress,
                        "priority_index": priority,
                        "wtp": wtp if priced else None,
                        "class": key,
                        "class_label": labels[key],
                        "open": self._open_class(wave, grid, attribute, key)
                        or row["open"],
                    }
                )
            if priced:
                revenue.append({**row, "wtp": wtp})
            if figures["trail_share:avg"] is not None:
                trail.append(
                    {
                        **row,
                        "trail_share": figures["trail_share:avg"],
                        "lead_share": figures["lead_share:avg"] or 0.0,
                        "competitor_gap": figures["competitor_gap:avg"] or 0.0,
                    }
                )
        total = sum(row["wtp"] for row in revenue)
        for row in revenue:
            row["share"] = _share(row["wtp"], total)
        return {
            "revenue": {
                "priced": priced,
                "total": total,
                "rows": sorted(revenue, key=lambda r: (-r["wtp"], r["name"])),
            },
            "matrix": {
                "distress_threshold": distress_threshold,
                "priority_threshold": priority_threshold,
                "priced": priced,
                "classes": labels,
                "points": sorted(points, key=lambda p: p["name"]),
            },
            "trail": {
                "collected": any(attributes.grid_id.mapped("ask_competitor")),
                "rows": sorted(
                    (row for row in trail if row["competitor_gap"] < 0),
                    key=lambda r: (r["competitor_gap"], -r["trail_share"], r["name"]),
                ),
            },
        }

    def _open_class(self, wave, grid, attribute, key):
        """A tolerated failing opens the accounts' tolerated failings of the
        row, by tier (Fix for All of Them), when the user may see them."""
        Failing = self.env["qsr.report.tolerated.failing"]
        if key != "tolerated" or not Failing.has_access("read"):
            return False
        return self._open(
            "qsr.report.tolerated.failing",
            [
                *self._wave_domain(wave),
                ("grid_id", "=", grid.id),
                ("aspect_id", "=", attribute.aspect_id.id),
            ],
            views=["list"],
        )

    def _moves(self, wave, grid, limit=TOP_PRIORITIES):
        """The biggest moves of the wave across accounts: per account and row
        of the grid, the change since the account's previous review on the
        same grid (``wave_changes``), the largest first."""
        Report = self.env["qsr.report.response.line"]
        reviews = self.env["qsr.review"].search(
            [
                *self._wave_domain(wave),
                ("grid_id.first_version_id", "=", grid.id),
                ("previous_review_id.grid_id.first_version_id", "=", grid.id),
            ]
        )
        if not reviews:
            return []
        keys = ["review_id", "aspect_id"]
        after = Report._wave_figures([("review_id", "in", reviews.ids)], keys)
        before = Report._wave_figures(
            [("review_id", "in", reviews.previous_review_id.ids)], keys
        ).rename(
            index={r.previous_review_id.id: r.id for r in reviews}, level="review_id"
        )
        table = wave_changes.changes(before, after)
        moved = ~table["change"].isin(("new_row", "dropped_row", "unchanged"))
        table = table[moved].head(limit)
        names = {a.aspect_id.id: a.name for a in reviews.grid_id.attribute_ids}
        labels = Report._change_labels()
        by_id = {review.id: review for review in reviews}
        return [
            {
                "account": by_id[review_id].partner_id.display_name,
                "row": names.get(aspect_id, ""),
                "change": row.change,
                "change_label": labels[row.change],
                "before": 100 * row.norm_current_before,
                "after": 100 * row.norm_current_after,
                "distress_before": row.distress_share_before,
                "distress_after": row.distress_share_after,
                "open": self._open(
                    "qsr.review", [("id", "=", review_id)], views=["form"]
                ),
            }
            for (review_id, aspect_id), row in zip(
                table.index, table.itertuples(index=False), strict=True
            )
        ]

    def _gaps(self, wave):
        """Gaps still open, found in reviews planned up to the end of the wave,
        and how many are overdue, by owner and by department."""
        Gap = self.env["qsr.gap"]
        open_gaps = [("state", "in", OPEN_GAP_STATES)]
        if wave:
            open_gaps.append(
                ("review_id.date_planned", "<=", fields.Date.to_string(wave.date_end))
            )
        overdue_gaps = [*open_gaps, ("is_overdue", "=", True)]
        departments = dict(Gap._fields["department"]._description_selection(self.env))

        def by(field, label):
            counts = defaultdict(lambda: [0, 0])
            for index, domain in enumerate((open_gaps, overdue_gaps)):
                for key, count in Gap._read_group(domain, [field], ["__count"]):
                    counts[key][index] = count
            rows = []
            for key, (open_count, overdue) in counts.items():
                value = (key.id if isinstance(key, models.BaseModel) else key) or False
                rows.append(
                    {
                        "key": value,
                        "name": label(key),
                        "open": open_count,
                        "overdue": overdue,
                        "open_gaps": self._open(
                            "qsr.gap", [*open_gaps, (field, "=", value)]
                        ),
                        "open_overdue": self._open(
                            "qsr.gap", [*overdue_gaps, (field, "=", value)]
                        ),
                    }
                )
            return sorted(rows, key=lambda r: (-r["overdue"], -r["open"], r["name"]))

        [(total,)] = Gap._read_group(open_gaps, [], ["__count"])
        [(overdue,)] = Gap._read_group(overdue_gaps, [], ["__count"])
        return {
            "open": total,
            "overdue": overdue,
            "open_gaps": self._open("qsr.gap", open_gaps),
            "open_overdue": self._open("qsr.gap", overdue_gaps),
            "by_owner": by(
                "user_id", lambda user: user.name if user else self.env._("No Owner")
            ),
            "by_department": by(
                "department",
                lambda key: departments.get(key) or self.env._("No Department"),
            ),
        }

    def _wave_period(self, wave, field):
        """``field`` (a datetime, in UTC) within the wave's dates, both days
        included; no condition without a wave."""
        if not wave:
            return []
        return [
            (field, ">=", fields.Datetime.to_string(wave.date_start)),
            (
                field,
                "<",
                fields.Datetime.to_string(wave.date_end + timedelta(days=1)),
            ),
        ]

    def _opportunities(self, wave):
        """The pipeline of QSR opportunities (tagged QSR or made from a gap),
        and the win:loss ratio of the opportunities of tiered accounts, over
        the wave's dates like the other figures: the pipeline counts the
        ongoing opportunities opened during the wave, won and lost those closed
        during it. Won and lost as CRM has them: won in a won stage, lost
        archived at 0%, both closed on their closing date."""
        Lead = self.env["crm.lead"].with_context(active_test=False)
        if not Lead.has_access("read"):
            return {"pipeline": False, "win_loss": False}
        tag = self.env.ref("qsr_review.crm_tag_qsr", raise_if_not_found=False)
        qsr = [("qsr_gap_ids", "!=", False)]
        if tag:
            qsr = ["|", ("tag_ids", "in", tag.ids), *qsr]
        opportunities = [("type", "=", "opportunity")]
        ongoing = [
            ("active", "=", True),
            "|",
            ("stage_id", "=", False),
            ("stage_id.is_won", "=", False),
        ]
        won = [("active", "=", True), ("stage_id.is_won", "=", True)]
        lost = [("active", "=", False), ("probability", "=", 0)]

        def figures(domain):
            [(count, revenue)] = Lead._read_group(
                domain, [], ["__count", "expected_revenue:sum"]
            )
            return count, revenue or 0.0

        opened = self._wave_period(wave, "create_date")
        closed = self._wave_period(wave, "date_closed")
        won = [*won, *closed]
        lost = [*lost, *closed]
        qsr_ongoing = [*opportunities, *qsr, *ongoing, *opened]
        qsr_won = [*opportunities, *qsr, *won]
        qsr_lost = [*opportunities, *qsr, *lost]
        tiered = [
            *opportunities,
            ("partner_id.commercial_partner_id.qsr_tier_id", "!=", False),
        ]
        pipeline_count, pipeline_revenue = figures(qsr_ongoing)
        won_count, won_revenue = figures(qsr_won)
        lost_count, lost_revenue = figures(qsr_lost)
        key_won, key_won_revenue = figures([*tiered, *won])
        key_lost, key_lost_revenue = figures([*tiered, *lost])
        return {
            "pipeline": {
                "count": pipeline_count,
                "expected_revenue": pipeline_revenue,
                "won_count": won_count,
                "won_revenue": won_revenue,
                "lost_count": lost_count,
                "lost_revenue": lost_revenue,
                "open_pipeline": self._open("crm.lead", qsr_ongoing),
                "open_won": self._open("crm.lead", qsr_won),
                "open_lost": self._open("crm.lead", qsr_lost),
            },
            "win_loss": {
                "won": key_won,
                "won_revenue": key_won_revenue,
                "lost": key_lost,
                "lost_revenue": key_lost_revenue,
                "ratio": _share(key_won, key_lost),
                "open_won": self._open("crm.lead", [*tiered, *won]),
                "open_lost": self._open("crm.lead", [*tiered, *lost]),
            },
        }

    def _health(self, wave, limit=TOP_PRIORITIES):
        """The accounts' health scores in the wave (those the user may read):
        how many in each band (0-39, 40-69, 70-100) and the worst ones."""
        Health = self.env["qsr.account.health"]
        if not Health.has_access("read"):
            return False
        domain = self._wave_domain(wave)
        counts = dict(Health._read_group(domain, ["band"], ["__count"]))
        labels = Health._fields["band"]._description_selection(self.env)
        worst = Health.search(domain, order="score, id", limit=limit)
        return {
            "total": sum(counts.values()),
            "bands": [
                {
                    "key": key,
                    "name": label,
                    "count": counts.get(key, 0),
                    "open": self._open(
                        "qsr.account.health",
                        [*domain, ("band", "=", key)],
                        views=["list", "form"],
                    ),
                }
                for key, label in labels
            ],
            "worst": [
                {
                    "id": health.id,
                    "account": health.partner_id.display_name,
                    "tier": health.tier_id.display_name or "",
                    "score": health.score,
                    "band": health.band,
                    "open": self._open(
                        "qsr.account.health", [("id", "=", health.id)], views=["form"]
                    ),
                }
                for health in worst
            ],
            "open": self._open("qsr.account.health", domain, views=["list", "form"]),
        }

    # helpers

    def _open(self, model, domain, views=("list", "form")):
        """What the dashboard opens when a figure is clicked."""
        return {"res_model": model, "domain": list(domain), "views": list(views)}
