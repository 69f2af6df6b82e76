"""The published JSON Schemas, made from the record classes: each record's fields are a schema
object's properties, each field's type hint its JSON type, and each field's ``FieldSchema`` (in
its ``doc(...)``) the rest: its description, the ``$defs`` entry it refers to, its pattern, and the
format version that added it (a key added since 1.0 is not required).

The site publishes these values. The files in ``schema/`` are the same values, written for editors
and readers of the repository by ``python -m clausebook.records.schemas`` (``make schemas``); a
test checks that they are equal. ``source.schema.json``, the YAML the authors write, stays
hand-written.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from clausebook import resources
from clausebook.records import changes, comparison, versions
from clausebook.records import types as rec
from clausebook.records.types import NO_SCHEMA, FieldSchema

Node = dict[str, Any]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
ADDRESS = "This schema's address, relative to the data file or absolute."
VERSION: Node = {"type": "string", "pattern": "^1\\.[0-9]+$", "description": "The format's version: MAJOR.MINOR."}
QUALIFIED_ID = "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$"
NUMBER = ("^(?:(?:0|[1-9][0-9]{0,3})[A-Z]?(?:\\.(?:0|[1-9][0-9]{0,3})[A-Z]?){0,5}|[A-Z]|\\((?:(?:0|[1-9][0-9]{0,3})"
          "[A-Z]?|[a-z]{1,5})\\))$")


@dataclass(frozen=True, slots=True)
class Def:
    """A ``$defs`` entry made from a type hint (a record, a list of records, a record or null, a
    choice of words), with the schema's description of it, if any."""

    hint: Any
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemaFile:
    """A published schema: its title and description, the record its top-level object holds
    (besides ``$schema`` and ``version``), its ``$defs`` (a `Def`, or a fixed schema for a kind of
    string or number), and the schemas whose ``$defs`` it refers to."""

    name: str
    title: str
    description: str
    body: type
    defs: dict[str, Def | Node]
    imports: tuple[str, ...] = ()
    address_described: bool = True  # whether ``$schema`` carries its description

    @property
    def file(self) -> str:
        return f"{self.name}.schema.json"


# The top-level objects of the files, besides ``$schema`` and ``version``.


@dataclass(frozen=True, slots=True, kw_only=True)
class ClausesFile:
    clauses: tuple[rec.Clause, ...] = rec.doc("every clause")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolsFile:
    protocols: tuple[rec.Protocol, ...] = rec.doc("every protocol")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolFile:
    protocol: rec.Protocol = rec.doc("the protocol")
    clauses: tuple[rec.Clause, ...] = rec.doc("its clauses")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangesFile:
    protocols: tuple[changes.ProtocolChanges, ...] = rec.doc("every protocol's changes")


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionsFile:
    protocols: tuple[versions.ProtocolVersions, ...] = rec.doc("every protocol's versions")


FILES = (
    SchemaFile(
        name="clauses", title="clausebook dataset: every clause", body=ClausesFile,
        description="data/clauses.json: the clauses of every protocol, protocols ordered by id, clauses in document "
                    "order. Format version 1.x: fields are only ever added within a major version.",
        defs={
            "version": VERSION,
            "qualified_id": {"type": "string", "pattern": QUALIFIED_ID,
                             "description": "protocol id, a dot, and the id the author gave: never changes when the "
                                            "clause is renumbered."},
            "number": {"type": ["string", "null"], "pattern": NUMBER,
                       "description": "As printed, without its final full stop: 3, 9.3, 13.2.1; since 1.2 also an "
                                      "inserted number 2A, an appendix letter B, or a bracketed sub-paragraph number "
                                      "(1), (2A), (a), (ix), read after its parent's (see reference)."},
            "role": Def(rec.RoleReference),
            "span": Def(rec.Span),
            "obligation": Def(rec.Obligation),
            "reference": Def(rec.Reference),
            "document": Def(rec.CitedDocument),
            "note": Def(rec.Note),
            "change": Def(rec.Change | None),
            "clause": Def(rec.Clause),
            "qualified_anchor": {"type": "string", "pattern": "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*(--[a-z0-9-]+)?$",
                                 "description": "A qualified clause id, or (since 1.2) a labelled sub-paragraph's: "
                                                "the clause's, two hyphens and its labels (somerset.p10-2--a-ix)."},
        }),
    SchemaFile(
        name="protocols", title="clausebook dataset: the protocols", body=ProtocolsFile, imports=("clauses",),
        description="data/protocols.json: each protocol's details, roles, documents, definitions and section tree.",
        defs={"tree": Def(tuple[rec.ClauseNode, ...]), "protocol": Def(rec.Protocol)}, address_described=False),
    SchemaFile(
        name="protocol", title="clausebook dataset: one protocol", body=ProtocolFile,
        imports=("clauses", "protocols"), defs={}, address_described=False,
        description="data/<protocol>.json: one protocol's details and its clauses, in document order."),
    SchemaFile(
        name="changes", title="clausebook dataset: what each proposed revision changes", body=ChangesFile,
        description=changes.DESCRIPTION, defs={
            "version": VERSION,
            "protocol_id": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
            "qualified_id": {"type": "string", "pattern": QUALIFIED_ID,
                             "description": "protocol id, a dot, and the id the author gave: the same id as in "
                                            "clauses.json and protocols.json; it never changes when the element is "
                                            "renumbered."},
            "number": {"type": ["string", "null"], "pattern": NUMBER,
                       "description": "As printed, without its final full stop (see clauses.schema.json); null where "
                                      "there is none."},
            "status": Def(changes.Status, changes.STATUS),
            "url": {"type": "string", "description": "An address on this website, relative to the site's root."},
            "protocol": Def(changes.ProtocolChanges),
            "section": Def(changes.SectionChange),
            "renumbering": Def(changes.Renumbering),
            "clause": Def(changes.ClauseChange),
        }),
    SchemaFile(
        name="versions", title="clausebook dataset: every protocol's versions", body=VersionsFile,
        description=versions.DESCRIPTION, defs={
            "version": VERSION,
            "protocol_id": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
            "protocol": Def(versions.ProtocolVersions),
            "protocol_version": Def(versions.VersionRecord),
        }),
    SchemaFile(
        name="compare", title="clausebook dataset: two councils' protocols compared", body=comparison.Comparison,
        description=comparison.DESCRIPTION, defs={
            "version": VERSION,
            "qualified_id": {"type": "string", "pattern": QUALIFIED_ID,
                             "description": "protocol id, a dot, and the clause's id: the same id as in clauses.json."},
            "similarity": {"type": "number", "minimum": 0, "maximum": 1, "description": "Rounded to 3 places."},
            "protocol": Def(comparison.ComparedProtocol),
            "clause": Def(comparison.ClauseRef),
            "nearest": Def(comparison.Nearest | None, comparison.NEAREST),
            "result": Def(comparison.ClauseResult),
            "added": Def(comparison.Added),
            "obligation": Def(comparison.Duty),
            "pair": Def(comparison.DutyPair),
            "role": Def(comparison.RoleDifference, comparison.ROLE),
        }),
)
BY_NAME = {schema.name: schema for schema in FILES}


class Builder:
    """Builds one schema file's nodes, referring to its own ``$defs`` and its imports'."""

    def __init__(self, schema: SchemaFile) -> None:
        self.schema = schema
        self.scopes = [("", schema.defs)] + [(BY_NAME[name].file, BY_NAME[name].defs) for name in schema.imports]

    def named(self, name: str) -> tuple[str, Node]:
        """The reference to a fixed ``$defs`` entry, and the entry."""
        for file, defs in self.scopes:
            if isinstance(defs.get(name), dict):
                return f"{file}#/$defs/{name}", defs[name]
        raise KeyError(f"{self.schema.file}: no $defs entry {name!r} here or in {self.schema.imports}")

    def defined(self, hint: Any) -> str | None:
        """The reference to the ``$defs`` entry made from ``hint``, if there is one."""
        for file, defs in self.scopes:
            for name, entry in defs.items():
                if isinstance(entry, Def) and entry.hint == hint:
                    return f"{file}#/$defs/{name}"
        return None

    def node(self, hint: Any, meta: FieldSchema, *, own: bool = False) -> Node:
        """The schema of a value of type ``hint``; ``own``: the node is the ``$defs`` entry itself."""
        if not own and (ref := self.defined(hint)):
            return {"$ref": ref}
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            (arm,) = [a for a in args if a is not type(None)]
            if meta.ref:
                ref, target = self.named(meta.ref)
                nullable = isinstance(target.get("type"), list) and "null" in target["type"]
                return {"$ref": ref} if nullable else {"anyOf": [{"$ref": ref}, {"type": "null"}]}
            if ref := self.defined(arm):
                return {"anyOf": [{"$ref": ref}, {"type": "null"}]}
            inner = self.node(arm, meta)
            if meta.null_first:
                return {"anyOf": [{"type": "null"}, inner]}
            return {**inner, "type": [inner["type"], "null"]}
        if origin is tuple:
            found: Node = {"type": "array", "items": self.node(args[0], meta)}
            if meta.min_items is not None:
                found["minItems"] = meta.min_items
            return found
        if origin is typing.Literal:
            return {"enum": list(args)}
        if is_dataclass(hint):
            return self.record(hint)
        if meta.ref:
            return {"$ref": self.named(meta.ref)[0]}
        found = {"type": {str: "string", bool: "boolean", int: "integer", float: "number"}[hint]}
        if meta.pattern:
            found["pattern"] = meta.pattern
        if meta.bounds:
            found["minimum"], found["maximum"] = meta.bounds
        return found

    def record(self, record: type, description: str | None = None) -> Node:
        """A record's object: its fields as properties, those not added since 1.0 required."""
        hints = typing.get_type_hints(record)
        properties: Node = {}
        for f in fields(record):
            meta = f.metadata.get("schema", NO_SCHEMA)
            properties[f.name] = self.node(hints[f.name], meta)
            if meta.description:
                properties[f.name]["description"] = meta.description
        required = [f.name for f in fields(record) if f.metadata.get("schema", NO_SCHEMA).since is None]
        found: Node = {"type": "object", "required": required, "additionalProperties": False,
                       "properties": properties}
        if description:
            found["description"] = description
        return found

    def entry(self, entry: Def | Node) -> Node:
        if isinstance(entry, dict):
            return entry
        found = self.node(entry.hint, NO_SCHEMA, own=True)
        if entry.description:
            found["description"] = entry.description
        return found

    def build(self) -> Node:
        body = self.record(self.schema.body)
        address: Node = {"type": "string"}
        if self.schema.address_described:
            address["description"] = ADDRESS
        found: Node = {
            "$schema": DRAFT, "$id": self.schema.file, "title": self.schema.title,
            "description": self.schema.description, "type": "object",
            "required": ["$schema", "version", *body["required"]], "additionalProperties": False,
            "properties": {"$schema": address, "version": {"$ref": self.named("version")[0]}, **body["properties"]},
        }
        if self.schema.defs:
            found["$defs"] = {name: self.entry(entry) for name, entry in self.schema.defs.items()}
        return found


def schema(name: str, site_url: str | None = None) -> Node:
    """The published JSON Schema ``name`` (clauses, protocols, protocol, changes, versions, compare), with
    ``$id`` its address on the site when the site has one."""
    found = Builder(BY_NAME[name]).build()
    if site_url:
        found["$id"] = f"{site_url}schema/{name}.schema.json"
    return found


def text(name: str) -> str:
    """The schema as its file in ``schema/`` holds it: indented, keys in the order they are made."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def differences(ours: Any, theirs: Any, path: str = "") -> Iterator[str]:
    """Each JSON path where two values differ, with both values, first to last."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            if key not in theirs:
                yield f"{path}/{key}: generated {json.dumps(ours[key])}, not in the file"
            elif key not in ours:
                yield f"{path}/{key}: in the file {json.dumps(theirs[key])}, not generated"
            else:
                yield from differences(ours[key], theirs[key], f"{path}/{key}")
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for index, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
            yield from differences(mine, other, f"{path}/{index}")
    elif isinstance(ours, list) and isinstance(theirs, list):
        more, fewer = [x for x in ours if x not in theirs], [x for x in theirs if x not in ours]
        yield (f"{path}: generated {json.dumps(ours)}, the file {json.dumps(theirs)}"
               + (f" (generated adds {json.dumps(more)[1:-1]})" if more else "")
               + (f" (the file adds {json.dumps(fewer)[1:-1]})" if fewer else ""))
    elif ours != theirs or type(ours) is not type(theirs):
        yield f"{path or '/'}: generated {json.dumps(ours)}, the file {json.dumps(theirs)}"


def write(directory: Path = resources.SCHEMAS) -> list[Path]:
    """Writes each generated schema's file; gives back those whose text changed."""
    changed = []
    for item in FILES:
        path = directory / item.file
        if not path.exists() or path.read_text(encoding="utf-8") != text(item.name):
            path.write_text(text(item.name), encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m clausebook.records.schemas [--check]``: writes the schema files (or, with
    ``--check``, says which differ from the records and where, and fails)."""
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        stale = 0
        for item in FILES:
            path = resources.SCHEMAS / item.file
            found = next(differences(schema(item.name), json.loads(path.read_text(encoding="utf-8"))), None)
            if found:
                stale += 1
                print(f"{path}: {found}")
        return 1 if stale else 0
    for path in write():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
