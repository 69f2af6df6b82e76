"""Clause text: tracked changes read three ways, plain text, links and the subset's limits."""

from __future__ import annotations

import pytest

from clausebook import markup

TEXT = "Councillors {~~shall~>must~~} be {++very++} courteous{-- indeed--}, as amended {--in 2014--}, now."


def test_amended_original_and_changes():
    assert markup.amended(TEXT) == "Councillors must be very courteous, as amended, now."
    assert markup.original(TEXT) == "Councillors shall be courteous indeed, as amended in 2014, now."
    assert [(c.kind, c.old, c.new) for c in markup.changes(TEXT)] == [
        ("replaced", "shall", "must"), ("inserted", "", "very"), ("deleted", " indeed", ""), ("deleted", "in 2014", "")]


def test_plain_drops_markup_keeps_words():
    assert markup.plain("See *the* [4.3 above](#x) and **bold** text\\*") == "See the 4.3 above and bold text*"


def test_links_and_numbers_named():
    links = markup.links("[5.1](#a) or [5.2](kirklees#b) above, [web](https://example.org)")
    assert [(link.protocol, link.clause) for link in links] == [(None, "a"), ("kirklees", "b"), (None, None)]
    assert markup.numbers_named("paragraphs 5.1 or 5.2 above.") == ["5.1", "5.2"]


@pytest.mark.parametrize("text", [
    "plain words", "a < b and c > d", "[x](https://a.example/b?c=d)", "[x](mailto:a@b.example)",
    "- a list\n- of items", "*em* and **strong**", "[not absolute]", "Overview & Scrutiny",
])
def test_allowed(text):
    assert markup.problems(text) == []


@pytest.mark.parametrize("text", [
    "<b>x</b>", "<!-- c -->", "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))", "[x](data:text/html,hi)", "![i](https://a.example/i.png)",
    "# Heading", "x {: .cls }", "x { #id }", "```\ncode\n```", "    indented code", "[a]: https://a.example",
    "~~struck~~", "{++open", "close++}", "{++{--nested--}++}", "{++ ++}", "<https://a.example>",
])
def test_refused(text):
    assert markup.problems(text) != []
