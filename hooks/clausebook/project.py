"""Validation of a set of source files, start to finish: the one entry point the command line
and the MkDocs build share."""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def validate(paths: list[str], schema: SchemaChecker | None = None, *, parallel: bool = False) -> Result:
    """Load, shape-check, assemble and integrity-check every file; collect every problem.
    ``parallel`` reads half the files in a second process (for the command line: forking is
    not safe inside a threaded server such as ``mkdocs serve``)."""
    files = discover(paths)
    # Loading makes millions of small objects and frees none: the cyclic collector would only
    # walk them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _validate(files, schema or SchemaChecker(), parallel)
    finally:
        if paused:
            gc.enable()


Read = tuple[Any, list[Problem], list[Problem]]


def _read(path: Path, display: str, schema: SchemaChecker) -> Read:
    """A file's data, its loading problems, and its schema problems."""
    data, found = load_file(path, display)
    return data, found, ([] if data is None else schema.check(data, display))


def _read_all(files: list[tuple[Path, str]]) -> list[Read]:
    """_read for each file, in a worker process (which builds its own schema checker)."""
    schema = SchemaChecker()
    return [_read(path, display, schema) for path, display in files]


def _read_files(files: list[tuple[Path, str]], schema: SchemaChecker, parallel: bool) -> list[Read]:
    if not parallel or len(files) < 2 or (os.cpu_count() or 1) < 2:
        return [_read(path, display, schema) for path, display in files]
    # The second process takes the files after the half-way point by size.
    sizes = [path.stat().st_size for path, _ in files]
    half, total = 0, 0
    while half < len(files) and total + sizes[half] <= sum(sizes) / 2:
        total += sizes[half]
        half += 1
    half = max(half, 1)
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        later = pool.submit(_read_all, files[half:])
        first = [_read(path, display, schema) for path, display in files[:half]]
        return first + later.result()


def _validate(files: list[tuple[Path, str]], schema: SchemaChecker, parallel: bool) -> Result:
    problems: list[Problem] = []
    protocols: list[Protocol] = []
    removed: dict[str, list[tuple[str | int, ...]]] = {}
    for (_, display), (data, found, shape) in zip(files, _read_files(files, schema, parallel), strict=True):
        problems += found
        if data is None:
            continue
        problems += shape
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
