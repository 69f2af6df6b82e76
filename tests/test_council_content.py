"""A council's own content keeps `make test` green: in a copy of the project with a third protocol
beside the examples, and in one with the examples replaced by it, every test that reads source/
passes.

Which tests read source/ conftest works out from what each reaches (the `sources` marker: the
`sources`, `built_site` and `served_site` fixtures, `source_protocols()`, a path into source/, a
build of the whole checkout); the other tests give the same result whatever source/ holds, so
the copies run only these (`pytest -m sources`), each with its own site built once; the copy with
the examples kept leaves out the tests of each protocol's own documents and of the build's own
behaviours (``ONE_PROTOCOL_EACH``), which the other two runs hold between them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, ROOT, build_project
from test_browser import CHECKED_SITE

# Set in the nested run, so that it does not run this test again.
NESTED = "CLAUSEBOOK_NESTED_SUITE"
THIRD = FIXTURES / "valid" / "lowfield.yaml"
# What the copy that keeps the examples leaves to the runs that hold each protocol already (this
# one for the examples, the copy that replaces them for the third): each protocol's own documents
# (its PDFs, its Word files, their import), made from that protocol alone and byte for byte the same
# whatever stands beside it; and the build's own behaviours (every section page made, a mistake
# stopping the build and keeping the old site, the installed wheel, a warm rebuild giving the cold
# build's site), which a third protocol beside the others does not change.
ONE_PROTOCOL_EACH = ("tests/test_print.py", "tests/test_docx.py", "tests/test_import.py", "tests/test_build.py",
                     "tests/test_packaging.py", "tests/test_warm.py")
LEFT_OUT = {".git", ".venv", "site", ".site-build", ".site-old", ".pytest_cache", ".ruff_cache", ".hypothesis"}

pytestmark = [pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="this is the nested run"),
              pytest.mark.slow]


def copy_project(destination: Path) -> Path:
    """The checkout as it is (uncommitted work included), using this checkout's virtualenv."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == ROOT
        return {n for n in names if (top and n in LEFT_OUT) or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(ROOT, destination, ignore=ignore)
    shutil.rmtree(destination / "benchmarks" / "out", ignore_errors=True)
    (destination / ".venv").symlink_to(Path(sys.prefix))
    return destination


def run_suite(project: Path, checked_sites: list[Path], left: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    """The tests of `make test` that read source/, but for the ``left`` modules, run in the copy (in
    one process: the outer run keeps the other core busy)."""
    command = [str(project / ".venv" / "bin" / "python"), "-m", "pytest", "-v", "-p", "no:cacheprovider",
               "-m", "sources", "-p", "no:xdist", *(f"--ignore={module}" for module in left)]
    environment = {**os.environ, NESTED: "1", "PYTHONPATH": str(project / "hooks"),
                   CHECKED_SITE: os.pathsep.join(map(str, checked_sites))}
    environment = {name: value for name, value in environment.items() if not name.startswith("PYTEST_XDIST")}
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=900)


def outcome(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n{done.stdout[-6000:]}\n{done.stderr[-3000:]}"


def check_the_suite_passes(tmp_path: Path, built_site: Path, examples: str) -> None:
    """The tests that read source/ pass in a copy of the project with a council's protocol beside
    the examples (``kept``) or in place of them (``replaced``), and took the new protocol in. Its
    browser survey leaves to the other runs the pages that are theirs but for their navigation and
    footer (test_browser.survey)."""
    project = copy_project(tmp_path / "project")
    if examples == "replaced":
        for path in [*(project / "source").rglob("*.yaml"), *(project / "source").rglob("*.yml")]:
            path.unlink()
    shutil.copy2(THIRD, project / "source" / THIRD.name)

    checked = [built_site]
    if examples == "kept":  # (the handbook of the third alone: the copy that replaces the examples surveys it)
        checked.append(build_project(tmp_path / "third-alone", [THIRD]))
    done = run_suite(project, checked, ONE_PROTOCOL_EACH if examples == "kept" else ())
    assert done.returncode == 0, outcome(done)
    assert " passed" in done.stdout.splitlines()[-1], outcome(done)
    # The generic tests took the new protocol in.
    assert "test_dataset_rebuilds_each_protocol_text_in_order[lowfield] PASSED" in done.stdout, outcome(done)
    ran_examples = f"test_dataset_rebuilds_each_protocol_text_in_order[{EXAMPLES[0]}] PASSED" in done.stdout
    assert ran_examples == (examples == "kept"), outcome(done)


# One class each, so that `make test` (pytest-xdist, --dist loadscope) runs the two copies on
# different workers, each beside the other tests.
class TestBesideTheExamples:
    def test_the_suite_passes_with_a_council_protocol(self, tmp_path, built_site):
        check_the_suite_passes(tmp_path, built_site, "kept")


class TestInPlaceOfTheExamples:
    def test_the_suite_passes_with_a_council_protocol(self, tmp_path, built_site):
        check_the_suite_passes(tmp_path, built_site, "replaced")
