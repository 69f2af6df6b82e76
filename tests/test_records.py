"""The published record classes (clausebook.records.types) and the published JSON Schemas say the
same: each record's fields are the schema's properties, every key the schema requires is a field,
and each field's type fits the schema's (string or null, boolean, array of…, object…), all the
way down the nested records. A field added to one and not the other fails here, by name."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from clausebook.records import types as records
from conftest import ROOT

SCHEMAS = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in (ROOT / "schema").glob("*.json")}
# Each published record at the top of a file, and the schema definition it must match.
CHECKED = [
    ("clauses.schema.json", "clause", records.Clause),
    ("protocols.schema.json", "protocol", records.Protocol),
]
JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def resolve(node: dict[str, Any], file: str) -> tuple[dict[str, Any], str]:
    """A schema node with its ``$ref`` followed (across files too), and the file it is in."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        file = target or file
        node = SCHEMAS[file]
        for key in pointer.strip("/").split("/"):
            node = node[key]
    return node, file


def schema_shape(node: dict[str, Any], file: str) -> tuple[set[str], list[tuple[dict[str, Any], str]]]:
    """The JSON types a schema node allows, and its alternatives that are objects or arrays (each
    with its file), to look into."""
    node, file = resolve(node, file)
    allowed: set[str] = set()
    inner: list[tuple[dict[str, Any], str]] = []
    for alternative in node.get("anyOf", ()):
        more, deeper = schema_shape(alternative, file)
        allowed |= more
        inner += deeper
    declared = node.get("type")
    if declared:
        allowed |= {declared} if isinstance(declared, str) else set(declared)
    for value in node.get("enum", ()):
        allowed.add(JSON_TYPES[type(value)])
    if allowed & {"object", "array"}:
        inner.append((node, file))
    return allowed, inner


def python_shape(hint: Any) -> tuple[set[str], list[Any]]:
    """The JSON types a field's type hint publishes, and its record classes and array item hints."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        allowed: set[str] = set()
        inner: list[Any] = []
        for arm in typing.get_args(hint):
            more, deeper = python_shape(arm)
            allowed |= more
            inner += deeper
        return allowed, inner
    if origin is typing.Literal:
        return {JSON_TYPES[type(value)] for value in typing.get_args(hint)}, []
    if origin in (tuple, list):
        return {"array"}, [hint]
    if is_dataclass(hint):
        return {"object"}, [hint]
    return {JSON_TYPES[hint]}, []


def differences(record: type, node: dict[str, Any], file: str, path: str,
                seen: set[tuple[type, int]]) -> list[str]:
    """Every way the record class and the schema object disagree, each naming the field."""
    if (record, id(node)) in seen:
        return []
    seen.add((record, id(node)))
    name = f"records.{record.__name__}"
    properties = node.get("properties", {})
    hints = typing.get_type_hints(record)
    found = [f"{file}: {path}.{key}: in the schema, not in {name}" for key in properties if key not in hints]
    found += [f"{file}: {path}.{key}: in {name}, not in the schema" for key in hints if key not in properties]
    found += [f"{file}: {path}.{key}: required by the schema, not a field of {name}"
              for key in node.get("required", ()) if key not in hints]
    for f in fields(record):
        if f.name in properties:
            found += compare(hints[f.name], properties[f.name], file, f"{path}.{f.name}", seen)
    return found


def compare(hint: Any, schema: dict[str, Any], file: str, path: str, seen: set[tuple[type, int]]) -> list[str]:
    """How a field's type hint and its schema disagree: their JSON types, then inside."""
    ours, our_inner = python_shape(hint)
    theirs, their_inner = schema_shape(schema, file)
    if ours != theirs:
        return [f"{file}: {path}: the schema allows {sorted(theirs)}, the record {sorted(ours)}"]
    found = []
    for inner in our_inner:
        for node, where in their_inner:
            if is_dataclass(inner) and "properties" in node:
                found += differences(inner, node, where, path, seen)
            elif not is_dataclass(inner) and "items" in node:
                (item,) = typing.get_args(inner)[:1]
                found += compare(item, node["items"], where, f"{path}[]", seen)
    return found


@pytest.mark.parametrize(("file", "definition", "record"), CHECKED, ids=[c[1] for c in CHECKED])
def test_record_matches_its_schema(file: str, definition: str, record: type) -> None:
    node = SCHEMAS[file]["$defs"][definition]
    assert differences(record, node, file, definition, set()) == []


def test_a_drift_is_named() -> None:
    """A field the schema has and the record lacks, or the other way round, fails by name."""
    node = json.loads(json.dumps(SCHEMAS["clauses.schema.json"]["$defs"]["clause"]))
    node["properties"]["word_count"] = {"type": "integer"}
    del node["properties"]["obligations"]["items"]["$ref"]
    node["properties"]["obligations"]["items"] = json.loads(json.dumps(SCHEMAS["clauses.schema.json"]["$defs"]
                                                                       ["obligation"]))
    del node["properties"]["obligations"]["items"]["properties"]["sentence"]
    found = differences(records.Clause, node, "clauses.schema.json", "clause", set())
    assert "clauses.schema.json: clause.word_count: in the schema, not in records.Clause" in found
    assert "clauses.schema.json: clause.obligations[].sentence: in records.Obligation, not in the schema" in found


def test_csv_columns_read_clause_fields() -> None:
    """Every CSV column has a Frictionless type, and the id column comes first (the primary key)."""
    assert records.CSV_COLUMNS[0].name == "id"
    assert all(column.type in ("string", "integer", "boolean") for column in records.CSV_COLUMNS)
    assert len({column.name for column in records.CSV_COLUMNS}) == len(records.CSV_COLUMNS)
