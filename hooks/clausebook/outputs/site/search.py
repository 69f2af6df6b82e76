"""The handbook's search index: Material's, with the entries of each protocol's overview and section
pages written from the build's context rather than read from the pages' HTML.

Material's search shows its results a group per page: the page's entry (its title), then the
entries of the page's headings that match, each a title with its text under it. Read from the
HTML, a clause's entry was its number alone ("9.3"), its text ended in its permalink's words and
nothing said whose it was. Here every entry's title says what it is and whose:

| entry | title | text |
|---|---|---|
| a protocol's overview, `<p>/` | its title – its council | its status and part |
| a section page | its number and title – the council | its unheaded paragraphs before the first heading |
| a clause with a number or heading | its number and heading – the council | its words, then unheaded ones after it |

The council is the protocol's name on the site (``urls.protocol_label``). The words are the text as
amended, a paragraph for each paragraph, item or table row (the dataset's ``text_plain``), so what
a revision deletes, the notes on its changes and editorial notes are not searched; a section the
revision deletes has no entries.

A section or clause the revision renumbers also carries its number before the revision (from the
concordance) in a field of its own, ``former``, which the index weighs between titles and texts:
"9.3" finds each protocol's clause 9.3 first, then the clause that was 9.3, then clauses that
mention 9.3. Its title shows "(formerly 9.3)" with the number written as character references,
which a browser shows as "9.3" and the index does not read as that number.

The front matter of these pages keeps Material's plugin from reading them: what it would make is
replaced here, and it reads a page with many headings slowly.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from clausebook import readings
from clausebook.context import Context
from clausebook.format import markup
from clausebook.format.model import Protocol, Section
from clausebook.outputs.html import environment, printed_number, section_title
from clausebook.urls import anchor_url, protocol_label, protocol_url, qualified, section_url

INDEX = "search/search_index.json"  # where Material's search plugin writes the index, under the site
FORMER = "former"  # the field of a former number
FORMER_BOOST = 100.0  # its weight: Material's titles weigh 1,000 and texts 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the index: a page (``location`` without ``#``) or a heading on it."""

    location: str  # relative to the site root
    title: str  # HTML
    text: str  # HTML
    former: str | None = None  # the number before the revision

    def record(self) -> dict[str, str]:
        """The entry as Material's index writes one."""
        found = {"location": self.location, "title": self.title, "text": self.text}
        return found | ({FORMER: self.former} if self.former else {})


def indexes(material: bytes, context: Context) -> dict[str, bytes]:
    """Material's search index (``INDEX``) with the handbook's entries in place of any Material
    made for the same pages, and the ``former`` field weighed (unless mkdocs.yml weighs it); split
    by language: the pages of the protocols' texts in another language (``<language>/…``) are
    searched in an index of their own, ``<language>/search/search_index.json``, which a page in
    that language asks for (site_overrides/main.html), with locations from ``<language>/``. No
    stemmer or stop words are used there: lunr has none for Welsh, and English ones would cut
    Welsh words wrongly."""
    data = json.loads(material)
    ours = [entry.record() for entry in entries(context)]
    ours += [entry.record() for text in context.in_languages() for entry in entries(text)]
    pages = {entry["location"] for entry in ours if "#" not in entry["location"]}
    docs = ours + [doc for doc in data["docs"] if doc["location"].partition("#")[0] not in pages]
    data["config"].setdefault("fields", {}).setdefault(FORMER, {"boost": FORMER_BOOST})
    languages = sorted({text.language or "" for text in context.in_languages()})
    own = [doc for doc in docs if doc["location"].split("/")[0] not in languages]
    found = {INDEX: _written(data, own)}
    for language in languages:
        prefix = f"{language}/"
        config = {**data["config"], "pipeline": []}
        found[f"{prefix}{INDEX}"] = _written({**data, "config": config}, [
            {**doc, "location": doc["location"].removeprefix(prefix)} for doc in docs
            if doc["location"].startswith(prefix)])
    return found


def _written(data: dict[str, Any], docs: list[dict[str, str]]) -> bytes:
    return json.dumps({**data, "docs": docs}, ensure_ascii=False, separators=(",", ":")).encode()


def entries(context: Context) -> list[Entry]:
    """Each protocol's overview and section pages' entries, protocols in source order and pages in
    document order, each page's entry before those of its clauses (as Material's index has them)."""
    template: Any = environment().get_template("search.html.j2").module
    texts = {record.id: record.text_plain for record in context.dataset.records}
    found = []
    for edition in context.editions():
        protocol, views = edition.protocol, edition.views
        owner = words(protocol_label(protocol, context.protocols))
        former = {line.id: line.old for line in readings.concordance(protocol)
                  if line.old and line.new and line.old != line.new}
        found.append(Entry(protocol_url(protocol), str(template.title(words(views.as_amended.title), owner)),
                           str(template.about(protocol.status, words(protocol.part or "")))))
        for section in protocol.sections:
            shown = views.amended_sections.get(section.id)
            if shown is None:  # (deleted by the revision: nothing on its page is searched)
                continue
            pages = _section_entries(protocol, section, views, texts)
            found += [Entry(location, str(template.title(words(name), owner, hidden(former.get(element)))),
                            str(template.text([words(line) for line in lines])), former.get(element))
                      for location, element, name, lines in pages]
    return found


def _section_entries(protocol: Protocol, section: Section, views: readings.Views,
                     texts: dict[str, str]) -> list[tuple[str, str, str, list[str]]]:
    """A section page's entries as (location, section or clause id, name, lines of text): the
    page's, then one for each clause with a number or heading, which the unheaded clauses after
    it join, in document order. Clauses the revision deletes are left out."""
    shown = views.amended_sections[section.id]
    found = [(section_url(protocol, section), section.id, section_title(shown), list[str]())]
    for clause in section.walk():
        amended = views.amended.get(clause.id)
        if amended is None:
            continue
        name = " ".join(part for part in (printed_number(amended), markup.plain(amended.heading or "")) if part)
        if name:
            found.append((anchor_url(protocol, section, clause.id), clause.id, name, []))
        found[-1][3].extend(line for line in texts[qualified(protocol.id, clause.id)].split("\n") if line)
    return found


def words(text: str) -> Markup:
    """Words as Material's index holds them: HTML with ``&``, ``<`` and ``>`` escaped and quotes as
    they are, so that the index reads "council's" as the word a reader types."""
    return Markup(html.escape(text, quote=False))


def hidden(number: str | None) -> Markup | None:
    """A number as character references: shown as it is, never read by the index as that number."""
    return Markup("".join(f"&#{ord(character)};" for character in number)) if number else None
