"""The canonical writer (`clausebook format`) and accepting or rejecting a revision's changes
(`clausebook accept` / `reject`): exact round trips, the house layout, YAML's traps, and that
both results are valid, change-free files that read as the handbook reads the revision."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clausebook import readings
from clausebook.authoring import revisions, writer
from clausebook.format import markup
from clausebook.format.loading import load_text
from clausebook.format.validation import format_problem, validate
from conftest import FIXTURES, ROOT, needs_examples

SOURCES = sorted([*(ROOT / "source").glob("*.yaml"), *(FIXTURES / "valid").glob("*.yaml")])
KIRKLEES = ROOT / "source" / "kirklees.yaml"
EVERY = FIXTURES / "valid" / "every-construct.yaml"


def load(text: str) -> dict:
    data, problems = load_text(text, "test.yaml")
    assert data is not None, [p.message for p in problems]
    return data


def read(path: Path) -> tuple[dict, str | None]:
    text = path.read_text(encoding="utf-8")
    return load(text), writer.modeline_of(text)


def problems_in(text: str, tmp_path: Path, name: str = "out.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = validate([str(path)])
    return [format_problem(problem) for problem in result.problems]


# The writer

@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_writer_round_trip_and_idempotent(path):
    data, modeline = read(path)
    written = writer.dump(data, modeline=modeline)
    assert load(written) == data
    assert writer.dump(load(written), modeline=writer.modeline_of(written)) == written
    assert written.startswith(modeline + "\n")


def test_writer_keeps_only_the_modeline_and_loses_other_comments():
    text = (FIXTURES / "valid" / "caerwen.yaml").read_text(encoding="utf-8")
    written = writer.dump(load(text), modeline=writer.modeline_of(text))
    assert written.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/source.schema.json"
    assert [line for line in written.splitlines() if line.lstrip().startswith("#")] == [written.splitlines()[0]]


@needs_examples("kirklees")
def test_writer_house_layout():
    data, modeline = read(KIRKLEES)
    written = writer.dump(data, modeline=modeline)
    lines = written.splitlines()
    assert "  councillors: {label: Councillors, shared: councillor}" in lines  # short tags on one line
    assert "        cites: [councillors-code, officers-code]" in lines  # ids as a flow list
    assert '        number: "4.2"' in lines  # numbers always quoted
    assert "        text: >-" in lines  # long text folded
    assert max(len(line) for line in lines if not line.lstrip().startswith(("- {", "{"))) <= writer.FLOW_WIDTH
    assert "\n\nroles:\n" in written and "\n\nsections:\n" in written  # a blank line between top-level keys
    assert "\n\n      - id: culture\n" in written  # and between clauses
    assert list(load(written)) == ["protocol", "roles", "documents", "sections"]


TRAPS = ["no", "yes", "No", "off", "on", "true", "null", "~", "", "1.10", "010", "2A", "2024-03-05", "1e3",
         " leading", "trailing ", "a: b", "a #b", "#start", "- dash", "? what", "@at", "`tick`", "'single'",
         '"double"', "it's", "a, b", "[x]", "{y}", "x]", "café — ‘quotes’ “and” …", "tab\there", "back\\slash",
         "two\n\nparagraphs", "line\nbreak", "trailing newline\n", "\nleading newline", "% percent", "*star*",
         "& amp", "! bang", "| pipe", "> gt", "=", "<<", "a  double  space", "\u00a0nbsp start", "é" * 130,
         " ".join(["word"] * 60), " ".join(["word"] * 60) + " ", "x" * 150]


@pytest.mark.parametrize("value", TRAPS)
def test_writer_survives_yaml_traps(value):
    data = {"protocol": {"id": "x", "council": value, "title": value, "status": "draft", "version": value},
            "roles": {"r": {"label": value}},
            "sections": [{"id": "s", "title": value, "clauses": [
                {"id": "c", "number": value, "text": value, "cites": [value, "b"],
                 "obligations": [{"who": "r", "modality": "must", "quote": value}]}]}]}
    written = writer.dump(data)
    assert load(written) == data
    assert yaml.safe_load(written) == data  # any YAML reader gets the same text back
    assert writer.dump(load(written)) == written


PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn"),
                          whitelist_characters="\n\t")
TEXTS = st.one_of(st.sampled_from(TRAPS), st.text(PRINTABLE, max_size=40),
                  st.lists(st.sampled_from(["word", "Council's", "a:", "#1", "—", "(a)", "1.10", "no"]),
                           max_size=40).map(" ".join))
KEYS = st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), st.sampled_from(["no", "1.10", "a b", "~"]))
VALUES = st.recursive(TEXTS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=5), TEXTS, st.lists(TEXTS, max_size=3))
def test_writer_property(extra, text, items):
    data = {"protocol": {"id": "x", "council": text, "title": "T", "status": "draft"}, **extra,
            "sections": [{"id": "s", "title": text or "T", "clauses": [
                {"id": "c", "text": text, "note": text},
                {"id": "d", "body": [{"lead": text, "items": [*items, {"text": text, "items": items}]}]}]}]}
    written = writer.dump(data, modeline="# yaml-language-server: $schema=../schema/source.schema.json")
    assert load(written) == data
    assert writer.dump(load(written), modeline=writer.modeline_of(written)) == written


def test_modeline_of():
    assert writer.modeline_of("# yaml-language-server: $schema=../x.json\nprotocol: {}\n") == \
        "# yaml-language-server: $schema=../x.json"
    assert writer.modeline_of("# another comment\n") is None
    assert writer.modeline_of("protocol: {}\n") is None


# Resolving text to one side of its changes

@pytest.mark.parametrize(("text", "amended", "original"), [
    ("Councillors {~~shall~>must~~} be courteous.", "Councillors must be courteous.",
     "Councillors shall be courteous."),
    ("as amended {--in August 2014--}, where", "as amended, where", "as amended in August 2014, where"),
    ("a {++new++} word", "a new word", "a word"),
    ("{--Gone words.--} Kept.", "Kept.", "Gone words. Kept."),
    ("Kept.{++ Added.++}", "Kept. Added.", "Kept."),
    ("Kept. {++Added.++}", "Kept. Added.", "Kept."),
    ("{--Different --}{++NEW ROLES++}{-- Roles / Relationships--}", "NEW ROLES", "Different Roles / Relationships"),
    ("One.\n\n{--Two.--}\n\nThree.", "One.\n\nThree.", "One.\n\nTwo.\n\nThree."),
    ("No  changes,  kept as  typed .", "No  changes,  kept as  typed .", "No  changes,  kept as  typed ."),
    ("Spaces  away {++from++} changes  stay", "Spaces  away from changes  stay", "Spaces  away changes  stay"),
])
def test_resolve(text, amended, original):
    assert markup.resolve(text, "amended") == amended
    assert markup.resolve(text, "original") == original


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_resolve_agrees_with_the_handbook_readings(path):
    """Where the text away from its changes is tidy, accept and reject give exactly the words the
    handbook shows as amended and as it was."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict | list):
            for entry in (value.values() if isinstance(value, dict) else value):
                yield from strings(entry)

    for text in strings(read(path)[0]):
        if markup.has_changes(text):
            assert markup.resolve(text, "amended") == markup.amended(text)
            assert markup.resolve(text, "original") == markup.original(text)


# Accept and reject

@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    """Every source and valid fixture, accepted and rejected, written: {(stem, side): text}."""
    result = {}
    for path in SOURCES:
        data, modeline = read(path)
        for side, apply in (("accept", revisions.accept), ("reject", revisions.reject)):
            result[(path.stem, side)] = writer.dump(apply(data), modeline=modeline)
    return result


@pytest.mark.parametrize("side", ["accept", "reject"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_results_are_valid_change_free_drafts(resolved, side, path, tmp_path):
    text = resolved[(path.stem, side)]
    data = load(text)
    assert problems_in(text, tmp_path) == []
    assert not revisions.has_changes(data)
    assert data["protocol"]["status"] == "draft"
    original = read(path)[0]["protocol"]
    assert {k: v for k, v in data["protocol"].items() if k != "status"} == \
        {k: v for k, v in original.items() if k != "status"}


@pytest.mark.parametrize("side", ["accept", "reject"])
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_accepting_or_rejecting_again_changes_nothing(resolved, side, path):
    text = resolved[(path.stem, side)]
    apply = revisions.accept if side == "accept" else revisions.reject
    assert writer.dump(apply(load(text)), modeline=writer.modeline_of(text)) == text


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_results_read_as_the_handbook_reads_the_revision(resolved, path, tmp_path):
    """Accept gives the protocol the handbook shows as amended, reject the one it shows as it was:
    the same sections and clauses in the same order, numbers, headings and words."""
    revision = validate([str(path)]).protocols[0]
    for side, reading in (("accept", readings.amended), ("reject", readings.original)):
        (tmp_path / f"{side}.yaml").write_text(resolved[(path.stem, side)], encoding="utf-8")
        result = validate([str(tmp_path / f"{side}.yaml")]).protocols[0]
        expected = reading(revision)
        assert [(s.id, s.number, s.title) for s in result.sections] == \
            [(s.id, s.number, s.title) for s in expected.sections]
        assert [(c.id, c.number, c.heading) for c in result.clauses()] == \
            [(c.id, c.number, c.heading) for c in expected.clauses()]
        side_of = "amended" if side == "accept" else "original"
        words = {c.id: [markup.plain(getattr(t, side_of)) for t in c.texts()] for c in expected.clauses()}
        assert {c.id: [markup.plain(t.markdown) for t in c.texts()] for c in result.clauses()} == \
            {key: [w for w in value if w] for key, value in words.items()}


@needs_examples("kirklees")
def test_accept_kirklees(resolved):
    data = load(resolved[("kirklees", "accept")])
    assert data["retired_ids"] == ["courteous-contact", "subsequent-sections"]
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["roles"]["title"] == "COUNCILLOR AND OFFICER ROLES"
    assert sections["cabinet"]["number"] == "6" and "was" not in sections["cabinet"]
    assert "note" not in sections["roles"]  # it explained the change of heading
    assert sections["cabinet"]["number_note"]["text"].startswith("The source numbers this heading 5")  # kept
    clauses = {c["id"]: c for c in _clauses(data)}
    assert "courteous-contact" not in clauses and "subsequent-sections" not in clauses
    assert "as amended, where" in " ".join(clauses["delegated-decisions"]["text"].split())
    assert clauses["culture"]["note"]["text"].startswith("This paragraph and the next repeat")  # an unchanged clause's
    assert "note" not in clauses["officers-complaint-informal"]  # it explained "member" → "Councillor"
    # The list that loses its only item keeps its lead-in, as a paragraph.
    assert clauses["expectations"]["body"][0] == {
        "text": "Councillors and Officers should expect each other to....",
        "not_obligations": [{"reason": "introduces the items, each of which states the obligation"}]}
    assert clauses["officers-concerns"]["number_note"] == revisions.KEPT_NUMBER_NOTE  # 13.1 is gone


@needs_examples("kirklees")
def test_reject_kirklees(resolved):
    data = load(resolved[("kirklees", "reject")])
    assert "retired_ids" not in data
    sections = {s["id"]: s for s in data["sections"]}
    assert sections["roles"]["title"] == "Different Roles / Complementary Relationships"
    assert sections["cabinet"]["number"] == "4"
    clauses = {c["id"]: c for c in _clauses(data)}
    assert "quick-guide" not in clauses and "expect-from-officers" not in clauses
    assert clauses["courteous-contact"]["number"] == "11.1" and "change" not in clauses["courteous-contact"]
    assert "in August 2014, where" in " ".join(clauses["delegated-decisions"]["text"].split())


def test_reject_puts_a_moved_clause_back_and_accept_retires_deleted_ids():
    data, _ = read(EVERY)
    rejected, accepted = revisions.reject(data), revisions.accept(data)
    order = [c["id"] for c in rejected["sections"][0]["clauses"]]
    assert order.index("moved-clause") == order.index("gone") + 1
    assert next(c for c in _clauses(rejected) if c["id"] == "moved-clause")["number"] == "1.5"
    assert [s["id"] for s in rejected["sections"]] == ["intro"]
    assert accepted["retired_ids"] == ["old-clause", "gone"]
    assert [c["id"] for c in accepted["sections"][0]["clauses"]][-1] == "moved-clause"


def test_whole_elements_and_obligations():
    data, _ = read(EVERY)
    accepted, rejected = revisions.accept(data), revisions.reject(data)
    items = {side: _clauses(result)[1]["body"][0]["items"] for side, result in (("a", accepted), ("r", rejected))}
    assert items["a"][:2] == ["be impartial", {"label": "(a)", "text": "be *prompt*"}]
    assert items["r"][:2] == ["be impartial", {"label": "(b)", "text": "be late"}]
    purpose = {side: _clauses(result)[0] for side, result in (("a", accepted), ("r", rejected))}
    assert [o["quote"] for o in purpose["a"]["obligations"]] == ["Councillors must be very courteous"]
    assert [o["quote"] for o in purpose["r"]["obligations"]] == ["Councillors shall be courteous"]
    assert purpose["a"]["text"].startswith("Councillors must be very courteous. See")
    assert purpose["r"]["text"].startswith("Councillors shall be courteous indeed. See")


def _clauses(data: dict) -> list[dict]:
    found = []

    def visit(clauses):
        for clause in clauses:
            found.append(clause)
            visit(clause.get("clauses", []))

    for section in data["sections"]:
        visit(section.get("clauses", []))
    return found


def test_notes_go_with_changes_in_place_and_stay_with_whole_insertions_and_deletions():
    data = {"protocol": {"id": "p", "council": "C", "title": "T", "status": "proposed-revision"},
            "sections": [{"id": "s", "title": "S", "clauses": [
                {"id": "new", "change": "inserted", "text": "New words.", "note": "Asked for by the committee."},
                {"id": "old", "change": "deleted", "text": "Old words.", "note": "Printed twice in the source."},
                {"id": "edited", "text": "Some {++more ++}words.", "note": "Explains the edit."},
                {"id": "renumbered", "number": "2", "was": "3", "text": "Words.", "note": "Explains the number."},
                {"id": "kept", "text": "Kept words.", "note": "Stays."}]}]}
    notes = {side: {c["id"]: c.get("note") for c in apply(data)["sections"][0]["clauses"]}
             for side, apply in (("accept", revisions.accept), ("reject", revisions.reject))}
    assert notes["accept"] == {"new": "Asked for by the committee.", "edited": None, "renumbered": None,
                               "kept": "Stays."}
    assert notes["reject"] == {"old": "Printed twice in the source.", "edited": None, "renumbered": None,
                               "kept": "Stays."}
