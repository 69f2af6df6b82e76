"""What a revision changes: the changes page (`<p>/changes/`), with every changed clause's redline
and the concordance of old and new numbers, and `data/changes.json` with its schema.

Most tests render in-process (validate → readings → Context → changes); the build
tests make real `mkdocs build --strict` sites and follow every link of the changes page."""

from __future__ import annotations

import functools
import json
import posixpath
import re
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from clausebook import readings
from clausebook.context import Context
from clausebook.format import markup
from clausebook.format.model import Clause, Definitions, Protocol, Table
from clausebook.format.validation import validate
from clausebook.outputs import changes
from clausebook.outputs.html import Writer, writer
from clausebook.records.dataset import Dataset, change_status
from clausebook.records.types import published
from conftest import FIXTURES, ROOT, needs_examples, read_html, source_protocols

SCHEMA = json.loads((ROOT / "schema" / "changes.schema.json").read_text(encoding="utf-8"))
CAERWEN = FIXTURES / "valid" / "caerwen.yaml"
EVERY_CONSTRUCT = FIXTURES / "valid" / "every-construct.yaml"
MARKDOWN_EXTENSIONS = ["attr_list", "admonition", "md_in_html", "toc"]  # as mkdocs.yml
PARAGRAPHS = re.compile(r"\n[ \t]*\n")


@dataclass
class Built:
    protocols: dict[str, Protocol]
    renderer: Writer
    dataset: Dataset
    pages: dict[str, str]
    files: dict[str, bytes]

    def page(self, protocol_id: str) -> str:
        """The page's Markdown, as generated."""
        return self.pages[f"{protocol_id}/changes/index.md"]

    def html(self, protocol_id: str) -> str:
        """The page's body as MkDocs makes it."""
        return to_html(self.page(protocol_id))[1]

    def data(self) -> dict[str, Any]:
        return json.loads(self.files["data/changes.json"])

    def entry(self, protocol_id: str) -> dict[str, Any]:
        return next(p for p in self.data()["protocols"] if p["protocol"] == protocol_id)


def build(*paths: str | Path, site_url: str | None = None) -> Built:
    result = validate([str(path) for path in paths])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    views = readings.views(result.protocols)
    context = Context.of(result.protocols, views, site_url=site_url)
    renderer, dataset = writer(context), context.dataset
    return Built(protocols={p.id: p for p in result.protocols}, renderer=renderer, dataset=dataset,
                 pages={page.src_uri: page.content for page in changes.pages(context)},
                 files=changes.files(context))


@functools.cache
def built(name: str) -> Built:
    """The sources in source/, or one fixture file, rendered once for the module."""
    return build(ROOT / "source" if name == "source" else FIXTURES / "valid" / f"{name}.yaml")


REVISIONS = [("source", "kirklees"), ("caerwen", "caerwen"), ("every-construct", "demo-revision")]


def revision(name: str, protocol_id: str) -> Built:
    found = built(name)
    if protocol_id not in found.protocols:
        pytest.skip(f"the example protocol {protocol_id!r} is not in source/ (these tests are about it)")
    return found


# Reading the page's HTML

def to_html(page: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and its HTML, as MkDocs reads them."""
    source, meta = get_data(page)
    return meta, markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(source)


class Marked(HTMLParser):
    """The words inside each outermost <ins> and <del> (words marked the other way inside it
    left out), every element id, and every link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[str]] = {"ins": [], "del": []}
        self.depth = {"ins": 0, "del": 0}
        self.marks: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.rows: list[tuple[str | None, list[str]]] = []  # each table row's id and links
        self.headings: list[tuple[str, str]] = []  # each heading's tag and id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
            if self.rows:
                self.rows[-1][1].append(found["href"] or "")
        if tag == "tr":
            self.rows.append((found.get("id"), []))
        if re.fullmatch(r"h[1-6]", tag) and found.get("id"):
            self.headings.append((tag, found["id"] or ""))
        if tag in self.depth:
            if self.depth[tag] == 0:
                self.found[tag].append("")
            self.depth[tag] += 1
            self.marks.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1
            del self.marks[len(self.marks) - 1 - self.marks[::-1].index(tag)]  # the innermost one

    def handle_data(self, data: str) -> None:
        if self.marks:
            self.found[self.marks[-1]][-1] += data

    def words(self, tag: str) -> list[str]:
        return [" ".join(text.split()) for text in self.found[tag]]


def parse(content: str) -> Marked:
    parser = Marked()
    parser.feed(content)
    parser.close()
    return parser


def concordance_rows(body: str) -> list[tuple[str | None, list[str]]]:
    """The rows of the concordance table (after its heading, the page's last): id and links."""
    return parse(body.split('id="cb_concordance"', 1)[1]).rows[1:]  # after the header row


def pieces(words: str) -> list[str]:
    """Marked words as a reader sees them: without markup, one piece per paragraph."""
    return [plain for part in PARAGRAPHS.split(words) if (plain := markup.plain(part))]


def marked_words(protocol: Protocol) -> list[tuple[str, str]]:
    """Every piece of text the revision deletes or inserts, anywhere in the protocol: ("del" or
    "ins", the words), from the marks inside text and from wholly deleted or inserted runs."""
    found: list[tuple[str, str]] = []

    def strings(words: str) -> None:
        for change in markup.changes(words):
            found.extend(("del", piece) for piece in pieces(change.old))
            found.extend(("ins", piece) for piece in pieces(change.new))

    def clause_strings(clause: Clause) -> None:
        strings(clause.heading or "")
        for text in clause.texts():
            if text.change == "deleted":
                found.extend(("del", piece) for piece in pieces(text.original))
            elif text.change == "inserted":
                found.extend(("ins", piece) for piece in pieces(text.amended))
            else:
                strings(text.markdown)
        for block in clause.body:
            if isinstance(block, Table):
                for words in (*(column.label for column in block.columns), block.caption or ""):
                    strings(words)
            if isinstance(block, Definitions):
                for definition in block.definitions:
                    strings(definition.term)

    for section in protocol.sections:
        strings(section.title)
        for clause in section.walk():
            clause_strings(clause)
    return found


def changed_ids(protocol: Protocol) -> list[str]:
    return [clause.id for clause in protocol.clauses() if readings.changed(clause)]


# The page

@needs_examples("kirklees")
def test_every_kirklees_deletion_is_struck_and_every_insertion_underlined():
    found = revision("source", "kirklees")
    page = parse(found.html("kirklees"))
    inside = {tag: page.words(tag) for tag in ("ins", "del")}
    expected = marked_words(found.protocols["kirklees"])
    assert len(expected) > 50
    missing = [(tag, words) for tag, words in expected if not any(words in text for text in inside[tag])]
    assert missing == []


@pytest.mark.parametrize(("name", "protocol_id"), REVISIONS)
def test_every_marked_word_of_a_revision_is_inside_ins_or_del(name, protocol_id):
    found = revision(name, protocol_id)
    page = parse(found.html(protocol_id))
    inside = {tag: page.words(tag) for tag in ("ins", "del")}
    missing = [(tag, words) for tag, words in marked_words(found.protocols[protocol_id])
               if not any(words in text for text in inside[tag])]
    assert missing == []


@pytest.mark.parametrize(("name", "protocol_id"), REVISIONS)
def test_every_changed_clause_is_listed_in_document_order_with_a_link_to_it(name, protocol_id):
    found = revision(name, protocol_id)
    page = parse(found.html(protocol_id))
    protocol = found.protocols[protocol_id]
    assert [anchor for tag, anchor in page.headings if tag == "h3"] == changed_ids(protocol)
    for clause_id in changed_ids(protocol):
        target = found.renderer.anchor_url(protocol_id, clause_id, f"{protocol_id}/changes/")
        assert target.startswith("../") and target.endswith(f"/#{clause_id}")
        assert target in page.links, clause_id


@needs_examples("kirklees")
def test_changed_section_headings_are_shown_tracked():
    found = revision("source", "kirklees")
    body = found.html("kirklees")
    protocol = found.protocols["kirklees"]
    retitled = [section for section in protocol.sections if markup.has_changes(section.title)]
    assert retitled
    headings = [anchor for tag, anchor in parse(body).headings if tag == "h2"]
    for section in retitled:
        assert section.id in headings
        assert str(found.renderer.html(section.title, protocol, "kirklees/changes/", inline=True)) in body


@pytest.mark.parametrize(("name", "protocol_id"), REVISIONS)
def test_the_page_starts_with_the_status_banner_and_is_kept_out_of_search(name, protocol_id):
    meta, body = to_html(revision(name, protocol_id).page(protocol_id))
    assert meta == {"title": "Tracked changes", "search": {"exclude": True}, "html_title": meta["html_title"]}
    assert meta["html_title"].startswith("Tracked changes – ")  # and whose (test_search.py)
    assert body.startswith('<h1 id="cb_changes">Tracked changes</h1>\n<div class="admonition warning">\n'
                           '<p class="admonition-title">Proposed revision</p>')


@pytest.mark.parametrize(("name", "protocol_id"), REVISIONS)
def test_concordance_rows_have_unique_old_number_anchors_and_lead_on(name, protocol_id):
    found = revision(name, protocol_id)
    body = found.html(protocol_id)
    protocol = found.protocols[protocol_id]
    renumbered = [entry for entry in readings.concordance(protocol) if entry.old != entry.new]
    assert renumbered
    rows = concordance_rows(body)
    assert len(rows) == len(renumbered)
    anchors = [row_id for row_id, _ in rows if row_id]
    assert len(anchors) == sum(1 for entry in renumbered if entry.old is not None)
    assert all(anchor.startswith("was-") for anchor in anchors)
    ids = parse(body).ids
    assert len(set(ids)) == len(ids), sorted({i for i in ids if ids.count(i) > 1})
    for entry, (_, links) in zip(renumbered, rows, strict=True):
        assert found.renderer.anchor_url(protocol_id, entry.id, f"{protocol_id}/changes/") in links
        assert f"#{entry.id}" in links and entry.id in ids  # on to its redline on this page
    assert changes.was_anchors(found.renderer.views[protocol_id]) == {
        entry.id: row_id for entry, (row_id, _) in zip(renumbered, rows, strict=True) if row_id}


@needs_examples("kirklees")
def test_an_old_number_leads_to_the_clause_that_had_it_not_the_one_that_has_it_now():
    found = revision("source", "kirklees")
    rows = dict(concordance_rows(found.html("kirklees")))
    # Old 9.3 is now 11.3; the clause numbered 9.3 now was 7.3.
    assert "../communication/#lines-of-communication" in rows["was-9-3"]
    assert "../ward-councillors/#wider-impact" not in rows["was-9-3"]
    assert "../ward-councillors/#wider-impact" in rows["was-7-3"]
    assert "../complaints/#courteous-contact" in rows["was-11-1"]  # deleted: where it stood


def test_a_moved_sub_paragraph_is_named_by_its_full_old_reference():
    found = revision("caerwen", "caerwen")
    body = found.html("caerwen")
    anchors = changes.was_anchors(found.renderer.views["caerwen"])
    assert anchors["p6-3"] == "was-6-4" and anchors["p6-4"] == "was-6-3"
    assert '<h3 id="p6-3">6(4) → 6(3)</h3>' in body
    assert "before the revision it came after 6(3)" in body
    assert '<h3 id="p10-2a">10(2A)</h3>' in body


@needs_examples("somerset")
def test_an_adopted_protocol_has_no_changes_page_and_empty_lists():
    found = revision("source", "somerset")
    assert not [uri for uri in found.pages if uri.startswith("somerset/")]
    assert found.entry("somerset") == {"protocol": "somerset", "status": "adopted", "url": None, "sections": [],
                                       "concordance": [], "clauses": []}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "revision.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


RESTARTING = """\
    protocol: {id: restart, council: "Smith & Jones > Parish Council", title: "A < B & C", status: draft}
    roles:
      members: {label: Members, shared: councillor}
    sections:
      - id: was-2
        title: "Gifts < £50 & {++hospitality++}"
        number: "A"
        designation: Appendix A
        clauses:
          - {id: a-first, number: "1", was: "2", text: "Members {--may--} keep *notes* & files <3."}
      - id: appendix-b
        title: "Things (*not* [all] of them) #1"
        number: "B"
        designation: Appendix B
        clauses:
          - {id: b-first, number: "1", was: "2", heading: "*Stars* [y] + {z}", text: Words.}
"""


def test_author_strings_are_escaped_and_old_numbers_that_repeat_get_anchors_of_their_own(tmp_path):
    found = build(write(tmp_path, RESTARTING))
    body = found.html("restart")
    assert "Smith &amp; Jones &gt; Parish Council" in body
    assert "files &lt;3." in body
    assert "A &lt; B &amp; C" in body
    assert "Gifts &lt; £50 &amp; <ins>hospitality</ins>" in body
    assert '<h2 id="appendix-b">Appendix B: Things (*not* [all] of them) #1</h2>' in body
    assert '<h3 id="b-first">2 → 1 *Stars* [y] + {z}</h3>' in body
    assert '<p class="admonition-title">Draft</p>' in body
    assert "<3" not in body and "& J" not in body
    anchors = changes.was_anchors(found.renderer.views["restart"])
    # "was-2" is an author's section id: the old numbers' anchors step aside.
    assert anchors == {"a-first": "was-2--a-first", "b-first": "was-2--b-first"}
    ids = parse(body).ids
    assert len(set(ids)) == len(ids)


def test_the_redline_is_the_tracked_text_as_authored_with_whole_changes_marked():
    found = revision("every-construct", "demo-revision")
    clauses = {c["id"]: c for c in found.entry("demo-revision")["clauses"]}
    purpose = clauses["demo-revision.purpose"]
    assert purpose["redline"].startswith("Councillors {~~shall~>must~~} be {++very++} courteous{-- indeed--}.")
    assert purpose["number"] == "1.1" and purpose["previous_number"] == "2.1" and purpose["status"] == "amended"
    assert clauses["demo-revision.gone"]["redline"] == "{--This clause is struck.--}"
    assert clauses["demo-revision.gone"]["number"] is None
    assert clauses["demo-revision.gone"]["previous_number"] == "1.4"
    assert clauses["demo-revision.gone"]["text_after"] == ""
    redline = clauses["demo-revision.list"]["redline"]
    assert "- (a) {++be *prompt*++}" in redline and "- (b) {--be late--}" in redline
    assert "| {++Shout++} |" in redline


VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_every_valid_fixture_gives_a_changes_page_for_each_revision_and_valid_data(path):
    found = build(path)
    revisions = sorted(p for p, protocol in found.protocols.items() if protocol.status != "adopted")
    assert sorted(uri.split("/")[0] for uri in found.pages) == revisions
    for protocol_id in revisions:
        ids = parse(found.html(protocol_id)).ids
        assert len(set(ids)) == len(ids), protocol_id
    assert [e.message[:200] for e in validator().iter_errors(found.data())] == []


# The data

def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name", ["source", "caerwen", "every-construct"])
def test_changes_json_validates_and_its_clauses_are_the_datasets_changed_clauses(name):
    found = built(name)
    document = found.data()
    assert [e.message[:200] for e in validator().iter_errors(document)] == []
    assert document["$schema"] == found.dataset.schema_ref("changes")
    assert [p["protocol"] for p in document["protocols"]] == sorted(found.protocols)
    records = {r["id"]: r for r in published(found.dataset.records)}
    for entry in document["protocols"]:
        changed = [r for r in published(found.dataset.records) if r["protocol"] == entry["protocol"] and r["change"]]
        assert [c["id"] for c in entry["clauses"]] == [r["id"] for r in changed]
        for clause in entry["clauses"]:
            record = records[clause["id"]]
            assert clause["status"] == record["change"]["status"]
            assert clause["text_before"] == record["change"]["text_before"]
            assert clause["text_after"] == record["text"]
            assert clause["words"] == record["change"]["words"]
            assert clause["moved_from"] == record["change"]["moved_from"]
            assert clause["url"] == record["url"]
            assert markup.amended(clause["redline"]).strip() or not clause["text_after"]
            for word in record["change"]["words"]:
                if "\n" not in word["old"] + word["new"]:
                    assert word["old"] in clause["redline"] + (clause["heading"] or ""), word
                    assert word["new"] in clause["redline"] + (clause["heading"] or ""), word
        protocol = found.protocols[entry["protocol"]]
        renumbered = [e for e in readings.concordance(protocol) if e.old != e.new] \
            if protocol.status != "adopted" else []
        assert [(c["id"], c["old"], c["new"]) for c in entry["concordance"]] == \
            [(f"{protocol.id}.{e.id}", e.old, e.new) for e in renumbered]


@needs_examples("kirklees")
def test_changes_json_names_kirklees_old_numbers_and_section_headings():
    entry = revision("source", "kirklees").entry("kirklees")
    rows = {row["old"]: row for row in entry["concordance"] if row["kind"] == "clause"}
    assert rows["9.3"]["id"] == "kirklees.lines-of-communication" and rows["9.3"]["new"] == "11.3"
    assert rows["9.3"]["was_url"] == "kirklees/changes/#was-9-3"
    assert rows["9.3"]["url"] == "kirklees/communication/#lines-of-communication"
    assert rows["11.1"]["new"] is None and rows["11.1"]["change"] == "deleted"
    sections = {s["id"]: s for s in entry["sections"]}
    assert sections["kirklees.cabinet"]["previous_number"] == "4"
    assert sections["kirklees.cabinet"]["redline"].startswith("{--Executive Councillors and Officers--}")
    assert sections["kirklees.complaints"]["title_before"].startswith("Courtesy")


def test_the_schema_is_published_with_the_data_and_absolute_with_a_site_url():
    found = built("every-construct")
    assert json.loads(found.files["schema/changes.schema.json"]) == SCHEMA
    absolute = build(EVERY_CONSTRUCT, site_url="https://example.org/handbook")
    assert absolute.data()["$schema"] == "https://example.org/handbook/schema/changes.schema.json"
    assert json.loads(absolute.files["schema/changes.schema.json"])["$id"] == \
        "https://example.org/handbook/schema/changes.schema.json"


def test_the_same_sources_give_the_same_bytes():
    first, second = build(CAERWEN), build(CAERWEN)
    assert first.files == second.files and first.pages == second.pages
    assert first.files["data/changes.json"].endswith(b"\n")


# Real builds



def broken_links(site: Path, url: str) -> list[str]:
    """Every link on the page at ``url`` (a directory URL) that leads to no file or no element."""
    here = site / url / "index.html"
    broken = []
    for href in read_html(here).hrefs:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):
            continue
        path, _, fragment = href.partition("#")
        target = here if not path else (site / posixpath.normpath(posixpath.join(url, path)))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or (fragment and fragment not in read_html(target).ids):
            broken.append(href)
    return broken


def check_changes_page(site: Path, protocol: str) -> None:
    page = site / protocol / "changes" / "index.html"
    assert page.is_file()
    assert broken_links(site, f"{protocol}/changes/") == []
    document = json.loads((site / "data" / "changes.json").read_text(encoding="utf-8"))
    schema_path = (site / "data" / document["$schema"]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema["$id"] == "changes.schema.json"
    assert [e.message[:200] for e in jsonschema.Draft202012Validator(schema).iter_errors(document)] == []
    for entry in document["protocols"]:
        for clause in entry["clauses"]:
            for url in (clause["url"], clause["changes_url"]):
                path, anchor = url.split("#")
                assert anchor in read_html(site / path / "index.html").ids, url
        for row in entry["concordance"]:
            for url in filter(None, (row["url"], row["was_url"])):
                path, _, anchor = url.partition("#")
                assert not anchor or anchor in read_html(site / path / "index.html").ids, url


@pytest.mark.build
def test_the_built_handbook_has_a_changes_page_for_each_revision_whose_links_all_resolve(built_site):
    search = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for protocol_id, path in source_protocols().items():
        status = yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)["protocol"]["status"]
        if status == "adopted":
            assert not (built_site / protocol_id / "changes").exists()
            continue
        check_changes_page(built_site, protocol_id)
        assert not [doc for doc in search["docs"] if doc["location"].startswith(f"{protocol_id}/changes/")]
    if "kirklees" in source_protocols():
        ids = read_html(built_site / "kirklees" / "changes" / "index.html").ids
        assert {"was-9-3", "was-7-3", "lines-of-communication", "cb_concordance"} <= ids


@pytest.mark.build
def test_the_fixture_revision_builds_with_moves_inserted_numbers_and_parts(caerwen_site):
    check_changes_page(caerwen_site, "caerwen")



@pytest.mark.parametrize(("name", "protocol_id"), REVISIONS)
def test_each_clauses_change_on_the_page_is_the_one_its_record_states(name: str, protocol_id: str) -> None:
    """The page reads each clause's change without the records (``change_status``): it is the
    status its clause record in the dataset states, for every clause of every revision."""
    found = revision(name, protocol_id)
    records = {record.id: record for record in found.dataset.records}
    clauses = list(found.protocols[protocol_id].clauses())
    stated = {clause.id: records[f"{protocol_id}.{clause.id}"].change for clause in clauses}
    assert any(stated.values())
    for clause in clauses:
        assert change_status(clause) == (stated[clause.id].status if stated[clause.id] else None), clause.id
