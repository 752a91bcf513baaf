"""8. The customer's account plan page over HTTP (run_benchmarks.py, ``--only
plan``), as the plan grows from 5 to 50 improvements.

A real Odoo server (``--workers=0``) on a database of its own (``qsr_plan_bench``
unless told otherwise, created with qsr_review, qsr_simalto, qsr_reporting and
qsr_workshop, no demo data). For each size N the setup script makes an account
with a portal contact and a published plan for this year holding: six
objectives (one per measure), the account's review of the year (the default
grid answered by three contacts, results published) with N gaps shared with the
customer, a workshop of the year with N actions owned by the contact, and a
review of the year before with N gaps shared with the customer ("You said, we
did", half of them done). The contact logs in and opens the plan page
(``GET /my/qsr/plans/<id>``): one warm-up request, then ``--repeat`` requests.

Times are wall times seen by the client; SQL queries per request come from the
server's werkzeug log lines. The queries should not grow with N. Figures are
printed, never asserted.

    python3 tests/bench/bench_plan.py --addons-path=... [--db=qsr_plan_bench]
        [--repeat=10] [--port=8311]
"""

import argparse
import json
import re
import statistics
import time

import bench_common
import bench_portal

MODULES = "qsr_review,qsr_simalto,qsr_reporting,qsr_workshop"
DEFAULT_DB = "qsr_plan_bench"
DEFAULT_PORT = 8311
SIZES = (5, 50)
RESPONDENTS = 3
SETUP_MARK = "BENCH_PLAN_SETUP "
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


# database and data


def _account(env, size, run):
    """An account with RESPONDENTS contacts, the first with a portal login."""
    from odoo.fields import Command  # noqa: PLC0415

    account = env["res.partner"].create(
        {"name": f"QSR Bench Plan Account {size}-{run}", "is_company": True}
    )
    contacts = env["res.partner"].create(
        [
            {
                "name": f"Bench Plan Contact {size}-{run}-{index}",
                "email": f"bench.plan.{size}.{run}.{index}@example.com",
                "parent_id": account.id,
            }
            for index in range(RESPONDENTS)
        ]
    )
    login = f"bench_plan_{size}_{run}"
    env["res.users"].create(
        {
            "login": login,
            "password": login,
            "partner_id": contacts[0].id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    return account, contacts, login


def setup(env, sizes=SIZES):
    """For each size, an account and its published plan (see the module's
    docstring). Returns {size: {plan_id, login}}."""
    from datetime import date  # noqa: PLC0415

    import numpy as np  # noqa: PLC0415

    from odoo.fields import Command  # noqa: PLC0415

    env = bench_common.quiet_env(env)
    grid = env.ref("qsr_simalto.grid_default")._latest_version()
    admin = env.ref("base.user_admin")
    today = date.today()
    year = today.year
    run = env["qsr.account.plan"].search_count([])
    rng = np.random.default_rng(42)
    out = {}
    for size in sizes:
        account, contacts, login = _account(env, size, run)
        participants = [Command.create({"partner_id": c.id}) for c in contacts]
        # the review of the year: the grid answered, results published
        review = env["qsr.review"].create(
            {
                "partner_id": account.id,
                "review_type": "simalto",
                "grid_id": grid.id,
                "date_planned": today,
                "participant_ids": participants,
            }
        )
        review.stage = "collect"
        for response in review.response_ids:
            review._demo_fill(response, rng, True)
        review.write({"stage": "meet", "results_published": True})
        env["qsr.gap"].create(
            [
                {
                    "name": f"Bench improvement {index}",
                    "review_id": review.id,
                    "customer_visible": True,
                    "user_id": admin.id,
                    "date_deadline": date(year, 1 + index % 12, 1 + index % 28),
                }
                for index in range(size)
            ]
        )
        # a workshop of the year, its actions owned by the portal contact
        workshop = env["qsr.review"].create(
            {
                "partner_id": account.id,
                "review_type": "workshop",
                "date_planned": today,
            }
        )
        env["qsr.workshop.action"].create(
            [
                {
                    "review_id": workshop.id,
                    "name": f"Bench action {index}",
                    "side": "theirs",
                    "owner_partner_id": contacts[0].id,
                    "date_deadline": date(year, 1 + index % 12, 1 + index % 28),
                }
                for index in range(size)
            ]
        )
        # the year before: what they said, half of it done
        earlier = env["qsr.review"].create(
            {
                "partner_id": account.id,
                "date_planned": date(year - 1, 6, 1),
                "results_published": True,
            }
        )
        gaps = env["qsr.gap"].create(
            [
                {
                    "name": f"Bench earlier gap {index}",
                    "review_id": earlier.id,
                    "customer_visible": True,
                    "user_id": admin.id,
                    "resolution": f"Done as asked ({index})",
                }
                for index in range(size)
            ]
        )
        gaps[: size // 2].write({"state": "done"})
        plan = env["qsr.account.plan"].create(
            {
                "partner_id": account.id,
                "date_start": date(year, 1, 1),
                "date_end": date(year, 12, 31),
                "summary": "<p>The plan of the benchmark.</p>",
                "objective_ids": [
                    Command.create(
                        {
                            "name": f"Bench objective {measure}",
                            "side": "ours",
                            "owner_user_id": admin.id,
                            "measure": measure,
                            "target": 10,
                        }
                    )
                    for measure in (
                        "manual",
                        "won_count",
                        "won_revenue",
                        "pipeline",
                        "gaps_on_time",
                        "actions_done",
                    )
                ],
            }
        )
        plan.action_publish()
        out[size] = {"plan_id": plan.id, "login": login}
    env.cr.commit()
    return out


def _setup_main(args):
    sizes = [int(size) for size in args.sizes.split(",")]
    with bench_common.superuser_env(args.db, args.addons_path) as env:
        data = setup(env, sizes)
    print(SETUP_MARK + json.dumps(data), flush=True)


# the requests


def login(rec, login):
    session = rec.requests.Session()
    res = rec.call(session, "login", "GET", "/web/login")
    csrf = CSRF.search(res.text).group(1)
    res = rec.call(
        session,
        "login",
        "POST",
        "/web/login",
        data={"login": login, "password": login, "csrf_token": csrf},
    )
    if res.status_code != 303:
        raise RuntimeError(f"{login} could not log in: HTTP {res.status_code}")
    return session


def run(addons_path, db=DEFAULT_DB, repeat=10, port=DEFAULT_PORT, sizes=SIZES):
    """Run the benchmark; returns its figures (see ``markdown_rows``)."""
    if not db.startswith("qsr_"):
        raise ValueError("the benchmark database name must start with qsr_")
    bench_common.ensure_database(db, addons_path, MODULES, port)
    started = time.perf_counter()
    data = bench_common.run_setup(__file__, SETUP_MARK, db, addons_path, sizes)
    setup_seconds = time.perf_counter() - started
    server = bench_portal.Server(db, addons_path, port)
    pages = {}
    try:
        server.wait_ready(timeout=300, request_timeout=30)
        rec = bench_portal.Recorder(server.base)
        for size in sizes:
            spec = data[size]
            rec.side, rec.size, rec.counted = "plan", size, False
            session = login(rec, spec["login"])
            url = f"/my/qsr/plans/{spec['plan_id']}"
            for index in range(repeat + 1):
                rec.counted = index > 0
                res = rec.call(session, "page", "GET", url)
                if res.status_code != 200 or "o_qsr_plan_improvement" not in res.text:
                    raise RuntimeError(f"{url}: no plan page (HTTP {res.status_code})")
            pages[size] = {
                "improvements": res.text.count('o_qsr_plan_improvement"'),
                "actions": res.text.count('o_qsr_plan_action"'),
                "said_did": res.text.count('o_qsr_plan_said_did"'),
                "kb": len(res.content) / 1024,
            }
        time.sleep(1)  # the last log lines
        bench_portal._match_queries(rec.records, server.log_lines())
    finally:
        server.stop()
    by = {}
    for size in sizes:
        done = [
            r
            for r in rec.records
            if r["size"] == size and r["kind"] == "page" and r["counted"]
        ]
        times = [r["seconds"] for r in done]
        queries = [r["queries"] for r in done if "queries" in r]
        by[size] = {
            "n": len(times),
            "median": statistics.median(times),
            "p95": bench_portal._p95(times),
            "queries_median": statistics.median(queries) if queries else None,
            "queries_min": min(queries) if queries else None,
            "queries_max": max(queries) if queries else None,
            **pages[size],
        }
    return {
        "db": db,
        "repeat": repeat,
        "sizes": list(sizes),
        "setup_seconds": setup_seconds,
        "by": by,
        "log": server.log.name,
    }


# figures


def markdown_rows(figures):
    """(measure, product, baseline, ratio, target) rows for RESULTS.md: the
    largest size against the smallest."""
    by, sizes = figures["by"], figures["sizes"]
    small, large = by[sizes[0]], by[sizes[-1]]
    ms = "{:,.0f} ms".format
    return [
        *(
            (
                f"plan page, {size} improvements, median "
                f"(p95 {ms(by[size]['p95'] * 1000)})",
                ms(by[size]["median"] * 1000),
                "",
                "",
                "report",
            )
            for size in sizes
        ),
        (
            f"plan page time, {sizes[-1]} vs {sizes[0]} improvements",
            ms(large["median"] * 1000),
            ms(small["median"] * 1000),
            f"{large['median'] / small['median']:.2f}",
            "report",
        ),
        (
            f"SQL queries per plan page, {sizes[-1]} vs {sizes[0]} improvements",
            f"{large['queries_median']:g}",
            f"{small['queries_median']:g}",
            f"{large['queries_median'] / small['queries_median']:.2f}",
            "constant",
        ),
    ]


def print_table(figures):
    by = figures["by"]
    print()
    print(
        f"Account plan page, {figures['repeat']} requests per size after a warm-up "
        f"(database {figures['db']}, setup {figures['setup_seconds']:.1f} s)"
    )
    header = (
        f"{'size':>5} {'gaps':>5} {'actions':>7} {'said/did':>8} {'KiB':>6} "
        f"{'median':>9} {'p95':>9} {'queries':>8} {'min-max':>9}"
    )
    print(header)
    print("-" * len(header))
    for size in figures["sizes"]:
        fig = by[size]
        print(
            f"{size:>5} {fig['improvements']:>5} {fig['actions']:>7} "
            f"{fig['said_did']:>8} {fig['kb']:6.0f} {fig['median'] * 1000:7.0f}ms "
            f"{fig['p95'] * 1000:7.0f}ms {fig['queries_median']:>8g} "
            f"{fig['queries_min']:>4}-{fig['queries_max']:<4}"
        )
    print()
    bench_common.print_markdown(
        [
            ("Measure", "Product", "Baseline", "Ratio", "Target"),
            *markdown_rows(figures),
        ],
        (52, 10, 10, 6, 9),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        _setup_main(args)
        return
    sizes = tuple(int(size) for size in args.sizes.split(","))
    figures = run(args.addons_path, args.db, args.repeat, args.port, sizes)
    print_table(figures)


if __name__ == "__main__":
    main()
