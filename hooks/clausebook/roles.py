"""Role pages: every obligation of each role, as Do / Don't tables, gathered across protocols
(``roles/<shared-role>/``)."""

from __future__ import annotations

from .export import Dataset
from .render import Page, Renderer


def pages(renderer: Renderer, dataset: Dataset) -> list[Page]:
    """The role pages (to be written)."""
    return []
