"""Every version kept online, as a reader finds it: each kept version's pages show its own words
under a banner with its dates; the versions page lists them newest first and opens the one in
force on a date; addresses made for a version or a retired clause lead on; only the text in force
is in the navigation and the search; and a rebuild after an edit to the text in force does not
make the old versions' pages again.

The history fixture (tests/fixtures/history: Somerset in four versions) is built once for the
run (``history_site``); Kirklees, a proposed revision, is read in the examples' own build."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser_support import axe_script, serve_directory
from conftest import HISTORY, HISTORY_SOURCES, ROOT, needs_examples
from test_browser import AXE_OPTIONS, NARROW, RUN_AXE, SETTLE, WIDE
from text_support import in_order, tokens

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def history():
    """The history fixture's versions of Somerset, oldest first, as the build loads them."""
    from clausebook.format.validation import validate

    result = validate([str(path) for path in HISTORY_SOURCES])
    assert result.ok, [problem.message for problem in result.problems]
    return result.histories["somerset"]


HEADINGS = ("h2", "h3", "h4")  # a clause's heading: h2 on a section page, h3 on the print page


class _Article(HTMLParser):
    """The text of a page's article, and the ids and classes of its elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when above 0
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.headings: dict[str, str] = {}  # id → text of each clause heading
        self._heading: str | None = None
        self.inserted = 0  # <ins> elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.depth += tag == "article"
        if self.depth:
            self.ids |= {found["id"]} if found.get("id") else set()
            self.inserted += tag == "ins"
            if tag in HEADINGS and "cb-clause-heading" in (found.get("class") or "").split():
                self._heading = found.get("id")
                self.headings[self._heading or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        if tag in HEADINGS:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
            if self._heading is not None:
                self.headings[self._heading] += data


def article(site: Path, address: str) -> _Article:
    """The article of the page at ``address`` (a path under the site, ending in /)."""
    parser = _Article()
    parser.feed((site / address / "index.html").read_text(encoding="utf-8"))
    return parser


def kept(history) -> list:
    return [version for version in history if not version.current]


REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def leads_to(site: Path, address: str) -> str:
    """Where the page at ``address`` ends up after every meta refresh (a URL path and #fragment)."""
    path = f"/{address}"
    for _ in range(5):
        found = REFRESH.search((site / path.partition("#")[0].lstrip("/") / "index.html").read_text(encoding="utf-8"))
        if found is None:
            return path
        path = urllib.parse.urljoin(path, found.group(1))
    raise AssertionError(f"{address} refreshes on and on")


# ---- Each version's pages -----------------------------------------------------------------------

def test_each_kept_versions_pages_show_its_own_words_and_no_other_versions(history_site: Path, history) -> None:
    """A kept version's print page has every section, number and word of that version, in order,
    and it and the section pages exactly that version's clauses (each version's differ)."""
    assert len(kept(history)) >= 3
    assert len({frozenset(clause.id for clause in version.protocol.clauses()) for version in history}) > 1
    for version in kept(history):
        printed = article(history_site, f"somerset/{version.key}/print/")
        words = tokens(" ".join(printed.text))
        assert in_order(words, version.protocol) is None, (version.key, in_order(words, version.protocol))
        assert {*printed.headings} == {clause.id for clause in version.protocol.clauses()}, version.key
        for section in version.protocol.sections:
            shown = article(history_site, f"somerset/{version.key}/{section.id}/")
            assert set(shown.headings) == {clause.id for clause in section.walk()}, (version.key, section.id)


def test_each_kept_versions_pages_say_which_version_and_when_it_was_in_force(history_site: Path, history) -> None:
    """The banner on every page of a superseded version: its status, its adoption date (or that
    none is stated), the dates it was in force, and that it is not the text in force."""
    for version in kept(history):
        assert version.status == "superseded"
        named = (f"Adopted {long(version.key)}" if version.dated else "Original (date not stated)")
        start = long(version.in_force_from) if version.in_force_from else "a date not stated"
        folder = history_site / "somerset" / version.key
        pages = sorted(path.parent.relative_to(history_site).as_posix() + "/" for path in folder.rglob("index.html")
                       if "/c/" not in path.relative_to(history_site).as_posix())
        assert len(pages) >= 1 + len(version.protocol.sections)
        for address in pages:
            text = " ".join(" ".join(article(history_site, address).text).split())
            assert f"Superseded: {named}" in text, address
            assert f"in force from {start} to {long(version.in_force_to)}" in text, address
            assert "It is not the text in force" in text, address


def long(day: str | None) -> str:
    """'2019-06-01' → '1 June 2019', as a reader reads a date."""
    assert day is not None
    value = datetime.date.fromisoformat(day)
    return f"{value.day} {value:%B %Y}"


def test_the_versions_page_lists_every_version_newest_first_with_its_dates(history_site: Path, history) -> None:
    page = (history_site / "somerset" / "versions" / "index.html").read_text(encoding="utf-8")
    keys = re.findall(r'<li class="cb-versions__entry" data-key="([^"]+)"', page)
    assert keys == [version.key for version in reversed(history)]
    text = " ".join(" ".join(article(history_site, "somerset/versions/").text).split())
    at = 0
    for version in reversed(history):
        named = f"Adopted {long(version.key)}" if version.dated else "Original (date not stated)"
        found = text.find(named, at)
        assert found >= 0, named
        at = found
        if version.in_force_from:
            assert long(version.in_force_from) in text[at:at + 200], version.key
        if version.in_force_to:
            assert long(version.in_force_to) in text[at:at + 200], version.key


# ---- Addresses that lead on ---------------------------------------------------------------------

def test_the_text_in_forces_own_version_address_leads_to_its_pages(history_site: Path, history) -> None:
    [current] = [version for version in history if version.current]
    assert leads_to(history_site, f"somerset/{current.key}/") == "/somerset/"
    clause = next(current.protocol.clauses())
    assert leads_to(history_site, f"somerset/{current.key}/c/{clause.id}/") == leads_to(
        history_site, f"somerset/c/{clause.id}/")
    assert leads_to(history_site, f"somerset/c/{clause.id}/").startswith("/somerset/")
    assert not re.match(r"/somerset/(\d{4}-\d\d-\d\d|original)/", leads_to(history_site, f"somerset/c/{clause.id}/"))


def test_a_clause_id_the_text_in_force_no_longer_has_leads_to_the_last_version_that_had_it(
        history_site: Path, history) -> None:
    [current] = [version for version in history if version.current]
    now = {clause.id for clause in current.protocol.clauses()}
    last: dict[str, str] = {}
    for version in kept(history):
        last |= dict.fromkeys((clause.id for clause in version.protocol.clauses()), version.key)
    retired = {clause_id: key for clause_id, key in last.items() if clause_id not in now}
    assert retired, "the history fixture deletes a clause"
    for clause_id, key in retired.items():
        target = leads_to(history_site, f"somerset/c/{clause_id}/")
        assert target.startswith(f"/somerset/{key}/") and target.endswith(f"#{clause_id}"), (clause_id, target)
        assert clause_id in article(history_site, target.removeprefix("/").partition("#")[0]).ids


def test_kept_versions_are_neither_in_the_navigation_nor_in_the_search(history_site: Path, history) -> None:
    keys = "|".join(re.escape(version.key) for version in kept(history))
    index = json.loads((history_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if re.match(rf"somerset/({keys})/", doc["location"])]
    assert any(doc["location"].startswith("somerset/") for doc in index["docs"])
    for address in ("somerset/", f"somerset/{kept(history)[0].key}/"):
        page = (history_site / address / "index.html").read_text(encoding="utf-8")
        start = page.index('class="md-nav md-nav--primary"')
        navigation = page[start:page.index("</nav>", start)]
        assert not re.search(rf'href="[^"]*(?:^|/)({keys})/', navigation), address


# ---- Kirklees: a proposed revision's text in force ---------------------------------------------

@needs_examples("kirklees")
def test_kirklees_text_in_force_is_shown_as_it_was(built_site: Path) -> None:
    """``kirklees/original/`` is the text the proposal revises: its words in order and its old
    numbers, none of the proposal's insertions."""
    from clausebook.format.validation import validate

    result = validate([str(ROOT / "source")])
    history = result.histories["kirklees"]
    [in_force] = [version for version in history if version.status == "in force" and not version.current]
    proposal = next(protocol for protocol in result.protocols if protocol.id == "kirklees")
    words = tokens(" ".join(article(built_site, f"kirklees/{in_force.key}/print/").text))
    assert in_force.key == "original"
    assert in_order(words, in_force.protocol) is None, in_order(words, in_force.protocol)
    inserted = {clause.id for clause in proposal.clauses() if clause.change == "inserted"}
    renumbered = {clause.id: clause.was for clause in proposal.clauses()
                  if clause.was and clause.was != clause.number and clause.change != "inserted"}
    assert inserted and renumbered
    for section in in_force.protocol.sections:
        shown = article(built_site, f"kirklees/{in_force.key}/{section.id}/")
        assert shown.inserted == 0 and not inserted & shown.ids, section.id
        for clause_id, was in renumbered.items():
            if clause_id in shown.headings:
                assert shown.headings[clause_id].split()[0] == was, (clause_id, shown.headings[clause_id])


# ---- In the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_history(history_site: Path):
    with serve_directory(history_site) as origin:
        yield origin


@pytest.mark.browser
def test_the_date_field_opens_the_version_in_force_on_that_date(served_history: str, chromium, history) -> None:
    """A date between two versions' first days in force opens the earlier of the two."""
    dated = [version for version in history if version.in_force_from and version.status != "proposed"]
    earlier, later = dated[0], dated[1]
    first = datetime.date.fromisoformat(earlier.in_force_from)
    day = first + (datetime.date.fromisoformat(later.in_force_from) - first) / 2
    page = chromium.new_page(viewport=WIDE)
    try:
        page.goto(f"{served_history}/somerset/versions/")
        page.fill("#cb-in-force-date", day.isoformat())
        with page.expect_navigation():
            page.click("form.cb-in-force button[type=submit]")
        assert page.url == f"{served_history}/somerset/{earlier.key}/", (day, page.url)
    finally:
        page.close()


@pytest.mark.browser
def test_the_same_page_of_the_text_in_force_keeps_the_readers_clause(served_history: str, chromium, history) -> None:
    [current] = [version for version in history if version.current]
    now = {section.id: {clause.id for clause in section.walk()} for section in current.protocol.sections}
    version = kept(history)[-1]
    section, clause = next((section, clause) for section in version.protocol.sections if section.id in now
                           for clause in section.walk() if clause.id in now[section.id])
    page = chromium.new_page(viewport=WIDE)
    try:
        page.goto(f"{served_history}/somerset/{version.key}/{section.id}/#{clause.id}")
        with page.expect_navigation():
            page.click("a.cb-keep-place")
        assert page.url == f"{served_history}/somerset/{section.id}/#{clause.id}", page.url
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [WIDE, NARROW], ids=["1280", "320"])
def test_the_versions_page_and_a_versions_section_page_pass_axe(served_history: str, chromium, history,
                                                                width) -> None:
    version = kept(history)[0]
    page = chromium.new_page(viewport=width)
    try:
        for address in ("somerset/versions/", f"somerset/{version.key}/{version.protocol.sections[0].id}/"):
            page.goto(f"{served_history}/{address}")
            page.evaluate(axe_script())
            page.evaluate(SETTLE)
            found = page.evaluate(RUN_AXE, AXE_OPTIONS)
            assert found == [], (address, width, [(v["id"], v["help"]) for v in found])
    finally:
        page.close()


# ---- A rebuild after an edit to the text in force -----------------------------------------------

def test_a_rebuild_after_an_edit_to_the_text_in_force_makes_no_kept_version_again(tmp_path: Path) -> None:
    """Through what the warm rebuild keeps (``mkdocs serve``): the kept versions are checked and
    made once, and the changes between two kept versions worked out once; an edit to a clause of
    the text in force checks and makes none of them again (their pages are the same) and works out
    again only the changes to the text in force; an edit to one kept version makes that one again."""
    from clausebook.format import versions as formats
    from clausebook.mkdocs import cache
    from clausebook.mkdocs.handbook import Handbook
    from clausebook.settings import Settings

    shutil.copytree(HISTORY, tmp_path / "source", ignore=shutil.ignore_patterns("*.py"))
    memory = cache.Memory()

    def built() -> Handbook:
        handbook = Handbook(root=tmp_path, settings=Settings(pdf=False, docx=False), memory=memory)
        handbook.load()
        return handbook

    def counts(kept: cache.Kept) -> tuple[int, int]:
        return kept.made, kept.reused

    first = built()
    versions = len(list(first.context.kept()))
    pairs = list(formats.compared(first.context.histories["somerset"]))
    to_current = sum(1 for _, newer in pairs if newer.current)
    assert counts(memory.versions) == counts(memory.checked) == (versions, 0) and versions >= 3
    assert counts(memory.pairs) == (len(pairs), 0) and 0 < to_current < len(pairs)
    edited = edit(tmp_path / "source" / "somerset.yaml")
    second = built()
    assert counts(memory.versions) == counts(memory.checked) == (0, versions)
    assert counts(memory.pairs) == (to_current, len(pairs) - to_current)
    changed = {page.src_uri for page in first.pages} ^ {page.src_uri for page in second.pages} | {
        old.src_uri for old, new in zip(first.pages, second.pages, strict=True) if old.content != new.content}
    assert changed and all(not re.match(r"somerset/(\d{4}-\d\d-\d\d|original)/", uri) for uri in changed), changed
    assert any(edited in page.content for page in second.pages)
    assert second.data_files == {**first.data_files, **{path: content for path, content in second.data_files.items()
                                                         if not path.startswith("data/versions/")}}
    edit(tmp_path / "source" / "versions" / "somerset" / f"{kept(first.context.histories['somerset'])[-1].key}.yaml")
    built()
    assert counts(memory.versions) == counts(memory.checked) == (1, versions - 1)


def edit(source: Path) -> str:
    """Changes one word of the first clause's text in ``source``; gives the new words."""
    text = source.read_text(encoding="utf-8")
    found = re.search(r"\n( +)text: (?:>-\n\1  )?(\w+ \w+)", text)
    assert found is not None, source
    words = f"Edited {found.group(2)}"
    source.write_text(text[:found.start(2)] + words + text[found.end(2):], encoding="utf-8")
    return words


# ---- Kept files that cannot be versions --------------------------------------------------------

@pytest.mark.parametrize(("name", "change", "message"), [
    ("2019-05-14.yaml", ("adopted: ", "adopted: '2018-01-02' #"), "is named by its adoption date"),
    ("original.yaml", ("status: adopted", "status: proposed-revision"), "a kept version is a text that was adopted"),
    ("original.yaml", ("id: somerset", "id: elsewhere"), "is a version of 'somerset'"),
    ("members.yaml", None, "has the id of a section of 'somerset'"),
    ("proposed.yaml", None, "names the source file's own text"),
])
def test_a_kept_file_that_cannot_be_a_version_is_an_error_at_its_place(tmp_path: Path, name: str,
                                                                        change: tuple[str, str] | None,
                                                                        message: str) -> None:
    """A kept file misnamed, not adopted, of another protocol, or at the address of a section is
    an error naming the file; the history is not built from it."""
    from clausebook.format.validation import validate

    shutil.copytree(HISTORY, tmp_path / "source", ignore=shutil.ignore_patterns("*.py"))
    kept = tmp_path / "source" / "versions" / "somerset"
    source = kept / ("original.yaml" if change is None or name == "original.yaml" else name)
    text = source.read_text(encoding="utf-8")
    if change is not None:
        assert change[0] in text
        text = text.replace(change[0], change[1], 1)
    source.unlink()
    (kept / name).write_text(text, encoding="utf-8")
    result = validate([str(tmp_path / "source")])
    found = [problem for problem in result.problems if message in problem.message]
    assert found and all(problem.file.endswith(name) and problem.line for problem in found), result.problems
