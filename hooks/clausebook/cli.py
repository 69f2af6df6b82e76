"""`clausebook validate [--strict] [PATH ...]`: check source files, report every problem and
warning, exit 0/1/2."""

from __future__ import annotations

import argparse
import os
import sys

from .project import UsageError, format_problem, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clausebook", description="Check and publish council protocols.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate", help="check YAML source files (default: source/)",
        description="Check YAML source files. Problems go to stderr as path:line:column: message "
                    "(exit 1); warnings, such as a sentence that reads as an obligation but is not "
                    "tagged, as path:line:column: warning: message (exit 0, counted in the summary). "
                    "Drafts (status: draft) get no untagged-obligation warnings.")
    check.add_argument("paths", nargs="*", default=["source"], metavar="PATH",
                       help="files or folders of .yaml/.yml files")
    check.add_argument("--strict", action="store_true",
                       help="treat warnings as errors (exit 1), as `make site` does")
    args = parser.parse_args(argv)
    try:
        result = validate(args.paths, parallel=True, strict=args.strict)
    except UsageError as error:
        print(f"clausebook: {error}", file=sys.stderr)
        return 2
    if result.files == 0:
        print(f"clausebook: no .yaml or .yml files in {' '.join(args.paths)}", file=sys.stderr)
        return 2
    for problem in sorted(result.problems + result.warnings, key=lambda p: (p.file, p.line or 0, p.column or 0)):
        print(format_problem(problem), file=sys.stderr)
    if result.ok:
        print(result.summary())
        return 0
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
