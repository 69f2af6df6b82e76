"""Sentences of plain text: where one ends and the next begins.

A sentence ends at a full stop, question or exclamation mark followed by space and a capital, an
opening bracket or quote, or a digit; not after an abbreviation that is followed by more of the
same sentence ("e.g.", "i.e.", "No. 3", "para. 4", "Mr."), nor before a lower-case word ("etc.
and"). Every stage that reads a text sentence by sentence (the tagging
check, an obligation's sentence, the glossary's first sentence) splits it here, so they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a capital or number still continues the sentence.
ABBREVIATIONS = frozenset({
    "e.g", "eg", "i.e", "ie", "viz", "cf", "no", "nos", "para", "paras", "p", "pp", "s", "ss",
    "sch", "art", "reg", "regs", "cl", "sec", "ch", "vol", "fig", "mr", "mrs", "ms", "dr", "prof",
    "cllr", "st", "rt", "hon", "approx", "ref", "tel", "inc", "ltd", "co", "vs", "v",
})
BREAK = re.compile(r"(?<=[.!?])[\"”'’)\]]*\s+(?=[\"“'‘(\[]?[A-Z0-9])")
WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a plain text, with where it sits in that text."""

    text: str
    start: int
    end: int


def _ends_sentence(plain: str, stop: int) -> bool:
    """Whether the mark just before ``stop`` (the end of "word.") closes a sentence."""
    if plain[stop - 1] != ".":
        return True
    match = WORD_BEFORE.search(plain, 0, stop)
    if match is None:
        return True
    word = match.group(1).lower()
    return word not in ABBREVIATIONS


def split(plain: str) -> list[Sentence]:
    """The sentences of one paragraph of plain text, in order, each without the space around it."""
    found: list[Sentence] = []
    start = 0
    for match in BREAK.finditer(plain):
        stop = match.start()
        closing = len(plain[stop:match.end()]) - len(plain[stop:match.end()].lstrip("\"”'’)]"))
        if not _ends_sentence(plain, stop):
            continue
        end = stop + closing
        if plain[start:end].strip():
            found.append(Sentence(plain[start:end], start, end))
        start = match.end()
    if plain[start:].strip() or not found:
        found.append(Sentence(plain[start:], start, len(plain)))
    return found


def first(plain: str) -> str:
    """The first sentence of a plain text (the whole text if it has one)."""
    return split(plain)[0].text
