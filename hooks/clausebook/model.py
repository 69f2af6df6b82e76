"""The typed, frozen model every later stage reads: protocols, sections, clauses, and the text
inside them with its obligations and tracked changes. Each element remembers its origin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from . import markup
from .problems import Origin

Modality = Literal["must", "should", "may", "has-right-to", "must-not", "should-not", "may-not"]
ChangeKind = Literal["inserted", "deleted"]
DO: frozenset[str] = frozenset({"must", "should", "may", "has-right-to"})
DONT: frozenset[str] = frozenset({"must-not", "should-not", "may-not"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Obligation:
    """Something a role is asked to do (Do) or not to do (Don't)."""

    id: str
    who: tuple[str, ...]
    modality: Modality
    towards: tuple[str, ...] = ()
    quote: str | None = None  # None: the text's first sentence
    inherited: bool = False  # given by a list's or column's `each`
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
    label: str | None = None
    text: Text
    items: tuple[Item, ...] = ()
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    kind: Literal["paragraph"] = "paragraph"
    text: Text
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemList:
    kind: Literal["list"] = "list"
    lead: Text | None = None
    items: tuple[Item, ...]
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    kind: Literal["quote"] = "quote"
    lead: Text | None = None
    text: Text
    source: str | None = None
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    term: str
    text: Text
    note: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Definitions:
    kind: Literal["definitions"] = "definitions"
    lead: Text | None = None
    definitions: tuple[Definition, ...]
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


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
class Table:
    kind: Literal["table"] = "table"
    lead: Text | None = None
    caption: str | None = None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    change: ChangeKind | None = None
    note: str | None = None
    origin: Origin


Block = Paragraph | ItemList | Quote | Definitions | Table


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    """A unit with its own id and anchor: a numbered paragraph, or an unnumbered block."""

    id: str
    number: str | None = None
    was: str | None = None
    heading: str | None = None
    change: ChangeKind | None = None
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
    change: ChangeKind | None = None
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
    lead = getattr(block, "lead", None)
    if lead is not None:
        yield lead
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
