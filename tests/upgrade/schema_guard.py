"""Migration-script guard: stored fields of each addon against its released schema.

setup/schema/<version>.json records, for the addons released at that version, every
stored field of every persistent model they own (type, relation, required, translate).
An addon whose stored fields differ from its latest snapshot must carry a higher
manifest version than that snapshot and, unless it only adds optional fields or new
models (Odoo adds their columns and tables, and no existing row needs a value), a
``migrations/<version>/`` folder holding a pre-, post- or end- migration script. Pure
functions: run_upgrade_checks.py reads the installed schema from the database;
tests/unit/test_schema_guard.py tests these.
"""

import ast
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "setup" / "schema"
MIGRATION_PREFIXES = ("pre-", "post-", "end-")


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def manifest_version(addon, repo=REPO):
    manifest = ast.literal_eval((repo / addon / "__manifest__.py").read_text("utf-8"))
    return manifest["version"]


def load_snapshots(schema_dir=SCHEMA_DIR):
    """Return [(version, {addon: {model: {field: spec}}})], oldest first."""
    snapshots = []
    for path in schema_dir.glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        snapshots.append((data["version"], data["addons"]))
    return sorted(snapshots, key=lambda snapshot: version_key(snapshot[0]))


def latest_snapshot(addon, snapshots):
    """The (version, fields) of the newest snapshot holding addon, or (None, None)."""
    for version, addons in reversed(snapshots):
        if addon in addons:
            return version, addons[addon]
    return None, None


def schema_diff(released, current):
    """Human-readable differences between two {model: {field: spec}} mappings."""
    changes = []
    for model in sorted(set(released) | set(current)):
        old, new = released.get(model, {}), current.get(model, {})
        for name in sorted(set(old) | set(new)):
            if name not in new:
                changes.append(f"{model}.{name} removed")
            elif name not in old:
                changes.append(f"{model}.{name} added ({new[name]['type']})")
            elif old[name] != new[name]:
                changed = {
                    key: f"{old[name].get(key)!r} -> {new[name].get(key)!r}"
                    for key in sorted(set(old[name]) | set(new[name]))
                    if old[name].get(key) != new[name].get(key)
                }
                details = ", ".join(f"{key} {diff}" for key, diff in changed.items())
                changes.append(f"{model}.{name} changed: {details}")
    return changes


def only_optional_additions(released, current):
    """Whether ``current`` only adds models and fields to ``released``, no
    required field on a released model: Odoo creates the tables and columns on
    upgrade and no existing row needs a value."""
    for model, fields in released.items():
        if any(
            current.get(model, {}).get(name) != spec for name, spec in fields.items()
        ):
            return False
    return all(
        not spec.get("required")
        for model, fields in current.items()
        for name, spec in fields.items()
        if model in released and name not in released[model]
    )


def migration_scripts(addon_dir, version):
    folder = addon_dir / "migrations" / version
    if not folder.is_dir():
        return []
    return sorted(
        path.name
        for path in folder.glob("*.py")
        if path.name.startswith(MIGRATION_PREFIXES)
    )


def check_addon(addon, current, version, snapshots, addon_dir):
    """Return (ok, message) for one addon's installed stored fields ``current``
    at manifest ``version`` against the released ``snapshots``."""
    released_version, released = latest_snapshot(addon, snapshots)
    if released_version is None:
        return False, (
            f"no schema snapshot holds {addon}: record its first release with "
            "`make schema-snapshot`"
        )
    changes = schema_diff(released, current)
    if not changes:
        return True, f"stored fields as released in {released_version}"
    listed = "; ".join(changes[:8]) + ("; ..." if len(changes) > 8 else "")
    if version_key(version) <= version_key(released_version):
        return False, (
            f"{len(changes)} stored field change(s) since release {released_version} "
            f"without a version bump ({listed}): bump the manifest version and add "
            f"migrations/<new version>/"
        )
    scripts = migration_scripts(addon_dir, version)
    if not scripts and only_optional_additions(released, current):
        return True, (
            f"{len(changes)} new optional stored field(s) since {released_version}, "
            f"nothing to migrate ({listed})"
        )
    if not scripts:
        return False, (
            f"{len(changes)} stored field change(s) since release {released_version} "
            f"({listed}) and no pre-/post-/end- script in migrations/{version}/"
        )
    return True, (
        f"{len(changes)} stored field change(s) since {released_version} handled by "
        f"migrations/{version}/{', '.join(scripts)}"
    )


def one_line(json_body):
    parts = (part.strip() for part in json_body.splitlines())
    return "{" + " ".join(part for part in parts if part) + "}"


def write_snapshot(schema, versions, schema_dir=SCHEMA_DIR):
    """Write one file per version present in ``versions`` ({addon: version}) with
    those addons' stored fields, keeping the addons a file already holds (a
    released schema is never rewritten); return the paths written."""
    paths = []
    for version in sorted(set(versions.values()), key=version_key):
        addons = {
            addon: schema.get(addon, {})
            for addon, addon_version in sorted(versions.items())
            if addon_version == version
        }
        path = schema_dir / f"{version}.json"
        if path.exists():
            # a released schema is never rewritten: bump the version instead
            existing = json.loads(path.read_text("utf-8"))["addons"]
            addons = {**addons, **existing}
        schema_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"version": version, "addons": addons}, indent=1, sort_keys=True
        )
        # one line per field
        text = re.sub(r"\{([^{}]+)\}", lambda match: one_line(match[1]), text)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths
