"""The `clausebook validate` contract: exit codes, streams, file discovery."""

from __future__ import annotations

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
    assert first == (f'{path}:3:54: warning: untagged: "Officers may speak." reads as an obligation: tag it under '
                     "obligations, or under not_obligations with a reason")
    assert second.startswith(f"{path}:3:")
    assert second.endswith(': warning: untagged: "Officers need to listen." reads as an obligation: tag it under '
                           "obligations, or under not_obligations with a reason")


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


def test_help_describes_warnings_and_strict():
    done = validate("--help")
    assert done.returncode == 0
    assert "--strict" in done.stdout and "warning" in done.stdout
