"""Synthetic QSR portfolio for benchmarks: accounts, contacts, waves, reviews and
answered Simalto grids, deterministic for a seed.

    python3 -m data.generate_portfolio --database DB [--accounts 2000] [--waves 4]
        [--seed 42] [--addons-path PATHS] [--first-wave 2025-01-01]
    python3 -m data.generate_portfolio --check      # pure self-check, no database

Accounts, contacts, waves, reviews and participants go through batched ORM creates;
responses, lines and round choices through COPY, their stored metric columns
computed by the Simalto engine (``simalto_engine.line_metrics``) exactly as the ORM
compute stores them. See data/README.md.

The helpers above ``# database`` are pure (numpy/pandas) and unit-tested.
"""

import argparse
import importlib.util
import io
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ANALYSIS = Path(__file__).resolve().parents[1] / "qsr_simalto" / "analysis"


def _load(name):
    """A pure module of qsr_simalto/analysis, without importing Odoo."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ANALYSIS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


simalto_engine = _load("simalto_engine")
simulation = _load("simulation")

CONTACT_LEVELS = ("executive", "senior", "influencer", "operational")
# about 8 contacts per account, at every level
CONTACTS_PER_ACCOUNT = ("executive", "senior", "senior", "influencer", "influencer")
CONTACTS_PER_ACCOUNT += ("operational", "operational", "operational")
LEVEL_WEIGHTS = {"executive": 4, "senior": 3, "influencer": 2, "operational": 1}
# the share of contacts who accept a price rise to buy service (price row)
RISER_SHARE = 0.08
# tier xml id -> (share of accounts, median annual revenue, base service quality)
TIERS = {
    "qsr_review.tier_strategic": (0.05, 12e6, 0.62),
    "qsr_review.tier_key": (0.20, 2.5e6, 0.56),
    "qsr_review.tier_development": (0.35, 0.6e6, 0.50),
    "qsr_review.tier_maintain": (0.40, 0.12e6, 0.45),
}
# how much each contact level cares about each area of the grid, in area order
# (default grid: product, delivery, ordering, service, systems, strategy)
AREA_EMPHASIS = {
    "executive": (0.2, -0.1, -0.2, 0.1, 0.0, 0.5),
    "senior": (0.3, 0.1, 0.0, 0.2, 0.0, 0.2),
    "influencer": (0.3, 0.0, -0.1, 0.2, 0.3, 0.0),
    "operational": (0.0, 0.4, 0.3, 0.1, 0.2, -0.3),
}
# how rosy each level sees the service (executives are told less of the trouble)
LEVEL_OPTIMISM = {"executive": 0.05, "senior": 0.02, "influencer": 0.0}
LEVEL_OPTIMISM["operational"] = -0.05
NAME_A = "Acme Apex Atlas Beacon Cobalt Delta Ember Falcon Granite Harbor Indigo"
NAME_A += " Juniper Keystone Lumen Meridian Nova Orion Pioneer Quartz Summit Vertex"
NAME_B = "Foods Logistics Pharma Motors Retail Energy Chemicals Textiles Media"
NAME_B += " Telecom Metals Plastics Paper Labs Systems Health Marine Aero Agro"
NAME_C = ("Ltd", "Inc", "GmbH", "SA", "BV", "plc", "Group", "Holdings")
FIRST = "Anna Ben Clara David Emma Felix Grace Hugo Ines Jonas Karin Leo Maria Nils"
FIRST += " Olga Paul Rosa Sam Tara Victor"
LAST = "Adams Berg Costa Dubois Evans Fischer Garcia Hansen Ivanova Jensen Keller"
LAST += " Larsen Moreau Novak Olsen Peters Quinn Rossi Schmidt Weber"
FUNCTIONS = {
    "executive": ("CEO", "Managing Director", "COO", "CFO"),
    "senior": ("Purchasing Director", "Head of Supply Chain", "Plant Manager"),
    "influencer": ("Quality Manager", "Engineering Lead", "Category Manager"),
    "operational": ("Buyer", "Planner", "Warehouse Supervisor", "Accounts Payable"),
}


# pure helpers


def grid_arrays(levels, attributes):
    """Per attribute of the grid (in ``attributes`` order): level ids and costs,
    worst to best, padded to the longest row. Returns (rows, level_ids, costs,
    counts): ``rows`` in the shape ``simulate_respondent`` takes, ``level_ids``
    (int, 0-padded) and ``costs`` (float, inf-padded) as (attributes, levels)
    arrays, ``counts`` the number of levels per attribute."""
    ordered = levels.sort_values(["attribute_id", "position", "level_id"])
    by_attribute = dict(list(ordered.groupby("attribute_id")))
    rows = [
        list(
            zip(
                by_attribute[a]["level_id"].astype(int),
                by_attribute[a]["cost"].astype(float),
                strict=True,
            )
        )
        for a in attributes["attribute_id"]
    ]
    counts = np.array([len(row) for row in rows])
    level_ids = np.zeros((len(rows), counts.max()), dtype=np.int64)
    costs = np.full((len(rows), counts.max()), np.inf)
    for i, row in enumerate(rows):
        level_ids[i, : len(row)] = [level for level, _cost in row]
        costs[i, : len(row)] = [cost for _level, cost in row]
    return rows, level_ids, costs, counts


def draw_noise(rng, respondents, attributes):
    """The random draws ``simulate_many`` needs, in bulk."""
    shape = (respondents, attributes)
    return (
        rng.normal(0, 0.6, shape),
        rng.normal(0, 0.5, shape),
        rng.integers(0, 2, shape),
    )


def simulate_many(costs, counts, budgets, quality, importance, noise):
    """``simulation.simulate_respondent`` for many respondents at once.

    costs, counts: from ``grid_arrays``. quality, importance: (respondents,
    attributes) arrays in 0..1. noise: (current, lift, ideal bump) arrays of that
    shape, as ``draw_noise`` gives. Given the same draws, the answers are those of
    ``simulate_respondent``. Returns positions (0 = worst level): ``current``,
    ``acceptable``, ``ideal`` as (respondents, attributes) arrays and ``rounds``,
    a list with the positions after each round.
    """
    current_noise, lift_noise, bump = noise
    top = counts - 1
    current = np.clip(np.rint(quality * top + current_noise), 0, top).astype(int)
    lift = np.rint(importance * 2 - 0.7 + lift_noise)
    acceptable = np.clip(current + lift, 0, top).astype(int)
    ideal = np.minimum(np.maximum(current, acceptable) + bump, top)
    target = np.maximum(ideal, acceptable)

    n, a = quality.shape
    order = np.argsort(-importance, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(a)[None, :].repeat(n, 0), axis=1)
    padded = np.concatenate([costs, np.full((len(costs), 1), np.inf)], axis=1)
    with np.errstate(invalid="ignore"):  # inf - inf past the top level
        step_cost = np.diff(padded, axis=1)  # cost of one level up from a position
    columns = np.arange(a)[None, :]
    position = current.copy()
    spent = np.zeros(n)
    available = 0.0
    after = []
    for budget in budgets:
        available += budget
        active = np.arange(n)
        while len(active):
            pos = position[active]
            step = step_cost[columns, pos]
            fits = (pos < target[active]) & (spent[active][:, None] + step <= available)
            # the first row, in order of importance, that can move one level up
            key = np.where(fits, rank[active], a)
            first = key.argmin(axis=1)
            moved = fits[np.arange(len(active)), first]
            active, first = active[moved], first[moved]
            spent[active] += step_cost[first, position[active, first]]
            position[active, first] += 1
        after.append(position.copy())
    return {"current": current, "acceptable": acceptable, "ideal": ideal} | {
        "rounds": after
    }


def portfolio_drivers(rng, account_quality, area_of_attribute, levels):
    """Quality and importance per respondent and attribute.

    account_quality: (respondents, areas) service quality of each respondent's
    account in each area this wave. levels: contact level per respondent.
    Importance follows the contact level's emphasis and a stable taste of the
    respondent (seeded per respondent in the caller), quality the account's area
    quality, a rosier or harsher view by level, and noise per row.
    """
    n, a = len(levels), len(area_of_attribute)
    optimism = np.array([LEVEL_OPTIMISM[level] for level in levels])
    quality = account_quality[:, area_of_attribute] + optimism[:, None]
    quality = np.clip(quality + rng.normal(0, 0.08, (n, a)), 0.02, 0.98)
    emphasis = np.array(
        [
            [AREA_EMPHASIS[level][area % 6] for area in area_of_attribute]
            for level in CONTACT_LEVELS
        ]
    )
    by_level = emphasis[[CONTACT_LEVELS.index(level) for level in levels]]
    return quality, by_level


def importance_from(base, by_level, taste, rng):
    """Importance in 0..1: global attribute weight, level emphasis, the
    respondent's stable taste and a little noise this wave."""
    score = base[None, :] + by_level + taste + rng.normal(0, 0.15, taste.shape)
    return 1 / (1 + np.exp(-2.5 * score))


def answer_frame(response_ids, attribute_ids, level_ids, answers):
    """Engine ``lines`` frame of the answers (round columns null when the round
    left the row where it was, as the ORM stores no choice then)."""
    n, a = answers["current"].shape
    cols = np.arange(a)[None, :].repeat(n, 0)

    def ids(positions):
        return level_ids[cols, positions].ravel()

    frame = pd.DataFrame(
        {
            "response_id": np.repeat(response_ids, a),
            "attribute_id": np.tile(attribute_ids, n),
            "current_level_id": ids(answers["current"]),
            "acceptable_level_id": ids(answers["acceptable"]),
            "ideal_level_id": ids(answers["ideal"]),
        }
    )
    previous = answers["current"]
    for r, positions in enumerate(answers["rounds"], start=1):
        moved = (positions != previous).ravel()
        frame[f"round_{r}_level_id"] = pd.array(
            np.where(moved, ids(positions), 0), dtype="Int64"
        )
        frame.loc[~moved, f"round_{r}_level_id"] = pd.NA
        previous = positions
    return frame


def stored_line_columns(levels, lines, budgets):
    """The stored metric columns of ``qsr.response.line``, as its
    ``_compute_metrics`` stores them (NaN -> 0, ints, bools)."""
    metrics = simalto_engine.line_metrics(levels, lines, budgets)
    rounds = [f"round_{r}_level_id" for r in range(1, len(budgets) + 1)]
    final = lines["current_level_id"].astype(float)
    for column in rounds:
        final = lines[column].astype(float).fillna(final)

    def num(column):
        if column not in metrics:
            return pd.Series(0.0, index=metrics.index)
        return metrics[column].astype(float).fillna(0.0)

    return pd.DataFrame(
        {
            "final_level_id": final.fillna(0).astype(np.int64),
            "norm_current": num("norm_current"),
            "norm_acceptable": num("norm_acceptable"),
            "norm_ideal": num("norm_ideal"),
            "norm_competitor": num("norm_competitor"),
            "gap_steps": num("gap_steps").astype(np.int64),
            "gap_points": num("gap_points"),
            "distress": metrics["distress"].astype(bool),
            "points_first_round": num("points_1"),
            "points_total": num("points_total"),
            "bought_first_round": (
                metrics["bought_1"].astype(bool)
                if "bought_1" in metrics
                else pd.Series(False, index=metrics.index)
            ),
            "bought_any": metrics["bought_any"].astype(bool),
        },
        index=lines.index,
    )


def price_row_answers(answers, row, as_now, rise, risers):
    """The answers on the price row (column ``row`` of the answer arrays, in
    place): everybody's level today is "as now" (position ``as_now``), and so
    is the acceptable and ideal one and every round's, but for the ``risers``
    (a boolean mask of respondents), who accept the rise at position ``rise``
    in round 1 (acceptable at it too: a reduction never goes below it)."""
    for key in ("current", "acceptable", "ideal"):
        answers[key][:, row] = as_now
    answers["acceptable"][risers, row] = rise
    for positions in answers["rounds"]:
        positions[:, row] = as_now
        positions[risers, row] = rise
    return answers


def priced_line_columns(
    lines, stored, price_attribute, price_change, point_value, revenue, round_money=None
):
    """``wtp`` and ``price_rise`` of the lines, as ``qsr.response.line``'s
    ``_compute_wtp`` stores them: off the price row (attribute id
    ``price_attribute``, or None), ``max(0, points_total) * point_value / 100 *
    revenue`` (``revenue``: the review's account revenue per line), 0 on it;
    ``price_rise`` on the price row when its final level (``price_change``:
    {level id: percent}) is a rise. ``round_money``: the currency's rounding of
    a monetary field (the ORM stores it rounded)."""
    on_price = (lines["attribute_id"] == price_attribute).to_numpy()
    spent = stored["points_total"].clip(lower=0).to_numpy(float)
    wtp = spent * point_value / 100 * np.asarray(revenue, dtype=float)
    change = stored["final_level_id"].map(price_change).fillna(0.0).to_numpy(float)
    wtp = np.where(on_price, 0.0, wtp)
    if round_money:
        wtp = np.array([round_money(value) if value else 0.0 for value in wtp])
    return pd.DataFrame(
        {
            "wtp": wtp,
            "price_rise": on_price & (change > 0),
        },
        index=stored.index,
    )


def response_figures(lines, stored):
    """``performance``, ``distress_count``, ``points_spent`` and ``points_bought``
    per response, as ``qsr.response._compute_figures`` stores them (lines with a
    current level)."""
    frame = stored.assign(response_id=lines["response_id"].to_numpy())
    frame = frame[lines["current_level_id"].notna().to_numpy()]
    grouped = frame.groupby("response_id", sort=False)

    def python_sum(values):
        # the ORM adds up with Python's sum(), in line order: same rounding
        return sum(values.tolist())

    return pd.DataFrame(
        {
            "performance": 100
            * grouped["norm_current"].agg(python_sum)
            / grouped.size(),
            "distress_count": grouped["distress"].sum().astype(int),
            "points_spent": grouped["points_total"].agg(python_sum),
            "points_bought": grouped["points_total"].agg(
                lambda values: sum(max(0, v) for v in values.tolist())
            ),
        }
    )


def check(seed=7, respondents=300):
    """Pure self-check: vectorised answers equal ``simulate_respondent``'s, and the
    stored columns equal ``line_metrics`` and the ORM formulas. Returns problems."""
    rng = np.random.default_rng(seed)
    levels = pd.DataFrame(
        [
            (attr, attr * 10 + pos, pos, cost)
            for attr, costs in enumerate(
                [(0, 4, 10, 16), (0, 3, 7, 12, 20), (0, 5), (-4, 0, 6, 9, 15, 22)],
                start=1,
            )
            for pos, cost in enumerate(costs, start=1)
        ],
        columns=["attribute_id", "level_id", "position", "cost"],
    )
    attributes = pd.DataFrame({"attribute_id": [1, 2, 3, 4]})
    budgets = [10, 10, 15]
    rows, level_ids, costs, counts = grid_arrays(levels, attributes)
    problems = []
    n, a = respondents, len(rows)
    quality, importance = rng.random((n, a)), rng.random((n, a))
    noise = [np.empty((n, a)), np.empty((n, a)), np.empty((n, a), dtype=int)]
    expected = []
    for i in range(n):
        # the draws simulate_respondent makes, in its order
        draws = np.random.default_rng([seed, i])
        noise[0][i], noise[1][i] = draws.normal(0, 0.6, a), draws.normal(0, 0.5, a)
        noise[2][i] = draws.integers(0, 2, a)
        expected.append(
            simulation.simulate_respondent(
                rows,
                budgets,
                quality[i],
                importance[i],
                np.random.default_rng([seed, i]),
            )
        )
    answers = simulate_many(costs, counts, budgets, quality, importance, noise)
    lines = answer_frame(
        np.arange(1, n + 1), attributes["attribute_id"], level_ids, answers
    )
    for i, rows_expected in enumerate(expected):
        for j, answer in enumerate(rows_expected):
            line = lines.iloc[i * a + j]
            got = [line[f"{m}_level_id"] for m in ("current", "acceptable", "ideal")]
            if got != [answer["current"], answer["acceptable"], answer["ideal"]]:
                problems.append(f"respondent {i} row {j}: marks differ")
            level = answer["current"]
            for r, after in enumerate(answer["rounds"], start=1):
                value = line[f"round_{r}_level_id"]
                if (after if after != level else None) != (
                    None if pd.isna(value) else value
                ):
                    problems.append(f"respondent {i} row {j}: round {r} differs")
                level = after
    stored = stored_line_columns(levels, lines, budgets)
    metrics = simalto_engine.line_metrics(levels, lines, budgets)
    for ours, theirs in (
        ("norm_current", "norm_current"),
        ("norm_acceptable", "norm_acceptable"),
        ("norm_ideal", "norm_ideal"),
        ("gap_steps", "gap_steps"),
        ("gap_points", "gap_points"),
        ("distress", "distress"),
        ("points_first_round", "points_1"),
        ("points_total", "points_total"),
        ("bought_first_round", "bought_1"),
        ("bought_any", "bought_any"),
    ):
        if not np.array_equal(
            stored[ours].to_numpy(float), metrics[theirs].to_numpy(float)
        ):
            problems.append(f"{ours} differs from line_metrics {theirs}")
    by_level = levels.set_index("level_id")
    final = [
        next(
            (v for v in reversed(list(row[5:])) if not pd.isna(v)),
            row[2],
        )
        for row in lines.itertuples(index=False)
    ]
    if stored["final_level_id"].tolist() != [int(v) for v in final]:
        problems.append("final_level_id differs")
    spent = stored["points_total"].to_numpy()
    cost_final = by_level.loc[final, "cost"].to_numpy()
    cost_current = by_level.loc[lines["current_level_id"], "cost"].to_numpy()
    if not np.allclose(spent, cost_final - cost_current):
        problems.append("points_total is not final - current cost")
    figures = response_figures(lines, stored)
    for rid, group in stored.groupby(lines["response_id"]):
        row = figures.loc[rid]
        if (
            row["performance"] != 100 * sum(group["norm_current"]) / len(group)
            or row["distress_count"] != group["distress"].sum()
            or row["points_spent"] != sum(group["points_total"])
            or row["points_bought"] != sum(max(0, p) for p in group["points_total"])
        ):
            problems.append(f"response {rid}: figures differ")
    return problems


# database


class Timer:
    def __init__(self):
        self.start = self.last = time.perf_counter()
        self.phases = []

    def __call__(self, phase, detail=""):
        now = time.perf_counter()
        self.phases.append((phase, now - self.last))
        print(f"  {phase:<28} {now - self.last:8.1f} s  {detail}", flush=True)
        self.last = now

    def total(self):
        return time.perf_counter() - self.start


COPY_SECONDS = {"csv": 0.0, "copy": 0.0}


def _copy(cr, table, frame):
    """COPY a frame into ``table`` (its columns named as the frame's)."""
    start = time.perf_counter()
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, header=False)
    buffer.seek(0)
    middle = time.perf_counter()
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    cr._obj.copy_expert(
        f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)', buffer
    )
    COPY_SECONDS["csv"] += middle - start
    COPY_SECONDS["copy"] += time.perf_counter() - middle


def _reserve_ids(cr, table, count):
    """``count`` consecutive ids of ``table``'s sequence."""
    cr.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
        "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
        (table, table, count),
    )
    last = cr.fetchone()[0]
    return np.arange(last - count + 1, last + 1, dtype=np.int64)


def _names(rng, count, words):
    return [
        " ".join(w) for w in zip(*(rng.choice(ws, count) for ws in words), strict=True)
    ]


def generate(
    env, accounts=2000, waves=4, seed=42, first_wave=None, batch=250, fast=None
):
    """Fill the database of ``env``; returns the counts and timings. ``fast``
    skips the foreign-key triggers while copying the answers, 4 times faster
    (PostgreSQL superuser only; the generated ids are consistent by construction);
    by default, when the database role is a superuser."""
    from odoo import Command  # noqa: PLC0415

    timer = Timer()
    if fast is None:
        env.cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        fast = bool(env.cr.fetchone()[0])
    print(f"foreign-key triggers during COPY: {'skipped' if fast else 'on'}")
    rng = np.random.default_rng(seed)
    first_wave = first_wave or date(2025, 1, 1)
    tag = f"SYN{seed}"
    ctx = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_create_nosubscribe": True,
        "mail_notrack": True,
        "no_reset_password": True,
    }
    env = env(context=dict(env.context, **ctx))
    grid = env.ref("qsr_simalto.grid_default")._latest_version()
    levels, attributes, budgets, _resp, _lines = grid._engine_frames(
        env["qsr.response.line"]
    )
    rounds = grid.round_ids.sorted()
    grid_attributes = grid.attribute_ids
    _rows, level_ids, costs, counts = grid_arrays(levels, attributes)
    areas = list(dict.fromkeys(grid_attributes.mapped("area_id")))
    area_of_attribute = np.array([areas.index(x.area_id) for x in grid_attributes])
    attribute_ids = np.array(grid_attributes.ids)
    # the price row, when the grid has one: everybody today "as now", a few
    # accept the smallest rise to buy service (SIMALTO.md, "Price row")
    price_row = grid._price_attribute()
    price_change = {level.id: level.price_change for level in price_row.level_ids}
    price_index = as_now = None
    if price_row:
        price_index = grid_attributes.ids.index(price_row.id)
        as_now_level = price_row.level_ids.filtered(
            lambda level: not level.price_change and not level.cost
        )[:1]
        as_now = level_ids[price_index].tolist().index(as_now_level.id)
    point_value = grid.point_value
    print(
        f"grid {grid.name}: {len(attribute_ids)} attributes, {len(areas)} areas, "
        f"budgets {budgets}"
    )

    # people of ours: account managers and executive sponsors
    users = env["res.users"].create(
        [
            {
                "name": f"{name} ({tag})",
                "login": f"{tag.lower()}.{kind}{i}@example.com",
                "email": f"{tag.lower()}.{kind}{i}@example.com",
            }
            for kind, count in (("am", max(2, accounts // 100)), ("sponsor", 4))
            for i, name in enumerate(_names(rng, count, [FIRST.split(), LAST.split()]))
        ]
    )
    managers = users.filtered(lambda u: ".am" in u.login)
    sponsors = users - managers
    timer("users", f"{len(users)}")

    # accounts across tiers
    tier_keys = list(TIERS)
    tiers = [env.ref(key) for key in tier_keys]
    shares = np.array([TIERS[key][0] for key in tier_keys])
    tier_index = rng.choice(len(tiers), accounts, p=shares / shares.sum())
    revenue = np.array([TIERS[tier_keys[t]][1] for t in tier_index])
    revenue = np.round(revenue * rng.lognormal(0, 0.35, accounts), -3)
    industries = env["res.partner.industry"].search([]).ids or [False]
    countries = env["res.country"].search(
        [("code", "in", ["DE", "FR", "GB", "NL", "US", "ES", "IT", "SE"])]
    ).ids or [False]
    profitability = rng.choice(["profitable", "could_be", "unlikely"], accounts)
    names = _names(rng, accounts, [NAME_A.split(), NAME_B.split(), NAME_C])
    account_vals = []
    for i in range(accounts):
        manager = managers[int(rng.integers(len(managers)))]
        account_vals.append(
            {
                "name": f"{names[i]} {i + 1:04d}",
                "is_company": True,
                "ref": f"{tag}-{i + 1:05d}",
                "qsr_tier_id": tiers[tier_index[i]].id,
                "qsr_annual_revenue": float(revenue[i]),
                "user_id": manager.id,
                "qsr_account_manager_id": manager.id,
                "qsr_sponsor_id": (
                    sponsors[i % len(sponsors)].id if tier_index[i] <= 1 else False
                ),
                "qsr_profitability": str(profitability[i]),
                "industry_id": int(rng.choice(industries)) or False,
                "country_id": int(rng.choice(countries)) or False,
            }
        )
    partners = env["res.partner"]
    for start in range(0, accounts, 1000):
        partners |= partners.create(account_vals[start : start + 1000])
    timer("accounts", f"{len(partners)}")

    # contacts: about 8 per account, at every level
    first, last = FIRST.split(), LAST.split()
    contact_vals, contact_levels = [], []
    for i, account in enumerate(partners):
        for j, level in enumerate(CONTACTS_PER_ACCOUNT):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            contact_vals.append(
                {
                    "name": name,
                    "parent_id": account.id,
                    "function": str(rng.choice(FUNCTIONS[level])),
                    "qsr_contact_level": level,
                    "email": f"c{i + 1}.{j + 1}.{tag.lower()}@example.com",
                }
            )
            contact_levels.append(level)
    contacts = env["res.partner"]
    for start in range(0, len(contact_vals), 2000):
        contacts |= contacts.create(contact_vals[start : start + 2000])
    per = len(CONTACTS_PER_ACCOUNT)
    timer("contacts", f"{len(contacts)}")

    # waves, one a quarter
    wave_records = env["qsr.wave"]
    for w in range(waves):
        start = _add_months(first_wave, 3 * w)
        wave_records |= wave_records.create(
            {
                "name": f"{tag} Wave {w + 1} ({start:%Y-%m})",
                "date_start": start,
                "date_end": _add_months(start, 3) - timedelta(days=1),
            }
        )
    timer("waves", f"{len(wave_records)}")

    # reviews with their participants, every contact responding
    reviews_by_wave = []
    previous = [False] * accounts
    for w, wave in enumerate(wave_records):
        last = w == waves - 1
        vals_list = []
        for i, account in enumerate(partners):
            planned = wave.date_start + timedelta(days=int(rng.integers(0, 60)))
            vals = {
                "partner_id": account.id,
                "review_type": "simalto",
                "grid_id": grid.id,
                "date_planned": planned,
                "wave_id": wave.id,
                "previous_review_id": previous[i],
                "stage": "compile" if last else "done",
                "participant_ids": [
                    Command.create(
                        {
                            "partner_id": contact.id,
                            "contact_level": level,
                            "weight": LEVEL_WEIGHTS[level],
                            "state": "responded",
                        }
                    )
                    for contact, level in zip(
                        contacts[i * per : (i + 1) * per],
                        contact_levels[i * per : (i + 1) * per],
                        strict=True,
                    )
                ],
            }
            if not last:
                vals["meeting_date"] = datetime.combine(
                    planned + timedelta(days=21), datetime.min.time()
                ) + timedelta(hours=10)
            vals_list.append(vals)
        reviews = env["qsr.review"]
        for start in range(0, accounts, batch):
            reviews |= reviews.create(vals_list[start : start + batch])
        previous = reviews.ids
        reviews_by_wave.append(reviews)
        env.flush_all()
        env.invalidate_all()
        timer(f"reviews wave {w + 1}", f"{len(reviews)}")
    env.cr.commit()

    # answers: the account's service quality per area drifts from wave to wave,
    # each contact keeps a stable taste in what matters
    tier_quality = np.array([TIERS[tier_keys[t]][2] for t in tier_index])
    account_level = tier_quality + rng.normal(0, 0.12, accounts)
    area_quality = account_level[:, None] + rng.normal(0, 0.12, (accounts, len(areas)))
    base_importance = rng.normal(0, 0.6, len(attribute_ids))
    taste = rng.normal(0, 0.5, (len(contacts), len(attribute_ids)))
    uid, now = env.uid, datetime.now().replace(microsecond=0)
    totals = {"responses": 0, "lines": 0, "choices": 0}
    round_ids = np.array(rounds.ids)
    round_sequences = np.array(rounds.mapped("sequence"))
    company_id = env.company.id
    for w, reviews in enumerate(reviews_by_wave):
        wave_start = time.perf_counter()
        COPY_SECONDS.update(csv=0.0, copy=0.0)
        if fast:
            env.cr.execute("SET LOCAL session_replication_role = replica")
        area_quality = np.clip(
            area_quality + 0.03 + rng.normal(0, 0.06, area_quality.shape), 0.02, 0.98
        )
        participants = reviews.participant_ids
        env.cr.execute(
            """SELECT p.id, p.review_id, p.partner_id, p.contact_level, p.weight,
                      r.partner_id, r.wave_id, r.date_planned,
                      COALESCE(r.account_revenue, 0)
                 FROM qsr_review_participant p
                 JOIN qsr_review r ON r.id = p.review_id
                WHERE p.id = ANY(%s) ORDER BY r.partner_id, p.partner_id""",
            [participants.ids],
        )
        people = pd.DataFrame(
            env.cr.fetchall(),
            columns=[
                "participant_id",
                "review_id",
                "partner_id",
                "contact_level",
                "weight",
                "account_id",
                "wave_id",
                "date_planned",
                "account_revenue",
            ],
        )
        account_pos = pd.Index(partners.ids).get_indexer(people["account_id"])
        contact_pos = pd.Index(contacts.ids).get_indexer(people["partner_id"])
        quality, by_level = portfolio_drivers(
            rng,
            area_quality[account_pos],
            area_of_attribute,
            people["contact_level"].tolist(),
        )
        importance = importance_from(base_importance, by_level, taste[contact_pos], rng)
        noise = draw_noise(rng, len(people), len(attribute_ids))
        answers = simulate_many(costs, counts, budgets, quality, importance, noise)
        if price_index is not None and as_now > 0:
            risers = rng.random(len(people)) < RISER_SHARE
            price_row_answers(answers, price_index, as_now, as_now - 1, risers)
        t_sim = time.perf_counter() - wave_start

        response_ids = _reserve_ids(env.cr, "qsr_response", len(people))
        lines = answer_frame(response_ids, attribute_ids, level_ids, answers)
        stored = stored_line_columns(levels, lines, budgets)
        priced = priced_line_columns(
            lines,
            stored,
            price_row.id or None,
            price_change,
            point_value,
            np.repeat(people["account_revenue"].to_numpy(float), len(attribute_ids)),
            env.company.currency_id.round,
        )
        figures = response_figures(lines, stored)
        t_metrics = time.perf_counter() - wave_start - t_sim

        submitted = pd.to_datetime(people["date_planned"]) + pd.Timedelta(days=14)
        responses = pd.DataFrame(
            {
                "id": response_ids,
                "review_id": people["review_id"],
                "participant_id": people["participant_id"],
                "partner_id": people["partner_id"],
                "account_id": people["account_id"],
                "wave_id": people["wave_id"],
                "company_id": company_id,
                "grid_id": grid.id,
                "weight": people["weight"],
                "contact_level": people["contact_level"],
                "state": "submitted",
                "step": "review",
                "interview": False,
                "date_started": submitted - pd.Timedelta(days=2),
                "date_submitted": submitted,
                "performance": figures.loc[response_ids, "performance"].to_numpy(),
                "distress_count": figures.loc[
                    response_ids, "distress_count"
                ].to_numpy(),
                "points_spent": figures.loc[response_ids, "points_spent"].to_numpy(),
                "points_bought": figures.loc[response_ids, "points_bought"].to_numpy(),
                "create_uid": uid,
                "write_uid": uid,
                "create_date": now,
                "write_date": now,
            }
        )
        _copy(env.cr, "qsr_response", responses)

        line_ids = _reserve_ids(env.cr, "qsr_response_line", len(lines))
        attribute_info = pd.DataFrame(
            {
                "area_id": [x.area_id.id for x in grid_attributes],
                "attribute_sequence": [
                    x.area_id.sequence * 1000 + x.sequence for x in grid_attributes
                ],
            },
            index=attribute_ids,
        ).loc[lines["attribute_id"]]
        table = pd.concat(
            [
                pd.DataFrame(
                    {
                        "id": line_ids,
                        "response_id": lines["response_id"].to_numpy(),
                        "attribute_id": lines["attribute_id"].to_numpy(),
                        "area_id": attribute_info["area_id"].to_numpy(),
                        "attribute_sequence": attribute_info[
                            "attribute_sequence"
                        ].to_numpy(),
                        "current_level_id": lines["current_level_id"].to_numpy(),
                        "acceptable_level_id": lines["acceptable_level_id"].to_numpy(),
                        "ideal_level_id": lines["ideal_level_id"].to_numpy(),
                    }
                ),
                stored.reset_index(drop=True),
                priced.reset_index(drop=True),
            ],
            axis=1,
        ).assign(create_uid=uid, write_uid=uid, create_date=now, write_date=now)
        _copy(env.cr, "qsr_response_line", table)

        parts = []
        for r in range(len(budgets)):
            column = lines[f"round_{r + 1}_level_id"]
            chosen = column.notna().to_numpy()
            parts.append(
                pd.DataFrame(
                    {
                        "line_id": line_ids[chosen],
                        "round_id": round_ids[r],
                        "round_sequence": round_sequences[r],
                        "level_id": column[chosen].astype(np.int64).to_numpy(),
                    }
                )
            )
        choices = pd.concat(parts, ignore_index=True).sort_values(
            ["line_id", "round_sequence"], kind="stable"
        )
        choices.insert(
            0, "id", _reserve_ids(env.cr, "qsr_response_round_choice", len(choices))
        )
        choices = choices.assign(
            create_uid=uid, write_uid=uid, create_date=now, write_date=now
        )
        _copy(env.cr, "qsr_response_round_choice", choices)
        env.cr.commit()
        t_total = time.perf_counter() - wave_start
        totals["responses"] += len(responses)
        totals["lines"] += len(table)
        totals["choices"] += len(choices)
        timer(
            f"answers wave {w + 1}",
            f"{len(responses)} responses, {len(table)} lines, {len(choices)} choices"
            f" (simulate {t_sim:.1f} s, metrics {t_metrics:.1f} s, "
            f"csv {COPY_SECONDS['csv']:.1f} s, COPY {COPY_SECONDS['copy']:.1f} s, "
            f"{len(table) / t_total:,.0f} lines/s)",
        )
    env.cr.execute(
        "ANALYZE qsr_response; ANALYZE qsr_response_line; "
        "ANALYZE qsr_response_round_choice"
    )
    env.invalidate_all()
    timer("analyze")
    if "qsr.report.review.attribute" in env:
        # COPY bypasses the ORM methods that keep the priority analysis's
        # sums: sum each review's lines once, now that all are in
        env["qsr.report.review.attribute"]._refresh(
            env["qsr.review"].concat(*reviews_by_wave)
        )
        env.cr.execute("ANALYZE qsr_report_review_attribute")
        env.cr.commit()
        timer("analysis sums")
    totals |= {
        "accounts": len(partners),
        "contacts": len(contacts),
        "waves": len(wave_records),
        "reviews": sum(len(r) for r in reviews_by_wave),
        "seconds": timer.total(),
    }
    return totals


LINE_COLUMNS = (
    "final_level_id",
    "norm_current",
    "norm_acceptable",
    "norm_ideal",
    "norm_competitor",
    "gap_steps",
    "gap_points",
    "distress",
    "points_first_round",
    "points_total",
    "bought_first_round",
    "bought_any",
    "wtp",
    "price_rise",
)
RESPONSE_COLUMNS = ("performance", "distress_count", "points_spent", "points_bought")


def verify(env, sample=200, seed=0):
    """Recompute, with the ORM, the stored figures of ``sample`` random responses
    (all their lines) and compare with what is stored; also run the grid's
    answer validation on them. Returns a list of differences."""
    env.cr.execute(
        "SELECT id FROM qsr_response WHERE state = 'submitted' "
        "ORDER BY md5(id::text || %s) LIMIT %s",
        (str(seed), sample),
    )
    responses = env["qsr.response"].browse(r for (r,) in env.cr.fetchall())
    lines = responses.line_ids
    stored_lines = {line["id"]: line for line in lines.read(LINE_COLUMNS, load=None)}
    stored_responses = {r["id"]: r for r in responses.read(RESPONSE_COLUMNS, load=None)}
    env.invalidate_all()
    lines._compute_metrics()
    lines._compute_wtp()
    responses._compute_figures()
    problems = []
    for line in lines:
        for column in LINE_COLUMNS:
            value = line[column]
            value = value.id if column == "final_level_id" else value
            if value != stored_lines[line.id][column]:
                problems.append(
                    f"line {line.id} {column}: stored "
                    f"{stored_lines[line.id][column]!r}, ORM {value!r}"
                )
    for response in responses:
        for column in RESPONSE_COLUMNS:
            if response[column] != stored_responses[response.id][column]:
                problems.append(
                    f"response {response.id} {column}: stored "
                    f"{stored_responses[response.id][column]!r}, "
                    f"ORM {response[column]!r}"
                )
        problems += [
            f"response {response.id}: {error}"
            for error in response._validation_errors(complete=True)
        ]
    env.invalidate_all()
    env.cr.rollback()  # the recompute must not be written
    print(
        f"verified {len(responses)} responses, {len(lines)} lines against the ORM: "
        + (f"{len(problems)} differences" if problems else "identical")
    )
    return problems


def _add_months(day, months):
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m data.generate_portfolio", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--database", "-d", help="existing database with qsr_simalto")
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--waves", type=int, default=4)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--first-wave",
        type=date.fromisoformat,
        default=date(2025, 1, 1),
        help="start of the first (quarterly) wave",
    )
    parser.add_argument("--addons-path", help="as for odoo-bin")
    parser.add_argument("--db-host")
    parser.add_argument("--db-port")
    parser.add_argument("--db-user")
    parser.add_argument("--db-password")
    parser.add_argument(
        "--fk-checks",
        action="store_true",
        help="keep the foreign-key triggers while copying answers (4x slower; "
        "they are skipped by default when the role is a PostgreSQL superuser)",
    )
    parser.add_argument(
        "--verify",
        type=int,
        default=0,
        metavar="N",
        help="then recompute N random responses with the ORM and compare "
        "(with --accounts 0: only verify)",
    )
    parser.add_argument(
        "--check", action="store_true", help="pure self-check only, no database"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        print("\n".join(problems) or "check passed: answers and metrics agree")
        return 1 if problems else 0
    if not args.database:
        parser.error("--database is required (or --check)")

    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    options = ["-d", args.database, "--log-level=warn"]
    for name in ("addons_path", "db_host", "db_port", "db_user", "db_password"):
        value = getattr(args, name)
        if value:
            options.append(f"--{name.replace('_', '-')}={value}")
    odoo.tools.config.parse_config(options)
    registry = Registry(args.database)
    print(
        f"generating {args.accounts} accounts x {args.waves} waves "
        f"(seed {args.seed}) into {args.database}"
    )
    problems = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.accounts:
            totals = generate(
                env,
                args.accounts,
                args.waves,
                args.seed,
                first_wave=args.first_wave,
                fast=False if args.fk_checks else None,
            )
            seconds = totals.pop("seconds")
            print(
                ", ".join(f"{value:,} {name}" for name, value in totals.items())
                + f" in {seconds:.1f} s "
                f"({totals['lines'] / seconds:,.0f} lines/s overall)"
            )
            cr.commit()
        if args.verify:
            problems = verify(env, args.verify, args.seed)
            print("\n".join(problems[:20]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
