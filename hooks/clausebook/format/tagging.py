"""Obligations complete: every sentence that reads as an obligation is tagged.

A sentence in which someone must, should, shall, will, may, is to, is expected, entitled, required
or obliged to, needs to, has to, has the right, duty or responsibility to do something, need not,
does not have to or is not required to do it, or is not prevented from it, or in which "I" act or
do not act (a first-person code: "I register …", "As a councillor, I treat …") is either an
obligation or a not_obligation with a reason. Words that only look like these (set phrases such as
"as the case may be", relative clauses such as "goods which are to be supplied", "may" and "will"
describing what happens) are left out. This stage finds the sentences of the text as amended that
are neither, and reports each as a warning (an error under ``--strict``) naming the words that made
it read as an obligation. Drafts are exempt, and so are front and end matter, and the words after
a list (`tail`), which finish a sentence whose obligations are tagged where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from clausebook.format import markup, sentences
from clausebook.format.model import Clause, Definitions, Item, ItemList, Protocol, Table, Text, block_texts, item_texts
from clausebook.format.problems import Problem, at
from clausebook.format.sentences import Sentence

# Matched against lower-cased text (twice as fast as re.IGNORECASE). Each alternative is a
# phrase an author would quote back: the modal with the "not" or "never" after it.
_NOT = r"(?:\s+(?:not|never))?"
# "may", but not the month ("1 May", "May 2024", "in May").
_MAY = r"(?<![0-9] )(?<!\bin )(?<!\bof )(?<!\bby )(?<!\bsince )(?<!\buntil )may(?! [0-9])"
MODAL = re.compile(
    rf"\b(?:must{_NOT}|should{_NOT}|shall{_NOT}|will{_NOT}|{_MAY}{_NOT}"
    r"|(?:is|are|am)\s+(?:not\s+)?(?:to|expected\s+to|encouraged\s+to|entitled\s+to|required\s+to"
    r"|obliged\s+to|bound\s+to)"
    r"|needs?\s+(?:to|not)|(?:do|does|did)\s+not\s+need\s+to|(?:don't|doesn't)\s+need\s+to"
    r"|(?:has|have)\s+to|(?:do|does)\s+not\s+have\s+to|(?:don't|doesn't)\s+have\s+to"
    r"|(?:does|do|shall|will)\s+not\s+prevent|nor\s+does\s+(?:it|this|anything)\s+prevent"
    r"|nothing\b[^.;]{0,80}?\bprevents?"
    r"|(?:has|have)\s+(?:the|a|no)\s+(?:right|duty|responsibility|obligation|power)"
    r"|it\s+is\s+(?:essential|important|vital|imperative|crucial)\s+that"
    r"|(?:can|may)\s+expect"
    r"|\bis\s+(?:[a-z]+\s+)?(?:for|a\s+matter\s+for)\s+(?:[a-z]+\s+){1,5}?to\s+(?:decide|take|determine|judge|agree)"
    r"|(?:you|i)\s+needs?\s+(?:a|an|the)"
    # "I" acting, at the start of a sentence or clause (a first-person code): "I register …",
    # "As a councillor, I treat …", "I, as chair, do not …", but not "I was", "I am a member".
    r"|(?:^|(?<=[,:;(]\s)|(?<=\band\s)|(?<=\bbut\s))i(?:,[^,]{1,40},)?"
    r"\s+(?:(?:do\s+not|don't|never|always|also|only|will|shall|must|should|may)\s+)?"
    r"(?!(?:was|were|am|is|had|have|has|would|could|might|can|understand|mean|think|believe|know|hope"
    r"|feel|say|said|see|do|be)\b|[a-z]+ed\b)[a-z]+"
    r"|i\s+am\s+(?:not\s+)?(?:to|expected|entitled|required|obliged|bound)\b"
    r"|i\s+(?:do\s+not|don't)\s+(?!have\s+(?!to\b))[a-z]+)\b"
)
# Words that look like a modal but bind no one, blanked out before the search: set phrases,
# relative clauses ("goods which are to be supplied"), statements of purpose ("the purpose of the
# protocol is to"), interpretation ("is to be read as"), and "may", "will" and "shall" describing
# what happens or what a word means.
NEUTRAL = re.compile(
    r"\bas\s+(?:the\s+case\s+)?may\s+be\b"
    r"|\b(?:which|that|whom?|whose)\s+(?:[a-z]+\s+){0,3}?(?:is|are)\s+to\b"
    r"|\b(?:purpose|objective|object|aim|intention|goal|role)s?\b(?:\s+of\b[^.;:]{0,60}?)?\s+(?:is|are)\s+to\b"
    r"|\b(?:should|must|is\s+to|are\s+to)\s+be\s+read\s+(?:in\s+conjunction|with|alongside|together|as)\b"
    r"|\b(?:is|are)\s+to\s+be\s+(?:found|construed|read|understood|taken\s+as|regarded\s+as)\b"
    r"|\bwhether\s+(?:[a-z']+\s+){0,4}?(?:will|should|must|may|shall)\b"
    r"|\bmay\s+(?:also\s+|well\s+|even\s+)?(?:be\s+(?:a|an|the|characterised|described|defined|situated"
    r"|regarded|considered|seen|subject|necessary|relevant|affected|helpful|useful|difficult|possible"
    r"|different|located|held)|lead|result|affect|arise|include|involve|vary|differ|occur|happen|mean"
    r"|seem|appear|cause|become|have\s+been)\b"
    r"|\b(?:will|may)\s+(?:also\s+)?be\s+asked\b|\bwill\s+(?:usually|normally|generally|typically|often)\s+take\b"
    r"|\bwill\s+(?:recall|find|note|know|appreciate|see|be\s+aware|have\s+(?:been|[a-z]+(?:ed|en))"
    r"|be\s+[a-z]+ing)\b"
    r"|\bshall\s+(?:come\s+into|take\s+effect|have\s+effect|mean|include|be\s+construed|be\s+read"
    r"|(?:not\s+)?apply|cease)\b"
)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Markup or tracked changes can join words into a phrase the typed text does not show.
MARKUP = re.compile(r"[{*_\[\\]")
QUOTED_LENGTH = 80
OPENING_LENGTH = 30  # a long sentence's first words, before those around its trigger
CONTEXT_LENGTH = 12
SNIPPET_WORDS = 6


def reading(markdown: str) -> tuple[str, list[Sentence]]:
    """The plain words of amended Markdown (paragraphs joined by a space) and its sentences:
    paragraphs split at blank lines, each paragraph into sentences (``sentences.split``)."""
    paragraphs = [plain for paragraph in PARAGRAPH_BREAK.split(markdown) if (plain := markup.plain(paragraph))]
    found: list[Sentence] = []
    offset = 0
    for plain in paragraphs:
        found += [Sentence(part.text, offset + part.start, offset + part.end) for part in sentences.split(plain)]
        offset += len(plain) + 1
    return " ".join(paragraphs), found


def trigger(sentence: str) -> str | None:
    """The words that make the sentence read as an obligation ("must not", "I register", "you
    do not have to"), as the sentence has them; None when it has none."""
    found = _trigger_span(sentence)
    return None if found is None else sentence[found[0]:found[1]]


def _trigger_span(sentence: str) -> tuple[int, int] | None:
    """Where in the sentence its triggering words start and end."""
    match = MODAL.search(NEUTRAL.sub(_blank, sentence.lower()))
    if match is None:
        return None
    start, end = match.span()
    while start < end and not sentence[start].isalnum():
        start += 1
    return start, end


def _blank(match: re.Match[str]) -> str:
    # The same length, so positions still match the sentence; not letters or spaces, so no
    # phrase is made across the gap.
    return "#" * len(match.group())


def reads_as_obligation(sentence: str) -> bool:
    """Whether the sentence has one of the words or phrases that mark an obligation."""
    return trigger(sentence) is not None


def _texts(clause: Clause) -> Iterator[tuple[Text, Callable[[], bool]]]:
    """Each run of text in a clause's body, in reading order, with a test of whether its last
    sentence is completed by items that carry obligations (a list's or table's lead, or an item
    with sub-items)."""
    for block in clause.body:
        lead = getattr(block, "lead", None)
        if isinstance(block, (ItemList, Table)):
            if lead is not None:
                yield lead, partial(_lead_completed, block, lead)
            if isinstance(block, ItemList):
                yield from _item_texts(block.items)
                yield from _tail_list_texts(block.tail_list)
            else:
                for row in block.rows:
                    for cell, cell_lead in zip(row.cells, row.cell_leads(), strict=True):
                        if cell_lead is not None:
                            yield cell_lead, partial(_items_carry, cell)
                        yield from _item_texts(cell)
        elif isinstance(block, Definitions):
            if lead is not None:
                yield lead, _never
            for definition in block.definitions:
                yield definition.text, partial(_items_carry, definition.items)
                yield from _item_texts(definition.items)
        else:
            for text in block_texts(block):
                yield text, _never


def _item_texts(items: tuple[Item, ...]) -> Iterator[tuple[Text, Callable[[], bool]]]:
    for item in items:
        yield item.text, partial(_items_carry, item.items)
        yield from _item_texts(item.items)
        yield from _tail_list_texts(item.tail_list)


def _tail_list_texts(tail_list: ItemList | None) -> Iterator[tuple[Text, Callable[[], bool]]]:
    """The items a tail introduces (the tails themselves finish a sentence tagged where it starts)."""
    while tail_list is not None:
        yield from _item_texts(tail_list.items)
        tail_list = tail_list.tail_list


def _never() -> bool:
    return False


def _lead_completed(block: ItemList | Table, lead: Text) -> bool:
    return any(_carries(text) for text in block_texts(block) if text is not lead)


def _items_carry(items: tuple[Item, ...]) -> bool:
    return any(_carries(text) for text in item_texts(items))


def _carries(text: Text) -> bool:
    """Whether a text states an obligation in the reading as amended."""
    return text.change != "deleted" and any(
        getattr(obligation, "change", None) != "deleted" for obligation in text.obligations)


def _covered(text: Text, words: str, parts: list[Sentence]) -> set[int] | None:
    """The indexes of the sentences that the text's tags cover: a tag without a quote covers the
    first sentence, a quote every sentence it overlaps (where it is first found). None when a
    quote is not in the text: which sentence it meant is unknown, and the quote check reports it."""
    covered: set[int] = set()
    tags = [*(o for o in text.obligations if getattr(o, "change", None) != "deleted"), *text.not_obligations]
    for tag in tags:
        if tag.quote is None:
            covered.add(0)
            continue
        quote = markup.plain(tag.quote)
        start = words.find(quote) if quote else -1
        if start < 0:
            return None
        end = start + len(quote)
        covered |= {index for index, part in enumerate(parts) if part.start < end and start < part.end}
    return covered


def untagged(protocol: Protocol, *, drafts: bool = False) -> Iterator[tuple[Text, str]]:
    """Each sentence that reads as an obligation but is neither tagged as one nor marked as not
    one, with its text, in document order. Nothing for a draft (unless ``drafts``: a draft just
    imported from Word, to be tagged), nor for a text with an error of its own (markup refused, a
    quote not found): its reading is in doubt, and the error stands for it."""
    if protocol.status == "draft" and not drafts:
        return
    clauses = (clause for section in protocol.sections if section.matter is None for clause in section.walk())
    for clause in clauses:
        for text, completed in _texts(clause):
            if text.change == "deleted" or not (reads_as_obligation(text.markdown)
                                                or MARKUP.search(text.markdown)):
                continue
            words, parts = reading(text.amended)
            if len(parts) > 1 and not reads_as_obligation(words):
                continue
            covered = _covered(text, words, parts)
            if covered is None:
                continue
            last = len(parts) - 1
            found = [part.text for index, part in enumerate(parts) if index not in covered
                     and reads_as_obligation(part.text) and not (index == last and completed())]
            if found and not markup.problems(text.markdown):
                for sentence in found:
                    yield text, sentence


def check(protocols: list[Protocol], *, drafts: bool = False) -> list[Problem]:
    """A warning for every untagged sentence that reads as an obligation (in drafts too, if
    ``drafts``), naming the words that make it read as one."""
    return [warning(text, sentence) for protocol in protocols for text, sentence in untagged(protocol, drafts=drafts)]


def warning(text: Text, sentence: str) -> Problem:
    """The warning for one untagged sentence of a text: the sentence (cut short around its
    triggering words if long) and those words, pointing at where the sentence starts."""
    span = _trigger_span(sentence) or (0, 0)
    words = sentence[span[0]:span[1]]
    return at(text.origin, f'untagged: "{_cut(sentence, *span)}" reads as an obligation ("{words}"): tag it under '
              "obligations, or under not_obligations with a reason", snippet=_snippet(text, sentence), warning=True)


def _cut(sentence: str, start: int, end: int) -> str:
    """The sentence, or if long its opening words and the words around [start, end), so that the
    triggering words are always shown."""
    if len(sentence) <= QUOTED_LENGTH:
        return sentence
    if end <= QUOTED_LENGTH - 1:
        return sentence[: QUOTED_LENGTH - 1].rstrip() + "…"
    opening = sentence[:OPENING_LENGTH].rsplit(" ", 1)[0]
    left = sentence.rfind(" ", 0, max(start - CONTEXT_LENGTH, 0)) + 1
    right = sentence.find(" ", min(end + CONTEXT_LENGTH, len(sentence)))
    right = len(sentence) if right < 0 else right
    middle = sentence[max(left, len(opening)):right].strip()
    return f"{opening} … {middle}" + ("…" if right < len(sentence) else "")


def _snippet(text: Text, sentence: str) -> str | None:
    """The sentence's first words as the author typed them, to point at inside the value."""
    typed = " ".join(text.markdown.split())
    words = sentence.split()[:SNIPPET_WORDS]
    while words:
        snippet = " ".join(words)
        if snippet in typed:
            return snippet
        words.pop()
    return None
