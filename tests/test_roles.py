"""Role pages: every obligation of each role, under each protocol's own name for it, exactly as
the dataset publishes it; a page per protocol; nothing from the sources unescaped."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

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
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ `c` {: onclick=\"x\" } # ! &amp; 'q'"
ROW = re.compile(r'<tr id="([^"]+)"><td data-label="Clause"><a href="([^"]+)">')
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
    """Each row's obligation id → the link in its clause column."""
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
    for key, by_protocol in wanted.items():
        overview = pages[f"roles/{key}/index.md"]
        assert rows(overview) == sum(by_protocol.values(), Counter()), key
        parts = PROTOCOL_HEADING.split(overview)
        under = {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}
        for protocol_id, obligations in by_protocol.items():
            assert rows(under[protocol_id]) == obligations, (key, protocol_id)
            assert rows(pages[f"roles/{key}/{protocol_id}/index.md"]) == obligations, (key, protocol_id)
    for src_uri, content in pages.items():
        parts = src_uri.split("/")
        if len(parts) == 3 and parts[1] not in wanted:  # a role no obligation names
            assert rows(content) == Counter(), src_uri


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


def test_tables_have_captions_and_column_headers_and_stay_html_blocks(source_build):
    _, _, pages = source_build
    for src_uri, content in pages.items():
        html = as_html(content)
        assert html.count("<table>") == html.count("</table>") == html.count("<caption>"), src_uri
        assert "<table>" not in html or '<th scope="col">' in html, src_uri
        assert "<p><tr" not in html and "<p><div" not in html, src_uri  # HTML blocks stay blocks


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
    # Three Somerset roles are party groups: one heading with each label, a "Who" column.
    party = pages["roles/party-group/index.md"]
    assert "## Somerset Council: Party groups, Administration and Opposition groups { #somerset }" in party
    assert '<th scope="col">Who</th>' in party.split("{ #somerset }")[1]


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
    """The ids of a page, and the links and table rows inside its article."""

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
        if self._depth and tag == "tr" and found.get("id"):
            self.rows.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1


def parsed(path: Path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.build
def test_the_built_role_pages_link_to_what_exists_and_hold_every_obligation(built_site):
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
    assert Counter(cache[councillor].rows) == obligations
