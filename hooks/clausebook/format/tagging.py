"""Obligations complete: every sentence that reads as an obligation is tagged.

A sentence in which someone must, should, shall, will, may, is to, is expected to, needs to, is
encouraged to, is entitled to or has the right to do something, need not or is not required to do
it, or is not prevented from it, or in which "I" do or do not do something (a first-person code)
is either an obligation or a not_obligation with a reason. This stage finds the sentences of the
text as amended that are neither, and reports each as a warning (an error under ``--strict``).
Drafts are exempt, and so are front and end matter, and the words after a list (`tail`), which
finish a sentence whose obligations are tagged where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from clausebook.format import markup, sentences
from clausebook.format.model import Clause, Definitions, Item, ItemList, Protocol, Table, Text, block_texts, item_texts
from clausebook.format.problems import Problem, at
from clausebook.format.sentences import Sentence

MODAL = re.compile(
    r"\b(?:must|should|shall|will|(?<![0-9] )may(?! [0-9])"
    r"|(?:is|are)\s+(?:to|expected\s+to|encouraged\s+to|entitled\s+to)"
    r"|needs?\s+(?:to|not)|(?:is|are)\s+not\s+required\s+to|(?:does|do)\s+not\s+prevent"
    r"|i\s+(?:do\s+not|don't|am\s+to)"
    r"|(?:has|have)\s+(?:the|a)\s+right)\b"
)  # matched against lower-cased text: twice as fast as re.IGNORECASE
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Markup or tracked changes can join words into a phrase the typed text does not show.
MARKUP = re.compile(r"[{*_\[\\]")
QUOTED_LENGTH = 80
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


def reads_as_obligation(sentence: str) -> bool:
    """Whether the sentence has one of the words or phrases that mark an obligation."""
    return MODAL.search(sentence.lower()) is not None


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
            else:
                for row in block.rows:
                    for cell in row.cells:
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
    """A warning for every untagged sentence that reads as an obligation (in drafts too, if ``drafts``)."""
    return [
        at(text.origin, f'untagged: "{_cut(sentence)}" reads as an obligation: tag it under obligations, '
           "or under not_obligations with a reason", snippet=_snippet(text, sentence), warning=True)
        for protocol in protocols
        for text, sentence in untagged(protocol, drafts=drafts)
    ]


def _cut(sentence: str) -> str:
    return sentence if len(sentence) <= QUOTED_LENGTH else sentence[: QUOTED_LENGTH - 1].rstrip() + "…"


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
