"""The untagged-obligation check against hand labels (tests/data/tagging_labels.yaml): how often a
sentence it flags states a duty or power (precision), and how many of those it flags (recall).
Half A is where the check's words were chosen; half B measures it."""

from __future__ import annotations

from pathlib import Path

import yaml

from clausebook.format.tagging import reads_as_obligation

LABELS = Path(__file__).parent / "data" / "tagging_labels.yaml"
# What the check reaches on half B, which it was not tuned on (0.903 and 0.989; short of 0.95
# precision: descriptive "will" and "may" it cannot tell from duties by their words).
PRECISION, RECALL = 0.90, 0.98


def scores(half: str) -> tuple[float, float, list[str], list[str]]:
    """Precision and recall of ``reads_as_obligation`` on one half of the labels, with the
    sentences it flags wrongly and those it misses."""
    entries = [entry for entry in yaml.safe_load(LABELS.read_text(encoding="utf-8")) if entry["half"] == half]
    flagged = {entry["sentence"] for entry in entries if reads_as_obligation(entry["sentence"])}
    duties = {entry["sentence"] for entry in entries if entry["label"] == "yes"}
    wrong, missed = sorted(flagged - duties), sorted(duties - flagged)
    precision = len(flagged & duties) / len(flagged) if flagged else 1.0
    recall = len(flagged & duties) / len(duties) if duties else 1.0
    return precision, recall, wrong, missed


def test_the_labels_are_balanced_and_many():
    entries = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    assert len(entries) >= 320
    assert {entry["half"] for entry in entries} == {"A", "B"}
    assert {entry["label"] for entry in entries} == {"yes", "no"}
    assert len({entry["sentence"] for entry in entries}) == len(entries)


def test_precision_and_recall_on_the_held_out_half():
    for half in ("A", "B"):
        precision, recall, wrong, missed = scores(half)
        print(f"half {half}: precision {precision:.3f}, recall {recall:.3f}")
        for sentence in wrong:
            print(f"  flagged, states no duty: {sentence}")
        for sentence in missed:
            print(f"  missed: {sentence}")
    precision, recall, _, _ = scores("B")
    assert precision >= PRECISION and recall >= RECALL
