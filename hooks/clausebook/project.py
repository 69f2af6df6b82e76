"""Validation of a set of source files, start to finish: the one entry point the command line
and the MkDocs build share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import assemble, checks
from .loading import compose_positions, load_file, locate
from .model import Protocol
from .problems import Problem
from .schema import SchemaChecker

SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A path that does not exist, or is not YAML: the command's mistake, not the file's."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    protocols: tuple[Protocol, ...]
    problems: tuple[Problem, ...]
    files: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        clauses = sum(sum(1 for _ in protocol.clauses()) for protocol in self.protocols)
        protocols, files = _count(len(self.protocols), "protocol"), _count(self.files, "file")
        return f"{protocols}, {_count(clauses, 'clause')} in {files}: valid"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def discover(paths: list[str]) -> list[tuple[Path, str]]:
    """The YAML files named or inside the named folders, sorted, each with its display name."""
    found: list[tuple[Path, str]] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix in SUFFIXES and child.is_file():
                    found.append((child, str(child)))
        elif path.is_file():
            found.append((path, name))
        else:
            raise UsageError(f"{name}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path, display in found:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append((path, display))
    return unique


def validate(paths: list[str], schema: SchemaChecker | None = None) -> Result:
    """Load, shape-check, assemble and integrity-check every file; collect every problem."""
    files = discover(paths)
    schema = schema or SchemaChecker()
    problems: list[Problem] = []
    protocols: list[Protocol] = []
    removed: dict[str, list[tuple[str | int, ...]]] = {}
    for path, display in files:
        data, found = load_file(path, display)
        problems += found
        if data is None:
            continue
        shape = schema.check(data, display)
        problems += shape + list(checks.text_problems(data, display))
        if not shape:
            protocols.append(assemble.protocol(data, display))
            continue
        salvaged = schema.salvage(data)
        if salvaged is not None:  # check the rest too, so the author sees every problem at once
            protocols.append(assemble.protocol(salvaged[0], display))
            removed[display] = salvaged[1]
    problems += [problem for problem in checks.check_all(protocols) if not _near(problem, removed)]
    protocols = [protocol for protocol in protocols if protocol.origin.file not in removed]
    located = locate_all(problems, {display: path for path, display in files})
    return Result(protocols=tuple(protocols), problems=tuple(located), files=len(files))


def _near(problem: Problem, removed: dict[str, list[tuple[str | int, ...]]]) -> bool:
    """Whether an integrity problem could come from a field removed to salvage its file."""
    if problem.origin is None or problem.file not in removed:
        return False
    path = problem.origin.path
    return any(path[: len(gone)] == gone or gone[: len(path)] == path for gone in removed[problem.file])


def locate_all(problems: list[Problem], paths: dict[str, Path]) -> list[Problem]:
    """Give every problem its line and column, composing each file with positions once."""
    trees: dict[str, object] = {}

    def position(file: str, origin) -> tuple[int, int]:
        if file not in trees:
            trees[file] = compose_positions(paths[file].read_text(encoding="utf-8-sig"))
        return locate(trees[file], origin.path, key=origin.key)

    result = []
    for problem in problems:
        line, column, message = problem.line, problem.column, problem.message
        if line is None and problem.origin is not None:
            line, column = position(problem.file, problem.origin)
        if problem.earlier is not None:
            earlier_line, earlier_column = position(problem.earlier.file, problem.earlier)
            where = "" if problem.earlier.file == problem.file else f"{problem.earlier.file}:"
            message += f" (first at {where}{earlier_line}:{earlier_column})"
        result.append(Problem(file=problem.file, message=message, line=line, column=column))
    result.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
    return result


def format_problem(problem: Problem) -> str:
    """`path:line:column: message`."""
    return f"{problem.file}:{problem.line or 1}:{problem.column or 1}: {problem.message}"
