"""The handbook's search and page titles: every search entry names its council and shows a clause's
number, heading and words; a former number finds the clause it became, weighed below the clauses
that bear that number now; reference pages weigh less than clauses; role, changes and print pages
are not searched; each page's <title> says what it is and whose. (Typing "9.3" into the search box
is tested in test_browser.py.)"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from clausebook import readings
from clausebook.context import Context
from clausebook.format import markup
from clausebook.format.validation import validate
from clausebook.outputs.site import search
from clausebook.urls import protocol_label, qualified, section_url
from conftest import FIXTURES

SEPARATOR = re.compile(r"[\s\-]+")  # Material's default, which mkdocs.yml keeps: "9.3" is one word
TAG = re.compile(r"<[^>]*>")


@pytest.fixture(scope="module")
def fixtures() -> Context:
    """Every valid fixture protocol (revisions among them), in one build's context."""
    result = validate([str(FIXTURES / "valid")])
    assert result.ok, result.problems[:3]
    return Context.of(result.protocols)


def shown(markup: str) -> str:
    """What a reader sees of an entry's title or text: its words, tags removed, references read."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


# ---- The entries, from the context --------------------------------------------------------

def test_each_entry_names_its_council_and_each_page_comes_before_its_clauses(fixtures: Context) -> None:
    owners = {protocol.id: protocol_label(protocol, fixtures.protocols) for protocol in fixtures.protocols}
    entries = search.entries(fixtures)
    locations = Counter(entry.location for entry in entries)
    assert not [location for location, count in locations.items() if count > 1]
    pages: set[str] = set()
    for entry in entries:
        page, anchor, _ = entry.location.partition("#")
        assert shown(entry.title).endswith(f" – {owners[page.split('/')[0]]}"), entry
        if anchor:  # Material gives a heading's entry to the page entry before it
            assert page in pages, f"{entry.location} comes before its page's entry"
        pages.add(page)


def test_a_clause_entry_shows_its_number_heading_and_words(fixtures: Context) -> None:
    entries = {entry.location: entry for entry in search.entries(fixtures)}
    headed = [record for record in fixtures.dataset.records
              if not record.deleted and (record.number or record.designation or record.heading)]
    assert headed
    for record in headed:
        entry = entries.get(record.url)
        assert entry is not None, f"{record.id} has no search entry"
        title, text = shown(entry.title), shown(entry.text)
        number = record.designation or record.reference or record.number
        assert not number or title.startswith(number), (title, number)
        assert not record.heading or markup.plain(record.heading) in title, (title, record.heading)
        assert "Link to" not in text
        for line in record.text_plain.split("\n"):
            assert " ".join(line.split()) in text, (record.id, line)


def test_a_former_number_is_searched_below_the_numbers_clauses_bear_now(fixtures: Context) -> None:
    entries = {entry.location: entry for entry in search.entries(fixtures)}
    records = {record.id: record for record in fixtures.dataset.records}
    index = search.indexes(json.dumps({"config": {}, "docs": []}).encode(), fixtures)[search.INDEX]
    fields = json.loads(index)["config"]["fields"]
    assert 0 < fields[search.FORMER]["boost"] < 1000  # (Material weighs titles 1,000)
    renumbered = 0
    for edition in fixtures.editions():
        protocol, views = edition.protocol, edition.views
        for line in readings.concordance(protocol):
            element = views.amended.get(line.id) or views.amended_sections.get(line.id)
            if element is None or not line.old or line.old == line.new:
                continue
            section = views.amended_sections.get(line.id)
            location = section_url(protocol, section) if section else records[qualified(protocol.id, line.id)].url
            entry = entries.get(location)
            if entry is None:  # (an unheaded clause is searched in the entry of the heading before it)
                continue
            renumbered += 1
            assert entry.former == line.old, entry
            assert f"(formerly {line.old})" in shown(entry.title), entry
            words = SEPARATOR.split(entry.title.lower())[1:]  # (after the number it has now)
            assert not [word for word in words if word.startswith(line.old.lower())], f"the title indexes {line.old}"
    assert renumbered, "no fixture revision renumbers a clause"


def test_deleted_clauses_and_sections_are_not_searched(fixtures: Context) -> None:
    locations = {entry.location for entry in search.entries(fixtures)}
    deleted = 0
    for edition in fixtures.editions():
        protocol, views = edition.protocol, edition.views
        for section in protocol.sections:
            if section.id not in views.amended_sections:
                deleted += 1
                assert not [location for location in locations if location.startswith(f"{protocol.id}/{section.id}/")]
            for clause in section.walk():
                if clause.id not in views.amended:
                    deleted += 1
                    assert f"{section_url(protocol, section)}#{clause.id}" not in locations
    assert deleted, "no fixture revision deletes a clause or section"


# ---- The built index and page titles ------------------------------------------------------

def test_the_built_index_has_each_clause_and_no_role_changes_or_print_page(built_site: Path) -> None:
    index = json.loads((built_site / search.INDEX).read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    protocols = json.loads((built_site / "data" / "protocols.json").read_text(encoding="utf-8"))["protocols"]
    councils = Counter(protocol["council"] for protocol in protocols)
    for protocol in protocols:
        owner = protocol["council"] + (f": {protocol['title']}" if councils[protocol["council"]] > 1 else "")
        for location, doc in docs.items():
            if location.startswith(f"{protocol['id']}/"):
                assert protocol["council"] in shown(doc["title"]), doc
                assert not location.startswith(tuple(f"{protocol['id']}/{page}/" for page in ("changes", "print", "c")))
        for section in protocol["sections"]:
            if section["change"] != "deleted":
                assert shown(docs[section["url"]]["title"]).endswith(f" – {owner}")
                assert docs[section["url"]].get("former") == section["previous_number"]
    assert not [location for location in docs if location.startswith(("roles/", "compare/"))]
    clauses = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    for clause in clauses:
        if not clause["deleted"] and (clause["number"] or clause["designation"] or clause["heading"]):
            assert clause["url"] in docs, clause["id"]
            assert docs[clause["url"]].get("former") == (clause["change"] or {}).get("previous_number")


def test_reference_pages_weigh_less_than_a_clauses_words(built_site: Path) -> None:
    """A word in the title of About the data or the accessibility statement counts for less than
    the same word in a clause's text, so clauses come first."""
    index = json.loads((built_site / search.INDEX).read_text(encoding="utf-8"))
    fields = index["config"]["fields"]
    reference = [doc for doc in index["docs"] if doc["location"].startswith(("data/", "accessibility/"))]
    assert reference
    for doc in reference:
        assert doc.get("boost", 1) * fields["title"]["boost"] < fields["text"]["boost"], doc


def test_each_page_title_says_what_the_page_is_and_whose(built_site: Path) -> None:
    protocols = json.loads((built_site / "data" / "protocols.json").read_text(encoding="utf-8"))["protocols"]
    for protocol in protocols:
        whose = f"{protocol['council']}, {protocol['part'] or protocol['title']}"
        pages = {f"{section['url']}": section["title"] for section in protocol["sections"]}
        pages |= {f"{protocol['id']}/{page}/": name for page, name in
                  (("glossary", "Glossary"), ("print", "Print version"), ("changes", "Tracked changes"))}
        for url, name in pages.items():
            if not (built_site / url / "index.html").exists():
                continue
            page = (built_site / url / "index.html").read_text(encoding="utf-8")
            title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()
            assert title.endswith(f" – {whose}") and name in title, (url, title)
        overview = (built_site / protocol["id"] / "index.html").read_text(encoding="utf-8")
        title = html.unescape(re.search(r"<title>(.*?)</title>", overview, re.S).group(1)).strip()
        assert title.startswith(protocol["title"]) and protocol["council"] in title, title
    # Every other page (role pages, comparisons, reference pages): its own title, then the site's name.
    for path in built_site.rglob("index.html"):
        page = path.read_text(encoding="utf-8")
        if path.parent == built_site or "<meta http-equiv=\"refresh\"" in page:
            continue  # (the home page is the site's; a permalink only sends the reader on)
        title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()
        what, _, whose = title.rpartition(" – ")
        assert what and whose, (path, title)
