"""Real MkDocs builds of a copy of the project: what `make site` and `make serve` promise."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

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


def break_source(project: Path) -> None:
    path = project / "source" / "somerset.yaml"
    path.write_text(path.read_text().replace("number: \"2.2\"", "numbr: \"2.2\"", 1))


def test_make_site_builds_every_section_page(project):
    done = make_site(project)
    assert done.returncode == 0, done.stderr
    site = project / "site"
    assert (site / "somerset" / "members" / "index.html").is_file()
    html = (site / "kirklees" / "index.html").read_text()
    assert "Proposed revision" in html
    assert not (project / ".site-build").exists()


def test_a_yaml_mistake_stops_the_build_and_keeps_the_old_site(project):
    assert make_site(project).returncode == 0
    marker = project / "site" / "marker.txt"
    marker.write_text("previous build")
    break_source(project)
    done = make_site(project)
    assert done.returncode != 0
    assert "somerset.yaml:" in done.stderr and "unknown field 'numbr'" in done.stderr
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
        _wait_for(base + "somerset/members/", "Mutual respect")
        break_source(project)
        page = _wait_for(base, "The sources have errors")
        assert "unknown field" in page and "numbr" in page
        path = project / "source" / "somerset.yaml"
        path.write_text(path.read_text().replace("numbr: \"2.2\"", "number: \"2.2\"", 1))
        _wait_for(base + "somerset/members/", "Mutual respect")
    finally:
        server.terminate()
        server.wait(timeout=20)
