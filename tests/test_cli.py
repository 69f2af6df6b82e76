"""The `clausebook validate` contract: exit codes, streams, file discovery."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT, source_protocols


def validate(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clausebook.cli", "validate", *args], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})


def test_default_is_source_and_valid():
    done = validate()
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if ": warning: " not in line] == []
    assert done.stdout.count("\n") == 1
    count = len(source_protocols())
    assert done.stdout.startswith(f"{count} protocol{'' if count == 1 else 's'}, ")


def test_missing_path_is_a_usage_error():
    done = validate("no/such/place")
    assert done.returncode == 2
    assert "no/such/place" in done.stderr
    assert "Traceback" not in done.stderr


def test_folder_without_yaml_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    done = validate(str(tmp_path))
    assert done.returncode == 2


def test_yml_files_are_found_and_every_problem_reported_in_one_run(tmp_path):
    for name in ("a.yml", "b.yaml"):
        (tmp_path / name).write_text("protocol: {id: x}\n")
    done = validate(str(tmp_path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert {line.split(":")[0] for line in lines} == {str(tmp_path / "a.yml"), str(tmp_path / "b.yaml")}
    assert all(line.count(":") >= 3 for line in lines)


def test_duplicate_protocol_across_files_points_at_the_later_and_names_the_earlier(tmp_path):
    text = (FIXTURES / "valid" / "minimal.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text(text)
    done = validate(str(tmp_path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'b.yaml'}:2:16: protocol id 'minimal' is already used (first at {tmp_path / 'a.yaml'}:2:16)"
    ]


def test_byte_level_problems(tmp_path):
    good = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    cases = {
        "utf16.yaml": (good.encode("utf-16"), "1:1: the file is UTF-16; save it as UTF-8"),
        "latin1.yaml": ("# café\n".encode("latin-1") + good.encode(),
                        "1:6: byte 0xE9 is not UTF-8; save the file as UTF-8"),
        "binary.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00", "1:1: this is a binary file, not YAML text"),
        "huge.yaml": (b"# " + b"x" * (5 * 1024 * 1024) + b"\n", "1:1: the file is 5.0 MB; the limit is 4 MB: split it"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        done = validate(str(path))
        assert (done.returncode, done.stderr.strip()) == (1, f"{path}:{message}"), name


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "valid" / "minimal.yaml").read_bytes())
    assert validate(str(path)).returncode == 0


UNTAGGED = ("protocol: {{id: p, council: C, title: T, status: {status}}}\n"
            "roles: {{officers: {{label: Officers}}}}\n"
            "sections: [{{id: s, title: S, clauses: [{{id: c, text: Officers may speak. Officers need to listen.}}]}}]"
            "\n")


def test_an_untagged_obligation_is_a_warning_counted_in_the_summary(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(UNTAGGED.format(status="adopted"))
    done = validate(str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1 protocol, 1 clause in 1 file: valid, 2 warnings\n"
    first, second = done.stderr.splitlines()
    assert first == (f'{path}:3:54: warning: untagged: "Officers may speak." reads as an obligation ("may"): '
                     "tag it under obligations, or under not_obligations with a reason")
    assert second.startswith(f"{path}:3:")
    assert second.endswith(': warning: untagged: "Officers need to listen." reads as an obligation ("need to"): '
                           "tag it under obligations, or under not_obligations with a reason")


def test_strict_makes_an_untagged_obligation_an_error(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(UNTAGGED.format(status="adopted"))
    done = validate("--strict", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{path}:3:") and ": untagged: " in line for line in lines)
    assert not any("warning:" in line for line in lines)


def test_a_draft_has_no_untagged_warnings(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(UNTAGGED.format(status="draft"))
    done = validate("--strict", str(path))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "1 protocol, 1 clause in 1 file: valid\n"


def test_untagged_lists_a_drafts_sentences_to_tag(tmp_path):
    """A draft just imported from Word has no obligations yet: --untagged lists what to tag."""
    path = tmp_path / "p.yaml"
    path.write_text(UNTAGGED.format(status="draft"))
    done = validate("--untagged", str(path))
    lines = done.stderr.splitlines()
    assert done.returncode == 0 and len(lines) == 2
    assert all(line.startswith(f"{path}:3:") and ": warning: untagged: " in line for line in lines)


def test_help_describes_warnings_and_strict():
    done = validate("--help")
    assert done.returncode == 0
    assert "--strict" in done.stdout and "warning" in done.stdout


# format, accept, reject, compare: output to stdout or -o, never over an input, exit 0/1/2

def clausebook(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clausebook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": os.environ.get("PATH", "")})


REVISION = FIXTURES / "valid" / "every-construct.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def test_format_writes_the_canonical_layout_to_stdout():
    done = clausebook("format", str(MINIMAL))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("# yaml-language-server: $schema=../../../schema/source.schema.json\nprotocol:\n")
    assert clausebook("format", "-").returncode == 2  # not a file


def test_accept_reject_compare_round_trip_through_files(tmp_path):
    accepted, rejected, compared = (tmp_path / name for name in ("a.yaml", "r.yaml", "c.yaml"))
    for command, out in (("accept", accepted), ("reject", rejected)):
        done = clausebook(command, str(REVISION), "-o", str(out))
        assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), done.stderr
    done = clausebook("compare", str(rejected), str(accepted), "-o", str(compared))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert "status: proposed-revision" in compared.read_text()
    assert clausebook("accept", str(compared)).stdout == accepted.read_text()
    assert clausebook("reject", str(compared)).stdout == rejected.read_text()
    assert clausebook("accept", str(accepted)).stdout == accepted.read_text()  # accepting again changes nothing


def test_an_input_is_never_overwritten(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(REVISION.read_bytes())
    for args in (("format", str(path)), ("accept", str(path)), ("reject", str(path)),
                 ("compare", str(MINIMAL), str(path)), ("compare", str(path), str(MINIMAL))):
        done = clausebook(*args, "-o", str(path))
        assert done.returncode == 2, args
        assert "is an input" in done.stderr and "Traceback" not in done.stderr
        assert path.read_bytes() == REVISION.read_bytes()


def test_usage_errors(tmp_path):
    assert clausebook("accept").returncode == 2
    done = clausebook("accept", "no/such/file.yaml")
    assert (done.returncode, done.stderr) == (2, "clausebook: no/such/file.yaml: no such file\n")
    done = clausebook("compare", "no-such-revision:tests/fixtures/valid/minimal.yaml", str(MINIMAL))
    assert done.returncode == 2 and "git cannot show it" in done.stderr
    done = clausebook("accept", str(MINIMAL), "-o", str(tmp_path / "no" / "such" / "folder.yaml"))
    assert done.returncode == 2 and "no such folder" in done.stderr


def test_problems_in_an_input_are_located_and_exit_1(tmp_path):
    bad = FIXTURES / "invalid" / "duplicate-key.yaml"
    for args in (("format", str(bad)), ("accept", str(bad)), ("compare", str(bad), str(MINIMAL))):
        done = clausebook(*args)
        assert (done.returncode, done.stdout) == (1, ""), args
        assert done.stderr.startswith(f"{bad}:") and "duplicate key" in done.stderr
    done = clausebook("compare", str(REVISION), str(MINIMAL))
    assert done.returncode == 1
    line, column = first_change(REVISION)
    assert done.stderr.startswith(f"{REVISION}:{line}:{column}: this version has tracked changes")


def first_change(path) -> tuple[int, int]:
    """Where the first tracked change of a source file starts: its line and column."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found = [line.index(mark) for mark in ("{--", "{++", "{~~") if mark in line]
        if found:
            return number, min(found) + 1
    raise AssertionError(f"{path} has no tracked change")


def test_compare_reads_the_old_version_from_git(tmp_path):
    """The adopted version as committed, against the working copy edited since."""
    git = ["git", "-c", "user.name=Clerk", "-c", "user.email=clerk@example.org", "-c", "init.defaultBranch=main"]
    (tmp_path / "source").mkdir()
    protocol = tmp_path / "source" / "minimal.yaml"
    shutil.copy2(MINIMAL, protocol)
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "adopted"], ["tag", "adopted"]):
        subprocess.run([*git, *command], cwd=tmp_path, check=True, capture_output=True)
    protocol.write_text(MINIMAL.read_text().replace("Members must be courteous.", "Members must be very courteous."))
    done = clausebook("compare", "adopted:source/minimal.yaml", "source/minimal.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Members must be {++very++} courteous." in done.stdout


def test_problems_in_the_written_file_are_reported_with_exit_1(tmp_path):
    """A revision whose struck words link to a clause it inserts: rejected, the link has no
    target. The file is written all the same, and the problem reported at its place in it."""
    source = tmp_path / "p.yaml"
    source.write_text(
        "protocol: {id: p, council: C, title: T, status: proposed-revision}\n"
        "sections:\n"
        "  - id: s\n"
        "    title: S\n"
        "    clauses:\n"
        "      - {id: first, text: \"Words. {--See [the next](#later).--}\"}\n"
        "      - {id: later, text: New words., change: inserted}\n")
    assert validate(str(source)).returncode == 0
    out = tmp_path / "r.yaml"
    done = clausebook("reject", str(source), "-o", str(out))
    assert done.returncode == 1
    assert out.read_text().count("See [the next](#later).") == 1
    assert done.stderr.startswith(f"{out}:") and "#later" in done.stderr
    done = clausebook("reject", str(source))
    assert done.returncode == 1 and done.stderr.startswith("<stdout>:") and "See [the next]" in done.stdout
