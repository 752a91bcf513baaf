"""Database-free tests: import the Simalto engine as ``simalto_engine``."""

import sys
from pathlib import Path

import pandas as pd
import pytest

ANALYSIS = Path(__file__).resolve().parents[2] / "qsr_simalto" / "analysis"
sys.path.insert(0, str(ANALYSIS))

import simalto_engine  # noqa: E402 (found on the path above)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Replace pytest-odoo's autouse fixture (when installed): no database here."""


@pytest.fixture
def check_lines():
    """``check_lines(levels, attributes, lines, budgets)``: the engine's checks
    (``check_rows``) of the lines of one response given as frames, called with
    the plain values the Odoo models pass; attributes are named by the frame."""
    return _check_lines


def _check_lines(levels, attributes, lines, budgets):
    level_rows = levels[list(simalto_engine.LEVEL_COLUMNS)].itertuples(
        index=False, name=None
    )
    level_of = simalto_engine.level_ranks(list(level_rows))
    info = attributes.set_index("attribute_id")
    ids = {
        column: [
            None if pd.isna(level) else int(level)
            for level in lines.get(column, [None] * len(lines))
        ]
        for column in simalto_engine.level_columns(len(budgets))
    }
    return simalto_engine.check_rows(
        level_of,
        info["allow_reduction"].to_dict(),
        lines["attribute_id"].tolist(),
        ids,
        budgets,
        info["attribute_name"].to_dict().get,
    )
