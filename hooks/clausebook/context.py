"""One build's context: everything the outputs read, made once per build and handed to each.

The context holds the validated protocols, their readings (``readings.views``), the records of
the open dataset (``records.dataset.Dataset``), the council's settings, the site's address,
whether the build is a preview (``mkdocs serve``), the kinds of file the build makes for each
protocol (the pages link to them) and the comparisons of councils. Every output (section pages,
print pages, changes, glossary, role pages, comparisons, Word documents, PDFs) takes the context
and nothing else, so adding an output or a setting changes no other output's signature.

Two dimensions: a protocol has versions (``format.versions``: the text in force, the texts it
replaced, a proposal) and may have texts in other languages (``format.languages``: Welsh beside
English). ``Context.editions()`` gives the texts the protocols' own pages show; each kept version
(``Context.kept()``) is published in a context of its own (``of_version``), and the protocols'
texts in each other language together, in one context for that language (``in_languages()``,
``of_language``), at their own addresses (``urls.protocol_url``: ``<p>/<key>/``, ``cy/<p>/``), by
the same outputs. A language's context says ``language`` (its folder, "cy"); the outputs say their
own words in it (``words.spoken``, around the whole of what they make there).

Outputs keep what several of them share for one build (the HTML writer and its converted text)
with ``Context.shared``, so it is made once per build, whatever order the outputs run in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from clausebook import compare_councils, readings
from clausebook.format.model import Protocol
from clausebook.format.versions import Version
from clausebook.records.dataset import Dataset
from clausebook.settings import Settings
from clausebook.urls import Download

CURRENT = "current"  # the version of a protocol its own pages show: as its source holds it
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Edition:
    """One protocol's text in one version (in its own language): what an output makes a page or file of."""

    protocol: Protocol
    views: readings.Views  # the protocol's readings (tracked, as amended, as it was)
    version: str = CURRENT


@dataclass(frozen=True, kw_only=True)
class Context:
    """One build's protocols, records, settings and choices; see the module docstring."""

    protocols: tuple[Protocol, ...]  # validated, in source order
    views: dict[str, readings.Views]  # each protocol's readings, by id
    settings: Settings = field(default_factory=Settings)
    site_url: str | None = None  # where the site is published, as mkdocs.yml gives it
    serving: bool = False  # a preview (``mkdocs serve``), rebuilt on every save
    downloads: tuple[Download, ...] = ()  # the kinds of file the build makes of each protocol
    pairs: tuple[tuple[str, str], ...] = ()  # the protocols compared, (first, second) by id
    histories: dict[str, tuple[Version, ...]] = field(default_factory=dict)  # each protocol's versions, oldest first
    version: Version | None = None  # in a kept version's own context (``of_version``): that version
    # the changes between two versions (``format.versions.compared``), by (protocol id, older key, newer key):
    # the older text revised into the newer, tracked, at the newer one's addresses, in a context of its own
    version_changes: dict[tuple[str, str, str], Context] = field(default_factory=dict)
    # each kept version's own context (``of_version``), by (protocol id, key), when the build gives
    # them (those its last build in this process made, while what each is made from is unchanged)
    versions: dict[tuple[str, str], Context] | None = None
    # the texts in every language of each protocol that has texts in other languages (``format.languages``),
    # its own first, by protocol id: the same in every context of the build
    texts: dict[str, tuple[Protocol, ...]] = field(default_factory=dict)
    # each text in another language's versions, by (protocol id, language path), and the changes
    # between them, by language path (as ``histories`` and ``version_changes`` are the protocols' own)
    language_histories: dict[tuple[str, str], tuple[Version, ...]] = field(default_factory=dict)
    language_version_changes: dict[str, dict[tuple[str, str, str], Context]] = field(default_factory=dict)
    language: str | None = None  # in the context of the texts in another language (``of_language``): its path, "cy"
    # in that context: the build's own, whose comparisons of councils it publishes in the texts' words
    build: Context | None = field(default=None, compare=False, repr=False)
    _shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, protocols: Iterable[Protocol], views: dict[str, readings.Views] | None = None, *,
           settings: Settings | None = None, site_url: str | None = None, serving: bool = False,
           downloads: Iterable[Download] = (), pairs: Iterable[tuple[str, str]] = (),
           dataset: Dataset | None = None, histories: dict[str, tuple[Version, ...]] | None = None,
           version_changes: dict[tuple[str, str, str], Context] | None = None,
           versions: dict[tuple[str, str], Context] | None = None,
           translations: dict[str, tuple[Protocol, ...]] | None = None,
           language_histories: dict[tuple[str, str], tuple[Version, ...]] | None = None,
           language_version_changes: dict[str, dict[tuple[str, str, str], Context]] | None = None) -> Context:
        """The context of a build of ``protocols``: their readings and records are made when
        first asked for, unless ``views`` and ``dataset`` give them."""
        protocols = tuple(protocols)
        context = cls(protocols=protocols, views=views or readings.views(protocols), settings=settings or Settings(),
                      site_url=site_url, serving=serving, downloads=tuple(downloads), pairs=tuple(pairs),
                      histories=histories or {}, version_changes=version_changes or {}, versions=versions,
                      texts={protocol.id: (protocol, *translations[protocol.id]) for protocol in protocols
                             if protocol.id in (translations or {})},
                      language_histories=language_histories or {},
                      language_version_changes=language_version_changes or {})
        if dataset is not None:
            context.__dict__["dataset"] = dataset  # (where the cached property keeps it)
        return context

    def editions(self) -> Iterator[Edition]:
        """Each (protocol, version, language) the build publishes, protocols in source order."""
        for protocol in self.protocols:
            yield Edition(protocol, self.views[protocol.id])

    def kept(self) -> Iterator[Version]:
        """Each version with pages of its own (``<p>/<key>/``): every one but the texts ``<p>/`` shows."""
        for protocol in self.protocols:
            yield from (version for version in self.histories.get(protocol.id, ()) if not version.current)

    def of_version(self, version: Version) -> Context:
        """The context that publishes one kept version at its own addresses: that text alone, with
        this build's settings and address, and its PDF and Word file if the build makes them."""
        return (self.versions if self.versions is not None else self.shared(_VersionContexts))[
            version.protocol.id, version.key]

    @property
    def whole(self) -> bool:
        """Whether this is the build's own context (not a kept version's or another language's)."""
        return self.version is None and self.language is None

    @functools.cached_property
    def translations(self) -> dict[str, tuple[Protocol, ...]]:
        """Each protocol's texts in other languages, by protocol id: only those that have them."""
        return {protocol_id: texts[1:] for protocol_id, texts in self.texts.items()}

    def in_languages(self) -> Iterator[Context]:
        """The context of the texts in each other language (``of_language``), by language path."""
        for language in sorted({text.language_path or "" for texts in self.translations.values() for text in texts}):
            yield self.of_language(language)

    def of_language(self, language: str) -> Context:
        """The context that publishes the protocols' texts in another language at their own addresses
        (``<language>/<p>/``): those texts, in source order, with their versions, the pairs of them
        this build compares, and this build's settings, address and kinds of file."""
        return self.shared(_language_context, language)

    def counterparts(self, protocol_id: str) -> tuple[Protocol, ...]:
        """A protocol's text in each language, its own first; one text for a protocol in one language."""
        own = tuple(protocol for protocol in self.protocols if protocol.id == protocol_id)
        return self.texts.get(protocol_id) or own

    @functools.cached_property
    def dataset(self) -> Dataset:
        """The records of every clause, as the open dataset publishes them."""
        languages = tuple(text.dataset for text in self.in_languages()) if self.whole else ()
        return Dataset(self.protocols, self.site_url, self.views, versioned=self.histories, languages=languages)

    @functools.cached_property
    def comparisons(self) -> tuple[compare_councils.Comparison, ...]:
        """Each pair of protocols compared, worked out; in another language's context, the build's
        own comparisons of the same pairs in the texts' words (``Comparison.in_texts``)."""
        if self.build is not None:
            matched = {(comparison.first.id, comparison.second.id): comparison
                       for comparison in self.build.comparisons}
            return tuple(matched[pair].in_texts(self.dataset) for pair in self.pairs)
        return tuple(compare_councils.Comparison(self.dataset, first, second) for first, second in self.pairs)

    def shared(self, make: Callable[..., T], *args: Hashable) -> T:
        """What ``make`` gives for this context (and ``args``), made the first time it is asked for."""
        key = (make, *args)
        if key not in self._shared:
            self._shared[key] = make(self, *args)
        return self._shared[key]


def version_context(version: Version, *, settings: Settings, site_url: str | None, serving: bool,
                    downloads: tuple[Download, ...], histories: dict[str, tuple[Version, ...]]) -> Context:
    """The context that publishes one kept version of a build with these settings, address, kinds
    of file and histories: that text alone, with its PDF and Word file if the build makes them."""
    return Context(protocols=(version.protocol,), views=readings.views([version.protocol]), settings=settings,
                   site_url=site_url, serving=serving,
                   downloads=tuple(kind for kind in downloads if not kind.startswith("changes")),
                   histories={version.protocol.id: histories[version.protocol.id]}, version=version)


class _VersionContexts(dict):
    """A build's contexts of its kept versions, by (protocol id, key), each made once."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        for version in context.kept():
            self[version.protocol.id, version.key] = version_context(
                version, settings=context.settings, site_url=context.site_url, serving=context.serving,
                downloads=context.downloads, histories=context.histories)


def _language_context(context: Context, language: str) -> Context:
    texts = tuple(text for protocol in context.protocols for text in context.translations.get(protocol.id, ())
                  if text.language_path == language)
    histories = {protocol_id: history for (protocol_id, path), history in context.language_histories.items()
                 if path == language and len(history) > 1}
    ids = {text.id for text in texts}
    return Context(protocols=texts, views=readings.views(texts), settings=context.settings,
                   site_url=context.site_url, serving=context.serving, downloads=context.downloads,
                   pairs=tuple(pair for pair in context.pairs if set(pair) <= ids),
                   histories=histories, version_changes=context.language_version_changes.get(language, {}),
                   texts=context.texts, language=language, build=context)
