"""Plain source data → YAML text in the house layout: the canonical writer behind
`clausebook format`, `accept`, `reject` and `compare`.

The layout is the one the example protocols are written in: keys in a fixed order for each kind
of element, a blank line between top-level keys and between sections and between clauses, short
tags on one line as flow mappings (``{who: officers, modality: must}``), lists of ids as flow
lists, and long text as a folded block (``>-``) wrapped before column ``WIDTH``; text with line
breaks as a literal block (``|-``). A value that YAML would read as anything but the words typed
(``no``, ``1.10``, ``2024-03-05``, leading spaces, ``: `` or `` #`` inside) is quoted, so any
YAML reader gets back the same text. The output depends on the data alone: the same data gives
the same bytes, and writing what was written changes nothing.

Comments are not data: only the schema modeline on the first line (``# yaml-language-server:
$schema=…``) is carried over, by the caller.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

import yaml

WIDTH = 100  # prose in a block scalar is wrapped to end before this column
FLOW_WIDTH = 120  # a flow mapping or list stays on one line if the line is no longer than this

MODELINE = re.compile(r"# yaml-language-server: \$schema=\S+")
SCHEMA_MODELINE = "# yaml-language-server: $schema={}"  # the modeline naming a schema file

# Each kind of mapping: its keys in the order written, and the kind of each key's value.
# A kind ending in "[]" is a list of that kind; "map:" a mapping from ids to that kind.
ORDERS: dict[str, tuple[str, ...]] = {
    "file": ("protocol", "parts", "roles", "documents", "retired_ids", "sections"),
    "protocol": ("id", "council", "title", "part", "status", "language", "version", "adopted", "minute", "effective",
                 "revised", "contact", "licence", "source", "printed_contents", "based_on", "numbering", "note"),
    "licence": ("name", "url"),
    "based_on": ("title", "author", "version", "url"),
    "part": ("title", "designation", "separator", "note"),
    "role": ("label", "shared"),
    "document": ("title", "kind", "url"),
    "section": ("id", "number", "designation", "separator", "printed_number", "was", "title", "part", "matter",
                "source", "updated", "change", "moved_from", "number_note", "note", "clauses"),
    "clause": ("id", "number", "designation", "separator", "was", "heading", "subheading", "optional",
               "optional_note", "change", "moved_from", "number_note", "cites", "text", "body", "gap", "obligations",
               "not_obligations", "defines", "link_notes", "note", "clauses"),
    "moved_from": ("parent", "after"),
    "block": ("change", "text", "quote", "source", "lead", "each", "obligations", "not_obligations", "defines",
              "items", "tail", "definitions", "table", "gap", "note"),
    "item": ("label", "text", "omitted", "change", "obligations", "not_obligations", "defines", "each", "items", "tail",
             "note"),
    "tail": ("text", "obligations", "not_obligations", "defines", "each", "items", "tail"),
    "definition": ("term", "quoted", "label", "change", "variants", "text", "obligations", "not_obligations", "defines",
                   "items", "tail", "note"),
    "variant": ("term", "lang"),
    "defined": ("term", "variants"),
    "obligation": ("id", "who", "modality", "towards", "change", "condition", "inferred", "quote"),
    "not_obligation": ("quote", "reason"),
    "each": ("who", "modality", "towards", "condition", "inferred"),
    "table": ("caption", "columns", "rows"),
    "column": ("label", "role", "each"),
    "row": ("change", "note"),  # after the cells, which come in the table's column order
    "note": ("kind", "text"),  # a note written with its kind
    "cell": ("lead", "obligations", "not_obligations", "defines", "items"),  # a cell with words before its items
}

CHILDREN: dict[tuple[str, str], str] = {
    ("file", "protocol"): "protocol", ("file", "parts"): "map:part", ("file", "roles"): "map:role",
    ("file", "documents"): "map:document", ("file", "retired_ids"): "ids", ("file", "sections"): "section[]",
    ("protocol", "licence"): "licence", ("protocol", "based_on"): "based_on",
    ("section", "moved_from"): "moved_from", ("section", "clauses"): "clause[]",
    ("clause", "moved_from"): "moved_from", ("clause", "clauses"): "clause[]", ("clause", "body"): "block[]",
    ("clause", "cites"): "ids", ("clause", "link_notes"): "map:note",
    ("block", "items"): "item[]", ("block", "tail"): "tail", ("block", "each"): "each",
    ("block", "definitions"): "definition[]", ("block", "table"): "table",
    ("item", "items"): "item[]", ("item", "tail"): "tail", ("item", "each"): "each",
    ("definition", "items"): "item[]", ("definition", "tail"): "tail", ("definition", "variants"): "variant[]",
    ("table", "columns"): "map:column", ("table", "rows"): "row[]", ("column", "each"): "each",
    ("obligation", "who"): "ids", ("obligation", "towards"): "ids",
    ("each", "who"): "ids", ("each", "towards"): "ids", ("defined", "variants"): "variant[]",
}
CHILDREN[("cell", "items")] = "item[]"
for _kind in ("protocol", "part", "section", "clause", "block", "item", "definition", "row"):
    CHILDREN[(_kind, "note")] = "note"
for _kind in ("section", "clause"):
    CHILDREN[(_kind, "number_note")] = "note"
CHILDREN.update({("tail", "items"): "item[]", ("tail", "each"): "each", ("tail", "tail"): "tail"})
for _kind in ("clause", "block", "item", "tail", "definition", "cell"):
    CHILDREN[(_kind, "obligations")] = "obligation[]"
    CHILDREN[(_kind, "not_obligations")] = "not_obligation[]"
    CHILDREN[(_kind, "defines")] = "defined[]"

# Mappings always written as blocks (the others go on one line when they fit).
BLOCK_ONLY = {"file", "protocol", "section", "clause", "block", "table", "map:part", "map:role",
              "map:document", "map:column"}
# Lists written on one line when they fit: ids, and a definition's variants.
FLOW_LISTS = {"ids", "variant[]", "defined[]"}
# Lists whose entries are separated by a blank line.
SPACED = {"section[]", "clause[]"}
# Values always in double quotes, as the examples write them: numbers, versions and dates.
QUOTED_KEYS = {"number", "was", "printed_number", "version", "adopted", "effective", "updated"}
# Flags are written `true`, as the README writes them (the loader reads every value as text).
FLAGS = {"optional", "inferred"}

# Characters written as escapes inside double quotes: controls, line and paragraph separators,
# invisible characters, and anything a YAML stream may not hold as it is.
ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069"
                     "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\"\\\\]")
NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\x00": "\\0"}
# Characters that keep a value out of a block scalar (it is written in double quotes instead):
# those escaped above, and spaces other than the plain one, which the loader refuses as
# indentation at the start of a line.
NOT_IN_BLOCK = re.compile("[\x00-\x09\x0b-\x1f\x7f-\xa0\u061c\u2000-\u200f\u2028-\u202e\u2060-\u2064"
                          "\u2066-\u2069\u3000\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")

_ANALYSER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_RESOLVER = yaml.resolver.Resolver()


def dump(data: dict[str, Any], *, modeline: str | None = None) -> str:
    """The source file for ``data`` in the house layout, with ``modeline`` (a schema comment) as
    its first line if given."""
    lines = [modeline] if modeline else []
    lines += _mapping_lines(data, "file", 0)
    return "\n".join(lines) + "\n"


def modeline_of(text: str) -> str | None:
    """The schema modeline on the first line of a source file's text, if it has one."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip()
    return first if MODELINE.fullmatch(first) else None


# Kinds and key order

def _child_kind(kind: str, key: str) -> str:
    if kind.startswith("map:"):
        return kind[4:]
    if kind == "row" and key not in ("change", "note"):
        return "cell"  # a cell: one text, a list of items, or a lead and items
    return CHILDREN.get((kind, key), "text")


def _element_kind(kind: str) -> str:
    if kind == "cell":  # a cell written as a list holds items
        return "item"
    return kind[:-2] if kind.endswith("[]") else "any"


def _ordered(mapping: dict[str, Any], kind: str) -> list[tuple[str, Any]]:
    """The mapping's entries in the order written: a kind's known keys in its order, then any
    others as given. Mappings keyed by ids (roles, columns) keep the author's order."""
    order = ORDERS.get(kind)
    if order is None:
        return list(mapping.items())
    if kind == "row":  # cells first (the table has put them in column order), then change and note
        cells = [(key, value) for key, value in mapping.items() if key not in order]
        return cells + [(key, mapping[key]) for key in order if key in mapping]
    known = [(key, mapping[key]) for key in order if key in mapping]
    return known + [(key, value) for key, value in mapping.items() if key not in order]


# Block layout

def _mapping_lines(mapping: dict[str, Any], kind: str, indent: int) -> list[str]:
    if kind == "table":
        mapping = _table_in_column_order(mapping)
    lines: list[str] = []
    for key, value in _ordered(mapping, kind):
        if kind == "file" and lines:
            lines.append("")
        lines += _entry(f"{_key(key)}:", value, _child_kind(kind, key), indent, key)
    return lines


def _sequence_lines(values: list[Any], kind: str, indent: int) -> list[str]:
    element = _element_kind(kind)
    lines: list[str] = []
    for value in values:
        if kind in SPACED and lines:
            lines.append("")
        if isinstance(value, dict) and value:
            flow = _flow_mapping(value, element)
            if flow is not None and indent + 2 + len(flow) <= FLOW_WIDTH:
                lines.append(f"{' ' * indent}- {flow}")
                continue
            inner = _mapping_lines(value, element, indent + 2)
            lines.append(" " * indent + "- " + inner[0][indent + 2:])
            lines += inner[1:]
        else:
            lines += _entry("-", value, element, indent)
    return lines


def _entry(head: str, value: Any, kind: str, indent: int, key: str = "") -> list[str]:
    """One key (or list dash) and its value, as lines starting at ``indent``."""
    pad = " " * indent
    if isinstance(value, str):
        return _scalar_entry(head, value, indent, key)
    if isinstance(value, dict):
        flow = _flow_mapping(value, kind)
        if flow is not None and indent + len(head) + 1 + len(flow) <= FLOW_WIDTH:
            return [f"{pad}{head} {flow}"]
        if not value:
            return [f"{pad}{head} {{}}"]
        return [f"{pad}{head}", *_mapping_lines(value, kind, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{pad}{head} []"]
        flow = _flow_sequence(value, kind) if kind in FLOW_LISTS else None
        if flow is not None and indent + len(head) + 1 + len(flow) <= FLOW_WIDTH:
            return [f"{pad}{head} {flow}"]
        return [f"{pad}{head}", *_sequence_lines(value, kind, indent + 2)]
    if value is None:
        return [f"{pad}{head} null"]
    return _scalar_entry(head, str(value), indent, key)


def _scalar_entry(head: str, value: str, indent: int, key: str) -> list[str]:
    pad = " " * indent
    inline = _inline(value, key, flow=False)
    if "\n" in value:
        literal = _literal(value, indent + 2)
        if literal is not None:
            return [f"{pad}{head} |-", *literal]
        return [f"{pad}{head} {inline}"]
    if indent + len(head) + 1 + len(inline) <= WIDTH or key in QUOTED_KEYS:
        return [f"{pad}{head} {inline}"]
    folded = _folded(value, indent + 2)
    if folded is None:
        return [f"{pad}{head} {inline}"]
    return [f"{pad}{head} >-", *folded]


# Flow layout

def _flow_mapping(mapping: dict[str, Any], kind: str) -> str | None:
    """The mapping on one line, ``{key: value, …}``; None if its kind or contents need a block."""
    if kind in BLOCK_ONLY or not mapping:
        return None
    parts = []
    for key, value in _ordered(mapping, kind):
        child = _child_kind(kind, key)
        if isinstance(value, str):
            if "\n" in value:
                return None
            written = _inline(value, key, flow=True)
        elif isinstance(value, dict):
            written = _flow_mapping(value, child)
        elif isinstance(value, list):
            written = _flow_sequence(value, child) if child in FLOW_LISTS else None
        else:
            return None
        if written is None:
            return None
        parts.append(f"{_key(key, flow=True)}: {written}")
    return "{" + ", ".join(parts) + "}"


def _flow_sequence(values: list[Any], kind: str) -> str | None:
    element = _element_kind(kind)
    parts = []
    for value in values:
        if isinstance(value, str):
            if "\n" in value:
                return None
            parts.append(_inline(value, "", flow=True))
        elif isinstance(value, dict):
            written = _flow_mapping(value, element)
            if written is None:
                return None
            parts.append(written)
        else:
            return None
    return "[" + ", ".join(parts) + "]"


# Scalars

def _plain_ok(value: str, *, flow: bool) -> bool:
    """Whether the value can be written without quotes and read back as the same text by any
    YAML reader (so not ``no``, ``1.10``, ``~`` or a date, which they would turn into values)."""
    if not value or "\n" in value:
        return False
    analysis = _ANALYSER.analyze_scalar(value)
    allowed = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    return allowed and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _inline(value: str, key: str, *, flow: bool) -> str:
    """The value written on the line of its key: plain if that is safe, else in double quotes."""
    if key in FLAGS and value == "true":
        return value
    if key not in QUOTED_KEYS and _plain_ok(value, flow=flow):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in NAMED_ESCAPES:
            return NAMED_ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"

    return '"' + ESCAPED.sub(escape, value) + '"'


def _key(key: str, *, flow: bool = False) -> str:
    return key if _plain_ok(key, flow=flow) else _double_quoted(key)


def _block_ok(value: str) -> bool:
    """Whether a block scalar gives back exactly this value: no spaces at its ends or at a line's
    end, nothing that must be escaped."""
    if not value or value != value.strip() or NOT_IN_BLOCK.search(value):
        return False
    return not any(line != line.rstrip() for line in value.split("\n"))


def _folded(value: str, indent: int) -> list[str] | None:
    """The one-line value as a folded block (``>-``), wrapped at single spaces to end before
    ``WIDTH``; None if it cannot be folded back to exactly this value."""
    if "\n" in value or not _block_ok(value):
        return None
    # Break only at a single space between two words: a line must not start or end with a space.
    words = re.split(r"(?<=\S) (?=\S)", value)
    if len(words) < 2:
        return None
    room = max(WIDTH - indent, 20)
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    pad = " " * indent
    return [pad + line for line in lines]


def _literal(value: str, indent: int) -> list[str] | None:
    """A value with line breaks as a literal block (``|-``), line for line; None if a literal
    block would not give back exactly this value."""
    if not _block_ok(value):
        return None
    pad = " " * indent
    return [pad + line if line else "" for line in value.split("\n")]


def _table_in_column_order(table: dict[str, Any]) -> dict[str, Any]:
    """The table with each row's cells in the order of its columns."""
    columns = table.get("columns")
    rows = table.get("rows")
    if not isinstance(columns, dict) or not isinstance(rows, list):
        return table
    order = list(columns)

    def arranged(row: Any) -> Any:
        if not isinstance(row, dict):
            return row
        first = [key for key in order if key in row]
        return {key: row[key] for key in _unique([*first, *row])}

    return {**table, "rows": [arranged(row) for row in rows]}


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))
