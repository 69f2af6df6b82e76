"""How sources number things: the sequences numbers run in, the full reference a
cross-reference writes ("10(2)(a)"), an item's anchor, and what a link's words name.

Numbers are as printed: dotted ("13.2.1"), with an inserted number's letter ("2A"), an appendix
letter ("B"), or a bracketed sub-paragraph number ("(2)", "(a)", "(ix)") read after its
parent's.
"""

from __future__ import annotations

import re

from clausebook.format import markup

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
         "xvii", "xviii", "xix", "xx")
FIRSTS = ("1", "A", "a", "i")  # the numbers a sequence of its own may start with
INSERTED = re.compile(r"[0-9][A-Z]\)?$")  # a number with an inserted number's letter: 2A, (2B)
# What follows a designation's word when it names one ('Appendix C', 'Part 4', 'Schedule 2A', 'Part IV',
# 'Annex 1.2'): a number, a letter or a roman numeral; not an ordinary word ('the Part of the code').
DESIGNATED = (r"[0-9](?:[\w.()\u2014-]*\w)?\)?|[A-Za-z]"
              r"|(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
RELATIVE = re.compile(r"(?<![\w)])((?:\([0-9A-Za-z]{1,5}\))+)")  # "(b)", "(1)(b)(v)": read after a parent's
DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+)+[A-Za-z]?")  # an item label that is a number of its own: 1.2, 2.10, 1.1a
SEQUENCED = re.compile(r"[0-9]+(?:\.[0-9]+)*[A-Z]?")  # a number dotted labels can run under


def label_key(label: str) -> str:
    """A label as part of an anchor: '(iv)' → 'iv', '2A.' → '2a', '1.2' → '1-2'."""
    return re.sub(r"[^0-9a-z-]", "", re.sub(r"(?<=[0-9])\.(?=[0-9])", "-", label.lower()))


def item_reference(base: str | None, labels: str) -> str:
    """A labelled item's full reference: its labels read after the clause's reference ('10' and
    '(2)(a)' → '10(2)(a)'), or alone when the first is a dotted number of its own ('1.2(a)')."""
    return f"{base}{labels}" if base and labels.startswith("(") else labels


def dotted_following(previous: str) -> list[str]:
    """The dotted labels that may follow ``previous`` ('1.1' → '1.2', then '1.1a'), in lower case."""
    return [label.lower() for label in following(previous.upper())]


def reference(parent: str | None, number: str | None) -> str | None:
    """The full number a cross-reference uses: a bracketed number is read after its parent's
    ('(2)' under '10' is '10(2)'); any other number stands alone."""
    if number is None:
        return None
    return f"{parent}{number}" if number.startswith("(") and parent else number


def link_names(number: str | None, reference: str | None, designation: str | None) -> tuple[str, ...]:
    """The names a link's words may give an element: its full reference, number and designation."""
    return tuple(dict.fromkeys(name for name in (reference, number, designation) if name))


def named(words: str, names: tuple[str, ...]) -> list[str]:
    """What a link's words name that is not its target, when they name nothing that is: numbers
    ('5.1', '10(2)(a)'), references read after a parent's ('(b)' fits '10(1)(b)'), designations
    ('Appendix C' for 'Appendix B'). Empty when the words name the target or name no number."""
    numbers = markup.numbers_named(words)
    relative = RELATIVE.findall(words)
    fits = [number for number in numbers if number in names]
    fits += [part for part in relative if any(name.endswith(part) for name in names)]
    designated = []
    for name in names:
        if " " not in name:
            continue
        kind = name.rsplit(" ", 1)[0]  # 'Appendix', 'Best practice'
        for match in re.finditer(rf"(?<!\w){re.escape(kind)}\s+({DESIGNATED})(?!\w)", words, re.IGNORECASE):
            written = f"{kind} {match.group(1)}"
            (fits if written.casefold() == name.casefold() else designated).append(written)
    if fits:
        return []
    numbers = [number for number in numbers if not any(d.endswith(f" {number}") for d in designated)]
    return [*designated, *numbers, *relative]


def following(previous: str) -> list[str]:
    """The numbers that may follow ``previous`` in a sequence: the next one first ('2' → '3'),
    then an inserted one ('2' → '2A', '2A' → '2B'); letters and roman numerals go on likewise."""
    head, _, last = previous.rpartition(".")
    bracketed = last.startswith("(")
    core = last.strip("()")
    found: list[str] = []
    if match := re.fullmatch(r"([0-9]+)([A-Z]?)", core):
        value, letter = int(match.group(1)), match.group(2)
        found = [str(value + 1), f"{value}{chr(ord(letter) + 1)}" if letter else f"{value}A"]
    elif core in ROMAN[:-1] and bracketed:
        found = [ROMAN[ROMAN.index(core) + 1]]
    if re.fullmatch(r"[A-Ya-y]", core):
        found.append(chr(ord(core) + 1))
    elif re.fullmatch(r"([a-y])\1+", core):  # (aa) → (bb)
        found.append(chr(ord(core[0]) + 1) * len(core))
    found = [f"({n})" if bracketed else n for n in found]
    return [f"{head}.{n}" for n in found] if head else found


DASHES = frozenset({"—", "–", "-", "―"})


def designated(label: str, separator: str | None) -> str:
    """A designation (or number) with the separator the source prints after it: a dash with a
    space either side ('PART 1 —'), any other mark right after it ('Table 1:'); the label
    alone without one. What follows it (a title, a heading) comes after a space."""
    if not separator:
        return label
    return f"{label} {separator}" if separator in DASHES else f"{label}{separator}"
