"""Simalto trade-off grid computations on pandas DataFrames, without a database.

The method is described in SIMALTO.md. The Odoo models build the frames below from
records; the unit tests build them by hand.

Inputs
------
levels
    One row per level: ``attribute_id``, ``level_id``, ``position`` (1 = worst .. n;
    any increasing numbers do, they are ranked within the attribute) and ``cost``
    (cumulative points from the zero level; negative below it).
attributes
    One row per attribute: ``attribute_id``, ``area_id``, ``area_name``,
    ``attribute_name``, ``sequence``, ``allow_reduction`` (bool).
budgets
    Points added per budget round, in round order, e.g. ``[10, 10]``.
responses
    One row per response: ``response_id``, ``weight`` (influence weight of the
    contact: executive 4, senior decision maker 3, influencer 2, operational 1; fold
    any revenue weighting of accounts into it), ``account_id``, ``partner_id`` and
    optionally ``name``.
lines
    One row per response and attribute: ``response_id``, ``attribute_id``,
    ``current_level_id``, ``acceptable_level_id``, ``ideal_level_id`` and
    ``competitor_level_id`` (both optional, nullable) and ``round_1_level_id`` ..
    ``round_R_level_id``: the level after each round, null (or a missing column)
    meaning unchanged.

The price row (``point_value``, ``willingness_to_pay``) takes three more columns:
``levels.price_change`` (percent; NaN off the price row), ``attributes.is_price``
(bool) and ``responses.revenue`` (the account's annual revenue, in the company
currency). ``by`` arguments name further columns of ``responses``, such as
``tier_id``.

Choices SIMALTO.md leaves open
------------------------------
- Spending: ``points_r`` and ``points_total`` are net (negative for a reduction), and
  the budget check of each round is on net spending, so released points can be
  spent. A respondent's spending on a row is ``max(0, points_total)``; priority
  shares divide it by the sum over the respondent's rows, so they lie in 0..1 and
  add up to 1 per respondent. Released points show as ``reduced_share`` instead.
- Area figures: line measures (norms, gaps, distress, rounds) are weighted means
  over the area's lines. ``points_share`` of an area is the weighted mean, over
  respondents, of the share of their spending that went to the area, so area
  priorities add up to 100. ``spread`` is the weighted (population) standard
  deviation, between respondents, of their mean ``norm_current`` over the group's
  rows; for one attribute that is simply their ``norm_current``.
- ``*_num`` / ``*_den`` columns (and ``w``) add up over disjoint sets of respondents,
  such as accounts; sum them and divide to re-aggregate.
- What-if: only the package's attributes count. The "current typical level" of an
  attribute is the lower weighted median of the current positions (ordinal data,
  stable on small samples where a mode is not). A missing acceptable level
  counts as not acceptable (in ``acceptable_share`` and ``rows_acceptable``).
  ``rows_acceptable`` is a mean over each respondent's own package rows (those
  with a line), then weighted over respondents. ``wtp_covered`` leaves out the
  price row; a line's term ``w * wtp / sum(w)`` divides by the weights of its
  account's lines on the row, as ``wtp_account`` does, and an account of
  unknown revenue adds nothing (as in ``wtp_total``).
- Willingness to pay: a line counts ``max(0, points_total)``, 0 when nothing (or
  nothing known) was spent on the row, so ``wtp_account`` is a weighted mean over
  every respondent of the account with a line on the row. ``wtp_total`` and
  ``wtp_mean`` go over the accounts with respondents in the group
  (``account_count``). An account whose revenue is missing from the frame has an
  unknown (NaN) ``wtp_account`` and adds nothing to ``wtp_total`` (as an empty
  revenue, 0, does in Odoo). Without a price row, or with one whose costs do not
  span, nothing is priced: the money columns are NaN. ``price_trade_share`` is a
  figure of respondents, not of rows: the weighted share of the group's
  respondents with a line on the price row whose level after the last round is a
  rise (``price_change > 0``); it repeats on every row of the group.
- Priority classes: the default priority threshold is the equal share of the grid's
  rows, the price row included (respondents spend on it, or release points from
  it). A value on a threshold goes to the upper class (``>=``). A group where
  nobody spent has no priority index and no class (None).
- Fix for all: an account counts towards its tier's share when its own class of the
  row (its own distress share and priority index, same thresholds) is "tolerated";
  the share is over the tier's accounts with a line on the row, those without a
  class included.
- Competitor comparison: only lines with both a current and a competitor mark
  count; we lead when the current position is above the competitor's, are level
  when they are equal, trail when it is below.
"""

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

MARKS = ("current", "acceptable", "ideal", "competitor")
# the columns of the input frames (above)
LEVEL_COLUMNS = ("attribute_id", "level_id", "position", "cost")
ATTRIBUTE_COLUMNS = (
    *("attribute_id", "area_id", "area_name", "attribute_name"),
    *("sequence", "allow_reduction"),
)
RESPONSE_COLUMNS = ("response_id", "weight", "account_id", "partner_id", "name")

# line column -> summary column: weighted means over the lines of a group
LINE_MEASURES = {
    "norm_current": "norm_current",
    "norm_acceptable": "norm_acceptable",
    "norm_ideal": "norm_ideal",
    "norm_competitor": "norm_competitor",
    "gap_steps": "gap_steps",
    "gap_points": "gap_points",
    "distress": "distress_share",
    "bought_1": "first_round_share",
    "bought_any": "any_round_share",
    "reduced_any": "reduced_share",
}
# weighted means over the respondents of a group
RESPONDENT_MEASURES = ("points_share", "score", "score_sq")


# helpers


def _level_table(levels):
    """Levels indexed by level_id, with position rank ``s``, level count ``n``, norm."""
    table = levels.set_index("level_id")[["attribute_id", "position", "cost"]]
    s = table.groupby("attribute_id")["position"].rank(method="dense")
    n = s.groupby(table["attribute_id"]).transform("max")
    return table.assign(s=s, n=n, norm=(s - 1) / (n - 1))


def _ids(lines, column):
    """A level id column as floats (NaN when null or absent)."""
    if column not in lines:
        return pd.Series(np.nan, index=lines.index)
    return pd.to_numeric(lines[column]).astype(float)


def _round_levels(lines, budgets):
    """Level ids after round 0 (current), 1, .. R."""
    after = [_ids(lines, "current_level_id")]
    for r in range(1, len(budgets) + 1):
        after.append(_ids(lines, f"round_{r}_level_id").fillna(after[-1]))
    return after


def _weighted_mean(values, weights):
    total = weights.sum()
    return float((weights * values).sum() / total) if total else np.nan


def _weighted_lines(levels, attributes, responses, lines, budgets, by=()):
    """Line metrics with respondent weight, ``by`` columns and attribute info."""
    frame = line_metrics(levels, lines, budgets)
    spend = frame["points_total"].clip(lower=0)
    total = spend.groupby(frame["response_id"]).transform("sum")
    frame["points_share"] = (spend / total).where(total > 0)
    info = ["attribute_id", "attribute_name", "area_id", "area_name", "sequence"]
    return (
        frame.merge(responses[["response_id", "weight", *by]], on="response_id")
        .merge(attributes[info], on="attribute_id")
        .sort_values([*by, "sequence", "attribute_id"])
    )


def _num_den(frame, keys, measures):
    """Per group of ``keys``: sums of w * measure (num) and of w where known (den)."""
    w = frame["weight"]
    parts = {"w": w}
    for column in measures:
        value = frame.get(column, pd.Series(np.nan, index=frame.index)).astype(float)
        parts[f"{column}_num"] = w * value.fillna(0)
        parts[f"{column}_den"] = w * value.notna()
    table = pd.concat([frame[keys], pd.DataFrame(parts)], axis=1)
    return table.groupby(keys, sort=False, dropna=False).sum()


def _summarise(frame, keys):
    by_line = _num_den(frame, keys, LINE_MEASURES)
    grouped = frame.groupby([*keys, "response_id"], sort=False, dropna=False)
    people = pd.DataFrame(
        {
            "weight": grouped["weight"].first(),
            "points_share": grouped["points_share"].sum(min_count=1),
            "score": grouped["norm_current"].mean(),
        }
    ).reset_index()
    people["score_sq"] = people["score"] ** 2
    by_person = _num_den(people, keys, RESPONDENT_MEASURES).drop(columns="w")
    by_person["respondent_count"] = people.groupby(keys, dropna=False).size()
    # two passes, so that contacts who all agree have a spread of exactly 0
    mean = by_person["score_num"] / by_person["score_den"]
    people = people.join(mean.rename("mean"), on=keys)
    people["deviation"] = people["weight"] * (people["score"] - people["mean"]) ** 2
    deviation = people.groupby(keys, dropna=False)["deviation"].sum()
    by_person["spread"] = np.sqrt(deviation / by_person["score_den"])
    out = by_line.join(by_person)
    for column, name in LINE_MEASURES.items():
        out[name] = out[f"{column}_num"] / out[f"{column}_den"]
    out["points_share"] = out["points_share_num"] / out["points_share_den"]
    out["priority_index"] = 100 * out["points_share"]
    sums = [column for column in out if column.endswith(("_num", "_den"))]
    measures = [*LINE_MEASURES.values(), "points_share", "priority_index"]
    columns = [*measures, "respondent_count", "spread", "w", *sums]
    return out[columns].reset_index()


def _typical_levels(frame, lv):
    """Lower weighted median of the current position per attribute, as level ids."""
    weights = frame.groupby(["attribute_id", "s_current"])["weight"].sum().reset_index()
    by_attribute = weights.groupby("attribute_id")["weight"]
    reached = by_attribute.cumsum() >= by_attribute.transform("sum") / 2
    median = weights[reached].groupby("attribute_id", as_index=False).first()
    level = lv.reset_index().rename(columns={"s": "s_current"})
    typical = median.merge(level, on=["attribute_id", "s_current"])
    return typical.set_index("attribute_id")["level_id"]


# public API


def line_metrics(levels, lines, budgets):
    """Per line: positions, norms, gaps, distress and points per round.

    Columns: ``s_<mark>`` and ``norm_<mark>`` for current, acceptable, ideal and
    competitor; ``gap_steps``, ``gap_points``, ``distress``, ``ideal_gap``; per round r
    ``points_r`` (net, negative when reduced) and ``bought_r`` (moved up); ``s_final``
    (position after the last round), ``points_total``, ``bought_any``, ``reduced_any``.
    """
    lv = _level_table(levels)
    out = lines[["response_id", "attribute_id"]].copy()
    for mark in MARKS:
        level = _ids(lines, f"{mark}_level_id")
        out[f"s_{mark}"] = level.map(lv["s"])
        out[f"norm_{mark}"] = level.map(lv["norm"])
    cost_current = _ids(lines, "current_level_id").map(lv["cost"])
    cost_acceptable = _ids(lines, "acceptable_level_id").map(lv["cost"])
    out["gap_steps"] = out["s_acceptable"] - out["s_current"]
    out["gap_points"] = (cost_acceptable - cost_current).clip(lower=0)
    out["distress"] = out["s_current"] < out["s_acceptable"]
    out["ideal_gap"] = out["norm_ideal"] - out["norm_current"]
    after = _round_levels(lines, budgets)
    steps = {}
    for r in range(1, len(after)):
        out[f"points_{r}"] = after[r].map(lv["cost"]) - after[r - 1].map(lv["cost"])
        steps[r] = after[r].map(lv["s"]) - after[r - 1].map(lv["s"])
        out[f"bought_{r}"] = steps[r] > 0
    steps = pd.DataFrame(steps, index=lines.index)
    out["s_final"] = after[-1].map(lv["s"])
    out["points_total"] = after[-1].map(lv["cost"]) - cost_current
    out["bought_any"] = (steps > 0).any(axis=1)
    out["reduced_any"] = (steps < 0).any(axis=1)
    return out


def price_point_value(price_levels):
    """The point value ``v`` of a grid (SIMALTO.md, "Price row"), in percent of
    the account's spend per point, from its price row's levels as
    ``(price_change, cost)`` pairs, worst (highest price) first: the price span
    of the row over its cost span. NaN without a price row (fewer than two
    levels) or when its costs do not span."""
    if len(price_levels) < 2:
        return np.nan
    (worst_price, worst_cost), (best_price, best_cost) = (
        price_levels[0],
        price_levels[-1],
    )
    span = best_cost - worst_cost
    return (worst_price - best_price) / span if span else np.nan


def point_value(levels, attributes):
    """``price_point_value`` of the frames: ``levels`` with a ``price_change``
    column, ``attributes`` with an ``is_price`` column (see the module)."""
    if "is_price" not in attributes or "price_change" not in levels:
        return np.nan
    price_ids = attributes.loc[attributes["is_price"].astype(bool), "attribute_id"]
    row = levels[levels["attribute_id"].isin(price_ids)].sort_values("position")
    return price_point_value(list(zip(row["price_change"], row["cost"], strict=True)))


# The priority classes of SIMALTO.md: code -> name.
PRIORITY_CLASSES = {
    "fix_first": "Fix first",
    "tolerated": "Tolerated failing",
    "growth": "Growth opportunity",
    "strength": "Strength",
}
DEFAULT_DISTRESS_THRESHOLD = 0.30
# a tolerated failing held by at least this share of a tier's accounts is one to
# fix for all of them at once
FIX_FOR_ALL_SHARE = 0.30


def default_priority_threshold(row_count):
    """The default priority threshold ``P``: an equal share of 100 points."""
    return 100 / row_count if row_count else np.nan


def priority_class(
    distress_share, priority_index, distress_threshold, priority_threshold
):
    """The priority class (a key of PRIORITY_CLASSES) of an attribute with
    ``distress_share`` (0..1) and ``priority_index`` (0..100), or None when
    either is unknown (nobody answered, nobody spent)."""
    if not (_known(distress_share) and _known(priority_index)):
        return None
    distressed = distress_share >= distress_threshold
    wanted = priority_index >= priority_threshold
    if distressed:
        return "fix_first" if wanted else "tolerated"
    return "growth" if wanted else "strength"


def _lt(wording):
    """Marks ``wording`` for translation, as Odoo's ``_lt`` marks the wordings
    defined at module level: Odoo's export puts it in the addon's .pot, and the
    Odoo models translate it (``word_problem``)."""
    return wording


def _english(wording, **params):
    """``wording`` with ``params`` filled in, as ``env._`` fills in a
    translation."""
    return wording % params if params else wording


# What the marks are called in the problems' wordings.
MARK_WORDS = {
    "current": _lt("today's"),
    "acceptable": _lt("acceptable"),
    "ideal": _lt("ideal"),
    "competitor": _lt("competitor's"),
}
# What can be wrong with a response: code -> wording.
PROBLEMS = {
    "missing": _lt("%(attribute)s: no %(mark)s level is marked."),
    "foreign_mark": _lt(
        "%(attribute)s: the %(mark)s level is not a level of this row."
    ),
    "foreign_round": _lt(
        "%(attribute)s: the level chosen in round %(round)s is not a level of this row."
    ),
    "below_current": _lt(
        "%(attribute)s: round %(round)s goes back below the current level."
    ),
    "below_previous": _lt(
        "%(attribute)s: round %(round)s goes back below the level of round "
        "%(previous)s."
    ),
    "below_acceptable": _lt(
        "%(attribute)s: round %(round)s reduces it below the acceptable level."
    ),
    "over_budget": _lt(
        "Round %(round)s: %(spent)g points spent, more than the %(budget)g points "
        "available."
    ),
}


def word_problem(code, params, translate=_english):
    """The wording of problem ``code`` (a key of PROBLEMS) with ``params``
    (``mark``, when there is one, a key of MARK_WORDS), in English; an Odoo
    model passes ``self.env._`` as ``translate`` to word it in the user's
    language."""
    if "mark" in params:
        params = {**params, "mark": translate(MARK_WORDS[params["mark"]])}
    return translate(PROBLEMS[code], **params)


class Problem(str):
    """One problem of a response: its English wording, with ``code`` and
    ``params`` to word it in another language (``word_problem``)."""

    def __new__(cls, code, **params):
        problem = super().__new__(cls, word_problem(code, params))
        problem.code, problem.params = code, params
        return problem


def level_ranks(level_rows):
    """``{level id: (attribute id, s, cost)}`` from level rows ``(attribute_id,
    level_id, position, cost)``: ``s`` ranks the distinct positions of each
    attribute from 1, as in the level table of the frames."""
    positions = {}
    for attribute_id, _level_id, position, _cost in level_rows:
        positions.setdefault(attribute_id, set()).add(position)
    rank = {
        attribute_id: {
            position: float(s) for s, position in enumerate(sorted(found), start=1)
        }
        for attribute_id, found in positions.items()
    }
    return {
        level_id: (attribute_id, rank[attribute_id][position], cost)
        for attribute_id, level_id, position, cost in level_rows
    }


def check_rows(level_of, may_reduce, attribute_ids, ids, budgets, name_of):
    """The problems in the lines of ONE response ([] if valid).

    Foreign or missing levels are reported alone: rounds cannot be judged with
    them. A response has a few dozen lines, checked at every click: the checks
    run on plain values, row by row, which costs far less than the dozens of
    small pandas operations the same checks take on columns.

    ``level_of``: ``{level id: (attribute id, s, cost)}`` (see ``level_ranks``);
    ``may_reduce``: ``{attribute id: allow_reduction}``; ``attribute_ids``: the
    attribute of each line; ``ids``: ``{level column: [level id or None per
    line]}`` for every column of ``level_columns(len(budgets))``; ``name_of``: the
    name of an attribute id, called only for the rows that have a problem.
    """
    errors = []
    for mark in ("current", "acceptable"):
        errors += [
            Problem("missing", attribute=name_of(attribute_id), mark=mark)
            for attribute_id, level in zip(
                attribute_ids, ids[f"{mark}_level_id"], strict=True
            )
            if not _known(level)
        ]
    for column, level_ids in ids.items():
        if column.startswith("round_"):
            code, params = "foreign_round", {"round": int(column.split("_")[1])}
        else:
            code, params = "foreign_mark", {"mark": column[: -len("_level_id")]}
        errors += [
            Problem(code, attribute=name_of(attribute_id), **params)
            for attribute_id, level in zip(attribute_ids, level_ids, strict=True)
            if _known(level) and level_of.get(level, (None,))[0] != attribute_id
        ]
    if errors:
        return errors

    nan = (np.nan, np.nan, np.nan)
    reduce = [bool(may_reduce.get(attribute_id)) for attribute_id in attribute_ids]
    s_acceptable = [level_of.get(level, nan)[1] for level in ids["acceptable_level_id"]]
    after = [ids["current_level_id"]]
    for r in range(1, len(budgets) + 1):
        after.append(
            [
                level if _known(level) else before
                for level, before in zip(
                    ids[f"round_{r}_level_id"], after[-1], strict=True
                )
            ]
        )
    s = [[level_of.get(level, nan)[1] for level in levels] for levels in after]
    cost = [[level_of.get(level, nan)[2] for level in levels] for levels in after]
    for r in range(1, len(after)):
        down = [now < before for now, before in zip(s[r], s[r - 1], strict=True)]
        errors += [
            Problem("below_current", attribute=name_of(attribute_id), round=r)
            if r == 1
            else Problem(
                "below_previous",
                attribute=name_of(attribute_id),
                round=r,
                previous=r - 1,
            )
            for attribute_id, is_down, may in zip(
                attribute_ids, down, reduce, strict=True
            )
            if is_down and not may
        ]
        errors += [
            Problem("below_acceptable", attribute=name_of(attribute_id), round=r)
            for attribute_id, is_down, may, now, acceptable in zip(
                attribute_ids, down, reduce, s[r], s_acceptable, strict=True
            )
            if is_down and may and now < acceptable
        ]
        spent = math.fsum(
            now - current
            for now, current in zip(cost[r], cost[0], strict=True)
            if _known(now - current)
        )
        budget = sum(budgets[:r])
        if spent > budget:
            errors.append(Problem("over_budget", round=r, spent=spent, budget=budget))
    return errors


def _known(value):
    """Whether a value is there (not None, not NaN)."""
    return value is not None and value == value


def level_columns(round_count):
    """The level columns of a line frame: the marks, then one per round."""
    return [
        *(f"{mark}_level_id" for mark in MARKS),
        *(f"round_{r}_level_id" for r in range(1, round_count + 1)),
    ]


def respondent_metrics(levels, attributes, responses, lines, budgets):
    """Per response: ``responses`` columns plus the figures "by person".

    ``performance`` (100 * mean norm_current), ``distress_count``,
    ``distressed_attributes`` ('; '-joined names in grid order), ``points_spent``
    (points bought) and ``points_released`` (points freed by reductions).
    """
    frame = line_metrics(levels, lines, budgets).merge(
        attributes[["attribute_id", "attribute_name", "sequence"]], on="attribute_id"
    )
    frame = frame.sort_values(["sequence", "attribute_id"]).assign(
        spent=frame["points_total"].clip(lower=0),
        released=(-frame["points_total"]).clip(lower=0),
    )
    grouped = frame.groupby("response_id")
    distressed = frame[frame["distress"]].groupby("response_id")["attribute_name"]
    per_response = pd.DataFrame(
        {
            "performance": 100 * grouped["norm_current"].mean(),
            "distress_count": grouped["distress"].sum(),
            "distressed_attributes": distressed.agg("; ".join),
            "points_spent": grouped["spent"].sum(),
            "points_released": grouped["released"].sum(),
        }
    )
    out = responses.merge(
        per_response, left_on="response_id", right_index=True, how="left"
    )
    out["distressed_attributes"] = out["distressed_attributes"].fillna("")
    for column in ("distress_count", "points_spent", "points_released"):
        out[column] = out[column].fillna(0)
    out["distress_count"] = out["distress_count"].astype(int)
    return out


def attribute_summary(levels, attributes, responses, lines, budgets, by=None):
    """Weighted measures per attribute (per ``by`` columns of ``responses`` first).

    Columns: attribute and area ids/names, the means named in ``LINE_MEASURES``,
    ``points_share``, ``priority_index``, ``respondent_count``, ``spread``, ``w`` and
    the ``*_num`` / ``*_den`` sums behind every mean.
    """
    by = list(by or [])
    frame = _weighted_lines(levels, attributes, responses, lines, budgets, by)
    keys = [*by, "area_id", "area_name", "attribute_id", "attribute_name"]
    return _summarise(frame, keys)


def area_summary(levels, attributes, responses, lines, budgets, by=None):
    """The measures of ``attribute_summary`` per area, from the lines themselves."""
    by = list(by or [])
    frame = _weighted_lines(levels, attributes, responses, lines, budgets, by)
    return _summarise(frame, [*by, "area_id", "area_name"])


def what_if(levels, attributes, responses, lines, budgets, package):
    """Evaluate a package ``{attribute_id: level_id}`` against the responses.

    Returns ``respondent_count``; ``acceptable_share``: weighted share of respondents
    with every package row at or above their acceptable level; ``rows_acceptable``:
    weighted mean, over respondents, of the share of their package rows (those they
    have a line on) at or above their acceptable level; ``match_mean``: weighted
    mean share of package rows at or above the level chosen after the last round;
    ``package_cost`` against ``typical_cost`` (``typical_levels``: lower weighted
    median of current positions) and their ``cost_difference``; ``wtp_covered``:
    the willingness to pay the package covers, the sum over its rows but the price
    row of ``sum over accounts of sum(w * wtp * [final level <= package level]) /
    sum(w)`` (SIMALTO.md, "Best package within a budget"; ``wtp`` as in
    ``willingness_to_pay``), NaN without a price row or a ``revenue`` column.
    A missing acceptable level counts as not acceptable.
    """
    frame = _weighted_lines(levels, attributes, responses, lines, budgets)
    return _what_if(levels, attributes, responses, frame, package)


def _what_if(levels, attributes, responses, frame, package):
    """``what_if`` on ``frame``, the ``_weighted_lines`` of the frames."""
    lv = _level_table(levels)
    chosen = pd.Series(package, dtype=float)
    foreign = chosen.map(lv["attribute_id"]).ne(chosen.index.to_series())
    if foreign.any():
        raise ValueError(f"Levels not of their attribute: {chosen[foreign].to_dict()}")
    frame = frame[frame["attribute_id"].isin(chosen.index)]
    s_package = frame["attribute_id"].map(chosen).map(lv["s"])
    frame = frame.assign(
        acceptable=s_package >= frame["s_acceptable"],
        match=s_package >= frame["s_final"],
    )
    people = frame.groupby("response_id").agg(
        weight=("weight", "first"),
        acceptable=("acceptable", "all"),
        rows_acceptable=("acceptable", "mean"),
        match=("match", "mean"),
    )
    typical = _typical_levels(frame, lv)
    package_cost = float(chosen.map(lv["cost"]).sum())
    typical_cost = float(typical.map(lv["cost"]).sum())
    return {
        "respondent_count": len(people),
        "acceptable_share": _weighted_mean(people["acceptable"], people["weight"]),
        "rows_acceptable": _weighted_mean(people["rows_acceptable"], people["weight"]),
        "match_mean": _weighted_mean(people["match"], people["weight"]),
        "package_cost": package_cost,
        "typical_cost": typical_cost,
        "cost_difference": package_cost - typical_cost,
        "typical_levels": {int(a): int(level) for a, level in typical.items()},
        "wtp_covered": _wtp_covered(levels, attributes, responses, frame, s_package),
    }


def _wtp_terms(levels, attributes, responses, frame):
    """Per line of ``frame`` (a ``_weighted_lines`` frame) off the price row: its
    term of the willingness to pay, ``w * wtp / sum(w)`` over the lines of its
    account and row (NaN where the account's revenue is unknown), as a Series on
    the index of those lines; None when nothing is priced (no price row, or no
    ``revenue`` column)."""
    value = point_value(levels, attributes)
    if not _known(value) or "revenue" not in responses:
        return None
    keep = ~frame["attribute_id"].isin(_price_attribute_ids(attributes)).to_numpy()
    # in numpy: this runs on every line of a portfolio
    response = pd.Index(responses["response_id"]).get_indexer(
        frame["response_id"].to_numpy()[keep]
    )
    revenue = responses["revenue"].to_numpy(float)[response]
    account = pd.factorize(
        responses["account_id"].to_numpy()[response], use_na_sentinel=False
    )[0]
    attribute = pd.factorize(frame["attribute_id"].to_numpy()[keep])[0]
    points = frame["points_total"].to_numpy(float)[keep]
    wtp = np.nan_to_num(np.clip(points, 0, None)) * value / 100 * revenue
    w = frame["weight"].to_numpy(float)[keep]
    key = account * (attribute.max(initial=0) + 1) + attribute
    total = np.bincount(key, weights=w)[key]
    return pd.Series(w * wtp / total, index=frame.index[keep])


def _wtp_covered(levels, attributes, responses, frame, s_package):
    """``wtp_covered`` of ``what_if``: the terms (``_wtp_terms``) of the lines
    whose level after the last round the package (positions ``s_package`` on the
    index of ``frame``) reaches, added up; accounts of unknown revenue add
    nothing. NaN when nothing is priced or no revenue is known."""
    terms = _wtp_terms(levels, attributes, responses, frame)
    if terms is None or not terms.notna().any():
        return np.nan
    reached = frame.loc[terms.index, "s_final"] <= s_package.loc[terms.index]
    return float(terms[reached].sum())


# what the trade-off is worth (SIMALTO.md: price row, priority classes,
# competitor comparison)

ATTRIBUTE_KEYS = ("area_id", "area_name", "attribute_id", "attribute_name")


class WillingnessToPay(NamedTuple):
    """What ``willingness_to_pay`` returns (unpacks as a tuple)."""

    summary: pd.DataFrame  # per ``by`` group and row
    accounts: pd.DataFrame  # per ``by`` group, account and row
    point_value: float  # ``v`` of the grid, NaN: not priced


def _price_attribute_ids(attributes):
    """The ids of the price row(s) of ``attributes`` (none without ``is_price``)."""
    if "is_price" not in attributes:
        return attributes["attribute_id"].iloc[:0]
    return attributes.loc[attributes["is_price"].eq(True), "attribute_id"]


def _group_sums(frame, keys, measures):
    """``_num_den`` of ``frame`` per ``keys``, or over the whole frame (a one-row
    table with no key) when ``keys`` is empty."""
    if keys:
        return _num_den(frame, keys, measures)
    return _num_den(frame.assign(_all=0), ["_all"], measures).reset_index(drop=True)


def _price_trades(levels, attributes, responses, lines, budgets, keys):
    """Per response with a line on the price row: ``weight``, ``keys`` columns
    and ``price_trade``, 1.0 when its level after the last round is a rise
    (``price_change > 0``), 0.0 when not, NaN when unknown."""
    lines = lines[lines["attribute_id"].isin(_price_attribute_ids(attributes))]
    if "price_change" in levels:
        change = levels.set_index("level_id")["price_change"].astype(float)
    else:
        change = pd.Series(dtype=float)
    final = _round_levels(lines, budgets)[-1].map(change)
    trades = pd.DataFrame(
        {
            "response_id": lines["response_id"],
            "price_trade": (final > 0).astype(float).where(final.notna()),
        }
    )
    return trades.merge(responses[["response_id", "weight", *keys]], on="response_id")


def _with_price_trades(frame, trades, keys):
    """``frame`` with the ``price_trade_*`` sums of ``trades`` (``_price_trades``)
    per group of ``keys`` and their share."""
    trades = _group_sums(trades, keys, ["price_trade"])
    trades = trades[["price_trade_num", "price_trade_den"]]
    if keys:
        frame = frame.merge(trades, left_on=keys, right_index=True, how="left")
    else:
        frame = frame.assign(**trades.iloc[0].to_dict()) if len(trades) else frame
    for column in ("price_trade_num", "price_trade_den"):
        frame[column] = frame.get(column, pd.Series(np.nan, index=frame.index))
        frame[column] = frame[column].fillna(0.0)
    frame["price_trade_share"] = (
        frame["price_trade_num"] / frame["price_trade_den"]
    ).where(frame["price_trade_den"] > 0)
    return frame


def willingness_to_pay(levels, attributes, responses, lines, budgets, by=None):
    """What the improvements are worth, per row (SIMALTO.md, "Price row and
    willingness to pay"), in the company currency per year.

    Takes the frames of the module with their price columns (``price_change``,
    ``is_price``, ``revenue``) and ``by``, columns of ``responses`` that group
    accounts (e.g. ``["tier_id"]``). Returns a ``WillingnessToPay``:

    ``accounts``
        One row per ``by`` group, account and row of the grid but the price row:
        ``by`` columns, ``account_id``, the attribute and area ids and names,
        ``wtp_account`` = sum(w * wtp) / sum(w) over the account's respondents,
        where a line's ``wtp = max(0, points_total) * v / 100 * revenue`` (a
        respondent who spent nothing on the row counts 0), ``respondent_count``,
        ``w`` (sum of weights), ``price_trade_share`` of the account's respondents
        and its ``price_trade_num`` / ``price_trade_den`` sums.
    ``summary``
        One row per ``by`` group and row but the price row: ``by`` columns, the
        attribute and area ids and names, ``wtp_total`` (sum of ``wtp_account``),
        ``account_count`` (accounts with respondents in the group), ``wtp_mean``
        (``wtp_total / account_count``), ``respondent_count``,
        ``price_trade_share`` (weighted share of the group's respondents whose
        level after the last round on the price row is a rise: the same on every
        row of the group) and its sums.
    ``point_value``
        ``v`` (``point_value``), percent of the revenue per point.

    Without a price row ``point_value`` is NaN and so are ``wtp_account``,
    ``wtp_total`` and ``wtp_mean``: nothing is priced, and the caller says so;
    ``price_trade_share`` is NaN too.
    """
    by = list(by or [])
    keys = [*by, *(["account_id"] if "account_id" not in by else [])]
    value = point_value(levels, attributes)
    price_ids = _price_attribute_ids(attributes)
    frame = _weighted_lines(levels, attributes, responses, lines, budgets, keys)
    frame = frame[~frame["attribute_id"].isin(price_ids)]
    revenue = frame["response_id"].map(
        responses.set_index("response_id")["revenue"].astype(float)
    )
    wtp = frame["points_total"].clip(lower=0).fillna(0) * value / 100 * revenue
    frame = frame.assign(
        wtp_num=frame["weight"] * wtp.fillna(0),
        wtp_unknown=wtp.isna(),
        w=frame["weight"],
    )
    account_keys = [*keys, *ATTRIBUTE_KEYS]
    grouped = frame.groupby(account_keys, sort=False, dropna=False)
    accounts = grouped[["wtp_num", "w", "wtp_unknown"]].sum()
    accounts["respondent_count"] = grouped["response_id"].nunique()
    accounts["sequence"] = grouped["sequence"].first()
    accounts["wtp_account"] = (accounts["wtp_num"] / accounts["w"]).where(
        accounts["wtp_unknown"] == 0
    )
    accounts = accounts.reset_index()

    summary_keys = [*by, *ATTRIBUTE_KEYS]
    grouped = accounts.groupby(summary_keys, sort=False, dropna=False)
    summary = pd.DataFrame(
        {
            "wtp_total": grouped["wtp_account"].sum(min_count=1),
            "account_count": grouped["account_id"].nunique(),
            "respondent_count": grouped["respondent_count"].sum(),
            "sequence": grouped["sequence"].first(),
        }
    )
    summary["wtp_mean"] = summary["wtp_total"] / summary["account_count"]
    summary = summary.reset_index()

    trades = _price_trades(levels, attributes, responses, lines, budgets, keys)
    accounts = _with_price_trades(accounts, trades, keys).sort_values(
        [*keys, "sequence", "attribute_id"]
    )
    summary = _with_price_trades(summary, trades, by).sort_values(
        [*by, "sequence", "attribute_id"]
    )
    trade = ["price_trade_share", "price_trade_num", "price_trade_den"]
    accounts = accounts[
        [*account_keys, "wtp_account", "respondent_count", "w", *trade]
    ].reset_index(drop=True)
    summary = summary[
        [
            *summary_keys,
            *("wtp_total", "wtp_mean", "account_count", "respondent_count"),
            *trade,
        ]
    ].reset_index(drop=True)
    return WillingnessToPay(summary, accounts, value)


def priority_classes(
    summary, distress_threshold=DEFAULT_DISTRESS_THRESHOLD, priority_threshold=None
):
    """A copy of ``summary`` (an ``attribute_summary`` frame, of one grid) with a
    ``priority_class`` column: a key of PRIORITY_CLASSES, or None where the
    distress share or the priority index is unknown (see ``priority_class``).

    ``priority_threshold`` None is the default, ``default_priority_threshold``
    of the number of distinct attributes of ``summary``: the rows of the grid,
    the price row included, when the summary covers every row (it does when
    made by ``attribute_summary`` from the grid's responses).
    """
    if priority_threshold is None:
        priority_threshold = default_priority_threshold(
            summary["attribute_id"].nunique()
        )
    out = summary.copy()
    out["priority_class"] = [
        priority_class(distress, index, distress_threshold, priority_threshold)
        for distress, index in zip(
            out["distress_share"], out["priority_index"], strict=True
        )
    ]
    return out


def fix_for_all(
    account_summary,
    tier_column="tier_id",
    distress_threshold=DEFAULT_DISTRESS_THRESHOLD,
    priority_threshold=None,
    share=FIX_FOR_ALL_SHARE,
):
    """The tolerated failings to fix for all of a tier's accounts at once.

    ``account_summary``: an ``attribute_summary(..., by=["account_id",
    tier_column])`` frame of one grid. Each account's row gets its own class
    (``priority_classes`` with the thresholds given). Returns one row per tier
    and row of the grid: ``tier_column``, the attribute and area ids and names,
    ``account_count`` (the tier's accounts with a line on the row),
    ``tolerated_count`` and ``tolerated_account_ids`` (the accounts where the
    row is a tolerated failing, in order), ``tolerated_share`` (their share of
    ``account_count``) and ``fix_for_all`` (``tolerated_share >= share``).
    """
    classes = priority_classes(account_summary, distress_threshold, priority_threshold)
    classes["tolerated"] = classes["priority_class"].eq("tolerated")
    keys = [tier_column, *ATTRIBUTE_KEYS]
    grouped = classes.groupby(keys, sort=False, dropna=False)
    out = pd.DataFrame(
        {
            "account_count": grouped["account_id"].nunique(),
            "tolerated_count": grouped["tolerated"].sum().astype(int),
        }
    )
    # by group position, not by key: a key may hold NaN (an account without tier)
    accounts, flags = grouped["account_id"].agg(list), grouped["tolerated"].agg(list)
    out["tolerated_account_ids"] = [
        [account for account, flag in zip(ids, held, strict=True) if flag]
        for ids, held in zip(accounts, flags, strict=True)
    ]
    out["tolerated_share"] = out["tolerated_count"] / out["account_count"]
    out["fix_for_all"] = out["tolerated_share"] >= share
    return out.reset_index()


# line column -> summary column of competitor_summary
COMPETITOR_MEASURES = {
    "competitor_gap": "competitor_gap",
    "lead": "lead_share",
    "level": "level_share",
    "trail": "trail_share",
}


def competitor_summary(levels, attributes, responses, lines, budgets, by=None):
    """The competitor comparison (SIMALTO.md) per row (per ``by`` columns of
    ``responses`` first), over the lines with a current and a competitor mark.

    Columns: the attribute and area ids and names; ``competitor_gap`` = the
    weighted mean of ``norm_current - norm_competitor`` (positive: we lead);
    ``lead_share``, ``level_share``, ``trail_share``: the weighted shares of
    those lines where the current position is above, equal to or below the
    competitor's (they add up to 1); ``competitor_count``: the number of those
    lines; and the ``*_num`` / ``*_den`` sums of each. A row nobody marked has
    a count of 0 and NaN figures.
    """
    by = list(by or [])
    frame = _weighted_lines(levels, attributes, responses, lines, budgets, by)
    current, competitor = frame["s_current"], frame["s_competitor"]
    marked = current.notna() & competitor.notna()
    frame = frame.assign(
        competitor_gap=(frame["norm_current"] - frame["norm_competitor"]).where(marked),
        lead=(current > competitor).astype(float).where(marked),
        level=(current == competitor).astype(float).where(marked),
        trail=(current < competitor).astype(float).where(marked),
        competitor_count=marked.astype(int),
    )
    keys = [*by, *ATTRIBUTE_KEYS]
    out = _num_den(frame, keys, COMPETITOR_MEASURES)
    out["competitor_count"] = frame.groupby(keys, sort=False, dropna=False)[
        "competitor_count"
    ].sum()
    for column, name in COMPETITOR_MEASURES.items():
        out[name] = out[f"{column}_num"] / out[f"{column}_den"]
    sums = [column for column in out if column.endswith(("_num", "_den"))]
    return out[[*COMPETITOR_MEASURES.values(), "competitor_count", *sums]].reset_index()
