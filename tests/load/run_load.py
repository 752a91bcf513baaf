"""Load and fault test of the portal grids on a real multi-worker Odoo server.

Creates database ``--db`` (dropped first when it exists) with the addons, prepares
respondents with reviews in the collecting stage, starts ``odoo --workers 2
--max-cron-threads 1`` on loopback, then:

1. load: ``--respondents`` portal respondents (threads, one ``requests.Session``
   each; half log in, half follow the e-mail link with its access token) answer
   and submit full grids for ``--duration`` seconds, doing what the page does:
   page load, one JSON save per click, comments, step buttons, submit. Meanwhile
   the cadence job (``qsr_review.ir_cron_qsr_plan_reviews``) is triggered every few
   seconds in the cron worker, with new tiered accounts for it to plan.
2. checks: no 5xx or failed request, no ERROR in the server log, every response
   in the database equal to what its client sent and the server acknowledged
   (submitted ones included), nothing duplicated, the cadence job ran and planned
   each new account once.
3. faults (``--kill-test``): SIGKILL of the HTTP worker running a submit (held
   mid-transaction by a row lock, then at random moments during a burst of
   submits): each response is either submitted or still a complete draft, the
   master respawns the worker and the server keeps serving.

Prints the figures (requests, throughput, p50/p95/p99 per request type) and ends
with one line ``LOAD PASSED: ...`` or ``LOAD FAILED: ...``; exit code 1 on any
failed check. ``--result FILE`` writes the checks as JSON for tools/test_summary.py.
"""

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import psycopg2
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from client import ClientError, Recorder, Respondent

REPO = Path(__file__).resolve().parents[2]
CRON_DONE = re.compile(r"^(\S+ \S+),\d+ .*Job '([^']+)' \((\d+)\) done in")
LOG_ERROR = re.compile(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ")
CADENCE_BATCH = 5  # new tiered accounts per cadence cycle
CADENCE_EVERY = 3.0  # seconds between two triggers of the cadence job


class Checks:
    def __init__(self):
        self.results = []  # (name, ok, detail)

    def add(self, name, ok, detail=""):
        self.results.append((name, bool(ok), detail))
        print(f"  [{'ok' if ok else 'FAILED'}] {name}{': ' + detail if detail else ''}")

    @property
    def failed(self):
        return [name for name, ok, _detail in self.results if not ok]


# database and server


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def create_database(db, template, addons_path, modules, port):
    run(["dropdb", "--if-exists", db])
    if template:
        print(f"Copying database {template} into {db}")
        run(["createdb", "-T", template, db])
        return
    print(f"Installing {modules} in new database {db} (no demo data)")
    run(
        [
            *(sys.executable, "-m", "odoo", f"--addons-path={addons_path}"),
            *("-d", db, "-i", modules, "--without-demo=all", "--stop-after-init"),
            *("--log-level=warn", f"--http-port={port}"),
        ]
    )


def prepare_data(db, addons_path, respondents, pool, fault_responses, seed):
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-d", db, f"--addons-path={addons_path}", "--log-level=warn"]
    )
    from prepare import prepare  # noqa: PLC0415 (imports the addons: after the config)

    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        plan = prepare(env, respondents, pool, fault_responses, seed)
        cr.commit()
    odoo.sql_db.close_all()
    return plan


class Server:
    """``odoo --workers 2`` in its own process group, always stopped at the end;
    ``options``: more command-line options (the last of an option given twice wins)."""

    def __init__(self, db, addons_path, port, gevent_port, log, options=()):
        self.log = log
        self.port = port
        launcher = Path(__file__).with_name("odoo_server.py")
        cmd = [
            *(sys.executable, str(launcher), f"--addons-path={addons_path}"),
            *("-d", db, f"--db-filter=^{db}$", "--workers=2", "--max-cron-threads=1"),
            *("--http-interface=127.0.0.1", f"--http-port={port}"),
            *(f"--gevent-port={gevent_port}", f"--logfile={log}", "--log-level=info"),
            "--without-demo=all",
            *options,
        ]
        log.unlink(missing_ok=True)
        self.process = subprocess.Popen(cmd, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def wait_ready(self, timeout=180):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                if requests.get(self.url("/web/login"), timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("the server did not answer in time")

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def children(self):
        """{pid: kind} of the master's workers: http, cron or gevent."""
        kids = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[1]) != self.pid:  # ppid
                continue
            if b"gevent" in cmdline:
                kids[int(entry.name)] = "gevent"
            else:  # the cron worker lowers its own priority
                kids[int(entry.name)] = "cron" if int(fields[16]) > 0 else "http"
        return kids

    def http_workers(self):
        return sorted(pid for pid, kind in self.children().items() if kind == "http")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


# the cadence job


class CadenceDriver(threading.Thread):
    """Every few seconds: an internal user creates tiered accounts (JSON-RPC), then
    the cadence job is triggered in the cron worker, as ``ir.cron._trigger`` does
    (a trigger row and a NOTIFY)."""

    def __init__(self, server, db, cron_id, password, login, stop_event):
        super().__init__(daemon=True)
        self.server, self.db, self.cron_id = server, db, cron_id
        self.password, self.login = password, login
        self.stop_event = stop_event
        self.accounts = []
        self.triggers = 0
        self.failures = []

    def rpc(self, service, method, *args):
        reply = requests.post(
            self.server.url("/jsonrpc"),
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            },
            timeout=60,
        )
        body = reply.json()
        if reply.status_code != 200 or "error" in body:
            raise RuntimeError(f"{service}.{method}: {reply.status_code} {body}")
        return body["result"]

    def log_in(self):
        """Before the clock starts: the user's id and the key tier."""
        self.uid = self.rpc("common", "login", self.db, self.login, self.password)
        (self.tier,) = self.rpc(
            *("object", "execute_kw", self.db, self.uid, self.password),
            *("ir.model.data", "search_read"),
            [[("module", "=", "qsr_review"), ("name", "=", "tier_key")]],
            {"fields": ["res_id"]},
        )

    def run(self):
        uid, tier = self.uid, self.tier
        try:
            conn = psycopg2.connect(dbname=self.db)
            conn.autocommit = True
            notify = psycopg2.connect(dbname="postgres")
            notify.autocommit = True
            cycle = 0
            while not self.stop_event.is_set():
                ids = self.rpc(
                    *("object", "execute_kw", self.db, uid, self.password),
                    *("res.partner", "create"),
                    [
                        [
                            {
                                "name": f"Cadence {cycle:03d}-{i}",
                                "is_company": True,
                                "qsr_tier_id": tier["res_id"],
                            }
                            for i in range(CADENCE_BATCH)
                        ]
                    ],
                )
                self.accounts += ids
                with conn.cursor() as cr:
                    cr.execute(
                        "INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid,"
                        " write_uid, create_date, write_date) VALUES (%s,"
                        " now() AT TIME ZONE 'UTC', 1, 1, now() AT TIME ZONE 'UTC',"
                        " now() AT TIME ZONE 'UTC')",
                        [self.cron_id],
                    )
                # the cron worker listens on the "postgres" database, as
                # ir.cron._notifydb notifies it
                with notify.cursor() as ncr:
                    ncr.execute("SELECT pg_notify('cron_trigger', %s)", [self.db])
                self.triggers += 1
                cycle += 1
                self.stop_event.wait(CADENCE_EVERY)
            conn.close()
            notify.close()
        except Exception as error:
            self.failures.append(f"{type(error).__name__}: {error}")


def cadence_runs(log, start, end):
    """The runs of the cadence job the server logged between ``start`` and ``end``
    (local datetimes, as the log writes them)."""
    runs = []
    for line in log.read_text(errors="replace").splitlines():
        match = CRON_DONE.search(line)
        if match and "plan due reviews" in match.group(2):
            at = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")
            if start <= at <= end:
                runs.append(at)
    return runs


def wait_cadence_idle(db, cron_id, timeout=120):
    """Wait until the cadence job has consumed its triggers and is not running."""
    end = time.monotonic() + timeout
    with psycopg2.connect(dbname=db) as conn:
        conn.autocommit = True
        with conn.cursor() as cr:
            while time.monotonic() < end:
                cr.execute(
                    "SELECT COUNT(*) FROM ir_cron_trigger WHERE cron_id = %s", [cron_id]
                )
                (pending,) = cr.fetchone()
                if not pending:
                    try:  # the cron worker holds the row locked while it runs
                        cr.execute("BEGIN")
                        cr.execute(
                            "SELECT id FROM ir_cron WHERE id = %s FOR UPDATE NOWAIT",
                            [cron_id],
                        )
                        cr.execute("ROLLBACK")
                        return True
                    except psycopg2.errors.LockNotAvailable:
                        cr.execute("ROLLBACK")
                time.sleep(0.5)
    return False


# checks against the database


def db_states(db):
    """{response id: state} as the clients build it, read with SQL."""
    states = {}
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT r.id, r.state, r.step, r.comment, g.ask_ideal, g.ask_competitor,"
            "       (SELECT COUNT(*) FROM qsr_grid_attribute a WHERE a.grid_id = g.id)"
            "  FROM qsr_response r JOIN qsr_grid g ON g.id = r.grid_id"
        )
        for rid, state, step, comment, ideal, competitor, rows in cr.fetchall():
            states[rid] = {
                "id": rid,
                "state": state,
                "step": step,
                "comment": comment or None,
                "lines": {},
                "rows": rows,
                "required": ["current", "acceptable"]
                + ["ideal"] * bool(ideal)
                + ["competitor"] * bool(competitor),
            }
        cr.execute(
            "SELECT id, response_id, attribute_id, current_level_id,"
            " acceptable_level_id, ideal_level_id, competitor_level_id, comment"
            " FROM qsr_response_line"
        )
        by_line = {}
        duplicates = []
        for lid, rid, aid, cur, acc, ide, comp, comment in cr.fetchall():
            lines = states[rid]["lines"]
            if aid in lines:
                duplicates.append((rid, aid))
            lines[aid] = {
                "current": cur,
                "acceptable": acc,
                "ideal": ide,
                "competitor": comp,
                "rounds": {},
                "comment": comment or None,
            }
            by_line[lid] = lines[aid]
        cr.execute("SELECT line_id, round_id, level_id FROM qsr_response_round_choice")
        for lid, round_id, level_id in cr.fetchall():
            rounds = by_line[lid]["rounds"]
            if round_id in rounds:
                duplicates.append((lid, round_id))
            rounds[round_id] = level_id
        cr.execute(
            """SELECT m.res_id, COUNT(*)
                 FROM mail_tracking_value v
                 JOIN mail_message m ON m.id = v.mail_message_id
                 JOIN ir_model_fields f ON f.id = v.field_id
                WHERE m.model = 'qsr.response' AND f.name = 'state'
                  AND v.new_value_char = 'Submitted'
                GROUP BY m.res_id"""
        )
        submissions = dict(cr.fetchall())
        cr.execute(
            """SELECT r.id FROM qsr_response r
                 JOIN qsr_review_participant p ON p.id = r.participant_id
                WHERE r.state = 'submitted'
                  AND (p.state != 'responded' OR r.date_submitted IS NULL)"""
        )
        half_submitted = [rid for (rid,) in cr.fetchall()]
    return states, duplicates, submissions, half_submitted


def compare(expected, actual, ids):
    """Responses whose stored answers differ from what was acknowledged."""
    keys = ("state", "step", "comment", "lines")
    return [
        rid
        for rid in ids
        if any(expected[rid][key] != actual[rid][key] for key in keys)
    ]


def describe(expected, actual, rid):
    diffs = []
    for key in ("state", "step", "comment"):
        if expected[rid][key] != actual[rid][key]:
            diffs.append(
                f"{key}: sent {expected[rid][key]!r}, stored {actual[rid][key]!r}"
            )
    for aid, line in expected[rid]["lines"].items():
        if line != actual[rid]["lines"].get(aid):
            diffs.append(
                f"row {aid}: sent {line}, stored {actual[rid]['lines'].get(aid)}"
            )
    return f"response {rid}: " + "; ".join(diffs[:3])


def normalise(plan_states):
    """JSON-friendly plan states back to int keys."""
    for state in plan_states.values():
        state["lines"] = {
            int(aid): {**line, "rounds": {int(k): v for k, v in line["rounds"].items()}}
            for aid, line in state["lines"].items()
        }
    return {int(rid): state for rid, state in plan_states.items()}


# figures


def percentile(values, pct):
    values = sorted(values)
    if not values:
        return 0.0
    k = (len(values) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def print_figures(samples, elapsed):
    kinds = sorted({kind for kind, *_rest in samples})
    print(
        f"\n{'request':<12} {'count':>7} {'fail':>5} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'p99 ms':>8} {'max ms':>8}"
    )
    rows = [*kinds, "all"]
    figures = {}
    for kind in rows:
        picked = [s for s in samples if kind in ("all", s[0])]
        times = [s[1] * 1000 for s in picked]
        fails = sum(1 for s in picked if not s[3])
        figures[kind] = {
            "count": len(picked),
            "failed": fails,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "max": max(times, default=0.0),
        }
        f = figures[kind]
        print(
            f"{kind:<12} {f['count']:>7} {fails:>5} {f['p50']:>8.0f} {f['p95']:>8.0f}"
            f" {f['p99']:>8.0f} {f['max']:>8.0f}"
        )
    total = len(samples)
    print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s")
    return figures


SERVER_LINE = re.compile(
    r'^(\S+ \S+),\d+ \d+ INFO \S+ werkzeug: .*"(GET|POST) (\S+) HTTP/[\d.]+" '
    r"(\d+) - (\d+) ([\d.]+) ([\d.]+)"
)
SERVER_KINDS = [
    (re.compile(r"^/my/qsr/grids/\d+/(save|comment|step|submit)$"), None),
    (re.compile(r"^/my/qsr/grids/\d+$"), "page"),
    (re.compile(r"^/my/qsr/grids$"), "my_grids"),
    (re.compile(r"^/web/login$"), "login"),
]


def server_times(log, start, end):
    """{kind: [server seconds (SQL + Python)]} of the portal requests the server
    logged between ``start`` and ``end``: the time spent inside a worker, without
    the wait for a free worker that the clients see."""
    times = {}
    for line in log.read_text(errors="replace").splitlines():
        match = SERVER_LINE.search(line)
        if not match:
            continue
        at = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")
        if not start <= at <= end:
            continue
        path = match.group(3).split("?")[0]
        for pattern, kind in SERVER_KINDS:
            if found := pattern.match(path):
                kind = kind or found.group(1)
                seconds = float(match.group(6)) + float(match.group(7))
                times.setdefault(kind, []).append(seconds)
                break
    return times


def print_server_times(times):
    print(
        f"\n{'in a worker':<12} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    for kind, values in sorted(times.items()):
        values = [v * 1000 for v in values]
        print(
            f"{kind:<12} {len(values):>7} {percentile(values, 50):>8.0f}"
            f" {percentile(values, 95):>8.0f} {percentile(values, 99):>8.0f}"
        )


# phases


def load_phase(args, server, plan, expected, checks):
    recorder = Recorder()
    deadline = time.monotonic() + args.duration
    respondents = []
    for index, client in enumerate(plan["clients"]):
        client = dict(client, password=plan["password"], steps=plan["grid_steps"])
        respondents.append(
            Respondent(
                server.url(),
                client,
                expected,
                recorder,
                random.Random(args.seed * 1000 + index),
                deadline,
            )
        )
    stop = threading.Event()
    cadence = CadenceDriver(
        server,
        args.db,
        plan["cadence_cron_id"],
        plan["password"],
        plan["manager"],
        stop,
    )
    cadence.log_in()
    threads = [threading.Thread(target=r.run, daemon=True) for r in respondents]
    started_at = datetime.now().replace(microsecond=0)
    start = time.monotonic()
    cadence.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.duration + 120)
    elapsed = time.monotonic() - start
    stop.set()
    cadence.join(120)

    print(
        f"\nLoad: {len(respondents)} respondents for {args.duration} s; machine load"
        f" average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    figures = print_figures(recorder.samples, elapsed)
    print_server_times(
        server_times(server.log, started_at, datetime.now() + timedelta(seconds=1))
    )
    submitted = sum(len(r.submitted) for r in respondents)
    started = sum(len(r.started) for r in respondents)
    print(
        f"{submitted} grids submitted, {started} grids opened; "
        f"{sum(1 for r in respondents if len(r.started) == len(r.client['responses']))}"
        " respondents ran out of grids"
    )
    failures = [f for r in respondents for f in r.failures]
    server_errors = sum(
        1 for s in recorder.samples if isinstance(s[2], int) and s[2] >= 500
    )
    failed = sum(1 for s in recorder.samples if not s[3])
    print("\nChecks")
    checks.add(
        "no 5xx answer",
        not server_errors,
        f"{server_errors} of {len(recorder.samples)}",
    )
    checks.add(
        "no failed request",
        not failed and not failures,
        "; ".join(failures[:3]) or f"{failed} failed",
    )
    checks.add("grids submitted under load", submitted > 0, f"{submitted}")
    checks.add(
        "cadence driver ran",
        not cadence.failures and cadence.triggers > 0,
        "; ".join(cadence.failures)
        or f"{cadence.triggers} triggers, {len(cadence.accounts)} new accounts",
    )
    return {
        "figures": figures,
        "elapsed": elapsed,
        "submitted": submitted,
        "requests": len(recorder.samples),
        "cadence": cadence,
        "window": (started_at, datetime.now() + timedelta(seconds=1)),
        "submitted_ids": [rid for r in respondents for rid in r.submitted],
    }


def check_database(args, plan, expected, checks, submitted_ids):
    actual, duplicates, submissions, half = db_states(args.db)
    checks.add(
        "every response in the database",
        set(actual) == set(expected),
        f"{len(actual)} stored, {len(expected)} known",
    )
    common = sorted(set(actual) & set(expected))
    differ = compare(expected, actual, common)
    checks.add(
        "stored answers equal what the clients sent (submitted and drafts)",
        not differ,
        describe(expected, actual, differ[0]) if differ else f"{len(common)} responses",
    )
    wrong_lines = [
        rid for rid in common if len(actual[rid]["lines"]) != actual[rid]["rows"]
    ]
    checks.add(
        "no duplicated or missing line or round choice",
        not duplicates and not wrong_lines,
        f"{duplicates[:3]} {wrong_lines[:3]}",
    )
    twice = [rid for rid, count in submissions.items() if count != 1]
    not_logged = [rid for rid in submitted_ids if rid not in submissions]
    checks.add(
        "each submitted grid submitted exactly once",
        not twice and not not_logged and len(set(submitted_ids)) == len(submitted_ids),
        f"{twice[:3]} {not_logged[:3]}",
    )
    checks.add("no half-submitted response", not half, f"{half[:3]}")
    incomplete = [
        rid
        for rid, state in actual.items()
        if state["state"] == "submitted"
        and not all(
            line[mark] for line in state["lines"].values() for mark in state["required"]
        )
    ]
    checks.add(
        "every submitted grid is complete",
        not incomplete,
        f"{sum(s['state'] == 'submitted' for s in actual.values())} submitted, "
        f"incomplete: {incomplete[:3]}",
    )
    check_analysis_sums(args.db, checks)


# the submitted lines summed per review and attribute, as qsr_reporting keeps them
LINE_SUMS = """
SELECT r.review_id, l.attribute_id, COUNT(*) AS line_count,
       SUM(CASE WHEN r.points_bought > 0
                THEN r.weight * GREATEST(l.points_total, 0) / r.points_bought END)
           AS w_points_share
  FROM qsr_response r JOIN qsr_response_line l ON l.response_id = r.id
 WHERE r.state = 'submitted'
 GROUP BY r.review_id, l.attribute_id
"""


def check_analysis_sums(db, checks):
    """Concurrent submits of one review's grids: the analysis's sums that
    qsr_reporting recomputes in each submit's transaction equal the lines."""
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute("SELECT to_regclass('qsr_report_review_attribute')")
        if cr.fetchone()[0] is None:
            return
        cr.execute(
            f"""SELECT COUNT(*) FILTER (WHERE s.line_count IS DISTINCT FROM x.line_count
                          OR abs(COALESCE(s.w_points_share, 0)
                                 - COALESCE(x.w_points_share, 0)) > 1e-9),
                       COUNT(*)
                  FROM ({LINE_SUMS}) x
                  FULL JOIN qsr_report_review_attribute s
                       USING (review_id, attribute_id)"""
        )
        wrong, rows = cr.fetchone()
    checks.add(
        "the analysis's sums equal the submitted lines",
        not wrong,
        f"{rows} review x attribute rows, {wrong} wrong",
    )


def check_cadence(args, server, plan, load, checks):
    cadence = load["cadence"]
    idle = wait_cadence_idle(args.db, plan["cadence_cron_id"])
    runs = cadence_runs(server.log, *load["window"])
    with psycopg2.connect(dbname=args.db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT partner_id, COUNT(*), COUNT(DISTINCT review_type)"
            "  FROM qsr_review WHERE cadence_key IS NOT NULL AND partner_id = ANY(%s)"
            " GROUP BY partner_id",
            [cadence.accounts],
        )
        planned = {pid: (count, types) for pid, count, types in cr.fetchall()}
        cr.execute("SELECT COUNT(*) FROM qsr_review WHERE cadence_key IS NOT NULL")
        (total,) = cr.fetchone()
    # a key-tier account is due for a Simalto review and a workshop
    wrong = [pid for pid in cadence.accounts if planned.get(pid) != (2, 2)]
    print(f"Cadence job: {len(runs)} runs during the load, {total} reviews planned")
    # at least one run a minute, and one at all in a short run
    needed = max(1, args.duration // 30)
    checks.add(
        "cadence job ran in the cron worker during the load",
        len(runs) >= needed and idle,
        f"{len(runs)} runs (at least {needed})",
    )
    checks.add(
        "cadence job planned each new account once",
        not wrong,
        f"{len(cadence.accounts)} accounts, wrong: {wrong[:3]}",
    )


# faults


def client_of_backend(backend_pid):
    """The pid of the process connected to PostgreSQL backend ``backend_pid``
    (the workers share the master's application_name, so ask the sockets)."""
    out = subprocess.run(["ss", "-xpn"], capture_output=True, text=True).stdout
    sockets = {}  # local inode: (peer inode, pids)
    for line in out.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 8 or not parts[5].isdigit() or not parts[7].isdigit():
            continue
        pids = [int(pid) for pid in re.findall(r"pid=(\d+)", line)]
        sockets[int(parts[5])] = (int(parts[7]), pids)
    for peer, pids in sockets.values():
        if backend_pid in pids and peer in sockets:
            return next(iter(sockets[peer][1]), None)
    return None


def kill_mid_submit(args, server, plan, expected, checks):
    """The worker running a submit is SIGKILLed while the submit waits on a row
    lock, inside its transaction."""
    rid, token = plan["fault"].pop()
    respondent = link_respondent(server, plan, expected, rid)
    page = respondent.open_grid(rid, token)
    conn = psycopg2.connect(dbname=args.db)
    outcome = {}
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT participant_id FROM qsr_response WHERE id = %s", [rid])
            (participant,) = cr.fetchone()
            cr.execute(
                "SELECT id FROM qsr_review_participant WHERE id = %s FOR UPDATE",
                [participant],
            )

            def submit():
                try:
                    respondent.submit(rid, token, page)
                    outcome["result"] = "answered"
                except ClientError as error:
                    outcome["result"] = f"no answer ({error})"

            thread = threading.Thread(target=submit)
            thread.start()
            victim = None
            end = time.monotonic() + 30
            with psycopg2.connect(dbname=args.db) as watch, watch.cursor() as wcr:
                while victim is None and time.monotonic() < end:
                    wcr.execute(
                        "SELECT pid FROM pg_stat_activity"
                        " WHERE datname = %s AND wait_event_type = 'Lock'",
                        [args.db],
                    )
                    for (backend,) in wcr.fetchall():
                        pid = client_of_backend(backend)
                        if pid in server.http_workers():
                            victim = pid
                    time.sleep(0.05)
            if victim:
                os.kill(victim, signal.SIGKILL)
            conn.rollback()
            thread.join(90)
    finally:
        conn.close()
    checks.add(
        "fault: a worker was caught inside a submit and killed",
        victim,
        f"worker {victim}, client: {outcome.get('result')}",
    )
    return rid, token, victim


def link_respondent(server, plan, expected, rid):
    """A respondent following the e-mail link of grid ``rid`` (not logged in)."""
    return Respondent(
        server.url(),
        {"logged_in": False, "steps": plan["grid_steps"]},
        expected,
        Recorder(),
        random.Random(rid),
        time.monotonic() + 600,
    )


def _submit_once(respondent, rid, token, page, outcome):
    try:
        respondent.submit(rid, token, page)
        outcome[rid] = True
    except ClientError:
        outcome[rid] = False


def kill_burst(args, server, plan, expected, checks, rounds=2, parallel=3):
    """Several submits in flight, and a random HTTP worker killed meanwhile."""
    touched = []
    interrupted = 0
    rng = random.Random(args.seed)
    for _round in range(rounds):
        batch = [plan["fault"].pop() for _i in range(min(parallel, len(plan["fault"])))]
        if not batch:
            break
        outcome = {}
        respondents = {}
        pages = {}
        for rid, token in batch:
            respondents[rid] = link_respondent(server, plan, expected, rid)
            pages[rid] = respondents[rid].open_grid(rid, token)

        threads = [
            threading.Thread(
                target=_submit_once,
                args=(respondents[rid], rid, token, pages[rid], outcome),
            )
            for rid, token in batch
        ]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.02, 0.3))
        workers = server.http_workers()
        if workers:
            os.kill(rng.choice(workers), signal.SIGKILL)
        for thread in threads:
            thread.join(90)
        for rid, _token in batch:
            if outcome.get(rid):
                expected[rid].update(state="submitted", step="review")
            else:
                interrupted += 1
        touched += batch
    checks.add(
        "fault: random worker kills during submits",
        touched,
        f"{len(touched)} submits, {interrupted} got no answer",
    )
    return touched


def wait_workers(server, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if len(server.http_workers()) >= 2:
            return True
        time.sleep(0.2)
    return False


def fault_phase(args, server, plan, expected, checks):
    print("\nFaults")
    first = kill_mid_submit(args, server, plan, expected, checks)
    touched = [first[:2], *kill_burst(args, server, plan, expected, checks)]
    actual, _duplicates, _submissions, half = db_states(args.db)
    # a killed submit leaves either the submitted grid or the complete draft
    bad = []
    for rid, _token in touched:
        state = actual[rid]
        draft = dict(expected[rid], state="progress", step="review")
        done = dict(expected[rid], state="submitted", step="review")
        if state["state"] == "submitted":
            ok = not compare({rid: done}, actual, [rid])
        else:
            ok = not compare({rid: draft}, actual, [rid])
        if not ok:
            bad.append(rid)
    checks.add(
        "fault: each killed submit is submitted or a complete draft",
        not bad and not half,
        f"{sum(actual[rid]['state'] == 'submitted' for rid, _t in touched)} "
        f"submitted, {sum(actual[rid]['state'] != 'submitted' for rid, _t in touched)}"
        f" drafts; wrong: {bad[:3]}",
    )
    respawned = wait_workers(server)
    # the respondents whose submit got no answer reload the page and submit again
    retried = 0
    for rid, token in touched:
        respondent = link_respondent(server, plan, expected, rid)
        try:
            page = respondent.open_grid(rid, token)
            if not page["readonly"]:
                respondent.submit(rid, token, page)
                retried += 1
            expected[rid].update(state="submitted", step="review")
        except ClientError as error:
            bad.append(f"{rid}: {error}")
    actual, _duplicates, submissions, half = db_states(args.db)
    final = [
        rid
        for rid, _token in touched
        if compare(expected, actual, [rid]) or submissions.get(rid) != 1
    ]
    checks.add(
        "fault: the master respawned the workers and the server kept serving",
        respawned and not bad,
        f"{retried} submits retried; {bad[:3]}",
    )
    checks.add(
        "fault: after retry every grid submitted once with its answers",
        not final and not half,
        f"wrong: {final[:3]}",
    )


def database_arguments(parser, db, modules):
    """The options of the database a run creates (also tests/scale's)."""
    parser.add_argument("--db", default=db)
    parser.add_argument("--template", help="copy this database instead of installing")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--modules", default=modules)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    database_arguments(parser, "qsr_load", "qsr_review,qsr_simalto")
    parser.add_argument("--respondents", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--pool", type=int, help="grids per respondent")
    parser.add_argument("--port", type=int, default=8341)
    parser.add_argument("--gevent-port", type=int, default=8349)
    parser.add_argument("--kill-test", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--log", type=Path, default=REPO / ".logs" / "odoo-load.log")
    parser.add_argument("--result", type=Path, help="write the checks as JSON here")
    args = parser.parse_args()
    args.log.parent.mkdir(parents=True, exist_ok=True)
    pool = args.pool or max(4, args.duration // 3)
    checks = Checks()
    server = None
    figures = {}

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    started = time.monotonic()
    try:
        create_database(
            args.db, args.template, args.addons_path, args.modules, args.port
        )
        print(f"Preparing {args.respondents} respondents x {pool} grids")
        plan = prepare_data(
            args.db,
            args.addons_path,
            args.respondents,
            pool,
            8 if args.kill_test else 0,
            args.seed,
        )
        expected = normalise(json.loads(json.dumps(plan.pop("responses"))))
        print(f"Starting odoo --workers 2 on 127.0.0.1:{args.port} (log: {args.log})")
        server = Server(
            args.db, args.addons_path, args.port, args.gevent_port, args.log
        )
        server.wait_ready()
        # a browser loads the assets once; build them before the clock starts
        requests.get(server.url("/web/login"), timeout=120)
        print(f"Workers: {server.children()}")
        load = load_phase(args, server, plan, expected, checks)
        figures = load["figures"]
        check_cadence(args, server, plan, load, checks)
        check_database(args, plan, expected, checks, load["submitted_ids"])
        if args.kill_test:
            fault_phase(args, server, plan, expected, checks)
        errors = [
            line.strip()
            for line in args.log.read_text(errors="replace").splitlines()
            if LOG_ERROR.match(line)
        ]
        checks.add("no ERROR in the server log", not errors, (errors or [""])[0][:300])
    except Exception as error:
        checks.add("the run completed", False, f"{type(error).__name__}: {error}")
        load = None
    finally:
        if server:
            server.stop()
    failed = checks.failed
    total = time.monotonic() - started
    if args.result:
        args.result.write_text(
            json.dumps({"checks": checks.results, "figures": figures, "seconds": total})
        )
    if load:
        p95 = figures.get("all", {}).get("p95", 0)
        summary = (
            f"{args.respondents} respondents, {args.duration} s, {load['requests']} "
            f"requests ({load['requests'] / load['elapsed']:.1f}/s), p95 {p95:.0f} ms, "
            f"{load['submitted']} grids submitted, {len(checks.results)} checks"
            f"{', kill test' if args.kill_test else ''}, {total:.0f} s in all"
        )
    else:
        summary = f"{len(checks.results)} checks"
    if failed:
        reasons = "; ".join(failed)
        print(f"LOAD FAILED: {len(failed)} failed check(s) ({reasons}); {summary}")
        return 1
    print(f"LOAD PASSED: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
