"""The shape of a source file: JSON Schema validation with messages an author can act on.

jsonschema-rs answers "is this file valid?" fast for every file. Only for a file that is not
valid does the Python ``jsonschema`` validator run, to collect every error, pick the useful one
out of ``anyOf``/``oneOf`` noise, and word it without dumping the offending value.
"""

from __future__ import annotations

import copy
import difflib
import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .problems import Origin, Problem, at, shorten

if TYPE_CHECKING:
    import jsonschema

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
SOURCE_SCHEMA = SCHEMA_DIR / "source.schema.json"

KIND_NAMES = {"string": "text", "array": "a list", "object": "a mapping of fields"}
PATTERN_HINTS = {
    "id": "an id uses lower-case letters, digits and single hyphens, and starts with a letter",
    "number": 'a number is digits separated by dots, without a final full stop, e.g. "9.3"',
    "line": "this must be a single line",
    "date": "a date is written YYYY-MM-DD, in quotes",
    "url": "an address must start with https://",
}


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return "nothing" if value is None else type(value).__name__


class SchemaChecker:
    """Validates the data of one source file against the authoring schema."""

    def __init__(self, schema_path: Path = SOURCE_SCHEMA) -> None:
        self.schema = json.loads(schema_path.read_text(encoding="utf-8"))
        self._fast = jsonschema_rs.Draft202012Validator(self.schema)
        defs = self.schema["$defs"]
        self._hints = {id(defs[name]): hint for name, hint in PATTERN_HINTS.items()}

    @cached_property
    def _full(self) -> jsonschema.Validator:
        """The Python validator, imported and built only when a file is not valid."""
        import jsonschema

        return jsonschema.Draft202012Validator(self.schema)

    def check(self, data: Any, file: str) -> list[Problem]:
        """Every schema problem in the file's data, located by path."""
        if self._fast.is_valid(data):
            return []
        root = Origin(file=file)
        return [self._explain(error, root) for error in self._full.iter_errors(data)]

    def salvage(self, data: Any) -> tuple[Any, list[tuple[str | int, ...]]] | None:
        """The data with the fields that break the schema removed, and their paths, so that
        the integrity checks can still run on the rest; None when that is not enough."""
        data = copy.deepcopy(data)
        removed: list[tuple[str | int, ...]] = []
        for _ in range(4):
            if self._fast.is_valid(data):
                return data, removed
            for error in list(self._full.iter_errors(data)):
                path = tuple(error.absolute_path)
                if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                    known = error.schema.get("properties", {})
                    for name in [name for name in error.instance if name not in known]:
                        del error.instance[name]
                        removed.append((*path, name))
                elif path and isinstance(path[-1], str):
                    parent = _at(data, path[:-1])
                    if isinstance(parent, dict) and path[-1] in parent:
                        del parent[path[-1]]
                        removed.append(path)
        return None

    def _explain(self, error: jsonschema.ValidationError, root: Origin) -> Problem:
        from jsonschema.exceptions import best_match

        origin = root.child(*error.absolute_path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        kind = error.validator
        if kind in ("anyOf", "oneOf"):
            if "x-message" in schema:
                return at(origin, schema["x-message"])
            best = best_match(error.context or [])
            if best is not None:
                return self._explain(best, root)
        if kind == "additionalProperties" and isinstance(error.instance, dict):
            known = list(schema.get("properties", {}))
            problem = None
            for name in error.instance:
                if name not in known:
                    hint = difflib.get_close_matches(name, known, n=1)
                    message = f"unknown field {shorten(name)}"
                    message += f" (did you mean {hint[0]!r}?)" if hint else f"; expected one of: {', '.join(known)}"
                    problem = at(origin.child(name).at_key(), message)
                    break
            if problem:
                return problem
        if kind == "required" and "x-message" in schema:
            return at(origin, schema["x-message"])
        if kind == "required":
            return at(origin, f"missing field {_missing(error)!r}")
        if kind == "type":
            expected = KIND_NAMES.get(str(error.validator_value), str(error.validator_value))
            return at(origin, f"expected {expected} here, not {_kind(error.instance)}")
        if kind == "enum":
            choices = [str(choice) for choice in error.validator_value]
            close = difflib.get_close_matches(str(error.instance), choices, n=1)
            if close:
                return at(origin, f"{shorten(error.instance)} is not allowed here (did you mean {close[0]!r}?)")
            return at(origin, f"{shorten(error.instance)} is not one of: {', '.join(choices)}")
        if kind == "pattern" and "propertyNames" in error.schema_path:
            return at(origin.child(error.instance).at_key(), f"{shorten(error.instance)}: {PATTERN_HINTS['id']}")
        if kind == "pattern":
            hint = self._hints.get(id(schema)) or schema.get("description", "it does not have the expected form")
            return at(origin, f"{shorten(error.instance)}: {hint}")
        if kind == "minLength":
            return at(origin, "must not be empty")
        if kind == "maxLength":
            return at(origin, f"is longer than {error.validator_value} characters")
        if kind in ("minItems", "minProperties"):
            return at(origin, "must not be empty: give at least one entry, or leave the field out")
        if kind == "not" and isinstance(error.instance, dict):
            return at(origin, "give either 'text' or 'body', not both")
        return at(origin, best_match([error]).message[:200])


def _missing(error: jsonschema.ValidationError) -> str:
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            return name
    return str(error.validator_value)


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
