"""The typed, frozen model every later stage reads: protocols, sections, clauses, and the text
inside them with its obligations and tracked changes. Each element remembers its origin.

``places(block)`` is the one walk of a block's texts in reading order, each with where it sits
(the lead-in it completes, the items that complete it, the tails it runs on into): the tagging
check, the dataset and each obligation's sentence read alone all read a block through it.

Long because every element of the format is declared here, with that walk beside the classes it
walks; split, a new construct would have to be taught to two modules at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from clausebook.format import markup, numbering
from clausebook.format.problems import Origin

Modality = Literal["must", "should", "may", "has-right-to", "need-not", "must-not", "should-not", "may-not"]
ChangeKind = Literal["inserted", "deleted"]
NoteKind = Literal["council", "editorial"]
ElementChange = Literal["inserted", "deleted", "moved"]  # a section or clause can also move
DO: frozenset[str] = frozenset({"must", "should", "may", "has-right-to", "need-not"})
DONT: frozenset[str] = frozenset({"must-not", "should-not", "may-not"})
# The nearest public vocabulary, a powers-and-duties dataset, calls each either a duty (to do or
# not to do something) or a power (a permission or a right; "need not" is freedom from a duty).
DUTIES: frozenset[str] = frozenset({"must", "should", "must-not", "should-not", "may-not"})
UNTITLED_WORDS = 6  # the first words that name a section the source prints no title for
DEFAULT_LANGUAGE = "en-GB"  # a protocol's language where its source names none: British English

# Every element's `change` below is its change in the revision as a whole: its own, or the
# change of the section, clause, block, row or item that holds it ("carried down"). So a list
# item inside a deleted block is itself deleted, and an output never looks up to its parents.


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A note on an element. A council's own note explains the text to its readers and stands
    with it; an editorial note says how this edition renders the source (a number or heading as
    printed, a paragraph joined across a page break, a typo kept) and is kept out of the text."""

    text: str  # Markdown
    kind: NoteKind = "council"

    @property
    def editorial(self) -> bool:
        return self.kind == "editorial"


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
    condition: str | None = None  # the condition or exception it holds under, as written
    inferred: bool = False  # the text does not name who acts: `who` is the editor's inference
    origin: Origin

    @property
    def do(self) -> bool:
        return self.modality in DO

    @property
    def duty(self) -> bool:
        return self.modality in DUTIES


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
    defines: tuple[str, ...] = ()  # terms this text defines in prose
    defines_variants: tuple[tuple[Variant, ...], ...] = ()  # each term's variants, in the order of ``defines``
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
    anchor: str | None = None  # for a labelled item: its id within the page, "<clause>--a-ii"
    text: Text
    items: tuple[Item, ...] = ()
    tail: Text | None = None  # words after the sub-items that complete this item
    tail_list: ItemList | None = None  # the items the tail introduces, if it does (see ItemList)
    omitted: bool = False  # the source omits it: ``text`` is what it prints in its place
    change: ChangeKind | None = None
    note: Note | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One block of a clause's body. ``kind`` names the subclass, for templates and ``match``."""

    kind: ClassVar[str] = "block"
    lead: Text | None = None  # the words that introduce the block ("Officers must:")
    change: ChangeKind | None = None
    note: Note | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    text: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemList(Block):
    kind: ClassVar[str] = "list"
    items: tuple[Item, ...]
    tail: Text | None = None  # words after the items that complete the lead-in sentence
    # The items a tail introduces ("…than the majority of—" then (aa), (bb)) and the words after
    # them: a list without a lead, whose lead-in is `tail`.
    tail_list: ItemList | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Block):
    kind: ClassVar[str] = "quote"
    text: Text
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """A defined term in another language or form."""

    term: str
    lang: str | None = None


QUOTE_MARKS = {"double": ("“", "”"), "single": ("‘", "’")}  # a defined term's printed quote marks


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    term: str
    quoted: Literal["double", "single"] | None = None  # the quote marks the source prints around the term
    label: str | None = None
    anchor: str | None = None
    variants: tuple[Variant, ...] = ()
    text: Text
    items: tuple[Item, ...] = ()
    tail: Text | None = None
    change: ChangeKind | None = None
    note: Note | None = None
    origin: Origin

    @property
    def printed_term(self) -> str:
        """The term as the source prints it: in its quote marks, if it has them ("“councillor”")."""
        if self.quoted is None:
            return self.term
        opening, closing = QUOTE_MARKS[self.quoted]
        return f"{opening}{self.term}{closing}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Definitions(Block):
    kind: ClassVar[str] = "definitions"
    definitions: tuple[Definition, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap(Block):
    """Text the source is missing (a partial transcription); ``missing`` says what."""

    kind: ClassVar[str] = "gap"
    missing: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    key: str
    label: str
    role: str | None = None
    origin: Origin


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    cells: tuple[tuple[Item, ...], ...]  # one entry per column, in column order; () when empty
    # The words before a cell's items (a paragraph or a lead-in), one entry per column, or () when
    # no cell of the row has any.
    leads: tuple[Text | None, ...] = ()
    change: ChangeKind | None = None
    note: Note | None = None
    origin: Origin

    def cell_leads(self) -> tuple[Text | None, ...]:
        """The words before each cell's items, one entry per column (None where a cell has none)."""
        return self.leads or (None,) * len(self.cells)


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
    designation: str | None = None  # as printed, where it is more than the number: "Table 1"
    separator: str | None = None  # printed between the designation and the heading: ":", "—"
    reference: str | None = None  # the full number a cross-reference uses: "10(2)" for (2) under 10
    was: str | None = None
    heading: str | None = None
    subheading: bool = False  # an unnumbered heading and nothing else
    optional: bool = False
    optional_note: str | None = None
    change: ElementChange | None = None
    moved_from: MovedFrom | None = None
    body: tuple[Block, ...] = ()
    cites: tuple[str, ...] = ()
    note: Note | None = None
    number_note: Note | None = None
    link_notes: dict[str, Note] = field(default_factory=dict)
    clauses: tuple[Clause, ...] = ()
    origin: Origin

    def texts(self) -> Iterator[Text]:
        """Every run of text in this clause's own body, in reading order."""
        for block in self.body:
            yield from block_texts(block)

    def anchors(self) -> Iterator[tuple[str, str]]:
        """Each labelled item's (or definition's) anchor in this clause's own body, with the labels
        that lead to it as a cross-reference writes them: ("p10-2--a-ix", "(a)(ix)")."""
        for block in self.body:
            match block:
                case ItemList():
                    yield from _anchors(block.items, "")
                    yield from _tail_anchors(block.tail_list, "")
                case Definitions():
                    for definition in block.definitions:
                        path = f"({_bare(definition.label)})" if definition.label else ""
                        if definition.anchor:
                            yield definition.anchor, path
                        yield from _anchors(definition.items, path)
                case Table():
                    for row in block.rows:
                        for cell in row.cells:
                            yield from _anchors(cell, "")

    def every_note(self) -> Iterator[Note]:
        """Every note on this clause and in its own body (not its sub-clauses'): its own (see
        ``own_notes``), then its blocks'."""
        yield from (note for _, note in own_notes(self))
        for block in self.body:
            yield from block_notes(block)

    def walk(self) -> Iterator[Clause]:
        """This clause and every sub-clause, in document order."""
        yield self
        for child in self.clauses:
            yield from child.walk()


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    id: str
    number: str | None = None
    designation: str | None = None
    separator: str | None = None  # printed between the designation and the title: ":", "—"
    printed_number: str | None = None
    was: str | None = None
    title: str | None = None  # None: the source prints no title (see ``name``)
    part: str | None = None
    matter: Literal["front", "end"] | None = None
    source: str | None = None  # the page it was published on, for a protocol published page by page
    updated: str | None = None  # that page's "last updated" date
    change: ElementChange | None = None
    moved_from: MovedFrom | None = None
    note: Note | None = None
    number_note: Note | None = None
    clauses: tuple[Clause, ...] = ()
    origin: Origin

    def walk(self) -> Iterator[Clause]:
        for clause in self.clauses:
            yield from clause.walk()

    @property
    def name(self) -> str:
        """What names the section: its title; where the source prints none, its designation,
        "Section" and its number, or the first words of its text ("Untitled section" if it has none)."""
        if self.title is not None:
            return self.title
        if self.designation:
            return self.designation
        if self.number:
            return f"Section {self.number}"
        for clause in self.walk():
            for text in clause.texts():
                words = markup.plain(text.amended).split()
                if words:
                    return " ".join(words[:UNTITLED_WORDS]) + ("…" if len(words) > UNTITLED_WORDS else "")
        return "Untitled section"


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """A group of sections: a Part, a group such as "General conduct", the Appendices."""

    id: str
    title: str
    designation: str | None = None
    separator: str | None = None
    note: Note | None = None
    origin: Origin


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
class BasedOn:
    """The model code or protocol a council adopted."""

    title: str
    author: str
    version: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Protocol:
    id: str
    council: str
    title: str
    status: Literal["adopted", "proposed-revision", "draft"]
    part: str | None = None
    language: str = DEFAULT_LANGUAGE  # its text's language, a BCP 47 tag
    version: str | None = None
    adopted: str | None = None
    minute: str | None = None  # the minute of the meeting that adopted the text
    effective: str | None = None
    revised: str | None = None  # the date of a proposed revision (its tracked changes), as YYYY-MM-DD
    contact: str | None = None
    licence: Licence | None = None
    source: str | None = None
    note: Note | None = None
    printed_contents: str | None = None  # where the source's own contents list was
    based_on: BasedOn | None = None
    numbering: Literal["continuous"] | None = None  # paragraph numbers run on from section to section
    parts: dict[str, Part] = field(default_factory=dict)
    roles: dict[str, Role]
    documents: dict[str, Document]
    retired_ids: tuple[str, ...] = ()
    sections: tuple[Section, ...]
    origin: Origin
    # Which of its versions this text is (``format.versions``): None for the text the protocol's own
    # pages show, a key ("2021-05-12", "original") for one kept at ``<p>/<key>/``.
    version_key: str | None = None
    # Which language's text this is, for a text in another language than the protocol's own
    # (``format.languages``): its addresses' prefix ("cy" → ``cy/<p>/``); None for the protocol's own text.
    language_path: str | None = None

    def clauses(self) -> Iterator[Clause]:
        """Every clause, sub-clauses included, in document order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def incomplete(self) -> bool:
        """Whether the text is a partial transcription: some of it is marked as missing."""
        return any(isinstance(block, Gap) for clause in self.clauses() for block in clause.body)


def _bare(label: str) -> str:
    """A label without its brackets, full stop and the spaces a source may print in it: '( 1 )' → '1'."""
    return label.strip("(). ")


def _anchors(items: tuple[Item, ...], path: str) -> Iterator[tuple[str, str]]:
    for item in items:
        here = f"{path}({_bare(item.label)})" if item.label else path
        if item.label and numbering.DOTTED.fullmatch(item.label):
            here = item.label  # a number of its own, which already names the clause: 1.2
        if item.anchor:
            yield item.anchor, here
        yield from _anchors(item.items, here)
        yield from _tail_anchors(item.tail_list, here)


def _tail_anchors(tail_list: ItemList | None, path: str) -> Iterator[tuple[str, str]]:
    while tail_list is not None:
        yield from _anchors(tail_list.items, path)
        tail_list = tail_list.tail_list


@dataclass(frozen=True, slots=True)
class Place:
    """Where a run of text sits in its block: the words before it that it completes (a lead-in,
    parent items, outermost first), the items printed between those and it (for a tail), the
    items and tail that complete it, and the tails of the lists that hold it (innermost first)."""

    text: Text
    before: tuple[Text, ...] = ()
    between: tuple[Item, ...] = ()
    items: tuple[Item, ...] = ()
    tail: Text | None = None
    tails: tuple[Text, ...] = ()
    item: bool = False  # a list item or table cell, which may be a verb phrase with no subject
    tail_list: ItemList | None = None  # the items ``tail`` introduces, if it does


def places(block: Block) -> Iterator[Place]:
    """Every run of text in a block, in reading order, with where it sits."""
    lead = block.lead
    led: tuple[Text, ...] = (lead,) if lead is not None else ()
    match block:
        case Paragraph() | Quote():
            if lead is not None:
                yield Place(lead)
            yield Place(block.text)
        case ItemList():
            if lead is not None:
                yield Place(lead, items=block.items, tail=block.tail, tail_list=block.tail_list)
            tails = (block.tail,) if block.tail is not None else ()
            yield from _item_places(block.items, led, tails)
            if block.tail is not None:
                yield from _tail_places(block.tail, block.tail_list, led, block.items, ())
        case Definitions():
            if lead is not None:
                yield Place(lead)
            for definition in block.definitions:
                yield Place(definition.text, items=definition.items, tail=definition.tail)
                tails = (definition.tail,) if definition.tail is not None else ()
                yield from _item_places(definition.items, (definition.text,), tails)
                if definition.tail is not None:
                    yield Place(definition.tail, before=(definition.text,), between=definition.items)
        case Table():
            if lead is not None:
                yield Place(lead)
            for row in block.rows:
                for cell, cell_lead in zip(row.cells, row.cell_leads(), strict=True):
                    if cell_lead is not None:  # words before the cell's items, which complete them
                        yield Place(cell_lead, before=led, items=cell, item=True)
                    yield from _item_places(cell, led if cell_lead is None else (*led, cell_lead), ())
        case _:
            if lead is not None:
                yield Place(lead)


def _item_places(items: tuple[Item, ...], before: tuple[Text, ...], tails: tuple[Text, ...]) -> Iterator[Place]:
    for item in items:
        yield Place(item.text, before=before, items=item.items, tail=item.tail, tails=tails, item=True,
                    tail_list=item.tail_list)
        inner = (item.tail,) if item.tail is not None else ()
        yield from _item_places(item.items, (*before, item.text), inner + tails)
        if item.tail is not None:
            yield from _tail_places(item.tail, item.tail_list, (*before, item.text), item.items, tails)


def _tail_places(tail: Text, tail_list: ItemList | None, before: tuple[Text, ...], between: tuple[Item, ...],
                 tails: tuple[Text, ...]) -> Iterator[Place]:
    """A tail; and the items it introduces, which complete it, with the words after them."""
    if tail_list is None:
        yield Place(tail, before=before, between=between, tails=tails)
        return
    yield Place(tail, before=before, between=between, items=tail_list.items, tail=tail_list.tail, tails=tails,
                tail_list=tail_list.tail_list)
    inner = (tail_list.tail,) if tail_list.tail is not None else ()
    yield from _item_places(tail_list.items, (*before, tail), inner + tails)
    if tail_list.tail is not None:
        yield from _tail_places(tail_list.tail, tail_list.tail_list, (*before, tail), tail_list.items, tails)


def own_notes(element: Clause | Section) -> list[tuple[str, Note]]:
    """A clause's or section's own notes, in the order they are shown, each with what it is on:
    "number" (its number), "" (the element itself) or "link" (a link in its text, by target)."""
    found = [("number", element.number_note)] if element.number_note else []
    found += [("", element.note)] if element.note else []
    links = element.link_notes if isinstance(element, Clause) else {}
    return found + [("link", note) for _, note in sorted(links.items())]


def block_notes(block: Block) -> Iterator[Note]:
    """Every note in a block: its own, then those of its items (with their sub-items and the items
    their tails introduce), definitions and table rows, in document order."""
    if block.note:
        yield block.note
    match block:
        case ItemList():
            yield from _item_notes(block.items, block.tail_list)
        case Definitions():
            for definition in block.definitions:
                if definition.note:
                    yield definition.note
                yield from _item_notes(definition.items, None)
        case Table():
            for row in block.rows:
                if row.note:
                    yield row.note
                for cell in row.cells:
                    yield from _item_notes(cell, None)


def _item_notes(items: tuple[Item, ...], tail_list: ItemList | None) -> Iterator[Note]:
    for item in items:
        if item.note:
            yield item.note
        yield from _item_notes(item.items, item.tail_list)
    while tail_list is not None:
        yield from _item_notes(tail_list.items, None)
        tail_list = tail_list.tail_list


def item_texts(items: tuple[Item, ...]) -> Iterator[Text]:
    """Every run of text in a list's items (their sub-items and tails), in reading order."""
    for place in _item_places(items, (), ()):
        yield place.text


def block_texts(block: Block) -> Iterator[Text]:
    """Every run of text in a block, in reading order."""
    for place in places(block):
        yield place.text
