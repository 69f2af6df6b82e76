"""`make bench`: what the handbook costs over MkDocs on hand-written Markdown, as ratios measured in
one run (these machines are noisy: compare the ratios, not the seconds).

For the two example protocols, 1,000 synthetic clauses (2 protocols) and 10,000 (20 protocols),
made deterministically by `synthetic.py`:

- **A** the handbook built with the hooks (PDFs and Word documents off; their cost is timed once,
  apart), cold (a new process) and warm (a second build in that process, the sources unchanged,
  as `make serve` rebuilds): `build_twice.py`;
- **B** a plain MkDocs build, the same way, of exactly the pages and files the hooks generate,
  written out as files, with the same navigation, theme and plugins;
- **C** the YAML layer alone, a whole process: load, validate, model, render, export;
- **D** `clausebook validate` and **E** a bare `yaml.load(..., CSafeLoader)` of the same files,
  whole processes, wall and CPU time;
- peak memory of A and B, the largest section page, the search index; the preview: seconds from
  saving an edited clause to the page showing it under `mkdocs serve`, in Chromium;
- once, 20,000 clauses over 133 protocols (A and C), for the growth towards every council's protocols;
- kept versions: 20 protocols (2,000 clauses) with 10 versions each against the same 20 with one
  version each, A cold and warm after an edit of one clause of a text in force (as a save while
  serving): the ratio of the warm rebuilds, the cold seconds and the peak memory of each
  (``--versions-only`` runs this case alone, into `results/versions.json`);
- `clausebook import`, in milliseconds per document: every Word document of the import's corpus
  (tests/fixtures/word: Word's own XML as written, and the flat-ODT ones through LibreOffice when
  it is installed) and each example protocol's own tracked Word document.

Each measurement is repeated (alternating A and B, C, D and E), and each ratio is the median of
the ratios of neighbouring runs. Prints a table; writes `benchmarks/results/latest.json`.
`--tiny` (100 clauses, one repetition, no PDF and Word outputs, into `results/tiny.json`) is what
`make test` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).parent))
PYTHON = sys.executable
BIN = Path(PYTHON).parent
RESULTS = Path(__file__).parent / "results"
QUIET = {"NO_MKDOCS_2_WARNING": "1", "CLAUSEBOOK_NO_PDF": "1", "CLAUSEBOOK_NO_DOCX": "1"}


@dataclass
class Run:
    """One whole process: its wall and CPU seconds, and what it printed as JSON (if anything)."""

    wall: float
    cpu: float
    report: dict = field(default_factory=dict)


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **QUIET, **(env or {})})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    last = done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else []
    report = json.loads(last[0]) if last and last[0].startswith("{") else {}
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, report)


# The projects

def handbook_project(folder: Path, sources: list[Path]) -> Path:
    """A project with the hooks: these sources, this checkout's pages, theme overrides and hooks."""
    (folder / "source").mkdir(parents=True)
    for path in sources:  # (a folder, such as versions/, whole)
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, folder / "source" / path.name)
    shutil.copytree(ROOT / "docs", folder / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    config = config.replace("hooks/clausebook_hooks.py", str(ROOT / "hooks" / "clausebook_hooks.py"))
    (folder / "mkdocs.yml").write_text(config.replace("  - schema\n  - hooks\n", ""), encoding="utf-8")
    return folder


def plain_project(folder: Path, project: Path) -> tuple[Path, int]:
    """The same site as plain MkDocs: every page and file the hooks generate, written out as files
    (the Data page as the hooks fill it in), the same navigation, no hooks. Gives the folder and
    the number of pages."""
    from clausebook.mkdocs.handbook import Handbook
    from clausebook.settings import Settings

    handbook = Handbook(root=project, settings=Settings(pdf=False, docx=False))
    handbook.load()
    shutil.copytree(project / "docs", folder / "docs")
    generated = {page.src_uri: page.content.encode() for page in handbook.pages}
    generated["data.md"] = handbook.page_markdown("data.md", (project / "docs" / "data.md").read_text()).encode()
    for src_uri, content in {**generated, **handbook.data_files}.items():
        path = folder / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    import yaml

    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(f"hooks:\n  - {ROOT / 'hooks' / 'clausebook_hooks.py'}\n", "")
    nav = yaml.safe_dump({"nav": handbook.nav(["data.md", "accessibility.md"])}, allow_unicode=True, sort_keys=False)
    (folder / "mkdocs.yml").write_text(config.replace("watch:\n  - source\n", "") + nav, encoding="utf-8")
    return folder, len(handbook.pages)


def build_twice(project: Path, site: Path) -> list[str]:
    return [PYTHON, str(Path(__file__).parent / "build_twice.py"), str(project / "mkdocs.yml"), str(site)]


def yaml_layer(project: Path) -> list[str]:
    code = ("import sys; sys.path.insert(0, sys.argv[2])\n"
            "from pathlib import Path\n"
            "from clausebook.mkdocs.handbook import Handbook\n"
            "from clausebook.settings import Settings\n"
            "Handbook(root=Path(sys.argv[1]), settings=Settings(pdf=False, docx=False)).load()\n")
    return [PYTHON, "-c", code, str(project), str(ROOT / "hooks")]


def bare_parse(folder: Path) -> list[str]:
    code = ("import sys, yaml, pathlib\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
            "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
    return [PYTHON, "-c", code, str(folder)]


def validate(folder: Path) -> list[str]:
    return [str(BIN / "clausebook"), "validate", str(folder)]


# Measurements

def median_ratio(pairs: list[tuple[float, float]]) -> float:
    return statistics.median(b / a for a, b in pairs)


def alternating(first: Callable[[], Run], second: Callable[[], Run], repeats: int) -> list[tuple[Run, Run]]:
    """Each pair run back to back, the order swapped every other time."""
    pairs = []
    for repeat in range(repeats):
        if repeat % 2:
            later = second()
            pairs.append((first(), later))
        else:
            earlier = first()
            pairs.append((earlier, second()))
    return pairs


@dataclass
class Size:
    name: str
    project: Path
    plain: Path
    pages: int
    clauses: int
    builds: list[tuple[Run, Run]] = field(default_factory=list)  # (B, A)
    layer: list[tuple[Run, Run]] = field(default_factory=list)  # (E, C)
    validation: list[tuple[Run, Run]] = field(default_factory=list)  # (E, D)

    def cold(self, which: int) -> list[float]:
        return [pair[which].wall - pair[which].report["warm"] for pair in self.builds]

    def ratios(self) -> dict[str, float]:
        found = {}
        if self.builds:
            b_cold, a_cold = self.cold(0), self.cold(1)
            found["AB.cold"] = median_ratio(list(zip(b_cold, a_cold, strict=True)))
            found["AB.warm"] = median_ratio([(b.report["warm"], a.report["warm"]) for b, a in self.builds])
        if self.layer:
            found["CE"] = median_ratio([(e.wall, c.wall) for e, c in self.layer])
        if self.validation:
            found["DE.wall"] = median_ratio([(e.wall, d.wall) for e, d in self.validation])
            found["DE.cpu"] = median_ratio([(e.cpu, d.cpu) for e, d in self.validation])
        return found


def measure(size: Size, repeats: int, work: Path) -> None:
    sources = size.project / "source"
    size.builds = alternating(lambda: run(build_twice(size.plain, work / f"{size.name}-b")),
                              lambda: run(build_twice(size.project, work / f"{size.name}-a")), repeats)
    size.layer = alternating(lambda: run(bare_parse(sources)), lambda: run(yaml_layer(size.project)), repeats)
    size.validation = alternating(lambda: run(bare_parse(sources)), lambda: run(validate(sources)), repeats)


def national(work: Path) -> dict[str, float]:
    """20,000 clauses shaped as every council's protocols would be (400 protocols, 60,000 clauses:
    150 clauses a protocol, so 133 protocols), once: A (cold and warm) and C, no plain build."""
    from synthetic import write_protocols

    project = handbook_project(work / "20000-project", write_protocols(work / "20000-sources", 20_000, 133))
    built = run(build_twice(project, work / "20000-a"))
    return {"A.cold": built.wall - built.report["warm"], "A.warm": built.report["warm"],
            "C": run(yaml_layer(project)).wall, "A.peak_mb": built.report["peak_mb"], "clauses": 20_000}


VERSIONS_CASE = (2_000, 20, 10)  # clauses, protocols, versions of each protocol


def versions_case(work: Path, repeats: int) -> dict[str, float]:
    """The same protocols with one version each and with ``VERSIONS_CASE`` versions each: each
    built cold, then again after an edit of one clause of a text in force (A, alternating)."""
    from synthetic import edited, write_histories, write_protocols

    clauses, protocols, versions = VERSIONS_CASE
    projects = {}
    for count in (1, versions):
        sources = write_protocols(work / f"versions{count}-sources", clauses, protocols, revisions=False)
        if count > 1:
            write_histories(sources, count)
        projects[count] = handbook_project(work / f"versions{count}-project",
                                           [*sources, *(work / f"versions{count}-sources").glob("versions")])

    def after_an_edit(project: Path) -> Run:
        source = project / "source" / "synthetic-000.yaml"
        text = source.read_text(encoding="utf-8")
        try:
            return run([*build_twice(project, work / f"{project.name}-site"), str(source), *edited(source)])
        finally:
            source.write_text(text, encoding="utf-8")

    pairs = alternating(lambda: after_an_edit(projects[1]), lambda: after_an_edit(projects[versions]), repeats)
    found: dict[str, float] = {"clauses": clauses, "protocols": protocols, "versions": versions,
                               "ratio.warm": round(median_ratio([(one.report["warm"], many.report["warm"])
                                                                 for one, many in pairs]), 3),
                               "ratio.cold": round(median_ratio([(one.wall - one.report["warm"],
                                                                  many.wall - many.report["warm"])
                                                                 for one, many in pairs]), 3)}
    for count, which in ((1, 0), (versions, 1)):
        found[f"{count}.cold"] = round(statistics.median(pair[which].wall - pair[which].report["warm"]
                                                         for pair in pairs), 2)
        found[f"{count}.warm"] = round(statistics.median(pair[which].report["warm"] for pair in pairs), 2)
        found[f"{count}.peak_mb"] = round(max(pair[which].report["peak_mb"] for pair in pairs), 1)
        found[f"{count}.pages"] = sum(1 for _ in (work / f"versions{count}-project-site").rglob("index.html"))
    return found


def versions_table(case: dict[str, float]) -> None:
    """The kept versions' case, as the table shows it."""
    many = int(case["versions"])
    print(f"kept versions: {int(case['protocols'])} protocols, {int(case['clauses']):,} clauses, "
          f"1 version each against {many}")
    print("  versions   cold s   warm s (after an edit)   peak MB   pages")
    for count in (1, many):
        print(f"  {count:>8} {case[f'{count}.cold']:8.2f} {case[f'{count}.warm']:8.2f}"
              f"{'':17}{case[f'{count}.peak_mb']:9.0f} {int(case[f'{count}.pages']):7}")
    target = TARGETS["versions.warm"]
    print(f"  warm ratio {case['ratio.warm']:.3f}  ≤ {target} {'met' if case['ratio.warm'] <= target else 'MISSED'};"
          f"  cold ratio {case['ratio.cold']:.3f}")


def prepare(name: str, sources: list[Path], work: Path) -> Size:
    project = handbook_project(work / f"{name}-project", sources)
    plain, pages = plain_project(work / f"{name}-plain", project)
    from clausebook.format.validation import validate as check

    clauses = sum(1 for protocol in check([str(project / "source")]).protocols for _ in protocol.clauses())
    return Size(name, project, plain, pages, clauses)


def synthetic(name: str, clauses: int, protocols: int, work: Path) -> Size:
    from synthetic import write_protocols

    return prepare(name, write_protocols(work / f"{name}-sources", clauses, protocols), work)


def section_pages(site: Path, project: Path) -> list[Path]:
    from clausebook.format.validation import validate as check

    return [site / protocol.id / section.id / "index.html"
            for protocol in check([str(project / "source")]).protocols for section in protocol.sections]


def preview_seconds(project: Path) -> float:
    """Seconds from saving an edited clause to the page under `mkdocs serve` showing it."""
    import socket

    from playwright.sync_api import sync_playwright

    from clausebook.format.validation import validate as check
    from clausebook.outputs.print.pdf import find_engine

    protocol = check([str(project / "source")]).protocols[0]
    section = protocol.sections[-1]
    source = Path(section.origin.file)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, **QUIET}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    original = source.read_text(encoding="utf-8")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_engine(),
                                                 args=["--no-sandbox"] if os.geteuid() == 0 else [])
            page = browser.new_page()
            url = f"http://127.0.0.1:{port}/{protocol.id}/{section.id}/"
            for _ in range(600):
                try:
                    page.goto(url)
                    break
                except Exception:
                    time.sleep(0.1)
            page.wait_for_selector(f"[id='{section.id}']")
            marker = "Benchmarked"
            saved = time.perf_counter()
            source.write_text(_retitled(original, section.id, marker), encoding="utf-8")
            # (while the preview reloads the page, it has no body for a moment: not yet, rather than an error)
            page.wait_for_function(f"document.body?.innerText.includes({json.dumps(marker)})", timeout=120_000)
            seconds = time.perf_counter() - saved
            browser.close()
    finally:
        source.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return seconds


def _retitled(text: str, section_id: str, marker: str) -> str:
    """The source with ``marker`` put before the title of the section ``section_id``."""
    start = text.index(f"id: {section_id}\n")
    title = text.index("title: ", start) + len("title: ")
    title += text[title] in "\"'"
    return f"{text[:title]}{marker} {text[title:]}"


def outputs_seconds(size: Size, work: Path) -> float:
    """Extra seconds the PDFs and Word documents add to a build (one cold build each way)."""
    without = run(build_twice(size.project, work / "outputs-off"))
    with_outputs = run(build_twice(size.project, work / "outputs-on"),
                       env={"CLAUSEBOOK_NO_PDF": "", "CLAUSEBOOK_NO_DOCX": ""})
    return (with_outputs.wall - with_outputs.report["warm"]) - (without.wall - without.report["warm"])


def import_milliseconds(work: Path, tiny: bool) -> dict[str, float]:
    """Each document's import, in milliseconds (the median of three), by name; ``tiny``: the
    corpus's Word XML alone (no LibreOffice, no build)."""
    from clausebook.authoring.importing import importer

    corpus = ROOT / "tests" / "fixtures" / "word"
    folder = work / "imports"
    folder.mkdir()
    documents = {}
    for parts in sorted(path for path in corpus.iterdir() if path.is_dir()):
        documents[parts.name] = folder / f"{parts.name}.docx"
        documents[parts.name].write_bytes(zipped(parts))
    if not tiny:
        documents |= converted(sorted(corpus.glob("*.fodt")), folder)
        documents |= tracked_documents(sorted((ROOT / "source").glob("*.yaml")), folder)
    times = {}
    for name, path in documents.items():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            importer.import_docx(path)
            runs.append(time.perf_counter() - started)
        times[name] = round(1000 * statistics.median(runs), 1)
    return times


def zipped(folder: Path) -> bytes:
    """The .docx package of the parts under ``folder``."""
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            package.writestr(path.relative_to(folder).as_posix(), path.read_bytes())
    return output.getvalue()


def converted(flat: list[Path], folder: Path) -> dict[str, Path]:
    """The flat-ODT documents as LibreOffice's .docx (one run for all); none without LibreOffice."""
    if not flat or shutil.which("soffice") is None:
        return {}
    run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
         *map(str, flat)])
    return {path.stem: folder / f"{path.stem}.docx" for path in flat if (folder / f"{path.stem}.docx").exists()}


def tracked_documents(sources: list[Path], folder: Path) -> dict[str, Path]:
    """Each protocol's own tracked Word document, as `clausebook docx` writes it."""
    found = {}
    for source in sources:
        target = folder / f"{source.stem}-changes.docx"
        run([str(BIN / "clausebook"), "docx", str(source), "--changes", "-o", str(target)])
        if target.exists():
            found[target.stem] = target
    return found


# The report

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="100 clauses, one repetition (as make test runs it)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--versions-only", action="store_true",
                        help="the kept versions' case alone (into results/versions.json)")
    parser.add_argument("--out", type=Path, help="where to write the results (default: benchmarks/results/)")
    args = parser.parse_args()
    repeats = 1 if args.tiny else args.repeats
    if args.versions_only:
        with tempfile.TemporaryDirectory(prefix="clausebook-bench-") as folder:
            print("measuring kept versions ...", flush=True)
            case = versions_case(Path(folder), repeats)
        target = args.out or RESULTS / "versions.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"versions": case, "repeats": repeats, "cpus": os.cpu_count()}, indent=2,
                                     sort_keys=True) + "\n", encoding="utf-8")
        versions_table(case)
        print(f"written to {target}")
        return
    with tempfile.TemporaryDirectory(prefix="clausebook-bench-") as folder:
        work = Path(folder)
        sizes: dict[str, Size] = {}
        if args.tiny:
            sizes["100"] = synthetic("100", 100, 2, work)
        else:
            examples = sorted((ROOT / "source").glob("*.yaml"))
            sizes["seeds"] = prepare("seeds", examples, work)
            sizes["1000"] = synthetic("1000", 1000, 2, work)
            sizes["10000"] = synthetic("10000", 10_000, 20, work)
        for size in sizes.values():
            print(f"measuring {size.name}: {size.clauses:,} clauses, {size.pages:,} pages ...", flush=True)
            measure(size, repeats, work)
        scale = kept = None
        if not args.tiny:
            print("measuring 20,000 clauses (A and C, once) ...", flush=True)
            scale = national(work)
            print("measuring kept versions ...", flush=True)
            kept = versions_case(work, repeats)
        first = next(iter(sizes.values()))
        print("measuring the preview" + ("" if args.tiny else " and the PDF and Word outputs") + " ...", flush=True)
        preview = preview_seconds(first.project)
        extra = None if args.tiny else outputs_seconds(first, work)  # (the tests print and read them)
        biggest = max(sizes.values(), key=lambda s: s.clauses)
        site = work / f"{biggest.name}-a"
        pages = section_pages(site, biggest.project)
        figures = {
            "preview.seconds": round(preview, 2),
            "largest_section_page.kb": round(max(p.stat().st_size for p in pages) / 1024, 1),
            "search_index.kb": round((site / "search" / "search_index.json").stat().st_size / 1024, 1),
            "A.peak_mb": round(max(a.report["peak_mb"] for _, a in biggest.builds), 1),
            "B.peak_mb": round(max(b.report["peak_mb"] for b, _ in biggest.builds), 1),
            **({} if extra is None else {"outputs.seconds": round(extra, 2)}),
        }
        print("measuring the import of Word documents ...", flush=True)
        imports = import_milliseconds(work, args.tiny)
        ratios = {f"{name}.{key}": round(value, 3) for name, size in sizes.items()
                  for key, value in size.ratios().items()}
        if not args.tiny:
            ratios = {key: ratios[key] for key in ("seeds.AB.cold", "1000.AB.cold", "1000.AB.warm", "10000.AB.cold",
                                                   "10000.AB.warm", "10000.CE", "10000.DE.wall", "10000.DE.cpu")}
            small, large = sizes["1000"], sizes["10000"]
            ratios["growth.A"] = round(statistics.median(large.cold(1)) / statistics.median(small.cold(1)), 2)
            ratios["growth.C"] = round(statistics.median(c.wall for _, c in large.layer)
                                       / statistics.median(c.wall for _, c in small.layer), 2)
            ratios["versions.warm"] = kept["ratio.warm"] if kept else 0.0
        seconds = {name: {"A.cold": statistics.median(size.cold(1)), "B.cold": statistics.median(size.cold(0)),
                          "A.warm": statistics.median(a.report["warm"] for _, a in size.builds),
                          "B.warm": statistics.median(b.report["warm"] for b, _ in size.builds),
                          "C": statistics.median(c.wall for _, c in size.layer) if size.layer else None,
                          "pages": size.pages, "clauses": size.clauses}
                   for name, size in sizes.items()}
        if scale:  # every council's protocols: the same shape three times over, as builds grow linearly
            scale["A.cold.60000_estimate"] = round(3 * scale["A.cold"], 1)
        result = {"ratios": ratios, "figures": figures, "seconds": seconds, "import_ms": imports, "repeats": repeats,
                  "cpus": os.cpu_count(), **({"national": scale} if scale else {}),
                  **({"versions": kept} if kept else {})}
    target = args.out or RESULTS / ("tiny.json" if args.tiny else "latest.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    table(result)
    if "national" in result:
        scale = result["national"]
        print(f"20,000 clauses, once: A cold {scale['A.cold']:.1f} s, warm {scale['A.warm']:.1f} s, "
              f"C {scale['C']:.1f} s, peak {scale['A.peak_mb']:.0f} MB; 60,000 clauses, from the growth: "
              f"A cold about {scale['A.cold.60000_estimate']:.0f} s")
    if "versions" in result:
        versions_table(result["versions"])
    print(f"written to {target}")


# What the handbook promises: each ratio or figure at most this.
TARGETS = {"seeds.AB.cold": 1.1, "1000.AB.cold": 1.2, "10000.AB.cold": 1.2, "1000.AB.warm": 1.0,
           "10000.AB.warm": 1.0, "10000.CE": 1.5, "10000.DE.wall": 1.0, "10000.DE.cpu": 1.2, "growth.A": 11,
           "growth.C": 11, "preview.seconds": 2, "largest_section_page.kb": 150,
           "versions.warm": 1.2}


def table(result: dict) -> None:
    def row(key: str, value: float, measured: str) -> None:
        target = TARGETS.get(key)
        verdict = "" if target is None else f"  ≤ {target:<6} {'met' if value <= target else 'MISSED'}"
        print(f"  {key:<28}{measured:>9}{verdict}")

    print("\nratio                          measured  target")
    for key, value in result["ratios"].items():
        row(key, value, f"{value:.3f}")
    print("figure")
    for key, value in result["figures"].items():
        row(key, value, f"{value}")
    print("seconds (medians)        A cold   B cold   A warm   B warm        C   pages  clauses")
    for name, row in result["seconds"].items():
        c = f"{row['C']:8.2f}" if row["C"] is not None else "       -"
        print(f"  {name:<20}{row['A.cold']:8.2f} {row['B.cold']:8.2f} {row['A.warm']:8.2f} {row['B.warm']:8.2f} "
              f"{c} {row['pages']:7} {row['clauses']:8}")
    print("import (ms per document, median of 3)")
    for name, milliseconds in result["import_ms"].items():
        print(f"  {name:<28}{milliseconds:>9.1f}")


if __name__ == "__main__":
    main()
