"""LibreOffice, the tests' independent reader and writer of Word documents: runs
tests/office_script.py with the system's Python (which has LibreOffice's uno bridge), or skips the
calling test (fails it under CI) when LibreOffice or the bridge is missing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from browser_support import unavailable
from conftest import ROOT

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which has LibreOffice's uno bridge (python3-uno)


def office(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs LibreOffice on ``jobs`` (see tests/office_script.py); what it reported of each."""
    if shutil.which("soffice") is None:
        unavailable("LibreOffice is not installed: run `make deps` (Debian package libreoffice-writer-nogui)")
    if subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode != 0:
        unavailable("LibreOffice's Python bridge is not installed: run `make deps` (Debian package python3-uno)")
    read = {job["in"]: _without_comments(Path(job["in"])) for job in jobs}
    jobs_file = Path(jobs[0]["out"]).with_suffix(".jobs.json")
    jobs_file.write_text(json.dumps([{**job, "in": read[job["in"]]} for job in jobs]), encoding="utf-8")
    done = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "office_script.py"), str(jobs_file)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    given = {used: original for original, used in read.items()}
    return [{**report, "in": given[report["in"]]} for report in map(json.loads, done.stdout.splitlines())]


def converted(paths: list[Path], folder: Path, extension: str) -> list[Path]:
    """``paths`` converted by LibreOffice into ``folder`` as ``extension`` files ("docx", "odt"),
    in one run of its command line, with a profile of its own. Unlike ``office``, it opens
    documents whose text anchors a comment (which LibreOffice 7.4's bridge cannot)."""
    if shutil.which("soffice") is None:
        unavailable("LibreOffice is not installed: run `make deps` (Debian package libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="clausebook-office-") as profile:
        done = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                               "--convert-to", extension, "--outdir", str(folder), *map(str, paths)],
                              capture_output=True, text=True, timeout=600)
    made = [folder / f"{path.stem}.{extension}" for path in paths]
    assert done.returncode == 0 and all(path.exists() for path in made), done.stderr
    return made


def _without_comments(path: Path) -> str:
    """The path of ``path`` as LibreOffice reads it: a Word document's comments unanchored in a
    copy beside it (LibreOffice 7.4, driven over its bridge, fails to open any document whose
    text anchors a comment, its own included; a comment is not text, and the tests read comments
    with lxml), anything else as it is."""
    from lxml import etree

    if path.suffix != ".docx":
        return str(path)
    package = zipfile.ZipFile(path)
    root = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    anchors = list(root.iter(f"{w}commentRangeStart", f"{w}commentRangeEnd"))
    anchors += [reference.getparent() for reference in root.iter(f"{w}commentReference")]
    if not anchors:
        return str(path)
    for anchor in anchors:
        anchor.getparent().remove(anchor)
    copy = path.with_suffix(".uncommented.docx")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as written:
        for name in package.namelist():
            written.writestr(name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                             if name == "word/document.xml" else package.read(name))
    copy.write_bytes(output.getvalue())
    return str(copy)
