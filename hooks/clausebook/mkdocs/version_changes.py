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
                      reuse: cache.Kept[Context], code: str) -> dict[Key, Context]:
    """Each pair of versions the site compares, by (protocol, older, newer): the older text revised
    into the newer, at the newer one's addresses, as a tracked protocol in a context of its own
    (with these settings and address); ``reuse`` keeps each by a digest of what it is made from
    (both versions' source files and places, and ``code``)."""
    found: dict[Key, Context] = {}
    for protocol_id, history in histories.items():
        texts = _Texts()
        for older, newer in versions.compared(history):
            if newer.status in (versions.PROPOSED, "draft"):
                continue
            places = tuple((version.key, version.current, version.protocol.version_key) for version in (older, newer))
            digest = cache.made_from((Path(older.protocol.origin.file), Path(newer.protocol.origin.file)),
                                     protocol_id, places, settings, site_url, code)
            found[protocol_id, older.key, newer.key] = reuse.get(
                digest, functools.partial(_revised, texts, older, newer, settings, site_url))
    return found


class _Texts(dict):
    """A protocol's versions' texts as source data (``source_data``), in the layout ``compare``
    works on (``revisions.normalised``), each read once, by key: the text in force is compared
    with every earlier version."""

    def of(self, version: Version) -> Any:
        if version.key not in self:
            self[version.key] = revisions.normalised(source_data(version))
        return self[version.key]


def _revised(texts: _Texts, older: Version, newer: Version, settings: Settings, site_url: str | None) -> Context:
    """The older text revised into the newer, in a context of its own."""
    tracked = compare_versions.compare(texts.of(older), texts.of(newer), normalise=False)
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
