"""Two Odoo nodes behind nginx, with a PostgreSQL streaming replica for the reads.

Creates database ``--db`` as the load test does (respondents with grids to answer,
``tests/load``), then on 127.0.0.1:

1. starts a hot standby of the running cluster (``pg_basebackup -R``, run by the
   postgres OS user on ``--replica-port``; the main cluster is never touched);
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
read on the replica (each kind probed alone first: pg_stat_database of the database
on each cluster), no write tried on the replica, the replication lag, latencies
against the one-node phase. Ends with ``SCALE PASSED: ...`` or ``SCALE FAILED:
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
    normalise,
    percentile,
    prepare_data,
    print_figures,
)

REPO = Path(__file__).resolve().parents[2]
FILESTORE = Path.home() / ".local/share/Odoo/filestore"
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
        server = Server(self.args.db, self.args.addons_path, port, port + 1, log, options)
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
            shutil.rmtree(FILESTORE / self.args.db, ignore_errors=True)


class Stats:
    """pg_stat_database of the run's database on the primary and the replica."""

    COLUMNS = "xact_commit, tup_returned + tup_fetched"

    def __init__(self, db, replica):
        self.db = db
        self.replica = replica

    def take(self):
        time.sleep(1.5)  # backends publish their counters when idle, within 1 s
        sql = f"SELECT {self.COLUMNS} FROM pg_stat_database WHERE datname = %s"
        return {
            "primary": query(sql, [self.db], dbname="postgres")[0],
            "replica": query(sql, [self.db], **self.replica.connect("postgres"))[0],
        }

    @staticmethod
    def delta(before, after):
        return {
            where: {
                "transactions": after[where][0] - before[where][0],
                "rows": after[where][1] - before[where][1],
            }
            for where in before
        }


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


def probe(args, base_url, stats, logins, wave_id, checks):
    """Each analysis kind alone, on a quiet server: where did it read?"""
    print("\nWhere the analysis reads (each kind alone, pg_stat_database)")
    director = Director(
        base_url, logins[0], args.password, wave_id, Recorder(), random.Random(1),
        time.monotonic() + 300,
    )
    director.authenticate(args.db)
    for kind in DIRECTOR_KINDS:
        before = stats.take()
        for _i in range(PROBES):
            director.pull(kind)
        delta = stats.delta(before, stats.take())
        primary, replica = delta["primary"], delta["replica"]
        # every request also checks the registry on the primary (Odoo reads
        # its sequences there); nothing but a read-only request uses the replica
        checks.add(
            f"{kind} reads on the replica",
            replica["transactions"] >= PROBES and replica["rows"] > 0,
            f"{PROBES} requests: replica {replica['transactions']} transactions,"
            f" {replica['rows']} rows; primary {primary['transactions']}"
            f" transactions, {primary['rows']} rows",
        )


def start_clients(args, base_url, plan, clients, expected, logins, wave_id, seconds):
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    people = []
    for index, client in enumerate(clients):
        client = dict(client, password=plan["password"], steps=plan["grid_steps"])
        people.append(
            ScaleRespondent(
                base_url, client, expected, recorder,
                random.Random(args.seed * 1000 + index), deadline,
            )
        )
    directors = []
    for index, login in enumerate(logins):
        director = Director(
            base_url, login, args.password, wave_id, recorder,
            random.Random(args.seed * 77 + index), deadline,
        )
        director.authenticate(args.db)
        directors.append(director)
    threads = [
        threading.Thread(target=person.run, daemon=True)
        for person in (*people, *directors)
    ]
    for thread in threads:
        thread.start()
    return recorder, people, directors, threads


def load(args, title, base_url, plan, clients, expected, logins, wave_id, seconds,
         during=None):
    print(f"\n{title}: {len(clients)} respondents and {len(logins)} directors for {seconds} s")
    start = time.monotonic()
    recorder, people, directors, threads = start_clients(
        args, base_url, plan, clients, expected, logins, wave_id, seconds
    )
    if during:
        during(start)
    for thread in threads:
        thread.join(seconds + 180)
    elapsed = time.monotonic() - start
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    figures = print_figures(recorder.samples, elapsed)
    return {
        "recorder": recorder,
        "people": people,
        "directors": directors,
        "figures": figures,
        "elapsed": elapsed,
        "start": start,
        "submitted": [rid for p in people for rid in p.submitted],
    }


def compare_latencies(single, double):
    print(f"\n{'request':<12} {'1 node p50':>11} {'2 nodes p50':>12} {'1 node p95':>11}"
          f" {'2 nodes p95':>12}")
    for kind in sorted(set(single) & set(double)):
        one, two = single[kind], double[kind]
        print(f"{kind:<12} {one['p50']:>11.0f} {two['p50']:>12.0f} {one['p95']:>11.0f}"
              f" {two['p95']:>12.0f}")


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
        f"{name}: no 5xx or unanswered request but those on the killed node",
        not stray and len(errors) == len(retries),
        f"{len(errors)} failed attempts, {len(retries)} retried"
        f"{f', {len(stray)} outside the kill' if stray else ''}"
        f"{': ' + stray[0][2] if stray else ''}",
    )
    pulled = {kind: sum(d.pulled[kind] for d in phase["directors"]) for kind in DIRECTOR_KINDS}
    checks.add(f"{name}: directors pulled each kind", all(pulled.values()), f"{pulled}")
    checks.add(f"{name}: grids submitted", phase["submitted"], f"{len(phase['submitted'])}")
    return len(retries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="qsr_scale")
    parser.add_argument("--template", help="copy this database instead of installing")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--modules", default="qsr_review,qsr_simalto,qsr_reporting")
    parser.add_argument("--respondents", type=int, default=10)
    parser.add_argument("--directors", type=int, default=3)
    parser.add_argument("--single-seconds", type=int, default=40)
    parser.add_argument("--duration", type=int, default=80)
    parser.add_argument("--short", action="store_true",
                        help="4 respondents, 2 directors, 15 s on one node, 30 s on two")
    parser.add_argument("--port", type=int, default=8261, help="node n: +2(n-1), gevent +1")
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
    checks = Checks()
    figures = {}
    summary = ""
    run = Run(args)
    atexit.register(run.cleanup)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        run.database = True
        create_database(args.db, args.template, args.addons_path, args.modules, args.port)
        pool = max(4, (args.single_seconds + args.duration) // 8)
        print(f"Preparing {2 * args.respondents} respondents x {pool} grids")
        # (the load test's prepare wants one grid for its faults: left unused)
        plan = prepare_data(args.db, args.addons_path, 2 * args.respondents, pool, 1, args.seed)
        args.password = plan["password"]
        logins, wave_id = prepare_directors(args.db, args.directors, args.password)
        expected = normalise(json.loads(json.dumps(plan.pop("responses"))))
        # the nodes share a data directory: sessions and the database's files
        shutil.copytree(FILESTORE / args.db, run.root / "data" / "filestore" / args.db)
        print(f"Starting a streaming replica on 127.0.0.1:{args.replica_port}")
        run.replica.create()
        run.replica.start()
        stats = Stats(args.db, run.replica)
        print(f"Starting node 1 on 127.0.0.1:{args.port} (cron, replica)")
        node1 = run.node(1, cron=True)
        node1.wait_ready()
        requests_get(node1.url("/web/login"))  # assets built before the clock
        probe(args, node1.url(), stats, logins, wave_id, checks)

        clients = plan["clients"]
        before = stats.take()
        single = load(
            args, "One node", node1.url(), plan, clients[: args.respondents], expected,
            logins, wave_id, args.single_seconds,
        )
        single_stats = stats.delta(before, stats.take())
        check_phase("one node", single, checks)

        print(f"\nStarting node 2 on 127.0.0.1:{args.port + 2} (no cron) and nginx"
              f" on 127.0.0.1:{args.balancer_port}")
        node2 = run.node(2, cron=False)
        node2.wait_ready()
        run.balancer = Balancer(
            run.root, args.balancer_port, [(n.port, n.port + 1) for n in run.nodes]
        )
        run.balancer.start()
        requests_get(run.balancer.url("/web/login"))
        stop_lag = threading.Event()
        lag = LagSampler(run.replica, stop_lag)
        lag.start()
        killed = {}

        def kill_midway(start):
            time.sleep(max(0.0, start + args.duration * 0.4 - time.monotonic()))
            victims = sorted(node2.children()) + [node2.pid]
            killed["at"] = time.monotonic()
            os.killpg(node2.pid, signal.SIGKILL)
            node2.process.wait(30)
            print(f"  killed node 2 (SIGKILL of its master and {len(victims) - 1} children)"
                  f" at {killed['at'] - start:.0f} s")

        before = stats.take()
        double = load(
            args, "Two nodes behind nginx", run.balancer.url(), plan,
            clients[args.respondents :], expected, logins, wave_id, args.duration,
            during=lambda start: threading.Thread(
                target=kill_midway, args=(start,), daemon=True
            ).start(),
        )
        double_stats = stats.delta(before, stats.take())
        stop_lag.set()
        lag.join(5)
        figures = {"one_node": single["figures"], "two_nodes": double["figures"]}

        print("\nChecks")
        retried = check_phase("two nodes", double, checks, kill_at=killed.get("at"))
        check_database(args, plan, expected, checks, single["submitted"] + double["submitted"])
        checks.add("node 2 was killed midway", killed.get("at"), "")
        entries = run.balancer.access_log()
        by_node = {}
        for _at, _method, _uri, _status, upstreams, _statuses in entries:
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
        for phase, delta in (("one node", single_stats), ("two nodes", double_stats)):
            print(f"  {phase}: primary {delta['primary']}, replica {delta['replica']}")
        checks.add(
            "the replica served reads during the load",
            double_stats["replica"]["transactions"] > 0,
            f"{double_stats['replica']['transactions']} transactions,"
            f" {double_stats['replica']['rows']} rows on the replica",
        )
        retried_ro = [
            line.strip()
            for node in run.nodes
            for line in node.log.read_text(errors="replace").splitlines()
            if RO_RETRY in line
        ]
        checks.add(
            "no write tried on the replica (no read-only request retried on the primary)",
            not retried_ro,
            (retried_ro or [""])[0][:300],
        )
        lag_ms = [s * 1000 for s in lag.seconds]
        figures["lag_ms"] = {
            "samples": len(lag_ms),
            "p50": percentile(lag_ms, 50),
            "p95": percentile(lag_ms, 95),
            "max_bytes": max(lag.bytes, default=0),
        }
        checks.add(
            "replication lag measured",
            lag_ms,
            f"p50 {figures['lag_ms']['p50']:.1f} ms, p95 {figures['lag_ms']['p95']:.1f} ms"
            f" ({len(lag_ms)} samples), at most {figures['lag_ms']['max_bytes']} bytes"
            " behind",
        )
        errors = [
            line.strip()
            for node in run.nodes
            for line in node.log.read_text(errors="replace").splitlines()
            if LOG_ERROR.match(line)
        ]
        checks.add("no ERROR in the nodes' logs", not errors, (errors or [""])[0][:300])
        print("\nLatencies (client side, ms): the same load on one node, then on two")
        compare_latencies(single["figures"], double["figures"])
        summary = (
            f"{args.respondents} respondents and {args.directors} directors, "
            f"{args.single_seconds} s on one node then {args.duration} s on two, "
            f"{double['figures']['all']['count']} requests on two nodes, node 2 killed,"
            f" {retried} retried, {len(single['submitted']) + len(double['submitted'])}"
            f" grids submitted, lag p95 {figures['lag_ms']['p95']:.0f} ms"
        )
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
    summary = f"{summary + ', ' if summary else ''}{len(checks.results)} checks, {total:.0f} s in all"
    if checks.failed:
        print(f"SCALE FAILED: {len(checks.failed)} failed check(s)"
              f" ({'; '.join(checks.failed)}); {summary}")
        return 1
    print(f"SCALE PASSED: {summary}")
    return 0


def requests_get(url):
    """A first page: the assets are built before the clock starts."""
    import requests  # noqa: PLC0415

    requests.get(url, timeout=180).raise_for_status()


if __name__ == "__main__":
    sys.exit(main())
