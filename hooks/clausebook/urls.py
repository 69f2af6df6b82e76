"""Where things live on the published site: one place, shared by the pages and the dataset."""

from __future__ import annotations

from .model import Protocol, Section


def protocol_page(protocol: Protocol) -> str:
    return f"{protocol.id}/index.md"


def section_page(protocol: Protocol, section: Section) -> str:
    return f"{protocol.id}/{section.id}/index.md"


def section_url(protocol: Protocol, section: Section) -> str:
    """The section page's address relative to the site root (directory URLs)."""
    return f"{protocol.id}/{section.id}/"


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
