"""The Word document as read: its paragraphs and tables in reading order, each paragraph's words
as pieces that remember whether a tracked change inserted or deleted them, their emphasis and
their link. ``docx_reading`` gives a ``Document``; the importer builds the draft from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["", "ins", "del"]
Change = Literal["inserted", "deleted"] | None


class NotWord(Exception):
    """The file is not a Word document that can be read."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Words that share a tracked change, emphasis and link."""

    text: str
    kind: Kind = ""
    emphasis: str = ""  # "", "*", "**" or "***"
    link: str | None = None  # an address outside the document


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """One paragraph that has words."""

    index: int  # its place among all the document's paragraphs (empty ones and those in tables too), from 1
    style: str  # the paragraph style's name, as Word shows it ("Heading 2", "Block Text")
    heading: int | None  # its outline level, 1–9, if it is a heading
    pieces: tuple[Piece, ...]
    number: str | None = None  # Word's automatic number as amended ("" for a bullet), None if not in a list
    old_number: str | None = None  # the same as it was before the revision (None for an inserted paragraph)
    list_level: int | None = None
    list_id: str | None = None
    bookmarks: tuple[str, ...] = ()
    asides: tuple[tuple[str, str, str], ...] = ()  # (what, words, by whom): its footnotes, comments and text boxes
    joins_next: bool = False  # a revision deletes its paragraph mark: accepted, the next paragraph runs on in it

    @property
    def change(self) -> Change:
        """"inserted" or "deleted" when every word is inside one kind of revision."""
        kinds = {piece.kind for piece in self.pieces if piece.text.strip()}
        return {"ins": "inserted", "del": "deleted"}.get(kinds.pop()) if len(kinds) == 1 else None  # type: ignore[return-value]

    def side(self, kind: Kind) -> str:
        """The plain words as amended (``kind`` "ins") or as they were ("del")."""
        other = "del" if kind == "ins" else "ins"
        return " ".join("".join(p.text for p in self.pieces if p.kind != other).split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    paragraphs: tuple[Paragraph, ...]
    span: int = 1  # the grid columns it covers (merged across)
    merged: bool = False  # it continues the cell above it (merged down)


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False
    change: Change = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    index: int  # the paragraph number of its first cell
    rows: tuple[Row, ...]
    bookmarks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A Word document's content in reading order, and what was left out, by paragraph number."""

    elements: tuple[Paragraph | Table, ...]
    title: str | None = None  # from the document's properties
    language: str | None = None  # the same: its language as a BCP 47 tag ("cy"), where they state one
    left_out: tuple[tuple[int, str], ...] = ()
