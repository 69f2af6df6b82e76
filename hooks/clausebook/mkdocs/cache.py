"""Warm rebuilds: a rebuild in the same process (``mkdocs serve`` after a save, or any second
build) redoes only what changed.

- ``fingerprint``: what a handbook build is made from (every source file, the JSON Schemas, the
  package's own code and templates, the build's settings), as one digest: when it is unchanged,
  the validated model and the generated pages are reused. Reading and hashing them costs
  milliseconds for thousands of clauses; validating and rendering them again costs seconds.
- ``Reused``: the last build's handbook, kept while that digest is unchanged.
- ``Rendered``: each page's HTML as MkDocs made it from its Markdown, kept by what it was made
  from (the Markdown, the site's files and addresses, the Markdown settings); a page whose Markdown
  is unchanged is not converted again, which MkDocs on its own always does.
- ``Kept``: what was made of one kept version, kept by a digest of what it is made from
  (``Memory.made_from``), so a rebuild after an edit to the text in force does not make an old version
  again: it costs the same however many versions a protocol keeps. ``Memory`` holds what a build
  keeps: each kept version's file found valid (by its bytes), each kept version's own context with
  all made in it (its pages, files and records; by its source file, its dates and its protocol's
  other versions' dates, the settings, the code and templates), each pair of versions' changes (by
  both versions' source files) and each version's text as the pairs compare it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from clausebook.format.validation import Alone
from clausebook.mkdocs import pagehtml
from clausebook.mkdocs.folders import folder_of
from clausebook.resources import SCHEMAS, TEMPLATES

PACKAGE = Path(__file__).resolve().parents[1]  # the whole clausebook package
READ = (".yaml", ".yml", ".json", ".py", ".j2")


def fingerprint(sources: Path, *settings: object) -> str:
    """A digest of the sources under ``sources``, the schemas, the code and ``settings``."""
    digest = hashlib.blake2b(digest_size=20)
    _read_into(digest, (sources, SCHEMAS, PACKAGE, TEMPLATES))
    digest.update(repr(settings).encode())
    return digest.hexdigest()


def code() -> str:
    """A digest of the schemas, the package's code and its templates."""
    digest = hashlib.blake2b(digest_size=20)
    _read_into(digest, (SCHEMAS, PACKAGE, TEMPLATES))
    return digest.hexdigest()


def _read_into(digest: Any, folders: tuple[Path, ...]) -> None:
    """Adds each file of ``folders`` that a build reads (its path and bytes) to ``digest``."""
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in READ and path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")


T = TypeVar("T")


class Reused(Generic[T]):
    """A value made by the last build in this process, kept while its key (a ``fingerprint``) is
    the same. A make that fails keeps nothing, so the next build makes it afresh."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._value: T | None = None

    def get(self, key: str, make: Callable[[], T]) -> T:
        if self._value is None or self._key != key:
            self._key, self._value = None, None
            value = make()
            self._key, self._value = key, value
        return self._value


class Kept(Generic[T]):
    """What the last build in this process made, by a digest of what each was made from
    (``Memory.made_from``). ``made`` counts what the last build made afresh; ``reused``, what it kept."""

    def __init__(self) -> None:
        self._kept: dict[str, T] = {}
        self._used: dict[str, T] = {}  # this build's, which the next build keeps
        self.made = 0
        self.reused = 0

    def start(self) -> None:
        """A build begins: it keeps only what this one uses (an old digest is never asked again)."""
        self._kept, self._used = self._used or self._kept, {}
        self.made = self.reused = 0

    def get(self, key: str, make: Callable[[], T]) -> T:
        """What ``make`` gives, or gave in the last build for the same ``key``."""
        value = self._used.get(key)
        if value is None:
            value = self._kept.get(key)
            if value is None:
                value = make()
                self.made += 1
            else:
                self.reused += 1
            self._used[key] = value
        return value


@dataclass
class Memory:
    """What a build keeps for the next build in this process (``Kept``)."""

    checked: Kept[Alone] = field(default_factory=Kept)  # each kept version's file, found valid alone
    versions: Kept[Any] = field(default_factory=Kept)  # each kept version's own context (``Context.of_version``)
    pairs: Kept[Any] = field(default_factory=Kept)  # each pair of versions' changes, in its own context
    texts: Kept[Any] = field(default_factory=Kept)  # each version's text, as the pairs compare it
    _files: dict[str, bytes] = field(default_factory=dict)  # this build's digest of each source file read

    def start(self) -> None:
        """A build begins (``Kept.start``); its source files may have changed."""
        for kept in (self.checked, self.versions, self.pairs, self.texts):
            kept.start()
        self._files.clear()

    def made_from(self, files: tuple[str, ...], *parts: object) -> str:
        """A digest of the bytes of ``files`` (each read once a build: a file is part of the
        digest of every pair of versions it is in) and of ``parts`` (by their ``repr``)."""
        digest = hashlib.blake2b(digest_size=20)
        for file in files:
            if file not in self._files:
                self._files[file] = hashlib.blake2b(Path(file).read_bytes(), digest_size=20).digest()
            digest.update(file.encode() + b"\0" + self._files[file])
        digest.update(repr(parts).encode())
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Render:
    """What ``Page.render`` leaves on a page (links to anchors by the linked file's path)."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None


class Rendered:
    """Pages' HTML from the last build in this process, by digest of what each was made from."""

    def __init__(self) -> None:
        self._kept: dict[str, _Render] = {}
        self._context = b""
        self._waiting: dict[str, str] = {}  # src_uri → digest, of the pages rendered afresh in this build

    def start(self, files: Any, config: Any, unlisted: Collection[str] = ()) -> None:
        """A build begins: what every page's HTML also depends on, its files and Markdown settings;
        ``unlisted``: folders whose files are left out of that (``mkdocs.folders``: no other page
        links to theirs by a Markdown file's path, and a build may not give MkDocs their files)."""
        addresses = sorted((f.src_uri, f.dest_uri, f.url) for f in files if folder_of(f.src_uri, unlisted) is None)
        settings = (config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                    config["site_url"], config["validation"])
        self._context = hashlib.blake2b(repr((addresses, settings)).encode(), digest_size=20).digest()
        self._waiting.clear()

    def offer(self, page: Any, markdown: str, generated: bool) -> None:
        """Gives the page its HTML from the last build if its Markdown is unchanged (MkDocs then
        skips converting it); otherwise notes it, for ``keep`` once MkDocs has rendered it, and
        has MkDocs render a generated page without parsing its raw HTML (``pagehtml``)."""
        digest = hashlib.blake2b(self._context + page.file.src_uri.encode() + b"\0" + markdown.encode(),
                                 digest_size=20).hexdigest()
        kept = self._kept.get(digest)
        if kept is None:
            self._waiting[page.file.src_uri] = digest
            if generated:
                page.render = pagehtml.render_lighter(page, page.render)
            return

        def render(config: Any, files: Any) -> None:
            page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
            if kept.links is not None:
                page.links_to_anchors = {linked: anchors for path, anchors in kept.links.items()
                                         if (linked := files.get_file_from_path(path)) is not None}

        page.render = render

    def keep(self, page: Any) -> None:
        """Keeps a page MkDocs has just rendered afresh."""
        digest = self._waiting.pop(page.file.src_uri, None)
        if digest is None:
            return
        links = getattr(page, "links_to_anchors", None)
        anchors = getattr(page, "present_anchor_ids", None)
        self._kept[digest] = _Render(
            content=page.content, toc=page.toc, title=getattr(page, "_title_from_render", None),
            anchors=frozenset(anchors) if anchors is not None else None,
            links={linked.src_uri: dict(found) for linked, found in links.items()} if links is not None else None)
