"""The records of ``data/compare/<first>--<second>.json``: two protocols side by side, clause by
clause (the clauses the two have in common, near-identical or similar, and those only one has), and
what each asks of each shared role. Each
field has the Data page's description and, where the JSON Schema has its own, the schema's
(records/schemas.py makes compare.schema.json from these). compare_councils.py builds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clausebook.records.types import Modality, doc

DESCRIPTION = (
    "data/compare/<first>--<second>.json: two protocols side by side, clause by clause, matched by what the clauses "
    "say (never by id or number): the clauses both have (near-identical or similar), and those only one has, each "
    "with the nearest clause of the other; and, for each shared role, the obligations both state (in the same or "
    "another modality) and those only one states. Neither protocol is read as a revision of the other: status "
    "(kept, reworded, dropped) and added name the same groups from the first protocol's side, as format 1.3 "
    "published them. Clauses and obligations are read as amended, from the same records as clauses.json, with the "
    "same ids. Since format version 1.3; fields are only ever added within a major version.")
MATCH = ("Since 1.5. both: matched, and near-identical word for word (status kept); similar: matched, less alike "
         "(status reworded); nearest: no match, and the nearest clause of the second protocol is at least "
         "method.nearest similar (offered as nearest, not a match); only: no match, and no clause of the second is "
         "that near (nearest and only are status dropped).")
MATCH_ADDED = ("Since 1.5. nearest: the nearest clause of the first protocol is at least method.nearest similar "
               "(offered as nearest, not a match); only: no clause of the first is that near.")
NEAREST = ("For a clause without a match: the most similar clause of the other protocol (below the threshold, or "
           "matched to another clause), or null when no clause shares a word with it.")
ROLE = ("One shared role: each of either protocol's obligations of it (its who names the role) is in exactly one of "
        "same, modality_differs, only_first and only_second.")
SHARE = (0, 1)  # written as integers in the schema


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparedProtocol:
    """One of the two protocols compared."""

    id: str = doc("its id", pattern="^[a-z][a-z0-9-]*$")
    council: str = doc("the council")
    title: str = doc("its title")
    status: Literal["adopted", "proposed-revision", "draft"] = doc(
        "adopted, proposed-revision or draft", schema="A proposed revision or draft is compared as amended.")
    url: str = doc("its overview page", schema="The protocol's overview page, relative to the site's root.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Method:
    """How clauses and obligations are matched."""

    similarity: str = doc("what a similarity measures", schema=(
        "What a similarity measures: the cosine of the two texts' content words (stop words and numbers left out, "
        "endings trimmed, each protocol's name for a role replaced by its shared identity), each weighted by tf-idf "
        "over the compared clauses of both protocols."))
    threshold: float = doc("the least similarity of a match", bounds=SHARE, schema=(
        "The similarity two clauses need to be matched; no pair below it is a match."))
    kept: float = doc("the least `word_ratio` of a kept clause", bounds=SHARE, schema=(
        "A match whose words, in order, are at least this alike (difflib's ratio, word_ratio) is kept; a less alike "
        "one is reworded."))
    obligation_threshold: float = doc("the least similarity of two obligations matched", bounds=SHARE, schema=(
        "The similarity two obligations' statements need to be matched."))
    nearest: float = doc("the least similarity of a nearest clause offered as \"nearest, not a match\"",
                         bounds=SHARE, since="1.5", schema=(
                             "Since 1.5: a clause without a match whose nearest clause of the other protocol is at "
                             "least this similar has match nearest; one with none so near has match only."))


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseRef:
    """A clause as the comparison names it."""

    id: str = doc("the clause's id", ref="qualified_id")
    label: str = doc("its number (or designation) and heading, or its section and first words", schema=(
        "How the comparison names the clause: its number (or designation) and heading, or the section it is in and "
        "its first words."))
    url: str = doc("its anchor", schema=(
        "The clause's anchor on this website, relative to the site's root (as url in clauses.json)."))


@dataclass(frozen=True, slots=True, kw_only=True)
class Nearest:
    """The most similar clause on the other side of an unmatched one."""

    id: str = doc("the clause's id", ref="qualified_id")
    similarity: float = doc("how similar it is", ref="similarity")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseResult:
    """A clause of the first protocol and its match in the second, if any."""

    first: ClauseRef = doc("the clause")
    status: Literal["kept", "reworded", "dropped"] = doc(
        "kept, reworded or dropped: `match` from the first protocol's side (both, similar, nearest or only)", schema=(
        "kept: matched, and near-identical word for word (word_ratio at least method.kept); reworded: matched, less "
        "alike; dropped: no clause of the second protocol matches it."))
    second: ClauseRef | None = doc("its match, or null", schema=(
        "The matched clause of the second protocol; null when dropped."))
    similarity: float | None = doc("the match's similarity", ref="similarity", schema=(
        "The match's similarity (at least method.threshold); null when dropped."))
    word_ratio: float | None = doc("how alike the two texts are word for word, in order", ref="similarity", schema=(
        "How alike the two texts are word for word, in order; null when dropped."))
    redline: str | None = doc("the first's heading and plain text changed into the second's", schema=(
        "The first clause's plain text (its heading, a line break, and its text_plain) changed word by word into the "
        "second's, in CriticMarkup: {++inserted++}, {--deleted--}, {~~old~>new~~}; null when dropped."))
    nearest: Nearest | None = doc("for a dropped clause, the most similar clause of the second protocol")
    match: Literal["both", "similar", "nearest", "only"] = doc(
        "both, similar, nearest or only: in both protocols near-identical, similar, or only in the first, with or "
        "without a nearest clause of the second offered", since="1.5", schema=MATCH)


@dataclass(frozen=True, slots=True, kw_only=True)
class Added:
    """A clause of the second protocol that matches none of the first."""

    second: ClauseRef = doc("the clause")
    nearest: Nearest | None = doc("the most similar clause of the first protocol")
    match: Literal["nearest", "only"] = doc(
        "nearest or only: only in the second protocol, with or without a nearest clause of the first offered",
        since="1.5", schema=MATCH_ADDED)


@dataclass(frozen=True, slots=True, kw_only=True)
class Duty:
    """An obligation of a shared role, as the comparison shows it."""

    id: str = doc("its id in clauses.json", pattern="^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*(\\.[0-9]+)?$",
                  schema="The obligation's id in clauses.json.")
    modality: Modality = doc("its modality")
    sentence: str = doc("the obligation read alone", schema="The obligation read alone, as sentence in clauses.json.")
    url: str = doc("its anchor", schema="Its anchor on this website, relative to the site's root.")


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyPair:
    """Two obligations matched by the words of their statements."""

    first: Duty = doc("the first protocol's")
    second: Duty = doc("the second protocol's")
    similarity: float = doc("how similar their statements are", ref="similarity")


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleDifference:
    """What the two protocols ask of one shared role."""

    shared: str = doc("the shared identity", schema="The shared identity, as shared in clauses.json.")
    first_labels: tuple[str, ...] = doc("the first protocol's labels for it", schema=(
        "The first protocol's labels for the role; empty when it does not name it."))
    second_labels: tuple[str, ...] = doc("the second protocol's labels for it")
    same: tuple[DutyPair, ...] = doc("obligations both state, in the same modality",
                                     schema="Obligations both state, matched, in the same modality.")
    modality_differs: tuple[DutyPair, ...] = doc("obligations both state, in different modalities", schema=(
        "Obligations both state, matched, in different modalities (one must, the other should)."))
    only_first: tuple[Duty, ...] = doc("obligations only the first states",
                                       schema="Obligations of the role only the first protocol states.")
    only_second: tuple[Duty, ...] = doc("obligations only the second states",
                                        schema="Obligations of the role only the second protocol states.")


@dataclass(frozen=True, slots=True, kw_only=True)
class NotCompared:
    """The clauses of each protocol that are not compared."""

    first: tuple[ClauseRef, ...] = doc("the first protocol's")
    second: tuple[ClauseRef, ...] = doc("the second protocol's")


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Two councils' protocols compared: the top-level object of compare/<first>--<second>.json."""

    first: ComparedProtocol = doc("the first protocol: `id`, `council`, `title`, `status` and `url` (the overview "
                                  "page)")
    second: ComparedProtocol = doc("the second protocol, with the same fields")
    url: str = doc("the comparison page",
                   schema="The comparison page, compare/<first>--<second>/, relative to the site's root.")
    method: Method = doc(
        "`similarity` (what it measures), `threshold` (the least similarity of a match), `kept` (the least "
        "`word_ratio` of a match in both, near-identical: a kept clause), `obligation_threshold` (the least similarity "
        "of two obligations matched) and `nearest` (the least similarity of a nearest clause offered, not as a "
        "match)",
        schema="How clauses and obligations are matched (the comparison page explains it in plain English).")
    clauses: tuple[ClauseResult, ...] = doc(
        "every compared clause of the first protocol, in document order: `first` (`id`, `label`, `url`), `match` "
        "(`both`: near-identical in the two; `similar`; `nearest`: only in the first, with a nearest clause of the "
        "second offered, not as a match; `only`: only in the first, nothing near), `status` (the same from the first's "
        "side: `kept` for both, `reworded` for similar, `dropped` for nearest and only), `second` (its match, or "
        "null), `similarity`, `word_ratio` (how alike the two texts are word for word, in order), `redline` (the "
        "word differences: the first's heading and plain text changed into the second's, in CriticMarkup) and, for a "
        "clause without a match, `nearest`: the most similar clause of the second protocol (`id`, `similarity`), or "
        "null",
        schema="Every compared clause of the first protocol, in document order, with what the second does with it.")
    added: tuple[Added, ...] = doc(
        "every compared clause of the second protocol that matches none of the first: `second`, its `nearest` clause "
        "of the first, and `match` (`nearest` when that clause is offered, `only` when none is near)",
        schema="Every compared clause of the second protocol that matches none of the first, in document order.")
    not_compared: NotCompared = doc(
        "clauses of each protocol (`first`, `second`) that have no words of their own (a heading over sub-clauses, "
        "which are compared) or that a revision deletes",
        schema="Clauses of each protocol that are not compared: those with no words of their own (a heading over "
               "sub-clauses, which are compared) and those a revision deletes.")
    roles: tuple[RoleDifference, ...] = doc(
        "each shared role either protocol names: `shared`, each protocol's labels for it (`first_labels`, "
        "`second_labels`; empty when it does not name it) and its obligations in four lists, each obligation (`id`, "
        "`modality`, `sentence`, `url`, as in `clauses.json`) in exactly one: `same` and `modality_differs` (pairs "
        "matched by the words of their statements, `first`, `second` and `similarity`, in the same or in different "
        "modalities: one says must, the other should), `only_first` and `only_second`",
        schema="Each shared role either protocol names, in the order the protocols list their roles.")
