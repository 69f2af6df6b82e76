"""The readings: as amended, as it was, tracked; and the concordance of old and new numbers."""

from __future__ import annotations

import pytest

from clausebook import readings
from clausebook.format.checks import check_all
from clausebook.format.model import Clause, ItemList, Protocol, Table, block_texts
from clausebook.format.validation import validate
from clausebook.records.dataset import clause_markdown
from conftest import FIXTURES, example


@pytest.fixture(scope="module")
def demo() -> Protocol:
    result = validate([str(FIXTURES / "valid" / "every-construct.yaml")])
    assert result.ok, result.problems
    return result.protocols[0]


def ids(protocol: Protocol) -> list[str]:
    return [clause.id for clause in protocol.clauses()]


def changes_left(protocol: Protocol) -> list[str]:
    """Anything in a reading that still carries a change: there should be none."""
    found = []
    for section in protocol.sections:
        if section.change or section.was or section.moved_from or "{" in section.title:
            found.append(section.id)
    for clause in protocol.clauses():
        if clause.change or clause.was or clause.moved_from:
            found.append(clause.id)
        for block in clause.body:
            if block.change:
                found.append(f"{clause.id} block")
            for text in block_texts(block):
                if text.change or "{++" in text.markdown or "{--" in text.markdown or "{~~" in text.markdown:
                    found.append(f"{clause.id} text {text.markdown[:30]!r}")
                found += [f"{clause.id} obligation {o.id}" for o in text.obligations if o.change]
    return found


def test_each_reading_is_free_of_changes(demo):
    assert changes_left(readings.amended(demo)) == []
    assert changes_left(readings.original(demo)) == []


def test_amended_drops_deletions_and_original_drops_insertions(demo):
    assert "gone" not in ids(readings.amended(demo)) and "gone" in ids(readings.original(demo))
    assert "new" in ids(readings.amended(demo)) and "new" not in ids(readings.original(demo))
    assert [s.title for s in readings.amended(demo).sections] == ["Introduction", "An added section"]
    assert [s.title for s in readings.original(demo).sections] == ["Preface"]


def test_items_rows_and_obligations_belong_to_one_reading(demo):
    def listing(protocol: Protocol) -> ItemList:
        return next(c for c in protocol.clauses() if c.id == "list").body[0]

    assert [i.text.markdown for i in listing(readings.amended(demo)).items] == [
        "be impartial", "be *prompt*", "not be rude"]
    assert [i.text.markdown for i in listing(readings.original(demo)).items] == [
        "be impartial", "be late", "not be rude"]
    purpose = {name: next(c for c in reading.clauses() if c.id == "purpose")
               for name, reading in (("amended", readings.amended(demo)), ("original", readings.original(demo)))}
    quotes = {name: [o.quote for t in clause.texts() for o in t.obligations] for name, clause in purpose.items()}
    assert quotes == {"amended": ["Councillors must be very courteous"],
                      "original": ["Councillors shall be courteous"]}
    table = next(b for b in next(c for c in readings.original(demo).clauses() if c.id == "list").body
                 if isinstance(b, Table))
    assert len(table.rows) == 2  # the inserted row is not there before the revision


def test_a_moved_clause_stands_where_it_was_before_the_revision(demo):
    assert ids(readings.amended(demo))[-3:] == ["wrong-words", "moved-clause", "new"]
    before = ids(readings.original(demo))
    assert before[before.index("gone") + 1] == "moved-clause"
    moved = next(c for c in readings.original(demo).clauses() if c.id == "moved-clause")
    assert moved.number == "1.5"


def test_numbers_are_new_as_amended_and_old_before(demo):
    purpose = {r.name: next(c for c in r.protocol(demo).clauses() if c.id == "purpose")
               for r in (readings.AMENDED, readings.ORIGINAL)}
    assert (purpose["amended"].number, purpose["original"].number) == ("1.1", "2.1")


def test_concordance_lists_old_and_new_numbers(demo):
    lines = {entry.id: (entry.old, entry.new, entry.change) for entry in readings.concordance(demo)}
    assert lines["purpose"] == ("2.1", "1.1", None)
    assert lines["gone"] == ("1.4", None, "deleted")
    assert lines["new"] == (None, "2.1", "inserted")
    assert lines["moved-clause"] == ("1.5", "1.12", "moved")
    assert "unnumbered" not in lines


def test_the_tracked_reading_carries_changes_down(demo):
    tracked = readings.tracked(demo)
    added = next(s for s in tracked.sections if s.id == "added")
    assert added.clauses[0].change == "inserted"
    assert all(t.change == "inserted" for t in added.clauses[0].texts())
    assert not readings.changed(next(c for c in tracked.clauses() if c.id == "tenth"))
    assert readings.changed(next(c for c in tracked.clauses() if c.id == "list"))


def test_an_adopted_protocol_is_its_own_reading():
    result = validate([str(FIXTURES / "valid" / "minimal.yaml")])
    protocol = result.protocols[0]
    assert readings.amended(protocol) is protocol and readings.original(protocol) is protocol


@pytest.mark.parametrize("reading", [readings.amended, readings.original])
def test_both_readings_of_the_revision_pass_the_integrity_checks(reading, demo):
    """A reading is a protocol in its own right: its links land, its quotes are in its text."""
    assert [p.message for p in check_all([reading(demo)]) if "sequence" not in p.message
            and "expected" not in p.message] == []


def test_kirklees_reads_both_ways(sources):
    kirklees = example(sources, "kirklees")
    before, after = readings.original(kirklees), readings.amended(kirklees)
    assert changes_left(before) == [] and changes_left(after) == []
    assert clause_markdown(next(c for c in before.clauses() if c.id == "courteous-contact"))
    assert "courteous-contact" not in ids(after)
    renumbered = {e.id: (e.old, e.new) for e in readings.concordance(kirklees)}
    assert renumbered["strong-leader"] == ("4.1", "6.1")
    assert [p.message for p in check_all([after]) if "quote" in p.message or "link" in p.message] == []
    assert [p.message for p in check_all([before]) if "quote" in p.message] == []


def test_readings_make_new_objects_and_leave_the_model_alone(demo):
    clause = next(c for c in demo.clauses() if c.id == "purpose")
    assert isinstance(readings.AMENDED.clause(clause), Clause)
    assert "{~~" in clause.body[0].text.markdown
