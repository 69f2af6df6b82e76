"""How a reader cites a clause: by words printed on the page, never the same for two clauses of one
protocol, in the links, the "Referred to in" lines, the role pages and the dataset alike."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from clausebook import citations, readings
from clausebook.context import Context
from clausebook.format.model import Protocol
from clausebook.format.validation import validate
from clausebook.outputs.site import glossary, render, roles
from clausebook.records.dataset import Dataset
from conftest import FIXTURES, ROOT, needs_examples

VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
TOOLS = re.compile(r'<p class="cb-clause-tools">(.*?)</p>')
PERMALINK = re.compile(r'<a class="cb-permalink" href="[^"]*" aria-label="Link to ([^"]*)"')
BACKLINK = re.compile(r'<a href="[^"]*">([^<]*)</a>')


def permalink_names(content: str) -> list[str]:
    """The names of a section page's clause permalinks ("paragraph 1.1")."""
    return [html.unescape(name) for name in PERMALINK.findall(content)]


def loaded(*paths: Path) -> tuple[Protocol, ...]:
    result = validate([str(path) for path in paths])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    return result.protocols


def cited(path: Path) -> dict[str, dict[str, str]]:
    """Each protocol's citations by clause id, as the build makes them."""
    return {protocol.id: readings.Views(protocol).citations for protocol in loaded(path)}


@pytest.mark.parametrize("path", [ROOT / "source", *VALID], ids=lambda path: path.name)
def test_no_two_clauses_of_a_protocol_share_a_citation(path: Path) -> None:
    protocols = loaded(path)
    records = Dataset(protocols).records
    for protocol in protocols:
        found = readings.Views(protocol).citations
        assert set(found) == {clause.id for clause in protocol.clauses()}, protocol.id
        repeated = {citation: n for citation, n in Counter(found.values()).items() if n > 1}
        assert not repeated, (protocol.id, repeated)
        published = {r.local_id: r.citation for r in records if r.protocol == protocol.id}
        assert published == found, protocol.id


def test_numbers_that_start_again_are_cited_with_their_appendix() -> None:
    found = cited(FIXTURES / "valid" / "caerwen.yaml")["caerwen"]
    assert (found["p1"], found["a1"], found["b1"], found["c1"]) == (
        "1", "Appendix A paragraph 1", "Appendix B paragraph 1", "Appendix C paragraph 1")
    # every number of a restarting appendix is qualified, not only those that repeat
    assert found["c2-2a"] == "Appendix C paragraph 2.2A"
    parts = cited(FIXTURES / "valid" / "construct-parts.yaml")["construct-parts"]
    assert (parts["selflessness"], parts["forms"], parts["form-a"]) == (
        "Appendix A paragraph 1", "Appendix B paragraph 1", "Appendix B paragraph 1(a)")
    assert parts["courtesy"] == "1.1"


def test_designations_headings_and_unnumbered_paragraphs_are_cited_as_a_reader_finds_them() -> None:
    found = cited(FIXTURES / "valid" / "caerwen.yaml")["caerwen"]
    assert (found["table-1"], found["bp-3"]) == ("Table 1", "Best practice 3")
    assert found["p10-1"] == "10(1)"  # printed "10.—(1)": cited as the code's cross-references write it
    assert found["best-practice-heading"] == "Best practice"
    assert found["principles-intro"] == "Appendix A (first paragraph)"
    assert found["adoption-statement"] == "Adoption of this code (first paragraph)"
    assert found["signature-block"] == "Signatures"  # alone in its section
    subheadings = cited(FIXTURES / "valid" / "construct-subheading.yaml")["construct-subheading"]
    assert (subheadings["members-heading"], subheadings["courtesy"]) == ("Members", "1.1")


@needs_examples("somerset", "kirklees")
def test_guidance_under_a_numbered_paragraph_is_cited_by_that_number(sources) -> None:
    somerset = readings.Views(sources["somerset"]).citations
    assert somerset["scrutiny-members-officers"] == "10.4"
    assert somerset["scrutiny-not-disciplinary"] == "10.4 (second paragraph)"
    kirklees = readings.Views(sources["kirklees"]).citations
    assert kirklees["officers-complaint-informal"] == "13.2 (second paragraph)"
    assert kirklees["courteous-contact"] == "13.1"  # deleted: cited where it stands, struck through
    assert kirklees["committee-decisions"] == "Committees (first paragraph)"


@pytest.mark.parametrize(("citation", "name"), [
    ("4.2", "paragraph 4.2"), ("10(2A)", "paragraph 10(2A)"), ("Table 1", "Table 1"),
    ("Appendix B paragraph 1", "Appendix B paragraph 1"), ("10.4 (second paragraph)", "10.4 (second paragraph)"),
    ("Courtesy", "Courtesy"),
])
def test_a_link_names_a_bare_number_as_a_paragraph(citation: str, name: str) -> None:
    assert citations.link_name(citation) == name


def test_ordinals_read_as_words_then_figures() -> None:
    assert [citations.ordinal(n) for n in (1, 2, 10, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "first", "second", "tenth", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"]


def section_pages(protocols: tuple[Protocol, ...]) -> dict[str, str]:
    context = Context.of(protocols)
    return {page.src_uri: page.content for page in render.pages(context)
            if page.src_uri.count("/") == 2 and page.src_uri.split("/")[1] not in ("print", "changes", "glossary")}


@pytest.mark.parametrize("path", [ROOT / "source", *VALID], ids=lambda path: path.name)
def test_permalinks_and_backlinks_read_naturally(path: Path) -> None:
    protocols = loaded(path)
    for src_uri, content in section_pages(protocols).items():
        for name in permalink_names(content):
            assert not re.match(r"paragraph (Table|Appendix|Best|Schedule|Annex|Part)\b", name), (src_uri, name)
            assert name not in ("this paragraph", "a paragraph"), (src_uri, name)
        for tools in TOOLS.findall(content):
            if "Referred to in" in tools:
                listed = BACKLINK.findall(tools.split("Referred to in", 1)[1])
                assert len(listed) == len(set(listed)), (src_uri, listed)
                assert "a paragraph" not in listed, (src_uri, listed)
                words = tools.split("Referred to in", 1)[1]
                assert len(listed) < 2 or "</a> and <a" in words, (src_uri, words)


def test_a_sub_heading_has_no_paragraph_permalink() -> None:
    protocols = loaded(FIXTURES / "valid" / "construct-subheading.yaml")
    content = section_pages(protocols)["construct-subheading/relations/index.md"]
    assert permalink_names(content) == ["paragraph 1.1", "paragraph 1.2", "paragraph 1.3"]


def test_role_pages_and_the_glossary_cite_a_clause_as_the_dataset_does() -> None:
    protocols = loaded(FIXTURES / "valid" / "caerwen.yaml")
    context = Context.of(protocols)
    pages = "".join(page.content for page in roles.pages(context))
    cells = set(re.findall(r'<a class="cb-role-clause" href="[^"]+">([^<]+)</a>', pages))
    assert {"Appendix C paragraph 2.1", "Best practice 1", "13(1)(a)", "Table 1, item (a)"} <= cells, sorted(cells)
    assert not [cell for cell in cells if cell.startswith("In ")], sorted(cells)
    page = "".join(page.content for page in glossary.pages(context))
    assert {"1(1)(a)", "9"} <= set(re.findall(r"Defined in ([^<]+)<", page))


PAGE_BY_PAGE = """\
protocol: {id: pages, council: Demo Council, title: Demo code, status: adopted}
roles:
  members: {label: Members, shared: councillor}
parts:
  code: {title: The code}
  one: {title: First appendices, designation: Part 2}
  two: {title: Second appendices, designation: Part 3}
sections:
  - id: gifts
    title: Gifts
    part: code
    clauses:
      - {id: gifts-1, number: "1", text: Members must register gifts., obligations: [{who: members, modality: must}]}
      - {id: gifts-2, number: "2", text: Members must not ask., obligations: [{who: members, modality: must-not}]}
  - id: hospitality
    title: Hospitality
    part: code
    clauses:
      - {id: hospitality-1, number: "1", text: Members may accept a meal., obligations: [{who: members, modality: may}]}
  - id: appendix-a
    number: "A"
    designation: Appendix A
    title: Forms
    part: one
    clauses:
      - {id: one-a-1, number: "1", text: The first form.}
  - id: other-appendix-a
    number: "A"
    designation: Appendix A
    title: More forms
    part: two
    clauses:
      - {id: two-a-1, number: "1", text: The second form.}
"""


def test_numbering_that_restarts_page_by_page_is_cited_with_the_page_and_part(tmp_path: Path) -> None:
    (tmp_path / "pages.yaml").write_text(PAGE_BY_PAGE, encoding="utf-8")
    found = cited(tmp_path / "pages.yaml")["pages"]
    assert found == {"gifts-1": "Gifts, paragraph 1", "gifts-2": "Gifts, paragraph 2",
                     "hospitality-1": "Hospitality, paragraph 1",
                     "one-a-1": "Part 2 Appendix A paragraph 1", "two-a-1": "Part 3 Appendix A paragraph 1"}
