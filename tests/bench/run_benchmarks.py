"""QSR benchmarks, each against a baseline run in the same run.

1. Portal answering: a respondent's grid session over HTTP against a real Odoo
   server, against Odoo's survey module (a matrix question of as many rows),
   at 10, 29 and 40 attributes (bench_portal.py, database ``qsr_bench_portal``).
2. Pivot: the attribute x tier priority pivot of qsr.report.response.line over
   the full portfolio (read_group as the web pivot calls it), against the same
   aggregation as one hand-tuned SQL query over the base tables, and as SQL over
   the rows the pivot reads (the lines summed per review and attribute).
3. Exports: the portfolio priority matrix XLSX and one account's XLSX report,
   each in a process of its own: time and peak memory (bench_exports.py).
4. Engine: simalto_engine.attribute_summary over every response line of one wave
   (frames read in bulk with SQL): time and peak memory, against a plain SQL
   aggregation of the same figures.
5. Cadence: qsr.review._cron_plan_reviews over 10,000 tiered accounts (extra
   accounts created in a transaction that is rolled back): time, and that a second
   run creates nothing.
6. Willingness to pay, one wave: the pivot of ``wtp`` by attribute x tier
   (read_group, and the web pivot's 4 calls) against a hand-written SQL computing
   the same sums from qsr_response_line (each account's weighted mean per row,
   added up); and simalto_engine.willingness_to_pay over the wave's frames
   against the same SQL per row (figures printed).
7. Package planner, one wave: package_planner.best_package over the wave's frames
   for each objective (budget 30 points) against what_if of the typical package,
   and the package form's recompute (qsr.package._update_figures) of a tier and
   a wave package: time and SQL queries (bench_package.py).
8. Account plan: the customer's plan page over HTTP against a real Odoo server,
   with 5 and with 50 improvements: time and SQL queries, which should not grow
   (bench_plan.py, database ``<db>_plan``).
9. Revenue job: qsr_account's revenue from invoices over BENCH_ACCOUNTS accounts
   with 50 customer documents per account per year over 24 months (inserted with
   SQL in a transaction that is rolled back): time of the job (target < 30 s),
   that a second run writes nothing, against one SQL GROUP BY of the same figures
   (bench_revenue.py, database ``<db>_revenue``).

Run by ``make bench``: creates database ``qsr_bench`` (addons, no demo) and fills
it with data/generate_portfolio.py when missing (or upgrades its addons), prints
the figures and writes tests/bench/RESULTS.md. Environment: BENCH_ACCOUNTS (2000),
BENCH_REPEAT (5), BENCH_CADENCE_ACCOUNTS (10000), BENCH_PORTAL_SESSIONS (10),
BENCH_PLAN_REPEAT (10).
``--only pivot,engine`` runs a subset (and writes no RESULTS.md). Figures are
printed, never asserted.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import bench_exports
import bench_package
import bench_plan
import bench_portal
import bench_revenue
import pandas as pd
from bench_common import compared_row, ratio

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).with_name("RESULTS.md")
SEED = 42
ANALYSIS = "## Analysis"  # RESULTS.md keeps what follows this heading
PIVOT_MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "respondent_ref:count_distinct",
]
PIVOT_GROUPBYS = [[], ["attribute_id"], ["tier_id"], ["attribute_id", "tier_id"]]

# The pivot's aggregation written by hand over the base tables: the priority index
# needs each response's spending, stored on the response (points_bought); the
# respondent weight is stored on the response too. A response has one line per
# attribute, so respondents are counted as lines wherever the attribute is grouped
# ({respondents} is COUNT(*) there, COUNT(DISTINCT l.response_id) elsewhere).
PIVOT_SQL = """
SELECT {attribute} AS attribute_id, p.qsr_tier_id AS tier_id,
       100 * SUM(CASE WHEN r.points_bought > 0
                      THEN r.weight * GREATEST(l.points_total, 0) / r.points_bought
                 END)::float
           / NULLIF(SUM(CASE WHEN r.points_bought > 0 THEN r.weight END), 0)
           AS priority_index,
       SUM(r.weight * l.distress::int)::float / NULLIF(SUM(r.weight), 0)
           AS distress_share,
       {respondents} AS respondents
  FROM qsr_response_line l
  JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'
  JOIN res_partner p ON p.id = r.account_id
 GROUP BY {groups}
"""
PIVOT_CELL_SQL = PIVOT_SQL.format(
    attribute="l.attribute_id",
    respondents="COUNT(*)",
    groups="l.attribute_id, p.qsr_tier_id",
)
# each read_group of the web pivot alone: (label, groupby, the same in SQL)
PIVOT_CALLS = [
    (
        "grand total",
        [],
        PIVOT_SQL.format(
            attribute="NULL::int",
            respondents="COUNT(DISTINCT l.response_id)",
            groups="()",
        ).replace("p.qsr_tier_id AS tier_id", "NULL::int AS tier_id"),
    ),
    (
        "rows: attribute",
        ["attribute_id"],
        PIVOT_SQL.format(
            attribute="l.attribute_id", respondents="COUNT(*)", groups="l.attribute_id"
        ).replace("p.qsr_tier_id AS tier_id", "NULL::int AS tier_id"),
    ),
    (
        "columns: tier",
        ["tier_id"],
        PIVOT_SQL.format(
            attribute="NULL::int",
            respondents="COUNT(DISTINCT l.response_id)",
            groups="p.qsr_tier_id",
        ),
    ),
    ("cells: attribute x tier", ["attribute_id", "tier_id"], PIVOT_CELL_SQL),
]
# the four groupings of the web pivot in one statement
PIVOT_ALL_SQL = (
    PIVOT_SQL.format(
        attribute="l.attribute_id",
        respondents="COUNT(*)",
        groups="GROUPING SETS ((l.attribute_id), (l.attribute_id, p.qsr_tier_id))",
    )
    + " UNION ALL "
    + PIVOT_SQL.format(
        attribute="NULL::int",
        respondents="COUNT(DISTINCT l.response_id)",
        groups="GROUPING SETS ((), (p.qsr_tier_id))",
    )
)

# The same aggregation written by hand over the rows the pivot reads: the submitted
# lines summed per review and attribute (qsr_report_review_attribute), with the
# account's tier. Respondents are the lines wherever the attribute is grouped, each
# response counted once (at its first attribute) elsewhere.
PIVOT_SUMS_SQL = """
SELECT {attribute} AS attribute_id, {tier} AS tier_id,
       100 * SUM(s.w_points_share)::float / NULLIF(SUM(s.w_spender), 0)
           AS priority_index,
       SUM(s.w_distress)::float / NULLIF(SUM(s.weight), 0) AS distress_share,
       SUM(s.{respondents}) AS respondents
  FROM qsr_report_review_attribute s
  JOIN qsr_review rv ON rv.id = s.review_id
  JOIN res_partner p ON p.id = rv.partner_id
 GROUP BY {groups}
"""


def pivot_sums_sql(groupby):
    """PIVOT_SUMS_SQL for one grouping of the web pivot."""
    attribute = "attribute_id" in groupby
    tier = "tier_id" in groupby
    groups = [
        column
        for column, grouped in (("s.attribute_id", attribute), ("p.qsr_tier_id", tier))
        if grouped
    ]
    return PIVOT_SUMS_SQL.format(
        attribute="s.attribute_id" if attribute else "NULL::int",
        tier="p.qsr_tier_id" if tier else "NULL::int",
        respondents="line_count" if attribute else "response_count",
        groups=", ".join(groups) or "()",
    )


# The figures of attribute_summary, from the stored line metrics of one wave.
ENGINE_SQL = """
WITH r AS (
    SELECT id, COALESCE(NULLIF(weight, 0), 1) AS w, points_bought
      FROM qsr_response WHERE wave_id = %(wave)s AND state = 'submitted'
)
SELECT l.attribute_id,
       SUM(r.w * l.norm_current) / SUM(r.w) AS norm_current,
       SUM(r.w * l.norm_acceptable) / SUM(r.w) AS norm_acceptable,
       SUM(r.w * l.norm_ideal) / NULLIF(SUM(r.w) FILTER (
           WHERE l.ideal_level_id IS NOT NULL), 0) AS norm_ideal,
       SUM(r.w * l.gap_steps)::float / SUM(r.w) AS gap_steps,
       SUM(r.w * l.gap_points) / SUM(r.w) AS gap_points,
       SUM(r.w * l.distress::int)::float / SUM(r.w) AS distress_share,
       SUM(r.w * l.bought_first_round::int)::float / SUM(r.w) AS first_round_share,
       SUM(r.w * l.bought_any::int)::float / SUM(r.w) AS any_round_share,
       100 * SUM(r.w * GREATEST(l.points_total, 0) / r.points_bought)
           FILTER (WHERE r.points_bought > 0)
           / NULLIF(SUM(r.w) FILTER (WHERE r.points_bought > 0), 0) AS priority_index,
       COUNT(*) AS respondent_count
  FROM qsr_response_line l JOIN r ON r.id = l.response_id
 GROUP BY l.attribute_id
"""


# The willingness-to-pay pivot written by hand over the lines of one wave: per
# review (an account in the wave) and row, the weighted mean of the lines'
# stored wtp, then added up over the accounts of each group.
WTP_SQL = """
WITH per_account AS (
    SELECT l.attribute_id, rv.tier_id,
           SUM(r.weight * l.wtp) / NULLIF(SUM(r.weight), 0) AS wtp
      FROM qsr_response_line l
      JOIN qsr_response r ON r.id = l.response_id AND r.state = 'submitted'
      JOIN qsr_review rv ON rv.id = r.review_id
     WHERE rv.wave_id = %(wave)s
     GROUP BY l.attribute_id, rv.tier_id, r.review_id
)
SELECT attribute_id, tier_id, SUM(wtp) AS wtp
  FROM per_account
 GROUP BY {groups}
"""
WTP_CELL_SQL = WTP_SQL.format(groups="attribute_id, tier_id")
WTP_PIVOT_SQL = WTP_SQL.format(
    groups="GROUPING SETS ((), (attribute_id), (tier_id), (attribute_id, tier_id))"
)
WTP_ROW_SQL = WTP_SQL.format(groups="attribute_id").replace(
    "attribute_id, tier_id, SUM(wtp)", "attribute_id, NULL AS tier_id, SUM(wtp)"
)


def median_time(func, repeat):
    """Median wall time of ``func`` over ``repeat`` runs (after one warm-up run)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fetch_frame(cr, query, params=None):
    cr.execute(query, params)
    return pd.DataFrame(cr.fetchall(), columns=[d[0] for d in cr.description])


# database


def psql(sql):
    out = subprocess.run(
        ["psql", "-d", "postgres", "-Atc", sql], check=True, capture_output=True
    )
    return out.stdout.decode().strip()


def ensure_database(db, accounts, addons_path, modules):
    """Create ``db`` with the addons (no demo) and the synthetic portfolio, or
    upgrade its addons to the code being measured."""
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'")
    if exists:
        print(f"Upgrading {modules} in {db} to the code being measured")
    else:
        print(f"Installing {modules} in new database {db} (no demo data)")
    subprocess.run(
        [
            *(sys.executable, "-m", "odoo", f"--addons-path={addons_path}"),
            *("-d", db, "-u" if exists else "-i", modules, "--without-demo=all"),
            *("--stop-after-init", "--log-level=warn", "--http-port=8269"),
        ],
        check=True,
    )
    filled = subprocess.run(
        ["psql", "-d", db, "-Atc", "SELECT COUNT(*) FROM qsr_response"],
        check=True,
        capture_output=True,
    ).stdout.strip()
    if filled == b"0":
        print(f"Generating the portfolio: {accounts} accounts x 4 waves into {db}")
        subprocess.run(
            [
                *(sys.executable, "-m", "data.generate_portfolio", "-d", db),
                *(f"--accounts={accounts}", "--waves=4", f"--seed={SEED}"),
                f"--addons-path={addons_path}",
            ],
            check=True,
            cwd=REPO,
        )


# benchmarks


def bench_pivot(env, repeat):
    """2. attribute x tier pivot: read_group vs one SQL query over the lines, and
    vs SQL over the sums per review and attribute that it reads."""
    report = env["qsr.report.response.line"]
    cr = env.cr
    cell_groupby = ["attribute_id", "tier_id"]

    def orm(groupby):
        return lambda: report.read_group([], PIVOT_MEASURES, groupby, lazy=False)

    def sql(query):
        def run():
            cr.execute(query)
            return cr.fetchall()

        return run

    def orm_pivot():  # the web pivot: one read_group per row x column prefix
        for groupby in PIVOT_GROUPBYS:
            orm(groupby)()

    def sums_pivot():
        for groupby in PIVOT_GROUPBYS:
            sql(pivot_sums_sql(groupby))()

    # the three must agree
    orm_rows = orm(cell_groupby)()
    diff = 0.0
    for query in (PIVOT_CELL_SQL, pivot_sums_sql(cell_groupby)):
        sql_rows = {(a, t): (pi, ds, n) for a, t, pi, ds, n in sql(query)()}
        for row in orm_rows:
            key = (row["attribute_id"][0], row["tier_id"] and row["tier_id"][0])
            pi, ds, n = sql_rows[key]
            diff = max(
                diff,
                abs(row["priority_index"] - pi),
                abs(row["distress_share"] - ds),
                abs(row["respondent_ref"] - n),
            )
    calls = [
        (
            label,
            median_time(orm(groupby), repeat),
            median_time(sql(query), repeat),
            median_time(sql(pivot_sums_sql(groupby)), repeat),
        )
        for label, groupby, query in PIVOT_CALLS
    ]
    figures = {
        "cells": len(orm_rows),
        "max_abs_diff": diff,
        "calls": calls,
        "orm_cell": median_time(orm(cell_groupby), repeat),
        "sql_cell": median_time(sql(PIVOT_CELL_SQL), repeat),
        "sums_cell": median_time(sql(pivot_sums_sql(cell_groupby)), repeat),
        "orm_pivot": median_time(orm_pivot, repeat),
        "sql_pivot": median_time(sql(PIVOT_ALL_SQL), repeat),
        "sums_pivot": median_time(sums_pivot, repeat),
    }
    print_pivot(figures)
    env.invalidate_all()
    return figures


def print_pivot(pivot):
    """The pivot's times against both baselines, and the ratios."""
    rows = [
        ("read_group (attribute, tier)", "orm_cell", "sql_cell", "sums_cell"),
        ("web pivot, 4 read_group", "orm_pivot", "sql_pivot", "sums_pivot"),
    ]
    print(f"{'':40} {'ORM':>9} {'SQL lines':>10} {'SQL sums':>9} {'/sums':>6}")
    for label, orm, lines, sums in rows:
        print(
            f"{label:40} {pivot[orm] * 1000:7.1f}ms {pivot[lines] * 1000:8.1f}ms"
            f" {pivot[sums] * 1000:7.1f}ms {ratio(pivot[orm], pivot[sums]):6.2f}"
        )
    for label, orm, lines, sums in pivot["calls"]:
        print(
            f"{'call alone, ' + label:40} {orm * 1000:7.1f}ms {lines * 1000:8.1f}ms"
            f" {sums * 1000:7.1f}ms {ratio(orm, sums):6.2f}"
        )


def engine_frames(env, wave_id):
    """The engine's frames for every submitted response line of a wave, in bulk."""
    from odoo.addons.qsr_simalto.analysis.simalto_engine import MARKS  # noqa: PLC0415

    cr = env.cr
    # the grid version the wave answered most (a database generated before the
    # default grid's latest version has answers on an earlier one)
    cr.execute(
        "SELECT grid_id FROM qsr_response WHERE wave_id = %s AND state = 'submitted'"
        " GROUP BY grid_id ORDER BY COUNT(*) DESC, grid_id DESC LIMIT 1",
        [wave_id],
    )
    grid = env["qsr.grid"].browse(cr.fetchone()[0])
    rounds = grid.round_ids.sorted()
    # with the price columns of willingness_to_pay (price_change NaN off the
    # price row, is_price, the review's account revenue)
    levels = fetch_frame(
        cr,
        """SELECT l.attribute_id, l.id AS level_id, l.position, l.cost,
                  CASE WHEN a.is_price THEN l.price_change END AS price_change
             FROM qsr_grid_level l JOIN qsr_grid_attribute a ON a.id = l.attribute_id
            WHERE l.attribute_id = ANY(%s)""",
        [grid.attribute_ids.ids],
    )
    attributes = pd.DataFrame(
        [
            (
                *(a.id, a.area_id.id, a.area_id.name, a.name, i),
                *(a.allow_reduction, a.is_price),
            )
            for i, a in enumerate(grid.attribute_ids)
        ],
        columns=[
            *("attribute_id", "area_id", "area_name", "attribute_name"),
            *("sequence", "allow_reduction", "is_price"),
        ],
    )
    responses = fetch_frame(
        cr,
        """SELECT r.id AS response_id, COALESCE(NULLIF(r.weight, 0), 1) AS weight,
                  r.account_id, r.partner_id, p.name,
                  COALESCE(rv.account_revenue, 0) AS revenue
             FROM qsr_response r JOIN res_partner p ON p.id = r.partner_id
             JOIN qsr_review rv ON rv.id = r.review_id
            WHERE r.wave_id = %s AND r.state = 'submitted' AND r.grid_id = %s""",
        [wave_id, grid.id],
    )
    marks = ", ".join(f"l.{mark}_level_id" for mark in MARKS)
    rounds_sql = ", ".join(
        f"MAX(c.level_id) FILTER (WHERE c.round_id = {rnd.id}) AS round_{i}_level_id"
        for i, rnd in enumerate(rounds, start=1)
    )
    lines = fetch_frame(
        cr,
        f"""SELECT l.id AS line_id, l.response_id, l.attribute_id, {marks}, {rounds_sql}
              FROM qsr_response_line l
              JOIN qsr_response r ON r.id = l.response_id
              LEFT JOIN qsr_response_round_choice c ON c.line_id = l.id
             WHERE r.wave_id = %s AND r.state = 'submitted' AND r.grid_id = %s
             GROUP BY l.id""",
        [wave_id, grid.id],
    )
    return levels, attributes, responses, lines, rounds.mapped("budget")


def bench_engine(env, repeat):
    """4. attribute_summary over one wave vs a plain SQL aggregation."""
    from odoo.addons.qsr_simalto.analysis import simalto_engine  # noqa: PLC0415

    cr = env.cr
    wave_id = latest_wave(cr)
    frames = engine_frames(env, wave_id)
    _levels, _attributes, responses, lines, _budgets = frames

    def compute():
        return simalto_engine.attribute_summary(*frames)

    def load_and_compute():
        lv, at, rs, ln, bg = engine_frames(env, wave_id)
        return simalto_engine.attribute_summary(lv, at, rs, ln, bg)

    def sql():
        return fetch_frame(cr, ENGINE_SQL, {"wave": wave_id})

    # the two must agree
    engine = compute().set_index("attribute_id")
    plain = sql().set_index("attribute_id")
    columns = ["norm_current", "gap_steps", "distress_share", "priority_index"]
    diff = float((engine[columns] - plain[columns].astype(float)).abs().max().max())

    figures = {
        "lines": len(lines),
        "responses": len(responses),
        "max_abs_diff": diff,
        "compute": median_time(compute, repeat),
        "load_compute": median_time(load_and_compute, repeat),
        "sql": median_time(sql, repeat),
    }
    tracemalloc.start()
    load_and_compute()
    figures["peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    env.invalidate_all()
    return figures


def latest_wave(cr):
    """The latest wave with submitted grids."""
    cr.execute(
        "SELECT wave_id, COUNT(*) FROM qsr_response WHERE state = 'submitted'"
        " GROUP BY wave_id ORDER BY wave_id DESC LIMIT 1"
    )
    return cr.fetchone()[0]


def bench_wtp(env, repeat):
    """6. the willingness-to-pay pivot of one wave vs SQL over the lines, and
    the engine's willingness_to_pay vs the same SQL per row."""
    from odoo.addons.qsr_simalto.analysis import simalto_engine  # noqa: PLC0415

    report = env["qsr.report.response.line"]
    cr = env.cr
    wave_id = latest_wave(cr)
    domain = [("wave_id", "=", wave_id)]

    def orm(groupby):
        return lambda: report.read_group(domain, ["wtp:sum"], groupby, lazy=False)

    def sql(query):
        def run():
            cr.execute(query, {"wave": wave_id})
            return cr.fetchall()

        return run

    def orm_pivot():
        for groupby in PIVOT_GROUPBYS:
            orm(groupby)()

    cells = {(a, t): v or 0.0 for a, t, v in sql(WTP_CELL_SQL)()}
    orm_rows = orm(["attribute_id", "tier_id"])()
    diff = 0.0
    for row in orm_rows:
        key = (row["attribute_id"][0], row["tier_id"][0] if row["tier_id"] else None)
        diff = max(diff, abs((row["wtp"] or 0.0) - cells[key]))
    frames = engine_frames(env, wave_id)

    def engine():
        return simalto_engine.willingness_to_pay(*frames)

    per_row = pd.Series(
        {a: v for a, _t, v in sql(WTP_ROW_SQL)()}, dtype=float, name="sql"
    )
    summary = engine().summary.set_index("attribute_id")["wtp_total"]
    both = summary.to_frame("engine").join(per_row, how="left")
    priced = bool(summary.notna().any())
    relative = (
        float(((both["engine"] - both["sql"]).abs() / both["sql"].abs()).max())
        if priced and both["sql"].abs().sum()
        else float("nan")
    )
    figures = {
        "cells": len(orm_rows),
        "total": float(per_row.sum()),
        "priced": priced,
        "max_abs_diff": diff,
        "engine_rel_diff": relative,
        "orm_cell": median_time(orm(["attribute_id", "tier_id"]), repeat),
        "sql_cell": median_time(sql(WTP_CELL_SQL), repeat),
        "orm_pivot": median_time(orm_pivot, repeat),
        "sql_pivot": median_time(sql(WTP_PIVOT_SQL), repeat),
        "engine": median_time(engine, repeat),
        "sql_rows": median_time(sql(WTP_ROW_SQL), repeat),
        "lines": len(frames[3]),
    }
    print_wtp(figures)
    env.invalidate_all()
    return figures


def print_wtp(wtp):
    print(f"{'':44} {'product':>10} {'SQL':>10} {'ratio':>6}")
    for label, product, baseline in (
        ("wtp read_group (attribute, tier), one wave", "orm_cell", "sql_cell"),
        ("wtp web pivot (4 read_group) vs GROUPING SETS", "orm_pivot", "sql_pivot"),
        ("willingness_to_pay (engine) vs SQL per row", "engine", "sql_rows"),
    ):
        print(
            f"{label:44} {wtp[product] * 1000:8.1f}ms {wtp[baseline] * 1000:8.1f}ms"
            f" {ratio(wtp[product], wtp[baseline]):6.2f}"
        )
    print(
        f"{wtp['cells']} cells, {wtp['lines']:,} lines; total willingness to pay "
        f"{wtp['total']:,.2f}; pivot vs SQL max abs diff {wtp['max_abs_diff']:.3g}; "
        + (
            f"engine vs SQL max relative diff {wtp['engine_rel_diff']:.2g} (the "
            "engine recomputes from the points; SQL adds up the line figures the "
            "ORM stored, each rounded to the cent)"
            if wtp["priced"]
            else "the grid has no price row: nothing priced"
        )
    )


def bench_cadence(env, total_accounts):
    """5. The cadence job over ``total_accounts`` tiered accounts, run twice; the
    caller rolls the transaction back."""
    from odoo import SUPERUSER_ID  # noqa: PLC0415

    env = env(
        user=SUPERUSER_ID,
        context={"tracking_disable": True, "mail_create_nolog": True},
    )
    partners = env["res.partner"]
    existing = partners.search_count(
        [("is_company", "=", True), ("qsr_tier_id", "!=", False)]
    )
    tiers = [
        env.ref(f"qsr_review.tier_{key}")
        for key in ("strategic", "key", "development", "maintain")
    ]
    extra = max(0, total_accounts - existing)
    vals = [
        {
            "name": f"Bench Cadence {i:05d}",
            "is_company": True,
            "qsr_tier_id": tiers[i % 4].id,
            "qsr_annual_revenue": 1e6,
            "qsr_sponsor_id": env.ref("base.user_admin").id,
        }
        for i in range(extra)
    ]
    start = time.perf_counter()
    for chunk in range(0, extra, 1000):
        partners.create(vals[chunk : chunk + 1000])
    env.flush_all()
    setup = time.perf_counter() - start
    env.invalidate_all()

    review = env["qsr.review"]
    start = time.perf_counter()
    first = review._cron_plan_reviews()
    env.flush_all()
    first_time = time.perf_counter() - start
    env.invalidate_all()
    start = time.perf_counter()
    second = review._cron_plan_reviews()
    env.flush_all()
    second_time = time.perf_counter() - start
    return {
        "accounts": existing + extra,
        "extra": extra,
        "setup": setup,
        "first": first_time,
        "first_created": len(first),
        "second": second_time,
        "second_created": len(second),
    }


# report


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
        mem = f"{int(mem) / 2**20:.1f} GiB RAM"
    except OSError:
        mem = "RAM unknown"
    pg = psql("SHOW server_version").split()[0]
    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {mem}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}"
        f", PostgreSQL {pg}"
    )


def pivot_rows(pivot, baseline, names, target):
    """The RESULTS.md rows of the pivot against one of its baselines, named
    ``names`` (for the cells, a call alone, the whole pivot)."""
    cell_name, call_name, pivot_name = names
    index = {"sql": 2, "sums": 3}[baseline]
    cell, whole = pivot[f"{baseline}_cell"], pivot[f"{baseline}_pivot"]
    return [
        compared_row(
            f"read_group (attribute, tier) vs {cell_name}",
            pivot["orm_cell"],
            cell,
            target,
        ),
        *(
            compared_row(
                f"web pivot call alone, {call[0]}: read_group vs {call_name}",
                call[1],
                call[index],
                target,
            )
            for call in pivot["calls"]
        ),
        compared_row(
            f"web pivot (4 read_group) vs {pivot_name}",
            pivot["orm_pivot"],
            whole,
            target,
        ),
    ]


def report(meta, figures):
    """RESULTS.md: the table of every benchmark run, then notes."""
    ms = "{:,.0f} ms".format
    pivot, engine, cadence = figures["pivot"], figures["engine"], figures["cadence"]
    wtp = figures["wtp"]
    rows = [
        ("1. Portal answering (HTTP), ours vs Odoo survey", "", "", "", ""),
        *bench_portal.markdown_rows(figures["portal"]),
        ("2. Pivot attribute x tier", "", "", "", ""),
        *pivot_rows(
            pivot,
            "sql",
            ("SQL GROUP BY", "SQL", "SQL GROUPING SETS"),
            "<= 1.5 and < 1 s",
        ),
        *pivot_rows(
            pivot,
            "sums",
            ("SQL over the sums it reads",) * 2 + ("4 SQL queries over the sums",),
            "<= 1.1",
        ),
        ("3. Exports", "", "", "", ""),
        *bench_exports.markdown_rows(figures["exports"]),
        ("4. Engine, one wave", "", "", "", ""),
        compared_row(
            "attribute_summary (frames in memory) vs SQL",
            engine["compute"],
            engine["sql"],
            "report",
        ),
        compared_row(
            "SQL load + attribute_summary vs SQL",
            engine["load_compute"],
            engine["sql"],
            "report",
        ),
        (
            "peak Python memory (tracemalloc), load + compute",
            f"{engine['peak_mb']:,.0f} MiB",
            "",
            "",
            "report",
        ),
        ("6. Willingness to pay, one wave", "", "", "", ""),
        compared_row(
            "wtp read_group (attribute, tier) vs SQL over the lines",
            wtp["orm_cell"],
            wtp["sql_cell"],
            "<= 1.5",
        ),
        compared_row(
            "wtp web pivot (4 read_group) vs SQL GROUPING SETS",
            wtp["orm_pivot"],
            wtp["sql_pivot"],
            "<= 1.5",
        ),
        compared_row(
            "willingness_to_pay (engine, frames in memory) vs SQL per row",
            wtp["engine"],
            wtp["sql_rows"],
            "report",
        ),
        ("7. Package planner, one wave", "", "", "", ""),
        *bench_package.markdown_rows(figures["package"]),
        ("8. Account plan page (HTTP), 50 vs 5 improvements", "", "", "", ""),
        *bench_plan.markdown_rows(figures["plan"]),
        ("9. Revenue job", "", "", "", ""),
        *bench_revenue.markdown_rows(figures["revenue"]),
        ("5. Cadence job", "", "", "", ""),
        (
            f"first run, {cadence['accounts']:,} accounts",
            ms(cadence["first"] * 1000),
            "",
            "",
            f"{cadence['first_created']:,} reviews created",
        ),
        (
            "second run",
            ms(cadence["second"] * 1000),
            "",
            "",
            f"{cadence['second_created']:,} reviews created (must be 0)",
        ),
    ]
    header = ("Benchmark", "Product", "Baseline", "Ratio", "Target / note")
    table = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for row in rows:
        if not row[1]:
            table.append(f"| **{row[0]}** | | | | |")
        else:
            table.append("| " + " | ".join(row) + " |")
    slowest = max(pivot["calls"], key=lambda call: call[1])
    worst = max(pivot["calls"], key=lambda call: ratio(call[1], call[2]))
    checks = [
        ("read_group (attribute, tier)", pivot["orm_cell"], pivot["sql_cell"]),
        (f"slowest single call ({slowest[0]})", slowest[1], slowest[2]),
        (f"call with the worst ratio ({worst[0]})", worst[1], worst[2]),
        ("web pivot, 4 calls in a row", pivot["orm_pivot"], pivot["sql_pivot"]),
    ]
    verdicts = []
    for name, seconds, baseline in checks:
        r = ratio(seconds, baseline)
        verdicts.append(
            f"{name} {'meets' if r <= 1.5 else 'misses'} ratio <= 1.5 "
            f"({r:.2f}, {r / 1.5:.1f}x the target) and "
            f"{'meets' if seconds < 1 else 'misses'} < 1 s ({seconds:.2f} s)"
        )
    notes = [
        f"* Pivot targets: {'; '.join(verdicts)}.",
        f"* Pivot: {pivot['cells']} cells; ORM and both SQL baselines agree within "
        f"{pivot['max_abs_diff']:.2g}. Measures: {', '.join(PIVOT_MEASURES)}.",
        f"* Engine: wave of {engine['responses']:,} responses and {engine['lines']:,} "
        f"lines; engine and SQL agree within {engine['max_abs_diff']:.2g}.",
        f"* Willingness to pay: {wtp['cells']} cells over {wtp['lines']:,} lines, "
        f"pivot and SQL agree within {wtp['max_abs_diff']:.2g}; "
        + (
            f"engine and SQL within a relative {wtp['engine_rel_diff']:.2g}."
            if wtp["priced"]
            else "the grid has no price row: nothing priced."
        ),
        f"* Cadence: {cadence['extra']:,} extra tiered accounts created in "
        f"{cadence['setup']:.1f} s in a transaction that is rolled back.",
    ]
    text = "\n".join(
        [
            "# QSR benchmarks",
            "",
            "Written by `make bench` (tests/bench/run_benchmarks.py). Times are the "
            f"median of {meta['repeat']} runs after a warm-up run; product and "
            "baseline run in the same process on the same database.",
            "",
            f"* Date: {meta['date']}",
            f"* Machine: {meta['machine']}",
            f"* Scale: database `{meta['db']}`, {meta['accounts']:,} accounts x 4 "
            f"waves, {meta['lines']:,} response lines, {meta['responses']:,} "
            "responses",
            "",
            *table,
            "",
            *notes,
            "",
        ]
    )
    return text


BENCHMARKS = (
    "portal",
    "pivot",
    "exports",
    "engine",
    "cadence",
    "wtp",
    "package",
    "plan",
    "revenue",
)
# the benchmarks on a database of their own, not the portfolio's
OWN_DATABASE = {"portal", "plan", "revenue"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--modules", required=True, help="addons to install")
    parser.add_argument(
        "--only",
        default=",".join(BENCHMARKS),
        help="comma-separated subset of %(default)s; RESULTS.md is written only "
        "when all run",
    )
    args = parser.parse_args()
    chosen = args.only.split(",")
    if unknown := set(chosen) - set(BENCHMARKS):
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    accounts = int(os.environ.get("BENCH_ACCOUNTS", 2000))
    repeat = int(os.environ.get("BENCH_REPEAT", 5))
    cadence_accounts = int(os.environ.get("BENCH_CADENCE_ACCOUNTS", 10000))
    db = os.environ.get("BENCH_DB") or (
        "qsr_bench" if accounts == 2000 else f"qsr_bench_{accounts}"
    )
    if not db.startswith("qsr_bench"):
        parser.error("the benchmark database name must start with qsr_bench")
    figures = {}
    if "portal" in chosen:
        print("1. portal ...", flush=True)
        figures["portal"] = bench_portal.run(
            args.addons_path,
            db=f"{db}_portal",
            sessions=int(os.environ.get("BENCH_PORTAL_SESSIONS", 10)),
        )
        bench_portal.print_table(figures["portal"])
    if "plan" in chosen:
        print("8. account plan ...", flush=True)
        figures["plan"] = bench_plan.run(
            args.addons_path,
            db=f"{db}_plan",
            repeat=int(os.environ.get("BENCH_PLAN_REPEAT", 10)),
        )
        bench_plan.print_table(figures["plan"])
    if "revenue" in chosen:
        print("9. revenue job ...", flush=True)
        figures["revenue"] = bench_revenue.run(
            args.addons_path, db=f"{db}_revenue", accounts=accounts
        )
        bench_revenue.print_table(figures["revenue"])
    if set(chosen) <= OWN_DATABASE:
        return
    ensure_database(db, accounts, args.addons_path, args.modules)

    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-d", db, f"--addons-path={args.addons_path}", "--log-level=warn"]
    )
    registry = Registry(db)
    with registry.cursor() as cr:
        cr.execute("SELECT COUNT(*) FROM qsr_response_line")
        (lines,) = cr.fetchone()
        cr.execute("SELECT COUNT(*) FROM qsr_response")
        (responses,) = cr.fetchone()
        # an internal user, so that access rules apply as in the web client
        env = api.Environment(cr, 2, {})
        if "pivot" in chosen:
            print("2. pivot ...", flush=True)
            figures["pivot"] = bench_pivot(env, repeat)
        if "engine" in chosen:
            print("4. engine ...", flush=True)
            figures["engine"] = bench_engine(env, repeat)
        if "wtp" in chosen:
            print("6. willingness to pay ...", flush=True)
            figures["wtp"] = bench_wtp(env, repeat)
        if "package" in chosen:
            print("7. package planner ...", flush=True)
            wave_id = latest_wave(cr)
            figures["package"] = bench_package.run(
                env, repeat, engine_frames(env, wave_id), wave_id
            )
            bench_package.print_table(figures["package"])
        if "cadence" in chosen:
            print("5. cadence ...", flush=True)
            figures["cadence"] = bench_cadence(env, cadence_accounts)
        cr.rollback()
    if "exports" in chosen:
        print("3. exports ...", flush=True)
        figures["exports"] = bench_exports.run(args.addons_path, db, min(repeat, 3))
    for name, values in figures.items():
        if name not in OWN_DATABASE:
            print(name, values)
    if set(figures) != set(BENCHMARKS):
        return
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "db": db,
        "accounts": accounts,
        "lines": lines,
        "responses": responses,
        "repeat": repeat,
    }
    text = report(meta, figures)
    print(text)
    # keep the hand-written analysis that follows the figures
    old = RESULTS.read_text() if RESULTS.exists() else ""
    if ANALYSIS in old:
        text += "\n" + old[old.index(ANALYSIS) :]
    RESULTS.write_text(text)
    print(f"written to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
