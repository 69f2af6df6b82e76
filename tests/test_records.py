"""The published JSON Schemas are made from the record classes (clausebook.records.schemas), and
the files in schema/ are those schemas: a field added to a record and not to its file (or the
other way round) fails here, naming the JSON path, both values and the command that rewrites the
file. Every field of every published record has its description."""

from __future__ import annotations

import itertools
import json
import typing
from dataclasses import fields, is_dataclass
from typing import Any

import pytest

from clausebook.records import schemas
from clausebook.records import types as records
from conftest import FIXTURES, ROOT

REWRITE = "make schemas (python -m clausebook.records.schemas)"


def stale(name: str) -> str | None:
    """The first difference between the schema the records make and its file, if any."""
    path = ROOT / "schema" / f"{name}.schema.json"
    found = next(schemas.differences(schemas.schema(name), json.loads(path.read_text(encoding="utf-8"))), None)
    return f"schema/{path.name} is not what the records make, at {found}; {REWRITE} rewrites it" if found else None


@pytest.mark.parametrize("name", [schema.name for schema in schemas.FILES])
def test_schema_file_is_the_records(name: str) -> None:
    problem = stale(name)
    assert problem is None, problem


def test_the_published_schemas_are_the_files() -> None:
    """The site publishes the generated schemas; the files hold the same JSON values."""
    for item in schemas.FILES:
        text = (ROOT / "schema" / item.file).read_text(encoding="utf-8")
        assert schemas.text(item.name) == text, f"schema/{item.file}: {REWRITE} rewrites it"


def test_a_difference_is_named() -> None:
    """A key the file has and the records do not (or the other way round) is named by its path."""
    ours = schemas.schema("clauses")
    theirs = json.loads(json.dumps(ours))
    theirs["$defs"]["clause"]["properties"]["not_a_field"] = {"type": "integer"}
    del theirs["$defs"]["obligation"]["properties"]["sentence"]
    found = list(schemas.differences(ours, theirs))
    assert "/$defs/obligation/properties/sentence: generated {\"type\": \"string\", \"description\": " \
           in found[0]
    assert found[1] == "/$defs/clause/properties/not_a_field: in the file {\"type\": \"integer\"}, not generated"
    theirs = json.loads(json.dumps(ours))
    theirs["$defs"]["clause"]["required"].append("not_a_field")
    assert next(schemas.differences(ours, theirs)).endswith('(the file adds "not_a_field")')


def records_of(hint: Any) -> set[type]:
    """The record classes a type hint holds, all the way down."""
    found: set[type] = set()
    waiting = [hint]
    while waiting:
        hint = waiting.pop()
        waiting += typing.get_args(hint)
        if is_dataclass(hint) and hint not in found:
            found.add(hint)
            waiting += typing.get_type_hints(hint).values()
    return found


def test_every_field_is_described() -> None:
    """Each field of each published record has the Data page's description."""
    published = set().union(*(records_of(item.body) for item in schemas.FILES))
    assert records.Clause in published and records.Obligation in published
    undescribed = [f"{record.__name__}.{f.name}" for record in published for f in fields(record)
                   if not f.metadata.get("doc")]
    assert undescribed == []


def test_csv_columns_read_clause_fields() -> None:
    """Every CSV column has a Frictionless type, and the id column comes first (the primary key)."""
    assert records.CSV_COLUMNS[0].name == "id"
    assert all(column.type in ("string", "integer", "boolean") for column in records.CSV_COLUMNS)
    assert len({column.name for column in records.CSV_COLUMNS}) == len(records.CSV_COLUMNS)


def test_a_protocols_keys_added_in_1_6_are_not_required() -> None:
    """Within version 1 a key is only added: a file that has not got it still validates."""
    protocol = schemas.schema("protocols")["$defs"]["protocol"]
    assert {"version_key", "versions_url"} <= protocol["properties"].keys()
    assert not {"version_key", "versions_url"} & set(protocol["required"])


def test_the_data_page_records_each_format_version() -> None:
    """The Data page's table of format versions has a row for the version the files publish."""
    from clausebook import FORMAT_VERSION

    page = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert f"\n| {FORMAT_VERSION} | " in page


def test_a_dated_historys_versions_and_their_data_files() -> None:
    """The history fixture's versions as data, without a site build: each dated key is its stated
    adoption date, each version is in force until the next one is, and each kept version's data
    file is the protocol form (protocol.schema.json) of that version, at its own addresses."""
    import jsonschema
    import referencing

    from clausebook.context import Context
    from clausebook.format.validation import validate
    from clausebook.outputs.data import publish

    result = validate([str(FIXTURES / "history")])
    assert result.ok
    context = Context.of(result.protocols, histories=result.histories, downloads=("pdf", "docx", "changes-pdf"))
    files = {path: json.loads(content) for path, content in publish.files_of(context, {}).items()
             if path.endswith(".json")}
    registry = referencing.Registry().with_resources(
        (f"{name}.schema.json", referencing.Resource.from_contents(schemas.schema(name)))
        for name in ("clauses", "protocols", "protocol", "versions"))

    def errors(path: str, name: str) -> list[str]:
        validator = jsonschema.Draft202012Validator(schemas.schema(name), registry=registry)
        return [error.message[:200] for error in validator.iter_errors(files[path])]

    assert errors("data/versions.json", "versions") == []
    (entry,) = files["data/versions.json"]["protocols"]
    versions = entry["versions"]
    assert [v["status"] for v in versions] == ["superseded"] * (len(versions) - 1) + ["in-force"]
    for version, following in itertools.pairwise(versions):
        assert version["in_force_to"] == following["in_force_from"] is not None
    for version in versions:
        assert version["dated"] == (version["key"] == version["adopted"])
        assert version["pdf"] is not None and version["docx"] is not None
        if version["current"]:
            continue
        path = version["data"]
        assert files[path]["$schema"] == "../../../schema/protocol.schema.json" and errors(path, "protocol") == []
        protocol = files[path]["protocol"]
        assert (protocol["version_key"], protocol["url"], protocol["adopted"]) == \
            (version["key"], version["url"], version["adopted"])
        assert all(clause["url"].startswith(version["url"]) for clause in files[path]["clauses"])
        assert len(files[path]["clauses"]) == version["clauses"]
