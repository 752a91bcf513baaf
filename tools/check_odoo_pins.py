"""Check that installing our requirements leaves every library Odoo pins where it is.

Odoo 18.0 pins its libraries in its own requirements.txt (``python-dateutil==2.8.2``
and so on, per Python version). An administrator who runs ``pip install -r
requirements.txt`` for these addons on an Odoo instance must find each of them at
its pin afterwards.

pip resolves requirements.txt and test-requirements.txt for this interpreter without
installing anything (``pip install --dry-run --report``, with ``--upgrade
--upgrade-strategy only-if-needed``: the newest allowed version of each of our
requirements, as on an instance that has none of them yet, and an installed library
kept wherever it satisfies them). Two checks are made on that resolution:

1. pip would install no library that Odoo pins at another version than its pin;
2. every package of the resolution, outside Odoo itself, that requires a library
   Odoo pins accepts the pinned version (this also catches a pin that an earlier
   install has already moved on this machine, which check 1 cannot see).

Odoo's requirements.txt is read from ``$QSR_ODOO_REQUIREMENTS`` or beside the
installed ``odoo`` package (a source checkout, or pip's install of one). A packaged
Odoo that does not ship the file fails the check with a message saying where to
point ``QSR_ODOO_REQUIREMENTS``: without Odoo's pins there is nothing to compare
with, and in this project a check that does not run is a failed check.

Writes ``{"checks": [[name, ok, detail], ...]}`` to ``--result`` (read by
tools/test_summary.py), prints one line per check and exits non-zero on a failure.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
REQUIREMENT_FILES = (REPO / "requirements.txt", REPO / "test-requirements.txt")
CHECK_MOVED = "no library Odoo pins is installed at another version"
CHECK_ACCEPTED = "every requirement accepts Odoo's pins"


def requirement_lines(text):
    """The requirement specifiers of a requirements file's text, and the files its
    ``-r`` lines include: (specifiers, included paths). Comments, blank lines and
    other pip options are left out."""
    specifiers, included = [], []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            included.append(line.split(None, 1)[1].strip())
        elif not line.startswith("-"):
            specifiers.append(line)
    return specifiers, included


def read_requirements(path):
    """The requirements of a requirements file and of the files it includes."""
    specifiers, included = requirement_lines(path.read_text(encoding="utf-8"))
    requirements = [Requirement(specifier) for specifier in specifiers]
    for name in included:
        requirements += read_requirements(path.parent / name)
    return requirements


def odoo_pins(text, environment):
    """{canonical name: version} of the ``==`` pins of Odoo's requirements.txt that
    apply to ``environment`` (the marker variables of the target interpreter).
    Unpinned lines (``pytz``) pin nothing."""
    pins = {}
    for specifier in requirement_lines(text)[0]:
        requirement = Requirement(specifier)
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        versions = [s.version for s in requirement.specifier if s.operator == "=="]
        if versions:
            pins[canonicalize_name(requirement.name)] = versions[0]
    return pins


def moved_pins(report, pins, installed):
    """Check 1: one line per library Odoo pins that pip's report would install at
    another version. ``installed`` maps canonical names to installed versions."""
    problems = []
    for item in report["install"]:
        name = canonicalize_name(item["metadata"]["name"])
        version = item["metadata"]["version"]
        if name in pins and version != pins[name]:
            problems.append(
                f"{item['metadata']['name']}: Odoo pins {pins[name]}, pip would "
                f"install {version} (installed now: {installed.get(name, 'none')})"
            )
    return problems


def rejected_pins(requirements, report, pins, installed_requires, environment):
    """Check 2: one line per requirement on a library Odoo pins that the pinned
    version does not satisfy, among the packages reached from ``requirements``.

    A package's metadata is taken from pip's report when pip would install it,
    else from the installed distribution (``installed_requires``: canonical name ->
    (version, requires_dist)). The walk stops at Odoo (its own dependencies are
    what it pins) and at the pinned libraries. Returns (problems, the number of
    packages walked)."""
    planned = {
        canonicalize_name(item["metadata"]["name"]): (
            item["metadata"]["version"],
            item["metadata"].get("requires_dist") or [],
        )
        for item in report["install"]
    }
    problems, seen = [], set()
    todo = [(None, None, requirement) for requirement in requirements]
    while todo:
        parent, parent_version, requirement = todo.pop(0)
        name = canonicalize_name(requirement.name)
        if name in pins:
            if not requirement.specifier.contains(pins[name], prereleases=True):
                who = (
                    f"{parent} {parent_version} requires"
                    if parent
                    else "our requirements ask for"
                )
                problems.append(
                    f"{who} {requirement}: Odoo pins {requirement.name} {pins[name]}"
                )
            continue
        key = (name, frozenset(requirement.extras))
        if name == "odoo" or key in seen:
            continue
        seen.add(key)
        version, requires = planned.get(name) or installed_requires.get(
            name, (None, None)
        )
        if requires is None:
            problems.append(f"{requirement.name}: neither installed nor in pip's plan")
            continue
        for line in requires:
            dependency = Requirement(line)
            extras = requirement.extras or {""}
            if dependency.marker and not any(
                dependency.marker.evaluate({**environment, "extra": extra})
                for extra in extras
            ):
                continue
            todo.append((requirement.name, version, dependency))
    return problems, len(seen)


def installed_distributions():
    """canonical name -> (version, requires_dist) of this interpreter's packages."""
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(
                canonicalize_name(name), (dist.version, dist.requires or [])
            )
    return found


def odoo_requirements_path():
    """Odoo's requirements.txt, or None with the reason why it was not found."""
    if os.environ.get("QSR_ODOO_REQUIREMENTS"):
        path = Path(os.environ["QSR_ODOO_REQUIREMENTS"])
        return (path, None) if path.is_file() else (None, f"no file {path}")
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.origin:
        return None, f"Odoo is not importable by {sys.executable}"
    path = Path(spec.origin).resolve().parent.parent / "requirements.txt"
    if not path.is_file():
        return None, (
            f"this Odoo ({Path(spec.origin).parent}) ships no {path.name}: set "
            "QSR_ODOO_REQUIREMENTS to Odoo 18.0's requirements.txt (the one of "
            "the source release it was built from)"
        )
    return path, None


def pip_report(requirement_files):
    """pip's installation report for ``requirement_files``: (report, error)."""
    with tempfile.TemporaryDirectory(prefix="qsr-pins-") as tmp:
        report_path = Path(tmp) / "report.json"
        command = [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--disable-pip-version-check",
            "--upgrade",
            "--upgrade-strategy",
            "only-if-needed",
            "--report",
            str(report_path),
        ]
        for path in requirement_files:
            command += ["-r", str(path)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode or not report_path.is_file():
            lines = [
                line
                for line in done.stderr.splitlines()
                if line.strip() and "is ignored: it is neither" not in line
            ]
            return None, "pip could not resolve them: " + " | ".join(lines[-6:])
        return json.loads(report_path.read_text(encoding="utf-8")), None


def run_checks(requirement_files):
    """[(check name, ok, detail)] for the two checks."""
    path, why = odoo_requirements_path()
    if path is None:
        return [(CHECK_MOVED, False, why), (CHECK_ACCEPTED, False, why)]
    report, error = pip_report(requirement_files)
    if report is None:
        return [(CHECK_MOVED, False, error), (CHECK_ACCEPTED, False, error)]
    environment = {**default_environment(), **report.get("environment", {})}
    try:
        pins = odoo_pins(path.read_text(encoding="utf-8"), environment)
        requirements = [
            requirement
            for requirement_file in requirement_files
            for requirement in read_requirements(requirement_file)
        ]
    except InvalidRequirement as invalid:
        return [(CHECK_MOVED, False, str(invalid)), (CHECK_ACCEPTED, False, "")]
    installed = installed_distributions()
    versions = {name: version for name, (version, _requires) in installed.items()}
    moved = moved_pins(report, pins, versions)
    rejected, walked = rejected_pins(requirements, report, pins, installed, environment)
    summary = f"{len(pins)} pins of {path}"
    return [
        (CHECK_MOVED, not moved, "; ".join(moved) or summary),
        (
            CHECK_ACCEPTED,
            not rejected,
            "; ".join(rejected) or f"{summary}, {walked} packages' requirements",
        ),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--result", help="write the checks to this JSON file")
    parser.add_argument(
        "requirement_files",
        nargs="*",
        type=Path,
        default=list(REQUIREMENT_FILES),
        help="requirements files (default: requirements.txt test-requirements.txt)",
    )
    args = parser.parse_args()
    checks = run_checks(args.requirement_files)
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} Odoo pins: {name}: {detail}")
    if args.result:
        Path(args.result).write_text(json.dumps({"checks": checks}), encoding="utf-8")
    return 0 if all(ok for _name, ok, _detail in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
