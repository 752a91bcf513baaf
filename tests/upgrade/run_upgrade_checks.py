"""Install, upgrade and uninstall checks of the QSR addons against a real database.

Drives real ``python3 -m odoo`` processes and reads the database with psycopg2:

1. install every addon with demo data in a fresh database, save the QSR settings as a
   user would, and snapshot what the addons own: every row of their tables and SQL
   views, the columns they add to other tables (res_partner, crm_lead), their
   many2many tables, their records (ir_model_data), configuration parameters and the
   messages, activities, followers and attachments of their models;
2. migration-script guard: the stored fields of each addon against its released
   schema in setup/schema/<version>.json (see schema_guard.py);
3. upgrade every addon (``-u``) and compare: all of it identical, write_date
   included (Odoo rewrites a record of a data file only when its values change, and
   the code is the same); no ERROR line and no WARNING about our code in the log;
4. uninstall each addon, leaves first (``button_immediate_uninstall`` in one Odoo
   process), and after each: no table, column, many2many table, record of its
   ir_model_data (models, fields, menus, rules, access rights, views, crons, ...),
   configuration parameter, message or activity of its models is left, the other
   addons' data is intact, and Odoo still loads the database without an error;
5. install every addon again in that database: the same records and schema as the
   first install.

``--write-schema`` installs and writes setup/schema/<version>.json instead (run it
when an addon's version is released). Prints one line per check and ends with
``upgrade checks: N passed, N failed``; exits non-zero when any check failed.
"""

import argparse
import ast
import json
import math
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import schema_guard

REPO = schema_guard.REPO
WORKER = Path(__file__).resolve().with_name("odoo_worker.py")
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>\S+): (?P<message>.*)"
)
# tables whose rows point at a model: none may point at a model that was uninstalled
MODEL_REFERENCES = [
    ("mail_message", "model"),
    ("mail_activity", "res_model"),
    ("mail_followers", "res_model"),
    ("ir_attachment", "res_model"),
    ("ir_act_window", "res_model"),
    ("ir_act_server", "model_name"),
    ("ir_act_report_xml", "model"),
    ("mail_template", "model"),
]


# -- output -------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}")
        sys.stdout.flush()
        return ok


def shorten(items, limit=6):
    items = list(items)
    text = "; ".join(str(item) for item in items[:limit])
    return text + (f"; ... ({len(items)} in all)" if len(items) > limit else "")


# -- addons -------------------------------------------------------------------------


def read_manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text("utf-8"))


def install_order(addons):
    """The addons, each after the addons of this list it depends on."""
    depends = {
        addon: [dep for dep in read_manifest(addon)["depends"] if dep in addons]
        for addon in addons
    }
    ordered = []

    def visit(addon):
        if addon not in ordered:
            for dependency in depends[addon]:
                visit(dependency)
            ordered.append(addon)

    for addon in sorted(addons):
        visit(addon)
    return ordered


# -- processes ----------------------------------------------------------------------


class Odoo:
    """Runs Odoo on the database; every run logs to its own file."""

    def __init__(self, opts):
        self.opts = opts
        self.base = [
            f"--addons-path={opts.addons_path}",
            "-d",
            opts.db,
            f"--http-port={opts.http_port}",
            "--log-level=info",
        ]

    def log_path(self, name):
        path = Path(self.opts.logdir) / f"upgrade-{name}.log"
        path.unlink(missing_ok=True)
        return path

    def run(self, name, *args):
        """Run ``odoo <args> --stop-after-init``; return (exit code, log path)."""
        log = self.log_path(name)
        command = [sys.executable, "-m", "odoo", *self.base, *args]
        command += ["--stop-after-init", f"--logfile={log}"]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode:
            print(proc.stderr[-3000:], file=sys.stderr)
        return proc.returncode, log

    def start_worker(self):
        self.worker_log = self.log_path("worker")
        self.worker_stderr = open(self.log_path("worker-stderr"), "w")
        command = [sys.executable, str(WORKER), *self.base]
        command.append(f"--logfile={self.worker_log}")
        self.worker = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.worker_stderr,
            text=True,
        )

    def ask(self, command):
        """Send one command to the worker; return (ok, payload, new log lines)."""
        offset = self.worker_log.stat().st_size if self.worker_log.exists() else 0
        self.worker.stdin.write(command + "\n")
        self.worker.stdin.flush()
        answer = self.worker.stdout.readline().strip()
        with open(self.worker_log, encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            new_lines = log.read().splitlines()
        prefix = f"ok {command}"
        if answer.startswith(prefix):
            return True, answer[len(prefix) :].strip(), new_lines
        return False, answer or "the worker stopped", new_lines

    def stop_worker(self):
        if getattr(self, "worker", None) and self.worker.poll() is None:
            self.worker.stdin.write("quit\n")
            self.worker.stdin.flush()
            self.worker.wait(timeout=60)
        if getattr(self, "worker_stderr", None):
            self.worker_stderr.close()


def log_problems(lines):
    """ERROR and CRITICAL lines, and WARNING lines about our addons."""
    problems = []
    for line in lines:
        match = LOG_LINE.match(line)
        if not match:
            continue
        level, logger, message = match["level"], match["logger"], match["message"]
        about_us = "qsr" in logger or "qsr" in message
        if level in ("ERROR", "CRITICAL") or (level == "WARNING" and about_us):
            problems.append(f"{level} {logger}: {message}"[:300])
    return problems


def read_log(path):
    try:
        return Path(path).read_text("utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []


def check_run(results, name, returncode, log):
    problems = log_problems(read_log(log))
    detail = f"exit code {returncode}, log {log}"
    if problems:
        detail += ", " + shorten(problems, 4)
    return results.check(name, returncode == 0 and not problems, detail)


# -- database -----------------------------------------------------------------------


def query(conn, sql, params=None):
    with conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def relkinds(conn):
    return dict(
        query(
            conn,
            "SELECT relname, relkind FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace "
            "AND relkind IN ('r', 'v', 'm')",
        )
    )


def columns_of(conn, table):
    return {
        name
        for (name,) in query(
            conn,
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s",
            [table],
        )
    }


def foreign_keys(conn):
    """{(table, column): (target table, on delete)} of every single-column FK."""
    rows = query(
        conn,
        """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,
                  c.confdeltype
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1""",
    )
    return {(table, column): (target, kind) for table, column, target, kind in rows}


def snapshot(conn, addons, tables_of):
    """Everything the addons own in the database, in plain Python values."""
    snap = {"kinds": relkinds(conn)}
    # every xmlid of a record that one of our addons has an xmlid for
    snap["xmlids"] = query(
        conn,
        """SELECT module, name, model, res_id, noupdate FROM ir_model_data
            WHERE (model, res_id) IN (SELECT model, res_id FROM ir_model_data
                                       WHERE module = ANY(%s))""",
        [addons],
    )
    models = query(
        conn,
        """SELECT m.model, m.transient, array_agg(DISTINCT d.module ORDER BY d.module)
             FROM ir_model m
             JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
            WHERE m.id IN (SELECT res_id FROM ir_model_data
                            WHERE model = 'ir.model' AND module = ANY(%s))
            GROUP BY m.model, m.transient""",
        [addons],
    )
    snap["models"] = {
        model: {
            "transient": transient,
            "owners": owners,
            "table": tables_of.get(model, model.replace(".", "_")),
        }
        for model, transient, owners in models
    }
    fields = query(
        conn,
        """SELECT f.model, f.name, f.store, f.ttype, f.relation, f.required,
                  f.translate, f.relation_table,
                  array_agg(DISTINCT d.module ORDER BY d.module)
             FROM ir_model_fields f
             JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
            WHERE f.id IN (SELECT res_id FROM ir_model_data
                            WHERE model = 'ir.model.fields' AND module = ANY(%s))
            GROUP BY f.id""",
        [addons],
    )
    snap["fields"] = {
        (model, name): {
            "store": store,
            "spec": {
                "type": ttype,
                "relation": relation or None,
                "required": bool(required),
                "translate": bool(translate),
            },
            "relation_table": relation_table,
            "owners": owners,
        }
        for model, name, store, ttype, relation, required, translate, relation_table, owners in fields  # noqa: E501
    }
    snap["relations"] = dict(
        query(
            conn,
            """SELECT r.name, array_agg(DISTINCT m.name ORDER BY m.name)
                 FROM ir_model_relation r JOIN ir_module_module m ON m.id = r.module
                WHERE r.name IN (SELECT r2.name FROM ir_model_relation r2
                                   JOIN ir_module_module m2 ON m2.id = r2.module
                                  WHERE m2.name = ANY(%s))
                GROUP BY r.name""",
            [addons],
        )
    )
    snap["rows"], snap["relation_rows"] = table_rows(conn, snap)
    snap["params"] = dict(
        query(
            conn,
            "SELECT key, value FROM ir_config_parameter WHERE key LIKE ANY(%s)",
            [[f"{addon}.%" for addon in addons]],
        )
    )
    own_models = [
        model
        for model, info in snap["models"].items()
        if set(info["owners"]) <= set(addons)
    ]
    snap["references"] = model_references(conn, own_models)
    snap["schema"] = schema_of(snap)
    return snap


def model_references(conn, models):
    """{"table.column=model": rows} of the MODEL_REFERENCES pointing at models."""
    references = {}
    for table, column in MODEL_REFERENCES:
        sql = f"SELECT {column}, count(*) FROM {table} WHERE {column} = ANY(%s)"
        for model, count in query(conn, sql + " GROUP BY 1", [models]):
            references[f"{table}.{column}={model}"] = count
    return references


def table_rows(conn, snap):
    """Rows of our tables and views by id; for the tables of other addons' models
    (res_partner, crm_lead), only the columns of our fields; many2many rows."""
    kinds = snap["kinds"]
    our_columns = defaultdict(set)
    for (model, name), field in snap["fields"].items():
        if field["store"] and field["spec"]["type"] not in ("one2many", "many2many"):
            our_columns[model].add(name)
    rows = {}
    for model, info in snap["models"].items():
        table = info["table"]
        if info["transient"] or kinds.get(table) not in ("r", "v"):
            continue
        fully_ours = all(owner.startswith("qsr_") for owner in info["owners"])
        keep = None if fully_ours else our_columns[model] | {"id"}
        if keep == {"id"}:
            continue
        rows[table] = {
            row_id: {
                key: value for key, value in data.items() if keep is None or key in keep
            }
            for row_id, data in query(conn, f"SELECT t.id, to_jsonb(t) FROM {table} t")
        }
    relation_rows = {
        table: Counter(
            text for (text,) in query(conn, f"SELECT to_jsonb(t)::text FROM {table} t")
        )
        for table in snap["relations"]
        if kinds.get(table) == "r"
    }
    return rows, relation_rows


def schema_of(snap):
    """{addon: {model: {field: spec}}}: stored fields of persistent models (not
    transient, not SQL views: a view is rebuilt from its query at every upgrade)."""
    schema = defaultdict(lambda: defaultdict(dict))
    for (model, name), field in snap["fields"].items():
        info = snap["models"].get(model)
        if not field["store"] or info is None or info["transient"]:
            continue
        if snap["kinds"].get(info["table"]) != "r":
            continue
        for owner in field["owners"]:
            schema[owner][model][name] = field["spec"]
    return {
        addon: {model: dict(fields) for model, fields in models.items()}
        for addon, models in schema.items()
    }


# -- comparisons --------------------------------------------------------------------


def same_value(old, new):
    """Whether a column kept its value. Floats are equal to 12 significant digits
    (a float column reads as an integer in JSON when it holds a whole number):
    a SQL view's float sums differ in their last bits with the order PostgreSQL
    happens to scan the rows in (after an upgrade rewrote them), which is no
    change of any figure."""
    numbers = all(
        isinstance(value, int | float) and not isinstance(value, bool)
        for value in (old, new)
    )
    if numbers and float in (type(old), type(new)):
        return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-12)
    return old == new


def row_differences(
    before, after, ignored_columns=None, may_vanish=None, additions=True
):
    """Differences between two {table: {id: row}} snapshots, as readable strings.

    ``ignored_columns``: {table: columns} not compared (dropped on purpose);
    ``may_vanish(table, id, row)``: True when that row's deletion is legitimate;
    ``additions``: whether new rows and new columns are differences (False: only
    what ``before`` holds must still be there, a missing column included)."""
    ignored_columns = ignored_columns or {}
    gone = None if additions else "column gone"
    differences = []
    for table in sorted(before):
        old_rows, new_rows = before[table], after.get(table)
        if new_rows is None:
            differences.append(f"{table}: table gone")
            continue
        if additions:
            for row_id in sorted(set(new_rows) - set(old_rows)):
                differences.append(f"{table} id {row_id}: new row")
        for row_id, old in sorted(old_rows.items()):
            new = new_rows.get(row_id)
            if new is None:
                if not (may_vanish and may_vanish(table, row_id, old)):
                    differences.append(f"{table} id {row_id}: row deleted")
                continue
            skip = set(ignored_columns.get(table, ()))
            changed = sorted(
                key
                for key in (set(old) | set(new) if additions else set(old))
                if key not in skip and not same_value(old.get(key), new.get(key, gone))
            )
            if changed:
                details = ", ".join(
                    f"{key} {old.get(key)!r} -> {new.get(key, gone)!r}"
                    for key in changed
                )
                differences.append(f"{table} id {row_id}: {details}"[:250])
    return differences


def module_counts(snap, addons):
    counts = Counter(
        (module, model)
        for module, _name, model, _res_id, _noupdate in snap["xmlids"]
        if module in addons
    )
    return counts


def describe_counts(counts, module):
    wanted = ["ir.ui.menu", "ir.rule", "ir.model.access", "ir.ui.view", "ir.model.data"]
    parts = [f"{counts[module, model]} {model}" for model in wanted[:-1]]
    total = sum(count for (owner, _model), count in counts.items() if owner == module)
    return f"{module}: " + ", ".join(parts) + f", {total} xmlids"


# -- the checks ---------------------------------------------------------------------


def check_schema_guard(results, snap, addons):
    snapshots = schema_guard.load_snapshots()
    for addon in addons:
        ok, message = schema_guard.check_addon(
            addon,
            snap["schema"].get(addon, {}),
            read_manifest(addon)["version"],
            snapshots,
            REPO / addon,
        )
        results.check(f"migration guard {addon}", ok, message)


def check_upgrade(results, before, after, addons):
    differences = row_differences(before["rows"], after["rows"])
    rows = sum(len(table_rows) for table_rows in before["rows"].values())
    results.check(
        "upgrade keeps every row",
        not differences,
        f"{rows} rows in {len(before['rows'])} tables and views, every column"
        + (": " + shorten(differences) if differences else ""),
    )
    same_relations = before["relation_rows"] == after["relation_rows"]
    results.check(
        "upgrade keeps every many2many row",
        same_relations,
        ", ".join(
            f"{table} {sum(rows.values())}"
            for table, rows in sorted(before["relation_rows"].items())
        ),
    )
    lost = set(before["xmlids"]) - set(after["xmlids"])
    gained = set(after["xmlids"]) - set(before["xmlids"])
    counts = module_counts(before, addons)
    results.check(
        "upgrade keeps every record of ir_model_data (menus, rules, access, views...)",
        not lost and not gained,
        shorten([f"lost {item}" for item in lost] + [f"new {item}" for item in gained])
        if lost or gained
        else shorten((describe_counts(counts, addon) for addon in addons), 7),
    )
    results.check(
        "upgrade keeps the configuration parameters",
        before["params"] == after["params"] and bool(before["params"]),
        f"{len(before['params'])} parameters: {shorten(sorted(before['params']), 3)}",
    )
    results.check(
        "upgrade keeps messages, activities, followers, attachments, actions",
        before["references"] == after["references"],
        shorten(
            f"{key}: {count}" for key, count in sorted(before["references"].items())
        ),
    )
    results.check(
        "upgrade keeps the schema",
        before["schema"] == after["schema"] and before["fields"] == after["fields"],
        f"{len(before['fields'])} fields",
    )


def gone(owners, removed):
    return set(owners) <= removed


def check_uninstall(results, conn, odoo, module, before, removed, tables_of, computed):
    """Run the uninstall of ``module`` and check what it left; ``removed`` holds
    every addon uninstalled so far, ``module`` included; ``computed``: the stored
    computed columns of each table, which may be recomputed when the module's own
    records (its demo reviews, say) are deleted."""
    name = f"uninstall {module}"
    started = time.monotonic()
    ok, answer, lines = odoo.ask(f"uninstall {module}")
    problems = log_problems(lines)
    elapsed = time.monotonic() - started
    results.check(
        f"{name}: button_immediate_uninstall",
        ok and not problems,
        f"{elapsed:.1f} s"
        + (f", {answer}" if not ok else "")
        + (", " + shorten(problems, 4) if problems else ""),
    )
    after_kinds = relkinds(conn)
    (state,) = query(
        conn, "SELECT state FROM ir_module_module WHERE name = %s", [module]
    )[0]
    (xmlids,) = query(
        conn, "SELECT count(*) FROM ir_model_data WHERE module = %s", [module]
    )[0]
    results.check(
        f"{name}: module uninstalled, no ir_model_data left",
        state == "uninstalled" and xmlids == 0,
        f"state {state}, {xmlids} xmlids left",
    )

    # every record it had an xmlid for, unless an installed module has one too
    owners = defaultdict(set)
    for owner, _xml, model, res_id, _noupdate in before["xmlids"]:
        owners[model, res_id].add(owner)
    doomed = defaultdict(list)
    for (model, res_id), record_owners in owners.items():
        if module in record_owners and gone(record_owners, removed):
            doomed[model].append(res_id)
    left, released = [], []
    remaining_tables = {
        info["table"]
        for info in before["models"].values()
        if not gone(info["owners"], removed)
        and all(o.startswith("qsr_") for o in info["owners"])
    }
    for model, ids in sorted(doomed.items()):
        table = tables_of.get(model, model.replace(".", "_"))
        if after_kinds.get(table) != "r":
            continue
        found = query(
            conn,
            f"""SELECT id FROM {table} t WHERE id = ANY(%s) AND NOT EXISTS (
                    SELECT 1 FROM ir_model_data d
                     WHERE d.model = %s AND d.res_id = t.id)""",
            [ids, model],
        )
        still = query(conn, f"SELECT id FROM {table} WHERE id = ANY(%s)", [ids])
        # released on purpose by its uninstall hook: kept whole as data of a
        # remaining QSR addon, without the module's external id
        if table in remaining_tables and len(found) == len(still):
            released += [f"{model} {row}" for (row,) in found]
        elif still:
            left.append(f"{len(still)} {model} {sorted(row for (row,) in still)[:5]}")
    by_kind = Counter({model: len(ids) for model, ids in doomed.items()})
    watched = [
        "ir.model",
        "ir.model.fields",
        "ir.ui.menu",
        "ir.rule",
        "ir.model.access",
        "ir.ui.view",
        "ir.cron",
    ]
    results.check(
        f"{name}: every record it created is gone (or released to the other addons)",
        not left,
        shorten(left)
        if left
        else f"{sum(by_kind.values())} records, "
        + ", ".join(f"{by_kind[model]} {model}" for model in watched)
        + (
            f"; {len(released)} kept as data of the other addons "
            f"({shorten(released, 2)})"
            if released
            else ""
        ),
    )

    # tables, views, many2many tables, columns
    dropped_models = [
        model
        for model, info in before["models"].items()
        if gone(info["owners"], removed)
    ]
    tables_left = [
        before["models"][model]["table"]
        for model in dropped_models
        if before["models"][model]["table"] in after_kinds
    ]
    relations_left = [
        table
        for table, mods in before["relations"].items()
        if gone(mods, removed) and table in after_kinds
    ]
    results.check(
        f"{name}: no table, view or many2many table of its models left",
        not tables_left and not relations_left,
        shorten(tables_left + relations_left) or f"{len(dropped_models)} models",
    )
    # triggers and functions, named after the table of the model that made them
    prefixes = [
        before["models"][model]["table"].replace("_", r"\_") + "%"
        for model in dropped_models
    ]
    routines_left = [
        f"trigger {name}"
        for (name,) in query(
            conn,
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgname LIKE ANY(%s)",
            [prefixes],
        )
    ] + [
        f"function {name}"
        for (name,) in query(
            conn,
            "SELECT proname FROM pg_proc p"
            " JOIN pg_namespace n ON n.oid = p.pronamespace"
            " WHERE n.nspname = 'public' AND proname LIKE ANY(%s)",
            [prefixes],
        )
    ]
    results.check(
        f"{name}: no trigger or function of its models left",
        not routines_left,
        shorten(routines_left) or "none",
    )
    dropped_columns = defaultdict(set)
    for (model, field_name), field in before["fields"].items():
        table = before["models"].get(model, {}).get("table", model.replace(".", "_"))
        if (
            field["store"]
            and gone(field["owners"], removed)
            and after_kinds.get(table) == "r"
        ):
            dropped_columns[table].add(field_name)
    columns_left = [
        f"{table}.{column}"
        for table, fields in sorted(dropped_columns.items())
        for column in sorted(fields & columns_of(conn, table))
    ]
    results.check(
        f"{name}: no column it added left",
        not columns_left,
        shorten(columns_left)
        or ", ".join(
            f"{table} {len(cols)}" for table, cols in sorted(dropped_columns.items())
        ),
    )

    params = query(
        conn, "SELECT key FROM ir_config_parameter WHERE key LIKE %s", [f"{module}.%"]
    )
    had = [key for key in before["params"] if key.startswith(f"{module}.")]
    results.check(
        f"{name}: no configuration parameter left",
        not params,
        shorten(key for (key,) in params) or f"{len(had)} removed",
    )
    references = [
        f"{count} {key}"
        for key, count in model_references(conn, dropped_models).items()
    ]
    results.check(
        f"{name}: no message, activity, follower, attachment, action of its models",
        not references,
        shorten(references),
    )

    # the other addons' data
    after = snapshot(conn, sorted(set(before["addons"]) - removed), tables_of)
    after["addons"] = sorted(set(before["addons"]) - removed)
    keys = foreign_keys(conn)
    exists_cache = {}

    def row_exists(table, row_id):
        if (table, row_id) not in exists_cache:
            present = table in after_kinds and bool(
                query(conn, f"SELECT 1 FROM {table} WHERE id = %s", [row_id])
            )
            exists_cache[table, row_id] = present
        return exists_cache[table, row_id]

    doomed_rows = {
        (tables_of.get(model, model.replace(".", "_")), res_id)
        for model, ids in doomed.items()
        for res_id in ids
    }

    def may_vanish(table, row_id, row):
        """Deleted with the module's own records, or cascaded from one of them."""
        if (table, row_id) in doomed_rows:
            return True
        for column, value in row.items():
            target = keys.get((table, column))
            if (
                value
                and target
                and target[1] == "c"
                and not row_exists(target[0], value)
            ):
                return True
        return False

    surviving = {
        info["table"]
        for info in before["models"].values()
        if not gone(info["owners"], removed)
        and before["kinds"].get(info["table"]) == "r"
    }
    # a surviving table that vanished is reported; a table of another addon
    # (res_partner) none of whose columns remain ours is no longer compared
    kept_tables = {
        table: rows
        for table, rows in before["rows"].items()
        if table in surviving and (table in after["rows"] or table not in after_kinds)
    }
    ignored = defaultdict(set)
    for table in kept_tables:
        ignored[table] = dropped_columns.get(table, set()) | computed.get(table, set())
    differences = row_differences(
        kept_tables, after["rows"], ignored_columns=ignored, may_vanish=may_vanish
    )
    recomputed = len(
        row_differences(
            kept_tables,
            after["rows"],
            ignored_columns=dropped_columns,
            may_vanish=may_vanish,
        )
    ) - len(differences)
    relation_diffs = [
        table
        for table, rows in before["relation_rows"].items()
        if table in after["relation_rows"]
        and not set(after["relation_rows"][table]) <= set(rows)
    ]
    results.check(
        f"{name}: the other addons' data intact",
        not differences and not relation_diffs,
        shorten(differences + relation_diffs)
        or f"{sum(len(rows) for rows in kept_tables.values())} rows in "
        f"{len(kept_tables)} tables "
        "(rows of its own records and their cascades excepted; "
        f"{recomputed} rows with stored computed values recomputed)",
    )
    returncode, log = odoo.run(f"load-after-{module}")
    check_run(results, f"{name}: Odoo loads the database", returncode, log)
    return after


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="qsr_upgrade")
    parser.add_argument("--http-port", default="8179")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument(
        "--modules", help="comma-separated addons (default: every qsr_*)"
    )
    parser.add_argument("--logdir", default=str(REPO / ".logs"))
    parser.add_argument(
        "--template",
        help="development: copy this database (installed by an earlier run) "
        "instead of installing",
    )
    parser.add_argument(
        "--write-schema",
        action="store_true",
        help="install, then write setup/schema/<version>.json",
    )
    opts = parser.parse_args()
    Path(opts.logdir).mkdir(parents=True, exist_ok=True)
    if opts.modules:
        addons = install_order([name for name in opts.modules.split(",") if name])
    else:
        addons = install_order(
            [path.parent.name for path in REPO.glob("qsr_*/__manifest__.py")]
        )
    started = time.monotonic()
    results = Results()
    odoo = Odoo(opts)
    print(f"Upgrade checks of {', '.join(addons)} in database {opts.db}")
    subprocess.run(["dropdb", "--if-exists", opts.db], check=True)
    try:
        run_checks(results, odoo, opts, addons)
    finally:
        odoo.stop_worker()
    elapsed = time.monotonic() - started
    print(
        f"upgrade checks: {results.passed} passed, {results.failed} failed "
        f"({elapsed:.0f} s)"
    )
    return 1 if results.failed or not results.passed else 0


def run_checks(results, odoo, opts, addons):
    all_addons = ",".join(addons)
    if opts.template:
        subprocess.run(["createdb", "-T", opts.template, opts.db], check=True)
    else:
        returncode, log = odoo.run("install", "-i", all_addons)
        if not check_run(
            results, f"install {all_addons} with demo data", returncode, log
        ):
            return
    odoo.start_worker()
    ok, tables_json, _lines = odoo.ask("tables")
    if not results.check(
        "worker: Odoo process for settings and uninstalls started",
        ok,
        "" if ok else tables_json,
    ):
        return
    registry = json.loads(tables_json.removeprefix("tables").strip() or "{}")
    tables_of = registry["tables"]
    computed = {
        tables_of[model]: set(fields)
        for model, fields in registry["computed"].items()
        if fields
    }
    ok, answer, lines = odoo.ask("settings")
    problems = log_problems(lines)
    results.check(
        "settings saved (configuration parameters present)",
        ok and not problems,
        shorten(problems) if ok else answer,
    )
    conn = psycopg2.connect(dbname=opts.db)
    conn.autocommit = True  # never hold a lock the uninstalls would wait for
    try:
        installed = snapshot(conn, addons, tables_of)
        installed["addons"] = addons
        if opts.write_schema:
            versions = {addon: read_manifest(addon)["version"] for addon in addons}
            for path in schema_guard.write_snapshot(installed["schema"], versions):
                print(f"wrote {path.relative_to(REPO)}")
            return
        check_schema_guard(results, installed, addons)

        odoo.stop_worker()  # no Odoo process may stay on the database during -u
        returncode, log = odoo.run("upgrade", "-u", all_addons)
        check_run(results, f"upgrade -u {all_addons}", returncode, log)
        upgraded = snapshot(conn, addons, tables_of)
        upgraded["addons"] = addons
        check_upgrade(results, installed, upgraded, addons)

        odoo.start_worker()
        before, removed = upgraded, set()
        for module in reversed(addons):
            removed.add(module)
            before = check_uninstall(
                results, conn, odoo, module, before, removed, tables_of, computed
            )
        odoo.stop_worker()

        returncode, log = odoo.run("reinstall", "-i", all_addons)
        check_run(results, "install again after the uninstalls", returncode, log)
        again = snapshot(conn, addons, tables_of)
        first, second = module_counts(installed, addons), module_counts(again, addons)
        results.check(
            "install again creates the same records (ir_model_data per module, model)",
            first == second,
            shorten(
                f"{module} {model}: {first[module, model]} -> {second[module, model]}"
                for module, model in sorted(set(first) | set(second))
                if first[module, model] != second[module, model]
            )
            or f"{sum(first.values())} xmlids",
        )
        results.check(
            "install again creates the same schema",
            again["schema"] == installed["schema"],
            "",
        )
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
