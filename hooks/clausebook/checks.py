"""Integrity checks on the model, within each protocol and across all of them.

The schema has already checked each file's shape; these checks need the whole protocol:
unique ids, links and citations that resolve, declared roles, numbers in sequence, obligation
quotes found in their text, and tracked changes that make sense.
"""

from __future__ import annotations

import difflib
from typing import Any

from . import markup
from .model import Clause, Protocol, Section, Text
from .problems import Origin, Problem, at, shorten


def _suggest(name: str, choices: Any) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def targets(protocol: Protocol) -> dict[str, str | None]:
    """Every link target in a protocol, sections and clauses, by id (the first of each id), with
    its number."""
    found: dict[str, str | None] = {}
    for section in protocol.sections:
        found.setdefault(section.id, section.number)
        for clause in section.walk():
            found.setdefault(clause.id, clause.number)
    return found


def check_all(protocols: list[Protocol]) -> list[Problem]:
    """Every integrity problem across the given protocols."""
    problems: list[Problem] = []
    first_by_id: dict[str, Protocol] = {}
    for protocol in protocols:
        if protocol.id in first_by_id:
            earlier = first_by_id[protocol.id].origin.child("id")
            problems.append(at(protocol.origin.child("id"), f"protocol id {protocol.id!r} is already used",
                               earlier=earlier))
        else:
            first_by_id[protocol.id] = protocol
    index = {protocol_id: targets(protocol) for protocol_id, protocol in first_by_id.items()}
    for protocol in protocols:
        problems += _ProtocolChecker(protocol, index).run()
    return problems


class _ProtocolChecker:
    def __init__(self, protocol: Protocol, index: dict[str, dict[str, str | None]]) -> None:
        self.protocol = protocol
        self.index = index
        self.problems: list[Problem] = []

    def problem(self, origin: Origin, message: str, earlier: Origin | None = None) -> None:
        self.problems.append(at(origin, message, earlier=earlier))

    def run(self) -> list[Problem]:
        self.ids()
        self.sequence(None, self.protocol.sections, "section")
        for section in self.protocol.sections:
            self.section(section)
        return self.problems

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
        """Numbers go up by one, and a clause's number starts with its parent's."""
        previous: str | None = None
        for child in children:
            number = child.number
            if number is None:
                continue
            expected = None
            if previous is not None:
                head, _, last = previous.rpartition(".")
                expected = f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
            elif parent is not None:
                expected = f"{parent}.1"
            if expected is not None and number != expected and child.number_note is None:
                if parent is not None and not number.startswith(parent + "."):
                    after = f"is under {parent}"
                else:
                    after = f"follows {previous}" if previous else f"is the first in {parent}"
                self.problem(child.origin.child("number"),
                             f"{what} {number} {after}: expected {expected}. If the source prints it so, "
                             "add a number_note saying why")
            previous = number

    def section(self, section: Section) -> None:
        self.changes(section.origin, section.change, section.was, section.number)
        self.sequence(section.number, section.clauses, "clause")
        for clause in section.clauses:
            self.clause(clause)

    def clause(self, clause: Clause) -> None:
        if not clause.body and not clause.clauses:
            self.problem(clause.origin, f"clause {clause.id!r} has no text, body or sub-clauses")
        self.changes(clause.origin, clause.change, clause.was, clause.number)
        for cited in clause.cites:
            if cited not in self.protocol.documents:
                self.problem(clause.origin.child("cites"),
                             f"cites {cited!r}, which is not in documents{_suggest(cited, self.protocol.documents)}")
        linked: set[str] = set()
        for text in clause.texts():
            self.text(text)
            linked |= self.links(clause, text)
        for target in clause.link_notes:
            if target not in linked:
                self.problem(clause.origin.child("link_notes", target).at_key(),
                             f"link_notes names {target!r}, but no link in this clause goes there")
        self.sequence(clause.number, clause.clauses, "clause")
        for child in clause.clauses:
            self.clause(child)

    def changes(self, origin: Origin, change: str | None, was: str | None, number: str | None) -> None:
        if self.protocol.status == "adopted" and (change or was):
            self.problem(origin.child("change" if change else "was"),
                         "an adopted protocol has no tracked changes: set status to proposed-revision, "
                         "or write the text as adopted")
        if was is not None and change == "inserted":
            self.problem(origin.child("was"), "an inserted element has no old number: remove 'was'")
        if was is not None and was == number:
            self.problem(origin.child("was"), f"'was' repeats the number {number}: remove it")

    def text(self, text: Text) -> None:
        if markup.has_changes(text.markdown):
            if self.protocol.status == "adopted":
                self.problem(text.origin, "an adopted protocol has no tracked changes: set status to "
                             "proposed-revision, or write the text as adopted")
            elif text.change == "deleted":
                self.problem(text.origin, "this text is deleted as a whole: remove the tracked-change marks inside it")
            elif text.change == "inserted" and "{++" in text.markdown:
                self.problem(text.origin, "this text is inserted as a whole: remove the {++ ++} marks inside it")
        quoted = any(tag.quote is not None for tag in (*text.obligations, *text.not_obligations))
        plain = " ".join(text.plain.split()) if quoted else ""
        # A deleted text never inherits an obligation from `each`: any it has, its author wrote.
        for obligation in text.obligations:
            if text.change == "deleted":
                self.problem(obligation.origin, "this text is deleted: it states no obligation")
            for role in obligation.who + obligation.towards:
                self.role(role, obligation.origin)
            self.quote(obligation.quote, plain, obligation.origin)
        for entry in text.not_obligations:
            self.quote(entry.quote, plain, entry.origin)

    def role(self, role: str, origin: Origin) -> None:
        if role not in self.protocol.roles:
            self.problem(origin, f"role {role!r} is not declared in roles{_suggest(role, self.protocol.roles)}")

    def quote(self, quote: str | None, plain: str, origin: Origin) -> None:
        if quote is not None and " ".join(markup.plain(quote).split()) not in plain:
            self.problem(origin.child("quote"), f"quote {shorten(quote)} is not in the text (as amended)")

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
                self.problem(text.origin,
                             f"link to {link.target!r}: no protocol {protocol_id!r} among the files checked")
                continue
            found = self.index[protocol_id]
            if link.clause not in found:
                self.problem(text.origin, f"link to {link.target!r} matches no clause or section"
                             f"{_suggest(link.clause, found)}")
                continue
            number = found[link.clause]
            named = markup.numbers_named(link.label)
            if named and number not in named and link.clause not in clause.link_notes:
                shown = number or "unnumbered"
                self.problem(text.origin, f"the link [{link.label}] names {' / '.join(named)}, but "
                             f"{link.target!r} is {shown}: fix the link, or explain it in link_notes")
        return landed
