"""One process, two MkDocs builds of the same project, as `mkdocs build` makes one: the first cold
(a new process), the second warm (the same process, the sources unchanged, the configuration
loaded again, as `make serve` rebuilds). Prints, as JSON: the seconds of the second build, this
process's CPU seconds and its peak memory (MB). With FILE OLD NEW, the second build follows an
edit of FILE (OLD replaced with NEW, once), as a save while serving.

    python benchmarks/build_twice.py mkdocs.yml SITE_DIR [FILE OLD NEW]
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path


def build(config_file: str, site_dir: str) -> None:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()


def main(config_file: str, site_dir: str, *edit: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config_file, site_dir)
    if edit:
        source, old, new = Path(edit[0]), edit[1], edit[2]
        text = source.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {source}"
        source.write_text(text.replace(old, new, 1), encoding="utf-8")
    started = time.perf_counter()
    build(config_file, site_dir)
    warm = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"warm": warm, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))


if __name__ == "__main__":
    main(*sys.argv[1:])
