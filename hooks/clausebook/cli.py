"""`clausebook validate [PATH ...]`: check source files, report every problem, exit 0/1/2."""

from __future__ import annotations

import argparse
import os
import sys

from .project import UsageError, format_problem, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clausebook", description="Check and publish council protocols.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check YAML source files (default: source/)")
    check.add_argument("paths", nargs="*", default=["source"], metavar="PATH",
                       help="files or folders of .yaml/.yml files")
    args = parser.parse_args(argv)
    try:
        result = validate(args.paths, parallel=True)
    except UsageError as error:
        print(f"clausebook: {error}", file=sys.stderr)
        return 2
    if result.files == 0:
        print(f"clausebook: no .yaml or .yml files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    if result.ok:
        print(result.summary())
        return 0
    for problem in result.problems:
        print(format_problem(problem), file=sys.stderr)
    return 1


def run() -> None:
    """The console script: main(), then exit without freeing the loaded model object by object
    (a tenth of the run for a large protocol, and nothing is left to clean up)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
