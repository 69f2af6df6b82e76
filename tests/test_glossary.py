"""Glossary pages and term tooltips: every defined term on its protocol's glossary page, with its
variants, its definition and a working link to where it is defined; and the tooltip links that
``with_tooltips`` puts on the first use of each term in clean clause HTML."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from clausebook import readings
from clausebook.context import Context
from clausebook.format import markup
from clausebook.format.model import Definitions, Item, Protocol
from clausebook.format.validation import validate
from clausebook.outputs.html import Writer, writer
from clausebook.outputs.site import glossary, render
from clausebook.readings import defined
from clausebook.records.dataset import Dataset
from clausebook.urls import glossary_url, homes, section_url
from conftest import FIXTURES, ROOT, source_protocols

CAERWEN = FIXTURES / "valid" / "caerwen.yaml"
SOURCES = {"source": ROOT / "source", "caerwen": CAERWEN}


@dataclass
class Term:
    """One <dt>/<dd> pair of a glossary page, as a reader's browser has it."""

    id: str
    term: str = ""
    dt_text: str = ""
    variants: list[tuple[str | None, str, str | None]] = field(default_factory=list)  # (lang, words, id)
    definition: str = ""
    links: list[str] = field(default_factory=list)  # every href in the <dd>
    defined_in: tuple[str, str] | None = None  # (href, words)


class Reader(HTMLParser):
    """The glossary <dl> of a page, every element's attributes, and every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.terms: list[Term] = []
        self.ids: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.attributes.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "dt" and self._in_glossary():
            self.terms.append(Term(id=attributes.get("id") or ""))
        if (tag == "span" and "lang" in attributes) or (tag == "span" and self._inside("dt") and attributes.get("id")):
            self.terms[-1].variants.append((attributes.get("lang"), "", attributes.get("id")))
        if tag == "a" and self._inside("dd") and self.terms:
            self.terms[-1].links.append(attributes.get("href") or "")
        if tag not in {"br", "img", "hr", "input", "meta", "link"}:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.terms or not self._in_glossary():
            return
        term = self.terms[-1]
        if self._inside("dt"):
            term.dt_text += data
            if self._inside("dfn"):
                term.term += data
            tag, attributes = self.stack[-1]
            if tag == "span" and ("lang" in attributes or "id" in attributes) and term.variants:
                lang, words, element_id = term.variants[-1]
                term.variants[-1] = (lang, words + data, element_id)
        elif self._inside("dd"):
            if self._inside("p") and "cb-defined-in" in (self._attribute("p", "class") or ""):
                href = self._attribute("a", "href") or ""
                previous = term.defined_in[1] if term.defined_in else ""
                term.defined_in = (href, previous + data)
            else:
                term.definition += data

    def _in_glossary(self) -> bool:
        return any(tag == "dl" and "cb-glossary" in (attrs.get("class") or "") for tag, attrs in self.stack)

    def _inside(self, tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in self.stack)

    def _attribute(self, tag: str, name: str) -> str | None:
        for open_tag, attrs in reversed(self.stack):
            if open_tag == tag:
                return attrs.get(name)
        return None


def read(content: str) -> Reader:
    reader = Reader()
    reader.feed(content)
    reader.close()
    for term in reader.terms:
        term.definition = " ".join(term.definition.split())
        term.dt_text = " ".join(term.dt_text.split())
    return reader


def build(*paths: Path) -> tuple[Writer, Dataset, tuple[Protocol, ...]]:
    result = validate([str(path) for path in paths])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    context = Context.of(result.protocols, readings.views(result.protocols))
    return writer(context), context.dataset, result.protocols


def glossary_pages(*paths: Path) -> tuple[Writer, tuple[Protocol, ...], dict[str, str]]:
    """The glossary pages of the protocols in ``paths``, by source path."""
    renderer, _, protocols = build(*paths)
    return renderer, protocols, {page.src_uri: page.content for page in glossary.pages(renderer.context)}


def front_matter(content: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", content, re.DOTALL)
    assert match, content[:200]
    return yaml.safe_load(match.group(1))


def words(text: str) -> str:
    return " ".join(text.split())


def definition_words(protocol: Protocol) -> dict[str, list[str]]:
    """Each term of the protocol's definitions blocks (as amended) → the plain words of its text,
    items and tail, walked from the model independently of the glossary."""
    found: dict[str, list[str]] = {}

    def item_words(items: tuple[Item, ...]) -> list[str]:
        result = []
        for item in items:
            result.append(item.text.plain)
            result += item_words(item.items)
            if item.tail is not None:
                result.append(item.tail.plain)
        return result

    for clause in protocol.clauses():
        for block in clause.body:
            if isinstance(block, Definitions):
                for d in block.definitions:
                    found.setdefault(markup.plain(d.term), [d.text.plain, *item_words(d.items),
                                                            *([d.tail.plain] if d.tail else [])])
    return found


# Glossary pages


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_defined_term_is_on_its_glossary_page_with_its_definition(name):
    renderer, protocols, pages = glossary_pages(SOURCES[name])
    for protocol in protocols:
        amended = renderer.views[protocol.id].as_amended
        terms = list(defined(amended))
        uri = glossary_url(protocol) + "index.md"
        if not terms:
            assert uri not in pages, f"{protocol.id} defines nothing, yet has a glossary"
            continue
        page = read(pages[uri])
        assert len(page.terms) == len(terms), protocol.id
        shown = {}
        for entry in page.terms:
            shown.setdefault(entry.term, []).append(entry)
        blocks = definition_words(amended)
        for term in terms:
            entries = shown.get(markup.plain(term.term))
            assert entries, f"{protocol.id}: {term.term!r} is not on its glossary page"
            expected = [markup.plain(term.markdown)] if term.prose else blocks[markup.plain(term.term)]
            assert any(all(words(part) in entry.definition for part in expected) for entry in entries), \
                (protocol.id, term.term, expected, [e.definition for e in entries])


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_glossary_is_alphabetical_with_unique_ids_and_a_title(name):
    _, protocols, pages = glossary_pages(SOURCES[name])
    for protocol in protocols:
        uri = glossary_url(protocol) + "index.md"
        if uri not in pages:
            continue
        content = pages[uri]
        # HTML-escaped: MkDocs and Material put the title into pages as it is.
        assert unescape(front_matter(content)["title"]) == f"{protocol.council}: glossary"
        page = read(content)
        names = [entry.term for entry in page.terms]
        assert [n.casefold() for n in names] == sorted(n.casefold() for n in names)
        assert len(page.ids) == len(set(page.ids)), "an id is used twice"
        for entry in page.terms:
            assert entry.id == glossary.slug(entry.term) or entry.id.startswith(glossary.slug(entry.term) + "-")


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_defined_in_links_reach_the_clause_anchor_on_its_section_page(name):
    _, protocols, pages = glossary_pages(SOURCES[name])
    found = homes(protocols)
    by_id = {p.id: p for p in protocols}
    checked = 0
    for uri, content in pages.items():
        protocol = by_id[uri.split("/")[0]]
        base = glossary_url(protocol)
        for entry in read(content).terms:
            assert entry.defined_in is not None, entry
            href, text = entry.defined_in
            assert text.startswith("Defined in "), text
            for link in [href, *entry.links]:
                if re.match(r"^(https?|mailto):", link):
                    continue
                path, _, anchor = link.partition("#")
                target = posixpath.normpath(posixpath.join(base, path)) + "/"
                home = found.get((protocol.id, anchor))
                assert home is not None, f"{uri}: {link} names no element of {protocol.id}"
                assert target == section_url(home[0], home[1]), f"{uri}: {link} is not the page that shows #{anchor}"
                checked += 1
    assert checked


def test_defined_in_names_the_paragraph_and_the_definitions_label():
    _, _, pages = glossary_pages(CAERWEN)
    page = {entry.term: entry for entry in read(pages["caerwen/glossary/index.md"]).terms}
    assert page["authority"].defined_in == ("../interpretation/#p1-1--a", "Defined in 1(1)(a)")
    assert page["official capacity"].defined_in == ("../interpretation/#p1-2", "Defined in 1(2)")
    assert page["sensitive information"].defined_in[1] == "Defined in 14(3)"


def test_variants_carry_their_language_and_an_id():
    renderer, _, pages = glossary_pages(CAERWEN)
    page = {entry.term: entry for entry in read(pages["caerwen/glossary/index.md"]).terms}
    expected = {(d.term, v["lang"], v["term"]) for d in defined(renderer.views["caerwen"].as_amended)
                for v in d.variants}
    assert expected, "the fixture has Welsh variants"
    for term, lang, variant in expected:
        shown = [(lang_, words_) for lang_, words_, _ in page[term].variants]
        assert (lang, variant) in shown, (term, page[term].variants)
        assert "Welsh: " in page[term].dt_text
    assert page["register of members' interests"].variants == [
        ("cy", "cofrestr buddiannau'r aelodau", "cofrestr-buddiannaur-aelodau")]


def test_a_variant_without_a_language_has_no_lang():
    _, _, pages = glossary_pages(FIXTURES / "valid" / "construct-definitions.yaml")
    page = {entry.term: entry for entry in read(pages["construct-definitions/glossary/index.md"]).terms}
    assert page["meeting"].variants == [("cy", "cyfarfod", "cyfarfod"), (None, "remote meeting", "remote-meeting")]
    assert "(also: remote meeting)" in page["meeting"].dt_text


def test_prose_definitions_are_included_with_their_sentence():
    _, _, pages = glossary_pages(CAERWEN)
    page = {entry.term: entry for entry in read(pages["caerwen/glossary/index.md"]).terms}
    for term in ("you", "your", "official capacity", "relevant person", "sensitive information",
                 "body exercising functions of a public nature"):
        assert term in page, term
        assert f'"{term}"' in page[term].definition


def test_items_and_tail_of_a_definition_are_a_list_and_a_paragraph():
    _, _, pages = glossary_pages(CAERWEN)
    content = pages["caerwen/glossary/index.md"]
    entry = content[content.index('<dt id="co-opted-member">'):]
    entry = entry[:entry.index("</dd>")]
    assert "<ul>" in entry and entry.count("<li>") == 2
    assert '<span class="cb-label">(i)</span> sits on any committee' in entry
    assert "<p>and who has a vote on any question" in entry


def test_a_revision_shows_its_definitions_as_amended():
    _, _, pages = glossary_pages(CAERWEN)
    content = pages["caerwen/glossary/index.md"]
    page = {entry.term: entry for entry in read(content).terms}
    assert page["standards committee"].definition.endswith("Local Government Act 2000; and")
    assert "political assistant" in page  # inserted by the revision
    assert "{++" not in content and "++}" not in content
    assert "Proposed revision" in content


REVISION = """\
protocol: {id: revised, council: Demo Council, title: Demo code, status: proposed-revision}
roles:
  members: {label: Members, shared: councillor}
sections:
  - id: interpretation
    number: "1"
    title: Interpretation
    clauses:
      - id: terms
        number: "1.1"
        body:
          - definitions:
              - {term: "panel", text: "means the {~~old~>new~~} panel."}
              - {term: "board", text: means the old board., change: deleted}
              - {term: "{--old --}forum", text: "means the forum{++ of members++}."}
      - id: use
        number: "1.2"
        text: Members must sit on the panel.
        obligations: [{who: members, modality: must}]
"""


def test_a_revision_leaves_out_deleted_definitions_and_words(tmp_path):
    (tmp_path / "revised.yaml").write_text(REVISION, encoding="utf-8")
    _, _, pages = glossary_pages(tmp_path / "revised.yaml")
    page = {entry.term: entry for entry in read(pages["revised/glossary/index.md"]).terms}
    assert sorted(page) == ["forum", "panel"]
    assert page["panel"].definition == "means the new panel."
    assert page["forum"].definition == "means the forum of members."


def test_no_glossary_for_a_protocol_that_defines_nothing():
    _, _, pages = glossary_pages(FIXTURES / "valid" / "minimal.yaml")
    assert pages == {}


HOSTILE = """\
protocol:
  {id: hostile, council: "Tom & Jerry's \\"Council\\" < x > &amp; *stars*", title: "A < B & \\"C\\"", status: adopted}
roles:
  members: {label: Members, shared: councillor}
sections:
  - id: interpretation
    number: "1"
    title: Interpretation
    clauses:
      - id: terms
        number: "1.1"
        body:
          - definitions:
              - term: "a < b > c &lt; & \\"q\\""
                label: (a)
                variants: [{term: "c < y &amp;", lang: cy}, {term: "x\\" onmouseover=\\"alert(1)"}]
                text: "means 1 < 2 & \\"quoted\\" 'single' &lt;script&gt;."
      - id: use
        number: "1.2"
        text: Members must read this code with "quoted" meanings & 1 < 2.
        obligations: [{who: members, modality: must}]
"""


def test_hostile_strings_are_escaped(tmp_path):
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    _, protocols, pages = glossary_pages(tmp_path / "hostile.yaml")
    content = pages["hostile/glossary/index.md"]
    council = protocols[0].council
    title = front_matter(content)["title"]
    assert "<" not in title and unescape(title) == f"{council}: glossary"
    reader = read(content)
    [entry] = reader.terms
    assert entry.term == 'a < b > c &lt; & "q"'
    assert entry.variants[0][:2] == ("cy", "c < y &amp;")
    assert entry.variants[1][:2] == (None, 'x" onmouseover="alert(1)')
    # The definition is Markdown, where "&lt;" is a character reference: it reads as "<", as
    # on the section page, and is never a tag.
    assert entry.definition == "means 1 < 2 & \"quoted\" 'single' <script>."
    assert all("onmouseover" not in attributes for _, attributes in reader.attributes)
    assert {tag for tag, _ in reader.attributes} <= {"h1", "p", "div", "dl", "dt", "dd", "dfn", "span", "a"}
    body = content.split("---\n", 2)[2]
    assert "<script" not in body and "< x >" not in body and "< b" not in body and "A < B" not in body
    assert "Tom &amp; Jerry" in body and "&amp;amp;" in body
    assert "*stars*" in body  # in raw HTML: never read as Markdown emphasis


def test_terms_are_short_plain_definitions_keyed_by_term_and_variant():
    renderer, _, protocols = build(CAERWEN)
    [protocol] = protocols
    found = glossary.terms(renderer, protocol)
    assert found["authority"] == found["awdurdod"] == "means Caerwen County Borough Council;"
    assert found["register of members' interests"] == (
        "means the register kept by the Proper Officer under paragraph 15;")
    assert found["official capacity"].startswith('In this code "you" and "your"')
    assert all(len(text) <= glossary.TOOLTIP_LIMIT for text in found.values())
    assert found["co-opted member"].endswith("…")
    assert not any(mark in text for text in found.values() for mark in ("**", "](", "{++", "<"))


def test_tooltip_ids_are_the_glossary_ids():
    renderer, protocols, pages = glossary_pages(CAERWEN)
    [protocol] = protocols
    found = glossary.terms(renderer, protocol)
    ids = read(pages["caerwen/glossary/index.md"]).ids
    for term, term_id in zip(found, glossary.term_ids(found), strict=True):
        assert term_id in ids, (term, term_id)


def test_tooltip_links_from_a_section_page_reach_the_glossary():
    renderer, protocols, pages = glossary_pages(CAERWEN)
    [protocol] = protocols
    section = next(s for s in protocol.sections if s.id == "interests")
    page_url = section_url(protocol, section)
    href = glossary.glossary_href(protocol, page_url)
    assert href == "../glossary/"
    section_html = render.section_page_of(renderer.context, protocol, section,
                                          renderer.views[protocol.id].amended_sections[section.id],
                                          renderer.views[protocol.id]).content
    linked = glossary.with_tooltips(section_html, glossary.terms(renderer, protocol), href)
    targets = re.findall(r'<a class="cb-term" href="([^"#]*)#([^"]+)"', linked)
    assert targets
    ids = set(read(pages["caerwen/glossary/index.md"]).ids)
    for path, anchor in targets:
        assert posixpath.normpath(posixpath.join(page_url, path)) + "/" == glossary_url(protocol)
        assert anchor in ids


# with_tooltips


TERMS = {"co-opted member": "a member who is co-opted", "member": "includes a co-opted member",
         "aelod": "member, in Welsh", "ŵyr": "grandson", "register of members' interests": "the register"}


def link(term_id: str, title: str, words_: str, href: str = "g/") -> str:
    return f'<a class="cb-term" href="{href}#{term_id}" title="{title}">{words_}</a>'


class Tags(HTMLParser):
    """Every element as (tag, attributes) and the text, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_only_the_first_use_of_a_term_is_linked():
    html = "<p>A member is a member.</p><p>Every member.</p>"
    assert glossary.with_tooltips(html, TERMS, "g/") == (
        f"<p>A {link('member', 'includes a co-opted member', 'member')} is a member.</p><p>Every member.</p>")


def test_text_is_unchanged_when_no_term_is_used():
    html = '<p>Officers &amp; <em>staff</em> &lt;here&gt;.</p><ul><li><a href="x">y</a></li></ul>'
    assert glossary.with_tooltips(html, TERMS, "g/") == html
    assert glossary.with_tooltips(html, {}, "g/") == html


def test_terms_inside_links_abbreviations_deleted_text_and_headings_are_left_alone():
    html = ('<p><a href="../x/#p1">the member</a> <abbr title="m">member</abbr> <del>member</del> '
            '<a href="y"><em>member</em></a></p><h2>member</h2><p>then a member</p>')
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked == html.replace("<p>then a member</p>",
                                  f"<p>then a {link('member', 'includes a co-opted member', 'member')}</p>")


def test_attribute_values_are_never_touched():
    html = '<p title="member"><span class="member" data-x="co-opted member">a member</span></p>'
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked.startswith('<p title="member"><span class="member" data-x="co-opted member">a <a class="cb-term"')
    assert [tag for tag, _ in tags(linked).tags] == ["p", "span", "a"]


def test_definitions_with_quotes_and_markup_characters_are_escaped_in_the_title():
    hostile = {"member": 'say "hi" & <script>alert(\'x\')</script> </a><b onclick="y">'}
    linked = glossary.with_tooltips("<p>A member.</p>", hostile, 'g/"><x>')
    parsed = tags(linked)
    assert [tag for tag, _ in parsed.tags] == ["p", "a"]
    attributes = parsed.tags[1][1]
    assert attributes["title"] == hostile["member"]
    assert attributes["href"] == 'g/"><x>#member'
    assert parsed.text == "A member."
    assert "<script" not in linked and "<b " not in linked


def test_hostile_terms_are_matched_as_text_and_escaped():
    hostile = {'a<b & "c"': "odd", "AT&T": "a company"}
    html = "<p>if a&lt;b &amp; &quot;c&quot; then AT&amp;T</p>"
    linked = glossary.with_tooltips(html, hostile, "g/")
    matched = 'a&lt;b &amp; "c"'
    assert linked == f'<p>if {link("a-b-c", "odd", matched)} then {link("at-t", "a company", "AT&amp;T")}</p>'


def test_the_longest_term_wins_where_terms_overlap():
    html = "<p>A co-opted member, then a member.</p>"
    assert glossary.with_tooltips(html, TERMS, "g/") == (
        f"<p>A {link('co-opted-member', 'a member who is co-opted', 'co-opted member')}, then a "
        f"{link('member', 'includes a co-opted member', 'member')}.</p>")


def test_a_later_use_of_a_longer_term_does_not_link_the_shorter_inside_it():
    html = "<p>A co-opted member and another co-opted member.</p>"
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked.count('class="cb-term"') == 1
    assert linked.endswith("and another co-opted member.</p>")


def test_the_shorter_term_is_linked_where_it_comes_first():
    html = "<p>A member or a co-opted member.</p>"
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked.count('class="cb-term"') == 2
    assert "#member" in linked and "#co-opted-member" in linked


@pytest.mark.parametrize("text, linked", [
    ("(member)", "member"), ("member,", "member"), ("member.", "member"), ("“member”", "member"),
    ("member's", "member"), ("member’s", "member"), ("—member—", "member"), ("Member", "Member"),
    ("MEMBER;", "MEMBER"), ("members", None), ("membership", None), ("non-member", None),
    ("member-led", None), ("amember", None), ("member2", None),
])
def test_a_term_is_found_only_as_a_whole_word(text, linked):
    result = glossary.with_tooltips(f"<p>{text}</p>", {"member": "m"}, "g/")
    if linked is None:
        assert result == f"<p>{text}</p>"
    else:
        assert result == f"<p>{text.replace(linked, link('member', 'm', linked), 1)}</p>"


def test_welsh_and_other_non_ascii_terms():
    html = "<p>Aelodau, aelod; Ŵyr and ŵyr. The cofrestr buddiannau’r aelodau.</p>"
    welsh = {"aelod": "member", "ŵyr": "grandson", "cofrestr buddiannau'r aelodau": "register"}
    linked = glossary.with_tooltips(html, welsh, "g/")
    assert linked == (
        f"<p>Aelodau, {link('aelod', 'member', 'aelod')}; {link('wyr', 'grandson', 'Ŵyr')} and ŵyr. "
        f"The {link('cofrestr-buddiannaur-aelodau', 'register', 'cofrestr buddiannau’r aelodau')}.</p>")


def test_a_term_may_break_across_lines():
    html = "<p>the register of\nmembers' interests</p>"
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert link("register-of-members-interests", "the register", "register of\nmembers' interests") in linked


def test_terms_differing_only_in_case_are_one_term():
    linked = glossary.with_tooltips("<p>Members and members</p>", {"Members": "M", "members": "m"}, "g/")
    assert linked == f"<p>{link('members', 'M', 'Members')} and members</p>"


def test_a_term_split_by_markup_is_not_found_but_its_parts_may_be():
    linked = glossary.with_tooltips("<p>co-opted <em>member</em></p>", TERMS, "g/")
    assert linked == f"<p>co-opted <em>{link('member', 'includes a co-opted member', 'member')}</em></p>"


def test_script_style_comments_and_entities_survive():
    html = ('<!-- member --><p>x &amp; member &#169;</p><script>if (a < b && member) {}</script>'
            '<style>.member > p {}</style><br/>')
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked == ('<!-- member --><p>x &amp; ' + link("member", "includes a co-opted member", "member")
                      + ' ©</p><script>if (a < b && member) {}</script><style>.member > p {}</style><br/>')


def test_unbalanced_html_does_not_break_it():
    linked = glossary.with_tooltips("<p>a <b>member</p></i> then member <a href='x'>member", TERMS, "g/")
    assert linked.count('class="cb-term"') == 1
    assert linked.startswith('<p>a <b><a class="cb-term"')


def test_each_variant_links_to_its_own_id():
    found = {"authority": "the council", "awdurdod": "the council"}
    linked = glossary.with_tooltips("<p>The authority (awdurdod).</p>", found, "../glossary/")
    assert 'href="../glossary/#authority"' in linked and 'href="../glossary/#awdurdod"' in linked


def test_term_ids_are_unique_and_stable_for_distinct_names():
    assert glossary.term_ids(["a b", "a b", "a-b", "Ŵ", "’"]) == ["a-b", "a-b-3", "a-b-2", "w", "term"]
    assert glossary.term_ids(["a b", "a-b", "Ŵ", "’"]) == ["a-b", "a-b-2", "w", "term"]
    assert glossary.slug("Register of Members’ Interests") == "register-of-members-interests"


# The real build


@pytest.mark.build
def test_built_site_has_a_glossary_for_each_protocol_with_definitions(built_site):
    result = validate([str(ROOT / "source")])
    assert result.ok
    views = readings.views(result.protocols)
    assert source_protocols().keys() == {p.id for p in result.protocols}
    for protocol in result.protocols:
        terms = list(defined(views[protocol.id].as_amended))
        page = built_site / glossary_url(protocol) / "index.html"
        if not terms:
            assert not page.exists(), protocol.id
            continue
        reader = read(page.read_text(encoding="utf-8"))
        assert len(reader.terms) == len(terms), protocol.id
        assert len(reader.ids) == len(set(reader.ids)), protocol.id
        for entry in reader.terms:
            href, _ = entry.defined_in or ("", "")
            path, _, anchor = href.partition("#")
            target = (built_site / glossary_url(protocol) / path / "index.html").resolve()
            assert target.is_file(), href
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_a_page_in_pieces_links_each_term_once_with_a_shared_set():
    used: set[str] = set()
    first = glossary.with_tooltips("<p>A co-opted member.</p>", TERMS, "g/", used=used)
    second = glossary.with_tooltips("<p>Another co-opted member, a member.</p>", TERMS, "g/", used=used)
    third = glossary.with_tooltips("<p>A member.</p>", TERMS, "g/", used=used)
    assert first.count('class="cb-term"') == 1
    assert second == f"<p>Another co-opted member, a {link('member', 'includes a co-opted member', 'member')}.</p>"
    assert third == "<p>A member.</p>"
    assert used == {"co-opted member", "member"}


def test_a_term_being_defined_is_not_linked():
    html = "<dl><dt>member</dt><dd>includes a co-opted member</dd></dl>"
    linked = glossary.with_tooltips(html, TERMS, "g/")
    assert linked.startswith("<dl><dt>member</dt><dd>includes a <a class=\"cb-term\" href=\"g/#co-opted-member\"")


def test_match_case_finds_a_capitalised_term_only_as_written():
    found = {"Leadership": "the Nolan principle", "member": "m"}
    html = "<p>joint leadership; LEADERSHIP. Member and Leadership.</p>"
    assert glossary.with_tooltips(html, found, "g/").count('class="cb-term"') == 2
    linked = glossary.with_tooltips(html, found, "g/", match_case=True)
    assert linked == (f"<p>joint leadership; LEADERSHIP. {link('member', 'm', 'Member')} and "
                      f"{link('leadership', 'the Nolan principle', 'Leadership')}.</p>")


UNNUMBERED = """\
protocol: {id: plain, council: Demo Council, title: Demo code, status: adopted}
roles:
  members: {label: Members, shared: councillor}
sections:
  - id: meanings
    number: "2"
    title: Meanings
    clauses:
      - id: words
        body:
          - definitions:
              - {term: panel, label: (a), text: means the panel.}
              - {term: board, text: means the board.}
      - id: use
        text: Members must sit on the panel.
        obligations: [{who: members, modality: must}]
"""


def test_a_term_defined_in_an_unnumbered_paragraph_names_its_section(tmp_path):
    (tmp_path / "plain.yaml").write_text(UNNUMBERED, encoding="utf-8")
    _, _, pages = glossary_pages(tmp_path / "plain.yaml")
    page = {entry.term: entry for entry in read(pages["plain/glossary/index.md"]).terms}
    assert page["panel"].defined_in == ("../meanings/#words--a", "Defined in section 2 (first paragraph), item (a)")
    assert page["board"].defined_in == ("../meanings/#words", "Defined in section 2 (first paragraph)")
