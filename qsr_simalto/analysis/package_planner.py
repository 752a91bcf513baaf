"""The best package within a budget (SIMALTO.md, "Best package within a budget").

Takes the frames of ``simalto_engine`` (see its module docstring), and no database.

A package fixes one level per package row: every row of ``attributes`` with lines
but the price row. ``best_package`` finds, among the packages whose rows it may
change sit at or above their typical level (the lower weighted median of the
current positions, as in ``what_if``) and whose cost against the typical levels
is within the budget, one that maximises the objective; ties go to the cheaper
package, then to the one with fewer rows changed.

Algorithm
---------
One mixed-integer linear program, solved exactly by HiGHS (``scipy.optimize.milp``,
with a relative gap of 0). Its binaries are cumulative: ``z[r, l]`` is 1 when the
changeable row ``r`` is at level ``l`` or above, for each level above its typical
level, with ``z[r, l] <= z[r, l - 1]``; a level's cost (in the budget) and value are
its steps over the level below. ``rows_acceptable`` and ``wtp`` add up over the
rows, so they are linear in ``z``. For ``acceptable_share`` a continuous ``y[g]`` in
0..1 per group ``g`` of respondents with the same unmet requirements (their
acceptable levels above the typical level on changeable rows) is bounded by the
``z`` of the lowest level that meets each of them; respondents met at the typical
levels count as a constant, respondents who can never be met (a missing acceptable
level, or a row the optimiser may not change below their acceptable level) and
groups whose least cost exceeds the budget count 0, and a group that needs one row
only adds its weight to that row's ``z``. (Binaries per level, one level per row,
make the same program; the cumulative ones solve it about 1.5 times faster, a branch
splitting a row's levels in two.) The program works in weights and money, not in
shares, so that distinct packages differ by far more than the solver's tolerances.
Ties: when the values (``rows_acceptable`` in weight x the least common multiple of
the respondents' row counts) and the costs are whole numbers, one search minimises
``-K * value + L * cost + rows changed``, with ``L`` above the number of rows and
``K`` above ``L`` times the cost span of the budget, which orders packages exactly
as SIMALTO.md does; otherwise three searches run: (1) the best value ``V``; (2) the
least cost with a value of at least ``V``; (3) the fewest rows changed with a value
of at least ``V`` and the least cost. The package's value, cost and figures are then
computed again from the package itself, by ``simalto_engine.what_if``, not taken
from the solver.

Choices SIMALTO.md leaves open
------------------------------
- The objectives are ``what_if`` figures: ``rows_acceptable`` and
  ``acceptable_share`` are shares (0..1), ``wtp`` is ``wtp_covered`` (company
  currency per year); a missing acceptable level is not acceptable.
- Costs: ``cost_column`` names the column of ``levels`` the budget is in, where
  NaN counts as 0. A move that costs nothing (or saves) is taken when it helps,
  so a budget of 0 keeps the typical package only where every move up costs.
- ``rows`` the optimiser may not change stay at their typical level and still
  count in the objective; ids that are not package rows are ignored.
- ``changes``: a changed row's ``contribution`` is what the package loses when
  that row alone goes back to its typical level. ``alternative``: among the
  moves of one changeable row up from the package that cost more than what is
  left of the budget, the one that raises the objective most (ties: the cheaper,
  then grid order); None when no such move raises it.
- ``package_rows`` and ``package_distress`` leave out the price row too. A
  respondent with no acceptable level on a row is not in distress there.
"""

from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

try:
    from . import simalto_engine as se
except ImportError:  # loaded on its own (unit tests, scripts), beside the engine
    import simalto_engine as se

OBJECTIVES = ("rows_acceptable", "acceptable_share", "wtp")
# objective -> the what_if figure it is
OBJECTIVE_FIGURES = {
    "rows_acceptable": "rows_acceptable",
    "acceptable_share": "acceptable_share",
    "wtp": "wtp_covered",
}
CHANGE_COLUMNS = (
    *("attribute_id", "attribute_name", "typical_level_id", "level_id"),
    *("cost", "contribution"),
)
PACKAGE_ROW_COLUMNS = (
    *("attribute_id", "typical_level_id", "acceptable_level_id"),
    *("bought_level_id", "respondent_count"),
)
DISTRESS_COLUMNS = ("attribute_id", "distress_share", "account_ids", "wtp_covered")
# relative tolerance of the tie-breaking solves: far below the difference between
# two distinct packages, far above the rounding of a sum of floats
TOLERANCE = 1e-9
# the largest objective of a single search (whole numbers): far within the
# 2**53 a float holds exactly, and within the solver's tolerances
COMBINED_LIMIT = 2**31
# positions of a row's levels are below this (a grid row has 2 to 6 levels)
KEY_SPAN = 1000


class BestPackage(NamedTuple):
    """What ``best_package`` returns (unpacks as a tuple)."""

    package: dict  # {attribute_id: level_id} for every package row
    value: float  # the objective's value (the what_if figure) of ``package``
    cost: float  # sum(cost(package level) - cost(typical level)), budget's unit
    figures: dict  # simalto_engine.what_if of ``package``
    changes: pd.DataFrame  # one row per changed row, grid order (CHANGE_COLUMNS)
    alternative: dict | None  # the next best move that did not fit, or None
    typical: dict  # {attribute_id: typical level_id}


class _Scope:
    """The answers on the package rows as arrays, respondents x rows, and the
    objective's value of packages given as positions ``s`` per row."""

    def __init__(self, levels, attributes, responses, lines, budgets, cost_column):
        self.frame = se._weighted_lines(levels, attributes, responses, lines, budgets)
        lv = se._level_table(levels)
        frame = self.frame[
            ~self.frame["attribute_id"].isin(se._price_attribute_ids(attributes))
        ]
        if frame.empty:
            raise ValueError(
                "No answers on the package's rows in scope: there is nothing to "
                "choose a package from."
            )
        typical = se._typical_levels(frame, lv)
        self.row_ids = frame["attribute_id"].drop_duplicates().to_numpy()
        missing = [int(a) for a in self.row_ids if a not in typical.index]
        if missing:
            raise ValueError(f"Rows without a current level in scope: {missing}")
        names = attributes.set_index("attribute_id")["attribute_name"]
        self.names = [names.get(a) for a in self.row_ids]
        self.typical_ids = typical.loc[self.row_ids].to_numpy()
        self.s_typical = lv["s"].loc[self.typical_ids].to_numpy(float)

        # the levels of each row, worst to best, with their cost
        if cost_column not in levels:
            raise ValueError(f"The levels have no cost column {cost_column!r}.")
        cost = levels.set_index("level_id")[cost_column].astype(float).fillna(0.0)
        table = lv.assign(budget_cost=cost).reset_index()
        table = table[table["attribute_id"].isin(self.row_ids)]
        table = table.sort_values(["attribute_id", "s", "level_id"])
        by_row = dict(list(table.groupby("attribute_id")))
        self.level_ids = [by_row[a]["level_id"].to_numpy() for a in self.row_ids]
        self.level_s = [by_row[a]["s"].to_numpy(float) for a in self.row_ids]
        self.level_cost = [by_row[a]["budget_cost"].to_numpy() for a in self.row_ids]
        self.cost_typical = np.array(
            [cost.loc[level] for level in self.typical_ids], dtype=float
        )

        # respondents x rows
        respondent, self.response_ids = pd.factorize(frame["response_id"])
        row = pd.Index(self.row_ids).get_indexer(frame["attribute_id"])
        n, m = len(self.response_ids), len(self.row_ids)

        def matrix(values, fill):
            out = np.full((n, m), fill, dtype=float)
            out[respondent, row] = values
            return out

        self.has = matrix(1.0, 0.0).astype(bool)
        self.s_acceptable = matrix(frame["s_acceptable"].to_numpy(float), np.nan)
        self.s_final = matrix(frame["s_final"].to_numpy(float), np.nan)
        self.weight = np.zeros(n)
        self.weight[respondent] = frame["weight"].to_numpy(float)
        self.total_weight = self.weight.sum()
        if not self.total_weight > 0:
            raise ValueError("The respondents in scope weigh nothing.")
        self.row_count = self.has.sum(axis=1)
        # rows_acceptable counts in weight x ``unit`` / row count, ``unit`` the
        # least common multiple of the row counts: whole numbers when the
        # weights are
        self.unit = float(np.lcm.reduce(np.unique(self.row_count).astype(np.int64)))
        if self.unit > 2**20:
            self.unit = 1.0
        self.per_row = self.unit / self.row_count
        terms = se._wtp_terms(levels, attributes, responses, frame)
        self.priced = terms is not None and bool(terms.notna().any())
        self.wtp = (
            matrix(terms.fillna(0.0).to_numpy(float), 0.0) if self.priced else None
        )

    # objective values

    def acceptable(self, j, s):
        """Per respondent: whether row ``j`` at position ``s`` is acceptable (a
        respondent without a line on the row counts as acceptable)."""
        with np.errstate(invalid="ignore"):
            return ~self.has[:, j] | (s >= self.s_acceptable[:, j])

    def row_terms(self, objective, j, s):
        """Per respondent, unnormalised: what row ``j`` at position ``s`` brings
        to a separable objective."""
        with np.errstate(invalid="ignore"):
            if objective == "rows_acceptable":
                ok = self.has[:, j] & (s >= self.s_acceptable[:, j])
                return self.weight * ok * self.per_row
            reached = self.has[:, j] & (self.s_final[:, j] <= s)
            return self.wtp[:, j] * reached

    def coefficients(self, objective):
        """Per row, per level: the unnormalised value a separable objective
        gets from the row at that level."""
        return [
            np.array([self.row_terms(objective, j, s).sum() for s in positions])
            for j, positions in enumerate(self.level_s)
        ]

    def normalise(self, objective, value):
        if objective == "wtp":
            return value
        if objective == "rows_acceptable":
            return value / (self.total_weight * self.unit)
        return value / self.total_weight

    def value(self, objective, positions):
        """The objective's value (normalised, as what_if's figure) of the
        package at ``positions`` (one per row)."""
        if objective == "acceptable_share":
            ok = np.ones(len(self.weight), dtype=bool)
            for j, s in enumerate(positions):
                ok &= self.acceptable(j, s)
            return (self.weight * ok).sum() / self.total_weight
        total = sum(
            self.row_terms(objective, j, s).sum() for j, s in enumerate(positions)
        )
        return self.normalise(objective, total)

    def moves(self, objective, positions, moves):
        """The values of the packages that differ from ``positions`` on one row,
        ``moves`` being (row, position) pairs."""
        if objective == "acceptable_share":
            fails = sum(~self.acceptable(j, s) for j, s in enumerate(positions))
            return [
                (
                    self.weight
                    * (
                        fails
                        - ~self.acceptable(j, positions[j])
                        + ~self.acceptable(j, s)
                        == 0
                    )
                ).sum()
                / self.total_weight
                for j, s in moves
            ]
        terms = [self.row_terms(objective, j, s).sum() for j, s in enumerate(positions)]
        base = sum(terms)
        return [
            self.normalise(
                objective, base - terms[j] + self.row_terms(objective, j, s).sum()
            )
            for j, s in moves
        ]


class _Program:
    """The mixed-integer program of one search.

    Its binaries are cumulative: ``z[r, l]`` is 1 when row ``r`` is at level
    ``l`` or above, for the levels above the row's typical level, with
    ``z[r, l] <= z[r, l - 1]``; a level's cost and value are its steps over the
    level below. A requirement "row ``r`` at ``l`` or above" is then one
    variable, and branching on it splits the row's levels in two.
    """

    def __init__(self, scope, objective, changeable, budget):
        self.scope, self.objective, self.budget = scope, objective, budget
        self.changeable = list(changeable)
        # per changeable row: its levels at or above typical (indices into the
        # row's levels), the first being the typical level
        self.steps = {
            j: np.flatnonzero(scope.level_s[j] >= scope.s_typical[j])
            for j in changeable
        }
        rel_cost = {
            j: scope.level_cost[j][k] - scope.cost_typical[j]
            for j, k in self.steps.items()
        }
        var_row, var_level, cost, changed = [], [], [], []
        for j in changeable:
            for step, k in enumerate(self.steps[j][1:], start=1):
                var_row.append(j)
                var_level.append(k)
                cost.append(rel_cost[j][step] - rel_cost[j][step - 1])
                changed.append(1.0 if step == 1 else 0.0)
        self.var_row = np.array(var_row, dtype=int)
        self.var_level = np.array(var_level, dtype=int)
        self.var_s = np.array(
            [scope.level_s[j][k] for j, k in zip(var_row, var_level, strict=True)]
        )
        self.cost = np.array(cost, dtype=float)
        self.changed = np.array(changed)
        z_count = len(self.var_row)
        self.cost_tolerance = TOLERANCE * max(
            1.0, sum(np.abs(c).sum() for c in rel_cost.values())
        )
        # the least cost of a package: every row at its cheapest level
        self.least_cost = sum(min(0.0, c.min()) for c in rel_cost.values())
        self.rel_cost = rel_cost

        if objective == "acceptable_share":
            value, requirements = self._groups()
        else:
            coefficients = scope.coefficients(objective)
            value = np.array(
                [
                    coefficients[j][k] - coefficients[j][self._below(j, k)]
                    for j, k in zip(var_row, var_level, strict=True)
                ]
            )
            requirements = sparse.csr_matrix((0, z_count))
        self.value = value  # of every variable, y included
        count = len(value)
        pad = count - z_count
        self.cost_row = np.concatenate([self.cost, np.zeros(pad)])
        self.changed_row = np.concatenate([self.changed, np.zeros(pad)])
        # z[r, l] - z[r, l - 1] <= 0
        follows = np.flatnonzero(self.changed == 0)
        monotone = sparse.csr_matrix(
            (
                np.concatenate([np.ones(len(follows)), -np.ones(len(follows))]),
                (
                    np.tile(np.arange(len(follows)), 2),
                    np.concatenate([follows, follows - 1]),
                ),
            ),
            shape=(len(follows), count),
        )
        self.constraints = [LinearConstraint(self.cost_row[None, :], -np.inf, budget)]
        if len(follows):
            self.constraints.append(LinearConstraint(monotone, -np.inf, 0))
        if requirements.shape[0]:
            self.constraints.append(LinearConstraint(requirements, -np.inf, 0))
        self.integrality = np.concatenate([np.ones(z_count), np.zeros(pad)])
        self.bounds = Bounds(np.zeros(count), np.ones(count))
        self.value_tolerance = TOLERANCE * max(1.0, np.abs(value).sum())

    def _below(self, j, k):
        """The level (index) of row ``j`` just below level ``k`` among those at
        or above typical."""
        steps = self.steps[j]
        return steps[np.flatnonzero(steps == k)[0] - 1]

    def _groups(self):
        """For acceptable_share: the objective of the z and y variables and the
        requirement rows ``y[g] - z[r, l] <= 0``."""
        scope, changeable = self.scope, self.changeable
        m = len(scope.row_ids)
        may = np.zeros(m, dtype=bool)
        may[changeable] = True
        top = np.array([positions.max() for positions in scope.level_s])
        with np.errstate(invalid="ignore"):
            above = scope.has & ~(scope.s_acceptable <= scope.s_typical[None, :])
            never = (scope.has & np.isnan(scope.s_acceptable)) | (
                above & (~may[None, :] | (scope.s_acceptable > top[None, :]))
            )
        never = never.any(axis=1)
        need = above & ~never[:, None]
        wanting = need.any(axis=1)
        required = np.where(need, scope.s_acceptable, 0.0)[wanting]
        groups, inverse = np.unique(required, axis=0, return_inverse=True)
        inverse = np.asarray(inverse).ravel()
        weights = np.bincount(inverse, weights=scope.weight[wanting])
        z_count = len(self.var_row)
        # per group and required row: the z variable of the row's lowest level
        # that meets the requirement (a row's variables run worst to best, the
        # rows one after another in grid order)
        group, row = np.nonzero(groups)
        key = self.var_row * KEY_SPAN + self.var_s
        meet = np.searchsorted(key, row * KEY_SPAN + groups[group, row])
        # the least cost of meeting a group alone: the cheapest level meeting
        # each required row, the cheapest level at or above typical elsewhere
        cheapest = np.empty(z_count)
        saving = np.zeros(m)
        for j in changeable:
            block = np.flatnonzero(self.var_row == j)
            costs = self.rel_cost[j][1:]
            cheapest[block] = np.minimum.accumulate(costs[::-1])[::-1]
            saving[j] = min(0.0, self.rel_cost[j].min())
        least = saving.sum() + np.bincount(
            group, weights=cheapest[meet] - saving[row], minlength=len(groups)
        )
        # groups out of reach of the budget count 0, as if they had no y
        reach = least <= self.budget + self.cost_tolerance
        # a group that needs one row only adds its weight to that z variable
        single = np.bincount(group, minlength=len(groups)) == 1
        z_value = np.zeros(z_count)
        alone = (reach & single)[group]
        np.add.at(z_value, meet[alone], weights[group[alone]])
        reach &= ~single
        groups, weights = groups[reach], weights[reach]
        keep = reach[group]
        meet = meet[keep]
        group = np.cumsum(reach)[group[keep]] - 1
        pairs = np.arange(len(group))
        requirements = sparse.csr_matrix(
            (
                np.concatenate([np.ones(len(group)), -np.ones(len(group))]),
                (np.tile(pairs, 2), np.concatenate([z_count + group, meet])),
            ),
            shape=(len(group), z_count + len(groups)),
        )
        self.groups = groups
        self.group_weights = weights
        return np.concatenate([z_value, weights]), requirements

    def z_of(self, levels):
        """The z variables of the package with ``levels`` ({row: level index})."""
        chosen_s = np.array(
            [self.scope.level_s[j][levels[j]] for j in self.var_row], dtype=float
        )
        return (self.var_s <= chosen_s).astype(float)

    def linear_value(self, levels):
        """The value of the program's objective (without constants) of the
        package with ``levels``."""
        z = self.z_of(levels)
        value = float(self.value[: len(z)] @ z)
        if self.objective != "acceptable_share":
            return value
        s = np.zeros(len(self.scope.row_ids))
        for j, k in levels.items():
            s[j] = self.scope.level_s[j][k]
        met = (self.groups <= s[None, :]) | (self.groups == 0)
        return value + float(self.group_weights[met.all(axis=1)].sum())

    def package_cost(self, levels):
        return float(
            sum(
                self.rel_cost[j][np.flatnonzero(self.steps[j] == k)[0]]
                for j, k in levels.items()
            )
        )

    def solve(self, objective, extra=()):
        """Minimise ``objective`` (over every variable); the levels of the
        optimal package, {row: level index}."""
        levels = {j: self.steps[j][0] for j in self.changeable}
        if not len(objective):  # every row already at its top level
            return levels
        result = milp(
            objective,
            integrality=self.integrality,
            bounds=self.bounds,
            constraints=[*self.constraints, *extra],
            # HiGHS's presolve shrinks little here and doubles the time of the
            # acceptable_share searches over a portfolio
            options={"mip_rel_gap": 0.0, "presolve": False},
        )
        if result.x is None or result.status != 0:
            raise RuntimeError(f"The package search failed: {result.message}")
        z = result.x[: len(self.var_row)] > 0.5
        for index in np.flatnonzero(z):  # worst to best within a row
            levels[self.var_row[index]] = self.var_level[index]
        return levels

    def best(self):
        """The levels of the best package, ties broken: {row: level index}."""
        combined = self._combined_objective()
        if combined is not None:
            return self.solve(combined)
        chosen = self.solve(-self.value)
        best = self.linear_value(chosen)
        enough = LinearConstraint(
            self.value[None, :], best - self.value_tolerance, np.inf
        )
        # the first package is one of those the second search looks among
        no_dearer = LinearConstraint(
            self.cost_row[None, :], -np.inf, self.package_cost(chosen)
        )
        cheapest = self.solve(self.cost_row, [enough, no_dearer])
        if self.linear_value(cheapest) >= best - self.value_tolerance:
            chosen = cheapest
        least = self.package_cost(chosen)
        no_dearer = LinearConstraint(
            self.cost_row[None, :], -np.inf, least + self.cost_tolerance
        )
        fewest = self.solve(self.changed_row, [enough, no_dearer])
        if (
            self.linear_value(fewest) >= best - self.value_tolerance
            and self.package_cost(fewest) <= least + self.cost_tolerance
        ):
            chosen = fewest
        return chosen

    def _combined_objective(self):
        """One objective that orders packages as the three searches of
        ``best`` do, when the values and costs are whole numbers: a unit of
        value outweighs every cost difference within the budget, a unit of cost
        every difference in rows changed. None when they are not whole, or
        when the weighted sum would be too large to stay exact."""
        value, cost = self.value, self.cost_row
        if not (_whole(value) and _whole(cost)):
            return None
        span = np.floor(self.budget + self.cost_tolerance) - self.least_cost
        cost_weight = len(self.changeable) + 1
        value_weight = cost_weight * (span + 1)
        if value_weight * np.abs(np.rint(value)).sum() > COMBINED_LIMIT:
            return None
        return (
            -value_weight * np.rint(value) + cost_weight * np.rint(cost)
        ) + self.changed_row


def _whole(values):
    """Whether ``values`` are whole numbers (up to the rounding of sums)."""
    return bool(np.all(np.abs(values - np.rint(values)) <= 1e-9))


def _check(objective, budget):
    if objective not in OBJECTIVES:
        raise ValueError(
            f"Unknown objective {objective!r}: choose one of {', '.join(OBJECTIVES)}."
        )
    if not budget >= 0:
        raise ValueError(f"The budget must be 0 or more, not {budget!r}.")


def best_package(
    levels,
    attributes,
    responses,
    lines,
    budgets,
    budget,
    objective="rows_acceptable",
    rows=None,
    cost_column="cost",
):
    """The best package within ``budget`` for the respondents of ``responses``
    (SIMALTO.md, "Best package within a budget"), exact.

    ``objective``: one of OBJECTIVES. ``rows``: the attribute ids of the rows
    the search may change (None: every package row); the other package rows stay
    at their typical level. ``cost_column``: the column of ``levels`` the budget
    is in (``"cost"``: points; ``"supplier_cost"``: money per account and year;
    NaN counts as 0). Returns a ``BestPackage``. Raises ValueError for an
    unknown objective, a negative budget, ``"wtp"`` without a price row or
    revenue, or no answers on the package rows.
    """
    _check(objective, budget)
    scope = _Scope(levels, attributes, responses, lines, budgets, cost_column)
    if objective == "wtp" and not scope.priced:
        raise ValueError(
            "The willingness to pay needs a price row and the accounts' revenue: "
            "nothing is priced here."
        )
    allowed = scope.row_ids if rows is None else list(rows)
    changeable = [j for j, a in enumerate(scope.row_ids) if a in set(allowed)]
    positions = scope.s_typical.copy()
    chosen_levels = {
        j: int(np.argmax(scope.level_s[j] >= positions[j])) for j in changeable
    }
    program = None
    if changeable:
        program = _Program(scope, objective, changeable, float(budget))
        for j, k in program.best().items():
            chosen_levels[j] = int(k)
            positions[j] = scope.level_s[j][k]

    package, typical = {}, {}
    for j, attribute_id in enumerate(scope.row_ids):
        level = scope.typical_ids[j]
        if j in chosen_levels:
            level = scope.level_ids[j][chosen_levels[j]]
        package[int(attribute_id)] = int(level)
        typical[int(attribute_id)] = int(scope.typical_ids[j])
    move_cost = {
        j: float(scope.level_cost[j][chosen_levels[j]] - scope.cost_typical[j])
        for j in changeable
    }
    cost = float(sum(move_cost.values()))
    figures = se._what_if(levels, attributes, responses, scope.frame, package)

    changed = [j for j in changeable if positions[j] > scope.s_typical[j]]
    back = scope.moves(objective, positions, [(j, scope.s_typical[j]) for j in changed])
    own = scope.value(objective, positions)
    changes = pd.DataFrame(
        [
            (
                int(scope.row_ids[j]),
                scope.names[j],
                typical[int(scope.row_ids[j])],
                package[int(scope.row_ids[j])],
                move_cost[j],
                own - value,
            )
            for j, value in zip(changed, back, strict=True)
        ],
        columns=CHANGE_COLUMNS,
    )
    alternative = _alternative(
        scope,
        objective,
        positions,
        changeable,
        chosen_levels,
        budget - cost,
        own,
        program.cost_tolerance if program else 0.0,
    )
    return BestPackage(
        package=package,
        value=figures[OBJECTIVE_FIGURES[objective]],
        cost=cost,
        figures=figures,
        changes=changes,
        alternative=alternative,
        typical=typical,
    )


def _alternative(scope, objective, positions, changeable, chosen, left, own, tolerance):
    """The move of one row up from the package that does not fit in what is
    ``left`` of the budget and raises the objective most (ties: the cheaper,
    then grid order), or None."""
    moves, extra = [], []
    for j in changeable:
        k_now = chosen[j]
        for k in np.flatnonzero(scope.level_s[j] > positions[j]):
            cost = scope.level_cost[j][k] - scope.level_cost[j][k_now]
            if cost > left + tolerance:
                moves.append((j, k))
                extra.append(float(cost))
    if not moves:
        return None
    values = scope.moves(
        objective, positions, [(j, scope.level_s[j][k]) for j, k in moves]
    )
    gains = [value - own for value in values]
    best = min(
        range(len(moves)), key=lambda index: (-gains[index], extra[index], index)
    )
    if not gains[best] > TOLERANCE * max(1.0, abs(own)):
        return None
    j, k = moves[best]
    return {
        "attribute_id": int(scope.row_ids[j]),
        "attribute_name": scope.names[j],
        "level_id": int(scope.level_ids[j][k]),
        "cost": extra[best],
        "gain": float(gains[best]),
        "over_budget": float(extra[best] - left),
    }


def _level_or_none(level):
    return None if pd.isna(level) else int(level)


def package_rows(levels, attributes, responses, lines, budgets):
    """One row per package row (every row with lines but the price row), in grid
    order: ``attribute_id``, ``typical_level_id``, ``acceptable_level_id`` and
    ``bought_level_id`` (the lower weighted medians of the current, acceptable
    and after-last-round positions, as level ids; None when nobody marked one)
    and ``respondent_count`` (respondents with a line on the row)."""
    lv = se._level_table(levels)
    frame = se._weighted_lines(levels, attributes, responses, lines, budgets)
    frame = frame[~frame["attribute_id"].isin(se._price_attribute_ids(attributes))]
    row_ids = frame["attribute_id"].drop_duplicates()
    medians = {
        name: se._typical_levels(frame.assign(s_current=frame[column]), lv)
        for name, column in (
            ("typical_level_id", "s_current"),
            ("acceptable_level_id", "s_acceptable"),
            ("bought_level_id", "s_final"),
        )
    }
    counts = frame.groupby("attribute_id")["response_id"].nunique()
    return pd.DataFrame(
        {
            "attribute_id": [int(a) for a in row_ids],
            **{
                name: pd.Series(
                    [_level_or_none(median.get(a)) for a in row_ids], dtype=object
                )
                for name, median in medians.items()
            },
            "respondent_count": [int(counts[a]) for a in row_ids],
        },
        columns=PACKAGE_ROW_COLUMNS,
    )


def package_distress(levels, attributes, responses, lines, budgets, package):
    """One row per row of ``package`` (``{attribute_id: level_id}``) in grid
    order: ``attribute_id``, ``distress_share`` (weighted share of the
    respondents with a line on the row whose acceptable level is above the
    package level; NaN without lines), ``account_ids`` (sorted ids of the
    accounts with at least one such respondent) and ``wtp_covered`` (the row's
    term of ``what_if``'s ``wtp_covered``; NaN when nothing is priced and on the
    price row)."""
    lv = se._level_table(levels)
    chosen = pd.Series(package, dtype=float)
    foreign = chosen.map(lv["attribute_id"]).ne(chosen.index.to_series())
    if foreign.any():
        raise ValueError(f"Levels not of their attribute: {chosen[foreign].to_dict()}")
    frame = se._weighted_lines(levels, attributes, responses, lines, budgets)
    frame = frame[frame["attribute_id"].isin(chosen.index)]
    s_package = frame["attribute_id"].map(chosen).map(lv["s"])
    account = frame["response_id"].map(responses.set_index("response_id")["account_id"])
    with np.errstate(invalid="ignore"):
        distress = frame["s_acceptable"] > s_package
    frame = frame.assign(distress=distress, account_id=account)
    terms = se._wtp_terms(levels, attributes, responses, frame)
    priced = terms is not None and bool(terms.notna().any())
    if priced:
        reached = frame.loc[terms.index, "s_final"] <= s_package.loc[terms.index]
        covered = terms[reached].groupby(frame["attribute_id"]).sum()
    order = attributes[attributes["attribute_id"].isin(chosen.index)].sort_values(
        ["sequence", "attribute_id"]
    )
    price_ids = set(se._price_attribute_ids(attributes))
    out = []
    for attribute_id in order["attribute_id"]:
        own = frame[frame["attribute_id"] == attribute_id]
        share = se._weighted_mean(own["distress"], own["weight"])
        accounts = sorted(
            int(a) for a in own.loc[own["distress"], "account_id"].unique()
        )
        wtp = np.nan
        if priced and attribute_id not in price_ids:
            wtp = float(covered.get(attribute_id, 0.0))
        out.append((int(attribute_id), share, accounts, wtp))
    return pd.DataFrame(out, columns=DISTRESS_COLUMNS)
