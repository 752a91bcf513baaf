"""Benchmark 1: a respondent's full Simalto grid session over HTTP,
against Odoo's own ``survey`` module answered over HTTP in the same run.

Both sides run against one real Odoo server (``--workers=0``) started here on a
database of its own (``qsr_portal_bench`` unless told otherwise, created with
qsr_review, qsr_simalto, qsr_reporting and survey, no demo data: qsr_reporting's
triggers sum each submitted grid for the priority analysis, part of a submit). For
each grid size (10, 29 = the default grid ``qsr_simalto.grid_default``, 40
attributes) the setup script makes a review in the collecting stage with one fresh
response per session (the respondent opens the invitation link: access token, not
logged in), and a ``survey.survey`` with one matrix question of as many rows (the
attribute names) and as many columns as the grid's longest row of levels, answered
through an invitation token too.

Our session, as the portal page and its script do it: for each step of the grid
(Today, Acceptable, Ideal, each budget round, Review) the step button
(``POST /my/qsr/grids/<id>/step``, from the second step on), the page
(``GET /my/qsr/grids/<id>``) and one JSON save per click
(``/my/qsr/grids/<id>/save``): every row at Today, Acceptable and Ideal, and in
each round one raise per row that the budget allows; then ``POST .../submit`` and
the thank-you page the browser is redirected to (reported as "done").

The survey session, as its frontend does it: ``GET /survey/start/<survey>``
(redirect) and ``POST /survey/begin``, then per step of ours the page and as many
saves as ours, then the submit. The survey has no save per click, so each save is
the request its frontend sends when the respondent moves within the survey:
``POST /survey/submit`` with the whole matrix as marked so far and
``previous_page_id`` = the matrix question, which stores the answers and answers
with the question re-rendered (``users_can_go_back`` is on for that). The page is
``GET /survey/<survey>/<answer>?previous_page_id=<question>``, as the survey's
back/breadcrumb navigation loads it: in Odoo 18 a plain reload after such a save
fails (HTTP 500, ``_get_next_page_or_question`` on the last question). The final
``POST /survey/submit`` without ``previous_page_id`` stores the matrix, finishes
and answers with the survey's thank-you screen. So the requests differ in what
they carry: a survey save stores the whole matrix (N lines) and returns the
question's HTML, ours stores one cell and returns a small JSON; the survey's
submit includes its thank-you screen, ours redirects to it ("done", no baseline).

Times are wall times seen by the client (``requests``); queries per request are
read from the server's werkzeug log lines (``<query count> <query time>
<remaining time>``). One warm-up session per side and size is not counted. Figures
are printed, never asserted.

    python3 tests/bench/bench_portal.py --addons-path=... [--db=qsr_portal_bench]
        [--sessions=10] [--port=8301]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_common

REPO = Path(__file__).resolve().parents[2]
MODULES = "qsr_review,qsr_simalto,qsr_reporting,survey"
DEFAULT_DB = "qsr_portal_bench"
DEFAULT_PORT = 8301
SIZES = (10, 29, 40)
KINDS = ("page", "save", "submit")
SETUP_MARK = "BENCH_PORTAL_SETUP "
LOG_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<query_time>[\d.]+) (?P<other_time>[\d.]+)"
)


# database and data


def _bench_grid(env, default, size):
    """The default grid when it has ``size`` attributes, else a copy of it with
    its last attributes dropped, or its attributes copied again at the end."""
    attributes = default.attribute_ids
    if len(attributes) == size:
        return default
    name = f"Bench Grid, {size} Attributes"
    grid = env["qsr.grid"].search([("name", "=", name)], limit=1)
    if grid:
        return grid
    grid = default.copy({"name": name})
    attributes = grid.attribute_ids
    if size < len(attributes):
        attributes[size:].unlink()
        grid.area_ids.filtered(lambda area: not area.attribute_ids).unlink()
    for index in range(size - len(attributes)):
        source = attributes[index % len(attributes)]
        source.copy(
            {
                "name": f"{source.name} ({index // len(attributes) + 2})",
                "sequence": source.sequence + 1000 + index,
            }
        )
    grid.invalidate_recordset()
    grid._check_ready()
    return grid


def _bench_survey(env, grid, size, columns):
    title = f"QSR Bench Matrix, {size} Rows"
    survey = env["survey.survey"].search([("title", "=", title)], limit=1)
    if survey:
        return survey
    return env["survey.survey"].create(
        {
            "title": title,
            "access_mode": "token",
            "questions_layout": "page_per_question",
            "users_can_go_back": True,
            "question_and_page_ids": [
                (
                    0,
                    0,
                    {
                        "title": "Rate every aspect of our service",
                        "question_type": "matrix",
                        "matrix_subtype": "simple",
                        "constr_mandatory": False,
                        "matrix_row_ids": [
                            (0, 0, {"value": name, "sequence": index})
                            for index, name in enumerate(
                                grid.attribute_ids.mapped("name")
                            )
                        ],
                        "suggested_answer_ids": [
                            (0, 0, {"value": f"Level {i}", "sequence": i})
                            for i in range(1, columns + 1)
                        ],
                    },
                )
            ],
        }
    )


def _plan(grid):
    """The clicks of one respondent, per step: [(attribute id, level id, row,
    column)]. Today at the second level, Acceptable at the third (the second on
    rows of two levels), Ideal at the best; in each round, one raise per row in
    grid order while the points available so far allow it."""
    attributes = grid.attribute_ids
    levels = [attribute.level_ids.sorted() for attribute in attributes]
    marks = {
        "current": [1] * len(attributes),
        "acceptable": [min(2, len(lv) - 1) for lv in levels],
        "ideal": [len(lv) - 1 for lv in levels],
    }
    position = list(marks["current"])
    available = 0.0
    spent = 0.0
    rounds = {f"round_{rnd.id}": rnd for rnd in grid.round_ids}
    steps = []
    for key, _label in grid._steps():
        clicks = []
        if key in marks:
            clicks = list(enumerate(marks[key]))
        elif key in rounds:
            available += rounds[key].budget
            for row, lv in enumerate(levels):
                if position[row] + 1 >= len(lv):
                    continue
                delta = lv[position[row] + 1].cost - lv[position[row]].cost
                if spent + delta <= available:
                    position[row] += 1
                    spent += delta
                    clicks.append((row, position[row]))
        steps.append(
            {
                "key": key,
                "saves": [
                    [attributes[row].id, levels[row][col].id, row, col]
                    for row, col in clicks
                ],
            }
        )
    return steps


def setup(env, sessions, sizes=SIZES):
    """Grids, surveys, and for this run one review per size with ``sessions`` + 1
    fresh responses (the first for the warm-up) and as many survey invitations.
    Returns what the HTTP sessions need, per size."""
    env = bench_common.quiet_env(env)
    default = env.ref("qsr_simalto.grid_default")._latest_version()
    Partner = env["res.partner"]
    account = Partner.search([("name", "=", "QSR Bench Portal Account")], limit=1)
    if not account:
        account = Partner.create(
            {"name": "QSR Bench Portal Account", "is_company": True}
        )
    run = env["qsr.review"].search_count([("partner_id", "=", account.id)])
    out = {}
    for size in sizes:
        grid = _bench_grid(env, default, size)
        columns = max(len(attribute.level_ids) for attribute in grid.attribute_ids)
        survey = _bench_survey(env, grid, size, columns)
        question = survey.question_ids
        contacts = Partner.create(
            [
                {
                    "name": f"Bench Respondent {size}-{run}-{index}",
                    "email": f"bench.{size}.{run}.{index}@example.com",
                    "parent_id": account.id,
                }
                for index in range(sessions + 1)
            ]
        )
        review = env["qsr.review"].create(
            {
                "partner_id": account.id,
                "review_type": "simalto",
                "grid_id": grid.id,
                "participant_ids": [
                    (0, 0, {"partner_id": contact.id}) for contact in contacts
                ],
            }
        )
        review.stage = "collect"
        responses = review.response_ids.sorted(lambda r: r.partner_id.id)
        answers = env["survey.user_input"].browse(
            [
                survey._create_answer(partner=contact, check_attempts=False).id
                for contact in contacts
            ]
        )
        out[size] = {
            "attributes": len(grid.attribute_ids),
            "grid": grid.name,
            "steps": _plan(grid),
            "responses": [[r.id, r.access_token] for r in responses],
            "survey_token": survey.access_token,
            "question_id": question.id,
            "rows": question.matrix_row_ids.sorted().ids,
            "columns": question.suggested_answer_ids.sorted().ids,
            "answers": answers.mapped("access_token"),
        }
    env.cr.commit()
    return out


def _setup_main(args):
    sizes = [int(size) for size in args.sizes.split(",")]
    with bench_common.superuser_env(args.db, args.addons_path) as env:
        data = setup(env, args.sessions, sizes)
    print(SETUP_MARK + json.dumps(data), flush=True)


# the server


class Server:
    """A real Odoo server on ``db``, its log in a temporary file."""

    def __init__(self, db, addons_path, port):
        self.base = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile(
            prefix="bench_portal_", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "odoo", f"--addons-path={addons_path}"),
                *("-d", db, f"--db-filter=^{db}$", f"--http-port={port}"),
                *("--workers=0", "--max-cron-threads=0", "--log-level=info"),
                f"--logfile={self.log.name}",
            ],
        )

    def wait_ready(self, timeout=120, request_timeout=5):
        """Wait for the server to answer; on a busy machine its first answers
        may take longer than a request's timeout."""
        import requests  # noqa: PLC0415

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped; see {self.log.name}")
            try:
                url = f"{self.base}/web/health"
                if requests.get(url, timeout=request_timeout).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the server did not start; see {self.log.name}")

    def log_lines(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            return [m.groupdict() for m in map(LOG_LINE.search, log) if m]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# the sessions


class Recorder:
    """Every request of the run, in order: side, size, kind, time, path."""

    def __init__(self, base):
        import requests  # noqa: PLC0415

        self.requests = requests
        self.base = base
        self.records = []
        self.side = self.size = None
        self.counted = True

    def call(self, session, kind, method, path, **kw):
        start = time.perf_counter()
        res = session.request(method, self.base + path, allow_redirects=False, **kw)
        elapsed = time.perf_counter() - start
        self.records.append(
            {
                "side": self.side,
                "size": self.size,
                "kind": kind,
                "counted": self.counted,
                "method": method,
                "path": path.split("?")[0],
                "seconds": elapsed,
            }
        )
        if res.status_code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {res.status_code}")
        return res

    def json(self, session, kind, path, params):
        res = self.call(
            session,
            kind,
            "POST",
            path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
        )
        body = res.json()
        if "error" in body:
            raise RuntimeError(f"{path}: {body['error']}")
        return body["result"]


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def our_session(rec, spec, response_id, token):
    session = rec.requests.Session()
    url = f"/my/qsr/grids/{response_id}"
    csrf = None
    for index, step in enumerate(spec["steps"]):
        if index:
            res = rec.call(
                session,
                "step",
                "POST",
                f"{url}/step",
                data={"csrf_token": csrf, "access_token": token, "step": step["key"]},
            )
            if res.status_code != 303:
                raise RuntimeError(f"step {step['key']} refused: {res.status_code}")
        res = rec.call(session, "page", "GET", f"{url}?access_token={token}")
        if f'data-step="{step["key"]}"' not in res.text:
            raise RuntimeError(f"the page is not at step {step['key']}")
        csrf = CSRF.search(res.text).group(1)
        for attribute_id, level_id, _row, _col in step["saves"]:
            result = rec.json(
                session,
                "save",
                f"{url}/save",
                {
                    "access_token": token,
                    "step": step["key"],
                    "attribute_id": attribute_id,
                    "level_id": level_id,
                },
            )
            if "error" in result:
                raise RuntimeError(f"save refused: {result['error']}")
    res = rec.call(
        session,
        "submit",
        "POST",
        f"{url}/submit",
        data={"csrf_token": csrf, "access_token": token},
    )
    if res.status_code != 303:
        raise RuntimeError("submit refused")
    # the browser follows the redirect to the thank-you page (the survey's submit
    # answers with its own thank-you screen in the same request)
    res = rec.call(session, "done", "GET", f"{url}?access_token={token}")
    if "o_qsr_thanks" not in res.text:
        raise RuntimeError("the page after submit does not thank the respondent")


def survey_session(rec, spec, answer_token):
    session = rec.requests.Session()
    survey_token = spec["survey_token"]
    question = spec["question_id"]
    rows, columns = spec["rows"], spec["columns"]
    rec.call(
        session,
        "start",
        "GET",
        f"/survey/start/{survey_token}?answer_token={answer_token}",
    )
    tokens = f"{survey_token}/{answer_token}"
    rec.json(session, "begin", f"/survey/begin/{tokens}", {})
    matrix = {}
    for step in spec["steps"]:
        # the question page as its "previous" (breadcrumb) link shows it: a plain
        # reload after a save that stayed on the last question fails in Odoo 18
        res = rec.call(
            session, "page", "GET", f"/survey/{tokens}?previous_page_id={question}"
        )
        if "o_survey_question_matrix" not in res.text:
            raise RuntimeError("the survey page shows no matrix")
        for _attribute_id, _level_id, row, col in step["saves"]:
            matrix[str(rows[row])] = [str(columns[col])]
            _correct, result = rec.json(
                session,
                "save",
                f"/survey/submit/{tokens}",
                {
                    "question_id": question,
                    str(question): dict(matrix),
                    "previous_page_id": question,
                },
            )
            if "error" in result:
                raise RuntimeError(f"survey save refused: {result}")
    _correct, result = rec.json(
        session,
        "submit",
        f"/survey/submit/{tokens}",
        {"question_id": question, str(question): dict(matrix)},
    )
    if "error" in result:
        raise RuntimeError(f"survey submit refused: {result}")


# figures


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def _match_queries(records, lines):
    """Give each record the query count of its werkzeug log line (in order)."""
    position = 0
    for record in records:
        for index in range(position, len(lines)):
            line = lines[index]
            if (
                line["method"] == record["method"]
                and line["path"].split("?")[0] == (record["path"])
            ):
                record["queries"] = int(line["queries"])
                record["server_seconds"] = float(line["query_time"]) + float(
                    line["other_time"]
                )
                position = index + 1
                break


def summarise(records, sizes):
    figures = {}
    for size in sizes:
        for side in ("ours", "survey"):
            for kind in (*KINDS, "done", "step", "start", "begin"):
                done = [
                    r
                    for r in records
                    if r["size"] == size and r["side"] == side and r["kind"] == kind
                ]
                counted = [r for r in done if r["counted"]]
                if not counted:
                    continue
                times = [r["seconds"] for r in counted]
                queries = [r["queries"] for r in done if "queries" in r]
                figures[(size, side, kind)] = {
                    "n": len(times),
                    "median": statistics.median(times),
                    "p95": _p95(times),
                    "queries_median": statistics.median(queries) if queries else None,
                    "queries_max": max(queries) if queries else None,
                    "queries_min": min(queries) if queries else None,
                }
    return figures


def check_stored(db, data):
    """What the database holds after the run: submitted responses and finished
    survey answers, with their lines (proof that every session went through)."""
    checks = {}
    for size, spec in data.items():
        ids = ",".join(str(rid) for rid, _token in spec["responses"])
        tokens = ",".join(f"'{token}'" for token in spec["answers"])
        checks[size] = {
            "responses_submitted": int(
                bench_common.psql(
                    db,
                    f"SELECT COUNT(*) FROM qsr_response WHERE id IN ({ids})"
                    " AND state = 'submitted'",
                )
            ),
            "survey_done": int(
                bench_common.psql(
                    db,
                    "SELECT COUNT(*) FROM survey_user_input"
                    f" WHERE access_token IN ({tokens}) AND state = 'done'",
                )
            ),
            "survey_lines": int(
                bench_common.psql(
                    db,
                    "SELECT COUNT(*) FROM survey_user_input_line l"
                    " JOIN survey_user_input i ON i.id = l.user_input_id"
                    f" WHERE i.access_token IN ({tokens})",
                )
            ),
        }
    return checks


def run(addons_path, db=DEFAULT_DB, sessions=10, port=DEFAULT_PORT, sizes=SIZES):
    """Run the benchmark; returns its figures (see ``markdown_rows``)."""
    if not db.startswith("qsr_"):
        raise ValueError("the benchmark database name must start with qsr_")
    bench_common.ensure_database(db, addons_path, MODULES, port)
    started = time.perf_counter()
    data = bench_common.run_setup(
        __file__, SETUP_MARK, db, addons_path, sizes, f"--sessions={sessions}"
    )
    setup_seconds = time.perf_counter() - started
    server = Server(db, addons_path, port)
    try:
        server.wait_ready()
        rec = Recorder(server.base)
        for size in sizes:
            spec = data[size]
            print(
                f"{spec['attributes']} attributes: {sessions} sessions per side",
                flush=True,
            )
            for index in range(sessions + 1):
                rec.size, rec.counted = size, index > 0
                rec.side = "ours"
                our_session(rec, spec, *spec["responses"][index])
                rec.side = "survey"
                survey_session(rec, spec, spec["answers"][index])
        time.sleep(1)  # the last log lines
        _match_queries(rec.records, server.log_lines())
    finally:
        server.stop()
    figures = {
        "db": db,
        "sessions": sessions,
        "sizes": list(sizes),
        "setup_seconds": setup_seconds,
        "requests_per_session": {
            size: {
                side: {
                    kind: sum(
                        1
                        for r in rec.records
                        if r["size"] == size
                        and r["side"] == side
                        and r["kind"] == kind
                        and r["counted"]
                    )
                    // sessions
                    for kind in (*KINDS, "done", "step", "start", "begin")
                }
                for side in ("ours", "survey")
            }
            for size in sizes
        },
        "by": summarise(rec.records, sizes),
        "stored": check_stored(db, data),
        "unmatched": sum(1 for r in rec.records if "queries" not in r),
        "log": server.log.name,
    }
    return figures


def markdown_rows(figures):
    """(measure, ours, baseline, ratio, target) rows for RESULTS.md."""
    by = figures["by"]
    ms = "{:,.0f} ms".format
    rows = []
    for size in figures["sizes"]:
        for kind in KINDS:
            ours, base = by[(size, "ours", kind)], by[(size, "survey", kind)]
            target = "<= 1.0" if kind in ("page", "submit") else "report"
            for stat in ("median", "p95"):
                rows.append(
                    bench_common.compared_row(
                        f"{size} attributes: {kind} {stat}",
                        ours[stat],
                        base[stat],
                        target,
                    )
                )
        done = by[(size, "ours", "done")]
        rows.append(
            (
                f"{size} attributes: thank-you page after submit, median",
                ms(done["median"] * 1000),
                "(in the survey's submit)",
                "",
                "report",
            )
        )
    for kind in (*KINDS, "step"):
        counts = [
            by[(size, "ours", kind)]["queries_median"] for size in figures["sizes"]
        ]
        base = [
            by[(size, "survey", kind)]["queries_median"]
            for size in figures["sizes"]
            if (size, "survey", kind) in by
        ]
        sizes = "/".join(str(size) for size in figures["sizes"])
        rows.append(
            (
                f"SQL queries per {kind} at {sizes} attributes",
                "/".join(f"{c:g}" for c in counts),
                "/".join(f"{c:g}" for c in base) if base else "",
                "",
                "constant" if kind in KINDS else "report",
            )
        )
    return rows


def print_table(figures):
    by = figures["by"]
    print()
    print(
        f"Portal answering, {figures['sessions']} sessions per side and size "
        f"(database {figures['db']}, setup {figures['setup_seconds']:.1f} s)"
    )
    header = (
        f"{'attrs':>5} {'request':<7} {'ours med':>9} {'ours p95':>9} "
        f"{'surv med':>9} {'surv p95':>9} {'ratio med':>9} {'ratio p95':>9} "
        f"{'q ours':>7} {'q surv':>7}"
    )
    print(header)
    print("-" * len(header))
    for size in figures["sizes"]:
        for kind in (*KINDS, "done", "step", "start", "begin"):
            ours = by.get((size, "ours", kind))
            base = by.get((size, "survey", kind))
            if not ours and not base:
                continue

            def cell(fig, key):
                return f"{fig[key] * 1000:7.0f}ms" if fig else f"{'-':>9}"

            def queries(fig):
                if not fig or fig["queries_median"] is None:
                    return f"{'-':>7}"
                return f"{fig['queries_median']:7g}"

            ratio_med = (
                f"{bench_common.ratio(ours['median'], base['median']):9.2f}"
                if ours and base
                else f"{'-':>9}"
            )
            ratio_p95 = (
                f"{bench_common.ratio(ours['p95'], base['p95']):9.2f}"
                if ours and base
                else f"{'-':>9}"
            )
            print(
                f"{size:>5} {kind:<7} {cell(ours, 'median')} {cell(ours, 'p95')} "
                f"{cell(base, 'median')} {cell(base, 'p95')} {ratio_med} "
                f"{ratio_p95} {queries(ours)} {queries(base)}"
            )
    print()
    print("Requests per session (ours / survey):")
    for size, sides in figures["requests_per_session"].items():
        parts = [
            f"{kind} {sides['ours'][kind]}/{sides['survey'][kind]}"
            for kind in (*KINDS, "done", "step", "start", "begin")
        ]
        print(f"  {size} attributes: {', '.join(parts)}")
    print("Stored after the run:", figures["stored"])
    if figures["unmatched"]:
        print(f"{figures['unmatched']} requests without a log line")
    print()
    bench_common.print_markdown(
        [("Measure", "Ours", "Survey", "Ratio", "Target"), *markdown_rows(figures)],
        (44, 16, 16, 7, 10),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.setup:
        _setup_main(args)
        return
    sizes = tuple(int(size) for size in args.sizes.split(","))
    figures = run(args.addons_path, args.db, args.sessions, args.port, sizes)
    print_table(figures)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    **figures,
                    "by": {"/".join(map(str, k)): v for k, v in figures["by"].items()},
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    sys.path.insert(0, os.fspath(REPO))
    main()
