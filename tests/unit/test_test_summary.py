"""The "never ran" check of tools/test_summary.py, without a database: Odoo's test
methods are matched to its log by full id (addon.module.Class.method), so a
method whose name another class also uses is still reported when it never ran."""

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

import test_summary  # noqa: E402

TEST_MODULE = """
from odoo.tests import TransactionCase


class TestFirst(TransactionCase):
    def test_same_name(self):
        pass

    def helper(self):
        pass


class TestSecond(TransactionCase):
    def test_same_name(self):
        pass

    async def test_async(self):
        pass


def test_module_level():
    pass
"""

LOG = (
    "2026-12-03 14:58:00,674 6780 INFO qsr_test "
    "odoo.addons.qsr_thing.tests.test_thing: Starting TestFirst.test_same_name ... \n"
    "2026-12-03 14:58:00,700 6780 INFO qsr_test "
    "odoo.addons.qsr_thing.tests.test_thing: Starting TestSecond.test_async ... \n"
)


def make_repo(tmp_path):
    tests = tmp_path / "qsr_thing" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_thing.py").write_text(TEST_MODULE, encoding="utf-8")
    (tests / "common.py").write_text(
        "class TestBase:\n    def test_in_common(self):\n        pass\n",
        encoding="utf-8",
    )
    return tmp_path


def test_defined_tests_by_full_id(tmp_path):
    assert test_summary.defined_odoo_tests(make_repo(tmp_path)) == {
        "qsr_thing.test_thing.TestFirst.test_same_name",
        "qsr_thing.test_thing.TestSecond.test_same_name",
        "qsr_thing.test_thing.TestSecond.test_async",
    }


def test_started_tests_by_full_id():
    assert test_summary.started_odoo_tests(LOG) == {
        "qsr_thing.test_thing.TestFirst.test_same_name",
        "qsr_thing.test_thing.TestSecond.test_async",
    }


def test_same_method_name_in_a_class_that_never_ran(tmp_path):
    assert test_summary.odoo_tests_not_run(LOG, make_repo(tmp_path)) == [
        "qsr_thing.test_thing.TestSecond.test_same_name"
    ]


def test_every_test_that_ran(tmp_path):
    log = LOG + LOG.replace("TestSecond.test_async", "TestSecond.test_same_name")
    assert test_summary.odoo_tests_not_run(log, make_repo(tmp_path)) == []


def test_the_same_test_in_another_addon_does_not_count(tmp_path):
    log = LOG + LOG.replace("qsr_thing", "qsr_other").replace("TestFirst", "TestSecond")
    assert test_summary.odoo_tests_not_run(log, make_repo(tmp_path)) == [
        "qsr_thing.test_thing.TestSecond.test_same_name"
    ]


def test_tests_count_over_both_databases(tmp_path):
    """The bridges' tests run in a database of their own: a test counts as run
    when either log started it, and both logs' reports add up."""
    repo = make_repo(tmp_path)
    report = (
        "2026-12-03 14:59:00,000 6780 INFO qsr_test odoo.tests.result: "
        "{failed} failed, 0 error(s) of {run} tests when loading database 'x'\n"
    )
    core = tmp_path / "core.log"
    core.write_text(LOG + report.format(failed=0, run=2), encoding="utf-8")
    bridges = tmp_path / "bridges.log"
    bridges.write_text(
        LOG.replace("TestSecond.test_async", "TestSecond.test_same_name")
        + report.format(failed=1, run=3),
        encoding="utf-8",
    )
    assert test_summary.odoo_counts([core, bridges], repo) == (5, 1, [], [])
    run, failed, _skipped, errors = test_summary.odoo_counts(core, repo)
    assert (run, failed) == (2, 0)
    assert errors == [
        "test method never ran: qsr_thing.test_thing.TestSecond.test_same_name"
    ]


def test_missing_bridges_log_fails(tmp_path):
    repo = make_repo(tmp_path)
    core = tmp_path / "core.log"
    core.write_text(
        LOG
        + LOG.replace("TestSecond.test_async", "TestSecond.test_same_name")
        + "2026-12-03 14:59:00,000 6780 INFO qsr_test odoo.tests.result: "
        "0 failed, 0 error(s) of 3 tests when loading database 'x'\n",
        encoding="utf-8",
    )
    run, failed, _skipped, errors = test_summary.odoo_counts(
        [core, tmp_path / "bridges.log"], repo
    )
    assert (run, failed) == (3, 1)
    assert errors == [f"no Odoo log at {tmp_path / 'bridges.log'}"]
