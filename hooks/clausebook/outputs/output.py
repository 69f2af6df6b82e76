"""What every output of the build is: an object (or module) that, given the build's context,
gives the pages it adds to the site and the files it publishes as they are.

The handbook (``mkdocs.handbook``) runs a list of them; an output that makes only pages gives no
files, and one that makes only files gives no pages. Files under ``data/`` and ``schema/`` join
the open dataset and are described in its ``datapackage.json``.
"""

from __future__ import annotations

from typing import Protocol

from clausebook.context import Context
from clausebook.outputs.html import Page


class Output(Protocol):
    def pages(self, context: Context) -> list[Page]:
        """The pages this output adds to the site (Markdown, which MkDocs renders)."""
        ...

    def files(self, context: Context) -> dict[str, bytes]:
        """The files this output publishes, by their path under the site root."""
        ...
