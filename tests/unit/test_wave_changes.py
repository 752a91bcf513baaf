"""wave_changes.changes on figures computed by hand."""

import pandas as pd
import pytest
import wave_changes  # on the path of conftest.py


def frame(rows):
    return pd.DataFrame(rows, columns=["aspect_id", *wave_changes.FIGURES]).set_index(
        "aspect_id"
    )


def test_each_kind_of_move():
    before = frame(
        [
            (1, 0.40, 0.0, 30.0),  # enters distress
            (2, 0.50, 0.5, 20.0),  # leaves it
            (3, 0.50, 0.0, 10.0),  # better by 0.25
            (4, 0.75, 0.0, 10.0),  # worse by 0.125
            (5, 0.60, 0.0, 10.0),  # within the threshold
            (6, 0.20, 1.0, 20.0),  # dropped
        ]
    )
    after = frame(
        [
            (1, 0.50, 0.25, 40.0),
            (2, 0.50, 0.0, 5.0),
            (3, 0.75, 0.0, 10.0),
            (4, 0.625, 0.0, 10.0),
            (5, 0.62, 0.0, 10.0),
            (7, 0.30, 0.5, 35.0),  # new
        ]
    )
    table = wave_changes.changes(before, after)
    assert table["change"].to_dict() == {
        1: "newly_distressed",
        2: "no_longer_distressed",
        3: "improved",
        4: "worsened",
        5: "unchanged",
        6: "dropped_row",
        7: "new_row",
    }
    assert table.loc[3, "norm_current_delta"] == pytest.approx(0.25)
    assert table.loc[1, "priority_index_delta"] == pytest.approx(10.0)
    assert table.loc[1, "distress_share_before"] == 0.0
    # largest move first, rows with nothing to compare last
    assert table.index.tolist()[:5] == [3, 4, 1, 5, 2]
    assert set(table.index.tolist()[5:]) == {6, 7}


def test_threshold():
    before = frame([(1, 0.5, 0.0, 10.0)])
    after = frame([(1, 0.53, 0.0, 10.0)])
    assert wave_changes.changes(before, after)["change"].tolist() == ["unchanged"]
    assert wave_changes.changes(before, after, threshold=0.02)["change"].tolist() == [
        "improved"
    ]


def test_nothing_to_compare():
    table = wave_changes.changes(frame([]), frame([]))
    assert table.empty
    assert "change" in table.columns
