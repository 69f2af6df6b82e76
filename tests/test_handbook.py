"""The handbook as built: tracked changes on the section pages, clause permalinks, the table of
contents, "referred to in" links, and the pages a council's own protocols get."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from clausebook.format import markup
from clausebook.format.validation import validate
from clausebook.urls import homes, section_url
from conftest import ROOT, broken_links, needs_examples


class Marks(HTMLParser):
    """The words inside <del> and inside <ins>, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = {"del": 0, "ins": 0}
        self.words = {"del": [], "ins": []}
        self.ids: set[str] = set()
        self.toc: list[str] = []
        self._in_toc_link = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag in self.depth:
            self.depth[tag] += 1
        if tag == "a" and "md-nav__link" in (found.get("class") or "") and (found.get("href") or "").startswith("#"):
            self._in_toc_link = 1
            self.toc.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.depth:
            self.depth[tag] -= 1
        if tag == "a":
            self._in_toc_link = 0

    def handle_data(self, data: str) -> None:
        for tag, depth in self.depth.items():
            if depth:
                self.words[tag].append(data)
        if self._in_toc_link:
            self.toc[-1] += data

    def text(self, tag: str) -> str:
        return " ".join(" ".join(self.words[tag]).split())


def read(site: Path, url: str) -> Marks:
    parser = Marks()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


@needs_examples("kirklees")
def test_every_deletion_is_inside_del_and_every_insertion_inside_ins(built_site):
    result = validate([str(ROOT / "source")])
    protocol = next(p for p in result.protocols if p.id == "kirklees")
    checked = 0
    for section in protocol.sections:
        page = read(built_site, section_url(protocol, section))
        struck, added = page.text("del"), page.text("ins")
        for clause in section.walk():
            for text in clause.texts():
                if markup.has_changes(text.markdown):
                    pass  # (each mark inside it is checked below)
                elif text.change == "deleted":
                    assert " ".join(markup.plain(text.original).split()) in struck, clause.id
                    checked += 1
                elif text.change == "inserted":
                    assert " ".join(markup.plain(text.amended).split()) in added, clause.id
                    checked += 1
                for change in markup.changes(text.markdown):
                    for words, where in ((change.old, struck), (change.new, added)):
                        plain = " ".join(markup.plain(words).split())
                        assert plain in where, (clause.id, plain)
                        checked += 1
    assert checked > 50


@needs_examples("kirklees", "somerset")
def test_a_revision_offers_its_changes_and_an_adopted_protocol_does_not(built_site):
    kirklees = (built_site / "kirklees" / "cabinet" / "index.html").read_text(encoding="utf-8")
    assert 'class="cb-toggle' in kirklees and 'aria-pressed="false"' in kirklees
    assert 'href="?changes=show"' in kirklees and 'href="../changes/"' in kirklees
    somerset = (built_site / "somerset" / "members" / "index.html").read_text(encoding="utf-8")
    assert "cb-toggle" not in somerset


def test_every_clause_has_a_permalink_that_leads_to_it(built_site):
    result = validate([str(ROOT / "source")])
    found = homes(result.protocols)
    for protocol in result.protocols:
        for clause in protocol.clauses():
            redirect = (built_site / protocol.id / "c" / clause.id / "index.html").read_text(encoding="utf-8")
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
            page, anchor = target.split("#")
            landing = (built_site / protocol.id / "c" / clause.id / page).resolve()
            assert landing == (built_site / section_url(protocol, found[(protocol.id, clause.id)][1])).resolve()
            assert anchor in read(built_site, section_url(protocol, found[(protocol.id, clause.id)][1])).ids


@needs_examples("somerset")
def test_the_table_of_contents_names_each_clause_by_number_and_words(built_site):
    page = read(built_site, "somerset/members/")
    entries = [" ".join(entry.split()) for entry in page.toc]
    numbered = [entry for entry in entries if re.match(r"^\d+\.\d+", entry)]
    assert numbered, entries
    assert all(len(entry.split()) > 1 for entry in numbered), numbered


@needs_examples("somerset")
def test_referred_to_in_links_are_the_backlinks_of_the_data(built_site):
    records = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    with_backlinks = [r for r in records if r["backlinks"] and r["protocol"] == "somerset"]
    assert with_backlinks
    for record in with_backlinks:
        page_url, anchor = record["url"].split("#")
        html = (built_site / page_url / "index.html").read_text(encoding="utf-8")
        start = html.index(f'id="{anchor}"')
        tools = html[start:].split('class="cb-clause-tools"', 1)[1].split("</p>", 1)[0]
        assert tools.count("<a ") == len(record["backlinks"]), record["id"]


def test_a_crawl_of_the_site_finds_no_broken_link_or_anchor(built_site):
    """Every link and source in every page of site/ leads to a file there, and its #anchor to an
    element of that file."""
    broken, pages = broken_links(built_site)
    assert broken == [], "\n".join(broken[:20])
    assert len(pages) > 2 and sum(len(parser.links) for parser in pages.values()) > 100


def protocols_in_nav(entries: list) -> list[str]:
    """The protocols' names in a navigation, in order, wherever they are grouped."""
    names = []
    for entry in entries:
        if isinstance(entry, dict):
            (name, children), = entry.items()
            first = children[0] if isinstance(children, list) and children else None
            if isinstance(first, dict) and "Overview" in first:
                names.append(name)
            elif isinstance(children, list):
                names += protocols_in_nav(children)
    return names


def test_many_protocols_are_listed_in_alphabetical_groups(tmp_path: Path) -> None:
    """Past twenty protocols, each page's navigation would grow with every council added: they
    are grouped, twenty to a group, each group named by its first and last protocol."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_protocols

    from clausebook.mkdocs.handbook import NAV_GROUP, Handbook
    from clausebook.settings import Settings

    for count, grouped in ((NAV_GROUP, False), (NAV_GROUP + 5, True)):
        folder = tmp_path / str(count)
        write_protocols(folder / "source", 3 * count, count)
        handbook = Handbook(root=folder, settings=Settings(pdf=False, docx=False))
        handbook.load()
        nav = handbook.nav([])
        names = protocols_in_nav(nav)
        assert sorted(names) == sorted(f"Synthetic Council {index}" for index in range(count))
        tops = [next(iter(entry)) for entry in nav if isinstance(entry, dict)]
        if not grouped:
            assert set(names) <= set(tops)
            continue
        assert names == sorted(names, key=lambda name: int(name.rsplit(" ", 1)[1]))  # as people sort
        groups = [entry for entry in nav if isinstance(entry, dict) and " – " in next(iter(entry))]
        assert [len(next(iter(group.values()))) for group in groups] == [NAV_GROUP, 5]
        for group in groups:
            (name, members), = group.items()
            assert name == f"{next(iter(members[0]))} – {next(iter(members[-1]))}"


def footer_text(page: Path) -> str:
    """The words of a built page's footer."""
    import html

    found = re.search(r'<footer class="md-footer[^"]*">(.*?)</footer>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert found, page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def test_every_page_has_a_footer_saying_what_the_council_states_and_what_it_does_not(built_site, sources):
    """A page of one protocol names its council and gives its contact, licence and date as the
    source states them, or says the council has not stated them; the home page names the handbook
    and its councils. There is no logo and no icon but the council's own (it gives none here)."""
    for protocol in sources.values():
        role_pages = [path.parent.relative_to(built_site).as_posix() for path in
                      sorted(built_site.glob(f"roles/*/{protocol.id}/index.html"))[:1]]  # (a role in this protocol)
        for url in (f"{protocol.id}/", f"{protocol.id}/print/", section_url(protocol, protocol.sections[0]),
                    *role_pages):
            words = footer_text(built_site / url / "index.html")
            assert protocol.council in words and protocol.title in words, (url, words)
            assert f"Contact: {protocol.contact or 'not stated by the council'}" in words, (url, words)
            assert f"Licence: {protocol.licence.name if protocol.licence else 'not stated by the council'}" in words
            dated = protocol.revised or protocol.adopted or protocol.effective
            assert ("Date of the text: not stated by the council" in words) == (not dated), (url, words)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    words = footer_text(built_site / "index.html")
    assert words.startswith("Member/officer protocols") and "not stated" not in words
    assert all(protocol.council in words for protocol in sources.values()) or "councils" in words
    assert '<link rel="icon" href="data:,">' in home  # (not the theme's: a browser asks for none)
    assert not re.search(r'md-logo"[^>]*>\s*<(?:img|svg)', home)


def test_a_footer_gives_the_contact_licence_and_dates_a_source_states():
    import jinja2

    from clausebook.outputs.site import footer
    from clausebook.settings import Settings
    from conftest import FIXTURES

    (protocol,) = validate([str(FIXTURES / "valid" / "first-person-code.yaml")]).protocols
    facts = footer.of_protocol(protocol, Settings())
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "site_overrides")).get_template(
        "partials/footer.html")
    shown = template.render(page={"meta": {"clausebook_footer": facts}}, config={"site_name": "x"})
    assert f"Contact: {protocol.contact}" in shown
    assert f'Licence: <a href="{protocol.licence.url}">{protocol.licence.name}</a>' in shown
    assert f"Date of the text: adopted {protocol.adopted}, in effect from {protocol.effective}" in shown
    assert "not stated" not in shown
    hostile = footer.Footer(handbook="<b>x</b>", councils="<script>")
    assert "<b>" not in template.render(page={"meta": {"clausebook_footer": hostile}}, config={"site_name": "x"})
    assert footer.councils(()) is None


def test_the_stylesheets_are_whole():
    """Each of the handbook's stylesheets closes every block it opens, never closes one it did not,
    and starts each of its sections ("/* ---- Name ---") outside any block: a rule left open
    swallows every rule after it, which a browser does not report."""
    for path in sorted((ROOT / "docs" / "stylesheets").glob("*.css")):
        text = re.sub(r"/\*(?!\s*----).*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for line in text.splitlines():
            if line.startswith("/* ----"):
                assert depth == 0, f"{path.name}: a section starts inside an open block ({line[:40]})"
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.name}: a block closes that was never opened"
        assert depth == 0, f"{path.name}: {depth} block(s) left open"
