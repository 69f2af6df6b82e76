"""The changes between a protocol's versions, worked out for the build: each pair the site shows
(``format.versions.compared``) as a revision of the older text into the newer, every change
tracked (``authoring.compare_versions``: moves as moves, old numbers kept), assembled into a
tracked ``Protocol`` that the outputs render like a proposed revision.

A pair whose newer text is the source file's own proposal (or draft) is left out: its changes are
the protocol's changes page (``<p>/changes/``), which the source's tracked changes make.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

from clausebook.authoring import compare_versions, revisions
from clausebook.context import Context
from clausebook.format import assemble, versions
from clausebook.format.loading import load_file
from clausebook.format.versions import Version
from clausebook.mkdocs import cache
from clausebook.settings import Settings

Key = tuple[str, str, str]  # (protocol id, older version's key, newer version's key)


def revisions_between(histories: dict[str, tuple[Version, ...]], *, settings: Settings, site_url: str | None,
                      memory: cache.Memory, code: str) -> dict[Key, Context]:
    """Each pair of versions the site compares, by (protocol, older, newer): the older text revised
    into the newer, at the newer one's addresses, as a tracked protocol in a context of its own
    (with these settings and address). ``memory`` keeps each pair by a digest of what it is made
    from (both versions' source files and places, and ``code``), and each version's text."""
    found: dict[Key, Context] = {}
    for protocol_id, history in histories.items():
        for older, newer in versions.compared(history):
            if newer.status in (versions.PROPOSED, "draft"):
                continue
            places = tuple((version.key, version.current, version.protocol.version_key) for version in (older, newer))
            digest = memory.made_from((older.protocol.origin.file, newer.protocol.origin.file),
                                      protocol_id, places, settings, site_url, code)
            found[protocol_id, older.key, newer.key] = memory.pairs.get(
                digest, functools.partial(_revised, memory, older, newer, settings, site_url))
    return found


def _text(memory: cache.Memory, version: Version) -> Any:
    """A version's text as source data (``source_data``) in the layout ``compare`` works on
    (``revisions.normalised``), kept by its source file: the text in force is compared with every
    earlier version, and a kept version with the text in force after each edit."""
    digest = memory.made_from((version.protocol.origin.file,), version.key, version.current)
    return memory.texts.get(digest, lambda: revisions.normalised(source_data(version)))


def _revised(memory: cache.Memory, older: Version, newer: Version, settings: Settings,
             site_url: str | None) -> Context:
    """The older text revised into the newer, in a context of its own."""
    tracked = compare_versions.compare(_text(memory, older), _text(memory, newer), normalise=False)
    revision = assemble.protocol(tracked, newer.protocol.origin.file)
    return Context.of([replace(revision, version_key=newer.protocol.version_key)], settings=settings,
                      site_url=site_url)


def source_data(version: Version) -> Any:
    """A version's text as source data, without tracked changes: a kept file's, the source file's,
    or, for the text in force that a proposed revision revises, the source with its changes rejected."""
    file = version.protocol.origin.file
    data, problems = load_file(Path(file), file)
    assert data is not None and not problems, problems  # (validated already)
    if versions.kept_as(file) or version.current:
        return data
    return revisions.reject(data)
