"""How the upgrade checks compare a table's rows before and after ``-u``
(tests/upgrade/run_upgrade_checks.py), without a database."""

import sys
from pathlib import Path

UPGRADE = Path(__file__).resolve().parents[1] / "upgrade"
sys.path.insert(0, str(UPGRADE))

from run_upgrade_checks import row_differences  # noqa: E402


def test_float_sums_in_another_order_are_the_same_figure():
    before = {"qsr_report_account_wave": {21: {"performance": 61.4655172413793}}}
    after = {"qsr_report_account_wave": {21: {"performance": 61.46551724137932}}}
    assert row_differences(before, after) == []


def test_a_changed_figure_is_a_difference():
    before = {"qsr_response_line": {7: {"norm_current": 0.5, "distress": False}}}
    after = {"qsr_response_line": {7: {"norm_current": 0.5000001, "distress": True}}}
    assert row_differences(before, after) == [
        "qsr_response_line id 7: distress False -> True, norm_current 0.5 -> 0.5000001"
    ]


def test_lost_and_new_rows_are_differences():
    before = {"qsr_response": {1: {"state": "done"}, 2: {"state": "draft"}}}
    after = {"qsr_response": {2: {"state": "draft"}, 3: {"state": "new"}}}
    assert row_differences(before, after) == [
        "qsr_response id 3: new row",
        "qsr_response id 1: row deleted",
    ]


def test_a_whole_float_read_as_an_integer_is_the_same_figure():
    before = {"qsr_report_review_attribute": {4: {"w_norm_ideal": 4}}}
    after = {"qsr_report_review_attribute": {4: {"w_norm_ideal": 3.9999999999999996}}}
    assert row_differences(before, after) == []
    after = {"qsr_report_review_attribute": {4: {"w_norm_ideal": 3.5}}}
    assert row_differences(before, after) != []
