"""Each page's language, and its counterparts in the protocol's other languages: what the
language switch at the top of the page links to (site_overrides/main.html) and the sitemap's
``hreflang`` alternates (site_overrides/sitemap.xml), both read from the page's meta.

(The alternates are in the sitemap, not the page's head: the theme's script would fetch a
sitemap beside each alternate it finds there.)

A page of a protocol with a text in another language (``format.languages``) has a counterpart at
the same address under the language's folder: ``<p>/members/`` and ``cy/<p>/members/``. A page
with none there (a role's page, a kept version's page: published in the protocol's own language
alone) leads to the other text's overview. The switch keeps the clause the reader is on: the
pages of both texts give each clause the same id, and docs/javascripts/clausebook.js carries the
address's ``#clause`` over.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from clausebook.context import Context
from clausebook.format.languages import OWN_NAMES, primary
from clausebook.format.model import Protocol
from clausebook.urls import page, page_protocol, protocol_url, relative


@dataclass(frozen=True, slots=True)
class Counterpart:
    """The same page in another language."""

    language: str  # its BCP 47 tag
    name: str  # the language's name for itself ("Cymraeg")
    href: str  # a link from the page
    url: str  # its address from the site's root (``cy/<p>/members/``)
    current: bool = False  # the page itself (an hreflang alternate names it too; the switch does not)


@dataclass(frozen=True, slots=True)
class PageLanguage:
    language: str | None  # the page's language, where it is not the site's (a text in another language's)
    interface: str | None  # the theme's words for it ("cy"), where the theme has them
    counterparts: tuple[Counterpart, ...]  # the page in each language, itself included; () for a page in one


def of_page(src_uri: str, context: Context | None, generated: Collection[str],
            interfaces: Collection[str] = ("cy", "en")) -> PageLanguage:
    """The language of the page at ``src_uri`` and its counterparts, among the ``generated`` pages."""
    none = PageLanguage(None, None, ())
    if context is None or not context.translations:
        return none
    first, _, rest = src_uri.partition("/")
    paths = {text.language_path: text for texts in context.translations.values() for text in texts}
    if first in paths and rest.startswith(f"{paths[first].id}/"):
        protocol_id, own, same = paths[first].id, paths[first], rest
    else:
        protocol_id = page_protocol(src_uri, [protocol.id for protocol in context.protocols]) or ""
        if protocol_id not in context.translations:
            return none
        own, same = next(p for p in context.protocols if p.id == protocol_id), src_uri
    url = src_uri.removesuffix("index.md")
    counterparts = []
    for text in context.counterparts(protocol_id):
        there = f"{text.language_path}/{same}" if text.language_path else same
        if there not in generated:
            there = _overview(text)
        address = there.removesuffix("index.md")
        counterparts.append(Counterpart(text.language, OWN_NAMES.get(primary(text.language), text.language),
                                        relative(address, url), address, current=text is own))
    language = own.language if own.language_path else None
    interface = primary(own.language) if own.language_path and primary(own.language) in interfaces else None
    return PageLanguage(language, interface, tuple(counterparts))


def _overview(text: Protocol) -> str:
    return page(protocol_url(text))
