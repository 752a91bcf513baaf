from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.qsr_review.tests.common import QsrReviewCommon, new_portal_contact
from odoo.addons.qsr_simalto.tests.common import (
    IN_FULL_LEVELS,
    RESPONSE_TIME_LEVELS,
    new_attribute,
    new_grid,
)

from ..report.review_data import review_frames
from .test_xlsx import read_table, render_xlsx

# what one point is worth on the grid below, in percent of the account's spend:
# the price row spans 15% (+10% .. -5%) over 45 points (-20 .. +25)
POINT_VALUE = 15 / 45
REVENUE_A = 2_000_000  # Alpha Industries (Key tier)
REVENUE_B = 8_000_000  # Beta Logistics (Strategic tier)


class PricedCommon(QsrReviewCommon):
    """A grid of three rows (Response time, Delivered in full and the price row
    "Price you pay", +10% .. -5%) that asks for the competitor's level, two
    rounds of 10 points. Alpha Industries: A, an executive (weight 4), and B,
    an operational user (1); Beta Logistics: C, a senior decision maker (3).

    Positions 1..4 (price row 1..5, 3 = as now), today / acceptable /
    competitor, then the rounds:

    - A: Response time 1/2/2, Delivered in full 2/2/1, price 3/1/3; round 1
      the price to +5% (releases 10), Response time to 3 (10 points),
      Delivered in full to 3 (4); round 2 Response time to 4 (6). Spent: 16,
      4, -10.
    - B: Response time 2/2/3, Delivered in full 1/3/1; round 1 Delivered in
      full to 3 (7); round 2 Response time to 3 (6). Spent: 6, 7, 0.
    - C: Response time 2/3/2, Delivered in full 3/2/4; round 1 Response time
      to 3 (6); round 2 Delivered in full to 4 (5). Spent: 6, 5, 0."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.grid = new_grid(env, "Priced", ask_competitor=True, ask_ideal=False)
        area = cls.grid.area_ids
        cls.rt = new_attribute(
            area,
            "Response time",
            RESPONSE_TIME_LEVELS,
            1,
        )
        cls.inf = new_attribute(
            area,
            "Delivered in full",
            IN_FULL_LEVELS,
            2,
        )
        cls.price = new_attribute(
            area,
            "Price you pay",
            [
                ("+10%", -20, {"price_change": 10}),
                ("+5%", -10, {"price_change": 5}),
                ("As now", 0, {"price_change": 0}),
                ("-3%", 12, {"price_change": -3}),
                ("-5%", 25, {"price_change": -5}),
            ],
            3,
            is_price=True,
            allow_reduction=True,
        )
        cls.levels = {
            row: row.level_ids.sorted() for row in (cls.rt, cls.inf, cls.price)
        }
        cls.round_1, cls.round_2 = cls.grid.round_ids.sorted()
        cls.review_b.participant_ids.weight = 3
        for review in cls.review_a | cls.review_b:
            review.write({"grid_id": cls.grid.id, "review_type": "simalto"})
            review.action_next_stage()  # collect
        by_contact = {
            r.partner_id: r for r in (cls.review_a | cls.review_b).response_ids
        }
        rt, inf, price = cls.rt, cls.inf, cls.price
        cls.response_a = by_contact[cls.contact_a_exec]
        cls.response_b = by_contact[cls.contact_a_user]
        cls.response_c = by_contact[cls.contact_b]
        cls._answer(
            cls.response_a,
            {rt: (1, 2, 2), inf: (2, 2, 1), price: (3, 1, 3)},
            [[(price, 2), (rt, 3), (inf, 3)], [(rt, 4)]],
        )
        cls._answer(
            cls.response_b,
            {rt: (2, 2, 3), inf: (1, 3, 1), price: (3, 3, 3)},
            [[(inf, 3)], [(rt, 3)]],
        )
        cls._answer(
            cls.response_c,
            {rt: (2, 3, 2), inf: (3, 2, 4), price: (3, 3, 3)},
            [[(rt, 3)], [(inf, 4)]],
        )
        (cls.response_a | cls.response_b | cls.response_c).action_submit()
        cls.env.flush_all()
        cls.Report = env["qsr.report.response.line"]
        cls.Lines = cls.Report.with_context(qsr_report_read_lines=True)

    @classmethod
    def _answer(cls, response, marks, rounds):
        """marks: {row: (today, acceptable, competitor)} as positions; rounds:
        [[(row, position after the round)]] per round, in the order clicked."""
        for row, positions in marks.items():
            line = response.line_ids.filtered(
                lambda line, row=row: line.attribute_id == row
            )
            for step, position in zip(
                ("current", "acceptable", "competitor"), positions, strict=True
            ):
                level = cls.levels[row][position - 1]
                if step == "current" and line.current_level_id == level:
                    continue  # the price row's "as now", preset
                response._save_answer(step, row, level)
        for rnd, moves in zip((cls.round_1, cls.round_2), rounds, strict=True):
            for row, position in moves:
                response._save_answer(
                    f"round_{rnd.id}", row, cls.levels[row][position - 1]
                )

    def worth(self, points, revenue):
        """What ``points`` spent on a row are worth a year (SIMALTO.md), at the
        grid's point value, as a line stores it (a monetary figure, to the
        cent)."""
        currency = self.env.company.currency_id
        return currency.round(points * self.grid.point_value / 100 * revenue)


@tagged("post_install", "-at_install")
class TestWtpMeasures(PricedCommon):
    """The measures, classes and reports on the priced grid of PricedCommon."""

    def _figures(self, Report, groupby, aggregates, domain=()):
        """{group key as ids: aggregates} of ``Report._read_group``."""
        figures = {}
        for row in Report._read_group(list(domain), groupby, aggregates):
            keys = row[: len(groupby)]
            key = tuple(k.id if hasattr(k, "id") else k for k in keys)
            figures[key] = row[len(groupby) :]
        return figures

    # willingness to pay

    def test_line_wtp(self):
        """The stored figures the measures add up (qsr_simalto's compute)."""
        self.assertAlmostEqual(self.grid.point_value, POINT_VALUE, 4)
        line = self.response_a.line_ids.filtered(lambda x: x.attribute_id == self.rt)
        self.assertEqual(line.wtp, self.worth(16, REVENUE_A))
        price = self.response_a.line_ids.filtered(
            lambda x: x.attribute_id == self.price
        )
        self.assertEqual(price.wtp, 0.0)
        self.assertTrue(price.price_rise)

    def test_wtp_sums_over_accounts(self):
        """Per account and row, the weighted mean over its contacts; over
        accounts, the sum: under any grouping, from the sums and the lines."""
        rt_a = (4 * self.worth(16, REVENUE_A) + 1 * self.worth(6, REVENUE_A)) / 5
        inf_a = (4 * self.worth(4, REVENUE_A) + 1 * self.worth(7, REVENUE_A)) / 5
        rt_b, inf_b = self.worth(6, REVENUE_B), self.worth(5, REVENUE_B)
        expected = {
            ("attribute_id",): {
                (self.rt.id,): rt_a + rt_b,
                (self.inf.id,): inf_a + inf_b,
                (self.price.id,): 0.0,
            },
            ("tier_id",): {
                (self.tier_key.id,): rt_a + inf_a,
                (self.tier_strategic.id,): rt_b + inf_b,
            },
            ("area_id",): {(self.grid.area_ids.id,): rt_a + inf_a + rt_b + inf_b},
            ("account_id",): {
                (self.account_a.id,): rt_a + inf_a,
                (self.account_b.id,): rt_b + inf_b,
            },
            ("attribute_id", "tier_id"): {
                (self.rt.id, self.tier_key.id): rt_a,
                (self.rt.id, self.tier_strategic.id): rt_b,
                (self.inf.id, self.tier_key.id): inf_a,
                (self.inf.id, self.tier_strategic.id): inf_b,
                (self.price.id, self.tier_key.id): 0.0,
                (self.price.id, self.tier_strategic.id): 0.0,
            },
            (): {(): rt_a + inf_a + rt_b + inf_b},
        }
        domain = [("grid_id", "=", self.grid.id)]
        for Report in (self.Report, self.Lines):
            for groupby, cells in expected.items():
                with self.subTest(lines=Report is self.Lines, groupby=groupby):
                    figures = self._figures(Report, list(groupby), ["wtp:sum"], domain)
                    self.assertEqual(set(figures), set(cells))
                    for key, value in cells.items():
                        self.assertAlmostEqual(figures[key][0], value, 4)
        # the lines alone: by the contact's level, the parts add up to the total
        levels = self._figures(self.Lines, ["contact_level"], ["wtp:sum"], domain)
        self.assertAlmostEqual(
            sum(value for (value,) in levels.values()), rt_a + inf_a + rt_b + inf_b, 4
        )

    def test_price_trade_share(self):
        """On the price row, the weighted share of its respondents who ended
        on a rise: A (4) of A, B and C (8); grouped without the row, the same
        share of respondents."""
        for Report in (self.Report, self.Lines):
            by_row = self._figures(Report, ["attribute_id"], ["price_trade_share:avg"])
            self.assertAlmostEqual(by_row[(self.price.id,)][0], 4 / 8)
            self.assertFalse(by_row[(self.rt.id,)][0])
            by_account = self._figures(
                Report, ["account_id"], ["price_trade_share:avg"]
            )
            self.assertAlmostEqual(by_account[(self.account_a.id,)][0], 4 / 5)
            self.assertAlmostEqual(by_account[(self.account_b.id,)][0], 0.0)

    # competitor

    def test_competitor_measures(self):
        """Response time: A -1/3 (trail), B -1/3 (trail), C 0 (level);
        Delivered in full: A +1/3 (lead), B 0 (level), C -1/3 (trail)."""
        specs = ["competitor_gap:avg", "lead_share:avg", "level_share:avg"]
        specs.append("trail_share:avg")
        expected = {
            (self.rt.id,): (-5 / 3 / 8, 0.0, 3 / 8, 5 / 8),
            (self.inf.id,): ((4 / 3 - 3 / 3) / 8, 4 / 8, 1 / 8, 3 / 8),
        }
        for Report in (self.Report, self.Lines):
            figures = self._figures(Report, ["attribute_id"], specs)
            for key, values in expected.items():
                for spec, got, value in zip(specs, figures[key], values, strict=True):
                    self.assertAlmostEqual(got, value, 9, msg=spec)
            tier = self._figures(
                Report,
                ["attribute_id", "tier_id"],
                specs,
                [("attribute_id", "=", self.rt.id)],
            )
            self.assertAlmostEqual(tier[(self.rt.id, self.tier_key.id)][0], -1 / 3)
            self.assertAlmostEqual(tier[(self.rt.id, self.tier_key.id)][3], 1.0)

    # priority classes

    def _classes(self):
        rows = self.Report._read_group(
            [("grid_id", "=", self.grid.id)],
            ["account_id", "attribute_id", "priority_class"],
            ["__count"],
        )
        return {(account.id, attribute.id): cls for account, attribute, cls, _n in rows}

    def test_priority_classes_follow_the_settings(self):
        """At the defaults (D 0.30, P 100 / 3 rows): Alpha's Response time is
        in distress 4/5 with a priority index of 73.2: fix first; its Delivered
        in full 1/5 and 26.8: a strength. Beta's Response time (distress 1,
        index 54.5) is fix first, its Delivered in full (0, 45.5) a growth
        opportunity. At D 0.9 and P 60, Alpha's Response time becomes a growth
        opportunity, Beta's a tolerated failing, its Delivered in full a
        strength; the stored sums stay as they were."""
        a, b = self.account_a.id, self.account_b.id
        rt, inf, price = self.rt.id, self.inf.id, self.price.id
        self.assertEqual(self.Report._class_thresholds(self.grid), (0.30, 100 / 3))
        self.assertEqual(
            self._classes(),
            {
                (a, rt): "fix_first",
                (a, inf): "strength",
                (a, price): "strength",
                (b, rt): "fix_first",
                (b, inf): "growth",
                (b, price): "strength",
            },
        )
        Sums = self.env["qsr.report.review.attribute"]
        stored = Sums.search([("review_id.grid_id", "=", self.grid.id)]).read()

        settings = self.env["res.config.settings"].create(
            {"qsr_distress_threshold": 0.9, "qsr_priority_threshold": 60}
        )
        settings.execute()
        self.assertEqual(self.Report._class_thresholds(self.grid), (0.9, 60.0))
        classes = self._classes()
        self.assertEqual(classes[(a, rt)], "growth")
        self.assertEqual(classes[(a, inf)], "strength")
        self.assertEqual(classes[(b, rt)], "tolerated")
        self.assertEqual(classes[(b, inf)], "strength")
        # the same on the lines: each line has its account's class on the row
        lines = self.Lines._read_group(
            [("grid_id", "=", self.grid.id), ("attribute_id", "=", rt)],
            ["priority_class"],
            ["__count"],
        )
        self.assertEqual(dict(lines), {"growth": 2, "tolerated": 1})
        Sums.invalidate_model()
        self.assertEqual(
            Sums.search([("review_id.grid_id", "=", self.grid.id)]).read(), stored
        )
        # tiers: the class of the aggregated figures, in Python
        self.assertEqual(self.Report._priority_class(self.grid, 0.8, 73.2), "growth")

    def test_benchmark_tab(self):
        """The Benchmark tab shows, row by row, the account's class beside its
        tier's, its willingness to pay and the competitor comparison."""
        table = self.Report._benchmark(
            self.account_a, tier=self.tier_key, internal=True
        ).set_index("attribute")
        self.assertEqual(table.loc["Response time", "priority_class"], "fix_first")
        self.assertEqual(table.loc["Response time", "tier_priority_class"], "fix_first")
        self.assertAlmostEqual(
            table.loc["Response time", "wtp"],
            (4 * self.worth(16, REVENUE_A) + self.worth(6, REVENUE_A)) / 5,
            4,
        )
        self.assertAlmostEqual(table.loc["Response time", "trail_share"], 1.0)
        html = str(self.account_a._qsr_benchmark_html())
        self.assertIn("o_qsr_class_table", html)
        self.assertIn("Fix first", html)
        self.assertIn("Willingness to pay", html)
        self.assertIn("We trail", html)
        # what the customer sees has none of it
        customer = self.Report._benchmark(self.account_a, tier=self.tier_key)
        for column in ("wtp", "priority_class", "competitor_gap", "trail_share"):
            self.assertNotIn(column, customer.columns)

    # XLSX

    def test_xlsx_reports(self):
        """The account XLSX's Benchmark sheet and the portfolio matrix show the
        classes, what the rows are worth and the competitor comparison."""
        rt_a = (4 * self.worth(16, REVENUE_A) + self.worth(6, REVENUE_A)) / 5
        book = render_xlsx(
            self,
            "qsr_reporting.action_report_qsr_review_xlsx",
            self.review_a,
            self.user_am_a,
        )
        header, rows = read_table(book["Benchmark"])
        for column in ("Class", "Willingness to Pay", "Competitor Gap", "We Trail"):
            self.assertIn(column, header)
        row = next(r for r in rows if r["Attribute"] == "Response time")
        self.assertEqual(row["Class"], "Fix first")
        self.assertAlmostEqual(row["Willingness to Pay"], rt_a, 2)
        self.assertAlmostEqual(row["Competitor Gap"], -1 / 3)
        self.assertAlmostEqual(row["We Trail"], 1.0)

        wave = self.env["qsr.wave"].create(
            {"name": "Test wave", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        (self.review_a | self.review_b).wave_id = wave
        self.env.flush_all()
        book = render_xlsx(
            self,
            "qsr_reporting.action_report_qsr_portfolio_xlsx",
            wave,
            self.user_director,
        )
        header, rows = read_table(book["By Tier"])
        self.assertEqual(
            header[-5:],
            [
                "Class: All",
                "Willingness to Pay: All",
                "Competitor Gap: All",
                "We Lead: All",
                "We Trail: All",
            ],
        )
        row = next(r for r in rows if r["Attribute"] == "Response time")
        # the wave's figures: distress 7/8, priority index
        # (4 * 16/20 + 6/13 + 3 * 6/11) / 8 = 66.2: fix first
        self.assertEqual(row["Class: All"], "Fix first")
        self.assertAlmostEqual(
            row["Willingness to Pay: All"], rt_a + self.worth(6, REVENUE_B), 2
        )
        self.assertAlmostEqual(row["Competitor Gap: All"], -5 / 3 / 8)
        self.assertAlmostEqual(row["We Trail: All"], 5 / 8)

    # access

    def test_portal_sees_no_money_or_competitor(self):
        portal = new_portal_contact(self.env, self.account_a, "t_wtp_portal", "Pat")
        for model in (
            "qsr.report.response.line",
            "qsr.report.review.attribute.analysis",
            "qsr.report.review.attribute",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(portal).search_read([], ["id"])
        # published, so that the customer's page has rows to look into
        self.review_a.results_published = True
        results = self.account_a.sudo()._qsr_portal_results()
        self.assertTrue(results["rows"])
        for row in results["rows"]:
            for key in ("wtp", "priority_class", "competitor_gap", "lead_share"):
                self.assertNotIn(key, row)
        frames = review_frames(self.review_a, customer=True)
        for column in ("wtp", "priority_class", "competitor_gap", "trail_share"):
            self.assertNotIn(column, frames["benchmark"].columns)
        internal = review_frames(self.review_a)
        self.assertIn("wtp", internal["benchmark"].columns)
        self.assertIn("trail_share", internal["benchmark"].columns)
        # the customer report: no money, no competitor, no class
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "qsr_reporting.action_report_qsr_review_customer", self.review_a.ids
        )
        html = html.decode()
        wtp = (4 * self.worth(16, REVENUE_A) + self.worth(6, REVENUE_A)) / 5
        for text in (
            f"{wtp:,.2f}",
            f"{wtp:.2f}",
            "Willingness",
            "Competitor",
            "We trail",
            "Fix first",
        ):
            self.assertNotIn(text, html)


@tagged("post_install", "-at_install")
class TestWtpPortal(HttpCase, PricedCommon):
    """What Alpha's contact sees on the portal once its results are shared."""

    def test_results_page_shows_no_money_or_competitor(self):
        self.review_a.action_next_stage()  # compile
        self.review_a.results_published = True  # shared with the customer
        portal = new_portal_contact(self.env, self.account_a, "t_wtp_pia", "Pia")
        self.env.flush_all()
        self.authenticate("t_wtp_pia", "t_wtp_pia")
        response = self.url_open("/my/qsr/results")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Response time", page)
        self.assertTrue(portal)
        wtp = (4 * self.worth(16, REVENUE_A) + self.worth(6, REVENUE_A)) / 5
        for hidden in (
            f"{wtp:,.2f}",
            f"{wtp:.2f}",
            f"{wtp:,.0f}",
            "Willingness",
            "Competitor",
            "We trail",
            "Price Rise",
            "Fix first",
            "Tolerated failing",
        ):
            self.assertNotIn(hidden, page)
