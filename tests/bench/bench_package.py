"""7. Package planner, one wave (run_benchmarks.py, ``--only package``).

``package_planner.best_package`` over the frames of the whole benchmark wave
(every submitted response of the latest wave, the grid it answered most), for
each objective at a budget of 30 points, against ``simalto_engine.what_if`` of
the typical package on the same frames (what the package form shows for a
package nobody has changed yet). Then the package form's recompute:
``qsr.package._update_figures()`` of a tier package and of a wave (portfolio)
package, with its time and the number of SQL queries it sends. The packages
are created in the benchmark's transaction, which is rolled back.
"""

import multiprocessing
import os
import statistics
import time

import bench_common

BUDGET = 30.0
TARGET_SECONDS = 2.0
# a run slower than this is not repeated: its own time is the figure
SLOW_SECONDS = 5.0
# an objective without an answer after this long is reported as such
TIMEOUT = float(os.environ.get("BENCH_PACKAGE_TIMEOUT", 300))


def timed(func, repeat):
    """Median wall time of ``func`` over ``repeat`` runs after a warm-up run
    (the warm-up's own time when it is slower than SLOW_SECONDS), the number
    of runs timed, and the warm-up's result."""
    start = time.perf_counter()
    result = func()
    warm_up = time.perf_counter() - start
    if warm_up > SLOW_SECONDS:
        return warm_up, 1, result
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), repeat, result


def timed_apart(func, repeat, timeout):
    """``timed(func, repeat)`` in a forked process that is killed after
    ``timeout`` seconds: (seconds, runs, result), or None when it timed out.
    ``func`` works on frames in memory only: the child never touches the
    database connection it inherits, and leaves by os._exit."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def target():
        send.send(timed(func, repeat))

    process = context.Process(target=target, daemon=True)
    process.start()
    try:
        if receive.poll(timeout):
            return receive.recv()
        return None
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def run(env, repeat, frames, wave_id):
    from odoo.addons.qsr_simalto.analysis import (  # noqa: PLC0415
        package_planner,
        simalto_engine,
    )

    levels, attributes, responses, lines, budgets = frames
    figures = {
        "lines": len(lines),
        "responses": len(responses),
        "accounts": int(responses["account_id"].nunique()),
        "budget": BUDGET,
        "timeout": TIMEOUT,
        "objectives": {},
    }
    typical = package_planner.package_rows(
        levels, attributes, responses, lines, budgets
    ).set_index("attribute_id")["typical_level_id"]
    typical = {int(a): int(level) for a, level in typical.dropna().items()}
    for objective in package_planner.OBJECTIVES:

        def best(objective=objective):
            try:
                result = package_planner.best_package(
                    levels,
                    attributes,
                    responses,
                    lines,
                    budgets,
                    BUDGET,
                    objective=objective,
                )
            except ValueError as error:  # wtp on a grid without a price row
                return {"skipped": str(error)}
            return {
                "value": float(result.value),
                "cost": float(result.cost),
                "changed": len(result.changes),
                "acceptable_share": float(result.figures["acceptable_share"]),
                "rows_acceptable": float(result.figures["rows_acceptable"]),
            }

        print(f"   best_package {objective} ...", flush=True)
        outcome = timed_apart(best, repeat, TIMEOUT)
        if outcome is None:
            figures["objectives"][objective] = {"timeout": TIMEOUT}
        elif "skipped" in outcome[2]:
            figures["objectives"][objective] = outcome[2]
        else:
            seconds, runs, values = outcome
            figures["objectives"][objective] = {
                "seconds": seconds,
                "runs": runs,
                **values,
            }
        print(f"   {figures['objectives'][objective]}", flush=True)

    def what_if():
        return simalto_engine.what_if(
            levels, attributes, responses, lines, budgets, typical
        )

    figures["what_if"], _runs, _result = timed(what_if, repeat)
    print("   package form recompute ...", flush=True)
    figures["recompute"] = recompute(env, repeat, frames, wave_id)
    env.invalidate_all()
    return figures


def recompute(env, repeat, frames, wave_id):
    """The package form's recompute, for a package of the largest tier of the
    wave and one of the whole wave: seconds, SQL queries and respondents."""
    cr = env.cr
    levels = frames[0]
    grid = env["qsr.grid.attribute"].browse(int(levels["attribute_id"].iloc[0])).grid_id
    cr.execute(
        """SELECT p.qsr_tier_id FROM qsr_response r
             JOIN res_partner p ON p.id = r.account_id
            WHERE r.wave_id = %s AND r.state = 'submitted' AND r.grid_id = %s
              AND p.qsr_tier_id IS NOT NULL
            GROUP BY p.qsr_tier_id ORDER BY COUNT(*) DESC LIMIT 1""",
        [wave_id, grid.id],
    )
    (tier_id,) = cr.fetchone()
    Package = env["qsr.package"]
    out = {}
    for key, values in (
        ("tier", {"scope": "tier", "tier_id": tier_id}),
        ("wave", {"scope": "wave"}),
    ):
        package = Package.create(
            {
                "name": f"Bench {key}",
                "grid_id": grid.id,
                "wave_id": wave_id,
                **values,
            }
        )
        env.flush_all()

        queries = []

        def update(package=package, queries=queries):
            # what saving the form costs: nothing read before
            env.invalidate_all()
            before = cr.sql_log_count
            package._update_figures()
            env.flush_all()
            queries.append(cr.sql_log_count - before)

        print(f"   _update_figures, {key} package ...", flush=True)
        seconds, runs, _result = timed(update, repeat)
        out[key] = {
            "seconds": seconds,
            "runs": runs,
            "queries": queries[0],
            "respondents": package.respondent_count,
            "accounts": package.account_count,
            "rows_acceptable": package.rows_acceptable,
        }
        print(f"   {out[key]}", flush=True)
    return out


def _runs(values):
    return "" if values["runs"] > 1 else " (one run: slower than 5 s)"


def print_table(package):
    ms = package["what_if"] * 1000
    print(f"{'':52} {'product':>10} {'what_if':>10} {'ratio':>6}")
    for objective, values in package["objectives"].items():
        label = f"best_package {objective}, budget {package['budget']:g}"
        if "skipped" in values:
            print(f"{label:52} skipped: {values['skipped']}")
            continue
        if "timeout" in values:
            print(f"{label:52} no answer within {values['timeout']:g} s")
            continue
        print(
            f"{label:52} {values['seconds'] * 1000:8.1f}ms {ms:8.1f}ms"
            f" {bench_common.ratio(values['seconds'], package['what_if']):6.2f}"
            f"  value {values['value']:.4f}, cost {values['cost']:g},"
            f" {values['changed']} rows changed{_runs(values)}"
        )
    for key, values in package["recompute"].items():
        print(
            f"{'_update_figures, ' + key + ' package':52} "
            f"{values['seconds'] * 1000:8.1f}ms {'':>10} {'':>6}"
            f"  {values['queries']} queries, {values['respondents']:,} respondents,"
            f" {values['accounts']:,} accounts{_runs(values)}"
        )
    rows = package["objectives"].get("rows_acceptable", {})
    seconds = rows.get("seconds", rows.get("timeout"))
    if seconds is not None:
        verdict = "meets" if seconds < TARGET_SECONDS else "misses"
        print(
            f"best_package rows_acceptable {verdict} < {TARGET_SECONDS:g} s over the "
            f"wave ({seconds:.2f} s{'+' if 'timeout' in rows else ''}; "
            f"{package['accounts']:,} accounts, {package['responses']:,} responses, "
            f"{package['lines']:,} lines)"
        )


def markdown_rows(package):
    """The RESULTS.md rows of section 7."""
    ms = "{:,.0f} ms".format
    rows = []
    for objective, values in package["objectives"].items():
        label = f"best_package {objective} (budget {package['budget']:g}) vs what_if"
        target = f"< {TARGET_SECONDS:g} s" if objective == "rows_acceptable" else ""
        if "skipped" in values:
            rows.append((label, "skipped", "", "", values["skipped"]))
            continue
        if "timeout" in values:
            rows.append(
                (
                    label,
                    f"> {values['timeout']:g} s",
                    ms(package["what_if"] * 1000),
                    "",
                    f"{target}; no answer within {values['timeout']:g} s".lstrip("; "),
                )
            )
            continue
        rows.append(
            bench_common.compared_row(
                label,
                values["seconds"],
                package["what_if"],
                f"{target}; value {values['value']:.4f}, cost {values['cost']:g}, "
                f"{values['changed']} rows changed{_runs(values)}".lstrip("; "),
            )
        )
    for key, values in package["recompute"].items():
        rows.append(
            (
                f"package form recompute (_update_figures), {key} package",
                ms(values["seconds"] * 1000),
                "",
                "",
                f"{values['queries']} queries, {values['respondents']:,} "
                f"respondents{_runs(values)}",
            )
        )
    return rows
