"""The portfolio priority matrix of a wave as pandas frames, read in one scan of
the priority analysis's sums per review and attribute (its ratio measures
aggregate as SUM(numerator) / SUM(denominator) under any grouping): every
grouping the matrix needs is a grouping set of one query, built like
``_read_group`` builds its own (same measures, the priority analysis's access
rules)."""

import pandas as pd

from odoo.osv import expression
from odoo.tools import SQL

# the respondents of a grouping with the attribute, then of one without it
SUMS_MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "line_count:sum",
    "response_count:sum",
    "account_ref:count_distinct",
]
LINES_MEASURES = [
    "priority_index:avg",
    "distress_share:avg",
    "respondent_ref:count_distinct",
    "respondent_ref:count_distinct",
    "account_ref:count_distinct",
]
MEASURE_NAMES = ["priority_index", "distress_share", "respondents", "accounts"]


def _read_sets(env, domain, groupings):
    """The priority analysis's measures over ``domain`` (of the review and
    attribute level) for each grouping (a tuple of field names) of
    ``groupings``, in one query with GROUPING SETS: like one ``_read_group`` of
    qsr.report.response.line per grouping, with ids instead of records; from
    its sums per review and attribute, or from its lines while some sums lag
    behind them.

    Returns ``{grouping: frame}``, each frame with the grouping's columns (ids,
    or None) then ``MEASURE_NAMES``."""
    Lines = env["qsr.report.response.line"]
    if env["qsr.report.review.attribute"]._is_current():
        Lines.browse().check_access("read")
        rules = [] if env.su else env["ir.rule"]._compute_domain(Lines._name)
        Report = env["qsr.report.review.attribute.analysis"].sudo()
        query = Report._search(expression.AND([domain, rules]))
        measures = SUMS_MEASURES
    else:
        Report = Lines
        query = Report._search(domain)
        measures = LINES_MEASURES
    names = list(dict.fromkeys(name for grouping in groupings for name in grouping))
    terms = {name: Report._field_to_sql(Report._table, name, query) for name in names}
    query.groupby = SQL(
        "GROUPING SETS (%s)",
        SQL(", ").join(
            SQL("(%s)", SQL(", ").join(terms[name] for name in grouping))
            for grouping in groupings
        ),
    )
    rows = Report.env.execute_query(
        query.select(
            *terms.values(),
            SQL("GROUPING(%s)", SQL(", ").join(terms.values())),
            *(Report._read_group_select(spec, query) for spec in measures),
        )
    )
    # GROUPING() sets the bit of each column left out of the row's grouping,
    # the first column being the most significant bit
    masks = {
        sum(1 << (len(names) - 1 - i) for i, n in enumerate(names) if n not in g): g
        for g in groupings
    }
    found = {grouping: [] for grouping in groupings}
    for row in rows:
        grouping = masks[row[len(names)]]
        values = dict(zip(names, row[: len(names)], strict=True))
        priority, distress, lines, responses, accounts = row[len(names) + 1 :]
        # respondents: one line each per attribute, else each response once
        respondents = lines if "attribute_id" in grouping else responses
        found[grouping].append(
            (
                *(values[name] for name in grouping),
                priority,
                distress,
                respondents,
                accounts,
            )
        )
    return {
        grouping: pd.DataFrame(found[grouping], columns=[*grouping, *MEASURE_NAMES])
        for grouping in groupings
    }


def portfolio_frames(env, wave, dimensions):
    """Attribute x each of ``dimensions`` (``tier_id``, ``account_id``) in
    ``wave``, from one scan of the analysis.

    Returns ``{dimension: (matrix, counts, dims)}``: ``matrix`` has one row per
    attribute (``area``, ``attribute``, one column ``d_<id>`` per dimension
    value with the priority index, then ``all`` with the whole wave's priority
    index, ``all_distress`` and ``all_respondents``); ``counts`` has the rows
    ``Respondents`` and ``Accounts`` (in its ``attribute`` column) per
    dimension value and for ``all``; ``dims`` lists ``(column key, label)`` of
    the dimension values, in their order.
    """
    Report = env["qsr.report.response.line"]
    groupings = [
        *(("attribute_id", dimension) for dimension in dimensions),
        ("attribute_id",),
        *((dimension,) for dimension in dimensions),
        (),
    ]
    frames = _read_sets(env, [("wave_id", "=", wave.id)], groupings)
    overall = frames[("attribute_id",)]
    attributes = env["qsr.grid.attribute"].browse(overall["attribute_id"].tolist())
    base = pd.DataFrame(
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
