"""Unit tests of the Simalto engine, with figures computed by hand (no database)."""

import math

import numpy as np
import pandas as pd
import pytest
import simalto_engine as se

N = None
BUDGETS = [10, 10]


def frames(levels, attributes, responses, lines):
    return (
        pd.DataFrame(levels, columns=se.LEVEL_COLUMNS),
        pd.DataFrame(attributes, columns=se.ATTRIBUTE_COLUMNS),
        pd.DataFrame(responses, columns=se.RESPONSE_COLUMNS),
        pd.DataFrame(
            lines, columns=["response_id", "attribute_id", *se.level_columns(2)]
        ),
    )


def levels_of(attribute_id, costs):
    return [
        (attribute_id, 10 * attribute_id + position, position, cost)
        for position, cost in enumerate(costs, start=1)
    ]


# SIMALTO.md's worked example: A (executive, w=4) and B (operational, w=1)
WORKED = (
    levels_of(1, [0, 4, 10, 16]) + levels_of(2, [0, 3, 7, 12]),
    [
        (1, 1, "Delivery", "Response time", 1, False),
        (2, 1, "Delivery", "Delivered in full", 2, False),
    ],
    [(1, 4, 100, 1001, "A"), (2, 1, 100, 1002, "B")],
    [
        (1, 1, 11, 12, 14, N, 13, N),
        (1, 2, 22, 22, 23, N, N, 23),
        (2, 1, 12, 12, N, N, N, 13),
        (2, 2, 21, 23, N, N, 23, N),
    ],
)


@pytest.fixture
def worked():
    return frames(*WORKED)


@pytest.fixture
def mixed():
    """Rows of 3, 5 and 2 levels in two areas; two respondents in two accounts."""
    return frames(
        levels_of(1, [0, 6]) + levels_of(2, [0, 4, 9]) + levels_of(3, [0, 2, 5, 9, 14]),
        [
            (1, 2, "Billing", "Invoice accuracy", 3, False),
            (2, 1, "Delivery", "Delivered in full", 1, False),
            (3, 1, "Delivery", "Response time", 2, False),
        ],
        [(1, 3, 100, 1001, "R1"), (2, 1, 200, 2001, "R2")],
        [
            (1, 1, 12, 12, N, N, N, N),
            (1, 2, 22, 23, N, N, 23, N),
            (1, 3, 32, 32, N, N, 33, N),
            (2, 1, 11, 12, N, N, 12, N),
            (2, 2, 21, 21, N, N, N, N),
            (2, 3, 33, 32, N, N, N, N),
        ],
    )


@pytest.fixture
def reductions():
    """Account visits may be reduced (its first level releases 6 points)."""
    return frames(
        levels_of(3, [-6, 0, 5, 12]) + levels_of(4, [0, 8, 14]),
        [
            (3, 1, "Service", "Account visits", 1, True),
            (4, 1, "Service", "Invoice accuracy", 2, False),
        ],
        [(1, 2, 100, 1001, "R")],
        [(1, 3, 33, 32, N, N, 32, N), (1, 4, 41, 42, N, N, 42, 43)],
    )


def row(table, **keys):
    mask = pd.Series(True, index=table.index)
    for column, value in keys.items():
        mask &= table[column] == value
    assert mask.sum() == 1
    return table[mask].iloc[0]


# worked example


def test_worked_example_attribute_summary(worked):
    summary = se.attribute_summary(*worked, BUDGETS)
    response = row(summary, attribute_name="Response time")
    assert response["distress_share"] == pytest.approx(0.8)
    assert response["first_round_share"] == pytest.approx(0.8)
    assert response["any_round_share"] == pytest.approx(1.0)
    assert response["points_share"] == pytest.approx(0.6638, abs=1e-4)
    assert response["points_share"] == pytest.approx((4 * 10 / 14 + 6 / 13) / 5)
    assert round(response["priority_index"], 1) == 66.4
    assert response["norm_current"] == pytest.approx(1 / 15)
    assert response["norm_acceptable"] == pytest.approx(1 / 3)
    assert response["norm_ideal"] == pytest.approx(1.0)  # only A marked an ideal
    assert response["gap_steps"] == pytest.approx(0.8)
    assert response["gap_points"] == pytest.approx(16 / 5)
    assert response["spread"] == pytest.approx(2 / 15)
    assert response["respondent_count"] == 2
    assert math.isnan(response["norm_competitor"])

    in_full = row(summary, attribute_name="Delivered in full")
    assert in_full["distress_share"] == pytest.approx(0.2)
    assert in_full["first_round_share"] == pytest.approx(0.2)
    assert in_full["points_share"] == pytest.approx(0.3362, abs=1e-4)
    assert in_full["points_share"] == pytest.approx((4 * 4 / 14 + 7 / 13) / 5)
    assert in_full["norm_current"] == pytest.approx(4 / 15)
    assert in_full["norm_acceptable"] == pytest.approx(0.4)
    assert in_full["norm_ideal"] == pytest.approx(2 / 3)
    assert in_full["gap_points"] == pytest.approx(7 / 5)
    sums = ["w", "distress_num", "distress_den", "norm_ideal_den"]
    assert in_full[sums].tolist() == [5, 1, 5, 4]
    assert list(summary["attribute_name"]) == ["Response time", "Delivered in full"]


def test_worked_example_line_metrics(worked):
    levels, _attributes, _responses, lines = worked
    metrics = se.line_metrics(levels, lines, BUDGETS)
    assert metrics["s_current"].tolist() == [1, 2, 2, 1]
    assert metrics["gap_steps"].tolist() == [1, 0, 0, 2]
    assert metrics["gap_points"].tolist() == [4, 0, 0, 7]
    assert metrics["distress"].tolist() == [True, False, False, True]
    assert metrics["points_1"].tolist() == [10, 0, 0, 7]
    assert metrics["points_2"].tolist() == [0, 4, 6, 0]
    assert metrics["points_total"].tolist() == [10, 4, 6, 7]
    assert metrics["bought_1"].tolist() == [True, False, False, True]
    assert metrics["bought_2"].tolist() == [False, True, True, False]
    assert metrics["bought_any"].all()
    assert not metrics["reduced_any"].any()
    assert metrics["s_final"].tolist() == [3, 3, 3, 3]
    assert metrics["ideal_gap"].iloc[:2].tolist() == pytest.approx([1, 1 / 3])
    assert metrics["norm_ideal"].iloc[2:].isna().all()


def test_worked_example_respondents(worked):
    people = se.respondent_metrics(*worked, BUDGETS).set_index("name")
    assert people["performance"].tolist() == pytest.approx([100 / 6, 100 / 6])
    assert people["distress_count"].tolist() == [1, 1]
    assert people.loc["A", "distressed_attributes"] == "Response time"
    assert people.loc["B", "distressed_attributes"] == "Delivered in full"
    assert people["points_spent"].tolist() == [14, 13]
    assert people["points_released"].tolist() == [0, 0]


def test_worked_example_area(worked):
    area = se.area_summary(*worked, BUDGETS).iloc[0]
    assert area["area_name"] == "Delivery"
    assert area["distress_share"] == pytest.approx(5 / 10)
    assert area["norm_current"] == pytest.approx((1 / 3 + 4 / 3) / 10)
    assert area["points_share"] == pytest.approx(1.0)  # all spending is in the area
    assert area["priority_index"] == pytest.approx(100.0)
    assert area["spread"] == pytest.approx(0.0)  # A and B both average 1/6
    assert area["respondent_count"] == 2


def test_worked_example_is_valid(worked, check_lines):
    levels, attributes, _responses, lines = worked
    for _response_id, own in lines.groupby("response_id"):
        assert check_lines(levels, attributes, own, BUDGETS) == []


# edge cases


def test_respondent_who_spends_nothing_and_by_account():
    levels, attributes, responses, lines = frames(
        WORKED[0],
        WORKED[1],
        [*WORKED[2], (3, 2, 200, 2001, "C")],
        [*WORKED[3], (3, 1, 13, 12, N, N, N, N), (3, 2, 24, 23, N, N, N, N)],
    )
    people = se.respondent_metrics(levels, attributes, responses, lines, BUDGETS)
    nobody = row(people, name="C")
    assert nobody["points_spent"] == 0
    assert nobody["distress_count"] == 0
    assert nobody["distressed_attributes"] == ""
    assert nobody["performance"] == pytest.approx(100 * (2 / 3 + 1) / 2)

    total = se.attribute_summary(levels, attributes, responses, lines, BUDGETS)
    response = row(total, attribute_name="Response time")
    assert response["points_share"] == pytest.approx((4 * 10 / 14 + 6 / 13) / 5)
    assert response["points_share_den"] == 5  # C left out of both sums
    assert response["distress_share"] == pytest.approx(4 / 7)
    assert response["first_round_share"] == pytest.approx(4 / 7)
    assert response["any_round_share"] == pytest.approx(5 / 7)
    assert response["respondent_count"] == 3

    by_account = se.attribute_summary(
        levels, attributes, responses, lines, BUDGETS, by=["account_id"]
    )
    assert len(by_account) == 4
    ours = row(by_account, account_id=100, attribute_name="Response time")
    assert ours["distress_share"] == pytest.approx(0.8)
    assert ours["points_share"] == pytest.approx((4 * 10 / 14 + 6 / 13) / 5)
    theirs = row(by_account, account_id=200, attribute_name="Response time")
    assert theirs["distress_share"] == 0
    assert theirs["norm_current"] == pytest.approx(2 / 3)
    assert theirs["spread"] == 0
    assert math.isnan(theirs["points_share"])
    # the sums re-aggregate the accounts into the portfolio
    sums = by_account.groupby("attribute_id")[["distress_num", "distress_den"]].sum()
    assert sums.loc[1].tolist() == [4, 7]


def test_single_respondent_with_different_level_counts(mixed, check_lines):
    levels, attributes, responses, lines = mixed
    alone = responses[responses["response_id"] == 1]
    own = lines[lines["response_id"] == 1]
    assert check_lines(levels, attributes, own, [10]) == []
    person = se.respondent_metrics(levels, attributes, alone, own, [10]).iloc[0]
    assert person["performance"] == pytest.approx(100 * (1 + 0.5 + 0.25) / 3)
    assert person["points_spent"] == 8
    summary = se.attribute_summary(levels, attributes, alone, own, [10])
    assert list(summary["attribute_name"]) == [
        "Delivered in full",
        "Response time",
        "Invoice accuracy",
    ]
    assert summary["norm_current"].tolist() == pytest.approx([0.5, 0.25, 1.0])
    assert summary["points_share"].tolist() == pytest.approx([5 / 8, 3 / 8, 0])
    assert summary["distress_share"].tolist() == [1, 0, 0]
    assert summary["spread"].tolist() == [0, 0, 0]
    assert summary["respondent_count"].tolist() == [1, 1, 1]


def test_mixed_levels_two_respondents(mixed):
    summary = se.attribute_summary(*mixed, [10]).set_index("attribute_name")
    assert summary["norm_current"].tolist() == pytest.approx([0.375, 0.3125, 0.75])
    assert summary["distress_share"].tolist() == pytest.approx([0.75, 0, 0.25])
    assert summary["points_share"].tolist() == pytest.approx([0.46875, 0.28125, 0.25])
    assert summary["priority_index"].sum() == pytest.approx(100)
    assert summary.loc["Invoice accuracy", "spread"] == pytest.approx(
        math.sqrt(0.75 - 0.75**2)
    )

    areas = se.area_summary(*mixed, [10]).set_index("area_name")
    assert list(areas.index) == ["Delivery", "Billing"]
    assert areas["points_share"].tolist() == pytest.approx([0.75, 0.25])
    assert areas.loc["Delivery", "distress_share"] == pytest.approx(3 / 8)
    assert areas.loc["Delivery", "norm_current"] == pytest.approx(2.75 / 8)
    scores, weights = [0.375, 0.25], [3, 1]
    mean = (3 * 0.375 + 0.25) / 4
    assert areas.loc["Delivery", "spread"] == pytest.approx(
        math.sqrt(
            sum(w * (s - mean) ** 2 for s, w in zip(scores, weights, strict=True)) / 4
        )
    )

    by_account = se.area_summary(*mixed, [10], by=["account_id"])
    assert row(by_account, account_id=100, area_name="Delivery")["points_share"] == 1
    assert row(by_account, account_id=200, area_name="Delivery")["points_share"] == 0
    assert row(by_account, account_id=200, area_name="Billing")["points_share"] == 1


def test_area_summary_equals_recomputation_from_lines(mixed):
    levels, attributes, responses, lines = mixed
    areas = se.area_summary(*mixed, [10]).set_index("area_id")
    attribute_sums = (
        se.attribute_summary(*mixed, [10]).groupby("area_id").sum(numeric_only=True)
    )
    for column, measure in se.LINE_MEASURES.items():
        num, den = f"{column}_num", f"{column}_den"
        assert areas[num].tolist() == pytest.approx(attribute_sums[num].tolist())
        assert areas[den].tolist() == pytest.approx(attribute_sums[den].tolist())
        expected = attribute_sums[num] / attribute_sums[den]
        assert areas[measure].tolist() == pytest.approx(expected.tolist(), nan_ok=True)

    metrics = se.line_metrics(levels, lines, [10])
    metrics = metrics.merge(responses, on="response_id").merge(attributes)
    weight = metrics["weight"]
    by_area = (
        metrics.assign(
            w=weight,
            wd=weight * metrics["distress"],
            wc=weight * metrics["norm_current"],
        )
        .groupby("area_id")[["w", "wd", "wc"]]
        .sum()
    )
    assert areas["distress_share"].tolist() == pytest.approx(
        (by_area["wd"] / by_area["w"]).tolist()
    )
    assert areas["norm_current"].tolist() == pytest.approx(
        (by_area["wc"] / by_area["w"]).tolist()
    )
    # area points shares add the attribute shares up, per respondent
    assert areas["points_share_num"].tolist() == pytest.approx(
        attribute_sums["points_share_num"].tolist()
    )


def test_reductions_release_points(reductions, check_lines):
    levels, attributes, _responses, lines = reductions
    assert check_lines(levels, attributes, lines, [5, 5]) == []
    metrics = se.line_metrics(levels, lines, [5, 5])
    assert metrics["points_1"].tolist() == [-5, 8]
    assert metrics["points_2"].tolist() == [0, 6]
    assert metrics["points_total"].tolist() == [-5, 14]
    assert metrics["bought_any"].tolist() == [False, True]
    assert metrics["reduced_any"].tolist() == [True, False]
    person = se.respondent_metrics(*reductions, [5, 5]).iloc[0]
    assert person["points_spent"] == 14
    assert person["points_released"] == 5
    summary = se.attribute_summary(*reductions, [5, 5]).set_index("attribute_name")
    assert summary["points_share"].tolist() == [0, 1]
    assert summary["reduced_share"].tolist() == [1, 0]


def test_reduction_below_acceptable_is_caught(reductions, check_lines):
    levels, attributes, _responses, lines = reductions
    lines = lines.copy()
    lines.loc[0, "round_1_level_id"] = 31  # visits below the acceptable L2
    assert check_lines(levels, attributes, lines, [5, 5]) == [
        "Account visits: round 1 reduces it below the acceptable level."
    ]


def test_reduction_where_not_allowed_is_caught(reductions, check_lines):
    levels, attributes, _responses, lines = reductions
    lines = lines.copy()
    lines.loc[1, ["round_1_level_id", "round_2_level_id"]] = [N, 41]
    lines.loc[1, "current_level_id"] = 42
    assert check_lines(levels, attributes, lines, [5, 5]) == [
        "Invoice accuracy: round 2 goes back below the level of round 1."
    ]


def test_over_budget_is_caught(worked, check_lines):
    levels, attributes, _responses, lines = worked
    own = lines[lines["response_id"] == 1]
    assert check_lines(levels, attributes, own, [9, 10]) == [
        "Round 1: 10 points spent, more than the 9 points available."
    ]
    assert check_lines(levels, attributes, own, [10, 3]) == [
        "Round 2: 14 points spent, more than the 13 points available."
    ]


def test_round_going_backwards_is_caught(worked, check_lines):
    levels, attributes, _responses, lines = worked
    own = lines[lines["response_id"] == 1].copy()
    own["round_2_level_id"] = [12, 23]  # response time back from L3 to L2
    assert check_lines(levels, attributes, own, BUDGETS) == [
        "Response time: round 2 goes back below the level of round 1."
    ]


def test_foreign_and_missing_levels_are_caught(worked, check_lines):
    levels, attributes, _responses, lines = worked
    own = lines[lines["response_id"] == 1].copy()
    own["acceptable_level_id"] = [22, 22]  # a Delivered in full level
    own["current_level_id"] = [11, N]
    assert check_lines(levels, attributes, own, BUDGETS) == [
        "Delivered in full: no today's level is marked.",
        "Response time: the acceptable level is not a level of this row.",
    ]


def test_round_below_the_current_level_is_caught(worked, check_lines):
    levels, attributes, _responses, lines = worked
    own = lines[lines["response_id"] == 1].copy()
    own["current_level_id"] = [12, 22]
    own["round_1_level_id"] = [11, N]  # response time down from L2 to L1
    assert check_lines(levels, attributes, own, BUDGETS) == [
        "Response time: round 1 goes back below the current level."
    ]


def test_foreign_round_level_is_reported_alone(worked, check_lines):
    levels, attributes, _responses, lines = worked
    own = lines[lines["response_id"] == 1].copy()
    own["round_1_level_id"] = [11, 21]  # in full: down, and to another row's level
    own["round_2_level_id"] = [N, 13]
    problems = check_lines(levels, attributes, own, BUDGETS)
    assert problems == [
        "Delivered in full: the level chosen in round 2 is not a level of this row."
    ]
    assert (problems[0].code, problems[0].params) == (
        "foreign_round",
        {"attribute": "Delivered in full", "round": 2},
    )


def test_what_if(worked):
    result = se.what_if(*worked, BUDGETS, {1: 13, 2: 23})
    assert result["acceptable_share"] == 1
    assert result["match_mean"] == 1
    assert result["package_cost"] == 10 + 7
    # typical levels: response time L1 (weight 4 at L1, 1 at L2),
    # delivered in full L2 (weight 1 at L1, 4 at L2)
    assert result["typical_levels"] == {1: 11, 2: 22}
    assert result["typical_cost"] == 0 + 3
    assert result["cost_difference"] == 14

    result = se.what_if(*worked, BUDGETS, {1: 12, 2: 22})
    assert result["acceptable_share"] == pytest.approx(4 / 5)  # B wants in full L3
    assert result["match_mean"] == 0
    assert result["cost_difference"] == 4 + 3 - 3

    result = se.what_if(*worked, BUDGETS, {1: 13, 2: 22})
    assert result["acceptable_share"] == pytest.approx(4 / 5)
    assert result["match_mean"] == pytest.approx(0.5)

    result = se.what_if(*worked, BUDGETS, {1: 14})  # rows outside the package ignored
    assert result["acceptable_share"] == 1
    assert result["match_mean"] == 1
    assert result["package_cost"] - result["typical_cost"] == 16
    assert result["respondent_count"] == 2


def test_what_if_lower_median_and_foreign_level(worked):
    levels, attributes, responses, lines = worked
    even = responses.assign(weight=1)
    result = se.what_if(levels, attributes, even, lines, BUDGETS, {1: 14, 2: 24})
    assert result["typical_levels"] == {1: 11, 2: 21}
    with pytest.raises(ValueError, match="not of their attribute"):
        se.what_if(*worked, BUDGETS, {1: 23})


def test_problems_carry_their_code_and_parameters():
    """So that an application can word them in the respondent's language."""
    problem = se.Problem("over_budget", round=2, spent=14.0, budget=13)
    assert problem == "Round 2: 14 points spent, more than the 13 points available."
    assert (problem.code, problem.params) == (
        "over_budget",
        {"round": 2, "spent": 14.0, "budget": 13},
    )
    for code, wording in se.PROBLEMS.items():
        assert code and wording.endswith(".")


def test_problems_worded_through_a_translation():
    """word_problem passes the wording and the mark's name through the
    application's translation, then fills the parameters in."""
    french = {
        se.PROBLEMS["foreign_mark"]: (
            "%(attribute)s : le niveau %(mark)s n'est pas un niveau de cette ligne."
        ),
        se.MARK_WORDS["current"]: "actuel",
    }

    def translate(wording, **params):
        return french.get(wording, wording) % params

    problem = se.Problem("foreign_mark", attribute="Délai", mark="current")
    assert problem == "Délai: the today's level is not a level of this row."
    assert se.word_problem(problem.code, problem.params, translate) == (
        "Délai : le niveau actuel n'est pas un niveau de cette ligne."
    )


def test_level_ranks_as_the_level_table():
    """Positions with gaps and ties rank as in the frames' level table."""
    rows = [
        (1, 11, 2, -3.0),
        (1, 12, 5, 0.0),
        (1, 13, 9, 4.5),
        (2, 21, 1, 0.0),
        (2, 22, 1, 2.0),
        (2, 23, 7, 6.0),
    ]
    table = se._level_table(pd.DataFrame(rows, columns=se.LEVEL_COLUMNS))
    expected = {
        level_id: (attribute_id, s, cost)
        for level_id, attribute_id, s, cost in zip(
            table.index, table["attribute_id"], table["s"], table["cost"], strict=True
        )
    }
    assert se.level_ranks(rows) == expected
    assert se.level_ranks(rows)[23] == (2, 2.0, 6.0)


# What the trade-off is worth: the worked example with a price row (SIMALTO.md,
# "Price row and willingness to pay"), written out in qsr_simalto's readme.
#
# Rows: 1 Response time, 2 Delivered in full (as in the worked example) and 3
# Price you pay: +10% (-20), +5% (-10), as now 0% (0), -3% (+12), -5% (+25).
# Point value v = (10 - (-5)) / (25 - (-20)) = 15 / 45 = 1/3 % per point.
# Account 100 (tier 1, revenue 900,000): A (w=4) and B (w=1) answer as in the
# worked example and leave the price as now. One point is worth
# 1/3 / 100 * 900,000 = 3,000 a year to account 100.
# Account 200 (tier 2, revenue 600,000; one point worth 2,000 a year):
# C (w=3): response time L2 (acceptable L3: distress), round 1 accepts +5% (-10)
# to buy response time L2->L4 (+12): net 2 <= 10; nothing on in full.
# D (w=2): spends nothing at all.
# Competitor marks (position of the competitor's level): A response L3, in full
# L2; B response L1, in full none; C response L2, in full L1; D response none,
# in full L4; nobody on the price row.

PRICE_CHANGES = {31: 10, 32: 5, 33: 0, 34: -3, 35: -5}
PRICED = (
    WORKED[0] + levels_of(3, [-20, -10, 0, 12, 25]),
    [
        (1, 1, "Delivery", "Response time", 1, False, False),
        (2, 1, "Delivery", "Delivered in full", 2, False, False),
        (3, 2, "Commercial", "Price you pay", 3, True, True),
    ],
    [
        (1, 4, 100, 1001, "A", 1, 900_000),
        (2, 1, 100, 1002, "B", 1, 900_000),
        (3, 3, 200, 2001, "C", 2, 600_000),
        (4, 2, 200, 2002, "D", 2, 600_000),
    ],
    [
        # response, attribute, current, acceptable, ideal, competitor, r1, r2
        (1, 1, 11, 12, 14, 13, 13, N),
        (1, 2, 22, 22, 23, 22, N, 23),
        (1, 3, 33, 33, N, N, N, N),
        (2, 1, 12, 12, N, 11, N, 13),
        (2, 2, 21, 23, N, N, 23, N),
        (2, 3, 33, 33, N, N, N, N),
        (3, 1, 12, 13, N, 12, 14, N),
        (3, 2, 23, 22, N, 21, N, N),
        (3, 3, 33, 32, N, N, 32, N),
        (4, 1, 13, 12, N, N, N, N),
        (4, 2, 24, 23, N, 24, N, N),
        (4, 3, 33, 33, N, N, N, N),
    ],
)


def priced_frames():
    """The priced example as frames (test_package_planner.py uses it too)."""
    levels, attributes, responses, lines = PRICED
    return (
        pd.DataFrame(levels, columns=se.LEVEL_COLUMNS).assign(
            price_change=lambda frame: frame["level_id"].map(PRICE_CHANGES)
        ),
        pd.DataFrame(attributes, columns=[*se.ATTRIBUTE_COLUMNS, "is_price"]),
        pd.DataFrame(responses, columns=[*se.RESPONSE_COLUMNS, "tier_id", "revenue"]),
        pd.DataFrame(
            lines, columns=["response_id", "attribute_id", *se.level_columns(2)]
        ),
    )


@pytest.fixture
def priced():
    return priced_frames()


def near(value):
    return pytest.approx(value, rel=1e-9, abs=1e-9)


def test_priced_example_is_valid(priced, check_lines):
    levels, attributes, _responses, lines = priced
    for _response_id, own in lines.groupby("response_id"):
        assert check_lines(levels, attributes, own, BUDGETS) == []


def test_point_value_of_the_priced_example(priced):
    levels, attributes, _responses, _lines = priced
    assert se.point_value(levels, attributes) == near(15 / 45)


def test_willingness_to_pay_per_account(priced):
    result = se.willingness_to_pay(*priced, BUDGETS)
    assert result.point_value == near(1 / 3)
    accounts = result.accounts
    # the price row is not priced: two rows per account
    assert accounts[["account_id", "attribute_id"]].values.tolist() == [
        [100, 1],
        [100, 2],
        [200, 1],
        [200, 2],
    ]
    # account 100, 3,000 a year per point:
    # response time: A 10 points -> 30,000, B 6 -> 18,000;
    # wtp_account = (4 * 30,000 + 1 * 18,000) / 5 = 138,000 / 5 = 27,600
    assert row(accounts, account_id=100, attribute_id=1)["wtp_account"] == near(27_600)
    # in full: A 4 -> 12,000, B 7 -> 21,000; (4 * 12,000 + 21,000) / 5 = 13,800
    assert row(accounts, account_id=100, attribute_id=2)["wtp_account"] == near(13_800)
    # account 200, 2,000 a year per point:
    # response time: C 12 -> 24,000; D spent nothing and counts 0:
    # (3 * 24,000 + 2 * 0) / 5 = 14,400 (not 24,000)
    ours = row(accounts, account_id=200, attribute_id=1)
    assert ours["wtp_account"] == near(14_400)
    assert ours["respondent_count"] == 2
    assert ours["w"] == 5
    # in full: nobody spent on it: 0, not unknown
    assert row(accounts, account_id=200, attribute_id=2)["wtp_account"] == 0
    # price trades per account: none in 100; C (w=3) of 3 + 2 in 200
    assert accounts["price_trade_share"].tolist() == near([0, 0, 0.6, 0.6])
    assert accounts["price_trade_num"].tolist() == [0, 0, 3, 3]
    assert accounts["price_trade_den"].tolist() == [5, 5, 5, 5]


def test_willingness_to_pay_over_accounts(priced):
    summary = se.willingness_to_pay(*priced, BUDGETS).summary
    assert summary["attribute_name"].tolist() == ["Response time", "Delivered in full"]
    response, in_full = summary.iloc[0], summary.iloc[1]
    # wtp_total = 27,600 + 14,400 = 42,000 over 2 accounts: mean 21,000
    assert response["wtp_total"] == near(42_000)
    assert response["wtp_mean"] == near(21_000)
    assert response["account_count"] == 2
    assert response["respondent_count"] == 4
    # 13,800 + 0 = 13,800: mean 6,900
    assert in_full["wtp_total"] == near(13_800)
    assert in_full["wtp_mean"] == near(6_900)
    # price_trade_share: C (w=3) of 4 + 1 + 3 + 2 = 10: 0.3, on every row
    assert summary["price_trade_share"].tolist() == near([0.3, 0.3])


def test_willingness_to_pay_by_tier(priced):
    result = se.willingness_to_pay(*priced, BUDGETS, by=["tier_id"])
    summary = result.summary
    assert summary[["tier_id", "attribute_id"]].values.tolist() == [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
    ]
    assert summary["wtp_total"].tolist() == near([27_600, 13_800, 14_400, 0])
    assert summary["wtp_mean"].tolist() == near([27_600, 13_800, 14_400, 0])
    assert summary["account_count"].tolist() == [1, 1, 1, 1]
    # tier 1: no rise (0 of 5); tier 2: C (w=3) of 5
    assert summary["price_trade_share"].tolist() == near([0, 0, 0.6, 0.6])
    assert result.accounts["tier_id"].tolist() == [1, 1, 2, 2]

    # both accounts in one tier: the same figures as over all accounts
    levels, attributes, responses, lines = priced
    one_tier = responses.assign(tier_id=7)
    summary = se.willingness_to_pay(
        levels, attributes, one_tier, lines, BUDGETS, by=["tier_id"]
    ).summary
    assert summary["wtp_total"].tolist() == near([42_000, 13_800])
    assert summary["wtp_mean"].tolist() == near([21_000, 6_900])
    assert summary["price_trade_share"].tolist() == near([0.3, 0.3])


def test_willingness_to_pay_by_account(priced):
    """``by`` may name the account itself: one account per group."""
    summary = se.willingness_to_pay(*priced, BUDGETS, by=["account_id"]).summary
    assert summary["account_id"].tolist() == [100, 100, 200, 200]
    assert summary["wtp_total"].tolist() == near([27_600, 13_800, 14_400, 0])
    assert summary["account_count"].tolist() == [1, 1, 1, 1]


def test_price_rise_of_a_larger_step(priced):
    """B accepts +10% (L1, -20) in round 2 to buy response time L2->L4 (+12):
    round 2 net -20 + 7 + 12 = -1 <= 20. B's line on in full still counts 7
    points, on response time 12: account 100, response time
    (4 * 30,000 + 1 * 12 * 3,000) / 5 = 156,000 / 5 = 31,200; price trades
    B (w=1) + C (w=3) of 10 = 0.4."""
    levels, attributes, responses, lines = priced
    lines = lines.copy()
    b = lines["response_id"] == 2
    lines.loc[b & (lines["attribute_id"] == 1), "round_2_level_id"] = 14
    lines.loc[b & (lines["attribute_id"] == 3), ["acceptable_level_id"]] = 31
    lines.loc[b & (lines["attribute_id"] == 3), ["round_2_level_id"]] = 31
    result = se.willingness_to_pay(levels, attributes, responses, lines, BUDGETS)
    assert row(result.accounts, account_id=100, attribute_id=1)["wtp_account"] == near(
        31_200
    )
    assert result.summary["price_trade_share"].tolist() == near([0.4, 0.4])


def test_not_priced_without_a_price_row(priced):
    """Without a price row: the same rows, NaN money, nothing priced."""
    levels, attributes, responses, lines = priced
    attributes = attributes.assign(is_price=False)
    result = se.willingness_to_pay(levels, attributes, responses, lines, BUDGETS)
    assert math.isnan(result.point_value)
    # every row is then an ordinary row, the former price row included
    assert result.summary["attribute_id"].tolist() == [1, 2, 3]
    for frame, columns in (
        (result.summary, ["wtp_total", "wtp_mean", "price_trade_share"]),
        (result.accounts, ["wtp_account", "price_trade_share"]),
    ):
        assert frame[columns].isna().all().all()
    assert result.summary["account_count"].tolist() == [2, 2, 2]

    # the frames of a grid without any price column
    plain = se.willingness_to_pay(
        levels.drop(columns="price_change"),
        attributes.drop(columns="is_price"),
        responses,
        lines,
        BUDGETS,
    )
    assert math.isnan(plain.point_value)
    assert plain.summary["wtp_total"].isna().all()


def test_unknown_revenue_leaves_its_account_unknown(priced):
    levels, attributes, responses, lines = priced
    responses = responses.assign(
        revenue=responses["revenue"].where(responses["account_id"] == 100)
    )
    result = se.willingness_to_pay(levels, attributes, responses, lines, BUDGETS)
    unknown = row(result.accounts, account_id=200, attribute_id=1)["wtp_account"]
    assert math.isnan(unknown)
    # the total adds the known account only (as Odoo's empty revenue, 0)
    assert result.summary["wtp_total"].tolist() == near([27_600, 13_800])
    assert result.summary["wtp_mean"].tolist() == near([13_800, 6_900])


# priority classes


def test_priority_classes_at_the_default_thresholds(priced):
    """P = 100 / 3 rows (the price row counts) = 33.33, D = 0.30.

    Account 100 (A, B as in the worked example; nobody spent on the price row):
    response time distress 0.8, index 66.38: fix first; in full distress 0.2,
    index 100 * (4 * 4/14 + 7/13) / 5 = 33.62 >= 33.33: growth; price distress
    0, index 0: strength. Account 200 (only C spent: 12 on response time):
    response time distress 3/5 = 0.6, index 100: fix first; in full distress 0,
    index 0: strength; price: strength.
    """
    summary = se.attribute_summary(*priced, BUDGETS, by=["account_id"])
    classes = se.priority_classes(summary)
    assert summary.columns.tolist() == classes.columns.tolist()[:-1]
    assert "priority_class" not in summary  # the summary itself is left alone
    assert row(summary, account_id=100, attribute_id=2)["priority_index"] == near(
        100 * (4 * 4 / 14 + 7 / 13) / 5
    )
    assert classes["priority_class"].tolist() == [
        "fix_first",
        "growth",
        "strength",
        "fix_first",
        "strength",
        "strength",
    ]


def test_priority_classes_with_changed_thresholds(priced):
    """D = 0.2, P = 40: account 100's in full (distress 0.2 >= 0.2, index 33.62
    < 40) is tolerated; account 200's response time (0.6, 100) stays fix first.
    D = 0.9, P = 70: account 100's response time (0.8 < 0.9, 66.38 < 70) is a
    strength, account 200's (0.6, 100 >= 70) a growth opportunity."""
    summary = se.attribute_summary(*priced, BUDGETS, by=["account_id"])
    classes = se.priority_classes(summary, 0.2, 40)
    assert classes["priority_class"].tolist() == [
        "fix_first",
        "tolerated",
        "strength",
        "fix_first",
        "strength",
        "strength",
    ]
    classes = se.priority_classes(
        summary, distress_threshold=0.9, priority_threshold=70
    )
    assert classes["priority_class"].tolist()[:4] == [
        "strength",
        "strength",
        "strength",
        "growth",
    ]


def test_priority_classes_on_the_thresholds_and_unknown():
    """A value equal to a threshold goes to the upper class; 4 rows: P = 25."""
    summary = pd.DataFrame(
        {
            "attribute_id": [1, 2, 3, 4, 4],
            "distress_share": [0.3, 0.3, 0.2999, 0.2999, 0.5],
            "priority_index": [25.0, 24.999, 25.0, 24.999, np.nan],
        }
    )
    classes = se.priority_classes(summary)["priority_class"].tolist()
    assert classes == ["fix_first", "tolerated", "growth", "strength", None]
    # the price row is a row of the grid: without it, 3 rows, P = 33.33
    classes = se.priority_classes(summary.iloc[:3])["priority_class"].tolist()
    assert classes == ["tolerated", "tolerated", "strength"]


def test_priority_class_of_a_respondent_who_spent_nothing(priced):
    """D alone spent nothing: no priority index, no class."""
    summary = se.attribute_summary(*priced, BUDGETS, by=["partner_id"])
    classes = se.priority_classes(summary)
    assert classes.loc[classes["partner_id"] == 2002, "priority_class"].tolist() == [
        None,
        None,
        None,
    ]
    assert row(classes, partner_id=2001, attribute_id=1)["priority_class"] == (
        "fix_first"
    )


# fix for all of them at once


def tier_accounts(tier_id, tolerated, others, first_account):
    """Account rows of a tier on rows 1 and 2: ``tolerated`` accounts where row 1
    is a tolerated failing (distress 0.5, index 10), ``others`` where it is a
    strength (distress 0, index 10); row 2 is fix first everywhere (0.5, 90)."""
    rows = []
    for number in range(tolerated + others):
        account = first_account + number
        distress = 0.5 if number < tolerated else 0.0
        rows += [
            (tier_id, account, 1, 1, "Delivery", "Delivered in full", distress, 10.0),
            (tier_id, account, 1, 2, "Delivery", "Response time", 0.5, 90.0),
        ]
    return rows


def test_fix_for_all_at_exactly_the_share():
    """Tier 1: 3 of 10 accounts tolerate row 1: 3/10 = 0.30 >= 0.30, fix for
    all. Tier 2: 2 of 7: 0.2857 < 0.30, not. 2 rows: P = 50."""
    summary = pd.DataFrame(
        tier_accounts(1, 3, 7, 100) + tier_accounts(2, 2, 5, 200),
        columns=[
            *("tier_id", "account_id", "area_id", "attribute_id", "area_name"),
            *("attribute_name", "distress_share", "priority_index"),
        ],
    )
    result = se.fix_for_all(summary, "tier_id")
    assert result[["tier_id", "attribute_id"]].values.tolist() == [
        [1, 1],
        [1, 2],
        [2, 1],
        [2, 2],
    ]
    assert result["account_count"].tolist() == [10, 10, 7, 7]
    assert result["tolerated_count"].tolist() == [3, 0, 2, 0]
    assert result["tolerated_share"].tolist() == near([0.3, 0, 2 / 7, 0])
    assert result["fix_for_all"].tolist() == [True, False, False, False]
    assert result["tolerated_account_ids"].tolist() == [
        [100, 101, 102],
        [],
        [200, 201],
        [],
    ]
    # a share of 0.25 takes in tier 2 as well
    assert se.fix_for_all(summary, "tier_id", share=0.25)["fix_for_all"].tolist() == [
        True,
        False,
        True,
        False,
    ]
    # a distress threshold above 0.5: no tolerated failing anywhere
    assert not se.fix_for_all(summary, "tier_id", distress_threshold=0.6)[
        "fix_for_all"
    ].any()


def test_fix_for_all_from_the_priced_example(priced):
    """Both accounts in tier 7, D = 0.2, P = 40: in full is tolerated in
    account 100 only: 1 of 2 accounts = 0.5 >= 0.3."""
    levels, attributes, responses, lines = priced
    one_tier = responses.assign(tier_id=7)
    summary = se.attribute_summary(
        levels, attributes, one_tier, lines, BUDGETS, by=["account_id", "tier_id"]
    )
    result = se.fix_for_all(summary, "tier_id", 0.2, 40)
    in_full = row(result, attribute_id=2)
    assert in_full["tier_id"] == 7
    assert in_full["account_count"] == 2
    assert in_full["tolerated_account_ids"] == [100]
    assert in_full["tolerated_share"] == near(0.5)
    assert bool(in_full["fix_for_all"])
    assert result["fix_for_all"].tolist() == [False, True, False]


def test_fix_for_all_of_accounts_without_tier(priced):
    """Account 100 without a tier (NaN) keeps its own group and its ids."""
    levels, attributes, responses, lines = priced
    no_tier = responses.assign(tier_id=[np.nan, np.nan, 2, 2])
    summary = se.attribute_summary(
        levels, attributes, no_tier, lines, BUDGETS, by=["account_id", "tier_id"]
    )
    result = se.fix_for_all(summary, "tier_id", 0.2, 40)
    in_full = result[result["attribute_id"] == 2]
    assert in_full["tolerated_account_ids"].tolist() == [[100], []]
    assert in_full["fix_for_all"].tolist() == [True, False]
    assert math.isnan(in_full["tier_id"].iloc[0])


# competitor comparison


def test_competitor_summary(priced):
    """Norms are (s - 1) / 3. Response time: A current L1, competitor L3:
    trail, 0 - 2/3; B L2 vs L1: lead, 1/3 - 0; C L2 vs L2: level, 0; D no mark,
    left out. w = 4 + 1 + 3 = 8: gap (4 * -2/3 + 1/3 + 0) / 8 = -7/24; lead
    1/8, level 3/8, trail 4/8. In full: A L2 vs L2: level; B no mark; C L3 vs
    L1: lead, 2/3; D L4 vs L4: level. w = 4 + 3 + 2 = 9: gap 3 * 2/3 / 9 = 2/9;
    lead 3/9, level 6/9, trail 0. Price: nobody marked it."""
    summary = se.competitor_summary(*priced, BUDGETS)
    assert summary["attribute_id"].tolist() == [1, 2, 3]
    columns = ["competitor_gap", "lead_share", "level_share", "trail_share"]
    response, in_full, price = (summary.iloc[i] for i in range(3))
    assert response[columns].tolist() == near([-7 / 24, 1 / 8, 3 / 8, 4 / 8])
    assert response["competitor_count"] == 3
    assert response["competitor_gap_den"] == 8
    assert in_full[columns].tolist() == near([2 / 9, 3 / 9, 6 / 9, 0])
    assert in_full["competitor_count"] == 3
    assert price["competitor_count"] == 0
    assert price[columns].isna().all()
    # the shares add up to 1 where any line is marked
    shares = summary[["lead_share", "level_share", "trail_share"]].sum(axis=1)
    assert shares.tolist()[:2] == near([1, 1])


def test_competitor_summary_by_account(priced):
    """Account 100, response time: A trails (w=4), B leads (w=1): gap
    (4 * -2/3 + 1/3) / 5 = -7/15. In full: A alone (B has no mark): level, gap
    0, count 1. Account 200, response time: C alone (D has no mark): level; in
    full: C leads (w=3), D level (w=2): gap (3 * 2/3) / 5 = 2/5."""
    summary = se.competitor_summary(*priced, BUDGETS, by=["account_id"])
    ours = row(summary, account_id=100, attribute_id=1)
    assert ours["competitor_gap"] == near(-7 / 15)
    assert [ours["lead_share"], ours["trail_share"]] == near([1 / 5, 4 / 5])
    alone = row(summary, account_id=100, attribute_id=2)
    assert alone["competitor_gap"] == 0
    assert alone["level_share"] == 1
    assert alone["competitor_count"] == 1
    assert row(summary, account_id=200, attribute_id=1)["level_share"] == 1
    theirs = row(summary, account_id=200, attribute_id=2)
    assert theirs["competitor_gap"] == near(2 / 5)
    assert [theirs["lead_share"], theirs["level_share"]] == near([3 / 5, 2 / 5])
    # the sums re-aggregate the accounts into the portfolio: -7/24 as above
    sums = summary.groupby("attribute_id")[
        ["competitor_gap_num", "competitor_gap_den"]
    ].sum()
    assert sums.loc[1, "competitor_gap_num"] / sums.loc[1, "competitor_gap_den"] == (
        near(-7 / 24)
    )


def test_existing_summary_unchanged_by_the_price_row(priced):
    """Account 100 answers as the worked example: its figures are those."""
    summary = se.attribute_summary(*priced, BUDGETS, by=["account_id"])
    response = row(summary, account_id=100, attribute_id=1)
    assert response["distress_share"] == near(0.8)
    assert response["points_share"] == near((4 * 10 / 14 + 6 / 13) / 5)


# what_if's rows acceptable and willingness to pay covered


def test_what_if_rows_acceptable(worked):
    """Acceptable levels: A response L2, in full L2; B response L2, in full L3.
    Package L2, L2: A has both rows acceptable (1), B one of two (1/2):
    (4 * 1 + 1 * 1/2) / 5 = 0.9. Package L1, L2: A 1/2, B 0: 4 * 1/2 / 5 = 0.4.
    Package L1, L1: nobody has an acceptable row. Without a price row nothing is
    priced."""
    result = se.what_if(*worked, BUDGETS, {1: 12, 2: 22})
    assert result["rows_acceptable"] == near(0.9)
    assert result["acceptable_share"] == near(0.8)
    assert math.isnan(result["wtp_covered"])
    assert se.what_if(*worked, BUDGETS, {1: 11, 2: 22})["rows_acceptable"] == near(0.4)
    assert se.what_if(*worked, BUDGETS, {1: 11, 2: 21})["rows_acceptable"] == 0
    assert se.what_if(*worked, BUDGETS, {1: 13, 2: 23})["rows_acceptable"] == 1


def test_what_if_missing_acceptable_is_not_acceptable(worked):
    """B marked no acceptable level on in full: with everything at the top, B
    has 1 of 2 rows acceptable: (4 * 1 + 1 * 1/2) / 5 = 0.9, and B is not among
    those for whom the package is acceptable: 4/5."""
    levels, attributes, responses, lines = worked
    lines = lines.copy()
    lines.loc[
        (lines["response_id"] == 2) & (lines["attribute_id"] == 2),
        ["acceptable_level_id"],
    ] = np.nan
    result = se.what_if(levels, attributes, responses, lines, BUDGETS, {1: 14, 2: 24})
    assert result["rows_acceptable"] == near(0.9)
    assert result["acceptable_share"] == near(0.8)


def test_what_if_rows_acceptable_with_the_price_row(priced):
    """Package response L2, in full L2: A (w=4) 2 of 2 rows acceptable, B (1)
    1 of 2 (in full L3 wanted), C (3) 1 of 2 (response L3 wanted), D (2) 1 of 2
    (in full L3 wanted): (4 + 0.5 + 1.5 + 1) / 10 = 0.7; everything acceptable
    for A only: 0.4. With the price row as now (everybody accepts it): A 3/3,
    the others 2/3: (4 + 2/3 * 6) / 10 = 0.8."""
    result = se.what_if(*priced, BUDGETS, {1: 12, 2: 22})
    assert result["rows_acceptable"] == near(0.7)
    assert result["acceptable_share"] == near(0.4)
    result = se.what_if(*priced, BUDGETS, {1: 12, 2: 22, 3: 33})
    assert result["rows_acceptable"] == near(0.8)


def test_what_if_wtp_covered(priced):
    """Levels after the last round and wtp (readme's table): account 100, A
    response L3 (30,000), in full L3 (12,000); B response L3 (18,000), in full
    L3 (21,000); account 200, C response L4 (24,000), in full L3 (0); D response
    L3, in full L4 (0). Package L3, L3 reaches A and B on both rows and not C
    on response time: (4 x 30,000 + 18,000) / 5 + (4 x 12,000 + 21,000) / 5 =
    27,600 + 13,800 = 41,400. Response time L4 reaches C too: + (3 x 24,000) /
    5 = 14,400, 55,800 (the price row in the package changes nothing). Package
    L2, L2 reaches nobody who spent: 0."""
    assert se.what_if(*priced, BUDGETS, {1: 13, 2: 23})["wtp_covered"] == near(41_400)
    assert se.what_if(*priced, BUDGETS, {1: 14, 2: 23})["wtp_covered"] == near(55_800)
    result = se.what_if(*priced, BUDGETS, {1: 14, 2: 24, 3: 33})
    assert result["wtp_covered"] == near(55_800)
    assert se.what_if(*priced, BUDGETS, {1: 12, 2: 22})["wtp_covered"] == 0


def test_what_if_wtp_covered_unknown_revenue_or_no_price(priced):
    """Account 200's revenue unknown: it adds nothing, 27,600 + 13,800. No
    revenue column, or no price row: nothing is priced."""
    levels, attributes, responses, lines = priced
    unknown = responses.assign(
        revenue=responses["revenue"].where(responses["account_id"] == 100)
    )
    result = se.what_if(levels, attributes, unknown, lines, BUDGETS, {1: 14, 2: 23})
    assert result["wtp_covered"] == near(41_400)
    bare = responses.drop(columns="revenue")
    result = se.what_if(levels, attributes, bare, lines, BUDGETS, {1: 14, 2: 23})
    assert math.isnan(result["wtp_covered"])
    unpriced = attributes.assign(is_price=False)
    result = se.what_if(levels, unpriced, responses, lines, BUDGETS, {1: 14, 2: 23})
    assert math.isnan(result["wtp_covered"])
