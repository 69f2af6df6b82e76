"""The handbook's own pages: the home page, each protocol's overview and section pages, the
permalinks of its clauses, and the generated parts of the Data page (Markdown with HTML blocks,
through Jinja templates). Text reads through the build's shared ``outputs.html.Writer``; a
section page links each defined term's first use to the glossary.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable

from markupsafe import Markup

from clausebook import readings
from clausebook.context import Context
from clausebook.format import languages
from clausebook.format.model import Clause, Part, Protocol, Section, Text
from clausebook.format.schema import SHARED_ROLES
from clausebook.outputs.html import Page, environment, markdown_text, section_title, writer
from clausebook.outputs.site import glossary, parity, version_changes
from clausebook.records import changes, comparison, versions
from clausebook.records import types as records
from clausebook.records.types import DATA_FILES, described
from clausebook.urls import (
    changes_url,
    permalink_url,
    print_url,
    protocol_label,
    protocol_page,
    protocol_url,
    qualified,
    relative,
    role_keys,
    role_protocol_url,
    section_page,
    section_url,
    version_history_url,
)

SHARED_ROLES_MARK = "<!-- clausebook: shared roles -->"
FILES_MARK = "<!-- clausebook: files -->"
LICENCES_MARK = "<!-- clausebook: licences -->"
FIELDS_MARKS = {  # each record's fields, from their descriptions (clausebook.records)
    "<!-- clausebook: fields clause -->": records.Clause,
    "<!-- clausebook: fields changes -->": changes.ProtocolChanges,
    "<!-- clausebook: fields comparison -->": comparison.Comparison,
    "<!-- clausebook: fields versions -->": versions.ProtocolVersions,
    "<!-- clausebook: fields version -->": versions.VersionRecord,
}
VOCABULARY_MARK = "<!-- clausebook: shared vocabulary -->"
# Defined, but too common to link: in English, and in Welsh ("chi": you; "ni": we, us; "fi": me)
UNGLOSSED = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "chi", "eich", "ni", "ein", "fi", "fy"})


def pages(context: Context) -> list[Page]:
    """Every generated page: the home page, and for each protocol its index and sections."""
    shared = writer(context)
    protocols = context.protocols
    found = []
    if context.whole:  # (a kept version's context makes that version's pages alone)
        home = shared.env.get_template("home.md.j2").render(
            protocols=protocols, settings=context.settings,
            html=lambda text: shared.html(text, protocols[0], "") if protocols else markdown_text(text))
        found.append(Page("index.md", home))
    elif context.version is None:  # (another language's: its texts' home page, ``<language>/``)
        found.append(Page(f"{context.language}/index.md", shared.env.get_template("home-language.md.j2").render(
            texts=protocols, settings=context.settings, comparisons=shared.compared(f"{context.language}/"))))
    keys = role_keys(protocols)  # (the protocol's roles link to their pages)
    for edition in context.editions():
        protocol, views = edition.protocol, edition.views
        sections = {**views.original_sections, **views.amended_sections}  # as amended, or as it was if deleted
        url = protocol_url(protocol)
        contents: list[tuple[Part | None, list[tuple[Section, str]]]] = []
        for section in protocol.sections:
            part = protocol.parts.get(section.part) if section.part else None
            if not contents or contents[-1][0] is not part:
                contents.append((part, []))
            contents[-1][1].append((sections[section.id], posixpath.relpath(section_page(protocol, section), url)))
        found.append(Page(protocol_page(protocol), shared.env.get_template("protocol.md.j2").render(
            protocol=views.as_amended,
            contents=contents,
            print_href=posixpath.relpath(print_url(protocol), url) + "/",
            downloads=shared.downloads(protocol, url),
            comparisons=shared.compared_with(protocol, url),
            languages_href=relative(parity.url_of(protocol), url) if len(context.counterparts(protocol.id)) > 1
            else None,
            role_href=lambda role_id, p=protocol, u=url: relative(
                role_protocol_url(keys[(p.id, role_id)], p.id, p.language_path), u),
            html=lambda text, inline=False, p=protocol, u=url: shared.html(text, p, u, inline=inline))))
        for section in protocol.sections:
            found.append(section_page_of(context, protocol, section, sections[section.id], views))
    return found


def files(context: Context) -> dict[str, bytes]:
    """A page at ``<p>/c/<clause-id>/`` for every clause, which sends the reader on to the
    clause wherever it now stands: a permalink that survives renumbering and moves."""
    shared = writer(context)
    template = shared.env.get_template("permalink.html.j2")
    found = {}
    for (protocol_id, element_id), (protocol, section, holder) in sorted(shared.homes.items()):
        if holder != element_id or element_id == section.id:
            continue  # (sections have their own page; items are reached through their clause)
        url = permalink_url(protocol, element_id)
        found[f"{url}index.html"] = template.render(
            protocol=protocol, name=shared.names[(protocol_id, element_id)],
            target=posixpath.relpath(section_url(protocol, section), url) + f"/#{element_id}").encode()
    return found


def error_page(lines: list[str], src_uri: str = "index.md") -> Page:
    """The page a preview shows in place of a handbook page while the sources have errors."""
    return Page(src_uri, environment().get_template("errors.md.j2").render(lines=lines))


def data_page(protocols: tuple[Protocol, ...], markdown: str, files: Iterable[str] = ()) -> str:
    """The hand-written Data page with its generated parts filled in: each protocol's licence
    position, the published data files (``files``: their paths under the site root), the
    shared role identities in use with each protocol's labels, and the documented vocabulary."""
    env = environment()
    in_use = sorted({role.shared for p in protocols for role in p.roles.values() if role.shared})
    roles = env.get_template("shared-roles.md.j2").render(
        protocols=protocols, in_use=in_use,
        labels=lambda protocol, shared: [r.label for r in protocol.roles.values() if r.shared == shared])
    listing = env.get_template("data-files.md.j2")
    data_files = [(path.removeprefix("data/"), _file_description(protocols, path)) for path in sorted(files)
                  if path.startswith("data/")]
    filled = {
        SHARED_ROLES_MARK: roles,
        VOCABULARY_MARK: ", ".join(f"`{shared}`" for shared in SHARED_ROLES),
        FILES_MARK: listing.render(part="files", files=data_files),
        LICENCES_MARK: listing.render(part="licences", protocols=protocols),
        **{mark: listing.render(part="fields", fields=described(record)) for mark, record in FIELDS_MARKS.items()},
    }
    for mark, text in filled.items():
        markdown = markdown.replace(mark, text)
    return markdown


def _file_description(protocols: tuple[Protocol, ...], path: str) -> str:
    name = path.removeprefix("data/")
    if name in DATA_FILES:
        return DATA_FILES[name]
    by_id = {p.id: p for p in protocols}
    first, _, second = name.removeprefix("compare/").removesuffix(".json").partition("--")
    if name.startswith("compare/") and first in by_id and second in by_id:
        return (f"{protocol_label(by_id[first], protocols)}'s and {protocol_label(by_id[second], protocols)}'s "
                "protocols side by side: the clauses both have, those only one has, and what each asks of a role "
                "that the other does not")
    folder, _, key = name.removeprefix("versions/").removesuffix(".json").partition("/")
    if name.startswith("versions/") and folder in by_id:
        return f"{by_id[folder].council}: {by_id[folder].title}, its version {key} and that version's clauses"
    language, _, own = name.removesuffix(".json").partition("/")
    if own in by_id and language and "/" not in own:  # (data/cy/<p>.json)
        return (f"{by_id[own].council}: {by_id[own].title}, its text in {languages.name(language)} and its clauses, "
                "with the same ids")
    protocol = next((p for p in protocols if name == f"{p.id}.json"), None)
    return f"{protocol.council}: {protocol.title}, its details and its clauses" if protocol else name


def _glossed(context: Context) -> dict[str, dict[str, str]]:
    """Each protocol's defined terms → their meaning, as section pages link them (filled as asked)."""
    return {}


def section_page_of(context: Context, protocol: Protocol, tracked: Section, shown: Section,
                    views: readings.Views) -> Page:
    """A section's page: ``shown`` is the section as amended (as it was, if the revision
    deletes it); each clause is shown in its tracked reading (see ``outputs.html.Entry``)."""
    shared = writer(context)
    url = section_url(protocol, tracked)
    glossed = context.shared(_glossed)
    if protocol.id not in glossed:
        glossed[protocol.id] = {term: meaning for term, meaning in glossary.terms(shared, protocol).items()
                                if term.casefold() not in UNGLOSSED}
    terms = glossed[protocol.id]
    href, used = glossary.glossary_href(protocol, url), set[str]()

    def plain(text: Text | str, inline: bool = False) -> Markup:
        return shared.html(text, protocol, url, inline=inline)

    def html(text: Text | str, inline: bool = False) -> Markup:
        """Clause text, with the first use on the page of each defined term linked to its
        definition (a tooltip on hover and focus)."""
        return Markup(glossary.with_tooltips(plain(text, inline), terms, href, used=used, match_case=True))

    entries = shared.entries(protocol, tracked.clauses, 2, views, url, plain)
    with_history = version_changes.history_ids(context, protocol.id)
    history = relative(version_history_url(protocol), url)
    content = shared.env.get_template("section.md.j2").render(
        protocol=protocol,
        section=shown,
        tracked_section=tracked,
        page_title=section_title(shown),
        entries=entries,
        changes_href=posixpath.relpath(changes_url(protocol), url) + "/" if protocol.status != "adopted" else None,
        html=html,
        history_href=lambda clause_id: f"{history}#{clause_id}" if clause_id in with_history else None,
        edition=shared.edition_notes(protocol, [entry.clause for entry in entries], (shown,)),
        jsonld=Markup(jsonld(protocol, shown, [c for e in entries if (c := views.amended.get(e.id))])),
    )
    return Page(section_page(protocol, tracked), content)


def jsonld(protocol: Protocol, section: Section, clauses: list[Clause]) -> str:
    """schema.org JSON-LD naming the protocol, the section and its clauses (as amended)."""
    parts = [{"@type": "LegislationObject" if clause.number else "CreativeWork",
              "identifier": qualified(protocol.id, clause.id),
              **({"legislationIdentifier": clause.reference} if clause.reference else {}),
              "url": f"#{clause.id}"}
             for clause in clauses]
    document = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": protocol.title,
        "legislationJurisdiction": protocol.council,
        "legislationLegalForce": "NotInForce" if protocol.status != "adopted" else "InForce",
        "identifier": protocol.id,
        **({"version": protocol.version} if protocol.version else {}),
        "hasPart": {
            "@type": "LegislationObject",
            "name": section.name,
            "identifier": qualified(protocol.id, section.id),
            **({"legislationIdentifier": section.number} if section.number else {}),
            "hasPart": parts,
        },
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/")
