"""Obligations complete: every sentence in which a role must, should, shall, will, may, is to or
is expected to do something is tagged as an obligation, or marked as not one with a reason."""

from __future__ import annotations

import re

import pytest

from clausebook import markup
from clausebook.model import ItemList, Protocol, Text, block_texts

MODAL = re.compile(r"\b(must|should|shall|will|may|is to|are to|is expected to|are expected to|"
                   r"has the right|have the right|has a right|have a right)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“'])")


def sentences(text: Text) -> list[str]:
    found = []
    for paragraph in re.split(r"\n\s*\n", text.amended):
        found += [s for s in SENTENCE_END.split(markup.plain(paragraph)) if s.strip()]
    return found


def untagged(protocol: Protocol) -> list[str]:
    """Modal sentences that no obligation or not-obligation covers, with their clause."""
    problems = []
    for clause in protocol.clauses():
        completed_leads = set()
        for block in clause.body:
            if isinstance(block, ItemList) and block.lead is not None and any(
                    t.obligations for t in block_texts(block) if t is not block.lead):
                completed_leads.add(id(block.lead))
        for text in clause.texts():
            if text.change == "deleted":
                continue
            parts = sentences(text)
            covered = set()
            for tag in (*text.obligations, *text.not_obligations):
                if tag.quote is None:
                    covered.add(0)
                else:
                    quote = markup.plain(tag.quote)
                    covered |= {i for i, s in enumerate(parts) if quote in s or s in quote}
            if id(text) in completed_leads:
                covered.add(len(parts) - 1)
            for index, sentence in enumerate(parts):
                if MODAL.search(sentence) and index not in covered:
                    problems.append(f"{protocol.id} {clause.number or clause.id}: {sentence}")
    return problems


@pytest.mark.parametrize("protocol_id", ["somerset", "kirklees"])
def test_every_modal_sentence_is_tagged(sources, protocol_id):
    assert untagged(sources[protocol_id]) == []


def test_an_untagged_sentence_is_found(tmp_path):
    from clausebook.project import validate

    path = tmp_path / "p.yaml"
    path.write_text("protocol: {id: p, council: C, title: T, status: adopted}\n"
                    "roles: {members: {label: Members}}\n"
                    "sections: [{id: s, title: S, clauses: [{id: c, text: 'Members must listen. Officers may speak.',"
                    " obligations: [{who: members, modality: must}]}]}]\n")
    result = validate([str(path)])
    assert result.ok
    assert untagged(result.protocols[0]) == ["p c: Officers may speak."]


@pytest.mark.parametrize("protocol_id", ["somerset", "kirklees"])
def test_do_and_dont_both_present_and_roles_shared(sources, protocol_id):
    protocol = sources[protocol_id]
    obligations = [o for clause in protocol.clauses() for t in clause.texts() for o in t.obligations]
    assert any(o.do for o in obligations) and any(not o.do for o in obligations)
    shared = {protocol.roles[r].shared for o in obligations for r in o.who}
    assert {"councillor", "officer"} <= shared
