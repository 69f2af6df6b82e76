"""The page that shows a protocol's texts in two languages are in step: ``<p>/languages/``, and
the same in the other language (``cy/<p>/languages/``).

Each count is taken from each text on its own (its sections, clauses, numbered clauses,
definitions, obligations of each force, and the changes its revision makes), so a reader can see
the two agree. The build refuses texts that differ (``format.languages.parity``), so a published
page always shows them in step; it also lists each section with its number, its title in each
language and its clauses, so a reader can find one provision in both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from clausebook.context import Context
from clausebook.format import languages, markup
from clausebook.format.model import Definitions, Protocol, Section, places
from clausebook.outputs.html import Page, section_title, writer
from clausebook.records.types import MODALITY_WORDS
from clausebook.urls import download_url, page, protocol_url, relative
from clausebook.words import say

FOLDER = "languages"  # <p>/languages/: a section may not have this id (urls.RESERVED_SECTION_IDS)


@dataclass(frozen=True, slots=True)
class Count:
    """One line of the table: what is counted, and its count in each text."""

    what: str
    counts: tuple[int, ...]

    @property
    def in_step(self) -> bool:
        return len(set(self.counts)) == 1


@dataclass(frozen=True, slots=True)
class Row:
    """One section: its number, and its title and clauses in each text."""

    number: str
    titles: tuple[str, ...]
    clauses: tuple[int, ...]
    links: tuple[str, ...]


def url_of(protocol: Protocol) -> str:
    return f"{protocol_url(protocol)}{FOLDER}/"


def pages(context: Context) -> list[Page]:
    """The page of each protocol in this context that has texts in other languages."""
    renderer = writer(context)
    template = renderer.env.get_template("parity.md.j2")
    found = []
    for protocol in context.protocols:
        texts = context.counterparts(protocol.id)
        if len(texts) < 2:
            continue
        url = url_of(protocol)
        found.append(Page(page(url), template.render(
            protocol=protocol, texts=texts, counts=counts(texts), sections=sections(texts, url),
            language_name=lambda text: say(languages.name(text.language)),
            overview=lambda text, u=url: relative(protocol_url(text), u),
            pdf=lambda text, u=url: relative(download_url(text, "pdf"), u) if "pdf" in context.downloads else None)))
    return found


def files(context: Context) -> dict[str, bytes]:
    """None: the page is a page (the dataset gives each text's counts: a protocol's ``languages``)."""
    return {}


def counts(texts: tuple[Protocol, ...]) -> list[Count]:
    """What each text holds, counted on its own."""
    tallies = [_tally(text) for text in texts]
    names = list(dict.fromkeys(name for tally in tallies for name in tally))
    return [Count(name, tuple(tally.get(name, 0) for tally in tallies)) for name in names]


def _tally(text: Protocol) -> dict[str, int]:
    clauses = list(text.clauses())
    runs = [place.text for clause in clauses for block in clause.body for place in places(block)]
    obligations = Counter(obligation.modality for run in runs for obligation in run.obligations)
    changes = Counter(clause.change for clause in clauses if clause.change)
    found = {
        say("Parts"): len(text.parts),
        say("Sections"): len(text.sections),
        say("Clauses"): len(clauses),
        say("Numbered clauses"): sum(1 for clause in clauses if clause.number),
        say("Definitions"): sum(len(block.definitions) for clause in clauses for block in clause.body
                                if isinstance(block, Definitions)),
        say("Obligations"): sum(obligations.values()),
    }
    found |= {say("Obligations: {force}", force=say(MODALITY_WORDS[modality])): obligations[modality]
              for modality in MODALITY_WORDS if obligations[modality]}
    if text.status != "adopted":
        found |= {
            say("Clauses the revision inserts"): changes["inserted"],
            say("Clauses the revision deletes"): changes["deleted"],
            say("Clauses the revision moves"): changes["moved"],
            say("Runs of words the revision amends"): sum(1 for run in runs if markup.has_changes(run.markdown)),
        }
    return found


def sections(texts: tuple[Protocol, ...], url: str) -> list[Row]:
    """Each section in document order: its number, and its title, clauses and page in each text."""
    rows = []
    for index, section in enumerate(texts[0].sections):
        shown: list[Section] = [text.sections[index] for text in texts]
        rows.append(Row(number=section.designation or section.number or "",
                        titles=tuple(section_title(each) for each in shown),
                        clauses=tuple(sum(1 for _ in each.walk()) for each in shown),
                        links=tuple(relative(f"{protocol_url(text)}{each.id}/", url)
                                    for text, each in zip(texts, shown, strict=True))))
    return rows
