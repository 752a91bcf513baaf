"""Unit tests of the Simalto engine, with figures computed by hand (no database)."""

import math

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
