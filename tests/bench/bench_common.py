"""What the benchmarks with a database of their own share (bench_portal,
bench_plan, bench_revenue): the database created with their addons or upgraded
to the code being measured, and the part that fills it, run in a process of
its own (the caller may hold another registry) that prints its figures as one
line of JSON after a mark."""

import json
import subprocess
import sys
from contextlib import contextmanager


def psql(db, sql):
    out = subprocess.run(
        ["psql", "-d", db, "-Atc", sql], check=True, capture_output=True
    )
    return out.stdout.decode().strip()


def ensure_database(db, addons_path, modules, port):
    """Create ``db`` with ``modules`` (no demo data), or upgrade them in it to the
    code being measured (page templates live in the database) and install
    those it lacks."""
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{db}'")
    if exists:
        print(f"Upgrading {modules} in {db}", flush=True)
    else:
        print(f"Installing {modules} in new database {db} (no demo data)", flush=True)
    subprocess.run(
        [
            *(sys.executable, "-m", "odoo", f"--addons-path={addons_path}"),
            *("-d", db, "-i", modules, *(("-u", modules) if exists else ())),
            "--without-demo=all",
            *("--stop-after-init", "--log-level=warn", f"--http-port={port}"),
        ],
        check=True,
    )


def quiet_env(env):
    """``env`` without chatter, tracking, followers or invitation mails: data
    made for a benchmark, fast."""
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            mail_create_nosubscribe=True,
            no_reset_password=True,
        )
    )


@contextmanager
def superuser_env(db, addons_path):
    """The superuser's environment on ``db``, in a cursor committed at the end
    (rolled back on an error)."""
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-d", db, f"--addons-path={addons_path}", "--log-level=warn"]
    )
    with Registry(db).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


def run_child(script, mark, options):
    """Run ``script`` with ``options`` (its hidden child mode among them) in a
    process of its own; return the JSON it printed after ``mark``."""
    out = subprocess.run(
        [sys.executable, script, *options],
        check=True,
        capture_output=True,
        text=True,
    )
    for line in out.stdout.splitlines():
        if line.startswith(mark):
            return json.loads(line[len(mark) :])
    raise RuntimeError(f"{script} printed no data:\n{out.stdout}\n{out.stderr}")


def run_setup(script, mark, db, addons_path, sizes, *options):
    """The data that ``script --setup`` makes in ``db`` for each of ``sizes``
    (and its other ``options``), by size."""
    data = run_child(
        script,
        mark,
        [
            "--setup",
            f"--db={db}",
            f"--addons-path={addons_path}",
            f"--sizes={','.join(map(str, sizes))}",
            *options,
        ],
    )
    return {int(size): spec for size, spec in data.items()}


def print_markdown(rows, widths):
    """``rows`` as the lines of a Markdown table, each cell padded to the
    width of its column."""
    for row in rows:
        cells = (
            str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
        )
        print("| " + " | ".join(cells) + " |")


def ratio(value, baseline):
    """``value`` / ``baseline``; NaN without a baseline."""
    return value / baseline if baseline else float("nan")


def milliseconds(seconds):
    return f"{seconds * 1000:,.0f} ms"


def compared_row(measure, seconds, baseline, target):
    """A row of RESULTS.md (measure, product, baseline, ratio, target): a
    time against its baseline's."""
    return (
        measure,
        milliseconds(seconds),
        milliseconds(baseline),
        f"{ratio(seconds, baseline):.2f}",
        target,
    )
