"""The model → handbook pages (Markdown with HTML blocks), through Jinja templates.

Clause text is converted from Markdown to HTML here, with clause links rewritten to the page
that holds their target, and then cleaned by an allow-list sanitiser: nothing but paragraphs,
lists, emphasis and links to http(s), mailto and pages of the site reaches the public site.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

from . import markup
from .model import Clause, Protocol, Section, Text
from .urls import homes, protocol_page, qualified, section_page, section_url

TEMPLATES = Path(__file__).parent / "templates"
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_SYNTAX = re.compile(r"[\[\]*_\\`<>&\n#!]|^\s*[-+]\s|^\s*\d+[.)]\s")
STATUS_LABELS = {"adopted": "Adopted", "proposed-revision": "Proposed revision", "draft": "Draft"}


@dataclass(frozen=True, slots=True)
class Page:
    src_uri: str
    content: str


class Renderer:
    """Renders every page of the handbook for a set of protocols."""

    def __init__(self, protocols: tuple[Protocol, ...]) -> None:
        self.protocols = protocols
        self.homes = homes(protocols)
        self.env = _environment()
        self.env.filters["amended"] = markup.amended
        self.env.globals["status_label"] = STATUS_LABELS
        self._markdown = markdown_lib.Markdown(extensions=[])

    def anchor_url(self, protocol_id: str, target: str, from_url: str) -> str:
        """A relative link from the page at ``from_url`` to a clause or section."""
        page = section_url(*self.homes[(protocol_id, target)])
        relative = posixpath.relpath(page, from_url)
        return f"{relative.rstrip('/')}/#{target}" if relative != "." else f"#{target}"

    def html(self, text: Text | str, protocol: Protocol, page_url: str, *, inline: bool = False) -> Markup:
        """Clean HTML for a run of text as amended, its clause links pointing at their pages;
        ``inline`` drops the paragraph around a single-paragraph text (for list items, cells)."""
        source = text.amended if isinstance(text, Text) else markup.amended(text)

        def rewrite(match: object) -> str:
            image, label, target = match.group(1), match.group(2), match.group(3)  # type: ignore[attr-defined]
            found = markup.CLAUSE_TARGET.match(target)
            if found and not image:
                other = found.group(1) or protocol.id
                if (other, found.group(2)) in self.homes:
                    target = self.anchor_url(other, found.group(2), page_url)
            return f"{image}[{label}]({target})"

        if MARKDOWN_SYNTAX.search(source) is None:  # plain words, the common case: no parser needed
            converted = f"<p>{html_lib.escape(source, quote=False)}</p>"
        else:
            source = markup.LINK.sub(rewrite, source)
            self._markdown.reset()
            converted = self._markdown.convert(source)
        if inline and converted.startswith("<p>") and converted.endswith("</p>") and converted.count("<p>") == 1:
            converted = converted[3:-4]
        return Markup(nh3.clean(converted, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                                url_schemes=ALLOWED_SCHEMES, link_rel=None))

    @staticmethod
    def error_page(lines: list[str]) -> Page:
        """The page a preview shows in place of the handbook while the sources have errors."""
        return Page("index.md", _environment().get_template("errors.md.j2").render(lines=lines))

    def pages(self) -> list[Page]:
        """Every generated page: the home page, and for each protocol its index and sections."""
        pages = [Page("index.md", self.env.get_template("home.md.j2").render(protocols=self.protocols))]
        for protocol in self.protocols:
            pages.append(Page(protocol_page(protocol), self.env.get_template("protocol.md.j2").render(
                protocol=protocol,
                section_page=lambda s, p=protocol: posixpath.relpath(section_page(p, s), p.id))))
            for section in protocol.sections:
                pages.append(self.section_page(protocol, section))
        return pages

    def section_page(self, protocol: Protocol, section: Section) -> Page:
        url = section_url(protocol, section)
        content = self.env.get_template("section.md.j2").render(
            protocol=protocol,
            section=section,
            entries=list(_entries(section.clauses, 2)),
            html=lambda text, inline=False: self.html(text, protocol, url, inline=inline),
            jsonld=Markup(self.jsonld(protocol, section)),
        )
        return Page(section_page(protocol, section), content)

    def jsonld(self, protocol: Protocol, section: Section) -> str:
        """schema.org JSON-LD naming the protocol, the section and its clauses."""
        parts = [{"@type": "LegislationObject" if clause.number else "CreativeWork",
                  "identifier": qualified(protocol.id, clause.id),
                  **({"legislationIdentifier": clause.number} if clause.number else {}),
                  "url": f"#{clause.id}"}
                 for clause in section.walk()]
        document = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": protocol.title,
            "legislationJurisdiction": protocol.council,
            "legislationLegalForce": "NotInForce" if protocol.status != "adopted" else "InForce",
            "identifier": protocol.id,
            **({"version": protocol.version} if protocol.version else {}),
            "hasPart": {
                "@type": "LegislationObject",
                "name": markup.amended(section.title),
                "identifier": qualified(protocol.id, section.id),
                **({"legislationIdentifier": section.number} if section.number else {}),
                "hasPart": parts,
            },
        }
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.replace("</", "<\\/")


def _environment() -> jinja2.Environment:
    """Templates escape every value they insert, unless it is already clean HTML (Markup)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _entries(clauses: tuple[Clause, ...], level: int):
    """Clauses in document order, each with the heading level it is shown at."""
    for clause in clauses:
        yield clause, min(level, 6)
        yield from _entries(clause.clauses, level + 1)
