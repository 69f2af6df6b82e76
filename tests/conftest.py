"""Shared paths and helpers for the tests."""

from __future__ import annotations

import functools
import os
import sys
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
    (the tests that validate source/ report it).
    """
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    found: dict[str, Path] = {}
    for path in sorted([*(ROOT / "source").rglob("*.yaml"), *(ROOT / "source").rglob("*.yml")]):
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
    """A real `mkdocs build --strict` of this checkout into ``destination``."""
    import subprocess

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination),
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
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


def build_project(project: Path, sources: list[Path] | None = None, config: str | None = None,
                  **env: str) -> Path:
    """A real `mkdocs build --strict` of a copy of this checkout in ``project``: with ``sources``
    in its source/ instead of the checkout's, ``config`` as its mkdocs.yml, and ``env`` added to
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
        for path in sources:
            shutil.copy2(path, project / "source" / path.name)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1", **env},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    (project / "build-output.txt").write_text(done.stderr, encoding="utf-8")
    return project / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook, built once for the session."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


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
