"""What every output that shows clause text shares: clean HTML for a run of text, clauses' names
and relative links between pages, a page's notes on this edition (``EditionNotes``: its editorial
notes, each a marker where it stands and listed at the page's end), the generated ``Page``, and
the Jinja environment with its filters.

Clause text is converted from Markdown to HTML here, with clause links rewritten to the page
that holds their target, and then cleaned by an allow-list sanitiser: nothing but paragraphs,
lists, emphasis and links to http(s), mailto and pages of the site reaches the public site. The
site, print and Word outputs all read text through one ``Writer`` per build (``writer``), so the
same words make the same HTML everywhere, converted once.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

from clausebook import citations, readings, resources
from clausebook.format import languages, markup, numbering
from clausebook.format.model import Clause, Note, Part, Protocol, Section, Text, own_notes
from clausebook.urls import (
    Download,
    compare_url,
    download_url,
    homes,
    permalink_url,
    print_url,
    protocol_label,
    relative_path,
    section_url,
)
from clausebook.words import Said, said, say

if TYPE_CHECKING:  # (only named in annotations)
    from clausebook.context import Context

TEMPLATES = resources.TEMPLATES
ALLOWED_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "br", "ins", "del"}
WHOLE_MARKS = {"inserted": "ins", "deleted": "del"}
UNSEARCHED_DEL = "<del data-search-exclude>"  # Material's search leaves the element out of its index
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_SYNTAX = re.compile(r"[\[\]*_\\`<>&\n#!]|^\s*[-+]\s|^\s*\d+[.)]\s")
TOC_UNSAFE = re.compile(r"[^\w\s.,;:()’'…—–/-]")  # kept out of a table-of-contents label (an attribute)
TOC_WORDS = 6  # the first words that name a clause without a heading in the table of contents
DOWNLOAD_LABELS: dict[Download, str] = {"pdf": "PDF", "changes-pdf": "PDF with the tracked changes",
                                        "docx": "Word document", "changes-docx": "Word document with tracked changes"}
STATUS_LABELS = {"adopted": "Adopted", "proposed-revision": "Proposed revision", "draft": "Draft"}
# Clean HTML for a run of text of a protocol, on the page at a URL, where the whole protocol is one page.
OnePageHtml = Callable[[Text | str, Protocol, str], Markup]


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
    name: str  # how a link names it: "paragraph 2.1", "Table 1", "Appendix B paragraph 1"
    clause: Clause
    permalink: str
    backlinks: tuple[tuple[str, str], ...]  # (citation, relative link) of each clause that links here


@dataclass(frozen=True, slots=True)
class EditionNote:
    """An editorial note as a page shows it: a marker where the note stands, and the note in the
    page's list of notes on this edition, under the same number."""

    number: int
    about: str  # what it is on, as the list names it: "paragraph 6.1", "the number of paragraph 6.1"
    note: Note
    gone: bool  # on what the revision deletes: listed with the changes shown, as its marker is

    @property
    def id(self) -> str:
        """The note's id in the list (an author's id has no underscore)."""
        return f"cb_note-{self.number}"

    @property
    def marker(self) -> str:
        """Its marker's id, which the note links back to."""
        return f"cb_note-{self.number}-ref"


ABOUT = {"": "{}", "number": "the number of {}", "link": "a link in {}"}  # what a note is on, in words
NOTE_ON = {"": "", "number": " on the number", "link": " on a link"}  # a note's label says it


class EditionNotes:
    """The editorial notes of one page, numbered in the order the page shows their markers: a
    template asks for each note's number as it reaches it (``mark``), and lists them all at the
    page's end. Council notes stand where they are and are not here."""

    def __init__(self, places: dict[int, str]) -> None:
        self.places = places  # each note on the page, by id(): what it is on
        self.notes: list[EditionNote] = []

    def mark(self, note: Note, element: Any, on: str = "", about: str | None = None) -> EditionNote:
        """The next number, for ``note`` on ``element`` (its number, ``on="number"``, or a link in
        it, ``on="link"``); ``about`` names what it is on where the page does not."""
        place = about or ABOUT[on].format(self.places.get(id(note), "this page"))
        found = EditionNote(number=len(self.notes) + 1, about=place, note=note,
                            gone=getattr(element, "change", None) == "deleted")
        self.notes.append(found)
        return found

    def printed_number(self, section: Section, tracked: Section) -> EditionNote:
        """The note that the source prints another number on a section's heading."""
        note = Note(text=f"The source prints this heading as {section.printed_number}.", kind="editorial")
        return self.mark(note, tracked, about=_heading(section))

    @property
    def all_gone(self) -> bool:
        """Whether every note is on what the revision deletes (the list shows only with the changes)."""
        return all(note.gone for note in self.notes)


def _heading(section: Section) -> str:
    """A section's heading, as a note names what it is on."""
    return f"the heading “{markup.plain(section_title(section))}”"


class Writer:
    """Clean HTML for the text of one build's protocols, and the names and links between their
    clauses: what the site, print and Word outputs share. One per build: ``writer(context)``."""

    def __init__(self, context: Context) -> None:
        protocols = context.protocols
        self.context = context
        self.protocols = protocols
        self.views = context.views
        self.homes = homes(protocols)
        self.env = environment()
        self._markdown = markdown_lib.Markdown(extensions=[])
        self._converted: dict[tuple[str, bool, bool, str | None], Markup] = {}  # see html()
        # (protocol, clause) → its citation ("2.1", "Appendix B paragraph 1", "Table 1"), in every reading
        self.citations: dict[tuple[str, str], str] = {}
        self.names: dict[tuple[str, str], str] = {}  # (protocol, clause) → how a link names it: "paragraph 2.1"
        # (protocol, numbered section or clause) → its number in words, as a printed cross-reference gives it
        self.printed_names: dict[tuple[str, str], str] = {}
        self.backlinks: dict[tuple[str, str], list[str]] = {}  # (protocol, clause) → the clauses linking to it
        for protocol in protocols:
            for clause_id, citation in self.views[protocol.id].citations.items():
                self.citations[(protocol.id, clause_id)] = citation
                self.names[(protocol.id, clause_id)] = citations.link_name(citation)
            for clause in self.views[protocol.id].as_amended.clauses():
                if clause.designation or clause.number:
                    self.printed_names[(protocol.id, clause.id)] = self.names[(protocol.id, clause.id)]
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
        return [(say(DOWNLOAD_LABELS[kind]), posixpath.relpath(download_url(protocol, kind), from_url))
                for kind in self.context.downloads if protocol.status != "adopted" or not kind.startswith("changes-")]

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

    def edition_notes(self, protocol: Protocol, clauses: Iterable[Clause], sections: Iterable[Section] = (), *,
                      whole: bool = False) -> EditionNotes:
        """The notes on this edition of a page that shows ``clauses`` (each without its
        sub-clauses) and the headings of ``sections``; ``whole``: the whole protocol, with its
        own note and its parts'."""
        places = {id(note): _heading(section) for section in sections for _, note in own_notes(section)}
        for clause in clauses:
            places.update((id(note), self.names[(protocol.id, clause.id)]) for note in clause.every_note())
        if whole:
            places |= {id(part.note): f"the heading “{markup.plain(part_title(part))}”"
                       for part in protocol.parts.values() if part.note}
            places |= {id(protocol.note): "the protocol as a whole"} if protocol.note else {}
        return EditionNotes(places)

    def compared(self, from_url: str) -> list[Compared]:
        """The comparisons the build makes of these protocols, each with a link from the page at ``from_url``."""
        by_id = {p.id: p for p in self.protocols}
        return [Compared(ids=(first, second), first=protocol_label(by_id[first], self.protocols),
                         second=protocol_label(by_id[second], self.protocols),
                         href=posixpath.relpath(compare_url(by_id[first], by_id[second]), from_url) + "/")
                for first, second in self.context.pairs if first in by_id and second in by_id]

    def compared_with(self, protocol: Protocol, from_url: str) -> list[Compared]:
        """The comparisons a protocol is in, each with a link from the page at ``from_url``."""
        return [compared for compared in self.compared(from_url) if protocol.id in compared.ids]

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
        printed = printed_number(shown)
        was = f' <span class="cb-was" data-search-exclude>(was {html_lib.escape(clause.was)})</span>' \
            if clause.was else ""
        heading = html(clause.heading, inline=True) if clause.heading else ""
        words = " ".join(part for part in (printed, shown.heading) if part)
        if not shown.heading and number:
            first = markup.plain(next((t.amended for t in shown.texts() if t.amended), "")).split()
            words += (" " + " ".join(first[:TOC_WORDS]) + ("…" if len(first) > TOC_WORDS else "")) if first else ""
        backlinks = tuple((self.citations[(protocol.id, source)], self.anchor_url(protocol.id, source, url))
                          for source in self.backlinks.get((protocol.id, clause.id), ()))
        return Entry(
            id=clause.id, level=min(level, 6),
            heading=Markup(" ".join(part for part in (html_lib.escape(printed or ""), heading) if part) + was)
            if number or clause.heading else Markup(""),
            toc_label=TOC_UNSAFE.sub("", words), name=self.names[(protocol.id, clause.id)],
            clause=clause, permalink=posixpath.relpath(permalink_url(protocol, clause.id), url) + "/",
            backlinks=backlinks,
        )


def writer(context: Context) -> Writer:
    """The build's one Writer."""
    return context.shared(Writer)


def one_page(context: Context) -> OnePageHtml:
    """Clean HTML for text where the whole protocol is one page (print, Word), through the build's Writer."""
    shared = writer(context)
    return lambda text, protocol, url: shared.html(text, protocol, url, one_page=True)


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


MARKDOWN_BEFORE_HTML = re.compile(r"[\\`\[\]]")


def markdown_attribute(value: str) -> Markup:
    """Words for an attribute of a tag put where Markdown is read (a link's name in a heading):
    escaped as HTML, and the characters Markdown would act on inside the tag before it sets the
    tag aside (a backslash, code, a link's brackets) written as character references."""
    html = str(Markup.escape(value))
    return Markup(MARKDOWN_BEFORE_HTML.sub(lambda found: f"&#{ord(found.group())};", html))


def link_url(url: str | None) -> str | None:
    """An address from a source, if it is one a page may link to (http, https or mailto)."""
    return url if url and LINK_SCHEMES.match(url) and not re.search(r"[\s<>\"']", url) else None


def section_title(section: Section) -> str:
    """A section's title with its designation or number: "Appendix A: The Nolan principles",
    "3. Gifts"; where the source prints no title, its name ("Appendix A", "Section 3")."""
    if section.title is None and section.designation:
        return numbering.designated(section.designation, section.separator)  # as printed
    if section.title is None:
        return section.name
    if section.designation:
        return f"{numbering.designated(section.designation, section.separator or ':')} {section.title}"
    return (f"{section.number}. " if section.number else "") + section.title


def printed_number(clause: Clause) -> str | None:
    """A clause's number as its heading shows it: its designation as printed, with the separator
    after it ("Table 1:"), its full reference ("10(2)") or its number; None where it has none."""
    number = clause.designation or clause.reference or clause.number
    return numbering.designated(number, clause.separator) if number and clause.designation else number


def whose(protocol: Protocol) -> str:
    """Whose a page is, as its title says after what it is: the council, and the protocol's part
    of the constitution where it has one, else the protocol's title ("Somerset Council, Part H")."""
    return f"{protocol.council}, {protocol.part or protocol.title}"


def part_title(part: Part) -> str:
    """A part's title with its designation and the separator printed between them."""
    if part.designation:
        return f"{numbering.designated(part.designation, part.separator or ':')} {part.title}"
    return part.title


def language_name(tag: str) -> str:
    """A language tag as a reader names it (in the language spoken), with the tag: "English (en-GB)"."""
    name = languages.name(tag)
    return f"{say(name)} ({tag})" if name != tag else tag


def environment() -> jinja2.Environment:
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
    env.globals.update(section_title=section_title, part_title=part_title, whose=whose,
                       status_label=Said(STATUS_LABELS), language_name=language_name, own_notes=own_notes,
                       NOTE_ON=Said(NOTE_ON), _=said)
    env.filters.update(md=markdown_text, md_attribute=markdown_attribute, link_url=link_url)
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
