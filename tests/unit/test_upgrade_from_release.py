"""The pure parts of tests/upgrade/run_upgrade_from_release.py: which release it
upgrades from, and how it compares what the old and the new code show."""

import sys
from pathlib import Path

import pytest

UPGRADE = Path(__file__).resolve().parents[1] / "upgrade"
sys.path.insert(0, str(UPGRADE))

import run_upgrade_from_release as release  # noqa: E402

OLD = "1" * 40
NEW = "2" * 40


@pytest.fixture
def releases(tmp_path):
    path = tmp_path / "releases.txt"
    path.write_text(f"# a comment\n18.0.1.0 {OLD}\n\n18.0.2.0 {NEW}  # latest\n")
    return release.read_releases(path)


def test_releases_are_read_oldest_first(releases):
    assert releases == [("18.0.1.0", OLD), ("18.0.2.0", NEW)]


def test_the_latest_release_unless_one_is_named(releases):
    assert release.choose_release(releases) == ("18.0.2.0", NEW)
    assert release.choose_release(releases, "18.0.1.0") == ("18.0.1.0", OLD)
    assert release.choose_release(releases, OLD[:7]) == ("18.0.1.0", OLD)
    with pytest.raises(SystemExit):
        release.choose_release(releases, "18.0.9.0")


def test_by_default_the_latest_release_that_is_not_the_code_tested(releases):
    def is_current(commit):
        return commit == NEW

    assert release.choose_release(releases, None, is_current) == ("18.0.1.0", OLD)
    assert release.choose_release(releases, "18.0.2.0", is_current) == (
        "18.0.2.0",
        NEW,
    )
    assert release.choose_release(releases[1:], None, is_current) == ("18.0.2.0", NEW)


def test_the_recorded_releases_are_commits_of_this_repository():
    recorded = release.read_releases()
    assert recorded
    for version, commit in recorded:
        assert version.startswith("18.0.")
        assert len(commit) == 40


def test_rows_kept_on_the_old_columns():
    before = {"qsr_response": {1: {"state": "done", "weight": 4.0}}}
    after = {"qsr_response": {1: {"state": "done", "weight": 4.0, "new": 1}, 2: {}}}
    assert release.kept_rows(before, after) == []


def test_rows_lost_or_changed_are_named():
    before = {
        "qsr_response": {1: {"state": "done", "weight": 4.0}, 2: {"state": "new"}},
        "qsr_gone": {1: {}},
    }
    after = {"qsr_response": {1: {"state": "new"}}}
    assert release.kept_rows(before, after) == [
        "qsr_gone: table gone",
        "qsr_response id 1: state 'done' -> 'new', weight 4.0 -> 'column gone'",
        "qsr_response id 2: row deleted",
    ]


def test_a_grid_replaced_by_a_new_version_may_be_archived_only():
    before = {
        "qsr_grid": {
            1: {"active": True, "write_date": "d1", "name": "QSR"},
            2: {"active": True, "write_date": "d1", "name": "Other"},
        }
    }
    after = {
        "qsr_grid": {
            1: {"active": False, "write_date": "d2", "name": "QSR"},
            2: {"active": False, "write_date": "d2", "name": "Other"},
            3: {"active": True, "previous_version_id": 1, "name": "QSR"},
        }
    }
    assert release.kept_rows(before, after) == [
        "qsr_grid id 2: active True -> False, write_date 'd1' -> 'd2'"
    ]
    after["qsr_grid"][1]["name"] = "Renamed"
    assert (
        release.kept_rows(before, after)[0] == "qsr_grid id 1: name 'QSR' -> 'Renamed'"
    )


def test_figures_compare_to_twelve_digits_and_name_the_difference():
    old = {"pivot": {"1,2": {"priority_index:avg": 0.1 + 0.2, "count": 3}}}
    assert (
        release.figure_differences(
            old,
            {
                "pivot": {
                    "1,2": {"priority_index:avg": 0.3, "count": 3, "new measure": 1}
                }
            },
        )
        == []
    )
    assert release.figure_differences(
        old, {"pivot": {"1,2": {"priority_index:avg": 0.31, "count": 3}}}
    ) == ["/pivot/1,2/priority_index:avg: 0.30000000000000004 -> 0.31"]
    assert release.figure_differences(old, {"pivot": {}}) == ["/pivot/1,2: gone"]


def test_a_changed_cell_is_named_by_its_place():
    old = {"4": {"By Tier": [["Tier", "Key"], ["Delivery", 0.25]]}}
    new = {"4": {"By Tier": [["Tier", "Key"], ["Delivery", 0.5]]}}
    assert release.figure_differences(old, new) == ["/4/By Tier[1][1]: 0.25 -> 0.5"]
    shorter = {"4": {"By Tier": [["Tier", "Key"]]}}
    assert len(release.figure_differences(old, shorter)) == 1
    # a new column at the end of the rows adds figures, it changes none
    wider = {"4": {"By Tier": [["Tier", "Key", "Class"], ["Delivery", 0.25, "x"]]}}
    assert release.figure_differences(old, wider) == []


def test_page_figures_are_the_numbers_of_the_main_content():
    html = (
        "<html><head><script>var x = 12;</script></head><body><nav>3 items</nav>"
        '<main><a href="/my/qsr/results/7">Results</a>'
        '<span data-oe-id="99">Priority 62.5%</span> <td>1,200.50</td>'
        "<script>odoo.define(1)</script></main></body></html>"
    )
    assert release.page_figures(html) == ["62.5%", "1,200.50"]


def test_a_page_may_show_more_figures_never_fewer():
    old = {"alice": {"/my/qsr/results": [200, ["62.5%", "40", "12"]]}}
    more = {"alice": {"/my/qsr/results": [200, ["62.5%", "40", "7", "12", "3"]]}}
    assert release.figures_dropped(old, more) == []
    fewer = {"alice": {"/my/qsr/results": [200, ["62.5%", "12"]]}}
    assert release.figures_dropped(old, fewer) == [
        "/alice/my/qsr/results: 200 -> 200; 40"
    ]
    reordered = {"alice": {"/my/qsr/results": [200, ["40", "62.5%", "12"]]}}
    assert release.figures_dropped(old, reordered)
    failing = {"alice": {"/my/qsr/results": [500, ["62.5%", "40", "12"]]}}
    assert release.figures_dropped(old, failing)


def test_a_wave_of_several_grids_is_split_not_pooled():
    old = {"4": {"By Tier": [[1]], "By Account": [[2]]}, "3": {"By Tier": [[3]]}}
    new = {
        "4": {
            "G1 By Tier": [[1]],
            "G1 By Account": [[2]],
            "G2 By Tier": [[5]],
            "G2 By Account": [[6]],
        },
        "3": {"By Tier": [[4]]},
    }
    assert list(release.xlsx_split_by_grid(old, new)) == ["4"]
    renamed = {"3": {"Tiers": [[3]]}}
    assert release.xlsx_split_by_grid(old, renamed) == {}
