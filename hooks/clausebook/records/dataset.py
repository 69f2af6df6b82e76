"""The model → the open dataset: JSON, CSV, a Frictionless descriptor and the JSON Schemas.

Every output is bytes made only from the sources (no build time, no machine paths), with keys
sorted, so two builds of the same sources publish identical files.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import replace
from typing import Any

from clausebook import readings
from clausebook.format import markup, sentences
from clausebook.format.model import (
    Block,
    Clause,
    Definitions,
    Gap,
    Item,
    ItemList,
    Obligation,
    Paragraph,
    Place,
    Protocol,
    Quote,
    Section,
    Table,
    Text,
    block_notes,
    places,
)
from clausebook.format.numbering import item_reference
from clausebook.records import standalone
from clausebook.records import types as rec
from clausebook.urls import anchor_url, homes, protocol_url, qualified, section_url, versions_url

Record = dict[str, Any]
PUBLISHED_SCHEMAS = ("source", "clauses", "protocols", "protocol")


def _cell(items: tuple[Item, ...], lead: Text | None = None) -> str:
    """A table cell on one line: its lead, if it has one, and its items (with their labels and
    sub-items) joined by bullets."""
    words = [lead.markdown] if lead is not None else []

    def add(entries: tuple[Item, ...]) -> None:
        for item in entries:
            words.append(f"{item.label} {item.text.markdown}" if item.label else item.text.markdown)
            add(item.items)
            if item.tail is not None:
                words.append(item.tail.markdown)
            tail_list = item.tail_list
            while tail_list is not None:  # the items the tail introduces, and the words after them
                add(tail_list.items)
                if tail_list.tail is not None:
                    words.append(tail_list.tail.markdown)
                tail_list = tail_list.tail_list

    add(items)
    return " • ".join(word.replace("|", "\\|").replace("\n", " ") for word in words)


def block_markdown(block: Block) -> str:
    """One block of a reading as Markdown: lists as `- ` items, quotes as `> `, tables as pipe tables."""
    parts = [block.lead.markdown] if block.lead is not None else []
    match block:
        case Paragraph():
            parts.append(block.text.markdown)
        case ItemList():
            parts.append("\n".join(readings.item_lines(block.items)))
            if block.tail is not None:
                parts.append(block.tail.markdown)
            tail_list = block.tail_list
            while tail_list is not None:  # the items the tail introduces, and the words after them
                parts.append("\n".join(readings.item_lines(tail_list.items)))
                if tail_list.tail is not None:
                    parts.append(tail_list.tail.markdown)
                tail_list = tail_list.tail_list
        case Quote():
            quoted = "\n".join(f"> {line}".rstrip() for line in block.text.markdown.split("\n"))
            parts.append(quoted + (f"\n>\n> — {block.source}" if block.source else ""))
        case Definitions():
            parts.append("\n".join(line for d in block.definitions for line in readings.definition_lines(d)))
        case Table():
            if block.caption:
                parts.append(block.caption)
            header = "| " + " | ".join(c.label for c in block.columns) + " |"
            rule = "|" + "---|" * len(block.columns)
            body = ["| " + " | ".join(_cell(cell, lead) for cell, lead in zip(row.cells, row.cell_leads(), strict=True))
                    + " |" for row in block.rows]
            parts.append("\n".join([header, rule, *body]))
    return "\n\n".join(part for part in parts if part)


def clause_markdown(clause: Clause | None) -> str:
    """The clause's own body (in the reading it comes from) as Markdown; empty for None, a clause
    that reading does not have."""
    if clause is None:
        return ""
    return "\n\n".join(text for block in clause.body if (text := block_markdown(block)))


def plain_text(markdown: str) -> str:
    """Markdown as plain text, one line per paragraph, item or table row."""
    lines = []
    for line in markdown.split("\n"):
        line = re.sub(r"^\s*(?:[->]\s?)+", "", line).strip()
        if re.fullmatch(r"\|(?:---\|)+", line):
            continue
        if line.startswith("|"):
            line = " | ".join(cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip("|")))
        if line:
            lines.append(markup.plain(line))
    return "\n".join(lines)


def _words(text: Text) -> str:
    """A run of text without markup: as amended, or as it was if deleted."""
    return markup.plain(readings.own_words(text.markdown, text.change))


def _first_sentence(text: Text) -> str:
    """The first sentence of a run of text, without markup."""
    return sentences.first(_words(text))


def change_status(clause: Clause) -> str | None:
    """What a revision does to a clause, as its record's ``change.status`` says: inserted, deleted,
    moved, amended (its words, heading or obligations), renumbered; None if nothing."""
    if clause.change:
        return clause.change
    words = any(text.change in ("inserted", "deleted") or (text.change is None and markup.changes(text.markdown))
                for text in clause.texts()) or bool(markup.changes(clause.heading or ""))
    obligations_changed = any(o.change for t in clause.texts() for o in t.obligations)
    # (marks in a caption, column label or defined term, or a gap inserted or deleted, change it too)
    if words or obligations_changed or (readings.changed(clause) and not clause.was):
        return "amended"
    return "renumbered" if clause.was else None


class Dataset:
    """Every published data file, built from the validated protocols."""

    def __init__(self, protocols: tuple[Protocol, ...], site_url: str | None = None,
                 views: dict[str, readings.Views] | None = None, versioned: Collection[str] = (),
                 languages: tuple[Dataset, ...] = ()) -> None:
        """``views``: the protocols' readings, if the build has made them already; ``versioned``:
        the ids of the protocols whose versions the site lists (``<p>/versions/``); ``languages``:
        the datasets of the protocols' texts in each other language (``format.languages``)."""
        self.protocols = tuple(sorted(protocols, key=lambda p: p.id))
        self.languages = languages
        self._in_languages: dict[str, list[rec.ClauseText]] = {}
        for other in languages:
            spoken = {text.id: text.language for text in other.protocols}
            for record in other.records:
                self._in_languages.setdefault(record.id, []).append(rec.ClauseText(
                    language=spoken[record.protocol], heading=record.heading, text=record.text,
                    text_plain=record.text_plain, url=record.url))
        self.versioned = frozenset(versioned)
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self._homes = homes(self.protocols)
        self._views = views or readings.views(self.protocols)
        self._definitions = {protocol.id: list(readings.defined(self._views[protocol.id].as_amended))
                             for protocol in self.protocols}
        self._terms = {protocol.id: sorted({term for d in self._definitions[protocol.id] for term in d.terms})
                       for protocol in self.protocols}
        records = [record for protocol in self.protocols for record in self._clause_records(protocol)]
        backlinks: dict[str, set[str]] = {}
        for record in records:
            for reference in record.references:
                backlinks.setdefault(reference.target, set()).add(record.id)
        self.records: list[rec.Clause] = [replace(record, backlinks=tuple(sorted(backlinks.get(record.id, ()))))
                                          for record in records]

    def schema_ref(self, name: str, *, from_data: bool = True) -> str:
        if self.site_url:
            return f"{self.site_url}schema/{name}.schema.json"
        return f"../schema/{name}.schema.json" if from_data else f"{name}.schema.json"

    # Records

    def _clause_records(self, protocol: Protocol) -> Iterator[rec.Clause]:
        views = self._views[protocol.id]
        for section in protocol.sections:
            yield from self._walk(views, section, section.clauses, None)

    def _walk(self, views: readings.Views, section: Section, clauses: tuple[Clause, ...],
              parent: Clause | None) -> Iterator[rec.Clause]:
        for clause in clauses:
            yield self._clause_record(views, section, clause, parent)
            yield from self._walk(views, section, clause.clauses, clause)

    def _clause_record(self, views: readings.Views, section: Section, clause: Clause,
                       parent: Clause | None) -> rec.Clause:
        protocol = views.tracked
        now, before = views.amended.get(clause.id), views.original.get(clause.id)
        text = clause_markdown(now)
        plain = plain_text(text)
        return rec.Clause(
            id=qualified(protocol.id, clause.id),
            local_id=clause.id,
            protocol=protocol.id,
            section=qualified(protocol.id, section.id),
            parent=qualified(protocol.id, parent.id) if parent else None,
            number=clause.number,
            reference=clause.reference,
            designation=clause.designation,
            separator=clause.separator,
            heading=now.heading if now else None,
            citation=views.citations[clause.id],
            subheading=clause.subheading,
            optional=clause.optional,
            missing=tuple(block.missing for block in clause.body if isinstance(block, Gap)),  # in any reading
            subparagraphs=tuple(
                rec.Subparagraph(id=qualified(protocol.id, anchor), reference=item_reference(clause.reference, labels),
                                 url=anchor_url(protocol, section, anchor))
                for anchor, labels in (now or clause).anchors()
            ),
            text=text,
            text_plain=plain,
            deleted=now is None,
            change=self._change(protocol, clause, now, before),
            obligations=self._obligations(protocol, section, now),
            not_obligations=tuple(
                rec.NotObligation(statement=entry.quote or _first_sentence(t), reason=entry.reason)
                for t in clause.texts() for entry in t.not_obligations
            ),
            references=self._references(protocol, clause, now),
            backlinks=(),  # filled in once every clause has its record
            cites=tuple(self._document(protocol, cited) for cited in clause.cites),
            terms=tuple(term for term in self._terms[protocol.id]
                        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", plain)),
            notes=self._notes(clause),
            url=anchor_url(protocol, section, clause.id),
            languages=tuple(self._in_languages.get(qualified(protocol.id, clause.id), ())),
        )

    def _change(self, protocol: Protocol, clause: Clause, now: Clause | None,
                before: Clause | None) -> rec.Change | None:
        """What the revision does to the clause (from its tracked reading), or None."""
        words: list[rec.WordChange] = []
        whole = clause.change in ("inserted", "deleted")
        for text in clause.texts():
            if text.change in ("inserted", "deleted") and not whole:
                kind = text.change
                words.append(rec.WordChange(kind=kind, old=text.original, new=text.amended))
            elif text.change is None:
                words += [rec.WordChange(kind=c.kind, old=c.old, new=c.new) for c in markup.changes(text.markdown)]
        heading = clause.heading or ""
        words += [rec.WordChange(kind=c.kind, old=c.old, new=c.new) for c in markup.changes(heading)]
        status = change_status(clause)
        if status is None:
            return None
        moved = clause.moved_from
        return rec.Change(
            status=status,
            previous_number=clause.was,
            heading_before=before.heading if before else None,
            text_before=clause_markdown(before),
            words=tuple(words),
            obligations_before=self._obligations(protocol, None, before),
            moved_from=rec.MovedFrom(
                parent=qualified(protocol.id, moved.parent) if moved.parent else None,
                after=qualified(protocol.id, moved.after) if moved.after else None,
            ) if moved else None,
        )

    def _obligations(self, protocol: Protocol, section: Section | None,
                     clause: Clause | None) -> tuple[rec.Obligation, ...]:
        """The obligations a clause states in one reading (none for None). ``section``: the page
        that shows each obligation at its own anchor (None for the reading before the revision,
        which has no page)."""
        if clause is None:
            return ()
        anchors = dict(_anchored(clause))
        return tuple(self._obligation(protocol, place, o, anchors.get(id(place.text)), section, clause)
                     for block in clause.body for place in places(block)
                     for o in place.text.obligations)

    def _obligation(self, protocol: Protocol, place: Place, obligation: Obligation,
                    anchor: str | None, section: Section | None, clause: Clause) -> rec.Obligation:
        def roles(ids: tuple[str, ...]) -> tuple[rec.RoleReference, ...]:
            return tuple(rec.RoleReference(role=r, label=protocol.roles[r].label, shared=protocol.roles[r].shared)
                         for r in ids)

        statement = obligation.quote or _first_sentence(place.text)
        alone = standalone.standalone(place, obligation, protocol)
        return rec.Obligation(
            id=qualified(protocol.id, obligation.id),
            who=roles(obligation.who),
            modality=obligation.modality,
            do_or_dont="do" if obligation.do else "dont",
            duty_or_power="duty" if obligation.duty else "power",
            towards=roles(obligation.towards),
            statement=statement,
            sentence=alone.text,
            supplied=tuple(rec.Span(start=start, end=end) for start, end in alone.supplied),
            condition=obligation.condition,
            inferred=obligation.inferred,
            subparagraph=qualified(protocol.id, anchor) if anchor else None,
            url=anchor_url(protocol, section, obligation.id) if section else None,
        )

    def _references(self, protocol: Protocol, clause: Clause, now: Clause | None) -> tuple[rec.Reference, ...]:
        """The clause links in the text as amended."""
        found = []
        for text in now.texts() if now else ():
            for link in markup.links(text.markdown):
                if link.clause is None:
                    continue
                target_protocol = link.protocol or protocol.id
                note = clause.link_notes.get(link.clause) if target_protocol == protocol.id else None
                if (target_protocol, link.clause) not in self._homes:
                    continue  # (only in a model the validator has not passed)
                other, section, holder = self._homes[(target_protocol, link.clause)]
                kind = "section" if link.clause == section.id else "clause" if link.clause == holder else "subparagraph"
                found.append(rec.Reference(
                    type=kind,
                    target=qualified(target_protocol, holder),
                    subparagraph=qualified(target_protocol, link.clause) if kind == "subparagraph" else None,
                    words=markup.plain(link.label),
                    url=anchor_url(other, section, link.clause),
                    note=note.text if note else None,
                    note_kind=note.kind if note else None,
                ))
        return tuple(found)

    def _document(self, protocol: Protocol, document_id: str) -> rec.CitedDocument:
        document = protocol.documents[document_id]
        return rec.CitedDocument(id=document.id, type=document.kind, title=document.title, url=document.url)

    def _notes(self, clause: Clause) -> tuple[rec.Note, ...]:
        notes = []
        if clause.note:
            notes.append(rec.Note(about="clause", target=None, text=clause.note.text, kind=clause.note.kind))
        if clause.number_note:
            notes.append(rec.Note(about="number", target=None, text=clause.number_note.text,
                                  kind=clause.number_note.kind))
        if clause.optional_note:  # (the source's own words)
            notes.append(rec.Note(about="option", target=None, text=clause.optional_note, kind="council"))
        for target, note in sorted(clause.link_notes.items()):
            notes.append(rec.Note(about="link", target=target, text=note.text, kind=note.kind))
        for block in clause.body:
            for note in block_notes(block):
                notes.append(rec.Note(about="text", target=None, text=note.text, kind=note.kind))
        return tuple(notes)

    def protocol_record(self, protocol: Protocol) -> rec.Protocol:
        """The protocol's record: its details, roles, documents, definitions and sections."""
        views = self._views[protocol.id]
        licence, based_on = protocol.licence, protocol.based_on
        return rec.Protocol(
            id=protocol.id,
            council=protocol.council,
            title=protocol.title,
            part=protocol.part,
            status=protocol.status,
            language=protocol.language,
            version=protocol.version,
            adopted=protocol.adopted,
            minute=protocol.minute,
            effective=protocol.effective,
            revised=protocol.revised,
            contact=protocol.contact,
            licence=rec.Licence(name=licence.name, url=licence.url) if licence else None,
            source=protocol.source,
            note=protocol.note.text if protocol.note else None,
            note_kind=protocol.note.kind if protocol.note else None,
            incomplete=protocol.incomplete,
            printed_contents=protocol.printed_contents,
            based_on=rec.BasedOn(title=based_on.title, author=based_on.author, version=based_on.version,
                                 url=based_on.url) if based_on else None,
            url=protocol_url(protocol),
            version_key=protocol.version_key,
            versions_url=versions_url(protocol) if protocol.id in self.versioned else None,
            parts=tuple(rec.Part(id=part.id, title=part.title, designation=part.designation,
                                 separator=part.separator, note=part.note.text if part.note else None,
                                 note_kind=part.note.kind if part.note else None,
                                 sections=tuple(qualified(protocol.id, s.id) for s in protocol.sections
                                                if s.part == part.id))
                        for part in protocol.parts.values()),
            roles=tuple(rec.Role(id=r.id, label=r.label, shared=r.shared) for r in protocol.roles.values()),
            documents=tuple(self._document(protocol, d) for d in protocol.documents),
            definitions=tuple(
                rec.Definition(term=d.term, text=d.markdown, clause=qualified(protocol.id, d.clause.id),
                               label=d.label, variants=tuple(rec.Variant(term=v["term"], lang=v["lang"])
                                                             for v in d.variants), prose=d.prose,
                               quoted=d.quoted)
                for d in self._definitions[protocol.id]
            ),
            sections=tuple(self._section_record(views, section) for section in protocol.sections),
            languages=tuple(self._text_record(other, own) for other in self.languages for own in other.protocols
                            if own.id == protocol.id),
        )

    @staticmethod
    def _text_record(other: Dataset, text: Protocol) -> rec.ProtocolText:
        """A protocol's text in another language, as its protocol's record names it (``other``: the
        dataset of that language's texts)."""
        records = [record for record in other.records if record.protocol == text.id]
        return rec.ProtocolText(language=text.language, council=text.council, title=text.title, url=protocol_url(text),
                                clauses=len(records), obligations=sum(len(record.obligations) for record in records))

    def _section_record(self, views: readings.Views, section: Section) -> rec.Section:
        protocol = views.tracked
        now, before = views.amended_sections.get(section.id), views.original_sections.get(section.id)
        shown = now or before or section
        title = shown.name
        moved = section.moved_from

        def tree(clauses: tuple[Clause, ...]) -> tuple[rec.ClauseNode, ...]:
            return tuple(rec.ClauseNode(id=qualified(protocol.id, c.id), number=c.number, clauses=tree(c.clauses))
                         for c in clauses)

        return rec.Section(
            id=qualified(protocol.id, section.id),
            number=section.number,
            designation=section.designation,
            separator=section.separator,
            part=qualified(protocol.id, section.part) if section.part else None,
            matter=section.matter,
            source=section.source,
            updated=section.updated,
            printed_number=section.printed_number,
            previous_number=section.was,
            title=title,
            untitled=shown.title is None,
            title_before=before.title if before and before.title is not None and before.title != title else None,
            change=section.change,
            moved_from=rec.SectionMovedFrom(after=qualified(protocol.id, moved.after) if moved.after else None)
            if moved else None,
            notes=tuple(n.text for n in (section.note, section.number_note) if n),
            note_kinds=tuple(n.kind for n in (section.note, section.number_note) if n),
            url=section_url(protocol, section),
            clauses=tree(section.clauses),
        )

def _anchored(clause: Clause) -> Iterator[tuple[int, str]]:
    """Each run of text in a labelled item (its words, sub-items and tail), by ``id()``, with the
    anchor of the innermost labelled item holding it."""
    def visit(items: tuple[Item, ...], anchor: str | None) -> Iterator[tuple[int, str]]:
        for item in items:
            here = item.anchor or anchor
            if here:
                yield id(item.text), here
                if item.tail is not None:
                    yield id(item.tail), here
            yield from visit(item.items, here)
            yield from visit_tail(item.tail_list, here)

    def visit_tail(tail_list: ItemList | None, anchor: str | None) -> Iterator[tuple[int, str]]:
        while tail_list is not None:
            yield from visit(tail_list.items, anchor)
            if anchor and tail_list.tail is not None:
                yield id(tail_list.tail), anchor
            tail_list = tail_list.tail_list

    for block in clause.body:
        match block:
            case ItemList():
                yield from visit(block.items, None)
                yield from visit_tail(block.tail_list, None)
            case Definitions():
                for d in block.definitions:
                    if d.anchor:
                        yield id(d.text), d.anchor
                        if d.tail is not None:
                            yield id(d.tail), d.anchor
                    yield from visit(d.items, d.anchor)
            case Table():
                for row in block.rows:
                    for cell in row.cells:
                        yield from visit(cell, None)
