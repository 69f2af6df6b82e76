"""Word in (`clausebook import`): a Word document becomes a draft source file that validates.

Two writers make the documents: clausebook's own (`docx.document`, tracked, every bookmark
stripped so that nothing it hid can help), for the examples and for every valid fixture, whose
import must accept and reject to the same numbers, headings and words, clause by clause, as the
source it came from; and LibreOffice,
which turns a flat-ODT fixture written by hand (automatic multi-level numbering, a nested list,
a table with a header row, tracked insertions and deletions) into a .docx, whose import must
show the numbers LibreOffice itself shows, the structure and the changes.

A "clause" in the comparison is a section, or a clause with a number, designation or heading,
with the words of everything up to the next one: a Word document does not show where one
unnumbered paragraph's clause ends and the next begins, so those are compared as the words
they hold.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT, needs_examples
from office_support import office
from text_support import tokens

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = FIXTURES / "word"
EXAMPLES = {"kirklees": ROOT / "source" / "kirklees.yaml", "somerset": ROOT / "source" / "somerset.yaml",
            "caerwen": FIXTURES / "valid" / "caerwen.yaml"}
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
TIMES: dict[str, float] = {}


# The comparison

# (the number and heading's words, the words under it, the titles of the documents it cites)
Unit = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def printed_names(data: dict[str, Any]) -> dict[str, str]:
    """Each numbered clause's id → how a printed cross-reference names it ("paragraph 13.3"):
    `clausebook docx` adds the name after a link whose words do not give it, as the print page does."""
    names = {}

    def walk(clauses: list[dict[str, Any]], parent: str | None) -> None:
        for clause in clauses:
            number = clause.get("number")
            shown = f"{parent}{number}" if number and number.startswith("(") and parent else number
            designation = clause.get("designation")
            if designation and designation[:1].isalpha():  # in words: "Table 1"
                names[clause["id"]] = designation
            elif shown:  # a designation that prints the number ("11.—(1)") is cited by it
                names[clause["id"]] = f"paragraph {shown}"
            walk(clause.get("clauses", []), number or parent)

    for section in data["sections"]:
        walk(section.get("clauses", []), section.get("number"))
    return names


def outline(data: dict[str, Any], names: dict[str, str] | None = None) -> list[Unit]:
    """Each section and each clause with a number, designation or heading, in document order:
    its number (a bracketed one read after its parent's, as a heading prints it) and heading,
    the words of every text up to the next one (labels and cells included; editorial notes left
    out), and the documents they cite. With ``names`` (``printed_names``), links are read as
    the Word document prints them."""
    from clausebook.format import markup

    documents = data.get("documents", {})
    units: list[list[Any]] = []

    def printed(match: re.Match[str]) -> str:
        label, target = match.group(2), match.group(3)
        name = (names or {}).get(target.rpartition("#")[2])
        words = markup.plain(label)
        return f"{label} ({name})" if name and name not in words and not markup.numbers_named(words) else label

    def words(value: Any) -> list[str]:
        if not isinstance(value, str):
            return []
        return tokens(markup.plain(markup.LINK.sub(printed, value) if names is not None else value))

    def start(number: str | None, heading: str | None) -> None:
        units.append([(*words(number or ""), *words(heading or "")), [], []])

    def add(value: Any) -> None:
        if not units:
            start(None, None)
        units[-1][1].extend(words(value))

    def items(listed: list[Any]) -> None:
        for item in listed:
            if isinstance(item, str):
                add(item)
                continue
            add(item.get("label"))
            add(item.get("text"))
            add(item.get("omitted"))
            items(item.get("items", []))
            tail(item.get("tail"))

    def tail(value: Any) -> None:
        """A tail's words, and the items it introduces with their own tail."""
        if isinstance(value, dict):
            add(value.get("text"))
            items(value.get("items", []))
            tail(value.get("tail"))
        else:
            add(value)

    def block(entry: dict[str, Any]) -> None:
        add(entry.get("lead"))
        for key in ("text", "quote", "gap"):
            add(entry.get(key))
        if entry.get("source"):
            add(entry["source"])
        items(entry.get("items", []))
        tail(entry.get("tail"))
        for definition in entry.get("definitions", []):
            add(definition.get("label"))
            add(definition["term"])
            for variant in definition.get("variants", []):
                add(variant["term"])
            add(definition.get("text"))
            items(definition.get("items", []))
            tail(definition.get("tail"))
        if "table" in entry:
            columns = entry["table"]["columns"]
            add(entry["table"].get("caption"))
            for column in columns.values():
                add(column["label"])
            for row in entry["table"]["rows"]:
                for key in columns:
                    cell = row.get(key)
                    if isinstance(cell, dict):  # a cell with a lead-in: a list block's shape
                        block(cell)
                    else:
                        add(cell) if isinstance(cell, str) else items(cell or [])

    def clause(entry: dict[str, Any], parent: str | None) -> None:
        number = entry.get("number")
        shown = entry.get("designation") or (f"{parent}{number}" if number and number.startswith("(") and parent
                                             else number)
        heading = entry.get("heading") or entry.get("subheading")
        if shown or heading:
            start(shown, heading)
        if entry.get("optional"):
            add(entry.get("optional_note"))
        add(entry.get("text"))
        add(entry.get("gap"))
        for entry_block in entry.get("body", []):
            block(entry_block)
        units[-1][2].extend(documents[cited]["title"] for cited in entry.get("cites", []))
        for child in entry.get("clauses", []):
            clause(child, number if number else parent)

    for section in data["sections"]:
        start(section.get("designation") or section.get("number"), section.get("title"))
        for child in section.get("clauses", []):
            clause(child, section.get("number"))
    return [(tuple(marker), tuple(under), tuple(cited)) for marker, under, cited in units]


def differences(got: list[Unit], expected: list[Unit]) -> list[str]:
    """Where two outlines differ, unit by unit (at most ten)."""
    found = []
    for index, (mine, theirs) in enumerate(zip(got, expected, strict=False)):
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine[1], theirs[1], strict=False)) if a != b), 0)
            found.append(f"unit {index}: {' '.join(mine[0])!r} …{' '.join(mine[1][at:at + 12])!r} {mine[2]}\n"
                         f"   expected {' '.join(theirs[0])!r} …{' '.join(theirs[1][at:at + 12])!r} {theirs[2]}")
    if len(got) != len(expected):
        found.append(f"{len(got)} units, expected {len(expected)}")
    return found[:10]


# The documents

def strip_bookmarks(document: bytes) -> bytes:
    """The .docx with every bookmark taken out of its document.xml."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(document))
    root = etree.fromstring(source.read("word/document.xml"))
    for mark in list(root.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd")):
        mark.getparent().remove(mark)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as written:
        for name in source.namelist():
            written.writestr(name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                             if name == "word/document.xml" else source.read(name))
    return output.getvalue()


def tracked_documents(paths: list[Path], folder: Path) -> dict[str, Path]:
    """Each protocol of ``paths`` (validated together) as clausebook's tracked .docx in
    ``folder``, bookmarks stripped, by protocol id."""
    from clausebook.context import Context
    from clausebook.format.validation import validate
    from clausebook.outputs.html import one_page
    from clausebook.outputs.word import docx

    result = validate([str(path) for path in paths])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    context = Context.of(result.protocols)
    files = {}
    for protocol in result.protocols:
        path = folder / f"{protocol.id}.docx"
        path.write_bytes(strip_bookmarks(docx.document(context, protocol, "tracked", one_page(context))))
        files[protocol.id] = path
    return files


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example protocol as clausebook's tracked .docx, bookmarks stripped."""
    present = [path for path in EXAMPLES.values() if path.exists()]
    return tracked_documents(present, tmp_path_factory.mktemp("import"))


def imported(path: Path) -> dict[str, Any]:
    """The import of ``path``, timed, after checking that it validates (as the file the command writes)."""
    from clausebook.authoring.importing import importer

    started = time.perf_counter()
    result = importer.import_docx(path)
    TIMES[path.stem] = time.perf_counter() - started
    assert not [p for p in result.problems if not p.warning], result.problems
    return result.data


def validated(data: dict[str, Any], folder: Path) -> Any:
    """Validates ``data`` written as a source file; gives the validation's result."""
    from clausebook.authoring import writer
    from clausebook.format.validation import validate

    path = folder / f"{data['protocol']['id']}.yaml"
    path.write_text(writer.dump(data), encoding="utf-8")
    result = validate([str(path)])
    assert result.ok, [f"{p.line}:{p.column}: {p.message}" for p in result.problems]
    return result


def source_data(path: Path) -> dict[str, Any]:
    from clausebook.format.loading import load_file

    data, problems = load_file(path, str(path))
    assert data is not None, problems
    return data


# The round trip through clausebook's own documents

def assert_round_trip(source_path: Path, document: Path, folder: Path) -> None:
    """The import of ``document`` (written from ``source_path``) validates, is a proposed
    revision exactly when the source has changes, and accepts and rejects to the source's outline."""
    from clausebook.authoring import revisions

    source = source_data(source_path)
    data = imported(document)
    validated(data, folder)
    expected_status = "proposed-revision" if revisions.has_changes(source) else "draft"
    assert data["protocol"]["status"] == expected_status
    names = printed_names(revisions.accept(json.loads(json.dumps(source))))
    for resolve in (revisions.accept, revisions.reject):
        got, expected = outline(resolve(json.loads(json.dumps(data)))), outline(resolve(json.loads(json.dumps(source))),
                                                                                names)
        assert got == expected, (resolve.__name__, differences(got, expected))


@pytest.mark.parametrize("name", [pytest.param("kirklees", marks=needs_examples("kirklees")),
                                  pytest.param("somerset", marks=needs_examples("somerset"))])
def test_the_import_accepts_and_rejects_to_the_source(name: str, exported: dict[str, Path], tmp_path: Path) -> None:
    assert_round_trip(EXAMPLES[name], exported[name], tmp_path)


# (each fixture on its own, as `clausebook docx FILE` reads it; a fixture added later is covered)
@pytest.mark.parametrize("path", VALID, ids=[path.stem for path in VALID])
def test_every_valid_fixture_imports_back_to_its_source(path: Path, tmp_path: Path) -> None:
    (document,) = tracked_documents([path], tmp_path).values()
    assert_round_trip(path, document, tmp_path)


def test_a_welsh_text_imports_back_to_its_source(tmp_path: Path) -> None:
    """`clausebook docx` of a Welsh text writes clausebook's words in Welsh ("Yn cyfeirio at:"), and
    the import reads them back as it reads the English."""
    welsh = FIXTURES / "bilingual" / "llanfair-teg.cy.yaml"
    (document,) = tracked_documents([welsh], tmp_path).values()
    with zipfile.ZipFile(document) as package:
        assert "Yn cyfeirio at:" in package.read("word/document.xml").decode()
    assert_round_trip(welsh, document, tmp_path)
    data = imported(document)
    assert data["sections"][0]["clauses"][0]["clauses"][0].get("cites")
    assert data["protocol"]["language"] == "cy"  # (from the document's properties)


@needs_examples("kirklees")
def test_a_renumbering_is_number_and_was_and_whole_changes_are_elements(exported: dict[str, Path]) -> None:
    data = imported(exported["kirklees"])
    sections = {section["title"]: section for section in data["sections"]}
    cabinet = next(s for title, s in sections.items() if "Cabinet and Officers" in title)
    assert (cabinet["number"], cabinet["was"]) == ("6", "4")
    assert [(c["number"], c.get("was")) for c in cabinet["clauses"]][:2] == [("6.1", "4.1"), ("6.2", "4.2")]
    assert cabinet["title"].startswith("{--Executive Councillors and Officers--}")
    clauses = [clause for section in data["sections"] for clause in _walk(section.get("clauses", []))]
    inserted_tables = [block for c in clauses for block in c.get("body", []) if "table" in block
                       and "inserted" in (c.get("change"), block.get("change"))]
    assert len(inserted_tables) == 3  # the roles guide and the two Do / Don't tables, each inserted whole
    assert any(c.get("change") == "deleted" for c in clauses)


def _walk(clauses: list[dict[str, Any]]) -> Any:
    for clause in clauses:
        yield clause
        yield from _walk(clause.get("clauses", []))


@needs_examples("kirklees")
def test_bookmarks_restore_ids_when_the_document_has_them(tmp_path: Path) -> None:
    from clausebook.authoring.importing import importer
    from clausebook.context import Context
    from clausebook.format.validation import validate
    from clausebook.outputs.html import one_page
    from clausebook.outputs.word import docx

    result = validate([str(EXAMPLES["kirklees"])])
    path = tmp_path / "kirklees.docx"
    context = Context.of(result.protocols)
    path.write_bytes(docx.document(context, result.protocols[0], "tracked", one_page(context)))
    data = importer.import_docx(path).data
    ids = {section["id"] for section in data["sections"]} | {c["id"] for s in data["sections"]
                                                             for c in _walk(s.get("clauses", []))}
    source = source_data(EXAMPLES["kirklees"])
    wanted = {section["id"] for section in source["sections"]} | {c["id"] for s in source["sections"]
                                                                  for c in _walk(s.get("clauses", []))}
    assert len(wanted - ids) <= len(wanted) // 10, sorted(wanted - ids)


@needs_examples("kirklees", "somerset")
def test_import_times_are_reported(exported: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("kirklees", "somerset"):
        imported(exported[name])
    with capsys.disabled():
        print("\nimport times: " + ", ".join(f"{name} {TIMES[name] * 1000:.0f} ms" for name in ("kirklees",
                                                                                           "somerset")))
    assert all(TIMES[name] < 5 for name in ("kirklees", "somerset"))


# A document LibreOffice wrote

@pytest.fixture(scope="module")
def ashdown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The flat-ODT fixture as LibreOffice's .docx, and LibreOffice's own text of that .docx with
    every change accepted, and rejected."""
    folder = tmp_path_factory.mktemp("ashdown")
    docx_file = folder / "ashdown.docx"
    office([{"in": str(WORD / "ashdown.fodt"), "out": str(out), "filter": name, "changes": None}
            for out, name in ((docx_file, "MS Word 2007 XML"), (folder / "ashdown.odt", "writer8"))])
    office([{"in": str(docx_file), "out": str(folder / f"{side}.txt"), "filter": "Text (encoded)",
                  "changes": side} for side in ("accept", "reject")])
    texts = {side: (folder / f"{side}.txt").read_text(encoding="utf-8-sig") for side in ("accept", "reject")}
    return {"docx": docx_file, "odt": folder / "ashdown.odt", **texts}


def numbered_lines(text: str) -> list[tuple[str, list[str]]]:
    """The numbers LibreOffice shows at the start of lines ("2.", "2.1"), each with the line's words."""
    found = []
    for line in text.splitlines():
        if match := re.match(r"^\s*(\d+(?:\.\d+)*)\.?\s+(\S.*)$", line):
            found.append((match.group(1), tokens(match.group(2))))
    return found


def numbered_units(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each numbered section and clause with the words it starts with (its title or text)."""
    from clausebook.format import markup

    found = []

    def walk(clauses: list[dict[str, Any]]) -> None:
        for clause in clauses:
            if clause.get("number"):
                words = clause.get("heading") or clause.get("text") or \
                    next((b.get("text") or b.get("lead") for b in clause.get("body", [])), "")
                found.append((clause["number"], tokens(markup.plain(words))))
            walk(clause.get("clauses", []))

    for section in data["sections"]:
        if section.get("number"):
            found.append((section["number"], tokens(markup.plain(section["title"]))))
        walk(section.get("clauses", []))
    return found


def test_libreoffice_document_imports_with_the_numbers_libreoffice_shows(ashdown: dict[str, Any],
                                                                          tmp_path: Path) -> None:
    from clausebook.authoring import revisions

    data = imported(ashdown["docx"])
    validated(data, tmp_path)
    assert data["protocol"]["status"] == "proposed-revision"
    for side, resolve in (("accept", revisions.accept), ("reject", revisions.reject)):
        shown = numbered_lines(ashdown[side])
        got = numbered_units(resolve(json.loads(json.dumps(data))))
        assert [number for number, _ in got] == [number for number, _ in shown], side
        for (number, words), (_, line) in zip(got, shown, strict=True):
            assert line[: len(words)] == words, (side, number, words, line)
    assert [number for number, _ in numbered_lines(ashdown["accept"])] == \
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4"]


def test_libreoffice_document_keeps_its_structure_and_changes(ashdown: dict[str, Any]) -> None:
    data = imported(ashdown["docx"])
    assert (data["protocol"]["title"], data["protocol"]["council"]) == ("Working Together at Ashdown",
                                                                        "Ashdown Borough Council")
    introduction, working = data["sections"]
    assert (introduction["title"], working["title"]) == ("Introduction", "Working together")
    first, second = introduction["clauses"]
    assert first["text"] == "This protocol guides how councillors and officers work together{--, wherever they meet--}."
    assert second["body"][0]["text"] == "Councillors and officers must treat each other with {++courteous++} respect."
    assert second["body"][-1] == {"change": "deleted", "text": "This paragraph was in the protocol of 2019."}
    officers, answer, unlawful, roles = working["clauses"]
    assert officers["body"] == [{"lead": "Officers should:", "items": [
        {"text": "give impartial advice;", "items": ["in writing where a decision depends on it;"]},
        "keep councillors informed."]}]
    assert (answer["number"], answer.get("was"), answer["text"]) == ("2.2", None,
                                                                     "Councillors should give officers time to answer.")
    assert (unlawful["number"], unlawful["change"]) == ("2.3", "inserted")
    assert (roles["number"], roles["was"]) == ("2.4", "2.3")
    table = roles["body"][-1]["table"]
    assert [c["label"] for c in table["columns"].values()] == ["Councillors", "Officers"]
    assert [list(row.values()) for row in table["rows"]] == [["Set policy", "Advise on policy"],
                                                             ["Represent their ward", "Serve the whole council"]]


# The command

def test_the_command_writes_a_draft_that_validates_and_lists_what_needs_tagging(exported: dict[str, Path],
                                                                                tmp_path: Path) -> None:
    from clausebook import cli

    name = next(iter(exported))
    output = tmp_path / "imported.yaml"
    assert cli.main(["import", str(exported[name]), "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert cli.main(["import", str(exported[name]), "-o", str(exported[name])]) == 2
    assert cli.main(["import", str(tmp_path / "missing.docx")]) == 2
    not_word = tmp_path / "not-word.docx"
    not_word.write_text("plain text", encoding="utf-8")
    assert cli.main(["import", str(not_word), "-o", str(tmp_path / "out.yaml")]) == 1


def test_the_command_reads_an_odt_through_libreoffice_or_gives_the_command_that_converts_it(
        ashdown: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from clausebook import cli

    output = tmp_path / "ashdown.yaml"
    assert cli.main(["import", str(ashdown["odt"]), "-o", str(output)]) == 0
    imported = source_data(output)
    assert imported["protocol"]["title"] == "Working Together at Ashdown"
    assert [clause["number"] for clause in imported["sections"][1]["clauses"]] == ["2.1", "2.2", "2.3", "2.4"]
    capsys.readouterr()
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice on it
    assert cli.main(["import", str(ashdown["odt"]), "-o", str(tmp_path / "refused.yaml")]) == 2
    assert f"soffice --headless --convert-to docx {ashdown['odt']}" in capsys.readouterr().err
    assert not (tmp_path / "refused.yaml").exists()


def test_a_draft_without_changes_lists_its_untagged_sentences(exported: dict[str, Path], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from clausebook import cli

    if "somerset" not in exported:
        pytest.skip("the example protocol 'somerset' (adopted: no changes) is not in source/")
    output = tmp_path / "somerset.yaml"
    assert cli.main(["import", str(exported["somerset"]), "-o", str(output)]) == 0
    assert "status: draft" in output.read_text(encoding="utf-8")
    listed = [line for line in capsys.readouterr().err.splitlines() if ": warning: untagged:" in line]
    assert len(listed) > 50 and all(line.startswith(f"{output}:") for line in listed)


def test_word_number_formats_and_level_texts() -> None:
    from clausebook.authoring.importing import docx_numbering as word_numbering

    assert [word_numbering.formatted(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert [word_numbering.formatted(n, "lowerLetter") for n in (1, 26, 28)] == ["a", "z", "bb"]
    assert word_numbering.formatted(3, "upperLetter") == "C" and word_numbering.formatted(7, "decimal") == "7"
    definitions = word_numbering.Definitions(
        abstract={"0": {0: word_numbering.Level(text="%1."), 1: word_numbering.Level(text="%1.%2"),
                        2: word_numbering.Level(text="(%3)", format="lowerLetter")}},
        lists={"1": "0", "2": "0"}, overrides={"2": {2: 1}})
    counter = word_numbering.Counter(definitions)
    shown = [counter.number(word_numbering.Place(list_id=list_id, abstract="0", level=level))
             for list_id, level in (("1", 0), ("1", 1), ("1", 2), ("1", 2), ("1", 1), ("1", 0), ("2", 1), ("2", 2))]
    assert shown == ["1.", "1.1", "(a)", "(b)", "1.2", "2.", "2.1", "(a)"]


def test_editorial_notes_come_back_from_their_comments_and_the_contents_is_not_read(exported: dict[str, Path]) -> None:
    """clausebook's documents hold editorial notes as comments (by "Editorial note"): each comes
    back as an editorial note with its words, and nothing of the contents, header or footer
    is read as the protocol's text."""
    from clausebook.format import markup

    def editorial(value: Any) -> list[str]:
        if isinstance(value, dict):
            own = [value["text"]] if value.get("kind") == "editorial" and isinstance(value.get("text"), str) else []
            return own + [text for child in value.values() for text in editorial(child)]
        return [text for child in value for text in editorial(child)] if isinstance(value, list) else []

    checked = 0
    for name, path in exported.items():
        source, data = source_data(EXAMPLES[name]), imported(path)
        wanted = editorial({key: value for key, value in source.items() if key != "protocol"})
        got = [" ".join(tokens(markup.plain(text))) for text in editorial(data)]
        assert not [text for text in got if text.startswith("Comment")], name
        checked += len(wanted)
        for text in wanted:
            assert any(" ".join(tokens(markup.plain(text))) in found for found in got), (name, text)
        first = data["sections"][0]
        assert not first["title"].startswith("Contents") and "Page" not in first["title"], name
    assert checked
