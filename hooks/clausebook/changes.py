"""What a proposed revision changes: each protocol's changes page (``<p>/changes/``) with every
changed clause's redline and the concordance of old and new numbers, and ``data/changes.json``."""

from __future__ import annotations

from .export import Dataset
from .render import Page, Renderer


def pages(renderer: Renderer, dataset: Dataset) -> list[Page]:
    """The changes pages (to be written)."""
    return []


def data_files(renderer: Renderer, dataset: Dataset) -> dict[str, bytes]:
    """``data/changes.json`` and its schema (to be written)."""
    return {}
