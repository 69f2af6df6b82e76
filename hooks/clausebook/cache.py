"""Warm rebuilds: what a handbook build depends on, as one fingerprint, so that a rebuild in the
same process (``mkdocs serve`` after a save, or any second build) reuses the validated model and
the generated pages when nothing they are made from has changed.

The fingerprint covers every source file, the JSON Schemas, the package's own code and templates
(a change of code invalidates as surely as a change of source), and the settings of the build.
Reading and hashing them costs milliseconds for thousands of clauses; validating and rendering
them again costs seconds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .resources import SCHEMAS, TEMPLATES

PACKAGE = Path(__file__).resolve().parent
READ = (".yaml", ".yml", ".json", ".py", ".j2")


def fingerprint(sources: Path, *settings: object) -> str:
    """A digest of the sources under ``sources``, the schemas, the code and ``settings``."""
    digest = hashlib.blake2b(digest_size=20)
    for folder in (sources, SCHEMAS, PACKAGE, TEMPLATES):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in READ and path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(repr(settings).encode())
    return digest.hexdigest()
