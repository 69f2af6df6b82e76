"""The comparison of two councils' protocols as pages: ``compare/<a>--<b>/``, with each changed
clause's redline, and ``compare/<a>--<b>/<shared role>/`` for each role either protocol gives
obligations. The comparison itself is ``clausebook.compare_councils``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from jinja2 import Template

from clausebook.compare_councils import KEPT, OBLIGATION_THRESHOLD, REDLINE_MIN, THRESHOLD, Comparison, percent
from clausebook.context import Context
from clausebook.format import markup
from clausebook.outputs.html import Page, Writer, writer
from clausebook.urls import page, relative, role_url

Part = tuple[Literal["same", "ins", "del"], str]


def redline_lines(redline: str) -> list[list[Part]]:
    """A redline in CriticMarkup as lines of parts, each unchanged, inserted or deleted words
    (for the template, which escapes them)."""
    parts: list[Part] = []
    end = 0
    for match in markup.CHANGE.finditer(redline):
        if match.start() > end:
            parts.append(("same", redline[end:match.start()]))
        inserted, deleted, old, new = match.groups()
        if deleted or old:
            parts.append(("del", deleted or old))
        if inserted or new:
            parts.append(("ins", inserted or new))
        end = match.end()
    if end < len(redline):
        parts.append(("same", redline[end:]))
    lines: list[list[Part]] = [[]]
    for kind, words in parts:
        for index, piece in enumerate(words.split("\n")):
            if index:
                lines.append([])
            if piece:
                lines[-1].append((kind, piece))
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
        c=comparison, names=comparison.names, threshold=THRESHOLD, kept=KEPT, redline_min=REDLINE_MIN,
        obligation_threshold=OBLIGATION_THRESHOLD, lines=redline_lines, percent=percent,
        href=lambda target: relative(target, url), role_href=lambda shared: relative(role_url(shared), url),
        data_href=relative(comparison.data_url, url).rstrip("/"), **more)
