"""Shared paths and helpers for the tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "hooks"))

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def sources():
    """The project's own protocols, loaded and validated once."""
    from clausebook.project import validate

    result = validate([str(ROOT / "source")])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    return {protocol.id: protocol for protocol in result.protocols}
