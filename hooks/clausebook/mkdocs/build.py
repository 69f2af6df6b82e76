"""What the MkDocs hooks keep between events and, while serving, from one build to the next: one
``Build``, which the hook module holds and each event calls.

``mkdocs serve`` keeps the hook module loaded between rebuilds, so the Build outlives a build: it
holds whether this is a preview, the last handbook (reused while its fingerprint holds), the
pages the last good build generated (a preview with errors shows them on those pages), each
page's HTML as MkDocs last made it, what each kept version made, and the site's folders that the
last build wrote and this one keeps (``mkdocs.folders``).
"""

from __future__ import annotations

import copy
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from clausebook.mkdocs.cache import Memory, Rendered, Reused, fingerprint
from clausebook.mkdocs.folders import Folders, chrome
from clausebook.mkdocs.handbook import COLOURS, Handbook, SourceErrors
from clausebook.outputs.site import languages
from clausebook.settings import NO_FAVICON, Settings, SettingsError

FOOTER = "clausebook_footer"  # the page meta the theme's footer reads
LANGUAGE = "clausebook_language"  # the page meta of its language and its counterparts (outputs.site.languages)
# The page meta that leaves a page of a kept version, or of the changes between two versions, out
# of the sitemap (site_overrides/sitemap.xml), as it is out of the navigation and the search.
UNLISTED = "clausebook_unlisted"


class Build:
    """The handbook's part in each MkDocs build of this process; see the module docstring."""

    def __init__(self) -> None:
        self.serving = False  # a preview (``mkdocs serve``)
        self.reused: Reused[Handbook] = Reused()
        self.handbook: Handbook | None = None  # this build's
        self.previous: list[str] = []  # the pages the last good build generated
        self.rendered = Rendered()
        self.memory = Memory()  # what each build keeps for the next (kept versions)
        self.folders = Folders()  # the site's folders each build keeps for the next

    def start(self, command: str) -> None:
        self.serving = command == "serve"

    def configure(self, config):
        """The settings read and the handbook loaded (or reused); MkDocs' ``config`` given the
        navigation and the council's colours. Settings or sources the handbook cannot use stop
        the build (PluginError)."""
        try:
            settings = Settings.from_config(config.site_name, config.site_description, config.extra)
            settings.check_files(Path(config.docs_dir))
        except SettingsError as error:
            raise PluginError(str(error)) from None
        # The council's logo and icon, or none: never the theme's own (site_overrides/partials/logo.html).
        config.theme["logo"] = settings.logo
        config.theme["favicon"] = settings.favicon or NO_FAVICON
        root = Path(config.config_file_path).parent

        def loaded() -> Handbook:
            handbook = Handbook(root=root, serving=self.serving, site_url=config.site_url or None,
                                previous=self.previous, settings=settings, memory=self.memory)
            handbook.load()
            return handbook

        # A rebuild in this process (a preview after a save) of unchanged sources, schemas and code
        # reuses the last build's model and pages.
        key = fingerprint(root / "source", settings, config.site_url, self.serving)
        try:
            handbook = self.handbook = self.reused.get(key, loaded)
        except SourceErrors as error:
            raise PluginError(str(error)) from None
        if handbook.context is not None:
            self.previous = [page.src_uri for page in handbook.pages]
        config.nav = handbook.nav(config.extra.get("handbook_pages", []))
        if settings.stylesheet() and COLOURS not in config.extra_css:
            config.extra_css.append(COLOURS)
        folders = handbook.folders()
        titles = handbook.titles(Path(config.docs_dir), folders)
        self.folders.plan(Path(config.site_dir), folders, chrome(config, titles))
        return config

    def pre_build(self, config) -> None:
        """Before MkDocs empties the site folder: the folders this build keeps, set aside."""
        self.folders.set_aside(Path(config.site_dir))

    def files(self, files: Files, config) -> Files:
        """MkDocs' files, with the pages and files the handbook generates in place of any there."""
        handbook = self._handbook()
        generated = [(page.src_uri, page.content) for page in handbook.pages] + list(handbook.data_files.items())
        for src_uri, content in generated:
            if self.folders.holds(src_uri):  # (kept as the last build wrote it)
                continue
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        self.rendered.start(files, config, unlisted=self.folders.planned)
        return files

    def page_markdown(self, markdown: str, page) -> str:
        """A page's Markdown, with what the handbook generates into it; its meta given what its
        footer says (site_overrides/partials/footer.html)."""
        handbook = self._handbook()
        page.meta[FOOTER] = handbook.page_footer(page.file.src_uri)
        language = handbook.page_language(page.file.src_uri)
        if language.language or language.counterparts:
            page.meta[LANGUAGE] = language
        if self.folders.in_plan(page.file.src_uri) or handbook.unlisted(page.file.src_uri):
            page.meta[UNLISTED] = True
        markdown = handbook.page_markdown(page.file.src_uri, markdown)
        self.rendered.offer(page, markdown, handbook.generates(page.file.src_uri))
        return markdown

    def page_content(self, html: str, page, config) -> str:
        """A page's HTML, kept for the next build; on a page in another language, each heading's
        link titled in its words (Markdown's settings title them in the site's)."""
        self.rendered.keep(page)
        language = page.meta.get(LANGUAGE)
        if language is None or language.language is None:
            return html
        return languages.permalinks_said(html, language.language, config.mdx_configs.get("toc", {}).get(
            "permalink_title"))

    def page_context(self, context: dict, page) -> dict:
        """A page's template context; on a page in another language, the site's title in it
        (settings ``titles``): the theme's header, navigation and ``<title>`` read
        ``config.site_name``, so the page gets a copy of the settings with that title."""
        language = page.meta.get(LANGUAGE)
        if language is None or language.language is None:
            return context
        title = self._handbook().settings.title_in(language.language)
        if title != context["config"].site_name:
            context["config"] = copy.copy(context["config"])
            context["config"]["site_name"] = title
        return context

    def post_build(self, config) -> None:
        """The kept folders back in place; the search index with the handbook's entries (Material's
        search plugin wrote it just before: hooks run after plugins); the PDFs, printed from the
        pages just built (a failure fails the build)."""
        self.folders.put_back(Path(config.site_dir))
        self._handbook().write_search_index(Path(config.site_dir))
        try:
            self._handbook().write_pdfs(Path(config.site_dir))
        except Exception as error:
            raise PluginError(f"clausebook: the PDFs could not be printed: {error}") from None

    def build_error(self) -> None:
        """A build failed: nothing is known to be left in the site folder."""
        self.folders.forget()

    def _handbook(self) -> Handbook:
        assert self.handbook is not None, "on_config loads the handbook before the other events"
        return self.handbook
