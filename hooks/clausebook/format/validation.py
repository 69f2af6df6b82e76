"""Validation of a set of source files, start to finish: the one entry point the command line
and the MkDocs build share."""

from __future__ import annotations

import concurrent.futures
import functools
import gc
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from typing import Protocol as Interface

from clausebook.format import assemble, checks, languages, tagging, versions
from clausebook.format.loading import compose_positions, follow, load_file, locate, snippet_position, unquoted_comma
from clausebook.format.model import Protocol
from clausebook.format.problems import Origin, Problem
from clausebook.format.schema import Salvaged, SchemaChecker

SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A path that does not exist, or is not YAML: the command's mistake, not the file's."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """What validation found: the protocols, the errors, and the warnings (which leave the files
    valid; under strict validation they are among the errors instead)."""

    protocols: tuple[Protocol, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    files: int
    histories: dict[str, tuple[versions.Version, ...]] = field(default_factory=dict)  # each protocol's versions
    # each protocol's texts in other languages (``format.languages``), by id: only those that have them
    translations: dict[str, tuple[Protocol, ...]] = field(default_factory=dict)
    # the versions of each text in another language, by (protocol id, language path) (``versions.language_histories``)
    language_histories: dict[tuple[str, str], tuple[versions.Version, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The one-line summary of a valid run, counting the warnings."""
        clauses = sum(sum(1 for _ in protocol.clauses()) for protocol in self.protocols)
        protocols, files = _count(len(self.protocols), "protocol"), _count(self.files, "file")
        warnings = f", {_count(len(self.warnings), 'warning')}" if self.warnings else ""
        return f"{protocols}, {_count(clauses, 'clause')} in {files}: valid{warnings}"


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


@dataclass(frozen=True, slots=True)
class Alone:
    """A kept version's file found valid on its own (each is checked alone): its text and its
    warnings, located."""

    protocol: Protocol
    warnings: tuple[Problem, ...]


class Keeps(Interface):
    """What a build keeps for the next build in the same process, by a digest of what each was
    made from (``mkdocs.cache.Kept``)."""

    def get(self, key: str, make: Callable[[], Alone | None]) -> Alone | None: ...


class Reuse(Interface):
    """What a build keeps and how it digests its files (``mkdocs.cache.Memory``)."""

    checked: Keeps

    def made_from(self, files: tuple[str, ...], *parts: object) -> str: ...


def validate(paths: list[str], schema: SchemaChecker | None = None, *, parallel: bool = False,
             strict: bool = False, drafts: bool = False, reuse: Reuse | None = None) -> Result:
    """Load, shape-check, assemble and integrity-check every file; collect every problem.
    Warnings (untagged obligations) leave the files valid unless ``strict`` makes them errors;
    drafts get none unless ``drafts`` asks for them.
    ``parallel`` reads half the files in a second process (for the command line: forking is
    not safe inside a threaded server such as ``mkdocs serve``). ``reuse`` keeps each kept
    version's file found valid, by its bytes, for the next build in this process (``mkdocs serve``):
    a kept version is checked alone, so what its bytes were found to be holds while they are the same."""
    files = discover(paths)
    # A text in another language named on its own (``clausebook accept source/p.cy.yaml``) is checked
    # as a protocol on its own; found in a folder without its protocol's file, it is an error.
    named = frozenset(name for name in paths if Path(name).is_file())
    # Loading makes millions of small objects and frees none: the cyclic collector would only
    # walk them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        schema = schema or SchemaChecker()
        if reuse is None:
            return _validate(files, schema, parallel, strict, drafts, named=named)
        known: list[Alone] = []
        rest: list[tuple[Path, str]] = []
        for path, display in files:
            alone = None
            if versions.kept_as(display):
                alone = reuse.checked.get(reuse.made_from((display,), strict, drafts),
                                          functools.partial(_alone, path, display, schema, strict, drafts))
            if alone is None:
                rest.append((path, display))
            else:
                known.append(alone)
        result = _validate(rest, schema, parallel, strict, drafts, known, named)
        return replace(result, files=len(files))
    finally:
        if paused:
            gc.enable()


def _alone(path: Path, display: str, schema: SchemaChecker, strict: bool, drafts: bool) -> Alone | None:
    """A kept version's file checked on its own, as ``_validate`` checks it, if it has no problem
    (under ``strict``, no warning either); None otherwise: it is then validated with the rest,
    which reports its problems as usual."""
    data, found, shape = _read(path, display, schema)
    if data is None or found or shape:
        return None
    protocol = assemble.protocol(data, display)
    if checks.check_all([protocol]):
        return None
    warnings = tagging.check([protocol], drafts=drafts)
    if strict and warnings:
        return None
    return Alone(protocol, tuple(locate_all(warnings, {display: path})))


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


def _validate(files: list[tuple[Path, str]], schema: SchemaChecker, parallel: bool, strict: bool,
              drafts: bool = False, known: list[Alone] | None = None, named: frozenset[str] = frozenset()) -> Result:
    """``validate`` of ``files``, with the kept versions ``known`` valid already; a text in another
    language ``named`` on its own, without its protocol's file, is checked as a protocol."""
    problems: list[Problem] = []
    protocols: list[Protocol] = []
    salvaged: dict[str, Salvaged] = {}
    for (_, display), (data, found, shape) in zip(files, _read_files(files, schema, parallel), strict=True):
        problems += found
        if data is None:
            continue
        problems += shape
        if not shape:
            protocols.append(assemble.protocol(data, display))
            continue
        rescued = schema.salvage(data)
        if rescued is not None:  # check the rest too, so the author sees every problem at once
            protocols.append(assemble.protocol(rescued.data, display))
            salvaged[display] = rescued
    kept = [protocol for protocol in protocols if versions.kept_as(protocol.origin.file)]
    protocols = [protocol for protocol in protocols if not versions.kept_as(protocol.origin.file)]
    others = _in_other_languages(protocols, named)
    in_others = {text.origin.file for text in others}
    protocols = [protocol for protocol in protocols if protocol.origin.file not in in_others]
    # (each kept version is a whole protocol of its own time, checked alone: it shares the ids of
    # the text that replaced it; so is each text in another language, which links to the other protocols)
    integrity = [_as_typed(problem, salvaged) for problem in
                 [*checks.check_all(protocols), *(found for version in kept for found in checks.check_all([version])),
                  *(found for text in others for found in checks.check_all(
                      [text], also=[protocol for protocol in protocols if protocol.id != text.id]))]]
    problems += [problem for problem in integrity if not _near(problem, salvaged)]
    # A file with errors still gets its warnings, except for a text that lost some of its tags
    # (or what it inherits) to salvage: that text would read as untagged only because of its error.
    warnings = [warning for warning in (_as_typed(found, salvaged) for found in tagging.check(
                    [*protocols, *kept, *others], drafts=drafts))
                if not _tags_taken_out(warning, salvaged)]
    protocols = [protocol for protocol in protocols if protocol.origin.file not in salvaged]
    kept = [version for version in kept if version.origin.file not in salvaged]
    kept = [*kept, *(alone.protocol for alone in known or ())]
    histories, trouble = versions.histories(protocols, [version for version in kept
                                                        if not languages.other_language(version.origin.file)])
    problems += trouble
    translations, trouble = languages.texts(protocols, [text for text in others if text.origin.file not in salvaged])
    problems += trouble
    language_histories, trouble = versions.language_histories(histories, translations, [
        version for version in kept if languages.other_language(version.origin.file)])
    problems += trouble
    if strict:
        problems += [replace(warning, warning=False) for warning in warnings]
        warnings = []
    located = locate_all(problems + warnings, {display: path for path, display in files})
    located += [warning for alone in known or () for warning in alone.warnings]
    return Result(protocols=tuple(protocols), problems=tuple(p for p in located if not p.warning),
                  warnings=tuple(p for p in located if p.warning), files=len(files), histories=histories,
                  translations=translations, language_histories=language_histories)


def _in_other_languages(protocols: list[Protocol], named: frozenset[str]) -> list[Protocol]:
    """The texts in another language among ``protocols`` (``<p>.cy.yaml``: ``format.languages``),
    but one ``named`` on its own without its protocol's file, which is checked as a protocol."""
    own = {protocol.id for protocol in protocols if not languages.other_language(protocol.origin.file)}
    return [protocol for protocol in protocols if languages.other_language(protocol.origin.file)
            and (protocol.id in own or protocol.origin.file not in named)]


def _as_typed(problem: Problem, salvaged: dict[str, Salvaged]) -> Problem:
    """A problem found in salvaged data, its places turned into paths in the file as typed."""

    def typed(origin: Origin | None) -> Origin | None:
        if origin is None or origin.file not in salvaged:
            return origin
        return origin._replace(path=salvaged[origin.file].original(origin.path))

    if problem.origin is None or not salvaged:
        return problem
    return replace(problem, origin=typed(problem.origin), earlier=typed(problem.earlier))


def _near(problem: Problem, salvaged: dict[str, Salvaged]) -> bool:
    """Whether an integrity problem could come only from what was taken out to salvage its file:
    it is about something inside what was taken out, or about the clause or section a field was
    taken out of (a clause whose `txt` was taken out is left with no text)."""
    if problem.origin is None or problem.file not in salvaged:
        return False
    path = problem.origin.path
    whole = len(path) >= 2 and path[-2] in ("clauses", "sections") and not problem.origin.key
    return any(path[: len(gone)] == gone or (whole and gone[:-1] == path) for gone in salvaged[problem.file].removed)


# Where a text's nested texts start (they have tags of their own), and the keys whose loss
# changes how the texts of a whole clause are tagged or read.
NESTED_KEYS = frozenset({"items", "body", "clauses", "rows", "cells", "definitions", "table", "columns"})
CLAUSE_KEYS = ("obligations", "not_obligations", "each", "change")


def _tags_taken_out(warning: Problem, salvaged: dict[str, Salvaged]) -> bool:
    """Whether a warning is about a text that has an error of its own: something was taken out
    of the text's own mapping to salvage its file, or tags (or `each`, `change`) were taken out of
    its clause."""
    if warning.origin is None or warning.file not in salvaged:
        return False
    path = warning.origin.path
    owner = path[:-1] if path[-1:] == ("text",) else path
    clause = _clause_of(owner)
    for gone in salvaged[warning.file].removed:
        if gone[: len(owner)] == owner and (len(gone) == len(owner) or gone[len(owner)] not in NESTED_KEYS):
            return True
        if any(key in gone for key in CLAUSE_KEYS) and _clause_of(gone) == clause:
            return True
    return False


def _clause_of(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The path of the innermost clause a path is in (the path itself if it is in none)."""
    for index in range(len(path) - 2, -1, -1):
        if path[index] == "clauses":
            return path[: index + 2]
    return path


def locate_all(problems: list[Problem], paths: dict[str, Path]) -> list[Problem]:
    """Give every problem its line and column, composing each file with positions once."""
    sources: dict[str, tuple[str, Any]] = {}

    def source(file: str) -> tuple[str, Any]:
        if file not in sources:
            text = paths[file].read_text(encoding="utf-8-sig")
            sources[file] = (text, compose_positions(text))
        return sources[file]

    def position(file: str, origin: Origin, snippet: str | None = None) -> tuple[int, int]:
        text, root = source(file)
        if snippet:  # the words inside the value, where they can be found
            nodes, _ = follow(root, origin.path)
            if len(nodes) == len(origin.path) + 1:
                found = snippet_position(text, nodes[-1], snippet)
                if found is not None:
                    return found
        return locate(root, origin.path, key=origin.key)

    result = []
    for problem in problems:
        line, column, message = problem.line, problem.column, problem.message
        if line is None and problem.origin is not None:
            line, column = position(problem.file, problem.origin, problem.snippet)
            if problem.unquoted_comma and unquoted_comma(source(problem.file)[1], problem.origin.path):
                message = problem.unquoted_comma
        for other, says in ((problem.earlier, "first at"), (problem.see, "see")):
            if other is not None:
                other_line, other_column = position(other.file, other)
                where = "" if other.file == problem.file else f"{other.file}:"
                message += f" ({says} {where}{other_line}:{other_column})"
        result.append(Problem(file=problem.file, message=message, line=line, column=column, warning=problem.warning))
    result.sort(key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))
    return result


def format_problem(problem: Problem) -> str:
    """`path:line:column: message`, or `path:line:column: warning: message` for a warning."""
    kind = "warning: " if problem.warning else ""
    return f"{problem.file}:{problem.line or 1}:{problem.column or 1}: {kind}{problem.message}"
