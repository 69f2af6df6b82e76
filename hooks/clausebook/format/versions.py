"""A protocol's versions: the texts it has had, each with its dates, kept at addresses that never
break.

The text in force is the source file (``source/<p>.yaml``). Each text it replaced is kept as a
whole source file of the same protocol, ``source/versions/<p>/<key>.yaml`` (``clausebook adopt``
writes it): loaded as a version of ``<p>``, never as a protocol of its own, and read from the
files, not from git history (a shallow clone builds the same site).

A version's **key** names it in addresses (``<p>/<key>/``): its adoption date as stated
(``2021-05-12``), or, where none is stated, a label (``original``) shown as "date not stated" —
never an invented date. A kept version's file is named by its key, so the file says which version
it is. The source file gives one version, or two when it is a proposed revision: the text in force
(its reading as it was: keyed by ``adopted``, which for a proposal is when the text it revises was
adopted, or ``original`` when it has no earlier versions) and the proposal (``proposed``).

A version is in force from its ``effective`` date (else its ``adopted`` date) until the next
version's; the latest adopted one is "in force", the earlier ones "superseded".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Literal

from clausebook import readings
from clausebook.format.languages import name, other_language, parity
from clausebook.format.model import Protocol
from clausebook.format.problems import Problem, at

FOLDER = "versions"  # source/versions/<protocol id>/<key>.yaml
ORIGINAL = "original"  # the key of a first version whose adoption date is not stated
PROPOSED = "proposed"  # the key of a proposed revision's text
DRAFT = "draft"  # the key of a draft's text
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
LABEL = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
Status = Literal["in force", "superseded", "proposed", "draft"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Version:
    """One text of a protocol, with what the reader needs to know of it."""

    key: str
    protocol: Protocol  # its text: ``version_key`` set, except on the text ``<p>/`` shows
    status: Status
    in_force_from: str | None = None  # its effective date, else its adoption date, where stated
    in_force_to: str | None = None  # the next version's in_force_from
    current: bool = False  # the text the protocol's own pages (``<p>/``) show

    @property
    def dated(self) -> bool:
        """Whether the key is a stated adoption date (rather than a label: "date not stated")."""
        return bool(DATE.match(self.key))

    @property
    def adopted(self) -> str | None:
        return self.protocol.adopted

    @property
    def minute(self) -> str | None:
        return self.protocol.minute


def kept_as(file: str) -> tuple[str, str] | None:
    """(protocol id, key) of a file kept as a version (``…/versions/<p>/<key>.yaml``, or its text
    in another language ``<key>.cy.yaml``); None for a protocol's own source file."""
    path = PurePath(file)
    if path.parent.parent.name != FOLDER:
        return None
    language = other_language(file)
    return path.parent.name, path.stem.removesuffix(f".{language}") if language else path.stem


def in_force_key(adopted: str | None, *, kept_earlier: bool) -> str | None:
    """The key of a source file's text in force (for a proposed revision, the text it revises): its
    adoption date as stated, else ``original`` when no earlier version is kept; None when earlier
    versions are kept and its adoption date is not stated (it must then be stated). The same key
    names the file that keeps the text once it is replaced, so its address stays its address."""
    return adopted or (None if kept_earlier else ORIGINAL)


def kept_file(folder: PurePath, protocol_id: str, key: str, language: str | None = None) -> PurePath:
    """Where the version ``key`` of a protocol whose source file is in ``folder`` is kept (its text
    in another ``language``: ``<key>.cy.yaml``)."""
    return folder / FOLDER / protocol_id / (f"{key}.{language}.yaml" if language else f"{key}.yaml")


def histories(protocols: Iterable[Protocol], kept: Iterable[Protocol]) -> tuple[dict[str, tuple[Version, ...]],
                                                                                  list[Problem]]:
    """Each protocol's versions, oldest first (by id), and the problems with the kept ones."""
    protocols = {protocol.id: protocol for protocol in protocols}
    problems: list[Problem] = []
    earlier: dict[str, list[Protocol]] = {}
    for version in kept:
        folder, key = kept_as(version.origin.file) or ("", "")
        found = _kept_problem(version, folder, key, protocols)
        if found:
            problems.append(found)
            continue
        earlier.setdefault(folder, []).append(replace(version, version_key=key))
    found_histories = {}
    for protocol in protocols.values():
        versions, trouble = _history(protocol, sorted(earlier.get(protocol.id, []), key=_order))
        found_histories[protocol.id] = versions
        problems += trouble
    return found_histories, problems


def language_histories(histories: dict[str, tuple[Version, ...]], translations: dict[str, tuple[Protocol, ...]],
                       kept: Iterable[Protocol]) -> tuple[dict[tuple[str, str], tuple[Version, ...]], list[Problem]]:
    """The versions of each protocol's text in another language, by (protocol id, language path):
    its source file's, and those kept as ``versions/<p>/<key>.cy.yaml``. Each key is one of the
    protocol's own versions (a council may keep fewer in Welsh), and each kept text says what the
    kept text of the same key says (``languages.parity``)."""
    found: dict[tuple[str, str], tuple[Version, ...]] = {}
    problems: list[Problem] = []
    kept = list(kept)
    for texts in translations.values():
        for text in texts:
            path = text.language_path or ""
            own = [replace(version, language_path=path) for version in kept
                   if version.id == text.id and other_language(version.origin.file) == path]
            history, trouble = _history_of(text, own)
            problems += trouble
            keys = {version.key: version for version in histories.get(text.id, ())}
            for version in history:
                same = keys.get(version.key)
                if same is None:
                    problems.append(at(version.protocol.origin, f"the {name(path)} version {version.key!r} of "
                                                                f"{text.id!r} has no version of its own key in "
                                                                f"{FOLDER}/{text.id}/"))
                elif not version.current and kept_as(version.protocol.origin.file):
                    problems += parity(same.protocol, version.protocol)
            found[text.id, path] = history
    for version in kept:
        path = other_language(version.origin.file) or ""
        if (version.id, path) not in found:
            problems.append(at(version.origin.child("id"), f"{PurePath(version.origin.file).name} keeps a "
                                                           f"{name(path)} version of {version.id!r}, which has no "
                                                           f"{name(path)} text: write source/{version.id}.{path}.yaml"))
    return found, problems


def _history_of(protocol: Protocol, kept: list[Protocol]) -> tuple[tuple[Version, ...], list[Problem]]:
    """One protocol's versions (``histories`` of it alone)."""
    found, problems = histories([protocol], kept)
    return found.get(protocol.id, ()), problems


def _kept_problem(version: Protocol, folder: str, key: str, protocols: dict[str, Protocol]) -> Problem | None:
    """What is wrong with a kept version's file, if anything."""
    where = f"{FOLDER}/{folder}/"
    language = other_language(version.origin.file)
    ending = f".{language}.yaml" if language else ".yaml"  # (a kept text in another language: <key>.cy.yaml)
    if version.id != folder:
        return at(version.origin.child("id"), f"a version kept in {where} is a version of {folder!r}: its protocol id "
                                              f"is {version.id!r}")
    if folder not in protocols:
        return at(version.origin.child("id"), f"{where} keeps versions of {folder!r}, but no source file is protocol "
                                              f"{folder!r}")
    if version.status != "adopted":
        return at(version.origin.child("status"), f"a kept version is a text that was adopted: its status is "
                                                  f"{version.status!r}, not 'adopted'")
    if version.adopted and key != version.adopted:
        return at(version.origin.child("adopted"), f"a kept version's file is named by its adoption date: rename "
                                                   f"{key}{ending} to {version.adopted}{ending}")
    if not version.adopted and DATE.match(key):
        return at(version.origin, f"{key}{ending} is named by a date: state it as the version's adoption date "
                                  f"(adopted: {key})")
    if not version.adopted and not LABEL.match(key):
        return at(version.origin, f"a kept version whose adoption date is not stated is named by a label such as "
                                  f"'{ORIGINAL}' (lower-case letters, digits, hyphens): rename {key}{ending}")
    if key in (PROPOSED, DRAFT):
        return at(version.origin, f"'{key}' names the source file's own text: rename {key}{ending}")
    return None


def _order(version: Protocol) -> tuple[bool, str]:
    """Undated versions first (the earliest: a council states dates from some version on), then by date."""
    return (bool(version.adopted), version.adopted or version.version_key or "")


def _history(protocol: Protocol, earlier: list[Protocol]) -> tuple[tuple[Version, ...], list[Problem]]:
    """A protocol's versions: the kept ones, then the source file's (the text in force, and a proposal)."""
    problems = []
    texts: list[tuple[str, Protocol, Status, bool]] = [(kept.version_key or "", kept, "superseded", False)
                                                       for kept in earlier]
    if protocol.status == "draft":
        texts.append((DRAFT, protocol, "draft", True))
    else:
        key = in_force_key(protocol.adopted, kept_earlier=bool(earlier))
        if key is None:
            problems.append(at(protocol.origin.at_key(), f"state when the text in force was adopted (adopted: "
                                                         f"YYYY-MM-DD): its earlier versions are kept in {FOLDER}/"
                                                         f"{protocol.id}/"))
            key = "in-force"
        if any(text[0] == key for text in texts):
            problems.append(at(protocol.origin.child("adopted"), f"a version adopted on {key} is kept in {FOLDER}/"
                                                                 f"{protocol.id}/ already"))
        if protocol.status == "proposed-revision":
            in_force = replace(readings.original(protocol), status="adopted", revised=None, version_key=key)
            texts += [(key, in_force, "in force", False), (PROPOSED, protocol, "proposed", True)]
        else:
            texts.append((key, protocol, "in force", True))
    sections = {section.id for section in protocol.sections}
    for key, text, _, _ in texts:
        if key in sections:  # (their addresses would be one: <p>/<key>/)
            problems.append(at(text.origin, f"the version {key!r} has the id of a section of {protocol.id!r} "
                                            f"({protocol.id}/{key}/ would be both): rename the version's file"))
    adopted = [index for index, (_, _, status, _) in enumerate(texts) if status in ("in force", "superseded")]
    versions = []
    for index, (key, text, status, current) in enumerate(texts):
        following = next((texts[later][1] for later in adopted if later > index), None)
        versions.append(Version(key=key, protocol=text, status=status, current=current,
                                in_force_from=_from(text) if status != "proposed" else None,
                                in_force_to=_from(following) if following is not None and status == "superseded"
                                else None))
    return tuple(versions), problems


def _from(protocol: Protocol) -> str | None:
    return protocol.effective or protocol.adopted


def compared(history: tuple[Version, ...]) -> list[tuple[Version, Version]]:
    """The pairs of a protocol's versions whose changes the site shows, (older, newer): each
    version and the next, then each version earlier than the one in force against it (the text
    in force being the latest whose status is "in force"); none for a protocol with one version."""
    found = list(itertools.pairwise(history))
    in_force = next((version for version in reversed(history) if version.status == "in force"), None)
    if in_force is not None:
        earlier = history[:history.index(in_force)]
        found += [(version, in_force) for version in earlier[:-1]]
    return found
