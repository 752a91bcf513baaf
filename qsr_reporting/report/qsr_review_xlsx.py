from dataclasses import replace
from functools import partial

from odoo import models
from odoo.tools.translate import LazyTranslate

from .review_data import review_frames
from .xlsx_tables import Column, add_sheet, write_fields, write_frame

_lt = LazyTranslate(__name__)

ROW_COLUMNS = (
    Column("area", _lt("Area"), width=24),
    Column("attribute", _lt("Attribute"), width=30),
)
# The measures of the benchmark sheet, each for the account, its tier and the
# portfolio side by side: frame column, label, kind, colour rule.
BENCHMARK_MEASURES = (
    ("priority_index", _lt("Priority Index"), "decimal", "heat"),
    ("distress_share", _lt("In Distress"), "percent", "distress"),
    ("norm_current", _lt("Today (0-1)"), "norm", None),
    ("gap_steps", _lt("Gap (Levels)"), "decimal", None),
)
# Where the account stands against its main competitor (internal).
COMPETITOR_COLUMNS = (
    Column("competitor_gap", _lt("Competitor Gap"), "norm"),
    Column("lead_share", _lt("We Lead"), "percent"),
    Column("level_share", _lt("On Par"), "percent"),
    Column("trail_share", _lt("We Trail"), "percent", colour="distress"),
)
# The sheets that write one frame of the review (named by its key) as it is:
# the columns and the texts of each. Money columns take the review's currency.
TABLES = {
    "participants": {
        "columns": (
            Column("contact", _lt("Contact"), width=24),
            Column("function", _lt("Job Position"), width=22),
            Column("level", _lt("Level"), width=20),
            Column("weight", _lt("Influence Weight"), "integer"),
            Column("state", _lt("Grid Status"), width=13),
            Column("interview", _lt("Interview-Entered"), "bool", width=12),
            Column("performance", _lt("Performance"), "decimal", colour="performance"),
            Column(
                "distress_count", _lt("Rows in Distress"), "integer", colour="positive"
            ),
            Column("distressed", _lt("In Distress On"), "wrap", width=45),
        ),
        "title": _lt("Who took part"),
        "note": _lt(
            "Performance: 100 x the mean level received today (0 = worst "
            "level on every row, 100 = best). Distress: today's level is "
            "below the lowest acceptable one."
        ),
        "freeze_columns": 1,
    },
    "priorities": {
        "columns": (
            *ROW_COLUMNS,
            Column("rank", _lt("Rank"), "integer", width=7),
            Column(
                "priority_index", _lt("Priority Index"), "decimal", colour="priority"
            ),
            Column("distress_share", _lt("In Distress"), "percent", colour="distress"),
            Column("first_round_share", _lt("Bought in Round 1"), "percent"),
            Column("norm_current", _lt("Today (0-1)"), "norm"),
            Column("norm_acceptable", _lt("Acceptable (0-1)"), "norm"),
            Column("norm_ideal", _lt("Ideal (0-1)"), "norm"),
            Column("gap_steps", _lt("Gap (Levels)"), "decimal", colour="positive"),
            Column("spread", _lt("Spread Between Contacts"), "norm"),
            Column("respondent_count", _lt("Respondents"), "integer"),
        ),
        "title": _lt("Priorities and distress"),
        "note": _lt(
            "Priority index: the share of their budget the contacts spent "
            "on the row, weighted by their influence (rows add up to 100)."
        ),
        "freeze_columns": 2,
    },
    "trend": {
        "columns": (
            Column("wave", _lt("Wave")),
            Column("date_start", _lt("Start"), "date"),
            Column("performance", _lt("Performance"), "decimal", colour="performance"),
            Column(
                "portfolio_performance",
                _lt("Performance: Portfolio"),
                "decimal",
                colour="performance",
            ),
            Column(
                "distress_share", _lt("Rows in Distress"), "percent", colour="distress"
            ),
            Column(
                "portfolio_distress_share",
                _lt("Rows in Distress: Portfolio"),
                "percent",
                colour="distress",
            ),
        ),
        "title": _lt("Trend over waves"),
        "empty_note": _lt("No submitted grid of this account yet."),
        "freeze_columns": 1,
    },
    "comments": {
        "columns": (
            Column("contact", _lt("Contact"), width=24),
            Column("attribute", _lt("Attribute"), width=30),
            Column("comment", _lt("Comment"), "wrap", width=80),
        ),
        "title": _lt("Comments"),
        "empty_note": _lt("No comment."),
    },
    "gaps": {
        "columns": (
            Column("gap", _lt("Gap"), width=32),
            Column("area", _lt("Area")),
            Column("attribute", _lt("Attribute"), width=26),
            Column("priority", _lt("Priority"), width=11),
            Column("owner", _lt("Owner")),
            Column("department", _lt("Department"), width=16),
            Column("date_deadline", _lt("Due Date"), "date"),
            Column("state", _lt("Status"), width=12),
            Column("overdue", _lt("Overdue"), "bool", colour="alert"),
            Column("customer_visible", _lt("Visible to Customer"), "bool"),
            Column("expected_revenue", _lt("Expected Revenue"), "money"),
            Column("opportunity", _lt("Opportunity"), width=30),
        ),
        "title": _lt("Gaps, owners and status"),
        "empty_note": _lt("No gap recorded."),
        "freeze_columns": 1,
    },
    "opportunities": {
        "columns": (
            Column("opportunity", _lt("Opportunity"), width=32),
            Column("gap", _lt("From Gap"), width=32),
            Column("stage", _lt("Stage"), width=16),
            Column("salesperson", _lt("Salesperson")),
            Column("expected_revenue", _lt("Expected Revenue"), "money"),
            Column("probability", _lt("Probability"), "percent"),
            Column("active", _lt("Active"), "bool"),
        ),
        "title": _lt("Opportunities created from gaps"),
        "empty_note": _lt("No opportunity created from the gaps."),
        "freeze_columns": 1,
    },
}


class ReportQsrReviewXlsx(models.AbstractModel):
    """The account report of a review for the account team: one sheet per
    topic, from the review's frames."""

    _name = "report.qsr_reporting.report_qsr_review_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "QSR Account Report (XLSX)"

    def generate_xlsx_report(self, workbook, data, reviews):
        reviews.check_access("read")
        for review in reviews:
            prefix = f"{review.name} " if len(reviews) > 1 else ""
            frames = review_frames(review)
            for topic, write in self._sheets(review):
                sheet = add_sheet(workbook, prefix + topic)
                write(workbook, sheet, frames)

    def _columns(self, columns, currency):
        """``columns`` with their labels translated, money in ``currency``."""
        return [
            replace(
                column,
                label=self.env._(column.label),
                num_format=currency if column.kind == "money" else column.num_format,
            )
            for column in columns
        ]

    def _write_table(self, workbook, sheet, frames, key, currency):
        """Write the frame ``key`` as its table of ``TABLES`` describes it."""
        table = TABLES[key]
        texts = {
            name: self.env._(table[name])
            for name in ("title", "note", "empty_note")
            if name in table
        }
        write_frame(
            workbook,
            sheet,
            frames[key],
            self._columns(table["columns"], currency),
            freeze_columns=table.get("freeze_columns", 0),
            **texts,
        )

    def _sheets(self, review):
        currency = self._report_xlsx_currency_format(review.company_id.currency_id)
        tier = review.tier_id.name or self.env._("No tier")

        def summary(workbook, sheet, frames):
            write_fields(
                workbook,
                sheet,
                frames["header"],
                title=self.env._(
                    "Quality of Service Review: %s", review.partner_id.name
                ),
            )

        def table(key):
            return partial(self._write_table, key=key, currency=currency)

        def benchmark(workbook, sheet, frames):
            table = frames["benchmark"]
            labels = dict(
                self.env["qsr.report.response.line"]
                ._fields["priority_class"]
                ._description_selection(self.env)
            )
            internal = []
            if "priority_class" in table:
                table = table.assign(
                    **{
                        f"{key}_label": table[key].map(lambda c: labels.get(c, ""))
                        for key in ("priority_class", "tier_priority_class")
                    }
                )
                internal += [
                    Column("priority_class_label", self.env._("Class"), width=18),
                    Column(
                        "tier_priority_class_label",
                        self.env._("Class: %s Tier", tier),
                        width=18,
                    ),
                ]
            if "wtp" in table and table["wtp"].fillna(0).any():
                internal.append(
                    Column(
                        "wtp",
                        self.env._("Willingness to Pay"),
                        "money",
                        width=16,
                        num_format=currency,
                    )
                )
            if "competitor_gap" in table and table["competitor_gap"].notna().any():
                internal += self._columns(COMPETITOR_COLUMNS, currency)
            write_frame(
                workbook,
                sheet,
                table,
                [
                    *self._columns(ROW_COLUMNS, currency),
                    *(
                        Column(
                            f"{prefix}{measure}",
                            f"{self.env._(label)}{suffix}",
                            kind,
                            colour=colour,
                        )
                        for measure, label, kind, colour in BENCHMARK_MEASURES
                        for prefix, suffix in (
                            ("", ""),
                            ("tier_", self.env._(": %s Tier", tier)),
                            ("portfolio_", self.env._(": Portfolio")),
                        )
                    ),
                    Column("tier_accounts", self.env._("Accounts in Tier"), "integer"),
                    Column(
                        "portfolio_accounts",
                        self.env._("Accounts in Portfolio"),
                        "integer",
                    ),
                    *internal,
                ],
                title=self.env._("Compared with the tier and the portfolio"),
                note=self.env._(
                    "Wave: %s. Class: the row's distress share and priority index "
                    "against the thresholds of the settings. Willingness to pay: "
                    "what the contacts' points on the row are worth a year, at the "
                    "price row's rate (internal). Competitor gap: today's level "
                    "less the competitor's (0-1, positive where we lead).",
                    review.wave_id.name or self.env._("all waves"),
                ),
                empty_note=self.env._("No submitted grid of this account yet."),
                freeze_columns=2,
            )

        return [
            (self.env._("Review"), summary),
            (self.env._("Participants"), table("participants")),
            (self.env._("Priorities"), table("priorities")),
            (self.env._("Benchmark"), benchmark),
            (self.env._("Trend"), table("trend")),
            (self.env._("Comments"), table("comments")),
            (self.env._("Gaps"), table("gaps")),
            (self.env._("Opportunities"), table("opportunities")),
        ]
