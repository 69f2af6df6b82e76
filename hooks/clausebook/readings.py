"""The ways to read a protocol: as amended, as it was before the revision, and with its changes
tracked. Every output reads the protocol through one of these, never by testing ``change``
itself, so an element is either in a reading, whole, or not in it at all.

- ``tracked(protocol)`` is the model as assembled: every change marked, each element carrying
  its own change or the one it inherits from what holds it.
- ``amended(protocol)`` and ``original(protocol)`` are change-free models of the same classes:
  what the revision deletes (or inserts) is gone, text is resolved to one side of its marks,
  numbers are the new (or old) ones, and moved sections and clauses stand where they stand in
  that reading. Editorial notes are the editor's, not the revision's: they stay as written.
  An adopted protocol has no changes and is its own reading.
- ``concordance(protocol)``: each numbered section and clause, old number → new number.

One side of a change is read here too, for everything that reads a side itself: which reading has
an element with a given change (``has``, ``side_of``), and text on one side of its marks
(``words``, ``own_words``, ``some_words``, wrapping ``markup``'s). ``MoveBack`` puts moved
sections and clauses back where they stood, over the model or a source file's plain data.

``defined(reading)`` gives the terms a protocol defines, in a definitions block or in prose.

Long because one reading has to rebuild every kind of element (sections, clauses, blocks, items,
tails with lists, table cells with leads, definitions) on one side of its changes, and splitting
that walk would put the two halves of one rule in two places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Literal, TypeVar

from clausebook import citations
from clausebook.format import markup, numbering
from clausebook.format.model import (
    Block,
    ChangeKind,
    Clause,
    Definition,
    Definitions,
    ElementChange,
    Gap,
    Item,
    ItemList,
    Paragraph,
    Protocol,
    Quote,
    Row,
    Section,
    Table,
    Text,
    block_texts,
)

E = TypeVar("E")


@dataclass(frozen=True, slots=True, kw_only=True)
class Renumbering:
    """One line of the concordance: a section or clause, its number before and after."""

    id: str
    kind: Literal["section", "clause"]
    old: str | None  # None: the revision inserts it, or it had no number
    new: str | None  # None: the revision deletes it, or it has no number
    change: ElementChange | None = None


# One side of a tracked change

Side = markup.Side
GONE: dict[Side, ChangeKind] = {"amended": "deleted", "original": "inserted"}  # what each reading leaves out
_WORDS: dict[Side, Callable[[str], str]] = {"amended": markup.amended, "original": markup.original}


def has(change: str | None, side: Side) -> bool:
    """Whether the reading ``side`` has an element (section, clause, block, text, item, row,
    obligation) whose own change is ``change``."""
    return change != GONE[side]


def side_of(change: str | None) -> Side:
    """The reading that shows an element whose own change is ``change``: the one before the
    revision if the revision deletes it, else the amended one."""
    return "original" if change == "deleted" else "amended"


def words(text: str, side: Side, *, as_written: bool = False) -> str:
    """The text on one side of its tracked changes, spaces tidied throughout (as every reading
    shows it); ``as_written``, tidied only where a change left nothing and the rest as written
    (a source file's text, as its author wrote it)."""
    return markup.resolve(text, side) if as_written else _WORDS[side](text)


def own_words(text: str, change: str | None) -> str:
    """The words of an element whose own change is ``change``, in the reading that shows it:
    as they were if the revision deletes it, else as amended."""
    return _WORDS[side_of(change)](text)


def some_words(text: str, *, plain: bool = False) -> str:
    """The words as amended or, where the revision leaves none, as they were; ``plain``,
    without markup (and the amended words judged without it)."""
    if plain:
        return markup.plain(markup.amended(text)) or markup.plain(markup.original(text))
    return markup.amended(text) or markup.original(text)


class Reading:
    """One side of every tracked change: ``gone`` is the change whose elements this reading
    leaves out ("deleted" for the text as amended), ``words`` resolves marks inside text."""

    def __init__(self, name: Side) -> None:
        self.name = name
        self.gone = GONE[name]
        self.words: Callable[[str], str] = _WORDS[name]

    # Text and its parts

    def text(self, text: Text | None) -> Text | None:
        """The run of text in this reading, with the obligations this reading states; None if gone."""
        if text is None or text.change == self.gone:
            return None
        obligations = tuple(replace(o, change=None) for o in text.obligations if o.change != self.gone)
        return replace(text, markdown=self.words(text.markdown), change=None, obligations=obligations)

    def item(self, item: Item) -> Item | None:
        if item.change == self.gone:
            return None
        text = self.text(item.text)
        if text is None:
            return None
        return replace(item, text=text, items=self.items(item.items), tail=self.text(item.tail),
                       tail_list=self.tail_list(item.tail_list), change=None)

    def tail_list(self, tail_list: ItemList | None) -> ItemList | None:
        """The items a tail introduces, in this reading."""
        block = self.block(tail_list) if tail_list is not None else None
        return block if isinstance(block, ItemList) else None

    def items(self, items: Iterable[Item]) -> tuple[Item, ...]:
        return tuple(kept for item in items if (kept := self.item(item)) is not None)

    def definition(self, definition: Definition) -> Definition | None:
        text = self.text(definition.text)
        if definition.change == self.gone or text is None:
            return None
        return replace(definition, term=self.words(definition.term), text=text, items=self.items(definition.items),
                       tail=self.text(definition.tail), change=None)

    def row(self, row: Row) -> Row | None:
        if row.change == self.gone:
            return None
        return replace(row, cells=tuple(self.items(cell) for cell in row.cells),
                       leads=tuple(self.text(lead) for lead in row.leads), change=None)

    def block(self, block: Block) -> Block | None:
        """The block in this reading; None if the revision removes it (or it has nothing left)."""
        if block.change == self.gone:
            return None
        common = {"lead": self.text(block.lead), "change": None}
        match block:
            case Paragraph() | Quote():
                text = self.text(block.text)
                return None if text is None else replace(block, text=text, **common)
            case ItemList():
                return replace(block, items=self.items(block.items), tail=self.text(block.tail),
                               tail_list=self.tail_list(block.tail_list), **common)
            case Gap():
                return replace(block, **common)
            case Definitions():
                kept = tuple(d for entry in block.definitions if (d := self.definition(entry)) is not None)
                return replace(block, definitions=kept, **common)
            case Table():
                columns = tuple(replace(column, label=self.words(column.label)) for column in block.columns)
                rows = tuple(kept for row in block.rows if (kept := self.row(row)) is not None)
                caption = self.words(block.caption) if block.caption else None
                return replace(block, caption=caption, columns=columns, rows=rows, **common)
        raise TypeError(f"unknown block {block!r}")

    # Sections and clauses

    def number(self, element: Section | Clause) -> str | None:
        return element.number

    def clause(self, clause: Clause) -> Clause | None:
        """The clause in this reading, with its sub-clauses; None if the revision removes it."""
        if clause.change == self.gone:
            return None
        body = tuple(kept for block in clause.body if (kept := self.block(block)) is not None)
        return replace(
            clause, number=self.number(clause), was=None, change=None, moved_from=None,
            heading=self.words(clause.heading) if clause.heading else None, body=body,
            clauses=self.clauses(clause.clauses),
        )

    def clauses(self, clauses: Iterable[Clause]) -> tuple[Clause, ...]:
        return tuple(kept for clause in clauses if (kept := self.clause(clause)) is not None)

    def section(self, section: Section) -> Section | None:
        if section.change == self.gone:
            return None
        title = self.words(section.title) if section.title is not None else None
        return replace(section, number=self.number(section), was=None, change=None, moved_from=None,
                       title=title, clauses=self.clauses(section.clauses))

    def protocol(self, protocol: Protocol) -> Protocol:
        """The whole protocol in this reading."""
        if protocol.status == "adopted":
            return protocol
        sections = tuple(kept for section in protocol.sections if (kept := self.section(section)) is not None)
        return replace(protocol, sections=sections)


class _Original(Reading):
    """Before the revision: old numbers, and moved sections and clauses back where they were."""

    def number(self, element: Section | Clause) -> str | None:
        return element.was or element.number

    def protocol(self, protocol: Protocol) -> Protocol:
        """The protocol as it was, each clause's reference read from its old number where it stood."""
        reading = self._arranged(protocol)
        return reading if reading is protocol else _referenced(reading)

    def _arranged(self, protocol: Protocol) -> Protocol:
        reading = super().protocol(protocol)

        def as_it_stood(element: Section | Clause) -> Section | Clause | None:
            return self.section(element) if isinstance(element, Section) else self.clause(element)

        moves = MoveBack(MODEL, protocol.sections, as_it_stood)
        return replace(reading, sections=tuple(moves.top(reading.sections))) if moves else reading


def _referenced(protocol: Protocol) -> Protocol:
    def clauses(children: tuple[Clause, ...], parent: str | None) -> tuple[Clause, ...]:
        found = []
        for clause in children:
            reference = numbering.reference(parent, clause.number)
            found.append(replace(clause, reference=reference, clauses=clauses(clause.clauses, reference or parent)))
        return tuple(found)

    return replace(protocol, sections=tuple(replace(section, clauses=clauses(section.clauses, None))
                                            for section in protocol.sections))


# Moved sections and clauses, back where they stood

class Shape(Generic[E]):
    """How to read a section or clause of one kind (the model's, a source file's plain data):
    its id, the clauses it holds, where it stood if the revision moves it, and the same element
    holding other clauses."""

    def id(self, element: E) -> str:
        raise NotImplementedError

    def children(self, element: E) -> Sequence[E]:
        raise NotImplementedError

    def moved_from(self, element: E, parent: str | None) -> tuple[str | None, str | None] | None:
        """Where the element stood if the revision moves it, else None: (the id of the element
        that held it, ``parent`` if that is the one that holds it now; the id it followed there,
        None if it came first)."""
        raise NotImplementedError

    def with_children(self, element: E, children: list[E]) -> E:
        raise NotImplementedError


class _ModelShape(Shape[Section | Clause]):
    def id(self, element: Section | Clause) -> str:
        return element.id

    def children(self, element: Section | Clause) -> Sequence[Clause]:
        return element.clauses

    def moved_from(self, element: Section | Clause, parent: str | None) -> tuple[str | None, str | None] | None:
        where = element.moved_from
        return (where.parent or parent, where.after) if element.change == "moved" and where is not None else None

    def with_children(self, element: Section | Clause, children: list[Any]) -> Section | Clause:
        return replace(element, clauses=tuple(children))


MODEL: Shape[Section | Clause] = _ModelShape()


class MoveBack(Generic[E]):
    """Each moved section and clause of ``tracked`` (the sections, changes marked), put back
    where it stood: ``as_it_stood`` gives what goes there (None: nothing). An element whose
    predecessor is not (yet) there waits for it; one whose predecessor never comes goes last.

    Where a moved element stands now, ``where_it_stands`` gives what stays there (by default
    nothing: the reading before the revision); what stays is never followed by an element put
    back, as it is not where that one stood. What is put back has what moved inside it put back
    too, unless it is ``whole`` (it already stands as it stood)."""

    def __init__(self, shape: Shape[E], tracked: Sequence[E], as_it_stood: Callable[[E], E | None], *,
                 where_it_stands: Callable[[E], E | None] | None = None, whole: bool = False) -> None:
        self.shape = shape
        self.where_it_stands = where_it_stands
        self.whole = whole
        self.moved: set[str] = set()
        self.moves: list[tuple[str | None, str | None, E]] = []  # (where it goes, what it follows, what goes)

        def found(element: E, parent: str | None, top: bool) -> None:
            where = shape.moved_from(element, parent)
            if where is not None:
                self.moved.add(shape.id(element))
                if (placed := as_it_stood(element)) is not None:
                    self.moves.append((None if top else where[0], where[1], placed))
            for child in shape.children(element):
                found(child, shape.id(element), False)

        for element in tracked:
            found(element, None, True)

    def __bool__(self) -> bool:
        return bool(self.moves)

    def top(self, elements: Sequence[E]) -> list[E]:
        """The top-level elements (sections) with every moved one where it stood."""
        return self.arrange(None, elements) if self.moves else list(elements)

    def arrange(self, parent: str | None, children: Sequence[E]) -> list[E]:
        """The children of ``parent`` (None: the top level) with what stood among them put back."""
        kept: list[tuple[str | None, E]] = []  # (the id an element put back can follow, the element)
        for child in children:
            if self.shape.id(child) not in self.moved:
                kept.append((self.shape.id(child), self.rearranged(child)))
            elif self.where_it_stands is not None and (staying := self.where_it_stands(child)) is not None:
                kept.append((None, staying))
        pending = [(after, element) for target, after, element in self.moves if target == parent]
        firsts = 0  # elements that came first, placed in document order
        while pending:
            waiting = []
            for after, element in pending:
                ids = [anchor for anchor, _ in kept]
                if after is None:
                    kept.insert(firsts, self.put(element))
                    firsts += 1
                elif after in ids:
                    kept.insert(ids.index(after) + 1, self.put(element))
                else:
                    waiting.append((after, element))
            if len(waiting) == len(pending):  # `after` names nothing here: keep the rest at the end
                kept += [self.put(element) for _, element in waiting]
                break
            pending = waiting
        return [element for _, element in kept]

    def put(self, element: E) -> tuple[str | None, E]:
        return self.shape.id(element), element if self.whole else self.rearranged(element)

    def rearranged(self, element: E) -> E:
        return self.shape.with_children(element, self.arrange(self.shape.id(element), self.shape.children(element)))


AMENDED = Reading("amended")
ORIGINAL = _Original("original")


def amended(protocol: Protocol) -> Protocol:
    """The protocol as the revision would leave it."""
    return AMENDED.protocol(protocol)


def original(protocol: Protocol) -> Protocol:
    """The protocol as it was before the revision."""
    return ORIGINAL.protocol(protocol)


def tracked(protocol: Protocol) -> Protocol:
    """The protocol with every change marked (the model itself)."""
    return protocol


class Views:
    """One protocol in its three readings, made once and shared by every output: the protocol
    tracked and as amended, the sections and clauses of the amended and the original reading
    by id (a reading that does not have one has no entry), and each clause's citation by id
    (``citations.citations``: as amended, or where the revision deletes it)."""

    def __init__(self, protocol: Protocol) -> None:
        self.tracked = tracked(protocol)
        self.as_amended = amended(protocol)
        as_before = original(protocol)
        self.amended = {clause.id: clause for clause in self.as_amended.clauses()}
        self.original = {clause.id: clause for clause in as_before.clauses()}
        self.amended_sections = {section.id: section for section in self.as_amended.sections}
        self.original_sections = {section.id: section for section in as_before.sections}
        self.citations = citations.citations(self.as_amended, self.tracked)


def views(protocols: Iterable[Protocol]) -> dict[str, Views]:
    """Each protocol's readings, by protocol id."""
    return {protocol.id: Views(protocol) for protocol in protocols}


def concordance(protocol: Protocol) -> tuple[Renumbering, ...]:
    """Each section and clause numbered in either reading, in document order: its number before
    the revision and after it."""
    entries = []

    def add(element: Section | Clause, kind: Literal["section", "clause"]) -> None:
        old = (element.was or element.number) if has(element.change, "original") else None
        new = element.number if has(element.change, "amended") else None
        if old is not None or new is not None:
            entries.append(Renumbering(id=element.id, kind=kind, old=old, new=new, change=element.change))

    for section in protocol.sections:
        add(section, "section")
        for clause in section.walk():
            add(clause, "clause")
    return tuple(entries)


def changed(clause: Clause) -> bool:
    """Whether the revision changes anything in the clause itself (its sub-clauses aside)."""
    if clause.change or clause.was or markup.has_changes(clause.heading or ""):
        return True
    return any(_block_changed(block) for block in clause.body)


def _block_changed(block: Block) -> bool:
    if block.change or _texts_changed(block_texts(block)):
        return True
    marked: list[str] = []
    match block:
        case ItemList():
            return any(_item_changed(item) for item in block.items)
        case Definitions():
            if any(d.change or any(_item_changed(i) for i in d.items) for d in block.definitions):
                return True
            marked += [d.term for d in block.definitions]
        case Table():
            if any(row.change or any(_item_changed(i) for cell in row.cells for i in cell) for row in block.rows):
                return True
            marked += [column.label for column in block.columns] + ([block.caption] if block.caption else [])
    return any(markup.has_changes(words) for words in marked)


def _item_changed(item: Item) -> bool:
    return bool(item.change) or any(_item_changed(i) for i in item.items)


def _texts_changed(texts: Iterable[Text]) -> bool:
    return any(text.change or markup.has_changes(text.markdown) or any(o.change for o in text.obligations)
               for text in texts)


# Defined terms

def item_lines(items: tuple[Item, ...], indent: str = "") -> list[str]:
    """Items as Markdown list lines (``- (a) words``), sub-items indented, tails after them."""
    lines = []
    for item in items:
        label = f"{item.label} " if item.label else ""
        lines.append(f"{indent}- {label}{item.text.markdown}")
        lines += item_lines(item.items, indent + "  ")
        if item.tail is not None:
            lines.append(f"{indent}  {item.tail.markdown}")
        tail_list = item.tail_list
        while tail_list is not None:  # the items the tail introduces, and the words after them
            lines += item_lines(tail_list.items, indent + "  ")
            lines += [f"{indent}  {tail_list.tail.markdown}"] if tail_list.tail is not None else []
            tail_list = tail_list.tail_list
    return lines


def definition_lines(definition: Definition) -> list[str]:
    """A definition as a Markdown list item: its label, the term in bold, its variants and words."""
    label = f"{definition.label} " if definition.label else ""
    variants = "".join(f" ({v.lang + ': ' if v.lang else ''}*{v.term}*)" for v in definition.variants)
    lines = [f"- {label}**{definition.printed_term}**{variants}: {definition.text.markdown}",
             *item_lines(definition.items, "  ")]
    if definition.tail is not None:
        lines.append(f"  {definition.tail.markdown}")
    return lines


@dataclass(frozen=True, slots=True)
class Defined:
    """A term a protocol defines, in a definitions block or in prose."""

    term: str
    markdown: str
    clause: Clause
    label: str | None = None
    variants: tuple[dict[str, str | None], ...] = ()
    prose: bool = False
    quoted: str | None = None  # the quote marks the source prints around the term: double, single

    @property
    def terms(self) -> list[str]:
        return [self.term, *(variant["term"] for variant in self.variants)]


def defined(protocol: Protocol) -> Iterator[Defined]:
    """Every term the protocol (in one reading) defines, in document order."""
    for clause in protocol.clauses():
        for block in clause.body:
            if isinstance(block, Definitions):
                for d in block.definitions:
                    yield Defined(term=d.term, markdown="\n".join(definition_lines(d))[2:], clause=clause,
                                  label=d.label, variants=tuple({"term": v.term, "lang": v.lang} for v in d.variants),
                                  quoted=d.quoted)
            for text in block_texts(block):
                for index, term in enumerate(text.defines):
                    variants = text.defines_variants[index] if text.defines_variants else ()
                    yield Defined(term=term, markdown=text.markdown, clause=clause, prose=True,
                                  variants=tuple({"term": v.term, "lang": v.lang} for v in variants))
