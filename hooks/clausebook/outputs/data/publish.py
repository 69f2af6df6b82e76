"""The dataset's files: ``data/clauses.json``, ``data/protocols.json``, ``data/<protocol>.json``,
``data/clauses.csv``, ``data/datapackage.json``, each comparison's ``data/compare/<a>--<b>.json``,
the protocols' versions ``data/versions.json`` and each kept version's ``data/versions/<p>/<key>.json``,
and the JSON Schemas beside them (with ``$id`` when the site has an address).

Every output is bytes made only from the sources (no build time, no machine paths), with keys
sorted, so two builds of the same sources publish identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from clausebook import FORMAT_VERSION
from clausebook.compare_councils import SCHEMA_NAME as COMPARE_SCHEMA
from clausebook.compare_councils import Comparison
from clausebook.context import Context
from clausebook.format.languages import name as language_name
from clausebook.format.model import Protocol
from clausebook.format.schema import SCHEMA_DIR
from clausebook.records import schemas, versions
from clausebook.records import types as rec
from clausebook.records.dataset import Dataset
from clausebook.records.types import CSV_COLUMNS, dumps, published
from clausebook.urls import versions_url

PUBLISHED_SCHEMAS = ("source", "clauses", "protocols", "protocol")


def files_of(context: Context, more: dict[str, bytes]) -> dict[str, bytes]:
    """The open dataset of a build, its comparisons' files and its versions' (``version_files``);
    ``more``: the data files other outputs make (``data/changes.json``), published with these and
    described in datapackage.json."""
    kept = {versions.data_url(version): version.protocol for version in context.kept()}
    return files(context.dataset, {**more, **comparison_files(context.dataset, context.comparisons),
                                   **version_files(context)}, kept)


def files(dataset: Dataset, more: dict[str, bytes] | None = None,
          kept: dict[str, Protocol] | None = None) -> dict[str, bytes]:
    """Every file, keyed by its path under the site root; ``more``: files other stages make
    (data/changes.json, the versions' files), published with these and described in
    datapackage.json; ``kept``: the protocol text of each kept version's data file, by its path."""
    protocols = {protocol.id: dataset.protocol_record(protocol) for protocol in dataset.protocols}
    found = {**(more or {}),
        "data/clauses.json": dumps({"$schema": dataset.schema_ref("clauses"), "version": FORMAT_VERSION,
                                    "clauses": published(dataset.records)}),
        "data/protocols.json": dumps({"$schema": dataset.schema_ref("protocols"), "version": FORMAT_VERSION,
                                      "protocols": published(list(protocols.values()))}),
        "data/clauses.csv": clauses_csv(dataset.records),
    }
    for protocol in dataset.protocols:
        found[f"data/{protocol.id}.json"] = protocol_file(dataset, protocol)
    found["data/datapackage.json"] = dumps(datapackage(dataset, found, kept or {}))
    for name in PUBLISHED_SCHEMAS:
        found[f"schema/{name}.schema.json"] = schema_file(name, dataset.site_url)
    return found


def protocol_file(dataset: Dataset, protocol: Protocol, *, depth: int = 0) -> bytes:
    """``data/<p>.json``: one protocol's record and its clauses; ``depth``: how many folders below
    ``data/`` the file lies (a kept version's lies two down), for a relative ``$schema``."""
    reference = dataset.schema_ref("protocol")
    return dumps({
        "$schema": reference if dataset.site_url else "../" * depth + reference, "version": FORMAT_VERSION,
        "protocol": published(dataset.protocol_record(protocol)),
        "clauses": published([r for r in dataset.records if r.protocol == protocol.id]),
    })


def version_files(context: Context) -> dict[str, bytes]:
    """``data/versions.json`` (every protocol's versions, with their dates, addresses and data
    files), each kept version's own data file ``data/versions/<p>/<key>.json`` (the form of
    ``data/<p>.json``, made from the version's own context) and the schema; nothing for a build
    without versions."""
    if not context.histories:
        return {}
    found: dict[str, bytes] = {}
    listed = []
    for protocol in sorted(context.protocols, key=lambda p: p.id):
        history = context.histories.get(protocol.id, ())
        records = []
        for version in history:
            own = context if version.current else context.of_version(version)
            if not version.current:
                found[versions.data_url(version)] = own.shared(_version_file)
            records.append(versions.version_record(version, own.downloads, clause_count(own.dataset, protocol.id)))
        if records:
            listed.append(versions.ProtocolVersions(protocol=protocol.id, url=versions_url(protocol),
                                                    versions=tuple(records)))
    found["data/versions.json"] = dumps({"$schema": context.dataset.schema_ref("versions"),
                                         "version": FORMAT_VERSION, "protocols": published(listed)})
    found["schema/versions.schema.json"] = schema_file("versions", context.site_url)
    return found


def language_files(texts: Context) -> dict[str, bytes]:
    """Each protocol's text in another language as a data file of its own, ``data/<language>/<p>.json``
    (the form of ``data/<p>.json``, its ids the same), made in that language's context
    (``Context.of_language``): for a reader of that language alone. ``clauses.json`` holds them
    too, under each clause's ``languages``."""
    return {f"data/{text.language_path}/{text.id}.json": protocol_file(texts.dataset, text, depth=1)
            for text in texts.protocols}


def _version_file(own: Context) -> bytes:
    """A kept version's own data file, made in its own context (``Context.of_version``)."""
    return protocol_file(own.dataset, own.protocols[0], depth=2)


def clause_count(dataset: Dataset, protocol_id: str) -> int:
    """How many clauses a protocol's text has (those a proposal deletes not counted)."""
    return sum(1 for record in dataset.records if record.protocol == protocol_id and not record.deleted)


def comparison_files(dataset: Dataset, comparisons: Iterable[Comparison]) -> dict[str, bytes]:
    """Each comparison's JSON, and (when there is one) the schema, ``schema/compare.schema.json``."""
    found = {comparison.data_url: dumps(comparison.record(dataset)) for comparison in comparisons}
    if found:
        found[f"schema/{COMPARE_SCHEMA}.schema.json"] = schema_file(COMPARE_SCHEMA, dataset.site_url)
    return found


def schema_file(name: str, site_url: str | None) -> bytes:
    """A published JSON Schema, with ``$id`` its address on the site when the site has one: the
    one the records make (records/schemas.py), or, for ``source``, the hand-written file."""
    if name in schemas.BY_NAME:
        return dumps(schemas.schema(name, site_url))
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    if site_url:
        schema["$id"] = f"{site_url}schema/{name}.schema.json"
    return dumps(schema)


def clauses_csv(records: Iterable[rec.Clause]) -> bytes:
    """clauses.csv: a header row of the columns' names, then a row per clause."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in CSV_COLUMNS)
    for record in records:
        writer.writerow(column.cell(record) for column in CSV_COLUMNS)
    return buffer.getvalue().encode()


def datapackage(dataset: Dataset, files: dict[str, bytes], kept: dict[str, Protocol]) -> dict[str, Any]:
    """The Frictionless descriptor of ``files``: each resource, its size and its licence position
    (``kept``: the text of each kept version's data file, by its path)."""
    def licences(protocol: Protocol) -> list[dict[str, Any]]:
        if protocol.licence is None:
            return []
        return [{"name": protocol.licence.name, "path": protocol.licence.url, "title": protocol.licence.name}]

    def stated(protocol: Protocol) -> str:
        if protocol.licence is None:
            return f"{protocol.council} has not stated a licence for this text."
        return f"{protocol.council} publishes this text under the {protocol.licence.name}."

    resources = [
        {"name": "clauses", "path": "clauses.json", "format": "json", "mediatype": "application/json",
         "encoding": "utf-8", "bytes": len(files["data/clauses.json"]),
         "description": "Every clause of every protocol, in document order. JSON Schema: "
                        + dataset.schema_ref("clauses")},
        {"name": "clauses-csv", "path": "clauses.csv", "profile": "tabular-data-resource", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(files["data/clauses.csv"]),
         "description": "One row per clause, the same clauses as clauses.json.",
         "schema": {"fields": [{"name": column.name, "type": column.type} for column in CSV_COLUMNS],
                    "primaryKey": "id"}},
        {"name": "protocols", "path": "protocols.json", "format": "json", "mediatype": "application/json",
         "encoding": "utf-8", "bytes": len(files["data/protocols.json"]),
         "description": "Each protocol's details, roles, documents, definitions and sections."},
    ]
    if "data/changes.json" in files:
        resources.append({
            "name": "changes", "path": "changes.json", "format": "json", "mediatype": "application/json",
            "encoding": "utf-8", "bytes": len(files["data/changes.json"]),
            "description": "What each proposed revision changes: its old and new numbers, and each changed "
                           "clause's redline. JSON Schema: " + dataset.schema_ref("changes")})
    if "data/versions.json" in files:
        resources.append({
            "name": "versions", "path": "versions.json", "format": "json", "mediatype": "application/json",
            "encoding": "utf-8", "bytes": len(files["data/versions.json"]),
            "description": "Every protocol's versions: each one's dates, status, pages, PDF and Word file, and data "
                           "file. JSON Schema: " + dataset.schema_ref("versions")})
    for path in sorted(p for p in files if p.startswith("data/compare/") and p.endswith(".json")):
        pair = path.removeprefix("data/compare/").removesuffix(".json")
        first, _, second = pair.partition("--")
        resources.append({
            "name": f"compare-{pair}", "path": path.removeprefix("data/"), "format": "json",
            "mediatype": "application/json", "encoding": "utf-8", "bytes": len(files[path]),
            "description": f"The {first} and {second} protocols side by side, clause by clause and role by "
                           "role. JSON Schema: "
                           + dataset.schema_ref("compare")})
    def text_file(name: str, path: str, protocol: Protocol, title: str, about: str) -> dict[str, Any]:
        """A data file of one protocol's text (its own, in another language, a kept version's)."""
        resource = {"name": name, "path": path.removeprefix("data/"), "format": "json",
                    "mediatype": "application/json", "encoding": "utf-8", "bytes": len(files[path]),
                    "title": title, "description": f"{about} {stated(protocol)}"}
        return resource | ({"licenses": licence} if (licence := licences(protocol)) else {})

    resources += [text_file(protocol.id, f"data/{protocol.id}.json", protocol, f"{protocol.council}: {protocol.title}",
                            "The protocol and its clauses.") for protocol in dataset.protocols]
    resources += [text_file(f"{text.id}-{text.language_path}", f"data/{text.language_path}/{text.id}.json", text,
                            f"{text.council}: {text.title}",
                            f"The protocol's text in {language_name(text.language)} and its clauses, with the same "
                            "ids (clauses.json has both languages).")
                  for other in dataset.languages for text in other.protocols]
    resources += [text_file(f"version-{protocol.id}--{protocol.version_key}", path, protocol,
                            f"{protocol.council}: {protocol.title} ({protocol.version_key})",
                            f"The version {protocol.version_key} of the protocol and its clauses (see versions.json).")
                  for path, protocol in sorted(kept.items())]
    return {
        "profile": "data-package",
        "name": "member-officer-protocols",
        "title": "Member/officer protocols",
        "description": "Councils' member/officer protocols, clause by clause. "
                       + " ".join(stated(p) for p in dataset.protocols),
        "version": FORMAT_VERSION,
        "resources": resources,
    }
