"""Role pages: every obligation of each role, under each protocol's own name for it, exactly as
the dataset publishes it; a page per protocol; nothing from the sources unescaped."""

from __future__ import annotations

import json
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from markupsafe import escape

from clausebook import readings
from clausebook.context import Context
from clausebook.format.model import Protocol
from clausebook.format.validation import validate
from clausebook.outputs.site import roles
from clausebook.records.dataset import Dataset
from clausebook.records.types import published
from conftest import FIXTURES, ROOT, needs_examples

CAERWEN = FIXTURES / "valid" / "caerwen.yaml"
FIRST_PERSON = FIXTURES / "valid" / "first-person-code.yaml"
STATUTORY = FIXTURES / "valid" / "statutory-code.yaml"
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ `c` {: onclick=\"x\" } # ! &amp; 'q'"
ROW = re.compile(r'<li id="([^"]+)"><span class="cb-role-meta"><a class="cb-role-clause" href="([^"]+)">')
PROTOCOL_HEADING = re.compile(r"^## .* \{ #([a-z0-9-]+) \}$", re.MULTILINE)


def loaded(path: Path) -> tuple[Protocol, ...]:
    result = validate([str(path)])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    return result.protocols


def build(protocols: tuple[Protocol, ...], dataset: Dataset | None = None, **options) -> dict[str, str]:
    """The role pages of ``protocols`` (from ``dataset`` if given), by source path."""
    context = Context.of(protocols, readings.views(protocols), dataset=dataset)
    return {page.src_uri: page.content for page in roles.pages(context, **options)}


def role_key(protocol_id: str, who: dict) -> str:
    return who["shared"] or f"{protocol_id}-{who['role']}"


def expected(dataset: Dataset) -> dict[str, dict[str, Counter[str]]]:
    """What the dataset says each role page must hold: role key → protocol id → obligation ids,
    each once (an obligation that names two roles of one identity is one row)."""
    found: dict[str, dict[str, Counter[str]]] = {}
    for record in published(dataset.records):
        if record["deleted"]:
            assert record["obligations"] == []
            continue
        for obligation in record["obligations"]:
            for key in {role_key(record["protocol"], who) for who in obligation["who"]}:
                found.setdefault(key, {}).setdefault(record["protocol"], Counter())[obligation["id"]] += 1
    return found


def rows(content: str) -> Counter[str]:
    return Counter(match.group(1) for match in ROW.finditer(content))


def links(content: str) -> dict[str, str]:
    """Each row's obligation id → the link on its clause's citation."""
    return {match.group(1): match.group(2) for match in ROW.finditer(content)}


def front_matter(content: str) -> dict:
    assert content.startswith("---\n"), content[:80]
    return yaml.safe_load(content.split("---\n", 2)[1])


def as_html(content: str) -> str:
    """A page's Markdown as the handbook's Markdown extensions make it HTML."""
    body = content.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "admonition", "md_in_html", "toc"])


def check_pages_match_dataset(pages: dict[str, str], dataset: Dataset) -> None:
    """Every (role, obligation) pair of the dataset is a row once on the role's overview, under
    its protocol's heading, and once on the role's page for that protocol; no other rows."""
    wanted = expected(dataset)
    summarised = too_big_to_show_whole(dataset)
    for key, by_protocol in wanted.items():
        overview = pages[f"roles/{key}/index.md"]
        if key in summarised:  # each protocol's count and a link to its page instead of its rows
            assert rows(overview) == Counter() and 'class="cb-role-summary"' in overview, key
        else:
            assert rows(overview) == sum(by_protocol.values(), Counter()), key
        parts = PROTOCOL_HEADING.split(overview)
        under = {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}
        for protocol_id, obligations in by_protocol.items():
            if key in summarised:
                assert f'<a href="{protocol_id}/">{sum(obligations.values())} obligation' in under[protocol_id]
            else:
                assert rows(under[protocol_id]) == obligations, (key, protocol_id)
            assert rows(pages[f"roles/{key}/{protocol_id}/index.md"]) == obligations, (key, protocol_id)
    for src_uri, content in pages.items():
        parts = src_uri.split("/")
        if len(parts) == 3 and parts[1] not in wanted:  # a role no obligation names
            assert rows(content) == Counter(), src_uri


def too_big_to_show_whole(dataset: Dataset) -> set[str]:
    """The roles whose overview, shown whole, would be bigger than ``roles.OVERVIEW_LIMIT``: the
    page then gives each protocol's count and a link to its page instead of its rows."""
    whole = build(tuple(dataset.protocols), dataset, overview_limit=sys.maxsize)
    return {uri.split("/")[1] for uri, content in whole.items()
            if uri.count("/") == 2 and uri != "roles/index.md" and len(content.encode()) > roles.OVERVIEW_LIMIT}


def check_links_follow_the_data(pages: dict[str, str], dataset: Dataset) -> None:
    """Each row links to where the dataset says its obligation is stated."""
    urls = {o["id"]: o["url"] for r in published(dataset.records) for o in r["obligations"]}
    for src_uri, content in pages.items():
        here = src_uri.removesuffix("index.md")
        for obligation_id, href in links(content).items():
            path, _, fragment = urls[obligation_id].partition("#")
            assert href == f"{posixpath.relpath(path, here)}/#{fragment}", (src_uri, obligation_id)


@pytest.fixture(scope="module")
def source_build(sources) -> tuple[tuple[Protocol, ...], Dataset, dict[str, str]]:
    protocols = tuple(sources.values())
    views = readings.views(protocols)
    dataset = Dataset(protocols, None, views)
    return protocols, dataset, build(protocols, dataset)


@pytest.mark.parametrize("path", [ROOT / "source", CAERWEN], ids=["source", "caerwen"])
def test_each_role_page_holds_exactly_its_roles_obligations_in_the_data(path):
    protocols = loaded(path)
    dataset = Dataset(protocols)
    pages = build(protocols, dataset)
    check_pages_match_dataset(pages, dataset)
    check_links_follow_the_data(pages, dataset)
    assert sum(len(rows(pages[f"roles/{key}/index.md"])) for key in expected(dataset)) > 0


def test_every_role_the_protocols_name_has_its_pages_and_index_entry(source_build):
    protocols, dataset, pages = source_build
    index = pages["roles/index.md"]
    wanted = expected(dataset)
    for protocol in protocols:
        for role in protocol.roles.values():
            key = role.shared or f"{protocol.id}-{role.id}"
            overview, own = pages[f"roles/{key}/index.md"], pages[f"roles/{key}/{protocol.id}/index.md"]
            assert f'<a href="{protocol.id}/">' in overview
            assert str(escape(role.label)) in overview and str(escape(role.label)) in own
            count = sum(wanted.get(key, {}).get(protocol.id, Counter()).values())
            assert f'<a href="{key}/">' in index
            assert re.search(rf'<a href="{key}/{protocol.id}/">[^<]*</a>: [^<]*{re.escape(str(escape(role.label)))}'
                             rf'[^<]* \({count} obligations?\)', index), (key, protocol.id)
    for content in pages.values():
        assert front_matter(content)["title"]


def test_tables_have_captions_and_column_headers_and_tables_and_lists_stay_html_blocks(source_build):
    _, _, pages = source_build
    for src_uri, content in pages.items():
        html = as_html(content)
        assert html.count("<table>") == html.count("</table>") == html.count("<caption>"), src_uri
        assert "<table>" not in html or '<th scope="col">' in html, src_uri
        for tag in ("tr", "div", "li", "ul", "h3", "h4", "nav"):  # HTML blocks stay blocks
            assert f"<p><{tag}" not in html, (src_uri, tag)


@needs_examples("somerset", "kirklees")
def test_somerset_members_and_kirklees_councillors_share_the_councillor_page(source_build):
    _, _, pages = source_build
    overview = pages["roles/councillor/index.md"]
    assert "## Kirklees Council: Councillors { #kirklees }" in overview
    assert "## Somerset Council: Members { #somerset }" in overview
    kirklees, somerset = overview.split("{ #somerset }")
    assert "as amended by the proposed revision" in kirklees
    # Somerset's part has no revision note and is not under Kirklees's name for the role (its
    # sentences may still say "Councillors", as Somerset's text does).
    assert '!!! note "Proposed revision"' not in somerset and "Somerset Council: Councillors" not in somerset
    assert "# Somerset Council: Members" in pages["roles/councillor/somerset/index.md"]
    assert "# Kirklees Council: Councillors" in pages["roles/councillor/kirklees/index.md"]
    assert "as amended by the proposed revision" in pages["roles/councillor/kirklees/index.md"]
    assert 'href="../../somerset/members/#' in overview
    # Somerset's lead members have no shared identity: a page of their own.
    assert "roles/somerset-lead-members/index.md" in pages
    # Three Somerset roles are party groups: one heading with each label; each row says who acts.
    party = pages["roles/party-group/index.md"]
    assert "## Somerset Council: Party groups, Administration and Opposition groups { #somerset }" in party
    somerset_party = party.split("{ #somerset }")[1]
    assert somerset_party.count('</span> <span>Who: ') == len(rows(somerset_party)) > 0


def test_a_role_without_a_shared_identity_gets_pages_of_its_own(sources):
    protocols = tuple(sources.values())
    dataset = Dataset(protocols)
    counts = Counter((r["protocol"], who["role"]) for r in published(dataset.records) for o in r["obligations"]
                     for who in o["who"])
    (protocol_id, role_id), count = counts.most_common(1)[0]
    changed = tuple(
        replace(p, roles={**p.roles, role_id: replace(p.roles[role_id], shared=None)}) if p.id == protocol_id else p
        for p in protocols)
    dataset = Dataset(changed)
    pages = build(changed, dataset)
    key = f"{protocol_id}-{role_id}"
    assert len(rows(pages[f"roles/{key}/index.md"])) == count
    assert len(rows(pages[f"roles/{key}/{protocol_id}/index.md"])) == count
    assert f'<a href="{key}/">' in pages["roles/index.md"]
    check_pages_match_dataset(pages, dataset)


def test_a_proposed_revision_says_its_obligations_are_as_amended(sources):
    protocols = tuple(replace(p, status="proposed-revision") for p in sources.values())
    pages = build(protocols)
    for protocol in protocols:
        for role in protocol.roles.values():
            key = role.shared or f"{protocol.id}-{role.id}"
            assert "as amended by the proposed revision" in pages[f"roles/{key}/{protocol.id}/index.md"]


def test_many_councils_sharing_a_role_are_checked_as_the_overview_limit_says(tmp_path):
    """Enough councils beside each other push a shared role's overview past roles.OVERVIEW_LIMIT,
    and it shows each council's count instead of its rows: the checks above follow the same
    constant (they once expected every overview whole)."""
    copies = []
    for path in (FIRST_PERSON, STATUTORY):
        text = path.read_text(encoding="utf-8")
        protocol_id = re.search(r"^  id: ([a-z-]+)$", text, re.MULTILINE).group(1)
        for n in range(12):
            copy = tmp_path / f"{path.stem}-{n}.yaml"
            copy.write_text(text.replace(f"  id: {protocol_id}\n", f"  id: {protocol_id}-{n}\n", 1), encoding="utf-8")
            copies.append(str(copy))
    result = validate(copies)
    assert result.ok
    dataset = Dataset(result.protocols)
    assert "councillor" in too_big_to_show_whole(dataset) and "monitoring-officer" not in too_big_to_show_whole(dataset)
    pages = build(result.protocols, dataset)
    check_pages_match_dataset(pages, dataset)
    check_links_follow_the_data(pages, dataset)


def test_an_overview_too_big_to_show_whole_links_to_each_protocols_page(source_build):
    protocols, dataset, _ = source_build
    pages = build(protocols, dataset, overview_limit=1)
    for key, by_protocol in expected(dataset).items():
        overview = pages[f"roles/{key}/index.md"]
        assert rows(overview) == Counter(), key
        for protocol_id, obligations in by_protocol.items():
            assert f'<a href="{protocol_id}/">{sum(obligations.values())} obligation' in overview
            assert rows(pages[f"roles/{key}/{protocol_id}/index.md"]) == obligations


class _Markup(HTMLParser):
    """Every element and attribute of a page: what a browser would run or follow."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def test_strings_from_the_sources_are_never_markup(source_build):
    protocols, _, _ = source_build
    hostile = tuple(replace(p, council=HOSTILE + p.id, title=HOSTILE,
                            roles={rid: replace(r, label=HOSTILE + r.label) for rid, r in p.roles.items()})
                    for p in protocols)
    dataset = Dataset(hostile)
    for record in published(dataset.records):
        for obligation in record["obligations"]:
            obligation.update(sentence=HOSTILE, condition=HOSTILE)
        record.update(number=HOSTILE, reference=HOSTILE, designation=None)
    pages = build(hostile, dataset)
    for src_uri, content in pages.items():
        assert "<script>" not in content, src_uri
        found = _Markup()
        found.feed(as_html(content))
        assert not found.tags & {"script", "em", "code"}, src_uri  # Markdown in the words stays words
        assert not [(n, v) for n, v in found.attributes if n.startswith("on") or v.startswith("javascript:")]
        title = front_matter(content)["title"]
        assert "<" not in title, src_uri  # MkDocs and Material insert titles as they are
        if src_uri.count("/") == 3:  # one protocol's page: its title names the protocol and the role
            assert title.startswith(str(escape(HOSTILE))), src_uri
    overview = pages[f"roles/{next(iter(expected(dataset)))}/index.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview


# The built handbook

class _Article(HTMLParser):
    """The ids of a page, and the links and obligation rows inside its article."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.rows: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "article":
            self._depth += 1
        if self._depth and tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if self._depth and tag == "li" and found.get("id"):
            self.rows.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1


def parsed(path: Path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
def test_the_built_role_pages_link_to_what_exists_and_hold_every_obligation(built_site, sources):
    clauses = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    pages = sorted((built_site / "roles").rglob("index.html"))
    assert pages
    cache: dict[Path, _Article] = {}
    for page in pages:
        article = cache.setdefault(page, parsed(page))
        for href in article.hrefs:
            if re.match(r"[a-z]+:", href) or href.startswith("/"):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page, href)
            if fragment:
                ids = cache.setdefault(target, parsed(target)).ids
                assert fragment in ids, f"{page.relative_to(built_site)}: {href} has no element #{fragment}"
    councillor = built_site / "roles" / "councillor" / "index.html"
    obligations = Counter(o["id"] for r in clauses if not r["deleted"] for o in r["obligations"]
                          if any(who["shared"] == "councillor" for who in o["who"]))
    if not obligations:
        pytest.skip("no protocol in source/ has a councillor")
    # Each council's page holds its rows; the overview holds them all unless it is too big to.
    councils = sorted(councillor.parent.glob("*/index.html"))
    assert Counter(row for page in councils for row in cache.setdefault(page, parsed(page)).rows) == obligations
    protocols = tuple(sources.values())
    if "councillor" in too_big_to_show_whole(Dataset(protocols, None, readings.views(protocols))):
        assert cache[councillor].rows == []
    else:
        assert Counter(cache[councillor].rows) == obligations



# The built role pages, read as a reader meets them

@dataclass
class _Lists:
    """A built role page's article: its links to its lists (the target's id and the words), its
    lists by the id of the heading before each (section titles, each with its rows: obligation
    id and citation), and where each link and list first comes in the page."""

    jumps: list[tuple[str, str]]
    lists: dict[str, list[tuple[str, list[tuple[str, str]]]]]
    first_jump: int | None
    first_list: int | None


def _words(element) -> str:
    return " ".join(element.text_content().split())


def read_lists(path: Path) -> _Lists:
    article = lxml.html.parse(str(path)).find(".//article")
    jumps = [(a.get("href", "").removeprefix("#"), _words(a))
             for a in article.xpath(".//nav[contains(@class, 'cb-role-jumps')]//a")]
    lists: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    first_jump = first_list = None
    for position, element in enumerate(article.iter()):
        classes = (element.get("class") or "").split()
        if element.tag == "nav" and "cb-role-jumps" in classes and first_jump is None:
            first_jump = position
        if (element.tag == "table" or "cb-role-list" in classes) and first_list is None:
            first_list = position
        if "cb-role-list" not in classes:
            continue
        heading = element.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][@id][1]")[0]
        groups = lists.setdefault(heading.get("id"), [])
        for child in element:
            if child.tag in ("h3", "h4"):  # a section's title
                groups.append((_words(child), []))
            elif child.tag == "ul":
                groups[-1][1].extend((li.get("id"), _words(li.xpath(".//a[@class='cb-role-clause']")[0]))
                                     for li in child)
    return _Lists(jumps, lists, first_jump, first_list)


@pytest.fixture(scope="module")
def built_lists(built_site: Path) -> dict[str, _Lists]:
    """Each built role page (but the index), read: by its address under the site."""
    return {str(path.parent.relative_to(built_site)): read_lists(path)
            for path in sorted((built_site / "roles").glob("*/**/index.html"))}


@pytest.mark.build
def test_each_role_page_links_to_its_lists_with_counts_that_match_them(built_lists):
    assert any(page.lists for page in built_lists.values())
    for address, page in built_lists.items():
        # one link to each list, before it, with the number of rows it holds
        assert sorted(target for target, _ in page.jumps) == sorted(page.lists), address
        for target, words in page.jumps:
            count = re.fullmatch(r"(Do|Don't|May) \((\d+)\)", words)
            assert count, (address, words)
            assert int(count.group(2)) == sum(len(rows) for _, rows in page.lists[target]) > 0, (address, target)
        if page.lists and address.count("/") == 2:  # one council's page: the links come first
            assert page.first_jump is not None and page.first_jump < page.first_list, address


@pytest.mark.build
def test_each_list_has_its_rows_under_their_sections_each_named_once(built_site, built_lists):
    clauses = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    protocols = json.loads((built_site / "data" / "protocols.json").read_text(encoding="utf-8"))["protocols"]
    titles = {section["id"]: section["title"] for protocol in protocols for section in protocol["sections"]}
    stated = {obligation["id"]: (record["section"], record["citation"]) for record in clauses
              for obligation in record["obligations"]}
    checked = 0
    for address, page in built_lists.items():
        for target, groups in page.lists.items():
            named = [title for title, _ in groups]
            assert len(named) == len(set(named)), (address, target, named)  # one run of rows per section
            for title, rows in groups:
                assert rows, (address, title)
                for obligation_id, citation in rows:
                    section, clause = stated[obligation_id]
                    assert titles[section] in title, (address, obligation_id, title)
                    assert citation.startswith(clause) and not citation.startswith("In "), (address, citation)
                    checked += 1
    assert checked


@pytest.mark.build
def test_the_overviews_and_home_lead_to_the_role_pages_and_the_index_counts_each_council(built_site, sources,
                                                                                        built_lists):
    for protocol in sources.values():
        overview = built_site / protocol.id / "index.html"
        links = lxml.html.parse(str(overview)).xpath("//article//ul[@class='cb-roles']//a")
        assert [_words(a) for a in links] == [" ".join(r.label.split()) for r in protocol.roles.values()]
        for a in links:
            target = (overview.parent / a.get("href")).resolve()
            address = str(target.relative_to(built_site))
            assert address.startswith("roles/") and address.endswith(f"/{protocol.id}"), address
            (h1,) = lxml.html.parse(str(target / "index.html")).xpath("//article//h1")
            assert _words(a) in _words(h1), (address, _words(h1))
    home = lxml.html.parse(str(built_site / "index.html"))
    assert home.xpath("//article//a[@href='roles/']")
    index = built_site / "roles" / "index.html"
    for row in lxml.html.parse(str(index)).xpath("//article//tbody/tr"):
        assert len(row) == 2  # the role, and each council's name for it with its own count: no sum
        for item in row.xpath("td//li"):
            address = str((index.parent / item.xpath("a")[0].get("href")).resolve().relative_to(built_site))
            count = int(re.search(r"\((\d+) obligations?\)$", _words(item)).group(1))
            assert count == sum(len(rows) for groups in built_lists[address].lists.values() for _, rows in groups)


@needs_examples("kirklees")
@pytest.mark.build
def test_kirklees_councillors_page_links_to_its_dont_list_before_the_first_list(built_site):
    html = (built_site / "roles" / "councillor" / "kirklees" / "index.html").read_text(encoding="utf-8")
    link = html.find('href="#kirklees-dont"')
    assert 0 < link < min(html.find(marker) for marker in ('class="cb-role-list"', "<table", 'id="kirklees-dont"')
                          if marker in html)
    assert re.search(r'<h2 id="kirklees-dont">Don', html)
