"""Word's automatic numbering, computed as Word shows it: the numbers live in ``numbering.xml``
and in each paragraph's (or its style's) ``w:numPr``, not in the text.

A paragraph takes a list (``numId``) and a level (``ilvl``) from its own properties, or from its
paragraph style (following ``basedOn``); a list names an abstract definition, whose levels give a
start value, a format (decimal, lowerLetter, upperRoman, bullet…) and a text such as ``%1.%2``
that shows the counters of that level and the levels above it. Counting a paragraph at a level
starts again every level below it. Lists that share an abstract definition share its counters,
unless a list overrides a level's start, which restarts that level when the list is first used.

``Counter`` keeps one reading's counters: the importer runs two, one that skips the paragraphs
a revision deletes (the numbers as amended) and one that skips those it inserts (as they were).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = 9
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _value(element: Any, path: str, default: str | None = None) -> str | None:
    found = element.find(path, {"w": W}) if element is not None else None
    return found.get(_w("val"), default) if found is not None else default


@dataclass(frozen=True, slots=True, kw_only=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"
    text: str = ""
    legal: bool = False  # w:isLgl: the counters of the levels above shown as decimals
    style: str | None = None  # the paragraph style that takes this level (headings numbered by Word)

    @property
    def bullet(self) -> bool:
        return self.format in ("bullet", "none")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where a paragraph stands in Word's numbering: its list, the abstract definition it counts
    in, and its level."""

    list_id: str
    abstract: str
    level: int


@dataclass(slots=True)
class Definitions:
    """The numbering of one document: abstract definitions, lists, and the numbering of styles."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, Level | int]] = field(default_factory=dict)  # numId → level → Level or start
    styles: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # style id → (numId, ilvl)
    based_on: dict[str, str] = field(default_factory=dict)

    def level(self, place: Place) -> Level:
        override = self.overrides.get(place.list_id, {}).get(place.level)
        if isinstance(override, Level):
            return override
        level = self.abstract.get(place.abstract, {}).get(place.level, Level())
        return Level(start=override, format=level.format, text=level.text, legal=level.legal,
                     style=level.style) if isinstance(override, int) else level

    def place(self, properties: Any, style: str | None) -> Place | None:
        """Where a paragraph with these ``w:pPr`` and this style id stands, or None if unnumbered."""
        numbering = properties.find(_w("numPr")) if properties is not None else None
        list_id = _value(numbering, "w:numId")
        level_text = _value(numbering, "w:ilvl")
        seen = set()
        while style and style not in seen and (list_id is None or level_text is None):
            seen.add(style)
            styled_list, styled_level = self.styles.get(style, (None, None))
            list_id = list_id if list_id is not None else styled_list
            if level_text is None and styled_level is not None:
                level_text = str(styled_level)
            if list_id is not None and level_text is None:
                level_text = str(self._level_of_style(list_id, style))
            style = self.based_on.get(style)
        if list_id is None or list_id == "0" or list_id not in self.lists:
            return None
        return Place(list_id=list_id, abstract=self.lists[list_id], level=min(int(level_text or 0), LEVELS - 1))

    def _level_of_style(self, list_id: str, style: str) -> int:
        levels = self.abstract.get(self.lists.get(list_id, ""), {})
        return next((number for number, level in levels.items() if level.style == style), 0)


def read(numbering_xml: bytes | None, styles_xml: bytes | None) -> Definitions:
    """The numbering definitions of a document from its ``numbering.xml`` and ``styles.xml``."""
    definitions = Definitions()
    if numbering_xml:
        root = etree.fromstring(numbering_xml)
        for abstract in root.iter(_w("abstractNum")):
            definitions.abstract[abstract.get(_w("abstractNumId"), "")] = {
                int(lvl.get(_w("ilvl"), "0")): _level(lvl) for lvl in abstract.iter(_w("lvl"))}
        for number in root.iter(_w("num")):
            list_id = number.get(_w("numId"), "")
            definitions.lists[list_id] = _value(number, "w:abstractNumId", "") or ""
            for override in number.iter(_w("lvlOverride")):
                level = int(override.get(_w("ilvl"), "0"))
                lvl = override.find(_w("lvl"))
                start = _value(override, "w:startOverride")
                if lvl is not None:
                    definitions.overrides.setdefault(list_id, {})[level] = _level(lvl)
                elif start is not None:
                    definitions.overrides.setdefault(list_id, {})[level] = int(start)
    if styles_xml:
        for style in etree.fromstring(styles_xml).iter(_w("style")):
            style_id = style.get(_w("styleId"), "")
            if (based := _value(style, "w:basedOn")) is not None:
                definitions.based_on[style_id] = based
            numbering = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if numbering is not None:
                level = _value(numbering, "w:ilvl")
                definitions.styles[style_id] = (_value(numbering, "w:numId"), int(level) if level else None)
    return definitions


def _level(lvl: Any) -> Level:
    start = _value(lvl, "w:start", "1") or "1"
    return Level(start=int(start) if start.lstrip("-").isdigit() else 1,
                 format=_value(lvl, "w:numFmt", "decimal") or "decimal", text=_value(lvl, "w:lvlText", "") or "",
                 legal=lvl.find(_w("isLgl")) is not None, style=_value(lvl, "w:pStyle"))


@dataclass(slots=True)
class Counter:
    """The counters of one reading of a document, as Word advances them paragraph by paragraph."""

    definitions: Definitions
    counts: dict[str, list[int | None]] = field(default_factory=dict)  # abstract → counter per level
    started: set[str] = field(default_factory=set)  # lists already used

    def number(self, place: Place) -> str:
        """Count a paragraph at ``place`` and give the number Word shows for it ("" for a bullet)."""
        counts = self.counts.setdefault(place.abstract, [None] * LEVELS)
        if place.list_id not in self.started:
            self.started.add(place.list_id)
            for level in self.definitions.overrides.get(place.list_id, {}):
                counts[level] = None  # an overridden start restarts the level
        level = self.definitions.level(place)
        current = counts[place.level]
        counts[place.level] = level.start if current is None else current + 1
        for deeper in range(place.level + 1, LEVELS):
            counts[deeper] = None
        if level.bullet:
            return ""
        shown = level.text
        for above in range(place.level + 1):
            definition = self.definitions.level(Place(list_id=place.list_id, abstract=place.abstract, level=above))
            value = counts[above] if counts[above] is not None else definition.start
            style = "decimal" if level.legal and above < place.level else definition.format
            shown = shown.replace(f"%{above + 1}", formatted(value or 0, style))
        return shown.strip()


def formatted(value: int, style: str) -> str:
    """A counter in one of Word's number formats (an unknown format as a decimal)."""
    if style in ("lowerLetter", "upperLetter"):
        repeats, rest = divmod(max(value, 1) - 1, 26)  # Word goes on a, …, z, aa, bb, …
        letters = chr(ord("a") + rest) * (repeats + 1)
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in ROMAN:
            while value >= amount:
                roman += numeral
                value -= amount
        return roman.upper() if style == "upperRoman" else roman
    if style == "decimalZero":
        return f"{value:02d}"
    return str(value)
