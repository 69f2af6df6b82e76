"""Strict YAML loading: bytes in, plain dicts, lists and strings out, or located problems.

libyaml's C parser composes the node tree (each node keeps its line and column); ``resolve``
gives every node the plain str/seq/map tag, so a value stays exactly the text the author
typed (``no``, ``1.10``, ``2024-03-05`` are strings). The tree is then walked in Python,
refusing what a hand-written protocol has no use for and what hides mistakes: duplicate keys,
anchors and aliases, tags, merge keys, several documents, non-UTF-8, invisible characters.
"""

from __future__ import annotations

import gc
import operator
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from clausebook.format import markup
from clausebook.format.problems import Path as DataPath
from clausebook.format.problems import Problem, at_position, shorten

SUSPECT = markup.SUSPECT.search
MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 48
SAFE_NESTING_BOUND = 5000  # far below the depth at which libyaml's composer overflows its stack

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# Characters an author cannot see: controls (tab, newline and carriage return excepted),
# zero-width characters, bidirectional controls, line and paragraph separators, and a
# byte-order mark anywhere but the start.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
BAD_INDENT = re.compile(r"^( *)([\t\u00a0\u2000-\u200a\u3000])", re.MULTILINE)
ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u3000]")

CONTROL_NAMES = {0: "NULL", 7: "BELL", 8: "BACKSPACE", 0x0B: "LINE TABULATION",
                 0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE"}


class _TooDeep(Exception):
    pass


def _plain_tag(self: Any, kind: type, value: Any, implicit: Any) -> str:
    """Every node keeps the plain tag of its kind: no implicit types."""
    if kind is yaml.ScalarNode:
        return STR
    return SEQ if kind is yaml.SequenceNode else MAP


class _Loader(yaml.CSafeLoader):
    """The C loader with no implicit types. The composer calls ``descend_resolver`` and
    ``ascend_resolver`` for every node; here they are C built-ins that do nothing, which saves a
    Python call per node. libyaml's composer recurses in C and crashes on very deep nesting, so
    text that could nest deeply goes to ``_GuardedLoader`` instead (see ``nesting_bound``)."""

    resolve = _plain_tag
    descend_resolver = operator.is_
    ascend_resolver = tuple


class _GuardedLoader(yaml.CSafeLoader):
    """The C loader with no implicit types and a nesting limit checked as it composes."""

    resolve = _plain_tag

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep

    def ascend_resolver(self) -> None:
        self._depth -= 1


def character_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', for a message about an invisible character."""
    code = ord(char)
    name = unicodedata.name(char, "") or CONTROL_NAMES.get(code) or "CONTROL CHARACTER"
    return f"U+{code:04X} {name}"


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or why it is not UTF-8 text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [at_position(file, 1, 1, "the file is UTF-16; save it as UTF-8")]
    if b"\x00" in raw[:8192]:
        return None, [at_position(file, 1, 1, "this is a binary file, not YAML text")]
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark: harmless, dropped
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[start : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        message = f"byte 0x{byte:02X} is not UTF-8; save the file as UTF-8"
        return None, [at_position(file, line, column, message)]


def scan_characters(text: str, file: str) -> list[Problem]:
    """Invisible characters anywhere, and indentation that is not plain spaces."""
    problems = []
    for match in INVISIBLE.finditer(text):
        line, column = _position(text, match.start())
        name = character_name(match.group())
        problems.append(at_position(file, line, column, f"invisible character {name}: delete it"))
    if ODD_SPACE.search(text) is None:
        return problems
    for match in BAD_INDENT.finditer(text):
        line, column = _position(text, match.start(2))
        char = match.group(2)
        what = "a tab" if char == "\t" else character_name(char)
        problems.append(
            at_position(file, line, column, f"indentation uses {what}; indent with spaces only")
        )
    return problems


def may_have_anchors(text: str) -> bool:
    """Whether an anchor ('&name' where a node starts) may be in the text. Without one no alias
    can follow, and the walk need not watch for shared nodes."""
    start = text.find("&")
    while start >= 0:
        before = text[start - 1] if start else "\n"
        after = text[start + 1 : start + 2]
        if before in " \t\n\r[{," and after and after not in " \t\r\n[]{},":
            return True
        start = text.find("&", start + 1)
    return False


def _yaml_error(error: yaml.YAMLError, text: str, file: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(error, yaml.reader.ReaderError):
        line, column = _position(text, error.position)
        return at_position(file, line, column, f"character {character_name(chr(error.character))} is not allowed")
    else:
        line, column = 1, 1
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "expected a single document" in (context or "") or "another document" in problem:
        return at_position(file, line, column, "only one YAML document per file: remove the second '---'")
    message = f"YAML syntax: {problem}"
    if context:
        message += f" ({context})"
    message = " ".join(message.split())
    if "mapping values are not allowed" in problem:
        message += "; text that contains ': ' must be in quotes"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][: column]:
        message += "; a tab cannot indent YAML"
    return at_position(file, line, column, message)


def _events_problems(text: str, file: str, *, deep: bool) -> list[Problem]:
    """Anchors, aliases and over-deep nesting, found by the C event parser."""
    problems = []
    depth = 0
    named: set[str] = set()  # each anchor, and each alias of it, reported once
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            where = (file, mark.line + 1, mark.column + 1)
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent) and "*" + anchor not in named:
                named.add("*" + anchor)
                problems.append(at_position(*where, f"alias '*{anchor}' is not allowed: write the value out in full"))
            elif anchor and not isinstance(event, yaml.AliasEvent) and "&" + anchor not in named:
                named.add("&" + anchor)
                problems.append(at_position(*where, f"anchor '&{anchor}' is not allowed: write the value out in full"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if deep and depth > MAX_DEPTH:
                    problems.append(at_position(*where, f"nested more than {MAX_DEPTH} levels deep"))
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        problems.append(_yaml_error(error, text, file))
    return problems


class _Walker:
    """Turns a composed node tree into plain data, noting what the format refuses."""

    def __init__(self, file: str, *, watch_aliases: bool) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # Markup outside the subset: reported, not blocking; located only once the walk is done.
        self.marked: list[tuple[yaml.ScalarNode, list[markup.Finding]]] = []
        self.seen: set[int] | None = set() if watch_aliases else None
        self.aliased = False

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(at_position(self.file, mark.line + 1, mark.column + 1, message))

    def text(self, node: yaml.ScalarNode) -> str:
        """A text value; markup outside the subset is noted, to be located in the source later."""
        value = node.value
        if SUSPECT(value):
            found = markup.findings(value)
            if found:
                self.marked.append((node, found))
        return value

    def text_problems(self, source: str) -> list[Problem]:
        """The markup noted during the walk, each at the offending piece as typed in ``source``."""
        problems = []
        for node, found in self.marked:
            for finding in found:
                nth = node.value.count(finding.snippet, 0, finding.start)
                line, column = snippet_position(source, node, finding.snippet, nth) or _start(node)
                problems.append(at_position(self.file, line, column, finding.message))
        return problems

    def walk(self, node: yaml.Node, depth: int = 0) -> Any:
        tag = node.tag
        if tag == STR:
            value = self.text(node)
        if self.seen is not None:
            if id(node) in self.seen:
                self.aliased = True
                return None
            self.seen.add(id(node))
        if tag == STR:
            return value
        if depth >= MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep")
            raise _TooDeep
        if tag == MAP:
            return self.mapping(node, depth + 1)
        if tag == SEQ:
            walk = self.walk
            return [walk(child, depth + 1) for child in node.value]
        short = tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(node, f"tag '{short}' is not allowed: remove it (every value is text)")
        return None

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        walk = self.walk
        for key_node, value_node in node.value:
            if key_node.tag != STR:
                self.problem(key_node, "a key must be plain words: remove the tag, or the [ ] or { } around it")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, "merge keys ('<<') are not allowed: write the fields out")
                continue
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                line = first.start_mark.line + 1
                self.problem(key_node, f"duplicate key {shorten(key)} (first at line {line}): keep one of them")
                walk(value_node, depth)
                continue
            if value_node.tag == STR and self.seen is None:
                value = value_node.value
                result[key] = self.text(value_node) if SUSPECT(value) else value
            else:
                result[key] = walk(value_node, depth)
        return result


def nesting_bound(text: str) -> int:
    """More than the deepest nesting the text can hold: block nesting needs a column per level on
    some line, flow nesting an opening bracket per level."""
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * longest + text.count("[") + text.count("{")


def _loader_for(text: str) -> yaml.CSafeLoader:
    return _Loader(text) if nesting_bound(text) <= SAFE_NESTING_BOUND else _GuardedLoader(text)


def load_text(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Plain data from YAML text and the problems in it; None for the data when a problem
    stops it being read (markup outside the subset does not)."""
    problems = scan_characters(text, file)
    loader = _loader_for(text)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
    except _TooDeep:
        return None, problems + _events_problems(text, file, deep=True)
    except yaml.YAMLError as error:
        syntax = _yaml_error(error, text, file)
        if any(p.line == syntax.line for p in problems):  # already explained, e.g. a tab
            return None, problems
        return None, [*problems, syntax]
    finally:
        loader.dispose()
        if gc_was_enabled:
            gc.enable()
    if node is None:
        message = "the file is empty: a protocol needs at least 'protocol' and 'sections'"
        return None, [*problems, at_position(file, 1, 1, message)]
    anchored = may_have_anchors(text)
    walker = _Walker(file, watch_aliases=anchored)
    try:
        data = walker.walk(node)
    except _TooDeep:
        data = None
    problems += walker.problems
    if anchored:
        problems += _events_problems(text, file, deep=False)
    return (None if problems else data), problems + walker.text_problems(text)


def load_file(path: Path, file: str) -> tuple[Any, list[Problem]]:
    """Plain data from a YAML file (``file`` is its name as the author gave it)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            message = f"the file is {size / 1048576:.1f} MB; the limit is {limit} MB: split it"
            return None, [at_position(file, 1, 1, message)]
        raw = path.read_bytes()
    except OSError as error:
        return None, [at_position(file, 1, 1, f"cannot read the file: {error.strerror}")]
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    return load_text(text, file)


def compose_positions(text: str) -> yaml.Node | None:
    """The node tree with positions (for locating a problem); None if it does not compose."""
    loader = _loader_for(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, _TooDeep):
        return None
    finally:
        loader.dispose()


def _start(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def follow(root: yaml.Node | None, path: DataPath) -> tuple[list[yaml.Node], yaml.Node | None]:
    """The nodes along ``path`` (the root first, then each value as far as the path is found)
    and the key node of the last value (None unless it is a mapping's value)."""
    if root is None:
        return [], None
    nodes, key_found = [root], None
    for step in path:
        node, child, key_found = nodes[-1], None, None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    child, key_found = value_node, key_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        nodes.append(child)
    if len(nodes) != len(path) + 1:
        key_found = None
    return nodes, key_found


def locate(root: yaml.Node | None, path: DataPath, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``path``, or of its key; the nearest found."""
    nodes, key_node = follow(root, path)
    if not nodes:
        return 1, 1
    if key and key_node is not None:
        return _start(key_node)
    return _start(nodes[-1])


def unquoted_comma(root: yaml.Node | None, path: DataPath) -> bool:
    """Whether the value at ``path`` is empty because of an unquoted comma inside {…}: a key
    in a flow mapping with nothing typed after it (``{text: one, two}`` gives 'two' no value)."""
    nodes, key_node = follow(root, path)
    if key_node is None or len(nodes) < 2:
        return False
    parent, value = nodes[-2], nodes[-1]
    return (isinstance(parent, yaml.MappingNode) and bool(parent.flow_style)
            and isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
            and value.start_mark.index == key_node.end_mark.index)


_ESCAPE = r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)"
_SEPARATOR = r"(?:\s|\\(?=\s))+"
# Between words, a looser search also steps over emphasis, brackets, link targets and
# tracked-change marks: a sentence taken from the plain text, found in the Markdown.
_LOOSE_SEPARATOR = r"(?:\s|\\(?=\s)|[*_\[\]{}+~>-]|\]\([^)\s]*\))+"


def _word_pattern(word: str, style: str | None) -> str:
    if style == '"':  # any character may be typed as an escape
        return "".join(f"(?:{re.escape(char)}|{_ESCAPE})" if char in '"\\' or not char.isalnum()
                       else re.escape(char) for char in word)
    if style == "'":
        return re.escape(word).replace("'", "''")
    return re.escape(word)


def snippet_position(source: str, node: yaml.Node, snippet: str, nth: int = 0) -> tuple[int, int] | None:
    """Line and column (1-based) of ``snippet`` inside the value ``node`` as it is typed in
    ``source`` (its ``nth`` occurrence, or the last found); None when it cannot be found.

    The search is by words, whatever whitespace lies between them: a folded or plain value turns
    line breaks into spaces, and quoted values have escapes, so offsets in the value do not map
    to offsets in the source."""
    words = snippet.split()
    start, end = node.start_mark.index, node.end_mark.index
    if not words or not 0 <= start <= end <= len(source):
        return None
    style = getattr(node, "style", None)
    if style in ("|", ">"):  # skip the header line (the indicator, and any comment after it)
        header = source.find("\n", start, end)
        start = end if header < 0 else header + 1
    raw = source[start:end]
    patterns = [_SEPARATOR.join(_word_pattern(w, style) for w in words)]
    patterns += [_LOOSE_SEPARATOR.join(_word_pattern(w, style) for w in words[:count])
                 for count in (len(words), 3, 1) if count <= len(words)]
    for pattern in patterns:
        matches = list(re.finditer(pattern, raw))
        if matches:
            return _position_in(source, node, start + matches[min(nth, len(matches) - 1)].start())
    return None


def _position_in(source: str, node: yaml.Node, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of an offset inside a node, counted from the node's start."""
    mark = node.start_mark
    newlines = source.count("\n", mark.index, offset)
    if newlines == 0:
        return mark.line + 1, mark.column + 1 + offset - mark.index
    return mark.line + 1 + newlines, offset - source.rfind("\n", mark.index, offset)
