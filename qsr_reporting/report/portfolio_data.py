"""The portfolio priority matrix of a wave as pandas frames, read from the SQL
analysis model with ``_read_group`` (its ratio measures aggregate as
SUM(numerator) / SUM(denominator) under any grouping)."""

import pandas as pd

MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "respondent_ref:count_distinct",
    "account_ref:count_distinct",
]
MEASURE_NAMES = ["priority_index", "distress_share", "respondents", "accounts"]


def _read(Report, domain, groupby):
    rows = Report._read_group(domain, groupby, MEASURES)
    return pd.DataFrame(
        [
            (*(record.id for record in keys[: len(groupby)]), *keys[len(groupby) :])
            for keys in rows
        ],
        columns=[*groupby, *MEASURE_NAMES],
    )


def portfolio_frames(env, wave, dimension):
    """Attribute x ``dimension`` (``tier_id`` or ``account_id``) in ``wave``.

    Returns ``(matrix, counts, dims)``: ``matrix`` has one row per attribute
    (``area``, ``attribute``, one column ``d_<id>`` per dimension value with
    the priority index, then ``all`` with the whole wave's priority index,
    ``all_distress`` and ``all_respondents``); ``counts`` has the rows
    ``Respondents`` and ``Accounts`` (in its ``attribute`` column) per
    dimension value and for ``all``; ``dims`` lists
    ``(column key, label)`` of the dimension values, in their order.
    """
    Report = env["qsr.report.response.line"]
    domain = [("wave_id", "=", wave.id)]
    cells = _read(Report, domain, ["attribute_id", dimension])
    overall = _read(Report, domain, ["attribute_id"])
    totals = _read(Report, domain, [dimension])

    comodel = env[Report._fields[dimension].comodel_name]
    values = comodel.browse([v for v in totals[dimension] if v]).sorted()
    dims = [(f"d_{value.id}", value.display_name) for value in values]
    if totals[dimension].isna().any() or (totals[dimension] == 0).any():
        dims.append(("d_0", env._("None")))
    cells["dim"] = "d_" + cells[dimension].fillna(0).astype(int).astype(str)
    totals["dim"] = "d_" + totals[dimension].fillna(0).astype(int).astype(str)

    attributes = env["qsr.grid.attribute"].browse(overall["attribute_id"].tolist())
    matrix = pd.DataFrame(
        {
            "attribute_id": attributes.ids,
            "area": [a.area_id.name for a in attributes],
            "attribute": [a.name for a in attributes],
            "order": [(a.area_id.sequence, a.sequence, a.id) for a in attributes],
            "all": overall["priority_index"].tolist(),
            "all_distress": overall["distress_share"].tolist(),
            "all_respondents": overall["respondents"].tolist(),
        }
    )
    if not cells.empty:
        wide = cells.pivot(index="attribute_id", columns="dim", values="priority_index")
        matrix = matrix.join(wide, on="attribute_id")
    for key, _label in dims:
        if key not in matrix:
            matrix[key] = None
    matrix = matrix.sort_values("order").drop(columns="order").reset_index(drop=True)

    counts = totals.set_index("dim")[["respondents", "accounts"]].T
    counts.insert(0, "area", "")
    counts.insert(1, "attribute", [env._("Respondents"), env._("Accounts")])
    overall_counts = Report._read_group(
        domain, [], ["respondent_ref:count_distinct", "account_ref:count_distinct"]
    )[0]
    counts["all"] = list(overall_counts)
    return matrix, counts.reset_index(drop=True), dims
