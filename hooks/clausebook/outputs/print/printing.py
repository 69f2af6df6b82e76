"""Each protocol as a constitution part: its print page (``<p>/print/``), the whole protocol on one
page in source order, and the PDFs printed from it (``pdf`` prints them after the build).

The page shows every section and clause in its tracked reading, through the same templates as the
section pages (``blocks.html.j2``), with cross-references to anchors on the page itself. It reads
as amended; with the changes shown it is the tracked-changes version. After the last clause come
the editorial notes, each marked where it stands, as an annex that starts a page of its own on
paper ("Notes on this edition"), then, with the changes shown, the concordance of old and new
numbers (``changes.Changes``). One page, so the two PDFs of a revision
can never disagree with each other or with the handbook.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from clausebook.context import Context, Edition
from clausebook.format.model import Part, Section, Text
from clausebook.outputs.changes import STATUS_WORDS, Changes
from clausebook.outputs.html import STATUS_LABELS, Entry, Page, writer
from clausebook.outputs.print.document import Job
from clausebook.urls import download_url, page, print_url, protocol_url
from clausebook.words import Said, say

CHANGES_QUERY = "?changes=show"  # the print page with the changes shown (clausebook.js)


@dataclass(frozen=True, slots=True)
class PrintedSection:
    tracked: Section
    shown: Section  # as amended, or as it was if the revision deletes it
    level: int  # its heading's level
    gone: bool  # not in the protocol as amended
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A part of the protocol (or the sections outside any part) and its sections, in order."""

    part: Part | None
    anchor: str | None  # the part heading's id
    sections: list[PrintedSection]


def pages(context: Context) -> list[Page]:
    """Each protocol's print page."""
    return [print_page(context, edition) for edition in context.editions()]


def files(context: Context) -> dict[str, bytes]:
    """None: the PDFs are printed from the built pages, after the build (``jobs``)."""
    return {}


def print_page(context: Context, edition: Edition) -> Page:
    renderer, dataset = writer(context), context.dataset
    protocol, views = edition.protocol, edition.views
    url = print_url(protocol)

    def html(text: Text | str, inline: bool = False) -> Markup:
        return renderer.html(text, protocol, url, inline=inline, one_page=True)

    groups: list[Group] = []
    for section in protocol.sections:
        part = protocol.parts.get(section.part) if section.part else None
        if not groups or groups[-1].part is not part:
            groups.append(Group(part, f"cb_part-{section.part}" if part else None, []))
        level = 3 if part else 2
        groups[-1].sections.append(PrintedSection(
            tracked=section, shown=views.amended_sections.get(section.id) or views.original_sections[section.id],
            level=level, gone=section.id not in views.amended_sections,
            entries=tuple(renderer.entries(protocol, section.clauses, level + 1, views, url, html))))
    revision = protocol.status != "adopted"
    content = renderer.env.get_template("print.md.j2").render(
        protocol=protocol,
        groups=groups,
        gone={clause.id for clause in views.tracked.clauses()} - set(views.amended),
        rows=Changes(context, protocol).rows(one_page=True) if revision else [],
        status_words=Said(STATUS_WORDS),
        address=f"{dataset.site_url}{protocol_url(protocol)}" if dataset.site_url else None,
        downloads=renderer.downloads(protocol, url),
        html=html,
        edition=renderer.edition_notes(protocol, [entry.clause for group in groups for item in group.sections
                                                  for entry in item.entries],
                                       [item.shown for group in groups for item in group.sections], whole=True),
    )
    return Page(page(url), content)


def jobs(context: Context) -> list[Job]:
    """The PDFs of each protocol: as amended, and for a revision with its tracked changes; each
    by its council, in its language, dated by the date it was adopted (a revision: undated)."""
    found = []
    for edition in context.editions():
        protocol = edition.protocol
        name = f"{protocol.council}: {protocol.title}"
        header = f"{protocol.council}: {protocol.part}" if protocol.part else protocol.council
        status = say(STATUS_LABELS[protocol.status])
        about = {"author": protocol.council, "language": protocol.language, "subject": protocol.part,
                 "dated": protocol.adopted if protocol.status == "adopted" else None}
        found.append(Job(print_url(protocol), download_url(protocol, "pdf"), name,
                         header if protocol.status == "adopted"
                         else say("{header} ({status}, as amended)", header=header, status=status.lower()),
                         **about))
        if protocol.status != "adopted":
            found.append(Job(print_url(protocol) + CHANGES_QUERY, download_url(protocol, "changes-pdf"),
                             say("{name} (tracked changes)", name=name),
                             say("{header} ({status}, with tracked changes)", header=header, status=status.lower()),
                             **about))
    return found
