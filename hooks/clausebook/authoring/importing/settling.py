"""The draft settled once the builder has placed everything in it:

- **tracked changes of whole elements**: a section, clause, block, item, definition or table row
  whose every word is inserted (or deleted) is ``change: inserted`` (``deleted``), its words then
  unmarked and what it holds without changes of its own (``settle_changes``);
- **the canonical shape**: sections and clauses as an author would write them (``tidy_element``):
  a clause whose body is one paragraph has ``text``; an unnumbered heading with nothing under it is
  a sub-heading; two or more paragraphs "term — meaning" are definitions; an item that is only
  words is its words; the note a source prints without a label in place of a sub-paragraph it
  leaves out is that item's ``omitted``;
- **numbers**: one out of sequence gets a ``number_note``, so that the draft validates with the
  numbers the document prints (``with_number_notes``).

With them, what the builder reads from the draft and from a table as it goes: the first words of
an element (an id is made from them) and a table's rows with each merged cell in every column and
row it covers (``unmerged``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from clausebook import readings
from clausebook.authoring import revisions
from clausebook.authoring.importing.document import Cell, Row
from clausebook.authoring.importing.paragraph_words import Data
from clausebook.format import assemble, checks, markup, numbering

DEFINITION = re.compile(r"^(?P<term>[^.:;—–]{1,60}?)\s+[—–]\s+(?P<text>\S.*)$")
OUT_OF_SEQUENCE = "This number does not follow on from the one before it: it is kept as the Word document prints it."


def unmerged(rows: tuple[Row, ...]) -> list[Row]:
    """The rows with each merged cell's words in every column and row it covers, as a reader
    reads them: a cell merged across columns is in each, one merged down is in each row. A row of
    one cell across the table is left as it is."""
    unfolded: list[Row] = []
    for row in rows:
        if len(row.cells) == 1:  # a row across the whole table (a note on the row above) stays one cell
            unfolded.append(row)
            continue
        above = unfolded[-1].cells if unfolded else ()
        cells: list[Cell] = []
        for cell in row.cells:
            for _ in range(max(cell.span, 1)):
                column = len(cells)
                cells.append(above[column] if cell.merged and column < len(above) else replace(cell, span=1))
        unfolded.append(replace(row, cells=tuple(cells)))
    return unfolded


def first_words(element: Data) -> str | None:
    for block in element.get("body", []):
        for key in ("text", "lead", "quote", "gap"):
            if isinstance(block.get(key), str):
                return block[key]
        if block.get("items"):
            return block["items"][0]["text"]
        if block.get("definitions"):
            return block["definitions"][0]["term"]
        if block.get("table"):
            return next(iter(block["table"]["columns"].values()))["label"]
    return None


# Tracked changes of whole elements

def _status(text: Any) -> str | None:
    """"inserted" or "deleted" for a text whose every word one kind of change holds, "" for
    an unchanged text, "mixed" for one with some of both or changes among unchanged words."""
    if not isinstance(text, str) or not text.strip():
        return None
    if not markup.has_changes(text):
        return ""
    amended, original = markup.amended(text), markup.original(text)
    if not original.strip():
        return "inserted"
    if not amended.strip():
        return "deleted"
    return "mixed"


TEXT_KEYS = {"section": ("title",), "clause": ("heading", "optional_note"), "block": ("text", "lead", "quote", "gap"),
             "item": ("text",), "definition": ("term", "text"), "row": ()}


def settle_changes(element: Data, kind: str) -> str | None:
    """Mark ``element`` inserted or deleted as a whole where everything in it is (its words
    then lose their marks, what it holds its own ``change``); give back its status."""
    statuses: list[str | None] = [_status(element.get(key)) for key in TEXT_KEYS[kind]]
    children: list[tuple[Data, str]] = []
    if kind in ("section", "clause"):
        children += [(child, "clause") for child in element.get("clauses", [])]
        children += [(block, "block") for block in element.get("body", [])]
    elif kind == "block":
        children += [(item, "item") for item in element.get("items", [])]
        children += [(d, "definition") for d in element.get("definitions", [])]
        if "table" in element:
            table = element["table"]
            statuses += [_status(column["label"]) for column in table["columns"].values()]
            children += [(row, "row") for row in table["rows"]]
    elif kind == "item":
        children += [(item, "item") for item in element.get("items", [])]
    elif kind == "row":
        for key, cell in element.items():
            if key in ("note", "change"):
                continue
            if isinstance(cell, str):
                statuses.append(_status(cell))
            elif isinstance(cell, list):
                statuses += [settle_changes(item, "item") for item in cell]
            elif isinstance(cell, dict):  # (a lead-in and its items)
                statuses += [_status(cell["lead"]), *(settle_changes(item, "item") for item in cell["items"])]
    statuses += [settle_changes(child, child_kind) for child, child_kind in children]
    known = {status for status in statuses if status is not None}
    if len(known) != 1 or known <= {"", "mixed"}:
        return "mixed" if known - {""} else ("" if known else None)
    whole = known.pop()
    side = readings.side_of(whole)
    _resolve_all(element, side)
    element["change"] = whole
    element.pop("was", None)
    return whole


def _resolve_all(value: Any, side: readings.Side) -> Any:
    """Every text inside resolved to one side, and every inner ``change`` dropped (the element's
    own change now holds them)."""
    if isinstance(value, dict):
        value.pop("change", None)
        for key, inner in list(value.items()):
            if isinstance(inner, str) and key not in ("id", "number", "label", "was"):
                value[key] = readings.words(inner, side, as_written=True)
            else:
                _resolve_all(inner, side)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            if isinstance(inner, str):
                value[index] = readings.words(inner, side, as_written=True)
            else:
                _resolve_all(inner, side)
    return value


# Tidying into the canonical shape

def tidy_element(element: Data, kind: str) -> Data:
    """Sections and clauses in the shape an author would write: a clause whose body is one
    paragraph has `text`; a heading with nothing under it is a sub-heading."""
    for child in element.get("clauses", []):
        tidy_element(child, "clause")
    if not element.get("clauses"):
        element.pop("clauses", None)
    if kind == "section":
        return element
    body = _definitions(element.pop("body", []))
    for block in body:
        _tidy_items(block.get("items", []))
        for row in block.get("table", {}).get("rows", []):
            for cell in row.values():
                if isinstance(cell, list):
                    _tidy_items(cell)
                elif isinstance(cell, dict) and "items" in cell:  # (a lead-in and its items)
                    _tidy_items(cell["items"])
        for definition in block.get("definitions", []):
            if not definition.get("text"):
                definition["text"] = "…"
    if len(body) == 1 and set(body[0]) <= {"text", "note"} and not ("note" in body[0] and "note" in element):
        element["text"] = body[0]["text"]
        if "note" in body[0]:
            element["note"] = body[0]["note"]
    elif body:
        element["body"] = body
    if not any(key in element for key in ("text", "body", "clauses", "gap")):
        if "heading" in element and "number" not in element and "was" not in element:
            element["subheading"] = element.pop("heading")
            for key in ("change", "note", "optional", "optional_note", "cites"):
                element.pop(key, None)
        elif "heading" in element:
            element["text"] = element.pop("heading")
        else:
            element["gap"] = "The Word document has nothing under this number."
    return element


def _definitions(body: list[Data]) -> list[Data]:
    """Two or more paragraphs in a row that each read "term — meaning" as one definitions block."""
    result: list[Data] = []
    run: list[re.Match[str]] = []

    def settle() -> None:
        if len(run) >= 2:
            result.append({"definitions": [{"term": m.group("term"), "text": m.group("text")} for m in run]})
        else:
            result.extend({"text": m.string} for m in run)
        run.clear()

    for block in body:
        match = DEFINITION.match(block["text"]) if set(block) == {"text"} else None
        if match and "{" not in match.group("term") and not markup.has_changes(match.group("term")):
            run.append(match)
            continue
        settle()
        result.append(block)
    settle()
    return result


def _tidy_items(items: list[Any]) -> None:
    """An item that is only words is written as its words."""
    _omitted_labels(items)
    for index, item in enumerate(items):
        if isinstance(item, dict):
            _tidy_items(item.get("items", []))
            if set(item) == {"text"}:
                items[index] = item["text"]


def _omitted_labels(items: list[Any]) -> None:
    """An unlabelled item where the labels around it skip one ("(a)", then it, then "(c)"): the
    note the source prints in place of the sub-paragraph it leaves out ("[Note: sub-paragraph
    (b) is omitted.]"), which a Word document prints without its label, is the item's
    ``omitted``, with the label skipped."""
    for index in range(1, len(items) - 1):
        before, item, after = items[index - 1:index + 2]
        labelled = all(isinstance(around, dict) and around.get("label") for around in (before, after))
        if not (labelled and isinstance(item, dict) and "label" not in item and not item.get("items")):
            continue  # (at either end of a list the labels do not show that one is skipped)
        skipped = next((label for label in numbering.following(before["label"])
                        if after["label"] in numbering.following(label)), None)
        if skipped is not None:
            items[index] = {"label": skipped, "omitted": item.pop("text"), **item}


def with_number_notes(data: Data) -> Data:
    """A ``number_note`` on each number the validator would find out of sequence: the draft
    keeps the numbers the document prints."""
    try:
        problems = checks.check_all([assemble.protocol(data, "<import>")])
    except (KeyError, TypeError, AttributeError, ValueError):
        return data
    for problem in problems:
        if problem.origin is not None and revisions.SEQUENCE_PROBLEM in problem.message:
            element: Any = data
            for step in problem.origin.path[:-1]:
                element = element[step]
            element.setdefault("number_note", {"kind": "editorial", "text": OUT_OF_SEQUENCE})
    return data
