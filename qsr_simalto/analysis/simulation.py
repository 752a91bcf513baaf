"""Plausible Simalto answers for demo data and synthetic portfolios, without a database.

A respondent's answers follow from how well the account is served in each area
(``quality``, 0..1) and how much each attribute matters to them (``importance``,
0..1): today's level tracks the quality, the acceptable level rises with the
importance, the ideal lies above both, and the budget goes, round by round, to the
most important rows first, one level at a time, while points remain.
"""

import numpy as np


def simulate_respondent(rows, budgets, quality, importance, rng):
    """Answers of one respondent.

    rows: one per attribute, a list of (level_id, cost) from worst to best.
    budgets: points added per round.
    quality, importance: one value in 0..1 per row.
    Returns one dict per row: ``current``, ``acceptable``, ``ideal`` (level ids)
    and ``rounds`` (the level id after each round).
    """
    counts = np.array([len(levels) for levels in rows])
    top = counts - 1
    noise = rng.normal(0, 0.6, len(rows))
    current = np.clip(np.rint(np.asarray(quality) * top + noise), 0, top).astype(int)
    lift = np.rint(np.asarray(importance) * 2 - 0.7 + rng.normal(0, 0.5, len(rows)))
    acceptable = np.clip(current + lift, 0, top).astype(int)
    ideal = np.minimum(
        np.maximum(current, acceptable) + rng.integers(0, 2, len(rows)), top
    )

    costs = [np.array([cost for _level, cost in levels]) for levels in rows]
    order = np.argsort(-np.asarray(importance), kind="stable")
    position = current.copy()
    spent, available, after = 0.0, 0.0, []
    for budget in budgets:
        available += budget
        moved = True
        while moved:
            moved = False
            for i in order:
                if position[i] >= max(ideal[i], acceptable[i]):
                    continue
                step = costs[i][position[i] + 1] - costs[i][position[i]]
                if spent + step <= available:
                    position[i] += 1
                    spent += step
                    moved = True
                    break
        after.append(position.copy())

    return [
        {
            "current": rows[i][current[i]][0],
            "acceptable": rows[i][acceptable[i]][0],
            "ideal": rows[i][ideal[i]][0],
            "rounds": [rows[i][positions[i]][0] for positions in after],
        }
        for i in range(len(rows))
    ]
