"""A generated page's raw HTML kept out of Markdown: the same HTML, without MkDocs parsing it.

The pages the handbook generates are Markdown headings (for the contents and permalinks) between
blocks of HTML the templates wrote. Python-Markdown passes such a block through unchanged, but
only after parsing all of it twice with ``html.parser`` (once to find where it ends, once for
MkDocs' anchor check): for a section page that is most of the time MkDocs spends on it.

``split`` lifts out each block that Python-Markdown would pass through whole: a block-level
element starting a line after a blank line and ending, balanced, at the end of a line before a
blank line. MkDocs renders what is left (headings, anything else) as usual; ``splice`` puts the
blocks back where Python-Markdown would have put them, and ``anchor_ids`` gives the ids in them,
as MkDocs would have found them. Anything else stays with Markdown. A build with this and one
without give byte-identical sites (tests/test_warm.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s/>]")
_TOKEN = "CLAUSEBOOKRAWHTML"
_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid="([^"<>]*)"[^<>]*>""")
_MARKDOWN_INSIDE = re.compile(r"<[a-zA-Z][^<>]*\smarkdown[\s=/>]")  # md_in_html: Markdown within HTML


@dataclass(frozen=True, slots=True)
class Split:
    markdown: str  # the page with each block replaced by a placeholder paragraph
    blocks: tuple[str, ...]


class _Unsure(Exception):
    """The page has HTML this module does not lift out exactly as Python-Markdown would."""


def split(markdown: str) -> Split | None:
    """The page with its raw HTML blocks lifted out, or None when it has none, or has HTML
    whose extent Python-Markdown might judge otherwise (the page is then rendered as it is)."""
    if _TOKEN in markdown:
        return None
    lines = markdown.split("\n")
    kept: list[str] = []
    blocks: list[str] = []
    at = 0
    try:
        while at < len(lines):
            end = _block_end(lines, at)
            if end is None:
                kept.append(lines[at])
                at += 1
                continue
            block = "\n".join(lines[at:end + 1])
            if _MARKDOWN_INSIDE.search(block):
                raise _Unsure
            kept.append(f"{_TOKEN}{len(blocks):06d}")
            blocks.append(block)
            at = end + 1
    except _Unsure:
        return None
    return Split("\n".join(kept), tuple(blocks)) if blocks else None


def _block_end(lines: list[str], start: int) -> int | None:
    """The last line of the raw block starting at ``start``, or None if no block starts there.
    A block-level element at the start of a line starts one (Python-Markdown's rule), and the
    block runs on while the next line starts another; it is lifted out only after a blank line,
    each element balanced and closing at the end of a line, the last before a blank line."""
    tag = _block_tag(lines[start])
    if tag is None:
        return None
    if start and lines[start - 1].strip():
        raise _Unsure
    at = start
    while True:
        at = _element_end(lines, at, tag)
        if at + 1 == len(lines) or not lines[at + 1].strip():
            return at
        at += 1
        tag = _block_tag(lines[at])
        if tag is None:
            raise _Unsure


def _block_tag(line: str) -> str | None:
    """The block-level element a line starts with, if it does."""
    if line[:4].lstrip(" ").startswith("<!") or (line.startswith(" ") and line[:4].lstrip(" ").startswith("<")):
        raise _Unsure  # a comment, a declaration, an indented tag
    found = _TAG.match(line)
    return found[1] if found is not None and found[1].lower() in BLOCK_LEVEL_ELEMENTS else None


def _element_end(lines: list[str], start: int, tag: str) -> int:
    """The line where the element starting ``lines[start]`` closes, at the line's end."""
    opening, closing = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
    depth = 0
    for at in range(start, len(lines)):
        line = lines[at]
        depth += len(opening.findall(line)) - line.count(closing)
        if depth <= 0:
            if depth == 0 and line.endswith(closing):
                return at
            break
    raise _Unsure


def splice(rendered: str, blocks: tuple[str, ...]) -> str:
    """The rendered page with each placeholder paragraph replaced by its block (Python-Markdown
    ends a raw block with a line break of its own, and strips the whole page's ends)."""
    for number, block in enumerate(blocks):
        rendered = rendered.replace(f"<p>{_TOKEN}{number:06d}</p>", f"{block}\n", 1)
    return rendered.strip()


def anchor_ids(blocks: tuple[str, ...]) -> set[str]:
    """The ids of the elements in the blocks (the anchors MkDocs would find in raw HTML)."""
    return {html.unescape(found) for block in blocks for found in _ID.findall(block)}


def render_lighter(page: Any, render: Any) -> Any:
    """A ``Page.render`` for ``page`` that has MkDocs render the page without its raw HTML
    blocks, then puts them back."""

    def lighter(config: Any, files: Any) -> None:
        parts = split(page.markdown)
        if parts is None:
            render(config, files)
            return
        whole = page.markdown
        page.markdown = parts.markdown
        try:
            render(config, files)
        finally:
            page.markdown = whole
        page.content = splice(page.content, parts.blocks)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= anchor_ids(parts.blocks)

    return lighter
