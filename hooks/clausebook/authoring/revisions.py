"""Accepting or rejecting every tracked change of a proposed revision, on the plain data of its
source file (dicts, lists and strings as `loading` gives them), so the result is a source file
again: `clausebook accept` and `clausebook reject`.

Each side reads like the matching reading in `readings` (``amended`` and ``original``), but
keeps the source's shape: what the side removes is gone, text is resolved to one side of its
marks, numbers are the new (accept) or the old (reject) ones, and moved sections and clauses
stand where that side has them. Both give `status: draft`. Accept lists the ids of the sections
and clauses it removes under ``retired_ids``, so they are never given to another clause.

Notes that only explain a change go with the change: an element's ``note`` is dropped when the
revision changes the element in place (renumbers it, marks its own words, adds or takes away its
obligations), as it then explains that change in all but rare cases. A note on what the revision
inserts or deletes whole stays with it (it describes the clause, the row, the item), as does a
moved element's: which of two elements that swap places is "the moved one" is a choice, not a
fact. ``number_note``, ``link_notes`` and ``optional_note`` always stay.

The result is normalised, as `compare` needs it: an item that is only text is written as a
string, and a table cell that holds one plain item as that item's text.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterator
from typing import Any

from clausebook import readings
from clausebook.format import assemble, checks, markup

Data = dict[str, Any]

# The number note these commands write where a number does not follow on from the one before it
# (a revision that deletes 13.1 and leaves 13.2 as it is). It is written again on every run, only
# where it is needed, so it never outlives the reason for it.
# It is an editorial note: it says how the text is numbered, not what the council means.
KEPT_NUMBER_NOTE = {"kind": "editorial", "text": "This number does not follow on from the one before it: it is kept "
                                                  "as the revision numbers it."}
SEQUENCE_PROBLEM = "add a `number_note` saying why"
TAGS = ("obligations", "not_obligations", "defines")


def has_changes(data: Any) -> bool:
    """Whether the data holds any tracked change: marks in text, or change, was or moved_from."""
    return next(_changes(data), None) is not None


def count_changes(data: Any) -> int:
    """How many changes a revision makes: each tracked change in text, each element (section,
    clause, block, item, row, definition, obligation) marked inserted, deleted or moved, and each
    renumbering (`was`). What a marked element holds is not counted again."""
    return sum(1 for _ in _changes(data))


def _changes(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        if "{" in data:
            yield from (match.group() for match in markup.CHANGE.finditer(data))
    elif isinstance(data, list):
        for value in data:
            yield from _changes(value)
    elif isinstance(data, dict):
        for key in ("change", "was"):
            if key in data:
                yield key
        for key, value in data.items():
            if key not in ("note", "number_note", "optional_note", "link_notes"):
                yield from _changes(value)


# Whether an element's own words or place are changed (its note then goes with the change)

def _marked(text: Any) -> bool:
    if isinstance(text, dict):
        return _marked(text.get("text")) or _tags_changed(text)
    return isinstance(text, str) and markup.has_changes(text)


def _tags_changed(data: Data) -> bool:
    return any(isinstance(o, dict) and "change" in o for o in data.get("obligations", ()))


def changed_itself(element: Data, kind: str) -> bool:
    """Whether the revision changes this element in place: its number, its own words or its
    obligations (rather than only what it holds, or the element as a whole)."""
    if "was" in element:
        return True
    if kind == "section":
        return _marked(element.get("title"))
    if kind == "clause":
        return _marked(element.get("heading")) or _marked(element.get("text")) or _tags_changed(element)
    if kind == "block":
        table = element.get("table") or {}
        labels = [column.get("label") for column in (table.get("columns") or {}).values()]
        words = [element.get(key) for key in ("text", "lead", "quote", "tail")] + [table.get("caption"), *labels]
        return any(_marked(w) for w in words) or _tags_changed(element)
    if kind in ("item", "definition"):
        words = [element.get(key) for key in ("term", "text", "omitted", "tail")]
        return any(_marked(w) for w in words) or _tags_changed(element)
    if kind == "row":
        return any(_marked(cell) for key, cell in element.items() if key not in ("change", "note"))
    return False


# Accept and reject

def accept(data: Data) -> Data:
    """The source with every tracked change accepted, `status: draft`, and the ids of what the
    revision deletes added to ``retired_ids``."""
    return with_number_notes(_Resolver("amended").file(data))


def reject(data: Data) -> Data:
    """The source with every tracked change rejected, `status: draft`."""
    return with_number_notes(_Resolver("original").file(data))


def as_adopted(data: Data, *, adopted: str, minute: str, effective: str) -> Data:
    """A proposed revision as the council adopted it: every change accepted, ``status: adopted``,
    with the adoption date, the minute and the date it is in force from (``revised`` goes: it
    dated the proposal)."""
    result = accept(data)
    protocol = result["protocol"]
    protocol.pop("revised", None)
    protocol.update(status="adopted", adopted=adopted, minute=minute, effective=effective)
    return result


def as_replaced(data: Data) -> Data:
    """The text a proposed revision replaces, as it was adopted: every change rejected, ``status:
    adopted``, and the ``adopted``, ``minute`` and ``effective`` the proposal states (in a
    proposal they describe the text in force); ``revised`` goes, as it dated the proposal."""
    result = reject(data)
    result["protocol"].pop("revised", None)
    result["protocol"]["status"] = "adopted"
    return result


def with_number_notes(data: Data) -> Data:
    """The data with ``KEPT_NUMBER_NOTE`` on each section and clause whose number does not
    follow on from the one before it (as the validator sees it), and nowhere else."""
    for element in _numbered(data.get("sections", [])):
        if element.get("number_note") == KEPT_NUMBER_NOTE:
            del element["number_note"]
    try:
        problems = checks.check_all([assemble.protocol(data, "<revision>")])
    except (KeyError, TypeError, AttributeError, ValueError):  # not a valid source: nothing to note
        return data
    for problem in problems:
        if problem.origin is not None and SEQUENCE_PROBLEM in problem.message:
            element: Any = data
            for step in problem.origin.path[:-1]:
                element = element[step]
            element["number_note"] = dict(KEPT_NUMBER_NOTE)
    return data


def _numbered(elements: list[Data]) -> Iterator[Data]:
    for element in elements:
        yield element
        yield from _numbered(element.get("clauses", []))


def normalised(data: Data) -> Data:
    """A source without tracked changes in the layout accept and reject give (items that are only
    text as strings, one-item cells as their text), its status as it was."""
    result = accept(data)
    result["protocol"]["status"] = data["protocol"]["status"]
    return result


def quote_found(quote: str, text: str, *, casefold: bool = False) -> bool:
    """Whether a tag's quote (or, with ``casefold``, a defined term) is in the text, as the
    validator looks for it."""
    words, within = " ".join(markup.plain(quote).split()), " ".join(markup.plain(text).split())
    return words.casefold() in within.casefold() if casefold else words in within


class _Resolver:
    """One side of every change, applied to a copy of the source data."""

    def __init__(self, side: readings.Side) -> None:
        self.side = side
        self.gone = readings.GONE[side]
        self.retired: list[str] = []

    def words(self, text: str) -> str:
        return readings.words(text, self.side, as_written=True)

    # The file

    def file(self, data: Data) -> Data:
        result: Data = {}
        for key, value in data.items():
            if key == "protocol":
                result[key] = {**copy.deepcopy(value), "status": "draft"}
            elif key == "sections":
                result[key] = self.sections(value)
            else:
                result[key] = copy.deepcopy(value)
        if self.retired:
            known = list(result.get("retired_ids", []))
            result["retired_ids"] = known + sorted(set(self.retired) - set(known))
        return result

    def sections(self, sections: list[Data]) -> list[Data]:
        kept = [s for section in sections if (s := self.section(section)) is not None]
        if self.side == "original":  # moved sections and clauses back where they stood
            tops = {id(section) for section in sections}
            kept = readings.MoveBack(_DataShape(), sections, lambda element: self.section(element)
                                     if id(element) in tops else self.clause(element)).top(kept)
        return kept

    def section(self, section: Data) -> Data | None:
        if section.get("change") == self.gone:
            self.retire(section)
            return None
        result = self.element(section, "section")
        if "title" in result:
            result["title"] = self.words(result["title"])
        clauses = self.clauses(section.get("clauses", []))
        _put(result, "clauses", clauses)
        return result

    def clauses(self, clauses: list[Data]) -> list[Data]:
        return [c for clause in clauses if (c := self.clause(clause)) is not None]

    def clause(self, clause: Data) -> Data | None:
        if clause.get("change") == self.gone:
            self.retire(clause)
            return None
        result = self.element(clause, "clause")
        if "heading" in result:
            _put(result, "heading", self.words(result["heading"]))
        if "text" in result:
            self.tagged(result, "text")
        if "body" in result:
            _put(result, "body", [b for block in result["body"] if (b := self.block(block)) is not None])
        _put(result, "clauses", self.clauses(clause.get("clauses", [])))
        if "link_notes" in result:
            linked = {link.clause for text in _clause_texts(result) for link in markup.links(text)}
            _put(result, "link_notes", {k: v for k, v in result["link_notes"].items() if k in linked})
        if not any(key in result for key in ("text", "body", "gap", "clauses", "subheading")):
            self.retire(clause)  # nothing is left of it
            return None
        return result

    def element(self, element: Data, kind: str) -> Data:
        """A section or clause without its change marks, numbered for this side (its sub-clauses
        are handled by the caller)."""
        result = {key: copy.deepcopy(value) for key, value in element.items()
                  if key not in ("change", "moved_from", "was", "clauses")}
        if self.side == "original" and "was" in element:
            result["number"] = element["was"]
        if changed_itself(element, kind):
            result.pop("note", None)
        return result

    def retire(self, element: Data) -> None:
        """Note the ids of a section or clause this side removes, and of every clause inside it."""
        if self.side != "amended":
            return
        self.retired.append(element["id"])
        for clause in element.get("clauses", []):
            self.retire(clause)

    # Text and its tags

    def tagged(self, holder: Data, key: str) -> bool:
        """Resolve the text under ``key`` and the tags on it (which ``holder`` carries); take both
        away if nothing is left of the text. Whether any text is left."""
        text = self.words(holder[key])
        if not text:
            del holder[key]
            for tag in TAGS:
                holder.pop(tag, None)
            return False
        holder[key] = text
        if "obligations" in holder:
            _put(holder, "obligations", [{k: v for k, v in o.items() if k != "change"}
                                         for o in holder["obligations"] if o.get("change") != self.gone])
        if self.side == "original":  # tags on words only the revision has go with them
            if "not_obligations" in holder:
                _put(holder, "not_obligations", [n for n in holder["not_obligations"]
                                                 if "quote" not in n or quote_found(n["quote"], text)])
            if "defines" in holder:
                _put(holder, "defines", [t for t in holder["defines"]
                                         if quote_found(t if isinstance(t, str) else t["term"], text, casefold=True)])
        return True

    def tail(self, tail: Any) -> Any:
        if isinstance(tail, str):
            return self.words(tail) or None
        holder = dict(tail)
        if not self.tagged(holder, "text"):
            return None
        self.nested(holder)  # the items a tail introduces, and its own tail
        return _simplified(holder)

    # Blocks and what they hold

    def block(self, block: Data) -> Data | None:
        if block.get("change") == self.gone:
            return None
        result = {key: copy.deepcopy(value) for key, value in block.items() if key != "change"}
        if changed_itself(block, "block"):
            result.pop("note", None)
        for key in ("text", "quote"):
            if key in result and not self.tagged(result, key):
                return None
        if "lead" in result:
            if "items" in result or "definitions" in result or "table" in result:
                self.tagged(result, "lead")
            else:
                _put(result, "lead", self.words(result["lead"]))
        if "tail" in result:
            _put(result, "tail", self.tail(result["tail"]))
        if "items" in result:
            _put(result, "items", self.items(result["items"]))
            if "items" not in result:
                return _lead_as_text(result)
        if "definitions" in result:
            _put(result, "definitions", [d for entry in result["definitions"]
                                         if (d := self.definition(entry)) is not None])
            if "definitions" not in result:
                return None
        if "table" in result:
            table = self.table(result["table"])
            if table is None:
                return None
            result["table"] = table
        return result

    def items(self, items: list[Any]) -> list[Any]:
        return [i for item in items if (i := self.item(item)) is not None]

    def item(self, item: Any) -> Any:
        if isinstance(item, str):
            return self.words(item) or None
        if item.get("change") == self.gone:
            return None
        result = {key: copy.deepcopy(value) for key, value in item.items() if key != "change"}
        if changed_itself(item, "item"):
            result.pop("note", None)
        if "omitted" in result:  # (an omitted sub-paragraph: only the words in its place)
            result["omitted"] = self.words(result["omitted"])
            return result if result["omitted"] else None
        if not self.tagged(result, "text"):
            return None
        self.nested(result)
        return _simplified(result)

    def nested(self, holder: Data) -> None:
        """An item's or definition's sub-items and tail; without sub-items, no tail or each."""
        if "items" in holder:
            _put(holder, "items", self.items(holder["items"]))
        if "tail" in holder:
            _put(holder, "tail", self.tail(holder["tail"]))
        if "items" not in holder:
            holder.pop("tail", None)
            holder.pop("each", None)

    def definition(self, definition: Data) -> Data | None:
        if definition.get("change") == self.gone:
            return None
        result = {key: copy.deepcopy(value) for key, value in definition.items() if key != "change"}
        if changed_itself(definition, "definition"):
            result.pop("note", None)
        result["term"] = self.words(result["term"])
        if not self.tagged(result, "text"):
            return None
        self.nested(result)
        return result

    def table(self, table: Data) -> Data | None:
        result = copy.deepcopy(table)
        if "caption" in result:
            _put(result, "caption", self.words(result["caption"]))
        for column in result.get("columns", {}).values():
            column["label"] = self.words(column["label"])
        rows = [r for row in result.get("rows", []) if (r := self.row(row)) is not None]
        if not rows:
            return None
        result["rows"] = rows
        return result

    def row(self, row: Data) -> Data | None:
        if row.get("change") == self.gone:
            return None
        result: Data = {}
        for key, value in row.items():
            if key == "change":
                continue
            if key == "note":
                if not changed_itself(row, "row"):
                    result[key] = value
                continue
            if isinstance(value, dict):
                if led := self.led_cell(value):
                    result[key] = led
                continue
            cell = self.words(value) if isinstance(value, str) else self.items(value)
            if len(cell) == 1 and isinstance(cell[0], str):
                cell = cell[0]
            if cell:
                result[key] = cell
        return result if set(result) - {"note"} else None


    def led_cell(self, cell: Data) -> Any:
        """A cell with words before its items, in this reading: without its words, its items as a
        list; without items, its words as the cell's one item (which keeps their tags)."""
        result = copy.deepcopy(cell)
        _put(result, "items", self.items(result["items"]))
        if not self.tagged(result, "lead"):
            items = result.get("items", [])
            return items[0] if len(items) == 1 and isinstance(items[0], str) else items
        if "items" not in result:
            item = _simplified({"text" if key == "lead" else key: value for key, value in result.items()})
            return item if isinstance(item, str) else [item]
        return result


class _DataShape(readings.Shape[Data]):
    """A section or clause of the source data, for `readings.MoveBack`."""

    def id(self, element: Data) -> str:
        return element["id"]

    def children(self, element: Data) -> list[Data]:
        return element.get("clauses", [])

    def moved_from(self, element: Data, parent: str | None) -> tuple[str | None, str | None] | None:
        if element.get("change") != "moved" or "moved_from" not in element:
            return None
        return element["moved_from"].get("parent", parent), element["moved_from"].get("after")

    def with_children(self, element: Data, children: list[Data]) -> Data:
        if "clauses" not in element and not children:
            return element
        result = {**element}
        _put(result, "clauses", children)
        return result


# Small helpers

def _put(holder: Data, key: str, value: Any) -> None:
    """Set ``key``, or take it away when the value is empty (the schema wants no empty lists)."""
    if value in (None, "", [], {}):
        holder.pop(key, None)
    else:
        holder[key] = value


def _simplified(holder: Data) -> Any:
    """An item or tail that is only text, as that text."""
    return holder["text"] if set(holder) == {"text"} else holder


def _lead_as_text(block: Data) -> Data | None:
    """A list block that has lost every item: its lead-in as a paragraph, or nothing."""
    if "lead" not in block:
        return None
    text = {"text": block["lead"]}
    for key in (*TAGS, "note"):
        if key in block:
            text[key] = block[key]
    return text


def strings(value: Any, skipped: Collection[str] = ()) -> Iterator[str]:
    """Every string in plain data, in order, leaving out the values of the keys ``skipped``."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for entry in value:
            yield from strings(entry, skipped)
    elif isinstance(value, dict):
        for key, entry in value.items():
            if key not in skipped:
                yield from strings(entry, skipped)


def _clause_texts(clause: Data) -> Iterator[str]:
    """Every string in a clause's own text and body (where its links are)."""
    skipped = ("note", "obligations", "not_obligations", "each")
    yield from strings(clause.get("text"), skipped)
    yield from strings(clause.get("body"), skipped)
