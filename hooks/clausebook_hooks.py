"""MkDocs hooks: each event hands its work to the clausebook package."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from clausebook.mkdocs.cache import Rendered, Reused, fingerprint
from clausebook.mkdocs.handbook import COLOURS, Handbook, SourceErrors
from clausebook.settings import Settings, SettingsError

_state: dict[str, object] = {"serving": False}


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_config(config):
    try:
        settings = Settings.from_config(config.site_name, config.site_description, config.extra)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    root = Path(config.config_file_path).parent

    def loaded() -> Handbook:
        handbook = Handbook(root=root, serving=bool(_state["serving"]), site_url=config.site_url or None,
                            previous=_state.get("previous", []), settings=settings)  # type: ignore[arg-type]
        handbook.load()
        return handbook

    # A rebuild in this process (a preview after a save) of unchanged sources, schemas and code
    # reuses the last build's model and pages.
    key = fingerprint(root / "source", settings, config.site_url, _state["serving"])
    reused: Reused[Handbook] = _state.setdefault("reused", Reused())  # type: ignore[assignment]
    try:
        handbook = _state["handbook"] = reused.get(key, loaded)
    except SourceErrors as error:
        raise PluginError(str(error)) from None
    if handbook.context is not None:
        _state["previous"] = [page.src_uri for page in handbook.pages]
    config.nav = handbook.nav(config.extra.get("handbook_pages", []))
    if settings.stylesheet() and COLOURS not in config.extra_css:
        config.extra_css.append(COLOURS)
    return config


def on_files(files: Files, config) -> Files:
    handbook: Handbook = _state["handbook"]  # type: ignore[assignment]
    generated = [(page.src_uri, page.content) for page in handbook.pages] + list(handbook.data_files.items())
    for src_uri, content in generated:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))
    _rendered().start(files, config)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    handbook: Handbook = _state["handbook"]  # type: ignore[assignment]
    markdown = handbook.page_markdown(page.file.src_uri, markdown)
    _rendered().offer(page, markdown, handbook.generates(page.file.src_uri))
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    _rendered().keep(page)
    return html


def _rendered() -> Rendered:
    """Pages' HTML kept from build to build in this process (a preview's rebuilds)."""
    return _state.setdefault("rendered", Rendered())  # type: ignore[return-value]


def on_post_build(config) -> None:
    """The PDFs, printed from the pages just built (a failure fails the build)."""
    handbook: Handbook = _state["handbook"]  # type: ignore[assignment]
    try:
        handbook.write_pdfs(Path(config.site_dir))
    except Exception as error:
        raise PluginError(f"clausebook: the PDFs could not be printed: {error}") from None
