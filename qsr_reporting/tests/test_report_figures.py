from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ReportCommon


@tagged("post_install", "-at_install")
class TestReportFigures(ReportCommon):
    def _figures(self, model, groupby, measures, domain=()):
        """{group key: {measure: value}} as the pivot view reads them."""
        Report = self.env[model]
        specs = [f"{m}:{Report._fields[m].aggregator}" for m in measures]
        rows = Report._read_group(
            [("account_id", "in", self.accounts.ids), *domain], groupby, specs
        )
        return {
            tuple(rows_key[: len(groupby)]): dict(
                zip(measures, rows_key[len(groupby) :], strict=True)
            )
            for rows_key in rows
        }

    def test_by_attribute(self):
        figures = self._figures(
            "qsr.report.response.line",
            ["attribute_id"],
            [
                "distress_share",
                "priority_index",
                "norm_current",
                "gap_steps",
                "respondent_ref",
            ],
        )
        rt = figures[(self.response_time,)]
        self.assertAlmostEqual(rt["distress_share"], (4 + 3) / 8)
        self.assertAlmostEqual(
            rt["priority_index"], 100 * (4 * 10 / 14 + 6 / 13 + 3 * 6 / 11) / 8
        )
        self.assertAlmostEqual(rt["norm_current"], (0 * 4 + 1 / 3 + 3 / 3) / 8)
        self.assertAlmostEqual(rt["gap_steps"], (4 * 1 + 0 + 3 * 1) / 8)
        self.assertEqual(rt["respondent_ref"], 3)
        inf = figures[(self.in_full,)]
        self.assertAlmostEqual(inf["distress_share"], 1 / 8)
        self.assertAlmostEqual(
            inf["priority_index"], 100 * (4 * 4 / 14 + 7 / 13 + 3 * 5 / 11) / 8
        )

    def test_retiering_keeps_past_tier_groups(self):
        """Past waves stay grouped by the tier their reviews stored; the
        account's tier today is a group of its own."""
        views = [
            ("qsr.report.response.line", ["attribute_id", "tier_id"], "priority_index"),
            ("qsr.report.account.wave", ["tier_id"], "performance"),
        ]
        before = [self._figures(m, groupby, [measure]) for m, groupby, measure in views]
        self.account_a.qsr_tier_id = self.tier_maintain
        self.env.flush_all()
        for (model, groupby, measure), figures in zip(views, before, strict=True):
            self.assertEqual(self._figures(model, groupby, [measure]), figures)
            self.assertNotIn(
                (self.tier_maintain,), self._figures(model, ["tier_id"], [measure])
            )
            self.assertIn(
                (self.tier_maintain,),
                self._figures(model, ["tier_today_id"], [measure]),
            )

    def test_attribute_by_tier(self):
        figures = self._figures(
            "qsr.report.response.line",
            ["attribute_id", "tier_id"],
            ["distress_share", "priority_index", "first_round_share"],
        )
        key = figures[(self.response_time, self.tier_key)]
        self.assertAlmostEqual(key["distress_share"], 0.8)  # the worked example
        self.assertAlmostEqual(key["priority_index"], 66.3736, places=4)
        self.assertAlmostEqual(key["first_round_share"], 0.8)
        strategic = figures[(self.response_time, self.tier_strategic)]
        self.assertAlmostEqual(strategic["distress_share"], 1.0)
        self.assertAlmostEqual(strategic["priority_index"], 100 * 6 / 11)

    def test_pivot_groups_in_dimension_order(self):
        """The pivot's read_group returns the groups in the attributes' and tiers'
        own order (not their ids'), and counts respondents per attribute and per
        tier alike."""
        # rows in an order unlike their ids'; the grid is answered, so its
        # rows can no longer be reordered through the ORM (see qsr_simalto's
        # test_grid_version): set up in SQL
        self.env.cr.execute(
            "UPDATE qsr_grid_attribute SET sequence = %s WHERE id = %s",
            (self.response_time.sequence - 1, self.in_full.id),
        )
        self.env.invalidate_all()
        self.tier_strategic.sequence = self.tier_key.sequence + 1
        Report = self.env["qsr.report.response.line"]
        domain = [("account_id", "in", self.accounts.ids)]
        measures = ["respondent_ref:count_distinct", "priority_index:avg"]
        rows = Report.read_group(
            domain, measures, ["attribute_id", "tier_id"], lazy=False
        )
        self.assertEqual(
            [(row["attribute_id"][0], row["tier_id"][0]) for row in rows],
            [
                (attribute.id, tier.id)
                for attribute in (self.in_full, self.response_time)
                for tier in (self.tier_key, self.tier_strategic)
            ],
        )
        self.assertEqual([row["respondent_ref"] for row in rows], [2, 1, 2, 1])
        by_tier = Report.read_group(domain, measures, ["tier_id"], lazy=False)
        self.assertEqual([row["respondent_ref"] for row in by_tier], [2, 1])
        (total,) = Report.read_group(domain, measures, [], lazy=False)
        self.assertEqual(total["respondent_ref"], 3)

    def test_by_tier_over_all_rows(self):
        figures = self._figures(
            "qsr.report.response.line", ["tier_id"], ["distress_share", "norm_ideal"]
        )
        self.assertAlmostEqual(
            figures[(self.tier_key,)]["distress_share"], (4 + 1) / 10
        )
        # ideal: A marks L4 and L3, B L2 and L3, on 4-level rows
        self.assertAlmostEqual(
            figures[(self.tier_key,)]["norm_ideal"],
            (4 * (1 + 2 / 3) + 1 * (1 / 3 + 2 / 3)) / 10,
        )
        self.assertAlmostEqual(figures[(self.tier_strategic,)]["norm_ideal"], 1.0)

    def test_accounts_weighted_by_revenue(self):
        """Alpha's revenue is 2 million, Beta's 8 million."""
        figures = self._figures(
            "qsr.report.response.line",
            ["attribute_id"],
            ["revenue_distress_share", "revenue_priority_index"],
        )
        rt = figures[(self.response_time,)]
        self.assertAlmostEqual(
            rt["revenue_distress_share"], (4 * 2 + 3 * 8) / (4 * 2 + 2 + 3 * 8)
        )
        self.assertAlmostEqual(
            rt["revenue_priority_index"],
            100 * (4 * 2 * 10 / 14 + 2 * 6 / 13 + 3 * 8 * 6 / 11) / (4 * 2 + 2 + 3 * 8),
        )

    def test_executives_only(self):
        figures = self._figures(
            "qsr.report.response.line",
            ["attribute_id"],
            ["distress_share"],
            [("contact_level", "=", "executive")],
        )
        self.assertAlmostEqual(figures[(self.response_time,)]["distress_share"], 1.0)
        self.assertAlmostEqual(figures[(self.in_full,)]["distress_share"], 0.0)

    def test_accounts_by_wave(self):
        by_account = self._figures(
            "qsr.report.account.wave",
            ["account_id"],
            ["performance", "distress_share", "respondent_count", "executive_count"],
        )
        alpha = by_account[(self.account_a,)]
        self.assertAlmostEqual(alpha["performance"], 100 / 6)
        self.assertAlmostEqual(
            alpha["distress_share"], (4 * 1 + 1 * 1) / (4 * 2 + 1 * 2)
        )
        self.assertEqual((alpha["respondent_count"], alpha["executive_count"]), (2, 1))
        self.assertAlmostEqual(by_account[(self.account_b,)]["performance"], 50)
        portfolio = self._figures("qsr.report.account.wave", [], ["performance"])
        self.assertAlmostEqual(portfolio[()]["performance"], (5 * 100 / 6 + 3 * 50) / 8)

    def test_unsubmitted_grids_stay_out(self):
        self.response_c.state = "progress"
        self.env.flush_all()
        figures = self._figures(
            "qsr.report.response.line", ["tier_id"], ["respondent_ref"]
        )
        self.assertNotIn((self.tier_strategic,), figures)

    def test_account_manager_sees_own_accounts_only(self):
        rows = self.env["qsr.report.response.line"].with_user(self.user_am_a).search([])
        self.assertEqual(rows.account_id, self.account_a)
        self.assertTrue(rows)
        rows = (
            self.env["qsr.report.response.line"]
            .with_user(self.user_director)
            .search([("account_id", "in", self.accounts.ids)])
        )
        self.assertEqual(rows.account_id, self.accounts)

    def test_benchmark_against_tier_and_portfolio(self):
        Report = self.env["qsr.report.response.line"]
        table = Report._benchmark(self.account_b)
        rt = table.loc[self.response_time.id]
        self.assertAlmostEqual(rt["distress_share"], 1.0)
        self.assertAlmostEqual(rt["priority_index"], 100 * 6 / 11)
        self.assertAlmostEqual(
            rt["tier_distress_share"], 1.0
        )  # the only strategic account
        # the portfolio may hold demo accounts too: compare with the pivot's figure
        portfolio = Report.sudo()._read_group(
            [("attribute_id", "=", self.response_time.id)], [], ["distress_share:avg"]
        )[0][0]
        self.assertAlmostEqual(rt["portfolio_distress_share"], portfolio)
        self.assertEqual(
            list(table["attribute"]), ["Response time", "Delivered in full"]
        )

    def test_trend_over_waves(self):
        wave = self.env["qsr.wave"].create(
            {"name": "Test wave", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        self.review.wave_id = wave
        self.env.flush_all()
        trend = self.env["qsr.report.response.line"]._trend(self.account_a)
        self.assertEqual([row["wave"] for row in trend], [wave])
        self.assertAlmostEqual(trend[0]["performance"], 100 / 6)
        self.assertAlmostEqual(trend[0]["portfolio_performance"], 100 / 6)

    def test_no_pivot_cell_pools_two_grids(self):
        """A value survey on another grid in the same wave: the QSR entry
        leaves it out, and every shipped favourite groups by grid first."""
        other = self.grid.copy({"name": "Value check"})
        survey = self.env["qsr.review"].create(
            {
                "partner_id": self.account_b.id,
                "review_type": "value_survey",
                "grid_id": other.id,
                "participant_ids": [Command.create({"partner_id": self.contact_b.id})],
            }
        )
        survey.action_next_stage()
        response = survey.response_ids
        rows = other.attribute_ids.sorted()
        for attribute in rows:
            low, high = attribute.level_ids.sorted()[:2]
            for step, level in (("current", low), ("acceptable", low), ("ideal", high)):
                response._save_answer(step, attribute, level)
        for rnd, attribute in zip(other.round_ids.sorted(), rows, strict=True):
            response._save_answer(
                f"round_{rnd.id}", attribute, attribute.level_ids.sorted()[1]
            )
        response.action_submit()
        self.env.flush_all()
        Report = self.env["qsr.report.response.line"]
        by_grid = dict(
            Report._read_group(
                [("account_id", "in", self.accounts.ids)],
                ["grid_id"],
                ["respondent_ref:count_distinct"],
            )
        )
        self.assertEqual(by_grid, {self.grid: 3, other: 1})
        action = self.env.ref("qsr_reporting.qsr_report_response_line_action")
        qsr_rows = Report.search(
            [("account_id", "in", self.accounts.ids), *safe_eval(action.domain)]
        )
        self.assertEqual(qsr_rows.grid_id, self.grid)
        favourites = self.env["ir.filters"].search(
            [("model_id", "=", Report._name), ("action_id", "!=", False)]
        )
        self.assertGreaterEqual(len(favourites), 4)
        for favourite in favourites:
            context = safe_eval(favourite.context)
            groupbys = [
                *context.get("pivot_row_groupby", []),
                *context.get("pivot_column_groupby", []),
            ]
            self.assertIn("grid_id", groupbys, favourite.name)
