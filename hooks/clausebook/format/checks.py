"""Integrity checks on the model, within each protocol and across all of them.

The schema has already checked each file's shape; these checks need the whole protocol:
unique ids, links and citations that resolve, declared roles, numbers in sequence, obligation
quotes found in their text, and tracked changes that make sense.
"""

from __future__ import annotations

import difflib
from typing import Any

from clausebook import readings
from clausebook.format import markup, numbering
from clausebook.format.model import Clause, Definitions, Item, ItemList, MovedFrom, Protocol, Section, Text
from clausebook.format.problems import Origin, Problem, at, shorten
from clausebook.format.schema import SHARED_ROLES
from clausebook.urls import RESERVED_PROTOCOL_IDS, RESERVED_SECTION_IDS

QUOTE_CHARACTERS = "\"'“”‘’«»„"


def _suggest(name: str, choices: Any) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def targets(protocol: Protocol) -> dict[str, tuple[str, ...]]:
    """Every link target in a protocol (sections, clauses and labelled items) by id, the first of
    each id, with the names a link's words may give it: its number, its full reference, its
    designation. The first name is the one an error message shows; none if it has no number."""
    found: dict[str, tuple[str, ...]] = {}
    for section in protocol.sections:
        found.setdefault(section.id, numbering.link_names(section.number, section.number, section.designation))
        for clause in section.walk():
            found.setdefault(clause.id, numbering.link_names(clause.number, clause.reference, clause.designation))
            base = clause.reference or clause.number or ""
            for anchor, labels in clause.anchors():
                found.setdefault(anchor, numbering.link_names(None, numbering.item_reference(base, labels), None))
    return found


def check_all(protocols: list[Protocol], also: list[Protocol] | None = None) -> list[Problem]:
    """Every integrity problem across the given protocols (whose links may lead to ``also``'s
    clauses too: checked already)."""
    problems: list[Problem] = []
    first_by_id: dict[str, Protocol] = {}
    for protocol in protocols:
        if protocol.id in first_by_id:
            earlier = first_by_id[protocol.id].origin.child("id")
            problems.append(at(protocol.origin.child("id"), f"protocol id {protocol.id!r} is already used",
                               earlier=earlier))
        else:
            first_by_id[protocol.id] = protocol
    index = {protocol.id: targets(protocol) for protocol in also or ()}
    index |= {protocol_id: targets(protocol) for protocol_id, protocol in first_by_id.items()}
    for protocol in protocols:
        problems += _ProtocolChecker(protocol, index).run()
    return problems


class _Plain:
    """A run of text as plain words in each reading, worked out only when a quote is checked."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.found: dict[str, str] = {}

    def words(self, reading: str) -> str:
        if self.text.change is None and not markup.has_changes(self.text.markdown):
            reading = "amended"  # both readings are the same words
        if reading not in self.found:
            value = self.text.amended if reading == "amended" else self.text.original
            self.found[reading] = " ".join(markup.plain(value).split())
        return self.found[reading]


class _ProtocolChecker:
    def __init__(self, protocol: Protocol, index: dict[str, dict[str, str | None]]) -> None:
        self.protocol = protocol
        self.index = index
        self.problems: list[Problem] = []

    def problem(self, origin: Origin, message: str, earlier: Origin | None = None, *,
                snippet: str | None = None) -> None:
        self.problems.append(at(origin, message, earlier=earlier, snippet=snippet))

    def run(self) -> list[Problem]:
        self.reserved()
        self.ids()
        self.moves()
        self.parts()
        for section in self.protocol.sections:
            self.section(section)
        for role in self.protocol.roles.values():
            if role.shared is not None and role.shared not in SHARED_ROLES:
                close = difflib.get_close_matches(role.shared, SHARED_ROLES, n=1, cutoff=0.8)
                if close:
                    self.problem(role.origin.child("shared"), f"`shared` cannot be {role.shared!r} "
                                 f"(did you mean {close[0]!r}?)")
        return self.problems

    def parts(self) -> None:
        """Sections name declared parts, a part's sections stand together, and each part's
        section numbers (front and end matter aside) run in their own sequence."""
        parts = self.protocol.parts
        runs: list[tuple[str | None, list[Section]]] = []
        ended: dict[str, Section] = {}
        for section in self.protocol.sections:
            if section.part is not None and section.part not in parts:
                self.problem(section.origin.child("part"), f"part {section.part!r} is not declared in `parts`"
                             f"{_suggest(section.part, parts)}", snippet=section.part)
            if runs and runs[-1][0] == section.part:
                runs[-1][1].append(section)
                continue
            if section.part is not None and section.part in ended:
                self.problem(section.origin.child("part"), f"the sections of part {section.part!r} must stand "
                             f"together: this one is apart from {ended[section.part].id!r}")
            if runs and runs[-1][0] is not None:
                ended[runs[-1][0]] = runs[-1][1][-1]
            runs.append((section.part, [section]))
        used = {section.part for section in self.protocol.sections}
        for part in parts.values():
            if part.id not in used:
                self.problem(part.origin.at_key(), f"part {part.id!r} has no sections: give a section "
                             f"`part: {part.id}`, or remove the part")
        for _, sections in runs:
            self.sequence(None, tuple(s for s in sections if s.matter is None), "section")

    def reserved(self) -> None:
        """Ids the handbook's own addresses take (urls.py)."""
        protocol = self.protocol.id
        if protocol in RESERVED_PROTOCOL_IDS:
            self.problem(self.protocol.origin.child("id"), f"protocol id {protocol!r} is taken by the handbook's "
                         f"own pages at {protocol}/: choose another")
        for section in self.protocol.sections:
            if section.id in RESERVED_SECTION_IDS:
                self.problem(section.origin.child("id"), f"section id {section.id!r} is taken by the protocol's "
                             f"{RESERVED_SECTION_IDS[section.id]} at {protocol}/{section.id}/: choose another")

    def ids(self) -> None:
        seen: dict[str, Origin] = {}
        retired = set(self.protocol.retired_ids)
        obligations: dict[str, Origin] = {}
        elements: list[Section | Clause] = []
        for section in self.protocol.sections:
            elements.append(section)
            elements.extend(section.walk())
        for element in elements:
            where = element.origin.child("id")
            if element.id in seen:
                self.problem(where, f"duplicate id {element.id!r}", earlier=seen[element.id])
            else:
                seen[element.id] = where
            if element.id in retired:
                self.problem(where, f"id {element.id!r} is retired (listed in retired_ids): choose a new one")
            if isinstance(element, Clause):
                for text in element.texts():
                    for obligation in text.obligations:
                        if obligation.id in obligations and not obligation.inherited:
                            self.problem(obligation.origin.child("id"), f"duplicate obligation id {obligation.id!r}",
                                         earlier=obligations[obligation.id])
                        obligations.setdefault(obligation.id, obligation.origin.child("id"))

    def sequence(self, parent: str | None, children: tuple[Section, ...] | tuple[Clause, ...], what: str) -> None:
        """Numbers go up by one (or insert a letter: 2A), and a clause's number starts with its
        parent's, unless the first one starts a sequence of its own (1, (1), (a), A)."""
        previous: str | None = None
        for child in children:
            number = child.number
            if number is None:
                continue
            allowed: list[str] = []
            if previous is not None:
                allowed = numbering.following(previous)
            elif parent is not None:
                allowed = [f"{parent}.1", *numbering.FIRSTS, *(f"({first})" for first in numbering.FIRSTS)]
            if allowed and number not in allowed and child.number_note is None:
                if previous is None:
                    after = f"is the first in {parent}"
                    expected = ("(1)" if number[1].isdigit() else "(a)") if number.startswith("(") else allowed[0]
                else:
                    under = parent is not None and previous.startswith(parent + ".") \
                        and not number.startswith(parent + ".") and not number.startswith("(")
                    after = f"is under {parent}" if under else f"follows {previous}"
                    expected = " or ".join(allowed[:2]) if numbering.INSERTED.search(number) else allowed[0]
                self.problem(child.origin.child("number"),
                             f"{what} {number} {after}: expected {expected}; if the source prints it so, "
                             "add a `number_note` saying why")
            previous = number

    def section(self, section: Section) -> None:
        self.changes(section.origin, section.change, section.was, section.number)
        if not self.runs_on(section):
            self.sequence(section.number, section.clauses, "clause")
        for clause in section.clauses:
            self.clause(clause)

    def runs_on(self, section: Section) -> bool:
        """Under `numbering: continuous`, a section's first numbered paragraph follows on from the
        last one of the section before it in the same part (front and end matter aside), and the
        rest follow it. Whether it checked the section's sequence (False: it starts its own)."""
        if self.protocol.numbering != "continuous" or section.matter is not None:
            return False
        sections = self.protocol.sections
        before = [s for s in sections[:sections.index(section)] if s.part == section.part and s.matter is None]
        last = next((c for s in reversed(before) for c in reversed(s.clauses) if c.number is not None), None)
        first = next((c for c in section.clauses if c.number is not None), None)
        if last is None or first is None or last.number is None or first.number is None:
            return False
        allowed = numbering.following(last.number)
        if first.number not in allowed and first.number_note is None:
            where = next(s for s in reversed(before) if last in s.clauses)
            named = f"section {where.number}" if where.number else repr(where.id)
            expected = " or ".join(allowed[:2]) if numbering.INSERTED.search(first.number) else allowed[0]
            self.problem(first.origin.child("number"),
                         f"clause {first.number} follows {last.number}, the last in {named} (the numbering is "
                         f"continuous): expected {expected}; if the source prints it so, add a `number_note` "
                         "saying why")
        self.sequence(None, section.clauses, "clause")
        return True

    def clause(self, clause: Clause) -> None:
        if not clause.subheading and not clause.body and not clause.clauses:
            self.problem(clause.origin, f"clause {clause.id!r} is empty: give it `text`, `body` or `clauses`; "
                         "a heading with nothing under it is a `subheading:`")
        if clause.optional_note and not clause.optional:
            self.problem(clause.origin.child("optional_note").at_key(), "`optional_note` is for an optional "
                         "clause: add `optional: true`, or remove the note")
        self.changes(clause.origin, clause.change, clause.was, clause.number)
        for index, cited in enumerate(clause.cites):
            if cited not in self.protocol.documents:
                self.problem(clause.origin.child("cites", index), f"`cites` names {cited!r}, which is not in "
                             f"`documents`{_suggest(cited, self.protocol.documents)}")
        linked: set[str] = set()
        for text in clause.texts():
            self.text(text)
            linked |= self.links(clause, text)
        for target in clause.link_notes:
            if target not in linked:
                self.problem(clause.origin.child("link_notes", target).at_key(),
                             f"`link_notes` names {target!r}, but no link in this clause goes there: "
                             "fix the link, or remove the note")
        self.quoted_terms(clause)
        self.sequence(clause.number, clause.clauses, "clause")
        self.dotted_labels(clause)
        for child in clause.clauses:
            self.clause(child)

    def quoted_terms(self, clause: Clause) -> None:
        """A term given `quoted` is written without the quote marks, which the outputs print."""
        for block in clause.body:
            if not isinstance(block, Definitions):
                continue
            for definition in block.definitions:
                term = markup.plain(definition.term).strip()
                if definition.quoted and term[:1] in QUOTE_CHARACTERS and term[-1:] in QUOTE_CHARACTERS:
                    self.problem(definition.origin.child("term"), f"the term {shorten(definition.term)} is written "
                                 "with its quote marks, and `quoted` prints them again: write the term without them")

    def dotted_labels(self, clause: Clause) -> None:
        """Item labels that are dotted numbers (1.1, 1.2) run in sequence through the clause's
        lists, under the clause's number where it has one."""
        number = clause.number if clause.number and numbering.SEQUENCED.fullmatch(clause.number) else None
        previous: str | None = None
        for block in clause.body:
            if isinstance(block, ItemList):
                previous = self.dotted(block.items, number, previous)

    def dotted(self, items: tuple[Item, ...], parent: str | None, previous: str | None,
               holder: str = "clause") -> str | None:
        """Check one list's dotted labels, after ``previous``; give back the last of them. The
        sub-items of an item labelled 1.2 run under 1.2 (1.2.1, 1.2.2)."""
        for item in items:
            label = item.label if item.label and numbering.DOTTED.fullmatch(item.label) else None
            if label is not None:
                allowed = numbering.dotted_following(previous) if previous else [f"{parent}.1"] if parent else []
                if allowed and label.lower() not in allowed and item.note is None:
                    under = parent is not None and label.rpartition(".")[0].upper() != parent.upper()
                    after = f"is under {holder} {parent}" if under else f"follows {previous}" if previous else \
                        f"is the first in {holder} {parent}"
                    self.problem(item.origin.child("label"), f"label {label} {after}: expected {allowed[0]}; if the "
                                 "source prints it so, add a `note` to the item saying why")
                previous = label
            self.dotted(item.items, label, None, "item")
        return previous

    def moves(self) -> None:
        """Every moved section and clause says where it stood, and that place is in the protocol
        before the revision."""
        elements: list[Section | Clause] = [*self.protocol.sections, *self.protocol.clauses()]
        if not any(element.change == "moved" or element.moved_from for element in elements):
            return
        before = readings.original(self.protocol)
        kept = {element.id for element in before.sections} | {clause.id for clause in before.clauses()}
        for element in elements:
            where = element.origin.child("moved_from")
            if element.change == "moved" and element.moved_from is None:
                self.problem(element.origin.child("change"), "`change: moved` needs `moved_from`: "
                             "the section or clause that held it, and what it followed")
            elif element.moved_from is not None and element.change != "moved":
                self.problem(where.at_key(), "`moved_from` is only for `change: moved`")
            elif element.moved_from is not None:
                self.moved_from(element, element.moved_from, where, kept)

    def moved_from(self, element: Section | Clause, moved: MovedFrom, where: Origin, kept: set[str]) -> None:
        if isinstance(element, Section) and moved.parent is not None:
            self.problem(where.child("parent"), "a section moves among sections: remove `parent`")
            return
        inside = {clause.id for clause in element.walk()} if isinstance(element, Clause) else set()
        for field in ("parent", "after"):
            target = getattr(moved, field)
            if target is None:
                continue
            if target == element.id or target in inside:
                self.problem(where.child(field), f"`moved_from.{field}` names {target!r}, the moved element itself")
            elif target not in kept:
                self.problem(where.child(field), f"`moved_from.{field}` names {target!r}, which is not in the protocol "
                             f"before the revision{_suggest(target, kept)}")

    def changes(self, origin: Origin, change: str | None, was: str | None, number: str | None) -> None:
        if self.protocol.status == "adopted" and (change or was):
            self.problem(origin.child("change" if change else "was"),
                         "an adopted protocol has no tracked changes: set `status` to proposed-revision, "
                         "or write the text as adopted")
        if was is not None and change == "inserted":
            self.problem(origin.child("was"), "an inserted element has no old number: remove `was`")
        if was is not None and was == number:
            self.problem(origin.child("was"), f"`was` repeats the number {number}: remove it")

    def text(self, text: Text) -> None:
        if markup.has_changes(text.markdown):
            first = markup.CHANGE.search(text.markdown)
            mark = first.group() if first else None
            if self.protocol.status == "adopted":
                self.problem(text.origin, f"an adopted protocol has no tracked changes: {markup.quoted(mark or '')} "
                             "is one; set `status` to proposed-revision, or write the text as adopted", snippet=mark)
            elif text.change == "deleted":
                self.problem(text.origin, "this text is deleted as a whole: remove the tracked-change marks inside it",
                             snippet=mark)
            elif text.change == "inserted" and "{++" in text.markdown:
                self.problem(text.origin, "this text is inserted as a whole: remove the {++ ++} marks inside it",
                             snippet=text.markdown[text.markdown.index("{++"):][:40])
        plain = _Plain(text)
        for obligation in text.obligations:
            for field, roles in (("who", obligation.who), ("towards", obligation.towards)):
                for role in roles:
                    self.role(role, obligation.origin.child(field))
            if obligation.change and text.change and obligation.change != text.change:
                self.problem(obligation.origin.child("change"),
                             f"this text is {text.change} as a whole: its obligations cannot be {obligation.change}")
                continue
            change = obligation.change or text.change
            stated = [r for r in ("amended", "original") if readings.has(change, r)]
            for reading in stated:
                if self.quote(obligation.quote, plain, obligation.origin, reading,
                              changed=text.change is None and markup.has_changes(text.markdown)):
                    break
        for entry in text.not_obligations:
            self.quote(entry.quote, plain, entry.origin, readings.side_of(text.change))
        for index, term in enumerate(text.defines):
            words = plain.words(readings.side_of(text.change)).casefold()
            if " ".join(markup.plain(term).split()).casefold() not in words:
                tags = text.origin.path[:-1] if text.origin.path[-1:] in (("text",), ("lead",), ("quote",)) \
                    else text.origin.path
                self.problem(Origin(text.origin.file, (*tags, "defines", index)),
                             f"`defines` names {shorten(term)}, which is not in the text")

    def role(self, role: str, origin: Origin) -> None:
        if role not in self.protocol.roles:
            self.problem(origin, f"role {role!r} is not declared in `roles`{_suggest(role, self.protocol.roles)}",
                         snippet=role)

    def quote(self, quote: str | None, plain: _Plain, origin: Origin, reading: str, *, changed: bool = False) -> bool:
        """Whether a tag's quote is missing from the text in that reading (reported if so)."""
        if quote is None or " ".join(markup.plain(quote).split()) in plain.words(reading):
            return False
        if reading == "amended":
            message = f"quote {shorten(quote)} is not in the text (as amended)"
        else:
            message = f"quote {shorten(quote)} is not in the text before the revision"
        if changed:
            message += ("; quote words the text has both before and after the revision, or, if the revision "
                        "changes what it asks, give this obligation `change: inserted` and tag the old words with "
                        "another obligation, `change: deleted`")
        self.problem(origin.child("quote"), message)
        return True

    def links(self, clause: Clause, text: Text) -> set[str]:
        """Check the clause links in a run of text; give back the ids they land on."""
        landed = set()
        for link in markup.links(text.markdown):
            if link.clause is None:
                continue
            protocol_id = link.protocol or self.protocol.id
            if protocol_id == self.protocol.id:
                landed.add(link.clause)
            if protocol_id not in self.index:
                self.problem(text.origin, f"link to {markup.quoted(link.target)}: no protocol {protocol_id!r} "
                             "among the files checked", snippet=link.target)
                continue
            found = self.index[protocol_id]
            if link.clause not in found:
                holder = link.clause.split("--")[0]
                what = f"labelled item of clause {holder!r}" if "--" in link.clause and holder in found \
                    else "clause or section"
                self.problem(text.origin, f"link to {markup.quoted(link.target)} matches no {what}"
                             f"{_suggest(link.clause, found)}", snippet=link.target)
                continue
            named = numbering.named(markup.plain(link.label), found[link.clause])
            if named and link.clause not in clause.link_notes:
                names = found[link.clause]  # shown as the words name it: by designation, or by number
                designations = [name for name in names if " " in name]
                shown = designations[0] if designations and any(" " in n for n in named) else \
                    names[0] if names else "unnumbered"
                self.problem(text.origin, f"the link {markup.quoted(f'[{link.label}]')} names {' / '.join(named)}, "
                             f"but {markup.quoted(link.target)} is {shown}: fix the link, or explain it in "
                             "`link_notes`", snippet=f"[{link.label}]")
        return landed
