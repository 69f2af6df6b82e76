"""The Word documents, read back by an independent reader: LibreOffice (headless, driven through
its own Python bridge by tests/office_script.py) opens them, accepts or rejects every tracked
change as a committee clerk would, and saves their text; the words must be the handbook's two
readings, clause by clause. The OOXML itself is read with lxml for what LibreOffice's text does
not show (styles, bookmarks, properties, revision marks on paragraphs and rows)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import COUNCIL_CODES, FIXTURES, ROOT, needs_examples, read_html, source_protocols
from office_support import office
from text_support import in_order, tokens

pytestmark = pytest.mark.office
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
READINGS = ("amended", "original", "tracked")


def protocols() -> dict:
    """The protocols the Word tests read: source/, caerwen (every construct, moves included) and
    two councils' codes (an escaped blank, definitions with items and variants, list tails)."""
    import yaml

    from clausebook.format.validation import validate

    fixtures = [FIXTURES / "valid" / "caerwen.yaml", *COUNCIL_CODES]
    in_source = source_protocols()  # (a copy of the project may have a fixture in source/)
    extra = [path for path in fixtures
             if yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)["protocol"]["id"] not in in_source]
    result = validate([str(ROOT / "source"), *map(str, extra)])
    assert result.ok
    return {protocol.id: protocol for protocol in result.protocols}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each protocol in each reading as a .docx: (protocol id, reading) → file."""
    from clausebook.context import Context
    from clausebook.outputs.html import one_page
    from clausebook.outputs.word import docx

    folder = tmp_path_factory.mktemp("docx")
    found = protocols()
    context = Context.of(found.values())
    files = {}
    for protocol in found.values():
        for reading in READINGS:
            path = folder / f"{protocol.id}-{reading}.docx"
            path.write_bytes(docx.document(context, protocol, reading, one_page(context)))  # type: ignore[arg-type]
            files[(protocol.id, reading)] = path
    return files


@pytest.fixture(scope="module")
def read_back(written: dict[tuple[str, str], Path]) -> dict[tuple[str, str], str]:
    """LibreOffice's text of each document: (protocol, "amended" | "original" | "accepted" |
    "rejected") → text, and (protocol, "changes") → the number of tracked changes it found in the
    tracked document; the tracked documents also saved as ODT beside them."""
    jobs = []
    for (_, reading), path in written.items():
        if reading == "tracked":
            jobs += [{"in": str(path), "out": str(path.with_suffix(".accepted.txt")), "filter": "Text (encoded)",
                      "changes": "accept"},
                     {"in": str(path), "out": str(path.with_suffix(".rejected.txt")), "filter": "Text (encoded)",
                      "changes": "reject"},
                     {"in": str(path), "out": str(path.with_suffix(".odt")), "filter": "writer8", "changes": None}]
        else:
            jobs.append({"in": str(path), "out": str(path.with_suffix(".txt")), "filter": "Text (encoded)",
                         "changes": None})
    reports = office(jobs)
    texts: dict[tuple[str, str], str] = {}
    for (protocol_id, reading), path in written.items():
        if reading == "tracked":
            texts[(protocol_id, "accepted")] = path.with_suffix(".accepted.txt").read_text(encoding="utf-8")
            texts[(protocol_id, "rejected")] = path.with_suffix(".rejected.txt").read_text(encoding="utf-8")
            texts[(protocol_id, "changes")] = str(next(r["changes"] for r in reports if r["in"] == str(path)))
        else:
            texts[(protocol_id, reading)] = path.with_suffix(".txt").read_text(encoding="utf-8")
    return texts


def body(document: Path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(document).read("word/document.xml"))


def between_tables(document: Path, kind: str) -> int:
    """Runs of paragraphs wholly inserted (``kind`` "ins") or deleted that stand between two tables:
    LibreOffice keeps one paragraph of such a run, emptied, when it rejects (or accepts) them,
    having nothing to join it to."""
    elements = [e for e in body(document).find(f"{W}body") if e.tag in (f"{W}p", f"{W}tbl")]
    found, run = 0, None
    for element in elements:
        if element.tag == f"{W}tbl":
            found += bool(run)
            run = []
        elif run is not None:
            if wholly(element, kind):
                run.append(element)
            else:
                run = None
    return found


def contents_lines(document: Path, kind: str) -> int:
    """Lines of the contents whose heading is inserted (``kind`` "ins") or deleted whole:
    LibreOffice empties such a line of its table of contents when it rejects (or accepts) it,
    but keeps it."""
    return sum(1 for p in body(document).iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None
               and (style := p.find(f"{W}pPr/{W}pStyle")) is not None and style.get(f"{W}val", "").startswith("TOC"))


def joined_across(document: Path, kind: str) -> int:
    """Paragraphs that end inside a revision of ``kind`` (their mark not in it) before a paragraph
    that starts inside one."""
    paragraphs = list(body(document).iter(f"{W}p"))
    return sum(1 for paragraph, following in itertools.pairwise(paragraphs)
               if edge(paragraph, kind, last=True) and edge(following, kind, last=False)
               and paragraph.find(f"{W}pPr/{W}rPr/{W}{kind}") is None)


def edge(paragraph: etree._Element, kind: str, *, last: bool) -> bool:
    words = [t for t in paragraph.iter(f"{W}t", f"{W}delText") if t.text]
    return bool(words) and any(a.tag == f"{W}{kind}" for a in words[-1 if last else 0].iterancestors())


def wholly(paragraph: etree._Element, kind: str) -> bool:
    """Whether every word of the paragraph is inside a revision of ``kind``."""
    words = [t for t in paragraph.iter(f"{W}t", f"{W}delText") if t.text]
    return bool(words) and all(any(a.tag == f"{W}{kind}" for a in t.iterancestors()) for t in words)


def lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("protocol_id", sorted(protocols()))
def test_accept_all_gives_the_text_as_amended_and_reject_all_the_text_before(
        protocol_id: str, read_back: dict, written: dict) -> None:
    """Line for line, but for three things LibreOffice does that Word does not, counted: it keeps an
    emptied paragraph it cannot join to a table (``between_tables``) or in the contents
    (``contents_lines``), and it takes a change at the
    end of a paragraph and a change of the same kind at the start of the next as one, so that
    resolving them joins the two paragraphs (``joined_across``)."""
    tracked = written[(protocol_id, "tracked")]
    for resolved, reading, kind in (("accepted", "amended", "del"), ("rejected", "original", "ins")):
        got, expected = lines(read_back[(protocol_id, resolved)]), lines(read_back[(protocol_id, reading)])
        got_words, expected_words = [line for line in got if line], [line for line in expected if line]
        assert "".join(got_words) == "".join(expected_words), (protocol_id, resolved)
        if got_words != expected_words:
            joins = len(expected_words) - len(got_words)
            assert 0 < joins <= joined_across(tracked, kind), (protocol_id, resolved, got_words, expected_words)
        left_empty = got.count("") - expected.count("")
        assert 0 <= left_empty <= between_tables(tracked, kind) + contents_lines(tracked, kind), \
            (protocol_id, resolved, left_empty)


@pytest.mark.parametrize("protocol_id", sorted(protocols()))
def test_each_reading_holds_every_clause_in_order(protocol_id: str, read_back: dict) -> None:
    from clausebook import readings

    protocol = protocols()[protocol_id]
    for reading, shown in (("amended", readings.amended(protocol)), ("original", readings.original(protocol))):
        assert in_order(tokens(read_back[(protocol_id, reading)]), shown) is None, (protocol_id, reading)


@needs_examples("kirklees", "somerset")
def test_the_revision_is_real_tracked_changes_in_libreoffice(read_back: dict, written: dict) -> None:
    odt = written[("kirklees", "tracked")].with_suffix(".odt")
    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    regions = content.count("<text:changed-region")
    assert "<text:insertion>" in content and "<text:deletion>" in content
    revisions = [e for e in body(written[("kirklees", "tracked")]).iter(f"{W}ins", f"{W}del")]
    assert regions >= 100 and int(read_back[("kirklees", "changes")]) >= 100, regions
    assert regions <= len(revisions)
    assert read_back[("somerset", "changes")] == "0"  # an adopted protocol's "tracked" reading has none


@needs_examples("kirklees")
def test_whole_paragraphs_and_rows_are_revisions_and_every_revision_is_the_councils(written: dict) -> None:
    tracked = body(written[("kirklees", "tracked")])
    inserted_rows = [row for row in tracked.iter(f"{W}tr") if row.find(f"{W}trPr/{W}ins") is not None]
    assert len(inserted_rows) > 10  # the two Do / Don't tables the revision adds, row by row
    marks = [p for p in tracked.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None
             or p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(marks) > 20
    revisions = list(tracked.iter(f"{W}ins", f"{W}del"))
    assert {r.get(f"{W}author") for r in revisions} == {"Kirklees Council"}
    assert not [r for r in revisions if r.get(f"{W}date") is not None]  # the source states no date
    ids = [e.get(f"{W}id") for e in tracked.iter(f"{W}ins", f"{W}del", f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))
    assert not list(body(written[("kirklees", "amended")]).iter(f"{W}ins", f"{W}del"))


def test_a_real_document_headings_bookmarks_labels_tables_and_properties(written: dict) -> None:
    from clausebook import readings

    for protocol_id, protocol in protocols().items():
        path = written[(protocol_id, "amended")]
        document = body(path)
        styles = {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in document.iter(f"{W}p")
                  if p.find(f"{W}pPr/{W}pStyle") is not None}
        assert {"Title", "Heading1", "Heading2"} <= styles
        bookmarks = {b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")}
        amended = readings.amended(protocol)
        assert {c.id for c in amended.clauses()} | {s.id for s in amended.sections} <= bookmarks
        texts = ["".join("\t" if t.tag == f"{W}tab" else t.text or "" for t in p.iter(f"{W}t", f"{W}tab"))
                 for p in document.iter(f"{W}p")]
        labelled = [item for clause in amended.clauses() for block in clause.body if block.kind == "list"
                    for item in block.items if item.label]
        for item in labelled:
            assert any(text.startswith(item.label + "\t") for text in texts), (protocol_id, item.label)
        for table in document.iter(f"{W}tbl"):
            assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
        core = etree.fromstring(zipfile.ZipFile(path).read("docProps/core.xml"))
        values = {element.tag.rpartition("}")[2]: element.text for element in core}
        assert values["title"] == protocol.title and values["creator"] == protocol.council
        assert values["language"] == protocol.language and values.get("subject") == protocol.part
        assert "created" not in values and "modified" not in values


def test_the_tracked_document_has_every_notes_words(written: dict) -> None:
    """Every note, the council's and the editor's, is in the document with the tracked changes
    (a note on a table cell's only item too)."""
    from clausebook.format import markup
    from clausebook.format.model import own_notes
    from text_support import find

    for protocol_id, protocol in protocols().items():
        package = zipfile.ZipFile(written[(protocol_id, "tracked")])
        comments = etree.fromstring(package.read("word/comments.xml")) if "word/comments.xml" in \
            package.namelist() else etree.Element("none")
        words = tokens(" ".join("".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText"))
                                for part in (body(written[(protocol_id, "tracked")]), comments)
                                for p in part.iter(f"{W}p")))
        notes = [note for note in (protocol.note, *(part.note for part in protocol.parts.values())) if note]
        notes += [note for section in protocol.sections for _, note in own_notes(section)]
        notes += [note for clause in protocol.clauses() for note in clause.every_note()]
        for note in notes:
            assert find(words, tokens(markup.plain(note.text))) is not None, (protocol_id, note.text)


def test_a_document_a_clerk_can_table(written: dict) -> None:
    """A4 with margins, a running header (with the status of what is not in force) and a footer
    with "Page X of Y" as fields, a contents field Word updates (its result the headings, for
    LibreOffice), hanging clause numbers, editorial notes as comments on their clause, and
    revisions dated with the revision's date where the source states one, undated otherwise."""
    from clausebook.format.model import own_notes
    from clausebook.outputs.word import docx

    found = protocols()
    for (protocol_id, reading), path in written.items():
        protocol = found[protocol_id]
        package = zipfile.ZipFile(path)
        document = body(path)
        section = document.find(f"{W}body/{W}sectPr")
        assert (section.find(f"{W}pgSz").get(f"{W}w"), section.find(f"{W}pgSz").get(f"{W}h")) == ("11906", "16838")
        assert section.find(f"{W}pgMar").get(f"{W}left") == "1440"
        header = " ".join(t.text for t in etree.fromstring(package.read("word/header1.xml")).iter(f"{W}t"))
        assert protocol.council in header and protocol.title in header
        assert ("Proposed revision — not in force" in header) == (protocol.status == "proposed-revision")
        footer = "".join(t.text for t in etree.fromstring(package.read("word/footer1.xml")).iter(f"{W}instrText"))
        assert footer.split() == ["PAGE", "NUMPAGES"]
        fields = [t.text for t in document.iter(f"{W}instrText")]
        levels = docx.contents_levels(protocol)  # (the sections, and their parts)
        assert fields == [f' TOC \\o "1-{levels}" \\h \\z \\u '], fields
        assert b"<w:updateFields" in package.read("word/settings.xml")
        contents = [p for p in document.iter(f"{W}p") if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
                    and style.get(f"{W}val", "").startswith("TOC") and style.get(f"{W}val") != "TOCHeading"]
        headings = [p for p in document.iter(f"{W}p") if (style := p.find(f"{W}pPr/{W}pStyle")) is not None
                    and style.get(f"{W}val") in [f"Heading{level}" for level in range(1, levels + 1)]]
        assert len(contents) == len(headings) > 0
        for heading in headings:
            if heading.find(f".//{W}tab") is not None:
                assert heading.find(f"{W}pPr/{W}ind").get(f"{W}hanging") is not None
        comments = len(list(document.iter(f"{W}commentReference")))
        assert comments == len(list(document.iter(f"{W}commentRangeStart")))
        editorial = [note for part in protocol.parts.values() if (note := part.note) and note.editorial]
        editorial += [note for section in protocol.sections for _, note in own_notes(section) if note.editorial]
        editorial += [note for clause in protocol.clauses() for note in clause.every_note() if note.editorial]
        assert (comments > 0) == bool(editorial), (protocol_id, reading, comments)
        assert not [p for p in document.iter(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(
            "Editorial note")], protocol_id  # (the protocol's own is "About this edition", on the cover)
        dates = {r.get(f"{W}date") for r in document.iter(f"{W}ins", f"{W}del")}
        if reading == "tracked" and protocol.status != "adopted":
            assert dates == {f"{protocol.revised}T00:00:00Z" if protocol.revised else None}, (protocol_id, dates)
    assert any(p.revised for p in found.values()) and any(not p.revised and p.status != "adopted"
                                                          for p in found.values())


def test_the_same_source_gives_the_same_bytes(written: dict) -> None:
    from clausebook.context import Context
    from clausebook.outputs.html import one_page
    from clausebook.outputs.word import docx

    found = protocols()
    context = Context.of(found.values())
    for (protocol_id, reading), path in written.items():
        assert docx.document(context, found[protocol_id], reading, one_page(context)) == path.read_bytes(), \
            (protocol_id, reading)


def test_the_build_writes_each_protocols_word_documents_and_links_them(built_site: Path, sources) -> None:
    for protocol in sources.values():
        kinds = [f"{protocol.id}.docx"] + ([f"{protocol.id}-changes.docx"] if protocol.status != "adopted" else [])
        for name in kinds:
            assert zipfile.is_zipfile(built_site / "downloads" / name), name
            for page in (f"{protocol.id}/index.html", f"{protocol.id}/print/index.html"):
                assert f"../downloads/{name}" in read_html(built_site / page).hrefs or \
                    f"../../downloads/{name}" in read_html(built_site / page).hrefs, (page, name)
        if protocol.status == "adopted":
            assert not (built_site / "downloads" / f"{protocol.id}-changes.docx").exists()
    undated = sorted(p.id for p in sources.values() if p.status != "adopted" and not p.revised)
    said = [line for line in (built_site.parent / "build-output.txt").read_text().splitlines() if "undated" in line]
    assert len(said) == bool(undated) and all(f" {', '.join(undated)} " in line and "protocol.revised: YYYY-MM-DD"
                                              in line for line in said), said


def test_undated_revisions_are_named_once_with_how_to_date_them() -> None:
    from clausebook.context import Context
    from clausebook.outputs.word import docx

    found = protocols()
    message = docx.undated(Context.of(found.values(), downloads=("docx", "changes-docx"))) or ""
    for protocol in found.values():
        assert (f" {protocol.id}" in message) == (protocol.status != "adopted" and not protocol.revised), protocol.id
    assert "protocol.revised: YYYY-MM-DD" in message
    assert docx.undated(Context.of(found.values(), downloads=("docx",))) is None  # (no tracked changes are made)


def test_the_command_writes_a_document_and_refuses_bad_input(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "clausebook.cli", "docx"]
    source = FIXTURES / "valid" / "caerwen.yaml"
    done = subprocess.run([*command, str(source), "--changes", "-o", str(tmp_path / "out.docx")],
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 0 and zipfile.is_zipfile(tmp_path / "out.docx"), done.stderr
    piped = subprocess.run([*command, str(source), "--changes"], capture_output=True, cwd=ROOT)
    assert piped.returncode == 0 and piped.stdout == (tmp_path / "out.docx").read_bytes()
    refused = subprocess.run([*command, str(source), "-o", str(source)], capture_output=True, cwd=ROOT, text=True)
    assert refused.returncode == 2 and "is an input" in refused.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    invalid = subprocess.run([*command, str(broken), "-o", str(tmp_path / "x.docx")], capture_output=True,
                             cwd=ROOT, text=True)
    assert invalid.returncode == 1 and f"{broken}:" in invalid.stderr
