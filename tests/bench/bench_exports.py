"""3. Exports: the portfolio priority matrix XLSX and one account XLSX report.

Each export runs in its own subprocess, so that its peak memory is its own: the
peak resident set (``ru_maxrss``) of the process minus its resident set just before
the first export, and the peak of Python allocations (``tracemalloc``, in a separate
run, since tracing slows everything down). Times are the median of ``repeat`` runs
after the first (cold) one, which is reported too.

* Portfolio: the wizard's action (``qsr.portfolio.report.wizard.action_print`` on
  the latest answered wave, whose 2,000 accounts make the "By Account" matrix), as
  the web client downloads it: ``ir.actions.report._render_xlsx`` of the action's
  report and ids. Baseline: the raw SQL read of the same figures (priority index,
  distress share and respondents per attribute x tier, attribute x account and
  attribute; respondents and accounts per tier and account) over the base tables.
* Account: the XLSX report of the review with the most submitted grids (then
  response lines, gaps, the latest) of the latest answered wave. No baseline.

The file is read back with openpyxl and its sheets and table sizes are checked.

    python3 tests/bench/bench_exports.py --addons-path PATHS -d DB [--repeat N]

Target for the portfolio: under 10 s and under 1 GB.
"""

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

PORTFOLIO_TARGET_SECONDS = 10
PORTFOLIO_TARGET_MB = 1024

# The matrix's figures, read by hand from the base tables (the baseline).
PORTFOLIO_SQL = """
WITH l AS (
    SELECT l.attribute_id, r.id AS response_id, r.account_id, p.qsr_tier_id AS tier_id,
           r.weight AS w, l.distress::int AS distress,
           CASE WHEN r.points_bought > 0
                THEN r.weight * GREATEST(l.points_total, 0) / r.points_bought END
               AS w_share,
           CASE WHEN r.points_bought > 0 THEN r.weight END AS w_spender
      FROM qsr_response_line l
      JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'
      JOIN res_partner p ON p.id = r.account_id
     WHERE r.wave_id = %(wave)s
)
SELECT GROUPING(attribute_id, tier_id, account_id) AS grouping,
       attribute_id, tier_id, account_id,
       100 * SUM(w_share) / NULLIF(SUM(w_spender), 0) AS priority_index,
       SUM(w * distress)::float / NULLIF(SUM(w), 0) AS distress_share,
       COUNT(DISTINCT response_id) AS respondents,
       COUNT(DISTINCT account_id) AS accounts
  FROM l
 GROUP BY GROUPING SETS ((attribute_id, tier_id), (attribute_id, account_id),
                         (attribute_id), (tier_id), (account_id), ())
"""


def rss_mb():
    """The current resident set of this process, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_workbook(content):
    from openpyxl import load_workbook  # noqa: PLC0415

    with warnings.catch_warnings():
        # openpyxl drops the Excel 2010 extension of solid data bars
        warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) ext")
        return load_workbook(io.BytesIO(content), read_only=True)


def sheet_rows(sheet):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "(Unknown|Conditional Formatting) ext")
        return list(sheet.iter_rows(values_only=True))


def header_index(rows, first_label):
    """The index of the first row that starts with ``first_label``."""
    return next(i for i, row in enumerate(rows) if row and row[0] == first_label)


# the exports, in the child process


def portfolio_export(env):
    """The wizard's action, downloaded as the web client does."""
    wizard = env["qsr.portfolio.report.wizard"].create({})
    action = wizard.action_print()
    ids = action["context"]["active_ids"]
    content, kind = env["ir.actions.report"]._render_xlsx(
        action["report_name"], ids, action.get("data")
    )
    return content, kind, env["qsr.wave"].browse(ids)


def largest_review(env):
    env.cr.execute(
        """SELECT r.review_id
             FROM qsr_response r
             JOIN qsr_response_line l ON l.response_id = r.id
            WHERE r.state = 'submitted' AND r.wave_id = %s
            GROUP BY r.review_id
            ORDER BY COUNT(DISTINCT r.id) DESC, COUNT(*) DESC,
                     (SELECT COUNT(*) FROM qsr_gap g WHERE g.review_id = r.review_id)
                     DESC, r.review_id DESC
            LIMIT 1""",
        [env["qsr.portfolio.report.wizard"]._default_wave_id().id],
    )
    return env["qsr.review"].browse(env.cr.fetchone()[0])


def account_export(env):
    review = largest_review(env)
    content, kind = env["ir.actions.report"]._render_xlsx(
        "qsr_reporting.report_qsr_review_xlsx", review.ids, {}
    )
    return content, kind, review


def check_portfolio(env, content, wave):
    """The sheets and table sizes of the matrix: one row per attribute, one
    column per tier and per account of the wave."""
    env.cr.execute(
        """SELECT COUNT(DISTINCT l.attribute_id), COUNT(DISTINCT r.account_id),
                  COUNT(DISTINCT p.qsr_tier_id)
             FROM qsr_response_line l
             JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'
             JOIN res_partner p ON p.id = r.account_id
            WHERE r.wave_id = %s""",
        [wave.id],
    )
    attributes, accounts, tiers = env.cr.fetchone()
    book = open_workbook(content)
    sheets = {}
    for title, dims in (("By Tier", tiers), ("By Account", accounts)):
        rows = sheet_rows(book[title])
        top = header_index(rows, "Area")
        header = [value for value in rows[top] if value is not None]
        body = rows[top + 1 : top + 1 + attributes]
        # the matrix: area, attribute, the dimension's values and the wave's
        # three figures; internal columns follow (class, willingness to pay,
        # competitor), as many as the grid collects
        matrix = header[: header.index("Respondents: All") + 1]
        if len(matrix) != 2 + dims + 3 or any(row[1] is None for row in body):
            raise AssertionError(
                f"{title}: {len(matrix)} columns for {dims} {title[3:]} values and "
                f"{len(body)} rows for {attributes} attributes"
            )
        sheets[title] = (len(body), len(header))
    # the whole wave's priority index per attribute, against the SQL baseline
    rows = sheet_rows(book["By Tier"])
    top = header_index(rows, "Area")
    column = rows[top].index("All Accounts")
    expected = {row[1]: row[4] for row in baseline_sql(env, wave) if row[0] == 0b011}
    names = {a.name: a.id for a in env["qsr.grid.attribute"].browse(list(expected))}
    ours = {names[row[1]]: row[column] for row in rows[top + 1 : top + 1 + attributes]}
    diff = max(abs(ours[key] - expected[key]) for key in expected)
    if ours.keys() != expected.keys() or diff > 1e-9:
        raise AssertionError(f"priority index differs from SQL by {diff}")
    return {
        "max_abs_diff": diff,
        "sheets": book.sheetnames,
        "attributes": attributes,
        "accounts": accounts,
        "tiers": tiers,
        "table_sizes": sheets,
    }


def check_account(env, content, review):
    book = open_workbook(content)
    expected = [
        "Review",
        "Participants",
        "Priorities",
        "Benchmark",
        "Trend",
        "Comments",
        "Gaps",
        "Opportunities",
    ]
    if book.sheetnames != expected:
        raise AssertionError(f"sheets {book.sheetnames}, expected {expected}")
    participants = sheet_rows(book["Participants"])
    priorities = sheet_rows(book["Priorities"])
    people = len(participants) - 1 - header_index(participants, "Contact")
    attributes = len(priorities) - 1 - header_index(priorities, "Area")
    if people != len(review.participant_ids) or attributes != len(
        review.grid_id.attribute_ids
    ):
        raise AssertionError(
            f"{people} participant rows, {attributes} priority rows for "
            f"{len(review.participant_ids)} participants and "
            f"{len(review.grid_id.attribute_ids)} attributes"
        )
    return {
        "review": review.display_name,
        "participants": people,
        "attributes": attributes,
        "sheets": book.sheetnames,
    }


def baseline_sql(env, wave):
    env.cr.execute(PORTFOLIO_SQL, {"wave": wave.id})
    return env.cr.fetchall()


def child(kind, addons_path, db, repeat):
    """Run one export ``repeat`` + 1 times in this process; return its figures."""
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-d", db, f"--addons-path={addons_path}", "--log-level=warn"]
    )
    registry = Registry(db)
    export = portfolio_export if kind == "portfolio" else account_export
    with registry.cursor() as cr:
        # an internal QSR administrator, as in the web client
        env = api.Environment(cr, 2, {})
        env["res.users"].browse(2).name  # noqa: B018  # the user, read once
        rss_before = rss_mb()
        start = time.perf_counter()
        content, report_type, records = export(env)
        first = time.perf_counter() - start
        peak_rss = peak_rss_mb()
        times = []
        for _ in range(repeat):
            env.invalidate_all()
            start = time.perf_counter()
            export(env)
            times.append(time.perf_counter() - start)
        env.invalidate_all()
        tracemalloc.start()
        export(env)
        traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        if report_type != "xlsx":
            raise AssertionError(f"report type {report_type}")
        if kind == "portfolio":
            checks = check_portfolio(env, content, records)
            baseline_sql(env, records)
            baseline = statistics.median(
                _timed(lambda: baseline_sql(env, records)) for _ in range(repeat)
            )
        else:
            checks = check_account(env, content, records)
            baseline = None
        cr.rollback()
    return {
        "first": first,
        "time": statistics.median(times) if times else first,
        "baseline": baseline,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss,
        "rss_delta_mb": max(0.0, peak_rss - rss_before),
        "traced_peak_mb": traced_peak,
        "size_kb": len(content) / 1024,
        **checks,
    }


def _timed(func):
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


# the parent


def run(addons_path, db, repeat):
    """Figures of both exports, each measured in a subprocess of its own."""
    figures = {}
    for kind in ("portfolio", "account"):
        out = subprocess.run(
            [
                *(sys.executable, __file__, "--child", kind),
                *(f"--addons-path={addons_path}", "-d", db, f"--repeat={repeat}"),
            ],
            capture_output=True,
            text=True,
        )
        if out.returncode:
            raise RuntimeError(f"{kind} export failed:\n{out.stderr[-3000:]}")
        figures[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def markdown_rows(figures):
    """Rows (measure, ours, baseline, ratio, target) for RESULTS.md."""
    pf, acc = figures["portfolio"], figures["account"]
    ms = "{:,.0f} ms".format
    mb = "{:,.0f} MiB".format
    ratio = f"{pf['time'] / pf['baseline']:.2f}" if pf["baseline"] else "-"
    return [
        (
            f"portfolio matrix XLSX, wave of {pf['accounts']:,} accounts x "
            f"{pf['attributes']} attributes: time (vs SQL read of its figures)",
            ms(pf["time"] * 1000),
            ms(pf["baseline"] * 1000),
            ratio,
            "< 10 s",
        ),
        (
            "portfolio matrix XLSX: max difference of its priority indexes from SQL",
            f"{pf['max_abs_diff']:.1g}",
            "-",
            "-",
            "check",
        ),
        (
            "portfolio matrix XLSX: first (cold) run",
            ms(pf["first"] * 1000),
            "-",
            "-",
            "report",
        ),
        (
            "portfolio matrix XLSX: peak RSS growth (process peak)",
            f"{mb(pf['rss_delta_mb'])} ({mb(pf['peak_rss_mb'])})",
            "-",
            "-",
            "< 1 GB",
        ),
        (
            "portfolio matrix XLSX: peak Python allocations (tracemalloc)",
            mb(pf["traced_peak_mb"]),
            "-",
            "-",
            "report",
        ),
        (
            f"account XLSX report, {acc['participants']} contacts x "
            f"{acc['attributes']} attributes: time",
            ms(acc["time"] * 1000),
            "-",
            "-",
            "report",
        ),
        (
            "account XLSX report: peak RSS growth (process peak)",
            f"{mb(acc['rss_delta_mb'])} ({mb(acc['peak_rss_mb'])})",
            "-",
            "-",
            "report",
        ),
        (
            "account XLSX report: peak Python allocations (tracemalloc)",
            mb(acc["traced_peak_mb"]),
            "-",
            "-",
            "report",
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["portfolio", "account"], help="internal")
    args = parser.parse_args()
    if args.child:
        result = child(args.child, args.addons_path, args.database, args.repeat)
        print(json.dumps(result, default=str))
        return
    figures = run(args.addons_path, args.database, args.repeat)
    header = ("Measure", "Ours", "Baseline", "Ratio", "Target")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in markdown_rows(figures):
        print("| " + " | ".join(row) + " |")
    for kind, values in figures.items():
        print(f"{kind}: {json.dumps(values, default=str)}")


if __name__ == "__main__":
    main()
