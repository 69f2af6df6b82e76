"""Example files drive the validator: every valid fixture passes, every invalid fixture gives
exactly the located messages written at its end (`# expect: LINE:COLUMN: message`)."""

from __future__ import annotations

import re

import pytest

from clausebook.cli import main
from conftest import FIXTURES

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (.*)$", re.MULTILINE)


def run(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str, str]:
    code = main(["validate", *paths])
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_fixtures_pass(capsys):
    code, out, err = run(capsys, str(FIXTURES / "valid"))
    assert (code, err) == (0, "")
    assert out.strip().endswith(": valid")
    assert len(out.strip().splitlines()) == 1


def test_enough_invalid_cases():
    assert len(INVALID) >= 30


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_its_message(path, capsys):
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} states no expected message"
    code, out, err = run(capsys, str(path))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [f"{path}:{line}" for line in expected]
