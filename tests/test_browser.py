"""The built handbook in a real browser: accessibility, reflow, privacy, search and keyboard.

One headless Chromium (the system's, never a downloaded one) drives a real `mkdocs build --strict`
of this checkout, served on 127.0.0.1. Every HTML page of the built site is found by walking the
folder, so pages added later are checked without naming them. One pass over the pages, in
sequence, serves the axe, reflow and request tests; search and keyboard tests open a few pages.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser_support import (
    axe_script,
    checked_elsewhere,
    colour_kinds,
    html_pages,
    page_html,
    page_views,
    refresh_target,
    serve_directory,
    skeleton,
)
from conftest import EXAMPLES, needs_examples

pytestmark = pytest.mark.browser

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the axe-core rules for each. No rule is disabled and no
# element is excluded.
# In a copy of the project with a council's protocol added (test_council_content.py), this names
# the run's own built handbook, whose every page the run checks too.
CHECKED_SITE = "CLAUSEBOOK_CHECKED_SITE"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# The same, but for colour contrast: a page made of nothing that one page checked before was not
# made of (browser_support.colour_kinds) has, at each width, the contrast that page had.
AXE_NO_CONTRAST = {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
# At 320 px, on a page made of nothing that one page checked at 320 px before was not made of: the
# rules whose outcome hangs on how this page's own words lay out (a target too small or too close,
# a table that scrolls and can be reached by keyboard; contrast as above). Every other rule reads
# what the 1280 px run read, and the page's elements and classes show and hide at 320 px as that
# page's did.
NARROW_RULES = ["target-size", "scrollable-region-focusable"]
AXE_LAYOUT = {"runOnly": {"type": "rule", "values": NARROW_RULES}, "resultTypes": ["violations"]}
AXE_LAYOUT_CONTRAST = {"runOnly": {"type": "rule", "values": [*NARROW_RULES, "color-contrast"]},
                       "resultTypes": ["violations"]}

WIDE = {"width": 1280, "height": 900}
# WCAG 1.4.10 Reflow: content at 320 CSS pixels wide (400% zoom of a 1280 px window) without
# scrolling in two directions.
NARROW = {"width": 320, "height": 640}

# What the page measures at 320 px: the document's widths, and for each table whether it is wider
# than the room it has and whether it then scrolls inside a container of its own (the table itself
# or an ancestor inside the article with overflow-x auto or scroll, lying within the viewport).
MEASURE_REFLOW = """() => {
  const root = document.documentElement;
  const viewport = root.clientWidth;
  const tables = [...document.querySelectorAll('table')].map((table) => {
    const area = table.closest('article') || document.body;
    const firstRow = table.rows.length ? [...table.rows[0].cells] : [];
    const columns = firstRow.reduce((count, cell) => count + cell.colSpan, 0);
    const right = Math.min(area.getBoundingClientRect().right, viewport);
    const overflows = table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().right > right + 1;
    let scroller = null;
    for (let element = table; element && element !== area.parentElement; element = element.parentElement) {
      const overflowX = getComputedStyle(element).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.getBoundingClientRect().right <= viewport + 1) {
        scroller = element;
        break;
      }
    }
    const caption = table.caption ? table.caption.textContent : (table.rows.length ? table.rows[0].textContent : '');
    const name = (element) => [element.tagName.toLowerCase(), ...element.classList].join('.');
    return {
      columns, overflows,
      scroller: scroller ? name(scroller) : null,
      label: caption.replace(/\\s+/g, ' ').trim().slice(0, 60),
      width: Math.round(Math.max(table.scrollWidth, table.getBoundingClientRect().width)),
    };
  });
  return {scrollWidth: root.scrollWidth, clientWidth: viewport, tables};
}"""

RUN_AXE = "options => axe.run(document, options).then((results) => results.violations)"
# After a load or a resize: the next frame, then any CSS transition or animation under way (a
# button fading to its pressed colours, the search box changing colour at 320 px) jumps to its
# end, as Playwright's screenshots do with animations="disabled": axe sees what a reader sees
# once the page has settled, without waiting for it.
SETTLE = """() => new Promise((frame) => requestAnimationFrame(frame)).then(() => {
  for (const animation of document.getAnimations()) {
    if (animation.effect && animation.effect.getComputedTiming().endTime !== Infinity) animation.finish();
  }
})"""


@dataclass
class Visit:
    """What one page showed: axe's violations per viewport width, its reflow at 320 px, its requests."""

    path: str
    redirects_to: str | None = None
    violations: dict[int, list[dict]] = field(default_factory=dict)
    reflow: dict = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str | None = None
    elsewhere: bool = False  # the same page but for its navigation and footer is checked in CHECKED_SITE
    like: str | None = None  # a page of the same skeleton (browser_support.skeleton), checked instead


@dataclass
class Survey:
    """Every page of the built site, visited once in sequence."""

    origin: str
    axe_version: str
    chromium_version: str
    visits: list[Visit]


@pytest.fixture(scope="module")
def survey(built_site: Path, served_site: str, chromium) -> Survey:
    """Opens every HTML page of the built site and runs axe-core on it at 1280 px and at 320 px
    (resizing the loaded page), measures its reflow at 320 px, and records every request the
    browser makes.
    A page that links to another view of itself by a query string (``?changes=show``: a proposed
    revision with its tracked changes shown) is checked in that view too.

    A clause permalink page (``…/c/<id>/``) sends the browser on with a meta refresh: that onward
    request is answered "204 No Content", which keeps the permalink page itself loaded to be
    checked (the page it leads to is checked in its own right). Permalink pages are one small
    template with other words in it: a page with the skeleton of one already checked (no
    stylesheet, script or image, the same markup once words and addresses are set aside:
    ``browser_support.skeleton``) is left to that one. Colour contrast is checked, at both widths,
    on every page but one made only of elements and classes that one page checked before was made
    of (``browser_support.colour_kinds``; the view, such as ``?changes=show``, counts as one more
    kind, so a page with its changes shown is measured against pages checked in that view): stylesheets
    colour and size text by these, so such a page shows no colour that page did not. At 1280 px
    every other rule runs on every page; at 320 px, on such a page (made of nothing a page checked
    whole at 320 px was not made of), the rules that hang on how its own words lay out
    (``NARROW_RULES``) run, and its reflow is measured: the rest read the same document as at
    1280 px, shown and hidden at 320 px as that page's elements were.

    In the runs in copies of the project (test_council_content.py), a page that is, but for its
    site navigation and footer, the same as the page at the same address of a handbook another run
    surveys (``CLAUSEBOOK_CHECKED_SITE``: the main run's; for the copy with a third protocol beside
    the examples, also the third's alone, which the copy that replaces the examples surveys), with
    the same stylesheets and scripts, is left to that run's survey: axe and the reflow measure would
    find there what they find here, and the navigation is checked on every other page (in every
    state: each protocol's section open, the others not), the footer on the home page, the data
    page and each protocol's overview.
    """
    from playwright.sync_api import Error as PlaywrightError

    context = chromium.new_context(viewport=WIDE)
    # axe-core goes into every document as it is created (faster than evaluating it after load).
    context.add_init_script(axe_script())
    page = context.new_page()
    current: list[Visit] = []
    context.on("request", lambda request: current[-1].requests.append(request.url) if current else None)
    context.on("response", lambda response: current[-1].missing.append(f"{response.status} {response.url}")
               if current and response.status >= 400 else None)
    visits = []
    axe_version = "unknown"
    try:
        addresses = [view for path in html_pages(built_site) for view in (path, *page_views(built_site, path))]
        widths = [WIDE, NARROW]
        others = [Path(other) for other in os.environ.get(CHECKED_SITE, "").split(os.pathsep) if other]
        elsewhere = checked_elsewhere(built_site, others)
        shapes: dict[str, str] = {}
        contrast_checked: list[frozenset[str]] = []  # what each page checked for contrast is made of
        narrow_checked: list[frozenset[str]] = []  # what each page checked whole at 320 px is made of
        for path in addresses:
            visit = Visit(path=path, redirects_to=None if "?" in path else refresh_target(built_site, path))
            visits.append(visit)
            if elsewhere(path):
                visit.elsewhere = True
                continue
            html = page_html(built_site, path.split("?")[0])
            shape = None if "?" in path else skeleton(html)
            if shape is not None and shape in shapes:
                visit.like = shapes[shape]
                continue
            if shape is not None:
                shapes[shape] = path
            current.append(visit)
            hold = served_site + visit.redirects_to if visit.redirects_to else None
            try:
                if hold:
                    page.route(hold, lambda route: route.fulfill(status=204))
                # Each page opens at the width the last one ended at, then takes the other.
                response = page.goto(served_site + path, wait_until="load")
                if response is None or not response.ok:
                    visit.error = f"the page answered {response.status if response else 'nothing'}"
                    continue
                # (a view such as ?changes=show sets classes as it runs: the view, "" for none, is one
                # more kind, so that each page is measured against pages in the same view)
                kinds = colour_kinds(html) | {path.partition("?")[2]}
                contrast_known = any(kinds <= checked for checked in contrast_checked)
                narrow_known = any(kinds <= checked for checked in narrow_checked)
                for size in widths:
                    if page.viewport_size != size:  # (it opened at the width the last page ended at)
                        page.set_viewport_size(size)
                    page.evaluate(SETTLE)
                    options = AXE_NO_CONTRAST if contrast_known else AXE_OPTIONS
                    if size is NARROW and narrow_known:
                        options = AXE_LAYOUT if contrast_known else AXE_LAYOUT_CONTRAST
                    visit.violations[size["width"]] = page.evaluate(RUN_AXE, options)
                    if size is NARROW:
                        visit.reflow = page.evaluate(MEASURE_REFLOW)
                if not contrast_known:
                    contrast_checked.append(kinds)
                if not narrow_known:
                    narrow_checked.append(kinds)
                axe_version = page.evaluate("axe.version")
                widths.reverse()
                if page.url != served_site + path:
                    visit.error = f"the browser left the page for {page.url} before it was checked"
            except PlaywrightError as error:
                visit.error = error.message.splitlines()[0]
            finally:
                if hold:
                    page.unroute(hold)
    finally:
        context.close()
    return Survey(origin=served_site, axe_version=axe_version, chromium_version=chromium.version, visits=visits)


def test_every_page_was_checked(survey: Survey, built_site: Path) -> None:
    """Every HTML page of the built site was opened and checked, none left out."""
    checked = {visit.path for visit in survey.visits}
    missing = [path for path in html_pages(built_site) if path not in checked]
    assert checked and not missing, f"pages not checked: {missing}"
    errors = [f"{visit.path}: {visit.error}" for visit in survey.visits if visit.error]
    assert not errors, "pages that could not be checked:\n" + "\n".join(errors)


def _describe(path: str, width: int, violation: dict) -> str:
    nodes = violation["nodes"]
    lines = [f"{path} at {width} px: {violation['id']} ({violation['impact']}) on {len(nodes)} element(s): "
             f"{violation['help']} {violation['helpUrl']}"]
    for node in nodes[:5]:
        summary = " ".join(node.get("failureSummary", "").split())[:240]
        lines.append(f"    {' '.join(map(str, node['target']))}  {node['html'][:160]!r}  {summary}")
    if len(nodes) > 5:
        lines.append(f"    … and {len(nodes) - 5} more")
    return "\n".join(lines)


def test_every_page_passes_axe(survey: Survey) -> None:
    """axe-core finds no WCAG 2.2 A or AA violation on any page, at 1280 px or at 320 px."""
    found = [(visit.path, width, violation)
             for visit in survey.visits for width, violations in visit.violations.items() for violation in violations]
    failures = [_describe(path, width, violation) for path, width, violation in found]
    checked = sum(1 for visit in survey.visits if len(visit.violations) == 2)
    rules = Counter(violation["id"] for _, _, violation in found)
    assert not failures, (f"axe-core {survey.axe_version} in Chromium {survey.chromium_version}, "
                          f"{checked} pages: {len(failures)} page/width/rule violations {dict(rules)}\n"
                          + "\n".join(failures))


def test_every_page_reflows_at_320_px(survey: Survey) -> None:
    """At 320 px wide nothing makes the page scroll sideways (WCAG 1.4.10).

    Our reading of WCAG: 1.4.10 exempts content that needs a two-dimensional layout, and its
    Understanding document names data tables: such a table may scroll sideways inside its own
    container, as long as the page does not. The product brief asks more of the handbook's own
    two-column tables (Do/Don't, roles): they must fit at 320 px, so a table of two columns or
    fewer must fit; a wider one may scroll in a container of its own (axe's
    scrollable-region-focusable rule, run at 320 px above, checks that a keyboard reaches it),
    except a comparison's table, which stacks its rows so that every column is on screen.
    """
    problems = []
    for visit in survey.visits:
        reflow = visit.reflow
        if not reflow:
            continue
        if reflow["scrollWidth"] > reflow["clientWidth"]:
            problems.append(f"{visit.path}: the page is {reflow['scrollWidth']} px wide in a "
                            f"{reflow['clientWidth']} px viewport")
        for table in reflow["tables"]:
            if not table["overflows"]:
                continue
            if table["columns"] <= 2 or "cb-compare-table" in (table["scroller"] or ""):
                problems.append(f"{visit.path}: a {table['columns']}-column table ({table['label']!r}) is "
                                f"{table['width']} px wide and does not fit at 320 px")
            elif table["scroller"] is None:
                problems.append(f"{visit.path}: a {table['columns']}-column table ({table['label']!r}) is "
                                f"{table['width']} px wide and has no scrolling container of its own")
    unmeasured = [visit.path for visit in survey.visits if not visit.reflow and not visit.elsewhere and not visit.like]
    assert not unmeasured, f"pages not measured at 320 px (see test_every_page_was_checked): {unmeasured}"
    assert not problems, "\n".join(problems)


def test_no_request_leaves_the_site(survey: Survey) -> None:
    """No page asks anything of another site: no web fonts, scripts, APIs or images from elsewhere."""
    own = survey.origin + "/"
    foreign = sorted({(visit.path, url) for visit in survey.visits for url in visit.requests
                      if not url.startswith(own) and not url.startswith(("data:", "blob:", "about:"))})
    requests = sum(len(visit.requests) for visit in survey.visits)
    assert requests >= sum(1 for visit in survey.visits if not visit.elsewhere and not visit.like)
    assert not foreign, "requests to other sites:\n" + "\n".join(f"{path}: {url}" for path, url in foreign)


def test_no_page_asks_for_a_missing_file(survey: Survey) -> None:
    """Every stylesheet, script, image and data file a page asks for is there (no 404)."""
    missing = sorted({(visit.path, url) for visit in survey.visits for url in visit.missing})
    assert not missing, "requests answered with an error:\n" + "\n".join(f"{path}: {url}" for path, url in missing)


# ---- Marked by more than colour -------------------------------------------------------------

CHANGE_MARKS = """() => {
  const look = (selector, pseudo) => {
    const element = document.querySelector('article ' + selector);
    if (!element) return null;
    const style = getComputedStyle(element, pseudo);
    return {line: style.textDecorationLine, content: style.content, border: style.borderTopStyle,
            shown: element.getClientRects().length > 0};
  };
  return {ins: look('ins'), del: look('del'), insBefore: look('ins', '::before'),
          delBefore: look('del', '::before'), note: look(':is(.cb-editorial, .cb-note-marker)')};
}"""


def _page_with_changes(built_site: Path) -> str | None:
    """The first page that has both inserted and deleted words, in its view with the changes shown
    when it has one; None when no protocol in source/ is a revision."""
    for path in html_pages(built_site):
        file = built_site / path.lstrip("/") / ("index.html" if path.endswith("/") else "")
        text = file.read_text(encoding="utf-8")
        if "<ins" in text and "<del" in text:
            return next(iter(page_views(built_site, path)), path)
    return None


def test_tracked_changes_and_notes_are_marked_by_more_than_colour(built_site: Path, served_site: str,
                                                                   chromium, request: pytest.FixtureRequest) -> None:
    """Inserted words are underlined and deleted words struck through, each announced in words to
    screen readers; a note, or an editorial note's marker, has a border (WCAG 1.4.1 Use of colour)."""
    path = _page_with_changes(built_site)
    with contextlib.ExitStack() as stack:
        if path is None:  # no revision in source/: the fixture revision shows the marks instead
            site = request.getfixturevalue("caerwen_site")
            served_site = stack.enter_context(serve_directory(site))
            path = _page_with_changes(site)
        page = chromium.new_page(viewport=WIDE)
        try:
            page.goto(served_site + path)
            marks = page.evaluate(CHANGE_MARKS)
        finally:
            page.close()
    assert marks["ins"] and marks["ins"]["shown"], f"no inserted words shown on {path}: {marks}"
    assert marks["del"] and marks["del"]["shown"], f"no deleted words shown on {path}: {marks}"
    assert "underline" in marks["ins"]["line"], f"inserted words on {path} are not underlined: {marks['ins']}"
    assert "line-through" in marks["del"]["line"], f"deleted words on {path} are not struck through: {marks['del']}"
    assert "insertion" in marks["insBefore"]["content"], marks["insBefore"]
    assert "deletion" in marks["delBefore"]["content"], marks["delBefore"]
    if marks["note"]:
        assert marks["note"]["border"] not in ("none", "hidden"), f"a note or note marker on {path} has no border"


DIFFERENCE_MARKS = """() => {
  const details = document.querySelector('article details.cb-words');
  details.open = true;
  const mark = details.querySelector('mark.cb-differs');
  const style = getComputedStyle(mark);
  return {weight: Number(style.fontWeight), line: style.textDecorationLine, shown: mark.getClientRects().length > 0,
          before: getComputedStyle(mark, '::before').content, tracked: details.querySelectorAll('ins, del').length};
}"""


def test_two_councils_word_differences_are_marked_by_more_than_colour(councils_site: Path, chromium) -> None:
    """On a comparison of two councils (two councils' own codes), a match's word differences, once
    opened, show the words only one text has in bold on a tint, announced to screen readers, never
    with a tracked change's line (neither text is a revision of the other); axe finds their
    contrast enough at 320 px (the survey sees them closed)."""
    [compared] = [path for path in html_pages(councils_site) if re.fullmatch(r"/compare/[^/]+/", path)]
    page = chromium.new_page(viewport=NARROW)
    try:
        with serve_directory(councils_site) as origin:
            page.goto(origin + compared)
            marks = page.evaluate(DIFFERENCE_MARKS)
            page.evaluate(axe_script())
            found = page.evaluate("options => axe.run('article details[open]', options).then((r) => r.violations)",
                                  {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": ["color-contrast"]}})
    finally:
        page.close()
    assert marks["shown"] and marks["weight"] >= 700 and marks["line"] == "none", marks
    assert "only in this text" in marks["before"] and marks["tracked"] == 0, marks
    assert found == [], found


# ---- Search ---------------------------------------------------------------------------------

def _clauses(built_site: Path) -> list[dict]:
    return json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]


def _search(page, origin: str, query: str) -> list[list[str]]:
    """Types ``query`` into Material's search box key by key; gives each result group's links as
    URL paths with their #fragment (the query string Material adds for highlighting removed)."""
    return [[address for address, _ in group] for group in _search_results(page, origin, query)]


def _search_results(page, origin: str, query: str) -> list[list[tuple[str, str]]]:
    """Types ``query`` into Material's search box key by key; gives each result group's results as
    (URL path with its #fragment, the words a reader sees of it)."""
    page.goto(origin + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_selector("li.md-search-result__item")
    # Results come from a web worker and may be redrawn once the whole query has arrived.
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q"
        " && document.querySelector('.md-search-result__meta').textContent.trim() !== ''", arg=query)
    page.wait_for_timeout(250)
    groups = page.evaluate("""() => [...document.querySelectorAll('li.md-search-result__item')]
        .map((group) => [...group.querySelectorAll('a[href]')].map((link) => [link.href, link.innerText]))""")
    return [[(_path_and_fragment(href, origin), " ".join(words.split())) for href, words in group]
            for group in groups]


def _path_and_fragment(href: str, origin: str) -> str:
    parts = urllib.parse.urlsplit(href)
    path = parts.path.removeprefix(urllib.parse.urlsplit(origin).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _clause_address(clause: dict) -> str:
    return "/" + clause["url"]


@pytest.fixture(scope="module")
def number_search(built_site: Path, served_site: str, chromium) -> tuple[str, list[list[tuple[str, str]]], list]:
    """The number to type, "9.3" (or, where no protocol has one, the number most protocols share),
    its results and what axe finds on the page showing them, typed once for the tests that read
    them. (A number a protocol gives two clauses, such as "1" in a part and again in an appendix,
    or "(1)", which a reader finds by its full reference "3(1)", is not one to type.)"""
    numbered = [clause for clause in _clauses(built_site) if clause["number"] and not clause["deleted"]]
    in_protocol = Counter((clause["protocol"], clause["number"]) for clause in numbered)
    shared = Counter(number for (_, number), count in in_protocol.items() if count == 1 and not number.startswith("("))
    assert shared, "no numbered clause in the built site to search for"
    number = "9.3" if "9.3" in shared else min(shared, key=lambda n: (-shared[n], n))
    page = chromium.new_page(viewport=WIDE)
    try:
        results = _search_results(page, served_site, number)
        page.evaluate(axe_script())
        return number, results, page.evaluate(RUN_AXE, AXE_OPTIONS)
    finally:
        page.close()


def test_search_for_a_clause_number_opens_each_protocols_clause(built_site: Path, number_search) -> None:
    """Typing a clause number gives, as its first result groups, each protocol's clause of that
    number: one group per protocol, whose first section link is the clause's own anchor; axe finds
    nothing on the page showing them."""
    number, results, violations = number_search
    assert not violations, [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations]
    groups = [[address for address, _ in group] for group in results]
    wanted = {clause["protocol"]: _clause_address(clause) for clause in _clauses(built_site)
              if clause["number"] == number and not clause["deleted"]}
    first = [next((link for link in group if "#" in link), group[0] if group else "") for group in groups]
    leading = first[:len(wanted)]
    assert sorted(leading) == sorted(wanted.values()), (
        f"the first {len(wanted)} result groups for {number!r} should open {sorted(wanted.values())}; "
        f"the groups open, in order: {first[:6]}")


@needs_examples("kirklees", "somerset")
def test_search_for_9_3_names_each_council_and_offers_the_clause_that_was_9_3(built_site: Path,
                                                                                number_search) -> None:
    """Typing "9.3" shows, within the first three result groups, Somerset's 9.3, Kirklees' 9.3 and
    the Kirklees clause that was 9.3 before its revision ("formerly 9.3"), each naming its council
    and showing the clause's opening words, not its permalink's words. (Beside another council's
    clause 9.3, within as many groups as there are clauses that are or were 9.3.)"""
    number, results, _ = number_search
    assert number == "9.3"
    protocols = {protocol["id"]: protocol for protocol in
                 json.loads((built_site / "data" / "protocols.json").read_text(encoding="utf-8"))["protocols"]}
    clauses = [clause for clause in _clauses(built_site) if not clause["deleted"]]
    wanted = [(clause, "") for clause in clauses if clause["number"] == "9.3"]
    wanted += [(clause, "formerly 9.3") for clause in clauses
               if (clause["change"] or {}).get("previous_number") == "9.3"]
    examples = sorted((clause["protocol"], former) for clause, former in wanted if clause["protocol"] in EXAMPLES)
    assert examples == [("kirklees", ""), ("kirklees", "formerly 9.3"), ("somerset", "")]
    shown = dict(result for group in results[:len(wanted)] for result in group)
    for clause, former in wanted:
        words = shown.get(_clause_address(clause))
        assert words is not None, f"{clause['id']} is not in the first {len(wanted)} result groups: {results[:3]}"
        opening = " ".join(clause["text_plain"].split()[:6])
        assert protocols[clause["protocol"]]["council"] in words and opening in words and former in words, words
        assert "Link to" not in words


def _distinctive_phrase(built_site: Path) -> tuple[str, str]:
    """A phrase of three consecutive words of four letters or more from one clause that has a search entry of its own
    (a clause with a heading), chosen as the phrase whose commonest long word is the rarest in the
    search index (so "This protocol sets" does not win on "sets" alone); and the address of that
    clause."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    words = re.compile(r"[a-z]{4,}")
    frequency = Counter(word for doc in index for word in set(words.findall(doc["text"].lower())))
    entries = {"/" + doc["location"] for doc in index}
    best: tuple[tuple[float, int], str, str] | None = None
    for clause in _clauses(built_site):
        address = _clause_address(clause)
        if clause["deleted"] or address not in entries:
            continue
        tokens = re.findall(r"[A-Za-z]+", clause["text_plain"])
        for start in range(len(tokens) - 2):
            phrase = tokens[start:start + 3]
            rare = [word.lower() for word in phrase]
            if min(len(word) for word in rare) < 4:
                continue
            # every word rare, not one; then the longest words
            score = (min(1 / max(frequency[word], 1) for word in rare), sum(len(word) for word in rare))
            if best is None or score > best[0]:
                best = (score, " ".join(phrase), address)
    assert best is not None, "no clause in the built site has a search entry of its own"
    return best[1], best[2]


def test_search_for_a_phrase_opens_its_clause(built_site: Path, served_site: str, chromium) -> None:
    """Typing a phrase from a clause gives that clause in the first result group."""
    phrase, address = _distinctive_phrase(built_site)
    page = chromium.new_page(viewport=WIDE)
    try:
        groups = _search(page, served_site, phrase)
    finally:
        page.close()
    assert groups, f"no result for {phrase!r}"
    assert address in groups[0], f"searching {phrase!r} should open {address} first; the first groups: {groups[:3]}"


# ---- Keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  return {
    permalink: element.matches('article :is(h2, h3, h4, h5, h6) > a.cb-permalink'),
    skip: element.matches('a.md-skip'),
    inArticle: !!element.closest('article'),
    href: element.getAttribute('href'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    opacity: parseFloat(style.opacity),
    width: box.width, height: box.height, top: box.top,
    headerBottom: header ? header.getBoundingClientRect().bottom : 0,
  };
}"""


def _section_page(built_site: Path) -> str:
    """The page of the first numbered clause that has a heading: a protocol's section page."""
    for clause in _clauses(built_site):
        if (clause["number"] or clause["heading"]) and not clause["deleted"]:
            return urllib.parse.urlsplit(_clause_address(clause)).path
    raise AssertionError("no clause in the built site has a heading, so none has a permalink to reach")


def test_keyboard_reaches_a_clause_permalink_with_visible_focus(built_site: Path, served_site: str,
                                                                 chromium) -> None:
    """From the top of a section page, Tab first reaches "Skip to content", then a clause's
    permalink (the icon in its heading), which shows a focus indicator, is at least 24 × 24 px
    and is not under the sticky header."""
    path = _section_page(built_site)
    page = chromium.new_page(viewport=WIDE)
    try:
        page.goto(served_site + path)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert first and first["skip"], f"the first Tab on {path} should reach 'Skip to content', not {first}"
        reached = None
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused and focused["permalink"]:
                reached = focused
                break
        assert reached, f"Tab never reached a clause permalink (h2–h6 > a.cb-permalink) on {path}"
        assert reached["outline"] or reached["shadow"], f"no visible focus indicator on {reached}"
        assert reached["opacity"] > 0.99, f"the focused permalink is not fully shown: {reached}"
        assert reached["width"] >= 24 and reached["height"] >= 24, f"the permalink is under 24 × 24 px: {reached}"
        assert reached["top"] >= reached["headerBottom"], f"the focused permalink is under the sticky header: {reached}"

        # "Skip to content" takes the keyboard past the header and navigation, into the article.
        page.goto(served_site + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        after_skip = page.evaluate(FOCUSED)
        assert after_skip and after_skip["inArticle"], f"after 'Skip to content', Tab reached {after_skip}"
    finally:
        page.close()


def test_a_skeleton_sets_words_aside_but_never_an_empty_one() -> None:
    """Two permalink pages share a skeleton; an empty heading or link, or a stylesheet, does not."""
    page = ('<html lang="en"><head><title>{0}</title><meta http-equiv="refresh" content="0; url={1}"></head>'
            '<body><main><h1>{0}</h1><p><a href="{1}">Go to {0}</a>.</p></main></body></html>')
    first, second = page.format("paragraph 8.2", "../../a/#x"), page.format("Table 1", "../../b/#y")
    assert skeleton(first) == skeleton(second) is not None
    assert skeleton(page.format("", "../../a/#x")) != skeleton(first)
    assert skeleton(first.replace("<head>", '<head><link rel="stylesheet" href="s.css">')) is None


def test_colour_kinds_are_elements_with_their_classes() -> None:
    kinds = colour_kinds('<p class="cb-a cb-b">x <a href="#">y</a><span data-x="a>b" class="s">z</span></p>')
    assert kinds == {"p", "p.cb-a", "p.cb-b", "a", "span", "span.s"}
