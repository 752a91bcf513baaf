"""The dependency-pin check of tools/check_odoo_pins.py, without pip or a
database: Odoo's requirements.txt read for one Python version, and both checks on
a pip report written here."""

import sys
from pathlib import Path

from packaging.requirements import Requirement

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

import check_odoo_pins  # noqa: E402

ODOO_REQUIREMENTS = """\
# The officially supported versions of the following packages are their
# python3-* equivalent distributed in Ubuntu 24.04 and Debian 12
python-dateutil==2.8.1 ; python_version < '3.11'
python-dateutil==2.8.2 ; python_version >= '3.11'
gevent==22.10.2; sys_platform != 'win32' and python_version < '3.12'
pytz  # no version pinning to avoid OS perturbations
pypiwin32 ; sys_platform == 'win32'
Werkzeug==2.2.2 ; python_version > '3.10' and python_version < '3.12'
"""

PY311 = {"python_version": "3.11", "sys_platform": "linux", "extra": ""}
PY312 = {"python_version": "3.12", "sys_platform": "linux", "extra": ""}
PINS = {"python-dateutil": "2.8.2", "werkzeug": "2.2.2"}


def plan(*items):
    """A pip installation report planning ``items`` (name, version, requires)."""
    return {
        "install": [
            {"metadata": {"name": name, "version": version, "requires_dist": requires}}
            for name, version, requires in items
        ]
    }


def test_requirement_lines():
    text = (
        "# comment\n-r base.txt\npandas>=2.0,<2.3  # bounded\n\n--index-url x\nruff\n"
    )
    assert check_odoo_pins.requirement_lines(text) == (
        ["pandas>=2.0,<2.3", "ruff"],
        ["base.txt"],
    )


def test_requirements_files_with_includes(tmp_path):
    (tmp_path / "base.txt").write_text("pandas>=2.0,<2.3\n", encoding="utf-8")
    (tmp_path / "test.txt").write_text("-r base.txt\npytest\n", encoding="utf-8")
    names = [r.name for r in check_odoo_pins.read_requirements(tmp_path / "test.txt")]
    assert names == ["pytest", "pandas"]


def test_pins_for_the_python_version():
    assert check_odoo_pins.odoo_pins(ODOO_REQUIREMENTS, PY311) == {
        "python-dateutil": "2.8.2",
        "gevent": "22.10.2",
        "werkzeug": "2.2.2",
    }
    assert check_odoo_pins.odoo_pins(ODOO_REQUIREMENTS, PY312) == {
        "python-dateutil": "2.8.2"
    }


def test_a_pinned_library_moved_by_the_plan():
    report = plan(
        ("pandas", "3.1.1", ["python-dateutil>=2.9.0"]),
        ("python-dateutil", "4.0.0", []),
        ("numpy", "2.4.6", []),
    )
    installed = {"python-dateutil": "2.8.2"}
    assert check_odoo_pins.moved_pins(report, PINS, installed) == [
        "python-dateutil: Odoo pins 2.8.2, pip would install 4.0.0 "
        "(installed now: 2.8.2)"
    ]


def test_a_pinned_library_installed_at_its_pin():
    report = plan(("python-dateutil", "2.8.2", []), ("pandas", "2.2.3", []))
    assert check_odoo_pins.moved_pins(report, PINS, {}) == []


def test_a_requirement_that_rejects_a_pin_in_the_plan():
    report = plan(
        ("pandas", "3.1.1", ["python-dateutil>=2.9.0", "numpy>=2.0.2"]),
        ("numpy", "2.4.6", []),
    )
    problems, walked = check_odoo_pins.rejected_pins(
        [Requirement("pandas>=2.0")], report, PINS, {}, PY311
    )
    assert problems == [
        "pandas 3.1.1 requires python-dateutil>=2.9.0: Odoo pins python-dateutil 2.8.2"
    ]
    assert walked == 2


def test_a_pin_already_moved_on_this_machine():
    """Nothing to install (pip's plan is empty), but the installed pandas needs a
    python-dateutil that Odoo's pin does not satisfy."""
    installed = {
        "pandas": ("3.1.1", ["python-dateutil>=2.9.0"]),
        "python-dateutil": ("4.0.0", []),
    }
    problems, _walked = check_odoo_pins.rejected_pins(
        [Requirement("pandas>=2.0")], plan(), PINS, installed, PY311
    )
    assert problems == [
        "pandas 3.1.1 requires python-dateutil>=2.9.0: Odoo pins python-dateutil 2.8.2"
    ]


def test_requirements_that_accept_the_pins():
    installed = {
        "pandas": ("2.2.3", ["python-dateutil>=2.8.2", 'tzdata; extra == "tz"']),
        "odoo-addon-report-xlsx": ("18.0.1.1.3", ["odoo>=18.0a,<18.1dev"]),
        # Odoo's own requirements are not walked: they are what it pins
        "odoo": ("18.0", ["werkzeug>=3"]),
    }
    problems, walked = check_odoo_pins.rejected_pins(
        [Requirement("pandas>=2.0"), Requirement("odoo-addon-report-xlsx")],
        plan(),
        PINS,
        installed,
        PY311,
    )
    assert (problems, walked) == ([], 2)


def test_our_own_requirement_on_a_pinned_library():
    problems, _walked = check_odoo_pins.rejected_pins(
        [Requirement("werkzeug>=3")], plan(), PINS, {}, PY311
    )
    assert problems == [
        "our requirements ask for werkzeug>=3: Odoo pins werkzeug 2.2.2"
    ]


def test_a_dependency_of_a_requested_extra():
    installed = {
        "pandas": ("2.2.3", ['python-dateutil>=2.9; extra == "tz"']),
    }
    requirements = [Requirement("pandas[tz]")]
    problems, _walked = check_odoo_pins.rejected_pins(
        requirements, plan(), PINS, installed, PY311
    )
    assert problems == [
        'pandas 2.2.3 requires python-dateutil>=2.9; extra == "tz": '
        "Odoo pins python-dateutil 2.8.2"
    ]
