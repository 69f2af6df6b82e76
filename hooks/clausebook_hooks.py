"""MkDocs hooks: each event hands its work to the one ``Build`` this module keeps."""

from __future__ import annotations

from mkdocs.structure.files import Files

from clausebook.mkdocs.build import Build

build = Build()  # (kept while ``mkdocs serve`` keeps this module loaded: see clausebook.mkdocs.build)


def on_startup(command: str, dirty: bool) -> None:
    build.start(command)


def on_config(config):
    return build.configure(config)


def on_pre_build(config) -> None:
    build.pre_build(config)


def on_files(files: Files, config) -> Files:
    return build.files(files, config)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return build.page_markdown(markdown, page)


def on_page_content(html: str, page, config, files) -> str:
    return build.page_content(html, page, config)


def on_page_context(context, page, config, nav):
    return build.page_context(context, page)


def on_post_build(config) -> None:
    build.post_build(config)


def on_build_error(error) -> None:
    build.build_error()
