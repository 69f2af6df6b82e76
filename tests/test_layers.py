"""The package's layout keeps its stages apart: imports only run downwards, never in a circle,
and no output reaches into another output's modules. Read from the source, not by importing it."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "clausebook"
# Each layer may import from the layers before it and from itself, never from one after it.
LAYERS = (
    ("foundation", ("clausebook", "clausebook.resources", "clausebook.settings", "clausebook.words")),
    ("format: from bytes to the model", ("clausebook.format.problems", "clausebook.format.markup",
                                         "clausebook.format.model", "clausebook.format.numbering",
                                         "clausebook.format.loading", "clausebook.format.schema",
                                         "clausebook.format.assemble")),
    ("addresses on the site", ("clausebook.urls",)),
    ("how a reader cites a clause", ("clausebook.citations",)),
    ("readings", ("clausebook.readings",)),
    ("format: the checks, on every reading", ("clausebook.format",)),
    ("records", ("clausebook.records",)),
    ("comparison of councils", ("clausebook.compare_councils",)),
    ("build context", ("clausebook.context",)),
    ("outputs and authoring", ("clausebook.outputs", "clausebook.authoring")),
    ("MkDocs entry", ("clausebook.mkdocs",)),
    ("command line", ("clausebook.cli",)),
)
# Outputs share what is in clausebook.outputs itself; each one's own folder is its own.
SEPARATE = ("clausebook.outputs.site", "clausebook.outputs.print", "clausebook.outputs.word",
            "clausebook.outputs.data", "clausebook.authoring")
# Lines over this need a reason in the module's docstring ("long because ...").
LONGEST = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """The clausebook modules that the file at ``path`` imports (at any depth in the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    known = modules()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("clausebook")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if not base.startswith("clausebook"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return found - {here}


def layer(module: str) -> int:
    """The layer of ``module``: the one whose longest prefix names it."""
    matches = [(len(prefix), index) for index, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes
               if module == prefix or (module.startswith(prefix + ".") and prefix != "clausebook")]
    if matches:
        return max(matches)[1]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py")


def own(module: str) -> str | None:
    return next((s for s in SEPARATE if module == s or module.startswith(s + ".")), None)


def test_every_module_is_in_a_layer():
    for module in modules():
        layer(module)


def test_imports_only_run_downwards():
    upward = []
    for module, path in modules().items():
        for target in imported(path):
            if layer(target) > layer(module):
                upward.append(f"{module} ({LAYERS[layer(module)][0]}) imports {target} ({LAYERS[layer(target)][0]})")
    assert not upward, "\n".join(upward)


def test_no_output_reaches_into_another():
    crossing = []
    for module, path in modules().items():
        mine = own(module)
        for target in imported(path):
            theirs = own(target)
            if theirs and mine and theirs != mine:
                crossing.append(f"{module} imports {target}")
    assert not crossing, "\n".join(crossing)


def test_no_import_cycles():
    graph = {module: imported(path) & set(modules()) for module, path in modules().items()}
    # Importing a package runs its __init__: a module's package is one of its edges.
    seen: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if seen.get(target) == 1:
                cycles.append(" → ".join([*stack[stack.index(target):], target]))
            elif target not in seen:
                visit(target)
        stack.pop()
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node)
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("module", sorted(modules()))
def test_long_modules_say_why(module):
    path = modules()[module]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines <= LONGEST:
        return
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert "long because" in docstring.lower(), (
        f"{path.relative_to(ROOT)} has {lines} lines: split it, or say in its docstring why it is long because …")


def test_every_package_is_installed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    packages = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    assert packages <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(packages - listed)}"
