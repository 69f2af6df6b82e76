"""The README's example of a protocol is a valid protocol."""

from __future__ import annotations

import re

from clausebook.format.validation import validate
from conftest import ROOT


def test_readme_example_validates(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Writing a protocol.*?```yaml\n(.*?)```", readme, re.DOTALL).group(1)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = validate([str(path)])
    assert [f"{p.line}:{p.column}: {p.message}" for p in result.problems] == []
