"""The records of ``data/versions.json``: every protocol's versions (``format.versions``), each
with its dates, its status, its addresses on the site and its data file. Each field has the Data
page's description and, where the JSON Schema has its own, the schema's (records/schemas.py makes
versions.schema.json from these).

A kept version's own data file, ``data/versions/<p>/<key>.json``, is a protocol's data file
(protocol.schema.json) of that version alone: the same clause ids, each clause's ``url`` on the
version's own pages, and ``protocol.version_key`` saying which version it is.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from clausebook.format.versions import Version
from clausebook.records.types import doc
from clausebook.urls import Download, download_url, protocol_url

Status = Literal["in-force", "superseded", "proposed", "draft"]
STATUS = {"in force": "in-force", "superseded": "superseded", "proposed": "proposed", "draft": "draft"}
DESCRIPTION = ("data/versions.json: every protocol's versions (protocols ordered by id, each protocol's versions "
               "oldest first): the text in force, the texts it replaced and a proposal, each with its dates, status, "
               "addresses on this website and data file. Format version 1.x: fields are only ever added within a "
               "major version.")
FOLDER = "data/versions"  # each kept version's data file: data/versions/<protocol>/<key>.json


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionRecord:
    """One text a protocol has had: an entry of a protocol's ``versions`` in versions.json."""

    key: str = doc("the version's name in its addresses: its adoption date as stated (`2021-05-12`), or, where "
                   "none is stated, a label (`original`, `proposed`, `draft`)",
                   schema="Its adoption date as stated (YYYY-MM-DD), or, where none is stated, a label: original, "
                          "proposed, draft.", pattern="^[a-z0-9][a-z0-9-]*$")
    dated: bool = doc("true where `key` is the version's stated adoption date; false where it is a label (the "
                      "date is not stated: none is ever invented)",
                      schema="True where key is the stated adoption date; false where it is a label (date not "
                             "stated).")
    status: Status = doc("`in-force` (the text in force now), `superseded` (a text an adopted one replaced), "
                         "`proposed` (a proposed revision, not yet adopted) or `draft`",
                         schema="in-force, superseded, proposed or draft.")
    adopted: str | None = doc("when it was adopted, as the source states it; null where it states none (a "
                              "proposal's is the date of the text it revises)")
    minute: str | None = doc("the minute of the meeting that adopted it, as the source states it; else null")
    effective: str | None = doc("when it took (or takes) effect, as the source states it; else null")
    in_force_from: str | None = doc("the date it came into force: its `effective` date, else its `adopted` date; "
                                    "null for a proposal or draft, or where neither is stated")
    in_force_to: str | None = doc("for a superseded version, the date the next version came into force; else "
                                  "null")
    current: bool = doc("true for the text the protocol's own pages (`<p>/`) and data file (`<p>.json`) show: "
                        "the text in force, or a proposed revision of it")
    url: str = doc("its pages, relative to the site root: `<p>/` for the text the protocol's pages show, else "
                   "`<p>/<key>/`")
    pdf: str | None = doc("its PDF, relative to the site root, where the site makes one; else null")
    docx: str | None = doc("its Word document, relative to the site root, where the site makes one; else null")
    data: str = doc("its data file, relative to the site root: `data/<p>.json` for the text the protocol's pages "
                    "show, else `<p>/<key>.json` in `data/versions/` (the same form, of that version alone)")
    clauses: int = doc("how many clauses its text has (sub-clauses and sub-headings counted; clauses a proposal "
                       "deletes not counted)")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolVersions:
    """A protocol's versions: an entry of ``protocols`` in versions.json."""

    protocol: str = doc("the protocol's id", ref="protocol_id")
    url: str = doc("its versions page, `<p>/versions/`: the versions newest first, and the one in force on a date")
    versions: tuple[VersionRecord, ...] = doc(
        "its versions, oldest first (those whose date is not stated before the dated ones): `key`, `dated`, "
        "`status`, `adopted`, `minute`, `effective`, `in_force_from`, `in_force_to`, `current`, its addresses "
        "(`url`, `pdf`, `docx`, `data`) and how many `clauses` it has", min_items=1)


def data_url(version: Version) -> str:
    """A version's data file: the protocol's own for the text its pages show, else its own."""
    protocol_id = version.protocol.id
    return f"data/{protocol_id}.json" if version.current else f"{FOLDER}/{protocol_id}/{version.key}.json"


def version_record(version: Version, downloads: Collection[Download], clauses: int) -> VersionRecord:
    """A version's record; ``downloads``: the files the build makes of it, ``clauses``: how many it has."""
    protocol = version.protocol
    return VersionRecord(
        key=version.key, dated=version.dated, status=STATUS[version.status], adopted=version.adopted,
        minute=version.minute, effective=protocol.effective, in_force_from=version.in_force_from,
        in_force_to=version.in_force_to, current=version.current, url=protocol_url(protocol),
        pdf=download_url(protocol, "pdf") if "pdf" in downloads else None,
        docx=download_url(protocol, "docx") if "docx" in downloads else None,
        data=data_url(version), clauses=clauses)

