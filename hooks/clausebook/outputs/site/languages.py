"""Each page's language, and its counterparts in the protocol's other languages: what the
language switch at the top of the page links to (site_overrides/main.html) and the sitemap's
``hreflang`` alternates (site_overrides/sitemap.xml), both read from the page's meta.

(The alternates are in the sitemap, not the page's head: the theme's script would fetch a
sitemap beside each alternate it finds there.)

A page of a protocol with a text in another language (``format.languages``) has a counterpart at
the same address under the language's folder: ``<p>/members/`` and ``cy/<p>/members/``,
``roles/councillor/<p>/`` and ``cy/roles/councillor/<p>/``. A page with none there (a kept
version's page, the versions page: published in the protocol's own language alone) leads to the
other text's overview. A page of no protocol links to its counterpart where there is one (the
role index, ``roles/`` and ``cy/roles/``). Every page under a language's folder is in that
language, whether or not it has a counterpart. The switch keeps the clause the reader is on: the
pages of both texts give each clause the same id, and docs/javascripts/clausebook.js carries the
address's ``#clause`` over (``.cb-keep-place``, as a kept version's banner does).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass

from clausebook import words
from clausebook.context import Context
from clausebook.format.languages import own_name, primary
from clausebook.urls import page, page_protocol, protocol_url, relative

ENGLISH_TAG = "en-GB"  # the language of a page of no protocol in the site's own language


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
    if context is None or not context.translations:
        return PageLanguage(None, None, ())
    paths = {text.language_path: text for texts in context.translations.values() for text in texts}
    first, _, rest = src_uri.partition("/")
    own = first if first in paths else None  # the page's language's folder, for a page in another language
    same = rest if own else src_uri  # the page's address in the protocol's own language
    protocol_id = page_protocol(same, [protocol.id for protocol in context.protocols])
    texts = context.counterparts(protocol_id) if protocol_id in context.translations else (
        None, *sorted(paths.values(), key=lambda text: text.language_path or ""))
    url = src_uri.removesuffix("index.md")
    counterparts = []
    for text in texts:
        path = text.language_path if text is not None else None
        there = f"{path}/{same}" if path else same
        if there not in generated:
            if protocol_id is None or text is None:
                continue  # (a page of no protocol with none there: the Data page)
            there = page(protocol_url(text))
        language = text.language if text is not None else ENGLISH_TAG
        address = there.removesuffix("index.md")
        counterparts.append(Counterpart(language, own_name(language), relative(address, url),
                                        address, current=path == own))
    language = paths[own].language if own else None
    interface = primary(language) if language and primary(language) in interfaces else None
    shown = tuple(counterparts) if sum(1 for other in counterparts if not other.current) else ()
    return PageLanguage(language, interface, shown)


def permalinks_said(page: str, language: str, title: str | None) -> str:
    """A page's HTML in ``language`` with each heading's link (Markdown's ``toc`` permalink, which
    the settings title ``title``, in the site's language) titled in that language."""
    if not title:
        return page
    with words.spoken(language):
        said = words.say(title)
    quoted = html.escape(title)
    return re.sub(rf'(<a class="headerlink" href="[^"<>]*" title="){re.escape(quoted)}"',
                  lambda found: f'{found.group(1)}{html.escape(said)}"', page)
