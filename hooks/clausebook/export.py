"""The model → the open dataset: JSON, CSV, a Frictionless descriptor and the JSON Schemas.

Every output is bytes made only from the sources (no build time, no machine paths), with keys
sorted, so two builds of the same sources publish identical files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import FORMAT_VERSION, markup
from .model import (
    Block,
    Clause,
    Definitions,
    Item,
    ItemList,
    Obligation,
    Paragraph,
    Protocol,
    Quote,
    Section,
    Table,
    Text,
)
from .schema import SCHEMA_DIR
from .urls import anchor_url, homes, qualified, section_url

Record = dict[str, Any]
PUBLISHED_SCHEMAS = ("source", "clauses", "protocols", "protocol")
CSV_COLUMNS = ("id", "protocol", "section", "parent", "number", "previous_number", "heading", "change",
               "text", "text_plain", "url", "obligations", "references")
FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)


def dumps(value: Any) -> bytes:
    """JSON as published: UTF-8, sorted keys, no NaN, compact (the C encoder), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
            + "\n").encode()


@dataclass(frozen=True, slots=True)
class _Mode:
    """Which text a rendering shows: as amended (the default) or as before the revision."""

    before: bool = False

    def keeps(self, text: Text) -> bool:
        return text.change != ("inserted" if self.before else "deleted")

    def words(self, text: Text) -> str:
        return text.original if self.before else text.amended


AMENDED, BEFORE = _Mode(), _Mode(before=True)


def _items_markdown(items: tuple[Item, ...], mode: _Mode, indent: str = "") -> list[str]:
    lines = []
    for item in items:
        if not mode.keeps(item.text):
            continue
        label = f"{item.label} " if item.label else ""
        lines.append(f"{indent}- {label}{mode.words(item.text)}")
        lines += _items_markdown(item.items, mode, indent + "  ")
    return lines


def _cell(items: tuple[Item, ...], mode: _Mode) -> str:
    words = [mode.words(item.text) for item in items if mode.keeps(item.text)]
    return " • ".join(word.replace("|", "\\|").replace("\n", " ") for word in words)


def block_markdown(block: Block, mode: _Mode) -> str:
    """One block as Markdown: lists as `- ` items, quotes as `> `, tables as pipe tables."""
    parts = []
    if getattr(block, "lead", None) is not None and mode.keeps(block.lead) and mode.words(block.lead):
        parts.append(mode.words(block.lead))
    match block:
        case Paragraph():
            if mode.keeps(block.text):
                parts.append(mode.words(block.text))
        case ItemList():
            if lines := _items_markdown(block.items, mode):
                parts.append("\n".join(lines))
        case Quote():
            if mode.keeps(block.text):
                quoted = "\n".join(f"> {line}".rstrip() for line in mode.words(block.text).split("\n"))
                parts.append(quoted + (f"\n>\n> — {block.source}" if block.source else ""))
        case Definitions():
            lines = [f"- **{d.term}**: {mode.words(d.text)}" for d in block.definitions if mode.keeps(d.text)]
            if lines:
                parts.append("\n".join(lines))
        case Table():
            rows = [row for row in block.rows if any(mode.keeps(i.text) for cell in row.cells for i in cell)]
            if rows:
                header = "| " + " | ".join(markup.amended(c.label) for c in block.columns) + " |"
                rule = "|" + "---|" * len(block.columns)
                body = ["| " + " | ".join(_cell(cell, mode) for cell in row.cells) + " |" for row in rows]
                parts.append("\n".join([header, rule, *body]))
    return "\n\n".join(part for part in parts if part)


def clause_markdown(clause: Clause, mode: _Mode = AMENDED) -> str:
    """The clause's own body as Markdown; empty for a clause the revision deletes (or, before
    the revision, for one it inserts)."""
    if clause.change == ("inserted" if mode.before else "deleted"):
        return ""
    return "\n\n".join(text for block in clause.body if (text := block_markdown(block, mode)))


def plain_text(markdown: str) -> str:
    """Markdown as plain text, one line per paragraph, item or table row."""
    lines = []
    for line in markdown.split("\n"):
        line = re.sub(r"^\s*(?:[->]\s?)+", "", line).strip()
        if re.fullmatch(r"\|(?:---\|)+", line):
            continue
        if line.startswith("|"):
            line = " | ".join(cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip("|")))
        if line:
            lines.append(markup.plain(line))
    return "\n".join(lines)


class Dataset:
    """Every published data file, built from the validated protocols."""

    def __init__(self, protocols: tuple[Protocol, ...], site_url: str | None = None) -> None:
        self.protocols = tuple(sorted(protocols, key=lambda p: p.id))
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self._homes = homes(self.protocols)
        self._terms = {
            protocol.id: sorted({d.term for clause in protocol.clauses() for b in clause.body
                                 if isinstance(b, Definitions) for d in b.definitions})
            for protocol in self.protocols
        }
        self.records = [record for protocol in self.protocols for record in self._clause_records(protocol)]
        backlinks: dict[str, list[str]] = {}
        for record in self.records:
            for reference in record["references"]:
                backlinks.setdefault(reference["target"], []).append(record["id"])
        for record in self.records:
            record["backlinks"] = sorted(set(backlinks.get(record["id"], [])))

    def schema_ref(self, name: str, *, from_data: bool = True) -> str:
        if self.site_url:
            return f"{self.site_url}schema/{name}.schema.json"
        return f"../schema/{name}.schema.json" if from_data else f"{name}.schema.json"

    def files(self) -> dict[str, bytes]:
        """Every file, keyed by its path under the site root."""
        files = {
            "data/clauses.json": dumps({"$schema": self.schema_ref("clauses"), "version": FORMAT_VERSION,
                                        "clauses": self.records}),
            "data/protocols.json": dumps({"$schema": self.schema_ref("protocols"), "version": FORMAT_VERSION,
                                          "protocols": [self._protocol_record(p) for p in self.protocols]}),
            "data/clauses.csv": self._csv(),
        }
        for protocol in self.protocols:
            files[f"data/{protocol.id}.json"] = dumps({
                "$schema": self.schema_ref("protocol"), "version": FORMAT_VERSION,
                "protocol": self._protocol_record(protocol),
                "clauses": [r for r in self.records if r["protocol"] == protocol.id],
            })
        files["data/datapackage.json"] = dumps(self._datapackage(files))
        for name in PUBLISHED_SCHEMAS:
            schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
            if self.site_url:
                schema["$id"] = f"{self.site_url}schema/{name}.schema.json"
            files[f"schema/{name}.schema.json"] = dumps(schema)
        return files

    # Records

    def _clause_records(self, protocol: Protocol) -> Iterator[Record]:
        for section in protocol.sections:
            yield from self._walk(protocol, section, section.clauses, None)

    def _walk(self, protocol: Protocol, section: Section, clauses: tuple[Clause, ...],
              parent: Clause | None) -> Iterator[Record]:
        for clause in clauses:
            yield self._clause_record(protocol, section, clause, parent)
            yield from self._walk(protocol, section, clause.clauses, clause)

    def _clause_record(self, protocol: Protocol, section: Section, clause: Clause, parent: Clause | None) -> Record:
        text = clause_markdown(clause)
        plain = plain_text(text)
        return {
            "id": qualified(protocol.id, clause.id),
            "local_id": clause.id,
            "protocol": protocol.id,
            "section": qualified(protocol.id, section.id),
            "parent": qualified(protocol.id, parent.id) if parent else None,
            "number": clause.number,
            "heading": markup.amended(clause.heading) if clause.heading else None,
            "text": text,
            "text_plain": plain,
            "deleted": clause.change == "deleted",
            "change": self._change(clause),
            "obligations": [self._obligation(protocol, clause, o) for t in clause.texts() for o in t.obligations
                            if t.change != "deleted"],
            "references": self._references(protocol, clause),
            "cites": [self._document(protocol, cited) for cited in clause.cites],
            "terms": [term for term in self._terms[protocol.id]
                      if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", plain)],
            "notes": self._notes(clause),
            "url": anchor_url(protocol, section, clause.id),
        }

    def _change(self, clause: Clause) -> Record | None:
        words: list[Record] = []
        for text in clause.texts():
            if text.change in ("inserted", "deleted") and clause.change is None:
                kind = text.change
                words.append({"kind": kind, "old": text.original if kind == "deleted" else "",
                              "new": text.amended if kind == "inserted" else ""})
            elif text.change is None:
                words += [{"kind": c.kind, "old": c.old, "new": c.new} for c in markup.changes(text.markdown)]
        heading = clause.heading or ""
        words += [{"kind": c.kind, "old": c.old, "new": c.new} for c in markup.changes(heading)]
        status = clause.change or ("amended" if words else "renumbered" if clause.was else None)
        if status is None:
            return None
        return {
            "status": status,
            "previous_number": clause.was,
            "heading_before": markup.original(heading) or None if heading else None,
            "text_before": clause_markdown(clause, BEFORE),
            "words": words,
        }

    def _obligation(self, protocol: Protocol, clause: Clause, obligation: Obligation) -> Record:
        def roles(ids: tuple[str, ...]) -> list[Record]:
            return [{"role": r, "label": protocol.roles[r].label, "shared": protocol.roles[r].shared} for r in ids]

        statement = obligation.quote
        if statement is None:
            text = next(t for t in clause.texts() if obligation in t.obligations)
            plain = text.plain
            match = FIRST_SENTENCE.match(plain)
            statement = match.group() if match else plain
        return {
            "id": qualified(protocol.id, obligation.id),
            "who": roles(obligation.who),
            "modality": obligation.modality,
            "do_or_dont": "do" if obligation.do else "dont",
            "towards": roles(obligation.towards),
            "statement": statement,
        }

    def _references(self, protocol: Protocol, clause: Clause) -> list[Record]:
        found = []
        for text in clause.texts():
            for link in markup.links(text.amended):
                if link.clause is None:
                    continue
                target_protocol = link.protocol or protocol.id
                other, section = self._homes[(target_protocol, link.clause)]
                found.append({
                    "type": "clause" if link.clause != section.id else "section",
                    "target": qualified(target_protocol, link.clause),
                    "words": markup.plain(link.label),
                    "url": anchor_url(other, section, link.clause),
                    "note": clause.link_notes.get(link.clause) if target_protocol == protocol.id else None,
                })
        return found

    def _document(self, protocol: Protocol, document_id: str) -> Record:
        document = protocol.documents[document_id]
        return {"id": document.id, "type": document.kind, "title": document.title, "url": document.url}

    def _notes(self, clause: Clause) -> list[Record]:
        notes = []
        if clause.note:
            notes.append({"about": "clause", "target": None, "text": clause.note})
        if clause.number_note:
            notes.append({"about": "number", "target": None, "text": clause.number_note})
        for target, text in sorted(clause.link_notes.items()):
            notes.append({"about": "link", "target": target, "text": text})
        for block in clause.body:
            for element in _noted(block):
                notes.append({"about": "text", "target": None, "text": element})
        return notes

    def _protocol_record(self, protocol: Protocol) -> Record:
        def tree(clauses: tuple[Clause, ...]) -> list[Record]:
            return [{"id": qualified(protocol.id, c.id), "number": c.number, "clauses": tree(c.clauses)}
                    for c in clauses]

        licence = protocol.licence
        return {
            "id": protocol.id,
            "council": protocol.council,
            "title": protocol.title,
            "part": protocol.part,
            "status": protocol.status,
            "version": protocol.version,
            "adopted": protocol.adopted,
            "effective": protocol.effective,
            "contact": protocol.contact,
            "licence": {"name": licence.name, "url": licence.url} if licence else None,
            "source": protocol.source,
            "note": protocol.note,
            "url": f"{protocol.id}/",
            "roles": [{"id": r.id, "label": r.label, "shared": r.shared} for r in protocol.roles.values()],
            "documents": [self._document(protocol, d) for d in protocol.documents],
            "definitions": [
                {"term": d.term, "text": d.text.amended, "clause": qualified(protocol.id, clause.id)}
                for clause in protocol.clauses() for b in clause.body if isinstance(b, Definitions)
                for d in b.definitions if d.text.change != "deleted"
            ],
            "sections": [{
                "id": qualified(protocol.id, s.id),
                "number": s.number,
                "printed_number": s.printed_number,
                "previous_number": s.was,
                "title": markup.amended(s.title),
                "title_before": markup.original(s.title) if s.title != markup.amended(s.title) else None,
                "change": s.change,
                "notes": [n for n in (s.note, s.number_note) if n],
                "url": section_url(protocol, s),
                "clauses": tree(s.clauses),
            } for s in protocol.sections],
        }

    def _csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for record in self.records:
            change = record["change"]
            writer.writerow([
                record["id"], record["protocol"], record["section"], record["parent"] or "", record["number"] or "",
                (change or {}).get("previous_number") or "", record["heading"] or "",
                change["status"] if change else "", record["text"], record["text_plain"], record["url"],
                len(record["obligations"]), " ".join(r["target"] for r in record["references"]),
            ])
        return buffer.getvalue().encode()

    def _datapackage(self, files: dict[str, bytes]) -> Record:
        def licences(protocol: Protocol) -> list[Record]:
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
                            + self.schema_ref("clauses")},
            {"name": "clauses-csv", "path": "clauses.csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(files["data/clauses.csv"]),
             "description": "One row per clause, the same clauses as clauses.json.",
             "schema": {"fields": [{"name": name, "type": "integer" if name == "obligations" else "string"}
                                   for name in CSV_COLUMNS], "primaryKey": "id"}},
            {"name": "protocols", "path": "protocols.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "bytes": len(files["data/protocols.json"]),
             "description": "Each protocol's details, roles, documents, definitions and sections."},
        ]
        for protocol in self.protocols:
            resource = {"name": protocol.id, "path": f"{protocol.id}.json", "format": "json",
                        "mediatype": "application/json", "encoding": "utf-8",
                        "bytes": len(files[f"data/{protocol.id}.json"]),
                        "title": f"{protocol.council}: {protocol.title}",
                        "description": f"The protocol and its clauses. {stated(protocol)}"}
            if licence := licences(protocol):
                resource["licenses"] = licence
            resources.append(resource)
        return {
            "profile": "data-package",
            "name": "member-officer-protocols",
            "title": "Member/officer protocols",
            "description": "Councils' member/officer protocols, clause by clause. "
                           + " ".join(stated(p) for p in self.protocols),
            "version": FORMAT_VERSION,
            "resources": resources,
        }


def _noted(block: Block) -> Iterator[str]:
    if block.note:
        yield block.note

    def items(entries: tuple[Item, ...]) -> Iterator[str]:
        for item in entries:
            if item.note:
                yield item.note
            yield from items(item.items)

    match block:
        case ItemList():
            yield from items(block.items)
        case Definitions():
            yield from (d.note for d in block.definitions if d.note)
        case Table():
            for row in block.rows:
                if row.note:
                    yield row.note
                for cell in row.cells:
                    yield from items(cell)
