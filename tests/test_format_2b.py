"""Other councils' documents, as their sources print them: designations, sub-paragraph anchors,
parts, sub-headings, words after a list, optional provisions, richer definitions, obligations
that stand alone, an open role vocabulary, partial texts, front and end matter, model codes.

The fixture protocol `caerwen.yaml` uses every construct; it is built into a real handbook and
the dataset here, and every string in it must reach both."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from clausebook.format.numbering import following
from clausebook.format.validation import validate
from clausebook.records.dataset import Dataset
from clausebook.records.types import published
from conftest import FIXTURES, PageParts, read_html
from test_nothing_lost import missing

CAERWEN = FIXTURES / "valid" / "caerwen.yaml"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_every_string_of_a_valid_fixture_reaches_a_page_and_the_data(path, tmp_path):
    # (A quote is words of its text, which the validator finds there; one that spans a tracked
    # change reads, on a page, with the other side of the change between its words.)
    lost = [entry for entry in missing(load(path), tmp_path / path.name)
            if not (entry.startswith("quote ") and entry.endswith("is on no page"))]
    assert lost == []


def test_the_fixture_protocol_is_large_and_uses_every_new_construct():
    text = CAERWEN.read_text(encoding="utf-8")
    result = validate([str(CAERWEN)], strict=True)
    assert result.ok and not result.warnings
    (protocol,) = result.protocols
    assert sum(1 for _ in protocol.clauses()) >= 40
    for key in ("designation:", "subheading:", "tail:", "optional: true", "optional_note:", "variants:",
                "defines:", "condition:", "inferred: true", "need-not", "gap:", "matter: front", "matter: end",
                "updated:", "printed_contents:", "based_on:", "parts:", 'number: "(2A)"', "--"):
        assert key in text, key


# The site built from the fixture protocol

# caerwen_site (conftest): a real MkDocs build of a project whose source/ holds only the fixture protocol.


def page(site: Path, url: str) -> PageParts:
    return read_html(site / url.split("#")[0] / "index.html")


def test_every_anchor_in_the_data_is_an_element_of_its_page(caerwen_site):
    clauses = json.loads((caerwen_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    urls = [record["url"] for record in clauses]
    urls += [sub["url"] for record in clauses for sub in record["subparagraphs"]]
    urls += [o["url"] for record in clauses for o in record["obligations"]]
    urls += [reference["url"] for record in clauses for reference in record["references"]]
    assert any("--" in url for url in urls)
    for url in urls:
        path, anchor = url.split("#")
        assert anchor in page(caerwen_site, path).ids, url


def test_a_link_to_a_sub_paragraph_lands_on_it(caerwen_site):
    clauses = json.loads((caerwen_site / "data" / "clauses.json").read_text(encoding="utf-8"))["clauses"]
    links = [(record, reference) for record in clauses for reference in record["references"]
             if reference["type"] == "subparagraph"]
    assert links
    for record, reference in links:
        here = page(caerwen_site, record["url"].split("#")[0])
        target_page, anchor = reference["url"].split("#")
        same_page = target_page == record["url"].split("#")[0]
        expected = f"#{anchor}" if same_page else f"../{target_page.split('/')[-2]}/#{anchor}"
        assert expected in here.hrefs, (reference, here.hrefs)
        assert reference["subparagraph"].endswith(anchor)


def test_parts_are_navigation_groups_and_addresses_do_not_change(caerwen_site):
    home = (caerwen_site / "caerwen" / "index.html").read_text(encoding="utf-8")
    protocol = load(CAERWEN)
    for name, part in protocol["parts"].items():
        title = f"{part['designation']}: {part['title']}" if "designation" in part else part["title"]
        # Elsewhere a part is one link to its first page (the navigation is pruned); on its own
        # pages, a group that lists its sections.
        first = next(section["id"] for section in protocol["sections"] if section.get("part") == name)
        assert re.search(rf'<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">\s*'
                         rf'<a href="{first}/" class="md-nav__link">\s*<span class="md-ellipsis">\s*{re.escape(title)}',
                         home), title
        inside = (caerwen_site / "caerwen" / first / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<label class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*{re.escape(title)}',
                         inside), title
    for section in protocol["sections"]:
        assert (caerwen_site / "caerwen" / section["id"] / "index.html").is_file()


def test_honest_metadata_is_shown(caerwen_site):
    home = (caerwen_site / "caerwen" / "index.html").read_text(encoding="utf-8")
    protocol = load(CAERWEN)
    assert "(incomplete: some of the text is missing)" in home
    assert protocol["protocol"]["based_on"]["author"] in home
    assert f"({protocol['protocol']['printed_contents']})" in home
    gaps = [clause["gap"] for section in protocol["sections"] for clause in section.get("clauses", ())
            if "gap" in clause]
    pages = " ".join(p.read_text(encoding="utf-8") for p in (caerwen_site / "caerwen").rglob("index.html"))
    assert gaps and all(f"<strong>Text missing:</strong> {gap}" in pages for gap in gaps)
    updated = [section for section in protocol["sections"] if "updated" in section]
    assert updated and all(f"ast updated {s['updated']}" in pages for s in updated)


def test_the_data_page_lists_the_shared_roles_in_use(caerwen_site):
    data_page = (caerwen_site / "data" / "index.html").read_text(encoding="utf-8")
    for role in load(CAERWEN)["roles"].values():
        if "shared" in role:
            row = re.search(rf"<li><code>{re.escape(role['shared'])}</code>:(.*?)</li>", data_page, re.S)
            assert row and role["label"] in row.group(1), role
    assert "<!-- clausebook" not in data_page
    assert "<code>independent-person</code>" in data_page


def test_the_published_files_validate_against_their_schemas(caerwen_site):
    import jsonschema
    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (caerwen_site / "schema").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    for name, schema in (("clauses.json", "clauses"), ("protocols.json", "protocols"), ("caerwen.json", "protocol")):
        document = json.loads((caerwen_site / "data" / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schemas[f"{schema}.schema.json"], registry=registry).validate(document)


# Designations, sequences and cross-references

def test_numbers_follow_with_inserted_numbers_letters_and_brackets():
    assert following("3") == ["4", "3A"]
    assert following("2.2A") == ["2.3", "2.2B"]
    assert following("(2)") == ["(3)", "(2A)"]
    assert following("B") == ["C"]
    assert following("(h)") == ["(i)"]
    assert following("(i)") == ["(ii)", "(j)"]
    assert following("(aa)") == ["(bb)"]


def test_a_bracketed_number_is_read_after_its_parents():
    (protocol,) = validate([str(CAERWEN)]).protocols
    references = {clause.id: clause.reference for clause in protocol.clauses()}
    numbers = {clause.id: clause.number for clause in protocol.clauses()}
    bracketed = [cid for cid, number in numbers.items() if number and number.startswith("(")]
    assert bracketed
    for cid in bracketed:
        assert references[cid].endswith(numbers[cid]) and references[cid] != numbers[cid]


# Obligations read alone

def test_an_item_obligation_gives_its_whole_sentence():
    result = validate([str(FIXTURES / "valid" / "construct-obligations.yaml")])
    records = published(Dataset(result.protocols).records)
    sentences = [o for record in records for o in record["obligations"] if o["sentence"] != o["statement"]]
    assert sentences
    for obligation in sentences:
        if not obligation["supplied"]:  # (supplied words may stand in for some of the statement's)
            assert obligation["statement"].rstrip(";.,") in obligation["sentence"]


def test_modalities_map_onto_duties_and_powers():
    result = validate([str(CAERWEN)])
    obligations = [o for record in published(Dataset(result.protocols).records) for o in record["obligations"]]
    kinds = {(o["modality"], o["duty_or_power"]) for o in obligations}
    assert ("need-not", "power") in kinds and ("must", "duty") in kinds and ("must-not", "duty") in kinds
    assert any(o["inferred"] for o in obligations) and any(o["condition"] for o in obligations)
    assert any(o["subparagraph"] for o in obligations)


def test_an_item_completed_by_its_tagged_sub_items_needs_no_tag_of_its_own(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text(
        "protocol: {id: demo, council: Demo Council, title: Demo protocol, status: adopted}\n"
        "roles:\n  members: {label: Members, shared: councillor}\n"
        "sections:\n  - id: general\n    number: \"1\"\n    title: General\n    clauses:\n"
        "      - id: first\n        number: \"1.1\"\n        body:\n"
        "          - lead: \"In this code:\"\n            items:\n"
        "              - text: \"Members must:\"\n                each: {who: members, modality: must}\n"
        "                items: [be fair, be kind]\n                tail: at all times.\n", encoding="utf-8")
    result = validate([str(path)], strict=True)
    assert result.ok and not result.warnings
    (record,) = published(Dataset(result.protocols).records)
    assert [o["sentence"] for o in record["obligations"]] == ["In this code Members must be fair at all times.",
                                                              "In this code Members must be kind at all times."]
