"""The migration-script guard of tests/upgrade/schema_guard.py, without a database:
a stored field changed since the released snapshot fails unless the manifest version
is bumped and a migration script exists for it."""

import sys
from pathlib import Path

import pytest

UPGRADE = Path(__file__).resolve().parents[1] / "upgrade"
sys.path.insert(0, str(UPGRADE))

import schema_guard  # noqa: E402

RELEASED = {
    "qsr.thing": {
        "name": {
            "type": "char",
            "relation": None,
            "required": True,
            "translate": False,
        },
        "partner_id": {
            "type": "many2one",
            "relation": "res.partner",
            "required": False,
            "translate": False,
        },
    }
}
SNAPSHOTS = [("18.0.1.0.0", {"qsr_thing": RELEASED})]


def changed(**spec):
    current = {model: dict(fields) for model, fields in RELEASED.items()}
    current["qsr.thing"]["name"] = {**RELEASED["qsr.thing"]["name"], **spec}
    return current


@pytest.fixture
def addon_dir(tmp_path):
    return tmp_path / "qsr_thing"


def add_script(addon_dir, version, name="post-migrate.py"):
    folder = addon_dir / "migrations" / version
    folder.mkdir(parents=True)
    (folder / name).write_text("def migrate(cr, version):\n    pass\n")


def test_unchanged_schema_passes(addon_dir):
    ok, message = schema_guard.check_addon(
        "qsr_thing", RELEASED, "18.0.1.0.0", SNAPSHOTS, addon_dir
    )
    assert ok, message


def test_changed_field_without_bump_fails(addon_dir):
    ok, message = schema_guard.check_addon(
        "qsr_thing", changed(type="text"), "18.0.1.0.0", SNAPSHOTS, addon_dir
    )
    assert not ok
    assert "qsr.thing.name changed: type 'char' -> 'text'" in message
    assert "without a version bump" in message


def test_added_and_removed_fields_are_reported():
    current = {
        "qsr.thing": {"name": RELEASED["qsr.thing"]["name"], "code": {"type": "char"}}
    }
    assert schema_guard.schema_diff(RELEASED, current) == [
        "qsr.thing.code added (char)",
        "qsr.thing.partner_id removed",
    ]


def test_bump_without_migration_script_fails(addon_dir):
    add_script(addon_dir, "18.0.1.1.0", name="README")
    ok, message = schema_guard.check_addon(
        "qsr_thing", changed(required=False), "18.0.1.1.0", SNAPSHOTS, addon_dir
    )
    assert not ok
    assert "no pre-/post-/end- script in migrations/18.0.1.1.0/" in message


def test_new_optional_fields_need_a_bump_only(addon_dir):
    current = {
        "qsr.thing": {
            **RELEASED["qsr.thing"],
            "code": {"type": "char", "relation": None, "required": False},
        },
        "qsr.new.thing": {
            "thing_id": {"type": "many2one", "relation": "qsr.thing", "required": True}
        },
    }
    ok, message = schema_guard.check_addon(
        "qsr_thing", current, "18.0.1.0.0", SNAPSHOTS, addon_dir
    )
    assert not ok
    assert "without a version bump" in message
    ok, message = schema_guard.check_addon(
        "qsr_thing", current, "18.0.1.1.0", SNAPSHOTS, addon_dir
    )
    assert ok, message
    assert "nothing to migrate" in message


def test_new_required_field_needs_a_script(addon_dir):
    current = {
        "qsr.thing": {
            **RELEASED["qsr.thing"],
            "code": {"type": "char", "relation": None, "required": True},
        }
    }
    ok, message = schema_guard.check_addon(
        "qsr_thing", current, "18.0.1.1.0", SNAPSHOTS, addon_dir
    )
    assert not ok
    assert "no pre-/post-/end- script in migrations/18.0.1.1.0/" in message


# the names of this repository's scripts (as in OCA's module template), and others
# Odoo runs: any .py file whose name starts with pre-, post- or end-
@pytest.mark.parametrize(
    "name", ["pre-migrate.py", "post-migrate.py", "end-migrate.py", "pre-migration.py"]
)
def test_bump_with_migration_script_passes(addon_dir, name):
    add_script(addon_dir, "18.0.1.1.0", name=name)
    ok, message = schema_guard.check_addon(
        "qsr_thing", changed(translate=True), "18.0.1.1.0", SNAPSHOTS, addon_dir
    )
    assert ok, message
    assert f"migrations/18.0.1.1.0/{name}" in message


def test_the_repository_scripts_are_named_as_the_guard_expects():
    """Every migration script of the addons is one the guard counts."""
    repo = Path(__file__).resolve().parents[2]
    scripts = list(repo.glob("qsr_*/migrations/*/*.py"))
    assert scripts
    for script in scripts:
        assert script.name in schema_guard.migration_scripts(
            script.parents[2], script.parent.name
        ), script


def test_script_for_another_version_does_not_count(addon_dir):
    add_script(addon_dir, "18.0.1.0.1")
    ok, _message = schema_guard.check_addon(
        "qsr_thing", changed(type="text"), "18.0.1.1.0", SNAPSHOTS, addon_dir
    )
    assert not ok


def test_addon_without_snapshot_fails(addon_dir):
    ok, message = schema_guard.check_addon(
        "qsr_other", RELEASED, "18.0.1.0.0", SNAPSHOTS, addon_dir
    )
    assert not ok
    assert "no schema snapshot holds qsr_other" in message


def test_newest_snapshot_is_the_reference(addon_dir):
    snapshots = [*SNAPSHOTS, ("18.0.1.1.0", {"qsr_thing": changed(type="text")})]
    ok, message = schema_guard.check_addon(
        "qsr_thing", changed(type="text"), "18.0.1.1.0", snapshots, addon_dir
    )
    assert ok, message


def test_snapshot_written_and_read_back(tmp_path):
    schema_guard.write_snapshot(
        {"qsr_thing": RELEASED}, {"qsr_thing": "18.0.1.0.0"}, schema_dir=tmp_path
    )
    assert schema_guard.load_snapshots(tmp_path) == SNAPSHOTS


def test_committed_snapshots_hold_every_addon():
    """Every addon of the repository has a released schema to be checked against."""
    snapshots = schema_guard.load_snapshots()
    for manifest in schema_guard.REPO.glob("qsr_*/__manifest__.py"):
        addon = manifest.parent.name
        version, _fields = schema_guard.latest_snapshot(addon, snapshots)
        assert version is not None, f"{addon} has no schema snapshot"
        current = schema_guard.manifest_version(addon)
        assert schema_guard.version_key(version) <= schema_guard.version_key(current)


def test_released_schema_is_never_rewritten(tmp_path):
    versions = {"qsr_thing": "18.0.1.0.0"}
    schema_guard.write_snapshot({"qsr_thing": RELEASED}, versions, schema_dir=tmp_path)
    schema_guard.write_snapshot(
        {"qsr_thing": changed(type="text")}, versions, schema_dir=tmp_path
    )
    assert schema_guard.load_snapshots(tmp_path) == SNAPSHOTS
