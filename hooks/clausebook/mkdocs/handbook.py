"""One MkDocs build of the handbook: the state the hooks hold for a single build.

Created afresh by each build (``mkdocs serve`` keeps hook modules loaded between rebuilds), it
validates the sources before MkDocs touches ``site/``, then gives MkDocs the generated pages,
the navigation, and the dataset files.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from clausebook import readings, words
from clausebook.context import Context, version_context
from clausebook.format.languages import own_name
from clausebook.format.model import Protocol
from clausebook.format.validation import Result, format_problem, validate
from clausebook.format.versions import Version
from clausebook.mkdocs import cache
from clausebook.mkdocs.folders import folder_of
from clausebook.mkdocs.version_changes import revisions_between
from clausebook.outputs import changes
from clausebook.outputs.data import publish
from clausebook.outputs.html import Page, part_title, protocol_label
from clausebook.outputs.output import Output
from clausebook.outputs.print import pdf, printing
from clausebook.outputs.site import (
    councils,
    footer,
    glossary,
    languages,
    parity,
    render,
    roles,
    search,
    version_changes,
    versions,
)
from clausebook.outputs.site.version_words import version_name
from clausebook.outputs.word import docx
from clausebook.records.versions import FOLDER as VERSIONS_DATA
from clausebook.settings import Settings, SettingsError
from clausebook.urls import Download, protocol_page, protocol_url, section_page
from clausebook.words import say

log = logging.getLogger("mkdocs.plugins.clausebook")
# More protocols than this are listed in the navigation in alphabetical groups of this many, each
# one link except on its own protocols' pages, so a page's navigation stays small at any scale.
NAV_GROUP = 20
COLOURS = "stylesheets/council-colours.css"  # the council's colours (settings), when it gives any
# While serving, problems are reported outside MkDocs' own logger, which would count them as
# build errors and stop the preview answering until they are fixed.
serve_log = logging.getLogger("clausebook")
# What the build makes, in the order of the navigation's generated pages: of the protocols, and of
# their texts in each other language (``language_made``).
OUTPUTS: tuple[Output, ...] = (render, printing, changes, glossary, parity, roles, councils, versions,
                               version_changes, docx)  # type: ignore[assignment]
# What the build makes of each kept version, in its own context, at its own addresses.
VERSIONED: tuple[Output, ...] = (render, printing, glossary, docx)  # type: ignore[assignment]
DATASET = ("data/", "schema/")  # the outputs' files under these join the open dataset
TITLE = re.compile(r"^(?:title: .*|# .*)$", re.MULTILINE)  # a generated page's title, or its first heading
# What the outputs made of one kept version: its pages (before their banner) and its files.
Made = tuple[tuple[Page, ...], dict[str, bytes]]


class SourceErrors(Exception):
    """The sources have problems; the message lists every one, located."""


@dataclass
class Handbook:
    root: Path
    serving: bool = False
    site_url: str | None = None
    result: Result | None = None
    pages: list[Page] = field(default_factory=list)
    data_files: dict[str, bytes] = field(default_factory=dict)
    context: Context | None = None  # the last good build's
    previous: list[str] = field(default_factory=list)  # the generated pages of the last good build
    settings: Settings = field(default_factory=Settings)
    engine: str | None = None  # the Chromium that prints the PDFs, if the build makes them
    # What the last build of this process (``mkdocs serve``) made that this one may reuse
    memory: cache.Memory = field(default_factory=cache.Memory)

    def static_files(self) -> dict[str, bytes]:
        """Files the site serves as they are: the council's colours, if it chose any."""
        stylesheet = self.settings.stylesheet()
        return {COLOURS: stylesheet.encode()} if stylesheet else {}

    def generates(self, src_uri: str) -> bool:
        """Whether the page at ``src_uri`` is one the handbook generates."""
        return src_uri in self._generated

    @functools.cached_property
    def _generated(self) -> frozenset[str]:
        return frozenset(page.src_uri for page in self.pages)

    def page_footer(self, src_uri: str) -> footer.Footer:
        """What the footer of the page at ``src_uri`` says."""
        return footer.of_page(src_uri, self.context, self.settings)

    def unlisted(self, src_uri: str) -> bool:
        """Whether the page at ``src_uri`` is a kept version's of a text in another language, or of
        the changes between two of its versions: out of the sitemap, as the protocol's own are
        (``mkdocs.folders`` covers those)."""
        return src_uri.startswith(self._unlisted)

    @functools.cached_property
    def _unlisted(self) -> tuple[str, ...]:
        if self.context is None:
            return ()
        texts = list(self.context.in_languages())
        return (*(protocol_url(version.protocol) for text in texts for version in text.kept()),
                *(pair.url for text in texts for pair in version_changes.between(text) if pair.own))

    def page_language(self, src_uri: str) -> languages.PageLanguage:
        """The language of the page at ``src_uri``, and the same page in the protocol's other languages."""
        return languages.of_page(src_uri, self.context, self._generated)

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A hand-written page's Markdown, with what the handbook generates into it."""
        if src_uri == "data.md":  # (while the sources have errors, with no protocols)
            return render.data_page(self.context.protocols if self.context else (), markdown, self.data_files)
        return markdown

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    def load(self) -> None:
        """Validate the sources; raise SourceErrors (unless serving, where errors become a page).
        A build is strict: warnings (untagged obligations) stop it like errors. While serving they
        are logged as warnings and the handbook is built as usual."""
        self.memory.start()
        code = cache.code()
        self.result = validate([str(self.source_dir)], strict=not self.serving, reuse=self.memory)
        for warning in self.result.warnings:
            serve_log.warning(format_problem(warning))
        if self.result.ok:
            pairs = self._comparisons()
            views = readings.views(self.result.protocols)
            self.engine = self._pdf_engine()
            word = self.settings.docx and not self.serving
            downloads: tuple[Download, ...] = (*(("pdf", "changes-pdf") if self.engine else ()),
                                               *(("docx", "changes-docx") if word else ()))
            histories = self.result.histories
            context = self.context = Context.of(
                self.result.protocols, views, settings=self.settings, site_url=self.site_url, serving=self.serving,
                downloads=downloads, pairs=pairs, histories=histories,
                version_changes=revisions_between(histories, settings=self.settings, site_url=self.site_url,
                                                  memory=self.memory, code=code),
                versions=self._version_contexts(histories, downloads, code),
                translations=self.result.translations, language_histories=self.result.language_histories,
                language_version_changes=self._language_version_changes(code))
            pages, made = _with_versions(context)
            in_languages = [language_made(text) for text in context.in_languages()]
            self.pages = [*pages, *(page for text_pages, _ in in_languages for page in text_pages)]
            made |= {path: content for _, files in in_languages for path, content in files.items()}
            if undated := docx.undated(context):
                log.info(undated)
            data = {path: content for path, content in made.items() if path.startswith(DATASET)}
            self.data_files = {**publish.files_of(context, data),
                               **{path: content for path, content in made.items() if path not in data},
                               **self.static_files()}
            return
        lines = [format_problem(problem) for problem in self.result.problems]
        for line in lines:
            (serve_log if self.serving else log).error(line)
        if not self.serving:
            raise SourceErrors(f"{len(lines)} problem(s) in source/; nothing was built")
        # Whatever page the author is viewing shows the errors, and comes back once they are fixed.
        self.pages = [render.error_page(lines, src_uri) for src_uri in dict.fromkeys(["index.md", *self.previous])]

    @staticmethod
    def _version_pages(context: Context, made: dict[tuple[str, str], Made]) -> list[Page]:
        """Every page of each kept version, bannered (``outputs.site.versions``)."""
        own = {protocol.id: protocol for protocol in context.protocols}
        return [versions.bannered(context.of_version(version), page, own[version.protocol.id])
                for version in context.kept() for page in made[version.protocol.id, version.key][0]]

    def _language_version_changes(self, code: str) -> dict[str, dict[tuple[str, str, str], Context]]:
        """The changes between the versions of each text in another language, by its language's path."""
        assert self.result is not None
        paths = {path for _, path in self.result.language_histories}
        return {path: revisions_between({protocol_id: history for (protocol_id, other), history
                                         in self.result.language_histories.items() if other == path},
                                        settings=self.settings, site_url=self.site_url, memory=self.memory, code=code)
                for path in paths}

    def _version_contexts(self, histories: dict[str, tuple[Version, ...]], downloads: tuple[Download, ...],
                          code: str) -> dict[tuple[str, str], Context]:
        """Each kept version's own context, by (protocol id, key): the one the last build in this
        process made, with all that was made in it (its pages, files, records: ``Context.shared``),
        while nothing it is made from has changed (``version_digest``)."""
        found = {}
        for history in histories.values():
            for version in history:
                if version.current:
                    continue
                digest = version_digest(self.memory, version, history, self.settings, self.site_url, self.serving,
                                        downloads, code)
                found[version.protocol.id, version.key] = self.memory.versions.get(digest, functools.partial(
                    version_context, version, settings=self.settings, site_url=self.site_url, serving=self.serving,
                    downloads=downloads, histories=histories))
        return found

    def folders(self) -> dict[str, str]:
        """The folders of the site that one version (``<p>/<key>/``: a kept version's pages, or the
        addresses that lead from the text in force's key to its pages), one protocol's kept
        versions' data (``data/versions/<p>/``) or one pair of versions
        (``<p>/versions/<older>--<newer>/``) makes alone, each with a digest of all it holds: its
        pages' Markdown and footer and its files' bytes (``mkdocs.folders``)."""
        if self.context is None:
            return {}
        context = self.context
        # What each folder holds: (path, content) pairs, a content by its hash (these digests are
        # compared only within this process, where a string's or bytes' hash is worked out once and
        # kept with it: the pages and files of a kept version are the same objects build after build).
        held: dict[str, list[object]] = {f"{protocol_id}/{version.key}/": [] for protocol_id, history
                                          in context.histories.items() for version in history}
        held |= {f"{VERSIONS_DATA}/{version.protocol.id}/": [] for version in context.kept()}
        held |= {pair.url: [] for pair in version_changes.between(context) if pair.own}
        for folder, entries in held.items():
            entries.append(self.page_footer(f"{folder}index.md"))
        for path, content in [*((page.src_uri, page.content) for page in self.pages), *self.data_files.items()]:
            if (folder := folder_of(path, held)) is not None:
                held[folder].append((path, hash(content), len(content)))
        return {folder: hashlib.blake2b(repr(entries).encode(), digest_size=20).hexdigest()
                for folder, entries in held.items()}

    def titles(self, docs: Path, folders: Collection[str]) -> list[str]:
        """What gives the pages of the navigation their titles: each generated page's title (its
        front matter's, or its first heading) but those in ``folders`` (``folders``: none is in
        the navigation), and each hand-written page in ``docs``, whole."""
        titles = [TITLE.search(page.content) for page in self.pages if folder_of(page.src_uri, folders) is None]
        hand_written = [path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))]
        return [title.group() if title else "" for title in titles] + hand_written

    def _comparisons(self) -> list[tuple[str, str]]:
        """The pairs of protocols the handbook compares (settings), once they are known to be
        there. A pair naming a protocol that is not stops the build; while serving, it is logged
        and the preview makes no comparison."""
        assert self.result is not None
        try:
            return self.settings.comparisons([protocol.id for protocol in self.result.protocols])
        except SettingsError as error:
            if not self.serving:
                log.error(str(error))
                raise SourceErrors(str(error)) from None
            serve_log.error(str(error))
            return []

    def _pdf_engine(self) -> str | None:
        """The Chromium that prints the PDFs; None when the build makes none: while serving (a
        preview rebuilds on every save), when the settings turn them off, or when there is no
        Chromium, which is said in one line (the pages then do not link to PDFs)."""
        if self.serving or not self.settings.pdf:
            return None
        try:
            return pdf.find_engine()
        except pdf.EngineMissing as missing:
            serve_log.warning(f"clausebook: this build makes no PDFs: {missing}. The pages do not link to PDFs; "
                              "CLAUSEBOOK_NO_PDF=1 builds without them and without this message.")
            return None

    def write_search_index(self, site: Path) -> None:
        """Gives the search index Material wrote into the built ``site`` the handbook's own entries,
        and each other language's pages an index of their own (``outputs.site.search``); while the
        sources have errors, or without the search plugin, it is left as it is."""
        index = site / search.INDEX
        if self.context is not None and index.is_file():
            for path, content in search.indexes(index.read_bytes(), self.context).items():
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                (site / path).write_bytes(content)

    def print_jobs(self, context: Context) -> list[printing.Job]:
        """Every PDF of the build: each protocol's, each kept version's and each changelog between
        versions; and the same of the texts in each other language, their words in that language."""
        return [job for own in (context, *context.in_languages()) for job in _jobs(own)]

    def write_pdfs(self, site: Path) -> None:
        """Prints each protocol's PDFs into the built ``site`` (when the build makes them), saying
        of each PDF that misses something PDF/UA-1 asks what it misses (a warning that does not
        stop a strict build: the PDF is made, without the PDF/UA-1 identifier)."""
        if self.engine is None or self.context is None:
            return
        started = time.perf_counter()
        jobs = self.print_jobs(self.context)
        unmet = pdf.print_pdfs(site, jobs, self.context.site_url, self.engine)
        log.info(f"clausebook: printed {len(jobs)} PDFs in {time.perf_counter() - started:.1f} s")
        for path, problems in unmet.items():
            serve_log.warning(f"clausebook: {path} does not have what PDF/UA-1 asks, so it is not marked as PDF/UA-1: "
                              + "; ".join(problems))

    @staticmethod
    def _version_changes_jobs(context: Context) -> list[pdf.Job]:
        """A PDF of each page of the changes between two versions (``outputs.site.version_changes``)."""
        found = []
        for pair in version_changes.between(context):
            if not pair.own:
                continue
            protocol = pair.protocol
            header = f"{protocol.council}: {protocol.part}" if protocol.part else protocol.council
            title = f"{protocol.council}: {protocol.title}: " + say(
                "changes from {older} to {newer}", older=version_name(pair.older), newer=version_name(pair.newer))
            found.append(pdf.Job(pair.url, version_changes.pdf_path(pair), title,
                                 say("{header} (changes between versions)", header=header), author=protocol.council,
                                 language=protocol.language, subject=protocol.part))
        return found

    def nav(self, hand_written: list[str]) -> list:
        """The navigation: home; each protocol with its overview, its sections in document order
        (grouped by part) and its other pages (changes, glossary), in alphabetical groups when
        there are more than ``NAV_GROUP``; the role pages; the comparisons; a group for each other
        language the protocols have texts in, with the same in it, in its words; then the rest."""
        nav: list = [{"Home": "index.md"}]
        if self.result is None or not self.result.ok:
            return nav + hand_written
        generated = [page.src_uri for page in self.pages]
        protocols = [{html.escape(protocol_label(protocol, self.result.protocols)): self._nav_entries(
            protocol, generated)} for protocol in self.result.protocols]
        nav += protocols if len(protocols) <= NAV_GROUP else _grouped(protocols)
        nav += _shared_pages(generated)
        for language in self.context.in_languages() if self.context else ():
            texts = language.protocols
            with words.spoken(texts[0].language):
                groups = [{html.escape(protocol_label(text, texts)): self._nav_entries(text, generated)}
                          for text in texts]
                entries = [{say("Home"): f"{language.language}/index.md"},
                           *(groups if len(groups) <= NAV_GROUP else _grouped(groups)),
                           *_shared_pages(generated, language.language)]
            nav.append({html.escape(own_name(texts[0].language)): entries})
        return nav + hand_written

    def _nav_entries(self, protocol: Protocol, generated: list[str]) -> list:
        """A protocol's (or a text in another language's) entries in the navigation: its overview,
        its sections in document order (grouped by part), and its other pages (changes, glossary)."""
        assert self.result is not None
        with words.spoken(protocol.language):
            entries: list = [{say("Overview"): protocol_page(protocol)}]
        group: tuple[str | None, list[str]] | None = None
        for section in protocol.sections:
            if section.part is None:
                entries.append(section_page(protocol, section))
                group = None
                continue
            if group is None or group[0] != section.part:
                group = (section.part, [])
                entries.append({html.escape(part_title(protocol.parts[section.part])): group[1]})
            group[1].append(section_page(protocol, section))
        shown = {protocol_page(protocol), *(section_page(protocol, s) for s in protocol.sections)}
        home = protocol_url(protocol)
        history = self.result.language_histories.get((protocol.id, protocol.language_path), ()) \
            if protocol.language_path else self.result.histories.get(protocol.id, ())
        kept = (*(f"{home}{version.key}/" for version in history),
                f"{home}versions/")  # (and the pages under the versions page: reached from it)
        entries += [uri for uri in generated if uri.startswith(home) and uri not in shown
                    and (not uri.startswith(kept) or uri == f"{home}versions/index.md")]
        # (a kept version, and the changes between versions, are reached from the versions page)
        return entries


def version_digest(memory: cache.Memory, version: Version, history: tuple[Version, ...], settings: Settings,
                   site_url: str | None, serving: bool, downloads: tuple[Download, ...], code: str) -> str:
    """A digest of what a kept version's pages and files are made from: its source file (a
    proposal's text in force is read from the proposal's), its place among its protocol's versions
    (``history``: their keys, statuses and dates), the build's settings, address, preview and
    downloads, and ``code`` (``cache.code``: the schemas, code and templates)."""
    places = tuple((other.key, other.status, other.in_force_from, other.in_force_to, other.current)
                   for other in history)
    return memory.made_from((version.protocol.origin.file,), version.key, places, settings, site_url, serving,
                            downloads, code)


def _made(context: Context, outputs: tuple[Output, ...]) -> Made:
    """The pages and files ``outputs`` make in ``context``."""
    pages = tuple(page for output in outputs for page in output.pages(context))
    return pages, {path: content for output in outputs for path, content in output.files(context).items()}


def _version_made(context: Context) -> Made:
    """The pages and files the outputs make in a kept version's own ``context``."""
    return _made(context, VERSIONED)


def _with_versions(context: Context) -> Made:
    """The pages and files the outputs make in ``context`` (the build's own, or another language's),
    and in each of its kept versions' own (their pages bannered)."""
    versions_made = {(version.protocol.id, version.key): context.of_version(version).shared(_version_made)
                     for version in context.kept()}
    pages, files = _made(context, OUTPUTS)
    files |= {path: content for _, kept_files in versions_made.values() for path, content in kept_files.items()}
    return (*pages, *Handbook._version_pages(context, versions_made)), files


def language_made(context: Context) -> Made:
    """The pages and files the outputs make of the texts in another language, in that language's
    ``context``, saying their own words in it: all they make of the protocols themselves, kept
    versions too, and the language's data files."""
    with words.spoken(context.protocols[0].language):
        pages, files = _with_versions(context)
        return pages, files | publish.language_files(context)


def _jobs(context: Context) -> list[pdf.Job]:
    """The PDFs of the texts of ``context`` (the build's own, or another language's, whose words
    the titles and running heads say): their own, their kept versions' and the changes between
    their versions."""
    with words.spoken(context.protocols[0].language if context.language else None):
        return [*printing.jobs(context),
                *(job for version in context.kept() for job in printing.jobs(context.of_version(version))),
                *Handbook._version_changes_jobs(context)]


def _shared_pages(generated: list[str], language_path: str | None = None) -> list[dict[str, list[str]]]:
    """The navigation's entries for the pages of no one protocol (of the texts in another language,
    under ``language_path``, in the words being spoken): the role index and one page per role
    (each role's per-council pages are reached from it), and the comparisons."""
    folder = f"{language_path}/" if language_path else ""
    found = [uri.removeprefix(folder) for uri in generated if uri.startswith(folder)]
    groups = [(say("Roles"), [uri for uri in found if uri.startswith("roles/") and uri.count("/") <= 2]),
              (say("Compare councils"), [uri for uri in found if uri.startswith("compare/") and uri.count("/") == 2])]
    return [{title: [folder + uri for uri in uris]} for title, uris in groups if uris]


def _grouped(protocols: list[dict[str, list]]) -> list[dict[str, list]]:
    """Navigation entries of protocols in alphabetical groups of ``NAV_GROUP``, each named by its
    first and last protocol ("Adur District Council – Basildon Council")."""
    ordered = sorted(protocols, key=lambda entry: _alphabetical(next(iter(entry))))
    groups = [ordered[start:start + NAV_GROUP] for start in range(0, len(ordered), NAV_GROUP)]
    return [{f"{next(iter(group[0]))} – {next(iter(group[-1]))}": group} for group in groups]


def _alphabetical(name: str) -> list[tuple[int, str]]:
    """A key that sorts names as people do: case aside, numbers by value ("Ward 2" before "Ward 10")."""
    return [(int(part), "") if part.isdigit() else (-1, part.casefold()) for part in re.split(r"(\d+)", name)]
