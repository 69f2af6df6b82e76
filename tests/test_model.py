"""From data to model to pages: shorthand becomes structure, and only clean HTML comes out."""

from __future__ import annotations

import pytest

from clausebook import readings
from clausebook.context import Context
from clausebook.format.model import ItemList, Table
from clausebook.format.validation import validate
from clausebook.outputs.html import writer
from clausebook.outputs.site import render
from clausebook.records.dataset import clause_markdown
from conftest import FIXTURES


@pytest.fixture(scope="module")
def demo():
    result = validate([str(FIXTURES / "valid" / "every-construct.yaml")])
    assert result.ok
    return result.protocols[0]


def clause(protocol, clause_id):
    return next(c for c in protocol.clauses() if c.id == clause_id)


def test_each_gives_items_their_obligation_unless_they_have_their_own(demo):
    listing = clause(demo, "list").body[0]
    assert isinstance(listing, ItemList)
    first, added, struck, own = listing.items
    assert [(o.modality, o.inherited) for o in first.text.obligations] == [("must", True)]
    assert added.text.change == "inserted" and added.text.obligations[0].inherited
    assert struck.text.change == "deleted" and struck.text.obligations == ()
    assert [(o.modality, o.inherited) for o in own.text.obligations] == [("must-not", False)]


def test_obligation_ids_count_in_reading_order(demo):
    ids = [o.id for t in clause(demo, "list").texts() for o in t.obligations]
    assert ids == [f"list.{n}" for n in range(1, len(ids) + 1)]


def test_table_cells_follow_column_order_and_row_changes(demo):
    table = next(b for b in clause(demo, "list").body if isinstance(b, Table))
    assert [c.key for c in table.columns] == ["do", "dont"]
    assert [len(cell) for cell in table.rows[1].cells] == [2, 0]
    assert table.rows[2].cells[1][0].text.change == "inserted"


def test_a_deleted_clause_has_no_text_as_amended_but_keeps_it_before(demo):
    assert readings.AMENDED.clause(clause(demo, "gone")) is None
    assert clause_markdown(readings.ORIGINAL.clause(clause(demo, "gone"))) == "This clause is struck."


def test_word_changes_read_both_ways(demo):
    purpose = clause(demo, "purpose")
    assert clause_markdown(readings.AMENDED.clause(purpose)).startswith("Councillors must be very courteous. See")
    assert clause_markdown(readings.ORIGINAL.clause(purpose)).startswith("Councillors shall be courteous indeed. See")


def test_pages_link_clauses_across_pages_and_keep_only_safe_html(demo):
    pages = {page.src_uri: page.content for page in render.pages(Context.of((demo,)))}
    intro = pages["demo-revision/intro/index.md"]
    assert '<a href="#tenth">1.10 below</a>' in intro
    assert '<a href="https://example.org/a">the web</a>' in intro
    assert "{++" not in intro and "{--" not in intro
    renderer = writer(Context.of((demo,)))
    dirty = renderer.html("x <script>alert(1)</script> [a](javascript:alert(1))", demo, "demo-revision/intro/")
    assert "<script" not in dirty and "javascript:" not in dirty
