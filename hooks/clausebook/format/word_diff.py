"""Two texts → one, with the changes from the first to the second marked word by word in
CriticMarkup (``{++…++}``, ``{--…--}``, ``{~~old~>new~~}``), exact both ways: resolving the marks
(``markup.resolve``) gives back each text. Used to write a revision (`clausebook compare`) and to
show how one council's clause reads against another's.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from clausebook.format import markup
from clausebook.format.markup import resolve

# A word for the comparison: a link, an emphasised phrase, an escaped character, a run of
# letters and digits, or one other character. Whatever lies between words is white space.
WORD = re.compile(markup.LINK.pattern + r"|\*\*[^*\n]+\*\*|\*[^*\s](?:[^*\n]*[^*\s])?\*|\\.|\w+|[^\w\s]")

def diff_text(old: str, new: str) -> str:
    """One text with the changes from ``old`` to ``new`` marked word by word, such that
    ``markup.resolve`` gives back exactly ``old`` and ``new``."""
    if old == new:
        return new
    if not old:
        return "{++" + new + "++}"
    if not new:
        return "{--" + old + "--}"
    parts = _changed_parts(old, new)
    changes = [index for index, part in enumerate(parts) if isinstance(part, tuple)]
    if all(_markable(*parts[index]) for index in changes):  # type: ignore[misc]
        candidate = _written(parts, set(changes))
        if _gives(candidate, old, new):
            return candidate
        tidy: set[int] = set()
        for index in changes:  # write tidily each change that stays exact so
            candidate = _written(parts, tidy | {index})
            if _gives(candidate, old, new):
                tidy.add(index)
        candidate = _written(parts, tidy)
        if _gives(candidate, old, new):
            return candidate
    return "{~~" + old + "~>" + new + "~~}"


def _markable(before: str, after: str) -> bool:
    """Whether a change can be marked as it is: each side words or nothing (a mark cannot hold
    only white space)."""
    return all(side == "" or side.strip() for side in (before, after))


def _gives(text: str, old: str, new: str) -> bool:
    return resolve(text, "amended") == new and resolve(text, "original") == old


def _words(text: str) -> tuple[str, list[str], list[str]]:
    """The white space before the first word, each word, and each word with the space after it."""
    spans = [match.span() for match in WORD.finditer(text)]
    if not spans:
        return text, [], []
    ends = [start for start, _ in spans[1:]] + [len(text)]
    return (text[:spans[0][0]], [text[start:end] for start, end in spans],
            [text[start:end] for (start, _), end in zip(spans, ends, strict=True)])


def _changed_parts(old: str, new: str) -> list[str | tuple[str, str]]:
    """The texts as a list of what both share (a string) and what changes (old, new)."""
    old_lead, old_keys, old_units = _words(old)
    new_lead, new_keys, new_units = _words(new)
    pairs: list[tuple[str, str]] = [(old_lead, new_lead)]
    gaps = (_gaps(old_lead, old_keys, old_units), _gaps(new_lead, new_keys, new_units))
    for tag, i1, i2, j1, j2 in _opcodes(old_keys, new_keys, gaps):
        if tag == "equal":  # the same words; the space after each may differ
            for word, before, after in zip(old_keys[i1:i2], old_units[i1:i2], new_units[j1:j2], strict=True):
                pairs += [(word, word), (before[len(word):], after[len(word):])]
        else:
            pairs.append(("".join(old_units[i1:i2]), "".join(new_units[j1:j2])))
    parts: list[str | tuple[str, str]] = []
    for before, after in pairs:
        if before == after:
            if before:
                parts.append(before)
        elif parts and isinstance(parts[-1], tuple):
            parts[-1] = (parts[-1][0] + before, parts[-1][1] + after)
        else:
            parts.append((before, after))
    # White space both sides share at the edges of a change stays outside it.
    result: list[str | tuple[str, str]] = []
    for part in parts:
        if isinstance(part, str):
            result.append(part)
            continue
        before, after = part
        head = _shared_space(before, after)
        tail = _shared_space(before[len(head):][::-1], after[len(head):][::-1])[::-1]
        before, after = before[len(head):len(before) - len(tail)], after[len(head):len(after) - len(tail)]
        result += [piece for piece in (head, (before, after), tail) if piece]
    return result


def _shared_space(a: str, b: str) -> str:
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared] and a[shared].isspace():
        shared += 1
    return a[:shared]


def _gaps(lead: str, keys: list[str], units: list[str]) -> list[str]:
    """The white space before each word, and after the last."""
    return [lead, *(unit[len(key):] for key, unit in zip(keys, units, strict=True))] if keys else [lead]


def _opcodes(old: list[str], new: list[str], gaps: tuple[list[str], list[str]]) -> list[list[Any]]:
    """difflib's opcodes, with a short run of shared words between two larger changes taken
    into one change (a rewritten sentence that happens to keep a "the" is one change), and each
    words added or removed slid to where they start and end at white space (``One. {--Two.--}``
    rather than ``One{--. Two--}.``)."""
    ops = [list(op) for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()]
    merged = True
    while merged:
        merged = False
        for k in range(1, len(ops) - 1):
            tag, i1, i2, _, _ = ops[k]
            before, after = ops[k - 1], ops[k + 1]
            if tag != "equal" or before[0] == "equal" or after[0] == "equal":
                continue
            size = i2 - i1
            if size <= 2 and 2 * size < min(_size(before), _size(after)):
                ops[k - 1:k + 2] = [["replace", before[1], after[2], before[3], after[4]]]
                merged = True
                break
    for k in range(1, len(ops) - 1):
        if ops[k][0] in ("delete", "insert") and ops[k - 1][0] == "equal" and ops[k + 1][0] == "equal":
            _slide(ops[k - 1], ops[k], ops[k + 1], old if ops[k][0] == "delete" else new,
                   gaps[0] if ops[k][0] == "delete" else gaps[1])
    return ops


def _slide(before: list[Any], change: list[Any], after: list[Any], words: list[str], gaps: list[str]) -> None:
    """Slide words added (or removed) between two runs of shared words to the best place among
    those that give the same text: where white space, best a paragraph break, is at both ends."""
    side = 1 if change[0] == "delete" else 3  # where the change's words are: old (1, 2) or new (3, 4)
    start, end = change[side], change[side + 1]
    length = end - start
    low = start
    while low > before[side] and words[low - 1] == words[low - 1 + length]:
        low -= 1
    high = start
    while high + length < after[side + 1] and words[high] == words[high + length]:
        high += 1
    if low == high:
        return

    def score(at: int) -> int:
        return sum(2 * ("\n" in gap) + bool(gap) for gap in (gaps[at], gaps[at + length]))

    shift = max(range(low, high + 1), key=lambda at: (score(at), -at)) - start
    # The shared run before grows (or shrinks) by as many words as the one after shrinks (or grows).
    before[2] += shift
    before[4] += shift
    change[1:] = [position + shift for position in change[1:]]
    after[1] += shift
    after[3] += shift


def _size(op: tuple[Any, ...]) -> int:
    return max(op[2] - op[1], op[4] - op[3])


def _written(parts: list[str | tuple[str, str]], tidy: set[int]) -> str:
    """The parts with each change marked; a change in ``tidy`` that only adds or only removes
    words keeps its white space outside the marks (``a {++b++} c``, not ``a {++b ++}c``)."""
    out = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            out.append(part)
            continue
        before, after = part
        if before and after:
            out.append("{~~" + before + "~>" + after + "~~}")
            continue
        words, mark = (after, "++") if after else (before, "--")
        if index in tidy:
            core = words.strip()
            start = words.index(core)
            out.append(words[:start] + "{" + mark + core + mark + "}" + words[start + len(core):])
        else:
            out.append("{" + mark + words + mark + "}")
    return "".join(out)
