"""The portfolio generator's pure helpers: vectorised answers equal those of
``simulate_respondent``, and the stored columns it computes equal the Simalto
engine's line metrics and the ORM's formulas. No database."""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import simalto_engine

GENERATOR = Path(__file__).resolve().parents[2] / "data" / "generate_portfolio.py"


def _generator():
    if "generate_portfolio" not in sys.modules:
        spec = importlib.util.spec_from_file_location("generate_portfolio", GENERATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules["generate_portfolio"] = module
        spec.loader.exec_module(module)
    return sys.modules["generate_portfolio"]


gen = _generator()

LEVELS = pd.DataFrame(
    [
        (attribute, attribute * 10 + position, position, cost)
        for attribute, costs in enumerate(
            [(0, 4, 10, 16), (0, 3, 7, 12, 20), (0, 5), (-4, 0, 6, 9, 15, 22)],
            start=1,
        )
        for position, cost in enumerate(costs, start=1)
    ],
    columns=simalto_engine.LEVEL_COLUMNS,
)
ATTRIBUTES = pd.DataFrame({"attribute_id": [1, 2, 3, 4]})
BUDGETS = [10, 10, 15]


def _answers(respondents=50, seed=3):
    rng = np.random.default_rng(seed)
    _rows, level_ids, costs, counts = gen.grid_arrays(LEVELS, ATTRIBUTES)
    shape = (respondents, len(counts))
    answers = gen.simulate_many(
        costs,
        counts,
        BUDGETS,
        rng.random(shape),
        rng.random(shape),
        gen.draw_noise(rng, *shape),
    )
    lines = gen.answer_frame(
        np.arange(1, respondents + 1), ATTRIBUTES["attribute_id"], level_ids, answers
    )
    return answers, lines


def test_self_check_passes():
    assert gen.check(seed=11, respondents=200) == []


def test_grid_arrays_order_levels_worst_to_best():
    rows, level_ids, costs, counts = gen.grid_arrays(
        LEVELS.sample(frac=1, random_state=1), ATTRIBUTES
    )
    assert counts.tolist() == [4, 5, 2, 6]
    assert rows[2] == [(31, 0.0), (32, 5.0)]
    assert level_ids[0].tolist() == [11, 12, 13, 14, 0, 0]
    assert np.isinf(costs[2, 2:]).all()


def test_answers_are_valid_and_within_budget(check_lines):
    _, lines = _answers()
    for _rid, group in lines.groupby("response_id"):
        attributes = ATTRIBUTES.assign(
            attribute_name=["A", "B", "C", "D"], allow_reduction=False
        )
        assert check_lines(LEVELS, attributes, group, BUDGETS) == []


def test_round_columns_are_null_when_the_round_left_the_row():
    answers, lines = _answers()
    moved = (answers["rounds"][0] != answers["current"]).ravel()
    assert lines["round_1_level_id"].notna().to_numpy().tolist() == moved.tolist()


def test_stored_columns_match_line_metrics():
    _, lines = _answers()
    stored = gen.stored_line_columns(LEVELS, lines, BUDGETS)
    metrics = simalto_engine.line_metrics(LEVELS, lines, BUDGETS)
    pairs = {
        "norm_current": "norm_current",
        "norm_acceptable": "norm_acceptable",
        "norm_ideal": "norm_ideal",
        "gap_steps": "gap_steps",
        "gap_points": "gap_points",
        "distress": "distress",
        "points_first_round": "points_1",
        "points_total": "points_total",
        "bought_first_round": "bought_1",
        "bought_any": "bought_any",
    }
    for ours, theirs in pairs.items():
        np.testing.assert_array_equal(
            stored[ours].to_numpy(float), metrics[theirs].to_numpy(float)
        )
    assert stored["gap_steps"].dtype == np.int64
    assert stored["distress"].dtype == bool


def test_missing_marks_store_zero_like_the_orm():
    lines = pd.DataFrame(
        {
            "response_id": [1, 1],
            "attribute_id": [1, 2],
            "current_level_id": [12, 21],
            "acceptable_level_id": [13, 22],
            "ideal_level_id": [None, 24],
            "round_1_level_id": [None, 22],
            "round_2_level_id": [13, None],
            "round_3_level_id": [None, None],
        }
    )
    stored = gen.stored_line_columns(LEVELS, lines, BUDGETS)
    assert stored["norm_ideal"].tolist() == [0.0, 0.75]
    assert stored["final_level_id"].tolist() == [13, 22]
    assert stored["points_first_round"].tolist() == [0.0, 3.0]
    assert stored["points_total"].tolist() == [6.0, 3.0]
    assert stored["bought_first_round"].tolist() == [False, True]


def test_response_figures_follow_the_orm_formulas():
    _, lines = _answers()
    stored = gen.stored_line_columns(LEVELS, lines, BUDGETS)
    figures = gen.response_figures(lines, stored)
    for rid, group in stored.groupby(lines["response_id"]):
        assert figures.loc[rid, "performance"] == 100 * sum(
            group["norm_current"]
        ) / len(group)
        assert figures.loc[rid, "distress_count"] == group["distress"].sum()
        assert figures.loc[rid, "points_spent"] == sum(group["points_total"])


def test_deterministic_for_a_seed():
    first, second = _answers(seed=5)[1], _answers(seed=5)[1]
    pd.testing.assert_frame_equal(first, second)
    assert not _answers(seed=6)[1].equals(first)


def test_importance_follows_level_emphasis():
    rng = np.random.default_rng(0)
    areas = np.arange(6)
    levels = ["executive"] * 2000 + ["operational"] * 2000
    quality, by_level = gen.portfolio_drivers(
        rng, np.full((4000, 6), 0.5), areas, levels
    )
    importance = gen.importance_from(np.zeros(6), by_level, np.zeros((4000, 6)), rng)
    executive, operational = importance[:2000].mean(0), importance[2000:].mean(0)
    assert executive[5] > operational[5]  # strategy
    assert operational[1] > executive[1]  # delivery
    assert quality[:2000].mean() > quality[2000:].mean()  # rosier at the top
