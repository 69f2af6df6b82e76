"""Serving a built site and driving it in the system's Chromium, for the browser tests.

Playwright is used with the Chromium the system provides (Debian's `chromium` package, which
`make deps` installs), the one the handbook prints its PDFs with; it never downloads a browser of
its own. When Chromium or Playwright is
missing the browser tests are skipped with a message saying what to install, except under CI,
where a missing browser is a failure: CI installs it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import IN_CI

if TYPE_CHECKING:
    from playwright.sync_api import Browser

def unavailable(reason: str) -> None:
    """Skips the calling test because a tool is missing, or fails it under CI (which installs it)."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: CI must install it)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str:
    """The Chromium the handbook prints its PDFs with (``clausebook.outputs.print.pdf.find_engine``), or a skip
    (a failure under CI) saying what is missing."""
    from clausebook.outputs.print.pdf import EngineMissing, find_engine

    try:
        return find_engine()
    except EngineMissing as missing:
        unavailable(str(missing))
        raise


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that does not print a traceback when the browser drops a connection
    (it does so when it leaves a page before a file has been sent)."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serves ``directory`` over HTTP on 127.0.0.1 (a free port) in a thread; gives its origin.

    The origin is ``http://127.0.0.1:PORT``, without a trailing slash. A threading server, because
    a single-threaded one makes a second browser connection wait while the first is kept alive.
    """
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    """The system's Chromium, headless, driven by Playwright's sync API; closed on exit.

    Skips (or under CI fails) when Playwright or Chromium is missing.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: run `make .venv/.installed` (it is in the `test` extra)")
    executable = find_chromium()
    # Chromium refuses to start its sandbox as root (containers, CI); elsewhere keep the sandbox.
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True, args=args)
        except PlaywrightError as error:
            unavailable(f"Chromium at {executable} did not start: {error.message.splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


def axe_script() -> str:
    """The source of axe-core as bundled by axe-playwright-python, to evaluate in a page."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        unavailable("axe-playwright-python is not installed: run `make .venv/.installed` (it is in the `test` extra)")
    return AXE_SCRIPT


def html_pages(site: Path) -> list[str]:
    """Every HTML page in the built ``site``, as a URL path from its root (``/``, ``/a/b/``, ``/404.html``).

    Found by walking the folder, so pages added to the handbook are checked without naming them.
    """
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative == "index.html":
            paths.append("/")
        elif relative.endswith("/index.html"):
            paths.append("/" + relative.removesuffix("index.html"))
        else:
            paths.append("/" + relative)
    return paths


class _PageReader(HTMLParser):
    """Reads a page's meta refresh address and its links to other views of itself (``href="?…"``)."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh: str | None = None
        self.views: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" and self.refresh is None:
            _, _, address = values.get("content", "").partition(";")
            address = address.strip()
            if address[:4].lower() == "url=":
                self.refresh = address[4:].strip().strip("'\"")
        elif tag == "a" and values.get("href", "").startswith("?"):
            query = values["href"].partition("#")[0]
            if query not in self.views:
                self.views.append(query)


def _read_page(site: Path, page: str) -> _PageReader:
    file = site / page.lstrip("/")
    if page.endswith("/"):
        file = file / "index.html"
    reader = _PageReader()
    reader.feed(file.read_text(encoding="utf-8", errors="replace"))
    return reader


def page_html(site: Path, page: str) -> str:
    """The HTML of the page at URL path ``page`` of a built site."""
    file = site / page.lstrip("/")
    return (file / "index.html" if page.endswith("/") else file).read_text(encoding="utf-8", errors="replace")


ASSETS = re.compile(r"<link\b[^>]*\brel=\"?stylesheet|<script\b|<style\b|<img\b|\bstyle=", re.IGNORECASE)
WORDS = re.compile(r">[^<]+<")
ADDRESSES = re.compile(r"(\b(?:href|content|title|alt|aria-label)=\")[^\"]+\"")


def skeleton(html: str) -> str | None:
    """A page with no stylesheet, script, style or image (a clause permalink page), with each run
    of words and each address or label replaced by one mark: two pages with the same skeleton are
    one template filled in with other words, and axe-core and the reflow measure find on one what
    they find on the other. An empty text or label keeps its place, so it is never hidden. None
    for a page with any of those: its look depends on more than its markup."""
    if ASSETS.search(html):
        return None
    return ADDRESSES.sub(r'\1…"', WORDS.sub(">…<", html))


ELEMENT = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
CLASSES = re.compile(r"\bclass=\"([^\"]*)\"")


def colour_kinds(html: str) -> frozenset[str]:
    """What a page's colours are made from: each element name, alone and with each of its classes
    (``a``, ``a.md-nav__link``). Stylesheets colour elements by these, so a page whose set is one
    a page already checked had shows no colour that page did not."""
    kinds = set()
    for tag, attributes in ELEMENT.findall(html):
        tag = tag.lower()
        kinds.add(tag)
        for found in CLASSES.findall(attributes):
            kinds.update(f"{tag}.{name}" for name in found.split())
    return frozenset(kinds)


def refresh_target(site: Path, page: str) -> str | None:
    """Where the page at URL path ``page`` sends the browser with a meta refresh (a URL path, without
    its #fragment), or None. The handbook's clause permalinks (``…/c/<id>/``) are such pages."""
    target = _read_page(site, page).refresh
    return None if target is None else urllib.parse.urljoin(page, target).partition("#")[0]


def page_views(site: Path, page: str) -> list[str]:
    """The other views of the page at URL path ``page`` that it links to with a query string of its
    own, as URL paths (``/kirklees/introduction/?changes=show``: the page with its tracked changes
    shown)."""
    return [page + query for query in _read_page(site, page).views]


# The site's chrome, by tag and class: left out when two sites' pages are compared.
CHROME = {"nav": "md-nav--primary", "footer": "cb-footer"}


class _WithoutChrome(HTMLParser):
    """A page's HTML as written, but for the site's chrome: its navigation (Material's primary
    ``md-nav``) and its footer (which names the handbook's councils on every page but theirs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.kept: list[str] = []
        self.inside: str | None = None  # the chrome element being left out
        self.depth = 0  # how many of its tag deep

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.inside:
            self.depth += tag == self.inside
        elif tag in CHROME and CHROME[tag] in (dict(attrs).get("class") or "").split():
            self.inside, self.depth = tag, 1
        else:
            self.kept.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.inside:
            self.depth -= tag == self.inside
            if not self.depth:
                self.inside = None
        else:
            self.kept.append(f"</{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.inside:
            self.kept.append(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        if not self.inside:
            self.kept.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.handle_data(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.handle_data(f"<!{decl}>")


def without_chrome(html: str) -> str:
    """The page's HTML without its site navigation and footer, otherwise exactly as written."""
    parser = _WithoutChrome()
    parser.feed(html)
    parser.close()
    return "".join(parser.kept)


def _assets(site: Path) -> bytes:
    """A digest of every file a page loads but the pages and the data (stylesheets, scripts, fonts)."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix not in (".html", ".json", ".csv", ".pdf", ".docx", ".xml", ".gz"):
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def checked_elsewhere(site: Path, others: list[Path]) -> Callable[[str], bool]:
    """Whether the page at a URL path of ``site`` is, but for its site navigation and footer, the
    same page of one of ``others`` (sites whose every page another run checks), with the same
    stylesheets and scripts: axe-core and the reflow measure find there whatever they would find
    here, and the navigation and footer are checked on the pages of ``site`` that are not. Never,
    without ``others``."""
    assets = _assets(site)
    checked = [other for other in others if other.is_dir() and _assets(other) == assets]

    def same(path: str) -> bool:
        page = path.split("?")[0]
        relative = page.lstrip("/") + ("index.html" if page.endswith("/") else "")
        mine = None
        for other in checked:
            there = other / relative
            if not there.is_file():
                continue
            mine = mine if mine is not None else (site / relative).read_text(encoding="utf-8")
            theirs = there.read_text(encoding="utf-8")
            if mine == theirs or without_chrome(mine) == without_chrome(theirs):
                return True
        return False

    return same
