"""An obligation's sentence read alone: the words a role page, the comparison or a downstream
tool shows away from the clause, complete enough to act on.

The quote only says where the obligation is: the sentence is every whole sentence of the text
the quote overlaps. Around it come the words it completes (a lead-in, a parent item), the items
that complete it (a lead-in's list, an item's sub-items), and the tail it runs on into. Where the
sentence does not name who acts ("They should…", "Such Councillors…", "I treat…", "Be
professional"), the roles' labels, and a modal verb the source leaves to its heading, are
supplied; each supplied run is kept as a span, so a page can show it as supplied. Only in
English: a text in another language (Welsh) is read alone as printed, its lead-in, items and tail
joined, with no English word supplied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from clausebook import readings
from clausebook.format import markup, tagging
from clausebook.format.languages import primary
from clausebook.format.model import (
    Item,
    ItemList,
    Obligation,
    Place,
    Protocol,
    Text,
)
from clausebook.records.types import MODALITY_WORDS

# A verb that says a duty or power: a sentence with one has its modal already.
AUXILIARY = re.compile(r"\b(?:must|should|shall|will|may|need|needs|can|could|would|might|ought|is to|are to|"
                       r"expected to|entitled to|required to|(?:has|have) the right|do not|does not)\b")
# Supplied words are held between these two private-use characters until the spans are taken.
OPEN, CLOSE = "\ue000", "\ue001"
# A closing mark of words that something else completes: a colon, dash, semicolon or comma.
LEAD_END = re.compile(r"[\s:;,\u2014\u2013-]*$")
# The closing mark of an item, with the "and"/"or" that joins it to the next (in Welsh: a, ac, neu).
ITEM_END = re.compile(r"(?:[\s;,\u2014\u2013-]|\b(?:and|or|but|nor|a|ac|neu)\b)*$")
JOINER = re.compile(r"(?:\s|\b(?:and|or|but|nor)\b)*$")
ITEM_START = re.compile(r"^(?:and|or|but)\s+")
SENTENCE_CLOSE = re.compile(r"[.!?][\"”'’)\]]*$")
FRAME = re.compile(r"^As an? [\w\s-]+$")  # "As a councillor": a lead that only says who speaks
ACTOR = re.compile(r"^(?:They|He\s*(?:/|or)\s*[Ss]he|She\s*(?:/|or)\s*[Hh]e|He|She|We)\b")
# "Such Councillors": the people a sentence before described; a role's label stands in for them.
SUCH = re.compile(r"^Such ([A-Z]?[a-z]+)\b")
PEOPLE = frozenset({"councillors", "officers", "members", "persons", "people", "individuals", "chairs", "employees",
                    "staff", "councillor", "officer", "member", "person", "individual", "chair", "employee"})
PERSON = re.compile(r"^(?:I|[Yy]ou)\b")
BACK_REFERENCE = re.compile(r"^(?:This|These|That|Those|Such|It(?! is| will be| would be| may be| should be)"
                            r"|(?:Where|When|If|Unless|As|Once) (?:they|it|this|these)"
                            r"|[A-Z][\w ]{0,40}, (?:they|he|she|he or she|this|these"
                            r"|it(?! is| will| would| may))(?= \w)"
                            r"|They \w+(?: never| not| only| always)? be \w+(?:ed|en)\b)\b")
# First words that start a sentence with its subject, not a verb in the imperative.
NOT_VERBS = frozenset({"the", "a", "an", "all", "any", "each", "every", "no", "this", "these", "those", "such", "their",
                       "his", "her", "its", "our", "it", "there", "councillors", "officers", "members", "both",
                       "neither", "either", "nothing", "where", "when", "if", "unless", "before", "after", "in", "on",
                       "as", "while", "whilst", "except", "during", "for", "to", "not"})
# Words that open a phrase before the subject ("Where relevant to casework, declare…").
OPENERS = re.compile(r"^(?:Where|When|If|Unless|Before|After|In|On|As|While|Whilst|During|Subject to|Except)\b[^,]*, ")
SUBJECTS = frozenset({"the", "a", "an", "all", "any", "each", "every", "no", "councillors", "officers", "members"})
IMPERATIVE_NOT = re.compile(r"^(?:[Dd]o not|[Dd]on't|[Nn]ever)\s+")
FINITE = re.compile(r"^(?:Are|Is|Have|Has|Were|Was|Can|Could|Will|Would|Shall|Must|Should|May|Might|Need)\b")
LOWER_MODAL = re.compile(r"^(?:must|should|shall|will|may|need|can|could|would|might|are|is|have|has|do|does)\b")
# Which pronouns follow a first- or second-person subject into the roles' third person.
PERSONAL = re.compile(r"(?<![(\w])(?<!Part )(?<!Schedule )(?P<pronoun>I(?![.)])|[Yy]ou|my|mine|me|myself|[Yy]our|"
                      r"yours|yourself|yourselves)(?![)\w])(?P<am> am\b)?")
# Words after "you" that show it is acted on ("grant you a dispensation", "or you as a member").
ACTED_ON_BEFORE = re.compile(r"\s*(?:$|[^\w\s]|(?:a|an|the|as|any|this|that|to|in|on|at|for|with|from|by|about|and|"
                             r"or|if|when|where|whether)\b)")
PRONOUNS = {"my": "their", "mine": "theirs", "me": "them", "myself": "themselves", "your": "their",
            "yours": "theirs", "yourself": "themselves", "yourselves": "themselves"}
# Words after which "you" is acted on ("to you", "asks of you", "gives you"), not acting.
ACTED_ON_AFTER = frozenset({
    "to", "for", "of", "with", "by", "from", "on", "about", "against", "at", "towards", "upon", "into", "than",
    "give", "gives", "given", "tell", "tells", "told", "ask", "asks", "asked", "help", "helps", "let", "lets",
    "allow", "allows", "require", "requires", "required", "expect", "expects", "prevent", "prevents", "offer",
    "offers", "offered", "send", "sends", "sent", "show", "shows", "contact", "contacts", "advise", "advises",
})
# An imperative "Do not …" says the modality's negative ("should" → "should not"); beside a power
# in the same sentence ("Do not …, but may …") it is still a "should not".
NEGATIVE = {"must": "must not", "should": "should not", "may": "should not", "has-right-to": "should not",
            "need-not": "need not", "must-not": "must not", "should-not": "should not", "may-not": "may not"}



@dataclass(frozen=True, slots=True)
class Standalone:
    """A sentence that stands alone, with the spans (start, end) of the words it supplies."""

    text: str
    supplied: tuple[tuple[int, int], ...] = ()


def _words(text: Text) -> str:
    """A run of text's plain words in the reading it belongs to, paragraphs joined by a space."""
    return tagging.reading(readings.own_words(text.markdown, text.change))[0]


def _sentences(text: Text) -> list[str]:
    """A run of text's sentences (its paragraphs' sentences, in order), as the tagging check reads them."""
    return [part.text for part in tagging.reading(readings.own_words(text.markdown, text.change))[1]]


def _last_sentence(text: Text) -> str:
    """A lead-in's last sentence, from a sentence earlier where it refers back ("This means:")."""
    parts = _sentences(text)
    return " ".join(parts[max(_antecedent(parts, len(parts) - 1), 0):])


def _located(text: Text, quote: str | None) -> tuple[str, bool]:
    """The whole sentences the quote overlaps (the first sentence without one), a sentence
    earlier where the first refers back ("This must…"), and whether they end the text."""
    parts = _sentences(text)
    if not parts:
        return "", True
    chosen = [0]
    if quote is not None and (wanted := markup.plain(quote)):
        offsets, position = [], 0
        for part in parts:
            offsets.append(position)
            position += len(part) + 1
        start = " ".join(parts).find(wanted)
        if start >= 0:
            end = start + len(wanted)
            chosen = [i for i, part in enumerate(parts) if offsets[i] < end and start < offsets[i] + len(part)]
    return " ".join(parts[_antecedent(parts, chosen[0]) : chosen[-1] + 1]), chosen[-1] == len(parts) - 1


def _antecedent(parts: list[str], first: int) -> int:
    """Where a sentence that refers back starts reading: one sentence earlier, and further while
    that sentence starts with a pronoun too ("This can range…")."""
    if first > 0 and BACK_REFERENCE.match(parts[first]) and not _such_people(parts[first]):
        first -= 1
        while first > 0 and BACK_REFERENCE.match(parts[first]) and not parts[first].startswith("Such "):
            first -= 1
    return first


def _such_people(sentence: str) -> bool:
    """Whether a sentence starts "Such Councillors…": the actor, whom the roles' labels name."""
    match = SUCH.match(sentence)
    return match is not None and match.group(1).lower() in PEOPLE


def _listed(items: tuple[Item, ...]) -> Iterator[str]:
    """Items as printed, each with its label, its sub-items and its tail."""
    for item in items:
        words = _words(item.text)
        if words or item.items:
            yield f"{item.label} {words}".strip() if item.label else words
        yield from _listed(item.items)
        if item.tail is not None and (tail := _words(item.tail)):
            yield tail
        tail_list = item.tail_list
        while tail_list is not None:  # the items the tail introduces, and the words after them
            yield from _listed(tail_list.items)
            if tail_list.tail is not None and (tail := _words(tail_list.tail)):
                yield tail
            tail_list = tail_list.tail_list


def _with_items(words: str, items: tuple[Item, ...], tail: Text | None, tail_list: ItemList | None = None) -> str:
    """Words that items complete, followed by those items and the tail (and the items the tail
    introduces)."""
    listed = " ".join(part for part in _listed(items) if part)
    if not listed:
        return words
    after = f" {_tail_words(tail)}" if tail is not None else ""
    if tail is not None and tail_list is not None:
        after = f" {_with_items(_tail_words(tail), tail_list.items, tail_list.tail, tail_list.tail_list)}"
    return f"{ITEM_END.sub('', LEAD_END.sub('', words))}: {listed}{after}"


def _tail_words(tail: Text) -> str:
    """A tail's first sentence: the words that finish the sentence its list is in."""
    parts = _sentences(tail)
    return parts[0] if parts else ""


def _before_tail(words: str) -> str:
    """An item's words before the tail they run on into: without the "and"/"or" and semicolon that
    join it to the next item, but with a comma it prints ("information, unless…")."""
    return ITEM_END.sub("", words) if not (kept := JOINER.sub("", words)).endswith(",") else kept


def _joined(parts: list[str]) -> str:
    return " ".join(part for part in parts if part)


def standalone(place: Place, obligation: Obligation, protocol: Protocol) -> Standalone:
    """An obligation's sentence read alone, with the spans of the words it supplies."""
    core, ends_text = _located(place.text, obligation.quote)
    outer = [words for text in place.before if (words := ITEM_END.sub("", LEAD_END.sub("", _last_sentence(text))))]
    if place.between:
        listed = " ".join(part for part in _listed(place.between) if part)
        outer = [f"{_joined(outer)}: {listed}" if outer else listed]
    if ends_text and place.items:
        core = _with_items(core, place.items, place.tail, place.tail_list)
    if ends_text and place.tails:
        core = _joined([_before_tail(core), *(_tail_words(tail) for tail in place.tails)])
    if primary(protocol.language) != "en":
        return _finished(_joined([*outer, core]))
    actor = _actor(obligation, protocol)
    if outer and FRAME.match(outer[-1]) and PERSON.match(core):
        outer = outer[:-1]
    if outer and place.item:
        core = ITEM_START.sub("", core)
    if outer and place.item and _whole(core, actor):
        outer = []  # an item that is a sentence of its own ("Officers must:" + "Officers have the right…")
    if not outer:
        core = _subject(core, actor, obligation, item=place.item)
    else:
        lead = _joined(outer)
        named = _subject(lead, actor, obligation, item=place.item)  # a cell's own lead-in may be a verb phrase
        if place.item and named == lead:
            core = _after_lead(lead, core, obligation, actor)
        core = f"{named} {core}"
    return _finished(_in_person(core, actor) if PERSON.match(core) else core)


def _actor(obligation: Obligation, protocol: Protocol) -> str:
    labels = [protocol.roles[role].label for role in obligation.who if role in protocol.roles]
    if len(labels) > 2:
        return f"{', '.join(labels[:-1])} and {labels[-1]}"
    return " and ".join(labels)


def _supplied(words: str) -> str:
    return f"{OPEN}{words}{CLOSE}"


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _plural(actor: str, obligation: Obligation) -> bool:
    return len(obligation.who) > 1 or actor.endswith("s")


def _modal(obligation: Obligation, actor: str) -> str:
    words = MODALITY_WORDS[obligation.modality]
    return words.replace("has the", "have the") if _plural(actor, obligation) else words


def _lower_first(words: str) -> str:
    """An imperative's first word in lower case, unless it is an acronym or a name ("Be" → "be")."""
    if len(words) > 1 and words[0].isupper() and not words[1].isupper():
        return words[0].lower() + words[1:]
    return words


def _imperative(words: str, actor: str) -> bool:
    """Whether an item's words begin with a verb in the imperative ("Be professional"): a capital,
    no modal verb, and a first word that is not a finite verb, a determiner or a role's name."""
    first = words.split(" ", 1)[0].lower()
    return (bool(words) and words[0].isalpha() and AUXILIARY.search(words.lower()) is None
            and not FINITE.match(_capital(words)) and first not in NOT_VERBS and first not in PRONOUNS
            and not words.lower().startswith("subject to ")
            and first not in ("i", "you", "they", "we", "he", "she") and first not in actor.lower().split())


def _whole(words: str, actor: str) -> bool:
    """Whether an item's words are a sentence of their own: a capital, a subject (a determiner or
    a role's name first) and a modal verb."""
    first = words.split(" ", 1)[0].lower()
    return (words[:1].isupper() and AUXILIARY.search(words.lower()) is not None
            and (first in SUBJECTS or first in actor.lower().split()))


def _subject(words: str, actor: str, obligation: Obligation, *, item: bool) -> str:
    """Sentence-initial words with their actor named: a pronoun or "Such …" replaced by the roles'
    labels, and, in an item, a missing subject (an imperative, a bare modal) supplied."""
    if not actor:
        return words
    if (match := ACTOR.match(words)) or (_such_people(words) and (match := SUCH.match(words))):
        return _supplied(_capital(actor)) + words[match.end():]
    if PERSON.match(words):
        return words  # _in_person turns every "I" and "you" into the roles
    if not item:
        return words
    if match := IMPERATIVE_NOT.match(words):
        return _supplied(f"{_capital(actor)} {NEGATIVE[obligation.modality]}") + " " + words[match.end():]
    if LOWER_MODAL.match(words):
        return _supplied(_capital(actor)) + " " + words
    if (opener := OPENERS.match(words)) and _imperative(rest := words[opener.end():], actor):
        return opener.group() + _supplied(f"{actor} {_modal(obligation, actor)}") + " " + _lower_first(rest)
    if _imperative(words, actor):
        return _supplied(f"{_capital(actor)} {_modal(obligation, actor)}") + " " + _lower_first(words)
    return words


def _after_lead(lead: str, words: str, obligation: Obligation, actor: str) -> str:
    """An item's words after its lead-in: a modal supplied where neither says one ("Both Officers
    and Councillors" + "Be professional" → "… should be professional")."""
    if IMPERATIVE_NOT.match(words) and AUXILIARY.search(lead.lower()) is None:
        match = IMPERATIVE_NOT.match(words)
        assert match is not None
        return _supplied(NEGATIVE[obligation.modality]) + " " + words[match.end():]
    if _imperative(words, actor) and AUXILIARY.search(lead.lower()) is None:
        return _supplied(_modal(obligation, actor)) + " " + _lower_first(words)
    return _lower_first(words) if words[:1].isupper() and not PERSON.match(words) and _continues(lead) else words


def _continues(lead: str) -> bool:
    """Whether a lead-in's sentence runs on into its item (no full stop closes it)."""
    return not SENTENCE_CLOSE.search(lead)


def _in_person(words: str, actor: str) -> str:
    """A first- or second-person sentence in the roles' third person: the first "I" or "you"
    becomes the roles (unless the sentence named them before it), a later one "they" where it acts
    and "them" where it is acted on; "my"/"your" become "their", and so on (each one supplied)."""
    if not actor or not PERSONAL.search(words):
        return words
    named = False
    label = re.compile(rf"(?<!\w){re.escape(actor)}(?!\w)", re.IGNORECASE)

    def person(match: re.Match[str]) -> str:
        nonlocal named
        pronoun = match.group("pronoun")
        if pronoun.lower() in PRONOUNS:
            return _supplied(PRONOUNS[pronoun.lower()])
        if not named and not label.search(words, 0, match.start()):
            named = True
            return _supplied(actor) + (" " + _supplied("are") if match.group("am") else "")
        named = True
        before = words[: match.start()].split()
        if pronoun == "you" and ((before and before[-1].lower() in ACTED_ON_AFTER)
                                 or ACTED_ON_BEFORE.match(words, match.end())):
            return _supplied("them")
        return _supplied("they") + (" " + _supplied("are") if match.group("am") else "")

    return PERSONAL.sub(person, words)


def _finished(words: str) -> Standalone:
    """The sentence closed with a full stop, capitalised, and its supplied spans taken out."""
    words = re.sub(r"\s+", " ", words).strip()
    words = ITEM_END.sub("", LEAD_END.sub("", words)) if not SENTENCE_CLOSE.search(words) else words
    if not SENTENCE_CLOSE.search(words.replace(CLOSE, "")):
        words += "."
    if words[:1].islower():
        words = words[0].upper() + words[1:]
    elif words[:1] == OPEN and words[1:2].islower():
        words = OPEN + words[1].upper() + words[2:]
    text, spans, start = "", [], 0
    for piece in re.split(f"([{OPEN}{CLOSE}])", words):
        if piece == OPEN:
            start = len(text)
        elif piece == CLOSE:
            spans.append((start, len(text)))
        else:
            text += piece
    return Standalone(text, tuple(spans))
