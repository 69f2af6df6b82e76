"""A protocol in two languages: its text in another language kept in a file beside its own, and
checked to say the same provisions.

A council that publishes in English and Welsh writes each text as a whole source file:
``source/<p>.yaml`` (the text the protocol's own pages show, in its ``language``) and
``source/<p>.cy.yaml`` beside it (the same protocol, ``id: <p>``, with ``language: cy``). The
suffix names the other text's language and its addresses' prefix: its pages are at ``cy/<p>/…``.
A protocol in one language is written exactly as before.

Parallel files rather than parallel fields, because each text is a whole document a translator
works on, an author imports from its own Word file and a committee reads alone; and because the
check below can name both places of a difference, line and column, however the two are laid out.

The two texts must have one structure (``parity``): the same sections and clauses, with the same
ids, numbers and designations, in the same places; the same blocks, items, definitions and table
rows (item labels may follow each language's alphabet: "(ch)" is a Welsh letter); the same
obligations, by whom and of what force; and the same changes: an element inserted, deleted or
moved, or words amended, in one text is so in the other. Each difference is an error at both
places, each naming the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath

from clausebook.citations import ordinal_figure
from clausebook.format import markup
from clausebook.format.model import (
    Block,
    Clause,
    Definition,
    Definitions,
    Item,
    ItemList,
    Protocol,
    Row,
    Section,
    Table,
    Text,
    places,
)
from clausebook.format.problems import Origin, Problem, at

SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3})$")  # <p>.cy(.yaml)
# The English names of the languages of the nations' councils (and of the terms their codes define),
# by BCP 47 primary tag; any other is named by its tag.
NAMES = {"en": "English", "cy": "Welsh", "ga": "Irish", "gd": "Scottish Gaelic", "gv": "Manx", "kw": "Cornish",
         "sco": "Scots"}
OWN_NAMES = {"en": "English", "cy": "Cymraeg"}  # each language's name for itself (a language switch's words)


def other_language(file: str) -> str | None:
    """The language a source file holds another text of a protocol in (``<p>.cy.yaml`` → "cy");
    None for a protocol's own file."""
    match = SUFFIX.match(PurePath(file).stem)
    return match["language"] if match else None


def primary(tag: str) -> str:
    """A language tag's language: "cy-GB" → "cy"."""
    return tag.split("-")[0].lower()


def name(tag: str) -> str:
    """A language's English name: "cy-GB" → "Welsh"; an unknown tag as it is."""
    return NAMES.get(primary(tag), tag)


def own_name(tag: str) -> str:
    """A language's name for itself: "cy" → "Cymraeg"; an unknown tag as it is."""
    return OWN_NAMES.get(primary(tag), tag)


def texts(protocols: Iterable[Protocol], others: Iterable[Protocol]) -> tuple[dict[str, tuple[Protocol, ...]],
                                                                             list[Problem]]:
    """Each protocol's texts in other languages, by protocol id (each with ``language_path`` set:
    its addresses' prefix), and the problems: a file that is no protocol's other text, or whose
    language is not its name's, and every difference between two texts (``parity``)."""
    own = {protocol.id: protocol for protocol in protocols}
    found: dict[str, list[Protocol]] = {}
    problems: list[Problem] = []
    for text in others:
        suffix = other_language(text.origin.file) or ""
        protocol = own.get(text.id)
        if protocol is None:
            problems.append(at(text.origin.child("id"), f"{PurePath(text.origin.file).name} is the {name(suffix)} text "
                                                        f"of protocol {text.id!r}, but no source file is protocol "
                                                        f"{text.id!r}: the file of its own text has its id"))
            continue
        if primary(text.language) != suffix:
            problems.append(at(text.origin.child("language") if text.language else text.origin,
                               f"a file named .{suffix}.yaml holds the {name(suffix)} text: state its language "
                               f"(language: {suffix}), not {text.language!r}"))
            continue
        if primary(protocol.language) == suffix:
            problems.append(at(text.origin.child("language"), f"protocol {text.id!r} is written in {name(suffix)} "
                                                              f"already ({protocol.origin.file}): a text in another "
                                                              f"language is named by that language"))
            continue
        if any(primary(kept.language) == suffix for kept in found.get(text.id, ())):
            problems.append(at(text.origin.child("id"), f"protocol {text.id!r} has a {name(suffix)} text already"))
            continue
        problems += parity(protocol, text)
        found.setdefault(text.id, []).append(replace(text, language_path=suffix))
    return {protocol_id: tuple(found_texts) for protocol_id, found_texts in found.items()}, problems


@dataclass(frozen=True, slots=True)
class _Mark:
    """One element of a text as the parity check sees it: what it is (``key``, the same in both
    languages), what must agree (``facts``), and where it is."""

    key: tuple[object, ...]
    name: str  # what a message calls it: "clause 3(2) ('p3-2')"
    facts: dict[str, object]
    origin: Origin
    parent: tuple[object, ...] | None = None  # the key of what holds it (where a missing element would be)
    children: tuple[str, ...] = ()  # the ids of the clauses it holds, in order


def parity(protocol: Protocol, other: Protocol) -> list[Problem]:
    """Every difference in structure, numbers, obligations and changes between a protocol's text
    and its text in another language: each an error at both places, each naming the other. Within
    a clause only its first difference is reported (the rest follow from it, as a rule), and of
    an element one text lacks, the element alone (not what it holds)."""
    first, second = name(protocol.language), name(other.language)
    ours, theirs = list(_marks(protocol)), list(_marks(other))
    own, others = {mark.key: mark for mark in ours}, {mark.key: mark for mark in theirs}
    problems: list[Problem] = []
    reported: set[object] = set()

    def report(mark: _Mark, there: _Mark, ours_says: str, theirs_says: str) -> None:
        if _once(mark.key) not in reported:
            reported.add(_once(mark.key))
            problems.extend((at(mark.origin, ours_says, see=there.origin),
                             at(there.origin, theirs_says, see=mark.origin)))

    for mark in ours:
        there = others.get(mark.key)
        if there is None:
            continue
        facts = {**mark.facts, "order of its clauses": _common(mark.children, there.children)}
        there_facts = {**there.facts, "order of its clauses": _common(there.children, mark.children)}
        for fact, value in facts.items():
            if there_facts.get(fact) != value:
                says = (f"{fact}: {_shown(value)} in the {first} text, {_shown(there_facts.get(fact))} in the "
                        f"{second}; the two texts must say the same")
                report(mark, there, f"{mark.name}: {says}", f"{there.name}: {says}")
                break
    for mark in _lacking(ours, others):
        place = others.get(mark.parent) if mark.parent else None
        report(mark, place or _Mark((), "", {}, other.origin.at_key()),
               f"{mark.name} is in the {first} text only: its {second} text does not have it",
               f"the {first} text has {mark.name} here; this {second} text does not")
    for mark in _lacking(theirs, own):
        place = own.get(mark.parent) if mark.parent else None
        report(place or _Mark((), "", {}, protocol.origin.at_key()), mark,
               f"the {second} text has {mark.name} here; this {first} text does not",
               f"{mark.name} is in the {second} text only: its {first} text does not have it")
    return problems


def _lacking(marks: list[_Mark], present: dict[tuple[object, ...], _Mark]) -> Iterator[_Mark]:
    """The marks whose element the other text lacks, but those inside one it lacks already."""
    missing: set[tuple[object, ...]] = set()
    for mark in marks:
        if mark.key in present:
            continue
        missing.add(mark.key)
        if mark.parent not in missing:
            yield mark


def _common(ids: tuple[str, ...], others: tuple[str, ...]) -> tuple[str, ...]:
    """``ids`` that ``others`` has too, in their order (a clause one text lacks is reported on its own)."""
    return tuple(element for element in ids if element in others)


def _once(key: tuple[object, ...]) -> object:
    """What differences are reported once for: a clause (or section), or the protocol."""
    return key[:2] if key and key[0] in ("clause", "section") else key


def _shown(value: object) -> str:
    if value is None or value == () or value is False or value == "":
        return "none"
    if value is True:
        return "yes"
    if isinstance(value, tuple):
        return ", ".join(_shown(part) for part in value)
    return str(value)


def _marks(protocol: Protocol) -> Iterator[_Mark]:
    """The parity check's view of a text, in document order."""
    yield _Mark(("protocol",), f"protocol {protocol.id!r}", {
        "status": protocol.status, "adoption date": protocol.adopted, "revision date": protocol.revised,
        "effective date": protocol.effective, "numbering": protocol.numbering,
        "parts": tuple(protocol.parts), "roles": tuple(sorted(protocol.roles)),
        "documents": tuple(sorted(protocol.documents))}, protocol.origin.at_key())
    for index, section in enumerate(protocol.sections):
        yield from _section_marks(section, index)


def _section_marks(section: Section, index: int) -> Iterator[_Mark]:
    key = ("section", section.id)
    yield _Mark(key, f"section {section.number + ' ' if section.number else ''}({section.id!r})", {
        "place": index, "number": section.number, "designation": section.designation, "part": section.part,
        "matter": section.matter, "change": section.change, "former number": section.was}, section.origin,
                ("protocol",), tuple(clause.id for clause in section.clauses))
    for clause in section.clauses:
        yield from _clause_marks(clause, key)


def _clause_marks(clause: Clause, parent: tuple[object, ...]) -> Iterator[_Mark]:
    key = ("clause", clause.id)
    number = clause.reference or clause.designation or clause.number
    name = f"clause {number} ({clause.id!r})" if number else f"clause {clause.id!r}"
    moved = clause.moved_from and f"from {clause.moved_from.parent or 'its place'}, after {clause.moved_from.after}"
    yield _Mark(key, name, {
        "number": clause.number, "designation": clause.designation, "former number": clause.was,
        "change": clause.change, "move": moved, "optional": clause.optional,
        "blocks": tuple(block.kind for block in clause.body), "documents cited": clause.cites}, clause.origin, parent,
                tuple(child.id for child in clause.clauses))
    for index, block in enumerate(clause.body):
        label = f"{name}, its {ordinal_figure(index + 1)} block ({block.kind})"
        yield _Mark((*key, "block", index), label, {"change": block.change, **_shape(block)}, block.origin, key)
        for place_index, place in enumerate(places(block)):
            yield _Mark((*key, "block", index, place_index),
                        f"{label}, its {ordinal_figure(place_index + 1)} run of words",
                        _text_facts(place.text), place.text.origin, (*key, "block", index))
    for child in clause.clauses:
        yield from _clause_marks(child, key)


def _text_facts(text: Text) -> dict[str, object]:
    return {"change": text.change, "words amended by the revision": markup.has_changes(text.markdown),
            "obligations": tuple(f"{obligation.modality} ({', '.join(obligation.who)})"
                                 f"{' ' + obligation.change if obligation.change else ''}"
                                 for obligation in text.obligations)}


def _shape(block: Block) -> dict[str, object]:
    """A block's structure, labels aside: its lists' items (each with its change, its sub-items
    and whether a tail completes it), its definitions, its table's columns and rows."""
    match block:
        case ItemList():
            return {"items": _outline(block.items, "item"), "words after the items": block.tail is not None,
                    "items after those": _outline(block.tail_list.items, "item") if block.tail_list else None}
        case Definitions():
            return {"definitions": _outline(block.definitions, "definition")}
        case Table():
            return {"columns": len(block.columns), "rows": _outline(block.rows, "row")}
    return {}


def _outline(elements: tuple[Item, ...] | tuple[Definition, ...] | tuple[Row, ...], noun: str) -> str:
    """How many elements, and what each holds that the other text must hold too: "3 items; the 2nd
    inserted, with [2 items]"."""
    said = [f"{len(elements)} {noun}{'' if len(elements) == 1 else 's'}"]
    for index, element in enumerate(elements):
        notes = [element.change] if element.change else []
        match element:
            case Item():
                notes += ["omitted"] if element.omitted else []
                notes += [f"with [{_outline(element.items, 'item')}]"] if element.items else []
                notes += ["with words after them"] if element.tail is not None else []
                notes += [f"then [{_outline(element.tail_list.items, 'item')}]"] if element.tail_list else []
            case Definition():
                notes += [f"with [{_outline(element.items, 'item')}]"] if element.items else []
            case Row():
                notes += [f"with {' and '.join(str(len(cell)) for cell in element.cells)} items in its cells"]
        if notes:
            said.append(f"the {ordinal_figure(index + 1)} {' '.join(notes)}")
    return "; ".join(said)

