"""Database-free tests: import the Simalto engine as ``simalto_engine``."""

import sys
from pathlib import Path

import pytest

ANALYSIS = Path(__file__).resolve().parents[2] / "qsr_simalto" / "analysis"
sys.path.insert(0, str(ANALYSIS))


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Replace pytest-odoo's autouse fixture (when installed): no database here."""
