from odoo import models

from .review_data import review_frames
from .xlsx_tables import Column, add_sheet, write_fields, write_frame


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

        def participants(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["participants"],
                [
                    Column("contact", self.env._("Contact"), width=24),
                    Column("function", self.env._("Job Position"), width=22),
                    Column("level", self.env._("Level"), width=20),
                    Column("weight", self.env._("Influence Weight"), "integer"),
                    Column("state", self.env._("Grid Status"), width=13),
                    Column(
                        "interview", self.env._("Interview-Entered"), "bool", width=12
                    ),
                    Column(
                        "performance",
                        self.env._("Performance"),
                        "decimal",
                        colour="performance",
                    ),
                    Column(
                        "distress_count",
                        self.env._("Rows in Distress"),
                        "integer",
                        colour="positive",
                    ),
                    Column(
                        "distressed", self.env._("In Distress On"), "wrap", width=45
                    ),
                ],
                title=self.env._("Who took part"),
                note=self.env._(
                    "Performance: 100 x the mean level received today (0 = worst "
                    "level on every row, 100 = best). Distress: today's level is "
                    "below the lowest acceptable one."
                ),
                freeze_columns=1,
            )

        def priorities(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["priorities"],
                [
                    Column("area", self.env._("Area"), width=24),
                    Column("attribute", self.env._("Attribute"), width=30),
                    Column("rank", self.env._("Rank"), "integer", width=7),
                    Column(
                        "priority_index",
                        self.env._("Priority Index"),
                        "decimal",
                        colour="priority",
                    ),
                    Column(
                        "distress_share",
                        self.env._("In Distress"),
                        "percent",
                        colour="distress",
                    ),
                    Column(
                        "first_round_share", self.env._("Bought in Round 1"), "percent"
                    ),
                    Column("norm_current", self.env._("Today (0-1)"), "norm"),
                    Column("norm_acceptable", self.env._("Acceptable (0-1)"), "norm"),
                    Column("norm_ideal", self.env._("Ideal (0-1)"), "norm"),
                    Column(
                        "gap_steps",
                        self.env._("Gap (Levels)"),
                        "decimal",
                        colour="positive",
                    ),
                    Column("spread", self.env._("Spread Between Contacts"), "norm"),
                    Column("respondent_count", self.env._("Respondents"), "integer"),
                ],
                title=self.env._("Priorities and distress"),
                note=self.env._(
                    "Priority index: the share of their budget the contacts spent "
                    "on the row, weighted by their influence (rows add up to 100)."
                ),
                freeze_columns=2,
            )

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
                internal += [
                    Column("competitor_gap", self.env._("Competitor Gap"), "norm"),
                    Column("lead_share", self.env._("We Lead"), "percent"),
                    Column("level_share", self.env._("Level"), "percent"),
                    Column(
                        "trail_share",
                        self.env._("We Trail"),
                        "percent",
                        colour="distress",
                    ),
                ]
            write_frame(
                workbook,
                sheet,
                table,
                [
                    Column("area", self.env._("Area"), width=24),
                    Column("attribute", self.env._("Attribute"), width=30),
                    *(
                        Column(
                            f"{prefix}{measure}",
                            f"{label}{suffix}",
                            kind,
                            colour=colour,
                        )
                        for measure, label, kind, colour in (
                            (
                                "priority_index",
                                self.env._("Priority Index"),
                                "decimal",
                                "heat",
                            ),
                            (
                                "distress_share",
                                self.env._("In Distress"),
                                "percent",
                                "distress",
                            ),
                            ("norm_current", self.env._("Today (0-1)"), "norm", None),
                            ("gap_steps", self.env._("Gap (Levels)"), "decimal", None),
                        )
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

        def trend(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["trend"],
                [
                    Column("wave", self.env._("Wave")),
                    Column("date_start", self.env._("Start"), "date"),
                    Column(
                        "performance",
                        self.env._("Performance"),
                        "decimal",
                        colour="performance",
                    ),
                    Column(
                        "portfolio_performance",
                        self.env._("Performance: Portfolio"),
                        "decimal",
                        colour="performance",
                    ),
                    Column(
                        "distress_share",
                        self.env._("Rows in Distress"),
                        "percent",
                        colour="distress",
                    ),
                    Column(
                        "portfolio_distress_share",
                        self.env._("Rows in Distress: Portfolio"),
                        "percent",
                        colour="distress",
                    ),
                ],
                title=self.env._("Trend over waves"),
                empty_note=self.env._("No submitted grid of this account yet."),
                freeze_columns=1,
            )

        def comments(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["comments"],
                [
                    Column("contact", self.env._("Contact"), width=24),
                    Column("attribute", self.env._("Attribute"), width=30),
                    Column("comment", self.env._("Comment"), "wrap", width=80),
                ],
                title=self.env._("Comments"),
                empty_note=self.env._("No comment."),
            )

        def gaps(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["gaps"],
                [
                    Column("gap", self.env._("Gap"), width=32),
                    Column("area", self.env._("Area")),
                    Column("attribute", self.env._("Attribute"), width=26),
                    Column("priority", self.env._("Priority"), width=11),
                    Column("owner", self.env._("Owner")),
                    Column("department", self.env._("Department"), width=16),
                    Column("date_deadline", self.env._("Due Date"), "date"),
                    Column("state", self.env._("Status"), width=12),
                    Column("overdue", self.env._("Overdue"), "bool", colour="alert"),
                    Column(
                        "customer_visible", self.env._("Visible to Customer"), "bool"
                    ),
                    Column(
                        "expected_revenue",
                        self.env._("Expected Revenue"),
                        "money",
                        num_format=currency,
                    ),
                    Column("opportunity", self.env._("Opportunity"), width=30),
                ],
                title=self.env._("Gaps, owners and status"),
                empty_note=self.env._("No gap recorded."),
                freeze_columns=1,
            )

        def opportunities(workbook, sheet, frames):
            write_frame(
                workbook,
                sheet,
                frames["opportunities"],
                [
                    Column("opportunity", self.env._("Opportunity"), width=32),
                    Column("gap", self.env._("From Gap"), width=32),
                    Column("stage", self.env._("Stage"), width=16),
                    Column("salesperson", self.env._("Salesperson")),
                    Column(
                        "expected_revenue",
                        self.env._("Expected Revenue"),
                        "money",
                        num_format=currency,
                    ),
                    Column("probability", self.env._("Probability"), "percent"),
                    Column("active", self.env._("Active"), "bool"),
                ],
                title=self.env._("Opportunities created from gaps"),
                empty_note=self.env._("No opportunity created from the gaps."),
                freeze_columns=1,
            )

        return [
            (self.env._("Review"), summary),
            (self.env._("Participants"), participants),
            (self.env._("Priorities"), priorities),
            (self.env._("Benchmark"), benchmark),
            (self.env._("Trend"), trend),
            (self.env._("Comments"), comments),
            (self.env._("Gaps"), gaps),
            (self.env._("Opportunities"), opportunities),
        ]
