"""Role pages: every obligation of each role, as Do / Don't / May lists, gathered across protocols.

| page | address | what it shows |
|---|---|---|
| index | `roles/` | each role, what each protocol calls it, and how many obligations it has there |
| overview | `roles/<shared-role>/` | every obligation of the role, a heading per protocol (with its own label) |
| one council | `roles/<shared-role>/<protocol>/` | the same, for one protocol only |

A role without a shared identity has pages of its own at `roles/<protocol>-<role>/`. Rows are made
from the dataset's clause records (obligations as amended), so a role page holds exactly the
obligations of that role that `data/clauses.json` publishes: no more, no fewer. Each protocol's part
opens with links to its Do, Don't and May lists and their counts; each list is grouped under the
headings of the sections that state its obligations, and each row cites its clause. An overview that
would grow past ``OVERVIEW_LIMIT`` (many councils) shows each protocol's counts and a link to its
page instead of its rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from clausebook import citations
from clausebook.format.model import Protocol
from clausebook.outputs.html import Compared, Page, Writer, section_title, writer
from clausebook.records import types as rec
from clausebook.records.dataset import Dataset
from clausebook.records.types import MODALITY_WORDS
from clausebook.urls import page, protocol_label, qualified, relative, role_keys, role_protocol_url, role_url, roles_url
from clausebook.words import joined, say

if TYPE_CHECKING:  # (only named in annotations)
    from clausebook.context import Context

Kind = Literal["do", "dont", "power"]
KINDS: tuple[Kind, ...] = ("do", "dont", "power")
# Each list's heading, and its modalities in the order its introduction names them.
LISTS: dict[Kind, tuple[str, tuple[str, ...]]] = {
    "do": ("Do", ("must", "should")),
    "dont": ("Don't", ("must-not", "should-not", "may-not")),
    "power": ("May", ("may", "has-right-to", "need-not")),
}
OVERVIEW_LIMIT = 110_000
"""Bytes of generated HTML a role's overview may hold; past it, the overview gives each protocol's
counts and a link to its page instead of its rows. With the theme's header and navigation (about
45 KB for the two example protocols) a built overview stays near 150 KB."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One obligation of a role, as a row of its list."""

    id: str  # the obligation's qualified id
    modality: str
    words: str  # the modality as the column shows it ("must not")
    sentence: str
    parts: tuple[tuple[str, bool], ...]  # the sentence in runs, each with whether it is supplied
    condition: str | None
    inferred: bool
    who: tuple[str, ...]  # the protocol's labels for the role(s) of this identity that act
    clause: str  # the clause's citation, with a sub-paragraph's labels: "6.1", "10(2)(a)", "Bullying"
    url: str  # where it is stated, relative to the site root
    section: str  # the qualified id of the section that states it
    section_title: str  # that section's title as its page shows it: "3. Councillor and Officer Roles"


@dataclass(slots=True, kw_only=True)
class Share:
    """One protocol's part of a role: what the protocol calls it and the obligations it gives it."""

    protocol: Protocol
    name: str  # the protocol's name on the site: its council (and title, where the council has several)
    labels: list[str] = field(default_factory=list)
    rows: dict[Kind, list[Row]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    @property
    def label(self) -> str:
        """The protocol's label(s) for the role: "Members"; "Party groups, Administration and Opposition groups"."""
        return joined(self.labels, "and")

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    @property
    def supplied(self) -> bool:
        """Whether any of its sentences has words the protocol does not print."""
        return any(supplied for rows in self.rows.values() for row in rows for _, supplied in row.parts)

    def modalities(self, kind: Kind) -> str:
        """The modalities a list holds, as its introduction names them: "must or should"."""
        present = {row.modality for row in self.rows[kind]}
        named = [say(MODALITY_WORDS[m]) for m in LISTS[kind][1] if m in present]
        named += sorted(say(MODALITY_WORDS.get(m, m)) for m in present if m not in LISTS[kind][1])
        return joined(named, "or")

    def groups(self, kind: Kind) -> list[tuple[str, list[Row]]]:
        """A list's rows under the title of the section that states them, sections in document order."""
        return [(rows[0].section_title, rows) for rows in
                (list(group) for _, group in itertools.groupby(self.rows[kind], key=lambda row: row.section))]


@dataclass(slots=True, kw_only=True)
class Role:
    """A role across protocols: a shared identity, or one protocol's role that has none."""

    key: str  # its address under roles/
    name: str
    shared: str | None
    shares: dict[str, Share] = field(default_factory=dict)  # by protocol id, in protocol order
    language_path: str | None = None  # for a text in another language: its pages' prefix ("cy")

    @property
    def url(self) -> str:
        return role_url(self.key, self.language_path)

    def protocol_url(self, protocol_id: str) -> str:
        return role_protocol_url(self.key, protocol_id, self.language_path)

    @property
    def count(self) -> int:
        return sum(share.count for share in self.shares.values())


def pages(context: Context, *, overview_limit: int = OVERVIEW_LIMIT) -> list[Page]:
    """The role pages: the index (``roles/index.md``), and for each role its overview and a page
    per protocol that names it."""
    renderer, dataset = writer(context), context.dataset
    roles = gather(dataset, section_titles(context), context.language)
    index_url = roles_url(context.language)
    found = [Page(page(index_url), renderer.env.get_template("roles.md.j2").render(
        roles=roles, href=lambda url: relative(url, index_url), comparisons=_comparisons(renderer, None, index_url)))]
    template = renderer.env.get_template("role.md.j2")

    def render(role: Role, url: str, *, one: Share | None = None, summary: bool = False) -> str:
        return template.render(role=role, shares=[one] if one else list(role.shares.values()), one=one,
                               summary=summary, kinds=KINDS,
                               list_titles={kind: say(title) for kind, (title, _) in LISTS.items()},
                               href=lambda target: relative(target, url),
                               comparisons=_comparisons(renderer, role, url) if role.shared else [])

    for role in roles:
        overview = render(role, role.url)
        if len(overview.encode()) > overview_limit:
            overview = render(role, role.url, summary=True)
        found.append(Page(page(role.url), overview))
        for share in role.shares.values():
            url = role.protocol_url(share.protocol.id)
            found.append(Page(page(url), render(role, url, one=share)))
    return found


def files(context: Context) -> dict[str, bytes]:
    """None: the role pages are pages."""
    return {}


def _comparisons(renderer: Writer, role: Role | None, from_url: str) -> list[Compared]:
    """The comparisons of two protocols the handbook makes, each with a link from the page at
    ``from_url``: for a ``role``, to the comparison's part on it, and only where either protocol
    names the role."""
    found: dict[tuple[str, str], Compared] = {}
    for protocol in renderer.protocols:
        for compared in renderer.compared_with(protocol, from_url):
            if role is None:
                found.setdefault(compared.ids, compared)
            elif role.shared and set(compared.ids) & set(role.shares):
                stated = any(role.shares[i].count for i in compared.ids if i in role.shares)
                # (a role with obligations has a page of its own in the comparison; else a row)
                target = f"{role.shared}/" if stated else f"#cb_role-{role.shared}"
                found.setdefault(compared.ids, replace(compared, href=f"{compared.href}{target}"))
    return list(found.values())


def section_titles(context: Context) -> dict[str, str]:
    """Each section's title as its page shows it (as amended; as it was, if the revision deletes
    it), by qualified id."""
    found = {}
    for edition in context.editions():
        views = edition.views
        for section in edition.protocol.sections:
            shown = views.amended_sections.get(section.id) or views.original_sections.get(section.id) or section
            found[qualified(edition.protocol.id, section.id)] = section_title(shown)
    return found


def gather(dataset: Dataset, titles: Mapping[str, str], language_path: str | None = None) -> list[Role]:
    """Every role the protocols name, each with its obligations (from the dataset's records) by
    protocol and list, in document order; roles in the order the protocols first list them.
    ``titles``: each section's title by qualified id (``section_titles``); ``language_path``: of
    a text in another language, whose roles are named by its own labels (the shared identities'
    names are English)."""
    protocols = {protocol.id: protocol for protocol in dataset.protocols}
    keys = role_keys(dataset.protocols)

    def key_of(protocol_id: str, role: str, shared: str | None) -> str:
        return shared or keys.get((protocol_id, role)) or f"{protocol_id}--{role}"

    names = {protocol.id: protocol_label(protocol, dataset.protocols) for protocol in dataset.protocols}
    roles: dict[str, Role] = {}

    def share(key: str, protocol: Protocol, label: str, shared: str | None) -> Share:
        name = shared.replace("-", " ").capitalize() if shared and not language_path else label[:1].upper() + label[1:]
        role = roles.setdefault(key, Role(key=key, name=name, shared=shared, language_path=language_path))
        found = role.shares.setdefault(protocol.id, Share(protocol=protocol, name=names[protocol.id]))
        if label not in found.labels:
            found.labels.append(label)
        return found

    for protocol in dataset.protocols:
        for role in protocol.roles.values():
            share(key_of(protocol.id, role.id, role.shared), protocol, role.label, role.shared)
    for record in dataset.records:
        if record.deleted:
            continue
        protocol = protocols[record.protocol]
        for obligation in record.obligations:
            acting: dict[str, list[rec.RoleReference]] = {}
            for who in obligation.who:
                acting.setdefault(key_of(protocol.id, who.role, who.shared), []).append(who)
            for key, whos in acting.items():  # once for each role, however many of its labels act
                for who in whos:
                    found = share(key, protocol, who.label, who.shared)
                found.rows[_kind(obligation)].append(_row(record, obligation, whos, titles[record.section]))
    for role in roles.values():
        role.shares = dict(sorted(role.shares.items()))
    return list(roles.values())


def _kind(obligation: rec.Obligation) -> Kind:
    if obligation.do_or_dont == "dont":
        return "dont"
    return "power" if obligation.duty_or_power == "power" else "do"


def _row(record: rec.Clause, obligation: rec.Obligation, whos: list[rec.RoleReference], section: str) -> Row:
    return Row(
        id=obligation.id,
        modality=obligation.modality,
        words=say(MODALITY_WORDS.get(obligation.modality, obligation.modality)),
        sentence=obligation.sentence,
        parts=_parts(obligation),
        condition=obligation.condition,
        inferred=obligation.inferred,
        who=tuple(dict.fromkeys(who.label for who in whos)),
        clause=_clause_label(record, obligation),
        url=obligation.url or record.url,
        section=record.section,
        section_title=section,
    )


def _parts(obligation: rec.Obligation) -> tuple[tuple[str, bool], ...]:
    """An obligation's sentence in runs, each with whether the source prints it or it is supplied."""
    parts, at = [], 0
    for span in obligation.supplied:
        parts += [(obligation.sentence[at:span.start], False), (obligation.sentence[span.start:span.end], True)]
        at = span.end
    parts.append((obligation.sentence[at:], False))
    return tuple(part for part in parts if part[0])


def _clause_label(record: rec.Clause, obligation: rec.Obligation) -> str:
    """How a row cites its clause: the clause's citation ("4.2", "Appendix B paragraph 1",
    "Table 1", "10.4 (second paragraph)"), with the labels of the sub-paragraph that states the
    obligation ("Appendix B paragraph 1(a)", "Table 1, item (b)")."""
    for subparagraph in record.subparagraphs if obligation.subparagraph else ():
        if subparagraph.id == obligation.subparagraph:
            labels = subparagraph.reference.removeprefix(record.reference or "")
            return citations.with_labels(record.citation, record.reference, labels)
    return record.citation

