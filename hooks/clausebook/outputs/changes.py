"""What a proposed revision changes: each protocol's changes page (``<p>/changes/``) with every
changed clause's redline and the concordance of old and new numbers, and ``data/changes.json``.
Shared by the outputs: the print page ends with the same concordance (``Changes.rows``).

Both read the protocol through ``readings`` (the tracked model, the two readings and the
concordance) and take each clause's change as its clause record states it (``change_status``;
the records for ``changes.json``), so the page, the data and ``clauses.json`` always agree on what
changed. An adopted protocol has no changes page and appears in ``changes.json`` with empty lists.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from clausebook import FORMAT_VERSION, readings, urls
from clausebook.context import Context
from clausebook.format import markup, numbering
from clausebook.format.model import (
    Block,
    Clause,
    Definition,
    Definitions,
    Item,
    ItemList,
    Paragraph,
    Protocol,
    Quote,
    Row,
    Section,
    Table,
    Text,
)
from clausebook.outputs.html import Page, section_title, writer
from clausebook.records import changes as data
from clausebook.records import schemas
from clausebook.records.dataset import change_status, clause_markdown
from clausebook.records.types import SectionMovedFrom, dumps, published
from clausebook.urls import anchor_url, changes_url, page, print_url, protocol_url, qualified, section_url, was_anchor
from clausebook.words import Said, say

SCHEMA_NAME = "changes"
STATUS_WORDS = {"inserted": "Inserted", "deleted": "Deleted", "moved": "Moved", "amended": "Amended",
                "renumbered": "Renumbered"}
SNIPPET_WORDS = 8
WHOLE = {"inserted": ("{++", "++}"), "deleted": ("{--", "--}")}
LINE = re.compile(r"^(\s*(?:>\s?)*(?:[-*+]\s+|\d+[.)]\s+)?)(.*?)(\s*)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangedClause:
    """One clause the revision changes, as the changes page lists it."""

    clause: Clause  # tracked
    title: str  # its number (old → new where renumbered) or designation, and heading; or its first words
    short: str  # its number or designation (the old one, if deleted), or "this paragraph"
    status: str
    moved: str | None  # for a moved clause: where it stood before the revision, in words
    link: str  # relative link to the clause on its section page
    redline_heading: bool  # whether its heading changes (shown tracked above its body)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangedSection:
    """A section with changes of its own (heading, number, place) or changed clauses."""

    section: Section  # tracked
    shown: Section  # as amended, or as it was if the revision deletes it
    status: str | None  # the section's own change, if any
    title_changed: bool
    moved: str | None  # for a moved section: where it stood before the revision, in words
    link: str
    clauses: tuple[ChangedClause, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcordanceRow:
    """One line of the concordance table: an old number → a new one."""

    entry: readings.Renumbering
    anchor: str | None  # the row's id: its old number's anchor (none for an inserted element)
    old: str | None  # the old and new numbers as a reader writes them ("6(4)")
    new: str | None
    label: str  # the section's title, or the clause's heading or first words
    link: str  # relative link to the element's current place (where it stood, if deleted)
    status: str  # its change, as the list of changes gives it


class Changes:
    """The changes of one protocol: what its changes page and ``changes.json`` show."""

    def __init__(self, context: Context, protocol: Protocol, *, url: str | None = None,
                 older: Protocol | None = None) -> None:
        """The changes of ``protocol`` (tracked) in ``context``, on the page at ``url`` (its changes
        page unless given); ``older``: the earlier text's own pages, where what it deletes is linked."""
        self.protocol, self.context, self.renderer = protocol, context, writer(context)
        self.views = self.renderer.views[protocol.id]
        self.url = url or changes_url(protocol)
        self._older_homes = urls.homes((older,)) if older is not None else {}
        self.concordance = readings.concordance(protocol) if protocol.status != "adopted" else ()
        self._by_id = {entry.id: entry for entry in self.concordance}
        self.renumbered = [entry for entry in self.concordance if entry.old != entry.new]
        self.anchors = was_anchors(self.views)
        self._old_references = dict(_old_references(self.views))
        self._sections: list[ChangedSection] | None = None
        self._pages: dict[Any, Page] = {}  # (a rebuild may reuse the object: ``outputs.site.version_changes``)
        self.worked_out: dict[Any, Any] = {}  # what other outputs work out from these changes, kept with them

    # What changes

    @functools.cached_property
    def records(self) -> dict[str, Any]:
        """The protocol's clause records, by id (for ``changes.json``; a page does without them)."""
        return {record.id: record for record in self.context.dataset.records if record.protocol == self.protocol.id}

    def clause_status(self, clause: Clause) -> str | None:
        """The clause's change as its record states it (``change_status``); "amended" for a change
        the record does not count (a marked column label, caption or defined term); None if unchanged."""
        return change_status(clause) or ("amended" if readings.changed(clause) else None)

    def section_status(self, section: Section) -> str | None:
        if section.change:
            return section.change
        if markup.has_changes(section.title or ""):
            return "amended"
        return "renumbered" if section.was and section.was != section.number else None

    @functools.cached_property
    def changed_clauses(self) -> list[tuple[Section, Clause, str]]:
        """Each changed clause, in document order, with its section and status."""
        return [] if self.protocol.status == "adopted" else [
            (section, clause, status) for section in self.protocol.sections for clause in section.walk()
            if (status := self.clause_status(clause))]

    # The page

    def sections(self) -> list[ChangedSection]:
        """The sections with changes, each with its changed clauses, in document order."""
        if self._sections is None:
            self._sections = self._changed_sections()
        return self._sections

    def _changed_sections(self) -> list[ChangedSection]:
        by_section: dict[str, list[ChangedClause]] = {}
        for section, clause, status in self.changed_clauses:
            by_section.setdefault(section.id, []).append(self._changed_clause(clause, status))
        found = []
        for section in self.protocol.sections:
            status = self.section_status(section)
            if status is None and section.id not in by_section:
                continue
            found.append(ChangedSection(
                section=section, shown=self.views.amended_sections.get(section.id)
                or self.views.original_sections[section.id],
                status=status, title_changed=markup.has_changes(section.title or ""), moved=self.moved(section),
                link=self.link(section.id, gone=status == "deleted").split("#")[0],
                clauses=tuple(by_section.get(section.id, ())),
            ))
        return found

    def _changed_clause(self, clause: Clause, status: str) -> ChangedClause:
        shown = self.views.amended.get(clause.id) or self.views.original[clause.id]
        label = self.clause_label(clause)
        title = " ".join(part for part in (label, shown.heading) if part) or first_words(shown, "Paragraph: ") \
            or "Unnumbered paragraph"
        short = (clause.designation or (clause.reference if clause.id in self.views.amended
                                        else self._old_references.get(clause.id)) or "this paragraph")
        return ChangedClause(
            clause=clause, title=title, short=short, status=status, moved=self.moved(clause),
            link=self.link(clause.id, gone=status == "deleted"),
            redline_heading=bool(clause.heading) and (markup.has_changes(clause.heading or "")
                                                     or clause.change in WHOLE),
        )

    def link(self, element_id: str, *, gone: bool = False) -> str:
        """A relative link from the page to a section or clause where it stands, or, for one the
        revision deletes (``gone``) where the earlier text has pages of its own, where it stood."""
        if gone and (self.protocol.id, element_id) in self._older_homes:
            protocol, section, _ = self._older_homes[(self.protocol.id, element_id)]
            return f"{_relative(section_url(protocol, section), self.url)}#{element_id}"
        return self.renderer.anchor_url(self.protocol.id, element_id, self.url)

    def moved(self, element: Section | Clause) -> str | None:
        """Where a moved section or clause stood before the revision, in words: "after 6(4)",
        "first in 2. Gifts"."""
        moved = element.moved_from
        if element.change != "moved" or moved is None:
            return None
        words = f"after {self.describe(moved.after, before=True)}" if moved.after else "first"
        if moved.parent:
            words += f" in {self.describe(moved.parent, before=True)}"
        return words

    def clause_label(self, clause: Clause) -> str:
        """How the page names a clause: "4.1 → 6.1", "6(3)", "Best practice 4", or, for an
        unnumbered clause, nothing (its heading or first words name it)."""
        old = self._old_references.get(clause.id) if readings.has(clause.change, "original") else None
        new = clause.reference if clause.id in self.views.amended else None
        if clause.designation:
            return clause.designation + (f" (was {old})" if old and old != new else "")
        if old and new and old != new:
            return f"{old} → {new}"
        return new or old or ""

    def shown(self, element_id: str, *, before: bool = False) -> Section | Clause:
        """A section or clause in the reading asked for (as amended, or as it was ``before`` the
        revision), or in the other one if that reading does not have it."""
        views = self.views
        readings_in_order = [(views.amended_sections, views.amended), (views.original_sections, views.original)]
        for sections, clauses in reversed(readings_in_order) if before else readings_in_order:
            if element := sections.get(element_id) or clauses.get(element_id):
                return element
        raise KeyError(element_id)

    def describe(self, element_id: str, *, before: bool = False) -> str:
        """A section or clause named in words: its number and heading, or its first words."""
        shown = self.shown(element_id, before=before)
        if isinstance(shown, Section):
            return section_title(shown)
        number = self._old_references.get(element_id) if before else shown.reference
        words = " ".join(part for part in (shown.designation or number, shown.heading) if part)
        return words or first_words(shown, "the paragraph beginning ") or "an unnumbered paragraph"

    def name(self, element_id: str, *, before: bool = False) -> str:
        """A section's title, or a clause's heading or first words, without its number."""
        shown = self.shown(element_id, before=before)
        if isinstance(shown, Section):
            return shown.name
        return shown.heading or first_words(shown) or "Unnumbered paragraph"

    def rows(self, *, one_page: bool = False) -> list[ConcordanceRow]:
        """The concordance table: each section and clause whose number changes; its links for the
        changes page, or (``one_page``) for the print page."""
        from_url = print_url(self.protocol) if one_page else self.url
        statuses = {c.clause.id: c.status for s in self.sections() for c in s.clauses}
        statuses |= {s.section.id: s.status or "amended" for s in self.sections()}
        rows = []
        for entry in self.renumbered:
            if entry.kind == "clause":
                old = self._old_references.get(entry.id, entry.old) if entry.old else None
                new = self.views.amended[entry.id].reference if entry.new else None
            else:
                old, new = (say("Section {number}", number=n) if n else None for n in (entry.old, entry.new))
            rows.append(ConcordanceRow(
                entry=entry, anchor=self.anchors.get(entry.id), old=old, new=new,
                label=self.name(entry.id, before=entry.new is None),
                link=self.renderer.anchor_url(self.protocol.id, entry.id, from_url, one_page=one_page)
                if one_page else self.link(entry.id, gone=entry.new is None),
                status=statuses.get(entry.id, entry.change or "renumbered"),
            ))
        return rows

    def page(self, between: Any = None) -> Page:
        """The changes page; ``between`` names the two versions compared, for a page of the changes
        between versions (``outputs.version_changes.Named``: made once for each)."""
        if between in self._pages:
            return self._pages[between]
        protocol = self.protocol
        url = self.url
        sections = self.sections()
        content = self.renderer.env.get_template("changes.md.j2").render(
            between=between,
            protocol=protocol,
            sections=sections,
            rows=self.rows(),
            overview=_relative(protocol_url(protocol), url),
            status_words=Said(STATUS_WORDS),
            html=lambda text, inline=False: self.renderer.html(text, protocol, url, inline=inline),
            edition=self.renderer.edition_notes(protocol, [c.clause for s in sections for c in s.clauses]),
            whole=lambda change, inner: _whole(change, inner),
        )
        self._pages[between] = Page(page(url), content)
        return self._pages[between]

    # The data

    def record(self) -> data.ProtocolChanges:
        """The protocol's entry in ``changes.json``."""
        protocol = self.protocol
        return data.ProtocolChanges(
            protocol=protocol.id,
            status=protocol.status,
            url=self.url if protocol.status != "adopted" else None,
            sections=tuple(self._section_record(s) for s in protocol.sections if self.section_status(s))
            if protocol.status != "adopted" else (),
            concordance=tuple(
                data.Renumbering(id=qualified(protocol.id, entry.id), kind=entry.kind, old=entry.old, new=entry.new,
                                 change=entry.change, url=self._anchor(entry.id),
                                 was_url=f"{self.url}#{self.anchors[entry.id]}" if entry.id in self.anchors else None)
                for entry in self.renumbered
            ),
            clauses=tuple(self._clause_record(section, clause, status)
                          for section, clause, status in self.changed_clauses),
        )

    def _anchor(self, element_id: str) -> str:
        _, section, _ = self.renderer.homes[(self.protocol.id, element_id)]
        return anchor_url(self.protocol, section, element_id) if element_id != section.id \
            else section_url(self.protocol, section)

    def _numbers(self, element_id: str) -> tuple[str | None, str | None]:
        """An element's number after and before the revision, the old one only where it differs."""
        entry = self._by_id.get(element_id)
        if entry is None:
            return None, None
        return entry.new, entry.old if entry.old != entry.new else None

    def _clause_record(self, section: Section, clause: Clause, status: str) -> data.ClauseChange:
        record = self.records[qualified(self.protocol.id, clause.id)]
        change = record.change
        number, previous = self._numbers(clause.id)
        return data.ClauseChange(
            id=record.id,
            section=qualified(self.protocol.id, section.id),
            number=number,
            previous_number=previous,
            status=status,
            heading=redline(clause.heading, clause.change) if clause.heading else None,
            redline=clause_redline(clause),
            text_before=change.text_before if change else record.text,
            text_after=record.text,
            words=change.words if change else (),
            moved_from=change.moved_from if change else None,
            url=record.url,
            changes_url=f"{self.url}#{clause.id}",
        )

    def _section_record(self, section: Section) -> data.SectionChange:
        now = self.views.amended_sections.get(section.id)
        before = self.views.original_sections.get(section.id)
        number, previous = self._numbers(section.id)
        moved = section.moved_from
        return data.SectionChange(
            id=qualified(self.protocol.id, section.id),
            number=number,
            previous_number=previous,
            status=self.section_status(section),
            title=now.title if now else None,
            title_before=before.title if before else None,
            redline=redline(section.title or "", section.change),
            moved_from=SectionMovedFrom(after=qualified(self.protocol.id, moved.after) if moved.after else None)
            if moved else None,
            url=section_url(self.protocol, section),
            changes_url=f"{self.url}#{section.id}",
        )


def pages(context: Context) -> list[Page]:
    """A changes page for each protocol that is not adopted (a proposed revision or a draft)."""
    return [Changes(context, edition.protocol).page()
            for edition in context.editions() if edition.protocol.status != "adopted"]


def files(context: Context) -> dict[str, bytes]:
    """``data/changes.json`` (every protocol, ordered by id; an adopted one with empty lists) and
    its JSON Schema, ``schema/changes.schema.json``, published beside the others."""
    dataset = context.dataset
    document = {
        "$schema": dataset.schema_ref(SCHEMA_NAME),
        "version": FORMAT_VERSION,
        "protocols": published([Changes(context, protocol).record() for protocol in dataset.protocols]),
    }
    schema = schemas.schema(SCHEMA_NAME, dataset.site_url)
    return {"data/changes.json": dumps(document), f"schema/{SCHEMA_NAME}.schema.json": dumps(schema)}


# Anchors and numbers

def was_anchors(views: readings.Views) -> dict[str, str]:
    """Each section and clause whose number the revision changes and that had a number before it
    (by id) → the id of its old number's row on the changes page: ``urls.was_anchor`` of the old
    number as a cross-reference writes it ("4.1" → ``was-4-1``; sub-paragraph (4) of 6, "6(4)" →
    ``was-6-4``). Where two elements had the same old number (numbering that restarts in an
    appendix) or an author's id is already that, the later one's is followed by two hyphens and
    its id, which no author's id or old number can give."""
    protocol = views.tracked
    if protocol.status == "adopted":
        return {}
    old_references = dict(_old_references(views))
    taken = {element.id for section in protocol.sections for element in (section, *section.walk())}
    taken |= {anchor for clause in protocol.clauses() for anchor, _ in clause.anchors()}
    found: dict[str, str] = {}
    for entry in readings.concordance(protocol):
        if entry.old is None or entry.old == entry.new:
            continue
        anchor = was_anchor(old_references.get(entry.id, entry.old) if entry.kind == "clause" else entry.old)
        if anchor in taken:
            anchor = f"{anchor}--{entry.id}"
        taken.add(anchor)
        found[entry.id] = anchor
    return found


def _old_references(views: readings.Views) -> Iterator[tuple[str, str]]:
    """Each clause's full reference before the revision ("6(4)"), read where it stood then."""
    def walk(clauses: tuple[Clause, ...], parent: str | None) -> Iterator[tuple[str, str]]:
        for clause in clauses:
            reference = numbering.reference(parent, clause.number)
            if reference:
                yield clause.id, reference
            yield from walk(clause.clauses, reference or parent)

    for section in views.original_sections.values():
        yield from walk(section.clauses, None)


def first_words(clause: Clause, before: str = "") -> str:
    """A clause (in a reading) named by its first words, without markup, in quotation marks and
    after ``before``: 'Paragraph: “Both officers and councillors…”'; empty if it has no words."""
    words = next((markup.plain(text.markdown) for text in clause.texts() if text.markdown.strip()), "").split()
    if not words:
        return ""
    return f"{before}“{' '.join(words[:SNIPPET_WORDS])}{'…' if len(words) > SNIPPET_WORDS else ''}”"


def _relative(target: str, from_url: str) -> str:
    """A relative link between two directory URLs of the site."""
    relative = posixpath.relpath(target, from_url)
    return "./" if relative == "." else relative.rstrip("/") + "/"


def _whole(change: str | None, inner: Markup) -> Markup:
    """Clean HTML inside <ins> or <del> when the change is a whole insertion or deletion."""
    tag = {"inserted": "ins", "deleted": "del"}.get(change or "")
    return Markup(f"<{tag}>{inner}</{tag}>") if tag else inner


# The redline as Markdown with CriticMarkup

def redline(words: str, change: str | None) -> str:
    """A run of authored text with its tracked changes as authored; a wholly inserted or deleted
    run is put inside {++ ++} or {-- --}, line by line (after any list or quote marker), so the
    marks never span a paragraph or a list item."""
    if change not in WHOLE:
        return words
    side = readings.own_words(words, change)
    opening, closing = WHOLE[change]
    lines = []
    for line in side.split("\n"):
        match = LINE.match(line)
        assert match is not None  # the pattern matches any line
        prefix, body, space = match.groups()
        lines.append(f"{prefix}{opening}{body}{closing}{space}" if body else line)
    return "\n".join(lines)


def clause_redline(clause: Clause) -> str:
    """The clause's own body in the tracked reading, as Markdown with CriticMarkup: the marks the
    author wrote inside text, and whole inserted or deleted blocks, items, rows and definitions
    marked the same way."""
    return clause_markdown(replace(clause, body=tuple(_marked_block(block) for block in clause.body)))


def _marked_text(text: Text | None) -> Text | None:
    if text is None or text.change not in WHOLE:
        return text
    return replace(text, markdown=redline(text.markdown, text.change))


def _marked_item(item: Item) -> Item:
    return replace(item, text=_marked_text(item.text), items=tuple(_marked_item(i) for i in item.items),
                   tail=_marked_text(item.tail), tail_list=_marked_tail_list(item.tail_list))


def _marked_tail_list(tail_list: ItemList | None) -> ItemList | None:
    return replace(tail_list, items=tuple(_marked_item(i) for i in tail_list.items),
                   tail=_marked_text(tail_list.tail), tail_list=_marked_tail_list(tail_list.tail_list)) \
        if tail_list is not None else None


def _marked_definition(definition: Definition) -> Definition:
    return replace(definition, term=redline(definition.term, definition.change), text=_marked_text(definition.text),
                   items=tuple(_marked_item(i) for i in definition.items), tail=_marked_text(definition.tail))


def _marked_row(row: Row) -> Row:
    return replace(row, cells=tuple(tuple(_marked_item(i) for i in cell) for cell in row.cells),
                   leads=tuple(_marked_text(lead) for lead in row.leads))


def _marked_block(block: Block) -> Block:
    fields: dict[str, Any] = {"lead": _marked_text(block.lead)}
    match block:
        case Paragraph() | Quote():
            fields["text"] = _marked_text(block.text)
        case ItemList():
            fields["items"] = tuple(_marked_item(i) for i in block.items)
            fields["tail"] = _marked_text(block.tail)
            fields["tail_list"] = _marked_tail_list(block.tail_list)
        case Definitions():
            fields["definitions"] = tuple(_marked_definition(d) for d in block.definitions)
        case Table():
            fields["rows"] = tuple(_marked_row(row) for row in block.rows)
    return replace(block, **fields)
