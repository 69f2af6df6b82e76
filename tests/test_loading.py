"""The strict loader: values stay as typed; every refusal is located; no input raises."""

from __future__ import annotations

import pytest

from clausebook.format.loading import compose_positions, follow, load_text, locate, snippet_position, unquoted_comma


def test_yaml_11_traps_stay_as_typed():
    data, problems = load_text("a: no\nb: 1.10\nc: 010\nd: 2024-03-05\ne: yes\nf: ~\ng: 1e3\nh:\n", "f.yaml")
    assert problems == []
    assert data == {"a": "no", "b": "1.10", "c": "010", "d": "2024-03-05", "e": "yes", "f": "~", "g": "1e3", "h": ""}


def test_keys_that_would_merge_in_yaml_11_stay_distinct():
    data, problems = load_text("1: a\n1.0: b\ntrue: c\nyes: d\non: e\n", "f.yaml")
    assert problems == []
    assert list(data) == ["1", "1.0", "true", "yes", "on"]


def test_quoted_and_plain_same_key_is_a_duplicate():
    _, problems = load_text("a: 1\n'a': 2\n", "f.yaml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 1, "duplicate key 'a' (first at line 1): keep one of them")]


def test_alias_bomb_is_refused_quickly():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, name = chr(96 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    data, problems = load_text("\n".join(levels) + "\n", "f.yaml")
    assert data is None
    assert len(problems) == 2 * 12 - 1


def test_depth_limit_stops_a_nesting_bomb_without_crashing():
    data, problems = load_text("a: " + "[" * 40000 + "]" * 40000, "f.yaml")
    assert data is None
    assert problems[0].message == "nested more than 48 levels deep"


def test_locate_follows_a_path_to_value_or_key():
    text = "sections:\n  - id: one\n    clauses:\n      - id: two\n        text: hi\n"
    root = compose_positions(text)
    assert locate(root, ("sections", 0, "clauses", 0, "text")) == (5, 15)
    assert locate(root, ("sections", 0, "clauses", 0, "text"), key=True) == (5, 9)
    assert locate(root, ("sections", 0, "missing")) == (2, 5)


def _node(text: str, *path: str | int):
    nodes, _ = follow(compose_positions(text), path)
    return nodes[-1]


@pytest.mark.parametrize(("text", "expected"), [
    ("t: >-\n  one two\n  three <b>x</b>\n", (3, 9)),
    ("t: |\n  one\n  two <b>x</b> <b>y</b>\n", (3, 7)),
    ("t: one two\n  three <b>x</b>\n", (2, 9)),
    ('t: "one \\"two\\" \\\n  three <b>x</b>"\n', (2, 9)),
    ("t: 'it''s\n  <b>x</b>'\n", (2, 3)),
    ("t: >- # <b> in a comment\n  words <b>x</b>\n", (2, 9)),
])
def test_snippet_position_inside_a_multi_line_value(text, expected):
    assert snippet_position(text, _node(text, "t"), "<b>") == expected


def test_snippet_position_finds_the_nth_and_words_across_lines():
    text = "t: |\n  <b>a</b>\n  and <b>b</b>\n"
    assert snippet_position(text, _node(text, "t"), "<b>", 1) == (3, 7)
    folded = "t: >-\n  Members must not\n  raise matters in public.\n"
    assert snippet_position(folded, _node(folded, "t"), "must not raise matters") == (2, 11)
    emphasis = "t: Members *must not* raise matters.\n"
    assert snippet_position(emphasis, _node(emphasis, "t"), "Members must not raise matters") == (1, 4)
    assert snippet_position(folded, _node(folded, "t"), "nowhere to be seen") is None


def test_unquoted_comma_is_told_from_an_empty_value():
    text = "a: {text: one, two}\nb: {text: one, two: }\nc:\n  two:\n"
    root = compose_positions(text)
    assert unquoted_comma(root, ("a", "two"))
    assert not unquoted_comma(root, ("b", "two"))
    assert not unquoted_comma(root, ("c", "two"))
    assert not unquoted_comma(root, ("a", "text"))
