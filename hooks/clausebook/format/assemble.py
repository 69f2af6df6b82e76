"""Schema-valid data → the model.

Here shorthand becomes structure: a clause's ``text`` becomes a one-paragraph body, an item
under ``each`` gets its obligation, every obligation gets its id, and a change to a whole
section, clause, block, row or item reaches every run of text inside it.
"""

from __future__ import annotations

from typing import Any

from clausebook.format import numbering
from clausebook.format.model import (
    DEFAULT_LANGUAGE,
    BasedOn,
    Block,
    Clause,
    Column,
    Definition,
    Definitions,
    Document,
    Gap,
    Item,
    ItemList,
    Licence,
    MovedFrom,
    Note,
    NotObligation,
    Obligation,
    Paragraph,
    Part,
    Protocol,
    Quote,
    Role,
    Row,
    Section,
    Table,
    Text,
    Variant,
)
from clausebook.format.problems import Origin

Data = dict[str, Any]


def _roles(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class _ClauseBuilder:
    """Builds one clause's body, numbering its obligations in reading order and giving each
    labelled item an anchor: the clause id, two hyphens (which no id has) and the labels."""

    def __init__(self, clause_id: str) -> None:
        self.clause_id = clause_id
        self.count = 0
        self.anchors: set[str] = set()

    def anchor(self, path: tuple[str, ...]) -> str:
        base = f"{self.clause_id}--{'-'.join(path)}"
        anchor, n = base, 1
        while anchor in self.anchors:
            n += 1
            anchor = f"{base}--{n}"
        self.anchors.add(anchor)
        return anchor

    def obligation(self, data: Data, origin: Origin, *, inherited: bool = False) -> Obligation:
        self.count += 1
        return Obligation(
            id=data.get("id") or f"{self.clause_id}.{self.count}",
            who=_roles(data["who"]),
            modality=data["modality"],
            towards=_roles(data.get("towards")),
            quote=data.get("quote"),
            inherited=inherited,
            change=data.get("change"),
            condition=_condition(data.get("condition")),
            inferred=data.get("inferred") == "true",
            origin=origin,
        )

    def text(self, markdown: str, tags: Data, origin: Origin, tags_origin: Origin,
             change: str | None, each: Data | None = None, each_origin: Origin | None = None) -> Text:
        """A run of text with the tags in ``tags`` (and ``each``'s, if it has none of its own)."""
        not_obligations = tuple(
            NotObligation(quote=entry.get("quote"), reason=entry["reason"],
                          origin=tags_origin.child("not_obligations", index))
            for index, entry in enumerate(tags.get("not_obligations", ()))
        )
        obligations = []
        if "obligations" in tags:
            obligations = [self.obligation(entry, tags_origin.child("obligations", index))
                           for index, entry in enumerate(tags["obligations"])]
        elif each is not None and each_origin is not None and change != "deleted" \
                and not any(n.quote is None for n in not_obligations):
            obligations = [self.obligation(each, each_origin, inherited=True)]
        defines = tags.get("defines", ())
        return Text(markdown=markdown, change=change, obligations=tuple(obligations),
                    not_obligations=not_obligations, defines=tuple(_defined_term(entry) for entry in defines),
                    defines_variants=_defined_variants(defines), origin=origin)

    def tail(self, data: Data, origin: Origin, change: str | None) -> Text | None:
        """The words after a list or an item's sub-items, with their own tags if they have any."""
        tail = data.get("tail")
        if isinstance(tail, dict):
            where = origin.child("tail")
            return self.text(tail["text"], tail, where.child("text"), where, change)
        return self.text(tail, {}, origin.child("tail"), origin, change) if tail is not None else None

    def tail_list(self, data: Data, origin: Origin, change: str | None, path: tuple[str, ...]) -> ItemList | None:
        """The items a tail introduces, with their own ``each``, and the words after them; their
        labels' anchors are read under ``path``, where the tail stands."""
        tail = data.get("tail")
        if not isinstance(tail, dict) or "items" not in tail:
            return None
        where = origin.child("tail")
        each = tail.get("each")
        items = tuple(self.item(child, where.child("items", index), change, each,
                                where.child("each") if each else None, path)
                      for index, child in enumerate(tail["items"]))
        return ItemList(items=items, tail=self.tail(tail, where, change),
                        tail_list=self.tail_list(tail, where, change, path), change=change, origin=where)

    def item(self, data: str | Data, origin: Origin, change: str | None,
             each: Data | None, each_origin: Origin | None, path: tuple[str, ...] = ()) -> Item:
        if isinstance(data, str):
            return Item(text=self.text(data, {}, origin, origin, change, each, each_origin), change=change,
                        origin=origin)
        change = data.get("change") or change
        if "omitted" in data:  # (states nothing: no obligation from `each`)
            return self.omitted_item(data, origin, change, path)
        text = self.text(data["text"], data, origin.child("text"), origin, change, each, each_origin)
        label = data.get("label")
        if label is not None:
            path = (*path, numbering.label_key(label))
        nested_each = data.get("each")
        items = tuple(
            self.item(child, origin.child("items", index), change, nested_each,
                      origin.child("each") if nested_each else None, path)
            for index, child in enumerate(data.get("items", ()))
        )
        anchor = self.anchor(path) if label is not None else None
        tail = self.tail(data, origin, change)
        return Item(label=label, anchor=anchor, text=text, items=items, tail=tail,
                    tail_list=self.tail_list(data, origin, change, path), change=change,
                    note=_note(data.get("note")), origin=origin)

    def omitted_item(self, data: Data, origin: Origin, change: str | None, path: tuple[str, ...]) -> Item:
        """A sub-paragraph the source omits: what it prints in its place, and its label and anchor."""
        label = data.get("label")
        if label is not None:
            path = (*path, numbering.label_key(label))
        return Item(label=label, anchor=self.anchor(path) if label is not None else None,
                    text=self.text(data["omitted"], {}, origin.child("omitted"), origin, change), omitted=True,
                    change=change, note=_note(data.get("note")), origin=origin)

    def lead(self, data: Data, origin: Origin, change: str | None) -> Text | None:
        if "lead" not in data:
            return None
        return self.text(data["lead"], data, origin.child("lead"), origin, change)

    def block(self, data: Data, origin: Origin, change: str | None) -> Block:
        change = data.get("change") or change
        common = {"change": change, "note": _note(data.get("note")), "origin": origin}
        if "text" in data:
            return Paragraph(text=self.text(data["text"], data, origin.child("text"), origin, change), **common)
        if "quote" in data:
            lead = self.lead(data, origin, change)
            tags = {} if lead else data
            text = self.text(data["quote"], tags, origin.child("quote"), origin, change)
            return Quote(lead=lead, text=text, source=data.get("source"), **common)
        if "items" in data:
            each = data.get("each")
            each_origin = origin.child("each") if each else None
            items = tuple(self.item(item, origin.child("items", index), change, each, each_origin)
                          for index, item in enumerate(data["items"]))
            return ItemList(lead=self.lead(data, origin, change), items=items,
                            tail=self.tail(data, origin, change), tail_list=self.tail_list(data, origin, change, ()),
                            **common)
        if "definitions" in data:
            definitions = tuple(self.definition(entry, origin.child("definitions", index), change)
                                for index, entry in enumerate(data["definitions"]))
            return Definitions(lead=self.lead(data, origin, change), definitions=definitions, **common)
        if "gap" in data:
            return Gap(lead=self.lead(data, origin, change), missing=data["gap"], **common)
        return self.table(data, origin, change, common)

    def definition(self, data: Data, origin: Origin, change: str | None) -> Definition:
        change = data.get("change") or change
        label = data.get("label")
        path = (numbering.label_key(label),) if label is not None else ()
        items = tuple(self.item(child, origin.child("items", index), change, None, None, path)
                      for index, child in enumerate(data.get("items", ())))
        return Definition(
            term=data["term"], quoted=data.get("quoted"), label=label,
            anchor=self.anchor(path) if label is not None else None,
            variants=tuple(Variant(term=v["term"], lang=v.get("lang")) for v in data.get("variants", ())),
            text=self.text(data["text"], data, origin.child("text"), origin, change), items=items,
            tail=self.tail(data, origin, change), change=change, note=_note(data.get("note")), origin=origin,
        )

    def table(self, data: Data, origin: Origin, change: str | None, common: Data) -> Table:
        table = data["table"]
        where = origin.child("table")
        columns = tuple(
            Column(key=key, label=column["label"], role=column.get("role"), origin=where.child("columns", key))
            for key, column in table["columns"].items()
        )
        rows = []
        for index, row in enumerate(table["rows"]):
            row_origin = where.child("rows", index)
            row_change = row.get("change") or change
            cells = []
            leads: list[Text | None] = []
            for column in columns:
                each = table["columns"][column.key].get("each")
                each_origin = column.origin.child("each") if each else None
                cell = row.get(column.key)
                cell_origin = row_origin.child(column.key)
                if cell is None:
                    cells.append(())
                elif isinstance(cell, str):
                    cells.append((self.item(cell, cell_origin, row_change, each, each_origin),))
                elif isinstance(cell, dict):  # words, then items
                    leads.append(self.text(cell["lead"], cell, cell_origin.child("lead"), cell_origin, row_change))
                    cells.append(tuple(self.item(item, cell_origin.child("items", i), row_change, each, each_origin)
                                       for i, item in enumerate(cell["items"])))
                    continue
                else:
                    cells.append(tuple(self.item(item, cell_origin.child(i), row_change, each, each_origin)
                                       for i, item in enumerate(cell)))
                leads.append(None)
            rows.append(Row(cells=tuple(cells), leads=tuple(leads) if any(leads) else (), change=row_change,
                            note=_note(row.get("note")), origin=row_origin))
        return Table(lead=self.lead(data, origin, change), caption=table.get("caption"),
                     columns=columns, rows=tuple(rows), **common)


def _note(value: str | Data | None) -> Note | None:
    """A note as written: text (the council's own note), or its kind and text."""
    if value is None:
        return None
    return _written_note(value)


def _written_note(value: str | Data) -> Note:
    return Note(text=value) if isinstance(value, str) else Note(text=value["text"], kind=value["kind"])


def _condition(value: str | None) -> str | None:
    """An obligation's condition on one line: a long one written over several lines, its lines
    joined with single spaces."""
    return " ".join(value.split()) if value is not None else None


def _defined_term(entry: str | Data) -> str:
    """A term of `defines`: written alone, or as {term, variants}."""
    return entry if isinstance(entry, str) else entry["term"]


def _defined_variants(defines: list[str | Data]) -> tuple[tuple[Variant, ...], ...]:
    """Each term of `defines` with its variants (none for a term written alone); () if none has any."""
    found = tuple(() if isinstance(entry, str) else tuple(Variant(term=v["term"], lang=v.get("lang"))
                                                         for v in entry["variants"]) for entry in defines)
    return found if any(found) else ()


def _carried(own: str | None, inherited: str | None) -> str | None:
    """An element's change: its own, else its parent's insertion or deletion (a move is the
    moved element's own: what it holds moves with it, unchanged)."""
    return own or (inherited if inherited != "moved" else None)


def _moved_from(data: Data) -> MovedFrom | None:
    moved = data.get("moved_from")
    return MovedFrom(parent=moved.get("parent"), after=moved.get("after")) if moved else None


def clause(data: Data, origin: Origin, inherited_change: str | None, parent_reference: str | None) -> Clause:
    """A clause and its sub-clauses."""
    change = _carried(data.get("change"), inherited_change)
    texts_change = change if change != "moved" else None
    builder = _ClauseBuilder(data["id"])
    if "text" in data:
        body: tuple[Block, ...] = (
            Paragraph(text=builder.text(data["text"], data, origin.child("text"), origin, texts_change),
                      change=texts_change, origin=origin),
        )
    elif "gap" in data:
        body = (Gap(missing=data["gap"], change=texts_change, origin=origin.child("gap")),)
    else:
        body = tuple(builder.block(block, origin.child("body", index), texts_change)
                     for index, block in enumerate(data.get("body", ())))
    own_reference = numbering.reference(parent_reference, data.get("number"))
    children = tuple(clause(child, origin.child("clauses", index), change, own_reference or parent_reference)
                     for index, child in enumerate(data.get("clauses", ())))
    return Clause(
        id=data["id"], number=data.get("number"), designation=data.get("designation"), reference=own_reference,
        separator=data.get("separator"),
        was=data.get("was"), heading=data.get("heading") or data.get("subheading"),
        subheading="subheading" in data, optional=data.get("optional") == "true",
        optional_note=data.get("optional_note"),
        change=change, moved_from=_moved_from(data), body=body, cites=tuple(data.get("cites", ())),
        note=_note(data.get("note")),
        number_note=_note(data.get("number_note")),
        link_notes={target: _written_note(value) for target, value in data.get("link_notes", {}).items()},
        clauses=children, origin=origin,
    )


def section(data: Data, origin: Origin) -> Section:
    clauses = tuple(clause(child, origin.child("clauses", index), data.get("change"), None)
                    for index, child in enumerate(data.get("clauses", ())))
    return Section(
        id=data["id"], number=data.get("number"), designation=data.get("designation"),
        separator=data.get("separator"), printed_number=data.get("printed_number"), was=data.get("was"),
        title=data.get("title"),
        part=data.get("part"), matter=data.get("matter"), source=data.get("source"), updated=data.get("updated"),
        change=data.get("change"), moved_from=_moved_from(data), note=_note(data.get("note")),
        number_note=_note(data.get("number_note")), clauses=clauses, origin=origin,
    )


def protocol(data: Data, file: str) -> Protocol:
    """The model of one source file's data (already valid against the schema)."""
    root = Origin(file=file)
    meta = data["protocol"]
    licence = meta.get("licence")
    roles = {key: Role(id=key, label=value["label"], shared=value.get("shared"), origin=root.child("roles", key))
             for key, value in data.get("roles", {}).items()}
    parts = {key: Part(id=key, title=value["title"], designation=value.get("designation"),
                       separator=value.get("separator"), note=_note(value.get("note")), origin=root.child("parts", key))
             for key, value in data.get("parts", {}).items()}
    based_on = meta.get("based_on")
    documents = {key: Document(id=key, title=value["title"], kind=value.get("kind", "document"),
                               url=value.get("url"), origin=root.child("documents", key))
                 for key, value in data.get("documents", {}).items()}
    return Protocol(
        id=meta["id"], council=meta["council"], title=meta["title"], status=meta["status"],
        part=meta.get("part"), language=meta.get("language", DEFAULT_LANGUAGE), version=meta.get("version"),
        adopted=meta.get("adopted"), minute=meta.get("minute"),
        effective=meta.get("effective"), revised=meta.get("revised"), contact=meta.get("contact"),
        licence=Licence(name=licence["name"], url=licence.get("url")) if licence else None,
        source=meta.get("source"), note=_note(meta.get("note")), printed_contents=meta.get("printed_contents"),
        based_on=BasedOn(title=based_on["title"], author=based_on["author"], version=based_on.get("version"),
                         url=based_on.get("url")) if based_on else None,
        numbering=meta.get("numbering"), parts=parts, roles=roles, documents=documents,
        retired_ids=tuple(data.get("retired_ids", ())),
        sections=tuple(section(entry, root.child("sections", index)) for index, entry in enumerate(data["sections"])),
        origin=root.child("protocol"),
    )
