"""Unit tests of the package planner: figures computed by hand, and the best
package equal to trying every package on random grids (no database)."""

import math

import numpy as np
import package_planner as pp  # beside simalto_engine, on the path of conftest.py
import pandas as pd
import pytest
import simalto_engine as se
from hypothesis import given, settings
from hypothesis import strategies as st
from test_simalto_engine import BUDGETS, WORKED, N, frames, levels_of, priced_frames

LINE_COLUMNS = ["response_id", "attribute_id", *se.level_columns(2)]


def near(value):
    return pytest.approx(value, rel=1e-9, abs=1e-9)


# SIMALTO.md's worked example (test_simalto_engine.py): A (executive, w=4) and
# B (operational, w=1) of account 100.
@pytest.fixture
def worked():
    return frames(*WORKED)


# The worked example by hand. Typical levels (lower weighted medians of the
# current levels): response time L1 (A, w=4, at L1; B at L2), delivered in full
# L2 (A at L2; B at L1), cost 0 + 3. Acceptable: A response L2, in full L2; B
# response L2, in full L3.
#
# rows_acceptable (each respondent has 2 rows):
#   typical (L1, L2): A 1/2 (in full), B 0: 4 x 1/2 / 5 = 0.4
#   response L2 (+4 points): A 1, B 1/2: (4 + 1/2) / 5 = 0.9
#   in full L3 (+4 points): A 1/2, B 1/2: (2 + 1/2) / 5 = 0.5
#   both (+8): 1. Higher levels cost more and reach nobody else.
# Budget 0-3: the typical package, 0.4; 4-7: response L2, 0.9 (in full L3 gains
# only 0.5 - 0.4 = 0.1), and the next best move that did not fit is in full L3
# (+4 points, gain 0.1); 8 or more: both, 1, cost 8, and nothing left to gain.
#
# acceptable_share: A needs response L2; B needs response L2 and in full L3.
#   typical 0; response L2: A, 4/5 = 0.8; in full L3 alone: nobody; both: 1.


@pytest.mark.parametrize(
    "budget, package, value, cost",
    [
        (0, {1: 11, 2: 22}, 0.4, 0),
        (3, {1: 11, 2: 22}, 0.4, 0),
        (4, {1: 12, 2: 22}, 0.9, 4),
        (7, {1: 12, 2: 22}, 0.9, 4),
        (8, {1: 12, 2: 23}, 1.0, 8),
        (30, {1: 12, 2: 23}, 1.0, 8),
    ],
)
def test_worked_example_rows_acceptable(worked, budget, package, value, cost):
    best = pp.best_package(*worked, BUDGETS, budget)
    assert best.package == package
    assert best.value == near(value)
    assert best.cost == cost
    assert best.typical == {1: 11, 2: 22}
    assert best.figures == se.what_if(*worked, BUDGETS, package)
    assert best.figures["rows_acceptable"] == best.value


def test_worked_example_explanation(worked):
    """Budget 5: response L2 (+4, 0.9). Without it, back to 0.4: its
    contribution is 0.5. Left: 1 point. Moves that do not fit: response L3
    (+6), L4 (+12) gain nothing; in full L3 (+4) and L4 (+9) gain 0.1: the
    cheaper, over the budget by 4 - 1 = 3."""
    best = pp.best_package(*worked, BUDGETS, 5)
    assert best.changes.to_dict("records") == [
        {
            "attribute_id": 1,
            "attribute_name": "Response time",
            "typical_level_id": 11,
            "level_id": 12,
            "cost": 4.0,
            "contribution": near(0.5),
        }
    ]
    assert best.alternative == {
        "attribute_id": 2,
        "attribute_name": "Delivered in full",
        "level_id": 23,
        "cost": 4.0,
        "gain": near(0.1),
        "over_budget": 3.0,
    }
    # everything acceptable (1): nothing left to gain, no alternative. Without
    # response L2, 0.5 is left (in full L3 alone); without in full L3, 0.9.
    best = pp.best_package(*worked, BUDGETS, 30)
    assert best.alternative is None
    assert best.changes["contribution"].tolist() == [near(0.5), near(0.1)]
    # the typical package: nothing changed
    best = pp.best_package(*worked, BUDGETS, 0)
    assert best.changes.empty
    assert list(best.changes.columns) == list(pp.CHANGE_COLUMNS)
    assert best.alternative["level_id"] == 12
    assert best.alternative["over_budget"] == 4.0


@pytest.mark.parametrize(
    "budget, package, value",
    [(3, {1: 11, 2: 22}, 0), (4, {1: 12, 2: 22}, 0.8), (8, {1: 12, 2: 23}, 1)],
)
def test_worked_example_acceptable_share(worked, budget, package, value):
    best = pp.best_package(*worked, BUDGETS, budget, objective="acceptable_share")
    assert best.package == package
    assert best.value == near(value)
    assert best.figures["acceptable_share"] == best.value


def test_worked_example_acceptable_share_explanation(worked):
    """Budget 4: response L2 (A, 0.8). Response L2 alone satisfies A: back at
    L1 nobody is satisfied, a contribution of 0.8. In full L3 would satisfy B
    too: +0.2 for 4 more points, over the budget by 4."""
    best = pp.best_package(*worked, BUDGETS, 4, objective="acceptable_share")
    assert best.changes["contribution"].tolist() == [near(0.8)]
    assert best.alternative["level_id"] == 23
    assert best.alternative["gain"] == near(0.2)
    assert best.alternative["over_budget"] == 4


def test_rows_restriction(worked):
    """Only delivered in full may change: L3 (+4) and L4 (+9) both give 0.5;
    the cheaper wins. Response time stays at its typical L1 and still counts;
    the move left (in full L4, +5) fits in the 6 points left: no alternative."""
    best = pp.best_package(*worked, BUDGETS, 10, rows=[2])
    assert best.package == {1: 11, 2: 23}
    assert best.value == near(0.5)
    assert best.cost == 4
    assert best.alternative is None
    # ids that are not package rows are ignored; no row to change: typical
    best = pp.best_package(*worked, BUDGETS, 10, rows=[99])
    assert best.package == best.typical == {1: 11, 2: 22}
    assert best.changes.empty
    assert best.alternative is None


def test_supplier_cost(worked):
    """Money per account and year: response 0 (empty), 1,000, 2,500, 4,000; in
    full 0 (empty), 300, 300, 2,000. In full L3 costs nothing more than L2 (the
    typical level) and gains 0.1: taken even with a budget of 0. Then response
    L2 costs 1,000 and gains 0.5."""
    levels, attributes, responses, lines = worked
    levels = levels.assign(
        supplier_cost=[np.nan, 1000, 2500, 4000, np.nan, 300, 300, 2000]
    )
    frames = (levels, attributes, responses, lines)
    best = pp.best_package(*frames, BUDGETS, 0, cost_column="supplier_cost")
    assert best.package == {1: 11, 2: 23}
    assert (best.value, best.cost) == (near(0.5), 0)
    assert best.alternative["cost"] == 1000
    assert best.alternative["over_budget"] == 1000
    best = pp.best_package(*frames, BUDGETS, 999.5, cost_column="supplier_cost")
    assert best.package == {1: 11, 2: 23}
    assert best.alternative["over_budget"] == near(0.5)
    best = pp.best_package(*frames, BUDGETS, 1000, cost_column="supplier_cost")
    assert best.package == {1: 12, 2: 23}
    assert (best.value, best.cost) == (near(1), 1000)
    # the points budget ignores the supplier cost
    assert pp.best_package(*frames, BUDGETS, 0).package == {1: 11, 2: 22}


# Ties. Three rows of two levels (costs 0 then 6, 3, 3) and three respondents
# at L1 everywhere: R1 (w=2) accepts only L2 on row 1, R2 (w=1) on row 2, R3
# (w=1) on row 3. At the typical levels each has 2 of 3 rows acceptable. Row 1
# up gains R1's third row, 2/3 (weighted); rows 2 and 3 up gain 1/3 each: with
# 6 points, {row 1} and {rows 2, 3} are equally good and cost the same, and the
# one with fewer rows changed wins. With row 1 at 5 points, it is also cheaper.


def tie_frames(row_1_cost=6):
    levels = pd.DataFrame(
        levels_of(1, [0, row_1_cost]) + levels_of(2, [0, 3]) + levels_of(3, [0, 3]),
        columns=se.LEVEL_COLUMNS,
    )
    attributes = pd.DataFrame(
        [(a, 1, "Service", f"Row {a}", a, False) for a in (1, 2, 3)],
        columns=se.ATTRIBUTE_COLUMNS,
    )
    responses = pd.DataFrame(
        [(1, 2, 100, 1, "R1"), (2, 1, 100, 2, "R2"), (3, 1, 200, 3, "R3")],
        columns=se.RESPONSE_COLUMNS,
    )
    lines = pd.DataFrame(
        [
            (r, a, 10 * a + 1, 10 * a + (2 if a == r else 1), N, N, N, N)
            for r in (1, 2, 3)
            for a in (1, 2, 3)
        ],
        columns=LINE_COLUMNS,
    )
    return levels, attributes, responses, lines


@pytest.mark.parametrize("objective", ["rows_acceptable", "acceptable_share"])
def test_ties_fewer_rows_changed(objective):
    best = pp.best_package(*tie_frames(), BUDGETS, 6, objective=objective)
    assert best.package == {1: 12, 2: 21, 3: 31}
    assert best.cost == 6
    expected = (2 + 2 / 3 * 2) / 4 if objective == "rows_acceptable" else 2 / 4
    assert best.value == near(expected)


def test_ties_cheaper_first():
    """Row 1 at 5 points: {row 1} (5) beats {rows 2, 3} (6) at equal value;
    with 11 points, everything (11) beats nothing more."""
    best = pp.best_package(*tie_frames(5), BUDGETS, 6)
    assert (best.package, best.cost) == ({1: 12, 2: 21, 3: 31}, 5)
    assert best.alternative["attribute_id"] == 2
    assert best.alternative["over_budget"] == 2
    best = pp.best_package(*tie_frames(5), BUDGETS, 11)
    assert (best.package, best.cost, best.value) == ({1: 12, 2: 22, 3: 32}, 11, 1)


def test_ties_cheaper_level_of_one_row(worked):
    """Response L3 and L4 reach nobody more than L2: with 20 points the best
    package stops at L2 (and in full L3), cost 8, not more."""
    best = pp.best_package(*worked, BUDGETS, 20)
    assert (best.package, best.cost) == ({1: 12, 2: 23}, 8)


# The priced example of test_simalto_engine.py (readme): accounts 100 (A w=4, B
# w=1, revenue 900,000) and 200 (C w=3, D w=2, revenue 600,000), and a price row.
@pytest.fixture
def priced():
    return priced_frames()


# By hand. Typical levels: response time, current A L1 (4), B L2 (1), C L2 (3),
# D L3 (2): half of 10 is reached at L2 (cost 4); in full, B L1 (1), A L2 (4):
# L2 (cost 3). Willingness to pay per line (w x wtp / sum of the account's w),
# with the level after the last round: response time A 4 x 30,000 / 5 = 24,000
# (L3), B 18,000 / 5 = 3,600 (L3), C 3 x 24,000 / 5 = 14,400 (L4), D 0; in full
# A 4 x 12,000 / 5 = 9,600 (L3), B 21,000 / 5 = 4,200 (L3), C and D 0. At the
# typical levels nobody who spent is reached: 0. Moves: response L3 (+6)
# reaches A and B, 27,600; response L4 (+12) also C, 42,000; in full L3 (+4)
# or L4 (+9) reach A and B, 13,800.
# Budget 9: response L3 (27,600, cost 6); 3 left: the best move that does not
# fit is response L4 (+6, gains 14,400, over by 3).
# Budget 10: response L3 and in full L3, 41,400, cost 10; response L4 (+6,
# gains 14,400) does not fit.
# Budget 12: response L4 alone, 42,000 > 41,400. Budget 16: response L4 and in
# full L3, 55,800, cost 16.


@pytest.mark.parametrize(
    "budget, package, value, cost",
    [
        (3, {1: 12, 2: 22}, 0, 0),
        (9, {1: 13, 2: 22}, 27_600, 6),
        (10, {1: 13, 2: 23}, 41_400, 10),
        (12, {1: 14, 2: 22}, 42_000, 12),
        (16, {1: 14, 2: 23}, 55_800, 16),
        (50, {1: 14, 2: 23}, 55_800, 16),
    ],
)
def test_wtp_objective(priced, budget, package, value, cost):
    best = pp.best_package(*priced, BUDGETS, budget, objective="wtp")
    assert best.package == package  # the price row is not a package row
    assert best.value == near(value)
    assert best.cost == cost
    assert best.figures["wtp_covered"] == best.value


def test_wtp_objective_explanation(priced):
    best = pp.best_package(*priced, BUDGETS, 9, objective="wtp")
    assert best.changes[["attribute_id", "cost", "contribution"]].to_dict(
        "records"
    ) == [{"attribute_id": 1, "cost": 6.0, "contribution": near(27_600)}]
    assert best.alternative == {
        "attribute_id": 1,
        "attribute_name": "Response time",
        "level_id": 14,
        "cost": 6.0,
        "gain": near(14_400),
        "over_budget": 3.0,
    }
    best = pp.best_package(*priced, BUDGETS, 10, objective="wtp")
    assert best.changes["contribution"].tolist() == [near(27_600), near(13_800)]
    assert best.alternative["level_id"] == 14
    assert best.alternative["over_budget"] == 6


def test_errors(worked, priced):
    with pytest.raises(ValueError, match="Unknown objective"):
        pp.best_package(*worked, BUDGETS, 10, objective="cheapest")
    with pytest.raises(ValueError, match="0 or more"):
        pp.best_package(*worked, BUDGETS, -1)
    with pytest.raises(ValueError, match="price row"):
        pp.best_package(*worked, BUDGETS, 10, objective="wtp")
    levels, attributes, responses, lines = priced
    bare = responses.drop(columns="revenue")
    with pytest.raises(ValueError, match="price row"):
        pp.best_package(levels, attributes, bare, lines, BUDGETS, 10, objective="wtp")
    levels, attributes, responses, lines = worked
    with pytest.raises(ValueError, match="No answers"):
        pp.best_package(levels, attributes, responses, lines.iloc[:0], BUDGETS, 10)
    only_price = priced[3][priced[3]["attribute_id"] == 3]
    with pytest.raises(ValueError, match="No answers"):
        pp.best_package(*priced[:3], only_price, BUDGETS, 10)
    with pytest.raises(ValueError, match="no cost column"):
        pp.best_package(*worked, BUDGETS, 10, cost_column="supplier_cost")


def test_package_rows(worked, priced):
    """Worked example: acceptable response L2 (A and B), in full L2 (A, w=4,
    reaches half); after the last round, both at L3 on both rows."""
    rows = pp.package_rows(*worked, BUDGETS)
    assert rows.to_dict("records") == [
        {
            "attribute_id": 1,
            "typical_level_id": 11,
            "acceptable_level_id": 12,
            "bought_level_id": 13,
            "respondent_count": 2,
        },
        {
            "attribute_id": 2,
            "typical_level_id": 22,
            "acceptable_level_id": 22,
            "bought_level_id": 23,
            "respondent_count": 2,
        },
    ]
    # priced: no price row. Response time: acceptable A L2 (4), B L2 (1), C L3
    # (3), D L2 (2): L2; after the last round A L3, B L3, C L4, D L3: L3.
    rows = pp.package_rows(*priced, BUDGETS)
    assert rows["attribute_id"].tolist() == [1, 2]
    assert rows["typical_level_id"].tolist() == [12, 22]
    assert rows.iloc[0]["acceptable_level_id"] == 12
    assert rows.iloc[0]["bought_level_id"] == 13
    assert rows["respondent_count"].tolist() == [4, 4]


def test_package_distress(priced):
    """Package response L3, in full L2, price as now. Response time: nobody
    accepts only above L3; wtp 27,600 (A and B). In full: B (w=1, account 100)
    and D (w=2, account 200) want L3: 3/10; nobody reached who spent. Price:
    C accepts +5%, the others as now: nobody in distress, no wtp."""
    table = pp.package_distress(*priced, BUDGETS, {1: 13, 2: 22, 3: 33})
    assert list(table.columns) == list(pp.DISTRESS_COLUMNS)
    assert table["attribute_id"].tolist() == [1, 2, 3]
    assert table["distress_share"].tolist() == [0, near(0.3), 0]
    assert table["account_ids"].tolist() == [[], [100, 200], []]
    assert table["wtp_covered"].iloc[:2].tolist() == [near(27_600), 0]
    assert math.isnan(table["wtp_covered"].iloc[2])
    # the rows' terms add up to what_if's figure
    figures = se.what_if(*priced, BUDGETS, {1: 13, 2: 22, 3: 33})
    assert table["wtp_covered"].iloc[:2].sum() == near(figures["wtp_covered"])
    # response L2: C (w=3, account 200) wants L3
    table = pp.package_distress(*priced, BUDGETS, {1: 12, 2: 22})
    assert table["distress_share"].tolist() == [near(0.3), near(0.3)]
    assert table["account_ids"].tolist() == [[200], [100, 200]]


def test_package_distress_unpriced(worked):
    table = pp.package_distress(*worked, BUDGETS, {1: 12, 2: 22})
    assert table["distress_share"].tolist() == [0, near(0.2)]
    assert table["account_ids"].tolist() == [[], [100]]
    assert table["wtp_covered"].isna().all()
    with pytest.raises(ValueError, match="not of their attribute"):
        pp.package_distress(*worked, BUDGETS, {1: 22})


# best_package against trying every package, on random grids


def random_case(sizes, seed):
    """Frames of a random grid and answers: ``sizes`` = (row count, respondent
    count); levels, costs, reductions, answers, weights and accounts from
    ``seed``. Row 0 is the price row."""
    row_count, respondent_count = sizes
    rng = np.random.default_rng(seed)
    level_rows, attribute_rows = [], []
    for a in range(1, row_count + 1):
        count = int(rng.integers(2, 5))
        steps = rng.integers(1, 7, count - 1)
        costs = np.concatenate([[0], np.cumsum(steps)])
        reduces = bool(rng.random() < 0.3)
        if reduces:
            costs = costs - costs[1]
        for position, cost in enumerate(costs, start=1):
            supplier = np.nan if rng.random() < 0.2 else float(rng.integers(0, 500))
            level_rows.append((a, 10 * a + position, position, float(cost), supplier))
        attribute_rows.append((a, 1, "Area", f"Row {a}", a, reduces, False))
    # the price row: +5%, as now, -3%, -5%
    for position, (cost, change) in enumerate(
        [(-10, 5), (0, 0), (12, -3), (25, -5)], start=1
    ):
        level_rows.append((99, 990 + position, position, cost, np.nan, change))
    attribute_rows.append((99, 2, "Commercial", "Price", 99, True, True))
    levels = pd.DataFrame(
        [(*row, np.nan) if len(row) == 5 else row for row in level_rows],
        columns=[*se.LEVEL_COLUMNS, "supplier_cost", "price_change"],
    )
    attributes = pd.DataFrame(
        attribute_rows, columns=[*se.ATTRIBUTE_COLUMNS, "is_price"]
    )
    account_count = int(rng.integers(1, 4))
    revenue = rng.integers(1, 10, account_count) * 100_000.0
    accounts = rng.integers(0, account_count, respondent_count)
    responses = pd.DataFrame(
        {
            "response_id": np.arange(1, respondent_count + 1),
            "weight": rng.integers(1, 5, respondent_count),
            "account_id": 100 + accounts,
            "partner_id": np.arange(1, respondent_count + 1),
            "name": "R",
            "revenue": revenue[accounts],
        }
    )
    counts = levels.groupby("attribute_id").size()
    lines = []
    for r in range(1, respondent_count + 1):
        for a in [*range(1, row_count + 1), 99]:
            if a != 99 and rng.random() < 0.1:
                continue  # no line on this row
            n = counts[a]
            current = 2 if a == 99 else int(rng.integers(1, n + 1))
            acceptable = int(rng.integers(1, n + 1))
            if rng.random() < 0.05:
                acceptable = None
            final = int(rng.integers(1, n + 1))
            round_1 = 10 * a + final if final != current else N
            if a == 99:
                round_1 = 990 + final if final != current else N
                current, acceptable = 992, 992 if acceptable else None
            else:
                current, acceptable = (
                    10 * a + current,
                    10 * a + acceptable if acceptable else None,
                )
            lines.append((r, a, current, acceptable, N, N, round_1, N))
    return levels, attributes, responses, pd.DataFrame(lines, columns=LINE_COLUMNS)


def brute_force(frames, budget, objective, rows, cost_column):
    """Every package (changeable rows at or above their typical level) within
    the budget, evaluated with numpy; the best by (value desc, cost asc, rows
    changed asc). Returns (value, cost, rows changed, typical)."""
    levels, _attributes, responses, lines = frames
    lines = lines[lines["attribute_id"] != 99].merge(responses, on="response_id")
    final = lines["round_1_level_id"].fillna(lines["current_level_id"])
    position = levels.set_index("level_id")["position"]
    cost_of = levels.set_index("level_id")[cost_column].fillna(0)
    row_ids = sorted(lines["attribute_id"].unique())
    respondents = sorted(lines["response_id"].unique())
    n, m = len(respondents), len(row_ids)
    has = np.zeros((n, m), dtype=bool)
    s_acc = np.full((n, m), np.nan)
    s_final = np.full((n, m), np.nan)
    wtp = np.zeros((n, m))
    weight = responses.set_index("response_id")["weight"].loc[respondents].to_numpy()
    # point value 10 / 35 % per point (price row +5% at -10 .. -5% at 25)
    points = levels.set_index("level_id")["cost"]
    spent = final.map(points) - lines["current_level_id"].map(points)
    money = spent.clip(lower=0) * (10 / 35) / 100 * lines["revenue"]
    account_weight = lines.groupby(["account_id", "attribute_id"])["weight"].transform(
        "sum"
    )
    term = lines["weight"] * money / account_weight
    for line, f, t in zip(lines.itertuples(), final, term, strict=True):
        i, j = respondents.index(line.response_id), row_ids.index(line.attribute_id)
        has[i, j] = True
        if not pd.isna(line.acceptable_level_id):
            s_acc[i, j] = position[line.acceptable_level_id]
        s_final[i, j] = position[f]
        wtp[i, j] = t
    # typical: lower weighted median of the current positions
    typical = {}
    for a, own in lines.groupby("attribute_id"):
        by_level = own.groupby("current_level_id")["weight"].sum().sort_index()
        reached = by_level.cumsum() >= by_level.sum() / 2
        typical[a] = int(by_level[reached].index[0])
    choices = []
    for a in row_ids:
        own = levels[levels["attribute_id"] == a].sort_values("position")
        own = own[own["position"] >= position[typical[a]]]
        if rows is not None and a not in rows:
            own = own[own["level_id"] == typical[a]]
        choices.append(own["level_id"].to_numpy())
    grids = np.meshgrid(*choices, indexing="ij")
    packages = np.stack([grid.ravel() for grid in grids], axis=1)  # ids
    s = position.loc[packages.ravel()].to_numpy().reshape(packages.shape)
    cost = (
        cost_of.loc[packages.ravel()].to_numpy().reshape(packages.shape)
        - cost_of.loc[[typical[a] for a in row_ids]].to_numpy()[None, :]
    ).sum(axis=1)
    changed = (packages != np.array([typical[a] for a in row_ids])[None, :]).sum(1)
    with np.errstate(invalid="ignore"):
        ok = has[None] & (s[:, None, :] >= s_acc[None])
    if objective == "rows_acceptable":
        value = (weight * ok.sum(2) / has.sum(1)).sum(1) / weight.sum()
    elif objective == "acceptable_share":
        value = (weight * (ok | ~has[None]).all(2)).sum(1) / weight.sum()
    else:
        value = (wtp[None] * (has[None] & (s_final[None] <= s[:, None, :]))).sum((1, 2))
    fits = cost <= budget + 1e-9
    value, cost, changed = value[fits], cost[fits], changed[fits]
    best = value.max()
    keep = value >= best - 1e-9 * max(1, abs(best))
    least = cost[keep].min()
    keep &= cost <= least + 1e-9
    return best, least, changed[keep].min(), typical


def same_figures(ours, theirs):
    assert ours.keys() == theirs.keys()
    for key, value in ours.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(theirs[key]), key
        else:
            assert value == theirs[key], key


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    sizes=st.tuples(st.integers(1, 8), st.integers(1, 30)),
    seed=st.integers(0, 2**32 - 1),
    budget=st.integers(0, 40),
    restrict=st.booleans(),
    money=st.booleans(),
)
def test_best_package_is_the_best_of_all_packages(sizes, seed, budget, restrict, money):
    frames = random_case(sizes, seed)
    row_count = sizes[0]
    rows = [a for a in range(1, row_count + 1) if (a + seed) % 3] if restrict else None
    cost_column = "supplier_cost" if money else "cost"
    if money:
        budget *= 25
    for objective in pp.OBJECTIVES:
        try:
            best = pp.best_package(
                *frames, BUDGETS, budget, objective, rows=rows, cost_column=cost_column
            )
        except ValueError as error:
            # every line dropped: no package row
            assert "No answers" in str(error)
            assert frames[3][frames[3]["attribute_id"] != 99].empty
            return
        value, cost, changed, typical = brute_force(
            frames, budget, objective, rows, cost_column
        )
        assert best.typical == typical
        assert best.value == pytest.approx(value, rel=1e-9, abs=1e-9), objective
        assert best.cost == pytest.approx(cost, abs=1e-9), objective
        assert len(best.changes) == changed, objective
        assert best.cost <= budget + 1e-9
        figures = se.what_if(*frames, BUDGETS, best.package)
        same_figures(best.figures, figures)
        figure = pp.OBJECTIVE_FIGURES[objective]
        assert best.value == figures[figure]
        position = frames[0].set_index("level_id")["position"]
        for a, level in best.package.items():
            assert position[level] >= position[typical[a]]
            if rows is not None and a not in rows:
                assert level == typical[a]
        if best.alternative:
            assert best.alternative["over_budget"] > 0
            assert best.alternative["gain"] > 0


def test_every_row_at_its_top_level(worked):
    """Nothing above the typical levels: the typical package, nothing to try."""
    levels, attributes, responses, lines = worked
    top = lines.assign(
        current_level_id=lines["attribute_id"] * 10 + 4,
        round_1_level_id=N,
        round_2_level_id=N,
    )
    for objective in ("rows_acceptable", "acceptable_share"):
        best = pp.best_package(
            levels, attributes, responses, top, BUDGETS, 10, objective
        )
        assert best.package == best.typical == {1: 14, 2: 24}
        assert (best.value, best.cost, best.alternative) == (1, 0, None)
        assert best.changes.empty
