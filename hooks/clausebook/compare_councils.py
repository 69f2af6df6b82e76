"""Two councils' protocols side by side: the clauses the two have in common (near-identical or
similar), those only one of them has, and what each asks of a shared role that the other does not.
Neither protocol is read as a revision of the other.

The stage reads the dataset's clause records (as amended), so the comparison page, its JSON
(``data/compare/<a>--<b>.json``) and ``clauses.json`` always agree. Its pages are
``outputs/site/councils.py``, its files ``outputs/data/publish.py``. Long because the words, the
matching, the published records and the command line's report are one method, read together.

- **Words.** Each clause (its heading and its plain text) becomes its content words: lower-cased,
  common words (``STOP_WORDS``) and numbers left out, endings trimmed (``stem``), and each
  protocol's name for a role replaced by the role's shared identity, so that Somerset's
  "Members" and Kirklees' "Councillors" are one word.
- **Similarity.** Words are weighted by how few clauses of the two protocols use them (idf; a
  word counts once in a clause however often it is repeated), and two clauses' similarity is the
  cosine of their weighted words: 1 for the same words, 0 for none in common. Ids and numbers play
  no part.
- **Matching.** One to one: the most similar pair of all is matched first, then the most similar
  of what is left, and so on, while the similarity reaches ``THRESHOLD``; nothing below it is
  called a match. A match is *in both* when its words, in order, are near-identical (``KEPT``),
  and *similar* otherwise; its word differences are ``word_diff.diff_text``'s. A clause without a
  match is *only* in its protocol; its nearest clause on the other side, when at least
  ``NEAREST`` similar, is offered as *nearest, not a match*, so a reader can judge.
- **Roles.** For each shared role, the obligations (role, modality, sentence) of the two
  protocols are matched the same way on their sentences (``OBLIGATION_THRESHOLD``): a matched
  pair with the same modality is said by both; with different ones ("must" and "should") it is
  said by both with a different force; an unmatched obligation is one only that protocol has.

The published record keeps the first version's words for a clause of the first protocol
(``status``: kept, reworded or dropped; ``added`` for the second's unmatched clauses) and gives
each the fair comparison's ``match`` beside them.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal

from clausebook import FORMAT_VERSION, readings
from clausebook.format.model import Protocol
from clausebook.format.word_diff import diff_text
from clausebook.records import comparison as data
from clausebook.records import types as rec
from clausebook.records.dataset import Dataset, Record
from clausebook.records.types import MODALITY_WORDS, published
from clausebook.urls import compare_data_url, compare_role_url, compare_url, protocol_label, qualified
from clausebook.words import say

SCHEMA_NAME = "compare"
THRESHOLD = 0.24
"""The similarity two clauses need to be called a match (0 to 1). Chosen on half A of the hand labels
(tests/data/council_pairs.yaml): from 0.24 every match there is a labelled pair; 0.23 lets in a
wrong one, 0.25 loses a right one."""
KEPT = 0.9
"""How alike, word for word and in order, a match must be to be in both, near-identical, rather
than similar (published as ``method.kept``)."""
NEAREST = 0.15
"""The least similarity at which a clause without a match is offered its nearest clause on the
other side, as "nearest, not a match". Read on half A of the hand labels: every counterpart the
matcher misses there is nearer than this, and 7 of the 16 clauses labelled there as having none have
nothing so near."""
OBLIGATION_THRESHOLD = 0.4
"""The similarity two obligations' statements need to be called the same obligation."""
LABEL_WORDS = 6
SNIPPET_WORDS = 8
Status = Literal["kept", "reworded", "dropped"]
Match = Literal["both", "similar", "nearest", "only"]
_STOP_WORDS = """
a about above according across after again against all almost also although always am among an and
another any anyone anything are as at be because become becomes been before being below between both
but by can cannot could did do does doing done down during e each eg either else etc even ever every
for from further g get given had has have having he her here hers herself him himself his how however
i ie if in into is it its itself just least less let like made make makes many may me might more most
much must my myself neither no nor not now of off often on once one only or other others otherwise
ought our ours ourselves out over own per rather same shall she should since so some such than that
the their theirs them themselves then there therefore these they this those though through thus to
too under unless until up upon us very via was we were what whatever when whenever where whereas
whether which while whilst who whoever whom whose why will with within without would yet you your
yours yourself
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())  # left out of content words: they say little about a topic
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
SUFFIXES = ("ing", "ed", "ly", "ment", "e")


# Words

@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word without its plural and a common ending, so that forms of one word meet:
    'bullying' and 'bully' → 'bully'; 'services' and 'service' → 'servic'."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    """Every word of a text, lower-cased, possessives and apostrophes gone."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [re.sub(r"'s$", "", word).replace("'", "") for word in WORD.findall(text)]


class Words:
    """Turns text into content words: stop words and numbers out, endings trimmed, and each
    protocol's names for its roles (and the shared identities' own words) as one word per role."""

    def __init__(self, protocols: Iterable[Protocol]) -> None:
        shared = {s for p in protocols for r in p.roles.values() if (s := r.shared)}
        common = {tuple(stem(w) for w in _tokens(s.replace("-", " "))): s for s in shared}
        self._phrases: dict[str, dict[tuple[str, ...], str]] = {}
        self._words: dict[tuple[str, str], list[str]] = {}  # (protocol, text) → all_words, worked out once
        for protocol in protocols:
            phrases = dict(common)
            for role in protocol.roles.values():
                if role.shared:
                    phrases[tuple(stem(w) for w in _tokens(role.label))] = role.shared
            self._phrases[protocol.id] = phrases

    def of(self, protocol_id: str, text: str) -> list[str]:
        """The content words of a text of the protocol, in order; a role is `@` and its shared identity."""
        return [word for word in self.all_words(protocol_id, text)
                if word.startswith("@") or (word not in STOP_WORDS and not word.isdigit() and len(word) > 1)]

    def all_words(self, protocol_id: str, text: str) -> list[str]:
        """Every word of a text (stop words too), stemmed, with roles named by their shared identity."""
        if (known := self._words.get((protocol_id, text))) is None:
            known = self._words[(protocol_id, text)] = self._all_words(protocol_id, text)
        return known

    def _all_words(self, protocol_id: str, text: str) -> list[str]:
        words = [(word, stem(word)) for word in _tokens(text)]
        phrases = self._phrases.get(protocol_id, {})
        longest = max((len(phrase) for phrase in phrases), default=0)
        found: list[str] = []
        index = 0
        while index < len(words):
            for size in range(min(longest, len(words) - index), 0, -1):
                role = phrases.get(tuple(s for _, s in words[index:index + size]))
                if role:
                    found.append(f"@{role}")
                    index += size
                    break
            else:
                word, stemmed = words[index]
                found.append(word if word in STOP_WORDS else stemmed)
                index += 1
        return found


class Vectors:
    """Content words weighted by idf over a set of texts: a word used in few of them counts more.
    A word counts once however often a text repeats it (a list that names "committee" five times
    is no more about committees than a sentence that names it once)."""

    def __init__(self, documents: Sequence[list[str]]) -> None:
        counts = Counter(word for words in documents for word in set(words))
        total = len(documents)
        self._idf = {word: math.log((1 + total) / (1 + count)) + 1 for word, count in counts.items()}
        self._unseen = math.log(1 + total) + 1

    def of(self, words: list[str]) -> dict[str, float]:
        """The words' vector, of length 1 (empty for no words)."""
        weights = {word: self._idf.get(word, self._unseen) for word in set(words)}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {word: weight / norm for word, weight in weights.items()} if norm else {}


def similarity(first: dict[str, float], second: dict[str, float]) -> float:
    """The cosine of two vectors, rounded to 3 places (as published): 0 to 1."""
    if len(second) < len(first):
        first, second = second, first
    return round(sum(weight * second.get(word, 0.0) for word, weight in first.items()), 3)


def pair(first: Sequence[dict[str, float]], second: Sequence[dict[str, float]],
         threshold: float) -> tuple[dict[int, tuple[int, float]], list[list[float]]]:
    """One-to-one matches: the most similar pair of all first, then the most similar of the rest,
    while the similarity reaches ``threshold`` (ties: in document order). Gives each matched index
    of ``first`` → (index of ``second``, similarity), and every pair's similarity."""
    scores = [[similarity(a, b) for b in second] for a in first]
    candidates = sorted(((score, i, j) for i, row in enumerate(scores) for j, score in enumerate(row)
                         if score >= threshold), key=lambda c: (-c[0], c[1], c[2]))
    matched: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, i, j in candidates:
        if i not in matched and j not in taken:
            matched[i] = (j, score)
            taken.add(j)
    return matched, scores


def word_ratio(first: list[str], second: list[str]) -> float:
    """How alike two word sequences are, in order (difflib's ratio), rounded to 3 places."""
    return round(SequenceMatcher(None, first, second, autojunk=False).ratio(), 3)


# The comparison

@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseRef:
    """A clause as the comparison names it."""

    id: str  # qualified
    protocol: str
    label: str  # its number and heading (or first words), or where it is and its first words
    short: str  # its number, if it has one; else its label
    text: str  # its heading and plain text
    url: str  # relative to the site root

    def record(self) -> data.ClauseRef:
        return data.ClauseRef(id=self.id, label=self.label, url=self.url)


@dataclass(frozen=True, slots=True, kw_only=True)
class Nearest:
    """The most similar clause on the other side of an unmatched one (below the threshold, or taken)."""

    clause: ClauseRef
    similarity: float

    def record(self) -> data.Nearest:
        return data.Nearest(id=self.clause.id, similarity=self.similarity)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseResult:
    """One clause of the first protocol and what the second does with it."""

    first: ClauseRef
    status: Status
    second: ClauseRef | None = None
    similarity: float | None = None  # of the match
    ratio: float | None = None  # word for word, of the match
    redline: str | None = None  # the first's plain text changed into the second's, in CriticMarkup
    nearest: Nearest | None = None  # for a dropped clause

    @property
    def anchor(self) -> str:
        return f"cb_{self.first.id.split('.', 1)[1]}"

    @property
    def match(self) -> Match:
        """In both (near-identical), similar, or only in the first protocol: with its nearest
        clause of the second offered (nearest) or not (only)."""
        if self.second is not None:
            return "both" if self.status == "kept" else "similar"
        return _unmatched(self.nearest)

    @property
    def offer(self) -> Nearest | None:
        """The nearest clause of the second protocol offered as "nearest, not a match", if any."""
        return _offered(self.nearest) if self.second is None else None

    def record(self) -> data.ClauseResult:
        return data.ClauseResult(first=self.first.record(), status=self.status,
                                 second=self.second.record() if self.second else None, similarity=self.similarity,
                                 word_ratio=self.ratio, redline=self.redline,
                                 nearest=self.nearest.record() if self.nearest else None, match=self.match)


@dataclass(frozen=True, slots=True, kw_only=True)
class Added:
    """A clause of the second protocol that matches none of the first."""

    second: ClauseRef
    nearest: Nearest | None

    @property
    def match(self) -> Match:
        """Only in the second protocol: with its nearest clause of the first offered (nearest) or not (only)."""
        return _unmatched(self.nearest)

    @property
    def offer(self) -> Nearest | None:
        """The nearest clause of the first protocol offered as "nearest, not a match", if any."""
        return _offered(self.nearest)

    def record(self) -> data.Added:
        return data.Added(second=self.second.record(), nearest=self.nearest.record() if self.nearest else None,
                          match=self.match)


def _offered(nearest: Nearest | None) -> Nearest | None:
    """``nearest`` if it is near enough to offer (``NEAREST``)."""
    return nearest if nearest is not None and nearest.similarity >= NEAREST else None


def _unmatched(nearest: Nearest | None) -> Match:
    return "nearest" if _offered(nearest) else "only"


@dataclass(frozen=True, slots=True, kw_only=True)
class Duty:
    """One obligation of a shared role, as the comparison shows it."""

    id: str
    protocol: str
    modality: str
    sentence: str  # read alone, after the lead-in it completes
    statement: str  # the words that state it (matched on)
    clause: str  # the clause's label
    url: str

    @property
    def words(self) -> str:
        """Its modality in words, in the language being spoken ("must")."""
        return say(MODALITY_WORDS.get(self.modality, self.modality))

    def record(self) -> data.Duty:
        return data.Duty(id=self.id, modality=self.modality, sentence=self.sentence, url=self.url)


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyPair:
    first: Duty
    second: Duty
    similarity: float

    def record(self) -> data.DutyPair:
        return data.DutyPair(first=self.first.record(), second=self.second.record(), similarity=self.similarity)


@dataclass(slots=True, kw_only=True)
class RoleDifference:
    """What two protocols ask of one shared role: obligations both state, in the same or another
    modality, and those only one states."""

    shared: str
    first_labels: list[str]
    second_labels: list[str]
    same: list[DutyPair] = field(default_factory=list)
    modality: list[DutyPair] = field(default_factory=list)  # matched, but the modalities differ
    only_first: list[Duty] = field(default_factory=list)
    only_second: list[Duty] = field(default_factory=list)
    title: str | None = None  # its name, where not its shared identity's (in another language: its first label)

    @property
    def name(self) -> str:
        return self.title or self.shared.replace("-", " ").capitalize()

    @property
    def anchor(self) -> str:
        return f"cb_role-{self.shared}"

    @property
    def count(self) -> int:
        """How many obligations of the role the two protocols state between them."""
        return 2 * (len(self.same) + len(self.modality)) + len(self.only_first) + len(self.only_second)

    def record(self) -> data.RoleDifference:
        return data.RoleDifference(
            shared=self.shared, first_labels=tuple(self.first_labels), second_labels=tuple(self.second_labels),
            same=tuple(p.record() for p in self.same), modality_differs=tuple(p.record() for p in self.modality),
            only_first=tuple(d.record() for d in self.only_first),
            only_second=tuple(d.record() for d in self.only_second))


class Comparison:
    """Two protocols side by side: each compared clause of the ``first`` with its match in the
    ``second`` or none (``clauses``), and the ``second``'s clauses that match none (``added``)."""

    def __init__(self, dataset: Dataset, first: str, second: str) -> None:
        protocols = {protocol.id: protocol for protocol in dataset.protocols}
        self.first, self.second = protocols[first], protocols[second]
        self.names = (protocol_label(self.first, dataset.protocols), protocol_label(self.second, dataset.protocols))
        self.url = compare_url(self.first, self.second)
        self.data_url = compare_data_url(self.first, self.second)
        self.matched_in: str | None = None  # of texts in another language: the language whose texts were matched
        self.words = Words((self.first, self.second))
        records = {pid: [r for r in dataset.records if r.protocol == pid] for pid in (first, second)}
        titles = {qualified(p.id, s.id): _title(s.name) for p in (self.first, self.second) for s in p.sections}
        refs = {r.id: _clause_ref(r, titles) for rs in records.values() for r in rs}
        compared = {pid: [refs[r.id] for r in rs if _compared(r)] for pid, rs in records.items()}
        self.not_compared = {pid: [refs[r.id] for r in rs if not _compared(r)] for pid, rs in records.items()}
        self.clauses, self.added = self._match(compared[first], compared[second])
        self.roles = self._roles(records, refs)

    def in_texts(self, dataset: Dataset) -> Comparison:
        """The same comparison of the two protocols' texts in another language (``dataset``: those
        texts' records), at their own address. The build keeps the texts in step (``format.languages``:
        the same clauses, ids and obligations), so the matches, similarities and roles are this
        comparison's, worked out on the protocols' own words; each clause and obligation is named and
        quoted in the texts' words, and a match's word differences are those of its two texts."""
        texts = copy.copy(self)
        protocols = {protocol.id: protocol for protocol in dataset.protocols}
        texts.first, texts.second = protocols[self.first.id], protocols[self.second.id]
        texts.names = (protocol_label(texts.first, dataset.protocols), protocol_label(texts.second, dataset.protocols))
        texts.url = compare_url(texts.first, texts.second)
        texts.matched_in = self.first.language
        records = {pid: [r for r in dataset.records if r.protocol == pid] for pid in (self.first.id, self.second.id)}
        titles = {qualified(p.id, s.id): _title(s.name) for p in (texts.first, texts.second) for s in p.sections}
        refs = {r.id: _clause_ref(r, titles, say("In {title}")) for rs in records.values() for r in rs}

        def nearest(found: Nearest | None) -> Nearest | None:
            return replace(found, clause=refs[found.clause.id]) if found else None

        texts.clauses = []
        for result in self.clauses:
            first, second = refs[result.first.id], refs[result.second.id] if result.second else None
            texts.clauses.append(replace(result, first=first, second=second, nearest=nearest(result.nearest),
                                         redline=diff_text(first.text, second.text) if second else None))
        texts.added = [replace(added, second=refs[added.second.id], nearest=nearest(added.nearest))
                       for added in self.added]
        texts.not_compared = {pid: [refs[ref.id] for ref in found] for pid, found in self.not_compared.items()}
        duties = {duty.id: duty for by_role in self._duties(records, refs).values()
                  for found in by_role.values() for duty in found}
        texts.roles = [texts._role_in_texts(role, duties) for role in self.roles]
        return texts

    def _role_in_texts(self, role: RoleDifference, duties: dict[str, Duty]) -> RoleDifference:
        """A shared role's difference (another language's ``role``), in this comparison's texts:
        named by its labels there, each obligation in their words (``duties``, by id)."""
        labels = ([r.label for r in self.first.roles.values() if r.shared == role.shared],
                  [r.label for r in self.second.roles.values() if r.shared == role.shared])
        title = next((label[:1].upper() + label[1:] for label in (*labels[0], *labels[1])), None)

        def pair(found: DutyPair) -> DutyPair:
            return replace(found, first=duties[found.first.id], second=duties[found.second.id])

        return RoleDifference(shared=role.shared, first_labels=labels[0], second_labels=labels[1], title=title,
                              same=[pair(found) for found in role.same],
                              modality=[pair(found) for found in role.modality],
                              only_first=[duties[duty.id] for duty in role.only_first],
                              only_second=[duties[duty.id] for duty in role.only_second])

    # Clauses

    def _match(self, first: list[ClauseRef], second: list[ClauseRef]) -> tuple[list[ClauseResult], list[Added]]:
        words = [self.words.of(c.protocol, c.text) for c in first], [self.words.of(c.protocol, c.text) for c in second]
        vectors = Vectors([*words[0], *words[1]])
        matched, scores = pair([vectors.of(w) for w in words[0]], [vectors.of(w) for w in words[1]], THRESHOLD)
        results = []
        for i, clause in enumerate(first):
            if i not in matched:
                results.append(ClauseResult(first=clause, status="dropped", nearest=_nearest(scores[i], second)))
                continue
            j, score = matched[i]
            other = second[j]
            ratio = word_ratio(self.words.all_words(clause.protocol, clause.text),
                               self.words.all_words(other.protocol, other.text))
            results.append(ClauseResult(first=clause, second=other, similarity=score, ratio=ratio,
                                        status="kept" if ratio >= KEPT else "reworded",
                                        redline=diff_text(clause.text, other.text)))
        taken = {j for j, _ in matched.values()}
        added = [Added(second=clause, nearest=_nearest([row[j] for row in scores], first))
                 for j, clause in enumerate(second) if j not in taken]
        return results, added

    @property
    def example_labels(self) -> tuple[str, str] | None:
        """Two names the protocols give one role, for the page's explanation: the first role both
        name, in words that differ ("Members", "Councillors"); None if there is none."""
        for role in self.roles:
            if role.first_labels and role.second_labels and role.first_labels != role.second_labels:
                return role.first_labels[0], role.second_labels[0]
        return None

    def role_url(self, shared: str) -> str:
        """The page on one shared role: its obligations in the two protocols, matched."""
        return compare_role_url(self.first, self.second, shared)

    def matched(self, match: Literal["both", "similar"]) -> list[ClauseResult]:
        """The matches in both (near-identical) or similar, in the first protocol's order."""
        return [result for result in self.clauses if result.match == match]

    @property
    def only_first(self) -> list[ClauseResult]:
        """The first protocol's clauses that match none of the second's."""
        return [result for result in self.clauses if result.second is None]

    # Roles

    def _roles(self, records: dict[str, list[rec.Clause]], refs: dict[str, ClauseRef]) -> list[RoleDifference]:
        """Each shared role either protocol names, with the obligations of each (from the clause
        records: as amended), matched."""
        duties = self._duties(records, refs)
        order = [*dict.fromkeys(r.shared for p in (self.first, self.second) for r in p.roles.values() if r.shared)]
        return [self._role(shared, duties[self.first.id].get(shared, []), duties[self.second.id].get(shared, []))
                for shared in order]

    @staticmethod
    def _duties(records: dict[str, list[rec.Clause]], refs: dict[str, ClauseRef]) -> dict[str, dict[str, list[Duty]]]:
        """Each protocol's obligations of each shared role, by protocol id and shared identity."""
        duties: dict[str, dict[str, list[Duty]]] = {pid: {} for pid in records}
        for pid, rs in records.items():
            for record in rs:
                for obligation in record.obligations:
                    for shared in dict.fromkeys(w.shared for w in obligation.who if w.shared):
                        duties[pid].setdefault(shared, []).append(Duty(
                            id=obligation.id, protocol=pid, modality=obligation.modality,
                            sentence=obligation.sentence, statement=obligation.statement,
                            clause=refs[record.id].label, url=obligation.url or record.url))
        return duties

    def _role(self, shared: str, first: list[Duty], second: list[Duty]) -> RoleDifference:
        difference = RoleDifference(
            shared=shared, first_labels=[r.label for r in self.first.roles.values() if r.shared == shared],
            second_labels=[r.label for r in self.second.roles.values() if r.shared == shared])
        words = ([self.words.of(d.protocol, d.statement) for d in first],
                 [self.words.of(d.protocol, d.statement) for d in second])
        vectors = Vectors([*words[0], *words[1]])
        matched, _ = pair([vectors.of(w) for w in words[0]], [vectors.of(w) for w in words[1]],
                          OBLIGATION_THRESHOLD)
        for i, duty in enumerate(first):
            if i not in matched:
                difference.only_first.append(duty)
                continue
            j, score = matched[i]
            found = DutyPair(first=duty, second=second[j], similarity=score)
            (difference.same if duty.modality == second[j].modality else difference.modality).append(found)
        taken = {j for j, _ in matched.values()}
        difference.only_second = [duty for j, duty in enumerate(second) if j not in taken]
        return difference

    # The data

    def record(self, dataset: Dataset) -> Record:
        """The comparison as published in ``data/compare/<a>--<b>.json``: ``$schema``, ``version``
        and the comparison's record."""
        reference = dataset.schema_ref(SCHEMA_NAME)
        return {"$schema": reference if dataset.site_url else f"../{reference}", "version": FORMAT_VERSION,
                **published(self.published())}

    def published(self) -> data.Comparison:
        """The comparison's record (records/comparison.py)."""
        return data.Comparison(
            first=self._protocol(self.first),
            second=self._protocol(self.second),
            url=self.url,
            method=data.Method(similarity="cosine of idf weighted content words", threshold=THRESHOLD,
                               kept=KEPT, obligation_threshold=OBLIGATION_THRESHOLD, nearest=NEAREST),
            clauses=tuple(result.record() for result in self.clauses),
            added=tuple(added.record() for added in self.added),
            not_compared=data.NotCompared(first=tuple(ref.record() for ref in self.not_compared[self.first.id]),
                                          second=tuple(ref.record() for ref in self.not_compared[self.second.id])),
            roles=tuple(role.record() for role in self.roles),
        )

    @staticmethod
    def _protocol(protocol: Protocol) -> data.ComparedProtocol:
        return data.ComparedProtocol(id=protocol.id, council=protocol.council, title=protocol.title,
                                     status=protocol.status, url=f"{protocol.id}/")


def _compared(record: rec.Clause) -> bool:
    """Whether a clause is compared: it is in the text as amended and has words of its own (a
    heading over sub-clauses has none; its sub-clauses are compared)."""
    return not record.deleted and bool(record.text_plain.strip())


def _title(title: str) -> str:
    return readings.some_words(title, plain=True)


def _clause_ref(record: rec.Clause, titles: dict[str, str], where: str = "In {title}") -> ClauseRef:
    # a numbered or designated clause by its citation ("4.2", "Appendix B paragraph 1", "Table 1")
    number = record.citation if record.designation or record.reference or record.number else None
    first = record.text_plain.split()
    if record.heading or not first:
        words = " ".join(part for part in (number, record.heading) if part)
    else:
        count = LABEL_WORDS if number else SNIPPET_WORDS
        words = f"{number or ''} “{' '.join(first[:count])}{'…' if len(first) > count else ''}”".lstrip()
    if not number and not record.heading:
        words = where.format(title=titles.get(record.section, "")) + (f": {words}" if words else "")
    text = "\n".join(part for part in (record.heading, record.text_plain) if part)
    return ClauseRef(id=record.id, protocol=record.protocol, label=words, short=number or words, text=text,
                     url=record.url)


def _nearest(scores: Sequence[float], others: Sequence[ClauseRef]) -> Nearest | None:
    """The most similar of ``others`` (the first in document order of equals), if any shares a word."""
    best = max(range(len(others)), key=lambda j: (scores[j], -j), default=None)
    if best is None or scores[best] <= 0:
        return None
    return Nearest(clause=others[best], similarity=scores[best])


def percent(value: float | None) -> str:
    """A share as a whole percentage ("87%"); empty for None."""
    return "" if value is None else f"{round(value * 100)}%"


# The command line

def report(comparison: Comparison) -> Iterator[str]:
    """The comparison as plain text lines, for `clausebook compare --across`: the clauses in the
    page's four groups, then the roles."""
    first, second = comparison.names
    yield f"{first} ({comparison.first.id}) and {second} ({comparison.second.id}), side by side"
    yield (f"Clauses are matched by their content words: a match needs a similarity of at least {percent(THRESHOLD)}, "
           f"and is in both, near-identical, when at least {percent(KEPT)} the same word for word. A clause without "
           f"a match is offered its nearest clause on the other side, not as a match, when at least "
           f"{percent(NEAREST)} similar.")
    groups = [
        ("In both, near-identical", [_pair_line(r.first, r.second, r.similarity)
                                     for r in comparison.matched("both") if r.second]),
        ("Similar", [_pair_line(r.first, r.second, r.similarity) for r in comparison.matched("similar") if r.second]),
        (f"Only in {first}", [_only_line(r.first, r.offer, second) for r in comparison.only_first]),
        (f"Only in {second}", [_only_line(a.second, a.offer, first) for a in comparison.added]),
    ]
    yield ". ".join(f"{title}: {len(lines)}" for title, lines in groups) + "."
    for title, lines in groups:
        yield ""
        yield title
        yield from lines or ["  none"]
    for role in comparison.roles:
        yield ""
        yield (f"{role.name}: {len(role.same)} obligations stated by both, {len(role.modality)} stated by both with "
               f"a different must, should or may, {len(role.only_first)} only in {first}, "
               f"{len(role.only_second)} only in {second}")
        for found in role.modality:
            yield f"  {found.first.words} / {found.second.words}: {found.first.sentence}  |  {found.second.sentence}"
        yield from (f"  only in {first} ({d.words}): {d.sentence}" for d in role.only_first)
        yield from (f"  only in {second} ({d.words}): {d.sentence}" for d in role.only_second)


def _pair_line(first: ClauseRef, second: ClauseRef, similarity: float | None) -> str:
    return f"  {first.label}  |  {second.label}  ({percent(similarity)} similar)"


def _only_line(clause: ClauseRef, offer: Nearest | None, other: str) -> str:
    near = f"  (nearest in {other}, not a match: {offer.clause.label}, {percent(offer.similarity)})" if offer else ""
    return f"  {clause.label}{near}"
