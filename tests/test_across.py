"""Two councils compared (`clausebook compare --across`, `compare/<a>--<b>/`,
`data/compare/<a>--<b>.json`): matching by what clauses say, on hand-written pairs; the role
differences as the set difference of the dataset's obligations; the page, the data and the command."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml

from clausebook import compare_councils
from clausebook.format.markup import resolve
from clausebook.format.validation import validate
from clausebook.outputs.data import publish
from clausebook.outputs.site import councils
from clausebook.records.dataset import Dataset
from clausebook.records.types import published
from conftest import ROOT, needs_examples, read_html

# --- Somerset against Kirklees: the pairs a reader would make --------------------------------------
# tests/data/council_pairs.yaml: counterparts and clauses without one, labelled by reading the two
# protocols, each in half A (where the matcher was tuned) or half B (where it is measured).
PAIRS = Path(__file__).parent / "data" / "council_pairs.yaml"
# Bounds on the matcher. Before it was tuned: precision 0.87 and recall 0.81 on half A, 0.73 and
# 0.57 on half B. Tuned on half A (each word counted once in a clause, THRESHOLD 0.24): 1.00 and
# 0.81 on A; held-out B, measured once after: 0.78 and 0.50, short of the 0.9 aimed at (B's
# counterparts share few words: "courtesy" and "courteous", one complaints route told in three
# paragraphs). The bounds hold what each half reaches, so that a change that does worse fails.
BOUNDS = {"A": (1.0, 0.8), "B": (0.75, 0.5)}


@dataclass(frozen=True)
class Labels:
    """One half of the hand labels: counterparts (first's id, second's id) and clauses alone."""

    pairs: frozenset[tuple[str, str]]
    only_first: frozenset[str]
    only_second: frozenset[str]


def half_of(key: str) -> str:
    """The half a labelled entry is in, fixed by the SHA-1 of its key: A for an even first byte."""
    return "AB"[hashlib.sha1(key.encode("utf-8")).digest()[0] & 1]


def labels(half: str) -> Labels:
    """The labels of ``half`` ("A" or "B")."""
    data = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    first, second = data["first"], data["second"]
    return Labels(
        pairs=frozenset((a, b) for a, b in data["counterparts"] if half_of(f"{first}:{a}|{second}:{b}") == half),
        only_first=frozenset(a for a in data["only_first"] if half_of(f"{first}:{a}") == half),
        only_second=frozenset(b for b in data["only_second"] if half_of(f"{second}:{b}") == half))


@dataclass(frozen=True)
class Scores:
    """How the matcher does on one half of the labels."""

    precision: float  # of the matches that involve a labelled clause, the share that are labelled pairs
    recall: float  # of the labelled pairs, the share matched
    wrong: list[tuple[str, str]]
    missed: list[tuple[str, str]]
    offered: int = 0  # of the missed pairs, how many are offered as "nearest, not a match"

    def __str__(self) -> str:
        return (f"precision {self.precision:.2f}, recall {self.recall:.2f}; wrong: {self.wrong}; missed: {self.missed}"
                f", {self.offered} of them offered as nearest")


def scores(matched: set[tuple[str, str]], half: Labels, offered: frozenset[tuple[str, str]] = frozenset()) -> Scores:
    """Precision and recall of ``matched`` (first's id, second's id) on one half of the labels, and
    how many of the pairs it misses are ``offered`` as nearest."""
    judged_first = {a for a, _ in half.pairs} | half.only_first
    judged_second = {b for _, b in half.pairs} | half.only_second
    judged = {m for m in matched if m[0] in judged_first or m[1] in judged_second}
    right = judged & half.pairs
    missed = half.pairs - matched
    return Scores(precision=len(right) / len(judged) if judged else 1.0, recall=len(right) / len(half.pairs),
                  wrong=sorted(judged - half.pairs), missed=sorted(missed), offered=len(missed & offered))


@pytest.fixture(scope="module")
def examples(sources) -> compare_councils.Comparison:
    dataset = Dataset(tuple(sources.values()))
    return compare_councils.Comparison(dataset, "somerset", "kirklees")


def local(qualified_id: str) -> str:
    return qualified_id.split(".", 1)[1]


@needs_examples("somerset", "kirklees")
def test_the_labels_name_clauses_that_are_compared_and_fill_both_halves(examples):
    compared = {"somerset": {local(r.first.id) for r in examples.clauses},
                "kirklees": {local(r.second.id) for r in examples.clauses if r.second} |
                            {local(a.second.id) for a in examples.added}}
    halves = [labels("A"), labels("B")]
    pairs = [pair for half in halves for pair in half.pairs]
    alone = [(c, "somerset") for half in halves for c in half.only_first] + \
        [(c, "kirklees") for half in halves for c in half.only_second]
    assert len(pairs) >= 30 and len(alone) >= 10 and all(len(h.pairs) >= 12 for h in halves)
    assert all(a in compared["somerset"] and b in compared["kirklees"] for a, b in pairs)
    assert all(c in compared[protocol] for c, protocol in alone)
    for side in (0, 1):  # one counterpart each, and a clause alone is in no pair
        ids = [pair[side] for pair in pairs]
        assert len(ids) == len(set(ids))
        assert not set(ids) & {c for c, protocol in alone if protocol == ("somerset", "kirklees")[side]}


@needs_examples("somerset", "kirklees")
def test_precision_and_recall_on_the_hand_labelled_pairs(examples, capsys):
    matched = {(local(r.first.id), local(r.second.id)) for r in examples.clauses if r.second}
    offered = frozenset({(local(r.first.id), local(r.offer.clause.id)) for r in examples.only_first if r.offer} |
                        {(local(a.offer.clause.id), local(a.second.id)) for a in examples.added if a.offer})
    measured = {half: scores(matched, labels(half), offered) for half in ("A", "B")}
    with capsys.disabled():
        for half, found in measured.items():
            print(f"\nSomerset against Kirklees, half {half}: {found}")
    for half, (precision, recall) in BOUNDS.items():
        assert measured[half].precision >= precision and measured[half].recall >= recall, (half, measured[half])


@needs_examples("somerset", "kirklees")
def test_every_clause_is_classified_once_and_matches_are_one_to_one(examples, sources):
    dataset = Dataset(tuple(sources.values()))
    compared = {pid: [r["id"] for r in published(dataset.records) if r["protocol"] == pid and not r["deleted"]
                      and r["text_plain"].strip()] for pid in ("somerset", "kirklees")}
    assert [r.first.id for r in examples.clauses] == compared["somerset"]
    seconds = [r.second.id for r in examples.clauses if r.second]
    assert len(seconds) == len(set(seconds))
    assert sorted(seconds + [a.second.id for a in examples.added]) == sorted(compared["kirklees"])
    for result in examples.clauses:
        if result.second:
            assert result.similarity is not None and result.similarity >= compare_councils.THRESHOLD
            assert result.status == ("kept" if result.ratio >= compare_councils.KEPT else "reworded")
            assert result.match == ("both" if result.status == "kept" else "similar")
        else:
            assert result.status == "dropped" and result.similarity is None
    for unmatched in [*examples.only_first, *examples.added]:  # nearest, not a match, from NEAREST up
        near = unmatched.nearest is not None and unmatched.nearest.similarity >= compare_councils.NEAREST
        assert (unmatched.match, unmatched.offer) == (("nearest", unmatched.nearest) if near else ("only", None))


# --- Hand-written protocols: in both, similar, only in one ------------------------------------------

PROTOCOL = """\
protocol: {{id: {id}, council: {council}, title: Protocol, status: adopted}}
roles:
  {members}: {{label: {label}, shared: councillor}}
  officers: {{label: Officers, shared: officer}}
sections:
  - id: general
    title: General
    clauses:
{clauses}
"""


def protocol_file(folder: Path, protocol_id: str, label: str, clauses: list[tuple[str, str, str]]) -> Path:
    """A protocol whose councillors are called ``label``; each clause (id, number, text) states
    an obligation of the councillors, in the modality its words give."""
    members = label.lower()
    lines = []
    for clause_id, number, text in clauses:
        lines += [f"      - id: {clause_id}", f'        number: "{number}"', f"        text: {text}"]
        modality = next(m for words, m in (("must not", "must-not"), ("should not", "should-not"), ("must", "must"),
                                           ("should", "should"), ("may", "may")) if f" {words} " in text)
        lines.append(f"        obligations: [{{who: {members}, modality: {modality}}}]")
    path = folder / f"{protocol_id}.yaml"
    path.write_text(PROTOCOL.format(id=protocol_id, council=f"{protocol_id.capitalize()} Council", members=members,
                                    label=label, clauses="\n".join(lines)), encoding="utf-8")
    return path


FIRST = [
    ("bully", "1.1", "Members must not bully or harass Officers."),
    ("press", "1.2", "Members should not criticise Officers in the press or on social media."),
    ("gifts", "1.3", "Members must register every gift and hospitality offered to them above fifty pounds."),
    ("parking", "1.4", "Members must display their parking permit in the council car park at all times."),
]
SECOND = [  # other ids, other numbers, another order: matching must not care
    ("hospitality", "1", "Councillors must register each gift or hospitality offered to them, whatever its value."),
    ("harassment", "2", "Councillors must not bully or harass Officers."),
    ("media", "3", "Councillors should not criticise Officers in the press, in public meetings or on social media."),
    ("allowances", "4", "Councillors may claim travel allowances for approved duties outside the borough."),
]


@pytest.fixture(scope="module")
def handmade(tmp_path_factory) -> tuple[compare_councils.Comparison, Dataset]:
    folder = tmp_path_factory.mktemp("across")
    paths = [protocol_file(folder, "alder", "Members", FIRST), protocol_file(folder, "birch", "Councillors", SECOND)]
    result = validate([str(p) for p in paths])
    assert result.ok, [p.message for p in result.problems]
    dataset = Dataset(result.protocols)
    return compare_councils.Comparison(dataset, "alder", "birch"), dataset


def test_the_same_words_under_another_name_for_the_role_are_in_both(handmade):
    comparison, _ = handmade
    result = {local(r.first.id): r for r in comparison.clauses}
    assert (result["bully"].match, result["bully"].status, local(result["bully"].second.id)) == \
        ("both", "kept", "harassment")
    assert result["bully"].similarity == 1.0  # "Members" and "Councillors" are one word: the role
    assert result["bully"].redline == "{~~Members~>Councillors~~} must not bully or harass Officers."


def test_changed_words_are_similar_with_word_differences_that_give_both_texts(handmade):
    comparison, _ = handmade
    result = {local(r.first.id): r for r in comparison.clauses}
    for first, second in (("press", "media"), ("gifts", "hospitality")):
        found = result[first]
        assert (found.match, found.status, local(found.second.id)) == ("similar", "reworded", second), found
        assert compare_councils.THRESHOLD <= found.similarity < 1
        assert resolve(found.redline, "original") == found.first.text
        assert resolve(found.redline, "amended") == found.second.text


def test_a_clause_without_a_counterpart_is_only_in_its_protocol_with_its_nearest(handmade):
    comparison, _ = handmade
    result = {local(r.first.id): r for r in comparison.clauses}
    assert result["parking"].status == "dropped" and result["parking"].second is None
    assert [local(r.first.id) for r in comparison.only_first] == ["parking"]
    assert [local(a.second.id) for a in comparison.added] == ["allowances"]
    for unmatched in (result["parking"], comparison.added[0]):
        assert unmatched.nearest is None or unmatched.nearest.similarity < compare_councils.THRESHOLD
        assert unmatched.match in ("nearest", "only")


def test_word_differences_show_each_text_whole_and_mark_only_what_differs(handmade):
    comparison, _ = handmade
    for result in comparison.matched("both") + comparison.matched("similar"):
        sides = councils.word_sides(result.redline)
        for lines, ref in zip(sides, (result.first, result.second), strict=True):
            shown = "".join(words for line in lines for _, words in line)
            assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", ref.text)  # every word, in order
    press, media = councils.word_sides(next(r for r in comparison.clauses if r.first.id == "alder.press").redline)
    assert [words for differs, words in press[0] if differs] == ["Members"]
    assert [words for differs, words in media[0] if differs] == ["Councillors", ", in public meetings"]
    # capitals alone are no difference, and a space left before punctuation goes with the words
    first, second = councils.word_sides("{~~The Protocol applies~>the protocol rules~~} here {--and there--}.")
    assert [w for d, w in first[0] if d] == ["applies", "and there"]
    assert [w for d, w in second[0] if d] == ["rules"] and "".join(w for _, w in second[0]).endswith("here.")


def test_the_threshold_is_a_floor_and_pairs_are_one_to_one():
    vectors = [{"a": 1.0}, {"a": 0.6, "b": 0.8}]
    matched, scores = compare_councils.pair(vectors, [{"a": 1.0}], 0.5)
    assert matched == {0: (0, 1.0)} and scores == [[1.0], [0.6]]  # the second is similar enough, but taken
    assert compare_councils.pair(vectors, [{"b": 1.0}], 0.9)[0] == {}  # 0.8 is below 0.9: no match


def test_words_trim_endings_drop_common_words_and_name_roles(handmade):
    comparison, _ = handmade
    assert comparison.words.of("alder", "The Members are bullying officers") == ["@councillor", "bully", "@officer"]
    assert comparison.words.of("birch", "Councillors must not bully") == ["@councillor", "bully"]
    assert compare_councils.stem("services") == compare_councils.stem("service")


def test_role_differences_by_modality(handmade):
    comparison, _ = handmade
    councillor = next(role for role in comparison.roles if role.shared == "councillor")
    assert (councillor.first_labels, councillor.second_labels) == (["Members"], ["Councillors"])
    pairs = {(local(p.first.id), local(p.second.id)) for p in councillor.same}
    assert {("bully.1", "harassment.1"), ("press.1", "media.1"), ("gifts.1", "hospitality.1")} <= pairs
    assert [local(d.id) for d in councillor.only_first] == ["parking.1"]
    assert [local(d.id) for d in councillor.only_second] == ["allowances.1"]


def test_a_change_of_modality_is_a_difference(tmp_path):
    paths = [protocol_file(tmp_path, "alder", "Members", [("a", "1", "Members must declare their interests.")]),
             protocol_file(tmp_path, "birch", "Councillors", [("b", "1", "Councillors should declare interests.")])]
    result = validate([str(p) for p in paths])
    comparison = compare_councils.Comparison(Dataset(result.protocols), "alder", "birch")
    councillor = next(role for role in comparison.roles if role.shared == "councillor")
    assert [(p.first.modality, p.second.modality) for p in councillor.modality] == [("must", "should")]
    assert councillor.same == councillor.only_first == councillor.only_second == []


def test_the_data_validates_and_is_the_same_every_time(handmade):
    comparison, dataset = handmade
    files = publish.comparison_files(dataset, [comparison])
    document = json.loads(files["data/compare/alder--birch.json"])
    schema = json.loads(files["schema/compare.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
    assert document["$schema"] == "../../schema/compare.schema.json"
    assert document["method"]["threshold"] == compare_councils.THRESHOLD
    again = compare_councils.Comparison(Dataset(dataset.protocols), "alder", "birch")
    assert publish.comparison_files(dataset, [again]) == files


# --- Councillors: the role differences are the set difference of the obligations ---------------------

def role_obligations(clauses: list[dict], protocol: str, shared: str) -> dict[str, str]:
    """The obligations clauses.json gives the shared role in the protocol: id → modality."""
    return {o["id"]: o["modality"] for c in clauses if c["protocol"] == protocol and not c["deleted"]
            for o in c["obligations"] if any(w["shared"] == shared for w in o["who"])}


@needs_examples("somerset", "kirklees")
@pytest.mark.parametrize("shared", ["councillor", "officer"])
def test_role_differences_are_the_set_difference_of_the_obligations(built_site, shared):
    clauses = json.loads((built_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    document = json.loads((built_site / "data" / "compare" / "somerset--kirklees.json").read_text(encoding="utf-8"))
    role = next(r for r in document["roles"] if r["shared"] == shared)
    first, second = role_obligations(clauses, "somerset", shared), role_obligations(clauses, "kirklees", shared)
    pairs = role["same"] + role["modality_differs"]
    # Every obligation of the role is in the comparison once, with its modality as clauses.json has it.
    listed_first = [p["first"] for p in pairs] + role["only_first"]
    listed_second = [p["second"] for p in pairs] + role["only_second"]
    assert sorted(o["id"] for o in listed_first) == sorted(first)
    assert sorted(o["id"] for o in listed_second) == sorted(second)
    assert all(o["modality"] == first[o["id"]] for o in listed_first)
    assert all(o["modality"] == second[o["id"]] for o in listed_second)
    # An obligation is what it says (its match across the two, or itself) and its modality.
    said = {p["first"]["id"]: f"pair-{n}" for n, p in enumerate(pairs)} | \
        {p["second"]["id"]: f"pair-{n}" for n, p in enumerate(pairs)}
    first_set = {(said.get(i, i), modality) for i, modality in first.items()}
    second_set = {(said.get(i, i), modality) for i, modality in second.items()}
    differences_first = {(said[p["first"]["id"]], p["first"]["modality"]) for p in role["modality_differs"]} | \
        {(o["id"], o["modality"]) for o in role["only_first"]}
    differences_second = {(said[p["second"]["id"]], p["second"]["modality"]) for p in role["modality_differs"]} | \
        {(o["id"], o["modality"]) for o in role["only_second"]}
    assert first_set - second_set == differences_first
    assert second_set - first_set == differences_second
    assert all(p["first"]["modality"] == p["second"]["modality"] for p in role["same"])
    assert all(p["first"]["modality"] != p["second"]["modality"] for p in role["modality_differs"])
    # The role's page in the comparison lists the same differences.
    page = (built_site / "compare" / "somerset--kirklees" / shared / "index.html").read_text(encoding="utf-8")
    for obligation in [*role["only_first"], *role["only_second"]]:
        assert obligation["url"].split("#")[1] in page


# --- The handbook ----------------------------------------------------------------------------------

@needs_examples("somerset", "kirklees")
def test_the_comparison_is_published_linked_and_described(built_site):
    url = "compare/somerset--kirklees/"
    page = built_site / url / "index.html"
    assert page.stat().st_size < 150_000
    data = built_site / "data" / "compare" / "somerset--kirklees.json"
    document = json.loads(data.read_text(encoding="utf-8"))
    schema = json.loads((built_site / document["$schema"].replace("../../", "")).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
    for linking in ("somerset", "kirklees", "roles", "roles/councillor", "roles/councillor/kirklees"):
        hrefs = read_html(built_site / linking / "index.html").hrefs
        assert any("compare/somerset--kirklees/" in href for href in hrefs), linking
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert "compare/somerset--kirklees.json" in [resource["path"] for resource in package["resources"]]
    assert "compare/somerset--kirklees.json" in (built_site / "data" / "index.html").read_text(encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    threshold = round(compare_councils.THRESHOLD * 100)
    assert "How clauses are matched" in text and f"at least <strong>{threshold}%</strong>" in text
    for result in document["clauses"]:  # every clause of the first, with its similarity where matched
        assert result["first"]["url"].split("#")[1] in text
        if result["similarity"] is not None:
            assert f"{round(result['similarity'] * 100)}%" in text


@needs_examples("somerset", "kirklees")
def test_the_comparison_page_sets_two_councils_side_by_side(built_site):
    """Four groups named after the councils, each match's word differences on request, and no word
    of a revision: no verdicts, no tracked-change marks (320 px: the browser survey)."""
    document = json.loads((built_site / "data" / "compare" / "somerset--kirklees.json").read_text(encoding="utf-8"))
    text = (built_site / "compare" / "somerset--kirklees" / "index.html").read_text(encoding="utf-8")
    article = text[text.index("<article"):text.index("</article>")]
    first, second = document["first"]["council"], document["second"]["council"]
    headings = [re.sub(r"<[^>]+>|¶|&para;", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article)]
    assert headings[1:5] == ["In both, near-identical", "Similar", f"Only in {first}", f"Only in {second}"]
    matches = [r for r in document["clauses"] if r["match"] in ("both", "similar")]
    assert article.count('class="cb-words-row"') == article.count("Show word differences") == len(matches) > 0
    offered = [r for r in [*document["clauses"], *document["added"]] if r["match"] == "nearest"]
    assert article.count(", not a match</th>") == 2 and len(offered) > 0
    assert article.count(" similar</td>") == len(matches) + len(offered)
    own_words = re.sub(r"<a [^>]*>.*?</a>|<details.*?</details>", "", article, flags=re.S)  # clauses' words aside
    assert not re.search(r"\b(kept|reworded|dropped|modality)\b", re.sub(r"<[^>]+>", " ", own_words), re.I)
    assert "<ins" not in article and "<del" not in article and '<mark class="cb-differs">' in article


# --- The command ------------------------------------------------------------------------------------

def clausebook(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clausebook.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": os.environ.get("PATH", "")})


def test_compare_across_reports_as_text_or_json(tmp_path):
    first = protocol_file(tmp_path, "alder", "Members", FIRST)
    second = protocol_file(tmp_path, "birch", "Councillors", SECOND)
    done = clausebook("compare", "--across", str(first), str(second))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    groups = {title: [line.split()[0] for line in lines] for title, *lines in
              (block.splitlines() for block in done.stdout.split("\n\n")[1:5])}
    assert groups == {"In both, near-identical": ["1.1"], "Similar": ["1.2", "1.3"], "Only in Alder Council": ["1.4"],
                      "Only in Birch Council": ["4"]}
    assert not re.search(r"\b(kept|reworded|dropped|modality)\b", done.stdout)
    out = tmp_path / "comparison.json"
    done = clausebook("compare", "--across", "--json", str(first), str(second), "-o", str(out))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert json.loads(out.read_text())["first"]["id"] == "alder"


def test_compare_across_manners(tmp_path):
    first = protocol_file(tmp_path, "alder", "Members", FIRST)
    assert clausebook("compare", "--across", str(first), str(first)).returncode == 2  # the same protocol
    assert clausebook("compare", "--across", str(first), "no-such.yaml").returncode == 2
    assert clausebook("compare", "--json", str(first), str(first)).returncode == 2  # --json needs --across
    assert clausebook("compare", "--across", str(first), str(first), "-o", str(first)).returncode == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text(first.read_text().replace("id: alder", "id: broken").replace("title: General", "titel: x"))
    done = clausebook("compare", "--across", str(first), str(broken))
    assert done.returncode == 1 and f"{broken}:" in done.stderr and "Traceback" not in done.stderr
