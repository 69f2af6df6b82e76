"""The changes between a protocol's versions, worked out for the build: each pair the site shows
(``format.versions.compared``) as a revision of the older text into the newer, every change
tracked (``authoring.compare_versions``: moves as moves, old numbers kept), assembled into a
tracked ``Protocol`` that the outputs render like a proposed revision.

A pair whose newer text is the source file's own proposal (or draft) is left out: its changes are
the protocol's changes page (``<p>/changes/``), which the source's tracked changes make.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from clausebook.authoring import compare_versions, revisions
from clausebook.format import assemble, versions
from clausebook.format.loading import load_file
from clausebook.format.model import Protocol
from clausebook.format.versions import Version

Key = tuple[str, str, str]  # (protocol id, older version's key, newer version's key)


def revisions_between(histories: dict[str, tuple[Version, ...]]) -> dict[Key, Protocol]:
    """Each pair of versions the site compares, by (protocol, older, newer): the older text revised
    into the newer, at the newer one's addresses, as a tracked protocol."""
    found: dict[Key, Protocol] = {}
    for protocol_id, history in histories.items():
        data: dict[str, Any] = {}
        for older, newer in versions.compared(history):
            if newer.status in (versions.PROPOSED, "draft"):
                continue
            for version in (older, newer):
                if version.key not in data:
                    data[version.key] = source_data(version)
            tracked = compare_versions.compare(data[older.key], data[newer.key])
            revision = assemble.protocol(tracked, newer.protocol.origin.file)
            found[protocol_id, older.key, newer.key] = replace(revision, version_key=newer.protocol.version_key)
    return found


def source_data(version: Version) -> Any:
    """A version's text as source data, without tracked changes: a kept file's, the source file's,
    or, for the text in force that a proposed revision revises, the source with its changes rejected."""
    file = version.protocol.origin.file
    data, problems = load_file(Path(file), file)
    assert data is not None and not problems, problems  # (validated already)
    if versions.kept_as(file) or version.current:
        return data
    return revisions.reject(data)
