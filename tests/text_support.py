"""Reading a document's text back as a reader's tool gives it (pdftotext, LibreOffice's text
export) and finding the protocol's words in it: the print and Word tests share these."""

from __future__ import annotations

import unicodedata

PUNCTUATION = ".,;:()[]“”‘’\"'…"
# The words a document may show inside a run of text that the source has not: an item's label, a
# cross-reference's number.
GAP = 6


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def tokens(text: str) -> list[str]:
    """The words of a text, without the punctuation around them (a printed cross-reference's
    number may stand between a word and its comma)."""
    return [bare for word in normal(text).split() if (bare := word.strip(PUNCTUATION))]


def find(haystack: list[str], needle: list[str], start: int = 0) -> int | None:
    """Where ``needle``'s words first appear in ``haystack`` from ``start``, in order, with at most
    GAP other words between two of them; None if they do not."""
    for first in range(start, len(haystack)):
        if haystack[first] != needle[0]:
            continue
        at = first
        for word in needle[1:]:
            window = haystack[at + 1:at + 2 + GAP]
            if word not in window:
                break
            at += 1 + window.index(word)
        else:
            return first
    return None


def runs(clause) -> list[list[str]]:
    """The words of each run of text a clause shows (in one reading), as the page shows them:
    its texts (leads, paragraphs, items with their sub-items and tails, a list's tail, quotations,
    definitions with their items and tails, table cells) and the words around them that README
    "Writing a protocol" allows (a quotation's source, a definition's term and variants, a table's
    caption and column labels)."""
    from clausebook.format import markup

    texts = [text.markdown for text in clause.texts()]
    for block in clause.body:
        match block.kind:
            case "quote":
                texts.append(block.source or "")
            case "definitions":
                texts += [words for definition in block.definitions
                          for words in (definition.term, *(variant.term for variant in definition.variants))]
            case "table":
                texts += [block.caption or "", *(column.label for column in block.columns)]
    return [words for text in texts if (words := tokens(markup.plain(text)))]


def in_order(text: list[str], protocol) -> str | None:
    """Whether every section title, clause number and run of text of ``protocol`` (one reading)
    is in ``text``, clause after clause; None if so, otherwise what is missing."""
    from clausebook.outputs.html import section_title

    at = 0
    for section in protocol.sections:
        found = find(text, tokens(section_title(section)), at)
        if found is None:
            return f"section {section_title(section)!r} is not there after word {at}"
        at = found
        for clause in section.walk():
            start = at
            if number := clause.designation or clause.reference or clause.number:
                found = find(text, tokens(number), at)
                if found is None:
                    return f"the number {number} ({clause.id}) is not there in order"
                start = found
            for run in runs(clause):
                if find(text, run, at) is None:
                    return f"{clause.id} is missing {' '.join(run)!r}"
            at = start
    return None
