"""Problems found in source files, and where they are.

A problem points at its place either by position (line and column, known when the YAML could
not be composed) or by a path into the file's data (a schema or integrity problem). Paths are
turned into line and column only when a problem is reported, by composing that file again:
valid files never pay for positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

Path = tuple[str | int, ...]


class Origin(NamedTuple):
    """Where a value came from: the file as the author named it, and the path to the value.
    (A named tuple: the model makes one per element, so it must be cheap.)"""

    file: str
    path: Path = ()
    key: bool = False  # point at the mapping key rather than its value

    def child(self, *steps: str | int) -> Origin:
        return Origin(self.file, self.path + steps)

    def at_key(self) -> Origin:
        return Origin(self.file, self.path, True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One mistake, located, with what to do about it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    origin: Origin | None = None
    earlier: Origin | None = None  # for a problem across places: the first place
    see: Origin | None = None  # for a problem between two texts: the other text's place
    snippet: str | None = None  # words inside the value to point at, rather than the value's start
    warning: bool = False  # reported, but the file is still valid (an error under --strict)
    # The message instead, when the value is empty because an unquoted comma inside {…} split it
    # off as a field of its own (only the source shows how a value was typed).
    unquoted_comma: str | None = None


def at(origin: Origin, message: str, *, earlier: Origin | None = None, see: Origin | None = None,
       snippet: str | None = None, warning: bool = False, unquoted_comma: str | None = None) -> Problem:
    """A problem at a place in the data (at ``snippet`` inside the value, where given)."""
    return Problem(file=origin.file, message=message, origin=origin, earlier=earlier, see=see, snippet=snippet,
                   warning=warning, unquoted_comma=unquoted_comma)


def at_position(file: str, line: int, column: int, message: str) -> Problem:
    """A problem at a known line and column (1-based)."""
    return Problem(file=file, message=message, line=line, column=column)


def shorten(value: object, limit: int = 60) -> str:
    """The value quoted for a message, cut short: a message never repeats a whole file."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", " ")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
