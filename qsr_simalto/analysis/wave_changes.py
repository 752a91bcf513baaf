"""What changed between two waves of the same grid, without a database.

Both inputs are frames of weighted figures (as the priority analysis
aggregates them) with one row per key, the key being a service aspect, or an
account and a service aspect: ``norm_current`` (weighted mean level received
today, 0-1), ``distress_share`` (weighted share of the respondents below
their acceptable level) and ``priority_index``. ``changes`` puts the two side
by side and names each row's move:

- ``newly_distressed``: nobody was in distress before, someone is now;
- ``no_longer_distressed``: someone was in distress before, nobody is now;
- ``improved`` / ``worsened``: the level received today rose or fell by at
  least ``threshold`` (a share of the row's range, 0-1);
- ``unchanged``: none of these;
- ``new_row``: no figure before (a row added in a new version of the grid, or
  the first answer); ``dropped_row``: no figure now.

Distress moves come first: a row can improve and still enter distress when a
contact raised their acceptable level.
"""

import numpy as np
import pandas as pd

FIGURES = ("norm_current", "distress_share", "priority_index")
CHANGES = (
    "newly_distressed",
    "no_longer_distressed",
    "worsened",
    "improved",
    "unchanged",
    "new_row",
    "dropped_row",
)
# a move smaller than a twentieth of a row's range is noise of two samples
DEFAULT_THRESHOLD = 0.05


def _changes(table, threshold):
    """The ``change`` of each row of ``table``, in the order of the module's
    docstring: the first that holds wins."""
    before, after = table["distress_share_before"], table["distress_share_after"]
    delta = table["norm_current_delta"]
    moves = {
        "new_row": before.isna(),
        "dropped_row": after.isna(),
        "newly_distressed": (before == 0) & (after > 0),
        "no_longer_distressed": (before > 0) & (after == 0),
        "improved": delta >= threshold,
        "worsened": delta <= -threshold,
    }
    change = np.select(list(moves.values()), list(moves), default="unchanged")
    return pd.Series(change, index=table.index, dtype=object)


def changes(before, after, threshold=DEFAULT_THRESHOLD):
    """``before`` and ``after`` indexed by the same key, columns FIGURES.
    Returns one row per key of either, with ``<figure>_before``,
    ``<figure>_after``, ``<figure>_delta`` (after - before) and ``change``
    (one of CHANGES), sorted by the size of the move in ``norm_current``,
    largest first."""
    table = before[list(FIGURES)].join(
        after[list(FIGURES)], how="outer", lsuffix="_before", rsuffix="_after"
    )
    for figure in FIGURES:
        table[f"{figure}_delta"] = table[f"{figure}_after"] - table[f"{figure}_before"]
    table["change"] = _changes(table, threshold)
    order = table["norm_current_delta"].abs().fillna(-1)
    return (
        table.assign(_order=order)
        .sort_values("_order", ascending=False)
        .drop(columns="_order")
    )
