"""Recording that the council adopted a proposed revision, in one step: `clausebook adopt`.

The proposal's file becomes the text as adopted (`revisions.as_adopted`), and the text it
replaces (`revisions.as_replaced`) is kept as ``versions/<protocol id>/<key>.yaml`` beside it,
under the key `versions` gives it while it is in force, so the address a reader used for it stays
its address. Both are validated with the rest of the folder as it would be before either is
written; each is written whole, through a temporary file renamed into place.
"""

from __future__ import annotations

import datetime
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from clausebook.authoring import revisions, writer
from clausebook.format import languages, versions
from clausebook.format.loading import load_file
from clausebook.format.problems import Problem
from clausebook.format.validation import discover, validate


class Refused(Exception):
    """A mistake in what was asked: nothing is written."""


class Invalid(Exception):
    """Problems in the file, or in the folder as it would be: nothing is written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Adopted:
    """What `adopt` did, and the warnings in what it wrote."""

    protocol_id: str
    date: str
    minute: str
    effective: str
    kept: Path  # the kept file, as named from the folder the file was named from
    warnings: tuple[Problem, ...] = ()
    also: tuple[Path, ...] = ()  # the kept files of its texts in other languages, adopted with it

    def summary(self) -> str:
        """The one line that says what was done."""
        also = "".join(f", and its text in another language as {kept}" for kept in self.also)
        return (f"{self.protocol_id}: adopted {self.date} ({self.minute}), in force from {self.effective}; the text "
                f"it replaces is kept as {self.kept}{also}")


def adopt(file: str, *, date: str, minute: str, effective: str | None = None) -> Adopted:
    """Record the proposed revision in ``file`` as adopted on ``date`` at ``minute``, in force from
    ``effective`` (else ``date``): ``file`` rewritten, the text it replaces kept beside it; and so
    for the protocol's texts in other languages beside it, adopted together (one minute for all)."""
    date = _date(date, "--date")
    effective = _date(effective, "--effective") if effective is not None else date
    if effective < date:
        raise Refused(f"--effective {effective} is before --date {date}: a text is in force from its adoption at "
                      f"the earliest")
    minute = " ".join(minute.split())
    if not minute:
        raise Refused('--minute is empty: give the minute of the meeting that adopted it ("Council, 20 January 2027, '
                      'minute 45")')
    path = Path(file)
    if not path.is_file():
        raise Refused(f"{file}: no such file")
    folder = path.parent
    texts: dict[Path, str] = {}
    kept: list[Path] = []
    protocol_id = ""
    for each, name in _texts_of(path, file):  # (a protocol's texts in every language are adopted together)
        data, text = _proposal(each, name)
        protocol = data["protocol"]
        protocol_id = protocol_id or protocol["id"]
        key = _key_of_replaced(name, folder, protocol, date)
        kept.append(Path(versions.kept_file(folder, protocol["id"], key, languages.other_language(name))))
        if kept[-1].exists() or kept[-1].with_suffix(".yml").exists():
            raise Refused(f"{kept[-1]} exists already: the version adopted as {key!r} is kept; if the file's protocol "
                          f"block states the wrong adoption date for the text in force, correct its adopted:")
        modeline = writer.modeline_of(text)
        texts[kept[-1]] = writer.dump(revisions.as_replaced(data),
                                      modeline=modeline_moved(modeline, folder, kept[-1].parent))
        texts[each] = writer.dump(revisions.as_adopted(data, adopted=date, minute=minute, effective=effective),
                                  modeline=modeline)
    warnings = _valid_as_written(folder, texts)
    _write_whole(texts, stat.S_IMODE(path.stat().st_mode))
    return Adopted(protocol_id, date, minute, effective, kept[0], tuple(warnings), also=tuple(kept[1:]))


def _texts_of(path: Path, name: str) -> list[tuple[Path, str]]:
    """The file named, and the protocol's texts in other languages beside it (``<p>.yaml`` and
    ``<p>.cy.yaml``: ``format.languages``), each with the name a message gives it."""
    language = languages.other_language(name)
    stem = path.name.removesuffix(path.suffix).removesuffix(f".{language}" if language else "")
    found = [(path, name)]
    for other in sorted(path.parent.glob(f"{stem}.*")):
        if other.suffix in (".yaml", ".yml") and other.resolve() != path.resolve() \
                and other.name.removesuffix(other.suffix).removesuffix(
                    f".{languages.other_language(str(other))}") == stem:
            found.append((other, str(other)))
    return found


def _date(value: str, option: str) -> str:
    """A date given as YYYY-MM-DD that is a real date; refused otherwise."""
    if not versions.DATE.match(value):
        raise Refused(f"{option} {value!r}: give the date as YYYY-MM-DD (2027-01-20)")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise Refused(f"{option} {value}: there is no such date") from None
    return value


def _proposal(path: Path, name: str) -> tuple[dict[str, Any], str]:
    """The file's data, once it validates as a proposed revision, and its text."""
    result = validate([name])
    if result.problems:
        raise Invalid(list(result.problems))
    data, problems = load_file(path, name)
    if data is None:  # validated a moment ago: only a file changed meanwhile gets here
        raise Invalid(problems)
    status = data["protocol"].get("status")
    if status != "proposed-revision":
        raise Refused(f"{name}: its status is {status!r}: adopt records a proposed revision (status: "
                      f"proposed-revision, as `clausebook compare` writes it) as adopted")
    return data, path.read_text(encoding="utf-8")


def _key_of_replaced(name: str, folder: Path, protocol: dict[str, Any], date: str) -> str:
    """The key the text in force is kept under, as `versions` reads it while it is in force (so its
    address stays its address); refused where it has none, or the new text is not later."""
    protocol_id, adopted = protocol["id"], protocol.get("adopted")
    earlier = folder / versions.FOLDER / protocol_id
    kept_earlier = earlier.is_dir() and any(path.suffix in (".yaml", ".yml") for path in earlier.iterdir())
    key = versions.in_force_key(adopted, kept_earlier=kept_earlier)
    if key is None:
        raise Refused(f"{name}: earlier versions of {protocol_id!r} are kept in {earlier}, so the text in force is "
                      f"kept under its adoption date: state it in the protocol block (adopted: YYYY-MM-DD)")
    if adopted and date <= adopted:
        raise Refused(f"--date {date} is not after {adopted}, when the text in force was adopted (the protocol "
                      f"block's adopted:)")
    return key


def modeline_moved(modeline: str | None, written_in: Path, moved_to: Path) -> str | None:
    """The schema modeline of a file written in ``written_in``, for the same file in ``moved_to``:
    a relative schema path made relative to the new folder."""
    if modeline is None:
        return None
    schema = modeline.split("=", 1)[1]
    if "://" in schema or schema.startswith("/"):
        return modeline
    target = os.path.normpath(os.path.join(written_in.resolve(), schema))
    return writer.SCHEMA_MODELINE.format(Path(os.path.relpath(target, moved_to.resolve())).as_posix())


def _valid_as_written(folder: Path, texts: dict[Path, str]) -> list[Problem]:
    """Validate the folder as it would be with ``texts`` written, as `clausebook validate` does: the
    problems, pointing into the files to be written, when it would not be valid; else their warnings
    (sentences of a replaced text that read as obligations and are not tagged, say: a proposed
    revision's deleted words are not tagged, and get tags once the text that has them is kept)."""
    written = {path.resolve() for path in texts}
    others = [str(path) for path, _ in discover([str(folder)]) if path.resolve() not in written]
    with tempfile.TemporaryDirectory(prefix="clausebook-") as scratch:
        names = {}
        for path, text in texts.items():
            copy = Path(scratch) / path.relative_to(folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(text, encoding="utf-8")
            names[str(copy)] = str(path)
        result = validate([*others, *names])
    found = [replace(problem, file=names.get(problem.file, problem.file)) for problem in result.problems]
    if found:
        raise Invalid(found)
    return [replace(warning, file=names[warning.file]) for warning in result.warnings if warning.file in names]


def _write_whole(texts: dict[Path, str], mode: int) -> None:
    """Write each text to its path (permissions ``mode``) through a temporary file beside it,
    renamed into place once all are written (a new file never over one that appeared meanwhile):
    each file is whole, as it was or as written."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            staged.append((Path(name), path))
            os.chmod(name, mode)
        for temporary, path in staged:
            if path.exists():
                os.replace(temporary, path)
            else:
                os.link(temporary, path)
                temporary.unlink()
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
