"""The words and numbers of a paragraph, as the draft writes them.

- **words**: a paragraph's pieces as clause text in Markdown, bold and italic kept, links to web
  and mail addresses kept, tracked changes marked ``{++ ++}`` / ``{-- --}`` (``markdown``), or
  read on the side that has them (``plain_side``);
- **numbers**: Word's automatic number, or one typed at the start of a heading or paragraph ("4.",
  "13.2.1", "(2)", "10.—(1)"), split from the words after it; each side of a tracked renumbering
  is read on its own, a number deleted and another inserted giving ``number`` and ``was``
  (``numbered``); a heading's designation and the mark after it ("Appendix A – The Nolan
  principles": ``designated``);
- **what the words read as**: a title, the lead of a list, words that introduce what follows, or
  the end of the sentence a list is part of;
- **slugs**: the few words an id is made from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from clausebook import readings
from clausebook.authoring.importing.document import Kind, Paragraph, Piece
from clausebook.format import markup, numbering

Data = dict[str, Any]
ID_LENGTH = 48
ID_WORDS = 5
STOP_WORDS = frozenset({"a", "an", "and", "any", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
                        "on", "or", "that", "the", "this", "to", "with"})
# A number at the start of a heading or paragraph: "4.", "13.2.1", "2A", "A." (a letter needs its
# full stop), "(2)", "10(2)".
NUMBER = re.compile(r"^(?P<designation>[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,4}[A-Z]?)*\.—)?"
                    r"(?P<number>(?P<parent>[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,4}[A-Z]?)*)?(?:\([0-9]{1,3}[A-Z]?\)|\([a-z]{1,5}\))"
                    r"|[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,4}[A-Z]?)*|[A-Z](?=\.))(?P<stop>\.?)(?:\s+|$)")
# A designation's word (or two) and its number, letter or roman numeral, then the mark the source
# prints before the title: a dash with a space either side, or ":" or "." right after it.
DESIGNATED_HEADING = re.compile(rf"^(?P<designation>[A-Z][\w'’]*(?: [a-z]+)? (?:{numbering.DESIGNATED}))"
                                r"(?:(?P<mark>[:.])| (?P<dash>[—–]))\s+(?P<title>\S.*)$")
LEAD_END = (":", "…", "...", "-", "–", "—")
TITLE_WORDS = 14


def markdown(pieces: tuple[Piece, ...] | list[Piece], *, emphasis: bool = True) -> str:
    """Words as the Markdown subset of clause text: characters that are Markdown escaped, bold
    and italic as ``**``/``*`` (with ``emphasis``), links to web and mail addresses kept, and
    tracked changes as ``{++ ++}`` and ``{-- --}``."""
    groups: list[tuple[Kind, str]] = []
    for piece in pieces:
        if piece.kind and not piece.text.strip():
            piece = Piece(" ", "", piece.emphasis, piece.link)
        text = escaped(piece.text)
        core = text.strip()
        if core and emphasis and piece.emphasis:
            text = text[: len(text) - len(text.lstrip())] + piece.emphasis + core + piece.emphasis + \
                text[len(text.rstrip()):]
        if core and piece.link and re.match(r"^(?:https?://|mailto:)\S+$", piece.link):
            text = text.replace(core, f"[{core}]({piece.link})", 1)
        if groups and groups[-1][0] == piece.kind:
            groups[-1] = (piece.kind, groups[-1][1] + text)
        else:
            groups.append((piece.kind, text))
    marks = {"ins": ("{++", "++}"), "del": ("{--", "--}")}
    written = []
    for kind, text in groups:
        if not kind:
            written.append(text)
            continue
        inner = text.strip()
        written.append(text[: len(text) - len(text.lstrip())] + marks[kind][0] + inner + marks[kind][1]
                       + text[len(text.rstrip()):])
    result = " ".join("".join(written).split())
    return re.sub(r"^(\d+)\. ", r"\1\\. ", re.sub(r"^([-+>]) ", r"\\\1 ", result))


def escaped(text: str) -> str:
    return re.sub(r"([\\`*_\[\]{}#~])", r"\\\1", text)


def plain_side(text: str, change: str | None) -> str:
    """Marked Markdown read on the side that has its words: as it was if deleted, else as amended."""
    return readings.own_words(text, change)


def strip_prefix(pieces: tuple[Piece, ...], amended: int, original: int) -> tuple[Piece, ...]:
    """The pieces without the first ``amended`` characters of their amended side and the first
    ``original`` of their original side (a number in front of a heading), and the space after."""
    kept: list[Piece] = []
    for piece in pieces:
        text = piece.text
        take = {"": min(amended, original), "ins": amended, "del": original}[piece.kind]
        taken = min(take, len(text))
        if piece.kind != "del":
            amended -= taken
        if piece.kind != "ins":
            original -= taken
        text = text[taken:]
        if not kept:
            text = text.lstrip() if amended <= 0 and original <= 0 else text
        if text:
            kept.append(Piece(text, piece.kind, piece.emphasis, piece.link))
    return tuple(kept)


def side_words(pieces: tuple[Piece, ...], kind: Kind) -> str:
    other = "del" if kind == "ins" else "ins"
    return "".join(p.text for p in pieces if p.kind != other).lstrip()


@dataclass(frozen=True, slots=True)
class Numbered:
    """A heading or paragraph split into its number (as amended, and as it was) and its words."""

    number: str | None
    was: str | None
    rest: tuple[Piece, ...]
    stop: bool  # the number was printed with a full stop ("4.")
    designation: str | None = None  # what was printed, where it is more than the number ("10.—(1)")

    def fields(self, *, designation: bool = True) -> Data:
        """The number, designation (unless not wanted) and old number, as source fields."""
        given = {"number": self.number, "designation": self.designation if designation else None, "was": self.was}
        return {key: value for key, value in given.items() if value is not None and (value or key == "number")}


def numbered(paragraph: Paragraph, *, typed: bool = True) -> Numbered:
    """The number of a paragraph: Word's automatic one where it has one (not a bullet), else one
    typed at its start (with ``typed``); each side of a tracked renumbering read on its own."""
    if paragraph.number:
        number, old = _bare(paragraph.number), _bare(paragraph.old_number or "")
        return Numbered(number, old if old and old != number else None, paragraph.pieces,
                        paragraph.number.endswith("."))
    if not typed:
        return Numbered(None, None, paragraph.pieces, False)
    sides = {kind: NUMBER.match(side_words(paragraph.pieces, kind)) for kind in ("ins", "del")}
    change = paragraph.change
    found = {kind: match for kind, match in sides.items()
             if match and readings.has(change, "amended" if kind == "ins" else "original")}
    if not found:
        return Numbered(None, None, paragraph.pieces, False)
    lengths = {kind: len(match.group()) if match else 0 for kind, match in sides.items()}
    if change == "deleted":
        lengths["ins"] = lengths["del"]
    if change == "inserted":
        lengths["del"] = lengths["ins"]
    rest = strip_prefix(paragraph.pieces, lengths["ins"], lengths["del"])
    new = found.get("ins") or found.get("del")
    old = found.get("del") if change is None else None
    assert new is not None
    number, was = _own_number(new), _own_number(old) if old else None
    designation = new.group().strip() if new.group("designation") else None
    return Numbered(number, was if was != number else None, rest, bool(new.group("stop")), designation)


def _own_number(match: re.Match[str]) -> str:
    """A bracketed number printed after its parent's ("10(2)", "10.—(1)") is "(2)"; others as printed."""
    number = match.group("number")
    return number[len(match.group("parent")):] if match.group("parent") and "(" in number else number


def _bare(number: str) -> str:
    return number.strip().rstrip(".").strip()


def designated(words: str) -> Data:
    """A heading's designation, the mark printed after it and its title ("Appendix A – The Nolan
    principles", "Section 1. Meanings"), as source fields; empty unless a mark parts them."""
    match = DESIGNATED_HEADING.match(words)
    if match is None or markup.has_changes(words):
        return {}
    return {"designation": match.group("designation"), "separator": match.group("mark") or match.group("dash"),
            "title": match.group("title")}


def title_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= TITLE_WORDS and not text.rstrip().endswith((".", ";", ",", "?", "!", ":")) \
        and not text[:1].islower()


def lead_like(text: str) -> bool:
    plain = markup.plain(readings.some_words(text)).rstrip()
    return plain.endswith(LEAD_END) or not plain.endswith((".", "!", "?", "\"", "”", ")"))


def introduces(text: str) -> bool:
    """Whether a paragraph's words introduce what follows them ("Who does what:")."""
    return markup.plain(readings.some_words(text)).rstrip().endswith(LEAD_END)


def goes_on(block: Data, words: str) -> bool:
    """Whether a paragraph after a list closes the sentence the list is part of: it starts in
    lower case, or the list's last item ends mid-sentence ("…any person," "…; or")."""
    last = block["items"][-1]
    ending = markup.plain(readings.some_words(last["text"] if isinstance(last, dict) else last)).rstrip()
    return words[:1].islower() or ending.endswith((",", " or", " and", "—", "–"))


def slug(words: str) -> str:
    plain = markup.plain(readings.some_words(words)).lower()
    tokens = re.findall(r"[a-z0-9]+", plain.replace("'", "").replace("’", ""))
    kept = [t for t in tokens if t not in STOP_WORDS] or tokens
    made = "-".join(kept[:ID_WORDS])[:ID_LENGTH].strip("-")
    return made if made[:1].isalpha() else (f"n{made}" if made else "")
