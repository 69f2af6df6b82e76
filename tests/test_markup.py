"""Clause text: tracked changes read three ways, plain text, links and the subset's limits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clausebook.format import markup

TEXT = "Councillors {~~shall~>must~~} be {++very++} courteous{-- indeed--}, as amended {--in 2014--}, now."


def test_amended_original_and_changes():
    assert markup.amended(TEXT) == "Councillors must be very courteous, as amended, now."
    assert markup.original(TEXT) == "Councillors shall be courteous indeed, as amended in 2014, now."
    assert [(c.kind, c.old, c.new) for c in markup.changes(TEXT)] == [
        ("replaced", "shall", "must"), ("inserted", "", "very"), ("deleted", " indeed", ""), ("deleted", "in 2014", "")]


WORD = st.text(alphabet="abcxyz", min_size=1, max_size=5)
PIECE = st.one_of(WORD, WORD.map(lambda word: f"{{--{word}--}}"), WORD.map(lambda word: f"{{++{word}++}}"))
# Words, deletions and insertions, each maybe followed by punctuation, between spaces or line breaks.
TRACKED_TEXT = st.lists(st.tuples(PIECE, st.sampled_from(["", *markup.PUNCTUATION]), st.sampled_from([" ", "\n"])),
                        min_size=1, max_size=8).map(lambda pieces: "".join(p + mark + gap for p, mark, gap in pieces))


@given(TRACKED_TEXT)
def test_where_a_deletion_was_no_space_is_left_before_punctuation(text):
    """As amended, and on a page with the deletions hidden, the words read the same, with no space
    before punctuation; with them shown, every word is there."""
    amended = markup.amended(text)
    assert "\n\n" not in amended  # (a line break either side of a deletion starts no paragraph)
    assert not re.search(rf"\s[{re.escape(markup.PUNCTUATION)}]", amended), amended
    assert not re.search(rf"\s[{re.escape(markup.PUNCTUATION)}]", markup.original(text))
    tracked = markup.tracked_html(text)
    hidden = re.sub(r"</?ins>", "", re.sub(r"<del>.*?</del>", "", tracked, flags=re.DOTALL))
    assert hidden.split() == amended.split(), tracked
    every_word = markup.CHANGE.sub(lambda m: "".join(g or "" for g in m.groups()), text)
    assert re.sub(r"</?(?:ins|del)>", "", tracked).split() == every_word.split()


def test_a_deletion_before_punctuation_takes_its_space_with_it():
    text = "Regulations 2012, as amended {--in August 2014--}, where\n{--there--}; a {--b--} {--c--}. Is it {--so--}?"
    assert markup.tracked_html(text) == ("Regulations 2012, as amended<del> in August 2014</del>, "
                                         "where<del> there</del>; a<del> b</del><del> c</del>. Is it<del> so</del>?")
    assert markup.amended(text) == "Regulations 2012, as amended, where; a. Is it?"
    assert markup.tracked_html("a\n\n{--b--}, c") == "a\n\n<del>b</del>, c"  # (a paragraph's start stays one)


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


def test_a_designations_word_names_one_only_before_a_number_letter_or_roman_numeral():
    from clausebook.format import numbering

    names = ("Part 4",)
    assert numbering.named("the Part of the code on gifts", names) == []  # (an ordinary word follows)
    assert numbering.named("Part 4", names) == []
    assert numbering.named("Part IV", names) == ["Part IV"]
    assert numbering.named("Part B", names) == ["Part B"]
    assert numbering.named("Part 5", names) == ["Part 5"]
