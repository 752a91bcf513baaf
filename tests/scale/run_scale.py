"""Two Odoo nodes behind nginx, with a PostgreSQL streaming replica for the reads.

Creates database ``--db`` as the load test does (respondents with grids to answer,
``tests/load``), then on 127.0.0.1:

1. starts a hot standby of the running cluster (``pg_basebackup -R``, run by the
   postgres OS user on ``--replica-port``, pg_stat_statements preloaded; the
   main cluster is never restarted nor reconfigured);
2. one-node phase: node 1 (``--workers 2``, cron, the replica configured) serves
   the respondents and directors alone for ``--single-seconds``;
3. two-node phase: node 2 (``--max-cron-threads 0``) and nginx (round robin,
   websocket route, proxy mode) join; the same load runs through the balancer for
   ``--duration`` seconds, and node 2 (master and workers) is SIGKILLed midway.
   The clients retry a request that got no answer or a 502, as a user would.

Directors pull the pivot (read_group through /web/dataset/call_kw), the dashboard
(qsr.dashboard.get_data) and the portfolio XLSX (/report/xlsx/...). Checks: every
stored answer equals what its client sent and the server acknowledged, nothing
duplicated, no 5xx but those of requests in flight on the killed node, the analysis
read on the replica (each kind probed alone first, then the load: the replica's
pg_stat_statements), no write tried on the replica (Odoo would redo the request on
the primary and say so), the replication lag (pg_stat_replication.replay_lag),
latencies against the one-node phase. Ends with ``SCALE PASSED: ...`` or ``SCALE FAILED:
...`` (exit code 1); ``--result FILE`` writes the checks as JSON like run_load.py.
Everything it starts is stopped and removed at the end, also on failure or Ctrl-C.
"""

import argparse
import atexit
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

import requests

from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "load"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from client import Recorder
from clients import DIRECTOR_KINDS, Director, ScaleRespondent
from cluster import Balancer, Replica, query
from run_load import (
    LOG_ERROR,
    Checks,
    Server,
    check_database,
    create_database,
    database_arguments,
    normalise,
    percentile,
    prepare_data,
    print_figures,
)

REPO = Path(__file__).resolve().parents[2]
DIRECTORS_GROUP = "qsr_review.group_qsr_manager"
RO_RETRY = "retrying with a read/write cursor"
KILL_GRACE = 20  # seconds after the kill in which failed attempts are the node's
PROBES = 2  # requests of each analysis kind in the probe


def prepare_directors(db, count, password):
    """Directors (QSR managers) and the wave of the load's reviews, by the ORM,
    after run_load.prepare_data (which configured Odoo in this process)."""
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        group = env.ref(DIRECTORS_GROUP)
        logins = []
        for index in range(count):
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": f"Director {index}",
                        "login": f"scale_director_{index}",
                        "password": password,
                        "groups_id": [(4, group.id)],
                    }
                )
            )
            logins.append(user.login)
        wave = (
            env["qsr.review"]
            .search([("partner_id.name", "=like", "Load Account%")], limit=1)
            .wave_id
        )
        cr.commit()
        wave_id = wave.id
    odoo.sql_db.close_all()
    return logins, wave_id


class Run:
    """What one run started, stopped in reverse order exactly once."""

    def __init__(self, args):
        self.args = args
        self.root = Path(tempfile.mkdtemp(prefix="qsr_scale_"))
        self.root.chmod(0o755)
        self.replica = Replica(self.root, args.replica_port, f"{args.db}_replica")
        self.nodes = []
        self.balancer = None
        self.database = False
        # the database's files, where Odoo puts them by default
        self.filestore = Path(config.filestore(args.db))
        self.cleaned = False

    def node(self, number, cron):
        port = self.args.port + 2 * (number - 1)
        options = [
            f"--data-dir={self.root / 'data'}",
            "--proxy-mode",
            "--db_replica_host=127.0.0.1",
            f"--db_replica_port={self.args.replica_port}",
        ]
        if not cron:
            options.append("--max-cron-threads=0")
        log = self.args.log_dir / f"odoo-scale-node{number}.log"
        server = Server(
            self.args.db, self.args.addons_path, port, port + 1, log, options
        )
        self.nodes.append(server)
        return server

    def cleanup(self):
        if self.cleaned:
            return
        self.cleaned = True
        stops = [node.stop for node in reversed(self.nodes)] + [self.replica.stop]
        if self.balancer:
            stops.insert(0, self.balancer.stop)
        for stop in stops:
            try:
                stop()
            except Exception as error:  # the rest must still be cleaned up
                print(f"cleanup: {type(error).__name__}: {error}")
        shutil.rmtree(self.root, ignore_errors=True)
        if self.database:
            subprocess.run(["dropdb", "--if-exists", self.args.db], check=False)
            shutil.rmtree(self.filestore, ignore_errors=True)


class LagSampler(threading.Thread):
    def __init__(self, replica, stop):
        super().__init__(daemon=True)
        self.replica, self.stop = replica, stop
        self.seconds, self.bytes = [], []

    def run(self):
        while not self.stop.is_set():
            try:
                seconds, lag_bytes = self.replica.lag()
            except Exception:  # a sample lost, not the run
                seconds = lag_bytes = None
            if seconds is not None:
                self.seconds.append(seconds)
            if lag_bytes is not None:
                self.bytes.append(lag_bytes)
            self.stop.wait(0.25)


def director(args, base_url, plan, login, recorder, rng, deadline):
    person = Director(
        base_url, login, args.password, plan["wave_id"], recorder, rng, deadline
    )
    person.authenticate(args.db)
    return person


def probe(args, base_url, replica, plan, checks):
    """Each analysis kind alone, on a quiet server: did the replica run it?
    Every request also checks the registry on the primary (Odoo reads its
    sequences there); nothing but a read-only request uses the replica."""
    print("\nWhere the analysis reads (each kind alone, pg_stat_statements)")
    alone = director(
        args,
        base_url,
        plan,
        plan["logins"][0],
        Recorder(),
        random.Random(args.seed),
        time.monotonic() + 300,
    )
    for kind in DIRECTOR_KINDS:
        before = replica_statements(args.db, replica)
        for _i in range(PROBES):
            alone.pull(kind)
        after = replica_statements(args.db, replica)
        calls = after["calls"] - before["calls"]
        rows = after["rows"] - before["rows"]
        checks.add(
            f"{kind} reads on the replica",
            calls >= PROBES and rows > 0,
            f"{PROBES} requests: {calls} statements on the replica, {rows} rows",
        )


def replica_statements(db, replica):
    """Statements the replica ran in ``db`` (pg_stat_statements, up to date at
    the end of each statement): calls, rows, and calls on the analysis views."""
    [(calls, rows, analysis)] = query(
        """SELECT COALESCE(SUM(s.calls), 0), COALESCE(SUM(s.rows), 0),
                  COALESCE(SUM(s.calls) FILTER (
                      WHERE s.query LIKE '%%qsr_report_%%'), 0)
             FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = %s""",
        [db],
        **replica.connect(db),
    )
    return {"calls": int(calls), "rows": int(rows), "analysis": int(analysis)}


def load(args, title, base_url, plan, clients, seconds, during=None):
    """``clients`` (respondents) and the directors for ``seconds``; ``during``
    is called with the start time once they all run."""
    logins = plan["logins"]
    print(
        f"\n{title}: {len(clients)} respondents, {len(logins)} directors, {seconds} s"
    )
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    people = [
        ScaleRespondent(
            base_url,
            dict(client, password=plan["password"], steps=plan["grid_steps"]),
            plan["expected"],
            recorder,
            random.Random(args.seed * 1000 + index),
            deadline,
        )
        for index, client in enumerate(clients)
    ]
    directors = [
        director(
            args,
            base_url,
            plan,
            login,
            recorder,
            random.Random(args.seed * 77 + index),
            deadline,
        )
        for index, login in enumerate(logins)
    ]
    threads = [
        threading.Thread(target=person.run, daemon=True)
        for person in (*people, *directors)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    if during:
        during(start)
    for thread in threads:
        thread.join(seconds + 180)
    elapsed = time.monotonic() - start
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return {
        "recorder": recorder,
        "people": people,
        "directors": directors,
        "figures": print_figures(recorder.samples, elapsed),
        "submitted": [rid for person in people for rid in person.submitted],
    }


def compare_latencies(single, double):
    print(
        f"\n{'request':<12} {'1 node p50':>11} {'2 nodes p50':>12} {'1 node p95':>11}"
        f" {'2 nodes p95':>12}"
    )
    for kind in sorted(set(single) & set(double)):
        one, two = single[kind], double[kind]
        print(
            f"{kind:<12} {one['p50']:>11.0f} {two['p50']:>12.0f} {one['p95']:>11.0f}"
            f" {two['p95']:>12.0f}"
        )


def check_phase(name, phase, checks, kill_at=None):
    clients = (*phase["people"], *phase["directors"])
    failures = [f for c in clients for f in c.failures]
    retries = [r for c in clients for r in c.retries]
    samples = phase["recorder"].samples
    errors = [s for s in samples if not s[3]]
    if kill_at is None:
        stray = retries
    else:
        stray = [r for r in retries if not kill_at <= r[0] <= kill_at + KILL_GRACE]
    checks.add(
        f"{name}: every request answered (after retries)",
        not failures,
        "; ".join(failures[:3]) or f"{len(samples)} requests",
    )
    checks.add(
        f"{name}: no 5xx or unanswered request"
        + (" but those in flight on the killed node" if kill_at else ""),
        not stray and len(errors) == len(retries),
        f"{len(errors)} failed attempts, {len(retries)} retried"
        f"{f', {len(stray)} outside the kill' if stray else ''}"
        f"{': ' + stray[0][2] if stray else ''}",
    )
    pulled = {
        kind: sum(d.pulled[kind] for d in phase["directors"]) for kind in DIRECTOR_KINDS
    }
    checks.add(f"{name}: directors pulled each kind", all(pulled.values()), f"{pulled}")
    checks.add(
        f"{name}: grids submitted", phase["submitted"], f"{len(phase['submitted'])}"
    )
    return len(retries)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    database_arguments(parser, "qsr_scale", "qsr_review,qsr_simalto,qsr_reporting")
    parser.add_argument("--respondents", type=int, default=10)
    parser.add_argument("--directors", type=int, default=3)
    parser.add_argument("--single-seconds", type=int, default=40)
    parser.add_argument("--duration", type=int, default=80)
    parser.add_argument(
        "--short",
        action="store_true",
        help="4 respondents, 2 directors, 15 s on one node, 30 s on two",
    )
    parser.add_argument(
        "--port", type=int, default=8261, help="node n: +2(n-1), gevent +1"
    )
    parser.add_argument("--balancer-port", type=int, default=8270)
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--log-dir", type=Path, default=REPO / ".logs")
    parser.add_argument("--result", type=Path, help="write the checks as JSON here")
    args = parser.parse_args()
    if args.short:
        args.respondents, args.directors = 4, 2
        args.single_seconds, args.duration = 15, 30
    args.log_dir.mkdir(parents=True, exist_ok=True)
    return args


def set_up(args, run):
    """The database, its respondents and directors, the replica; the plan."""
    run.database = True
    create_database(args.db, args.template, args.addons_path, args.modules, args.port)
    pool = max(4, (args.single_seconds + args.duration) // 8)
    print(f"Preparing {2 * args.respondents} respondents x {pool} grids")
    # (the load test's prepare wants one grid for its faults: left unused)
    plan = prepare_data(
        args.db, args.addons_path, 2 * args.respondents, pool, 1, args.seed
    )
    args.password = plan["password"]
    plan["logins"], plan["wave_id"] = prepare_directors(
        args.db, args.directors, args.password
    )
    plan["expected"] = normalise(json.loads(json.dumps(plan.pop("responses"))))
    # the nodes share a data directory: sessions and the database's files
    shutil.copytree(run.filestore, run.root / "data" / "filestore" / args.db)
    # its view answers on the replica, which preloads the library
    query("CREATE EXTENSION pg_stat_statements", dbname=args.db, fetch=False)
    print(f"Starting a streaming replica on 127.0.0.1:{args.replica_port}")
    run.replica.create()
    run.replica.start()
    return plan


def two_nodes(args, run, plan, node1):
    """Node 2 and nginx join, the load runs through nginx, node 2 is killed."""
    print(
        f"\nStarting node 2 on 127.0.0.1:{args.port + 2} (no cron) and nginx"
        f" on 127.0.0.1:{args.balancer_port}"
    )
    node2 = run.node(2, cron=False)
    node2.wait_ready()
    run.balancer = Balancer(
        run.root, args.balancer_port, [(n.port, n.port + 1) for n in (node1, node2)]
    )
    run.balancer.start()
    requests_get(run.balancer.url("/web/login"))
    killed = {}

    def kill_midway(start):
        time.sleep(max(0.0, start + args.duration * 0.4 - time.monotonic()))
        children = node2.children()
        killed["at"] = time.monotonic()
        os.killpg(node2.pid, signal.SIGKILL)
        node2.process.wait(30)
        print(
            f"  killed node 2 (SIGKILL of its master and {len(children)} children)"
            f" at {killed['at'] - start:.0f} s"
        )

    phase = load(
        args,
        "Two nodes behind nginx",
        run.balancer.url(),
        plan,
        plan["clients"][args.respondents :],
        args.duration,
        during=lambda start: threading.Thread(
            target=kill_midway, args=(start,), daemon=True
        ).start(),
    )
    phase["killed_at"] = killed.get("at")
    return phase


def check_balancer(balancer, checks):
    entries = balancer.access_log()
    by_node = {}
    for *_request, upstreams, _statuses in entries:
        for upstream in upstreams:
            by_node[upstream] = by_node.get(upstream, 0) + 1
    passed_on = sum(1 for e in entries if len(e[4]) > 1 and e[3] < 500)
    gateway = sum(1 for e in entries if e[3] >= 500)
    checks.add(
        "the balancer spread the load over both nodes",
        len(by_node) == 2 and min(by_node.values()) > 0,
        f"{by_node}; {passed_on} requests passed on to the other node,"
        f" {gateway} answered 5xx",
    )


def check_replica(run, statements, lag, checks):
    """What the replica ran during the two-node phase, that nothing was written
    there, and how far behind it was."""
    checks.add(
        "the analysis ran on the replica during the load",
        statements["analysis"] > 0,
        f"{statements['calls']} statements on the replica ({statements['rows']}"
        f" rows), {statements['analysis']} of them on the analysis views",
    )
    lines = [
        line.strip()
        for node in run.nodes
        for line in node.log.read_text(errors="replace").splitlines()
    ]
    retried = [line for line in lines if RO_RETRY in line]
    checks.add(
        "no write tried on the replica (no read-only request redone on the primary)",
        not retried,
        (retried or [""])[0][:300],
    )
    lag_ms = [seconds * 1000 for seconds in lag.seconds]
    figures = {
        "samples": len(lag_ms),
        "p50": percentile(lag_ms, 50),
        "p95": percentile(lag_ms, 95),
        "max_bytes": max(lag.bytes, default=0),
    }
    checks.add(
        "replication lag measured",
        lag_ms,
        f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms"
        f" ({len(lag_ms)} samples), at most {figures['max_bytes']} bytes behind",
    )
    errors = [line for line in lines if LOG_ERROR.match(line)]
    checks.add("no ERROR in the nodes' logs", not errors, (errors or [""])[0][:300])
    return figures


def scale_test(args, run, checks):
    """Both phases and their checks; returns (figures, summary)."""
    plan = set_up(args, run)
    print(f"Starting node 1 on 127.0.0.1:{args.port} (cron, replica)")
    node1 = run.node(1, cron=True)
    node1.wait_ready()
    requests_get(node1.url("/web/login"))  # assets built before the clock
    probe(args, node1.url(), run.replica, plan, checks)
    single = load(
        args,
        "One node",
        node1.url(),
        plan,
        plan["clients"][: args.respondents],
        args.single_seconds,
    )
    check_phase("one node", single, checks)

    before = replica_statements(args.db, run.replica)
    stop_lag = threading.Event()
    lag = LagSampler(run.replica, stop_lag)
    lag.start()
    try:
        double = two_nodes(args, run, plan, node1)
    finally:
        stop_lag.set()
    after = replica_statements(args.db, run.replica)
    statements = {key: after[key] - before[key] for key in after}
    print("\nChecks")
    retried = check_phase("two nodes", double, checks, kill_at=double["killed_at"])
    submitted = single["submitted"] + double["submitted"]
    check_database(args, plan, plan["expected"], checks, submitted)
    checks.add("node 2 was killed midway", double["killed_at"], "")
    check_balancer(run.balancer, checks)
    lag.join(5)
    lag_figures = check_replica(run, statements, lag, checks)
    print("\nLatencies (client side, ms): the same load on one node, then on two")
    compare_latencies(single["figures"], double["figures"])
    figures = {
        "one_node": single["figures"],
        "two_nodes": double["figures"],
        "lag_ms": lag_figures,
    }
    summary = (
        f"{args.respondents} respondents and {args.directors} directors,"
        f" {args.single_seconds} s on one node then {args.duration} s on two,"
        f" {double['figures']['all']['count']} requests on two nodes, node 2 killed,"
        f" {retried} retried, {len(submitted)} grids submitted,"
        f" lag p95 {lag_figures['p95']:.0f} ms"
    )
    return figures, summary


def main():
    args = parse_args()
    checks = Checks()
    figures, summary = {}, ""
    run = Run(args)
    atexit.register(run.cleanup)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        figures, summary = scale_test(args, run, checks)
    except Exception as error:
        traceback.print_exc()
        checks.add("the run completed", False, f"{type(error).__name__}: {error}")
    finally:
        run.cleanup()
    total = time.monotonic() - started
    if args.result:
        args.result.write_text(
            json.dumps({"checks": checks.results, "figures": figures, "seconds": total})
        )
    summary = ", ".join(
        [*([summary] if summary else []), f"{len(checks.results)} checks"]
    )
    summary += f", {total:.0f} s in all"
    if checks.failed:
        print(
            f"SCALE FAILED: {len(checks.failed)} failed check(s)"
            f" ({'; '.join(checks.failed)}); {summary}"
        )
        return 1
    print(f"SCALE PASSED: {summary}")
    return 0


def requests_get(url):
    """A first page: the assets are built before the clock starts."""
    requests.get(url, timeout=180).raise_for_status()


if __name__ == "__main__":
    sys.exit(main())
