"""`clausebook compare`: a revision made from two versions, its changes at the finest level, and
the exact contract: with A = accept K and R = reject K, accept(compare R A) is A and
reject(compare R A) is R, byte for byte, for the examples, every valid fixture and generated
edits of them."""

from __future__ import annotations

import copy
import difflib
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausebook import readings
from clausebook.authoring import revisions, writer
from clausebook.authoring.compare_versions import TrackedChangesError, compare, diff_text
from clausebook.format import markup
from clausebook.format.loading import load_text
from clausebook.format.schema import SchemaChecker
from clausebook.format.validation import format_problem, validate
from conftest import FIXTURES, ROOT, build_project, needs_examples, read_html

SOURCES = sorted([*(ROOT / "source").glob("*.yaml"), *(FIXTURES / "valid").glob("*.yaml")])
KIRKLEES = ROOT / "source" / "kirklees.yaml"
MODELINE = "# yaml-language-server: $schema=../schema/source.schema.json"


def load(text: str) -> dict:
    data, problems = load_text(text, "test.yaml")
    assert data is not None, [p.message for p in problems]
    return data


def dump(data: dict) -> str:
    return writer.dump(data, modeline=MODELINE)


def round_trip(revision: dict) -> tuple[str, str, str]:
    """A and R of a revision, and the revision compare makes of them, each written."""
    accepted, rejected = dump(revisions.accept(revision)), dump(revisions.reject(revision))
    compared = dump(compare(load(rejected), load(accepted)))
    return accepted, rejected, compared


def assert_contract(revision: dict) -> str:
    accepted, rejected, compared = round_trip(revision)
    again = load(compared)
    assert dump(revisions.accept(again)) == accepted
    assert dump(revisions.reject(again)) == rejected
    return compared


def problems_in(text: str, folder: Path) -> list[str]:
    path = folder / "compared.yaml"
    path.write_text(text, encoding="utf-8")
    return [format_problem(problem) for problem in validate([str(path)]).problems]


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for entry in values for text in strings(entry)]


def marks(text: str) -> list[str]:
    return [match.group() for match in markup.CHANGE.finditer(text)]


# Words

SENTENCE = ("Officers should respect scrutiny members in the way they respond to their questions, and "
            "councillors should leave the day to day implementation of council policies to officers.")
LONG = " ".join(itertools.islice(itertools.cycle(SENTENCE.split()), 200))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("If a member has a complaint", "If a Councillor has a complaint", "If a {~~member~>Councillor~~} has a complaint"),
    ("which s/he should report", "which they should report", "which {~~s/he~>they~~} should report"),
    ("as amended in August 2014, where", "as amended, where", "as amended {--in August 2014--}, where"),
    ("Councillors are to comply", "Councillors must comply", "Councillors {~~are to~>must~~} comply"),
    ("be courteous.", "be very courteous.", "be {++very++} courteous."),
    ("Kept.", "Kept. Added words.", "Kept. {++Added words.++}"),
    ("Gone words. Kept.", "Kept.", "{--Gone words.--} Kept."),
    ("matter to the Standards Committee, may", "matter through the Standards Process, may",
     "matter {~~to~>through~~} the Standards {~~Committee~>Process~~}, may"),
    ("See [4.3 above](#press) now.", "See [4.4 above](#press) now.",
     "See {~~[4.3 above](#press)~>[4.4 above](#press)~~} now."),
    ("One.\n\nTwo.\n\nThree.", "One.\n\nThree.", "One.\n\n{--Two.--}\n\nThree."),
])
def test_words(old, new, expected):
    assert diff_text(old, new) == expected
    assert markup.resolve(expected, "amended") == new
    assert markup.resolve(expected, "original") == old


@pytest.mark.parametrize("edit", ["replace", "insert", "delete"])
def test_one_word_edit_in_a_200_word_clause_is_one_change(edit):
    words = LONG.split()
    if edit == "replace":
        words[100] = "promptly"
    elif edit == "insert":
        words.insert(100, "promptly")
    else:
        del words[100]
    marked = diff_text(LONG, " ".join(words))
    assert len(marks(marked)) == 1, marked
    assert revisions.count_changes(marked) == 1


VOCABULARY = ["the", "Council", "officer", "must", "not", ",", ".", ";", "(a)", "s/he", "—", "*emphasis*",
              "[4.3](#x)", "Members'", "1.10", "\n\n", "  ", ")", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25),
       st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=25), st.sampled_from(["", " "]))
def test_words_are_exact(old_words, new_words, joiner):
    old, new = joiner.join(old_words).strip() or "x", joiner.join(new_words).strip() or "y"
    marked = diff_text(old, new)
    assert markup.resolve(marked, "amended") == new
    assert markup.resolve(marked, "original") == old
    assert not [f for f in markup.findings(marked) if "tracked" in f.message], marked


# The contract

@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_contract(path, tmp_path):
    revision = load(path.read_text(encoding="utf-8"))
    compared = assert_contract(revision)
    assert problems_in(compared, tmp_path) == []
    assert load(compared)["protocol"]["status"] == "proposed-revision"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_compared_revision_reads_as_the_original_revision(path, tmp_path):
    """The handbook shows the revision compare makes as it shows the revision it was made from:
    the same sections and clauses, numbers old and new, and words, as amended and as they were."""
    _, _, compared = round_trip(load(path.read_text(encoding="utf-8")))
    (tmp_path / "compared.yaml").write_text(compared, encoding="utf-8")
    made = validate([str(tmp_path / "compared.yaml")]).protocols[0]
    given_ = validate([str(path)]).protocols[0]
    assert [(r.id, r.old, r.new) for r in readings.concordance(made)] == \
        [(r.id, r.old, r.new) for r in readings.concordance(given_)]
    def words(protocol, reading, side):
        return [(c.id, c.heading, [markup.plain(getattr(t, side)) for t in c.texts()])
                for c in reading(protocol).clauses()]

    for reading, side in ((readings.amended, "amended"), (readings.original, "original")):
        assert words(made, reading, side) == words(given_, reading, side)
        assert [s.title for s in reading(made).sections] == [s.title for s in reading(given_).sections]


def test_versions_with_tracked_changes_are_refused():
    revision = load((FIXTURES / "valid" / "caerwen.yaml").read_text(encoding="utf-8"))
    with pytest.raises(TrackedChangesError):
        compare(revision, revisions.accept(revision))


@pytest.mark.build
@needs_examples("kirklees")
def test_compared_kirklees_builds_and_shows_as_kirklees(tmp_path):
    """A real strict build of the revision compare makes of Kirklees has the same pages, anchors
    and links as the build of the hand-written revision (editorial notes aside); the pages of its
    text in force, which each revision gives as it was, are compared as pages only (an obligation's
    anchor there counts the obligations in the order the revision lists them)."""
    compared = tmp_path / "kirklees.yaml"
    compared.write_text(round_trip(load(KIRKLEES.read_text(encoding="utf-8")))[2], encoding="utf-8")
    made = build_project(tmp_path / "compared", [compared]) / "kirklees"
    given_ = build_project(tmp_path / "given", [KIRKLEES]) / "kirklees"
    every_page = sorted(path.relative_to(given_) for path in given_.rglob("index.html"))
    assert sorted(path.relative_to(made) for path in made.rglob("index.html")) == every_page
    versions = json.loads((given_.parent / "data" / "versions.json").read_text(encoding="utf-8"))
    kept = {version["key"] for protocol in versions["protocols"] for version in protocol["versions"]
            if not version["current"]}
    pages = [page for page in every_page if page.parts[0] not in kept]
    def without_notes(values):  # (the anchors of notes on this edition and the links to them)
        return [value for value in values if not re.match(r"#?cb_(note-|edition)", value)]

    for page in pages:
        assert set(without_notes(read_html(made / page).ids)) == set(without_notes(read_html(given_ / page).ids)), page
        assert without_notes(read_html(made / page).links) == without_notes(read_html(given_ / page).links), page


# What compare finds

BASE = {
    "protocol": {"id": "demo", "council": "Demo Council", "title": "Demo", "status": "adopted"},
    "roles": {"members": {"label": "Members", "shared": "councillor"},
              "officers": {"label": "Officers", "shared": "officer"}},
    "sections": [
        {"id": "one", "number": "1", "title": "General", "clauses": [
            {"id": "a", "number": "1.1", "text": "Members must be courteous to officers at all times.",
             "obligations": [{"who": "members", "modality": "must", "towards": "officers"}]},
            {"id": "b", "number": "1.2", "text": "Officers should answer enquiries promptly.",
             "obligations": [{"who": "officers", "modality": "should"}]},
            {"id": "c", "number": "1.3", "body": [
                {"lead": "Officers must:", "each": {"who": "officers", "modality": "must"},
                 "items": ["be impartial", "keep records", "give advice"]},
                {"table": {"columns": {"do": {"label": "Do"}, "dont": {"label": "Don't"}},
                           "rows": [{"do": "Listen", "dont": "Shout"}, {"do": "Learn", "dont": "Sneer"}]}}]},
        ]},
        {"id": "two", "number": "2", "title": "Meetings", "clauses": [
            {"id": "d", "number": "2.1", "text": "Members may attend any meeting of the Council."},
            {"id": "e", "number": "2.2", "text": "Officers may speak at meetings when asked."},
        ]},
    ],
}


def _edited(edit) -> tuple[dict, dict]:
    new = copy.deepcopy(BASE)
    edit(new)
    revision = compare(copy.deepcopy(BASE), new)
    assert_contract(revision)
    return revision, new


def _clause(data: dict, clause_id: str) -> dict:
    return next(c for c in _walk(data["sections"]) if c["id"] == clause_id)


def _walk(elements):
    for element in elements:
        yield element
        yield from _walk(element.get("clauses", []))


def test_a_moved_clause_is_a_move():
    def move(new):
        b = new["sections"][0]["clauses"].pop(1)
        new["sections"][1]["clauses"].append(b)
    revision, _ = _edited(move)
    moved = _clause(revision, "b")
    assert moved["change"] == "moved"
    assert moved["moved_from"] == {"parent": "one", "after": "a"}
    assert revisions.count_changes(revision) == 1
    assert [c["id"] for c in revision["sections"][1]["clauses"]] == ["d", "e", "b"]


def test_a_move_within_a_section_and_renumbering():
    def move(new):
        clauses = new["sections"][0]["clauses"]
        clauses.insert(0, clauses.pop(2))
        for clause, number in zip(clauses, ("1.1", "1.2", "1.3"), strict=True):
            clause["number"] = number
    revision, _ = _edited(move)
    c = _clause(revision, "c")
    assert (c["change"], c["moved_from"], c["number"], c["was"]) == ("moved", {"after": "b"}, "1.1", "1.3")
    assert (_clause(revision, "a")["was"], _clause(revision, "b")["was"]) == ("1.1", "1.2")
    assert "change" not in _clause(revision, "a")


def test_moves_of_what_came_first(tmp_path):
    """A clause that came first says which parent it came first in (`moved_from` is never empty);
    a section that came first stays, and the others move around it."""
    def clause_first_moves(new):
        clauses = new["sections"][0]["clauses"]
        clauses.append(clauses.pop(0))
    revision, _ = _edited(clause_first_moves)
    assert _clause(revision, "a")["moved_from"] == {"parent": "one"}
    assert problems_in(dump(revision), tmp_path) == []

    def sections_swap(new):
        new["sections"].reverse()
    revision, _ = _edited(sections_swap)
    assert [(s["id"], s.get("change"), s.get("moved_from")) for s in revision["sections"]] == \
        [("two", "moved", {"after": "one"}), ("one", None, None)]
    assert problems_in(dump(revision), tmp_path) == []


def test_inserted_and_deleted_clauses_and_sections():
    def edit(new):
        new["sections"][1]["clauses"].pop(0)
        new["sections"][0]["clauses"].insert(1, {"id": "new-one", "number": "1.1A", "text": "New words."})
        new["sections"].append({"id": "three", "number": "3", "title": "Added", "clauses": [
            {"id": "f", "number": "3.1", "text": "More new words."}]})
    revision, _ = _edited(edit)
    assert _clause(revision, "d")["change"] == "deleted"
    assert _clause(revision, "new-one")["change"] == "inserted"
    assert revision["sections"][2]["change"] == "inserted"
    assert "change" not in _clause(revision, "f")  # inside the inserted section: carried
    assert revisions.accept(revision)["retired_ids"] == ["d"]


def test_items_rows_headings_and_obligations():
    def edit(new):
        c = _clause(new, "c")
        c["heading"] = "Duties"
        items = c["body"][0]["items"]
        items.remove("keep records")
        items.append("act lawfully")
        rows = c["body"][1]["table"]["rows"]
        rows.insert(1, {"do": "Explain", "dont": "Hide"})
        rows[0]["dont"] = "Shout at anyone"
        _clause(new, "b")["obligations"] = [{"who": "officers", "modality": "must"}]
        _clause(new, "b")["text"] = "Officers must answer enquiries promptly."
        new["sections"][1]["title"] = "Council Meetings"
    revision, _ = _edited(edit)
    c = _clause(revision, "c")
    assert c["heading"] == "{++Duties++}"
    assert c["body"][0]["items"] == ["be impartial", {"text": "keep records", "change": "deleted"}, "give advice",
                                     {"text": "act lawfully", "change": "inserted"}]
    rows = c["body"][1]["table"]["rows"]
    assert rows[0] == {"do": "Listen", "dont": "Shout {++at anyone++}"}
    assert rows[1] == {"do": "Explain", "dont": "Hide", "change": "inserted"}
    b = _clause(revision, "b")
    assert b["text"] == "Officers {~~should~>must~~} answer enquiries promptly."
    assert b["obligations"] == [{"who": "officers", "modality": "should", "change": "deleted"},
                                {"who": "officers", "modality": "must", "change": "inserted"}]
    assert revision["sections"][1]["title"] == "{++Council++} Meetings"
    assert revisions.count_changes(revision) == 9


def test_an_element_whose_note_would_be_lost_is_kept_apart():
    """Merged and marked inside, an item would lose its note on accept (a note on an element
    changed in place is taken as explaining the change): it is deleted and inserted instead."""
    def edit(new):
        _clause(new, "c")["body"][0]["items"][1] = {"text": "keep full records", "note": "As the auditors asked."}
    old = copy.deepcopy(BASE)
    _clause(old, "c")["body"][0]["items"][1] = {"text": "keep records", "note": "As the auditors asked."}
    new = copy.deepcopy(old)
    edit(new)
    revision = compare(copy.deepcopy(old), new)
    assert _clause(revision, "c")["body"][0]["items"][1:3] == [
        {"text": "keep records", "note": "As the auditors asked.", "change": "deleted"},
        {"text": "keep full records", "note": "As the auditors asked.", "change": "inserted"}]
    # Each version keeps its note.
    assert _clause(revisions.accept(revision), "c")["body"][0]["items"][1]["note"] == "As the auditors asked."
    assert _clause(revisions.reject(revision), "c")["body"][0]["items"][1]["note"] == "As the auditors asked."
    assert_contract(revision)


# Kirklees: how close compare comes to the revision written by hand

def _containers(data: Any):
    """Every list of blocks, items, rows, definitions or cell items in the data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list) and key not in ("sections", "clauses", "obligations", "not_obligations"):
                yield value
            yield from _containers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _containers(value)


def _words(element: Any) -> list[str]:
    return " ".join(strings(element)).split()


@needs_examples("kirklees")
def test_kirklees_bounds():
    revision = load(KIRKLEES.read_text(encoding="utf-8"))
    compared = load(round_trip(revision)[2])
    by_hand, made = revisions.count_changes(revision), revisions.count_changes(compared)
    assert made <= 1.5 * by_hand, (made, by_hand)
    # Nothing that keeps at least 80% of its words is deleted and inserted again.
    for container in _containers(compared):
        deleted = [e for e in container if isinstance(e, dict) and e.get("change") == "deleted"]
        inserted = [e for e in container if isinstance(e, dict) and e.get("change") == "inserted"]
        for old, new in itertools.product(deleted, inserted):
            old_words, new_words = _words(old), _words(new)
            matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
            kept = sum(block.size for block in matcher.get_matching_blocks())
            assert kept < 0.8 * len(old_words), (old, new)
    # Clauses are matched by id, so none is deleted and inserted; and a text that keeps 80% of its
    # words is marked word by word, never replaced whole.
    for text in strings(compared):
        found = marks(text)
        if found == [text] and found[0].startswith("{~~"):
            old, new = (markup.resolve(text, side).split() for side in ("original", "amended"))
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            assert sum(block.size for block in matcher.get_matching_blocks()) < 0.8 * len(old), text


# Generated edits of the example protocols

def _bases() -> list[dict]:
    found = []
    for path in SOURCES:
        if path.stem in ("kirklees", "somerset", "caerwen", "every-construct", "lowfield"):
            found.append(revisions.accept(load(path.read_text(encoding="utf-8"))))
    return found


BASES = _bases()
SCHEMA = SchemaChecker()
WORDS = ["council", "officers", "promptly", "must", "Members", "the", "not", "(a)"]


def _texts(data: dict) -> list[tuple[Any, Any]]:
    """Every place in the sections that holds a text: (holder, key)."""
    found: list[tuple[Any, Any]] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for key, entry in value.items():
                if key in ("text", "lead", "heading", "title", "quote", "tail") and isinstance(entry, str):
                    found.append((value, key))
                elif key == "items" and isinstance(entry, list):
                    found.extend((entry, i) for i, item in enumerate(entry) if isinstance(item, str))
                if key not in ("obligations", "not_obligations", "note", "number_note", "link_notes"):
                    visit(entry)
        elif isinstance(value, list):
            for entry in value:
                visit(entry)

    visit(data["sections"])
    return found


def _containers_of_clauses(data: dict) -> list[list[dict]]:
    return [s["clauses"] for s in data["sections"] if s.get("clauses")] + \
        [c["clauses"] for c in _walk(data["sections"]) if c.get("clauses")]


@st.composite
def edited(draw) -> tuple[dict, dict]:
    """An example protocol (accepted) and a copy with random edits: words replaced, added or
    removed; clauses inserted, deleted, moved and renumbered; list items added and removed."""
    old = draw(st.sampled_from(BASES))
    new = copy.deepcopy(old)
    for step in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["word", "word", "insert", "delete", "move", "renumber", "item"]))
        if kind == "word":
            holder, key = draw(st.sampled_from(_texts(new)))
            words = holder[key].split(" ")
            at = draw(st.integers(0, len(words) - 1))
            action = draw(st.sampled_from(["replace", "insert", "delete"]))
            if action == "replace":
                words[at] = draw(st.sampled_from(WORDS))
            elif action == "insert":
                words.insert(at, draw(st.sampled_from(WORDS)))
            elif len(words) > 1:
                del words[at]
            holder[key] = " ".join(words)
        elif kind == "insert":
            container = draw(st.sampled_from(_containers_of_clauses(new)))
            container.insert(draw(st.integers(0, len(container))),
                             {"id": f"added-{step}", "text": "An added clause, for the test."})
        elif kind in ("delete", "move"):
            container = draw(st.sampled_from([c for c in _containers_of_clauses(new) if len(c) > 1] or [[]]))
            if not container:
                continue
            clause = container.pop(draw(st.integers(0, len(container) - 1)))
            if kind == "move":  # anywhere else: its own sub-clauses went with it
                target = draw(st.sampled_from(_containers_of_clauses(new)))
                target.insert(draw(st.integers(0, len(target))), clause)
        elif kind == "renumber":
            numbered = [c for c in _walk(new["sections"]) if re.fullmatch(r"[0-9.]+A?", c.get("number", ""))]
            if numbered:  # 9.3 becomes 9.3A (an inserted number), and 9.3A 9.3
                clause = draw(st.sampled_from(numbered))
                number = clause["number"]
                clause["number"] = number[:-1] if number.endswith("A") else number + "A"
        elif kind == "item":
            lists = [b["items"] for c in _walk(new["sections"]) for b in c.get("body", []) if "items" in b]
            if lists:
                items = draw(st.sampled_from(lists))
                if draw(st.booleans()) and len(items) > 1:
                    items.pop(draw(st.integers(0, len(items) - 1)))
                else:
                    items.insert(draw(st.integers(0, len(items))), "an added item")
    return old, new


def _without_notes(data: Any) -> Any:
    """The data without what accept and reject may drop or add: notes, status, retired ids."""
    if isinstance(data, dict):
        return {k: _without_notes(v) for k, v in data.items()
                if k not in ("note", "number_note", "status", "retired_ids")}
    if isinstance(data, list):
        return [_without_notes(v) for v in data]
    return data


@pytest.mark.slow  # the longest property run: `make test` has it, `make test-fast` not
@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(edited())
def test_contract_on_generated_edits(versions):
    old, new = versions
    revision = compare(copy.deepcopy(old), copy.deepcopy(new))
    assert [problem.message for problem in SCHEMA.check(revision, "revision.yaml")] == []
    # compare is faithful: accepting gives NEW, rejecting OLD ...
    assert _without_notes(revisions.accept(revision)) == _without_notes(revisions.normalised(new))
    assert _without_notes(revisions.reject(revision)) == _without_notes(revisions.normalised(old))
    # ... and the contract holds for the revision it made.
    assert_contract(revision)
