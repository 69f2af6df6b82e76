"""`make bench`: how much the YAML layer costs, measured as whole processes, reported as ratios.

1. `clausebook validate` on 10,000 clauses in 20 files, against a bare
   `yaml.load(..., CSafeLoader)` of the same files (the brief's bar: no slower than that parse).
2. The same validation at 2,500, 5,000 and 10,000 clauses: cost per clause should stay flat.
3. A handbook build (`mkdocs build` with the hooks) against a plain MkDocs build of the very
   pages and files the hooks generate, written out as files.

Medians of several runs; these machines are noisy, so compare the ratios, not the seconds.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
PYTHON = sys.executable
RUNS = 5


def clause_yaml(protocol: int, section: int, index: int) -> str:
    number = f"{section}.{index}"
    kind = index % 4
    head = f'      - id: c{section}-{index}\n        number: "{number}"\n'
    if kind == 0:
        return head + (
            "        text: >-\n"
            f"          Members should treat Officers with respect in matter {protocol}-{number}, and Officers\n"
            "          must give impartial advice. See [the first clause](#c1-1) for more.\n"
            "        obligations:\n"
            "          - {who: members, modality: should, towards: officers, quote: Members should treat Officers}\n"
            "          - {who: officers, modality: must, quote: Officers must give impartial advice}\n")
    if kind == 1:
        return head + (
            "        body:\n"
            '          - lead: "Officers must:"\n'
            "            each: {who: officers, modality: must, towards: members}\n"
            "            items:\n"
            "              - act professionally, impartially and with political neutrality\n"
            "              - {label: (a), text: respond to enquiries promptly}\n"
            "              - {label: (b), text: keep *confidential* matters confidential}\n")
    if kind == 2:
        return head + (
            "        heading: A numbered heading\n"
            "        text: >-\n"
            "          The Council provides support services to Members as agreed by the Council, so that\n"
            "          they can undertake their various roles.\n")
    return head + (
        "        body:\n"
        "          - table:\n"
        "              columns:\n"
        "                do: {label: Officers Do, each: {who: officers, modality: should}}\n"
        "                dont: {label: \"Officers Don't\", each: {who: officers, modality: should-not}}\n"
        "              rows:\n"
        "                - {do: Pursue lawful policies, dont: Deviate from the Constitution}\n"
        "                - do: [Serve all Members equally, Respond in a timely manner]\n")


def write_sources(folder: Path, files: int, clauses_per_file: int, sections_per_file: int = 10) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    per_section = clauses_per_file // sections_per_file
    paths = []
    for protocol in range(files):
        parts = [
            f"protocol: {{id: p{protocol}, council: Council {protocol}, title: Protocol {protocol}, "
            "status: adopted}\n",
            "roles:\n  members: {label: Members, shared: councillor}\n  officers: {label: Officers, shared: officer}\n",
            "sections:\n",
        ]
        for section in range(1, sections_per_file + 1):
            parts.append(f'  - id: s{section}\n    number: "{section}"\n    title: Section {section}\n    clauses:\n')
            parts += [clause_yaml(protocol, section, index) for index in range(1, per_section + 1)]
        path = folder / f"p{protocol:02}.yaml"
        path.write_text("".join(parts), encoding="utf-8")
        paths.append(path)
    return paths


def once(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={"PATH": str(Path(PYTHON).parent) + ":/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1",
                               "CLAUSEBOOK_NO_PDF": "1"})
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def timed(command: list[str], cwd: Path | None = None) -> float:
    return statistics.median(once(command, cwd) for _ in range(RUNS))


def paired(base: list[str], other: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Median seconds of each, and the median of the ratios of runs made back to back (the
    machine's load drifts; a ratio of neighbouring runs is steadier than a ratio of medians)."""
    pairs = [(once(base, cwd), once(other, cwd)) for _ in range(RUNS)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(b / a for a, b in pairs))


def bare_parse(folder: Path) -> list[str]:
    code = ("import sys, yaml, pathlib\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
            "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
    return [PYTHON, "-c", code, str(folder)]


def validate(folder: Path) -> list[str]:
    return [str(Path(PYTHON).parent / "clausebook"), "validate", str(folder)]


def validation(work: Path) -> None:
    folder = work / "v10000"
    write_sources(folder, files=20, clauses_per_file=500)
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    parse, checked, ratio = paired(bare_parse(folder), validate(folder))
    print(f"validate, 10,000 clauses in 20 files ({size:.1f} MB), whole processes, median of {RUNS} pairs:")
    print(f"  bare yaml.load(CSafeLoader)  {parse:6.2f} s   1.00x")
    print(f"  clausebook validate          {checked:6.2f} s   {ratio:.2f}x  (bar: at most 1.00x)")
    print("scaling: validate, seconds per 1,000 clauses")
    for total in (2500, 5000, 10000):
        folder = work / f"s{total}"
        write_sources(folder, files=20, clauses_per_file=total // 20)
        seconds = timed(validate(folder))
        print(f"  {total:6,} clauses  {seconds:6.2f} s   {seconds / total * 1000:.3f} s per 1,000")


def builds(work: Path) -> None:
    from clausebook.handbook import Handbook

    project = work / "handbook"
    plain = work / "plain"
    for folder in (project, plain):
        shutil.copytree(ROOT / "docs", folder / "docs")
    write_sources(project / "source", files=2, clauses_per_file=500)
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    config = config.replace("hooks/clausebook_hooks.py", str(ROOT / "hooks/clausebook_hooks.py"))
    (project / "mkdocs.yml").write_text(config.replace("  - schema\n  - hooks\n", ""))
    # The plain build gets, as files, every page and file the hooks make (sections, roles, glossary,
    # changes, permalinks, data), and the Data page as the hooks fill it in.
    handbook = Handbook(root=project)
    handbook.load()
    generated = {page.src_uri: page.content.encode() for page in handbook.pages}
    generated["data.md"] = handbook.page_markdown("data.md", (ROOT / "docs" / "data.md").read_text()).encode()
    for src_uri, content in {**generated, **handbook.data_files}.items():
        path = plain / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    config = (project / "mkdocs.yml").read_text()
    config = config.replace(f"hooks:\n  - {ROOT / 'hooks/clausebook_hooks.py'}\n", "")
    (plain / "mkdocs.yml").write_text(config.replace("watch:\n  - source\n", ""))
    mkdocs = str(Path(PYTHON).parent / "mkdocs")
    without = [mkdocs, "build", "-q", "-f", str(plain / "mkdocs.yml"), "-d", str(work / "out2")]
    with_hooks = [mkdocs, "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(work / "out1")]
    plain_seconds, hooks_seconds, ratio = paired(without, with_hooks)
    print(f"handbook build, 2 protocols x 500 clauses ({len(handbook.pages)} pages, "
          f"{len(handbook.data_files)} other files), whole processes, median of {RUNS} pairs:")
    print(f"  plain MkDocs, the same pages and files  {plain_seconds:6.2f} s   1.00x")
    print(f"  MkDocs with the clausebook hooks        {hooks_seconds:6.2f} s   {ratio:.2f}x")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        validation(work)
        builds(work)


if __name__ == "__main__":
    main()
