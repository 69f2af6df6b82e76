"""The print pages → PDFs, after the handbook is built: Chromium, driven through Playwright, prints
each protocol's print page (``<p>/print/``) as it stands in the built site.

Chromium prints what a reader sees: the same page, styles and fonts, tagged for accessibility
(headings, lists, tables and reading order in the structure tree), with an outline made from the
headings and live links. The page is loaded from the site's own address (``site_url``), each
request answered from the built folder and every other one refused, so links to other pages of
the handbook are its public addresses; without a ``site_url`` such links would lead nowhere, and
are printed as plain words.

Each page is printed twice in the same tab: the first printing says on which page each entry of
the contents starts (the PDF's destinations of the contents' links), the second prints those
numbers into the contents, whose space the first kept so no page moves (printed again if one
does). ``document`` then gives the PDF its metadata and PDF/UA identification.

The PDFs are byte-identical for identical sites: Chromium writes the time into the document
information and numbers the structure elements from a counter that runs on between pages; the
first is left out (``document`` writes the date the text states, if any) and the second
renumbered in order, at the same length, so no offset moves.
"""

from __future__ import annotations

import html
import mimetypes
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from clausebook.outputs.print import document
from clausebook.outputs.print.document import Job
from clausebook.words import say, spoken

ENGINE_VARIABLE = "CLAUSEBOOK_CHROMIUM"  # the Chromium or Chrome to print with, if not the system's
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without a site_url the page is loaded from this address, which no link may lead to.
NOWHERE = "https://clausebook.invalid/"
MARGIN = {"top": "18mm", "bottom": "18mm", "left": "20mm", "right": "20mm"}
RUNNING = ("font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #000;"
           " width: 100%; box-sizing: border-box; padding: 0 20mm; display: flex; gap: 2em;"
           " justify-content: space-between; white-space: nowrap;")
DATES = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)")
NODE_IDS = re.compile(rb"\(node(\d{8})\)")
TITLE_AND_LANGUAGE = "([title, language]) => { document.title = title; document.documentElement.lang = language; }"
# The contents' page numbers: the entries' anchors, and filling them in before the second printing.
CONTENTS_ANCHORS = "() => [...document.querySelectorAll('.cb-contents-page')].map(span => span.dataset.for)"
FILL_CONTENTS = """numbers => {
  for (const span of document.querySelectorAll(".cb-contents-page")) {
    span.textContent = numbers[span.dataset.for] ?? "";
  }
}"""
PRINTINGS = 3  # at most: a page that moves when its numbers are filled in is printed once more
# Links that would lead nowhere in a PDF (pages of a site with no address) become their words.
UNLINK = """origin => {
  for (const link of document.querySelectorAll("a[href]")) {
    if (link.href.startsWith(origin) && !(link.hash && link.href.split("#")[0] === location.href.split("#")[0])) {
      link.removeAttribute("href");
    }
  }
}"""


class EngineMissing(Exception):
    """No Chromium to print with; the message says what to install."""


def find_engine() -> str:
    """The Chromium to print with: ``$CLAUSEBOOK_CHROMIUM`` if set, otherwise the system's."""
    try:
        import playwright.sync_api  # noqa: F401  (its driver, which runs Chromium)
    except ImportError:
        raise EngineMissing("the Python package playwright is not installed (make installs it)") from None
    chosen = os.environ.get(ENGINE_VARIABLE)
    if chosen:
        if os.access(chosen, os.X_OK):
            return chosen
        raise EngineMissing(f"{ENGINE_VARIABLE}={chosen} is not a program this user can run")
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    raise EngineMissing("Chromium was not found (make deps installs it on Debian; or set "
                        f"{ENGINE_VARIABLE} to a Chromium or Chrome)")


def print_pdfs(site: Path, jobs: Sequence[Job], site_url: str | None, engine: str) -> dict[str, list[str]]:
    """Prints each job's page of the built ``site`` into ``site``, one browser for them all. Gives
    what PDF/UA-1 asks that a PDF does not do (``document.problems``), by the PDF's path, for each
    PDF left without the PDF/UA-1 identifier."""
    from playwright.sync_api import Route, sync_playwright

    origin = site_url.rstrip("/") + "/" if site_url else NOWHERE
    root = site.resolve()

    def answer(route: Route) -> None:
        url = route.request.url
        path = (root / url[len(origin):].split("?")[0].split("#")[0]) if url.startswith(origin) else None
        if path is not None and path.is_dir():
            path = path / "index.html"
        if path is None:  # (another site: nothing leaves the machine)
            route.abort()
            return
        if not path.resolve().is_relative_to(root) or not path.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(status=200, body=path.read_bytes(),
                      content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    unmet: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=engine,
                                             args=["--no-sandbox"] if os.geteuid() == 0 else [])
        try:
            page = browser.new_page()
            page.route("**/*", answer)
            for job in jobs:
                page.goto(origin + job.url, wait_until="load")
                page.emulate_media(media="print")
                page.evaluate(TITLE_AND_LANGUAGE, [job.title, job.language])
                if not site_url:
                    page.evaluate(UNLINK, origin)
                printed = _print_with_contents(page, job)
                target = site / job.path
                target.parent.mkdir(parents=True, exist_ok=True)
                made, unmet[job.path] = document.finished(reproducible(printed), job, int(epoch) if epoch else None)
                target.write_bytes(made)
        finally:
            browser.close()
    return {path: found for path, found in unmet.items() if found}


def _print_with_contents(page, job: Job) -> bytes:
    """The loaded ``page`` printed with its contents' page numbers: printed, the numbers read from
    the PDF and filled in, and printed again until they hold (a page without contents: once)."""
    anchors = page.evaluate(CONTENTS_ANCHORS)
    printed = _print(page, job)
    numbers: dict[str, str] = {}
    for _ in range(PRINTINGS - 1 if anchors else 0):
        found = document.destination_pages(printed, anchors)
        if found == numbers:
            break
        numbers = found
        page.evaluate(FILL_CONTENTS, numbers)
        printed = _print(page, job)
    return printed


def _print(page, job: Job) -> bytes:
    """The page as Chromium prints it: A4, tagged, with an outline, running header and footer (its
    page numbers in the text's language)."""
    with spoken(job.language):
        numbers = say("Page {number} of {total}", number='<span class="pageNumber"></span>',
                      total='<span class="totalPages"></span>')
    return page.pdf(format="A4", margin=MARGIN, tagged=True, outline=True, display_header_footer=True,
                    header_template=_running(job.header, ""), footer_template=_running(job.title, numbers))


def _running(left: str, right: str) -> str:
    """A running header or footer: words on the left, page numbers (HTML: Chromium fills them) on the right."""
    return (f'<div style="{RUNNING}"><span style="overflow: hidden; text-overflow: ellipsis;">{html.escape(left)}'
            f'</span><span>{right}</span></div>')


def reproducible(printed: bytes) -> bytes:
    """Chromium's PDF with the same bytes for the same page: its dates left out, its structure
    elements' ids renumbered in order. Every replacement has the length of what it replaces
    (padded with spaces between tokens), so the cross-reference table stays right."""
    printed = DATES.sub(lambda match: b" " * len(match.group()), printed)
    numbers = {old: b"%08d" % index for index, old in enumerate(sorted(set(NODE_IDS.findall(printed))), 1)}
    return NODE_IDS.sub(lambda match: b"(node" + numbers[match.group(1)] + b")", printed)
