"""`clausebook adopt`: a proposed revision recorded as adopted in one step — the file becomes the
text as adopted, the text it replaces is kept under the key readers already used for it — and
every refusal leaves the folder as it was."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from clausebook import cli
from clausebook.authoring.compare_versions import compare
from clausebook.format.loading import load_text
from clausebook.format.validation import validate
from conftest import FIXTURES, needs_examples, source_protocols

PROPOSAL = """\
# yaml-language-server: $schema=../schema/source.schema.json
protocol: {id: demo, council: Demo Council, title: Demo protocol, status: proposed-revision, revised: "2026-11-01"}
roles:
  members: {label: Members, shared: councillor}
sections:
  - id: general
    title: General
    clauses:
      - id: courtesy
        text: Members must be {++always ++}courteous.
        obligations: [{who: members, modality: must}]
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command's exit code, stdout and stderr, run in this process."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, by its path inside it, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def after_protocol(text: str) -> str:
    """A source file's text from its first top-level key after ``protocol:``."""
    lines = text.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines)
                 if index > 0 and line[:1].isalpha() and not line.startswith("protocol:"))
    return "".join(lines[start:])


def protocol_block(text: str) -> dict:
    data, problems = load_text(text, "test.yaml")
    assert data is not None, problems
    return data["protocol"]


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    """A small proposed revision, alone in a folder."""
    (tmp_path / "source").mkdir()
    path = tmp_path / "source" / "demo.yaml"
    path.write_text(PROPOSAL, encoding="utf-8")
    return path


@needs_examples("kirklees")
def test_kirklees_adopted_keeps_the_text_it_replaces_as_original(tmp_path, capsys):
    folder = tmp_path / "source"
    folder.mkdir()
    file = folder / "kirklees.yaml"
    shutil.copyfile(source_protocols()["kirklees"], file)
    assert run(capsys, "reject", str(file), "-o", str(tmp_path / "rejected.yaml"))[0] == 0
    assert run(capsys, "accept", str(file), "-o", str(tmp_path / "accepted.yaml"))[0] == 0

    code, out, _ = run(capsys, "adopt", str(file), "--date", "2027-01-20", "--effective", "2027-02-01",
                       "--minute", "Council, 20 January 2027, minute 45")
    kept = folder / "versions" / "kirklees" / "original.yaml"
    assert (code, out) == (0, f"kirklees: adopted 2027-01-20 (Council, 20 January 2027, minute 45), in force from "
                              f"2027-02-01; the text it replaces is kept as {kept}\n")
    assert sorted(files(folder)) == ["kirklees.yaml", "versions/kirklees/original.yaml"]

    result = validate([str(folder)])
    assert result.problems == ()
    history = result.histories["kirklees"]
    assert [(v.key, v.dated, v.status, v.in_force_from, v.in_force_to, v.current) for v in history] == [
        ("original", False, "superseded", None, "2027-02-01", False),
        ("2027-01-20", True, "in force", "2027-02-01", None, True),
    ]
    assert history[1].minute == "Council, 20 January 2027, minute 45"

    # The kept text is `reject`'s, adopted, its schema modeline pointing at the same schema from its folder.
    rejected = (tmp_path / "rejected.yaml").read_text(encoding="utf-8")
    modeline, rest = rejected.split("\n", 1)
    assert modeline == "# yaml-language-server: $schema=../schema/source.schema.json"
    assert rest.count("\n  status: draft\n") == 1
    expected = ("# yaml-language-server: $schema=../../../schema/source.schema.json\n"
                + rest.replace("\n  status: draft\n", "\n  status: adopted\n"))
    assert kept.read_text(encoding="utf-8") == expected

    # FILE is `accept`'s but for the protocol block, which records the adoption.
    accepted = (tmp_path / "accepted.yaml").read_text(encoding="utf-8")
    adopted = file.read_text(encoding="utf-8")
    assert after_protocol(adopted) == after_protocol(accepted)
    assert protocol_block(adopted) == {**protocol_block(accepted), "status": "adopted", "adopted": "2027-01-20",
                                       "minute": "Council, 20 January 2027, minute 45", "effective": "2027-02-01"}

    # Adopted now: a second adopt is refused, and changes nothing.
    before = files(folder)
    code, _, err = run(capsys, "adopt", str(file), "--date", "2027-03-01", "--minute", "Council, minute 50")
    assert code == 2 and "proposed-revision" in err
    assert files(folder) == before


def test_the_kept_text_is_named_by_its_stated_adoption_date(proposal, capsys):
    text = PROPOSAL.replace('revised: "2026-11-01"}', 'adopted: "2019-05-14", minute: "Council, minute 3"}')
    proposal.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "adopt", str(proposal), "--date", "2026-12-01", "--minute", "Council,  minute 9 ")
    kept = proposal.parent / "versions" / "demo" / "2019-05-14.yaml"
    assert (code, err) == (0, "")
    assert out == (f"demo: adopted 2026-12-01 (Council, minute 9), in force from 2026-12-01; the text it replaces "
                   f"is kept as {kept}\n")
    assert protocol_block(kept.read_text(encoding="utf-8")) == {
        "id": "demo", "council": "Demo Council", "title": "Demo protocol", "status": "adopted",
        "adopted": "2019-05-14", "minute": "Council, minute 3"}
    assert "Members must be courteous." in kept.read_text(encoding="utf-8")
    assert protocol_block(proposal.read_text(encoding="utf-8")) == {
        "id": "demo", "council": "Demo Council", "title": "Demo protocol", "status": "adopted",
        "adopted": "2026-12-01", "minute": "Council, minute 9", "effective": "2026-12-01"}
    assert "Members must be always courteous." in proposal.read_text(encoding="utf-8")
    history = validate([str(proposal.parent)]).histories["demo"]
    assert [(v.key, v.status, v.in_force_from, v.in_force_to) for v in history] == [
        ("2019-05-14", "superseded", "2019-05-14", "2026-12-01"), ("2026-12-01", "in force", "2026-12-01", None)]
    assert not [path for path in proposal.parent.rglob("*") if path.name.endswith(".tmp")]


def test_without_a_date_the_first_text_is_original_and_revised_goes(proposal, capsys):
    assert run(capsys, "adopt", str(proposal), "--date", "2027-01-20", "--minute", "Council, minute 45")[0] == 0
    kept = proposal.parent / "versions" / "demo" / "original.yaml"
    assert "revised" not in protocol_block(kept.read_text(encoding="utf-8"))
    assert "revised" not in protocol_block(proposal.read_text(encoding="utf-8"))


REFUSED = {
    "a date not as YYYY-MM-DD": (["--date", "20/01/2027"], "YYYY-MM-DD"),
    "a date there is not": (["--date", "2027-02-30"], "no such date"),
    "an effective date not as YYYY-MM-DD": (["--effective", "2027-2-1"], "YYYY-MM-DD"),
    "in force before it is adopted": (["--effective", "2027-01-19"], "before --date 2027-01-20"),
    "an empty minute": (["--minute", "  "], "--minute is empty"),
}


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_a_mistaken_command_is_refused_and_writes_nothing(proposal, capsys, change):
    options, message = change
    given = {"--date": "2027-01-20", "--minute": "Council, minute 45"}
    given.update(zip(options[::2], options[1::2], strict=True))
    before = files(proposal.parent)
    code, out, err = run(capsys, "adopt", str(proposal), *(word for pair in given.items() for word in pair))
    assert (code, out) == (2, "")
    assert err.startswith("clausebook: ") and message in err
    assert files(proposal.parent) == before


def test_a_file_that_is_no_proposal_or_a_kept_version_already_there_is_refused(proposal, capsys):
    command = ["adopt", str(proposal), "--date", "2027-01-20", "--minute", "Council, minute 45"]
    adopted = proposal.parent / "adopted.yaml"
    adopted.write_text(PROPOSAL.replace("demo", "other").replace("status: proposed-revision", "status: adopted")
                       .replace("{++always ++}", ""), encoding="utf-8")
    code, _, err = run(capsys, "adopt", str(adopted), *command[2:])
    assert code == 2 and "its status is 'adopted'" in err

    kept = proposal.parent / "versions" / "demo" / "original.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_text("already here\n", encoding="utf-8")
    before = files(proposal.parent)
    code, _, err = run(capsys, *command)
    # (with an earlier version kept, the text in force has a date to state before its name is known)
    assert code == 2 and "state it in the protocol block (adopted: YYYY-MM-DD)" in err
    proposal.write_text(PROPOSAL.replace('revised: "2026-11-01"', 'adopted: "2020-01-01"'), encoding="utf-8")
    (kept.parent / "2020-01-01.yaml").write_text("already here\n", encoding="utf-8")
    before = files(proposal.parent)
    code, _, err = run(capsys, *command)
    assert code == 2 and f"{kept.parent / '2020-01-01.yaml'} exists already" in err
    code, _, err = run(capsys, *command[:2], "--date", "2019-12-31", *command[4:])
    assert code == 2 and "not after 2020-01-01" in err
    assert files(proposal.parent) == before
    code, _, err = run(capsys, "adopt", str(proposal.parent / "missing.yaml"), *command[2:])
    assert code == 2 and "no such file" in err


def test_a_folder_that_would_not_be_valid_is_left_as_it_was(proposal, capsys):
    # Another file of the folder holds the same protocol: the folder as it would be is not valid.
    (proposal.parent / "copy.yaml").write_text(PROPOSAL.replace("status: proposed-revision", "status: adopted")
                                               .replace("{++always ++}", ""), encoding="utf-8")
    before = files(proposal.parent)
    code, out, err = run(capsys, "adopt", str(proposal), "--date", "2027-01-20", "--minute", "Council, minute 45")
    assert (code, out) == (1, "")
    assert "protocol id 'demo' is already used" in err and str(proposal) in err
    assert files(proposal.parent) == before


# The history fixture: four versions of one protocol, made by `accept`, `compare` and `adopt`

HISTORY = FIXTURES / "history"


def test_the_history_fixture_gives_each_version_in_order_with_its_dates():
    result = validate([str(HISTORY)], strict=True)
    assert (result.problems, result.warnings) == ((), ())
    assert [protocol.id for protocol in result.protocols] == ["somerset"]
    history = result.histories["somerset"]
    assert [(v.key, v.dated, v.status, v.in_force_from, v.in_force_to, v.current) for v in history] == [
        ("original", False, "superseded", None, "2019-06-01", False),
        ("2019-05-14", True, "superseded", "2019-06-01", "2022-11-08", False),
        ("2022-11-08", True, "superseded", "2022-11-08", "2024-04-01", False),
        ("2024-03-05", True, "in force", "2024-04-01", None, True),
    ]
    assert [v.minute for v in history] == [None, "Full Council, 14 May 2019, minute 27",
                                           "Full Council, 8 November 2022, minute 61",
                                           "Full Council, 5 March 2024, minute 12"]
    assert [v.protocol.version_key for v in history[:-1]] == ["original", "2019-05-14", "2022-11-08"]


def test_between_the_first_and_the_last_version_clauses_are_inserted_deleted_moved_and_renumbered():
    first = load_text((HISTORY / "versions" / "somerset" / "original.yaml").read_text(encoding="utf-8"), "first")[0]
    last = load_text((HISTORY / "somerset.yaml").read_text(encoding="utf-8"), "last")[0]
    marks = [(clause["id"], clause.get("change"), "was" in clause)
             for section in compare(first, last)["sections"] for clause in section["clauses"]
             if "change" in clause or "was" in clause]
    assert {change for _, change, _ in marks} >= {"inserted", "deleted", "moved"}
    assert any(renumbered and change is None for _, change, renumbered in marks)


@needs_examples("somerset")
def test_the_history_fixture_is_what_its_script_makes(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("history_make", HISTORY / "make.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.make(tmp_path, source_protocols()["somerset"])
    assert files(tmp_path) == {name: data for name, data in files(HISTORY).items() if name != "make.py"}


def test_untagged_sentences_of_the_kept_text_are_warnings_in_it(proposal, capsys):
    # Deleted words have no tags of their own: once kept, their sentence reads as an untagged obligation.
    proposal.write_text(PROPOSAL.replace("{++always ++}courteous.", "courteous.{-- Officers should reply promptly.--}"),
                        encoding="utf-8")
    code, out, err = run(capsys, "adopt", str(proposal), "--date", "2027-01-20", "--minute", "Council, minute 45")
    kept = proposal.parent / "versions" / "demo" / "original.yaml"
    assert code == 0 and out.startswith("demo: adopted 2027-01-20")
    assert err.startswith(f"{kept}:") and ': warning: untagged: "Officers should reply promptly."' in err
    assert err.count("\n") == 1
    assert "Officers should reply promptly." in kept.read_text(encoding="utf-8")
