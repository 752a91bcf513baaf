"""9. The revenue job of qsr_account (run_benchmarks.py, ``--only revenue``).

A database of its own (``qsr_revenue_bench`` unless told otherwise) with
qsr_account (qsr_review and account, no demo data). In a transaction that is
rolled back: ``--accounts`` companies (2,000) created through the ORM, then for
each ``--per-year`` (50) customer documents a year over the last 24 months,
inserted with one SQL statement (every tenth a credit note, every twentieth a
draft); then ``qsr.account.revenue._compute_all()`` over every account, timed,
and run again (idempotent: the second run must write nothing), against the
same figures as one plain SQL GROUP BY over the invoices (the baseline). The
partners' invoiced revenue is checked against that baseline. Figures are
printed, never asserted; the target is < 30 s for the job.

    python3 tests/bench/bench_revenue.py --addons-path=... [--db=qsr_revenue_bench]
        [--accounts=2000] [--per-year=50]
"""

import argparse
import json
import time

import bench_common

MODULES = "qsr_account"
DEFAULT_DB = "qsr_revenue_bench"
PORT = 8312
RESULT_MARK = "BENCH_REVENUE_RESULT "
TARGET_SECONDS = 30

# the documents of the accounts: ``per_year`` a year over 730 days back from today
INSERT_MOVES = """
INSERT INTO account_move (
    name, move_type, state, journal_id, company_id, currency_id, date, invoice_date,
    partner_id, commercial_partner_id, amount_untaxed, amount_untaxed_signed,
    amount_total, amount_total_signed, auto_post,
    create_uid, create_date, write_uid, write_date)
SELECT 'QSRB/' || p.id || '/' || i,
       CASE WHEN i %% 10 = 0 THEN 'out_refund' ELSE 'out_invoice' END,
       CASE WHEN i %% 20 = 1 THEN 'draft' ELSE 'posted' END,
       %(journal)s, %(company)s, %(currency)s, x.day, x.day, p.id, p.id,
       x.amount, CASE WHEN i %% 10 = 0 THEN -x.amount ELSE x.amount END,
       x.amount, CASE WHEN i %% 10 = 0 THEN -x.amount ELSE x.amount END, 'no',
       1, now(), 1, now()
  FROM res_partner p
 CROSS JOIN generate_series(0, %(count)s - 1) i
 CROSS JOIN LATERAL (
       SELECT (%(today)s::date - (i * 730 / %(count)s))::date AS day,
              ROUND((500 + (p.id * 37 + i * 101) %% 9500)::numeric, 2) AS amount
 ) x
 WHERE p.id = ANY(%(partners)s)
"""
# the baseline: the same figures as one GROUP BY, nothing written
BASELINE = """
SELECT commercial_partner_id,
       SUM(amount_untaxed_signed) FILTER (WHERE invoice_date > %(middle)s),
       SUM(amount_untaxed_signed) FILTER (WHERE invoice_date <= %(middle)s)
  FROM account_move
 WHERE state = 'posted' AND move_type IN ('out_invoice', 'out_refund')
   AND invoice_date > %(start)s AND invoice_date <= %(end)s
 GROUP BY commercial_partner_id
"""


def measure(db, addons_path, accounts, per_year):
    """Fill, run the job twice and the baseline, roll back; return the figures."""
    from odoo import fields  # noqa: PLC0415

    figures = {"accounts": accounts, "per_year": per_year, "db": db}
    with bench_common.superuser_env(db, addons_path) as env:
        env = bench_common.quiet_env(env)
        cr = env.cr
        start = time.perf_counter()
        partners = env["res.partner"]
        for chunk in range(0, accounts, 1000):
            partners |= partners.create(
                [
                    {"name": f"QSR Bench Revenue {i:05d}", "is_company": True}
                    for i in range(chunk, min(chunk + 1000, accounts))
                ]
            )
        env.flush_all()
        company = env.company
        journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
        )
        today = fields.Date.context_today(env["res.partner"])
        cr.execute(
            INSERT_MOVES,
            {
                "journal": journal.id,
                "company": company.id,
                "currency": company.currency_id.id,
                "count": 2 * per_year,
                "today": today,
                "partners": partners.ids,
            },
        )
        figures["documents"] = cr.rowcount
        cr.execute("ANALYZE account_move")
        figures["setup"] = time.perf_counter() - start
        env.invalidate_all()

        Revenue = env["qsr.account.revenue"]
        for run in ("first", "second"):
            start = time.perf_counter()
            rows, written = Revenue._compute_all()
            env.flush_all()
            figures[run] = time.perf_counter() - start
            figures[f"{run}_rows"], figures[f"{run}_partners"] = rows, written
            env.invalidate_all()

        begin, middle, end = Revenue._windows(today)
        start = time.perf_counter()
        cr.execute(BASELINE, {"start": begin, "middle": middle, "end": end})
        expected = {pid: (cur or 0.0, prev or 0.0) for pid, cur, prev in cr.fetchall()}
        figures["baseline"] = time.perf_counter() - start
        cr.execute(
            "SELECT id, qsr_invoiced_revenue, qsr_invoiced_revenue_previous,"
            "       qsr_annual_revenue"
            "  FROM res_partner WHERE id = ANY(%s)",
            [partners.ids],
        )
        figures["mismatches"] = sum(
            1
            for pid, cur, prev, annual in cr.fetchall()
            if abs((cur or 0) - expected[pid][0]) > 0.005
            or abs((prev or 0) - expected[pid][1]) > 0.005
            or abs((annual or 0) - expected[pid][0]) > 0.005
        )
        cr.rollback()
    return figures


def run(addons_path, db=DEFAULT_DB, accounts=2000, per_year=50):
    bench_common.ensure_database(db, addons_path, MODULES, PORT)
    return bench_common.run_child(
        __file__,
        RESULT_MARK,
        [
            "--measure",
            f"--addons-path={addons_path}",
            f"--db={db}",
            f"--accounts={accounts}",
            f"--per-year={per_year}",
        ],
    )


def markdown_rows(figures):
    ms = "{:,.0f} ms".format
    first, baseline = figures["first"], figures["baseline"]
    return [
        (
            f"first run, {figures['accounts']:,} accounts, "
            f"{figures['documents']:,} documents vs SQL GROUP BY",
            ms(first * 1000),
            ms(baseline * 1000),
            f"{first / baseline:.1f}" if baseline else "",
            f"< {TARGET_SECONDS} s: {'meets' if first < TARGET_SECONDS else 'misses'}"
            f"; {figures['first_rows']:,} rows, {figures['first_partners']:,} "
            f"accounts written, {figures['mismatches']} differ from SQL",
        ),
        (
            "second run (idempotent)",
            ms(figures["second"] * 1000),
            "",
            "",
            f"{figures['second_rows']} rows, {figures['second_partners']} accounts "
            "written (must be 0)",
        ),
    ]


def print_table(figures):
    print()
    print(
        f"Revenue job, database {figures['db']}: {figures['accounts']:,} accounts, "
        f"{figures['per_year']} documents per account per year over 24 months "
        f"({figures['documents']:,} inserted in {figures['setup']:.1f} s)"
    )
    for row in markdown_rows(figures):
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--per-year", type=int, default=50)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        figures = measure(args.db, args.addons_path, args.accounts, args.per_year)
        print(RESULT_MARK + json.dumps(figures), flush=True)
        return
    print_table(run(args.addons_path, args.db, args.accounts, args.per_year))


if __name__ == "__main__":
    main()
