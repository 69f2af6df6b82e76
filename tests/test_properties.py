"""Any bytes in, a located error or a valid model out, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausebook.format.loading import load_text
from clausebook.format.schema import SchemaChecker
from clausebook.format.validation import format_problem, validate
from conftest import FIXTURES

VALID = (FIXTURES / "valid" / "every-construct.yaml").read_bytes()
SCHEMA = SchemaChecker()
YAMLISH = st.sampled_from(list(b" \n\t:-[]{}&*!#'\"|>?,%@`~+\x00\xa0") + [b"\xe2\x80\xae"[i] for i in range(3)])


def check(path: Path) -> None:
    result = validate([str(path)], schema=SCHEMA)
    for problem in result.problems:
        assert problem.line is not None and problem.line >= 1
        assert problem.column is not None and problem.column >= 1
        assert "\n" not in format_problem(problem)
    assert result.ok == (not result.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path, data):
    path = tmp_path / "any.yaml"
    path.write_bytes(data)
    check(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.binary(max_size=3) | st.lists(
    YAMLISH, max_size=3).map(bytes)), min_size=1, max_size=4))
def test_mutated_valid_file(tmp_path, edits):
    data = bytearray(VALID)
    for position, cut, insert in edits:
        data[position : position + cut] = insert
    path = tmp_path / "mutated.yaml"
    path.write_bytes(bytes(data))
    check(path)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    data, problems = load_text(text, "t.yaml")
    assert data is not None or problems
