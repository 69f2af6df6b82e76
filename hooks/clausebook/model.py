"""The typed, frozen model every later stage reads: protocols, sections, clauses, and the text
inside them with its obligations and tracked changes. Each element remembers its origin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from . import markup
from .problems import Origin

Modality = Literal["must", "should", "may", "has-right-to", "must-not", "should-not", "may-not"]
ChangeKind = Literal["inserted", "deleted"]
ElementChange = Literal["inserted", "deleted", "moved"]  # a section or clause can also move
DO: frozenset[str] = frozenset({"must", "should", "may", "has-right-to"})
DONT: frozenset[str] = frozenset({"must-not", "should-not", "may-not"})

# Every element's `change` below is its change in the revision as a whole: its own, or the
# change of the section, clause, block, row or item that holds it ("carried down"). So a list
# item inside a deleted block is itself deleted, and an output never looks up to its parents.


@dataclass(frozen=True, slots=True, kw_only=True)
class Obligation:
    """Something a role is asked to do (Do) or not to do (Don't)."""

    id: str
    who: tuple[str, ...]
    modality: Modality
    towards: tuple[str, ...] = ()
    quote: str | None = None  # None: the text's first sentence
    inherited: bool = False  # given by a list's or column's `each`
    change: ChangeKind | None = None  # stated only before (deleted) or only after (inserted) the revision
    origin: Origin

    @property
    def do(self) -> bool:
        return self.modality in DO


@dataclass(frozen=True, slots=True, kw_only=True)
class NotObligation:
    """A sentence that reads like an obligation but is not one, and why."""

    quote: str | None
    reason: str
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """A run of authored Markdown (with tracked changes) and the tags on its sentences."""

    markdown: str
    change: ChangeKind | None = None  # the whole run inserted or deleted
    obligations: tuple[Obligation, ...] = ()
    not_obligations: tuple[NotObligation, ...] = ()
    origin: Origin

    @property
    def amended(self) -> str:
        """Markdown as amended: empty when the whole run is deleted."""
        return "" if self.change == "deleted" else markup.amended(self.markdown)

    @property
    def original(self) -> str:
        """Markdown before the revision: empty when the whole run is inserted."""
        return "" if self.change == "inserted" else markup.original(self.markdown)

    @property
    def plain(self) -> str:
        return markup.plain(self.amended)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """A list item or one item of a table cell, with its label and sub-items."""

    label: str | None = None
    text: Text
    items: tuple[Item, ...] = ()
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One block of a clause's body. ``kind`` names the subclass, for templates and ``match``."""

    kind: ClassVar[str] = "block"
    lead: Text | None = None  # the words that introduce the block ("Officers must:")
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    text: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemList(Block):
    kind: ClassVar[str] = "list"
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Block):
    kind: ClassVar[str] = "quote"
    text: Text
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    term: str
    text: Text
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Definitions(Block):
    kind: ClassVar[str] = "definitions"
    definitions: tuple[Definition, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    key: str
    label: str
    role: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    cells: tuple[tuple[Item, ...], ...]  # one entry per column, in column order; () when empty
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Table(Block):
    kind: ClassVar[str] = "table"
    caption: str | None = None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MovedFrom:
    """Where a moved section or clause stood before the revision."""

    parent: str | None = None  # the section or clause that held it; None: the one that holds it now
    after: str | None = None  # the element it followed there; None: it came first


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    """A unit with its own id and anchor: a numbered paragraph, or an unnumbered block."""

    id: str
    number: str | None = None
    was: str | None = None
    heading: str | None = None
    change: ElementChange | None = None
    moved_from: MovedFrom | None = None
    body: tuple[Block, ...] = ()
    cites: tuple[str, ...] = ()
    note: str | None = None
    number_note: str | None = None
    link_notes: dict[str, str] = field(default_factory=dict)
    clauses: tuple[Clause, ...] = ()
    origin: Origin

    def texts(self) -> Iterator[Text]:
        """Every run of text in this clause's own body, in reading order."""
        for block in self.body:
            yield from block_texts(block)

    def walk(self) -> Iterator[Clause]:
        """This clause and every sub-clause, in document order."""
        yield self
        for child in self.clauses:
            yield from child.walk()


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    id: str
    number: str | None = None
    printed_number: str | None = None
    was: str | None = None
    title: str
    change: ElementChange | None = None
    moved_from: MovedFrom | None = None
    note: str | None = None
    number_note: str | None = None
    clauses: tuple[Clause, ...] = ()
    origin: Origin

    def walk(self) -> Iterator[Clause]:
        for clause in self.clauses:
            yield from clause.walk()


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    id: str
    label: str
    shared: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    id: str
    title: str
    kind: Literal["document", "legislation"] = "document"
    url: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Licence:
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Protocol:
    id: str
    council: str
    title: str
    status: Literal["adopted", "proposed-revision", "draft"]
    part: str | None = None
    version: str | None = None
    adopted: str | None = None
    effective: str | None = None
    contact: str | None = None
    licence: Licence | None = None
    source: str | None = None
    note: str | None = None
    roles: dict[str, Role]
    documents: dict[str, Document]
    retired_ids: tuple[str, ...] = ()
    sections: tuple[Section, ...]
    origin: Origin

    def clauses(self) -> Iterator[Clause]:
        """Every clause, sub-clauses included, in document order."""
        for section in self.sections:
            yield from section.walk()


def item_texts(items: tuple[Item, ...]) -> Iterator[Text]:
    for item in items:
        yield item.text
        yield from item_texts(item.items)


def block_texts(block: Block) -> Iterator[Text]:
    """Every run of text in a block, in reading order."""
    if block.lead is not None:
        yield block.lead
    match block:
        case Paragraph() | Quote():
            yield block.text
        case ItemList():
            yield from item_texts(block.items)
        case Definitions():
            for definition in block.definitions:
                yield definition.text
        case Table():
            for row in block.rows:
                for cell in row.cells:
                    yield from item_texts(cell)
