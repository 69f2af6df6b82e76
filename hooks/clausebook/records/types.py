"""The published records, each defined once: a frozen dataclass per record of the open dataset,
each field with its description. The JSON files are these records as ``published`` gives them;
the CSV columns, the Data page's field tables and the schema test (tests/test_records.py) are
read from here.

Field names are the published keys, so a record reads ``record.change.status`` exactly as the
JSON says ``change.status``.

The module is long because every published key is defined here once, with its description for
the Data page and the schema; split by record, the records that hold one another would import
each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

Published = dict[str, Any]
DATA_FILES = {  # what each published data file holds, for the Data page
    "clauses.json": "every clause of every protocol, in document order (protocols ordered by id)",
    "clauses.csv": "the same clauses, one row per clause, for spreadsheets",
    "protocols.json": "each protocol's details, roles, parts, cited documents, definitions and section tree",
    "changes.json": "each proposed revision's changes: the old and new numbers, and each changed clause's redline",
    "versions.json": "every protocol's versions: the text in force, the texts it replaced and a proposal, each with "
                     "its dates, status, pages, PDF and Word file and data file",
    "datapackage.json": "a Frictionless description of the files",
}
MODALITY_WORDS = {"must": "must", "should": "should", "may": "may", "has-right-to": "has the right to",
                  "need-not": "need not", "must-not": "must not", "should-not": "should not", "may-not": "may not"}
"""Each modality as a sentence says it."""
Modality = Literal["must", "should", "may", "has-right-to", "need-not", "must-not", "should-not", "may-not"]
NoteKind = Literal["council", "editorial"]
NOTE_KIND = ("whose note it is: `council` (the council's own explanation of its text) or `editorial` (the "
             "editor's, on how this edition renders the source: a number as printed, a paragraph joined across a "
             "page break, a typo kept)")


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldSchema:
    """What a field's JSON Schema says beyond its type hint (records/schemas.py reads it)."""

    description: str | None = None  # the schema's own words, where it has any
    since: str | None = None  # the format version that added the key: then it is not required
    ref: str | None = None  # the ``$defs`` entry its value (or each item's) is, by name
    pattern: str | None = None
    min_items: int | None = None
    bounds: tuple[float, float] | None = None  # its minimum and maximum
    null_first: bool = False  # a record or null written ``anyOf: [null, {object}]``


NO_SCHEMA = FieldSchema()


def doc(description: str, schema: str | None = None, **more: Any) -> Any:
    """A field described once: ``description`` is the Data page's; ``schema`` the JSON Schema's
    description, where it has one (kept in its own words), and ``more`` the rest of what the schema
    says that the type hint does not (a `FieldSchema`'s fields: ``since``, ``ref``, ``pattern``…)."""
    return field(metadata={"doc": description, "schema": FieldSchema(description=schema, **more)})


def published(value: Any) -> Any:
    """A record (or a list of them, or a plain value) as the published JSON value: each record a
    dict keyed by its field names, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: published(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [published(item) for item in value]
    return value


def dumps(value: Any) -> bytes:
    """JSON as published: UTF-8, sorted keys, no NaN, compact (the C encoder), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
            + "\n").encode()


def described(record: type) -> list[tuple[str, str]]:
    """Each field of a record class with its description, in the order the class declares them."""
    return [(f.name, f.metadata.get("doc", "")) for f in fields(record)]


# Clauses (clauses.json, and the clauses of data/<protocol>.json)


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A run of an obligation's sentence: the words from ``start`` up to ``end``."""

    start: int = doc("the offset of its first character, counted in Unicode code points from 0")
    end: int = doc("the offset just after its last character")


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleReference:
    """A role an obligation names, as the protocol labels it."""

    role: str = doc("the role's id in its protocol", "The role's id in its protocol.")
    label: str = doc("the protocol's own word for it", "The protocol's own word for it.")
    shared: str | None = doc("the same office across councils (councillor, chief-executive…); null where none fits",
                             "The same office across councils, e.g. councillor; null where none fits.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Obligation:
    """What a role must, should or may do or not do."""

    id: str = doc("the clause's id, a dot and a counter, unless the author names it",
                  pattern="^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*(\\.[0-9]+)?$")
    who: tuple[RoleReference, ...] = doc("the roles that act", min_items=1)
    modality: Modality = doc("must, should, may, has-right-to, need-not, must-not, should-not or may-not",
                             "need-not (since 1.2): the text says the role need not do something (no duty).")
    do_or_dont: Literal["do", "dont"] = doc("do, or dont for must-not, should-not and may-not")
    duty_or_power: Literal["duty", "power"] = doc(
        "duty (must, should and every Don't) or power (may, has-right-to, need-not)", since="1.2",
        schema="Since 1.2: duty (must, should, and every Don't) or power (may, has-right-to, need-not), as in the "
               "powers-and-duties vocabulary.")
    towards: tuple[RoleReference, ...] = doc("the roles it is owed to")
    statement: str = doc("the words that state it: the author's quote, or the text's first sentence",
                         "The words that state it: the author's quote, or the text's first sentence.")
    sentence: str = doc("the whole sentence that states it, read alone: after the lead-in it completes, with "
                        "the items and words after a list that complete it, and who acts named "
                        "(\"Officers can expect Members to give political leadership.\")", since="1.2",
                        schema="Since 1.2: the whole sentence that states it, read alone: after the lead-in it "
                               "completes, with the items and the words after a list that complete it, and who "
                               "acts named (\"Officers can expect Members to give political leadership.\").")
    supplied: tuple[Span, ...] = doc(
        "the runs of `sentence` that the source does not print: the roles' labels where the text says "
        "\"they\", \"I\" or \"you\" or names no one, and a modal verb the source leaves to a heading; "
        "a page shows them as supplied", since="1.4",
        schema="Since 1.4: the runs of sentence that the source does not print (a role's label in place of "
               "\"they\", \"I\" or \"you\", or where the text names no one; a modal verb left to a heading).")
    condition: str | None = doc("the condition or exception it holds under, as written, or null", since="1.2",
                                schema="Since 1.2: the condition or exception it holds under, as written.")
    inferred: bool = doc("true where the text does not name who acts, and `who` is the editor's reading", since="1.2",
                         schema="Since 1.2: true where the text does not name who acts and who is the editor's "
                                "inference (a passive duty).")
    subparagraph: str | None = doc("the labelled item that states it, or null", since="1.2", ref="qualified_anchor",
                                   schema="Since 1.2: the labelled sub-paragraph that states it, if any.")
    url: str | None = doc("the obligation's own anchor inside its clause, relative to the site root "
                          "(null for an obligation only stated before the revision)", since="1.2",
                          schema="Since 1.2: where it is stated: the sub-paragraph's or clause's anchor (null for an "
                                 "obligation only stated before the revision).")


@dataclass(frozen=True, slots=True, kw_only=True)
class NotObligation:
    """A sentence that reads like an obligation but is not."""

    statement: str = doc("the sentence")
    reason: str = doc("why it is not an obligation")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseText:
    """A clause in another language of its protocol: an entry of a clause's ``languages``."""

    language: str = doc("the language, a BCP 47 tag (cy)")
    heading: str | None = doc("its heading in that language")
    text: str = doc("its text as amended, in Markdown, in that language")
    text_plain: str = doc("the same without markup: one line per paragraph, item or table row")
    url: str = doc("its anchor on the page of that language's text, relative to the site root (cy/<p>/…)")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolText:
    """A protocol's text in another language: an entry of a protocol's ``languages``."""

    language: str = doc("the language, a BCP 47 tag (cy)")
    council: str = doc("the council's name in that language")
    title: str = doc("the title in that language")
    url: str = doc("its overview page, relative to the site root (cy/<p>/)")
    clauses: int = doc("how many clauses it has: as many as the protocol's own text, with the same ids")
    obligations: int = doc("how many obligations it states: as many as the protocol's own text")


@dataclass(frozen=True, slots=True, kw_only=True)
class Subparagraph:
    """A labelled item of a clause, with an anchor of its own."""

    id: str = doc("the clause's id, two hyphens and its labels: `caerwen.p10-2--a-ix`", ref="qualified_anchor")
    reference: str = doc("as a cross-reference writes it: \"10(2)(a)(ix)\"",
                         "As a cross-reference writes it: 10(2)(a)(ix).")
    url: str = doc("its anchor, relative to the site root")


@dataclass(frozen=True, slots=True, kw_only=True)
class Reference:
    """A link in a clause's text to another clause, section or sub-paragraph."""

    type: Literal["clause", "section", "subparagraph"] = doc(
        "what it links to: clause, section or subparagraph",
        "subparagraph since 1.2: a link to a labelled item within a clause.")
    target: str = doc("the target's id (for a sub-paragraph, the clause that holds it)", ref="qualified_id")
    subparagraph: str | None = doc(
        "for a link to a sub-paragraph, its own id; else null", since="1.2", ref="qualified_anchor",
        schema="Since 1.2: for a link to a sub-paragraph, its id; target is then the clause that holds it.")
    words: str = doc("the words of the link, as the source writes them",
                     "The words of the link, as the source writes them.")
    url: str = doc("the target's anchor, relative to the site root")
    note: str | None = doc("why the words name another number than the target's, where they do",
                           "Why the words name another number than the target's, where they do.")
    note_kind: Literal[None, "council", "editorial"] = doc(
        f"for a `note`, {NOTE_KIND}; else null", since="1.5",
        schema="Since 1.5: whose note is `note`: council or editorial; null where there is none.")


@dataclass(frozen=True, slots=True, kw_only=True)
class CitedDocument:
    """A document or piece of legislation a protocol cites."""

    id: str = doc("its id in the protocol")
    type: Literal["document", "legislation"] = doc("document or legislation")
    title: str = doc("its title")
    url: str | None = doc("where it is published, where the citation is precise")


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A note on a clause: the council's own, or the editor's on how the published text was read."""

    about: Literal["clause", "number", "link", "text", "option"] = doc(
        "what it is about: the clause, its number, a link, a part of its text (a block, list item, table row "
        "or definition) or its option")
    target: str | None = doc("for a note on a link, the link's target; else null")
    text: str = doc("the note")
    kind: NoteKind = doc(NOTE_KIND + "; the source's own words about an option are the council's", since="1.5",
                         schema="Since 1.5: council (the council's own note) or editorial (the editor's, on how this "
                                "edition renders the source).")


@dataclass(frozen=True, slots=True, kw_only=True)
class WordChange:
    """One insertion, deletion or replacement of words."""

    kind: Literal["inserted", "deleted", "replaced"] = doc("inserted, deleted or replaced")
    old: str = doc("the words before (empty for an insertion)")
    new: str = doc("the words after (empty for a deletion)")


@dataclass(frozen=True, slots=True, kw_only=True)
class MovedFrom:
    """Where a moved clause stood before the revision."""

    parent: str | None = doc("the section or clause that held it (null: the same one as now)", ref="qualified_id")
    after: str | None = doc("the clause it followed (null: it came first)", ref="qualified_id")


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """How a proposed revision changes a clause."""

    status: Literal["inserted", "deleted", "moved", "amended", "renumbered"] = doc(
        "inserted, deleted, moved, amended or renumbered",
        "moved (since 1.1): the revision moves the clause here from moved_from.")
    previous_number: str | None = doc("its number before the revision", ref="number")
    heading_before: str | None = doc("its heading before the revision")
    text_before: str = doc("its text before the revision (a deleted clause's struck text)",
                           "The clause's text before the revision (a deleted clause's struck text).")
    words: tuple[WordChange, ...] = doc("each insertion, deletion or replacement")
    obligations_before: tuple[Obligation, ...] = doc(
        "the obligations the clause stated before the revision", since="1.1",
        schema="Since 1.1: the obligations the clause stated before the revision (compare with the clause's "
               "obligations).")
    moved_from: MovedFrom | None = doc(
        "for a moved clause, the section or clause that held it (null: the same as now) and the clause it followed "
        "(null: it came first)", since="1.1",
        schema="Since 1.1: where a moved clause stood before the revision: the section or clause that held it (null: "
               "the same one as now) and the clause it followed (null: it came first).")


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    """A clause of a protocol: an entry of ``clauses`` in clauses.json."""

    id: str = doc("the protocol's id, a dot, and the clause's own id. It never changes, whatever happens "
                  "to the clause's number", ref="qualified_id")
    local_id: str = doc("the clause's id within its protocol")
    protocol: str = doc("the protocol it belongs to")
    section: str = doc("the section it sits in", ref="qualified_id")
    parent: str | None = doc("the clause it is a sub-clause of, or null", ref="qualified_id")
    number: str | None = doc(
        "the number shown, as printed (\"13.2.1\"); also an inserted number (\"2A\"), an appendix letter (\"B\") "
        "or a sub-paragraph number in brackets (\"(2)\", \"(a)\"), which is read after its parent's; null for an "
        "unnumbered paragraph", ref="number")
    reference: str | None = doc("the full number a cross-reference uses: \"10(2)\" for sub-paragraph (2) of "
                                "paragraph 10; the number itself otherwise", since="1.2",
                                schema="Since 1.2: the full number a cross-reference uses: 10(2) for (2) under 10; "
                                       "the number itself otherwise.")
    designation: str | None = doc(
        "the designation as printed where it is more than a number (\"Table 1\", \"Appendix B\", "
        "\"Best practice 7\", \"10.—(1)\"), shown in place of the number; else null", since="1.2",
        schema="Since 1.2: the designation as printed where it is more than the number: Table 1, Appendix B, 10.—(1).")
    separator: str | None = doc(
        "what the source prints between the designation and the heading or text (\":\", \"—\"), as printed; "
        "else null", since="1.4",
        schema="Since 1.4: what the source prints between the designation and the heading: \":\", \"—\".")
    heading: str | None = doc("the heading of a numbered heading such as \"10.2 Executive Members and Officers\"")
    citation: str = doc(
        "how a reader cites the clause, by words printed on the page, never the same for two clauses of one "
        "protocol: its full reference (\"4.2\", \"10(2)\"), qualified by its section where numbering starts "
        "again (\"Appendix B paragraph 1\"); a designation in words as printed (\"Table 1\", \"Best practice "
        "3\"); the heading of an unnumbered clause or sub-heading (\"Committees\"); or an unnumbered "
        "paragraph's place under the clause or section that holds it (\"10.4 (second paragraph)\"). A deleted "
        "clause is cited where it stands among the tracked changes", since="1.4",
        schema="Since 1.4: how a reader cites the clause, unique within its protocol: 4.2, Appendix B paragraph 1, "
               "Table 1, Committees, 10.4 (second paragraph).")
    subheading: bool = doc("true for an unnumbered sub-heading inside a section: its words are `heading`, "
                           "and it has no text", since="1.2",
                           schema="Since 1.2: true for an unnumbered sub-heading inside a section (heading, no text).")
    optional: bool = doc("true for an optional or bracketed provision of a model code; the source's words "
                         "about the option are a `notes` entry about `option`", since="1.2",
                         schema="Since 1.2: an optional or bracketed provision of a model code.")
    missing: tuple[str, ...] = doc("text the published source is missing here (a partial transcription), each "
                                   "as the editor describes it; the protocol is then `incomplete`", since="1.2",
                                   schema="Since 1.2: text the source is missing here (a partial transcription), "
                                          "each as the editor describes it.")
    subparagraphs: tuple[Subparagraph, ...] = doc(
        "the clause's labelled items, each with an anchor of its own: `id` (the clause's id, two hyphens and its "
        "labels: `caerwen.p10-2--a-ix`), `reference` (\"10(2)(a)(ix)\") and `url`", since="1.2",
        schema="Since 1.2: the clause's labelled items, each with an anchor of its own.")
    text: str = doc(
        "the text as amended, in Markdown: paragraphs, `- ` list items (with labels such as `(a)`), `> ` "
        "quotations, a table's caption and then the table as a pipe table (the items of one cell, with their "
        "labels and sub-items, joined by \" • \"). Links to other clauses are written `[words](#id)`. Empty for "
        "a deleted clause",
        schema="Markdown as authored, as amended: paragraphs, '- ' items, '> ' quotations, pipe tables. Empty for a "
               "deleted clause.")
    text_plain: str = doc("the same without markup: one line per paragraph, item or table row",
                          "The same text without markup, one line per paragraph, item or table row.")
    deleted: bool = doc("true when a proposed revision deletes the clause")
    change: Change | None = doc(
        "null, or how a proposed revision changes it: `status` (inserted, deleted, moved, amended, renumbered), "
        "`previous_number`, `heading_before`, `text_before` (a deleted clause's struck text), `words`: each "
        "insertion, deletion or replacement, `obligations_before`: the obligations the clause stated before the "
        "revision, and `moved_from`: for a moved clause, the section or clause that held it (null: the same as "
        "now) and the clause it followed (null: it came first)")
    obligations: tuple[Obligation, ...] = doc(
        "what a role must, should or may do or not do (as amended): `who` and `towards` (role id, the "
        "protocol's label, and `shared`, the same office across councils), `modality`, `do_or_dont`, "
        "`duty_or_power`, `statement` (the words that state it), `sentence` (the statement read alone, after "
        "the lead-in and items it completes: \"Officers can expect Members to give political leadership\"), "
        "`condition` (the condition or exception it holds under, as written, or null), `inferred` (true where "
        "the text does not name who acts, and `who` is the editor's reading), `subparagraph` (the labelled item "
        "that states it, or null) and `url` (the obligation's own anchor inside its clause, relative to the "
        "site root)")
    not_obligations: tuple[NotObligation, ...] = doc(
        "sentences that read like obligations but are not, each with its `statement` and the `reason`", since="1.1",
        schema="Since 1.1: sentences that read like obligations but are not, and why.")
    references: tuple[Reference, ...] = doc(
        "links in the text to other clauses, sections or sub-paragraphs: `type`, `target` id (for a "
        "sub-paragraph, the clause that holds it, and its own id in `subparagraph`), the `words` used, the "
        "target's `url`, and a `note` where the words name another number than the target's")
    backlinks: tuple[str, ...] = doc("the ids of clauses that link to this one", ref="qualified_id")
    cites: tuple[CitedDocument, ...] = doc("documents and legislation cited, with a `url` where the citation "
                                           "is precise")
    terms: tuple[str, ...] = doc("terms the protocol defines that the clause uses",
                                 "Terms the protocol defines that this clause uses.")
    notes: tuple[Note, ...] = doc(
        "notes on the clause: `about` says whether the note is on the clause, its number, a link (`target` names "
        "it), a part of its text (a block, list item, table row or definition) or its option; `kind` (since 1.5) "
        "whether it is the council's own or an editorial note, on where the published text had to be "
        "interpreted, and why")
    url: str = doc("the clause's anchor on this website, relative to the site's root",
                   "The clause's anchor, relative to the site root.")
    languages: tuple[ClauseText, ...] = doc(
        "the clause in its protocol's other languages, each with its `language`, `heading`, `text`, `text_plain` "
        "and `url`; empty for a protocol in one language. The other text has the same clauses, numbers and "
        "obligations (the build checks it), so one record holds both", since="1.7",
        schema="Since 1.7: the clause in its protocol's other languages (a Welsh text: language cy); empty for a "
               "protocol in one language.")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of clauses.csv: its name, how a clause record gives its cell, and its Frictionless type."""

    name: str
    cell: Callable[[Clause], str | int]
    type: Literal["string", "integer", "boolean"] = "string"


CSV_COLUMNS = (  # clauses.csv, one row per clause; columns only ever added at the end
    Column("id", lambda c: c.id),
    Column("protocol", lambda c: c.protocol),
    Column("section", lambda c: c.section),
    Column("parent", lambda c: c.parent or ""),
    Column("number", lambda c: c.number or ""),
    Column("previous_number", lambda c: (c.change.previous_number if c.change else None) or ""),
    Column("heading", lambda c: c.heading or ""),
    Column("change", lambda c: c.change.status if c.change else ""),
    Column("text", lambda c: c.text),
    Column("text_plain", lambda c: c.text_plain),
    Column("url", lambda c: c.url),
    Column("obligations", lambda c: len(c.obligations), "integer"),
    # The ids of the clauses linked to, as in each reference's `target`: rows of this file (a link to
    # a labelled item names the clause that holds it).
    Column("references", lambda c: " ".join(r.target for r in c.references)),
    Column("designation", lambda c: c.designation or ""),
    Column("optional", lambda c: "true" if c.optional else "", "boolean"),
    Column("missing", lambda c: " ".join(c.missing)),
    Column("citation", lambda c: c.citation),
    # The clause's other languages, as tags ("cy"); its text in each is in clauses.json's `languages`.
    Column("languages", lambda c: " ".join(text.language for text in c.languages)),
)


# Protocols (protocols.json, and the protocol of data/<protocol>.json)


@dataclass(frozen=True, slots=True, kw_only=True)
class Licence:
    """The licence a council states for its text."""

    name: str = doc("the licence's name")
    url: str | None = doc("where it is published")


@dataclass(frozen=True, slots=True, kw_only=True)
class BasedOn:
    """The model code or protocol a protocol adopts."""

    title: str = doc("its title")
    author: str = doc("who wrote it")
    version: str | None = doc("its version")
    url: str | None = doc("where it is published")


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """A group of sections (a Part, an Appendix)."""

    id: str = doc("its id in the protocol")
    title: str = doc("its title")
    designation: str | None = doc("as printed: \"Part 2\", \"Appendix B\"")
    separator: str | None = doc("what the source prints between the designation and the title (\":\", \"—\"); "
                                "else null", since="1.4",
                                schema="Since 1.4: what the source prints between the designation and the title.")
    note: str | None = doc("a note on the part")
    note_kind: Literal[None, "council", "editorial"] = doc(
        f"for a `note`, {NOTE_KIND}; else null", since="1.5",
        schema="Since 1.5: whose note is `note`: council or editorial; null where there is none.")
    sections: tuple[str, ...] = doc("the ids of its sections, in order", ref="qualified_id")


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    """A role a protocol names."""

    id: str = doc("its id in the protocol")
    label: str = doc("the protocol's own word for it")
    shared: str | None = doc("the same office across councils; null where none fits")


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """A defined term in another language or form."""

    term: str = doc("the term")
    lang: str | None = doc("its language, where it is another")


@dataclass(frozen=True, slots=True, kw_only=True)
class Definition:
    """A term a protocol defines."""

    term: str = doc("the term")
    text: str = doc("the definition, in Markdown (for a term defined in prose, that text)")
    clause: str = doc("the clause that defines it", ref="qualified_id")
    label: str | None = doc("its label, as printed: \"(a)\"", "Since 1.2.", since="1.2")
    variants: tuple[Variant, ...] = doc("the term in another language or form", since="1.2",
                                        schema="Since 1.2: the term in another language or form.")
    prose: bool = doc("true for a term defined in a clause's prose", since="1.2",
                      schema="Since 1.2: true for a term defined in a clause's prose (text is then that text).")
    quoted: Literal[None, "double", "single"] = doc(
        "the quote marks the source prints around the term: double (“councillor”) or single (‘councillor’); "
        "else null. `term` is without them", since="1.4",
        schema="Since 1.4: the quote marks the source prints around the term (term is without them).")


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionMovedFrom:
    """Where a moved section stood before the revision."""

    after: str | None = doc("the section it followed (null: it came first)", ref="qualified_id")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseNode:
    """A clause in a section's tree: its id, number and sub-clauses."""

    id: str = doc("the clause's id", ref="qualified_id")
    number: str | None = doc("its number as printed", ref="number")
    clauses: tuple[ClauseNode, ...] = doc("its sub-clauses, in order")


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A section of a protocol, with its tree of clauses."""

    id: str = doc("the protocol's id, a dot, and the section's own id", ref="qualified_id")
    number: str | None = doc("the number shown", ref="number")
    designation: str | None = doc("the designation as printed where it is more than a number", "Since 1.2.",
                                  since="1.2")
    separator: str | None = doc("what the source prints between the designation and the title (\":\", \"—\"); "
                                "else null", since="1.4",
                                schema="Since 1.4: what the source prints between the designation and the title.")
    part: str | None = doc("the part it belongs to", "Since 1.2: the part it belongs to.", since="1.2",
                           ref="qualified_id")
    matter: Literal[None, "front", "end"] = doc(
        "front or end matter (adoption, signatures), not numbered provisions; else null", since="1.2",
        schema="Since 1.2: front or end matter (adoption, signatures), not numbered provisions.")
    source: str | None = doc("the page it was published on", "Since 1.2: the page it was published on.", since="1.2")
    updated: str | None = doc("that page's \"last updated\" date", "Since 1.2: that page's \"last updated\" date.",
                              since="1.2")
    printed_number: str | None = doc("the number as the source printed it", ref="number")
    previous_number: str | None = doc("its number before the revision", ref="number")
    title: str = doc("its title (as amended); where the source prints none, the name the handbook gives it: its "
                     "designation, \"Section\" and its number, or its first words")
    untitled: bool = doc("true where the source prints no title for the section, and `title` is the handbook's name "
                         "for it", since="1.4",
                         schema="Since 1.4: true where the source prints no title: `title` is the handbook's name "
                                "for it.")
    title_before: str | None = doc("its title before the revision, where it differs")
    change: Literal[None, "inserted", "deleted", "moved"] = doc("how a proposed revision changes it, or null",
                                                                "moved since 1.1.")
    moved_from: SectionMovedFrom | None = doc(
        "for a moved section, the section it followed before the revision", since="1.1",
        schema="Since 1.1: for a moved section, the section it followed before the revision (null: it came first).")
    notes: tuple[str, ...] = doc("notes on the section and its number")
    note_kinds: tuple[NoteKind, ...] = doc(
        f"for each entry of `notes`, in the same order, {NOTE_KIND}", since="1.5",
        schema="Since 1.5: for each entry of notes, in order, whose it is: council or editorial.")
    url: str = doc("its page, relative to the site root")
    clauses: tuple[ClauseNode, ...] = doc("its clauses, as a tree")


@dataclass(frozen=True, slots=True, kw_only=True)
class Protocol:
    """A protocol's details, roles, documents, definitions and sections: an entry of protocols.json."""

    id: str = doc("its id")
    council: str = doc("the council")
    title: str = doc("its title")
    part: str | None = doc("the part of the council's constitution it is, as the council numbers it")
    status: Literal["adopted", "proposed-revision", "draft"] = doc("adopted, proposed-revision or draft")
    language: str = doc("the language of its text, a BCP 47 tag: as the source states it, else en-GB", since="1.5",
                        schema="Since 1.5: the language of its text, a BCP 47 tag (en-GB unless the source says).")
    version: str | None = doc("as the council states it; null where it does not",
                              "As the council states it; null where it does not.")
    adopted: str | None = doc("when it was adopted")
    minute: str | None = doc("the minute of the meeting that adopted it, as the source states it; null where it states "
                             "none", since="1.6", schema="Since 1.6: the minute of the meeting that adopted it, as the "
                             "source states it; null where it states none.")
    effective: str | None = doc("when it takes effect")
    revised: str | None = doc("the date of a proposed revision, as the source states it; null where it states none",
                              since="1.5", schema="Since 1.5: the date of a proposed revision, as the source states "
                              "it; null where it states none.")
    contact: str | None = doc("whom to ask about it")
    licence: Licence | None = doc("the licence the council states; null where it has stated none",
                                  "The licence the council states; null where it has stated none.", null_first=True)
    source: str | None = doc("where the council publishes it")
    note: str | None = doc("a note on the protocol")
    note_kind: Literal[None, "council", "editorial"] = doc(
        f"for a `note`, {NOTE_KIND}; else null", since="1.5",
        schema="Since 1.5: whose note is `note`: council or editorial; null where there is none.")
    incomplete: bool = doc("true when some of the text is missing (see each clause's `missing`)", since="1.2",
                           schema="Since 1.2: true when some of the text is missing (see each clause's missing).")
    printed_contents: str | None = doc(
        "where the source printed a contents list, which the handbook's replaces", since="1.2",
        schema="Since 1.2: where the source printed a contents list, which the handbook's replaces.")
    based_on: BasedOn | None = doc("the model code or protocol adopted, and who wrote it", since="1.2", null_first=True,
                                   schema="Since 1.2: the model code or protocol adopted, and who wrote it.")
    url: str = doc("its overview page, relative to the site root (a kept version's: `<p>/<key>/`)")
    version_key: str | None = doc(
        "in a kept version's data file (`versions/<p>/<key>.json`), the version's `key` in `versions.json`; null "
        "for the text the protocol's own pages show", since="1.6",
        schema="Since 1.6: in a kept version's data file (data/versions/<p>/<key>.json), the version's key (see "
               "versions.schema.json); null for the text the protocol's own pages show.")
    versions_url: str | None = doc(
        "its versions page, `<p>/versions/`: every text it has had, with its dates (as data: `versions.json`); "
        "null where the site lists no versions", since="1.6",
        schema="Since 1.6: its versions page, <p>/versions/ (as data: versions.json); null where the site lists none.")
    parts: tuple[Part, ...] = doc("groups of sections (Parts, Appendices), in order", since="1.2",
                                  schema="Since 1.2: groups of sections (Parts, Appendices), in order.")
    roles: tuple[Role, ...] = doc("the roles it names")
    documents: tuple[CitedDocument, ...] = doc("the documents and legislation it cites")
    definitions: tuple[Definition, ...] = doc("the terms it defines, in document order")
    sections: tuple[Section, ...] = doc("its sections, in order, each with its tree of clauses")
    languages: tuple[ProtocolText, ...] = doc(
        "its texts in other languages (a Welsh text: `cy`), each with its `council`, `title`, `url` and counts of "
        "its `clauses` and `obligations`, the same as this text's (the build refuses two texts that differ); "
        "empty for a protocol in one language", since="1.7",
        schema="Since 1.7: its texts in other languages, each with its title, address and counts; empty for a "
               "protocol in one language.")
