"""A protocol's versions on the site (``format.versions``): the page that lists them
(``<p>/versions/``), the banner on every page of a kept version, and the addresses that must never
break.

Each kept version's pages (overview, sections, print page, glossary, permalinks) and files are
made by the outputs that make the current ones, in the version's own context
(``Context.of_version``), at ``<p>/<key>/…``; ``bannered`` then says on each what version it is,
when it was in force, and leads to the same page of the text in force, and keeps it out of the
search index and the navigation (only the current text is searched and listed).

Addresses that never break: ``<p>/<key>/`` and ``<p>/<key>/c/<id>/`` of the text ``<p>/`` shows
lead there (so a link made to a version still works once it is current, and before), and a clause
id the current text no longer has (``<p>/c/<id>/``) leads to the last version that had it.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass

from clausebook.context import Context
from clausebook.format.model import Protocol
from clausebook.format.versions import Version
from clausebook.outputs.html import Page, environment, whose
from clausebook.outputs.site import version_changes
from clausebook.outputs.site.version_words import in_force, version_name
from clausebook.urls import (
    homes,
    page,
    permalink_url,
    protocol_url,
    relative,
    section_url,
    versions_url,
)
from clausebook.words import Said, say

STATUS_WORDS = {"in force": "In force", "superseded": "Superseded", "proposed": "Proposed revision",
                "draft": "Draft"}
FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n", re.DOTALL)
FIRST_HEADING = re.compile(r"^(?:# |<h1\b).*$", re.MULTILINE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Listed:
    """One version as the versions page lists it."""

    version: Version
    name: str  # "Adopted 12 May 2021", "Original (date not stated)", "Proposed revision"
    href: str  # its pages, from the versions page
    in_force: str  # "12 May 2021 to 8 November 2022", "from 8 November 2022", "not stated", ""
    changes: int | None = None  # how many sections and paragraphs changed from the version before it
    changes_href: str | None = None  # the changes from the version before it
    to_in_force_href: str | None = None  # the changes from it to the text in force, for an earlier version


def pages(context: Context) -> list[Page]:
    """Each protocol's versions page."""
    template = environment().get_template("versions.md.j2")
    found = []
    for protocol in context.protocols:
        history = context.histories.get(protocol.id, ())
        if not history:
            continue
        url = versions_url(protocol)
        pairs = [pair for pair in version_changes.between(context) if pair.protocol.id == protocol.id]
        since = {pair.newer.key: pair for pair in pairs if _follows(history, pair.older, pair.newer)}
        to_in_force = {pair.older.key: pair for pair in pairs if pair.newer.status == "in force"}
        listed = [Listed(version=version, name=version_name(version), in_force=in_force(version),
                         href=relative(protocol_url(version.protocol if not version.current else protocol), url),
                         changes=since[version.key].count if version.key in since else None,
                         changes_href=relative(since[version.key].url, url) if version.key in since else None,
                         to_in_force_href=relative(to_in_force[version.key].url, url)
                         if version.key in to_in_force else None)
                  for version in reversed(history)]
        found.append(Page(page(url), template.render(protocol=protocol, listed=listed, whose=whose,
                                                           status_words=Said(STATUS_WORDS))))
    return found


def _follows(history: tuple[Version, ...], older: Version, newer: Version) -> bool:
    """Whether ``newer`` is the version after ``older``."""
    return any(first is older and second is newer for first, second in itertools.pairwise(history))


def files(context: Context) -> dict[str, bytes]:
    """The addresses that lead on: a current text's own version address, and retired clause ids."""
    template = environment().get_template("permalink.html.j2")
    found: dict[str, bytes] = {}
    for protocol in context.protocols:
        history = context.histories.get(protocol.id, ())
        current_ids = permalinked(protocol)
        for version in history:
            if version.current:
                found |= _leading_on(template, protocol, version.key, current_ids)
        last: dict[str, Version] = {}
        for version in history:
            if not version.current:  # (worked out once in the version's own context, which a rebuild may reuse)
                last |= dict.fromkeys(context.of_version(version).shared(_permalinked), version)
        for clause_id, version in sorted(last.items()):
            if clause_id not in current_ids:
                url = permalink_url(protocol, clause_id)
                target = relative(permalink_url(version.protocol, clause_id), url)
                name = f"{clause_id} ({version_name(version)})"
                found[f"{url}index.html"] = template.render(protocol=protocol, name=name, target=target).encode()
    return found


def permalinked(protocol: Protocol) -> set[str]:
    """The ids with a permalink (``<p>/c/<id>/``): every clause's (a section has its page, an item its clause's)."""
    return {element for (_, element), (_, section, holder) in homes((protocol,)).items()
            if holder == element and element != section.id}


def _permalinked(own: Context) -> set[str]:
    """``permalinked`` of a kept version, in its own context."""
    return permalinked(own.protocols[0])


def _leading_on(template, protocol: Protocol, key: str, ids: set[str]) -> dict[str, bytes]:
    """``<p>/<key>/`` and its permalinks, for the text ``<p>/`` shows: each leads to the same place there."""
    base = f"{protocol_url(protocol)}{key}/"
    found = {f"{base}index.html": template.render(protocol=protocol, name=protocol.title,
                                                  target=relative(protocol_url(protocol), base)).encode()}
    for element_id in sorted(ids):
        url = f"{base}c/{element_id}/"
        found[f"{url}index.html"] = template.render(protocol=protocol, name=element_id,
                                                    target=relative(permalink_url(protocol, element_id), url)).encode()
    return found


def bannered(own: Context, page_made: Page, current: Protocol | None) -> Page:
    """A page of a kept version (made in its own context, ``own``), saying which version it is and
    when it was in force, leading to the same page of the text in force (``current``: the
    protocol's own text), out of the search. Kept in ``own`` by that page of the text in force (a
    rebuild in the same process reuses the context while the version is the same)."""
    assert own.version is not None
    return own.shared(_bannered, page_made, _same_page(page_made.src_uri, own.version, current))


def _bannered(own: Context, page_made: Page, same: str | None) -> Page:
    version = own.version
    assert version is not None
    content = page_made.content
    meta = FRONT_MATTER.match(content)
    body = content[meta.end():] if meta else content
    front = _front_matter(meta.group("meta") if meta else "", version)
    url = page_made.src_uri.removesuffix("index.md")  # (the banner is HTML, on Markdown and HTML pages alike)
    banner = environment().get_template("version-banner.html.j2").render(
        version=version, name=version_name(version), in_force=in_force(version),
        status=say(STATUS_WORDS[version.status]),
        current_href=relative(same, url) if same else None,
        versions_href=relative(versions_url(version.protocol), url))
    heading = FIRST_HEADING.search(body)
    at = heading.end() + 1 if heading else 0
    return Page(page_made.src_uri, f"---\n{front}\n---\n{body[:at]}\n{banner}\n{body[at:]}")


def _front_matter(meta: str, version: Version) -> str:
    """A version page's front matter: out of the search, its title naming the version."""
    lines, skipping = [], False
    for line in meta.splitlines():
        if skipping and line.startswith(" "):
            continue
        skipping = line.startswith("search:")
        if skipping:
            continue
        if line.startswith("html_title: "):
            title = json.loads(line.removeprefix("html_title: "))
            line = "html_title: " + json.dumps(f"{title} ({version_name(version).lower()})")
        lines.append(line)
    return "\n".join([*lines, "search:", "  exclude: true"])


def _same_page(src_uri: str, version: Version, current: Protocol | None) -> str | None:
    """The address of the page of the text in force that matches a version's page (its section
    page where the section still is, else the protocol's overview)."""
    if current is None:
        return None
    rest = src_uri.removeprefix(protocol_url(version.protocol)).removesuffix("index.md")
    first = rest.split("/")[0]
    if not first:
        return protocol_url(current)
    if first in ("print", "glossary"):
        return f"{protocol_url(current)}{first}/"
    section = next((section for section in current.sections if section.id == first), None)
    return section_url(current, section) if section else protocol_url(current)
