"""The model → handbook pages (Markdown with HTML blocks), through Jinja templates.

Clause text is converted from Markdown to HTML here, with clause links rewritten to the page
that holds their target, and then cleaned by an allow-list sanitiser: nothing but paragraphs,
lists, emphasis and links to http(s), mailto and pages of the site reaches the public site.
"""

from __future__ import annotations

import contextlib
import functools
import html as html_lib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

from clausebook import readings, resources
from clausebook.format import markup
from clausebook.format.model import Clause, Part, Protocol, Section, Text
from clausebook.format.schema import SHARED_ROLES
from clausebook.records import types as records
from clausebook.records.types import DATA_FILES, described
from clausebook.settings import Settings
from clausebook.urls import (
    Download,
    changes_url,
    compare_url,
    download_url,
    homes,
    permalink_url,
    print_url,
    protocol_label,
    protocol_page,
    qualified,
    relative_path,
    section_page,
    section_url,
)

TEMPLATES = resources.TEMPLATES
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br", "ins", "del"}
WHOLE_MARKS = {"inserted": "ins", "deleted": "del"}
UNSEARCHED_DEL = "<del data-search-exclude>"  # Material's search leaves the element out of its index
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_SYNTAX = re.compile(r"[\[\]*_\\`<>&\n#!]|^\s*[-+]\s|^\s*\d+[.)]\s")
SHARED_ROLES_MARK = "<!-- clausebook: shared roles -->"
FILES_MARK = "<!-- clausebook: files -->"
LICENCES_MARK = "<!-- clausebook: licences -->"
CLAUSE_FIELDS_MARK = "<!-- clausebook: fields clause -->"  # a clause record's fields, from their descriptions
VOCABULARY_MARK = "<!-- clausebook: shared vocabulary -->"
TOC_UNSAFE = re.compile(r"[^\w\s.,;:()’'…—–/-]")  # kept out of a table-of-contents label (an attribute)
TOC_WORDS = 6  # the first words that name a clause without a heading in the table of contents
UNGLOSSED = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})  # defined, but too common to link
DOWNLOAD_LABELS: dict[Download, str] = {"pdf": "PDF", "changes-pdf": "PDF with the tracked changes",
                                        "docx": "Word document", "changes-docx": "Word document with tracked changes"}
STATUS_LABELS = {"adopted": "Adopted", "proposed-revision": "Proposed revision", "draft": "Draft"}


@dataclass(frozen=True, slots=True)
class Page:
    src_uri: str
    content: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Compared:
    """A comparison of two protocols, as a page links to it."""

    ids: tuple[str, str]
    first: str  # the protocols' names on the site
    second: str
    href: str  # the comparison page, relative to the page that links to it


@dataclass(frozen=True, slots=True)
class Entry:
    """One clause on a section page, in its tracked reading: as amended, with what the revision
    inserts in <ins> and what it deletes in <del> (the page shows the changes on request)."""

    id: str
    level: int
    heading: Markup  # its number and heading, with their changes marked; empty for a bare paragraph
    toc_label: str  # the table of contents' words for it: number and heading (or first words), as amended
    name: str  # how a link names it: "paragraph 2.1", "this paragraph"
    clause: Clause
    permalink: str
    backlinks: tuple[tuple[str, str], ...]  # (words, relative link) of each clause that links here


class Renderer:
    """Renders every page of the handbook for a set of protocols."""

    def __init__(self, protocols: tuple[Protocol, ...], views: dict[str, readings.Views] | None = None,
                 settings: Settings | None = None, downloads: Iterable[Download] = (),
                 comparisons: Iterable[tuple[str, str]] = ()) -> None:
        """``views``: the protocols' readings, if the build has made them already; ``downloads``:
        the kinds of file the build makes for each protocol (the pages link to them);
        ``comparisons``: the pairs of protocol ids the handbook compares (the pages link to them)."""
        self.protocols = protocols
        self.comparisons = tuple(comparisons)
        self.settings = settings or Settings()
        self.download_kinds = tuple(downloads)
        self.views = views or readings.views(protocols)
        self.homes = homes(protocols)
        self.env = _environment()
        self._markdown = markdown_lib.Markdown(extensions=[])
        self._terms: dict[str, dict[str, str]] = {}  # each protocol's defined terms → their meaning
        self._converted: dict[tuple[str, bool, bool, str | None], Markup] = {}  # see html()
        self.names: dict[tuple[str, str], str] = {}  # (protocol, clause) → "paragraph 2.1"
        # (protocol, numbered section or clause) → its number in words, as a printed cross-reference gives it
        self.printed_names: dict[tuple[str, str], str] = {}
        self.backlinks: dict[tuple[str, str], list[str]] = {}  # (protocol, clause) → the clauses linking to it
        for protocol in protocols:
            for clause in self.views[protocol.id].as_amended.clauses():
                number = clause.designation or clause.reference or clause.number
                self.names[(protocol.id, clause.id)] = f"paragraph {number}" if number else \
                    (clause.heading or "a paragraph")
                if number:
                    self.printed_names[(protocol.id, clause.id)] = clause.designation or f"paragraph {number}"
                for text in clause.texts():
                    for link in markup.links(text.markdown):
                        if link.clause and (link.protocol or protocol.id) == protocol.id:
                            holder = self.homes.get((protocol.id, link.clause))
                            if holder and clause.id not in self.backlinks.setdefault((protocol.id, holder[2]), []):
                                self.backlinks[(protocol.id, holder[2])].append(clause.id)
            for section in self.views[protocol.id].as_amended.sections:
                if section.designation or section.number:
                    self.printed_names[(protocol.id, section.id)] = section.designation or f"section {section.number}"

    def anchor_url(self, protocol_id: str, target: str, from_url: str, *, one_page: bool = False) -> str:
        """A relative link from the page at ``from_url`` to a clause or section: on its section
        page, or (``one_page``) on its protocol's print page."""
        protocol, section, _ = self.homes[(protocol_id, target)]
        page = print_url(protocol) if one_page else section_url(protocol, section)
        relative = relative_path(page, from_url)
        return f"{relative.rstrip('/')}/#{target}" if relative != "." else f"#{target}"

    def downloads(self, protocol: Protocol, from_url: str) -> list[tuple[str, str]]:
        """The files the build makes of ``protocol``: (what it is, relative link), for the pages
        that offer them. A protocol in force has no tracked-changes versions."""
        return [(DOWNLOAD_LABELS[kind], posixpath.relpath(download_url(protocol, kind), from_url))
                for kind in self.download_kinds if protocol.status != "adopted" or not kind.startswith("changes-")]

    def html(self, text: Text | str, protocol: Protocol, page_url: str, *, inline: bool = False,
             one_page: bool = False) -> Markup:
        """Clean HTML for a run of text in any reading: its tracked changes (if any) as <ins> and
        <del>, a wholly inserted or deleted run wrapped in one; clause links pointing at their
        pages. ``inline`` drops the paragraph around a single-paragraph text (list items, cells).
        ``one_page``: for the print page, where the whole protocol is one page; a link whose words
        do not give its target's number is followed by it ("the rules on gifts (paragraph 3.2)")."""
        source = text.markdown if isinstance(text, Text) else text
        whole = text.change if isinstance(text, Text) else None

        def rewrite(match: object) -> str:
            image, label, target = match.group(1), match.group(2), match.group(3)  # type: ignore[attr-defined]
            found = markup.CLAUSE_TARGET.match(target)
            if found and not image and (other := found.group(1) or protocol.id, found.group(2)) in self.homes:
                target = self.anchor_url(other, found.group(2), page_url, one_page=one_page)
                name = self.printed_names.get((other, found.group(2))) if one_page else None
                words = markup.plain(label)
                if name and name not in words and not markup.numbers_named(words):
                    return f"{image}[{label}]({target}) ({name})"
            return f"{image}[{label}]({target})"

        plain = MARKDOWN_SYNTAX.search(source) is None and "{" not in source
        if not plain:
            source = markup.LINK.sub(rewrite, markup.tracked_html(source))
        # The same words with the same links make the same HTML on every page that shows them
        # (section, print and changes pages): converted once.
        key = (source, plain, inline, whole)
        if (done := self._converted.get(key)) is None:
            done = self._converted[key] = self._convert(source, plain, inline, whole)
        return done

    def _convert(self, source: str, plain: bool, inline: bool, whole: str | None) -> Markup:
        if plain:  # plain words: no parser needed
            converted = f"<p>{html_lib.escape(source, quote=False)}</p>"
        else:
            self._markdown.reset()
            converted = self._markdown.convert(source)
        if inline and converted.startswith("<p>") and converted.endswith("</p>") and converted.count("<p>") == 1:
            converted = converted[3:-4]
        if whole in WHOLE_MARKS:
            converted = f"<{WHOLE_MARKS[whole]}>{converted}</{WHOLE_MARKS[whole]}>"
        cleaned = nh3.clean(converted, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=ALLOWED_SCHEMES, link_rel=None)
        return Markup(cleaned.replace("<del>", UNSEARCHED_DEL))  # the search finds the words as amended

    def compared_with(self, protocol: Protocol, from_url: str) -> list[Compared]:
        """The comparisons a protocol is in, each with a link from the page at ``from_url``."""
        by_id = {p.id: p for p in self.protocols}
        return [Compared(ids=(first, second), first=protocol_label(by_id[first], self.protocols),
                         second=protocol_label(by_id[second], self.protocols),
                         href=posixpath.relpath(compare_url(by_id[first], by_id[second]), from_url) + "/")
                for first, second in self.comparisons
                if protocol.id in (first, second) and first in by_id and second in by_id]

    def data_page(self, markdown: str, files: Iterable[str] = ()) -> str:
        """The hand-written Data page with its generated parts filled in: each protocol's licence
        position, the published data files (``files``: their paths under the site root), the
        shared role identities in use with each protocol's labels, and the documented vocabulary."""
        in_use = sorted({role.shared for p in self.protocols for role in p.roles.values() if role.shared})
        roles = self.env.get_template("shared-roles.md.j2").render(
            protocols=self.protocols, in_use=in_use,
            labels=lambda protocol, shared: [r.label for r in protocol.roles.values() if r.shared == shared])
        listing = self.env.get_template("data-files.md.j2")
        data_files = [(path.removeprefix("data/"), self._file_description(path)) for path in sorted(files)
                      if path.startswith("data/")]
        filled = {
            SHARED_ROLES_MARK: roles,
            VOCABULARY_MARK: ", ".join(f"`{shared}`" for shared in SHARED_ROLES),
            FILES_MARK: listing.render(part="files", files=data_files),
            LICENCES_MARK: listing.render(part="licences", protocols=self.protocols),
            CLAUSE_FIELDS_MARK: listing.render(part="fields", fields=described(records.Clause)),
        }
        for mark, text in filled.items():
            markdown = markdown.replace(mark, text)
        return markdown

    def _file_description(self, path: str) -> str:
        name = path.removeprefix("data/")
        if name in DATA_FILES:
            return DATA_FILES[name]
        by_id = {p.id: p for p in self.protocols}
        first, _, second = name.removeprefix("compare/").removesuffix(".json").partition("--")
        if name.startswith("compare/") and first in by_id and second in by_id:
            return (f"what {protocol_label(by_id[second], self.protocols)}'s protocol keeps, rewords, drops and adds "
                    f"against {protocol_label(by_id[first], self.protocols)}'s, and what each asks of a role that "
                    "the other does not")
        protocol = next((p for p in self.protocols if name == f"{p.id}.json"), None)
        return f"{protocol.council}: {protocol.title}, its details and its clauses" if protocol else name

    def permalinks(self) -> dict[str, bytes]:
        """A page at ``<p>/c/<clause-id>/`` for every clause, which sends the reader on to the
        clause wherever it now stands: a permalink that survives renumbering and moves."""
        template = self.env.get_template("permalink.html.j2")
        files = {}
        for (protocol_id, element_id), (protocol, section, holder) in sorted(self.homes.items()):
            if holder != element_id or element_id == section.id:
                continue  # (sections have their own page; items are reached through their clause)
            url = permalink_url(protocol, element_id)
            files[f"{url}index.html"] = template.render(
                protocol=protocol, name=self.names.get((protocol_id, element_id), "a paragraph"),
                target=posixpath.relpath(section_url(protocol, section), url) + f"/#{element_id}").encode()
        return files

    @staticmethod
    def error_page(lines: list[str], src_uri: str = "index.md") -> Page:
        """The page a preview shows in place of a handbook page while the sources have errors."""
        return Page(src_uri, _environment().get_template("errors.md.j2").render(lines=lines))

    def pages(self) -> list[Page]:
        """Every generated page: the home page, and for each protocol its index and sections."""
        home = self.env.get_template("home.md.j2").render(
            protocols=self.protocols, settings=self.settings,
            html=lambda text: self.html(text, self.protocols[0], "") if self.protocols else markdown_text(text))
        pages = [Page("index.md", home)]
        for protocol in self.protocols:
            views = self.views[protocol.id]
            sections = {**views.original_sections, **views.amended_sections}  # as amended, or as it was if deleted
            url = f"{protocol.id}/"
            contents: list[tuple[Part | None, list[tuple[Section, str]]]] = []
            for section in protocol.sections:
                part = protocol.parts.get(section.part) if section.part else None
                if not contents or contents[-1][0] is not part:
                    contents.append((part, []))
                contents[-1][1].append((sections[section.id], posixpath.relpath(section_page(protocol, section),
                                                                                protocol.id)))
            pages.append(Page(protocol_page(protocol), self.env.get_template("protocol.md.j2").render(
                protocol=views.as_amended,
                contents=contents,
                print_href=posixpath.relpath(print_url(protocol), url) + "/",
                downloads=self.downloads(protocol, url),
                comparisons=self.compared_with(protocol, url),
                html=lambda text, inline=False, p=protocol, u=url: self.html(text, p, u, inline=inline))))
            for section in protocol.sections:
                pages.append(self.section_page(protocol, section, sections[section.id], views))
        return pages

    def section_page(self, protocol: Protocol, tracked: Section, shown: Section, views: readings.Views) -> Page:
        """A section's page: ``shown`` is the section as amended (as it was, if the revision
        deletes it); each clause is shown in its tracked reading (see Entry)."""
        from clausebook.outputs.site import glossary  # (the glossary renders through this module)

        url = section_url(protocol, tracked)
        if protocol.id not in self._terms:
            self._terms[protocol.id] = {term: meaning for term, meaning in glossary.terms(self, protocol).items()
                                        if term.casefold() not in UNGLOSSED}
        terms = self._terms[protocol.id]
        href, used = glossary.glossary_href(protocol, url), set[str]()

        def plain(text: Text | str, inline: bool = False) -> Markup:
            return self.html(text, protocol, url, inline=inline)

        def html(text: Text | str, inline: bool = False) -> Markup:
            """Clause text, with the first use on the page of each defined term linked to its
            definition (a tooltip on hover and focus)."""
            return Markup(glossary.with_tooltips(plain(text, inline), terms, href, used=used, match_case=True))

        entries = self.entries(protocol, tracked.clauses, 2, views, url, plain)
        content = self.env.get_template("section.md.j2").render(
            protocol=protocol,
            section=shown,
            tracked_section=tracked,
            page_title=section_title(shown),
            entries=entries,
            changes_href=posixpath.relpath(changes_url(protocol), url) + "/" if protocol.status != "adopted" else None,
            html=html,
            jsonld=Markup(self.jsonld(protocol, shown, [c for e in entries if (c := views.amended.get(e.id))])),
        )
        return Page(section_page(protocol, tracked), content)

    def entries(self, protocol: Protocol, clauses: tuple[Clause, ...], level: int, views: readings.Views, url: str,
                html: Callable[..., Markup]) -> list[Entry]:
        """Clauses (tracked) and every clause under them, in document order, as the page at ``url``
        shows them; the first ones' headings at ``level``."""
        return [self._entry(protocol, clause, clause_level, views, url, html)
                for clause, clause_level in _entries(clauses, level)]

    def _entry(self, protocol: Protocol, clause: Clause, level: int, views: readings.Views, url: str,
               html: Callable[..., Markup]) -> Entry:
        shown = views.amended.get(clause.id) or views.original[clause.id]
        number = shown.designation or shown.reference or shown.number
        was = f' <span class="cb-was" data-search-exclude>(was {html_lib.escape(clause.was)})</span>' \
            if clause.was else ""
        heading = html(clause.heading, inline=True) if clause.heading else ""
        words = " ".join(part for part in (number, shown.heading) if part)
        if not shown.heading and number:
            first = markup.plain(next((t.amended for t in shown.texts() if t.amended), "")).split()
            words += (" " + " ".join(first[:TOC_WORDS]) + ("…" if len(first) > TOC_WORDS else "")) if first else ""
        backlinks = tuple((self.names.get((protocol.id, source), "a paragraph"),
                           self.anchor_url(protocol.id, source, url)) for source in self.backlinks.get(
                               (protocol.id, clause.id), ()))
        return Entry(
            id=clause.id, level=min(level, 6),
            heading=Markup(" ".join(part for part in (html_lib.escape(number or ""), heading) if part) + was)
            if number or clause.heading else Markup(""),
            toc_label=TOC_UNSAFE.sub("", words), name=f"paragraph {number}" if number else "this paragraph",
            clause=clause, permalink=posixpath.relpath(permalink_url(protocol, clause.id), url) + "/",
            backlinks=backlinks,
        )

    def jsonld(self, protocol: Protocol, section: Section, clauses: list[Clause]) -> str:
        """schema.org JSON-LD naming the protocol, the section and its clauses (as amended)."""
        parts = [{"@type": "LegislationObject" if clause.number else "CreativeWork",
                  "identifier": qualified(protocol.id, clause.id),
                  **({"legislationIdentifier": clause.reference} if clause.reference else {}),
                  "url": f"#{clause.id}"}
                 for clause in clauses]
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
                "name": section.title,
                "identifier": qualified(protocol.id, section.id),
                **({"legislationIdentifier": section.number} if section.number else {}),
                "hasPart": parts,
            },
        }
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.replace("</", "<\\/")


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
LINK_SCHEMES = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


def markdown_text(value: str) -> Markup:
    """Words (or clean HTML) put where Markdown is read, in a heading or a list item: escaped as
    HTML, and every character Markdown or attr_list would act on escaped with a backslash, so they
    read as the words they are whatever they hold ("[x](javascript:…)", "{ onclick=… }")."""
    html = str(value if isinstance(value, Markup) else Markup.escape(value))
    return Markup("".join(part if TAG_OR_ENTITY.fullmatch(part) else MARKDOWN_SPECIAL.sub(r"\\\1", part)
                          for part in TAG_OR_ENTITY.split(html)))


def link_url(url: str | None) -> str | None:
    """An address from a source, if it is one a page may link to (http, https or mailto)."""
    return url if url and LINK_SCHEMES.match(url) and not re.search(r"[\s<>\"']", url) else None


def section_title(section: Section) -> str:
    """A section's title with its designation or number: "Appendix A: The Nolan principles",
    "3. Gifts"."""
    if section.designation:
        return f"{section.designation}: {section.title}"
    return (f"{section.number}. " if section.number else "") + section.title


def part_title(part: Part) -> str:
    return f"{part.designation}: {part.title}" if part.designation else part.title


@functools.cache
def _environment() -> jinja2.Environment:
    """Templates escape every value they insert, unless it is already clean HTML (Markup).
    One for the process, so a rebuild does not compile the templates again; compiled templates
    are also kept on disk, by their source's checksum, as Python keeps its .pyc files."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_CompiledTemplates.or_none(),
    )
    env.globals.update(section_title=section_title, part_title=part_title, status_label=STATUS_LABELS)
    env.filters.update(md=markdown_text, link_url=link_url)
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in the system's temporary folder, which never fails a
    build: where it cannot be kept, templates are compiled each time."""

    @classmethod
    def or_none(cls) -> _CompiledTemplates | None:
        try:
            return cls()
        except (OSError, RuntimeError):
            return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _entries(clauses: tuple[Clause, ...], level: int) -> Iterator[tuple[Clause, int]]:
    """Clauses in document order, each with the heading level it is shown at."""
    for clause in clauses:
        yield clause, min(level, 6)
        yield from _entries(clause.clauses, level + 1)
