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
# Emphasis: asterisks anywhere; underscores only at a word's edges and around words, as Markdown
# reads them (the underscores inside "Appendix_A_Code" are the address's own, and "___" is a blank).
EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)(__|_)(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\w)", re.DOTALL)
# (a small letter only where a word does not go on: "1.2a", an item label, but not "1st")
NUMBER_IN_WORDS = re.compile(r"(?<![\d.(])\d+(?:[A-Z]|[a-z](?![a-z]))?(?:\.\d+(?:[A-Z]|[a-z](?![a-z]))?)*"
                             r"(?:\([0-9A-Za-z]{1,5}\))*")
PUNCTUATION = ",.;:)?!"  # no space is left before these where a change left nothing
# (a line break within a paragraph reads as a space; a blank line, which starts one, is kept)
SPACE_BEFORE_PUNCTUATION = re.compile(rf"(?:[ \t]+|[ \t]*(?<!\n)\n[ \t]*)([{re.escape(PUNCTUATION)}])")
# Deletions between a space (or a line break) and punctuation, in the tracked HTML: "as amended
# <del>in 2014</del>, where".
DELETED_BEFORE_PUNCTUATION = re.compile(
    rf"(?:(?<!\n)(?:[ \t]*\n[ \t]*|[ \t]+)<del>(?:(?!</del>).)*</del>)+(?=[{re.escape(PUNCTUATION)}])", re.DOTALL)
SPACE_BEFORE_DELETION = re.compile(r"(?:[ \t]*\n[ \t]*|[ \t]+)<del>")
SPACES = re.compile(r"[ \t]{2,}")
PLAIN_SUSPECT = re.compile(r"[\[*_\\]")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~>])")
# An escaped character stands aside while links and emphasis are read: "\_\_\_" is a blank to
# fill in, not emphasis. (Control characters are refused in the source, so NUL marks it safely.)
SET_ASIDE = re.compile("\x00([0-9a-f]{2})\x00")


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
HTML_INSTEAD = {
    "u": "mark inserted words {++like this++}", "ins": "mark inserted words {++like this++}",
    "s": "mark deleted words {--like this--}", "del": "mark deleted words {--like this--}",
    "strike": "mark deleted words {--like this--}", "b": "write **strong** instead",
    "strong": "write **strong** instead", "i": "write *emphasis* instead", "em": "write *emphasis* instead",
    "p": "a blank line starts a new paragraph", "br": "a blank line starts a new paragraph",
    "ul": "write a list as lines starting '- ', or as `items`",
    "li": "write a list as lines starting '- ', or as `items`",
    "a": "write the link as [words](address)",
}
AUTOLINK = re.compile(r"<(?:https?:|mailto:)", re.IGNORECASE)
STRUCK = re.compile(r"(?<!\{)~~(?!\})(?:(.+?)(?<!\{)~~(?!\}))?", re.DOTALL)
SNIPPET_LIMIT = 40


@dataclass(frozen=True, slots=True)
class Finding:
    """Something in a text outside the subset: what to tell the author, and the piece of the text
    it is about (``snippet``, found at ``start``), so that it can be pointed at."""

    message: str
    snippet: str
    start: int


def quoted(piece: str, limit: int = SNIPPET_LIMIT) -> str:
    """A piece of text for a message, in backticks, on one line, cut short with '…'."""
    piece = " ".join(piece.split())
    if len(piece) > limit:
        piece = piece[: limit - 1] + "…"
    return repr(piece) if "`" in piece else f"`{piece}`"


def problems(text: str) -> list[str]:
    """What in ``text`` is outside the subset, each as a message naming it and what to do."""
    return [finding.message for finding in findings(text)]


def findings(text: str) -> list[Finding]:
    """What in ``text`` is outside the subset, each with the piece of text it is about."""
    if SUSPECT.search(text) is None:  # plain words: nothing to look into
        return []
    found = _change_mark_findings(text)
    # Tracked-change marks become spaces: the words inside are checked, at their own offsets.
    bare = CHANGE.sub(lambda m: _blank_marks(m), text)

    def add(message: str, start: int, end: int) -> None:
        found.append(Finding(message, text[start:end], start))

    tags = list(HTML.finditer(bare))
    opening = [tag for tag in tags if not tag.group().startswith("</")]
    for match in opening or tags[:1]:
        end = bare.find(">", match.start())
        end = end + 1 if 0 <= end < match.start() + SNIPPET_LIMIT else match.end()
        if match.group() == "<!--":
            close = bare.find("-->", match.start())
            end = close + 3 if close >= 0 else end
            add(f"HTML comment {quoted(text[match.start():end])} is not allowed in text: delete it, "
                "or give the clause a `note`", match.start(), end)
        elif AUTOLINK.match(bare, match.start()):
            add(f"{quoted(text[match.start():end])} is not allowed in text: write the link as [words](address)",
                match.start(), end)
        else:
            name = match.group().lstrip("<").lower()
            add(f"raw HTML {quoted(text[match.start():end])} is not allowed in text: "
                f"{HTML_INSTEAD.get(name, 'write plain words')}", match.start(), end)
    for match in LINK.finditer(bare):
        image, _label, target = match.groups()
        if image:
            add(f"images are not allowed in text: {quoted(match.group())}", match.start(), match.end())
        elif not target:
            add(f"link {quoted(match.group())} has no address: link to https://, mailto: or a clause (#id)",
                match.start(), match.end())
        elif not (CLAUSE_TARGET.match(target) or WEB_TARGET.match(target)):
            # The pattern ends a target at its first ')': give back those its own '(' opened.
            end = match.end(3)
            while text.count("(", match.start(3), end) > text.count(")", match.start(3), end) \
                    and text.startswith(")", end):
                end += 1
            add(f"link to {quoted(text[match.start(3):end])} is not allowed: link to https://, mailto: "
                "or a clause (#id)", match.start(3), end)
    for match in HEADING.finditer(bare):
        start, end = match.start(1), _line_end(bare, match.start(1))
        add(f"headings are not allowed in text: {quoted(text[start:end])}; give the clause a `heading` "
            "instead", start, end)
    for match in RULE_LINE.finditer(bare):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        add(f"a line of only {quoted(match.group().strip())} is not allowed in text: delete it",
            start, start + len(match.group().strip()))
    for match in ATTR_LIST.finditer(bare):
        end = bare.find("}", match.start())
        end = end + 1 if 0 <= end < match.start() + SNIPPET_LIMIT else match.end()
        add(f"attribute lists are not allowed in text: {quoted(text[match.start():end])}", match.start(), end)
    fenced = False
    for match in CODE.finditer(bare):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = _line_end(bare, start)
        if not match.group().lstrip().startswith(("```", "~~~")):
            add(f"a line indented four spaces is a code block, which text cannot have: "
                f"{quoted(text[start:end])}; remove the indent", start, end)
        elif not fenced:  # the opening fence is the mistake; its closing fence is not another
            fenced = True
            fence = match.group().lstrip()[:3]
            add(f"code fences ({fence}) are not allowed in text: remove them", start, start + 3)
    for match in LINK_DEFINITION.finditer(bare):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = _line_end(bare, start)
        add(f"link definitions are not allowed: {quoted(text[start:end])}; write the link in place, "
            "[words](address)", start, end)
    for match in STRUCK.finditer(CHANGE.sub(lambda m: " " * len(m.group()), text)):
        if match.group(1) is not None and match.group(1).strip():
            add(f"{quoted(match.group())} is not tracked-change markup: write "
                f"{{--{' '.join(match.group(1).split())}--}}", match.start(), match.end())
        else:
            add("`~~` is not tracked-change markup: write {--deleted words--}", match.start(), match.end())
    found.sort(key=lambda finding: finding.start)
    return found


def _blank_marks(match: re.Match[str]) -> str:
    """A tracked change with its marks turned into spaces, its words where they were."""
    inserted, deleted, old, new = match.groups()
    if old is not None:
        return "   " + old + "  " + new + "   "
    return "   " + (inserted if inserted is not None else deleted) + "   "


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _change_mark_findings(text: str) -> list[Finding]:
    found = []
    for match in CHANGE.finditer(text):
        inserted, deleted, old, new = match.groups()
        body = "".join(g for g in match.groups() if g is not None)
        piece = match.group()
        if CHANGE_MARKS.search(body):
            found.append(Finding(f"tracked changes cannot be nested: {quoted(piece)}", piece, match.start()))
        elif not all(g.strip() for g in (inserted, deleted, old, new) if g is not None):
            found.append(Finding(f"empty tracked change {quoted(piece)}: put words inside it, or delete it",
                                 piece, match.start()))
    leftover = CHANGE.sub(lambda m: " " * len(m.group()), text)
    if mark := CHANGE_MARKS.search(leftover):
        found.append(Finding(f"tracked-change mark {quoted(mark.group())} has no partner: "
                             "write {++inserted++}, {--deleted--} or {~~old~>new~~}", mark.group(), mark.start()))
    return found


def has_changes(text: str) -> bool:
    """Whether the text holds tracked changes."""
    return "{" in text and CHANGE.search(text) is not None


def _tidy(text: str) -> str:
    text = SPACES.sub(" ", text)
    text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return text.strip()


def amended(text: str) -> str:
    """The text as the revision would leave it: insertions kept, deletions gone; where a change
    left nothing, the spaces around it tidied (``resolve``), then spaces tidied throughout."""
    if "{" not in text:
        return text
    return _tidy(resolve(text, "amended"))


def original(text: str) -> str:
    """The text before the revision: deletions kept, insertions gone, spaces tidied as in ``amended``."""
    if "{" not in text:
        return text
    return _tidy(resolve(text, "original"))


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
    text = ESCAPED.sub(lambda m: f"\x00{ord(m.group(1)):02x}\x00", markdown)
    text = LINK.sub(lambda m: m.group(2), text)
    for _ in range(2):
        text = EMPHASIS.sub(lambda m: m.group(2), text)
        text = UNDERSCORE_EMPHASIS.sub(lambda m: m.group(2), text)
    text = SET_ASIDE.sub(lambda m: chr(int(m.group(1), 16)), text)
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
    """The clause numbers a link's words name: '5.1 or 5.2 above' → ['5.1', '5.2'];
    'paragraph 10(2)(a)' → ['10(2)(a)']."""
    return [number.rstrip(".") for number in NUMBER_IN_WORDS.findall(label)]


def tracked_html(text: str) -> str:
    """The text with its tracked changes as <ins> and <del> (one pair per paragraph of a change),
    for the tracked reading; other text is left as it is, but for the space before a deletion
    that punctuation follows, which goes inside it: with the deletions hidden, the words read as
    amended ("as amended<del> in 2014</del>, where" reads "as amended, where")."""
    if "{" not in text:
        return text

    def mark(tag: str, words: str) -> str:
        return "\n\n".join(f"<{tag}>{part}</{tag}>" for part in re.split(r"\n[ \t]*\n", words))

    def replace(match: re.Match[str]) -> str:
        inserted, deleted, old, new = match.groups()
        if inserted is not None:
            return mark("ins", inserted)
        if deleted is not None:
            return mark("del", deleted)
        return mark("del", old) + mark("ins", new)

    return DELETED_BEFORE_PUNCTUATION.sub(lambda found: SPACE_BEFORE_DELETION.sub("<del> ", found.group()),
                                          CHANGE.sub(replace, text))


Side = Literal["amended", "original"]


def resolve(text: str, side: Side) -> str:
    """The text on one side of its tracked changes. Where a change leaves nothing behind, the
    spaces around it are tidied (no double space, no space before punctuation or at either end);
    text away from the changes is left exactly as written."""
    if "{" not in text or CHANGE.search(text) is None:
        return text
    pieces: list[str] = []
    empties: list[int] = []  # where a change left nothing, as offsets into the result
    length = 0
    position = 0
    for match in CHANGE.finditer(text):
        inserted, deleted, old, new = match.groups()
        before = text[position:match.start()]
        if old is not None:
            words = new if side == "amended" else old
        elif inserted is not None:
            words = inserted if side == "amended" else ""
        else:
            words = "" if side == "amended" else deleted
        pieces += [before, words]
        length += len(before)
        if not words:
            empties.append(length)
        length += len(words)
        position = match.end()
    pieces.append(text[position:])
    result = "".join(pieces)
    for offset in sorted(set(empties), reverse=True):
        # (a later place may have shortened the run of spaces this one is in: it is tidied again,
        # from no further than where the text now ends)
        result = _tidy_at(result, min(offset, len(result)))
    return result


def _tidy_at(text: str, offset: int) -> str:
    """The text with the spaces around the place where a change left nothing tidied."""
    start = offset
    while start > 0 and text[start - 1].isspace():
        start -= 1
    end = offset
    while end < len(text) and text[end].isspace():
        end += 1
    if start == 0 or end == len(text):  # at an end of the text: no space there
        return text[end:] if start == 0 else text[:start]
    if start < offset < end:  # spaces on both sides: keep one side's (a paragraph break if any)
        keep_after = "\n" in text[offset:end] or "\n" not in text[start:offset]
        return text[:start] + text[offset:] if keep_after else text[:offset] + text[end:]
    if start < offset and end == offset and text[offset] in PUNCTUATION:
        return text[:start] + text[offset:]
    return text
