"""A protocol → a Word document (.docx), in one reading: as amended, as it was, or tracked, where
every insertion and deletion of the revision is a Word revision that Word's (and LibreOffice's)
"Accept all" and "Reject all" resolve into exactly the other two.

The document is built as pandoc's document tree (JSON) from the model and written by pandoc,
which makes the headings, lists, tables, bookmarks, links and word-level revisions (``w:ins`` and
``w:del`` around runs). Text goes through the same clean HTML as the handbook (``outputs.html``), so links
and tracked changes read the same everywhere. Pandoc has no revisions for a whole paragraph or
table row: ``_finish`` adds them (a paragraph or row whose every word is inserted, or deleted, is
itself inserted or deleted, so that nothing empty is left behind), and gives every revision its
own id, the council's name and the revision's date (``protocol.revised``; none where the source
states none), the document its properties, and the file fixed bytes.

``_finish`` also makes the document one a clerk can table: the page (``settings.PAGE_SIZES``,
A4 unless set, 2.54 cm margins), a running header (council, part, title, and the status of
what is not in force) and footer ("Page X of Y", as fields), a contents page (Word's
table-of-contents field, its result the headings with their revisions), and hanging numbers (a
number, then a tab: ``TAB`` in the document tree). Editorial notes are Word comments
(``_comments``), by "Editorial note", on the paragraph before where they stand; the council's
notes stay paragraphs.

A clause the revision moves is deleted where it stood and inserted where it stands now.

The module is long because the document tree and the revisions pandoc cannot make are one
piece of work: the builder and ``_finish`` agree on the marks they leave each other.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import itertools
import json
import os
import posixpath
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from typing import Any, Literal

from lxml import etree

from clausebook import readings
from clausebook.context import Context
from clausebook.format import markup, numbering
from clausebook.format.model import (
    Block,
    Clause,
    Definitions,
    Gap,
    Item,
    ItemList,
    Note,
    Paragraph,
    Protocol,
    Quote,
    Section,
    Table,
    Text,
    own_notes,
)
from clausebook.outputs.html import NOTE_ON, STATUS_LABELS, OnePageHtml, one_page, part_title
from clausebook.settings import PAGE_SIZES
from clausebook.urls import download_url, print_url
from clausebook.words import say, spoken

Reading = Literal["amended", "original", "tracked"]
Mark = Literal["insertion", "deletion"] | None
Json = Any  # a node of pandoc's document tree
API_VERSION = [1, 23, 1]  # pandoc's document tree, as pandoc 3 reads it
MARKS: dict[str | None, Mark] = {"inserted": "insertion", "deleted": "deletion"}
ITEM_STYLE = "Clause Item {}"  # a labelled item's paragraph, by depth (indented in _finish)
NOTE_STYLE = "Editorial Note"
INDENT = 567  # twentieths of a point: 1 cm
NUMBER_WIDTH = 2 * INDENT  # a heading's hanging number: its text starts 2 cm in
TAB = "\ue000"  # (a private-use character) where a number ends and its words start: ``_hanging_numbers`` makes it a tab
HANG: Json = {"t": "Str", "c": TAB}
COMMENT = "clausebook-comment"  # the class of an editorial note's marker, which ``_comments`` makes a Word comment
COMMENT_IDS = 500_000  # comments' ids: apart from bookmarks' (pandoc's, from 0) and revisions' (from 1 000 000)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip entries' time: the earliest a zip file can hold


def files(context: Context) -> dict[str, bytes]:
    """Each protocol as a Word document (a revision: as amended, and with its changes tracked),
    when the build makes them."""
    found = {}
    if "docx" not in context.downloads:
        return found
    html = one_page(context)
    for edition in context.editions():
        protocol = edition.protocol
        found[download_url(protocol, "docx")] = document(context, protocol, "amended", html)
        if protocol.status != "adopted":
            found[download_url(protocol, "changes-docx")] = document(context, protocol, "tracked", html)
    return found


def pages(context: Context) -> list:
    """None: Word documents are downloads (``files``)."""
    return []


def document(context: Context, protocol: Protocol, reading: Reading, html: OnePageHtml) -> bytes:
    """The .docx of ``protocol`` (as the model holds it: tracked) in ``reading``; ``html`` gives
    clean HTML for its text (``outputs.html.one_page``). Its own words (cover, labels, header and
    footer) are in the protocol's language, whoever asks for it: the build, `clausebook docx`."""
    with spoken(protocol.language):
        views = context.views[protocol.id]
        shown = {"amended": views.as_amended, "original": readings.original(protocol),
                 "tracked": _moves_split(views)}[reading]
        tree = _Builder(html, protocol, context.site_url).document(shown)
        _comments(tree["blocks"])
        written = subprocess.run([_pandoc(), "--from", "json", "--to", "docx", "--output", "-"],
                                 input=json.dumps(tree).encode(), capture_output=True, check=True,
                                 env={**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")})
        return _finish(written.stdout, protocol, context.settings.page_size)


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


# The document tree

SPACE: Json = {"t": "Space"}


def _words(text: str) -> list[Json]:
    """Plain words as pandoc's words and spaces."""
    found: list[Json] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            found.append(SPACE)
        if word:
            found.append({"t": "Str", "c": word})
    return found


def _span(mark: Mark, inlines: list[Json], identifier: str = "") -> list[Json]:
    """Words as a revision (pandoc's insertion and deletion spans; ``_finish`` names the council
    as their author), or with an id (a bookmark), or as they are."""
    if not mark and not identifier:
        return inlines
    return [{"t": "Span", "c": [[identifier, [mark] if mark else [], []], inlines]}] if inlines or identifier else []


def _para(inlines: list[Json]) -> Json:
    return {"t": "Para", "c": inlines}


def _styled(style: str, blocks: list[Json]) -> Json:
    """Paragraphs in a paragraph style of clausebook's own (pandoc adds it to the styles)."""
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


class _Node:
    """An element of clean HTML: its tag, its link's address, and its children (nodes and text)."""

    def __init__(self, tag: str, href: str | None = None) -> None:
        self.tag, self.href = tag, href
        self.children: list[_Node | str] = []


class _Tree(HTMLParser):
    """Clean HTML (as ``outputs.html.Writer.html`` makes it) as a tree of _Node and strings."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, dict(attrs).get("href"))
        self.stack[-1].children.append(node)
        if tag != "br":
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


BLOCK_TAGS = {"p", "ul", "ol"}


def _holds_blocks(node: Any) -> bool:
    """A paragraph or list, or a whole insertion or deletion of some."""
    return isinstance(node, _Node) and (node.tag in BLOCK_TAGS or (node.tag in ("ins", "del") and any(
        isinstance(child, _Node) and child.tag in BLOCK_TAGS for child in node.children)))


class _Builder:
    """Builds one protocol's document tree in one reading."""

    def __init__(self, html: OnePageHtml, protocol: Protocol, site_url: str | None) -> None:
        self.html = html
        self.protocol = protocol
        self.moved = frozenset(e.id for e in (*protocol.sections, *protocol.clauses()) if e.change == "moved")
        self.url = print_url(protocol)
        self.base = site_url.rstrip("/") + "/" if site_url else None
        self.anonymous = False  # while building where a moved element stood: its ids (bookmarks) are where it stands

    def _id(self, identifier: str | None) -> str:
        return "" if self.anonymous or not identifier else identifier

    def moved_copy(self, element: Section | Clause, build: Callable[[], list[Json]]) -> list[Json]:
        """What ``build`` makes, without ids if ``element`` is a moved one where it stood."""
        if not (element.change == "deleted" and element.id in self.moved) or self.anonymous:
            return build()
        self.anonymous = True
        try:
            return build()
        finally:
            self.anonymous = False

    # Text

    def blocks(self, text: Text | str | None, mark: Mark = None) -> list[Json]:
        """A run of text as paragraphs (and lists). Inside an element the revision inserts (or
        deletes) as a whole, the run reads as amended (or as it was) and is marked as a whole."""
        if text is None:
            return []
        words = text.markdown if isinstance(text, Text) else text
        words = readings.words(words, "amended" if mark == "insertion" else "original") if mark else \
            spaced_changes(words)
        html = self.html(dataclasses.replace(text, markdown=words, change=None)
                         if isinstance(text, Text) else words, self.protocol, self.url)
        return self._blocks(_Tree(str(html)).root.children, mark)

    def inlines(self, text: Text | str | None, mark: Mark = None) -> list[Json]:
        """A run of text as one paragraph's words (its paragraphs joined by line breaks)."""
        found: list[Json] = []
        for block in self.blocks(text, mark):
            if found:
                found.append({"t": "LineBreak"})
            found += block["c"] if block["t"] in ("Para", "Plain") else self._flatten(block)
        return found

    def _flatten(self, block: Json) -> list[Json]:
        words: list[Json] = []
        for item in block["c"] if block["t"] == "BulletList" else block["c"][1]:
            for inner in item:
                words += [{"t": "LineBreak"}] if words else []
                words += inner["c"] if inner["t"] in ("Para", "Plain") else self._flatten(inner)
        return words

    def _blocks(self, nodes: list[Any], mark: Mark) -> list[Json]:
        found: list[Json] = []
        loose: list[Any] = []

        def settle() -> None:
            if loose and (words := self._inlines(loose, mark)):
                found.append(_para(words))
            loose.clear()

        for node in nodes:
            if _holds_blocks(node):
                settle()
                if node.tag == "p":
                    found.append(_para(self._inlines(node.children, mark)))
                elif node.tag in ("ul", "ol"):
                    items = [self._blocks(li.children, mark) for li in node.children if isinstance(li, _Node)]
                    found.append({"t": "BulletList", "c": items} if node.tag == "ul" else
                                 {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]})
                else:
                    found += self._blocks(node.children, "insertion" if node.tag == "ins" else "deletion")
            elif not (isinstance(node, str) and not node.strip() and not loose):
                loose.append(node)
        settle()
        return found

    def _inlines(self, nodes: list[Any], mark: Mark) -> list[Json]:
        found: list[Json] = []
        for node in nodes:
            if isinstance(node, str):
                found += _span(mark, _words(" ".join(node.split("\n"))))
                continue
            match node.tag:
                case "em":
                    found.append({"t": "Emph", "c": self._inlines(node.children, None)})
                case "strong":
                    found.append({"t": "Strong", "c": self._inlines(node.children, None)})
                case "br":
                    found.append({"t": "LineBreak"})
                case "ins" | "del":
                    found += self._inlines(node.children, "insertion" if node.tag == "ins" else "deletion")
                    continue
                case "a":
                    words = self._inlines(node.children, None)
                    target = self._target(node.href or "")
                    found.append({"t": "Link", "c": [["", [], []], words, [target, ""]]} if target else
                                 {"t": "Span", "c": [["", [], []], words]})
                case _:
                    found += self._inlines(node.children, mark)
                    continue
            if mark:  # (emphasis and links inside a change: the change wraps them)
                found[-1:] = _span(mark, found[-1:])
        return found

    def _target(self, href: str) -> str | None:
        """A link's target in the document: a bookmark, an address, or None where the handbook
        page it leads to has no address (no ``site_url``)."""
        if href.startswith("#") or href.startswith(("http://", "https://", "mailto:")):
            return href
        return self.base + posixpath.normpath(posixpath.join(self.url, href)) if self.base else None

    # Structure

    def document(self, protocol: Protocol) -> Json:
        blocks = self.cover(protocol)
        part = None
        for section in protocol.sections:
            level = 1
            if section.part:
                level = 2
                if section.part != part:
                    group = protocol.parts[section.part]
                    blocks.append(_header(1, f"part-{section.part}", _words(part_title(group))))
                    blocks += [self.note(group.note, None)] if group.note else []
            part = section.part
            blocks += self.section(section, level, MARKS.get(section.change))
        meta = {"title": {"t": "MetaInlines", "c": _words(protocol.title)},
                "subtitle": {"t": "MetaInlines", "c": _words(protocol.council + (f": {protocol.part}" if protocol.part
                                                                               else ""))},
                "lang": {"t": "MetaString", "c": protocol.language}}
        return {"pandoc-api-version": API_VERSION, "meta": meta, "blocks": blocks}

    def cover(self, protocol: Protocol) -> list[Json]:
        facts = [(say("Council"), protocol.council), (say("Constitution"), protocol.part),
                 (say("Status"), say(STATUS_LABELS[protocol.status])), (say("Version"), protocol.version),
                 (say("Adopted", key="adopted on"), protocol.adopted), (say("In effect from"), protocol.effective),
                 (say("Revision dated"), protocol.revised), (say("Source"), protocol.source)]
        blocks = [_para([{"t": "Strong", "c": _words(f"{what}:")}, {"t": "Space"}, *_words(value)])
                  for what, value in facts if value]
        if protocol.note:
            label = say("About this edition") if protocol.note.editorial else say("About this text")
            blocks.append(self.note(protocol.note, None, label=label))
        return blocks

    def section(self, section: Section, level: int, mark: Mark) -> list[Json]:
        return self.moved_copy(section, lambda: self._section(section, level, mark))

    def _section(self, section: Section, level: int, mark: Mark) -> list[Json]:
        number = section.designation or section.number
        label = self._number(number, section.was, mark, suffix=_after_designation(section) if section.designation
                             else ".")
        # A section the source prints no title for is headed by what it prints, or named by its first words.
        title = self.inlines(section.title, mark) if section.title is not None else \
            [] if label else _span(mark, _words(section.name))
        space = _span(mark, [HANG]) if label and title else []
        blocks = [_header(level, self._id(section.id), [*label, *space, *title])]
        blocks += self.notes(section, mark)
        for clause in section.clauses:
            blocks += self.clause(clause, level + 1, mark or MARKS.get(clause.change))
        return blocks

    def _number(self, number: str | None, was: str | None, mark: Mark, suffix: str = "") -> list[Json]:
        """A number, or a renumbering as the old number deleted and the new one inserted."""
        if mark == "deletion":
            number = was or number  # (a deleted clause had only its old number)
        elif was and was != number and not mark:
            old = _span("deletion", _words(was + suffix))
            return old + _span("insertion", _words(number + suffix)) if number else old
        return _span(mark, _words(number + suffix)) if number else []

    def clause(self, clause: Clause, level: int, mark: Mark) -> list[Json]:
        return self.moved_copy(clause, lambda: self._clause(clause, level, mark))

    def _clause(self, clause: Clause, level: int, mark: Mark) -> list[Json]:
        number = self._number(clause.designation or clause.reference or clause.number,
                              _old_reference(clause), mark, suffix=_after_designation(clause))
        heading = self.inlines(clause.heading, mark) if clause.heading else []
        body: list[Json] = []
        if clause.optional:
            body.append(_para([*_span(mark, [{"t": "Strong", "c": _words(say("Optional provision"))}]),
                               *([*_span(mark, [{"t": "Str", "c": ":"}, {"t": "Space"}]),
                                  *self.inlines(clause.optional_note, mark)] if clause.optional_note else [])]))
        for block in clause.body:
            body += self.block(block, mark or MARKS.get(block.change))
        if clause.cites:
            documents = self.protocol.documents
            cited = ", ".join(documents[c].title for c in clause.cites)
            body.append(_para(_span(mark, _words(f"{say('Refers to:')} {cited}"))))
        body += self.notes(clause, mark)
        if number or heading:
            space = _span(mark, [HANG]) if number and heading else []
            blocks = [_header(min(level, 9), self._id(clause.id), [*number, *space, *heading]), *body]
        else:
            blocks = [{"t": "Div", "c": [[self._id(clause.id), [], []], body]}] if body else []
        for child in clause.clauses:
            blocks += self.clause(child, level + 1, mark or MARKS.get(child.change))
        return blocks

    def block(self, block: Block, mark: Mark) -> list[Json]:
        blocks = self.blocks(block.lead, mark)
        match block:
            case Paragraph():
                blocks += self.blocks(block.text, mark)
            case ItemList():
                blocks += self.items(block.items, mark, 1)
                blocks += self.blocks(block.tail, mark)
                blocks += self.tail_list(block.tail_list, mark, 1)
            case Quote():
                quoted = self.blocks(block.text, mark)
                if block.source:
                    quoted.append(_para([*_span(mark, [{"t": "Str", "c": "—"}, SPACE]),
                                         *self.inlines(block.source, mark)]))
                blocks.append({"t": "BlockQuote", "c": quoted})
            case Definitions():
                blocks.append({"t": "DefinitionList", "c": [self.definition(d, mark or MARKS.get(d.change))
                                                            for d in block.definitions]})
            case Table():
                blocks.append(self.table(block, mark))
            case Gap():
                blocks.append(_para([*_span(mark, [{"t": "Strong", "c": _words(say("Text missing:"))}, {"t": "Space"}]),
                                 *self.inlines(block.missing, mark)]))
        if block.note:
            blocks.append(self.note(block.note, mark))
        return blocks

    def items(self, items: Iterable[Item], mark: Mark, depth: int) -> list[Json]:
        items = tuple(items)
        if not any(item.label or item.omitted for item in items):
            return [{"t": "BulletList", "c": [self.item_body(item, mark or MARKS.get(item.change), depth)
                                              for item in items]}] if items else []
        blocks: list[Json] = []
        for item in items:
            item_mark = mark or MARKS.get(item.change)
            # (an omitted sub-paragraph: only what the source prints in its place, at its label's anchor)
            label = _span(item_mark, _words("" if item.omitted else item.label or ""), self._id(item.anchor))
            first, *rest = self.item_body(item, item_mark, depth) or [_para([])]
            words = first["c"] if first["t"] == "Para" else []
            space = [] if item.omitted else _span(item_mark, [HANG])
            blocks.append(_styled(ITEM_STYLE.format(min(depth, 4)), [_para([*label, *space, *words])]))
            blocks += rest if first["t"] == "Para" else [first, *rest]
        return blocks

    def item_body(self, item: Item, mark: Mark, depth: int) -> list[Json]:
        blocks = self.blocks(item.text, mark)
        blocks += self.items(item.items, mark, depth + 1)
        blocks += self.blocks(item.tail, mark)
        blocks += self.tail_list(item.tail_list, mark, depth + 1)
        if item.note:
            blocks.append(self.note(item.note, mark))
        return blocks

    def tail_list(self, tail_list: ItemList | None, mark: Mark, depth: int) -> list[Json]:
        """The items a tail introduces, at ``depth``, and the words after them."""
        if tail_list is None:
            return []
        return [*self.items(tail_list.items, mark, depth), *self.blocks(tail_list.tail, mark),
                *self.tail_list(tail_list.tail_list, mark, depth)]

    def definition(self, definition: Any, mark: Mark) -> Json:
        term = [*_span(mark, _words(definition.label), self._id(definition.anchor)), *_span(mark, [SPACE])] \
            if definition.label else []
        term += self.inlines(definition.printed_term, mark)
        for variant in definition.variants:
            term += _span(mark, [SPACE, *_words(f"({variant.term})")])
        meaning = self.blocks(definition.text, mark) + self.items(definition.items, mark, 1)
        meaning += self.blocks(definition.tail, mark)
        if definition.note:
            meaning.append(self.note(definition.note, mark))
        return [term, [meaning or [_para([])]]]

    def table(self, table: Table, mark: Mark) -> Json:
        def cell(blocks: list[Json]) -> Json:
            return [["", [], []], {"t": "AlignDefault"}, 1, 1, blocks]

        head = [["", [], []], [cell([{"t": "Plain", "c": self.inlines(column.label, mark)}])
                               for column in table.columns]]
        rows = []
        for row in table.rows:
            row_mark = mark or MARKS.get(row.change)
            rows.append([["", [], []], [cell(self.blocks(lead, row_mark) + self.items(entries, row_mark, 1)
                                             if lead is not None else
                                             self.items(entries, row_mark, 1) if len(entries) != 1 or entries[0].label
                                             or entries[0].items or entries[0].note
                                             else self.blocks(entries[0].text, row_mark))
                                        for entries, lead in zip(row.cells, row.cell_leads(), strict=True)]])
            if row.note and row.note.editorial:  # (a comment on the row's last cell)
                rows[-1][1][-1][4].append(self.note(row.note, row_mark))
            elif row.note:
                rows.append([["", [], []], [[["", [], []], {"t": "AlignDefault"}, 1, len(table.columns),
                                              [self.note(row.note, row_mark)]]]])
        caption = [_para(self.inlines(table.caption, mark))] if table.caption else []
        columns = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": 1 / len(table.columns)}] for _ in table.columns]
        return {"t": "Table", "c": [["", [], []], [None, caption], columns, [["", [], []], [head]],
                                    [[["", [], []], 0, [], rows]], [["", [], []], []]]}

    def notes(self, element: Section | Clause, mark: Mark) -> list[Json]:
        return [self.note(note, mark, on) for on, note in own_notes(element)]

    def note(self, note: Note, mark: Mark, on: str = "", label: str | None = None) -> Json:
        """A note where it stands, labelled as the council's or the editor's (``on``: see
        ``model.own_notes``): its words, the same in every reading, unless the revision inserts
        or deletes what it is about. An editorial note (but the protocol's, ``label``) is a
        marker that ``_comments`` makes a Word comment, its label the comment's author."""
        what = label or say("Editorial note" if note.editorial else "Note") + say(NOTE_ON[on])
        if note.editorial and label is None:
            return {"t": "Div", "c": [["", [COMMENT], [["author", what]]], [_para(self.inlines(note.text))]]}
        return _styled(NOTE_STYLE, [_para(_span(mark, [{"t": "Strong", "c": _words(f"{what}:")}])),
                                    *self.blocks(note.text, mark)])


def _comments(blocks: list[Json]) -> None:
    """Each editorial note's marker (``_Builder.note``) in ``blocks`` as a Word comment on the
    paragraph before it, which is its clause's (or item's, or row's): pandoc writes a span of
    class comment-start, holding the comment's words, and one of class comment-end as one."""
    ids = itertools.count(COMMENT_IDS)
    last: list[Json] | None = None  # the words of the last paragraph or heading passed

    def walk(node: Any) -> None:
        nonlocal last
        if isinstance(node, list):
            index = 0
            while index < len(node):
                child = node[index]
                if isinstance(child, dict) and child.get("t") == "Div" and COMMENT in child["c"][0][1]:
                    if last is None:  # (nothing before it to comment on: the note as a paragraph)
                        node[index] = _styled(NOTE_STYLE, [_para([{"t": "Strong", "c": _words(
                            dict(child["c"][0][2])["author"] + ":")}]), *child["c"][1]])
                    else:
                        comment = str(next(ids))
                        last.append({"t": "Span", "c": [[comment, ["comment-start"], child["c"][0][2]],
                                                        child["c"][1][0]["c"]]})
                        last.append({"t": "Span", "c": [[comment, ["comment-end"], []], []]})
                        del node[index]
                        continue
                walk(child)
                index += 1
        elif isinstance(node, dict):
            if node.get("t") in ("Para", "Plain"):
                last = node["c"]
            elif node.get("t") == "Header":
                last = node["c"][2]
            walk(node.get("c"))

    walk(blocks)


def spaced_changes(text: str) -> str:
    """Tracked text whose two sides, taken as they stand (as Word's "Accept all" and "Reject all"
    take them), are already tidy, as ``markup.amended`` and ``markup.original`` make them: a space
    that one side would double, leave before punctuation or at an end goes inside the change, or
    is dropped. "a {--b--} c" → "a{-- b--} c"."""
    if not markup.has_changes(text):
        return text
    characters: list[tuple[str, str]] = []  # (character, "same" | "ins" | "del")
    position = 0
    for match in markup.CHANGE.finditer(text):
        characters += [(c, "same") for c in text[position:match.start()]]
        inserted, deleted, old, new = match.groups()
        characters += [(c, "del") for c in (deleted or old or "")]
        characters += [(c, "ins") for c in (inserted or new or "")]
        position = match.end()
    characters += [(c, "same") for c in text[position:]]
    dropped = {side: _dropped_spaces([(i, c, k) for i, (c, k) in enumerate(characters) if k in ("same", side)])
               for side in ("ins", "del")}
    kept: list[tuple[str, str]] = []
    for index, (character, kind) in enumerate(characters):
        gone = {side for side in ("ins", "del") if index in dropped[side]}
        if kind == "same" and gone:
            kind = {frozenset({"ins"}): "del", frozenset({"del"}): "ins"}.get(frozenset(gone), "")
        elif kind in gone:
            kind = ""
        if kind:
            kept.append((character, kind))
    marks = {"ins": ("{++", "++}"), "del": ("{--", "--}")}
    pieces = []
    for kind, run in itertools.groupby(kept, key=lambda pair: pair[1]):
        words = "".join(character for character, _ in run)
        pieces.append(words if kind == "same" else marks[kind][0] + words + marks[kind][1])
    return "".join(pieces)


def _dropped_spaces(side: list[tuple[int, str, str]]) -> set[int]:
    """Which characters of one side (index, character, kind) ``markup``'s tidying removes: all but
    one space of a run (an unchanged one kept first), spaces before punctuation, and whitespace
    at either end."""
    dropped: set[int] = set()
    start = 0
    while start < len(side) and side[start][1].isspace():
        dropped.add(side[start][0])
        start += 1
    end = len(side)
    while end > start and side[end - 1][1].isspace():
        end -= 1
        dropped.add(side[end][0])
    index = start
    while index < end:
        if side[index][1] not in " \t":
            index += 1
            continue
        run_end = index
        while run_end < end and side[run_end][1] in " \t":
            run_end += 1
        run = side[index:run_end]
        if run_end < end and side[run_end][1] in markup.PUNCTUATION:
            dropped |= {i for i, _, _ in run}
        else:
            keep = next((i for i, _, kind in run if kind == "same"), run[0][0])
            dropped |= {i for i, _, _ in run if i != keep}
        index = run_end
    return dropped


def _header(level: int, identifier: str, inlines: list[Json]) -> Json:
    return {"t": "Header", "c": [level, [identifier, [], []], inlines]}


def _old_reference(clause: Clause) -> str | None:
    """A renumbered clause's old number, as its heading printed it."""
    if not clause.was:
        return None
    return clause.reference[: len(clause.reference) - len(clause.number or "")] + clause.was \
        if clause.reference and clause.number and clause.number.startswith("(") else clause.was


# Moves

def _moves_split(views: readings.Views) -> Protocol:
    """The tracked protocol, with each moved section or clause deleted (as it was) where it stood
    and inserted (as amended) where it stands now."""
    def as_it_stood(element: Section | Clause) -> Section | Clause:
        before = views.original_sections.get(element.id) or views.original[element.id]
        return dataclasses.replace(before, change="deleted", moved_from=None)

    def where_it_stands(element: Section | Clause) -> Section | Clause:
        now = views.amended_sections.get(element.id) or views.amended[element.id]
        return dataclasses.replace(now, change="inserted", moved_from=None)

    tracked = views.tracked
    moves = readings.MoveBack(readings.MODEL, tracked.sections, as_it_stood, where_it_stands=where_it_stands,
                              whole=True)  # (what is put back is the original reading's: whole)
    return dataclasses.replace(tracked, sections=tuple(moves.top(tracked.sections))) if moves else tracked


# The file

def _finish(docx: bytes, protocol: Protocol, page_size: str) -> bytes:
    """Pandoc's .docx made a document a clerk can table: whole paragraphs and rows as
    revisions, each with its own id, the council as the author and the revision's date (if the
    source states one); clause numbers hanging; a contents field; the page size, margins,
    running header and page numbers; the layout of clausebook's own styles; the document's
    properties; and fixed bytes."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {name: source.read(name) for name in source.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    _hanging_numbers(root)
    _revisions(root)
    _contents(root.find(_w("body")), contents_levels(protocol))
    _authored(root, protocol)
    _page(root.find(f"{_w('body')}/{_w('sectPr')}"), page_size)
    parts["word/document.xml"] = _xml(root)
    parts.update(page_parts(protocol))
    parts["word/_rels/document.xml.rels"] = _relations(parts["word/_rels/document.xml.rels"])
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    parts["word/settings.xml"] = _settings(parts["word/settings.xml"], protocol.language)
    parts["word/styles.xml"] = _styles(parts["word/styles.xml"])
    parts["docProps/core.xml"] = _properties(parts["docProps/core.xml"], protocol)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as written:
        for name in [*source.namelist(), *(name for name in PAGE_PARTS if name not in source.namelist())]:
            entry = zipfile.ZipInfo(name, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            written.writestr(entry, parts[name])
    return output.getvalue()


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _revisions(root: etree._Element) -> None:
    """Whole paragraphs and table rows whose every word pandoc inserted (or deleted) as
    revisions themselves, and links outside the revisions that hold them."""
    def change(kind: str) -> etree._Element:
        return etree.Element(_w(kind))

    for paragraph in root.iter(_w("p")):
        _mark_whole(paragraph)
    _before_tables(root.find(_w("body")), change)
    for row in root.iter(_w("tr")):
        kinds = {_whole(p) for p in row.iter(_w("p")) if _has_words(p)}
        if len(kinds) == 1 and None not in kinds:
            properties = row.find(_w("trPr"))
            if properties is None:
                properties = etree.Element(_w("trPr"))
                row.insert(1 if row.find(_w("tblPrEx")) is not None else 0, properties)
            properties.append(change(kinds.pop()))  # type: ignore[arg-type]
    for revision in list(root.iter(_w("ins"), _w("del"))):
        if revision.getparent().tag != _w("rPr") and revision.getparent().tag != _w("trPr"):
            _links_outside(revision)


def _whole(paragraph: etree._Element) -> str | None:
    """"ins" or "del" if every word of the paragraph is inside that one kind of revision."""
    runs = [run for run in paragraph.iter(_w("r")) if run.find(_w("t")) is not None
            or run.find(_w("delText")) is not None or run.find(_w("tab")) is not None]
    kinds = {next((a.tag for a in run.iterancestors() if a.tag in (_w("ins"), _w("del"))), None) for run in runs}
    return kinds.pop().rpartition("}")[2] if len(kinds) == 1 and None not in kinds else None


def _mark_whole(paragraph: etree._Element) -> None:
    """A paragraph whose every word is inserted (or deleted) inserted (or deleted) itself: its mark too."""
    if kind := _whole(paragraph):
        properties = _paragraph_pr(paragraph)
        run_properties = properties.find(_w("rPr"))
        if run_properties is None:
            run_properties = _placed(properties, etree.Element(_w("rPr")), PARAGRAPH_ORDER)
        run_properties.insert(0, etree.Element(_w(kind)))


def _authored(root: etree._Element, protocol: Protocol) -> None:
    """Every revision with its own id, the council as its author, and the revision's date where
    the source states one (``protocol.revised``); otherwise none: a build's time is not it."""
    ids = iter(range(1_000_000, 2_000_000))
    for element in root.iter(_w("ins"), _w("del")):
        element.set(_w("id"), str(next(ids)))
        element.set(_w("author"), protocol.council)
        if protocol.revised:
            element.set(_w("date"), f"{protocol.revised}T00:00:00Z")
        else:
            element.attrib.pop(_w("date"), None)


def undated(context: Context) -> str | None:
    """The build's one message about revisions whose Word tracked changes carry no date (their
    sources state none), saying how to date them; None when every one is dated."""
    if "changes-docx" not in context.downloads:
        return None
    ids = [protocol.id for protocol in context.protocols if protocol.status != "adopted" and not protocol.revised]
    if not ids:
        return None
    return (f"clausebook: the tracked changes in the Word documents of {', '.join(ids)} are undated: to date them, "
            "give each revision's date as protocol.revised: YYYY-MM-DD in its source file")


# The page: numbers hanging, contents, size, margins, header and footer

PAGE_MARGIN = 1440  # 2.54 cm all round, as Word's UK default
HEADER_MARGIN = 709  # 1.25 cm from the edge
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
PAGE_PARTS = {"word/header1.xml": ("clausebookHeader", "header"), "word/footer1.xml": ("clausebookFooter", "footer")}
CONTENTS_LEVELS = 3  # the contents' line styles, one per heading level it may list


def contents_field(levels: int) -> str:
    """Word's table-of-contents field listing headings to ``levels``, linked, without page numbers
    on screen, with the headings' own levels."""
    return f' TOC \\o "1-{levels}" \\h \\z \\u '


def contents_levels(protocol: Protocol) -> int:
    """How deep the contents go: the sections, and the parts above them where the protocol has
    parts (clauses are not listed: most have a number and no title)."""
    return 2 if protocol.parts else 1
NOT_IN_FORCE = " — not in force"
# Where a paragraph's (and a section's, a settings file's) properties go: OOXML fixes their order.
PARAGRAPH_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
                   "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc",
                   "outlineLvl", "rPr")
SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar")
SETTINGS_AFTER_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                         "attachedSchema", "themeFontLang")


def _placed(properties: etree._Element, element: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """``element`` put into ``properties`` where ``order`` says, replacing one of its kind."""
    name = element.tag.rpartition("}")[2]
    for old in properties.findall(element.tag):
        properties.remove(old)
    rank = order.index(name)
    at = next((index for index, child in enumerate(properties) if child.tag.rpartition("}")[2] in order
               and order.index(child.tag.rpartition("}")[2]) > rank), len(properties))
    properties.insert(at, element)
    return element


def _paragraph_pr(paragraph: etree._Element) -> etree._Element:
    properties = paragraph.find(_w("pPr"))
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    return properties


def _heading_level(element: etree._Element) -> int | None:
    """A heading paragraph's level (its style is pandoc's "Heading N"), else None."""
    style = element.find(f"{_w('pPr')}/{_w('pStyle')}")
    name = style.get(_w("val"), "") if style is not None else ""
    return int(name[7:]) if element.tag == _w("p") and name[:7] == "Heading" and name[7:].isdigit() else None


def _hanging_numbers(root: etree._Element) -> None:
    """Each ``TAB`` mark as a tab, where a number (a run of text, so that a renumbering is a
    revision) ends and its words start; a heading it is in hangs its number in the margin."""
    for text in list(root.iter(_w("t"), _w("delText"))):
        if TAB not in (text.text or ""):
            continue
        run, pieces = text.getparent(), (text.text or "").split(TAB)
        at = run.index(text)
        run.remove(text)
        made = []
        for index, piece in enumerate(pieces):
            if index:
                made.append(etree.Element(_w("tab")))
            if piece:
                words = etree.Element(text.tag, {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
                words.text = piece
                made.append(words)
        for offset, element in enumerate(made):
            run.insert(at + offset, element)
        paragraph = next(run.iterancestors(_w("p")))
        if _heading_level(paragraph) is not None:
            _hanging(_paragraph_pr(paragraph), NUMBER_WIDTH, NUMBER_WIDTH)


def _field_run(kind: str) -> etree._Element:
    run = etree.Element(_w("r"))
    run.append(_element("fldChar", fldCharType=kind))
    return run


def _field(instruction: str, shown: str) -> list[etree._Element]:
    """A Word field's runs: its instruction and the result shown until it is updated."""
    code = etree.Element(_w("r"))
    etree.SubElement(code, _w("instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}).text = \
        instruction
    result = etree.Element(_w("r"))
    etree.SubElement(result, _w("t")).text = shown
    return [_field_run("begin"), code, _field_run("separate"), result, _field_run("end")]


def _contents(body: etree._Element, levels: int) -> None:
    """A contents page before the first heading: Word's table-of-contents field, its result
    (what LibreOffice shows, and Word until it updates it) each heading to ``levels`` as it
    stands, with its revisions, linked to the heading's bookmark; the first heading starts a page."""
    headings = [element for element in body if _heading_level(element) is not None]
    if not headings:
        return
    title = etree.Element(_w("p"))
    properties = _paragraph_pr(title)
    _placed(properties, _element("pStyle", val="TOCHeading"), PARAGRAPH_ORDER)
    _placed(properties, etree.Element(_w("pageBreakBefore")), PARAGRAPH_ORDER)
    etree.SubElement(etree.SubElement(title, _w("r")), _w("t")).text = say("Contents")
    entries = [_entry(heading, level) for heading in headings if (level := _heading_level(heading) or 0)
               <= levels] or [etree.Element(_w("p"))]
    begin = _field(contents_field(levels), "")
    first_words = 1 if entries[0].find(_w("pPr")) is not None else 0
    for offset, run in enumerate(begin[:3]):
        entries[0].insert(first_words + offset, run)
    entries[-1].append(begin[4])
    at = body.index(headings[0])
    for offset, paragraph in enumerate([title, *entries]):
        body.insert(at + offset, paragraph)
    _placed(_paragraph_pr(headings[0]), etree.Element(_w("pageBreakBefore")), PARAGRAPH_ORDER)


def _entry(heading: etree._Element, level: int) -> etree._Element:
    """A heading's line in the contents: its words and revisions, and the line itself inserted
    (or deleted) if they all are, so that "Accept all" and "Reject all" leave the contents of
    each reading; linked to the heading's bookmark."""
    entry = etree.Element(_w("p"))
    properties = _paragraph_pr(entry)
    _placed(properties, _element("pStyle", val=f"TOC{level}"), PARAGRAPH_ORDER)
    bookmark = heading.find(_w("bookmarkStart"))
    holder = entry
    if bookmark is not None:
        holder = etree.SubElement(entry, _w("hyperlink"), {_w("anchor"): bookmark.get(_w("name"), ""),
                                                           _w("history"): "1"})
    for child in heading:
        for words in (list(child) if child.tag == _w("hyperlink") else [child]):
            if words.tag in (_w("r"), _w("ins"), _w("del")) and not list(words.iter(_w("commentReference"))):
                holder.append(copy.deepcopy(words))
    _mark_whole(entry)
    return entry


def _page(section: etree._Element | None, page_size: str) -> None:
    """The body's page: its size (``settings.PAGE_SIZES``), margins, header and footer."""
    if section is None:
        return
    for relation, kind in PAGE_PARTS.values():
        reference = etree.Element(_w(f"{kind}Reference"), {_w("type"): "default", f"{{{REL}}}id": relation})
        for old in section.findall(reference.tag):
            section.remove(old)
        section.insert(0 if kind == "header" else 1, reference)
    width, height = PAGE_SIZES[page_size]
    _placed(section, _element("pgSz", w=str(width), h=str(height)), SECTION_ORDER)
    _placed(section, _element("pgMar", top=str(PAGE_MARGIN), right=str(PAGE_MARGIN), bottom=str(PAGE_MARGIN),
                              left=str(PAGE_MARGIN), header=str(HEADER_MARGIN), footer=str(HEADER_MARGIN),
                              gutter="0"), SECTION_ORDER)


def page_parts(protocol: Protocol) -> dict[str, bytes]:
    """The running header (council, part and title; and, if it is not in force, its status)
    and footer ("Page X of Y", as fields Word and LibreOffice fill in)."""
    header = etree.Element(_w("hdr"), nsmap={"w": W, "r": REL})
    line = etree.SubElement(header, _w("p"))
    _running(line, "left")
    _words_run(line, " · ".join(value for value in (protocol.council, protocol.part, protocol.title) if value))
    if protocol.status != "adopted":
        status = etree.SubElement(header, _w("p"))
        _running(status, "left")
        _words_run(status, say(STATUS_LABELS[protocol.status]) + say(NOT_IN_FORCE), bold=True)
    footer = etree.Element(_w("ftr"), nsmap={"w": W, "r": REL})
    numbers = etree.SubElement(footer, _w("p"))
    _running(numbers, "center")
    _words_run(numbers, say("Page "))
    numbers.extend(_field(" PAGE ", "1"))
    _words_run(numbers, say(" of "))
    numbers.extend(_field(" NUMPAGES ", "1"))
    return {"word/header1.xml": _xml(header), "word/footer1.xml": _xml(footer)}


def _running(paragraph: etree._Element, alignment: str) -> None:
    properties = _paragraph_pr(paragraph)
    _placed(properties, _element("spacing", before="0", after="0"), PARAGRAPH_ORDER)
    _placed(properties, _element("jc", val=alignment), PARAGRAPH_ORDER)


def _words_run(paragraph: etree._Element, words: str, bold: bool = False) -> None:
    run = etree.SubElement(paragraph, _w("r"))
    properties = etree.SubElement(run, _w("rPr"))
    if bold:
        etree.SubElement(properties, _w("b"))
    etree.SubElement(properties, _w("sz"), {_w("val"): "18"})
    text = etree.SubElement(run, _w("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    text.text = words


def _relations(xml: bytes) -> bytes:
    """The document's relationships, with its header's and footer's."""
    root = etree.fromstring(xml)
    for name, (relation, kind) in PAGE_PARTS.items():
        if not any(r.get("Id") == relation for r in root):
            etree.SubElement(root, f"{{{PACKAGE_REL}}}Relationship", Id=relation, Target=name.removeprefix("word/"),
                             Type=f"{REL}/{kind}")
    return _xml(root)


def _content_types(xml: bytes) -> bytes:
    """The package's content types, with the header's and footer's."""
    root = etree.fromstring(xml)
    for name, (_, kind) in PAGE_PARTS.items():
        if not any(o.get("PartName") == f"/{name}" for o in root):
            etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{name}",
                             ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
    return _xml(root)


def _settings(xml: bytes, language: str) -> bytes:
    """Word's settings, asking Word to update the fields (the contents' page numbers) when it
    opens the document, with the protocol's language as the theme's."""
    root = etree.fromstring(xml)
    if root.find(_w("updateFields")) is None:
        after = next((child for child in root if child.tag.rpartition("}")[2] in SETTINGS_AFTER_FIELDS), None)
        update = _element("updateFields", val="true")
        if after is None:
            root.append(update)
        else:
            after.addprevious(update)
    for theme in root.iter(_w("themeFontLang")):
        theme.set(_w("val"), language)
    return _xml(root)


def _links_outside(revision: etree._Element) -> None:
    """A revision holds runs, not links: pandoc's ``<w:ins><w:hyperlink>…`` becomes
    ``<w:hyperlink><w:ins>…``, which Word and LibreOffice accept and reject like any words."""
    if not any(child.tag == _w("hyperlink") for child in revision):
        return
    parent, at = revision.getparent(), revision.getparent().index(revision)
    pieces: list[etree._Element] = []
    for child in list(revision):
        if child.tag == _w("hyperlink"):
            inner = etree.SubElement(child, revision.tag, dict(revision.attrib))
            for run in [node for node in child if node is not inner]:
                inner.append(run)
            pieces.append(child)
        else:
            if not pieces or pieces[-1].tag != revision.tag:
                pieces.append(etree.Element(revision.tag, dict(revision.attrib)))
            pieces[-1].append(child)
    parent.remove(revision)
    for offset, piece in enumerate(pieces):
        parent.insert(at + offset, piece)


def _before_tables(body: etree._Element, change: Callable[[str], etree._Element]) -> None:
    """A paragraph mark cannot join a table: a whole paragraph inserted (or deleted) just before
    a table gives its mark's revision to the paragraph before it, so that "Reject all" (or
    "Accept all") joins that paragraph with this one's emptied words instead. (Where the paragraph
    before is a table too, there is nothing to join: LibreOffice then keeps an empty paragraph.)"""
    elements = [element for element in body if element.tag in (_w("p"), _w("tbl"))]
    for before, paragraph, after in zip(elements, elements[1:], elements[2:], strict=False):
        mark = paragraph.find(f"{_w('pPr')}/{_w('rPr')}")
        revision = next((r for r in mark if r.tag in (_w("ins"), _w("del"))), None) if mark is not None else None
        if revision is None or after.tag != _w("tbl") or before.tag != _w("p"):
            continue
        mark.remove(revision)
        properties = before.find(_w("pPr"))
        if properties is None:
            properties = etree.Element(_w("pPr"))
            before.insert(0, properties)
        earlier = properties.find(_w("rPr"))
        if earlier is None:
            earlier = etree.SubElement(properties, _w("rPr"))
        if not any(r.tag in (_w("ins"), _w("del")) for r in earlier):
            earlier.insert(0, change(revision.tag.rpartition("}")[2]))


def _has_words(paragraph: etree._Element) -> bool:
    return any((t.text or "").strip() for t in paragraph.iter(_w("t"), _w("delText")))


def _styles(xml: bytes) -> bytes:
    """Hanging labels for labelled items, by depth, a boxed look for the council's notes, and
    the contents' lines (Word's "toc 1" to "toc 3"), each level indented further."""
    root = etree.fromstring(xml)
    for style in root.iter(_w("style")):
        name = style.find(_w("name"))
        label = name.get(_w("val")) if name is not None else ""
        if label.startswith(ITEM_STYLE.format("")):
            depth = int(label.rsplit(" ", 1)[1])
            _hanging(_paragraph_properties(style), INDENT * depth, INDENT)
        elif label == NOTE_STYLE:
            properties = _paragraph_properties(style)
            border = _placed(properties, etree.Element(_w("pBdr")), PARAGRAPH_ORDER)
            border.append(_element("left", val="single", sz="12", space="8", color="666666"))
            _placed(properties, _element("ind", left=str(INDENT)), PARAGRAPH_ORDER)
    for level in range(1, CONTENTS_LEVELS + 1):
        if root.find(f"{_w('style')}[@{_w('styleId')}='TOC{level}']") is None:
            style = etree.SubElement(root, _w("style"), {_w("type"): "paragraph", _w("styleId"): f"TOC{level}"})
            for name, value in (("name", f"toc {level}"), ("basedOn", "Normal"), ("next", "Normal"),
                                ("uiPriority", "39")):
                style.append(_element(name, val=value))
            style.append(etree.Element(_w("unhideWhenUsed")))
            properties = etree.SubElement(style, _w("pPr"))
            _placed(properties, _element("spacing", after="60"), PARAGRAPH_ORDER)
            _hanging(properties, INDENT * (level - 1) + NUMBER_WIDTH, NUMBER_WIDTH)
    return _xml(root)


def _hanging(properties: etree._Element, left: int, hanging: int) -> None:
    """A paragraph's (or style's) first line starting ``hanging`` left of the rest, which start
    at ``left``, with a tab stop there: a number and a tab, then the words."""
    tabs = _placed(properties, etree.Element(_w("tabs")), PARAGRAPH_ORDER)
    tabs.append(_element("tab", val="left", pos=str(left)))
    _placed(properties, _element("ind", left=str(left), hanging=str(hanging)), PARAGRAPH_ORDER)


def _paragraph_properties(style: etree._Element) -> etree._Element:
    properties = style.find(_w("pPr"))
    if properties is None:
        properties = etree.SubElement(style, _w("pPr"))
    return properties


def _element(name: str, **attributes: str) -> etree._Element:
    element = etree.Element(_w(name))
    for key, value in attributes.items():
        element.set(_w(key), value)
    return element


def _properties(xml: bytes, protocol: Protocol) -> bytes:
    """The title and language (pandoc's), the council as the creator and the part of the
    constitution as the subject in the document's properties; its dates only when
    SOURCE_DATE_EPOCH gives them (the source states none)."""
    root = etree.fromstring(xml)
    for name, value in (("creator", protocol.council), ("subject", protocol.part)):
        found = root.find(f"dc:{name}", CORE)
        if found is None and value:
            found = etree.SubElement(root, f"{{{CORE['dc']}}}{name}")
        if found is not None:
            found.text = value
    if "SOURCE_DATE_EPOCH" not in os.environ:
        for name in ("created", "modified"):
            for found in root.findall(f"dcterms:{name}", CORE):
                root.remove(found)
    return _xml(root)


def _after_designation(element: Section | Clause) -> str:
    """The separator the source prints after a section's or clause's designation ("—", ":"), as
    it follows the designation; empty when it has none."""
    return numbering.designated("", element.separator) if element.designation else ""
