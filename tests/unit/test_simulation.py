"""The answer simulation gives answers the engine accepts, and that respond to
the account's quality and the respondent's priorities."""

import numpy as np
import pandas as pd
import simalto_engine
from simulation import simulate_respondent

ROWS = [
    [(11, 0), (12, 4), (13, 10), (14, 16)],
    [(21, 0), (22, 3), (23, 7), (24, 12), (25, 20)],
    [(31, 0), (32, 5)],
]
BUDGETS = [10, 10]


def _frames(answers):
    levels = pd.DataFrame(
        [
            (attribute, level, position, cost)
            for attribute, row in enumerate(ROWS)
            for position, (level, cost) in enumerate(row, start=1)
        ],
        columns=simalto_engine.LEVEL_COLUMNS,
    )
    attributes = pd.DataFrame(
        {
            "attribute_id": range(len(ROWS)),
            "area_id": 1,
            "area_name": "Area",
            "attribute_name": [f"Row {i}" for i in range(len(ROWS))],
            "sequence": range(len(ROWS)),
            "allow_reduction": False,
        }
    )
    lines = pd.DataFrame(
        [
            {
                "response_id": 1,
                "attribute_id": i,
                "current_level_id": a["current"],
                "acceptable_level_id": a["acceptable"],
                "ideal_level_id": a["ideal"],
                **{f"round_{r}_level_id": lvl for r, lvl in enumerate(a["rounds"], 1)},
            }
            for i, a in enumerate(answers)
        ]
    )
    return levels, attributes, lines


def test_answers_are_valid_for_the_engine(check_lines):
    rng = np.random.default_rng(7)
    for _ in range(200):
        answers = simulate_respondent(ROWS, BUDGETS, rng.random(3), rng.random(3), rng)
        levels, attributes, lines = _frames(answers)
        assert check_lines(levels, attributes, lines, BUDGETS) == []


def test_budget_goes_to_the_most_important_row_first():
    rng = np.random.default_rng(1)
    answers = simulate_respondent(ROWS, BUDGETS, [0, 0, 0], [0.1, 1.0, 0.2], rng)
    levels, _attributes, lines = _frames(answers)
    metrics = simalto_engine.line_metrics(levels, lines, BUDGETS)
    assert metrics.loc[1, "points_1"] > 0
    assert metrics["points_total"].sum() <= sum(BUDGETS)


def test_better_served_accounts_report_higher_levels():
    rng = np.random.default_rng(3)
    position = {level: p for row in ROWS for p, (level, _c) in enumerate(row)}

    def mean_current(quality):
        return np.mean(
            [
                position[a["current"]]
                for _ in range(100)
                for a in simulate_respondent(
                    ROWS, BUDGETS, [quality] * 3, [0.5] * 3, rng
                )
            ]
        )

    assert mean_current(0.9) > mean_current(0.2) + 1
