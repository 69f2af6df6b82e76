"""Where things live on the published site: one place, shared by the pages, the dataset, and
the print, Word and comparison outputs. Page functions give a page's source path (``…/index.md``);
``*_url`` functions give its address relative to the site root (directory URLs).

| what | address |
|---|---|
| protocol overview, section pages | `<p>/`, `<p>/<section-id>/` |
| print page | `<p>/print/` |
| changes page of a revision | `<p>/changes/` (old numbers at `#was-<number, dots as hyphens>`) |
| glossary | `<p>/glossary/` |
| clause permalink, surviving a move to another section | `<p>/c/<clause-id>/` |
| a protocol's versions; the changes between two of them | `<p>/versions/`; `<p>/versions/<key>--<key>/` |
| each paragraph's history, version by version | `<p>/versions/history/` |
| every page of a kept version (overview, sections, print, glossary, permalinks) | `<p>/<key>/…` |
| every page of a protocol's text in another language (as ``<p>/``, but versions) | `<language>/<p>/…`: `cy/<p>/…` |
| role pages | `roles/<shared-role>/`, one protocol's part `roles/<shared-role>/<p>/`, in Welsh `cy/roles/…` |
| downloads | `downloads/<p>.pdf`, `downloads/<p>-changes.pdf`, `downloads/<p>.docx`, `downloads/<p>-changes.docx` |
| a kept version's downloads | `downloads/<p>/<key>.pdf`, `downloads/<p>/<key>.docx` |
| a text in another language's downloads | `downloads/cy/<p>.pdf`, `downloads/cy/<p>-changes.docx`, … |
| comparison of two protocols | `compare/<a>--<b>/`, and one role in it `compare/<a>--<b>/<shared-role>/` |
| data | `data/…` (a comparison: `data/compare/<a>--<b>.json`), `schema/…` |
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Collection
from typing import Literal

from clausebook.format.model import Protocol, Section

# Ids the addresses above take: a section or protocol may not have them.
RESERVED_SECTION_IDS = {"print": "print page", "changes": "changes page", "glossary": "glossary",
                        "c": "permalinks", "versions": "versions page", "languages": "texts in each language"}
RESERVED_PROTOCOL_IDS = frozenset({"data", "schema", "search", "assets", "roles", "downloads", "compare", "cy", "en"})
Download = Literal["pdf", "changes-pdf", "docx", "changes-docx"]


def protocol_url(protocol: Protocol) -> str:
    """Where a protocol's pages are: ``<p>/``, a kept version's ``<p>/<key>/``, its text in another
    language's ``<language>/<p>/``."""
    url = f"{protocol.id}/{protocol.version_key}/" if protocol.version_key else f"{protocol.id}/"
    return f"{protocol.language_path}/{url}" if protocol.language_path else url


def protocol_page(protocol: Protocol) -> str:
    return f"{protocol_url(protocol)}index.md"


def section_page(protocol: Protocol, section: Section) -> str:
    return f"{protocol_url(protocol)}{section.id}/index.md"


def section_url(protocol: Protocol, section: Section) -> str:
    """The section page's address relative to the site root (directory URLs)."""
    return f"{protocol_url(protocol)}{section.id}/"


def anchor_url(protocol: Protocol, section: Section, element_id: str) -> str:
    """A clause's (or section's) anchor, relative to the site root."""
    return f"{section_url(protocol, section)}#{element_id}"


def homes(protocols: tuple[Protocol, ...]) -> dict[tuple[str, str], tuple[Protocol, Section, str]]:
    """Where each section, clause and labelled item lives: (protocol id, element id) → its
    protocol, the section whose page shows it, and the id of the section or clause that holds it
    (its own id, unless it is an item)."""
    found = {}
    for protocol in protocols:
        for section in protocol.sections:
            found[(protocol.id, section.id)] = (protocol, section, section.id)
            for clause in section.walk():
                found[(protocol.id, clause.id)] = (protocol, section, clause.id)
                for anchor, _ in clause.anchors():
                    found[(protocol.id, anchor)] = (protocol, section, clause.id)
    return found


def qualified(protocol_id: str, element_id: str) -> str:
    """The globally unique id of a clause, section or obligation: `somerset.purpose`."""
    return f"{protocol_id}.{element_id}"


def print_url(protocol: Protocol) -> str:
    return f"{protocol_url(protocol)}print/"


def changes_url(protocol: Protocol) -> str:
    return f"{protocol_url(protocol)}changes/"


def glossary_url(protocol: Protocol) -> str:
    return f"{protocol_url(protocol)}glossary/"


def permalink_url(protocol: Protocol, clause_id: str) -> str:
    return f"{protocol_url(protocol)}c/{clause_id}/"


def roles_url(language_path: str | None = None) -> str:
    """The index of role pages: ``roles/``; of a text in another language's, ``<language>/roles/``."""
    return f"{language_path}/roles/" if language_path else "roles/"


def role_url(shared: str, language_path: str | None = None) -> str:
    return f"{roles_url(language_path)}{shared}/"


def role_keys(protocols: tuple[Protocol, ...]) -> dict[tuple[str, str], str]:
    """Each role's address under roles/, by (protocol id, role id): its shared identity, or for a
    role without one ``<protocol>-<role>`` (``<protocol>--<role>`` where that is a shared identity in
    use: shared identities never hold "--")."""
    shared_in_use = {role.shared for p in protocols for role in p.roles.values() if role.shared}
    found = {}
    for protocol in protocols:
        for role in protocol.roles.values():
            own = f"{protocol.id}-{role.id}"
            if own in shared_in_use:
                own = f"{protocol.id}--{role.id}"
            found[(protocol.id, role.id)] = role.shared or own
    return found


def role_protocol_url(key: str, protocol_id: str, language_path: str | None = None) -> str:
    """One protocol's part of a role's pages: ``roles/<key>/<protocol>/`` (its text in another
    language's: ``<language>/roles/<key>/<protocol>/``)."""
    return f"{role_url(key, language_path)}{protocol_id}/"


def download_url(protocol: Protocol, kind: Download) -> str:
    stem, _, extension = kind.rpartition("-") if "-" in kind else ("", "", kind)
    name = protocol_url(protocol).rstrip("/")
    return f"downloads/{name}{'-' + stem if stem else ''}.{extension}"


def versions_url(protocol: Protocol) -> str:
    """A protocol's versions, newest first: ``<p>/versions/`` (its text in another language's:
    ``cy/<p>/versions/``), whichever of its versions ``protocol`` is."""
    return f"{protocol.language_path}/{protocol.id}/versions/" if protocol.language_path else f"{protocol.id}/versions/"


def version_changes_url(protocol: Protocol, older: str, newer: str) -> str:
    """The changes from one version of a protocol to another."""
    return f"{versions_url(protocol)}{older}--{newer}/"


def version_history_url(protocol: Protocol) -> str:
    """The history of each paragraph of a protocol, version by version (a pair's address holds "--")."""
    return f"{versions_url(protocol)}history/"


def compare_url(first: Protocol, second: Protocol) -> str:
    """The page comparing two protocols side by side: ``compare/<a>--<b>/``; of their texts in
    another language, ``<language>/compare/<a>--<b>/``."""
    folder = f"{first.language_path}/compare" if first.language_path else "compare"
    return f"{folder}/{first.id}--{second.id}/"


def compare_role_url(first: Protocol, second: Protocol, shared: str) -> str:
    """The comparison's page on one shared role."""
    return f"{compare_url(first, second)}{shared}/"


def compare_data_url(first: Protocol, second: Protocol) -> str:
    """The same comparison as data (one file, whichever language's texts its page shows)."""
    return f"data/compare/{first.id}--{second.id}.json"


def was_anchor(old_number: str) -> str:
    """The changes page's anchor for an old number: its own namespace, so old 9.3 is not new 9.3
    ('9.3' → 'was-9-3', '(2A)' → 'was-2a')."""
    return "was-" + "-".join(re.findall(r"[0-9a-z]+", old_number.lower()))


def page_protocol(src_uri: str, protocol_ids: Collection[str]) -> str | None:
    """The protocol a page is of: its own pages (``<p>/…``) and its page of a role
    (``roles/<role>/<p>/``); None for a page of several protocols or of none."""
    parts = src_uri.split("/")
    if parts[0] in protocol_ids:
        return parts[0]
    if parts[0] == "roles" and len(parts) == 4 and parts[2] in protocol_ids:
        return parts[2]
    return None


def page(url: str) -> str:
    """The source path of the page at ``url``: 'somerset/glossary/' → 'somerset/glossary/index.md'."""
    return f"{url}index.md"


def protocol_label(protocol: Protocol, protocols: tuple[Protocol, ...]) -> str:
    """A protocol's name on the site: its council, and its title too where the council publishes
    more than one."""
    if sum(1 for other in protocols if other.council == protocol.council) > 1:
        return f"{protocol.council}: {protocol.title}"
    return protocol.council


@functools.lru_cache(maxsize=1 << 16)
def relative_path(page: str, from_url: str) -> str:
    """``posixpath.relpath``, remembered: a handbook asks it the same few pairs of pages thousands of times."""
    return posixpath.relpath(page, from_url)


def relative(url: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``url`` (both relative to the site root, directory
    URLs, ``url`` perhaps with a fragment): 'somerset/members/#x' from 'roles/councillor/' →
    '../../somerset/members/#x'."""
    path, hash_, fragment = url.partition("#")
    link = relative_path(path or ".", from_url)
    link = "" if link == "." else f"{link.rstrip('/')}/"
    return f"{link}{hash_}{fragment}" or "./"
