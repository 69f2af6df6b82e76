"""Safety in depth: whatever a model holds, no script, event handler, style or javascript:/data:
address reaches a page. The model here is built straight from hostile data, past the validator
(which would refuse it), and every page is read the way MkDocs reads it."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from clausebook import readings
from clausebook.context import Context
from clausebook.format import assemble
from clausebook.format.validation import Result
from clausebook.mkdocs.handbook import Handbook
from clausebook.outputs import changes
from clausebook.outputs.site import councils, glossary, render, roles, search
from clausebook.records.dataset import Dataset
from conftest import FIXTURES

HOSTILE = ('<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) '
           '![y](data:text/html,alert(4)) <style>*{}</style> {: onclick="alert(5)" style="color:red" } '
           '" onmouseover="alert(6) \\[z\\](javascript:alert(7)) &lt;b&gt;')
# Values that are ids, enum values, numbers or dates: the model needs them as they are.
KEPT = {"id", "number", "was", "printed_number", "status", "change", "modality", "shared", "who", "towards",
        "kind", "lang", "parent", "after", "cites", "retired_ids", "part", "matter", "updated", "adopted",
        "effective", "inferred", "optional", "role", "each"}
ID_KEYED = {"roles", "documents", "parts", "columns", "link_notes"}
MARKDOWN_EXTENSIONS = ["attr_list", "admonition", "md_in_html", "toc"]


def poisoned(value: Any, key: str | None = None) -> Any:
    """The data with every shown string replaced by hostile words, and every address by a
    javascript: one."""
    if isinstance(value, dict):
        return {name: (poisoned(entry, "entry") if key in ID_KEYED and name not in KEPT else
                       entry if name in KEPT else poisoned(entry, name)) for name, entry in value.items()}
    if isinstance(value, list):
        return [poisoned(entry, key) for entry in value]
    if key in ("url", "source") and isinstance(value, str) and value.startswith("http"):
        return "javascript:alert(8)"
    return f"{value} {HOSTILE}" if isinstance(value, str) else value


class Findings(HTMLParser):
    """What a page would run or style: scripts, styles, handlers, javascript: and data: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("type") != "application/ld+json":
            self.found.append(f"<{tag}>")
        if tag in ("style", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"{tag} {name}={value!r}")


def read_as_mkdocs(page: str) -> tuple[dict[str, Any], str]:
    """A page's front matter and its HTML, as MkDocs makes them."""
    source, meta = get_data(page)
    return meta, markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(source)


@pytest.fixture(scope="module")
def hostile() -> tuple[Context, Dataset]:
    data = poisoned(yaml.load((FIXTURES / "valid" / "caerwen.yaml").read_bytes(), Loader=yaml.BaseLoader))
    protocol = assemble.protocol(data, "hostile.yaml")
    views = readings.views((protocol,))
    context = Context.of((protocol,), views)
    return context, context.dataset


def test_the_hostile_words_reach_the_model(hostile):
    context, _ = hostile
    (protocol,) = context.protocols
    assert "<script>" in protocol.title and "<script>" in protocol.sections[0].title


def test_no_page_runs_or_styles_anything_from_a_source(hostile):
    context, _ = hostile
    pages = [*render.pages(context), *changes.pages(context), *glossary.pages(context), *roles.pages(context)]
    assert len(pages) > 10
    for page in pages:
        meta, body = read_as_mkdocs(page.content)
        findings = Findings()
        findings.feed(body)
        assert findings.found == [], page.src_uri
        for title in (str(meta.get("title", "")), str(meta.get("html_title", ""))):
            assert "<" not in title, (page.src_uri, title)  # MkDocs and Material insert titles unescaped
        assert "</script" not in body.split('type="application/ld+json">', 1)[-1].split("</script>")[0]


@pytest.mark.slow  # every comparison page of hostile protocols (seconds): `make test` has it, not test-fast
def test_comparison_pages_are_safe():
    """Two hostile protocols compared: their words in the redlines, tables and titles stay words."""
    data = poisoned(yaml.load((FIXTURES / "valid" / "caerwen.yaml").read_bytes(), Loader=yaml.BaseLoader))
    other = json.loads(json.dumps(data).replace("alert(1)", "alert(11) <b onclick=alert(12)>more</b>"))
    other["protocol"]["id"] = "caerwen-two"
    protocols = (assemble.protocol(data, "hostile.yaml"), assemble.protocol(other, "other.yaml"))
    views = readings.views(protocols)
    context = Context.of(protocols, views, pairs=[("caerwen", "caerwen-two")])
    [comparison] = context.comparisons
    assert any(result.redline and "{~~" in result.redline for result in comparison.clauses)
    pages = [*councils.pages(context), *render.pages(context), *roles.pages(context)]
    assert len([page for page in pages if page.src_uri.startswith("compare/")]) > 1
    for page in pages:
        meta, body = read_as_mkdocs(page.content)
        findings = Findings()
        findings.feed(body)
        assert findings.found == [], page.src_uri
        assert "<" not in str(meta.get("title", "")), page.src_uri


def test_search_entries_show_a_sources_words_as_words(hostile):
    """Material's search shows an entry's title and text as HTML: a source's words stay words there,
    and the only markup is the entries' own paragraphs."""
    context, _ = hostile
    entries = search.entries(context)
    assert any(html.escape("<script>alert(1)</script>", quote=False) in entry.text for entry in entries)
    for entry in entries:
        findings = Findings()
        findings.feed(entry.title + entry.text)
        assert findings.found == [], entry
        assert not re.search(r"<(?!/?p>)", entry.title + entry.text), entry


def test_hostile_words_are_shown_as_words(hostile):
    context, _ = hostile
    home = next(page for page in render.pages(context) if page.src_uri == "caerwen/index.md")
    _, body = read_as_mkdocs(home.content)
    assert html.escape("<script>alert(1)</script>", quote=False) in body


def test_permalink_pages_and_the_data_page_are_safe(hostile):
    context, _ = hostile
    for name, content in render.files(context).items():
        findings = Findings()
        findings.feed(content.decode())
        assert findings.found == [], name
    _, body = read_as_mkdocs(render.data_page(context.protocols, "<!-- clausebook: shared roles -->\n\n"
                                              "<!-- clausebook: shared vocabulary -->"))
    findings = Findings()
    findings.feed(body)
    assert findings.found == []


def test_navigation_titles_are_escaped(hostile):
    context, _ = hostile
    handbook = Handbook(root=FIXTURES)
    handbook.result = Result(protocols=context.protocols, problems=[], warnings=[], files=1)
    handbook.pages = render.pages(context)
    titles: list[str] = []

    def collect(entries: list) -> None:
        for entry in entries:
            if isinstance(entry, dict):
                for title, value in entry.items():
                    titles.append(title)
                    if isinstance(value, list):
                        collect(value)

    collect(handbook.nav([]))
    assert titles and not any("<" in title for title in titles)
