"""What changed between a protocol's versions: a page for each pair the site compares
(``format.versions.compared``: each version and the next, and each earlier one against the text
in force) at ``<p>/versions/<older>--<newer>/``, and the history of each paragraph at
``<p>/versions/history/``.

A pair's page is the changes page (``outputs.changes``) of the older text revised into the newer
(``Context.version_changes``, which the build works out), in the versions' words: every changed
section and paragraph in document order with its redline, moves and renumbering said as such,
then the concordance of old and new numbers. What the newer version deletes is linked where it
stood, on the older version's pages. Where the newer text is the protocol's own proposal, the
pair's changes are the protocol's changes page (``<p>/changes/``), which is linked instead.

The history page lists, for each paragraph whose words, number or place ever changed, the
versions that changed it, oldest first, each linked to the paragraph in that version and to the
change on the pair's page: one place to follow a paragraph through every version. A section
page's paragraphs link there (``history_ids``).
"""

from __future__ import annotations

import itertools
import posixpath
from dataclasses import dataclass

from clausebook.context import Context
from clausebook.format import versions
from clausebook.format.model import Protocol
from clausebook.format.versions import Version
from clausebook.outputs.changes import STATUS_WORDS, Changes, first_words
from clausebook.outputs.html import Page, environment
from clausebook.outputs.site.version_words import version_name
from clausebook.urls import (
    anchor_url,
    changes_url,
    homes,
    page,
    protocol_url,
    relative,
    version_changes_url,
    version_history_url,
    versions_url,
)
from clausebook.words import say


@dataclass(frozen=True, slots=True, kw_only=True)
class Between:
    """The changes from one version of a protocol to another, and where they are shown."""

    protocol: Protocol  # the protocol's own text (``<p>/``)
    older: Version
    newer: Version
    changes: Changes  # the older text revised into the newer, on its page
    own: bool  # whether it has a page of its own (else it is the protocol's changes page)

    @property
    def url(self) -> str:
        return self.changes.url

    @property
    def count(self) -> int:
        """How many sections and paragraphs change: the entries of its page."""
        return sum(1 for _ in self.changes.changed_clauses) + sum(
            1 for section in self.changes.protocol.sections if self.changes.section_status(section))


@dataclass(frozen=True, slots=True, kw_only=True)
class Named:
    """What a pair's page says of the two versions (links relative to the page)."""

    older: str
    newer: str
    older_href: str
    newer_href: str
    versions_href: str
    history_href: str | None
    pdf_href: str | None  # the page as a PDF, where the build prints PDFs
    count: str  # "3 changes"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One version's change to a paragraph, as its history lists it."""

    version: str  # the version's name
    status: str  # "Inserted", "Amended", "Moved", "Renumbered", "Deleted" (in the words of the page)
    deleted: bool  # the version deleted it: its link leads to where it stood
    label: str  # its number there ("4.1 → 6.1"), or its words
    href: str  # the paragraph in that version (where it stood, if deleted)
    changes_href: str  # the change on the pair's page


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """One paragraph's history: its id, its name in the last text that has it, and its changes."""

    id: str
    name: str
    events: tuple[Event, ...]


def between(context: Context) -> list[Between]:
    """Every pair of versions the build compares, protocols in source order, made once per build."""
    return context.shared(_between)


def _between(context: Context) -> list[Between]:
    found = []
    for protocol in context.protocols:
        for older, newer in versions.compared(context.histories.get(protocol.id, ())):
            own = context.version_changes.get((protocol.id, older.key, newer.key))
            if own is not None:
                url = version_changes_url(protocol, older.key, newer.key)
                changes = own.shared(_Changes).of(url, older.protocol)
                found.append(Between(protocol=protocol, older=older, newer=newer, changes=changes, own=True))
            elif newer.protocol is protocol and protocol.status != "adopted":
                changes = Changes(context, protocol)
                found.append(Between(protocol=protocol, older=older, newer=newer, changes=changes, own=False))
    return found


class _Changes(dict):
    """A pair's changes, kept in the pair's own context (``Context.version_changes``), which a
    rebuild in the same process reuses while the two versions are the same: what they worked out
    (the changed paragraphs, the page) is worked out once."""

    def __init__(self, own: Context) -> None:
        super().__init__()
        self.own = own

    def of(self, url: str, older: Protocol) -> Changes:
        """The changes on the page at ``url``; ``older``: the older version, where deletions are linked."""
        if url not in self:
            self[url] = Changes(self.own, self.own.protocols[0], url=url, older=older)
        return self[url]


def pages(context: Context) -> list[Page]:
    """Each pair's page, and each protocol's history page."""
    made = [pair.changes.page(_named(pair, context)) for pair in between(context) if pair.own]
    return made + [_history_page(protocol, context) for protocol in context.protocols
                   if _consecutive(context, protocol.id)]


def files(context: Context) -> dict[str, bytes]:
    """None: these are pages."""
    return {}


def _named(pair: Between, context: Context) -> Named:
    url = pair.url
    count = pair.count
    return Named(older=version_name(pair.older), newer=version_name(pair.newer),
                 older_href=relative(protocol_url(pair.older.protocol), url),
                 newer_href=relative(protocol_url(pair.newer.protocol), url),
                 versions_href=relative(versions_url(pair.protocol), url),
                 history_href=relative(version_history_url(pair.protocol), url),
                 pdf_href=posixpath.relpath(pdf_path(pair), url) if "pdf" in context.downloads else None,
                 count=(say("1 change") if count == 1 else say("{count} changes", count=count)) if count
                 else say("no changes"))


def pdf_path(pair: Between) -> str:
    """Where a pair's page is printed as a PDF (``downloads/<p>/<older>--<newer>.pdf``; a key never holds "--")."""
    return f"downloads/{pair.protocol.id}/{pair.older.key}--{pair.newer.key}.pdf"


def _consecutive(context: Context, protocol_id: str) -> list[Between]:
    """A protocol's pairs of versions that follow one another, oldest first."""
    history = context.histories.get(protocol_id, ())
    following = {(older.key, newer.key) for older, newer in itertools.pairwise(history)}
    return [pair for pair in between(context)
            if pair.protocol.id == protocol_id and (pair.older.key, pair.newer.key) in following]


def histories(context: Context, protocol_id: str) -> list[History]:
    """Each paragraph of a protocol that changed from a version to the next: the paragraphs of the
    latest text first, in document order, then those it no longer has, by when they went."""
    return context.shared(_histories, protocol_id)


def _histories(context: Context, protocol_id: str) -> list[History]:
    events: dict[str, list[Event]] = {}
    names: dict[str, str] = {}
    for pair in _consecutive(context, protocol_id):
        for clause_id, event, name in _events(pair):
            events.setdefault(clause_id, []).append(event)
            names[clause_id] = name
    latest = context.histories[protocol_id][-1].protocol
    order = [clause.id for clause in latest.clauses() if clause.id in events]
    order += [clause_id for clause_id in events if clause_id not in order]
    return [History(id=clause_id, name=names[clause_id], events=tuple(events[clause_id])) for clause_id in order]


def _events(pair: Between) -> tuple[tuple[str, Event, str], ...]:
    """Each paragraph a pair of consecutive versions changes: its id, the event its history lists
    and its name; worked out once for the pair's changes (``Changes.worked_out``), which a rebuild
    in the same process reuses while the two versions are the same."""
    url = version_history_url(pair.protocol)
    changes = pair.changes
    if url not in changes.worked_out:
        newer, older = homes((pair.newer.protocol,)), homes((pair.older.protocol,))
        found = []
        for _, clause, status in changes.changed_clauses:
            gone = status == "deleted"
            where = (older if gone else newer).get((pair.protocol.id, clause.id))
            href = relative(anchor_url(where[0], where[1], clause.id), url) if where else \
                relative(protocol_url(pair.newer.protocol), url)
            found.append((clause.id, Event(
                version=version_name(pair.newer), status=say(STATUS_WORDS[status]), deleted=gone,
                label=changes.clause_label(clause) or changes.name(clause.id, before=gone), href=href,
                changes_href=relative(f"{pair.url}#{clause.id}", url)), _named_clause(changes, clause.id, before=gone)))
        changes.worked_out[url] = tuple(found)
    return changes.worked_out[url]


def _named_clause(changes: Changes, clause_id: str, *, before: bool) -> str:
    """A paragraph as its history names it: its number, and its heading or first words."""
    shown = changes.shown(clause_id, before=before)
    number = changes.describe(clause_id, before=before) if shown.designation or shown.number else ""
    words = "" if shown.heading else first_words(shown)
    return " ".join(part for part in (number, words) if part) or say("Unnumbered paragraph")


def history_ids(context: Context, protocol_id: str) -> frozenset[str]:
    """The ids of the paragraphs of a protocol with a history (none in a kept version's own context)."""
    if context.version is not None:
        return frozenset()
    return context.shared(_history_ids).get(protocol_id, frozenset())


def _history_ids(context: Context) -> dict[str, frozenset[str]]:
    return {protocol.id: frozenset(entry.id for entry in histories(context, protocol.id))
            for protocol in context.protocols if _consecutive(context, protocol.id)}


def _history_page(protocol: Protocol, context: Context) -> Page:
    url = version_history_url(protocol)
    template = environment().get_template("version-history.md.j2")
    return Page(page(url), template.render(protocol=protocol, entries=histories(context, protocol.id),
                                           versions_href=relative(versions_url(protocol), url),
                                           changes_href=relative(changes_url(protocol), url)))
