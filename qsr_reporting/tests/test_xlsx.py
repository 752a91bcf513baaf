import io
import warnings

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.qsr_simalto.tests.common import SimaltoCommon


def prepare_reviews(cls):
    """SIMALTO.md's worked example in Alpha Industries (A and B) and C of Beta
    Logistics, as in test_report_figures; plus comments, a gap the customer
    sees (with an opportunity), one they do not, and an internal note."""
    cls._answer_worked_example()
    cls.response_a.comment = "Call us back the same day."
    cls.response_a.line_ids.filtered(
        lambda line: line.attribute_id == cls.response_time
    ).comment = "48 hours is far too slow."
    cls.review.response_ids.action_submit()
    cls.review_b.write(
        {
            "grid_id": cls.grid.id,
            "review_type": "simalto",
            "sponsor_id": cls.user_sponsor.id,
        }
    )
    cls.review_b.action_next_stage()
    cls.response_c = cls.review_b.response_ids
    cls._answer(
        cls.response_c,
        {cls.response_time: (2, 3, 4), cls.in_full: (3, 2, 4)},
        [{cls.response_time: 3}, {cls.in_full: 4}],
    )
    cls.response_c.action_submit()
    cls.lead = cls.env["crm.lead"].create(
        {
            "name": "Premium service desk contract",
            "type": "opportunity",
            "partner_id": cls.account_a.id,
            "expected_revenue": 120000,
        }
    )
    cls.gap_visible, cls.gap_hidden = cls.env["qsr.gap"].create(
        [
            {
                "name": "Same-day call-back line",
                "review_id": cls.review.id,
                "attribute_id": cls.response_time.id,
                "user_id": cls.user_am_a.id,
                "date_deadline": "2040-06-30",
                "customer_visible": True,
                "expected_revenue": 120000,
                "opportunity_id": cls.lead.id,
            },
            {
                "name": "Renegotiate the carrier contract",
                "review_id": cls.review.id,
                "attribute_id": cls.in_full.id,
                "user_id": cls.user_am_a.id,
                "expected_revenue": 45000,
            },
        ]
    )
    cls.review.write(
        {
            "note": "<p>Sponsor suspects they are talking to a competitor.</p>",
            "answer_company": "Invoice us per delivery, not per month.",
        }
    )
    cls.env.flush_all()


def render_xlsx(case, xmlid, records, user=None):
    """The XLSX report ``xmlid`` of ``records``, rendered (as ``user``) in the
    test ``case`` and read back as a workbook."""
    reports = case.env["ir.actions.report"]
    if user:
        reports = reports.with_user(user)
    content, report_type = reports._render_xlsx(xmlid, records.ids, {})
    case.assertEqual(report_type, "xlsx")
    with warnings.catch_warnings():
        # openpyxl drops the Excel 2010 extension of solid data bars
        warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) ext")
        return load_workbook(io.BytesIO(content))


def read_table(sheet):
    """(header, rows) of the table under a sheet's frozen header."""
    header_row = coordinate_from_string(sheet.freeze_panes)[1] - 1
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    header = list(rows[0])
    table = []
    for values in rows[1:]:
        if all(value is None for value in values):
            break
        table.append(dict(zip(header, values, strict=True)))
    return header, table


def cell_of(sheet, row_label, column_label, label_column="Attribute"):
    """The cell of ``column_label`` on the row whose ``label_column`` reads
    ``row_label``, in the table under the frozen header."""
    header_row = coordinate_from_string(sheet.freeze_panes)[1] - 1
    header = [cell.value for cell in sheet[header_row]]
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[header.index(label_column)].value == row_label:
            return row[header.index(column_label)]
    raise AssertionError(f"no row {row_label!r} in {sheet.title}")


@tagged("post_install", "-at_install")
class TestXlsx(SimaltoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        prepare_reviews(cls)

    def test_account_report_for_the_account_manager(self):
        book = render_xlsx(
            self,
            "qsr_reporting.action_report_qsr_review_xlsx",
            self.review,
            self.user_am_a,
        )
        self.assertEqual(
            book.sheetnames,
            [
                "Review",
                "Participants",
                "Priorities",
                "Benchmark",
                "Trend",
                "Comments",
                "Gaps",
                "Opportunities",
            ],
        )
        header = {row[0]: row[1] for row in book["Review"].iter_rows(values_only=True)}
        self.assertEqual(header["Account"], "Alpha Industries")
        self.assertIn("talking to a competitor", header["Internal Notes"])

        people = book["Participants"]
        self.assertEqual(people.freeze_panes, "B5")
        _header, rows = read_table(people)
        self.assertEqual(
            [
                (r["Contact"], r["Job Position"], r["Level"], r["Influence Weight"])
                for r in rows
            ],
            [
                ("Alice Exec", "CEO", "Executive", 4),
                ("Oscar Operator", "Planner", "Operational User", 1),
            ],
        )
        # A: today L1 and L2 of 4 levels, so 100 * (0 + 1/3) / 2; one row in distress
        self.assertAlmostEqual(rows[0]["Performance"], 100 / 6)
        self.assertEqual(rows[0]["Rows in Distress"], 1)
        self.assertEqual(rows[0]["In Distress On"], "Response time")
        self.assertEqual(rows[1]["In Distress On"], "Delivered in full")
        self.assertEqual(
            cell_of(people, "Alice Exec", "Performance", "Contact").number_format, "0.0"
        )

        priorities = book["Priorities"]
        self.assertEqual(priorities.freeze_panes, "C5")
        index = cell_of(priorities, "Response time", "Priority Index")
        self.assertEqual(round(index.value, 1), 66.4)  # SIMALTO.md's worked example
        self.assertEqual(index.number_format, "0.0")
        distress = cell_of(priorities, "Response time", "In Distress")
        self.assertAlmostEqual(distress.value, 0.8)
        self.assertEqual(distress.number_format, "0%")
        self.assertEqual(
            round(cell_of(priorities, "Delivered in full", "Priority Index").value, 1),
            33.6,
        )
        self.assertAlmostEqual(
            cell_of(priorities, "Delivered in full", "In Distress").value, 0.2
        )
        self.assertEqual(cell_of(priorities, "Response time", "Rank").value, 1)
        ranges = [str(rule.sqref) for rule in priorities.conditional_formatting]
        self.assertIn("D5:D6", ranges)  # data bars on the priority index
        self.assertIn("E5:E6", ranges)  # distress in amber and red

        benchmark = book["Benchmark"]
        expected = (
            self.env["qsr.report.response.line"]
            ._benchmark(self.account_a, self.review.wave_id)
            .loc[self.response_time.id]
        )
        self.assertAlmostEqual(
            cell_of(benchmark, "Response time", "Priority Index").value,
            66.3736,
            places=4,
        )
        self.assertAlmostEqual(
            cell_of(benchmark, "Response time", "Priority Index: Key Tier").value,
            expected["tier_priority_index"],
        )
        self.assertAlmostEqual(
            cell_of(benchmark, "Response time", "In Distress: Portfolio").value,
            expected["portfolio_distress_share"],
        )

        _header, comments = read_table(book["Comments"])
        self.assertIn(
            ("Alice Exec", "Response time", "48 hours is far too slow."),
            [tuple(row.values()) for row in comments],
        )

        gaps = book["Gaps"]
        _header, rows = read_table(gaps)
        self.assertEqual(
            {row["Gap"]: row["Visible to Customer"] for row in rows},
            {
                "Same-day call-back line": True,
                "Renegotiate the carrier contract": False,
            },
        )
        revenue = cell_of(gaps, "Same-day call-back line", "Expected Revenue", "Gap")
        self.assertEqual(revenue.value, 120000)
        self.assertIn("#,##0.00", revenue.number_format)
        self.assertEqual(
            cell_of(gaps, "Same-day call-back line", "Owner", "Gap").value,
            "Anna Manager",
        )
        # the account manager has no CRM access: the opportunity stays out, no error
        self.assertIsNone(
            cell_of(gaps, "Same-day call-back line", "Opportunity", "Gap").value
        )

    def test_account_report_opportunities(self):
        book = render_xlsx(
            self, "qsr_reporting.action_report_qsr_review_xlsx", self.review
        )
        _header, rows = read_table(book["Opportunities"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["Opportunity"], "Premium service desk contract")
        self.assertEqual(rows[0]["From Gap"], "Same-day call-back line")
        self.assertEqual(rows[0]["Expected Revenue"], 120000)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_account_report_needs_read_access(self):
        with self.assertRaises(AccessError):
            render_xlsx(
                self,
                "qsr_reporting.action_report_qsr_review_xlsx",
                self.review,
                self.user_am_b,
            )

    def _test_wave(self):
        wave = self.env["qsr.wave"].create(
            {"name": "Test wave", "date_start": "2040-01-01", "date_end": "2040-03-31"}
        )
        (self.review | self.review_b).wave_id = wave
        self.env.flush_all()
        return wave

    def test_portfolio_matrix(self):
        wave = self._test_wave()
        book = render_xlsx(
            self,
            "qsr_reporting.action_report_qsr_portfolio_xlsx",
            wave,
            self.user_director,
        )
        self.assertEqual(book.sheetnames, ["By Tier", "By Account"])
        by_tier = book["By Tier"]
        self.assertEqual(by_tier.freeze_panes, "C5")
        header, rows = read_table(by_tier)
        self.assertEqual(
            header,
            [
                "Area",
                "Attribute",
                "Strategic",
                "Key",
                "All Accounts",
                "In Distress: All",
                "Respondents: All",
                "Class: All",
            ],
        )
        self.assertEqual(
            [row["Attribute"] for row in rows], ["Response time", "Delivered in full"]
        )
        rt = rows[0]
        self.assertAlmostEqual(rt["Key"], 66.3736, places=4)  # the worked example
        self.assertAlmostEqual(rt["Strategic"], 100 * 6 / 11)
        # SUM/SUM over the three respondents (weights 4, 1, 3), not a mean of tiers
        self.assertAlmostEqual(
            rt["All Accounts"], 100 * (4 * 10 / 14 + 6 / 13 + 3 * 6 / 11) / 8
        )
        self.assertAlmostEqual(rt["In Distress: All"], 7 / 8)
        self.assertEqual(rt["Respondents: All"], 3)
        self.assertEqual(cell_of(by_tier, "Response time", "Key").number_format, "0.0")
        counts = list(by_tier.iter_rows(min_row=8, max_row=10, values_only=True))
        self.assertEqual(
            counts[0][1:6], ("Counts", "Strategic", "Key", "All Accounts", None)
        )
        self.assertEqual(counts[1][1:5], ("Respondents", 1, 2, 3))
        self.assertEqual(counts[2][1:5], ("Accounts", 1, 1, 2))

        header, rows = read_table(book["By Account"])
        self.assertEqual(header[2:4], ["Alpha Industries", "Beta Logistics"])
        self.assertAlmostEqual(rows[0]["Alpha Industries"], 66.3736, places=4)
        self.assertAlmostEqual(rows[1]["Beta Logistics"], 100 * 5 / 11)

    def test_portfolio_matrix_review_without_tier(self):
        """A review of no tier has a column of its own, "None", last."""
        wave = self._test_wave()
        self.review_b.tier_id = False
        self.env.flush_all()
        book = render_xlsx(
            self,
            "qsr_reporting.action_report_qsr_portfolio_xlsx",
            wave,
            self.user_director,
        )
        by_tier = book["By Tier"]
        header, rows = read_table(by_tier)
        self.assertEqual(header[2:5], ["Key", "None", "All Accounts"])
        self.assertAlmostEqual(rows[0]["Key"], 66.3736, places=4)
        self.assertAlmostEqual(rows[0]["None"], 100 * 6 / 11)
        self.assertAlmostEqual(rows[1]["None"], 100 * 5 / 11)
        counts = list(by_tier.iter_rows(min_row=8, max_row=10, values_only=True))
        self.assertEqual(counts[0][1:5], ("Counts", "Key", "None", "All Accounts"))
        self.assertEqual(counts[1][1:5], ("Respondents", 2, 1, 3))
        self.assertEqual(counts[2][1:5], ("Accounts", 1, 1, 2))

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portfolio_matrix_for_managers_only(self):
        wave = self._test_wave()
        with self.assertRaises(AccessError):
            render_xlsx(
                self,
                "qsr_reporting.action_report_qsr_portfolio_xlsx",
                wave,
                self.user_am_a,
            )
        with self.assertRaises(AccessError):
            self.env["qsr.portfolio.report.wizard"].with_user(self.user_am_a).create(
                {"wave_id": wave.id}
            )

    def test_portfolio_wizard(self):
        wave = self._test_wave()
        wizard = Form(
            self.env["qsr.portfolio.report.wizard"].with_user(self.user_director)
        ).save()
        self.assertEqual(wizard.wave_id, wave)  # the latest wave with submitted grids
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "qsr_reporting.report_qsr_portfolio_xlsx"
        )
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(action["context"]["active_ids"], wave.ids)
        menu = self.env.ref("qsr_reporting.menu_qsr_portfolio_report")
        self.assertEqual(
            menu.parent_id, self.env.ref("qsr_reporting.menu_qsr_analysis")
        )
        self.assertEqual(menu.groups_id, self.env.ref("qsr_review.group_qsr_manager"))
