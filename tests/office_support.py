"""LibreOffice, the tests' independent reader and writer of Word documents: runs
tests/office_script.py with the system's Python (which has LibreOffice's uno bridge), or skips the
calling test (fails it under CI) when LibreOffice or the bridge is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
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
    jobs_file = Path(jobs[0]["out"]).with_suffix(".jobs.json")
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "office_script.py"), str(jobs_file)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]
