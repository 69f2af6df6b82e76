"""clausebook as others install it: a wheel in a fresh virtualenv, the lock file, and the
pre-commit hooks a council's repository uses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import FIXTURES, ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Mistakes that only the JSON Schema catches: the installed package must have found its schema.
SCHEMA_MISTAKES = ["unknown-field.yaml", "bad-enum.yaml", "wrong-type.yaml"]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def run(self, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """A command in the installed environment, as a shell with only that venv on PATH runs it."""
        env = {"PATH": f"{self.bin}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(cwd), "LANG": "C.UTF-8"}
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A wheel built from a copy of the project, installed into a new virtualenv.

    The virtualenv gets no clausebook code from this checkout; it sees this checkout's locked
    dependencies through a .pth file, so nothing is downloaded.
    """
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    tree.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", tree)
    for folder in ("hooks", "schema"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work / "dist"),
                    str(tree)], check=True, capture_output=True, timeout=300)
    (wheel,) = (work / "dist").glob("clausebook-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "clausebook-test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return Installed(wheel=wheel, venv=venv)


def test_wheel_holds_every_schema_and_template(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    schemas = {f"clausebook/schemas/{p.name}" for p in (ROOT / "schema").glob("*.json")}
    templates_dir = ROOT / "hooks" / "clausebook" / "templates"
    templates = {f"clausebook/templates/{p.relative_to(templates_dir).as_posix()}"
                 for p in templates_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert "clausebook/schemas/source.schema.json" in schemas
    assert schemas | templates <= names


def test_installed_package_reads_its_own_data(installed, tmp_path):
    done = installed.run("python", "-c", (
        "import clausebook\n"
        "from clausebook import resources\n"
        "print(clausebook.__file__, resources.SCHEMAS, resources.TEMPLATES, sep='\\n')\n"
        "from clausebook.outputs.html import environment\n"
        "env = environment()  # the package's own environment, with its filters\n"
        "assert [env.get_template(name) for name in env.list_templates()]\n"
    ), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    package = installed.venv.resolve() / "lib"
    for line in done.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(package), line


def test_wheel_install_validates_source_from_anywhere(installed, tmp_path):
    done = installed.run("clausebook", "validate", str(ROOT / "source"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout and "Traceback" not in done.stderr


def test_wheel_install_reports_schema_mistakes_as_the_checkout_does(installed, tmp_path):
    for name in SCHEMA_MISTAKES:
        path = FIXTURES / "invalid" / name
        done = installed.run("clausebook", "validate", str(path), cwd=tmp_path)
        checkout = subprocess.run([sys.executable, "-m", "clausebook.cli", "validate", str(path)], cwd=tmp_path,
                                  capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
        assert done.returncode == checkout.returncode == 1, (name, done.stderr)
        assert done.stderr == checkout.stderr and done.stderr.startswith(f"{path}:"), name


# The lock file

def _locked() -> dict[str, tuple[str, int]]:
    """Each package in requirements.lock: its pinned version(s) and how many hashes it has."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    found: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        requirement = Requirement(entry.split("\\")[0].strip())
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        version = str(requirement.specifier).removeprefix("==")
        previous = found.get(name, ("", 0))[0]
        found[name] = (f"{previous} {version}".strip(), entry.count("--hash=sha256:"))
    return found


def test_lock_pins_every_declared_dependency_at_its_declared_version():
    locked = _locked()
    project = PYPROJECT["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for line in declared:
        requirement = Requirement(line)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert name in locked, f"{name} is not in requirements.lock: run `make lock`"
        assert locked[name][0] == str(requirement.specifier).removeprefix("=="), f"{name}: run `make lock`"


def test_every_locked_package_has_a_hash_and_an_exact_version():
    locked = _locked()
    assert {"pip", "setuptools", "jinja2", "markupsafe"} <= locked.keys()
    for name, (version, hashes) in locked.items():
        assert hashes >= 1, name
        assert re.fullmatch(r"[\w.]+( [\w.]+)*", version), f"{name} is not pinned to one version: {version}"


def test_makefile_installs_only_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line and "#" not in line]
    assert any("--require-hashes" in line and "$(LOCK)" in line for line in installs)
    for line in installs:
        assert "--require-hashes" in line or "--no-deps" in line or "$(LOCKER)" in line, line


# pre-commit

def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_pre_commit_hooks_have_check_jsonschemas_shape():
    hooks = _hooks()
    assert [hook["id"] for hook in hooks] == ["clausebook-validate", "clausebook-validate-all"]
    scripts = PYPROJECT["project"]["scripts"]
    for hook in hooks:
        assert {"id", "name", "description", "entry", "language", "files", "pass_filenames"} <= hook.keys()
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] in scripts and hook["entry"].split()[1] == "validate"
        files = re.compile(hook["files"])
        for path in ("source/somerset.yaml", "source/parts/h.yml"):
            assert files.search(path), path
        for path in ("mkdocs.yml", "docs/source.yaml", "source/notes.txt", "tests/source/x.yaml"):
            assert not files.search(path), path
    assert hooks[0]["pass_filenames"] is True and hooks[0]["require_serial"] is True


def test_pre_commit_entries_run_the_installed_console_script(installed, tmp_path):
    council = tmp_path / "council"
    shutil.copytree(ROOT / "source", council / "source")
    files = sorted(p.relative_to(council).as_posix() for p in (council / "source").rglob("*") if p.is_file())
    for hook in _hooks():
        command = hook["entry"].split()
        assert (installed.bin / command[0]).is_file()
        selected = [f for f in files if re.search(hook["files"], f)]
        done = installed.run(*command, *(selected if hook["pass_filenames"] else []), cwd=council)
        assert done.returncode == 0, (hook["id"], done.stderr)
