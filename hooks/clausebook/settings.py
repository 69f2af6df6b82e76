"""A council's own site: the settings it gives in mkdocs.yml, under `extra.clausebook`, and the
environment's, read into one typed object and checked.

```yaml
site_name: Our council's constitution          # the site's title
site_url: https://example.org/handbook/        # where it is published (a sub-path works)
extra:
  clausebook:
    tagline: How councillors and officers work together.
    home: Markdown shown on the home page, under the tagline.
    colours: {primary: "#1d4f91", accent: "#a4000f"}
    logo: assets/logo.svg                      # a file in docs/, or an http(s) address
    favicon: assets/favicon.png                # the same
    compare: [[somerset, kirklees]]            # pairs of protocols to compare (first, second)
    page_size: A4                              # the Word documents' paper: A4 (else A3, A5, Letter, Legal)
    titles: {cy: Protocolau'r cyngor}          # the title on the pages of the texts in Welsh
```

Without `logo` the site shows none, and without `favicon` names none (not the theme's own).

Without `compare`, the handbook compares the two example protocols (Somerset against Kirklees)
when both are in source/, and nothing otherwise; `compare: []` compares nothing.

Each key of `extra.clausebook` is declared once, in `OPTIONS`: its name, what it is, its value
when it is not given, and the check that gives the value the settings hold or refuses the one
given with a message naming the key.

From the environment: `CLAUSEBOOK_NO_PDF=1` builds without PDFs and `CLAUSEBOOK_NO_DOCX=1` without
Word documents (quick previews, benchmarks).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
ICONS = (*IMAGES, ".ico")
NO_FAVICON = "data:,"  # a page that names this as its icon asks for none (not even /favicon.ico)
EXAMPLE_PAIR = ("somerset", "kirklees")  # compared when both are there and no pairs are named
MIN_CONTRAST = 4.5  # WCAG 2.2 AA, for white text on the colour
# The paper sizes a Word document can be set on: (width, height) in twentieths of a point.
PAGE_SIZES = {"A4": (11906, 16838), "A3": (16838, 23811), "A5": (8391, 11906), "Letter": (12240, 15840),
              "Legal": (12240, 20160)}
T = TypeVar("T")


class SettingsError(ValueError):
    """A setting in mkdocs.yml that the handbook cannot use; the message says which and why."""


def _where(key: str) -> str:
    return f"extra.clausebook.{key} in mkdocs.yml"


def _text(value: Any, key: str) -> str | None:
    """Words."""
    if not isinstance(value, str):
        raise SettingsError(f"{_where(key)} must be text")
    return value


def _titles(value: Any, key: str) -> dict[str, str]:
    """The site's title in each other language its protocols have texts in, by language tag."""
    shape = f"{_where(key)} takes the site's title in each other language, e.g. {{cy: Protocolau'r cyngor}}"
    if not isinstance(value, dict):
        raise SettingsError(shape)
    titles = {}
    for language, title in value.items():
        if not (isinstance(language, str) and LANGUAGE_TAG.match(language)):
            raise SettingsError(f"{shape}: {language!r} is not a language tag such as cy")
        if not isinstance(title, str) or not title.strip() or "\n" in title.strip():
            raise SettingsError(f"{_where(f'{key}.{language}')} must be the title, on one line, not {title!r}")
        titles[language.lower()] = title.strip()
    return titles


def _colours(value: Any, key: str) -> dict[str, str]:
    """``primary`` and ``accent``, each a #rrggbb colour dark enough for white text on it."""
    colours = value or {}
    if not isinstance(colours, dict) or set(colours) - {"primary", "accent"}:
        raise SettingsError(f"{_where(key)} takes primary and accent, e.g. " '{primary: "#1d4f91"}')
    for name, colour in colours.items():
        if not isinstance(colour, str) or not HEX_COLOUR.match(colour):
            raise SettingsError(f'{_where(f"{key}.{name}")} must be a colour such as "#1d4f91", not {colour!r}')
        if contrast(colour, "#ffffff") < MIN_CONTRAST:
            raise SettingsError(f"extra.clausebook.{key}.{name} {colour} is too light for white text on it "
                                f"(contrast {contrast(colour, '#ffffff'):.2f}:1, at least {MIN_CONTRAST}:1 "
                                "is needed): choose a darker colour")
    return colours


def _image(kinds: tuple[str, ...]) -> Callable[[Any, str], str]:
    """The check of a picture's setting: a path relative to docs/ of a file of one of ``kinds``
    (that it is there is checked once docs/ is known: ``Settings.check_files``), or an http(s)
    address."""

    def check(value: Any, key: str) -> str:
        shape = (f"{_where(key)} takes a path relative to docs/, such as assets/{key}{kinds[0]}, "
                 "or an https:// address")
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(f"{shape}, not {value!r}")
        if WEB_ADDRESS.match(value):
            return value
        if SCHEME.match(value) or value.startswith(("/", "\\")) or re.search(r"[\s<>\"'`\\]", value):
            raise SettingsError(f"{shape}, not {value!r}")
        if ".." in PurePosixPath(value).parts:
            raise SettingsError(f"{_where(key)} {value!r} leads out of docs/: put the file in docs/")
        if not value.lower().endswith(kinds):
            raise SettingsError(f"{_where(key)} {value!r} is not a picture the browser shows there: "
                                f"give a {', '.join(kinds[:-1])} or {kinds[-1]} file")
        return value

    return check


def _pairs(given: Any, key: str) -> tuple[tuple[str, str], ...]:
    """A list of pairs of two different protocol ids, none named twice."""
    shape = f"{_where(key)} takes pairs of protocol ids, e.g. [[somerset, kirklees]]"
    if given is None:
        return ()
    if not isinstance(given, list):
        raise SettingsError(shape)
    pairs: list[tuple[str, str]] = []
    for pair in given:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, str) and i for i in pair)):
            raise SettingsError(f"{shape}, not {pair!r}")
        if pair[0] == pair[1]:
            raise SettingsError(f"{_where(key)} compares {pair[0]!r} with itself")
        if tuple(pair) in pairs:
            raise SettingsError(f"{_where(key)} names the pair {pair!r} twice")
        pairs.append((pair[0], pair[1]))
    return tuple(pairs)


def _page_size(value: Any, key: str) -> str:
    """One of ``PAGE_SIZES``, as it names them (given in any case)."""
    found = next((name for name in PAGE_SIZES if isinstance(value, str) and value.strip().lower() == name.lower()),
                 None)
    if found is None:
        raise SettingsError(f"{_where(key)} must be one of {', '.join(PAGE_SIZES)}, not {value!r}")
    return found


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One key of ``extra.clausebook``: what it is, the value when it is not given, and its check,
    which gives the value the settings hold or refuses the one given (SettingsError, naming the key)."""

    key: str
    about: str
    default: T
    check: Callable[[Any, str], T]

    def read(self, given: Mapping[str, Any]) -> T:
        return self.check(given[self.key], self.key) if self.key in given else self.default


# Every key of extra.clausebook, declared once.
TAGLINE: Option[str | None] = Option("tagline", "the line under the title (else site_description)", None, _text)
HOME: Option[str | None] = Option("home", "Markdown shown on the home page, under the tagline", None, _text)
COLOURS: Option[dict[str, str]] = Option("colours", "primary and accent, as #rrggbb", {}, _colours)
COMPARE: Option[tuple[tuple[str, str], ...] | None] = Option("compare", "pairs of protocol ids to compare (else the "
                                                             "examples, if both are there)", None, _pairs)
LOGO: Option[str | None] = Option("logo", "the council's logo in the header: a file in docs/ or an address "
                                  "(else none)", None, _image(IMAGES))
FAVICON: Option[str | None] = Option("favicon", "the site's icon in a browser tab: a file in docs/ or an address "
                                     "(else none)", None, _image(ICONS))
PAGE_SIZE: Option[str] = Option("page_size", "the Word documents' paper size (else A4)", "A4", _page_size)
TITLES: Option[dict[str, str]] = Option("titles", "the site's title on the pages in each other language, by "
                                        "language (else site_name)", {}, _titles)
OPTIONS = (TAGLINE, HOME, COLOURS, LOGO, FAVICON, COMPARE, PAGE_SIZE, TITLES)
KNOWN = tuple(option.key for option in OPTIONS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    title: str = "Member/officer protocols"
    tagline: str = "How councillors and council officers work together, as each council has written it."
    home: str | None = None  # Markdown
    primary: str | None = None  # colours, as #rrggbb
    accent: str | None = None
    pdf: bool = True  # whether the build prints each protocol as PDF
    docx: bool = True  # whether the build writes each protocol as a Word document
    compare: tuple[tuple[str, str], ...] | None = None  # pairs of protocol ids; None: the examples, if there
    logo: str | None = None  # a path relative to docs/, or an address; None: no logo
    favicon: str | None = None  # the same; None: no icon
    page_size: str = PAGE_SIZE.default  # the Word documents' paper, a key of PAGE_SIZES
    titles: tuple[tuple[str, str], ...] = ()  # the title in other languages: (language, title), ("cy", …)

    @classmethod
    def from_config(cls, site_name: str | None, site_description: str | None, extra: dict[str, Any],
                    environ: Mapping[str, str] = os.environ) -> Settings:
        """The settings mkdocs.yml gives (``site_name``, ``site_description`` and ``extra``) and
        the environment's, each key of ``extra.clausebook`` checked (SettingsError)."""
        given = extra.get("clausebook") or {}
        if not isinstance(given, dict):
            raise SettingsError("extra.clausebook in mkdocs.yml must be a mapping of settings")
        unknown = sorted(set(given) - set(KNOWN))
        if unknown:
            raise SettingsError(f"{_where(unknown[0])} is not a setting; the settings are {', '.join(KNOWN)}")
        tagline, home, colours, logo, favicon, compare, page_size, titles = (option.read(given) for option in OPTIONS)
        defaults = cls()
        return cls(title=site_name or defaults.title, tagline=tagline or site_description or defaults.tagline,
                   home=home, primary=colours.get("primary"), accent=colours.get("accent"),
                   pdf=not _switched_on(environ.get("CLAUSEBOOK_NO_PDF")),
                   docx=not _switched_on(environ.get("CLAUSEBOOK_NO_DOCX")), compare=compare,
                   logo=logo, favicon=favicon, page_size=page_size, titles=tuple(titles.items()))

    def title_in(self, language: str | None) -> str:
        """The site's title on a page in ``language`` (a BCP 47 tag): its own there, else ``title``."""
        tag, titles = (language or "").lower(), dict(self.titles)
        return titles.get(tag) or titles.get(tag.split("-")[0]) or self.title

    def check_files(self, docs_dir: Path) -> None:
        """Refuses a logo or favicon named as a file that is not in ``docs_dir`` (SettingsError)."""
        for option, path in ((LOGO, self.logo), (FAVICON, self.favicon)):
            if path is not None and not WEB_ADDRESS.match(path) and not (docs_dir / path).is_file():
                raise SettingsError(f"{_where(option.key)} names {path!r}, which is not a file in docs/ "
                                    f"(looked for {docs_dir / path})")

    def comparisons(self, protocol_ids: list[str]) -> list[tuple[str, str]]:
        """The pairs of protocols to compare, given the ids there are; a pair naming a protocol
        that is not there is refused (SettingsError)."""
        if self.compare is None:
            return [EXAMPLE_PAIR] if set(EXAMPLE_PAIR) <= set(protocol_ids) else []
        for pair in self.compare:
            for protocol_id in pair:
                if protocol_id not in protocol_ids:
                    raise SettingsError(f"extra.clausebook.compare in mkdocs.yml names {protocol_id!r}, which is not a "
                                        f"protocol in source/ (the protocols are {', '.join(sorted(protocol_ids))})")
        return list(self.compare)

    def stylesheet(self) -> str | None:
        """The CSS that gives the site the council's colours, if it has chosen any."""
        rules = []
        if self.primary:
            rules.append(f"  --md-primary-fg-color: {self.primary};\n  --md-primary-fg-color--dark: {self.primary};")
        if self.accent:
            rules.append(f"  --md-accent-fg-color: {self.accent};\n  --md-typeset-a-color: {self.accent};")
        return ":root, [data-md-color-scheme] {\n" + "\n".join(rules) + "\n}\n" if rules else None


def _switched_on(value: str | None) -> bool:
    return (value or "").strip().lower() not in ("", "0", "false", "no")


def _luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
