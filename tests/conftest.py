"""Shared paths and helpers for the tests."""

from __future__ import annotations

import ast
import contextlib
import fcntl
import functools
import inspect
import os
import re
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from clausebook.format.model import Protocol

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
# The two example protocols' texts as published, which the fidelity tests compare source/ with.
SEEDS = Path(__file__).parent / "seeds"
sys.path.insert(0, str(ROOT / "hooks"))

IN_CI = os.environ.get("CI") == "true"

# The example protocols this project ships in source/. A council that replaces them with its own
# keeps every generic test; the tests about these two are skipped.
EXAMPLES = ("kirklees", "somerset")


@functools.cache
def source_protocols() -> dict[str, Path]:
    """Each protocol id in source/ and the file that holds it, read with plain PyYAML.

    For parametrizing tests at collection time: a file that cannot be read is left out here
    (the tests that validate source/ report it), and so is a protocol's text in another language.
    """
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    found: dict[str, Path] = {}
    for path in sorted([*(ROOT / "source").rglob("*.yaml"), *(ROOT / "source").rglob("*.yml")]):
        from clausebook.format.languages import other_language

        if other_language(str(path)):
            continue  # (a protocol's text in another language, beside its own file)
        try:
            data = yaml.load(path.read_bytes(), Loader=loader)
            found.setdefault(data["protocol"]["id"], path)
        except Exception:
            continue
    return dict(sorted(found.items()))


def example(sources: dict[str, Protocol], protocol_id: str) -> Protocol:
    """The example protocol ``protocol_id`` from source/, or a skip saying it is not there."""
    if protocol_id not in sources:
        pytest.skip(f"the example protocol {protocol_id!r} is not in source/ (these tests are about it)")
    return sources[protocol_id]


def needs_examples(*protocol_ids: str) -> pytest.MarkDecorator:
    """Skips a test about example protocols when source/ does not have them all."""
    missing = sorted(set(protocol_ids or EXAMPLES) - set(source_protocols()))
    return pytest.mark.skipif(bool(missing), reason=f"the example protocols {missing} are not in source/")


@pytest.fixture(scope="session")
def sources():
    """The project's own protocols, loaded and validated once."""
    from clausebook.format.validation import validate

    result = validate([str(ROOT / "source")])
    assert result.ok, [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in result.problems]
    return {protocol.id: protocol for protocol in result.protocols}


def build_site(destination: Path, *extra: str) -> Path:
    """A real `mkdocs build --strict` of this checkout into ``destination``; what the build said
    is in ``build-output.txt`` beside it."""
    import subprocess

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination),
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    (destination.parent / "build-output.txt").write_text(done.stderr, encoding="utf-8")
    return destination


class PageParts(HTMLParser):
    """What links and anchors an HTML page has: every element id (and anchor name), the href of
    every link (``hrefs``), and every href or src but a stylesheet's (``links``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value for name, value in attrs if value}
        self.ids |= {value for name, value in found.items() if name in ("id", "name")}
        if tag == "a" and "href" in found:
            self.hrefs.append(found["href"])
        if tag != "link":
            self.links += [value for name, value in found.items() if name in ("href", "src")]


@functools.cache
def read_html(path: Path) -> PageParts:
    """The links and anchors of the HTML file at ``path`` (read once)."""
    parser = PageParts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> tuple[list[str], dict[str, PageParts]]:
    """Each link or source in a page of the built ``site`` that leads to no file there, or whose
    #anchor is no element of its file; and the pages read."""
    import posixpath
    import urllib.parse

    pages = {path.relative_to(site).as_posix(): read_html(path) for path in site.rglob("*.html")}
    broken = []
    for name, parser in pages.items():
        if name == "404.html":
            continue  # (its links are absolute, for any address it answers)
        for link in parser.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//")) or not (parts.path or parts.fragment):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), urllib.parse.unquote(parts.path))) \
                if parts.path else name
            if parts.path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append(f"{name}: {link} (no file {target})")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids \
                    and not parts.fragment.startswith("__"):
                broken.append(f"{name}: {link} (no element #{parts.fragment})")
    return broken, pages


def build_project(project: Path, sources: list[Path] | None = None, config: str | None = None,
                  **env: str) -> Path:
    """A real `mkdocs build --strict` of a copy of this checkout in ``project``: with ``sources``
    (files and folders) in its source/ instead of the checkout's, ``config`` as its mkdocs.yml, and ``env`` added to
    the environment. Gives the built site; what the build said is in ``project/build-output.txt``."""
    import shutil
    import subprocess

    for name in ("docs", "hooks", "schema", "site_overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (project / "mkdocs.yml").write_text(config or (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    if sources is None:
        shutil.copytree(ROOT / "source", project / "source")
    else:
        (project / "source").mkdir()
        for path in sources:  # (a folder, such as a history's versions/, is copied whole)
            (shutil.copytree if path.is_dir() else shutil.copy2)(path, project / "source" / path.name)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1", **env},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    (project / "build-output.txt").write_text(done.stderr, encoding="utf-8")
    return project / "site"


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """A folder that ``make(folder)`` fills once for the whole run, however many pytest-xdist
    workers ask for it: the first makes it (the others wait on a lock), the rest reuse it.

    It lies under the run's base temporary folder (beside the workers' own, under xdist), so
    every run starts without it."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / "shared" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder.parent / f"{name}.done").exists():
            if folder.exists():  # a worker that failed to make it left it half made
                import shutil

                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            (folder.parent / f"{name}.done").touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook, built once for the run (shared by the xdist workers)."""
    return shared_folder(tmp_path_factory, "site", lambda folder: build_site(folder / "site")) / "site"


@pytest.fixture(scope="session")
def caerwen_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real MkDocs build of a project whose source/ holds only the fixture protocol caerwen
    (every construct of the format), built once for the run. What the build said is in
    ``build-output.txt`` beside it."""
    return shared_folder(tmp_path_factory, "caerwen",
                         lambda folder: build_project(folder, [FIXTURES / "valid" / "caerwen.yaml"])) / "site"


# Two invented councils' codes (a first-person code under revision, a statutory-style code) that
# between them use every construct of README "Writing a protocol".
COUNCIL_CODES = (FIXTURES / "valid" / "first-person-code.yaml", FIXTURES / "valid" / "statutory-code.yaml")


# The two codes compared, as a council asks in mkdocs.yml (`extra` is its last block).
COUNCIL_CODES_COMPARED = "  clausebook:\n    compare:\n      - [brackenford, tarnside]\n"


@pytest.fixture(scope="session")
def councils_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real MkDocs build (without PDFs) of a project whose source/ holds only COUNCIL_CODES,
    compared with each other, built once for the run."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").rstrip("\n") + "\n" + COUNCIL_CODES_COMPARED
    return shared_folder(tmp_path_factory, "councils",
                         lambda folder: build_project(folder, list(COUNCIL_CODES), config)) / "site"


@pytest.fixture(scope="session")
def served_site(built_site: Path):
    """The built handbook served over HTTP on 127.0.0.1 for the session: its origin (``http://127.0.0.1:PORT``)."""
    from browser_support import serve_directory

    with serve_directory(built_site) as origin:
        yield origin


@pytest.fixture(scope="session")
def chromium():
    """The system's Chromium, headless, driven by Playwright; shared by the browser tests of the session.

    Skipped with a message when Playwright or Chromium is missing; under CI (CI=true) that fails instead.
    """
    from browser_support import launch_chromium

    with launch_chromium() as browser:
        yield browser


# ---- Which tests read source/, and which are slow ----------------------------------------------
# Worked out from what each test reaches: its own code and decorators, the fixtures it uses and the
# helpers and values of tests/ that those name, and its parameters.
#   sources: the test reads the project's protocols in source/ (by the `sources`, `built_site` or
#            `served_site` fixtures, `source_protocols()`, a path into source/, a build of the whole
#            checkout, ...). test_council_content.py runs these again in copies of the project with
#            a council's protocol beside the examples and in place of them.
#   slow:    the test builds a site, drives a browser or LibreOffice, or runs another process.
#            `make test-fast` leaves these out.

TESTS = Path(__file__).resolve().parent
SOURCE_FIXTURES = {"sources", "built_site", "served_site"}
SLOW_FIXTURES = {"built_site", "served_site", "caerwen_site", "councils_site", "chromium"}
SLOW_MARKS = {"build", "browser", "office"}
READS_SOURCE = re.compile(r"\bsource_protocols\b|\bEXAMPLES\b|\bneeds_examples\b|\bexample\(|\bbuild_site\(")
# The folder's name, in code that also names the checkout (``ROOT / "source"``, a list of folders to copy).
NAMES_SOURCE = re.compile(r"""["']source["']""")
IS_SLOW = re.compile(r"\bsubprocess\b|\bbuild_site\(|\bbuild_project\(|\bchromium\b|\boffice\(|\bserve_directory\(")


def _names(code) -> set[str]:
    """Every global name ``code`` (and the functions defined inside it) may look up."""
    found = set(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):
            found |= _names(constant)
    return found


def _reached(item: pytest.Item) -> tuple[list[str], list[object]]:
    """The source texts of the test's code in tests/ (the test, its fixtures and the helpers they
    name), and the other values they name."""
    definitions = getattr(item, "_fixtureinfo", None)
    starts: list[object] = [getattr(item, "obj", None)]
    if definitions is not None:
        starts += [fixture.func for name in item.fixturenames for fixture in definitions.name2fixturedefs.get(name, ())]
    return _reached_from(tuple(starts))


@functools.cache
def _source_text(function: object) -> str:
    try:
        return inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


@functools.cache
def _reached_from(starts: tuple[object, ...]) -> tuple[list[str], list[object]]:
    """What _reached gives, for the test function and fixture functions ``starts``."""
    todo = list(starts)
    seen: set[int] = set()
    texts: list[str] = []
    values: list[object] = []
    while todo:
        thing = todo.pop()
        if id(thing) in seen:
            continue
        seen.add(id(thing))
        if inspect.isclass(thing):
            todo += [member for member in vars(thing).values() if inspect.isfunction(member)]
            continue
        function = inspect.unwrap(thing) if callable(thing) else thing
        code = getattr(function, "__code__", None)
        if code is None or not Path(code.co_filename).resolve().is_relative_to(TESTS):
            continue
        texts.append(_source_text(function))
        for name in _names(code):
            value = function.__globals__.get(name)
            if getattr(inspect.unwrap(value), "__module__", None) == __name__ if callable(value) else False:
                continue  # this file's helpers: the patterns above say which of their uses read source/
            if inspect.isfunction(value) or inspect.isclass(value) or isinstance(value, functools._lru_cache_wrapper):
                todo.append(value)
            elif value is not None and not inspect.ismodule(value):
                values.append(value)
    return texts, values


def _names_source(value: object, depth: int = 0) -> bool:
    """Whether ``value`` is, or holds, a path into source/, or is a list of names with "source"
    among them (the folders of the checkout a test copies)."""
    if depth > 3:
        return False
    if isinstance(value, Path):
        return value.resolve().is_relative_to(ROOT / "source")
    if isinstance(value, (list, tuple, set, frozenset)) and "source" in value:
        return True
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_names_source(member, depth + 1) for member in value if not isinstance(member, str))
    return False


@functools.cache
def _builds_the_checkout(text: str) -> bool:
    """Whether ``text`` calls build_project without sources of its own (so with source/'s)."""
    with contextlib.suppress(SyntaxError):
        for node in ast.walk(ast.parse(textwrap.dedent(text))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "build_project"
                    and len(node.args) < 2 and "sources" not in {keyword.arg for keyword in node.keywords}):
                return True
    return False


def reads_source(item: pytest.Item) -> bool:
    """Whether the test reads the protocols in source/ (see above)."""
    if SOURCE_FIXTURES & set(item.fixturenames):
        return True
    texts, values = _reached(item)
    params = list(getattr(getattr(item, "callspec", None), "params", {}).values())
    return (any(READS_SOURCE.search(text) or _builds_the_checkout(text)
                or (NAMES_SOURCE.search(text) and re.search(r"\bROOT\b", text)) for text in texts)
            or any(_names_source(value) for value in values + params)
            or any(isinstance(value, str) and value in source_protocols() for value in params))


def is_slow(item: pytest.Item) -> bool:
    """Whether the test builds a site, drives a browser or LibreOffice, or runs another process."""
    if SLOW_FIXTURES & set(item.fixturenames) or SLOW_MARKS & {mark.name for mark in item.iter_markers()}:
        return True
    texts, _ = _reached(item)
    return any(IS_SLOW.search(text) for text in texts)


# The longest pieces of `make test` (each a module, or a class), first and in this order, so that
# pytest-xdist's two workers start on the two longest and the short ones fill in at the end.
LONGEST_FIRST = ("test_browser.py", "test_council_content.py::TestBesideTheExamples",
                 "test_council_content.py::TestInPlaceOfTheExamples", "test_warm.py", "test_nothing_lost.py",
                 "test_print.py", "test_build.py", "test_compare.py", "test_docx.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the tests that read source/ and the slow ones, and puts the longest pieces first:
    `make test` runs pytest-xdist with ``--dist loadscope --no-loadscope-reorder``, which keeps
    each module's tests (and so its module fixtures: a build, the browser survey, LibreOffice's
    reading) on one worker, and each class's, and hands them out in this order."""
    for item in items:
        if reads_source(item):
            item.add_marker(pytest.mark.sources)
        if is_slow(item):
            item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        place = item.nodeid.removeprefix("tests/")
        return next((index for index, key in enumerate(LONGEST_FIRST) if place.startswith(key)), len(LONGEST_FIRST))

    items.sort(key=rank)  # (stable: each piece keeps its own order)


# ---- A protocol with a history -----------------------------------------------------------------

# Somerset's protocol in four versions: the text in force (somerset.yaml) and the texts it replaced
# (versions/somerset/<key>.yaml), as ``clausebook adopt`` keeps them.
HISTORY = FIXTURES / "history"
HISTORY_SOURCES = (HISTORY / "somerset.yaml", HISTORY / "versions")


@pytest.fixture(scope="session")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real MkDocs build (without PDFs) of a project whose source/ holds only the history
    fixture, built once for the run."""
    return shared_folder(tmp_path_factory, "history",
                         lambda folder: build_project(folder, sources=list(HISTORY_SOURCES))) / "site"
