"""pandas DataFrames written as formatted XLSX tables with xlsxwriter.

Plain functions, shared by the QSR XLSX reports: a report builds its frames, then
describes each table as a list of ``Column`` and calls ``write_frame``, which
writes a bold header (frozen, with an autofilter), number formats, column
widths and conditional colours.
"""

import datetime
import re
import weakref
from dataclasses import dataclass

NUMBER_FORMATS = {
    "text": None,
    "wrap": None,
    "integer": "0",
    "decimal": "0.0",
    "norm": "0.00",
    "percent": "0%",
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "bool": None,
}
WIDTHS = {
    "text": 22,
    "wrap": 60,
    "integer": 11,
    "decimal": 11,
    "norm": 11,
    "percent": 11,
    "money": 14,
    "date": 12,
    "bool": 10,
}
COLOURS = {
    "red_fill": "#F8CBAD",
    "red_font": "#9C0006",
    "amber_fill": "#FFE699",
    "green_fill": "#C6EFCE",
    "bar": "#5B9BD5",
    "scale_low": "#F8696B",
    "scale_mid": "#FFEB84",
    "scale_high": "#63BE7B",
    "heat_low": "#FFFFFF",
    "heat_high": "#F4B183",
    "header": "#D9E1F2",
}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

_formats = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Column:
    """One column of a table: the frame's column ``key``, its header ``label``,
    its ``kind`` (a key of ``NUMBER_FORMATS``), an optional ``width``, an
    optional conditional ``colour`` rule (a key of ``COLOUR_RULES``) and an
    optional ``num_format`` that overrides the kind's (a currency, say).
    A report may declare its columns once with lazy labels (``_lt``) and
    translate them before it writes the table."""

    key: str
    label: str
    kind: str = "text"
    width: float | None = None
    colour: str | None = None
    num_format: str | None = None


def cell_format(workbook, name, num_format=None):
    """A cached xlsxwriter format of the workbook: ``header``, ``title``,
    ``note``, or a cell of kind ``name`` (with ``num_format`` when given)."""
    cache = _formats.setdefault(workbook, {})
    key = (name, num_format)
    if key not in cache:
        if name == "header":
            props = {
                "bold": True,
                "bg_color": COLOURS["header"],
                "border": 1,
                "text_wrap": True,
                "valign": "top",
            }
        elif name == "title":
            props = {"bold": True, "font_size": 14}
        elif name == "note":
            props = {"italic": True, "font_color": "#595959"}
        elif name == "red":
            props = {"bg_color": COLOURS["red_fill"], "font_color": COLOURS["red_font"]}
        elif name == "amber":
            props = {"bg_color": COLOURS["amber_fill"]}
        elif name == "green":
            props = {"bg_color": COLOURS["green_fill"]}
        else:
            props = {"valign": "top"}
            if name == "wrap":
                props["text_wrap"] = True
            number = num_format or NUMBER_FORMATS.get(name)
            if number:
                props["num_format"] = number
        cache[key] = workbook.add_format(props)
    return cache[key]


def _rule_distress(workbook):
    """Shares in distress: red from one half, amber above zero."""
    return [
        {
            "type": "cell",
            "criteria": ">=",
            "value": 0.5,
            "format": cell_format(workbook, "red"),
            "stop_if_true": True,
        },
        {
            "type": "cell",
            "criteria": ">",
            "value": 0,
            "format": cell_format(workbook, "amber"),
        },
    ]


def _rule_priority(workbook):
    """Priority indexes (0..100) as solid data bars."""
    return [
        {
            "type": "data_bar",
            "bar_color": COLOURS["bar"],
            "bar_solid": True,
            "min_type": "num",
            "min_value": 0,
        }
    ]


def _rule_performance(workbook):
    """Performance (0..100) from red through yellow to green."""
    return [
        {
            "type": "3_color_scale",
            "min_type": "num",
            "min_value": 0,
            "mid_type": "num",
            "mid_value": 50,
            "max_type": "num",
            "max_value": 100,
            "min_color": COLOURS["scale_low"],
            "mid_color": COLOURS["scale_mid"],
            "max_color": COLOURS["scale_high"],
        }
    ]


def _rule_heat(workbook):
    """A heat map over the block of adjacent columns, white to orange."""
    return [
        {
            "type": "2_color_scale",
            "min_color": COLOURS["heat_low"],
            "max_color": COLOURS["heat_high"],
        }
    ]


def _rule_alert(workbook):
    """Booleans that need attention (overdue): red when true."""
    return [
        {
            "type": "cell",
            "criteria": "==",
            "value": "TRUE",
            "format": cell_format(workbook, "red"),
        }
    ]


def _rule_positive(workbook):
    """Gaps in levels: red when today is below the acceptable level."""
    return [
        {
            "type": "cell",
            "criteria": ">",
            "value": 0,
            "format": cell_format(workbook, "red"),
        }
    ]


COLOUR_RULES = {
    "distress": _rule_distress,
    "priority": _rule_priority,
    "performance": _rule_performance,
    "heat": _rule_heat,
    "alert": _rule_alert,
    "positive": _rule_positive,
}


def sheet_name(name):
    """A valid worksheet name (at most 31 characters, none of []:*?/\\)."""
    return SHEET_NAME_FORBIDDEN.sub("-", name).strip("'")[:31] or "Sheet"


def add_sheet(workbook, name):
    sheet = workbook.add_worksheet(sheet_name(name))
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    return sheet


def _is_missing(value):
    """None, False, NaN and the empty string leave a cell blank."""
    return (
        value is None
        or value is False
        or (isinstance(value, str) and not value)
        or (isinstance(value, float) and value != value)
    )


def _write_cell(sheet, row, col, value, column, fmt):
    """Write ``value`` with the writer its column kind calls for; a missing
    value leaves a formatted blank cell."""
    if column.kind == "bool":
        sheet.write_boolean(row, col, bool(value) if value == value else False, fmt)
    elif _is_missing(value):
        sheet.write_blank(row, col, None, fmt)
    elif column.kind == "date":
        if isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        sheet.write_datetime(row, col, value, fmt)
    elif column.kind in ("text", "wrap"):
        sheet.write_string(row, col, str(value), fmt)
    else:
        sheet.write_number(row, col, float(value), fmt)


def write_frame(
    workbook,
    sheet,
    frame,
    columns,
    *,
    first_row=0,
    title=None,
    note=None,
    empty_note=None,
    freeze=True,
    freeze_columns=0,
):
    """Write ``frame`` on ``sheet`` as a table described by ``columns``.

    An optional ``title`` (and ``note`` under it) come first, then the header
    row and one row per frame row. With ``freeze`` the panes are frozen under
    the header and right of the first ``freeze_columns`` columns; a sheet has
    one frozen header, so later tables on it pass ``freeze=False``. Adjacent
    columns with the same ``colour`` rule share one conditional format, so a
    matrix is coloured on one scale. Returns the first free row after the
    table and a blank row.
    """
    row = first_row
    if title:
        sheet.write_string(row, 0, title, cell_format(workbook, "title"))
        row += 1
    if note:
        sheet.write_string(row, 0, note, cell_format(workbook, "note"))
        row += 1
    if title or note:
        row += 1
    header_row = row
    header = cell_format(workbook, "header")
    for col, column in enumerate(columns):
        sheet.write_string(header_row, col, column.label, header)
        sheet.set_column(col, col, column.width or WIDTHS.get(column.kind, 14))
    formats = [cell_format(workbook, c.kind, c.num_format) for c in columns]
    keys = [c.key for c in columns]
    rows = frame[keys].itertuples(index=False, name=None) if len(frame) else []
    last_row = header_row
    for last_row, values in enumerate(rows, start=header_row + 1):
        for col, (value, column) in enumerate(zip(values, columns, strict=True)):
            _write_cell(sheet, last_row, col, value, column, formats[col])
    if last_row == header_row:
        if empty_note:
            sheet.write_string(
                header_row + 1, 0, empty_note, cell_format(workbook, "note")
            )
        last_row += 1
    else:
        sheet.autofilter(header_row, 0, last_row, len(columns) - 1)
        _colour(workbook, sheet, columns, header_row + 1, last_row)
    if freeze:
        sheet.freeze_panes(header_row + 1, freeze_columns)
        sheet.repeat_rows(header_row)
    return last_row + 2


def _colour(workbook, sheet, columns, first, last):
    start = 0
    while start < len(columns):
        rule = columns[start].colour
        end = start
        while end + 1 < len(columns) and columns[end + 1].colour == rule:
            end += 1
        if rule:
            for options in COLOUR_RULES[rule](workbook):
                sheet.conditional_format(first, start, last, end, options)
        start = end + 1


def write_fields(workbook, sheet, pairs, *, first_row=0, title=None, width=60):
    """Label / value pairs (a record's header) in two columns; values are
    written as text, dates in ISO form. Returns the first free row."""
    row = first_row
    if title:
        sheet.write_string(row, 0, title, cell_format(workbook, "title"))
        row += 2
    label_format = cell_format(workbook, "header")
    value_format = cell_format(workbook, "wrap")
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, width)
    for label, value in pairs:
        sheet.write_string(row, 0, label, label_format)
        text = "" if _is_missing(value) else str(value)
        sheet.write_string(row, 1, text, value_format)
        row += 1
    return row + 1
