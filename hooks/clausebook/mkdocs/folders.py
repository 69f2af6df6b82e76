"""Folders of the built site that a rebuild in the same process (``mkdocs serve`` after a save)
keeps as they are: each version's (``<p>/<key>/``: a kept version's pages and files, or the
addresses that lead from the text in force's key to its pages), each protocol's kept versions'
data files (``data/versions/<p>/``) and each page of the changes between two versions
(``<p>/versions/<older>--<newer>/``). With many versions they are most of the site, and an edit to
the text in force changes none of them but the changes to it.

MkDocs empties the site folder at the start of every build and writes every page again through
the theme. A folder whose pages and files are the same as the last build's
(``Handbook.folders``: a digest of their Markdown, footer and bytes), in a site whose theme,
configuration and navigation are the same (``chrome``), is set aside inside the site folder
before MkDocs empties it (under a name starting with a dot, which MkDocs leaves alone), is not
given to MkDocs, and is put back once the build is done: the same bytes, for two renames. A new
process (``mkdocs build``) keeps nothing: every folder is built.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Container
from pathlib import Path
from typing import Any

ASIDE = ".clausebook-kept"  # inside the site folder, while a build runs
# What the theme puts on every page besides its Markdown: the configuration a page template reads.
CHROME = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
          "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "markdown_extensions",
          "mdx_configs", "nav")


def chrome(config: Any, titles: object) -> str:
    """A digest of what a page of the site shows around its own Markdown: the configuration the
    theme reads (``CHROME``: the navigation among it), the theme's settings, the bytes of the
    site's own theme templates (``custom_dir``), which ``mkdocs serve`` watches, and ``titles``
    (those of the pages in the navigation, which it shows unless pruned)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr([(key, config.get(key)) for key in CHROME]).encode() + repr(titles).encode())
    digest.update(repr(sorted(config.theme.items(), key=lambda item: item[0])).encode())
    digest.update(repr(config.theme.dirs).encode())
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_of(path: str, folders: Container[str]) -> str | None:
    """The one of ``folders`` (each two or three folders deep: "<p>/<key>/",
    "<p>/versions/<older>--<newer>/") that a page's or file's path, relative to the site, lies in;
    None if none."""
    end = path.find("/", path.find("/") + 1)  # (the end of "<p>/<key>/")
    while end > 0:
        if (folder := path[:end + 1]) in folders:
            return folder
        if path.count("/", 0, end) >= 2:
            return None
        end = path.find("/", end + 1)
    return None


class Folders:
    """The folders the last build of this process wrote, by their digest, and those this build
    keeps (``kept``): see the module docstring."""

    def __init__(self) -> None:
        self._site: Path | None = None  # the site folder of the last build
        self._built: dict[str, str] = {}  # folder ("kirklees/original/") → digest, as the last build left it
        self._planned: dict[str, str] = {}
        self.kept: frozenset[str] = frozenset()  # this build's folders set aside, not given to MkDocs

    def plan(self, site: Path, folders: dict[str, str], chrome_digest: str) -> None:
        """This build's folders (each with the digest of what it holds): those the last build
        left in ``site`` with the same digest and chrome are kept."""
        site = site.resolve()
        self._planned = {folder: hashlib.blake2b((chrome_digest + digest).encode(), digest_size=20).hexdigest()
                         for folder, digest in folders.items()}
        same_site = site == self._site
        self.kept = frozenset(folder for folder, digest in self._planned.items()
                              if same_site and self._built.get(folder) == digest and (site / folder).is_dir())

    @property
    def planned(self) -> frozenset[str]:
        """This build's folders, kept or not."""
        return frozenset(self._planned)

    def in_plan(self, path: str) -> bool:
        """Whether a page's or file's path lies in one of this build's folders, kept or not."""
        return folder_of(path, self._planned) is not None

    def holds(self, path: str) -> bool:
        """Whether a page's or file's path (relative to the site) lies in a kept folder."""
        return folder_of(path, self.kept) is not None

    def set_aside(self, site: Path) -> None:
        """Before MkDocs empties ``site``: the kept folders moved aside, inside it."""
        aside = site / ASIDE
        shutil.rmtree(aside, ignore_errors=True)  # (what a failed build left)
        for number, folder in enumerate(sorted(self.kept)):
            (aside / str(number)).parent.mkdir(parents=True, exist_ok=True)
            os.replace(site / folder, aside / str(number))

    def put_back(self, site: Path) -> None:
        """Once MkDocs has written the site: the kept folders back in place, and every planned
        folder recorded as built (for the next build)."""
        aside = site / ASIDE
        for number, folder in enumerate(sorted(self.kept)):
            target = site / folder
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():  # (something else wrote there this time: keep both)
                shutil.copytree(aside / str(number), target, dirs_exist_ok=True)
            else:
                os.replace(aside / str(number), target)
        shutil.rmtree(aside, ignore_errors=True)
        self._site, self._built = site.resolve(), dict(self._planned)

    def forget(self) -> None:
        """A build failed: nothing is known to be in the site folder (the next build removes what
        was set aside)."""
        self._site, self._built, self.kept = None, {}, frozenset()
