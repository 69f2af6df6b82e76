"""The handbook's own features, used as a reader would in Chromium: the tracked-changes toggle and
its link, a role page followed to its clause, a tooltip and a permalink by keyboard, a
cross-reference and a "referred to in" link."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import needs_examples

pytestmark = pytest.mark.browser
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def page(chromium):
    """A fresh browser tab, closed after the test."""
    tab = chromium.new_page(viewport=WIDE)
    yield tab
    tab.close()


def visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


# Where a link leads is marked by more than a tint: a bar at its left (a shadow), or its first cell's.
MARKED = "e => getComputedStyle(e).boxShadow !== 'none' && getComputedStyle(e).backgroundColor"


@needs_examples("kirklees")
def test_the_changes_toggle_shows_insertions_deletions_and_old_numbers(served_site: str, page) -> None:
    """The toggle says what pressing it does, and follows its state; with the changes hidden no
    space stands before punctuation where a deletion was. The clause a link leads to is marked;
    its permalink is an icon beside its number, named for screen readers, at least 24 × 24 px."""
    page.goto(served_site + "/kirklees/cabinet/#delegated-decisions")
    toggle = page.locator("button.cb-toggle")
    assert toggle.inner_text() == "Show changes" and toggle.get_attribute("aria-pressed") == "false"
    assert not visible(page, "article del") and not visible(page, "article .cb-was")
    amended = " ".join(page.inner_text("article").split())
    assert "as amended, where" in amended and not re.search(r"\w [,.;:]", amended)
    assert page.eval_on_selector("#delegated-decisions", MARKED)
    assert page.eval_on_selector("#delegated-decisions + .cb-clause", MARKED)
    permalink = page.get_by_role("link", name="Link to paragraph 6.5", exact=True)
    box = permalink.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    assert permalink.evaluate("e => e.closest('h2') !== null")  # beside the number, not a line of its own

    toggle.focus()
    page.keyboard.press("Enter")  # by keyboard, as anyone can
    assert toggle.inner_text() == "Hide changes" and toggle.get_attribute("aria-pressed") == "true"
    assert visible(page, "article del") and visible(page, "article ins") and visible(page, "article .cb-was")
    assert "changes=show" in page.url
    style = page.eval_on_selector("article del", "e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in style  # marked by more than colour
    page.keyboard.press("Enter")
    assert toggle.inner_text() == "Show changes" and toggle.get_attribute("aria-pressed") == "false"

    page.goto(served_site + "/kirklees/cabinet/?changes=show")  # the tracked view has its own link
    assert page.get_by_role("button", name="Hide changes").get_attribute("aria-pressed") == "true"
    assert visible(page, "article del") and "was 4.1" in page.inner_text("article")


@needs_examples("kirklees")
def test_the_changes_page_always_shows_the_changes(served_site: str, page) -> None:
    page.goto(served_site + "/kirklees/changes/")
    assert visible(page, "article del") and visible(page, "article ins")
    assert not page.eval_on_selector("#was-4-1 > th", MARKED)
    page.goto(served_site + "/kirklees/changes/#was-4-1")  # (an old number's row in the concordance)
    assert page.eval_on_selector("#was-4-1 > th", MARKED)


@needs_examples("kirklees", "somerset")
def test_a_role_page_shows_one_council_and_leads_to_the_clause(built_site: Path, served_site: str,
                                                                page) -> None:
    page.goto(served_site + "/roles/councillor/")
    article = page.inner_text("article")
    assert "Somerset Council: Members" in article and "Kirklees Council: Councillors" in article
    page.locator("article a[href$='somerset/']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/roles/councillor/somerset/")
    headings = " ".join(page.locator("article :is(h1, h2, h3, h4)").all_inner_texts())
    assert "Kirklees" not in headings and "Members" in headings
    row_link = page.locator("article .cb-role-clause").first
    target = row_link.get_attribute("href") or ""
    row_link.click()
    page.wait_for_load_state()
    anchor = target.split("#")[1]
    assert page.url.endswith("#" + anchor)
    assert page.locator(f"[id='{anchor}']").count() == 1


@needs_examples("somerset")
def test_a_defined_term_shows_its_meaning_on_keyboard_focus(served_site: str, page) -> None:
    page.goto(served_site + "/somerset/members/")
    term = page.locator("article a.cb-term").first
    assert term.get_attribute("title")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cb-term')"):
            break
    else:
        pytest.fail("Tab never reached a defined term")
    page.wait_for_timeout(400)
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active")
    assert tooltip.count() >= 1 and tooltip.first.is_visible(), "no tooltip shown on focus"


@needs_examples("somerset")
def test_cross_references_and_referred_to_in_links_land_on_their_clauses(built_site: Path, served_site: str,
                                                                          page) -> None:
    records = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    record = next(r for r in records if r["protocol"] == "somerset" and r["references"]
                  and r["references"][0]["type"] == "clause")
    reference = record["references"][0]
    page.goto(served_site + "/" + record["url"])
    page.locator(f"[id='{record['local_id']}'] ~ .cb-clause a[href*='#'], "
                 f"div[id='{record['local_id']}'] a[href*='#']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("#" + reference["url"].split("#")[1])
    target = next(r for r in records if r["id"] == reference["target"])
    page.goto(served_site + "/" + target["url"])
    back = page.locator(".cb-backlinks a").first
    back.click()
    page.wait_for_load_state()
    assert "#" in page.url
    assert page.locator(f"[id='{page.url.split('#')[1]}']").count() == 1


@needs_examples("somerset")
def test_a_permalink_leads_to_its_clause(built_site: Path, served_site: str, page) -> None:
    records = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    record = next(r for r in records if r["protocol"] == "somerset" and r["number"])
    page.goto(served_site + f"/somerset/c/{record['local_id']}/")
    page.wait_for_url(f"**/{record['url'].split('#')[0]}#{record['local_id']}")
    assert page.locator(f"[id='{record['local_id']}']").count() == 1


def test_a_councils_own_codes_print_pages_reflow_at_320_px_and_show_what_they_say(councils_site: Path,
                                                                                   chromium) -> None:
    """Two councils' codes (tests/fixtures/valid/first-person-code.yaml, statutory-code.yaml):
    the print page fits 320 px though the source's address is a long word; it shows the escaped
    blank as underscores, and "2(a)" three levels down keeps its case, as in the source."""
    from browser_support import serve_directory
    from clausebook import readings
    from clausebook.format.validation import validate
    from conftest import COUNCIL_CODES
    from test_browser import MEASURE_REFLOW, NARROW
    from text_support import in_order, tokens

    protocols = {protocol.id: protocol for protocol in validate([str(path) for path in COUNCIL_CODES]).protocols}
    shown: dict[str, str] = {}
    tab = chromium.new_page(viewport=NARROW)
    try:
        with serve_directory(councils_site) as origin:
            for protocol_id in protocols:
                for url in (f"{protocol_id}/", f"{protocol_id}/print/"):
                    tab.goto(f"{origin}/{url}")
                    reflow = tab.evaluate(MEASURE_REFLOW)
                    assert reflow["scrollWidth"] <= reflow["clientWidth"], (url, reflow["scrollWidth"])
                # The print page as a reader sees it (its styles applied, the deleted parts hidden).
                shown[protocol_id] = " ".join(tab.inner_text("article").split())
    finally:
        tab.close()
    for protocol_id, protocol in protocols.items():
        assert in_order(tokens(shown[protocol_id]), readings.amended(protocol)) is None, protocol_id
    assert "Minute ref: ___" in shown["brackenford"]
    assert "2(a) Selflessness" in shown["tarnside"]


def _marked_note(site: Path) -> tuple[str, str] | None:
    """The first section page (in path order) with a marker of an editorial note that its reading
    as amended shows, and that note's id; None when no page has one."""
    for path in sorted(site.glob("*/*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'class="cb-edition"' in html and (shown := re.search(r'<li id="(cb_note-\d+)" value="\d+">', html)):
            return "/" + path.parent.relative_to(site).as_posix() + "/", shown.group(1)
    return None


def test_an_editorial_notes_marker_opens_its_note_and_the_note_leads_back(caerwen_site: Path, page) -> None:
    """By keyboard (on the fixture protocol, which has an editorial note): the marker opens the
    collapsed "About this edition" at its note, and the note's first link leads back to the marker."""
    from browser_support import serve_directory

    found = _marked_note(caerwen_site)
    assert found is not None, "no section page of the fixture shows an editorial note's marker"
    path, note = found
    with serve_directory(caerwen_site) as origin:
        page.goto(origin + path)
        assert not page.locator(f"[id='{note}']").is_visible()  # collapsed until asked for
        page.locator(f"[id='{note}-ref']").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == f"#{note}" and page.locator(f"[id='{note}']").is_visible()
        page.keyboard.press("Tab")  # from the note, its link back
        assert page.evaluate("document.activeElement.getAttribute('href')") == f"#{note}-ref"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == f"#{note}-ref"
        assert page.locator(f"[id='{note}-ref']").is_visible()
