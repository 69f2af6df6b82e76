"""A Word document (.docx) → its paragraphs and tables in reading order (a ``document.Document``),
each paragraph with its style, its heading level, Word's automatic number for it, and its words as
pieces that remember whether a tracked change inserted or deleted them, their emphasis and their
link.

Only the document's own parts are read: ``word/document.xml``, ``word/styles.xml``,
``word/numbering.xml`` (through `word_numbering`), the relationships for link addresses, and the
footnotes and comments, whose words are kept for the importer to place as notes. Bookmarks are
passed on (they may restore ids), but nothing depends on them.

A contents list is not read: the paragraphs of a table-of-contents field's result, and any in
Word's contents styles ("TOC Heading", "toc 1"…). Headers and footers are not part of the body,
and a page field's result (PAGE, NUMPAGES, PAGEREF: "3", "on page 3") is not text, while other
fields' results (a REF's "3.2") are. A text box is read once, from the first of Word's
alternative forms of it. A paragraph whose mark a revision deletes runs on into the next: it takes
the next one's words as an insertion, and the next one follows it, deleted.

Residue of editing is cleaned here: empty paragraphs go (their bookmarks, and the footnotes,
comments and text boxes anchored in them, pass to the next paragraph), manual line breaks and
tabs become spaces, runs of spaces one space, hidden text and field codes are not text, and
formatting other than bold and italic is dropped. What cannot be kept as words (an image) is
reported with its paragraph number and first words.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from clausebook.authoring.importing import docx_numbering as word_numbering
from clausebook.authoring.importing.document import Cell, Change, Document, Kind, NotWord, Paragraph, Piece, Row, Table
from clausebook.authoring.importing.docx_numbering import W

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
FIRST_WORDS = 8  # how many of a paragraph's words a warning quotes to name it
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
CONTENTS_STYLE = re.compile(r"^toc(?: heading|\s*[1-9])$", re.IGNORECASE)  # a contents list's title and lines
REVISIONS = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}
# Elements whose children are read as if they stood in their place.
WRAPPERS = {"smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo", "ruby", "rubyBase"}
CHARACTERS = {"tab": " ", "ptab": " ", "cr": " ", "noBreakHyphen": "-", "softHyphen": ""}
# Fields whose result is a page number or a place on the printed page ("3", "on page 4"): words only
# a printing has. Other fields' results (a REF's "3.2", a hyperlink's words) are the document's words.
PAGE_FIELD = re.compile(r"^\s*(?:PAGE|NUMPAGES|PAGEREF|SECTIONPAGES|SECTION)\b", re.IGNORECASE)
DROPPED = "\u2063"  # where a page field's result was: a space before the punctuation after it goes too


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _on(properties: Any, name: str) -> bool:
    """Whether a toggle run property (bold, italic, hidden) is on."""
    found = properties.find(_w(name)) if properties is not None else None
    return found is not None and found.get(_w("val"), "true") not in ("0", "false", "off")


@dataclass(slots=True)
class _Styles:
    names: dict[str, str] = field(default_factory=dict)
    outline: dict[str, int] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    default: str | None = None

    def heading(self, style: str | None, properties: Any) -> int | None:
        own = properties.find(_w("outlineLvl")) if properties is not None else None
        if own is not None:
            level = int(own.get(_w("val"), "9"))
            return level + 1 if level < 9 else None
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if match := HEADING_STYLE.match(self.names.get(style, style)):
                return int(match.group(1))
            if style in self.outline:
                return self.outline[style] + 1 if self.outline[style] < 9 else None
            style = self.based_on.get(style)
        return None


def _styles(xml: bytes | None) -> _Styles:
    styles = _Styles()
    if not xml:
        return styles
    for style in etree.fromstring(xml).iter(_w("style")):
        style_id = style.get(_w("styleId"), "")
        name = style.find(_w("name"))
        styles.names[style_id] = name.get(_w("val"), style_id) if name is not None else style_id
        if (based := style.find(_w("basedOn"))) is not None:
            styles.based_on[style_id] = based.get(_w("val"), "")
        if (outline := style.find(f"{_w('pPr')}/{_w('outlineLvl')}")) is not None:
            styles.outline[style_id] = int(outline.get(_w("val"), "9"))
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
            styles.default = style_id
    return styles


def read(path: str) -> Document:
    """The document at ``path``; NotWord if it is not a .docx."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist()
                     if name.startswith(("word/", "docProps/core.xml")) and name.endswith((".xml", ".rels"))}
    except (zipfile.BadZipFile, OSError) as error:
        raise NotWord(f"not a Word document (.docx): {error}") from error
    if "word/document.xml" not in parts:
        raise NotWord("not a Word document (.docx): it has no word/document.xml")
    try:
        return _Reader(parts).document()
    except etree.XMLSyntaxError as error:
        raise NotWord(f"the Word document is damaged: {error}") from error


def _property(core: bytes | None, name: str) -> str | None:
    """One of the document's Dublin Core properties (``title``, ``language``), if it states it."""
    if not core:
        return None
    found = etree.fromstring(core).find(f"{{{DC}}}{name}")
    return " ".join((found.text or "").split()) or None if found is not None else None


class _Reader:
    """Reads one document's body, paragraph by paragraph."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = parts
        self.styles = _styles(parts.get("word/styles.xml"))
        self.numbering = word_numbering.read(parts.get("word/numbering.xml"), parts.get("word/styles.xml"))
        self.amended = word_numbering.Counter(self.numbering)
        self.original = word_numbering.Counter(self.numbering)
        self.links = self._links(parts.get("word/_rels/document.xml.rels"))
        self.notes = {kind: self._notes(parts.get(f"word/{kind}s.xml"), kind) for kind in ("footnote", "endnote",
                                                                                        "comment")}
        self.index = 0
        self.fields: list[str] = []  # the instructions of the fields open where the reading is, outermost first
        self.open: list[str] = []  # the same, as the runs of the paragraph being read reach them
        self.images: list[str] = []  # the descriptions of the images in the paragraph being read
        self.last_words = ""  # the first words of the last paragraph that had words
        self.asides: list[tuple[str, str, str]] = []  # those of empty paragraphs, for the next one with words
        self.bookmarks: list[str] = []
        self.left_out: list[tuple[int, str]] = []

    def document(self) -> Document:
        body = etree.fromstring(self.parts["word/document.xml"]).find(_w("body"))
        elements = _joined(list(self._blocks(body))) if body is not None else []
        self.left_out += [(self.index, f"{what} after the last paragraph: {words}") for what, words, _ in self.asides]
        core = self.parts.get("docProps/core.xml")
        return Document(elements=tuple(elements), title=_property(core, "title"),
                        language=_property(core, "language"), left_out=tuple(self.left_out))

    def _blocks(self, holder: Any) -> Iterator[Paragraph | Table]:
        for element in holder:
            match _local(element):
                case "p":
                    if (paragraph := self._paragraph(element)) is not None:
                        yield paragraph
                case "tbl":
                    if (table := self._table(element)) is not None:
                        yield table
                case "bookmarkStart":
                    self.bookmarks.append(element.get(_w("name"), ""))
                case "sdt" | "sdtContent" | "customXml":
                    yield from self._blocks(element)

    # Paragraphs

    def _paragraph(self, element: Any) -> Paragraph | None:
        self.index += 1
        properties = element.find(_w("pPr"))
        style_id = properties.find(_w("pStyle")).get(_w("val")) if properties is not None and \
            properties.find(_w("pStyle")) is not None else self.styles.default
        self.open = list(self.fields)
        if self._in_contents(element) or CONTENTS_STYLE.match(self.styles.names.get(style_id or "", "")):
            return None
        pieces: list[Piece] = []
        asides: list[tuple[str, str, str]] = []
        self.images = []
        self._runs(element, "", None, pieces, asides)
        pieces = _tidy(pieces)
        self._images_left_out(pieces)
        if not any(piece.text.strip() for piece in pieces):
            self.asides += asides
            return None
        asides, self.asides = [*self.asides, *asides], []
        place = self.numbering.place(properties, style_id)
        paragraph = Paragraph(index=self.index, style=self.styles.names.get(style_id or "", style_id or "Normal"),
                              heading=self.styles.heading(style_id, properties), pieces=tuple(pieces),
                              bookmarks=tuple(self.bookmarks), asides=tuple(asides),
                              joins_next=_mark_deleted(properties))
        self.bookmarks = []
        if place is None:
            return paragraph
        change = paragraph.change
        number = self.amended.number(place) if change != "deleted" else None
        old = self.original.number(place) if change != "inserted" else None
        return replace(paragraph, number=number if number is not None else old, old_number=old,
                       list_level=place.level, list_id=place.list_id)

    def _in_contents(self, paragraph: Any) -> bool:
        """Whether the paragraph is (in part) a table-of-contents field's, following the fields
        that open and close in it."""
        inside = any(field.lstrip().upper().startswith("TOC") for field in self.fields)
        for mark in paragraph.iter(_w("fldChar"), _w("instrText")):
            if mark.tag == _w("instrText") and self.fields:
                self.fields[-1] += mark.text or ""
            elif mark.get(_w("fldCharType")) == "begin":
                self.fields.append("")
            elif mark.get(_w("fldCharType")) == "end" and self.fields:
                self.fields.pop()
            inside = inside or any(field.lstrip().upper().startswith("TOC") for field in self.fields)
        return inside

    def _runs(self, element: Any, kind: Kind, link: str | None, pieces: list[Piece],
              asides: list[tuple[str, str, str]]) -> None:
        for child in element:
            name = _local(child)
            if name == "r":
                self._run(child, kind, link, pieces, asides)
            elif name in REVISIONS:
                self._runs(child, REVISIONS[name], link, pieces, asides)  # type: ignore[arg-type]
            elif name == "hyperlink":
                target = self.links.get(child.get(f"{{{REL}}}id", ""))
                self._runs(child, kind, target, pieces, asides)
            elif name == "fldSimple" and PAGE_FIELD.match(child.get(_w("instr"), "")):
                pieces.append(Piece(DROPPED, kind))
            elif name in WRAPPERS:
                self._runs(child, kind, link, pieces, asides)
            elif name == "bookmarkStart":
                self.bookmarks.append(child.get(_w("name"), ""))

    def _run(self, run: Any, kind: Kind, link: str | None, pieces: list[Piece],
             asides: list[tuple[str, str, str]]) -> None:
        properties = run.find(_w("rPr"))
        if _on(properties, "vanish") or _on(properties, "webHidden"):
            return
        bold, italic = _on(properties, "b"), _on(properties, "i")
        emphasis = "*" * (2 * bold + italic)
        for child in _chosen(run):
            name = _local(child)
            if name in ("fldChar", "instrText"):
                self._field_mark(child, pieces, kind)
            elif any(PAGE_FIELD.match(instruction) for instruction in self.open):
                continue  # a page number, or "on page 4"
            elif name in ("t", "delText"):
                pieces.append(Piece(child.text or "", kind, emphasis, link))
            elif name in CHARACTERS:
                pieces.append(Piece(CHARACTERS[name], kind, emphasis, link))
            elif name == "br":
                pieces.append(Piece(" ", kind, emphasis, link))  # a manual line break: residue, read as a space
            elif name == "sym":
                pieces.append(Piece(chr(int(child.get(_w("char"), "20"), 16) % 0xF000 or 32), kind, emphasis, link))
            elif name in ("footnoteReference", "endnoteReference", "commentReference"):
                what = name.removesuffix("Reference")
                words, by = self.notes[what].get(child.get(_w("id"), ""), ("", ""))
                if words:
                    asides.append((what, words, by))
            elif name in ("drawing", "pict", "object"):
                words = " ".join(" ".join(t.text or "" for t in child.iter(_w("t"))).split())
                if words:
                    asides.append(("text box", words, ""))
                else:
                    described = next((d.get("descr") or d.get("title") or "" for d in child.iter(f"{{{WP}}}docPr")), "")
                    self.images.append(" ".join(described.split()))

    def _images_left_out(self, pieces: list[Piece]) -> None:
        """A warning for each image of the paragraph just read, naming it by the paragraph's first
        words (or, in a paragraph without words, by those of the paragraph before it)."""
        words = " ".join("".join(piece.text for piece in pieces).split())
        named = f"in the paragraph “{_first_words(words)}”" if words else \
            f"in an empty paragraph after “{self.last_words}”" if self.last_words else "at the start"
        for described in self.images:
            what = f"an image (“{described}”)" if described else "an image"
            self.left_out.append((self.index, f"{what} {named} cannot be imported: describe it in a note if it "
                                              "matters"))
        if words:
            self.last_words = _first_words(words)

    def _field_mark(self, mark: Any, pieces: list[Piece], kind: Kind) -> None:
        """Follows a complex field's begin, instruction and end through the paragraph's runs."""
        if _local(mark) == "instrText":
            if self.open:
                self.open[-1] += mark.text or ""
        elif mark.get(_w("fldCharType")) == "begin":
            self.open.append("")
        elif mark.get(_w("fldCharType")) == "end" and self.open and PAGE_FIELD.match(self.open.pop()):
            pieces.append(Piece(DROPPED, kind))

    # Tables

    def _table(self, element: Any) -> Table | None:
        first = self.index + 1
        bookmarks, self.bookmarks = tuple(self.bookmarks), []
        rows = []
        for row in element.iter(_w("tr")):
            if next(row.iterancestors(_w("tbl"))) is not element:
                continue
            properties = row.find(_w("trPr"))
            change: Change = None
            if properties is not None:
                marks = [_local(m) for m in properties if _local(m) in ("ins", "del")]
                change = {"ins": "inserted", "del": "deleted"}.get(marks[0]) if marks else None  # type: ignore[assignment]
            cells = []
            for cell in row.findall(_w("tc")):
                span = cell.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                merged = cell.find(f"{_w('tcPr')}/{_w('vMerge')}")
                paragraphs = [p for p in self._cell(cell)]
                below = merged is not None and merged.get(_w("val"), "continue") == "continue"
                if below:
                    paragraphs = []
                cells.append(Cell(paragraphs=tuple(paragraphs), span=int(span.get(_w("val"), "1")) if span is not None
                                  else 1, merged=below))
            rows.append(Row(cells=tuple(cells), header=properties is not None
                            and _on(properties, "tblHeader"), change=change))
        return Table(index=first, rows=tuple(rows), bookmarks=bookmarks) if rows else None

    def _cell(self, cell: Any) -> Iterator[Paragraph]:
        for block in _joined(list(self._blocks(cell))):
            if isinstance(block, Paragraph):
                yield block
            else:
                self.left_out.append((block.index, "a table inside a table cell is read as the cell's paragraphs"))
                for row in block.rows:
                    for inner in row.cells:
                        yield from inner.paragraphs

    # Other parts

    def _links(self, xml: bytes | None) -> dict[str, str]:
        if not xml:
            return {}
        return {relation.get("Id", ""): relation.get("Target", "") for relation in etree.fromstring(xml)
                if relation.get("TargetMode") == "External"}

    def _notes(self, xml: bytes | None, kind: str) -> dict[str, tuple[str, str]]:
        """Each footnote's, endnote's or comment's words and author (a comment's), by id."""
        if not xml:
            return {}
        found = {}
        for note in etree.fromstring(xml).iter(_w(kind)):
            words = " ".join(" ".join(t.text or "" for t in note.iter(_w("t"))).split())
            if words:
                found[note.get(_w("id"), "")] = (words, note.get(_w("author"), ""))
        return found


def _chosen(run: Any) -> Iterator[Any]:
    """A run's children, with Word's alternatives (``mc:AlternateContent``: a text box as a
    drawing, and again as a VML shape for older readers) read once, as the first choice."""
    for child in run:
        if child.tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            yield from choice if choice is not None else child.findall(f"{{{MC}}}Fallback/*")
        else:
            yield child


def _first_words(words: str) -> str:
    """The first words of a text, "…" after them where it goes on."""
    listed = words.split()
    return " ".join(listed[:FIRST_WORDS]) + ("…" if len(listed) > FIRST_WORDS else "")


def _mark_deleted(properties: Any) -> bool:
    """Whether a revision deletes the paragraph mark (``w:pPr/w:rPr/w:del``, or a move away)."""
    marks = properties.find(_w("rPr")) if properties is not None else None
    return marks is not None and (marks.find(_w("del")) is not None or marks.find(_w("moveFrom")) is not None)


def _joined(elements: list[Paragraph | Table]) -> list[Paragraph | Table]:
    """The paragraphs as both readings need them where a revision deletes a paragraph mark
    between two paragraphs that keep words: the first with the words of the next as an insertion
    (accepted, one paragraph), then the next as a deleted paragraph (rejected, two as they were)."""
    result: list[Paragraph | Table] = []
    deleted: list[Paragraph] = []  # the paragraphs run on into the open one, each then deleted
    for element in elements:
        head = result[-1 - len(deleted)] if len(result) > len(deleted) else None
        if isinstance(head, Paragraph) and head.joins_next and head.change != "deleted" \
                and isinstance(element, Paragraph) and element.change != "deleted":
            run_on = tuple(_tidy([*head.pieces, *_taken(element.pieces, "ins")]))
            result[-1 - len(deleted)] = replace(head, pieces=run_on, joins_next=element.joins_next,
                                                asides=(*head.asides, *element.asides))
            gone = replace(element, pieces=tuple(_tidy(_taken(element.pieces, "del"))), asides=(), bookmarks=())
            deleted.append(gone)
            result.append(gone)
            continue
        deleted = []
        result.append(element)
    return result


def _taken(pieces: tuple[Piece, ...], kind: Kind) -> list[Piece]:
    """A paragraph's words on one side only, all marked ``kind``: "ins" its words as amended,
    "del" its words as they were."""
    other = "del" if kind == "ins" else "ins"
    return [Piece(piece.text, kind, piece.emphasis, piece.link) for piece in pieces if piece.kind != other]


def _tidy(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces alike joined, runs of spaces made one, no space at either end."""
    joined: list[Piece] = []
    for piece in pieces:
        text = re.sub(r"\s+", " ", piece.text.replace("\u00a0", " "))
        if not text:
            continue
        if joined and (joined[-1].kind, joined[-1].emphasis, joined[-1].link) == (piece.kind, piece.emphasis,
                                                                                   piece.link):
            joined[-1] = Piece(joined[-1].text + text, piece.kind, piece.emphasis, piece.link)
        else:
            joined.append(Piece(text, piece.kind, piece.emphasis, piece.link))
    return _without_dropped(joined)


def _without_dropped(pieces: list[Piece]) -> list[Piece]:
    """The pieces without the marks of dropped page fields, and without the space before one
    where punctuation follows it ("paragraph 3.2 ." is "paragraph 3.2.")."""
    kept: list[Piece] = []
    for number, piece in enumerate(pieces):
        text = re.sub(f" ?{DROPPED}+(?=[.,;:)])", "", piece.text)
        after = pieces[number + 1].text if number + 1 < len(pieces) else ""
        if text.endswith(DROPPED) and re.match(r"^[.,;:)]", after):
            text = text.rstrip(DROPPED).rstrip(" ")
        text = text.replace(DROPPED, "")
        if text:
            kept.append(Piece(text, piece.kind, piece.emphasis, piece.link))
    return kept
