"""Word in: a council's Word document (.docx) → a draft source file (`clausebook import`).

The stages, each in a module of its own:

- ``docx_reading`` (with Word's automatic numbering in ``docx_numbering``) reads the document's
  paragraphs and tables in order (``document``): each paragraph with its style, heading level,
  Word's automatic number and its words, tracked changes marked;
- ``paragraph_words`` gives a paragraph's words as clause text and its number split from them;
- this module builds the protocol from the paragraphs and tables, in one pass;
- ``settling`` settles the draft once it is built: tracked changes of whole elements, the
  canonical shape, notes on numbers out of sequence.

The build places

- **cover**: the Title and Subtitle paragraphs, and "Council:", "Status:"… lines before the
  first heading, give the protocol's details;
- **sections and clauses**: headings at the top level (or numbered paragraphs such as "1.
  Introduction" in a document without headings) are sections; lower headings and paragraphs
  numbered "4.1" or "13.2.1", typed or by Word, are clauses, placed by heading level or under the
  clause whose number theirs extends; a heading in a part's or schedule's style ("Part Heading",
  "Schedule") opens one;
- **blocks**: bullets and labelled paragraphs ("(a)", "(iv)"; Word's lettered and roman lists)
  are list items, nested by level, after the paragraph they complete (the list's lead);
  "Block Text" or "Quote" paragraphs a quotation ("— who" its source); "Definition Term" and
  "Definition" paragraphs definitions; tables a table whose first row names the columns;
- **tracked changes**: words stay marked ``{++ ++}`` / ``{-- --}``; a number deleted and another
  inserted is ``number`` and ``was``. With any change, the draft is a ``proposed-revision``;
- **ids** from bookmarks where they are valid ids, otherwise from headings or first words;
- **notes**: "Editorial Note" paragraphs, footnotes and comments become editorial notes.

Obligations are not tagged: Word has no place for them. Anything that could not be placed is
reported with its paragraph number (``document.Paragraph.index``), never dropped.

The module is long because the build's stages (cover, sections and clauses, blocks, ids, notes)
read one document in one pass, each placing what it finds against what the stages before it have
placed: they share one builder's state (the open part, section, clause and list, the bookmarks),
so they stay in one class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clausebook.authoring import revisions
from clausebook.authoring.importing.document import Cell, Paragraph, Piece, Table
from clausebook.authoring.importing.docx_reading import read
from clausebook.authoring.importing.paragraph_words import (
    Data,
    Numbered,
    designated,
    escaped,
    goes_on,
    introduces,
    lead_like,
    markdown,
    numbered,
    plain_side,
    side_words,
    slug,
    strip_prefix,
    title_like,
)
from clausebook.authoring.importing.settling import (
    first_words,
    settle_changes,
    tidy_element,
    unmerged,
    with_number_notes,
)
from clausebook.format import markup
from clausebook.format.problems import Problem, at_position
from clausebook.urls import RESERVED_PROTOCOL_IDS, RESERVED_SECTION_IDS
from clausebook.words import every_way

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PART_WORDS = re.compile(r"^(?:part|appendices|schedules?|annex(?:es)?|rhan|atodiadau|atodlen(?:ni)?)\b",
                        re.IGNORECASE)  # (and in Welsh: part, appendices, schedule or schedules)
# The styles a document defines for the headings of its parts and its schedules ("Part Heading",
# "Schedule", "Appendix Heading"): what the style names the heading is, whatever its words.
GROUPING_STYLE = re.compile(r"^(?:heading\s+)?(?P<kind>part|schedule|appendix|annex)(?:\s+heading)?$", re.IGNORECASE)
SCHEDULE_PARTS = {"schedule": "Schedules", "appendix": "Appendices", "annex": "Annexes"}
SCHEDULE_WORDS = re.compile(r"^(?P<designation>(?:schedule|appendix|annex)\s+(?P<number>[0-9]{1,3}|[A-Z]))\b"
                            r"\s*(?:[–—:.-]\s*)?(?P<title>.*)$", re.IGNORECASE)
CLAUSE_NUMBER = re.compile(r"^[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,4}[A-Z]?)*\.?$")
LABEL = re.compile(r"^(?P<label>\((?:[0-9]{1,3}|[a-z]{1,4}|[A-Z])\)|(?:[0-9]{1,3}|[a-z]{1,4}|[A-Z])[.)])\s+")
ITEM_LABEL = re.compile(r"^\(?[0-9a-zA-Z]{1,6}[.)]?$")  # the schema's pattern for a label
ROMAN_LABEL = re.compile(r"^\(?[ivxl]+[.)]?$")
# The facts on the cover of the Word documents this project writes, by their labels in each language
# it writes them in (the English, and the key of its words where it has one): the field each gives.
COVER_FIELDS = {label: field for (english, key), field in {
    ("Council", None): "council", ("Constitution", None): "part", ("Status", None): "status",
    ("Version", None): "version", ("Adopted", "adopted on"): "adopted", ("In effect from", None): "effective",
    ("Revision dated", None): "revised", ("Source", None): "source"}.items() for label in every_way(english, key)}
COVER = re.compile(rf"^({'|'.join(map(re.escape, COVER_FIELDS))}):\s+(.+)$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The head of a note paragraph, as the Word documents this project writes print it, in each language
# it writes them in: where its note goes, and whose it is (the council's own, or the editor's on how
# the edition renders the source).
NOTE_HEADS = {f"{head}{on}:".lower(): found for (whose, about), found in {
    ("Note", ""): ("note", "council"), ("Note", " on a link"): ("note", "council"),
    ("Note", " on the number"): ("number_note", "council"), ("About this text", ""): ("protocol", "council"),
    ("Editorial note", ""): ("note", "editorial"), ("Editorial note", " on a link"): ("note", "editorial"),
    ("Editorial note", " on the number"): ("number_note", "editorial"),
    ("About this edition", ""): ("protocol", "editorial")}.items()
    for head, on in zip(every_way(whose), every_way(about), strict=True)}
QUOTE_STYLES = frozenset({"block text", "quote", "intense quote", "quotation"})
TERM_STYLES = frozenset({"definition term"})
MEANING_STYLES = frozenset({"definition"})
NOTE_STYLE = "editorial note"
ITEM_STYLE = re.compile(r"^clause item ([1-9])$|^list (?:bullet|number|paragraph)(?: ([2-9]))?$")
POINT_STYLE = re.compile(r"^clause item [1-9]$")  # the item style `clausebook docx` writes: never a clause
DOTTED_LABEL = re.compile(r"^(?P<label>[0-9]{1,3}(?:\.[0-9]{1,3}){1,3}[a-z]?)\s+")  # a point numbered "1.2a"
WARNING_WORDS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Imported:
    """A Word document as source data, and what the importer could not place as it stands."""

    data: Data
    problems: tuple[Problem, ...]


def import_docx(path: str | Path, name: str | None = None) -> Imported:
    """The draft source data of the Word document at ``path`` (reported as ``name``), with a
    warning (``path:paragraph:1``) for everything it could not place as it stands. Raises
    ``document.NotWord`` for a file that is not a Word document."""
    document = read(str(path))
    name = name or str(path)
    builder = _Builder(name, Path(path).stem)
    builder.words = _first_words_by_index(document.elements)
    for index, message in document.left_out:
        builder.warn(index, message)
    return builder.build(list(document.elements), document.title, document.language)


def _first_words_by_index(elements: tuple[Paragraph | Table, ...]) -> dict[int, str]:
    """Each paragraph's first words (in tables too), by its paragraph number, as a warning quotes them."""
    paragraphs = [element for element in elements if isinstance(element, Paragraph)]
    paragraphs += [p for table in elements if isinstance(table, Table) for row in table.rows for cell in row.cells
                   for p in cell.paragraphs]
    found = {}
    for paragraph in paragraphs:
        words = (paragraph.side("ins") or paragraph.side("del")).split()
        found[paragraph.index] = " ".join(words[:WARNING_WORDS]) + ("…" if len(words) > WARNING_WORDS else "")
    return found


class _Warning:
    """``problem | _WARNING``: the same problem, as a warning."""

    def __ror__(self, problem: Problem) -> Problem:
        return Problem(file=problem.file, message=problem.message, line=problem.line, column=problem.column,
                       warning=True)


_WARNING = _Warning()


# Building the protocol

@dataclass(slots=True)
class _Open:
    """A section or clause being built, with its place in the hierarchy."""

    data: Data
    level: int  # sections 0, their clauses 1, …
    index: int  # the paragraph it starts at


@dataclass(slots=True)
class _List:
    """The list block being filled: its items by level."""

    block: Data
    holder: Data
    path: list[Data] = field(default_factory=list)  # the last item at each level
    base: int = 0  # the level its first item stands at
    letters: bool = False  # its first level is labelled with letters


class _Builder:
    def __init__(self, name: str, stem: str) -> None:
        self.name = name
        self.stem = stem
        self.protocol: Data = {}
        self.parts: Data = {}
        self.sections: list[Data] = []
        self.stack: list[_Open] = []
        self.list: _List | None = None
        self.note_target: tuple[Data, str, str] | None = None
        self.bookmarks: dict[int, str] = {}  # id(element) → a bookmark that may name it
        self.left_out: list[Problem] = []
        self.section_level = 1
        self.part_level: int | None = None
        self.outline_lists: set[str] = set()
        self.part: str | None = None
        self.has_headings = False
        self.next: Paragraph | Table | None = None
        self.section_heading = 0  # the heading level of the open section
        self.words: dict[int, str] = {}  # each paragraph's first words, by its number
        self.item_placed: Data | None = None  # the list item the paragraph being placed became

    def warn(self, index: int, message: str) -> None:
        """A warning on paragraph ``index``, quoting its first words where it has any."""
        if (words := self.words.get(index)) and "“" not in message:  # (unless it quotes them already)
            message = f'{message} (paragraph {index}: "{words}")'
        self.left_out.append(at_position(self.name, index, 1, message) | _WARNING)

    # The whole document

    def build(self, elements: list[Paragraph | Table], title: str | None, language: str | None = None) -> Imported:
        self._levels(elements)
        self.outline_lists = {p.list_id for p in elements if isinstance(p, Paragraph) and p.list_id
                              and p.number and re.match(r"^\d+\.\d+", p.number)}
        for element, following in zip(elements, _following(elements), strict=True):
            self.next = following
            if isinstance(element, Table):
                self.table(element)
            else:
                self.paragraph(element)
        if language and not language.lower().startswith("en"):  # (English is what a source without one is in)
            self.protocol["language"] = language
        data = self._finish(title)
        return Imported(data=data, problems=tuple(self.left_out))

    def _levels(self, elements: list[Paragraph | Table]) -> None:
        """Which heading level holds sections (and parts, if the document has them)."""
        headings = [(i, e) for i, e in enumerate(elements) if isinstance(e, Paragraph) and e.heading
                    and e.style.lower() not in ("title", "subtitle") and not GROUPING_STYLE.match(e.style)]
        if not headings:
            return
        self.has_headings = True
        top = min(e.heading for _, e in headings if e.heading)
        if any(e.heading == top and PART_WORDS.match(e.side("ins") or e.side("del"))
               and self._is_part(e, elements[i + 1] if i + 1 < len(elements) else None) for i, e in headings):
            self.part_level, self.section_level = top, top + 1
        else:
            self.section_level = top

    @staticmethod
    def _is_part(heading: Paragraph, after: Paragraph | Table | None) -> bool:
        """A heading that groups sections: unnumbered, and directly followed by a heading one level down."""
        return numbered(heading).number is None and isinstance(after, Paragraph) and after.heading is not None \
            and after.heading == (heading.heading or 0) + 1

    # Paragraphs

    def paragraph(self, paragraph: Paragraph) -> None:
        style = paragraph.style.lower()
        self.item_placed = None
        self.place(paragraph, style)
        for what, words, by in paragraph.asides:  # on the list item the paragraph is, else its clause
            self.aside(paragraph, what, words, by, target=self.item_placed)

    def place(self, paragraph: Paragraph, style: str) -> None:
        """The paragraph placed by what it is (its asides are placed after it, on what holds it)."""
        if style == NOTE_STYLE:
            self.note(paragraph)
            return
        self.note_target = None
        if style in ("title", "subtitle") and not self.sections:
            self.cover(paragraph, style)
        elif not self.sections and not paragraph.heading and not paragraph.number and \
                (match := COVER.match(paragraph.side("ins"))):
            self.cover_fact(paragraph, match.group(1), match.group(2))
        elif grouping := GROUPING_STYLE.match(style):
            self.open_grouping(paragraph, grouping.group("kind").lower())
        elif paragraph.heading:
            self.heading(paragraph)
        elif self._completes_lead(paragraph):
            self.list_item(paragraph, 0, paragraph.number, paragraph.pieces)
        elif (number := self.clause_number(paragraph)) is not None:
            self.numbered_paragraph(paragraph, number)
        elif (label := self.item(paragraph)) is not None:
            self.list_item(paragraph, *label)
        else:
            self.body_paragraph(paragraph, style)

    def cover(self, paragraph: Paragraph, style: str) -> None:
        words = paragraph.side("ins") or paragraph.side("del")
        if style == "title":
            self.protocol["title"] = words
        else:
            council, _, part = words.partition(": ")
            self.protocol.setdefault("council", council)
            if part:
                self.protocol.setdefault("part", part)

    def cover_fact(self, paragraph: Paragraph, what: str, value: str) -> None:
        key = COVER_FIELDS[what]
        if key == "status":
            return  # the status follows from the changes the document has
        if key in ("adopted", "effective", "revised") and not DATE.match(value):
            self.warn(paragraph.index, f"{what}: {value!r} is not a date as YYYY-MM-DD: kept in the protocol's note")
            self._append(self.protocol, "note", f"{what}: {value}", "editorial")
            return
        self.protocol[key] = value

    def note(self, paragraph: Paragraph) -> None:
        words = plain_side(markdown(paragraph.pieces), paragraph.change)
        head = NOTE_HEADS.get(paragraph.side("ins").lower() or paragraph.side("del").lower())
        if head is not None:
            self.note_target = (*self._note_target(head[0], paragraph), head[1])
            return
        if self.note_target is None:  # (a note paragraph without a head: an editorial note)
            self.note_target = (*self._note_target("note", paragraph), "editorial")
        self._append(*self.note_target[:2], words, self.note_target[2])

    def _note_target(self, head: str, paragraph: Paragraph) -> tuple[Data, str]:
        if self.part and not any(section.get("part") == self.part for section in self.sections):
            return self.parts[self.part], "note"  # under a part's heading, before its first section
        if head == "protocol" or not self.stack:
            return self.protocol, "note"
        holder = self.stack[-1].data
        if head == "number_note":
            return holder, "number_note"
        if self.list is not None and paragraph.list_id and self.list.path:
            return self.list.path[-1], "note"
        body = holder.get("body", [])
        if body and "text" not in body[-1]:
            return body[-1], "note"
        if holder.get("clauses") and "title" in holder:
            return holder["clauses"][-1], "note"
        return holder, "note"

    def aside(self, paragraph: Paragraph, what: str, words: str, by: str = "", target: Data | None = None) -> None:
        """A footnote or text box (the document's own words) or a comment (a reader's, so an
        editorial note): kept as a note on ``target``, else on the clause it is in. A comment by
        "Editorial note" (or "Editorial note on the number", as clausebook writes an editorial
        note) is that note."""
        kind = "editorial" if what == "comment" else "council"
        head = NOTE_HEADS.get(f"{by.lower()}:") if what == "comment" else None
        if target is None or (head is not None and head[0] != "note"):  # (a note on a number is its clause's)
            target = self.stack[-1].data if self.stack else self.protocol
        if head is not None and head[1] == "editorial" and head[0] != "protocol":
            self._append(target, head[0], escaped(words), kind)
        else:
            self._append(target, "note", escaped(words), kind)
        self.warn(paragraph.index, f"a {what} is kept as {'an editorial note' if kind == 'editorial' else 'a note'}")

    @staticmethod
    def _append(target: Data, key: str, words: str, kind: str = "council") -> None:
        """Words added to a note of ``target`` (a paragraph of their own): a council's note as
        its text, an editorial note as its kind and text. A note that has both kinds' words is
        editorial: the editor's words are never shown as the council's."""
        if not words:
            return
        before = target.get(key)
        text = before if isinstance(before, str) else (before or {}).get("text")
        text = f"{text}\n\n{words}" if text else words
        editorial = kind == "editorial" or isinstance(before, dict)
        target[key] = {"kind": "editorial", "text": text} if editorial else text

    # Sections and clauses

    def heading(self, paragraph: Paragraph) -> None:
        level = paragraph.heading or 1
        found = numbered(paragraph)
        words = markdown(found.rest, emphasis=False)
        if self.part_level is not None and level <= self.part_level:
            if self._is_part(paragraph, self.next):
                self.open_part(plain_side(words, paragraph.change))
                return
            self.part = None
        if level <= self.section_level and not self._under_section(level):
            self.open_section(paragraph, found, words)
            self.section_heading = level
            return
        sentence = found.number is not None and not re.match(r"^heading\s*[1-9]$", paragraph.style.lower()) \
            and not title_like(plain_side(words, paragraph.change))  # a clause style at an outline level
        self.open_clause(paragraph, found, markdown(found.rest) if sentence else words,
                         max(1, level - self.section_heading), heading=not sentence)

    def _named_by_its_words(self, heading: Paragraph) -> bool:
        """Whether a section's heading only repeats the words its text opens with ("Signed on
        behalf of the council…" over "Signed on behalf of the council by the Chair…"), as a
        Word document heads a section the source prints no title for: the section has none."""
        after = self.next
        if not isinstance(after, Paragraph) or after.heading or after.number is not None:
            return False
        shown, text = heading.side("ins") or heading.side("del"), after.side("ins") or after.side("del")
        opening = shown.removesuffix("…").rstrip()
        return bool(opening) and (shown == text or (shown.endswith("…") and text.startswith(opening + " ")))

    def _under_section(self, level: int) -> bool:
        """Whether a heading at ``level`` stands under the open section's heading: a section
        outside the parts (a heading a level higher than those in parts) holds its clauses at
        the level the sections in parts have."""
        return bool(self.stack) and level > self.section_heading

    def open_part(self, words: str) -> None:
        designation, _, title = words.partition(": ")
        dashed = designated(words)  # ("PART 1 — INTERPRETATION")
        part: Data = {"title": title, "designation": designation} if title and PART_WORDS.match(designation) \
            else dashed if dashed and PART_WORDS.match(dashed["designation"]) else {"title": words or "Part"}
        self.part = self._unique_key(slug(part["title"]) or "part", self.parts)
        self.parts[self.part] = part
        self.stack = []  # (a part's heading closes the section before it)
        self.list = None

    def open_grouping(self, paragraph: Paragraph, kind: str) -> None:
        """A heading in a part's or a schedule's own style opens one, whatever its words say."""
        if kind == "part":
            self.open_part(plain_side(markdown(numbered(paragraph).rest, emphasis=False), paragraph.change))
        else:
            self.open_schedule(paragraph, SCHEDULE_PARTS[kind])

    def open_schedule(self, paragraph: Paragraph, group: str) -> None:
        """A schedule (or appendix, annex) as a section of the part that holds them all:
        "Schedule 1 – Useful contacts" is numbered "1", designated "Schedule 1"."""
        key = slug(group)
        if self.part != key:
            self.parts.setdefault(key, {"title": group})
            self.part = key
        words = markdown(paragraph.pieces, emphasis=False)
        match = SCHEDULE_WORDS.match(plain_side(words, paragraph.change))
        section: Data = {"id": "", "title": match.group("title") or match.group("designation"),
                         "number": match.group("number"), "designation": match.group("designation")} \
            if match else {"id": "", "title": words or group}
        section["part"] = key
        self._name(section, paragraph.bookmarks)
        self.sections.append(section)
        self.stack = [_Open(section, 0, paragraph.index)]
        self.list = None
        self.section_heading = paragraph.heading or 1

    def open_section(self, paragraph: Paragraph, found: Numbered, words: str) -> None:
        section: Data = {"id": "", "title": words or found.number or "Untitled", **found.fields(designation=False)}
        if found.number is None and self._named_by_its_words(paragraph):
            del section["title"]
        elif found.number is None and (printed := designated(words)):
            section.update(printed)
        if self.part:
            section["part"] = self.part
        self._name(section, paragraph.bookmarks)
        self.sections.append(section)
        self.stack = [_Open(section, 0, paragraph.index)]
        self.list = None

    def open_clause(self, paragraph: Paragraph, found: Numbered, words: str, level: int, *, heading: bool) -> Data:
        clause: Data = {"id": "", **found.fields()}
        if heading and words:
            clause["heading"] = words
        self._name(clause, paragraph.bookmarks)
        self._ensure_section(paragraph)
        while len(self.stack) > level:
            self.stack.pop()
        self.stack[-1].data.setdefault("clauses", []).append(clause)
        self.stack.append(_Open(clause, len(self.stack), paragraph.index))
        self.list = None
        if not heading and words:
            self.add_block({"text": words})
        return clause

    def _ensure_section(self, paragraph: Paragraph) -> None:
        if not self.stack:
            section: Data = {"id": "", "title": "Preamble"}
            if self.part:
                section["part"] = self.part
            self.sections.append(section)
            self.stack = [_Open(section, 0, paragraph.index)]

    def clause_number(self, paragraph: Paragraph) -> Numbered | None:
        """The number of a paragraph that starts a clause or section: Word's outline numbering
        ("1.", "1.1") or a typed dotted number ("4.1 …"), or "4." before a title in a
        document whose sections are not headings. A paragraph in the item style clausebook's
        documents write ("Clause Item 1") is an item, its "2.1" a point's label."""
        if POINT_STYLE.match(paragraph.style.lower()):
            return None
        if paragraph.number is not None:
            if paragraph.number and CLAUSE_NUMBER.match(paragraph.number) and (
                    paragraph.list_id in self.outline_lists or "." in paragraph.number.rstrip(".")):
                return numbered(paragraph)
            return None
        found = numbered(paragraph)
        if found.number is None or not CLAUSE_NUMBER.match(found.number):
            return None
        rest = side_words(found.rest, "ins") or side_words(found.rest, "del")
        if "." in found.number or (found.stop and title_like(rest)):
            return found
        if found.stop and self.stack and "designation" in self.stack[0].data:
            return found  # "1." in a schedule, whose paragraphs are numbered on their own
        return None

    def _completes_lead(self, paragraph: Paragraph) -> bool:
        """Whether a paragraph Word numbers "1.", "2." under a numbered clause is an item of that
        clause's list (the clause ends "…must:", or the list is open), not a clause of its own:
        its words are not a title, and the clause numbering's own level would print "2.1"."""
        if not paragraph.number or "." in paragraph.number.rstrip(".") or len(self.stack) < 2 \
                or "number" not in self.stack[-1].data or ITEM_LABEL.match(paragraph.number) is None \
                or title_like(paragraph.side("ins") or paragraph.side("del")):
            return False
        body = self.stack[-1].data.get("body", [])
        if self.list is not None and body and body[-1] is self.list.block:
            return bool(self.list.path) and self.list.path[0].get("label", "").endswith(".")
        return bool(body) and set(body[-1]) == {"text"} and introduces(body[-1]["text"])

    def numbered_paragraph(self, paragraph: Paragraph, found: Numbered) -> None:
        words = markdown(found.rest)
        number = found.number or ""
        if "." not in number and not self.has_headings and title_like(plain_side(words, paragraph.change)):
            self.open_section(paragraph, found, markdown(found.rest, emphasis=False))
            return
        level = 1
        for depth in range(len(self.stack) - 1, 0, -1):
            holder = self.stack[depth].data.get("number")
            if holder and number.startswith(holder + "."):
                level = depth + 1
                break
        self.open_clause(paragraph, found, words, level, heading=False)

    # Lists

    def item(self, paragraph: Paragraph) -> tuple[int, str | None, tuple[Piece, ...]] | None:
        """A list item's level, label and words, or None if the paragraph is not one."""
        style = ITEM_STYLE.match(paragraph.style.lower())
        if paragraph.number is not None:
            level = paragraph.list_level or 0
            label = paragraph.number or None
            if label and not ITEM_LABEL.match(label):
                return level, None, (Piece(label + " "), *paragraph.pieces)
            return level, label, paragraph.pieces
        typed = LABEL.match(paragraph.side("ins") or paragraph.side("del"))
        if style and typed is None and POINT_STYLE.match(paragraph.style.lower()):
            typed = DOTTED_LABEL.match(paragraph.side("ins") or paragraph.side("del"))
        if style:
            level = int(style.group(1) or style.group(2) or 1) - 1
            if typed:
                return level, typed.group("label"), strip_prefix(paragraph.pieces, len(typed.group()),
                                                                  len(typed.group()))
            return level, None, paragraph.pieces
        if typed and typed.group("label").startswith("("):
            label = typed.group("label")
            current = self.list
            after_h = current is not None and bool(current.block["items"]) and \
                current.block["items"][-1].get("label") == "(h)"
            level = 1 if current is not None and current.letters and ROMAN_LABEL.match(label) and not after_h else 0
            return level, label, strip_prefix(paragraph.pieces, len(typed.group()), len(typed.group()))
        return None

    def list_item(self, paragraph: Paragraph, level: int, label: str | None, pieces: tuple[Piece, ...]) -> None:
        holder = self._holder(paragraph)
        if self.list is None or self.list.holder is not holder or holder.get("body", [None])[-1] is not \
                self.list.block:
            body = holder.setdefault("body", [])
            block: Data = {"items": []}
            if body and set(body[-1]) == {"text"} and lead_like(body[-1]["text"]):
                block["lead"] = body.pop()["text"]
            body.append(block)
            self.list = _List(block, holder, letters=bool(label and re.match(r"^\(?[a-z][.)]?$", label)), base=level)
        item: Data = {"text": markdown(pieces) or "…"}
        if label:
            item["label"] = label
        level = min(max(level - self.list.base, 0), len(self.list.path))
        self.list.path[level:] = [item]
        siblings = self.list.block["items"] if level == 0 else self.list.path[level - 1].setdefault("items", [])
        siblings.append(item)
        self.item_placed = item

    # Other blocks

    def _holder(self, paragraph: Paragraph | Table) -> Data:
        """The clause the next block goes into: the open one, or a new unnumbered clause (where a
        bookmark names one, or where the blocks stand directly in a section)."""
        bookmark = next((b for b in paragraph.bookmarks if ID.match(b) and "--" not in b), None)
        if len(self.stack) <= 1 or (bookmark and bookmark not in self._used_bookmarks()):
            self._ensure_section(paragraph)  # type: ignore[arg-type]
            level = max(1, len(self.stack) - 1)
            clause: Data = {"id": ""}
            self._name(clause, paragraph.bookmarks)
            while len(self.stack) > level:
                self.stack.pop()
            self.stack[-1].data.setdefault("clauses", []).append(clause)
            self.stack.append(_Open(clause, len(self.stack), paragraph.index))
            self.list = None
        return self.stack[-1].data

    def _used_bookmarks(self) -> set[str]:
        return set(self.bookmarks.values())

    def add_block(self, block: Data) -> None:
        self.stack[-1].data.setdefault("body", []).append(block)
        self.list = None

    def body_paragraph(self, paragraph: Paragraph, style: str) -> None:
        words = markdown(paragraph.pieces)
        plain = paragraph.side("ins") or paragraph.side("del")
        holder = self._holder(paragraph)
        body = holder.setdefault("body", [])
        last = body[-1] if body else None
        resolved = markup.plain(plain_side(words, paragraph.change))
        if style in QUOTE_STYLES:
            if last is not None and "quote" in last and "source" not in last:
                if plain.startswith(("— ", "– ")):
                    last["source"] = resolved[2:].strip()
                else:
                    last["quote"] += "\n\n" + words
            else:
                body.append({"quote": words})
        elif style in TERM_STYLES:
            definition: Data = {"term": markdown(paragraph.pieces, emphasis=False), "text": ""}
            if last is not None and "definitions" in last:
                last["definitions"].append(definition)
            else:
                body.append({"definitions": [definition]})
        elif style in MEANING_STYLES and last is not None and "definitions" in last:
            entry = last["definitions"][-1]
            entry["text"] = f"{entry['text']}\n\n{words}" if entry["text"] else words
        elif lead := _led(resolved, "Refers to:"):
            self.cites(holder, resolved.removeprefix(lead).lstrip())
        elif lead := _led(resolved, "Optional provision"):
            holder["optional"] = "true"
            if rest := resolved.removeprefix(lead).lstrip(": ").strip():
                holder["optional_note"] = rest
        elif lead := _led(resolved, "Text missing:"):
            body.append({"gap": resolved.removeprefix(lead).lstrip()})
        elif last is not None and self.list is not None and last is self.list.block and "tail" not in last \
                and goes_on(last, resolved) and not self._item_follows():
            last["tail"] = words  # the sentence the list is part of, closed after its items
        else:
            body.append({"text": words})
        self.list = None

    def _item_follows(self) -> bool:
        """Whether the next paragraph is a list item (words between items are not the list's tail)."""
        return isinstance(self.next, Paragraph) and not self.next.heading and \
            self.clause_number(self.next) is None and self.item(self.next) is not None

    def cites(self, holder: Data, listed: str) -> None:
        """"Refers to: A, B" (as `clausebook docx` writes a clause's cites): the documents, each
        declared once; a comma before a lower-case word does not part two titles."""
        titles: list[str] = []
        for piece in markup.plain(listed).split(", "):
            if titles and not piece[:1].isupper():
                titles[-1] += ", " + piece
            else:
                titles.append(piece)
        documents = self.protocol.setdefault("_documents", {})
        for title in titles:
            key = next((k for k, v in documents.items() if v["title"] == title), None)
            if key is None:
                key = self._unique_key(slug(title) or "document", documents)
                documents[key] = {"title": title}
            holder.setdefault("cites", []).append(key)

    def table(self, table: Table) -> None:
        rows = [row for row in unmerged(table.rows) if any(cell.paragraphs for cell in row.cells)]
        if not rows:
            return
        head, *rest = rows
        columns: Data = {}
        keys = []
        for number, cell in enumerate(head.cells, 1):
            label = " ".join(markdown(p.pieces, emphasis=False) for p in cell.paragraphs) or f"Column {number}"
            key = self._unique_key(slug(label) or f"column-{number}", columns)
            columns[key] = {"label": label}
            keys.append(key)
        written: list[Data] = []
        for row in rest:
            cells = [cell for cell in row.cells]
            if len(cells) == 1 and len(keys) > 1 and written:
                words = [p for p in cells[0].paragraphs if p.style.lower() == NOTE_STYLE]
                if len(words) == len(cells[0].paragraphs):
                    heads = [NOTE_HEADS[head] for p in words if (head := (p.side("ins") or p.side("del")).lower())
                             in NOTE_HEADS]
                    notes = [plain_side(markdown(p.pieces), p.change) for p in words
                             if (p.side("ins") or p.side("del")).lower() not in NOTE_HEADS]
                    kind = heads[0][1] if heads else "editorial"
                    self._append(written[-1], "note", "\n\n".join(notes), kind)
                    continue
            entry: Data = {}
            if len(cells) > len(keys):
                self.warn(cells[0].paragraphs[0].index if cells[0].paragraphs else table.index,
                          "a row has more cells than the table's first row: the extra cells are joined to its last")
                extra = [p for cell in cells[len(keys) - 1:] for p in cell.paragraphs]
                cells = [*cells[: len(keys) - 1], Cell(paragraphs=tuple(extra))]
            for key, cell in zip(keys, cells, strict=False):
                if cell.paragraphs:
                    entry[key] = self._cell(cell.paragraphs)
            if row.change and not entry:
                continue
            if entry:
                written.append(entry)
        block: Data = {"table": {"columns": columns, "rows": written or [{keys[0]: "…"}]}}
        if not written:
            self.warn(table.index, "a table with only a header row: a row of '…' is added, as a table needs rows")
        self._table_holder(table)
        body = self.stack[-1].data.setdefault("body", [])
        if body and set(body[-1]) == {"text"} and introduces(body[-1]["text"]):
            block = {"lead": body.pop()["text"], **block}  # "Who does what:" before the table
        body.append(block)
        self.list = None

    def _table_holder(self, table: Table) -> None:
        fake = Paragraph(index=table.index, style="", heading=None, pieces=(), bookmarks=table.bookmarks)
        self._holder(fake)

    def _cell(self, paragraphs: tuple[Paragraph, ...]) -> Any:
        """A cell's words, its items, or (a paragraph that is no item, then items) its lead-in and items."""
        items: list[Data] = []
        listed: list[bool] = []  # whether each of ``items`` is a list item in the document
        path: list[Data] = []
        kind = "editorial"
        for paragraph in paragraphs:
            if paragraph.style.lower() == NOTE_STYLE and path:  # a note on the item before it
                head = NOTE_HEADS.get((paragraph.side("ins") or paragraph.side("del")).lower())
                if head is None:
                    self._append(path[-1], "note", plain_side(markdown(paragraph.pieces), paragraph.change), kind)
                kind = head[1] if head else kind
                continue
            found = self.item(paragraph)
            level, label, pieces = found if found else (0, None, paragraph.pieces)
            item: Data = {"text": markdown(pieces)}
            if label:
                item["label"] = label
            level = min(level, len(path))
            path[level:] = [item]
            (items if level == 0 else path[level - 1].setdefault("items", [])).append(item)
            if level == 0:
                listed.append(found is not None)
            for what, words, by in paragraph.asides:  # (on the item it is in)
                self.aside(paragraph, what, words, by, target=item)
        if len(items) == 1 and set(items[0]) == {"text"}:
            return items[0]["text"]
        if len(items) > 1 and listed == [False] + [True] * (len(items) - 1) and set(items[0]) == {"text"}:
            return {"lead": items[0]["text"], "items": items[1:]}
        return items

    # Ids

    def _name(self, element: Data, bookmarks: tuple[str, ...]) -> None:
        bookmark = next((b for b in bookmarks if ID.match(b) and "--" not in b and len(b) <= 64
                         and b not in self._used_bookmarks()), None)
        if bookmark:
            self.bookmarks[id(element)] = bookmark

    @staticmethod
    def _unique_key(base: str, taken: Any) -> str:
        key, count = base, 1
        while key in taken:
            count += 1
            key = f"{base}-{count}"
        return key

    # The result

    def _finish(self, title: str | None) -> Data:
        protocol = self.protocol
        documents = protocol.pop("_documents", {})
        protocol.setdefault("title", title or self.stem.replace("-", " ").replace("_", " ") or "Untitled")
        if "council" not in protocol:
            protocol["council"] = "Council not stated"
            self.warn(1, "the document does not say which council it is: set `council` under `protocol`")
        base = slug(re.sub(r"\b(?:borough|district|county|city|metropolitan)?\s*council\b", "",
                            protocol["council"], flags=re.IGNORECASE)) or slug(protocol["title"]) or "protocol"
        protocol["id"] = base if base not in RESERVED_PROTOCOL_IDS else f"{base}-protocol"
        if not self.sections:
            self.sections.append({"id": "", "title": protocol["title"], "clauses": [{"id": "", "gap":
                                  "The Word document has no text that could be read."}]})
            self.warn(1, "the document has no paragraphs with words")
        for section in self.sections:
            settle_changes(section, "section")
        self._ids()
        data: Data = {"protocol": {"id": protocol["id"], "council": protocol["council"], "title": protocol["title"],
                                   **{k: v for k, v in protocol.items() if k not in ("id", "council", "title")}}}
        if documents:
            data["documents"] = documents
        if self.parts:
            data["parts"] = self.parts
        data["sections"] = [tidy_element(section, "section") for section in self.sections]
        data["protocol"]["status"] = "proposed-revision" if revisions.has_changes(data) else "draft"
        return with_number_notes(data)

    def _ids(self) -> None:
        taken: set[str] = set(RESERVED_SECTION_IDS)
        elements: list[tuple[Data, str]] = []

        def walk(element: Data, kind: str) -> None:
            elements.append((element, kind))
            for child in element.get("clauses", []):
                walk(child, "clause")

        for section in self.sections:
            walk(section, "section")
        for element, _ in elements:
            bookmark = self.bookmarks.get(id(element))
            if bookmark and bookmark not in taken:
                element["id"] = bookmark
                taken.add(bookmark)
        for element, kind in elements:
            if element["id"]:
                continue
            words = element.get("title") or element.get("heading") or first_words(element) or ""
            if not words and kind == "section" and "number" not in element:  # (the source prints no title)
                words = next(filter(None, map(first_words, element.get("clauses", []))), "")
            base = slug(words) or (f"{kind}-{slug(element.get('number', '') or '') or 'x'}")
            if base[:1].isdigit():
                base = f"{kind}-{base}"
            element["id"] = self._unique_key(base, taken)
            taken.add(element["id"])


def _led(words: str, english: str) -> str | None:
    """The label ``words`` begin with, where it is ``english`` in any language this project writes
    its Word documents in (``clausebook docx`` of a Welsh text writes "Yn cyfeirio at:")."""
    return next((label for label in every_way(english) if words.startswith(label)), None)


def _following(elements: list[Paragraph | Table]) -> list[Paragraph | Table | None]:
    """What follows each element, past any notes (a part's heading is followed by its notes, then
    its first section's heading)."""
    found: list[Paragraph | Table | None] = []
    after: Paragraph | Table | None = None
    for element in reversed(elements):
        found.append(after)
        if not (isinstance(element, Paragraph) and element.style.lower() == NOTE_STYLE):
            after = element
    return found[::-1]
