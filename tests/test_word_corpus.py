"""Word in, for the documents councils really have: a corpus of Word documents, each built the way
real ones are, and the source an author would write for each, by hand.

Each document in tests/fixtures/word/ is one of

- ``<name>.fodt``: a flat OpenDocument text written by hand, which LibreOffice turns into the
  .docx that is imported (one LibreOffice run converts them all);
- ``<name>/``: the parts of a .docx written by hand in the shapes Microsoft Word itself writes
  (``[Content_Types].xml``, ``_rels/.rels``, ``word/document.xml`` …), zipped as they are;

with ``<name>.expected.yaml``, the source file an author would write for it, and optionally
``<name>.warnings``: one line for each warning the import must give (words the warning must
contain); any other warning fails the test, as does a missing one.

The import and the expected source are compared reading by reading (every change accepted, every
change rejected): sections, clauses and blocks in the same places with the same numbers,
designations, headings, labels and words, notes included; numbers and labels character for
character. Ids are not compared (an import makes
its own), and words are compared as words (emphasis and link targets aside).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from office_support import converted
from test_import import source_data, validated
from text_support import tokens

WORD = FIXTURES / "word"
EXPECTED = ".expected.yaml"
# What the comparison leaves aside: ids, which an import makes for itself.
UNCOMPARED = frozenset({"id"})
# What it compares character for character, as printed: numbers and labels ("(a)" is not "a.").
EXACT = frozenset({"number", "was", "designation", "label", "printed_number"})
# The protocol's details the comparison reads; the others (its id, dates) are the author's to add.
PROTOCOL_DETAILS = ("title", "council", "status")


def corpus() -> list[str]:
    """Every document of the corpus, by name: each expected source's."""
    return sorted(path.name.removesuffix(EXPECTED) for path in WORD.glob(f"*{EXPECTED}"))


def written_by_hand(name: str) -> bool:
    return (WORD / name).is_dir()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each document of the corpus as the .docx the import reads."""
    folder = tmp_path_factory.mktemp("corpus")
    files = {name: folder / f"{name}.docx" for name in corpus()}
    for name, path in files.items():
        if written_by_hand(name):
            path.write_bytes(zipped(WORD / name))
    flat = [name for name in corpus() if not written_by_hand(name)]
    if flat:
        converted([WORD / f"{name}.fodt" for name in flat], folder, "docx")
    return files


def zipped(folder: Path) -> bytes:
    """The package of the parts under ``folder``, [Content_Types].xml first (as Word writes it)."""
    parts = sorted((path for path in folder.rglob("*") if path.is_file()),
                   key=lambda path: (path.name != "[Content_Types].xml", str(path)))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for path in parts:
            package.writestr(path.relative_to(folder).as_posix(), path.read_bytes())
    return output.getvalue()


# The comparison

def comparable(value: Any) -> Any:
    """``value`` as the comparison reads it: strings as their words (numbers and labels as
    printed), ids left out."""
    from clausebook.format import markup

    if isinstance(value, str):
        return tuple(tokens(markup.plain(value)))
    if isinstance(value, list):
        return [comparable(entry) for entry in value]
    if isinstance(value, dict):
        return {key: entry if key in EXACT and isinstance(entry, str) else comparable(entry)
                for key, entry in value.items() if key not in UNCOMPARED}
    return value


def reading(data: dict[str, Any], resolve: Any) -> dict[str, Any]:
    """One reading of a source's data (``resolve`` is revisions.accept or .reject), comparable."""
    resolved = resolve(json.loads(json.dumps(data)))
    protocol = {key: resolved["protocol"].get(key) for key in PROTOCOL_DETAILS}
    return comparable({"protocol": protocol, "sections": resolved["sections"]})


def differences(got: Any, expected: Any, at: str = "") -> list[str]:
    """Where two comparable values differ, each as its path and both values (at most ten)."""
    if isinstance(got, dict) and isinstance(expected, dict):
        found = []
        for key in [*expected, *(key for key in got if key not in expected)]:
            if key not in got:
                found.append(f"{at}.{key}: missing, expected {shown(expected[key])}")
            elif key not in expected:
                found.append(f"{at}.{key}: {shown(got[key])}, expected nothing")
            else:
                found += differences(got[key], expected[key], f"{at}.{key}")
        return found[:10]
    if isinstance(got, list) and isinstance(expected, list):
        found = []
        for index, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
            found += differences(mine, theirs, f"{at}[{index}]")
        if len(got) != len(expected):
            found.append(f"{at}: {len(got)} entries, expected {len(expected)}; "
                         f"{'extra ' + shown(got[len(expected):]) if len(got) > len(expected) else ''}")
        return found[:10]
    return [] if got == expected else [f"{at}: {shown(got)}, expected {shown(expected)}"]


def shown(value: Any) -> str:
    text = " ".join(value) if isinstance(value, tuple) else repr(value)
    return text if len(text) <= 160 else text[:157] + "…"


# The tests

@pytest.mark.parametrize("name", corpus())
def test_the_import_reads_the_document_as_its_author_would_write_it(name: str, documents: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    from clausebook.authoring import revisions
    from clausebook.authoring.importing import importer

    result = importer.import_docx(documents[name])
    assert not [problem for problem in result.problems if not problem.warning], result.problems
    validated(result.data, tmp_path)
    expected = source_data(WORD / f"{name}{EXPECTED}")
    for resolve in (revisions.accept, revisions.reject):
        found = differences(reading(result.data, resolve), reading(expected, resolve))
        assert not found, (resolve.__name__, *found)

    warnings = [problem.message for problem in result.problems if problem.warning]
    wanted_file = WORD / f"{name}.warnings"
    wanted = [line.strip() for line in wanted_file.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if wanted_file.exists() else []
    unmatched = [message for message in warnings if not any(words in message for words in wanted)]
    missing = [words for words in wanted if not any(words in message for message in warnings)]
    assert not unmatched and not missing, {"unexpected warnings": unmatched, "warnings not given": missing}


def test_the_corpus_is_the_size_and_kinds_promised() -> None:
    """At least twelve documents, at least four of them Word's own XML written by hand, and each
    expected source a valid source file."""
    from clausebook.format.validation import validate

    names = corpus()
    assert len(names) >= 12, names
    assert sum(map(written_by_hand, names)) >= 4, names
    for name in names:
        assert written_by_hand(name) or (WORD / f"{name}.fodt").exists(), f"{name}: no document beside its source"
    result = validate([str(WORD / f"{name}{EXPECTED}") for name in names])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems if not p.warning]
