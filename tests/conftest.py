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


def build_site(destination: Path, *extra: str) -> Path:
    """A real `mkdocs build --strict` of this checkout into ``destination``."""
    import subprocess

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination),
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook, built once for the session."""
    return build_site(tmp_path_factory.mktemp("site") / "site")
