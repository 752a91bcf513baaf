"""The portfolio priority matrix of a wave as pandas frames, from one read of
the priority analysis's sums per review and attribute
(qsr.report.review.attribute.analysis, as the user, under its record rules):
one group per account (and value of the other dimensions), with the sums of
each of its rows as arrays, added up here to every grouping the matrix
needs. Its ratio measures aggregate as SUM(numerator) / SUM(denominator), so
the sums of the numerators and denominators add up like the respondents and
the accounts."""

from collections import Counter

import numpy as np
import pandas as pd

from odoo.addons.qsr_simalto.analysis import simalto_engine

# the sums read per review and attribute, numerators and denominators of the
# measures; wtp is already each account's mean per row, added up over the
# accounts
SUMS = [
    "w_points_share",
    "w_spender",
    "w_distress",
    "weight",
    "wtp",
    "w_competitor",
    "w_competitor_gap",
    "w_lead",
    "w_trail",
    "line_count",
]


def _read_rows(env, domain, dimensions):
    """The analysis's rows over ``domain`` as two frames: ``accounts``, one
    row per account and value of the other ``dimensions`` (ids, 0 for none)
    with its ``respondents`` (each response once), and ``rows``, one row per
    review and attribute with its account, the other dimensions,
    ``attribute_id`` and ``SUMS``.

    One ``_read_group`` by account, with the values of its rows as arrays
    (each ordered by row, so they line up), holds a few Python objects per
    account where a group per row would hold a tuple and a record each."""
    others = [dimension for dimension in dimensions if dimension != "account_id"]
    groups = env["qsr.report.review.attribute.analysis"]._read_group(
        domain,
        ["account_ref", *others],
        [
            "response_count:sum",
            *(f"{name}:array_agg" for name in ["attribute_id", *SUMS]),
        ],
    )
    names = ["account_id", *others, "respondents"]
    accounts = pd.DataFrame(
        [
            [
                value.id if name in others else value
                for name, value in zip(names, group[: len(names)], strict=True)
            ]
            for group in groups
        ],
        columns=names,
        dtype=int,
    )
    lengths = np.array([len(group[len(names)]) for group in groups], dtype=int)
    ends = lengths.cumsum()
    count = ends[-1] if len(ends) else 0
    attribute_ids = np.empty(count, dtype=int)
    sums = np.empty((count, len(SUMS)))
    # emptied from the end as it is copied, so that the arrays of each account
    # are let go in turn; a NULL (wtp of no weight) is NaN, left out of sums
    while groups:
        attribute_array, *arrays = groups.pop()[len(names) :]
        end = ends[len(groups)]
        attribute_ids[end - len(attribute_array) : end] = attribute_array
        sums[end - len(attribute_array) : end] = np.array(arrays, dtype=float).T
    rows = pd.DataFrame(sums, columns=SUMS)
    rows["attribute_id"] = attribute_ids
    for name in names[:-1]:
        rows[name] = np.repeat(accounts[name].to_numpy(), lengths)
    return accounts, rows


def _priority_index(sums):
    return (
        100 * sums["w_points_share"] / sums["w_spender"].where(sums["w_spender"] != 0)
    )


def portfolio_frames(env, wave, dimensions, grid):
    """Attribute x each of ``dimensions`` (``tier_id``, ``account_id``) in
    ``wave``, for the answers to ``grid`` (a first version: all its versions).

    Returns ``{dimension: (matrix, counts, dims)}``: ``matrix`` has one row per
    attribute (``area``, ``attribute``, one column ``d_<id>`` per dimension
    value with the priority index, then ``all`` with the whole wave's priority
    index, ``all_distress`` and ``all_respondents``); ``counts`` has the rows
    ``Respondents`` and ``Accounts`` (in its ``attribute`` column) per
    dimension value and for ``all``; ``dims`` lists ``(column key, label)`` of
    the dimension values, in their order. Internal figures of the whole wave
    per attribute too: ``all_class`` (the priority class of its figures, at
    today's thresholds), ``all_wtp`` (the willingness to pay added up over the
    accounts) and, where the grid collects the competitor's level,
    ``all_competitor_gap``, ``all_lead_share`` and ``all_trail_share`` (NaN
    elsewhere).
    """
    Report = env["qsr.report.response.line"]
    domain = [("wave_id", "=", wave.id), ("grid_id", "=", grid.id)]
    accounts, rows = _read_rows(env, domain, dimensions)
    overall = rows.groupby("attribute_id")[SUMS].sum()
    attributes = env["qsr.grid.attribute"].browse(overall.index.tolist())
    # the default priority threshold: an equal share of the rows of the latest
    # version answered (each response has a line on every row of its version)
    versions = Counter(attributes.mapped(lambda a: a.grid_id.id))
    thresholds = Report._class_thresholds(
        grid, versions[max(versions)] if versions else None
    )
    priority_index = _priority_index(overall)
    distress_share = overall["w_distress"] / overall["weight"].where(
        overall["weight"] != 0
    )
    competitor = overall["w_competitor"].where(overall["w_competitor"] != 0)
    base = pd.DataFrame(
        {
            "attribute_id": attributes.ids,
            "area": [a.area_id.name for a in attributes],
            "attribute": [a.name for a in attributes],
            "order": [(a.area_id.sequence, a.sequence, a.id) for a in attributes],
            "all": priority_index.tolist(),
            "all_distress": distress_share.tolist(),
            # respondents: one line each per attribute
            "all_respondents": overall["line_count"].astype(int).tolist(),
            "all_class": [
                simalto_engine.priority_class(distress, index, *thresholds)
                for distress, index in zip(distress_share, priority_index, strict=True)
            ],
            "all_wtp": overall["wtp"].tolist(),
            "all_competitor_gap": (overall["w_competitor_gap"] / competitor).tolist(),
            "all_lead_share": (overall["w_lead"] / competitor).tolist(),
            "all_trail_share": (overall["w_trail"] / competitor).tolist(),
        }
    )
    overall_counts = [
        int(accounts["respondents"].sum()),
        accounts["account_id"].nunique(),
    ]
    return {
        dimension: _matrix(
            env,
            Report,
            dimension,
            base,
            _cells(rows, dimension),
            accounts.groupby(dimension, sort=False)
            .agg(
                respondents=("respondents", "sum"),
                accounts=("account_id", "nunique"),
            )
            .reset_index(),
            overall_counts,
        )
        for dimension in dimensions
    }


def _cells(rows, dimension):
    """The priority index per attribute and value of ``dimension``."""
    sums = rows.groupby(["attribute_id", dimension], sort=False)[
        ["w_points_share", "w_spender"]
    ].sum()
    return _priority_index(sums).rename("priority_index").reset_index()


def _matrix(env, Report, dimension, base, cells, totals, overall_counts):
    comodel = env[Report._fields[dimension].comodel_name]
    values = comodel.browse([int(v) for v in totals[dimension].dropna() if v]).sorted()
    dims = [(f"d_{value.id}", value.display_name) for value in values]
    if totals[dimension].isna().any() or (totals[dimension] == 0).any():
        dims.append(("d_0", env._("None")))
    cells = cells.assign(dim="d_" + cells[dimension].fillna(0).astype(int).astype(str))
    totals = totals.assign(
        dim="d_" + totals[dimension].fillna(0).astype(int).astype(str)
    )
    matrix = base
    if not cells.empty:
        wide = cells.pivot(index="attribute_id", columns="dim", values="priority_index")
        matrix = matrix.join(wide, on="attribute_id")
    missing = {key: None for key, _label in dims if key not in matrix}
    if missing:
        matrix = matrix.assign(**missing)
    matrix = matrix.sort_values("order").drop(columns="order").reset_index(drop=True)

    counts = totals.set_index("dim")[["respondents", "accounts"]].T
    counts.insert(0, "area", "")
    counts.insert(1, "attribute", [env._("Respondents"), env._("Accounts")])
    counts["all"] = overall_counts
    return matrix, counts.reset_index(drop=True), dims
