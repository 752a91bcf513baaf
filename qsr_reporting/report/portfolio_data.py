"""The portfolio priority matrix of a wave as pandas frames, from one read of
the priority analysis's sums per review and attribute
(qsr.report.review.attribute.analysis, as the user, under its record rules):
grouped by attribute, the dimensions and the account, then rolled up here to
every grouping the matrix needs. Its ratio measures aggregate as
SUM(numerator) / SUM(denominator), so the sums of the numerators and
denominators roll up like the respondents and the accounts."""

from collections import Counter

import pandas as pd

from odoo import models

from odoo.addons.qsr_simalto.analysis import simalto_engine

# the sums read, numerators and denominators of the measures of MEASURE_NAMES;
# wtp is already each account's mean per row, added up over the accounts
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
]
MEASURE_NAMES = [
    "priority_index",
    "distress_share",
    "respondents",
    "accounts",
    "wtp",
    "competitor_gap",
    "lead_share",
    "trail_share",
]


def _read_sets(env, domain, groupings):
    """The priority analysis's measures over ``domain`` (of the review and
    attribute level) for each grouping (a tuple of field names) of
    ``groupings``: like one ``_read_group`` of qsr.report.response.line per
    grouping, with ids (0 for none) instead of records.

    Returns ``{grouping: frame}``, each frame with the grouping's columns then
    ``MEASURE_NAMES``."""
    names = list(
        dict.fromkeys(
            ["attribute_id", *(n for grouping in groupings for n in grouping)]
        )
    )
    if "account_id" not in names:
        names.append("account_id")
    rows = env["qsr.report.review.attribute.analysis"]._read_group(
        domain,
        names,
        [f"{name}:sum" for name in [*SUMS, "line_count", "response_count"]],
    )
    fine = pd.DataFrame(
        [
            [
                (value.id or 0) if isinstance(value, models.BaseModel) else value
                for value in row
            ]
            for row in rows
        ],
        columns=[*names, *SUMS, "line_count", "response_count"],
    )
    return {grouping: _roll_up(fine, grouping) for grouping in groupings}


def _roll_up(fine, grouping):
    """The measures of ``fine`` (grouped by attribute and account at least)
    grouped by ``grouping``."""
    # respondents: one line each per attribute, else each response once
    respondents = "line_count" if "attribute_id" in grouping else "response_count"
    groups = fine.groupby(list(grouping) or (lambda _row: ()), sort=False)
    sums = groups[[*SUMS, respondents]].sum()
    competitor = sums["w_competitor"].where(sums["w_competitor"] != 0)
    frame = pd.DataFrame(
        {
            "priority_index": 100
            * sums["w_points_share"]
            / sums["w_spender"].where(sums["w_spender"] != 0),
            "distress_share": sums["w_distress"]
            / sums["weight"].where(sums["weight"] != 0),
            "respondents": sums[respondents],
            "accounts": groups["account_id"].nunique(),
            "wtp": sums["wtp"],
            "competitor_gap": sums["w_competitor_gap"] / competitor,
            "lead_share": sums["w_lead"] / competitor,
            "trail_share": sums["w_trail"] / competitor,
        }
    )
    return frame.reset_index(drop=not grouping)[[*grouping, *MEASURE_NAMES]]


def portfolio_frames(env, wave, dimensions, grid):
    """Attribute x each of ``dimensions`` (``tier_id``, ``account_id``) in
    ``wave``, for the answers to ``grid`` (a first version: all its versions),
    from one scan of the analysis.

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
    groupings = [
        *(("attribute_id", dimension) for dimension in dimensions),
        ("attribute_id",),
        *((dimension,) for dimension in dimensions),
        (),
    ]
    domain = [("wave_id", "=", wave.id), ("grid_id", "=", grid.id)]
    frames = _read_sets(env, domain, groupings)
    overall = frames[("attribute_id",)]
    attributes = env["qsr.grid.attribute"].browse(overall["attribute_id"].tolist())
    # the default priority threshold: an equal share of the rows of the latest
    # version answered (each response has a line on every row of its version)
    versions = Counter(attributes.mapped(lambda a: a.grid_id.id))
    thresholds = Report._class_thresholds(
        grid, versions[max(versions)] if versions else None
    )
    base = pd.DataFrame(
        {
            "attribute_id": attributes.ids,
            "area": [a.area_id.name for a in attributes],
            "attribute": [a.name for a in attributes],
            "order": [(a.area_id.sequence, a.sequence, a.id) for a in attributes],
            "all": overall["priority_index"].tolist(),
            "all_distress": overall["distress_share"].tolist(),
            "all_respondents": overall["respondents"].tolist(),
            "all_class": [
                simalto_engine.priority_class(distress, index, *thresholds)
                for distress, index in zip(
                    overall["distress_share"], overall["priority_index"], strict=True
                )
            ],
            "all_wtp": overall["wtp"].tolist(),
            "all_competitor_gap": overall["competitor_gap"].tolist(),
            "all_lead_share": overall["lead_share"].tolist(),
            "all_trail_share": overall["trail_share"].tolist(),
        }
    )
    everything = frames[()]
    overall_counts = (
        everything[["respondents", "accounts"]].iloc[0].tolist()
        if len(everything)
        else [0, 0]
    )
    return {
        dimension: _matrix(
            env,
            Report,
            dimension,
            base,
            frames[("attribute_id", dimension)],
            frames[(dimension,)],
            overall_counts,
        )
        for dimension in dimensions
    }


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
