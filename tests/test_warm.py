"""Warm rebuilds, as `make serve` makes them: a second build in the same process reuses the model
and pages when nothing changed, gives byte for byte the site a cold build gives, and shows an
edit the moment it is saved. Generated pages rendered without Markdown parsing their raw HTML
give the site Markdown gives. And the benchmark's tiny run, so that `make bench` cannot rot."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build
# Two builds in one process, the second after an optional edit of a source file.
TWICE = """
import os, sys, time
from pathlib import Path
from mkdocs.commands import build
from mkdocs.config import load_config

if os.environ.get("WHOLE_MARKDOWN"):  # every page through Python-Markdown whole, as MkDocs alone does
    import clausebook.mkdocs.pagehtml
    clausebook.mkdocs.pagehtml.split = lambda markdown: None

def once(site):
    config = load_config(config_file=sys.argv[1], site_dir=site)
    config.plugins.on_startup(command="build", dirty=False)
    started = time.perf_counter()
    build.build(config, dirty=False)
    config.plugins.on_shutdown()
    return time.perf_counter() - started

cold = once(sys.argv[2])
if len(sys.argv) > 4:
    source = Path(sys.argv[4])
    source.write_text(source.read_text(encoding="utf-8").replace(sys.argv[5], sys.argv[6], 1), encoding="utf-8")
warm = once(sys.argv[3])
print(cold, warm)
"""


def project(folder: Path) -> Path:
    """A copy of this checkout to build (its sources, pages, schemas, hooks and theme)."""
    for name in ("docs", "source", "schema", "hooks", "site_overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def twice(folder: Path, *edit: str, whole_markdown: bool = False) -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1", "CLAUSEBOOK_NO_DOCX": "1",
           "WHOLE_MARKDOWN": "1" if whole_markdown else ""}
    done = subprocess.run([sys.executable, "-c", TWICE, str(folder / "mkdocs.yml"), str(folder / "cold"),
                           str(folder / "warm"), *edit], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    cold, warm = (float(n) for n in done.stdout.split())
    return cold, warm


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_warm_rebuild_gives_the_cold_builds_site_byte_for_byte(tmp_path: Path) -> None:
    folder = project(tmp_path)
    twice(folder)
    cold, warm = files(folder / "cold"), files(folder / "warm")
    assert cold.keys() == warm.keys()
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_pages_rendered_without_parsing_their_raw_html_are_the_pages_markdown_makes(tmp_path: Path) -> None:
    folder = project(tmp_path)
    twice(folder)
    lighter = files(folder / "cold")
    twice(folder, whole_markdown=True)
    whole = files(folder / "cold")
    assert lighter.keys() == whole.keys()
    assert [name for name in whole if whole[name] != lighter[name]] == []


def test_an_edit_shows_after_a_warm_rebuild(tmp_path: Path, sources) -> None:
    folder = project(tmp_path)
    protocol = next(iter(sources.values()))
    section = next(s for s in reversed(protocol.sections) if s.title)  # (a signature block may have none)
    source = folder / "source" / Path(section.origin.file).relative_to(ROOT / "source")
    text = source.read_text(encoding="utf-8")
    start = text.index(f"id: {section.id}\n")
    at = text.index("title: ", start) + len("title: ")
    at += text[at] in "\"'"
    twice(folder, str(source), text[start:at], text[start:at] + "Edited ")
    page = Path(protocol.id, section.id, "index.html")
    assert "Edited " in (folder / "warm" / page).read_text(encoding="utf-8")
    assert "Edited " not in (folder / "cold" / page).read_text(encoding="utf-8")


# A build, an edit, and a rebuild into the same site folder in the same process (a save while
# serving); prints, as JSON, the folders the rebuild kept as the first build wrote them.
IN_PLACE = """
import json, sys
from pathlib import Path
from mkdocs.commands import build
from mkdocs.config import load_config

def once():
    config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    build.build(config, dirty=False)
    config.plugins.on_shutdown()

once()
source = Path(sys.argv[3])
source.write_text(source.read_text(encoding="utf-8").replace(sys.argv[4], sys.argv[5], 1), encoding="utf-8")
once()
hooks = next(module for module in sys.modules.values() if hasattr(getattr(module, "build", None), "folders"))
print(json.dumps(sorted(hooks.build.folders.kept)))
"""


def test_a_rebuild_after_an_edit_keeps_the_kept_versions_folders_and_gives_the_cold_builds_site(tmp_path: Path) -> None:
    """With the Somerset history: a rebuild into the same site after an edit to the text in force
    keeps every kept version's folder as the first build wrote it (not rebuilt), and the site it
    leaves is, byte for byte, what a new process builds from the edited sources."""
    from conftest import HISTORY_SOURCES

    folder = project(tmp_path)
    for path in HISTORY_SOURCES:
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, folder / "source" / path.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1", "CLAUSEBOOK_NO_DOCX": "1",
           "CLAUSEBOOK_SITE_URL": "https://example.org/protocols/"}
    source = folder / "source" / "somerset.yaml"
    words = re.search(r"\n( +)text: (?:>-\n\1  )?(\w+ \w+ \w+)", source.read_text(encoding="utf-8")).group(2)
    done = subprocess.run([sys.executable, "-c", IN_PLACE, str(folder / "mkdocs.yml"), str(folder / "warm"),
                           str(source), words, f"Edited {words}"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    kept = json.loads(done.stdout)
    versions = [path.stem for path in (folder / "source" / "versions" / "somerset").glob("*.yaml")]
    assert len(versions) >= 3 and {f"somerset/{key}/" for key in versions} <= set(kept), kept
    cold = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml"),
                           "-d", str(folder / "cold")], capture_output=True, text=True, env=env, timeout=600)
    assert cold.returncode == 0, cold.stderr
    built, rebuilt = files(folder / "cold"), files(folder / "warm")
    assert built.keys() == rebuilt.keys()
    assert [name for name in built if built[name] != rebuilt[name]] == []
    assert any(f"Edited {words}".encode() in content for name, content in rebuilt.items()
               if name.startswith("somerset/") and name.endswith(".html"))
    sitemap = (folder / "warm" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/somerset/versions/" in sitemap and not any(f"/somerset/{key}/" in sitemap for key in versions)


@pytest.mark.browser
def test_the_benchmark_runs(tmp_path: Path) -> None:
    """`make bench` in miniature: 100 clauses, one repetition."""
    out = tmp_path / "tiny.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--tiny", "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result["ratios"]) == {"100.AB.cold", "100.AB.warm", "100.CE", "100.DE.wall", "100.DE.cpu"}
    assert all(value > 0 for value in result["ratios"].values())
    assert result["figures"]["preview.seconds"] > 0 and result["figures"]["search_index.kb"] > 0
    assert len(result["import_ms"]) >= 4 and all(value > 0 for value in result["import_ms"].values())
