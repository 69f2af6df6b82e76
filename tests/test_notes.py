"""Notes in their place: a council's own note stands where it is written; an editorial note (on
how this edition renders the source) is a marker beside what it is on, with the note itself at
the end of the page (section pages) or in the annex after the last clause (the print page); the
dataset gives every note its kind.

Read from tests/fixtures/valid/every-construct.yaml, which has notes of both kinds on a section,
a clause, a clause the revision deletes, a number, a link, a definition and a table row, rendered
in-process (no MkDocs build)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

from clausebook.context import Context
from clausebook.format.validation import validate
from clausebook.outputs.print import printing
from clausebook.outputs.site import render
from clausebook.records.types import published
from conftest import FIXTURES
from test_changes import to_html

EVERY_CONSTRUCT = FIXTURES / "valid" / "every-construct.yaml"
COUNCIL = ("The council adopted this paragraph after a review of its meetings.",
           "Co-opted members are not councillors.")
EDITORIAL = ("The source prints this heading in capitals.", "The source prints this clause in a smaller type.",
             "A page break splits this row in the source; it is joined here.", "The source prints 1.9 here.",
             "The source says paragraph 7; it means 1.1.", "The source prints this heading as I.")


@functools.cache
def context() -> Context:
    result = validate([str(EVERY_CONSTRUCT)])
    assert result.ok, [p.message for p in result.problems]
    return Context.of(result.protocols)


@functools.cache
def page(src_uri: str) -> str:
    """A generated page's body as MkDocs makes it."""
    pages = {p.src_uri: p.content for p in [*render.pages(context()), *printing.pages(context())]}
    return to_html(pages[src_uri])[1]


class Places(HTMLParser):
    """Where each element id starts in a page, each note marker's id and target, and each listed
    note's id, classes and the marker it links back to."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.at: dict[str, int] = {}
        self.markers: list[tuple[str, str]] = []  # (its id, the note it leads to)
        self.listed: dict[str, tuple[str, str]] = {}  # note id → (its class, the marker it leads back to)
        self._note: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        line, column = self.getpos()
        offset = self.line_starts[line - 1] + column
        if "id" in found:
            self.at[found["id"]] = offset
        if tag == "a" and "cb-note-marker" in found.get("class", ""):
            self.markers.append((found["id"], found["href"].removeprefix("#")))
        if tag == "li" and found.get("id", "").startswith("cb_note-"):
            self._note = found["id"]
            self.listed[self._note] = (found.get("class", ""), "")
        elif tag == "a" and self._note and not self.listed[self._note][1]:
            self.listed[self._note] = (self.listed[self._note][0], found["href"].removeprefix("#"))


def test_each_note_has_its_kind_in_the_data() -> None:
    dataset = context().dataset
    records = {r["id"]: r for r in published(dataset.records)}
    kinds = {(r["id"].partition(".")[2], note["about"], note["kind"]) for r in records.values() for note in r["notes"]}
    assert kinds == {("purpose", "clause", "council"), ("list", "text", "council"), ("list", "text", "editorial"),
                     ("gone", "clause", "editorial"), ("out-of-order", "number", "editorial"),
                     ("wrong-words", "link", "editorial")}
    assert [(n["text"], n["kind"]) for n in records["demo-revision.list"]["notes"]] == [
        (COUNCIL[1], "council"), ("A page break splits this row in the source; it is joined here.", "editorial")]
    reference = records["demo-revision.wrong-words"]["references"][0]
    assert (reference["note"], reference["note_kind"]) == ("The source says paragraph 7; it means 1.1.", "editorial")
    section = published(dataset.protocol_record(context().protocols[0]))["sections"][0]
    assert (section["notes"], section["note_kinds"]) == (["The source prints this heading in capitals."],
                                                         ["editorial"])


def test_editorial_notes_are_markers_in_the_text_and_notes_at_the_end_of_the_section_page() -> None:
    html = page("demo-revision/intro/index.md")
    places = Places(html)
    end = places.at["cb_edition"]  # the collapsed "About this edition"
    assert re.search(r'<details class="cb-edition" id="cb_edition" data-search-exclude>\s*<summary>About this '
                     r"edition</summary>", html)
    for words in EDITORIAL:
        assert html.index(words) > end, f"{words!r} is in the text, not at the end of the page"
    # Each marker leads to its note and the note back to it, numbered in the order of the page.
    assert [target for _, target in places.markers] == [f"cb_note-{n}" for n in range(1, 7)]
    for marker, target in places.markers:
        assert places.at[marker] < end and places.listed[target][1] == marker
    # The notes stand after what they are on: never before the clause (or heading) they annotate.
    markers = dict(places.markers)
    assert places.at["intro"] < places.at["cb_note-1-ref"] < places.at["cb_note-2-ref"] < places.at["purpose"]
    assert places.at["list"] < places.at["cb_note-3-ref"] < places.at["heading"]
    assert places.at["gone"] < places.at["cb_note-4-ref"] < places.at["out-of-order"]
    assert places.at["out-of-order"] < places.at["cb_note-5-ref"] < places.at["tenth"]
    assert places.at["wrong-words"] < places.at["cb_note-6-ref"] < places.at["moved-clause"]
    assert set(markers.values()) == set(places.listed)
    # A note on what the revision deletes is listed, like its marker, only with the changes shown.
    assert [note for note, (classes, _) in places.listed.items() if "cb-note-gone" in classes] == ["cb_note-4"]
    # A council's note stands in its place, in a box headed "Note".
    for words, (start, after) in zip(COUNCIL, (("purpose", "list"), ("list", "heading")), strict=True):
        assert places.at[start] < html.index(words) < places.at[after]
    assert '<div class="cb-editorial"><p><strong>Note:</strong></p><p>The council adopted' in html


def test_the_print_page_has_its_editorial_notes_in_an_annex_after_the_last_clause() -> None:
    html = page("demo-revision/print/index.md")
    places = Places(html)
    annex = places.at["cb_edition"]
    assert re.search(r'<section class="cb-print-annex">\s*<h2 id="cb_edition">Notes on this edition</h2>', html)
    last_clause = max(places.at[clause.id] for clause in context().protocols[0].clauses())
    assert last_clause < annex
    for words in EDITORIAL:
        assert html.index(words) > annex, f"{words!r} is printed among the clauses"
    for words in COUNCIL:
        assert html.index(words) < annex
    assert len(places.markers) == len(places.listed) == len(EDITORIAL)
    assert all(places.at[marker] < last_clause and places.listed[note][1] == marker for marker, note in places.markers)
