"""Lifting raw HTML blocks out of a generated page: only blocks Python-Markdown passes through
whole, put back where Markdown puts them. (That a whole site comes out byte for byte the same
is tested in test_warm.py.)"""

from __future__ import annotations

import markdown
import pytest

from clausebook.mkdocs import pagehtml


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"]).convert(text)


def lighter(text: str) -> str:
    parts = pagehtml.split(text)
    assert parts is not None
    return pagehtml.splice(convert(parts.markdown), parts.blocks)


@pytest.mark.parametrize("text", [
    "# Title { #t }\n\n<div class=\"a\">\n\n<p>one</p>\n\n<div>two</div>\n</div>\n\n## Next { #n }\n\nWords.",
    "<p>first</p>\n<p>second</p>\n<ul>\n<li>x</li>\n</ul>\n\n!!! note \"Note\"\n    Inside.\n\n"
    "<table><tr><td>c</td></tr></table>",
    "Words\n\n<section>\n<h2 id=\"s\">S</h2>\n<div>\n\n<p>in</p>\n\n</div>\n</section>",
    "<div>only</div>",
])
def test_blocks_come_back_as_markdown_would_leave_them(text: str) -> None:
    assert lighter(text) == convert(text)


@pytest.mark.parametrize("text", [
    "<!-- a comment -->\n\n<div>x</div>",  # comments are Markdown's to place
    "  <div>indented</div>",
    "Words\n<div>straight after a paragraph</div>",
    "<div>\n<p>never closed</p>",
    "<div>closed</div> and words after",
    "<p>a</p>\nwords on the next line",
    "<div>CLAUSEBOOKRAWHTML000000</div>",  # the placeholder's own text
    "# Only Markdown\n\n<span>inline</span> words",
    '<div class="x" markdown>\n\n*Markdown* inside\n\n</div>',  # md_in_html's
])
def test_anything_unsure_is_left_to_markdown(text: str) -> None:
    assert pagehtml.split(text) is None


def test_the_ids_in_the_blocks_are_the_anchors() -> None:
    parts = pagehtml.split('<div id="a"><span class="x" id="b.1"></span><p title="id=&quot;no&quot;">t</p></div>')
    assert parts is not None
    assert pagehtml.anchor_ids(parts.blocks) == {"a", "b.1"}
