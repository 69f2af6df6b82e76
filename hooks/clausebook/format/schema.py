"""The shape of a source file: JSON Schema validation with messages an author can act on.

jsonschema-rs answers "is this file valid?" fast for every file. Only for a file that is not
valid does the Python ``jsonschema`` validator run, to collect every error, explain each from
the ``anyOf``/``oneOf`` branch that fits the value's type, and word it without dumping the
offending value. ``salvage`` then takes out the smallest pieces that break the schema, so that
the rest of the file can still be assembled and checked: every problem in one run.

The module is long because explaining the errors and salvaging around them read the same errors,
the same instance paths and the same schema branches; split in two, each half would import the
other's helpers.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from clausebook import resources
from clausebook.format.problems import Origin, Problem, at, shorten
from clausebook.format.problems import Path as DataPath

if TYPE_CHECKING:
    import jsonschema

SCHEMA_DIR = resources.SCHEMAS
SOURCE_SCHEMA = SCHEMA_DIR / "source.schema.json"
# The documented shared role identities (an open vocabulary: others are allowed).
SHARED_ROLES: tuple[str, ...] = tuple(
    json.loads(SOURCE_SCHEMA.read_text(encoding="utf-8"))["$defs"]["shared_role"]["examples"])

KIND_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields"}
ID_HINT = "use lower-case letters, digits and single hyphens, starting with a letter"
COMMA_HINT = "a comma inside {…} separates fields; put text that contains a comma in quotes"
# What an entry of each list or mapping is called in a message.
ELEMENTS = {"sections": "section", "clauses": "clause", "body": "block", "items": "item",
            "definitions": "definition", "rows": "row", "columns": "column", "obligations": "obligation",
            "not_obligations": "not_obligations entry", "roles": "role", "documents": "document",
            "protocol": "protocol", "licence": "licence", "table": "table", "each": "each",
            "moved_from": "moved_from", "parts": "part", "variants": "variant", "based_on": "based_on"}
ID_KEYED = ("roles", "documents", "parts", "columns")  # mappings keyed by ids the author chooses
MAX_ROUNDS = 16
PLACEHOLDER_ID = "z0-salvaged-{}"  # stands in for a broken required id while the rest is checked
PLACEHOLDER_LINE = "(missing)"  # stands in for a missing required line


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "nothing" if value is None else type(value).__name__


def _subject(path: DataPath) -> str:
    """How a message names the value at ``path``: its field, or the kind of entry it is."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, str):
        return f"`{last}`"
    parent = path[-2] if len(path) > 1 else None
    if isinstance(parent, str) and parent in ELEMENTS:
        return f"this {ELEMENTS[parent]}"
    return f"an entry of `{parent}`" if isinstance(parent, str) else "this entry"


def _element(path: DataPath) -> str:
    """What the mapping at ``path`` is: 'clause', 'item', a 'role' (an entry of `roles`), …"""
    for index in range(len(path) - 1, -1, -1):
        step = path[index]
        if isinstance(step, str):
            if step not in ELEMENTS and index and path[index - 1] in ID_KEYED:
                return ELEMENTS[str(path[index - 1])]
            return ELEMENTS.get(step, f"`{step}`")
    return "file"


def _as_id(value: str) -> str | None:
    """An id made from a value that is not one ('Second_Clause' → 'second-clause')."""
    words = re.findall(r"[a-z0-9]+", value.lower())
    candidate = "-".join(words)
    return candidate if re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", candidate or "-") else None


def _component(part: str) -> str:
    """One part of a number without leading zeros, its letter in capitals: '02a' → '2A'."""
    digits = part.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return str(int(digits)) + part[len(digits):].upper()


def _as_number(value: str) -> str | None:
    """A number made from a value that is not one ('1.2.' → '1.2', '010' → '10', '1.2a' →
    '1.2A', '(2a' → '(2A)', 'b' → 'B')."""
    text = value.strip(" .")
    if re.fullmatch(r"[A-Za-z]", text):
        return text.upper()
    if "(" in text or ")" in text:
        inner = text.strip("() ")
        if re.fullmatch(r"[0-9]+[A-Za-z]?", inner):
            return f"({_component(inner)})"
        return f"({inner})" if re.fullmatch(r"[a-z]{1,5}", inner) else None
    parts = [_component(part) for part in re.findall(r"[0-9]+[A-Za-z]?", value)]
    if not 1 <= len(parts) <= 6:
        return None
    return ".".join(parts) if all(len(part) <= 5 for part in parts) else None


@dataclass
class Salvaged:
    """A file's data made valid by taking out (or, for a required value, standing in for) what
    breaks the schema; ``removed`` are the paths of what was taken out, as the author typed them."""

    data: Any
    removed: list[DataPath]
    # For each list that lost entries, the old index of each entry kept; for each mapping with a
    # key renamed, the key as typed by its new name.
    kept: dict[DataPath, Any] = field(default_factory=dict)

    def original(self, path: DataPath) -> DataPath:
        """The path, in the file as typed, of the value at ``path`` in the salvaged data."""
        return _original(path, self.kept)


def _original(path: DataPath, kept: dict[DataPath, Any]) -> DataPath:
    steps: list[str | int] = []
    for step in path:
        change = kept.get(tuple(steps))
        if isinstance(step, int) and isinstance(change, list) and 0 <= step < len(change):
            step = change[step]
        elif isinstance(step, str) and isinstance(change, dict):
            step = change.get(step, step)
        steps.append(step)
    return tuple(steps)


def _working(path: DataPath, kept: dict[DataPath, Any]) -> DataPath | None:
    """The inverse of ``_original``: where a value of the data as typed is in the working data."""
    steps: list[str | int] = []
    typed: list[str | int] = []
    for step in path:
        change = kept.get(tuple(typed))
        typed.append(step)
        if isinstance(step, int) and isinstance(change, list):
            if step not in change:
                return None
            step = change.index(step)
        elif isinstance(step, str) and isinstance(change, dict):
            step = next((new for new, old in change.items() if old == step), step)
        steps.append(step)
    return tuple(steps)


class SchemaChecker:
    """Validates the data of one source file against the authoring schema."""

    def __init__(self, schema_path: Path = SOURCE_SCHEMA) -> None:
        self.schema = json.loads(schema_path.read_text(encoding="utf-8"))
        self._fast = jsonschema_rs.Draft202012Validator(self.schema)
        self._defs = self.schema["$defs"]
        self._then_keys = {id(definition["then"]): _required_in(definition.get("if", {}))
                           for definition in self._defs.values()
                           if isinstance(definition, dict) and "then" in definition}

    @cached_property
    def _full(self) -> jsonschema.Validator:
        """The Python validator, imported and built only when a file is not valid."""
        import jsonschema

        return jsonschema.Draft202012Validator(self.schema)

    def check(self, data: Any, file: str) -> list[Problem]:
        """Every schema problem in the file's data, located by path."""
        root = Origin(file=file)
        beyond = _unknown_columns(data, root)
        if self._fast.is_valid(data):
            return beyond
        problems: list[Problem] = []
        for error in self._full.iter_errors(data):
            problems += self._explain(error, root)
        # A cell under an unknown column is reported once, as the unknown column.
        unknown = [problem.origin.path for problem in beyond if problem.origin is not None]
        problems = [problem for problem in problems if problem.origin is None
                    or not any(problem.origin.path[: len(gone)] == gone for gone in unknown)]
        return list(dict.fromkeys(problems + beyond))

    # Salvage -----------------------------------------------------------------------------

    def salvage(self, data: Any) -> Salvaged | None:
        """The data with the smallest pieces that break the schema taken out (a field, or a whole
        list entry whose shape is wrong) and a stand-in for a required id or choice, so that the
        integrity checks can still run on the rest; None when nothing of the file is left."""
        drops: set[DataPath] = set()
        sets: dict[DataPath, Any] = {}
        renames: dict[DataPath, str] = {}
        for _ in range(MAX_ROUNDS):
            working, kept = _apply(data, drops, sets, renames)
            if self._fast.is_valid(working):
                return Salvaged(working, sorted(drops, key=lambda p: [str(s) for s in p]), kept)
            progress = False
            for error in self._full.iter_errors(working):
                for action, path, value in self._fixes(error):
                    path = _original(path, kept)
                    if not path:
                        return None
                    if action == "rename" and path not in renames and path not in drops:
                        renames[path] = value
                        progress = True
                        continue
                    if action == "choose":  # a required choice: the closest to what was typed
                        typed = _at(data, path)
                        close = difflib.get_close_matches(typed, value, n=1) if isinstance(typed, str) else []
                        # else the last: for a protocol's status, draft, which adds no checks of its own
                        action, value = "set", close[0] if close else value[-1]
                    if action == "set" and path not in sets:  # (a stand-in that fails too is taken out)
                        sets[path] = value
                        drops.discard(path)
                        progress = True
                    elif path not in drops:
                        drops.add(path)
                        progress = True
            if not progress:
                return None
        return None

    def _fixes(self, error: jsonschema.ValidationError) -> list[tuple[str, DataPath, Any]]:
        """What to take out (or stand in) so that ``error`` goes away, in the working data's paths:
        ("drop", path, None), ("set", path, value) or ("choose", path, choices)."""
        path = tuple(error.absolute_path)
        instance, kind = error.instance, error.validator
        schema = error.schema if isinstance(error.schema, dict) else {}
        steps = list(error.relative_schema_path)
        drop = [("drop", path, None)]
        if "propertyNames" in steps:
            # A key that is nearly an id ('Members') is checked under the id it should be, so
            # that what refers to it by that id is not reported as well.
            fixed = _as_id(str(instance))
            if fixed and isinstance(instance, str):  # (taken out instead if the id is taken)
                return [("rename", (*path, instance), fixed)]
            return [("drop", (*path, instance), None)]
        if kind == "additionalProperties" and isinstance(instance, dict):
            known = schema.get("properties", {})
            return [("drop", (*path, name), None) for name in instance if name not in known]
        if kind == "required" and isinstance(instance, dict):
            if "dependentSchemas" in steps:
                return [("drop", (*path, steps[steps.index("dependentSchemas") + 1]), None)]
            if id(schema) in self._then_keys:
                keys = [key for key in self._then_keys[id(schema)] if key in instance]
                return [("drop", (*path, key), None) for key in keys] or drop
            fixes = []
            for name in error.validator_value:
                if name in instance:
                    continue
                target = self._resolve(schema.get("properties", {}).get(name, {}))
                if "enum" in target:
                    fixes.append(("choose", (*path, name), [str(choice) for choice in target["enum"]]))
                elif target is self._defs["id"]:
                    fixes.append(("set", (*path, name), PLACEHOLDER_ID.format(len(path))))
                elif target is self._defs["line"]:  # (what names the element is still checked)
                    fixes.append(("set", (*path, name), PLACEHOLDER_LINE))
                else:
                    return drop
            return fixes or drop
        if kind == "not" and isinstance(instance, dict):
            if "x-key" in schema and schema["x-key"] in instance:
                return [("drop", (*path, schema["x-key"]), None)]
            keys = [key for key in (error.validator_value or {}).get("required", ()) if key in instance]
            return [("drop", (*path, keys[-1]), None)] if keys else drop
        if kind in ("anyOf", "oneOf"):
            kinds = _block_kinds(error)
            if kinds and isinstance(instance, dict):
                present = [key for key in kinds if key in instance]
                return [("drop", (*path, key), None) for key in present[1:]] or drop
            branch = _fitting_branch(error)
            if branch is None:
                return drop
            fixes = []
            for sub in branch:
                fixes += self._fixes(sub)
            return fixes or drop
        if kind == "pattern" and schema is self._defs["number"] and isinstance(instance, str):
            number = _as_number(instance)
            return [("set", path, number)] if number else drop
        return drop

    def _resolve(self, schema: Any) -> Any:
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) \
                and schema["$ref"].startswith("#/$defs/"):
            schema = self._defs.get(schema["$ref"].removeprefix("#/$defs/"), {})
        return schema

    # Messages ----------------------------------------------------------------------------

    def _explain(self, error: jsonschema.ValidationError, root: Origin) -> list[Problem]:
        """The problems an error stands for, each at the key or value it is about."""
        path = tuple(error.absolute_path)
        origin = root.child(*path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance, kind = error.instance, error.validator
        subject = _subject(path)
        steps = list(error.relative_schema_path)
        if "propertyNames" in steps:
            name = str(instance)
            fixed = _as_id(name)
            hint = f" (e.g. {fixed!r})" if fixed and fixed != name else ""
            return [at(origin.child(name).at_key(), f"{shorten(name)} is not an id: {ID_HINT}{hint}")]
        if kind in ("anyOf", "oneOf"):
            return self._explain_choice(error, root)
        if kind == "additionalProperties" and isinstance(instance, dict):
            known = list(schema.get("properties", {}))
            problems = []
            for name in instance:
                if name in known:
                    continue
                hint = difflib.get_close_matches(name, known, n=1)
                message = f"unknown field {shorten(name)}"
                message += f" (did you mean {hint[0]!r}?)" if hint else f"; expected one of: {', '.join(known)}"
                comma = f"unknown field {shorten(name)}: {COMMA_HINT}" if instance[name] == "" else None
                problems.append(at(origin.child(name).at_key(), message, unquoted_comma=comma))
            return problems
        if kind == "required" and isinstance(instance, dict):
            if "x-message" in schema:
                keys = [key for key in self._then_keys.get(id(schema), ()) if key in instance]
                if "dependentSchemas" in steps:
                    keys = [steps[steps.index("dependentSchemas") + 1]]
                place = origin.child(keys[0]).at_key() if keys else origin
                return [at(place, schema["x-message"])]
            known = schema.get("properties", {})
            typos = [name for name in instance if name not in known]
            # A field typed under a near name is reported as unknown, with the name it should have.
            missing = [name for name in error.validator_value if name not in instance
                       and not difflib.get_close_matches(name, typos, n=1)]
            return [at(origin, f"missing field `{name}` in this {_element(path)}") for name in missing]
        if kind == "not" and isinstance(instance, dict) and "x-message" in schema:
            key = schema.get("x-key")
            return [at(origin.child(key).at_key() if key in instance else origin, schema["x-message"])]
        if kind == "not" and isinstance(instance, dict):
            keys = [key for key in (error.validator_value or {}).get("required", ()) if key in instance]
            place = origin.child(keys[-1]).at_key() if keys else origin
            return [at(place, f"give either `{keys[0]}` or `{keys[-1]}`, not both: for several paragraphs, "
                              f"put each in `{keys[-1]}` as `- text: …`" if len(keys) == 2 else
                       "give either `text` or `body`, not both")]
        if kind == "type":
            expected = error.validator_value
            names = [KIND_NAMES.get(str(e), str(e)) for e in (expected if isinstance(expected, list) else [expected])]
            return [at(origin, f"{subject} must be {' or '.join(names)}, not {_kind(instance)}")]
        if kind == "enum" and schema is self._defs["flag"]:
            return [at(origin, f"{subject} is written `true`, or left out")]
        if kind == "enum":
            choices = [str(choice) for choice in error.validator_value]
            close = difflib.get_close_matches(str(instance), choices, n=1)
            if close:
                return [at(origin, f"{subject} cannot be {shorten(instance)} (did you mean {close[0]!r}?)")]
            return [at(origin, f"{subject} cannot be {shorten(instance)}: use one of {', '.join(choices)}")]
        if schema is self._defs["condition"] and kind in ("minLength", "pattern"):
            return [at(origin, f"{subject} is empty: give the condition as the source words it, or leave it out")]
        if kind == "pattern" and isinstance(instance, str):
            return [at(origin, self._pattern_message(subject, instance, schema))]
        if kind == "minLength" and _is_section_title(path):
            return [at(origin, f"{subject} must not be empty: where the source prints no title, leave `title` out")]
        if kind == "minLength":
            return [at(origin, f"{subject} must not be empty")]
        if kind == "maxLength":
            return [at(origin, f"{subject} is longer than {error.validator_value} characters: shorten it")]
        if kind in ("minItems", "minProperties"):
            return [at(origin, f"{subject} must not be empty: give at least one entry, or leave it out")]
        from jsonschema.exceptions import best_match

        return [at(origin, f"{subject}: {best_match([error]).message[:200]}")]

    def _pattern_message(self, subject: str, value: str, schema: dict[str, Any]) -> str:
        defs = self._defs
        if schema.get("pattern") == defs["id"]["pattern"]:
            fixed = _as_id(value)
            hint = f" (e.g. {fixed!r})" if fixed and fixed != value else ""
            return f"{subject} {shorten(value)} is not an id: {ID_HINT}{hint}"
        if schema is defs["number"]:
            fixed = _as_number(value)
            if fixed and re.fullmatch(r"[0-9]+(\.[0-9]+)*", value):
                return f"number {shorten(value)} has a leading zero: write {fixed!r}"
            hint = f": write {fixed!r}" if fixed else ": write digits separated by dots, e.g. '9.3', or as " \
                "'2A', 'B' or '(1)'"
            return f"{subject} {shorten(value)} is not a number{hint}"
        if schema is defs["line"]:
            return f"{subject} must be a single line: join its lines (or fold them with >-)"
        if schema is defs["date"]:
            return f"{subject} {shorten(value)} is not a date: write it as YYYY-MM-DD, e.g. '2024-03-05'"
        if schema is defs["url"]:
            return f"{subject} {shorten(value)} is not allowed: an address must start with https://"
        if schema is defs["language"]:
            return f"{subject} {shorten(value)} is not a language code: write it in lower-case letters, " \
                   "e.g. 'cy' for Welsh"
        if "label" in schema.get("description", "").lower():
            return f"{subject} {shorten(value)} is not a label: write it as the source prints it, " \
                   "e.g. (a), a), a., (iv), or with the source's spaces, ( 1 )"
        return f"{subject} {shorten(value)} does not have the expected form"

    def _explain_choice(self, error: jsonschema.ValidationError, root: Origin) -> list[Problem]:
        """An anyOf/oneOf error explained from the branch that fits the value's type."""
        path = tuple(error.absolute_path)
        origin = root.child(*path)
        instance = error.instance
        schema = error.schema if isinstance(error.schema, dict) else {}
        kinds = _block_kinds(error)
        if kinds and isinstance(instance, dict):
            present = [key for key in kinds if key in instance]
            if len(present) > 1:
                return [at(origin.child(present[1]).at_key(),
                           f"a block has both `{present[0]}` and `{present[1]}`: give each its own block "
                           f"(one of {', '.join(kinds)} per block)")]
            return [at(origin, f"a block needs one of: {', '.join(kinds)}")]
        branch = _fitting_branch(error)
        if branch is not None:
            problems: list[Problem] = []
            for sub in branch:
                problems += self._explain(sub, root)
            return list(dict.fromkeys(problems))
        if "x-message" in schema:
            return [at(origin, schema["x-message"])]
        expected = []
        for sub in error.context or []:
            if sub.validator == "type" and not sub.relative_path:
                name = KIND_NAMES.get(str(sub.validator_value), str(sub.validator_value))
                if name not in expected:
                    expected.append(name)
        if expected:
            return [at(origin, f"{_subject(path)} must be {' or '.join(expected)}, not {_kind(instance)}")]
        from jsonschema.exceptions import best_match

        best = best_match(error.context or [])
        return self._explain(best, root) if best is not None else [at(origin, f"{_subject(path)} is not valid here")]


def _is_section_title(path: DataPath) -> bool:
    """Whether ``path`` is a section's title (which may be left out where the source prints none)."""
    return len(path) == 3 and path[0] == "sections" and path[2] == "title"


def _fitting_branch(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError] | None:
    """The errors of the anyOf/oneOf branch whose type the value has (the one with the fewest
    errors, if several do); None when no branch takes a value of its type."""
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [errors for errors in branches.values()
               if not any(sub.validator == "type" and not sub.relative_path for sub in errors)]
    return min(fitting, key=len) if fitting else None


def _block_kinds(error: jsonschema.ValidationError) -> list[str]:
    """For a oneOf of 'required' alternatives (a block's kinds), the keys it chooses between."""
    if error.validator != "oneOf" or not isinstance(error.validator_value, list):
        return []
    kinds = []
    for option in error.validator_value:
        if not (isinstance(option, dict) and set(option) == {"required"} and len(option["required"]) == 1):
            return []
        kinds.append(option["required"][0])
    return kinds


def _required_in(schema: Any) -> list[str]:
    """The keys an `if` schema asks for (outside any `not`)."""
    found: list[str] = []
    if isinstance(schema, dict):
        found += [key for key in schema.get("required", ()) if key not in found]
        for word in ("anyOf", "allOf", "oneOf"):
            for option in schema.get(word, ()):
                found += [key for key in _required_in(option) if key not in found]
    return found


def _unknown_columns(data: Any, root: Origin) -> list[Problem]:
    """Cells of a table row under a key that is not one of the table's columns (the schema
    cannot say so: each table names its own columns)."""
    problems: list[Problem] = []
    sections = data.get("sections") if isinstance(data, dict) else None
    if isinstance(sections, list):
        _find_tables(sections, ("sections",), root, problems)
    return problems


def _find_tables(elements: list[Any], path: DataPath, root: Origin, problems: list[Problem]) -> None:
    for index, element in enumerate(elements):
        if not isinstance(element, dict):
            continue
        clauses, body = element.get("clauses"), element.get("body")
        if isinstance(clauses, list):
            _find_tables(clauses, (*path, index, "clauses"), root, problems)
        if not isinstance(body, list):
            continue
        for number, block in enumerate(body):
            table = block.get("table") if isinstance(block, dict) else None
            if isinstance(table, dict) and isinstance(table.get("columns"), dict) \
                    and isinstance(table.get("rows"), list):
                where = root.child(*path, index, "body", number, "table", "rows")
                _check_rows(table["columns"], table["rows"], where, problems)


def _check_rows(columns: dict[str, Any], rows: list[Any], where: Origin, problems: list[Problem]) -> None:
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        for name, value in row.items():
            if name in columns or name in ("change", "note"):
                continue
            hint = difflib.get_close_matches(name, list(columns), n=1)
            message = f"unknown column {shorten(name)}"
            message += f" (did you mean {hint[0]!r}?)" if hint else f"; the columns are: {', '.join(columns)}"
            comma = f"unknown column {shorten(name)}: {COMMA_HINT}" if value == "" else None
            problems.append(at(where.child(index, name).at_key(), message, unquoted_comma=comma))


def _apply(data: Any, drops: set[DataPath], sets: dict[DataPath, Any],
           renames: dict[DataPath, str]) -> tuple[Any, dict[DataPath, Any]]:
    """A copy of ``data`` with the values at ``sets`` replaced, those at ``drops`` taken out and
    the keys at ``renames`` renamed (all paths as typed); and how paths changed (see Salvaged)."""
    data = copy.deepcopy(data)
    for path, value in sets.items():
        parent = _at(data, path[:-1])
        if path not in drops and isinstance(parent, dict):  # a stand-in is always a field's value
            parent[path[-1]] = value
    by_parent: dict[DataPath, set[str | int]] = {}
    for path in drops:
        by_parent.setdefault(path[:-1], set()).add(path[-1])
    kept: dict[DataPath, list[int]] = {}
    # Deepest first: taking entries out of a list shifts the entries after them, so every path
    # that goes through a list is used before that list is shortened.
    for parent_path in sorted(by_parent, key=len, reverse=True):
        parent, gone = _at(data, parent_path), by_parent[parent_path]
        if isinstance(parent, dict):
            for key in gone:
                parent.pop(key, None)
        elif isinstance(parent, list):
            kept[parent_path] = [index for index in range(len(parent)) if index not in gone]
            parent[:] = [parent[index] for index in kept[parent_path]]
    for path, new in renames.items():
        where = _working(path[:-1], kept)
        parent = _at(data, where) if where is not None else None
        if isinstance(parent, dict) and path[-1] in parent and new not in parent:
            entries = list(parent.items())
            parent.clear()
            parent.update((new if key == path[-1] else key, value) for key, value in entries)
            kept.setdefault(path[:-1], {})[new] = path[-1]
    return data, kept


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
