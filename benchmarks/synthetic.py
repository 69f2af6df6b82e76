"""Synthetic protocols in the real format, for `make bench`: deterministic from a seed, and shaped
like the example protocols (clauses of 400–600 characters, lists with their lead-in, Do/Don't
tables, definitions, tagged obligations, cross-references to earlier clauses, and in a proposed
revision tracked changes in some clauses: words replaced, inserted and deleted, renumbered
sections).

    write_protocols(folder, clauses=10_000, protocols=20, seed=1)

``write_histories(paths, versions=10)`` gives each of those protocols (adopted ones) earlier
versions, kept as ``versions/<id>/<date>.yaml`` beside them, each a little different.

Every file validates strictly (no untagged obligation): each clause has one sentence that states a
duty, tagged, and sentences that describe, which read as no obligation.
"""

from __future__ import annotations

import random
from pathlib import Path

CLAUSES_PER_SECTION = 8  # as in the example protocols (Kirklees 6, Somerset 6 a section)
TOPICS = ("planning applications", "the annual budget", "ward matters", "licensing hearings", "staff appointments",
          "complaints", "council property", "press releases", "procurement", "scrutiny reviews", "the constitution",
          "school admissions", "highways schemes", "social care", "emergency planning", "elections")
OFFICES = ("the Monitoring Officer", "the Chief Executive", "the Chief Finance Officer", "Democratic Services",
           "the relevant Service Director", "the Head of Legal Services")
DESCRIPTIONS = (
    "The Council publishes its decisions on {topic} in the register that {office} keeps for that purpose.",
    "This part of the protocol reflects the guidance that {office} issued on {topic} after consultation.",
    "Questions about {topic} are answered in the first instance by {office}, who keeps a record of them.",
    "Arrangements for {topic} are set out in the constitution and in the scheme of delegation to officers.",
    "Advice on {topic} is available from {office}, and the advice given is recorded in writing.",
    "The same principles apply to {topic} at committee meetings, in private briefings and in correspondence.",
    "A summary of the arrangements for {topic} appears each year in the report of {office} to full Council.",
)
DUTIES = (
    ("members", "must", "Members must treat officers with courtesy and respect when dealing with {topic}."),
    ("officers", "must", "Officers must give impartial and professional advice to members on {topic}."),
    ("members", "should", "Members should raise any concern about {topic} with {office} before it is made public."),
    ("officers", "should", "Officers should keep ward members informed of significant developments in {topic}."),
    ("members", "must-not", "Members must not ask officers to act improperly in connection with {topic}."),
    ("officers", "should-not", "Officers should not take part in political campaigning about {topic}."),
)
LIST_LEADS = (("officers", "must", "Officers must:"), ("members", "should", "Members should:"))
LIST_ITEMS = ("act with political neutrality in all dealings on {topic};",
              "respond to enquiries about {topic} within ten working days;",
              "keep confidential information about {topic} confidential;",
              "record any advice given on {topic} in writing;",
              "declare any interest in {topic} at the start of the meeting.")
TERMS = (("the Council", "the council that adopted this protocol and every committee of it"),
         ("a member", "an elected councillor or a co-opted member with voting rights"),
         ("an officer", "a person employed by the Council, including agency staff and consultants"),
         ("the Code", "the Code of Conduct for members that the Council has adopted"))


def write_protocols(folder: Path, clauses: int, protocols: int, seed: int = 1,
                    revisions: bool = True) -> list[Path]:
    """``clauses`` clauses over ``protocols`` files in ``folder``; every third protocol (with
    ``revisions``) a proposed revision with tracked changes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(protocols):
        share = clauses // protocols + (1 if index < clauses % protocols else 0)
        revision = revisions and index % 3 == 1
        text = Protocol(random.Random(f"{seed}-{index}"), index, share, revision).yaml()
        path = folder / f"synthetic-{index:03}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


FIRST_ADOPTED = 2000  # the year the first kept version was adopted; one a year after it


def write_histories(paths: list[Path], versions: int) -> list[Path]:
    """Gives each protocol file of ``paths`` ``versions - 1`` earlier versions (one adopted each
    year, each with one more clause's words changed), kept under ``versions/`` beside it; each
    file stating its adoption date. Gives the kept files."""
    kept = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        protocol_id = path.stem
        folder = path.parent / "versions" / protocol_id
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(versions - 1):
            date = f"{FIRST_ADOPTED + number}-05-01"
            older = _adopted(_reworded(text, versions - 1 - number), date)
            kept.append(folder / f"{date}.yaml")
            kept[-1].write_text(older, encoding="utf-8")
        path.write_text(_adopted(text, f"{FIRST_ADOPTED + versions - 1}-05-01"), encoding="utf-8")
    return kept


def _adopted(text: str, date: str) -> str:
    """The protocol's text stating its adoption date."""
    return text.replace("status: adopted}", f'status: adopted, adopted: "{date}"}}', 1)


def _reworded(text: str, clauses: int) -> str:
    """The text with the first word of its first ``clauses`` clause texts changed (as an earlier
    version's wording would be)."""
    parts = text.split("        text: >-\n          ")
    return "        text: >-\n          ".join([parts[0], *(f"Formerly, {part}" if index < clauses else part
                                                          for index, part in enumerate(parts[1:]))])


def edited(path: Path) -> tuple[str, str]:
    """An edit to one clause of the protocol at ``path``: the words it replaces, and its own."""
    text = path.read_text(encoding="utf-8")
    start = text.index("        text: >-\n          ")
    old = text[start:text.index("\n", start + 30)]
    return old, old.replace("text: >-\n          ", "text: >-\n          Edited ")


class Protocol:
    """One synthetic protocol, written as YAML text."""

    def __init__(self, rng: random.Random, index: int, clauses: int, revision: bool) -> None:
        self.rng, self.index, self.clauses, self.revision = rng, index, clauses, revision
        self.numbered: list[tuple[str, str]] = []  # (id, number) of each clause so far

    def yaml(self) -> str:
        status = "proposed-revision" if self.revision else "adopted"
        lines = [f"protocol: {{id: synthetic-{self.index:03}, council: Synthetic Council {self.index}, "
                 f"title: Member/Officer Protocol {self.index}, status: {status}}}",
                 "roles:",
                 "  members: {label: Members, shared: councillor}",
                 "  officers: {label: Officers, shared: officer}",
                 "sections:"]
        sections = max(1, round(self.clauses / CLAUSES_PER_SECTION))
        per_section = [self.clauses // sections + (1 if s < self.clauses % sections else 0) for s in range(sections)]
        for section, count in enumerate(per_section, 1):
            if not count:
                continue
            lines += [f"  - id: s{section}", f'    number: "{section}"']
            if self.revision and section > 5:
                lines.append(f'    was: "{section - 1}"' if section > 6 else "    change: inserted")
            lines += [f"    title: {self.rng.choice(TOPICS).capitalize()}", "    clauses:"]
            for number in range(1, count + 1):
                lines += self.clause(section, number, inserted=self.revision and section == 6)
        return "\n".join(lines) + "\n"

    def words(self, template: str) -> str:
        return template.format(topic=self.rng.choice(TOPICS), office=self.rng.choice(OFFICES))

    def description(self, length: int, change: bool) -> str:
        """Descriptive sentences, about ``length`` characters; with ``change``, one change tracked."""
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < length:
            sentences.append(self.words(self.rng.choice(DESCRIPTIONS)))
        if change and sentences:
            words = sentences[-1].split(" ")
            at = self.rng.randrange(1, len(words) - 1)
            kind = self.rng.randrange(3)
            if kind == 0:
                words[at] = f"{{~~{words[at]}~>{self.rng.choice(('formally', 'promptly', 'publicly'))}~~}}"
            elif kind == 1:
                words[at] = f"{{++clearly++}} {words[at]}"
            else:
                words[at] = f"{{--{words[at]}--}}"
            sentences[-1] = " ".join(words)
        return " ".join(sentences)

    def reference(self) -> str:
        """A cross-reference to an earlier clause, in words that name its number; or nothing."""
        if not self.numbered or self.rng.random() > 0.3:
            return ""
        target, number = self.rng.choice(self.numbered)
        return f" See also [paragraph {number}](#{target})."

    def clause(self, section: int, number: int, inserted: bool) -> list[str]:
        clause_id, reference = f"c{section}-{number}", f"{section}.{number}"
        lines = [f"      - id: {clause_id}", f'        number: "{reference}"']
        if self.revision and section > 6:
            lines.append(f'        was: "{section - 1}.{number}"')
        if number == 1:
            lines.append(f"        heading: {self.rng.choice(TOPICS).capitalize()}")
        change = self.revision and not inserted and self.rng.random() < 0.2
        kind = 0 if section == 1 and number == 1 else self.rng.choices((1, 2, 3), weights=(6, 2, 1))[0]
        who, modality, duty = self.rng.choice(DUTIES)
        duty = self.words(duty)
        quote = duty[: duty.index(" ", 30)]
        text = f"{duty} {self.description(self.rng.randrange(300, 460), change)}{self.reference()}"
        if kind == 0:
            lines += ["        body:", "          - definitions:"]
            for term, meaning in TERMS:
                lines += [f"              - {{term: {term}, text: \"{meaning}\"}}"]
            lines += ["          - text: >-", *_folded(text, 14), "            obligations:",
                      f"              - {{who: {who}, modality: {modality}, quote: {quote}}}"]
        elif kind == 1:
            lines += ["        text: >-", *_folded(text, 10), "        obligations:",
                      f"          - {{who: {who}, modality: {modality}, quote: {quote}}}"]
        elif kind == 2:
            lead_who, lead_modality, lead = self.rng.choice(LIST_LEADS)
            lines += ["        body:", f'          - lead: "{lead}"',
                      f"            each: {{who: {lead_who}, modality: {lead_modality}}}", "            items:"]
            for label, item in zip("abcd", self.rng.sample(LIST_ITEMS, 4), strict=False):
                lines.append(f'              - {{label: "({label})", text: "{self.words(item)}"}}')
            lines += ["          - text: >-", *_folded(self.description(self.rng.randrange(150, 250), change), 14)]
        else:
            lines += ["        body:", "          - table:", "              columns:",
                      "                do: {label: Do, each: {who: officers, modality: should}}",
                      "                dont: {label: \"Don't\", each: {who: officers, modality: should-not}}",
                      "              rows:"]
            for _ in range(3):
                lines.append(f"                - {{do: Record the advice given on {self.rng.choice(TOPICS)}, "
                             f"dont: Disclose confidential papers about {self.rng.choice(TOPICS)}}}")
            lines += ["          - text: >-", *_folded(self.description(self.rng.randrange(300, 420), change), 14)]
        if inserted:
            lines.insert(2, "        change: inserted")
        self.numbered.append((clause_id, reference))
        return lines


def _folded(text: str, indent: int, width: int = 100) -> list[str]:
    """Text as the lines of a folded block scalar, indented."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) + indent > width:
            lines.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, " " * indent + line]
