"""The records of ``data/changes.json``: for each protocol, the sections and clauses its proposed
revision changes, with their redlines, and the concordance of old and new numbers. Each field has
the Data page's description and, where the JSON Schema has its own, the schema's
(records/schemas.py makes changes.schema.json from these).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clausebook.records.types import MovedFrom, SectionMovedFrom, WordChange, doc

Status = Literal["inserted", "deleted", "moved", "amended", "renumbered"]
STATUS = ("What the revision does: inserts, deletes or moves the element; amends its words (or its heading); or "
          "only renumbers it. A clause inside an inserted or deleted section has that section's change.")
DESCRIPTION = ("data/changes.json: for each protocol (ordered by id), the sections and clauses a proposed revision "
               "or draft changes, in document order, with each clause's redline, and the concordance of old and new "
               "numbers. An adopted protocol is listed with empty lists. Clauses are the same, with the same ids, as "
               "the clauses in clauses.json whose change is not null. Format version 1.x: fields are only ever added "
               "within a major version.")
CRITIC = "({++inserted++}, {--deleted--}, {~~old~>new~~})"


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionChange:
    """A section the revision inserts, deletes, moves, renumbers or whose heading it amends."""

    id: str = doc("the section's id", ref="qualified_id")
    number: str | None = doc("its number after the revision; null if deleted", ref="number", schema=(
        "The number after the revision; null if it deletes the section or the section has no number."))
    previous_number: str | None = doc("its number before the revision, where it differs", ref="number",
                                      schema="The number before the revision where it differs from number; else null.")
    status: Status = doc("inserted, deleted, moved, amended or renumbered")
    title: str | None = doc("its heading after the revision", schema=(
        "The heading after the revision; null if it deletes the section."))
    title_before: str | None = doc("its heading before the revision", schema=(
        "The heading before the revision; null if it inserts the section."))
    redline: str = doc("the heading with its changes in CriticMarkup", schema=(
        f"The heading with its tracked changes in CriticMarkup {CRITIC}; a wholly inserted or deleted heading "
        "inside {++ ++} or {-- --}."))
    moved_from: SectionMovedFrom | None = doc("where a moved section stood", schema=(
        "Where a moved section stood: the section it followed (null: it came first)."))
    url: str = doc("the section's page", ref="url", schema="The section's page.")
    changes_url: str = doc("its heading on the changes page", ref="url",
                           schema="The section's heading on the changes page.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Renumbering:
    """A section or clause whose number the revision changes: a row of the concordance."""

    id: str = doc("its id", ref="qualified_id")
    kind: Literal["section", "clause"] = doc("section or clause")
    old: str | None = doc("its number before; null if inserted", ref="number",
                          schema="The number before the revision; null if the revision inserts it.")
    new: str | None = doc("its number after; null if deleted", ref="number",
                          schema="The number after the revision; null if the revision deletes it.")
    change: Literal["inserted", "deleted", "moved", None] = doc("inserted, deleted, moved or null", schema=(
        "The element's own change besides its number, if it is inserted, deleted or moved."))
    url: str = doc("where it stands now; where it stood, if deleted", ref="url", schema=(
        "The element's place on its section page (where it stood, if deleted)."))
    was_url: str | None = doc("the old number's row on the changes page", ref="url", schema=(
        "The old number's row in the concordance on the changes page (#was-…, an anchor of its own: old 9.3 is not "
        "new 9.3); null for an inserted element."))


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseChange:
    """A clause the revision changes, with its redline."""

    id: str = doc("the clause's id, as in clauses.json", ref="qualified_id")
    section: str = doc("the section it is in", ref="qualified_id")
    number: str | None = doc("its number after the revision; null if deleted or unnumbered", ref="number", schema=(
        "The number after the revision; null if it deletes the clause or the clause is unnumbered."))
    previous_number: str | None = doc("its number before the revision, where it differs", ref="number", schema=(
        "The number before the revision where it differs from number (a deleted clause's old number); else null."))
    status: Status = doc("inserted, deleted, moved, amended or renumbered")
    heading: str | None = doc("its heading with its changes in CriticMarkup", schema=(
        "The clause's heading with its tracked changes in CriticMarkup, as redline; null if it has none."))
    redline: str = doc("its text with its changes in CriticMarkup", schema=(
        "The clause's text with its tracked changes, in Markdown as in clauses.json's text: the CriticMarkup the "
        f"author wrote {CRITIC}, and each wholly inserted or deleted paragraph, list item, table cell or "
        "definition inside {++ ++} or {-- --}, line by line."))
    text_before: str = doc("its text before the revision, as `change.text_before` in clauses.json", schema=(
        "The text before the revision (empty for an inserted clause): clauses.json's change.text_before."))
    text_after: str = doc("its text after the revision, as `text` in clauses.json", schema=(
        "The text after the revision (empty for a deleted clause): clauses.json's text."))
    words: tuple[WordChange, ...] = doc("each insertion, deletion or replacement, as in `change`", schema=(
        "Each insertion, deletion or replacement, as clauses.json's change.words."))
    moved_from: MovedFrom | None = doc("where a moved clause stood, as in `change`",
                                       schema="Where a moved clause stood, as clauses.json's change.moved_from.")
    url: str = doc("the clause on its section page", ref="url",
                   schema="The clause's anchor on its section page, as in clauses.json.")
    changes_url: str = doc("its redline on the changes page", ref="url",
                           schema="The clause's entry, with its redline, on the changes page.")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolChanges:
    """What a protocol's revision changes: an entry of ``protocols`` in changes.json."""

    protocol: str = doc("the protocol's id", ref="protocol_id")
    status: Literal["adopted", "proposed-revision", "draft"] = doc("its status (adopted, proposed-revision, draft)")
    url: str | None = doc(
        "its changes page, `<protocol>/changes/`: every changed clause's redline and the table of old and new "
        "numbers; null for an adopted protocol", ref="url",
        schema="The protocol's changes page (its redline and concordance); null for an adopted protocol, which has "
               "none.")
    sections: tuple[SectionChange, ...] = doc(
        "each section the revision inserts, deletes, moves, renumbers or whose heading it changes: `id`, `number` "
        "(after the revision; null if deleted), `previous_number` (before, where it differs), `status`, `title` and "
        "`title_before`, `redline` (the heading with its changes in CriticMarkup), `moved_from`, `url` and "
        "`changes_url`",
        schema="The sections the revision inserts, deletes, moves, renumbers or whose heading it amends, in document "
               "order.")
    concordance: tuple[Renumbering, ...] = doc(
        "each section and clause whose number changes, inserted and deleted ones too: `id`, `kind` (section or "
        "clause), `old` and `new` (null: it had no number before, or has none after), `change` (inserted, deleted, "
        "moved or null), `url` (where it stands now; where it stood, if deleted) and `was_url` (the old number's row "
        "on the changes page). A number not listed is the same before and after",
        schema="Each section and clause whose number the revision changes (inserted and deleted ones too), in "
               "document order. A number not listed is the same before and after.")
    clauses: tuple[ClauseChange, ...] = doc(
        "the clauses whose `change` is not null in `clauses.json`, with the same ids in the same order: `section`, "
        "`number` (after the revision; null if deleted or unnumbered), `previous_number` (before, where it differs), "
        "`status`, `heading` and `redline` (the heading and the text with their changes in CriticMarkup: "
        "`{++inserted++}`, `{--deleted--}`, `{~~old~>new~~}`; a wholly inserted or deleted paragraph, list item, "
        "table cell or definition inside `{++ ++}` or `{-- --}`), `text_before` and `text_after` (Markdown, as "
        "`change.text_before` and `text` in `clauses.json`), `words` and `moved_from` (as in `change`), `url` (the "
        "clause on its section page) and `changes_url` (its redline on the changes page)",
        schema="Every clause the revision changes, in document order.")
