"""What a source prints around its words, shown as it prints it on every output: a designation's
separator ("PART 1 — INTERPRETATION"), sections without a printed title, a note in place of an
omitted sub-paragraph, a defined term in its quote marks, labels printed with spaces, prose
definitions with variants, long conditions, and numbering that runs on from section to section.

The fixture ``construct-printed.yaml`` is rendered in-process: the section and print pages, the
Word document's text and the dataset."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cache
from html import unescape

from clausebook.context import Context
from clausebook.format.validation import format_problem, validate
from clausebook.outputs.data import publish
from clausebook.outputs.html import one_page
from clausebook.outputs.print import printing
from clausebook.outputs.site import glossary, render, roles
from clausebook.outputs.word import docx
from clausebook.records.dataset import Dataset
from conftest import FIXTURES

PRINTED = FIXTURES / "valid" / "construct-printed.yaml"


@cache
def _context() -> Context:
    result = validate([str(PRINTED)])
    assert result.ok, [format_problem(problem) for problem in result.problems]
    return Context.of(result.protocols)


@cache
def site() -> dict[str, str]:
    return {page.src_uri: page.content for page in render.pages(_context())}


@cache
def printed() -> str:
    return "\n".join(page.content for page in printing.pages(_context()))


@cache
def word_paragraphs() -> tuple[str, ...]:
    """The Word document's paragraphs, as text (the tab after a hanging number as a space),
    each after its style in brackets."""
    context = _context()
    data = docx.document(context, context.protocols[0], "amended", one_page(context))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    found = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL):
        words = unescape("".join(text if text is not None and not tab else " " for tab, text in re.findall(
            r"(<w:tab/>)|<w:t(?:\s[^>]*)?>([^<]*)</w:t>", paragraph)))
        style = re.search(r'w:pStyle w:val="([^"]+)"', paragraph)
        if words:
            found.append(f"[{style.group(1) if style else ''}] {words}")
    return tuple(found)


@cache
def data() -> dict[str, object]:
    return {name: json.loads(content) for name, content in publish.files(Dataset(_context().protocols)).items()
            if name.startswith("data/") and name.endswith(".json")}


def clause_record(local_id: str) -> dict[str, object]:
    return next(c for c in data()["data/clauses.json"]["clauses"] if c["local_id"] == local_id)


def section_record(local_id: str) -> dict[str, object]:
    (protocol,) = data()["data/protocols.json"]["protocols"]
    return next(s for s in protocol["sections"] if s["id"].endswith(f".{local_id}"))


def test_a_separator_is_printed_after_its_designation_everywhere():
    pages = "\n".join(site().values())
    assert "### PART 1 — INTERPRETATION" in site()["construct-printed/index.md"]
    assert "# Appendix A – The Nolan principles { #appendix-a }" in pages
    # (each clause's heading, then its permalink, named by what it prints, not by its heading)
    assert re.search(r'## Table 1: Who the code applies to <a class="cb-permalink" [^\n]*\{ #table-1', pages)
    assert re.search(r'## Best practice 1: <a class="cb-permalink" [^\n]*aria-label="Link to Best practice 1"'
                     r'[^\n]*\{ #best-practice-1', pages)
    for shown in ('<h2 class="cb-part" id="cb_part-interpretation">PART 1 — INTERPRETATION</h2>',
                  '<h3 id="appendix-a">Appendix A – The Nolan principles</h3>',
                  '<h4 id="table-1" class="cb-clause-heading">Table 1: Who the code applies to</h4>',
                  '<h4 id="best-practice-1" class="cb-clause-heading">Best practice 1:</h4>'):
        assert shown in printed()
    for shown in ("[Heading1] PART 1 — INTERPRETATION", "[Heading2] Appendix A – The Nolan principles",
                  "[Heading3] Table 1: Who the code applies to", "[Heading3] Best practice 1:"):
        assert shown in word_paragraphs()
    assert clause_record("best-practice-1")["separator"] == ":"
    assert section_record("appendix-a")["separator"] == "–"


def test_a_section_without_a_printed_title_is_named_by_what_it_prints_or_its_first_words():
    overview = site()["construct-printed/index.md"]
    assert "- [Appendix B](appendix-b/index.md)" in overview
    assert "- [Signed on behalf of the council…](signatures/index.md)" in overview
    assert "# Appendix B { #appendix-b }" in site()["construct-printed/appendix-b/index.md"]
    assert '<h3 id="appendix-b">Appendix B</h3>' in printed()
    # The print page prints what the source prints: the name is for screen readers and the outline.
    assert '<h2 id="signatures" class="cb-visually-hidden">Signed on behalf of the council…</h2>' in printed()
    assert "[Heading2] Appendix B" in word_paragraphs()
    assert (section_record("appendix-b")["title"], section_record("appendix-b")["untitled"]) == ("Appendix B", True)
    assert section_record("signatures")["untitled"] and not section_record("meanings")["untitled"]


def test_an_omitted_sub_paragraph_is_the_sources_note_in_its_place_without_a_bullet():
    note = "[Note: subparagraph (b) is omitted.]"
    page = site()["construct-printed/meanings/index.md"]
    # (its label is for screen readers only: the source does not print it)
    shown = f'<li id="interests--b" class="cb-omitted"><span class="cb-visually-hidden">(b) </span>{note}</li>'
    assert shown in page
    assert shown in printed()
    assert f"[ClauseItem1] {note}" in word_paragraphs()
    record = clause_record("interests")
    assert f"- (b) {note}\n- (c)" in record["text"]  # (the data keeps its label)
    # It states nothing: the list's `each` gives obligations to (a) and (c) only.
    assert [o["subparagraph"] for o in record["obligations"]] == [
        "construct-printed.interests--a", "construct-printed.interests--c"]
    assert "construct-printed.interests--b" in [s["id"] for s in record["subparagraphs"]]


def test_a_defined_term_keeps_the_quote_marks_the_source_prints():
    page = site()["construct-printed/meanings/index.md"]
    assert re.search(r"<dt>“<a [^>]*>\s*councillor</a>”</dt>", page)
    assert "<dt>‘meeting’</dt>" in printed() and "<dt>“councillor”</dt>" in printed()
    assert "[DefinitionTerm] “councillor”" in word_paragraphs()
    assert "- **“councillor”**: means a member" in clause_record("meaning-of-councillor")["text"]
    (protocol,) = data()["data/protocols.json"]["protocols"]
    assert [(d["term"], d["quoted"]) for d in protocol["definitions"] if not d["prose"]] == [("councillor", "double"),
                                                                           ("meeting", "single")]


def test_a_label_printed_with_spaces_is_shown_so_and_read_without_them():
    shown = '<li id="gifts--2-b"><span class="cb-label">b )</span> appeals against a decision.</li>'
    assert shown in site()["construct-printed/meanings/index.md"] and shown in printed()
    assert "[ClauseItem2] b ) appeals against a decision." in word_paragraphs()
    record = clause_record("gifts")
    assert "  - b ) appeals against a decision." in record["text"]
    assert [(s["id"], s["reference"]) for s in record["subparagraphs"]][-1] == ("construct-printed.gifts--2-b",
                                                                               "1.2(2)(b)")


def test_a_term_defined_in_prose_can_have_variants_which_the_glossary_and_data_show():
    context = _context()
    (page,) = glossary.pages(context)
    assert '<dt id="officer"><dfn>officer</dfn> <span class="cb-variant">(Welsh: <span id="swyddog" lang="cy">' \
           'swyddog</span>)</span></dt>' in page.content
    (protocol,) = data()["data/protocols.json"]["protocols"]
    prose = {d["term"]: d["variants"] for d in protocol["definitions"] if d["prose"]}
    assert prose == {"officer": [{"lang": "cy", "term": "swyddog"}], "the council": []}


def test_a_long_condition_over_several_lines_is_one_line_in_the_data_and_on_the_role_page():
    (obligation,) = clause_record("political-activity")["obligations"]
    condition = ("except where the use is incidental to a member's work as a councillor, such as a reply to a "
                 "constituent's letter on council paper, and the Monitoring Officer has been told of it in "
                 "writing beforehand")
    assert obligation["condition"] == condition
    pages = "\n".join(page.content for page in roles.pages(_context()))
    assert f"Condition: {condition}" in unescape(pages)


def test_continuous_numbering_is_checked_across_sections_and_restarts_in_another_part():
    from clausebook.format.validation import validate as check

    valid = check([str(FIXTURES / "valid" / "construct-continuous.yaml")], strict=True)
    assert valid.ok and not valid.warnings
    skipping = check([str(FIXTURES / "invalid" / "continuous-numbering-skips.yaml")])
    assert [(p.line, p.message.split(":")[0]) for p in skipping.problems] == [
        (15, "clause 4 follows 2, the last in section 1 (the numbering is continuous)"),
        (17, "clause 7 follows 5")]
