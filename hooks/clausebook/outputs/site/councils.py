"""The comparison of two councils' protocols as pages: ``compare/<a>--<b>/``, the two side by side
with each match's word differences on request, and ``compare/<a>--<b>/<shared role>/`` for each
role either protocol gives obligations; where both have texts in another language, the same
pages of those texts (``cy/compare/<a>--<b>/``, ``Comparison.in_texts``). The comparison itself is
``clausebook.compare_councils``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from jinja2 import Template

from clausebook.compare_councils import KEPT, NEAREST, OBLIGATION_THRESHOLD, THRESHOLD, Comparison, percent
from clausebook.context import Context
from clausebook.format import languages, markup
from clausebook.outputs.html import Page, Writer, writer
from clausebook.urls import page, protocol_url, relative, role_url
from clausebook.words import say

Part = tuple[bool, str]  # whether the other text lacks the words, and the words
Lines = list[list[Part]]
PUNCTUATION = re.compile(r"[.,;:!?)]")


def word_sides(redline: str) -> tuple[Lines, Lines]:
    """The two texts a redline in CriticMarkup compares, each as lines of parts: runs of words the
    two share, and runs only that text has (for the template, which escapes them)."""
    sides: tuple[list[Part], list[Part]] = ([], [])
    gaps = [False, False]  # whether the other text's words were just left out of this one
    end = 0
    for match in markup.CHANGE.finditer(redline):
        if match.start() > end:
            for side, gap in zip(sides, gaps, strict=True):
                _share(side, redline[end:match.start()], gap)
        inserted, deleted, old, new = match.groups()
        gaps = [bool(inserted), bool(deleted)]
        if old and new:
            for side, parts in zip(sides, _refined(old, new), strict=True):
                side.extend(parts)
        elif deleted:
            sides[0].append((True, deleted))
        elif inserted:
            sides[1].append((True, inserted))
        end = match.end()
    if end < len(redline):
        for side, gap in zip(sides, gaps, strict=True):
            _share(side, redline[end:], gap)
    return _lines(sides[0]), _lines(sides[1])


def _share(side: list[Part], words: str, gap: bool) -> None:
    """Words both texts have, after ``side``'s parts; where the other text's words were just left
    out and these begin with punctuation, without the space that stood before those words."""
    if gap and side and not side[-1][0] and PUNCTUATION.match(words):
        side[-1] = (False, side[-1][1].rstrip())
    side.append((False, words))


def _refined(old: str, new: str) -> tuple[list[Part], list[Part]]:
    """One run of words replaced by another, each as parts: the words the two runs share, in
    order, whatever their capitals ("Protocol" and "protocol"), are not marked as differing."""
    units = [re.findall(r"\S+\s*|\s+", run) for run in (old, new)]
    keys = [[unit.strip().lower() for unit in run] for run in units]
    sides: tuple[list[Part], list[Part]] = ([], [])
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        for side, run, start, stop in ((sides[0], units[0], i1, i2), (sides[1], units[1], j1, j2)):
            words = "".join(run[start:stop])
            if words.strip() and tag != "equal":  # the space after the last word is not marked
                side += [(True, words.rstrip()), (False, words[len(words.rstrip()):])]
            elif words:
                side.append((False, words))
    return sides


def _lines(parts: list[Part]) -> Lines:
    """Parts split at line breaks, empty lines left out."""
    lines: Lines = [[]]
    for differs, words in parts:
        for index, piece in enumerate(words.split("\n")):
            if index:
                lines.append([])
            if piece:
                lines[-1].append((differs, piece))
    return [line for line in lines if line]


def pages(context: Context) -> list[Page]:
    """The pages of every comparison the build makes."""
    return comparison_pages(writer(context), context.comparisons)


def files(context: Context) -> dict[str, bytes]:
    """None: the comparisons' data is part of the open dataset (``outputs.data``)."""
    return {}


def comparison_pages(renderer: Writer, comparisons: Iterable[Comparison]) -> list[Page]:
    """Each comparison's page, at ``compare/<a>--<b>/``, and a page for each role either protocol
    gives obligations, at ``compare/<a>--<b>/<shared role>/`` (the lists are long: on the
    comparison page, each role is a row of counts)."""
    main, one_role = (renderer.env.get_template(name) for name in ("compare.md.j2", "compare-role.md.j2"))
    found = []
    for comparison in comparisons:
        found.append(Page(page(comparison.url), _render(main, comparison, comparison.url)))
        for role in comparison.roles:
            if role.count:
                url = comparison.role_url(role.shared)
                found.append(Page(page(url), _render(one_role, comparison, url, role=role)))
    return found


def _render(template: Template, comparison: Comparison, url: str, **more: object) -> str:
    """A comparison's page at ``url``, with links relative to it."""
    return template.render(
        c=comparison, names=comparison.names, threshold=THRESHOLD, kept=KEPT, nearest_least=NEAREST,
        obligation_threshold=OBLIGATION_THRESHOLD, sides=word_sides, percent=percent,
        href=lambda target: relative(target, url), overview_href=lambda protocol: relative(protocol_url(protocol), url),
        role_href=lambda shared: relative(role_url(shared, comparison.first.language_path), url),
        data_href=relative(comparison.data_url, url).rstrip("/"),
        matched_in=say(languages.name(comparison.matched_in)) if comparison.matched_in else None, **more)
