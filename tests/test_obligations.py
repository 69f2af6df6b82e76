"""Obligations complete: every sentence in which a role must, should, shall, will, may, is to, is
expected, entitled or obliged to, needs to, has to or has the right to do something, need not do it,
or in which "I" act (a first-person code), is tagged as an obligation, or marked as not one with a
reason; and the warning for one that is not names the words that make it read as one."""

from __future__ import annotations

import pytest

from clausebook.format import tagging
from clausebook.format.validation import format_problem, validate
from conftest import EXAMPLES, example, source_protocols

HEAD = ("protocol: {{id: p, council: C, title: T, status: {status}}}\n"
        "roles: {{members: {{label: Members}}, officers: {{label: Officers}}}}\n"
        "sections:\n  - id: s\n    title: S\n    clauses:\n")


def write(tmp_path, clauses: str, status: str = "adopted") -> str:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD.format(status=status) + clauses)
    return str(path)


def found(tmp_path, clauses: str, status: str = "adopted") -> list[str]:
    """The untagged sentences of a one-section protocol."""
    result = validate([write(tmp_path, clauses, status)])
    assert result.ok, [format_problem(p) for p in result.problems]
    return [sentence for protocol in result.protocols for _, sentence in tagging.untagged(protocol)]


@pytest.mark.parametrize("protocol_id", list(source_protocols()))
def test_every_modal_sentence_is_tagged(sources, protocol_id):
    """Every protocol in source/, the examples and a council's own (a draft is exempt)."""
    assert [sentence for _, sentence in tagging.untagged(sources[protocol_id])] == []


def test_an_untagged_sentence_is_a_located_warning(tmp_path):
    path = write(tmp_path, "      - id: c\n"
                           "        text: Officers may speak. Members must listen.\n"
                           "        obligations: [{who: members, modality: must, quote: Members must listen}]\n")
    result = validate([path])
    assert result.ok and result.problems == ()
    assert [format_problem(w) for w in result.warnings] == [
        f'{path}:8:15: warning: untagged: "Officers may speak." reads as an obligation ("may"): tag it under '
        "obligations, or under not_obligations with a reason"
    ]
    assert result.summary().endswith("valid, 1 warning")


def test_strict_makes_the_warning_an_error(tmp_path):
    path = write(tmp_path, "      - id: c\n        text: Officers may speak.\n")
    result = validate([path], strict=True)
    assert not result.ok and result.warnings == ()
    assert [format_problem(p) for p in result.problems] == [
        f'{path}:8:15: untagged: "Officers may speak." reads as an obligation ("may"): tag it under obligations, '
        "or under not_obligations with a reason"
    ]


@pytest.mark.parametrize("sentence", [
    "Members must listen.", "Members should listen.", "Members shall listen.", "Officers will reply.",
    "Officers may reply.", "Officers are to reply.", "The Chair is to decide.", "Members are expected to listen.",
    "Members need to listen.", "The Chair needs to decide.", "Members are encouraged to ask.",
    "A Member is encouraged to ask.", "A Member is entitled to ask.", "Members are entitled to ask.",
    "A Member has the right to ask.", "Members have a right to ask.", "Members MUST listen.",
    "Members are\n          expected to listen.",
    "I treat officers with respect.", "I register any gift.", "I undertake training.", "I do not bully anyone.",
    "As a councillor, I treat others with respect.", "I, as chair, do not vote twice.", "I will declare it.",
    "I am entitled to ask.", "You do not have to disclose it.", "You need not register it.",
    "You are entitled to speak.", "You are not required to register it.", "Officers are not obliged to reply.",
    "Nothing in this code prevents you from speaking.", "Officers have a duty to advise.",
    "It is important that members listen.", "Members can expect officers to reply.",
])
def test_each_phrase_is_found(tmp_path, sentence):
    assert found(tmp_path, f"      - id: c\n        text: >-\n          {sentence}\n") == [" ".join(sentence.split())]


@pytest.mark.parametrize("sentence", [
    "Members listen.", "Mustard is yellow.", "The Mayor opens the meeting.", "Needs are met.",
    "This is top priority.", "Goodwill matters.", "I was elected in May.", "I am a member of the panel.",
    "I have read the code.", "The code applies to the member or the co-opted member, as the case may be.",
    "Goods which are to be supplied are listed.", "The purpose of this code is to set standards.",
    "A reference to a committee is to be read as including a sub-committee.",
    "Whether a gift should be registered depends on its value.", "Bullying may be described as abuse.",
    "The code shall come into force on 1 May.", "You do not have a personal interest.",
])
def test_other_sentences_are_not(tmp_path, sentence):
    assert found(tmp_path, f"      - id: c\n        text: {sentence}\n") == []


def test_quotes_and_reasons_cover_their_sentences(tmp_path):
    clauses = ("      - id: c\n        text: >-\n"
               "          Members must listen. Officers may speak. The law will apply.\n"
               "          Members should *be* kind.\n"
               "        obligations:\n"
               "          - {who: members, modality: must}\n"
               "          - {who: members, modality: should, quote: Members should be kind}\n"
               "        not_obligations:\n"
               "          - {quote: The law will apply, reason: describes the law}\n")
    assert found(tmp_path, clauses) == ["Officers may speak."]


def test_a_quote_over_two_sentences_covers_both(tmp_path):
    clauses = ("      - id: c\n        text: Officers may speak. They will be brief.\n"
               "        obligations: [{who: officers, modality: may, quote: may speak. They will}]\n")
    assert found(tmp_path, clauses) == []


def test_each_paragraph_has_its_own_sentences(tmp_path):
    clauses = ("      - id: c\n        text: |-\n          Members must listen\n\n          Officers may speak\n"
               "        obligations: [{who: members, modality: must}]\n")
    assert found(tmp_path, clauses) == ["Officers may speak"]


def test_a_lead_completed_by_items_with_obligations_is_covered(tmp_path):
    clauses = ("      - id: c\n        body:\n"
               "          - lead: 'Members will read this. Officers must:'\n"
               "            each: {who: officers, modality: must}\n"
               "            items: [listen, speak]\n"
               "          - lead: 'Members should:'\n"
               "            items:\n"
               "              - text: 'in meetings, either:'\n"
               "                items:\n"
               "                  - {text: listen, obligations: [{who: members, modality: should}]}\n"
               "          - lead: 'Officers should:'\n"
               "            items: [listen]\n")
    assert found(tmp_path, clauses) == ["Members will read this.", "Officers should:"]


def test_table_cells_under_each_carry_obligations(tmp_path):
    clauses = ("      - id: c\n        body:\n"
               "          - lead: 'Officers should:'\n"
               "            table:\n"
               "              columns:\n"
               "                do: {label: Do, each: {who: officers, modality: should}}\n"
               "                dont: {label: Don't}\n"
               "              rows:\n"
               "                - {do: Reply when you can reply, dont: Members will not shout}\n")
    assert found(tmp_path, clauses) == ["Members will not shout"]


def test_a_draft_is_exempt(tmp_path):
    clauses = "      - id: c\n        text: Officers may speak.\n"
    assert found(tmp_path, clauses, status="draft") == []
    assert validate([write(tmp_path, clauses, status="draft")], strict=True).ok


def test_deleted_text_is_skipped(tmp_path):
    clauses = ("      - id: c\n        body:\n"
               "          - {text: Officers may speak., change: deleted}\n"
               "          - text: '{--Members must listen. --}Officers reply.'\n"
               "          - text: 'Officers {~~reply~>will reply~~}.'\n")
    assert found(tmp_path, clauses, status="proposed-revision") == ["Officers will reply."]


def test_a_deleted_obligation_covers_nothing_as_amended(tmp_path):
    clause = ("      - id: c\n        text: 'Officers {~~are to~>must~~} reply.'\n"
              "        obligations:\n"
              "          - {who: officers, modality: should, change: deleted}\n")
    assert found(tmp_path, clause, status="proposed-revision") == ["Officers must reply."]
    inserted = "          - {who: officers, modality: must, change: inserted, quote: Officers must reply}\n"
    assert found(tmp_path, clause + inserted, status="proposed-revision") == []


def test_a_text_with_its_own_error_gets_no_warning(tmp_path):
    path = write(tmp_path, "      - id: c\n        text: Officers may speak. Members must listen.\n"
                           "        obligations: [{who: members, modality: must, quote: Members must hear}]\n"
                           "      - id: d\n        text: Members <b>must</b> listen.\n")
    result = validate([path])
    assert len(result.problems) == 2 and result.warnings == ()


@pytest.mark.parametrize("protocol_id", EXAMPLES)
def test_do_and_dont_both_present_and_roles_shared(sources, protocol_id):
    protocol = example(sources, protocol_id)
    obligations = [o for clause in protocol.clauses() for t in clause.texts() for o in t.obligations]
    assert any(o.do for o in obligations) and any(not o.do for o in obligations)
    shared = {protocol.roles[r].shared for o in obligations for r in o.who}
    assert {"councillor", "officer"} <= shared


def test_the_warning_names_the_words_that_trigger_it(tmp_path):
    long = ("Whatever the circumstances of the meeting and the views of the members present at the time, "
            "it is important that officers give balanced advice to all.")
    path = write(tmp_path, f"      - id: c\n        text: {long} I register any gift.\n")
    messages = [warning.message for warning in validate([path]).warnings]
    assert messages == [
        'untagged: "Whatever the circumstances of … at the time, it is important that officers give…" reads as an '
        'obligation ("it is important that"): tag it under obligations, or under not_obligations with a reason',
        'untagged: "I register any gift." reads as an obligation ("I register"): tag it under obligations, or under '
        "not_obligations with a reason",
    ]


def test_a_file_with_errors_still_gets_its_warnings(tmp_path):
    """Only a text whose own tags (or its clause's) were taken out by an error goes unwarned."""
    path = write(tmp_path, "      - id: c\n        text: Members must listen.\n"
                           "        obligations: [{who: members, modality: mustt}]\n"
                           "      - id: d\n        text: Officers may speak.\n"
                           "      - id: e\n        txt: hello\n")
    result = validate([path])
    assert [format_problem(p).split(": ", 1)[1] for p in result.problems] == [
        "`modality` cannot be 'mustt' (did you mean 'must'?)", "unknown field 'txt' (did you mean 'text'?)"]
    assert [format_problem(w) for w in result.warnings] == [
        f'{path}:11:15: warning: untagged: "Officers may speak." reads as an obligation ("may"): tag it under '
        "obligations, or under not_obligations with a reason"]
