from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

MIN_PACKAGES = 2
MAX_PACKAGES = 4
# one colour per package, told apart by colour-blind readers too (Okabe-Ito)
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
MISSING = "\N{EN DASH}"

# the bar chart, in SVG user units
CHART_WIDTH = 760
CHART_TOP = 46  # room for the legend
CHART_PLOT = 190  # height of the tallest bar
CHART_BOTTOM = 44  # room for the group labels
BAR_GAP = 4
GROUP_GAP = 28


def _missing(value):
    return value is None or value is False or value != value


class QsrPackageComparison(models.TransientModel):
    """Two to four packages of one grid side by side: their figures, a bar
    chart of them and the rows whose level differs. Internal: it shows the
    packages' costs, and their money to QSR users."""

    _name = "qsr.package.comparison"
    _description = "Package Comparison"

    package_ids = fields.Many2many(
        "qsr.package", string="Packages", required=True, readonly=True
    )
    grid_id = fields.Many2one("qsr.grid", compute="_compute_grid_id")
    chart = fields.Html(
        string="Figures Chart", compute="_compute_chart", sanitize=False
    )
    difference_html = fields.Html(
        string="Rows Where They Differ",
        compute="_compute_differences",
        sanitize=False,
    )
    difference_count = fields.Integer(
        string="Rows That Differ", compute="_compute_differences"
    )

    # compute

    @api.depends("package_ids.grid_id")
    def _compute_grid_id(self):
        for comparison in self:
            comparison.grid_id = comparison.package_ids.grid_id[:1]

    @api.depends(
        "package_ids.name",
        "package_ids.acceptable_share",
        "package_ids.rows_acceptable",
        "package_ids.match_mean",
        "package_ids.cost",
        "package_ids.currency_id",
    )
    def _compute_chart(self):
        for comparison in self:
            comparison.chart = comparison._chart_svg()

    @api.depends(
        "package_ids.name",
        "package_ids.line_ids.level_id",
        "package_ids.line_ids.typical_level_id",
    )
    def _compute_differences(self):
        for comparison in self:
            rows = [row for row in comparison._rows() if row["differs"]]
            comparison.difference_count = len(rows)
            comparison.difference_html = comparison._difference_table(rows)

    # constraints

    @api.constrains("package_ids")
    def _check_package_ids(self):
        for comparison in self:
            comparison._check_comparable(comparison.package_ids)

    @api.model
    def _check_comparable(self, packages):
        """Raise a clear error unless ``packages`` are 2 to 4 packages of one
        grid version."""
        if not MIN_PACKAGES <= len(packages) <= MAX_PACKAGES:
            raise ValidationError(
                self.env._(
                    "Select %(min)s to %(max)s packages to compare (%(count)s "
                    "selected).",
                    min=MIN_PACKAGES,
                    max=MAX_PACKAGES,
                    count=len(packages),
                )
            )
        if len(packages.grid_id) > 1:
            raise ValidationError(
                self.env._(
                    "Only packages of the same grid can be compared: these are on "
                    "%(grids)s.",
                    grids=", ".join(packages.grid_id.mapped("display_name")),
                )
            )

    # actions

    @api.model
    def action_compare(self, package_ids):
        """Open the comparison of the packages ``package_ids`` (the Compare
        action of the package list)."""
        packages = self.env["qsr.package"].browse(package_ids)
        packages.check_access("read")
        self._check_comparable(packages)
        comparison = self.create({"package_ids": [fields.Command.set(packages.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Compare Packages"),
            "res_model": self._name,
            "res_id": comparison.id,
            "views": [(False, "form")],
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    def action_download_xlsx(self):
        self.ensure_one()
        report = self.env.ref("qsr_reporting.action_report_qsr_package_comparison_xlsx")
        return report.report_action(self._packages(), config=False)

    # business

    def _packages(self):
        """The packages in the order they were made: the columns' order."""
        return self.package_ids.sorted("id")

    @api.model
    def _internal(self):
        """Whether the user may see the packages' money."""
        return self.env.user.has_group("qsr_review.group_qsr_user")

    @api.model
    def _figures(self, packages):
        """The figures of the comparison: (field, label, kind) with kind
        ``share`` (0..1), ``points`` or ``money``; money only for QSR users
        and only where a package has it."""
        figures = [
            ("acceptable_share", self.env._("Everything Acceptable"), "share"),
            ("rows_acceptable", self.env._("Rows Acceptable"), "share"),
            ("match_mean", self.env._("Mean Match"), "share"),
            ("cost", self.env._("Cost (Points)"), "points"),
        ]
        if self._internal():
            for name, label in (
                ("wtp_covered", self.env._("Willingness to Pay Covered")),
                ("supplier_cost", self.env._("Supplier Cost a Year")),
            ):
                if any(
                    not _missing(value) and value for value in packages.mapped(name)
                ):
                    figures.append((name, label, "money"))
        return figures

    @api.model
    def _rows(self, packages=None):
        """Every row of the packages, in grid order: a dict with the
        ``attribute``, the package ``lines`` (one per package, in column
        order; False where a package has no line on the row), the effective
        ``levels`` (the package's level, else its typical level) and
        ``differs`` (the levels are not all the same)."""
        if packages is None:
            packages = self._packages()
        by_package = [
            {line.attribute_id: line for line in package.line_ids}
            for package in packages
        ]
        rows = []
        for attribute in packages.line_ids.attribute_id.sorted():
            lines = [lines.get(attribute, False) for lines in by_package]
            levels = [
                (line.level_id or line.typical_level_id) if line else False
                for line in lines
            ]
            rows.append(
                {
                    "attribute": attribute,
                    "lines": lines,
                    "levels": levels,
                    "differs": len({level.id if level else 0 for level in levels}) > 1,
                }
            )
        return rows

    def _format(self, value, kind, currency, compact=False):
        """A figure as the chart and the table write it; ``compact`` money in
        thousands or millions, to fit above a bar."""
        if _missing(value):
            return MISSING
        if kind == "share":
            return f"{formatLang(self.env, 100 * value, digits=0)} %"
        if kind != "money":
            return formatLang(self.env, value, digits=1)
        if not compact or abs(value) < 10_000:
            return formatLang(self.env, value, currency_obj=currency)
        if abs(value) >= 1_000_000:
            number = f"{formatLang(self.env, value / 1_000_000, digits=1)} M"
        else:
            number = f"{formatLang(self.env, value / 1_000, digits=0)} k"
        if currency.position == "before":
            return f"{currency.symbol} {number}"
        return f"{number} {currency.symbol}"

    def _chart_svg(self):
        """A bar chart of the figures, drawn on the server: one group of bars
        per figure, one bar per package (in its legend colour), each with its
        value. Shares share one 0-100 % scale; points and money are scaled on
        their own largest value."""
        self.ensure_one()
        packages = self._packages()
        if not packages:
            return False
        currency = packages[:1].currency_id or self.env.company.currency_id
        figures = self._figures(packages)
        count = len(packages)
        group_width = (CHART_WIDTH - GROUP_GAP * (len(figures) + 1)) / len(figures)
        bar_width = (group_width - BAR_GAP * (count - 1)) / count
        baseline = CHART_TOP + CHART_PLOT
        height = baseline + CHART_BOTTOM
        parts = [
            Markup(
                '<svg xmlns="http://www.w3.org/2000/svg" class="o_qsr_package_chart" '
                'viewBox="0 0 %(w)s %(h)s" width="100%%" role="img" '
                'font-family="sans-serif" font-size="12">'
            )
            % {"w": CHART_WIDTH, "h": height},
            Markup("<title>%s</title>")
            % self.env._("The packages' figures, one bar per package"),
        ]
        # legend
        x = GROUP_GAP
        for index, package in enumerate(packages):
            parts.append(
                Markup(
                    '<rect x="%s" y="8" width="12" height="12" fill="%s"/>'
                    '<text x="%s" y="18" class="o_qsr_legend" fill="#212529">%s</text>'
                )
                % (x, COLOURS[index], x + 16, package.name)
            )
            x += 16 + 7 * len(package.name) + 24
        parts.append(
            Markup(
                '<line x1="%(l)s" x2="%(r)s" y1="%(y)s" y2="%(y)s" stroke="#6c757d"/>'
            )
            % {"l": GROUP_GAP / 2, "r": CHART_WIDTH - GROUP_GAP / 2, "y": baseline}
        )
        for group, (name, label, kind) in enumerate(figures):
            left = GROUP_GAP + group * (group_width + GROUP_GAP)
            values = [
                None if _missing(value) else value for value in packages.mapped(name)
            ]
            if kind == "share":
                top = 1.0
            else:
                top = max((abs(v) for v in values if v is not None), default=0.0)
            for index, value in enumerate(values):
                bar = CHART_PLOT * min(abs(value) / top, 1.0) if value and top else 0
                x = left + index * (bar_width + BAR_GAP)
                parts.append(
                    Markup(
                        '<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" '
                        'fill="%s" class="o_qsr_bar" data-figure="%s" '
                        'data-package="%s"><title>%s: %s</title></rect>'
                        '<text x="%.1f" y="%.1f" text-anchor="middle" '
                        'fill="#212529">%s</text>'
                    )
                    % (
                        x,
                        baseline - bar,
                        bar_width,
                        bar,
                        COLOURS[index],
                        name,
                        packages[index].name,
                        packages[index].name,
                        self._format(value, kind, currency),
                        x + bar_width / 2,
                        baseline - bar - 4,
                        self._format(value, kind, currency, compact=True),
                    )
                )
            parts.append(
                Markup(
                    '<text x="%.1f" y="%s" text-anchor="middle" font-weight="bold" '
                    'fill="#212529">%s</text>'
                )
                % (left + group_width / 2, baseline + 18, label)
            )
            if kind != "share":
                parts.append(
                    Markup(
                        '<text x="%.1f" y="%s" text-anchor="middle" font-size="10" '
                        'fill="#6c757d">%s</text>'
                    )
                    % (
                        left + group_width / 2,
                        baseline + 32,
                        self.env._("scaled on the largest"),
                    )
                )
        parts.append(Markup("</svg>"))
        return Markup("").join(parts)

    def _difference_table(self, rows):
        """The rows whose level differs, as an HTML table: one column per
        package with its level (in bold where it is not the package's typical
        level), and the typical level."""
        self.ensure_one()
        packages = self._packages()
        if not rows:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "The packages set the same level on every row."
            )
        head = Markup("").join(
            Markup('<th><span style="color: %s">&#9632;</span> %s</th>')
            % (COLOURS[index], package.name)
            for index, package in enumerate(packages)
        )
        body = []
        for row in rows:
            cells = []
            for line, level in zip(row["lines"], row["levels"], strict=True):
                if not level:
                    cells.append(Markup("<td>%s</td>") % MISSING)
                elif line.typical_level_id and level != line.typical_level_id:
                    cells.append(Markup("<td><strong>%s</strong></td>") % level.name)
                else:
                    cells.append(Markup("<td>%s</td>") % level.name)
            # the packages' typical levels, marked with the packages' colours
            # where their scopes make them differ
            typical = {}
            for index, line in enumerate(row["lines"]):
                name = line and line.typical_level_id.name
                if name:
                    typical.setdefault(name, []).append(index)
            if len(typical) > 1:
                typical_html = Markup("<br/>").join(
                    Markup("%s %s")
                    % (
                        Markup("").join(
                            Markup('<span style="color: %s">&#9632;</span>')
                            % COLOURS[index]
                            for index in indexes
                        ),
                        name,
                    )
                    for name, indexes in typical.items()
                )
            else:
                typical_html = next(iter(typical), MISSING)
            body.append(
                Markup('<tr data-row="%s"><td>%s</td>%s<td>%s</td></tr>')
                % (
                    row["attribute"].name,
                    row["attribute"].name,
                    Markup("").join(cells),
                    typical_html,
                )
            )
        return Markup(
            '<table class="table table-sm o_qsr_package_differences">'
            "<thead><tr><th>%s</th>%s<th>%s</th></tr></thead>"
            "<tbody>%s</tbody></table>"
        ) % (
            self.env._("Row"),
            head,
            self.env._("Typical Level"),
            Markup("").join(body),
        )
