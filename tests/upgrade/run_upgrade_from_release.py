"""Upgrade a database of the previous release's code to the code being tested.

1. take the release's code (``setup/releases.txt``: the latest release whose addons
   differ from those being tested, or the one ``--from`` names by version or
   commit) out of git into a temporary folder;
2. install its addons with their demo data in a fresh database and add a small
   generated portfolio with the release's own generator (data/generate_portfolio.py),
   so that every model holds rows: submitted and draft grids, reviews in every
   stage, gaps, interviews, workshops, won/lost reviews, value surveys;
3. read what the old code shows: every row of the addons' tables (the stored figures
   of each response and line, each review's stage, tier and wave ...), the priority
   pivot by tier and wave and by attribute and tier, every cell of the portfolio
   XLSX of each wave (release_figures.py), and the figures of each portal user's
   results page over HTTP on a server of the old code;
4. upgrade the database with the new code (``-u``; addons new since the release are
   installed) and read the same through the new code;
5. check that every row, figure and cell is still there with the same value, that
   no record, many2many row, message, activity, follower, attachment or setting was
   lost, that no stored field was dropped, and that every required new field was
   filled by the migration scripts;
6. rollback safety: an addon that exists only for this check (failing_migration/)
   is installed, then upgraded to a version whose migration changes rows and then
   fails: the upgrade must fail and leave the database as it was.

Prints one line per check and ends with ``upgrade from <version>: N checks, N
failed``; exits non-zero when any check failed.
"""

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psycopg2
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import release_figures
import run_upgrade_checks as checks

REPO = checks.REPO
RELEASES = REPO / "setup" / "releases.txt"
FIGURES = Path(__file__).resolve().with_name("release_figures.py")
PROBE = Path(__file__).resolve().parent / "failing_migration" / "qsr_upgrade_probe"
# the registry's own records: they follow the code (the field checks cover them)
REGISTRY_MODELS = {
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.inherit",
    "ir.model.constraint",
    "ir.model.relation",
}
# records a release removed on purpose, "module.name": why
REMOVED_ON_PURPOSE = {
    "qsr_reporting.ir_cron_refresh_stale_sums": "18.0.1.2.0 keeps the analysis "
    "sums in the transaction that changes them: no stale sums to catch up",
    "qsr_reporting.ir_cron_refresh_stale_sums_ir_actions_server": "the cron's action",
    "qsr_reporting.access_qsr_report_review_attribute_system": "18.0.1.2.0: QSR "
    "users read the sums under record rules (access_..._user) instead",
    "qsr_reporting.access_qsr_report_review_attribute_analysis_system": "likewise",
}
PORTAL_PAGES = ("/my", "/my/qsr/results")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*%?")
TAG = re.compile(r"<[^>]+>")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


# -- releases -----------------------------------------------------------------------


def read_releases(path=RELEASES):
    """[(version, commit)] of setup/releases.txt, oldest first."""
    releases = []
    for line in Path(path).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            version, commit = line.split()
            releases.append((version, commit))
    return releases


def choose_release(releases, wanted=None, is_current=lambda commit: False):
    """The release named by version or (a prefix of its) commit, else the latest
    one whose addons are not those being tested (``is_current(commit)``), else the
    latest."""
    if not wanted:
        older = [release for release in releases if not is_current(release[1])]
        return (older or releases)[-1]
    for version, commit in releases:
        if wanted in (version, commit) or (
            len(wanted) >= 7 and commit.startswith(wanted)
        ):
            return version, commit
    sys.exit(f"ERROR: no release {wanted!r} in {RELEASES.relative_to(REPO)}")


def addons_unchanged_since(commit):
    """Whether the addons in the work tree are those of ``commit``."""
    diff = subprocess.run(
        ["git", "-C", str(REPO), "diff", "--quiet", commit, "--", "qsr_*"], check=False
    )
    return diff.returncode == 0


def addons_of(tree):
    return sorted(
        path.parent.name
        for path in Path(tree).glob("qsr_*/__manifest__.py")
        if checks.ast.literal_eval(path.read_text("utf-8")).get("installable", True)
    )


def extract(commit, into):
    """The files of ``commit`` in the folder ``into`` (no git metadata)."""
    known = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{commit}^{{commit}}"], check=False
    )
    if known.returncode:
        sys.exit(
            f"ERROR: the release commit {commit} is not in this clone of the "
            "repository (a shallow clone?): fetch the history, then run again."
        )
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)


# -- comparisons --------------------------------------------------------------------


def kept_rows(before, after):
    """Rows of ``before`` missing or changed in ``after``, on the old columns; new
    columns and new rows are the new code's to add. A grid that the migrations
    replaced by a new version (18.0.1.3.0 gives the answered default grid its
    price row in a new version) is archived, as every replaced version is: its
    active flag and last-modified date may change, nothing else."""
    return checks.row_differences(
        before, replaced_grids_kept(before, after), additions=False
    )


def replaced_grids_kept(before, after):
    """``after`` with the grids it replaced by a new version (a grid of
    ``after`` names them as ``previous_version_id``) as active and dated as in
    ``before``."""
    grids, old_grids = after.get("qsr_grid"), before.get("qsr_grid", {})
    if not grids:
        return after
    replaced = {str(row.get("previous_version_id")) for row in grids.values()}
    kept = {"active", "write_date", "write_uid"}
    return {
        **after,
        "qsr_grid": {
            grid_id: (
                {**row, **{key: old_grids[grid_id].get(key) for key in kept}}
                if str(grid_id) in replaced and grid_id in old_grids
                else row
            )
            for grid_id, row in grids.items()
        },
    }


def figure_differences(old, new, path=""):
    """Where two nested figures differ, as readable paths. The new code may add
    figures (a new measure, a new column at the end of a row, a new row at the
    end of a sheet), never drop or change one."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = [f"{path}/{key}: gone" for key in sorted(set(old) - set(new))]
        for key in sorted(set(old) & set(new)):
            found += figure_differences(old[key], new[key], f"{path}/{key}")
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) <= len(new):
        found = []
        kept = new[: len(old)]
        for index, (old_item, new_item) in enumerate(zip(old, kept, strict=True)):
            found += figure_differences(old_item, new_item, f"{path}[{index}]")
        return found
    if not checks.same_value(old, new):
        return [f"{path}: {old!r} -> {new!r}"[:250]]
    return []


def figures_dropped(old, new):
    """Where a page of the new code answers otherwise, or no longer shows, in
    the same order, every number the old code showed on it
    ({login: {page: [status, [numbers]]}}): a page may show more (a new
    section), never fewer or others."""
    dropped = []
    for login, pages in sorted(old.items()):
        for page, (status, numbers) in sorted(pages.items()):
            new_status, new_numbers = new.get(login, {}).get(page, [None, []])
            missing, at = [], 0
            for number in numbers:
                if number in new_numbers[at:]:
                    at += new_numbers[at:].index(number) + 1
                else:
                    missing.append(number)
            if new_status != status or missing:
                dropped.append(
                    f"/{login}{page}: {status} -> {new_status}; {' '.join(missing)}"
                )
    return [line[:250] for line in dropped]


# a portfolio matrix sheet of one grid among several answered in its wave
PER_GRID_SHEET = re.compile(r"^(?:.+ )?G\d+ ")


def xlsx_split_by_grid(old, new):
    """The waves whose portfolio matrix the new code splits by grid (several
    grids answered in the wave, which the old code pooled in one matrix):
    ``{wave: reason}``, left out of the cell-by-cell comparison."""
    return {
        wave: "answered on several grids: one matrix per grid, never pooled"
        for wave, sheets in new.items()
        if wave in old
        and set(sheets) != set(old[wave])
        and all(PER_GRID_SHEET.match(sheet) for sheet in sheets)
    }


def page_figures(html):
    """The numbers a page shows, in order, from its main content."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    text = TAG.sub(
        " ", re.sub(r'\s(?:value|href|src|action|data-[\w-]+)="[^"]*"', "", main)
    )
    return NUMBER.findall(text)


# -- processes ----------------------------------------------------------------------


def odoo_run(opts, addons_path, name, *args):
    log = Path(opts.logdir) / f"upgrade-from-{name}.log"
    log.unlink(missing_ok=True)
    command = [sys.executable, "-m", "odoo", f"--addons-path={addons_path}"]
    command += ["-d", opts.db, f"--http-port={opts.http_port}", "--log-level=info"]
    command += [*args, "--stop-after-init", f"--logfile={log}"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode:
        print(proc.stderr[-3000:], file=sys.stderr)
    return proc.returncode, log


def read_figures(opts, addons_path, name, prepare=False):
    out = Path(opts.logdir) / f"upgrade-from-{name}.json"
    log = Path(opts.logdir) / f"upgrade-from-{name}-figures.log"
    log.unlink(missing_ok=True)
    command = [sys.executable, str(FIGURES), f"--out={out}"]
    command += ["--prepare"] if prepare else []
    command += [f"--addons-path={addons_path}", "-d", opts.db, f"--logfile={log}"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode:
        print(proc.stderr[-3000:], file=sys.stderr)
        return None, log
    return json.loads(out.read_text("utf-8")), log


def registry_tables(opts, addons_path):
    """{model: table} of the registry that ``addons_path`` loads."""
    odoo = checks.Odoo(
        argparse.Namespace(
            addons_path=addons_path,
            db=opts.db,
            http_port=opts.http_port,
            logdir=opts.logdir,
        )
    )
    odoo.start_worker()
    try:
        ok, payload, _lines = odoo.ask("tables")
    finally:
        odoo.stop_worker()
    if not ok:
        raise RuntimeError(f"the Odoo worker failed: {payload}")
    return json.loads(payload.removeprefix("tables").strip())["tables"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_pages(opts, addons_path, logins, name):
    """{login: {page: [numbers]}} read over HTTP from a server of that code."""
    port = free_port()
    log = Path(opts.logdir) / f"upgrade-from-{name}-http.log"
    log.unlink(missing_ok=True)
    command = [sys.executable, "-m", "odoo", f"--addons-path={addons_path}"]
    command += [
        "-d",
        opts.db,
        "--db-filter",
        f"^{opts.db}$",
        "--http-interface=127.0.0.1",
    ]
    command += [f"--http-port={port}", "--workers=0", "--max-cron-threads=0"]
    command += [f"--gevent-port={free_port()}", f"--logfile={log}"]
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    pages = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/web/login", timeout=10).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"the Odoo server did not start (log {log})")
            time.sleep(1)
        for login in logins:
            session = requests.Session()
            token = CSRF.search(session.get(f"{base}/web/login", timeout=30).text)[1]
            reply = session.post(
                f"{base}/web/login",
                data={
                    "login": login,
                    "password": release_figures.PORTAL_PASSWORD,
                    "csrf_token": token,
                },
                allow_redirects=False,
                timeout=30,
            )
            if reply.status_code != 303:
                raise RuntimeError(f"login of {login} refused")
            pages[login] = {}
            for page in PORTAL_PAGES:
                reply = session.get(f"{base}{page}", timeout=60)
                pages[login][page] = [reply.status_code, page_figures(reply.text)]
    finally:
        server.terminate()
        server.wait(timeout=60)
    return pages


# -- the run ------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="qsr_upgrade_from")
    parser.add_argument("--http-port", default="8189")
    parser.add_argument("--addons-path", required=True, help="with this repository")
    parser.add_argument("--from", dest="release", help="version or commit")
    parser.add_argument("--accounts", type=int, default=12, help="generated accounts")
    parser.add_argument("--waves", type=int, default=2)
    parser.add_argument("--logdir", default=str(REPO / ".logs"))
    opts = parser.parse_args()
    Path(opts.logdir).mkdir(parents=True, exist_ok=True)
    version, commit = choose_release(
        read_releases(), opts.release, addons_unchanged_since
    )
    started = time.monotonic()
    results = checks.Results()
    print(f"Upgrade from release {version} ({commit[:12]}) in database {opts.db}")
    subprocess.run(["dropdb", "--if-exists", opts.db], check=True)
    old_tree = Path(tempfile.mkdtemp(prefix="qsr-release-"))
    try:
        extract(commit, old_tree)
        run_checks(results, opts, old_tree)
    finally:
        shutil.rmtree(old_tree, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(
        f"upgrade from {version}: {results.passed + results.failed} checks, "
        f"{results.failed} failed ({elapsed:.0f} s)"
    )
    return 1 if results.failed or not results.passed else 0


def run_checks(results, opts, old_tree):
    repo = str(REPO)
    paths = opts.addons_path.split(",")
    if repo not in paths:
        sys.exit(f"ERROR: --addons-path must hold {repo}")
    old_path = ",".join(str(old_tree) if path == repo else path for path in paths)
    old_addons, new_addons = addons_of(old_tree), addons_of(REPO)

    returncode, log = odoo_run(opts, old_path, "install", "-i", ",".join(old_addons))
    if not checks.check_run(
        results, "old code: install with demo data", returncode, log
    ):
        return
    generator = subprocess.run(
        [
            *(sys.executable, "-m", "data.generate_portfolio", "-d", opts.db),
            *(f"--accounts={opts.accounts}", f"--waves={opts.waves}"),
            f"--addons-path={old_path}",
        ],
        cwd=old_tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if not results.check(
        "old code: portfolio generated",
        generator.returncode == 0,
        f"{opts.accounts} accounts x {opts.waves} waves"
        + (f": {generator.stderr[-500:]}" if generator.returncode else ""),
    ):
        return
    before, log = read_figures(opts, old_path, "before", prepare=True)
    if not results.check("old code: figures read", before is not None, str(log)):
        return
    conn = psycopg2.connect(dbname=opts.db)
    conn.autocommit = True
    try:
        old_snap = checks.snapshot(conn, old_addons, registry_tables(opts, old_path))
        old_pages = portal_pages(opts, old_path, before["portal_users"], "before")

        added = [addon for addon in new_addons if addon not in old_addons]
        args = ["-u", ",".join(old_addons)] + (["-i", ",".join(added)] if added else [])
        returncode, log = odoo_run(opts, opts.addons_path, "upgrade", *args)
        if not checks.check_run(results, "upgrade to the new code", returncode, log):
            return
        after, log = read_figures(opts, opts.addons_path, "after")
        if not results.check("new code: figures read", after is not None, str(log)):
            return
        new_snap = checks.snapshot(
            conn, old_addons, registry_tables(opts, opts.addons_path)
        )
        new_pages = portal_pages(
            opts, opts.addons_path, before["portal_users"], "after"
        )
        compare(results, old_snap, new_snap, before, after, old_pages, new_pages)
        check_new_fields(results, conn, old_snap, new_snap)
        check_rollback(results, opts, conn)
    finally:
        conn.close()


def compare(results, old_snap, new_snap, before, after, old_pages, new_pages):
    lost = kept_rows(old_snap["rows"], new_snap["rows"])
    rows = sum(len(rows) for rows in old_snap["rows"].values())
    results.check(
        "every row and stored figure kept (responses, lines, reviews' stage, "
        "tier, wave...)",
        not lost,
        f"{rows} rows in {len(old_snap['rows'])} tables and views"
        + (": " + checks.shorten(lost) if lost else ""),
    )
    missing = []
    for table, rows in sorted(old_snap["relation_rows"].items()):
        if lost_rows := rows - new_snap["relation_rows"].get(table, Counter()):
            missing.append(f"{table}: {sum(lost_rows.values())} rows")
    results.check("every many2many row kept", not missing, checks.shorten(missing))
    gone = sorted(
        xmlid
        for xmlid in set(map(tuple, old_snap["xmlids"]))
        - set(map(tuple, new_snap["xmlids"]))
        if xmlid[2] not in REGISTRY_MODELS
        and f"{xmlid[0]}.{xmlid[1]}" not in REMOVED_ON_PURPOSE
    )
    results.check(
        "every record of the data files kept",
        not gone,
        checks.shorten(gone) or f"{len(old_snap['xmlids'])} xml ids",
    )
    # actions are records of the data files, checked above
    kept = {
        key: count
        for key, count in old_snap["references"].items()
        if not key.startswith("ir_act_")
    }
    fewer = [
        f"{key}: {count} -> {new_snap['references'].get(key, 0)}"
        for key, count in sorted(kept.items())
        if new_snap["references"].get(key, 0) < count
    ]
    results.check(
        "no message, activity, follower or attachment lost",
        not fewer,
        checks.shorten(fewer)
        or checks.shorten(f"{k}: {v}" for k, v in sorted(kept.items())),
    )
    params = [
        key
        for key, value in old_snap["params"].items()
        if new_snap["params"].get(key) != value
    ]
    results.check("every setting kept", not params, checks.shorten(params))
    dropped = sorted(
        f"{model}.{name}"
        for (model, name), field in old_snap["fields"].items()
        if field["store"]
        and not new_snap["fields"].get((model, name), {}).get("store")
        and old_snap["models"].get(model, {}).get("transient") is False
    )
    results.check("no stored field dropped", not dropped, checks.shorten(dropped))
    for name, label, outer, inner in (
        (
            "pivot",
            "priority pivot by tier and wave, by attribute and tier",
            "groupings",
            "groups",
        ),
        (
            "portfolio_xlsx",
            "every cell of the portfolio XLSX of each wave",
            "waves",
            "sheets",
        ),
    ):
        split = (
            xlsx_split_by_grid(before[name], after[name]) if outer == "waves" else {}
        )
        old = {key: value for key, value in before[name].items() if key not in split}
        new = {key: value for key, value in after[name].items() if key not in split}
        differences = figure_differences(old, new)
        inside = sum(map(len, old.values()))
        results.check(
            f"same {label}",
            not differences and bool(old),
            checks.shorten(differences)
            or f"{len(old)} {outer}, {inside} {inner}"
            + "".join(f"; {outer[:-1]} {key} {why}" for key, why in split.items()),
        )
    differences = figures_dropped(old_pages, new_pages)
    shown = sum(len(page[1]) for pages in old_pages.values() for page in pages.values())
    results.check(
        "every figure of every portal user's pages still shown, in order",
        not differences and bool(old_pages),
        checks.shorten(differences)
        or f"{', '.join(sorted(old_pages))}: {shown} figures",
    )


def check_new_fields(results, conn, old_snap, new_snap):
    """Every required stored field that the new code adds holds a value in every
    existing row (the migration scripts fill it)."""
    new_fields = [
        (model, name)
        for (model, name), field in new_snap["fields"].items()
        if field["store"]
        and (model, name) not in old_snap["fields"]
        and field["spec"]["type"] not in ("one2many", "many2many")
    ]
    empty = []
    for model, name in new_fields:
        info = new_snap["models"].get(model)
        if not info or info["transient"] or new_snap["kinds"].get(info["table"]) != "r":
            continue
        if new_snap["fields"][model, name]["spec"]["required"]:
            (count,) = checks.query(
                conn, f'SELECT count(*) FROM "{info["table"]}" WHERE "{name}" IS NULL'
            )[0]
            if count:
                empty.append(f"{model}.{name}: {count} rows empty")
    names = checks.shorten(sorted(map(".".join, new_fields)))
    results.check(
        "required new fields filled by the migrations",
        not empty,
        checks.shorten(empty) or f"{len(new_fields)} new stored fields: {names}",
    )


def check_rollback(results, opts, conn):
    """A migration that changes rows and then fails leaves the database as it was."""
    probe_tree = Path(tempfile.mkdtemp(prefix="qsr-probe-"))
    try:
        target = probe_tree / PROBE.name
        shutil.copytree(PROBE, target, ignore=shutil.ignore_patterns("migrations"))
        path = f"{opts.addons_path},{probe_tree}"
        returncode, log = odoo_run(opts, path, "probe-install", "-i", PROBE.name)
        if not checks.check_run(
            results, "rollback: probe addon installed", returncode, log
        ):
            return
        state = rollback_state(conn)
        shutil.rmtree(target)
        shutil.copytree(PROBE, target)
        manifest = target / "__manifest__.py"
        manifest.write_text(
            manifest.read_text("utf-8").replace("18.0.1.0.0", "18.0.1.0.1"), "utf-8"
        )
        returncode, log = odoo_run(opts, path, "probe-upgrade", "-u", PROBE.name)
        failed = "qsr_upgrade_probe: this migration fails on purpose" in log.read_text(
            "utf-8", errors="replace"
        )
        results.check(
            "rollback: the failing migration ran and the upgrade failed",
            failed
            and (
                returncode != 0
                or "Failed to load registry" in log.read_text("utf-8", errors="replace")
            ),
            f"exit code {returncode}, log {log}",
        )
        after = rollback_state(conn)
        results.check(
            "rollback: database as it was (lines, module version, no new table)",
            after == state,
            "" if after == state else f"{state} -> {after}",
        )
    finally:
        shutil.rmtree(probe_tree, ignore_errors=True)


def rollback_state(conn):
    return {
        "lines": checks.query(
            conn,
            "SELECT md5(string_agg(to_jsonb(l)::text, ',' ORDER BY id))"
            " FROM qsr_response_line l",
        )[0][0],
        "version": checks.query(
            conn,
            "SELECT latest_version FROM ir_module_module WHERE name = %s",
            [PROBE.name],
        )[0][0],
        "probe table": checks.query(
            conn, "SELECT to_regclass('qsr_upgrade_probe_mark') IS NOT NULL"
        )[0][0],
    }


if __name__ == "__main__":
    sys.exit(main())
