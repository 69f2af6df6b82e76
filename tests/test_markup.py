"""Clause text: tracked changes read three ways, plain text, links and the subset's limits."""

from __future__ import annotations

import pytest

from clausebook.format import markup

TEXT = "Councillors {~~shall~>must~~} be {++very++} courteous{-- indeed--}, as amended {--in 2014--}, now."


def test_amended_original_and_changes():
    assert markup.amended(TEXT) == "Councillors must be very courteous, as amended, now."
    assert markup.original(TEXT) == "Councillors shall be courteous indeed, as amended in 2014, now."
    assert [(c.kind, c.old, c.new) for c in markup.changes(TEXT)] == [
        ("replaced", "shall", "must"), ("inserted", "", "very"), ("deleted", " indeed", ""), ("deleted", "in 2014", "")]


def test_plain_drops_markup_keeps_words():
    assert markup.plain("See *the* [4.3 above](#x) and **bold** text\\*") == "See the 4.3 above and bold text*"


@pytest.mark.parametrize(("markdown", "plain"), [
    ("Minute ref: \\_\\_\\_", "Minute ref: ___"),  # an escaped blank, not emphasis around "\\"
    ("Minute ref: ___", "Minute ref: ___"),  # (as a page shows it)
    ("\\[Optional\\] a \\*starred\\* word", "[Optional] a *starred* word"),
    ("from https://example.gov.uk/Appendix_A_Code_of_Conduct.pdf", "from https://example.gov.uk/Appendix_A_Code_of_Conduct.pdf"),
    ("_one_ and __two__ words", "one and two words"),
])
def test_plain_keeps_escaped_characters_and_underscores_inside_words(markdown, plain):
    assert markup.plain(markdown) == plain


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


def test_findings_quote_the_refused_piece_and_say_where_it_is():
    text = "Call [us](tel:0123) or see ![logo](logo.png), <b>now</b>."
    found = markup.findings(text)
    assert [(f.message, f.snippet, text[f.start:f.start + len(f.snippet)]) for f in found] == [
        ("link to `tel:0123` is not allowed: link to https://, mailto: or a clause (#id)", "tel:0123", "tel:0123"),
        ("images are not allowed in text: `![logo](logo.png)`", "![logo](logo.png)", "![logo](logo.png)"),
        ("raw HTML `<b>` is not allowed in text: write **strong** instead", "<b>", "<b>"),
    ]


def test_long_pieces_are_cut_and_tracked_changes_keep_offsets():
    long = "![" + "a" * 60 + "](x.png)"
    assert markup.findings(long)[0].message == f"images are not allowed in text: `![{'a' * 37}…`"
    text = "{++new++} words <i>x</i>"
    assert [f.start for f in markup.findings(text)] == [text.index("<i>")]
    assert markup.findings("see ~~old words~~")[0].message == (
        "`~~old words~~` is not tracked-change markup: write {--old words--}")
