"""Real MkDocs builds of a copy of the project: what `make site` and `make serve` promise."""

from __future__ import annotations

import html
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, needs_examples, source_protocols

pytestmark = pytest.mark.build
COPIED = ["mkdocs.yml", "docs", "hooks", "schema", "site_overrides", "source", "Makefile", "pyproject.toml"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project that a test may break, using this checkout's virtualenv."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    return tmp_path


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    # -o: the virtualenv is this checkout's; never reinstall into it from the copy.
    return subprocess.run(["make", "-o", ".venv/.installed", "site"], cwd=project, env=ENV,
                          capture_output=True, text=True, timeout=300)


def break_source(project: Path) -> Path:
    """Misspells the first clause number's field in a source file, and gives that file."""
    path = next(p for p in sorted((project / "source").rglob("*.y*ml")) if "number: " in p.read_text())
    path.write_text(path.read_text().replace("number: ", "numbr: ", 1))
    return path


def mend_source(path: Path) -> None:
    path.write_text(path.read_text().replace("numbr: ", "number: ", 1))


def first_protocol() -> tuple[str, str]:
    """The id of the first protocol in source/ and its council's name as a page shows it."""
    protocol_id, path = next(iter(source_protocols().items()))
    council = yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)["protocol"]["council"]
    return protocol_id, html.escape(council, quote=False)


def test_make_site_builds_every_section_page(project):
    done = make_site(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    for protocol_id in source_protocols():
        assert (site / protocol_id / "index.html").is_file(), protocol_id
    if {"somerset", "kirklees"} <= source_protocols().keys():
        assert (site / "somerset" / "members" / "index.html").is_file()
        assert "Proposed revision" in (site / "kirklees" / "index.html").read_text()
    assert not (project / ".site-build").exists()


def test_a_yaml_mistake_stops_the_build_and_keeps_the_old_site(project):
    assert make_site(project).returncode == 0
    marker = project / "site" / "marker.txt"
    marker.write_text("previous build")
    broken = break_source(project)
    done = make_site(project)
    assert done.returncode != 0
    assert f"{broken.name}:" in done.stderr and "unknown field 'numbr'" in done.stderr
    assert "Traceback" not in done.stderr
    assert marker.read_text() == "previous build"
    assert all((project / "site" / p / "index.html").is_file() for p in source_protocols())


@needs_examples("somerset")
def test_an_untagged_obligation_stops_the_build_and_keeps_the_old_site(project):
    assert make_site(project).returncode == 0
    marker = project / "site" / "marker.txt"
    marker.write_text("previous build")
    path = project / "source" / "somerset.yaml"
    path.write_text(path.read_text() + "\n      - id: untagged\n        text: Officers may speak freely.\n")
    done = make_site(project)
    assert done.returncode != 0
    assert 'somerset.yaml:' in done.stderr and 'untagged: "Officers may speak freely."' in done.stderr
    assert "Traceback" not in done.stderr
    assert marker.read_text() == "previous build"
    assert (project / "site" / "somerset" / "members" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last page: {last[:300]}")


def test_serve_keeps_answering_through_a_yaml_mistake(project):
    port = _free_port()
    server = subprocess.Popen([str(project / ".venv" / "bin" / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        protocol_id, council = first_protocol()
        _wait_for(base + f"{protocol_id}/", council)
        broken = break_source(project)
        page = _wait_for(base, "The sources have errors")
        assert "unknown field" in page and "numbr" in page
        page = _wait_for(base + f"{protocol_id}/", "The sources have errors")  # where the author was
        assert "numbr" in page
        mend_source(broken)
        _wait_for(base + f"{protocol_id}/", council)
    finally:
        server.terminate()
        server.wait(timeout=20)
