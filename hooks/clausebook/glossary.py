"""Defined terms: each protocol's glossary page (``<p>/glossary/``), and the definitions shown as
tooltips where the terms are used."""

from __future__ import annotations

from .export import Dataset
from .render import Page, Renderer


def pages(renderer: Renderer, dataset: Dataset) -> list[Page]:
    """The glossary pages (to be written)."""
    return []
