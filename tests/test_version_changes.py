"""The changes between a protocol's versions, as built from the history fixture (Somerset in four
versions): each pair's page shows what was inserted, deleted, moved and renumbered; the versions
page counts each version's changes; each paragraph's history lists the versions that changed it;
and every link among the versions' pages leads somewhere."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import yaml

from conftest import HISTORY, broken_links, needs_examples

FIRST, LAST = "original", "2024-03-05"  # the fixture's oldest version, and the text in force
CHANGE = re.compile(r'<h3 id="(?P<id>[^"]+)".*?class="cb-change cb-change-(?P<status>\w+)"', re.DOTALL)
ROW = re.compile(r"<tr(?: id=\"[^\"]*\")?><th scope=\"row\">(?P<old>[^<]*)</th><td>(?P<new>[^<]*)</td>")
COUNT = re.compile(r'class="cb-versions__changes"><a href="(?P<href>[^"]+)">(?P<count>\d+|No) changes? from')


def clauses(file: Path) -> dict[str, tuple[str, str | None]]:
    """Each clause of a source file, read from the YAML: its id → (its parent's id, its number)."""
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str | None]] = {}

    def walk(parent: str, children: list[dict[str, Any]]) -> None:
        for clause in children:
            found[clause["id"]] = (parent, clause.get("number"))
            walk(clause["id"], clause.get("clauses", []))

    for section in data["sections"]:
        walk(section["id"], section.get("clauses", []))
    return found


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_the_changes_from_first_to_last_show_what_was_inserted_deleted_moved_and_renumbered(history_site):
    old = clauses(HISTORY / "versions" / "somerset" / f"{FIRST}.yaml")
    new = clauses(HISTORY / "somerset.yaml")
    page = html_of(history_site, f"somerset/versions/{FIRST}--{LAST}/")
    statuses = {match["id"]: match["status"] for match in CHANGE.finditer(page)}
    rows = {(match["old"], match["new"]) for match in ROW.finditer(page)}
    inserted, deleted = new.keys() - old.keys(), old.keys() - new.keys()
    moved = {key for key in old.keys() & new.keys() if old[key][0] != new[key][0]}
    renumbered = {key for key in old.keys() & new.keys() if old[key][1] != new[key][1]}
    assert inserted and deleted and moved and renumbered - moved  # (what the fixture is made to have)
    assert "Changes from Original (date not stated) to Adopted 5 March 2024" in page
    assert {key: statuses.get(key) for key in inserted} == dict.fromkeys(inserted, "inserted")
    assert {key: statuses.get(key) for key in deleted} == dict.fromkeys(deleted, "deleted")
    assert {key: statuses.get(key) for key in moved} == dict.fromkeys(moved, "moved")
    assert all(statuses.get(key) in ("renumbered", "amended", "moved") for key in renumbered)
    assert {(old[key][1], new[key][1]) for key in renumbered} <= rows
    assert {(old[key][1], "none (deleted)") for key in deleted if old[key][1]} <= rows
    assert {("none (new)", new[key][1]) for key in inserted if new[key][1]} <= rows
    # what the later version deletes is linked where it stood, on the earlier version's page
    for key in deleted:
        link = re.search(rf'<h3 id="{key}".*?<a href="([^"]+)">See where', page, re.DOTALL)
        assert link and posixpath.normpath(f"somerset/versions/{FIRST}--{LAST}/{link[1]}").startswith(
            f"somerset/{FIRST}/"), key


def test_every_version_page_permalink_and_changes_page_resolves(history_site):
    broken, pages = broken_links(history_site)
    assert broken == [], "\n".join(broken[:20])
    pairs = {f"{older}--{newer}" for older, newer in [("original", "2019-05-14"), ("2019-05-14", "2022-11-08"),
                                                        ("2022-11-08", LAST), ("original", LAST),
                                                        ("2019-05-14", LAST)]}
    assert {name.split("/")[2] for name in pages if name.startswith("somerset/versions/") and "--" in name} == pairs
    for key in ("original", "2019-05-14", "2022-11-08"):
        kept = clauses(HISTORY / "versions" / "somerset" / f"{key}.yaml")
        assert all(f"somerset/{key}/c/{clause}/index.html" in pages for clause in kept), key


def test_the_versions_page_counts_each_versions_changes(history_site):
    listing = html_of(history_site, "somerset/versions/")
    counts = [(match["href"], 0 if match["count"] == "No" else int(match["count"]))
              for match in COUNT.finditer(listing)]
    assert len(counts) == 3  # every version but the first
    for href, count in counts:
        page = html_of(history_site, f"somerset/versions/{href}")
        changed_sections = [part for part in re.split(r"<h2 ", page)[1:]
                            if 'class="cb-change-meta"' in part.split('class="cb-change-link"')[0]]
        assert count == len(CHANGE.findall(page)) + len(changed_sections) > 0, href
        assert f"{count} change{'s' if count != 1 else ''}" in page


def test_each_paragraph_history_lists_the_versions_that_changed_it(history_site):
    history = html_of(history_site, "somerset/versions/history/")
    entries = dict(re.findall(r'<section class="cb-history" id="([^"]+)">(.*?)</section>', history, re.DOTALL))
    names = {"2019-05-14": "Adopted 14 May 2019", "2022-11-08": "Adopted 8 November 2022", LAST: "Adopted 5 March 2024"}
    for older, newer in [("original", "2019-05-14"), ("2019-05-14", "2022-11-08"), ("2022-11-08", LAST)]:
        page = html_of(history_site, f"somerset/versions/{older}--{newer}/")
        for match in CHANGE.finditer(page):
            assert re.search(rf"<strong>{names[newer]}</strong>: {match['status']}", entries[match["id"]]), match["id"]
            assert f"{older}--{newer}/#{match['id']}" in entries[match["id"]]
    current = clauses(HISTORY / "somerset.yaml")
    with_history = {clause for clause in current if clause in entries}
    linked = {clause for clause in with_history if f'href="../versions/history/#{clause}"'
              in html_of(history_site, f"somerset/{_section(current[clause][0], current)}/")}
    assert linked == with_history and linked


def _section(parent: str, current: dict[str, tuple[str, str | None]]) -> str:
    """The section a clause's parent is, or is in."""
    while parent in current:
        parent = current[parent][0]
    return parent


@needs_examples("kirklees")
def test_a_proposals_changes_are_its_changes_page(built_site):
    listing = html_of(built_site, "kirklees/versions/")
    assert [match["href"] for match in COUNT.finditer(listing)] == ["../changes/"]
    assert not any("--" in path.name for path in (built_site / "kirklees" / "versions").iterdir())
