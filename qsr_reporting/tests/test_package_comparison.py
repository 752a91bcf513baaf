from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .test_fix_for_all import FixForAllCommon
from .test_xlsx import read_table, render_xlsx

XLSX = "qsr_reporting.action_report_qsr_package_comparison_xlsx"
INTERNAL = "qsr_reporting.action_report_qsr_review_internal"
CUSTOMER = "qsr_reporting.action_report_qsr_review_customer"


class ComparisonCommon(FixForAllCommon):
    """Packages of the Key tier (K1 to K4, one operational contact each,
    weight 1) over the grid of FixForAllCommon, where the typical levels are
    48 h (Response time: K1, K2 and K4 receive it, K3 24 h) and 90% (Delivered
    in full). Everybody's acceptable level is 24 h and 90%; after the last
    round K1 to K3 are at 24 h and 99.5%, K4 at 8 h and 98%.

    ========  ========  =====  ==========  ===========  ======  =====  ======
    package   rt        inf    everything  rows accep.  match   cost   wtp
    ========  ========  =====  ==========  ===========  ======  =====  ======
    typical   48 h      90%    0           1/2          0       0      0
    best      24 h      90%    1           1            1.5/4   4      8,000
    hand      8 h       95%    1           1            2/4     13     28,000
    ========  ========  =====  ==========  ===========  ======  =====  ======

    Willingness to pay covered: the points of the contacts whose level after
    the last round the package reaches, x 1,000 (x 2,000 at K4): best covers
    K1's and K2's 4 points on Response time, hand also K4's 10 points. The
    supplier costs of the levels (24 h: 500, 8 h: 1,200, 95%: 300 a year per
    account) make best cost 4 x 500 and hand 4 x 1,500 a year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for level, cost in ((cls.rt[1], 500), (cls.rt[2], 1200), (cls.inf[1], 300)):
            level.supplier_cost = cost
        Package = cls.env["qsr.package"]
        values = {"grid_id": cls.grid.id, "scope": "tier", "tier_id": cls.tier_key.id}
        cls.typical = Package.create({"name": "Typical Key", **values})
        cls.best = cls._package("Best Key", {cls.response_time: cls.rt[1]})
        cls.hand = cls._package(
            "Hand-made Key", {cls.response_time: cls.rt[2], cls.in_full: cls.inf[1]}
        )
        cls.env.flush_all()

    @classmethod
    def _package(cls, name, levels, **values):
        package = cls.env["qsr.package"].create(
            {
                "name": name,
                "grid_id": cls.grid.id,
                "scope": "tier",
                "tier_id": cls.tier_key.id,
                **values,
            }
        )
        package.write(
            {
                "line_ids": [
                    Command.update(line.id, {"level_id": levels[line.attribute_id].id})
                    for line in package.line_ids
                    if line.attribute_id in levels
                ]
            }
        )
        return package

    def _compare(self, *packages):
        return self.env["qsr.package.comparison"].create(
            {"package_ids": [Command.set([p.id for p in packages])]}
        )


@tagged("post_install", "-at_install")
class TestPackageComparison(ComparisonCommon):
    """Comparisons of the Key tier's packages, their XLSX, and the account
    PDF of K1's review: the internal version lists the account's packages,
    the proposed one first, with their figures; the customer version shows
    none of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Package = cls.env["qsr.package"]
        values = {"grid_id": cls.grid.id, "scope": "account"}
        cls.proposed = Package.create(
            {"name": "Answer within a day", "review_id": cls.reviews["K1"].id, **values}
        )
        cls.proposed.line_ids.filtered(
            lambda line: line.attribute_id == cls.response_time
        ).level_id = cls.rt[1]
        cls.proposed.action_propose()
        cls.draft = Package.create(
            {"name": "Everything at once", "review_id": cls.reviews["K1"].id, **values}
        )
        cls.other = Package.create(
            {"name": "Package of K2", "review_id": cls.reviews["K2"].id, **values}
        )
        cls.env.flush_all()

    def test_package_figures(self):
        """The packages compared hold the hand-computed figures."""
        for package, figures in (
            (self.typical, (0.0, 0.5, 0.0, 0.0, 0.0, 0.0)),
            (self.best, (1.0, 1.0, 0.375, 4.0, 8_000.0, 2_000.0)),
            (self.hand, (1.0, 1.0, 0.5, 13.0, 28_000.0, 6_000.0)),
        ):
            self.assertEqual(package.respondent_count, 4, package.name)
            self.assertEqual(package.account_count, 4, package.name)
            for field, expected in zip(
                (
                    "acceptable_share",
                    "rows_acceptable",
                    "match_mean",
                    "cost",
                    "wtp_covered",
                    "supplier_cost",
                ),
                figures,
                strict=True,
            ):
                self.assertAlmostEqual(package[field], expected, msg=package.name)

    def test_rows_where_they_differ(self):
        comparison = self._compare(self.best, self.typical, self.hand)
        # columns in the order the packages were made
        self.assertEqual(comparison._packages(), self.typical | self.best | self.hand)
        rows = comparison._rows()
        self.assertEqual(
            [row["attribute"] for row in rows], [self.response_time, self.in_full]
        )
        self.assertEqual(
            [[level.name for level in row["levels"]] for row in rows],
            [["48 h", "24 h", "8 h"], ["90%", "90%", "95%"]],
        )
        self.assertEqual([row["differs"] for row in rows], [True, True])
        self.assertEqual(comparison.difference_count, 2)
        html = str(comparison.difference_html)
        self.assertIn('data-row="Response time"', html)
        self.assertIn("<strong>8 h</strong>", html)
        self.assertIn("<strong>95%</strong>", html)
        self.assertIn("<td>48 h</td>", html)  # the typical package's own level

        # the typical package and best differ on Response time only
        two = self._compare(self.typical, self.best)
        self.assertEqual(two.difference_count, 1)
        html = str(two.difference_html)
        self.assertIn('data-row="Response time"', html)
        self.assertNotIn('data-row="Delivered in full"', html)
        self.assertFalse(
            self._compare(self.typical, self.typical.copy()).difference_count
        )

    def test_chart(self):
        comparison = self._compare(self.best, self.hand)
        svg = str(comparison.chart)
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn("Best Key", svg)
        self.assertIn("Hand-made Key", svg)
        # one bar per package and figure: three shares, the points and the
        # two sums of money
        self.assertEqual(svg.count('class="o_qsr_bar"'), 2 * 6)
        for figure in ("acceptable_share", "cost", "wtp_covered", "supplier_cost"):
            self.assertEqual(svg.count(f'data-figure="{figure}"'), 2, figure)
        self.assertIn("38 %", svg)  # best's mean match
        self.assertIn("13.0", svg)  # hand's cost in points
        # hand's willingness to pay covered, in full in the bar's tooltip and
        # in thousands above it
        self.assertIn("28,000.00", svg)
        self.assertIn("28 k<", svg)
        self.assertNotIn("<script", svg)

    def test_two_to_four_packages_of_one_grid(self):
        with self.assertRaisesRegex(UserError, "Select 2 to 4 packages"):
            self._compare(self.best)
        extra = self.typical.copy() | self.best.copy()
        with self.assertRaisesRegex(UserError, r"\(5 selected\)"):
            self._compare(self.typical, self.best, self.hand, *extra)
        self.assertEqual(
            len(
                self._compare(self.typical, self.best, self.hand, extra[0]).package_ids
            ),
            4,
        )
        other_grid = self.env["qsr.grid"].create(
            {
                "name": "Other grid",
                "round_ids": [Command.create({"name": "Round 1", "budget": 10})],
                "area_ids": [Command.create({"name": "Service"})],
            }
        )
        self.env["qsr.grid.attribute"].create(
            {
                "name": "Invoicing",
                "area_id": other_grid.area_ids.id,
                "level_ids": [
                    Command.create({"name": "Monthly", "cost": 0, "sequence": 1}),
                    Command.create({"name": "Weekly", "cost": 5, "sequence": 2}),
                ],
            }
        )
        other = self.env["qsr.package"].create(
            {
                "name": "Other grid Key",
                "grid_id": other_grid.id,
                "scope": "tier",
                "tier_id": self.tier_key.id,
            }
        )
        with self.assertRaisesRegex(UserError, "same grid"):
            self._compare(self.best, other)
        Comparison = self.env["qsr.package.comparison"]
        with self.assertRaisesRegex(UserError, "same grid"):
            Comparison.action_compare([self.best.id, other.id])
        with self.assertRaisesRegex(UserError, "Select 2 to 4 packages"):
            Comparison.action_compare([self.best.id])

    def test_compare_action_of_the_list(self):
        action = self.env.ref("qsr_reporting.qsr_package_action_compare")
        self.assertEqual(action.binding_model_id.model, "qsr.package")
        self.assertEqual(action.binding_view_types, "list")
        result = (
            action.with_user(self.user_director)
            .with_context(
                active_model="qsr.package",
                active_ids=(self.best | self.hand).ids,
                active_id=self.best.id,
            )
            .run()
        )
        self.assertEqual(result["res_model"], "qsr.package.comparison")
        comparison = self.env["qsr.package.comparison"].browse(result["res_id"])
        self.assertEqual(comparison.package_ids, self.best | self.hand)
        self.assertEqual(comparison.create_uid, self.user_director)
        download = comparison.with_user(self.user_director).action_download_xlsx()
        self.assertEqual(
            download["report_name"], "qsr_reporting.report_qsr_package_comparison_xlsx"
        )
        self.assertEqual(download["context"]["active_ids"], (self.best | self.hand).ids)

    def test_xlsx(self):
        book = render_xlsx(self, XLSX, self.hand | self.best, self.user_director)
        self.assertEqual(book.sheetnames, ["Packages", "Rows"])
        _header, packages = read_table(book["Packages"])
        self.assertEqual(
            [p["Package"] for p in packages], ["Best Key", "Hand-made Key"]
        )
        best, hand = packages
        self.assertEqual(best["Scope"], "Tier")
        self.assertEqual(best["For"], "Key")
        self.assertEqual(best["Respondents"], 4)
        self.assertAlmostEqual(best["Everything Acceptable"], 1.0)
        self.assertAlmostEqual(best["Mean Match"], 0.375)
        self.assertAlmostEqual(hand["Mean Match"], 0.5)
        self.assertAlmostEqual(best["Cost (Points)"], 4.0)
        self.assertAlmostEqual(hand["Cost (Points)"], 13.0)
        self.assertEqual((best["Rows Changed"], hand["Rows Changed"]), (1, 2))
        self.assertAlmostEqual(best["Willingness to Pay Covered"], 8_000.0)
        self.assertAlmostEqual(hand["Willingness to Pay Covered"], 28_000.0)
        self.assertAlmostEqual(hand["Supplier Cost a Year"], 6_000.0)

        _header, rows = read_table(book["Rows"])
        self.assertEqual(
            [row["Attribute"] for row in rows], ["Response time", "Delivered in full"]
        )
        rt, inf = rows
        self.assertEqual(
            (rt["Level: Best Key"], rt["Level: Hand-made Key"]), ("24 h", "8 h")
        )
        self.assertEqual(
            (inf["Level: Best Key"], inf["Level: Hand-made Key"]), ("90%", "95%")
        )
        self.assertEqual((rt["Typical Level"], inf["Typical Level"]), ("48 h", "90%"))
        self.assertEqual(rt["Acceptable (Weighted)"], "24 h")
        self.assertEqual(rt["Bought (Weighted)"], "24 h")
        self.assertIs(rt["Levels Differ"], True)
        self.assertAlmostEqual(rt["Cost (Points): Hand-made Key"], 10.0)
        self.assertAlmostEqual(inf["Cost (Points): Best Key"], 0.0)
        self.assertAlmostEqual(rt["Supplier Cost: Hand-made Key"], 1_200.0)
        self.assertAlmostEqual(rt["Willingness to Pay: Hand-made Key"], 28_000.0)
        self.assertAlmostEqual(rt["Still in Distress: Best Key"], 0.0)

    def test_xlsx_of_one_package_is_refused(self):
        with self.assertRaisesRegex(UserError, "Select 2 to 4 packages"):
            render_xlsx(self, XLSX, self.best, self.user_director)

    def _html(self, xmlid, user):
        reports = self.env["ir.actions.report"].with_user(user)
        html, _report_type = reports._render_qweb_html(xmlid, self.reviews["K1"].ids)
        return html.decode()

    def test_pdf_figures_of_the_proposed_package(self):
        # K1 alone: 48 h today, 24 h acceptable, 24 h after the last round
        package = self.proposed
        self.assertEqual(package.state, "proposed")
        self.assertAlmostEqual(package.acceptable_share, 1.0)
        self.assertAlmostEqual(package.match_mean, 0.5)
        self.assertAlmostEqual(package.cost, 4.0)
        self.assertAlmostEqual(package.wtp_covered, 4_000.0)
        self.assertAlmostEqual(package.supplier_cost, 500.0)

    def test_pdf_internal_version_lists_the_packages(self):
        html = self._html(INTERNAL, self.user_am_a)
        self.assertIn("Packages for this account", html)
        self.assertIn("Answer within a day", html)
        self.assertIn("Everything at once", html)
        self.assertLess(
            html.index("Answer within a day"), html.index("Everything at once")
        )
        self.assertNotIn("Package of K2", html)
        self.assertIn("Proposed", html)
        self.assertIn("100 %", html)  # everything acceptable
        self.assertIn("4,000.00", html)  # willingness to pay covered
        self.assertIn("500.00", html)  # supplier cost a year
        self.assertIn("Every row at its typical level.", html)  # the draft

    def test_pdf_customer_version_shows_no_package(self):
        html = self._html(CUSTOMER, self.user_am_a)
        for text in (
            "Packages for this account",
            "Answer within a day",
            "Everything at once",
            "Cost (Points)",
            "Willingness to Pay",
            "Supplier Cost",
            "4,000",
            "500.00",
        ):
            self.assertNotIn(text, html)
