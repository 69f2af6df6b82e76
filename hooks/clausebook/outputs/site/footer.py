"""What the footer of each page says: on a page of one protocol, its council's contact, licence
and the date of its text, each as the source states it (None where it states none: the footer
then says the council has not stated it, never leaves it out or makes it up); on any other page,
the handbook and the councils whose protocols it holds. The words are facts; the markup is the
theme's (``site_overrides/partials/footer.html``), which reads them from the page's meta.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clausebook.context import Context
from clausebook.format.model import Protocol
from clausebook.outputs.html import STATUS_LABELS, link_url
from clausebook.settings import Settings
from clausebook.urls import page_protocol, protocol_url
from clausebook.words import joined, say, spoken

NAMED_COUNCILS = 4  # a handbook of more councils than this counts them rather than naming each


@dataclass(frozen=True, slots=True, kw_only=True)
class Licence:
    name: str
    url: str | None  # an address a page may link to, if the source gives one


@dataclass(frozen=True, slots=True, kw_only=True)
class Words:
    """The footer's own words, in the page's language (said when the footer is made)."""

    contact: str = field(default_factory=lambda: say("Contact:"))
    licence: str = field(default_factory=lambda: say("Licence:"))
    date: str = field(default_factory=lambda: say("Date of the text:"))
    not_stated: str = field(default_factory=lambda: say("not stated by the council"))
    version: str = field(default_factory=lambda: say("version"))
    protocols_of: str = field(default_factory=lambda: say("the protocols of"))
    as_written: str = field(default_factory=lambda: say("each as its council wrote it"))
    each_gives: str = field(default_factory=lambda: say(
        "Each protocol's pages give its council's contact, the licence of its text and its date."))


@dataclass(frozen=True, slots=True, kw_only=True)
class Footer:
    """A page's footer: the handbook's title, and either one protocol's facts (``council`` set)
    or the councils the handbook holds."""

    handbook: str
    councils: str | None = None  # "Kirklees Council and Somerset Council", "12 councils"; None if none
    council: str | None = None  # the page's protocol's council, on a page of one protocol
    title: str | None = None
    part: str | None = None  # where the protocol stands in the council's constitution
    status: str | None = None  # "Proposed revision", where the protocol is not the one in force
    contact: str | None = None  # None: not stated by the council
    licence: Licence | None = None  # None: not stated by the council
    dates: tuple[str, ...] = ()  # "revision dated …", "adopted 2024-05-14", "in effect from …"; none: not stated
    version: str | None = None
    words: Words = field(default_factory=Words)


def of_page(src_uri: str, context: Context | None, settings: Settings) -> Footer:
    """The footer of the page at ``src_uri`` (``context``: the build's, None while the sources
    have errors)."""
    protocols = context.protocols if context is not None else ()
    by_id = {protocol.id: protocol for protocol in protocols}
    folder, _, rest = src_uri.partition("/")
    texts = [text for texts in (context.translations.values() if context else ()) for text in texts
             if text.language_path == folder]
    if texts:  # (a page in another language: its text's facts, or its texts', in its words)
        with spoken(texts[0].language):
            protocol_id = page_protocol(rest, by_id)
            own = next((text for text in texts if text.id == protocol_id), None)
            return of_protocol(own, settings) if own else Footer(
                handbook=settings.title_in(texts[0].language), councils=councils(tuple(texts)))
    protocol_id = page_protocol(src_uri, by_id)
    if protocol_id is None:
        return Footer(handbook=settings.title, councils=councils(protocols))
    for version in context.kept() if context is not None else ():  # (a kept version's page: its own facts)
        if src_uri.startswith(protocol_url(version.protocol)):
            return of_protocol(version.protocol, settings)
    return of_protocol(by_id[protocol_id], settings)


def of_protocol(protocol: Protocol, settings: Settings) -> Footer:
    """The footer of a page of ``protocol``."""
    licence = protocol.licence
    dates = tuple(f"{say(what)} {date}" for what, date in (("revision dated", protocol.revised),
                                                           ("adopted", protocol.adopted),
                                                           ("in effect from", protocol.effective)) if date)
    return Footer(
        handbook=settings.title_in(protocol.language), council=protocol.council, title=protocol.title,
        part=protocol.part,
        status=say(STATUS_LABELS[protocol.status]) if protocol.status != "adopted" else None,
        contact=protocol.contact,
        licence=Licence(name=licence.name, url=link_url(licence.url)) if licence else None,
        dates=dates, version=protocol.version)


def councils(protocols: tuple[Protocol, ...]) -> str | None:
    """The councils whose protocols the handbook holds, in words: each named, in alphabetical
    order ("Kirklees Council and Somerset Council"), or counted when there are many."""
    names = sorted({protocol.council for protocol in protocols}, key=str.casefold)
    if not names:
        return None
    if len(names) > NAMED_COUNCILS:
        return say("{count} councils", count=len(names))
    return joined(names, "and")
