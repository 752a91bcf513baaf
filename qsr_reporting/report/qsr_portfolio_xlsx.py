from odoo import models
from odoo.exceptions import AccessError

from .portfolio_data import portfolio_frames
from .xlsx_tables import Column, add_sheet, write_frame


class ReportQsrPortfolioXlsx(models.AbstractModel):
    """The priority matrix of the portfolio in a wave, for sales directors:
    attribute x tier and attribute x account, for each grid answered in the
    wave (never two grids in one matrix)."""

    _name = "report.qsr_reporting.report_qsr_portfolio_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "QSR Portfolio Priority Matrix (XLSX)"

    def generate_xlsx_report(self, workbook, data, waves):
        if not self.env.user.has_group("qsr_review.group_qsr_manager"):
            raise AccessError(
                self.env._("Only QSR administrators may print the portfolio matrix.")
            )
        Report = self.env["qsr.report.response.line"]
        for wave in waves:
            grids = Report._answered_grids(wave)
            for index, grid in enumerate(grids or [grids], start=1):
                # sheet names hold 31 characters: grids by number, named in
                # the title of each sheet
                prefix = f"{wave.name} " if len(waves) > 1 else ""
                prefix += f"G{index} " if len(grids) > 1 else ""
                frames = portfolio_frames(
                    self.env, wave, ["tier_id", "account_id"], grid
                )
                for dimension, topic, title in (
                    (
                        "tier_id",
                        self.env._("By Tier"),
                        self.env._("Priority index by tier"),
                    ),
                    (
                        "account_id",
                        self.env._("By Account"),
                        self.env._("Priority index by account"),
                    ),
                ):
                    if len(grids) > 1:
                        title = f"{title}: {grid.name}"
                    sheet = add_sheet(workbook, prefix + topic)
                    self._write_matrix(workbook, sheet, wave, frames[dimension], title)

    def _write_matrix(self, workbook, sheet, wave, frames, title):
        matrix, counts, dims = frames
        columns = [
            Column("area", self.env._("Area"), width=24),
            Column("attribute", self.env._("Attribute"), width=30),
            *(
                Column(key, label, "decimal", width=14, colour="heat")
                for key, label in dims
            ),
            Column(
                "all",
                self.env._("All Accounts"),
                "decimal",
                width=13,
                colour="priority",
            ),
            Column(
                "all_distress",
                self.env._("In Distress: All"),
                "percent",
                width=13,
                colour="distress",
            ),
            Column(
                "all_respondents", self.env._("Respondents: All"), "integer", width=13
            ),
            Column("all_class_label", self.env._("Class: All"), width=18),
        ]
        # internal figures, where the grid prices the rows or asks for the
        # competitor's level
        labels = dict(
            self.env["qsr.report.response.line"]
            ._fields["priority_class"]
            ._description_selection(self.env)
        )
        matrix = matrix.assign(
            all_class_label=matrix["all_class"].map(lambda c: labels.get(c, ""))
        )
        if matrix["all_wtp"].fillna(0).any():
            columns.append(
                Column(
                    "all_wtp",
                    self.env._("Willingness to Pay: All"),
                    "money",
                    width=16,
                    num_format=self._report_xlsx_currency_format(
                        self.env.company.currency_id
                    ),
                )
            )
        if matrix["all_competitor_gap"].notna().any():
            columns += [
                Column(
                    "all_competitor_gap",
                    self.env._("Competitor Gap: All"),
                    "norm",
                    width=13,
                ),
                Column("all_lead_share", self.env._("We Lead: All"), "percent"),
                Column(
                    "all_trail_share",
                    self.env._("We Trail: All"),
                    "percent",
                    colour="distress",
                ),
            ]
        next_row = write_frame(
            workbook,
            sheet,
            matrix,
            columns,
            title=self.env._("%(title)s, wave %(wave)s", title=title, wave=wave.name),
            note=self.env._(
                "Priority index: the share of their budget the contacts spent on "
                "the row, weighted by their influence; each column adds up to 100."
            ),
            empty_note=self.env._("No grid was submitted in this wave."),
            freeze_columns=2,
        )
        write_frame(
            workbook,
            sheet,
            counts,
            [
                Column("area", "", width=24),
                Column("attribute", self.env._("Counts"), width=30),
                *(Column(key, label, "integer", width=14) for key, label in dims),
                Column("all", self.env._("All Accounts"), "integer", width=13),
            ],
            first_row=next_row,
            freeze=False,
        )
