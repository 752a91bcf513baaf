"""The portfolio generator on a grid with a price row: everybody today "as
now", the risers' rise in round 1, and the stored willingness to pay and price
rise follow the ORM's formulas (qsr.response.line._compute_wtp). No database."""

import numpy as np
import pandas as pd
import simalto_engine
from test_portfolio_generator import BUDGETS, LEVELS, _answers, gen

# attribute 4 as the price row: +10% (-4 points), as now (0), -2%, -4%, ...
PRICE_ROW = 4
AS_NOW = 1  # its position (0-based) among the row's levels
PRICE_CHANGE = {41: 10.0, 42: 0.0, 43: -2.0, 44: -4.0, 45: -6.0, 46: -8.0}


def test_price_row_answers_are_as_now_but_for_the_risers():
    answers, _lines = _answers(respondents=20)
    risers = np.zeros(20, dtype=bool)
    risers[[2, 7]] = True
    gen.price_row_answers(answers, PRICE_ROW - 1, AS_NOW, AS_NOW - 1, risers)
    column = PRICE_ROW - 1
    assert (answers["current"][:, column] == AS_NOW).all()
    assert answers["acceptable"][risers, column].tolist() == [0, 0]
    assert (answers["acceptable"][~risers, column] == AS_NOW).all()
    for positions in answers["rounds"]:
        assert positions[risers, column].tolist() == [0, 0]
        assert (positions[~risers, column] == AS_NOW).all()


def test_priced_columns_follow_the_orm_formulas(check_lines):
    answers, _lines = _answers(respondents=30)
    risers = np.arange(30) % 5 == 0
    gen.price_row_answers(answers, PRICE_ROW - 1, AS_NOW, AS_NOW - 1, risers)
    _rows, level_ids, _costs, _counts = gen.grid_arrays(
        LEVELS, pd.DataFrame({"attribute_id": [1, 2, 3, 4]})
    )
    lines = gen.answer_frame(np.arange(1, 31), [1, 2, 3, 4], level_ids, answers)
    stored = gen.stored_line_columns(LEVELS, lines, BUDGETS)
    revenue = np.repeat(np.arange(1, 31) * 1000.0, 4)
    point_value = 18 / 26  # (10 - (-8)) / (22 - (-4))
    priced = gen.priced_line_columns(
        lines, stored, PRICE_ROW, PRICE_CHANGE, point_value, revenue, round
    )
    pairs = zip(lines.itertuples(), stored.itertuples(), strict=True)
    for i, (line, row) in enumerate(pairs):
        expected = (
            0.0
            if line.attribute_id == PRICE_ROW
            else round(max(0.0, row.points_total) * point_value / 100 * revenue[i])
        )
        assert priced["wtp"].iloc[i] == expected
        assert priced["price_rise"].iloc[i] == (
            line.attribute_id == PRICE_ROW and PRICE_CHANGE[row.final_level_id] > 0
        )
    assert priced["price_rise"].sum() == risers.sum()
    # the answers stay valid: the risers' release keeps every round in budget
    attributes = pd.DataFrame(
        {
            "attribute_id": [1, 2, 3, 4],
            "attribute_name": ["A", "B", "C", "Price"],
            "allow_reduction": [False, False, False, True],
        }
    )
    for _rid, group in lines.groupby("response_id"):
        assert check_lines(LEVELS, attributes, group, BUDGETS) == []
    assert "norm_competitor" in stored
    assert (stored["norm_competitor"] == 0.0).all()
    assert simalto_engine.price_point_value([(10, -4), (-8, 22)]) == point_value
