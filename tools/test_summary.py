"""Read the Odoo test logs (the test database's and the bridges' database's),
pytest's JUnit report, the checks of the load test, of the upgrades and of Odoo's
dependency pins; print the verdict of the suite.

Exits non-zero when any test failed, errored or was skipped (a skipped tour means no
browser was driven), when a test method of the addons ran in neither database, when
Odoo logged an error outside a test, or when a check of
the load test, the scale test, the upgrades or the pins failed or they reported
nothing. Each
of those checks counts as one test. The last line is ``total: N passed, N failed``.
"""

import ast
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ODOO_REPORT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
ODOO_SKIP = re.compile(r" (?:INFO|WARNING) \S+ \S+: skipped (.*)")
ODOO_ERROR = re.compile(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ")
# "odoo.addons.<addon>.tests.<module>: Starting <Class>.<method> ..."
ODOO_STARTED = re.compile(
    r" odoo\.addons\.(\w+)\.tests\.(\w+): Starting (\w+)\.(test\w*) \.\.\."
)
UPGRADE_SUMMARY = re.compile(r"^upgrade checks: (\d+) passed, (\d+) failed", re.M)
FROM_RELEASE_SUMMARY = re.compile(
    r"^upgrade from \S+: (\d+) checks, (\d+) failed", re.M
)
REPO = Path(__file__).resolve().parent.parent


def defined_odoo_tests(repo=REPO):
    """Full ids ``addon.module.Class.method`` of the test methods in the addons'
    tests/test_*.py: the methods named test* in the body of a module's classes,
    the ones Odoo's loader runs (it leaves out inherited methods)."""
    tests = set()
    for path in sorted(repo.glob("qsr_*/tests/test_*.py")):
        prefix = f"{path.parts[-3]}.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            tests.update(
                f"{prefix}.{node.name}.{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                and item.name.startswith("test")
            )
    return tests


def started_odoo_tests(log_text):
    """Full ids of the tests Odoo's log says it started."""
    return {".".join(match) for match in ODOO_STARTED.findall(log_text)}


def odoo_tests_not_run(log_text, repo=REPO):
    """Test methods defined in the addons' tests that Odoo never started: a
    class that is not a TestCase, a module missing from tests/__init__.py."""
    return sorted(defined_odoo_tests(repo) - started_odoo_tests(log_text))


def odoo_counts(log_paths, repo=REPO):
    """Return (run, failed, skipped lines, error lines) from Odoo's logs: the
    test database's, and the bridges' database's when the bridges were tested
    (``log_paths``: one path or a list). A test method of the addons that no
    log says Odoo started is an error."""
    if isinstance(log_paths, str | Path):
        log_paths = [log_paths]
    run = failed = 0
    skipped, errors, texts = [], [], []
    for log_path in log_paths:
        try:
            with open(log_path, encoding="utf-8", errors="replace") as log:
                lines = log.readlines()
        except FileNotFoundError:
            failed += 1
            errors.append(f"no Odoo log at {log_path}")
            continue
        texts.append("".join(lines))
        report_found = False
        for line in lines:
            if match := ODOO_REPORT.search(line):
                report_found = True
                log_failed, errored, log_run = (int(group) for group in match.groups())
                failed += log_failed + errored
                run += log_run
            elif match := ODOO_SKIP.search(line):
                skipped.append(match.group(1).strip())
            elif ODOO_ERROR.match(line):
                errors.append(line.strip())
        if not report_found:
            errors.append(
                f"Odoo printed no test report in {Path(log_path).name}: "
                "the install itself failed"
            )
    for method in odoo_tests_not_run("".join(texts), repo):
        errors.append(f"test method never ran: {method}")
    return run, failed, skipped, errors


def pytest_counts(junit_path):
    """Return (run, failed, skipped) from pytest's JUnit XML report."""
    try:
        root = ET.parse(junit_path).getroot()
    except (FileNotFoundError, ET.ParseError):
        return 0, 1, 0
    suites = [root] if root.tag == "testsuite" else list(root)
    run = sum(int(suite.get("tests", 0)) for suite in suites)
    failed = sum(
        int(suite.get("failures", 0)) + int(suite.get("errors", 0)) for suite in suites
    )
    skipped = sum(int(suite.get("skipped", 0)) for suite in suites)
    return run, failed, skipped


def checks_counts(result_path):
    """Return (run, failed) from a JSON result ``{"checks": [[name, ok, detail]]}``
    (the load test's, the dependency-pin check's): one test per check, one failure
    when the file is missing or holds no check."""
    try:
        checks = json.loads(Path(result_path).read_text(encoding="utf-8"))["checks"]
    except (OSError, ValueError, KeyError):
        return 1, 1
    if not checks:
        return 1, 1
    return len(checks), sum(1 for _name, ok, _detail in checks if not ok)


def upgrade_counts(output_path, upgrade_rc):
    """Return (run, failed) from the output of tests/upgrade/run_upgrade_checks.py
    and tests/upgrade/run_upgrade_from_release.py: one failure when either printed
    no summary, or they exited non-zero without a failure."""
    try:
        text = Path(output_path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        text = ""
    same_code = UPGRADE_SUMMARY.search(text)
    from_release = FROM_RELEASE_SUMMARY.search(text)
    if not same_code or not from_release:
        return 1, 1
    run = int(same_code[1]) + int(same_code[2]) + int(from_release[1])
    failed = int(same_code[2]) + int(from_release[2])
    unexplained = bool(upgrade_rc and not failed)  # exited non-zero, nothing failed
    return run + unexplained, failed + unexplained


def main(
    log_path,
    junit_path,
    odoo_rc,
    pytest_rc,
    load_path,
    load_rc,
    upgrade_output,
    upgrade_rc,
    pins_path,
    pins_rc,
    bridges_log_path="",
    bridges_rc=0,
    scale_path="",
    scale_rc=0,
):
    logs = [log_path] + ([bridges_log_path] if bridges_log_path else [])
    odoo_run, odoo_failed, odoo_skipped, odoo_errors = odoo_counts(logs)
    py_run, py_failed, py_skipped = pytest_counts(junit_path)
    load_run, load_failed = checks_counts(load_path)
    up_run, up_failed = upgrade_counts(upgrade_output, upgrade_rc)
    pins_run, pins_failed = checks_counts(pins_path)
    scale_run, scale_failed = checks_counts(scale_path) if scale_path else (0, 0)

    print(
        f"Odoo tests: {odoo_run} run, {odoo_failed} failed or errored, "
        f"{len(odoo_skipped)} skipped (exit code {odoo_rc}"
        + (
            f"; with the bridges' database, exit code {bridges_rc}"
            if bridges_log_path
            else ""
        )
        + ")"
    )
    print(
        f"pytest:     {py_run} run, {py_failed} failed or errored, "
        f"{py_skipped} skipped (exit code {pytest_rc})"
    )
    print(
        f"load test:  {load_run} checks, {load_failed} failed "
        f"(exit code {load_rc}; log: .logs/odoo-load.log)"
    )
    print(
        f"upgrades:   {up_run} checks, {up_failed} failed (exit code {upgrade_rc}, "
        f"output {upgrade_output})"
    )
    print(
        f"Odoo pins:  {pins_run} checks, {pins_failed} failed (exit code {pins_rc}, "
        "tools/check_odoo_pins.py)"
    )
    if scale_path:
        print(
            f"scale test: {scale_run} checks, {scale_failed} failed "
            f"(exit code {scale_rc}; tests/scale/run_scale.py --short)"
        )
    for skip in odoo_skipped:
        print(f"SKIPPED (counted as failed): {skip}")
    if py_skipped:
        print(f"SKIPPED (counted as failed): {py_skipped} pytest test(s), see above")
    for error in odoo_errors[:20]:
        print(f"ODOO ERROR: {error[:300]}")

    skipped = len(odoo_skipped) + py_skipped
    failed = (
        odoo_failed
        + py_failed
        + skipped
        + load_failed
        + up_failed
        + pins_failed
        + scale_failed
    )
    passed = odoo_run + py_run + load_run + up_run + pins_run + scale_run - failed
    extra_failure = bool(odoo_errors)
    extra_failure |= (odoo_rc != 0 or bridges_rc != 0) and not odoo_failed
    extra_failure |= pytest_rc not in (0, 5) and not py_failed
    extra_failure |= load_rc != 0 and not load_failed
    extra_failure |= pins_rc != 0 and not pins_failed
    extra_failure |= scale_rc != 0 and not scale_failed
    ok = not failed and not extra_failure and odoo_run > 0
    print("Suite " + ("PASSED" if ok else "FAILED"))
    print(f"total: {max(passed, 0)} passed, {failed + (not ok and not failed)} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    (log, junit, odoo_rc, pytest_rc, load, load_rc, upgrade_output, upgrade_rc) = (
        sys.argv[1:9]
    )
    pins, pins_rc = sys.argv[9:11]
    # the bridges' database: its Odoo log (empty when no bridge was tested), exit code
    bridges_log, bridges_rc = sys.argv[11:13] if len(sys.argv) >= 13 else ("", "0")
    # the short scale test: its checks as JSON, exit code
    scale, scale_rc = sys.argv[13:15] if len(sys.argv) >= 15 else ("", "0")
    sys.exit(
        main(
            log,
            junit,
            int(odoo_rc),
            int(pytest_rc),
            load,
            int(load_rc),
            upgrade_output,
            int(upgrade_rc),
            pins,
            int(pins_rc),
            bridges_log,
            int(bridges_rc),
            scale,
            int(scale_rc),
        )
    )
