import pandas as pd

from odoo import models

from .xlsx_tables import Column, add_sheet, write_frame


class ReportQsrPackageComparisonXlsx(models.AbstractModel):
    """Packages of one grid side by side, for the account team and the
    directors: their figures, and every row with each package's level.
    Internal: the packages' costs, and their money for QSR users."""

    _name = "report.qsr_reporting.report_qsr_package_comparison_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "QSR Package Comparison (XLSX)"

    def generate_xlsx_report(self, workbook, data, packages):
        packages.check_access("read")
        Comparison = self.env["qsr.package.comparison"]
        Comparison._check_comparable(packages)
        packages = packages.sorted("id")
        internal = Comparison._internal()
        currency = self._report_xlsx_currency_format(
            packages[:1].currency_id or self.env.company.currency_id
        )
        self._write_packages(workbook, packages, internal, currency)
        self._write_rows(workbook, packages, internal, currency)

    def _target(self, package):
        """Whom the package is for, after its scope."""
        if package.scope == "account":
            return package.partner_id.name or ""
        if package.scope == "tier":
            return package.tier_id.name or ""
        if package.scope == "segment":
            return package.industry_id.name or ""
        if package.scope == "wave":
            return package.wave_id.name or ""
        return ", ".join(package.partner_ids.mapped("name"))

    def _write_packages(self, workbook, packages, internal, currency):
        scopes = dict(packages._fields["scope"]._description_selection(self.env))
        states = dict(packages._fields["state"]._description_selection(self.env))
        records = []
        for package in packages:
            values = {
                "name": package.name,
                "scope": scopes.get(package.scope, ""),
                "target": self._target(package),
                "wave": package.wave_id.name or "",
                "state": states.get(package.state, ""),
                "respondent_count": package.respondent_count,
                "account_count": package.account_count,
                "acceptable_share": package.acceptable_share,
                "rows_acceptable": package.rows_acceptable,
                "match_mean": package.match_mean,
                "cost": package.cost,
                "changed": len(package.line_ids.filtered("is_changed")),
                "date_figures": package.date_figures,
            }
            if internal:
                values["wtp_covered"] = package.wtp_covered
                values["supplier_cost"] = package.supplier_cost
            records.append(values)
        columns = [
            Column("name", self.env._("Package"), width=30),
            Column("scope", self.env._("Scope"), width=16),
            Column("target", self.env._("For"), width=26),
            Column("wave", self.env._("Wave"), width=14),
            Column("state", self.env._("Status"), width=12),
            Column("respondent_count", self.env._("Respondents"), "integer"),
            Column("account_count", self.env._("Accounts"), "integer"),
            Column(
                "acceptable_share",
                self.env._("Everything Acceptable"),
                "percent",
                width=13,
            ),
            Column("rows_acceptable", self.env._("Rows Acceptable"), "percent"),
            Column("match_mean", self.env._("Mean Match"), "percent"),
            Column("cost", self.env._("Cost (Points)"), "decimal"),
            Column("changed", self.env._("Rows Changed"), "integer"),
        ]
        if internal:
            columns += [
                Column(
                    "wtp_covered",
                    self.env._("Willingness to Pay Covered"),
                    "money",
                    width=16,
                    num_format=currency,
                ),
                Column(
                    "supplier_cost",
                    self.env._("Supplier Cost a Year"),
                    "money",
                    width=16,
                    num_format=currency,
                ),
            ]
        columns.append(Column("date_figures", self.env._("Figures Of"), "date"))
        sheet = add_sheet(workbook, self.env._("Packages"))
        write_frame(
            workbook,
            sheet,
            pd.DataFrame.from_records(records),
            columns,
            title=self.env._("Packages compared: %s", packages.grid_id.display_name),
            note=self.env._(
                "Everything acceptable: the weighted share of contacts for whom "
                "every row of the package is acceptable. Rows acceptable: the "
                "weighted mean share of rows at or above the contact's acceptable "
                "level. Mean match: of rows at or above the level bought after the "
                "last round. Cost: points above the typical levels."
            ),
            freeze_columns=1,
        )

    def _write_rows(self, workbook, packages, internal, currency):
        Comparison = self.env["qsr.package.comparison"]
        records = []
        for row in Comparison._rows(packages):
            attribute = row["attribute"]
            values = {
                "area": attribute.area_id.name,
                "attribute": attribute.name,
                "differs": row["differs"],
            }
            for key, field in (
                ("typical", "typical_level_id"),
                ("acceptable", "acceptable_level_id"),
                ("bought", "bought_level_id"),
            ):
                names = []
                for line in row["lines"]:
                    name = line and line[field].name
                    if name and name not in names:
                        names.append(name)
                values[key] = " / ".join(names)
            for index, (line, level) in enumerate(
                zip(row["lines"], row["levels"], strict=True)
            ):
                values[f"level_{index}"] = level.name if level else ""
                values[f"cost_{index}"] = line.cost if line else None
                values[f"distress_{index}"] = line.distress_share if line else None
                if internal:
                    values[f"supplier_{index}"] = line.supplier_cost if line else None
                    values[f"wtp_{index}"] = line.wtp_covered if line else None
            records.append(values)
        names = packages.mapped("name")
        per_package = [
            ("level", self.env._("Level"), "text", None, None),
            ("cost", self.env._("Cost (Points)"), "decimal", None, None),
            ("distress", self.env._("Still in Distress"), "percent", "distress", None),
        ]
        if internal:
            per_package += [
                ("supplier", self.env._("Supplier Cost"), "money", None, currency),
                ("wtp", self.env._("Willingness to Pay"), "money", None, currency),
            ]
        columns = [
            Column("area", self.env._("Area"), width=22),
            Column("attribute", self.env._("Attribute"), width=30),
            Column("differs", self.env._("Levels Differ"), "bool", colour="alert"),
            *(
                Column(
                    f"level_{index}",
                    self.env._("Level: %s", name),
                    "text",
                    width=18,
                )
                for index, name in enumerate(names)
            ),
            Column("typical", self.env._("Typical Level"), width=18),
            Column("acceptable", self.env._("Acceptable (Weighted)"), width=18),
            Column("bought", self.env._("Bought (Weighted)"), width=18),
            *(
                Column(
                    f"{key}_{index}",
                    f"{label}: {name}",
                    kind,
                    width=14,
                    colour=colour,
                    num_format=num_format,
                )
                for key, label, kind, colour, num_format in per_package[1:]
                for index, name in enumerate(names)
            ),
        ]
        sheet = add_sheet(workbook, self.env._("Rows"))
        write_frame(
            workbook,
            sheet,
            pd.DataFrame.from_records(records),
            columns,
            title=self.env._("Levels of the packages, row by row"),
            note=self.env._(
                "Typical, acceptable and bought: weighted lower medians over the "
                "contacts in each package's scope (two names where the packages' "
                "scopes differ). Cost: points above the typical level. Still in "
                "distress: the weighted share of contacts whose acceptable level is "
                "above the package's. Money per account and year (internal)."
            ),
            freeze_columns=2,
        )
