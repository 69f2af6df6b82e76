"""The comparisons of councils as an output of the build: their pages and their data files
(``compare_councils`` works them out and renders them)."""

from __future__ import annotations

from clausebook import compare_councils as across
from clausebook.context import Context
from clausebook.outputs.html import Page, writer


def pages(context: Context) -> list[Page]:
    """Each comparison's page and its roles' pages."""
    return across.pages(writer(context), context.comparisons)


def files(context: Context) -> dict[str, bytes]:
    """Each comparison's JSON, and its schema."""
    return across.data_files(context.dataset, context.comparisons)
