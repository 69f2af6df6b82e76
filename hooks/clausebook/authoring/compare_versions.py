"""Two versions of a protocol → a proposed revision of the first into the second, its changes
tracked at the finest level the format has: `clausebook compare OLD NEW`.

- Sections and clauses are matched by id, wherever they stand. One only OLD has is deleted, one
  only NEW has inserted; a new number keeps the old one as ``was``. Of the sections and clauses
  that keep their parent, the longest run that keeps its order stays; each other one, and each
  that changes parent, is moved (``change: moved``, ``moved_from`` naming where it stood).
- Blocks, list items, table rows and definitions have no ids: they are matched by content (an
  identical one first, then the most alike of the same kind), and what finds no match is inserted
  or deleted.
- Text is compared word by word: a changed word is one ``{~~old~>new~~}``, added or removed words
  one ``{++…++}`` or ``{--…--}``. A link or an emphasised phrase counts as one word.
- Obligations present in only one version are inserted or deleted; the others stay as they are.

What the format cannot mark on an element matched by id (its `cites`, `designation`, an
editorial note) is taken from NEW; a block, item, row or definition whose unmarkable parts differ
(a list's `each`, a label, a quotation's source) is deleted and inserted instead, as is one whose
editorial note accepting or rejecting would lose (`revisions` drops the note of an element
changed in place). A deleted section or clause keeps its old number. So the revision is exact:
accepting it gives NEW and rejecting it gives OLD, as `revisions.normalised` lays them out, byte
for byte once written, wherever the versions differ only in what the format can express (not,
for instance, a clause that gains a number it never had, or a change to `cites`).

The module is long because matching by id (sections, clauses), matching by content (blocks,
items, rows, definitions) and merging each matched pair into one marked element are one recursive
walk: each level's merge calls the next level's matching.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from clausebook.authoring.revisions import (
    Data,
    changed_itself,
    has_changes,
    normalised,
    strings,
    with_number_notes,
)
from clausebook.format.word_diff import WORD, diff_text

SIMILAR = 0.5  # two blocks, items, rows or definitions this alike (word ratio) are one, changed
CONTAINED = 0.8  # ... or when this much of the shorter one's words are in the longer one
TAG_KEYS = ("obligations", "not_obligations", "defines")


class TrackedChangesError(ValueError):
    """A version given to compare already has tracked changes."""


def compare(old: Data, new: Data, *, normalise: bool = True) -> Data:
    """A proposed revision of ``old`` into ``new`` (plain source data without tracked changes),
    which it does not change. ``normalise=False``: both are ``normalised`` already (a caller that
    compares one text with several)."""
    for version in (old, new):
        if has_changes(version):
            raise TrackedChangesError("a version to compare has tracked changes")
    if normalise:
        old, new = normalised(old), normalised(new)
    result: Data = {"protocol": {**new["protocol"], "status": "proposed-revision"}}
    for key in ("parts", "roles", "documents"):
        merged = _merge_maps(old.get(key, {}), new.get(key, {}))
        if merged:
            result[key] = merged
    comparison = _Comparison(old["sections"], new["sections"])
    known = list(old.get("retired_ids", []))
    retired = known + [i for i in new.get("retired_ids", []) if i not in known and i not in comparison.deleted]
    if retired:
        result["retired_ids"] = retired
    result["sections"] = comparison.sections()
    for key, value in new.items():  # anything else the file has, as NEW has it
        if key not in ("parts", "roles", "documents", "retired_ids"):
            result.setdefault(key, value)
    return with_number_notes(result)


def _optional_text(old: str | None, new: str | None) -> str | None:
    """A text that either version may lack: marked inserted or deleted as a whole if one lacks it."""
    if old is None and new is None:
        return None
    return diff_text(old or "", new or "")


# Sections and clauses

@dataclass(frozen=True, slots=True)
class _Place:
    element: Data
    parent: str | None  # the section or clause that holds it; None for a section
    after: str | None  # the one before it in the same parent


def _places(sections: list[Data]) -> dict[str, _Place]:
    found: dict[str, _Place] = {}

    def visit(parent: str | None, elements: list[Data]) -> None:
        previous = None
        for element in elements:
            found.setdefault(element["id"], _Place(element, parent, previous))
            previous = element["id"]
            visit(element["id"], element.get("clauses", []))

    visit(None, sections)
    return found


class _Comparison:
    def __init__(self, old: list[Data], new: list[Data]) -> None:
        self.old_sections, self.new_sections = old, new
        self.old, self.new = _places(old), _places(new)
        self.deleted = {id_ for id_ in self.old if id_ not in self.new}

    def sections(self) -> list[Data]:
        return self.children(None, self.old_sections, self.new_sections, None)

    def children(self, parent: str | None, old: list[Data], new: list[Data], within: str | None) -> list[Data]:
        """The merged children of one parent: OLD's that stay in order, OLD's that NEW does not
        have (deleted, where they stood), and NEW's others (inserted or moved here)."""
        kind = "section" if parent is None else "clause"
        staying_old = [c["id"] for c in old if c["id"] in self.new and self.new[c["id"]].parent == parent]
        staying_new = [c["id"] for c in new if c["id"] in self.old and self.old[c["id"]].parent == parent]
        kept = _longest_common(staying_old, staying_new)
        if parent is None and staying_old and staying_old[0] == old[0]["id"] and old[0]["id"] not in kept:
            # A section that came first can only stay: `moved_from` has no way to say "first"
            # for a section (it names no parent), so the others move around it.
            first = staying_old[0]
            at = staying_new.index(first)
            kept = {first} | _longest_common(staying_old[1:], [i for i in staying_new[at + 1:]])
        deleted_after: dict[str | None, list[Data]] = {}
        anchor = None
        for child in old:
            if child["id"] in kept:
                anchor = child["id"]
            elif child["id"] in self.deleted:
                deleted_after.setdefault(anchor, []).append(child)
        result = [self.deleted_element(child, within) for child in deleted_after.get(None, [])]
        for child in new:
            place = self.old.get(child["id"])
            if place is None:
                result.append(self.inserted_element(child, within))
                continue
            element = self.merged_element(place.element, child, kind)
            if child["id"] not in kept:
                element["change"] = "moved"
                moved_from = {}
                if place.parent != parent or (place.after is None and parent is not None):
                    moved_from["parent"] = place.parent  # (also when it came first: never an empty mapping)
                if place.after is not None:
                    moved_from["after"] = place.after
                element["moved_from"] = moved_from
            result.append(element)
            result += [self.deleted_element(c, within) for c in deleted_after.get(child["id"], [])]
        return result

    def inserted_element(self, element: Data, within: str | None) -> Data:
        result = {key: value for key, value in element.items() if key != "clauses"}
        if within != "inserted":
            result["change"] = "inserted"
        _put(result, "clauses", self.children(element["id"], [], element.get("clauses", []), "inserted"))
        return result

    def deleted_element(self, element: Data, within: str | None) -> Data:
        result = {key: value for key, value in element.items() if key != "clauses"}
        if within != "deleted":
            result["change"] = "deleted"
        _put(result, "clauses", self.children(element["id"], element.get("clauses", []), [], "deleted"))
        return result

    def merged_element(self, old: Data, new: Data, kind: str) -> Data:
        if kind == "section":
            result = {key: value for key, value in new.items() if key not in ("title", "clauses")}
            if "title" in old and "title" in new:
                result["title"] = diff_text(old["title"], new["title"])
            elif "title" in new:  # (a title the old version lacks is taken as the new one has it)
                result["title"] = new["title"]
        else:
            result = _Merge().clause(old, new)
        if old.get("number") != new.get("number") and "number" in old:
            result["was"] = old["number"]
        _put(result, "clauses", self.children(new["id"], old.get("clauses", []), new.get("clauses", []), None))
        return result


def _longest_common(old: list[str], new: list[str]) -> set[str]:
    """The ids of a longest run of ids in the same order in both lists."""
    if old == new:
        return set(old)
    rank = {id_: index for index, id_ in enumerate(old)}
    sequence = [rank[id_] for id_ in new if id_ in rank]
    best: list[int] = []  # for each position, the length of the longest increasing run ending there
    previous: list[int] = []
    for k, value in enumerate(sequence):
        length, before = 1, -1
        for j in range(k):
            if sequence[j] < value and best[j] + 1 > length:
                length, before = best[j] + 1, j
        best.append(length)
        previous.append(before)
    if not best:
        return set()
    k = max(range(len(best)), key=lambda index: (best[index], -index))
    kept = set()
    while k >= 0:
        kept.add(old[sequence[k]])
        k = previous[k]
    return kept


# What clauses hold

class _Merge:
    """Merges the matched content of one clause in its two versions."""

    def clause(self, old: Data, new: Data) -> Data:
        result = {key: value for key, value in new.items()
                  if key not in ("heading", "text", "body", "clauses", "link_notes", *TAG_KEYS)}
        heading = _optional_text(old.get("heading"), new.get("heading"))
        if heading is not None:
            result["heading"] = heading
        if "body" in old or "body" in new:
            blocks = self.blocks(_body(old), _body(new))
            _put(result, "body", blocks)
        else:
            result.update(_tagged(old, "text", new, "text", "text"))
        links = _merge_maps(old.get("link_notes", {}), new.get("link_notes", {}))
        _put(result, "link_notes", links)
        return result

    # Blocks

    def blocks(self, old: list[Data], new: list[Data]) -> list[Data]:
        return [entry for before, after in _align(old, new, BLOCKS)
                for entry in _kept_apart(before, after, self.block, "block")]

    def block(self, old: Data, new: Data) -> Data:
        kinds = (_block_kind(old), _block_kind(new))
        if kinds == ("items", "text"):  # a list that loses every item: its lead-in stays, as text
            result = _tagged(old, "lead", new, "text", "lead")
            _put(result, "each", old.get("each"))
            result["items"] = [_marked(item, "deleted") for item in old["items"]]
            _put(result, "note", new.get("note"))
            return result
        if kinds == ("text", "items"):  # a paragraph that gains a list: it becomes its lead-in
            result = _tagged(old, "text", new, "lead", "lead")
            _put(result, "each", new.get("each"))
            result["items"] = [_marked(item, "inserted") for item in new["items"]]
            _put(result, "note", new.get("note"))
            return result
        kind = kinds[1]
        result = {key: value for key, value in new.items()
                  if key not in ("text", "quote", "lead", "items", "tail", "definitions", "table", *TAG_KEYS)}
        if kind in ("text", "quote"):
            result.update(_tagged(old, kind, new, kind, kind))
            _put(result, "lead", _optional_text(old.get("lead"), new.get("lead")))
        elif kind == "gap":
            _put(result, "lead", _optional_text(old.get("lead"), new.get("lead")))
        else:
            result.update(_tagged(old, "lead", new, "lead", "lead"))
        if kind == "items":
            result["items"] = self.items(old["items"], new["items"])
            _put(result, "tail", self.tail(old.get("tail"), new.get("tail")))
        elif kind == "definitions":
            result["definitions"] = self.definitions(old["definitions"], new["definitions"])
        elif kind == "table":
            result["table"] = self.table(old["table"], new["table"])
        return result

    # Items, definitions, tables

    def items(self, old: list[Any], new: list[Any]) -> list[Any]:
        return [entry for before, after in _align(old, new, ITEMS)
                for entry in _kept_apart(before, after, lambda o, n: self.item(_as_item(o), _as_item(n)), "item")]

    def item(self, old: Data, new: Data) -> Any:
        if "omitted" in new:  # (matched only with another omitted sub-paragraph: the words in its place)
            return {**new, "omitted": diff_text(old["omitted"], new["omitted"])}
        result = {key: value for key, value in new.items() if key not in ("text", "items", "tail", *TAG_KEYS)}
        result.update(_tagged(old, "text", new, "text", "text"))
        self.nested(result, old, new)
        return result["text"] if set(result) == {"text"} else result

    def nested(self, result: Data, old: Data, new: Data) -> None:
        if "items" in old or "items" in new:
            result["items"] = self.items(old.get("items", []), new.get("items", []))
        _put(result, "tail", self.tail(old.get("tail"), new.get("tail")))

    def tail(self, old: Any, new: Any) -> Any:
        """Two tails merged: their words, and the items a tail introduces (with its own tail)."""
        merged = _tail(old, new)
        before, after = (tail if isinstance(tail, dict) else {} for tail in (old, new))
        if "items" not in before and "items" not in after:
            return merged
        result = {"text": merged} if isinstance(merged, str) else dict(merged or {})
        _put(result, "each", after.get("each"))
        self.nested(result, before, after)
        return result

    def definitions(self, old: list[Data], new: list[Data]) -> list[Data]:
        return [entry for before, after in _align(old, new, DEFINITIONS)
                for entry in _kept_apart(before, after, self.definition, "definition")]

    def definition(self, old: Data, new: Data) -> Data:
        result = {key: value for key, value in new.items() if key not in ("term", "text", "items", "tail", *TAG_KEYS)}
        result["term"] = diff_text(old["term"], new["term"])
        result.update(_tagged(old, "text", new, "text", "text"))
        self.nested(result, old, new)
        return result

    def table(self, old: Data, new: Data) -> Data:
        result = {key: value for key, value in new.items() if key not in ("caption", "columns", "rows")}
        _put(result, "caption", _optional_text(old.get("caption"), new.get("caption")))
        result["columns"] = {key: {**column, "label": diff_text(old["columns"][key]["label"], column["label"])}
                             for key, column in new["columns"].items()}
        result["rows"] = [entry for before, after in _align(old["rows"], new["rows"], ROWS)
                          for entry in _kept_apart(before, after, self.row, "row")]
        return result

    def row(self, old: Data, new: Data) -> Data:
        result: Data = {}
        for key in _merged_keys(list(old), list(new)):
            if key in ("change", "note"):
                continue
            cell = self.cell(old.get(key), new.get(key))
            if cell is not None:
                result[key] = cell
        _put(result, "note", new.get("note"))
        return result

    def cell(self, old: Any, new: Any) -> Any:
        if isinstance(old, dict) or isinstance(new, dict):
            return self.led_cell(old, new)
        if (old is None or isinstance(old, str)) and (new is None or isinstance(new, str)):
            return _optional_text(old, new)
        as_list = [old] if isinstance(old, str) else (old or [])
        return self.items(as_list, [new] if isinstance(new, str) else (new or []))

    def led_cell(self, old: Any, new: Any) -> Data:
        """A cell with words before its items in either version: the words merged as a text
        (inserted or deleted whole if one version has none), the items as any items."""
        def parts(cell: Any) -> tuple[Data | None, list[Any]]:
            if isinstance(cell, dict):
                return cell, cell["items"]
            return None, [cell] if isinstance(cell, str) else (cell or [])

        (old_lead, old_items), (new_lead, new_items) = parts(old), parts(new)
        result = _tagged(old_lead, "lead", new_lead, "lead", "lead")
        result["items"] = self.items(old_items, new_items)
        return result


def _kept_apart(old: Any, new: Any, merge: Callable[[Any, Any], Any], kind: str) -> list[Any]:
    """A pair from ``_align`` as the revision has it: one element, changed inside, or what only one
    version has, inserted or deleted. A pair whose editorial notes would not survive the merge
    (they differ, or the merged element is changed in place, which drops its note) is kept apart,
    as a deletion and an insertion, so that accepting and rejecting give back each note."""
    if old is not None and new is not None:
        merged = merge(old, new)
        notes = [_as_item(old).get("note"), _as_item(new).get("note")]
        if notes == [None, None] or (notes[0] == notes[1] and not changed_itself(_as_item(merged), kind)):
            return [merged]
    return [*([_marked(old, "deleted")] if old is not None else []),
            *([_marked(new, "inserted")] if new is not None else [])]


# Matching elements without ids

Pair = tuple[Any, Any]


@dataclass(frozen=True, slots=True)
class _Kind:
    """How elements without ids are matched: which pairs may be one element (``matches``), and
    the words an element has itself, apart from what it holds (``own``)."""

    matches: Callable[[Any, Any], bool]
    own: Callable[[Any], Any]


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _align(old: list[Any], new: list[Any], kind: _Kind) -> list[Pair]:
    """The two lists merged in order: each element paired with its match in the other list, or
    with None. Identical elements are paired first; between them, the most alike elements that
    may pair, in order. Unpaired old elements come before unpaired new ones."""
    result: list[Pair] = []
    opcodes = SequenceMatcher(None, [_canonical(x) for x in old], [_canonical(x) for x in new],
                              autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            result += zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            result += _align_unequal(old[i1:i2], new[j1:j2], kind)
    return result


def _align_unequal(old: list[Any], new: list[Any], kind: _Kind) -> list[Pair]:
    """The best-scoring order-keeping pairing of elements that are not identical."""
    old_words, new_words = [_all_words(x) for x in old], [_all_words(x) for x in new]
    score = [[_pair_score(o, n, ow, nw, kind) for n, nw in zip(new, new_words, strict=True)]
             for o, ow in zip(old, old_words, strict=True)]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(1, len(old) + 1):
        for j in range(1, len(new) + 1):
            paired = best[i - 1][j - 1] + score[i - 1][j - 1] if score[i - 1][j - 1] > 0 else -1.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs = []
    i, j = len(old), len(new)
    while i > 0 and j > 0:
        if score[i - 1][j - 1] > 0 and best[i][j] == best[i - 1][j - 1] + score[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    result: list[Pair] = []
    i = j = 0
    for pi, pj in reversed(pairs):
        result += [(o, None) for o in old[i:pi]] + [(None, n) for n in new[j:pj]] + [(old[pi], new[pj])]
        i, j = pi + 1, pj + 1
    return result + [(o, None) for o in old[i:]] + [(None, n) for n in new[j:]]


def _pair_score(old: Any, new: Any, old_words: list[str], new_words: list[str], kind: _Kind) -> float:
    """How well two elements pair: 0 if they may not, else more the more alike they are. They
    may pair if their own words are the same, if their words are alike or one's are nearly all in
    the other's, or if they hold an identical item, row or definition."""
    if not kind.matches(old, new):
        return 0.0
    own = kind.own(old) == kind.own(new)
    if not old_words or not new_words:
        return 2.0 if own else 0.0
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    ratio = 2 * shared / (len(old_words) + len(new_words))
    contained = shared / min(len(old_words), len(new_words))
    if own or ratio >= SIMILAR or contained >= CONTAINED or _share_a_child(old, new):
        return 1.0 + ratio + own
    return 0.0


def _share_a_child(old: Any, new: Any) -> bool:
    def children(element: Any) -> set[str]:
        if not isinstance(element, dict):
            return set()
        found = [*element.get("items", []), *element.get("definitions", []),
                 *element.get("table", {}).get("rows", [])]
        return {_canonical(_as_item(child)) for child in found}

    return bool(children(old) & children(new))


def _all_words(value: Any) -> list[str]:
    skipped = ("note", "each", "label", "role", "change", *TAG_KEYS)
    return [word.group() for text in strings(value, skipped) for word in WORD.finditer(text)]


def _block_kind(block: Data) -> str:
    return next((key for key in ("text", "items", "quote", "definitions", "table", "gap") if key in block), "?")


def _blocks_match(old: Data, new: Data) -> bool:
    kinds = (_block_kind(old), _block_kind(new))
    if kinds in (("items", "text"), ("text", "items")):
        listed, plain = (old, new) if kinds[0] == "items" else (new, old)
        return "lead" in listed and "tail" not in listed and "lead" not in plain \
            and set(plain) <= {"text", "note", *TAG_KEYS}
    if kinds[0] != kinds[1]:
        return False
    if kinds[0] == "items":
        return old.get("each") == new.get("each")
    if kinds[0] == "quote":
        return old.get("source") == new.get("source")
    if kinds[0] == "gap":
        return old["gap"] == new["gap"]
    if kinds[0] == "table":
        def shape(table: Data) -> list[Any]:
            return [(key, column.get("role"), column.get("each")) for key, column in table["columns"].items()]
        return shape(old["table"]) == shape(new["table"])
    return True


def _block_own(block: Data) -> Any:
    words = block.get("text", block.get("quote", block.get("gap")))
    return (words, block.get("lead"), (block.get("table") or {}).get("caption"))


BLOCKS = _Kind(_blocks_match, _block_own)
ITEMS = _Kind(lambda old, new: all(_as_item(old).get(key) == _as_item(new).get(key) for key in ("label", "each"))
              and ("omitted" in _as_item(old)) == ("omitted" in _as_item(new)),
              lambda item: _as_item(item).get("text", _as_item(item).get("omitted")))
DEFINITIONS = _Kind(lambda old, new: all(old.get(key) == new.get(key) for key in ("label", "variants")),
                    lambda definition: (definition["term"], definition["text"]))
ROWS = _Kind(lambda old, new: True,
             lambda row: {key: cell for key, cell in row.items() if key != "note" and isinstance(cell, str)})


# Text with its tags

def _tagged(old: Data | None, old_key: str, new: Data | None, new_key: str, key: str) -> Data:
    """A text that carries tags (obligations, not_obligations, defines), merged: the text marked
    word by word, obligations only one version has marked inserted or deleted, and the other
    tags as the version that has the text (NEW, if both) gives them."""
    old_text = old.get(old_key) if old else None
    new_text = new.get(new_key) if new else None
    if old_text is None and new_text is None:
        return {}
    result: Data = {key: diff_text(old_text or "", new_text or "")}
    old_tags = old if old_text is not None and old else {}
    new_tags = new if new_text is not None and new else {}
    obligations = _merge_obligations(old_tags.get("obligations", []), new_tags.get("obligations", []))
    if obligations:
        result["obligations"] = obligations
    tags = new_tags if new_text is not None else old_tags
    for tag in ("not_obligations", "defines"):
        if tag in tags:
            result[tag] = tags[tag]
    return result


def _merge_obligations(old: list[Data], new: list[Data]) -> list[Data]:
    result = []
    opcodes = SequenceMatcher(None, [_canonical(o) for o in old], [_canonical(o) for o in new],
                              autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            result += new[j1:j2]
        else:
            result += [{**o, "change": "deleted"} for o in old[i1:i2]]
            result += [{**o, "change": "inserted"} for o in new[j1:j2]]
    return result


def _tail(old: Any, new: Any) -> Any:
    def holder(tail: Any) -> Data | None:
        return {"text": tail} if isinstance(tail, str) else tail

    merged = _tagged(holder(old), "text", holder(new), "text", "text")
    if not merged:
        return None
    return merged["text"] if set(merged) == {"text"} else merged


# Small helpers

def _body(clause: Data) -> list[Data]:
    """A clause's blocks; its text, if it has text instead, as one paragraph block."""
    if "body" in clause:
        return clause["body"]
    if "text" in clause:
        return [{key: clause[key] for key in ("text", *TAG_KEYS) if key in clause}]
    return []


def _as_item(item: Any) -> Data:
    return {"text": item} if isinstance(item, str) else item


def _marked(item: Any, change: str) -> Data:
    return {**_as_item(item), "change": change}


def _merged_keys(old: list[str], new: list[str]) -> list[str]:
    """Both lists of keys in one order that keeps each list's order where it can."""
    result: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            result += new[j1:j2]
        else:
            result += [key for key in old[i1:i2] if key not in new] + new[j1:j2]
    return list(dict.fromkeys(result))


def _merge_maps(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Two mappings keyed by id as one: NEW's values, and OLD's where NEW has none."""
    return {key: new[key] if key in new else old[key] for key in _merged_keys(list(old), list(new))}


def _put(holder: Data, key: str, value: Any) -> None:
    if value in (None, "", [], {}):
        holder.pop(key, None)
    else:
        holder[key] = value
