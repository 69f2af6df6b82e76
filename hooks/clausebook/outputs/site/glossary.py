"""Defined terms: each protocol's glossary page (``<p>/glossary/``), and the definitions shown as
tooltips where the terms are used.

The glossary lists every term the protocol defines (as amended, for a proposed revision), in a
definitions block or in prose, alphabetically: the term and its variants in other languages, its
definition, and a link to the paragraph that defines it. Each term (and each variant) has an id,
so ``<p>/glossary/#<id>`` links to it; :func:`term_ids` gives those ids, for the page and for the
tooltips alike.

Tooltips are links: :func:`with_tooltips` wraps the first use of each term in a piece of clean
HTML in ``<a class="cb-term" href="…glossary/#<id>" title="<short definition>">``. A link can be
reached by keyboard, Material's ``content.tooltips`` feature shows its title on hover and focus,
and following it opens the full definition.
"""

from __future__ import annotations

import functools
import html as html_lib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from clausebook import citations
from clausebook.context import Context
from clausebook.format import languages, markup
from clausebook.format.model import Clause, Definition, Definitions, Item, Protocol, Text
from clausebook.outputs.html import Page, Writer, writer
from clausebook.readings import Defined, defined
from clausebook.urls import glossary_url, page
from clausebook.words import say

TOOLTIP_LIMIT = 200
# The Welsh alphabet, in its order: the order of a Welsh glossary.
WELSH_LETTERS = ("a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m", "n", "o",
                 "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y")
WELSH_ORDER = {letter: index for index, letter in enumerate(WELSH_LETTERS)}
WELSH_DIGRAPHS = frozenset(letter for letter in WELSH_LETTERS if len(letter) == 2)
# Where a term is never made a link: inside another link, an abbreviation, deleted text, a term
# being defined (<dfn>, <dt>), code, headings, form controls, and elements whose text is not prose.
UNLINKED = frozenset({"a", "abbr", "del", "dfn", "dt", "code", "kbd", "samp", "pre", "script", "style", "template",
                      "textarea", "select", "option", "button", "label", "summary", "title", "svg", "math",
                      "iframe", "noscript", "h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
RAW_TEXT = frozenset({"script", "style"})  # html.parser hands their content over unescaped
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
APOSTROPHES = "'\u2019\u2018"
HYPHENS = "-\u2010\u2011"
HYPHEN_CLASS = "\\-\u2010\u2011"  # HYPHENS inside [] in a regular expression


@dataclass(frozen=True, slots=True)
class Variant:
    """A term's other form, as the glossary shows it."""

    term: str
    lang: str | None
    language: str | None  # the language's name: "Welsh"
    id: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One defined term on a glossary page."""

    term: str  # as plain text
    id: str
    variants: tuple[Variant, ...]
    definition: Definition | None  # from a definitions block; None for a term defined in prose
    markdown: str  # the prose that defines it (for a term defined in prose)
    place: str  # where it is defined, as a cross-reference writes it: "1(1)(a)", "1.6"
    href: str  # relative to the glossary page


@dataclass(frozen=True, slots=True)
class _Term:
    """A defined term with what the glossary and the tooltips need from the model."""

    defined: Defined
    definition: Definition | None  # None for a term defined in prose
    term: str  # as plain text
    target: str  # the element id it links to: the definition's own anchor, or its clause's
    place: str


def pages(context: Context) -> list[Page]:
    """A glossary page for each protocol that defines at least one term, at ``<p>/glossary/``."""
    renderer = writer(context)
    result = []
    template = renderer.env.get_template("glossary.md.j2")
    for edition in context.editions():
        protocol = edition.protocol
        found = _terms(renderer, protocol)
        if not found:
            continue
        url = glossary_url(protocol)

        def html(text: Text | str, inline: bool = False, p: Protocol = protocol, u: str = url) -> Markup:
            return renderer.html(text, p, u, inline=inline)

        ids = iter(term_ids(name for entry in found for name in _names(entry)))
        entries = []
        for entry in found:
            term_id = next(ids)
            variants = tuple(Variant(term=markup.plain(v["term"]), lang=v["lang"], id=next(ids),
                                     language=say(languages.name(v["lang"])) if v["lang"] else None)
                             for v in entry.defined.variants)
            entries.append(Entry(
                term=entry.term, id=term_id, variants=variants,
                definition=entry.definition, markdown=entry.defined.markdown,
                place=entry.place, href=renderer.anchor_url(protocol.id, entry.target, url),
            ))
        content = template.render(protocol=edition.views.as_amended, entries=entries, html=html)
        result.append(Page(page(url), content))
    return result


def files(context: Context) -> dict[str, bytes]:
    """None: the glossary is pages."""
    return {}


def terms(renderer: Writer, protocol: Protocol) -> dict[str, str]:
    """Each term the protocol defines (as amended), and each variant of it, → its definition as
    short plain text (the first sentence, at most ``TOOLTIP_LIMIT`` characters). In the order of
    the glossary page, so that :func:`term_ids` of the keys gives the ids the page uses; a term
    defined twice keeps its first definition."""
    result: dict[str, str] = {}
    for entry in _terms(renderer, protocol):
        short = _short(entry)
        for name in _names(entry):
            result.setdefault(name, short)
    return result


def glossary_href(protocol: Protocol, page_url: str) -> str:
    """The link from the page at ``page_url`` (relative to the site root) to the protocol's glossary."""
    relative = posixpath.relpath(glossary_url(protocol), page_url)
    return f"{relative.rstrip('/')}/"


def with_tooltips(html: str, terms: dict[str, str], glossary_href: str, *, used: set[str] | None = None,
                  match_case: bool = False) -> str:
    """``html`` (already clean) with the first use of each term in ``terms`` made a link to its
    entry in the glossary at ``glossary_href``, titled with its definition.

    A use is the term as a whole word (not part of a longer word or of a hyphenated one), in any
    case, with any spacing, curly or straight apostrophes; the longest term wins where terms
    overlap ("co-opted member" over "member"). Terms that differ only in case count as one.
    Text inside links, abbreviations, deleted text, headings and the like (``UNLINKED``) and
    attribute values are left as they are; a term split by markup ("co-opted <em>member</em>") is
    not found. Nothing else changes except that text is re-escaped in a normal form.

    ``used``: to link each term once on a page made of several pieces, pass the same set with
    each piece; the terms linked are added to it (as their matching forms).

    ``match_case``: a term written with capitals ("Leadership", "Senior Officer") is found only
    as written, so that a defined term is not found in ordinary words ("joint leadership"); a term
    in lower case is still found in any case ("Member" at the start of a sentence)."""
    used = set() if used is None else used
    if not terms:
        return html
    finder = _finder(tuple(terms.items()), match_case)
    if not finder.forms.keys() - used:  # every term is linked already
        return html
    if finder.pattern.search(html_lib.unescape(html)) is None:  # (quick: no term anywhere, not even in markup)
        return html
    href = glossary_href.split("#", 1)[0]
    links = [Markup('<a class="cb-term" href="{}#{}" title="{}">').format(href, finder.ids[term], terms[term])
             for term in finder.ordered]
    linker = _Linker(finder.pattern, links, [_matching_form(term) for term in finder.ordered], used)
    linker.feed(html)
    linker.close()
    return linker.result()


@dataclass(frozen=True, slots=True)
class _Finder:
    """What finds a set of terms in text: each matching form → its first term, the terms longest
    first, their glossary ids, and one pattern for them all."""

    forms: dict[str, str]
    ordered: list[str]
    ids: dict[str, str]
    pattern: re.Pattern[str]


@functools.lru_cache(maxsize=64)
def _finder(terms: tuple[tuple[str, str], ...], match_case: bool) -> _Finder:
    """The finder for ``terms`` (made once for each protocol's terms, not for each text)."""
    names = [term for term, _ in terms]
    forms: dict[str, str] = {}
    for term in names:
        if form := _matching_form(term):
            forms.setdefault(form, term)
    # Terms already linked stay in the pattern, so that a shorter term inside a later use of a
    # longer one ("member" in "co-opted member") is not taken for a use of its own.
    position = {term: index for index, term in enumerate(names)}
    ordered = sorted(forms.values(), key=lambda t: (-len(t), position[t]))
    pattern = re.compile("|".join(f"(?P<t{index}>{_term_pattern(term, match_case)})"
                                  for index, term in enumerate(ordered)), re.IGNORECASE)
    return _Finder(forms, ordered, dict(zip(names, term_ids(names), strict=True)), pattern)


def term_ids(names: Iterable[str]) -> list[str]:
    """The element id of each name, in order: its slug ("Register of members' interests" →
    "register-of-members-interests"), made unique. A name that comes again gets the id of its
    first coming; ids for the repeats are given after every distinct name has its own, so the
    distinct names' ids do not depend on repeats."""
    names = list(names)
    taken: set[str] = set()
    first: dict[str, str] = {}

    def unique(name: str) -> str:
        base = slug(name)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        return candidate

    for name in names:
        if name not in first:
            first[name] = unique(name)
    seen: set[str] = set()
    result = []
    for name in names:
        result.append(first[name] if name not in seen else unique(name))
        seen.add(name)
    return result


def slug(term: str) -> str:
    """A term as an element id: lower case, accents dropped, apostrophes dropped, words joined by
    hyphens ("Cofrestr buddiannau'r aelodau" → "cofrestr-buddiannaur-aelodau"); "term" if
    nothing is left."""
    folded = unicodedata.normalize("NFKD", markup.plain(term))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = re.sub(f"[{APOSTROPHES}]", "", folded)
    return re.sub(r"[\W_]+", "-", folded).strip("-") or "term"


# What the glossary is made from


def _terms(renderer: Writer, protocol: Protocol) -> list[_Term]:
    """The protocol's defined terms (as amended), alphabetically."""
    amended = renderer.views[protocol.id].as_amended
    definitions: dict[tuple[str, str, str | None], list[Definition]] = {}
    for clause in amended.clauses():
        for block in clause.body:
            if isinstance(block, Definitions):
                for d in block.definitions:
                    definitions.setdefault((clause.id, d.term, d.label), []).append(d)
    found = []
    for entry in defined(amended):
        definition = None
        if not entry.prose and (queue := definitions.get((entry.clause.id, entry.term, entry.label))):
            definition = queue.pop(0)
        anchor = definition.anchor if definition is not None else None
        labels = dict(entry.clause.anchors()).get(anchor, "") if anchor else ""
        target = anchor if anchor and (protocol.id, anchor) in renderer.homes else entry.clause.id
        found.append(_Term(defined=entry, definition=definition, term=markup.plain(entry.term), target=target,
                           place=_place(renderer, protocol, entry.clause, labels or (entry.label or ""))))
    return sorted(found, key=lambda t: (sort_key(t.term, protocol.language), t.term))


def _place(renderer: Writer, protocol: Protocol, clause: Clause, labels: str) -> str:
    """Where a term is defined, by the clause's citation and the definition's labels: "1(1)(a)",
    "Appendix B paragraph 2(b)", "Introduction (second paragraph)"."""
    return citations.with_labels(renderer.citations[(protocol.id, clause.id)], clause.reference, labels)


def _names(entry: _Term) -> list[str]:
    """The term and its variants, as plain text: the names a reader may meet it by."""
    return [entry.term, *(markup.plain(v["term"]) for v in entry.defined.variants)]


def sort_key(term: str, language: str = "en") -> tuple[int, ...] | str:
    """A term's place in alphabetical order, accents and case aside: in Welsh by the Welsh
    alphabet, whose digraphs are letters of their own (``WELSH_LETTERS``: "llyfr" after "lwc",
    "chwarae" after "cyngor"; "ng" is always read as one letter, as dictionaries do); in any other
    language letter by letter."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c)).casefold()
    if languages.primary(language) != "cy":
        return folded
    key = []
    index = 0
    while index < len(folded):
        letter = folded[index:index + 2] if folded[index:index + 2] in WELSH_DIGRAPHS else folded[index]
        key.append(WELSH_ORDER.get(letter, len(WELSH_ORDER) + ord(letter[0])))
        index += len(letter)
    return tuple(key)


def _plain_items(items: tuple[Item, ...]) -> Iterator[str]:
    for item in items:
        yield f"{item.label} {item.text.plain}" if item.label else item.text.plain
        yield from _plain_items(item.items)
        if item.tail is not None:
            yield item.tail.plain
        tail_list = item.tail_list
        while tail_list is not None:  # the items the tail introduces, and the words after them
            yield from _plain_items(tail_list.items)
            if tail_list.tail is not None:
                yield tail_list.tail.plain
            tail_list = tail_list.tail_list


def _short(entry: _Term) -> str:
    """A definition as a tooltip: plain text, the first sentence (for a term defined in prose, the
    first sentence that names it), cut at a word to at most ``TOOLTIP_LIMIT`` characters."""
    if entry.definition is not None:
        d = entry.definition
        words = " ".join([d.text.plain, *_plain_items(d.items), *([d.tail.plain] if d.tail else [])])
        sentences = SENTENCE_END.split(words)
        text = sentences[0]
    else:
        sentences = SENTENCE_END.split(markup.plain(entry.defined.markdown))
        named = re.compile(rf"(?<!\w){re.escape(entry.term)}(?!\w)", re.IGNORECASE)
        text = next((s for s in sentences if named.search(s)), sentences[0])
    text = " ".join(text.split())
    if len(text) <= TOOLTIP_LIMIT:
        return text
    cut = text[: TOOLTIP_LIMIT - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


# Tooltips


def _matching_form(term: str) -> str:
    """What two terms that read the same share: no case, one kind of space, apostrophe and hyphen."""
    term = " ".join(term.split()).casefold()
    term = re.sub(f"[{APOSTROPHES}]", "'", term)
    return re.sub(f"[{HYPHEN_CLASS}]", "-", term)


def _term_pattern(term: str, match_case: bool = False) -> str:
    """A regular expression for a term as a whole word, with any spacing, apostrophes and hyphens;
    with ``match_case``, a term with capitals only as written."""
    parts = []
    for char in " ".join(term.split()):
        if char == " ":
            parts.append(r"\s+")
        elif char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]")
        elif char in HYPHENS:
            parts.append(f"[{HYPHEN_CLASS}]")
        else:
            parts.append(re.escape(char))
    words = "".join(parts)
    if match_case and term != term.lower():
        words = f"(?-i:{words})"
    return rf"(?<![\w{HYPHEN_CLASS}]){words}(?![\w{HYPHEN_CLASS}])"


class _Linker(HTMLParser):
    """Copies HTML, making the first use of each term in its text a link."""

    def __init__(self, pattern: re.Pattern[str], links: list[Markup], forms: list[str], used: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.pattern = pattern
        self.links = links  # the opening tag of each term's link, by group number
        self.forms = forms  # each term's matching form, by group number
        self.used = used
        self.out: list[str] = []
        self.open: list[str] = []  # the elements the parser is inside
        self.text: list[str] = []  # the text since the last tag (the parser may hand it over in pieces)

    def result(self) -> str:
        self._flush()
        return "".join(self.out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or "")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.out.append(f"</{tag}>")
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self._flush()
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._flush()
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self._flush()
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self._flush()
        self.out.append(f"<?{data}>")

    def _flush(self) -> None:
        if not self.text:
            return
        text, self.text = "".join(self.text), []
        if self.open and self.open[-1] in RAW_TEXT:
            self.out.append(text)
        elif any(tag in UNLINKED for tag in self.open):
            self.out.append(html_lib.escape(text, quote=False))
        else:
            self.out.append(self._link(text))

    def _link(self, text: str) -> str:
        pieces, last = [], 0
        for match in self.pattern.finditer(text):
            index = int((match.lastgroup or "t0")[1:])
            if self.forms[index] in self.used:  # a later use (a shorter term inside it is not a use of that one)
                continue
            self.used.add(self.forms[index])
            pieces += [html_lib.escape(text[last:match.start()], quote=False), self.links[index],
                       html_lib.escape(match.group(), quote=False), "</a>"]
            last = match.end()
        pieces.append(html_lib.escape(text[last:], quote=False))
        return "".join(pieces)
