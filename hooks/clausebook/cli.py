"""The `clausebook` command.

- `validate [--strict] [PATH ...]`: check source files, report every problem and warning.
- `format FILE`: the file in the canonical layout (`writer`).
- `accept FILE`, `reject FILE`: every tracked change accepted or rejected (`revisions`).
- `compare OLD NEW`: the revision of OLD into NEW (`compare`); OLD or NEW may be `REV:path`,
  read from git.
- `compare --across A B [--json]`: two councils' protocols side by side (`compare_councils`): the
  clauses both have, near-identical or similar, those only one has, and per shared role the
  obligations one states and the other does not; as a plain-text report, or as the JSON the
  handbook publishes.
- `adopt FILE --date YYYY-MM-DD --minute "…" [--effective YYYY-MM-DD]`: a proposed revision as
  adopted, written over FILE, and the text it replaces kept as `versions/<protocol id>/<key>.yaml`
  beside it (`adopting`); both are validated with the rest of FILE's folder first, and written
  only if all is well.
- `docx FILE [--changes]`: the protocol as a Word document (`docx`), as amended or tracked.
- `import IN.docx`: a council's Word document as a draft source file (`importer`), its tracked
  changes as tracked changes; what it could not place as it stands is reported by paragraph
  number (`IN.docx:PARAGRAPH:1: warning: …`), and the sentences that need tagging are listed.

Every command but `adopt` writes its result to stdout, or to the file `-o` names, and never over a
file it reads; `adopt` writes its two files in place, each whole or not at all, and says what it
did in one line. Exit 0 when all is well; 1 with `path:line:column: message` lines on stderr for problems
in the files (an input, or the file written, which is written all the same); 2 for a mistake in
the command itself (a missing file, an output that is an input).
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from clausebook.authoring import adopting, revisions, writer
from clausebook.authoring import compare_versions as compare
from clausebook.format.loading import load_file
from clausebook.format.problems import Problem, at_position
from clausebook.format.validation import UsageError, format_problem, validate

REVISIONS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "accept": (revisions.accept, "Accept every tracked change: the text as amended, new numbers only, deleted "
                                 "sections and clauses removed and their ids added to retired_ids."),
    "reject": (revisions.reject, "Reject every tracked change: the text as it was before the revision, old "
                                 "numbers, moved sections and clauses back where they stood."),
}
AFTERWORD = ("The result is a change-free file with status: draft, in the canonical layout; notes that only "
             "explained a change are dropped.")
# Where a version to compare first shows a tracked change.
CHANGE_MARK = re.compile(r"(?P<mark>\{\+\+|\{--|\{~~)"
                         r"|(?:^[ \t]*(?:- )?|[{,][ \t]*)(?P<key>change|was|moved_from)[ \t]*:", re.MULTILINE)


class _Refused(Exception):
    """A mistake in the command line: reported as it is, exit 2."""


class _Invalid(Exception):
    """Problems in an input file: reported one a line, exit 1."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


@dataclass(frozen=True, slots=True)
class _Source:
    """An input: the name to report it by, and its text in a file (a temporary one for git)."""

    name: str
    path: Path
    text: str
    in_git: bool = False


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
    check.add_argument("--untagged", action="store_true",
                       help="list the untagged obligations of drafts too (a draft from `clausebook import`)")
    tidy = commands.add_parser(
        "format", help="write a source file in the canonical layout",
        description="Write FILE in the canonical layout: keys in a fixed order, long text folded, short tags "
                    "on one line. The data is unchanged; comments other than the schema modeline are lost.")
    tidy.add_argument("file", metavar="FILE")
    _output_option(tidy)
    for name, (_, description) in REVISIONS.items():
        command = commands.add_parser(name, help=description.split(":")[0].lower(),
                                      description=f"{description} {AFTERWORD}")
        command.add_argument("file", metavar="FILE")
        _output_option(command)
    versus = commands.add_parser(
        "compare", help="make the revision of OLD into NEW, with every change tracked",
        description="Write a proposed revision of OLD into NEW: words, clauses, numbers, moves, list items, "
                    "table rows and obligations that changed, as tracked changes. OLD (or NEW) is a file, or "
                    "REV:path to read that file as git has it at REV (v2023:source/kirklees.yaml). Accepting the "
                    "revision gives NEW, rejecting it gives OLD.")
    versus.add_argument("old", metavar="OLD")
    versus.add_argument("new", metavar="NEW")
    versus.add_argument("--across", action="store_true",
                        help="compare two councils' protocols instead (OLD is then A, NEW is B), side by side: the "
                             "clauses both have (near-identical or similar), matched by what they say, those only "
                             "one has, and per shared role the obligations one states and the other does not")
    versus.add_argument("--json", action="store_true",
                        help="with --across: the comparison as JSON, as data/compare/<a>--<b>.json publishes it")
    _output_option(versus)
    adopt = commands.add_parser(
        "adopt", help="record a proposed revision as adopted, keeping the text it replaces",
        description="Record that the council adopted the proposed revision in FILE: FILE becomes the text as "
                    "adopted (every change accepted, status: adopted, with its adoption date, minute and the date it "
                    "is in force from), and the text it replaces (every change rejected, with the dates and minute "
                    "FILE's protocol block states for it) is kept as versions/<protocol id>/<key>.yaml in FILE's "
                    "folder, keyed by its adoption date, or 'original' when it has none and no earlier version is "
                    "kept. Both are validated with the rest of the folder first, as validate checks it: nothing "
                    "is written if there is a problem. Untagged sentences of the kept text that read as obligations "
                    "(a proposal's deleted words have no tags) are listed as warnings: tag them before make site.")
    adopt.add_argument("file", metavar="FILE", help="a proposed revision (status: proposed-revision)")
    adopt.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the date the council adopted it")
    adopt.add_argument("--minute", required=True, metavar="MINUTE",
                       help='the minute of the meeting that adopted it: "Council, 20 January 2027, minute 45"')
    adopt.add_argument("--effective", metavar="YYYY-MM-DD",
                       help="the date it is in force from, if later than the adoption date (default: that date)")
    word = commands.add_parser(
        "docx", help="write a protocol as a Word document",
        description="Write the protocol in FILE as a Word document (.docx), as amended; with --changes, a "
                    "revision with its insertions and deletions as Word tracked changes (Accept All gives the "
                    "text as amended, Reject All the text before the revision). A Word document is not text: "
                    "give -o OUT, or send stdout to a file.")
    word.add_argument("file", metavar="FILE")
    word.add_argument("--changes", action="store_true", help="the revision's changes as tracked changes")
    _output_option(word)
    bring = commands.add_parser(
        "import", help="bring a Word document in as a draft source file",
        description="Read a Word document (.docx) into a draft source file: sections and numbered clauses from its "
                    "headings and paragraph numbers (typed or Word's automatic numbering), lists, tables, quotations "
                    "and definitions; its tracked changes become tracked changes (the draft is then a "
                    "proposed-revision). Obligations are not tagged: the sentences that need tagging are listed as "
                    "warnings. What could not be placed as it stands is reported as IN.docx:PARAGRAPH:1: warning: "
                    "…, counting every paragraph of the document from 1.")
    bring.add_argument("file", metavar="IN.docx", help="a .docx; a .doc, .odt, .fodt or .rtf is converted to .docx "
                                                        "by LibreOffice (soffice) first")
    _output_option(bring)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.paths, args.strict, args.untagged)
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "adopt":
            return _adopt(args)
        if args.command == "compare" and (args.across or args.json):
            return _across(args)
        return _word(args) if args.command == "docx" else _revise(args)
    except _Refused as error:
        print(f"clausebook: {error}", file=sys.stderr)
        return 2
    except _Invalid as error:
        _report(error.problems)
        return 1


def _output_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (never to an input)")


def _validate(paths: list[str], strict: bool, drafts: bool = False) -> int:
    try:
        result = validate(paths, parallel=True, strict=strict, drafts=drafts)
    except UsageError as error:
        print(f"clausebook: {error}", file=sys.stderr)
        return 2
    if result.files == 0:
        print(f"clausebook: no .yaml or .yml files in {' '.join(paths)}", file=sys.stderr)
        return 2
    _report([*result.problems, *result.warnings])
    if result.ok:
        print(result.summary())
        return 0
    return 1


def _report(problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0)):
        print(format_problem(problem), file=sys.stderr)


# docx

def _word(args: argparse.Namespace) -> int:
    from clausebook.context import Context
    from clausebook.outputs.html import one_page
    from clausebook.outputs.word import docx

    with _sources([args.file], git=False) as sources:
        output = _output_path(args.output, sources)
        if output is None and sys.stdout.isatty():
            raise _Refused("a Word document is not text to show here: give -o OUT.docx, or send stdout to a file")
        result = validate([str(sources[0].path)])
        if result.problems:
            raise _Invalid(result.problems)
        context = Context.of(result.protocols)
        written = docx.document(context, result.protocols[0], "tracked" if args.changes else "amended",
                                one_page(context))
        if output is None:
            sys.stdout.buffer.write(written)
        else:
            output.write_bytes(written)
        return 0


# adopt

def _adopt(args: argparse.Namespace) -> int:
    try:
        done = adopting.adopt(args.file, date=args.date, minute=args.minute, effective=args.effective)
    except adopting.Refused as error:
        raise _Refused(str(error)) from None
    except adopting.Invalid as error:
        raise _Invalid(error.problems) from None
    _report(list(done.warnings))
    print(done.summary())
    return 0


# compare --across

def _across(args: argparse.Namespace) -> int:
    from clausebook import compare_councils
    from clausebook.records.dataset import Dataset
    from clausebook.records.types import dumps

    if not args.across:
        raise _Refused("--json goes with --across (compare OLD NEW writes a revision, which is YAML)")
    with _sources([args.old, args.new], git=True) as sources:
        output = _output_path(args.output, sources)
        result = validate([str(source.path) for source in sources])
        if result.problems:
            names = {str(source.path): source.name for source in sources}
            raise _Invalid([_named(p, p.file, names[p.file]) if p.file in names else p for p in result.problems])
        by_file = {protocol.origin.file: protocol.id for protocol in result.protocols}
        ids = [by_file.get(str(source.path)) for source in sources]
        if None in ids or ids[0] == ids[1]:
            raise _Refused(f"{args.old} and {args.new} must each hold one protocol, two different ones")
        dataset = Dataset(result.protocols)
        comparison = compare_councils.Comparison(dataset, *ids)  # type: ignore[arg-type]
        if args.json:
            _emit(dumps(comparison.record(dataset)).decode(), output)
        else:
            _emit("".join(f"{line}\n" for line in compare_councils.report(comparison)), output)
        return 0


# import

CONVERTED = (".doc", ".odt", ".fodt", ".rtf")  # what `import` reads through LibreOffice


def _import(args: argparse.Namespace) -> int:
    from clausebook.authoring.importing import importer
    from clausebook.authoring.importing.document import NotWord

    path = Path(args.file)
    if not path.is_file():
        raise _Refused(f"{args.file}: no such file")
    output = _output_path(args.output, [_Source(args.file, path, "")])
    try:
        with _as_docx(path, args.file) as docx_path:
            result = importer.import_docx(docx_path, args.file)
    except NotWord as error:
        raise _Invalid([at_position(args.file, 1, 1, str(error))]) from error
    _report(list(result.problems))
    text = writer.dump(result.data, modeline=writer.SCHEMA_MODELINE.format(_schema_from(output)))
    _emit(text, output)
    code = _check_written(text, output)
    if code == 0 and result.data["protocol"]["status"] == "draft":
        _report(_untagged_in_draft(text, output))
    return code


@contextmanager
def _as_docx(path: Path, name: str) -> Iterator[Path]:
    """The Word document to read for ``path``: itself, or for an older Word (.doc) or an
    OpenDocument text (.odt, .fodt) or RTF file, the .docx LibreOffice makes of it in a temporary
    folder; refused with the command that converts it where LibreOffice is not installed."""
    if path.suffix.lower() not in CONVERTED:
        yield path
        return
    command = f"soffice --headless --convert-to docx {shlex.quote(str(path))}"
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise _Refused(f"{name}: a {path.suffix} file is read through LibreOffice, which is not installed; "
                       f"convert it to .docx with LibreOffice and import that: {command}")
    with tempfile.TemporaryDirectory(prefix="clausebook-import-") as folder:
        profile = f"-env:UserInstallation={Path(folder).as_uri()}/office"  # its own, beside any LibreOffice open
        done = subprocess.run([office, "--headless", "--norestore", profile, "--convert-to", "docx",
                               "--outdir", folder, str(path.resolve())], capture_output=True, text=True, timeout=300)
        converted = Path(folder) / f"{path.stem}.docx"
        if done.returncode != 0 or not converted.is_file():
            raise _Invalid([at_position(name, 1, 1, f"LibreOffice could not convert it to .docx ({command}): "
                                                    f"{done.stderr.strip() or done.stdout.strip()}")])
        yield converted


def _schema_from(output: Path | None) -> str:
    """The source schema, relative to where the file is written (stdout: as from source/)."""
    schema = Path("schema") / "source.schema.json"
    if output is None or not schema.is_file():
        return "../schema/source.schema.json"
    return os.path.relpath(schema.resolve(), output.resolve().parent)


def _untagged_in_draft(text: str, output: Path | None) -> list[Problem]:
    """The sentences of a draft that read as obligations (as `validate --untagged` lists them), as
    warnings in the file written."""
    with tempfile.TemporaryDirectory(prefix="clausebook-") as folder:
        path = output or Path(folder) / "output.yaml"
        if output is None:
            path.write_text(text, encoding="utf-8")
        name = str(output) if output is not None else "<stdout>"
        return [_named(warning, str(path), name) for warning in validate([str(path)], drafts=True).warnings]


# format, accept, reject, compare

def _revise(args: argparse.Namespace) -> int:
    names = [args.old, args.new] if args.command == "compare" else [args.file]
    with _sources(names, git=args.command == "compare") as sources:
        output = _output_path(args.output, sources)
        modeline = next((m for source in reversed(sources) if (m := writer.modeline_of(source.text))), None)
        if args.command == "format":
            data, problems = load_file(sources[0].path, sources[0].name)
            if data is None:
                raise _Invalid(problems)
            text = writer.dump(data, modeline=modeline)
            _emit(text, output)
            return 0
        versions = [_checked(source) for source in sources]
        if args.command == "compare":
            for source, data in zip(sources, versions, strict=True):
                _without_changes(source, data)
            result = compare.compare(*versions)
        else:
            result = REVISIONS[args.command][0](versions[0])
        text = writer.dump(result, modeline=modeline)
        _emit(text, output)
        return _check_written(text, output)


@contextmanager
def _sources(names: list[str], *, git: bool) -> Iterator[list[_Source]]:
    """The inputs: each a file, or (with ``git``) REV:path read from git into a temporary file."""
    with tempfile.TemporaryDirectory(prefix="clausebook-") as folder:
        sources = []
        for index, name in enumerate(names):
            path = Path(name)
            if path.is_file():
                sources.append(_Source(name, path, _text_of(path)))
            elif git and ":" in name:
                copy = Path(folder) / f"version-{index}.yaml"
                copy.write_bytes(_from_git(name))
                sources.append(_Source(name, copy, _text_of(copy), in_git=True))
            else:
                hint = " (or REV:path, to read it from git)" if git else ""
                raise _Refused(f"{name}: no such file{hint}")
        yield sources


def _text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def _from_git(name: str) -> bytes:
    """The file REV:path as git has it (path from the repository's top, or from here)."""
    revision, path = name.split(":", 1)
    errors = []
    for spec in (f"{revision}:{path}", f"{revision}:./{path}"):
        try:
            done = subprocess.run(["git", "show", spec], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise _Refused(f"{name}: no such file, and git cannot be run: {error}") from error
        if done.returncode == 0:
            return done.stdout
        errors.append(done.stderr.decode("utf-8", "replace").strip().splitlines()[:1])
    reason = errors[0][0] if errors[0] else "git cannot show it"
    raise _Refused(f"{name}: no such file, and git cannot show it: {reason}")


def _output_path(output: str | None, sources: list[_Source]) -> Path | None:
    """Where to write (None: stdout); never a file that is read."""
    if output is None:
        return None
    path = Path(output)
    for source in sources:
        if not source.in_git and (path.resolve() == source.path.resolve()
                                  or (path.exists() and os.path.samefile(path, source.path))):
            raise _Refused(f"{output} is an input: write to another file, then replace it if you wish")
    if not path.parent.is_dir():
        raise _Refused(f"{output}: no such folder {path.parent}")
    return path


def _checked(source: _Source) -> Any:
    """The source's data, once it validates (warnings aside)."""
    result = validate([str(source.path)])
    if result.problems:
        raise _Invalid([_named(problem, str(source.path), source.name) for problem in result.problems])
    data, problems = load_file(source.path, source.name)
    if data is None:  # validated a moment ago: only a file changed meanwhile gets here
        raise _Invalid(problems)
    return data


def _without_changes(source: _Source, data: Any) -> None:
    if not revisions.has_changes(data):
        return
    match = CHANGE_MARK.search(source.text)
    offset = match.start("mark" if match.group("mark") else "key") if match else 0
    line = source.text.count("\n", 0, offset) + 1
    column = offset - (source.text.rfind("\n", 0, offset) + 1) + 1
    raise _Invalid([at_position(source.name, line, column, "this version has tracked changes: compare needs two "
                                "versions without them; run `clausebook accept` (or `reject`) on it first")])


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")


def _check_written(text: str, output: Path | None) -> int:
    """Validate what was written: 1 with its problems (its warnings reported too), else 0."""
    with tempfile.TemporaryDirectory(prefix="clausebook-") as folder:
        path = output or Path(folder) / "output.yaml"
        if output is None:
            path.write_text(text, encoding="utf-8")
        name = str(output) if output is not None else "<stdout>"
        result = validate([str(path)])
        _report([_named(problem, str(path), name) for problem in [*result.problems, *result.warnings]])
    return 1 if result.problems else 0


def _named(problem: Problem, path: str, name: str) -> Problem:
    return replace(problem, file=name) if problem.file == path else problem


def run() -> None:
    """The console script: main(), then exit without freeing the loaded model object by object
    (a tenth of the run for a large protocol, and nothing is left to clean up)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
