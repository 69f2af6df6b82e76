"""How a reader cites each clause of a protocol, by words they can find on the page or in print,
one citation per clause, never the same for two clauses of one protocol:

| clause | citation |
|---|---|
| numbered, its number unique in the protocol | its full reference: `4.2`, `10(2)` |
| numbered, where numbering starts again | `Appendix B paragraph 1`, `section 3 paragraph 1`, `Gifts, paragraph 1` |
| with a designation in words | the designation as printed: `Table 1`, `Best practice 3` |
| unnumbered, with a heading (a sub-heading too) | the heading: `Committees` |
| unnumbered, without one | its place under what holds it: `10.4 (second paragraph)`; alone in a section, the section |

A designation that prints the number ("10.—(1)") is cited by the full reference (`10(1)`), as
the code's own cross-references write it. Where the same designation or heading stands in two
sections, each is qualified by its section (`Appendix A, Table 1`). Where the citation is a bare
number, a link names it as a paragraph (``link_name``): "Link to paragraph 4.2".

A citation is worked out for one reading of a protocol; ``citations`` gives every clause's, from
the reading as amended and, for a clause the revision deletes, from the tracked reading, where it
stands struck through among the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from clausebook.format import markup
from clausebook.format.model import Clause, Protocol, Section
from clausebook.words import say, spoken

BARE_NUMBER = re.compile(r"[\d(][\w.()]*|[A-Z](?:[\d.(][\w.()]*)?")  # a reference alone: "4.2", "10(2A)", "B", "A.1"
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True, slots=True)
class _Placed:
    """A clause where it stands: its section, the clause that holds it (None: the section does),
    and how it is cited on its own, before any qualifier (None: only by its place)."""

    clause: Clause
    section: Section
    parent: Clause | None
    own: str | None
    numbered: bool  # cited by its number, so its section's numbering decides the qualifier


def citations(protocol: Protocol, tracked: Protocol | None = None) -> dict[str, str]:
    """Each clause's citation by clause id: from ``protocol`` (a reading as amended, or any one
    reading), and for a clause only ``tracked`` (the tracked reading of a revision) has, from that;
    in the protocol's language ("5 (yr ail baragraff)"), whichever output asks first."""
    with spoken(protocol.language):
        found = dict(_reading(tracked)) if tracked is not None else {}
        found.update(_reading(protocol))
        return found


def _words(text: str) -> str:
    """Words for a citation: as amended, or as they were where the revision leaves none."""
    return markup.plain(markup.amended(text)) or markup.plain(markup.original(text))


def link_name(citation: str) -> str:
    """How a link or a sentence names a clause by its citation: a bare number as a paragraph
    ("paragraph 4.2"), any other citation as it is ("Table 1", "Appendix B paragraph 1",
    "10.4 (second paragraph)")."""
    return say("paragraph {number}", number=citation) if BARE_NUMBER.fullmatch(citation) else citation


def with_labels(citation: str, reference: str | None, labels: str) -> str:
    """The citation of a labelled item in a clause (``labels``: "(a)(ii)"): the labels follow the
    clause's number where it is cited by its number ("Appendix B paragraph 1(a)(ii)"), and name
    an item otherwise ("Table 1, item (a)")."""
    if not labels:
        return citation
    if reference and citation.endswith(reference):
        return f"{citation}{labels}"
    return say("{citation}, item {labels}", citation=citation, labels=labels)


def ordinal(position: int) -> str:
    """'first', 'second' … 'tenth', then '11th', '12th', '21st'."""
    return ORDINALS[position - 1] if position <= len(ORDINALS) else ordinal_figure(position)


def ordinal_figure(position: int) -> str:
    """'1st', '2nd', '11th', '21st'."""
    suffix = "th" if 10 <= position % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")
    return f"{position}{suffix}"


def nth_paragraph(position: int) -> str:
    """'second paragraph', in the language being spoken ("yr ail baragraff"; past the tenth, by its
    figure)."""
    if position <= len(ORDINALS):
        return say(f"{ordinal(position)} paragraph")
    return say("{ordinal} paragraph", ordinal=ordinal(position), number=position)


def section_label(section: Section) -> str:
    """A section as a citation names it: its designation ("Appendix B"), its number ("section 3"),
    or its title."""
    if section.designation:
        return section.designation
    if section.number:
        return say("section {number}", number=section.number)
    return _words(section.title) if section.title is not None else section.name  # (no title printed)


def _reading(protocol: Protocol) -> dict[str, str]:
    placed = list(_placed(protocol))
    cited = _qualified(protocol, placed)
    # An unnumbered paragraph without a heading: its place among the paragraphs under the clause
    # that holds it, or under its section (alone there, the section's own name); parents come
    # first, so theirs is known.
    positions: dict[str, tuple[int, int]] = {}  # clause id → (its place among its siblings, how many)
    for holder in (*protocol.sections, *(place.clause for place in placed)):
        siblings = [clause for clause in holder.clauses if not clause.subheading]
        positions.update((clause.id, (index, len(siblings))) for index, clause in enumerate(siblings, 1))
    for place in placed:
        if place.own is None:
            holder = cited[place.parent.id] if place.parent else section_label(place.section)
            position, count = positions[place.clause.id]
            if place.parent is None and count == 1:
                cited[place.clause.id] = holder
                continue
            position += 1 if place.parent and place.parent.body else 0
            cited[place.clause.id] = say("{holder} ({place})", holder=holder, place=nth_paragraph(position))
    return cited


def _placed(protocol: Protocol) -> Iterator[_Placed]:
    def walk(section: Section, clauses: tuple[Clause, ...], parent: Clause | None) -> Iterator[_Placed]:
        for clause in clauses:
            own, numbered = _own(clause)
            yield _Placed(clause=clause, section=section, parent=parent, own=own, numbered=numbered)
            yield from walk(section, clause.clauses, clause)

    for section in protocol.sections:
        yield from walk(section, section.clauses, None)


def _own(clause: Clause) -> tuple[str | None, bool]:
    """How a clause is cited on its own, and whether that is by its number."""
    if clause.designation and clause.designation[:1].isalpha():
        return clause.designation, False
    if clause.reference or clause.number:
        return clause.reference or clause.number, True
    if clause.heading:
        return _words(clause.heading), False
    return None, False


def _qualified(protocol: Protocol, placed: list[_Placed]) -> dict[str, str]:
    """The citations of the clauses cited on their own, each qualified by its section (and part)
    where another clause of the protocol is cited the same way.

    Numbers are qualified section by section: a section whose numbers repeat another's (an
    appendix whose paragraphs start again at 1) qualifies all of them, its unrepeated ones too, so
    that "Appendix B paragraph 1(a)" stands with "Appendix B paragraph 1". Where numbers repeat
    between the body and a designated section, only the designated one is qualified."""
    by_number: dict[str, set[str]] = {}
    for place in placed:
        if place.numbered and place.own:
            by_number.setdefault(place.own, set()).add(place.section.id)
    sections = {section.id: section for section in protocol.sections}
    clashing = [ids for ids in by_number.values() if len(ids) > 1]
    restarting = {sid for ids in clashing for sid in ids if sections[sid].designation}
    for ids in clashing:
        if len(ids - restarting) > 1:  # two sections without a designation: a protocol page by page
            restarting |= ids

    def qualified(place: _Placed, with_part: bool) -> str:
        label = section_label(place.section)
        if with_part and place.section.part and (part := protocol.parts.get(place.section.part)):
            label = f"{part.designation or _words(part.title)} {label}"
        if place.numbered and (place.section.designation or place.section.number):
            return say("{section} paragraph {number}", section=label, number=place.own)
        return say("{section}, paragraph {number}", section=label, number=place.own) if place.numbered \
            else f"{label}, {place.own}"

    cited: dict[str, str] = {}
    for place in placed:
        if place.own is not None:
            cited[place.clause.id] = qualified(place, False) if place.numbered and place.section.id in restarting \
                else place.own
    for with_part in (False, True):  # a designation or heading that repeats; then what still does
        counts: dict[str, int] = {}
        for place in placed:
            if place.own is not None:
                counts[cited[place.clause.id]] = counts.get(cited[place.clause.id], 0) + 1
        for place in placed:
            if place.own is not None and counts[cited[place.clause.id]] > 1:
                cited[place.clause.id] = qualified(place, with_part)
    return cited
