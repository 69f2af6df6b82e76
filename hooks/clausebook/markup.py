"""Clause text: the Markdown subset it may use, and the tracked changes inside it.

Tracked changes use CriticMarkup: ``{++inserted++}``, ``{--deleted--}``, ``{~~old~>new~~}``.
One authored string gives the text as amended, the text before the revision, and the list of
changes between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

CHANGE = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}", re.DOTALL)
CHANGE_MARKS = re.compile(r"\{\+\+|\+\+\}|\{--|--\}|\{~~|~~\}|~>")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^\s)]*)(?:\s+\"[^\"]*\")?\s*\)")
CLAUSE_TARGET = re.compile(r"^(?:([a-z][a-z0-9-]*))?#([a-z][a-z0-9-]*)$")
WEB_TARGET = re.compile(r"^(?:https?://[^\s<>\"']+|mailto:[^\s<>\"']+@[^\s<>\"']+)$")
HTML = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z][A-Za-z0-9-]*|!--|!|\?)")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)", re.MULTILINE)
RULE_LINE = re.compile(r"^ {0,3}(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][A-Za-z]")
CODE = re.compile(r"^(?: {4,}|\t)\S|^ {0,3}(?:```|~~~)", re.MULTILINE)
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S", re.MULTILINE)
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
NUMBER_IN_WORDS = re.compile(r"(?<![\d.])\d+(?:\.\d+)*")
SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([,.;:)])")
SPACES = re.compile(r"[ \t]{2,}")
PLAIN_SUSPECT = re.compile(r"[\[*_\\]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    label: str
    target: str
    protocol: str | None = None  # for a clause link: another protocol's id, or None
    clause: str | None = None  # for a clause link: the target id


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    kind: Literal["inserted", "deleted", "replaced"]
    old: str
    new: str


# Any text the checks below could refuse has one of these; most values (ids, numbers, plain
# sentences) have none, and one search of this pattern lets them through.
SUSPECT = re.compile(r"[<\[{}~#`\t=\n]|^ |^[-*_]{3}")


def problems(text: str) -> list[str]:
    """What in ``text`` is outside the subset, each as a message naming it and what to do."""
    if SUSPECT.search(text) is None:  # plain words: nothing to look into
        return []
    found = []
    found += _change_mark_problems(text)
    bare = CHANGE.sub(lambda m: " ".join(g for g in m.groups() if g), text)
    if match := HTML.search(bare):
        what = "an HTML comment" if match.group() == "<!--" else f"raw HTML {_snippet(bare, match.start())}"
        found.append(f"{what} is not allowed in text: write plain words (tracked changes use {{++ ++}} and {{-- --}})")
    for image, _label, target in LINK.findall(bare):
        if image:
            found.append("images are not allowed in text")
        elif not (CLAUSE_TARGET.match(target) or WEB_TARGET.match(target)):
            scheme = target.split(":", 1)[0] + ":" if ":" in target else repr(target)
            found.append(f"link to {scheme} is not allowed: link to https://, mailto: or a clause (#id)")
    if HEADING.search(bare):
        found.append("headings are not allowed inside text: give the clause a 'heading' instead")
    if RULE_LINE.search(bare):
        found.append("a line of only '=', '-', '*' or '_' is not allowed in text")
    if ATTR_LIST.search(bare):
        found.append("attribute lists ('{: …}') are not allowed in text")
    if CODE.search(bare):
        found.append("code blocks (lines indented four spaces, or ``` fences) are not allowed in text")
    if LINK_DEFINITION.search(bare):
        found.append("link definitions ('[name]: address') are not allowed: write the link in place")
    if "~~" in CHANGE.sub("", text):
        found.append("'~~' is not tracked-change markup: write {--deleted words--}")
    return found


def _snippet(text: str, start: int) -> str:
    end = text.find(">", start)
    piece = text[start : end + 1 if 0 <= end < start + 40 else start + 12]
    return repr(piece)


def _change_mark_problems(text: str) -> list[str]:
    found = []
    for match in CHANGE.finditer(text):
        inserted, deleted, old, new = match.groups()
        body = "".join(g for g in match.groups() if g is not None)
        if CHANGE_MARKS.search(body):
            found.append(f"tracked changes cannot be nested: {_short(match.group())}")
        elif not all(g.strip() for g in (inserted, deleted, old, new) if g is not None):
            found.append(f"empty tracked change {_short(match.group())}")
    leftover = CHANGE.sub("", text)
    if mark := CHANGE_MARKS.search(leftover):
        found.append(f"tracked-change mark '{mark.group()}' has no partner: "
                     "write {++inserted++}, {--deleted--} or {~~old~>new~~}")
    return found


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def has_changes(text: str) -> bool:
    """Whether the text holds tracked changes."""
    return "{" in text and CHANGE.search(text) is not None


def _tidy(text: str) -> str:
    text = SPACES.sub(" ", text)
    text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return text.strip()


def amended(text: str) -> str:
    """The text as the revision would leave it: insertions kept, deletions gone."""
    if "{" not in text:
        return text
    return _tidy(CHANGE.sub(lambda m: m.group(1) or m.group(4) or "", text))


def original(text: str) -> str:
    """The text before the revision: deletions kept, insertions gone."""
    if "{" not in text:
        return text
    return _tidy(CHANGE.sub(lambda m: m.group(2) or m.group(3) or "", text))


def changes(text: str) -> list[Change]:
    """The tracked changes in the text, in order."""
    result = []
    for inserted, deleted, old, new in CHANGE.findall(text):
        if inserted:
            result.append(Change(kind="inserted", old="", new=inserted))
        elif deleted:
            result.append(Change(kind="deleted", old=deleted, new=""))
        else:
            result.append(Change(kind="replaced", old=old, new=new))
    return result


def plain(markdown: str) -> str:
    """Markdown without its markup: link words without addresses, no emphasis marks."""
    if not PLAIN_SUSPECT.search(markdown):
        return " ".join(markdown.split())
    text = LINK.sub(lambda m: m.group(2), markdown)
    for _ in range(2):
        text = EMPHASIS.sub(lambda m: m.group(2), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!~>])", r"\1", text)
    return " ".join(text.split())


def links(markdown: str) -> list[Link]:
    """Every link in the text, clause links with their target split out."""
    if "](" not in markdown:
        return []
    result = []
    for image, label, target in LINK.findall(markdown):
        if image:
            continue
        if match := CLAUSE_TARGET.match(target):
            result.append(Link(label=label, target=target, protocol=match.group(1), clause=match.group(2)))
        else:
            result.append(Link(label=label, target=target))
    return result


def numbers_named(label: str) -> list[str]:
    """The clause numbers a link's words name: '5.1 or 5.2 above' → ['5.1', '5.2']."""
    return [number.rstrip(".") for number in NUMBER_IN_WORDS.findall(label)]
