"""One build's context: everything the outputs read, made once per build and handed to each.

The context holds the validated protocols, their readings (``readings.views``), the records of
the open dataset (``records.dataset.Dataset``), the council's settings, the site's address,
whether the build is a preview (``mkdocs serve``), the kinds of file the build makes for each
protocol (the pages link to them) and the comparisons of councils. Every output (section pages,
print pages, changes, glossary, role pages, comparisons, Word documents, PDFs) takes the context
and nothing else, so adding an output or a setting changes no other output's signature.

Two dimensions are designed in ahead of the work that adds them: a protocol will have versions
(the one in force, earlier ones, proposed ones) and a version will have languages (English, and
Welsh for a Welsh council). An ``Edition`` is one (protocol, version, language); today every
protocol has exactly one version, ``CURRENT``, in one language, ``ENGLISH``, so
``Context.editions()`` gives one edition per protocol. Outputs that make something per protocol
loop over the editions, so that when versions and languages come, each output runs once per
(protocol, version, language) without another restructuring; only ``editions()`` changes.

Outputs keep what several of them share for one build (the HTML writer and its converted text)
with ``Context.shared``, so it is made once per build, whatever order the outputs run in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from clausebook import compare_councils, readings
from clausebook.format.model import Protocol
from clausebook.records.dataset import Dataset
from clausebook.settings import Settings
from clausebook.urls import Download

CURRENT = "current"  # the only version of a protocol today: as its source holds it
ENGLISH = "en"  # the only language of a protocol today
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Edition:
    """One protocol in one version and one language: what an output makes a page or file of."""

    protocol: Protocol
    views: readings.Views  # the protocol's readings (tracked, as amended, as it was)
    version: str = CURRENT
    language: str = ENGLISH


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
    _shared: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, protocols: Iterable[Protocol], views: dict[str, readings.Views] | None = None, *,
           settings: Settings | None = None, site_url: str | None = None, serving: bool = False,
           downloads: Iterable[Download] = (), pairs: Iterable[tuple[str, str]] = (),
           dataset: Dataset | None = None) -> Context:
        """The context of a build of ``protocols``: their readings and records are made when
        first asked for, unless ``views`` and ``dataset`` give them."""
        protocols = tuple(protocols)
        context = cls(protocols=protocols, views=views or readings.views(protocols), settings=settings or Settings(),
                      site_url=site_url, serving=serving, downloads=tuple(downloads), pairs=tuple(pairs))
        if dataset is not None:
            context.__dict__["dataset"] = dataset  # (where the cached property keeps it)
        return context

    def editions(self) -> Iterator[Edition]:
        """Each (protocol, version, language) the build publishes, protocols in source order."""
        for protocol in self.protocols:
            yield Edition(protocol, self.views[protocol.id])

    @functools.cached_property
    def dataset(self) -> Dataset:
        """The records of every clause, as the open dataset publishes them."""
        return Dataset(self.protocols, self.site_url, self.views)

    @functools.cached_property
    def comparisons(self) -> tuple[compare_councils.Comparison, ...]:
        """Each pair of protocols compared, worked out."""
        return tuple(compare_councils.Comparison(self.dataset, first, second) for first, second in self.pairs)

    def shared(self, make: Callable[[Context], T]) -> T:
        """What ``make`` gives for this context, made the first time it is asked for."""
        if make not in self._shared:
            self._shared[make] = make(self)
        return self._shared[make]
