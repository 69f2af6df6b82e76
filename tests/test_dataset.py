"""The open dataset, read as a downstream developer would: only site/data/ and site/schema/
(and, to compare with, the YAML sources read with plain PyYAML) — no project imports."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest
import referencing
import yaml

from conftest import COUNCIL_CODES, EXAMPLES, ROOT, build_site, needs_examples, read_html, source_protocols

CHANGE = re.compile(r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{~~(.*?)~>(.*?)~~\}", re.DOTALL)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ESCAPE = re.compile(r"\\(\S)")


def load(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def registry(site: Path) -> referencing.Registry:
    resources = []
    for path in (site / "schema").glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], referencing.Resource.from_contents(contents)))
    return referencing.Registry().with_resources(resources)


def validator_for(site: Path, document_path: Path) -> jsonschema.Validator:
    reference = json.loads(document_path.read_text())["$schema"]
    schema_path = (document_path.parent / reference).resolve()
    assert schema_path.is_file(), f"$schema {reference} does not resolve from {document_path}"
    schema = json.loads(schema_path.read_text())
    return jsonschema.Draft202012Validator(schema, registry=registry(site))


@pytest.mark.parametrize("name", ["clauses.json", "protocols.json", *(f"{p}.json" for p in source_protocols())])
def test_every_published_json_file_validates_against_its_schema(built_site, name):
    path = built_site / "data" / name
    errors = list(validator_for(built_site, path).iter_errors(json.loads(path.read_text())))
    assert [e.message[:200] for e in errors] == []


def test_schema_ids_match_published_paths(built_site):
    for path in (built_site / "schema").glob("*.json"):
        assert json.loads(path.read_text())["$id"] == path.name


# What the sources say, read independently of the project's code.

def amended(text: str) -> str:
    return CHANGE.sub(lambda m: m.group(1) or m.group(4) or "", text)


def words(text: str) -> list[str]:
    """The words of Markdown as amended, without link addresses; an escaped character ("\\_\\_\\_", a
    blank to fill in) is the character itself."""
    return re.findall(r"\w+", ESCAPE.sub(r"\1", LINK.sub(r"\1", amended(text))))


def source_clauses(path: Path) -> list[tuple[str, list[str]]]:
    """(id, words of its own text as amended) for every clause of a source file, in order: every
    text README "Writing a protocol" allows in a body (leads, items with their labels, sub-items and
    tails, an omitted sub-paragraph's note, a list's tail and the items it introduces, quotations
    and their source, definitions with their labels, variants, items and tails, a table's caption,
    column labels and cells, a cell's lead-in and items)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    found = []

    def live(element) -> bool:
        return not (isinstance(element, dict) and element.get("change") == "deleted")

    def tail(entry) -> list[str]:
        written = entry.get("tail", "")
        if isinstance(written, str):
            return words(written)
        return words(written["text"]) + items(written.get("items", [])) + tail(written)

    def items(entries) -> list[str]:
        out = []
        for item in entries:
            if isinstance(item, str):
                out += words(item)
            elif live(item):
                own = item["omitted"] if "omitted" in item else item["text"]
                out += words(item.get("label", "")) + words(own) + items(item.get("items", [])) + tail(item)
        return out

    def definition(entry) -> list[str]:
        variants = [w for variant in entry.get("variants", [])
                    for w in words(variant.get("lang", "")) + words(variant["term"])]
        return (words(entry.get("label", "")) + words(entry["term"]) + variants + words(entry["text"])
                + items(entry.get("items", [])) + tail(entry))

    def block(entry) -> list[str]:
        if not live(entry):
            return []
        out = words(entry.get("lead", ""))
        if "text" in entry:
            out += words(entry["text"])
        elif "items" in entry:
            out += items(entry["items"]) + tail(entry)
        elif "quote" in entry:
            out += words(entry["quote"]) + words(entry.get("source", ""))
        elif "definitions" in entry:
            out += [w for d in entry["definitions"] if live(d) for w in definition(d)]
        elif "table" in entry:
            columns = list(entry["table"]["columns"])
            out += words(entry["table"].get("caption", ""))
            out += [w for c in entry["table"]["columns"].values() for w in words(c["label"])]
            for row in entry["table"]["rows"]:
                if live(row):
                    for column in columns:
                        cell = row.get(column, [])
                        if isinstance(cell, dict):  # a lead-in and the items that complete it
                            out += words(cell["lead"]) + items(cell["items"])
                        else:
                            out += items([cell] if isinstance(cell, str) else cell)
        return out

    def clause(entry, deleted: bool) -> None:
        deleted = deleted or entry.get("change") == "deleted"
        text = [] if deleted else words(entry.get("text", "")) + [w for b in entry.get("body", []) for w in block(b)]
        found.append((entry["id"], text))
        for child in entry.get("clauses", []):
            clause(child, deleted)

    for section in data["sections"]:
        for entry in section.get("clauses", []):
            clause(entry, section.get("change") == "deleted")
    return found


def check_text_in_order(site: Path, protocol: str, path: Path) -> None:
    """The dataset of ``site`` holds the protocol's clauses in order, each with the words of its
    source file as amended."""
    records = [r for r in load(site, "clauses.json")["clauses"] if r["protocol"] == protocol]
    expected = source_clauses(path)
    assert [r["id"] for r in records] == [f"{protocol}.{cid}" for cid, _ in expected]
    for record, (_, text) in zip(records, expected, strict=True):
        assert re.findall(r"\w+", record["text_plain"]) == text, record["id"]
        assert (record["text"] == "") == (record["deleted"] or not text)
    assert load(site, f"{protocol}.json")["clauses"] == records


@pytest.mark.parametrize("protocol", list(source_protocols()))
def test_dataset_rebuilds_each_protocol_text_in_order(built_site, protocol):
    check_text_in_order(built_site, protocol, source_protocols()[protocol])


def test_a_councils_own_codes_rebuild_in_order_with_their_tails_definitions_and_blanks(councils_site):
    """Two councils' codes that use every construct: list tails, definitions with items, tails and
    variants, table captions; and an escaped blank ("Minute ref: \\_\\_\\_"), which is ___ in the
    plain text (not "\\_" from a misread emphasis)."""
    for path in COUNCIL_CODES:
        protocol = yaml.load(path.read_bytes(), Loader=yaml.BaseLoader)["protocol"]["id"]
        check_text_in_order(councils_site, protocol, path)
    records = {r["id"]: r for r in load(councils_site, "clauses.json")["clauses"]}
    assert records["brackenford.purpose"]["text_plain"].endswith("Minute ref: ___")
    assert records["brackenford.star-note"]["text_plain"].startswith("[Draft] Words marked with an asterisk (*)")


def test_deleted_clauses_are_kept_with_their_struck_text(built_site):
    deleted = [r for r in load(built_site, "clauses.json")["clauses"] if r["deleted"]]
    if "kirklees" in source_protocols():
        assert [r["id"] for r in deleted if r["protocol"] == "kirklees"] == [
            "kirklees.subsequent-sections", "kirklees.courteous-contact"]
    for record in deleted:
        assert record["text"] == "" and record["change"]["status"] == "deleted"
        assert record["change"]["text_before"]


def test_protocols_in_id_order_and_ids_unique(built_site):
    records = load(built_site, "clauses.json")["clauses"]
    order = [r["protocol"] for r in records]
    assert order == sorted(order)
    assert len({r["id"] for r in records}) == len(records)


def page_ids(site: Path, url: str) -> set[str]:
    return read_html(site / url / "index.html").ids


def test_every_url_resolves_to_an_element_id(built_site):
    cache: dict[str, set[str]] = {}
    records = load(built_site, "clauses.json")["clauses"]
    targets = [r["url"] for r in records] + [ref["url"] for r in records for ref in r["references"]]
    for url in targets:
        page, anchor = url.split("#")
        ids = cache.setdefault(page, page_ids(built_site, page))
        assert anchor in ids, url


def test_every_link_between_clauses_in_the_html_lands_on_an_element(built_site):
    import posixpath

    checked = 0
    cache: dict[str, set[str]] = {}
    for protocol in source_protocols():
        for page in (built_site / protocol).glob("*/index.html"):
            page_url = page.parent.relative_to(built_site).as_posix() + "/"
            for href in read_html(page).hrefs:
                if "://" in href or href.startswith("mailto:") or "#" not in href:
                    continue
                path, anchor = href.split("#", 1)
                target = posixpath.normpath(posixpath.join(page_url, path)) + "/" if path else page_url
                ids = cache.setdefault(target, page_ids(built_site, target))
                assert anchor in ids, f"{page_url}: {href}"
                checked += 1
    if set(EXAMPLES) <= source_protocols().keys():
        assert checked > 300


def test_csv_round_trips_the_same_clauses(built_site):
    check_csv_round_trips(built_site)


def test_csv_and_json_name_the_same_clause_for_a_link_to_a_labelled_item(councils_site):
    """A link to item (ii) of definition (a) of clause 1.1, and to 3(2)(b)(ii): the CSV's
    references, like JSON's `target`, name the clause, a row of the CSV (JSON's `subparagraph` names
    the item)."""
    check_csv_round_trips(councils_site)
    records = {r["id"]: r for r in load(councils_site, "clauses.json")["clauses"]}
    for clause, target, item in (("brackenford.ask-first", "brackenford.meanings", "brackenford.meanings--a-ii"),
                                 ("tarnside.p3-2a", "tarnside.p3-2", "tarnside.p3-2--b-ii")):
        (reference,) = records[clause]["references"]
        assert (reference["target"], reference["subparagraph"]) == (target, item)


def check_csv_round_trips(site: Path) -> None:
    records = load(site, "clauses.json")["clauses"]
    ids = {record["id"] for record in records}
    with (site / "data" / "clauses.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record["id"]
        assert row["text"] == record["text"] and row["text_plain"] == record["text_plain"]
        assert row["number"] == (record["number"] or "") and row["url"] == record["url"]
        assert int(row["obligations"]) == len(record["obligations"])
        assert row["references"].split() == [r["target"] for r in record["references"]]
        # (a link to a labelled item names the clause that holds it: a row)
        assert {r["target"] for r in record["references"] if r["type"] != "section"} <= ids


def test_datapackage_describes_every_file_and_states_the_licence_position(built_site):
    package = load(built_site, "datapackage.json")
    for resource in package["resources"]:
        path = built_site / "data" / resource["path"]
        assert path.stat().st_size == resource["bytes"]
    protocols = {p["id"]: p for p in load(built_site, "protocols.json")["protocols"]}
    for protocol in protocols.values():
        licence = protocol["licence"]
        resource = next(r for r in package["resources"] if r["name"] == protocol["id"])
        if licence is None:  # said plainly, and no licence claimed for it
            assert f"{protocol['council']} has not stated a licence" in package["description"]
            assert "licenses" not in resource
        else:
            assert [entry["name"] for entry in resource["licenses"]] == [licence["name"]]
    # A kept version's file holds one protocol's text: it states that protocol's licence position.
    kept = {r["path"]: r for r in package["resources"] if r["path"].startswith("versions/")}
    for path, resource in kept.items():
        licence = load(built_site, path)["protocol"]["licence"]
        assert [e["name"] for e in resource.get("licenses", [])] == ([licence["name"]] if licence else [])
    # The other files hold every protocol's text: none claims one protocol's licence for them all.
    assert all("licenses" not in r for r in package["resources"]
               if r["name"] not in protocols and r["path"] not in kept)
    listed = {r["path"] for r in package["resources"]}
    assert {str(p.relative_to(built_site / "data")) for p in (built_site / "data").rglob("*.json")} - listed \
        == {"datapackage.json"}


# Versions: data/versions.json, and each kept version's own data file.

def versions_of(site: Path) -> dict[str, dict[str, dict]]:
    """Each protocol's versions in versions.json, by protocol id and key."""
    return {entry["protocol"]: {v["key"]: v for v in entry["versions"]}
            for entry in load(site, "versions.json")["protocols"]}


def test_versions_json_validates_and_lists_every_protocol(built_site):
    path = built_site / "data" / "versions.json"
    document = json.loads(path.read_text())
    assert [e.message[:200] for e in validator_for(built_site, path).iter_errors(document)] == []
    protocols = load(built_site, "protocols.json")["protocols"]
    assert [entry["protocol"] for entry in document["protocols"]] == [p["id"] for p in protocols]
    for protocol, entry in zip(protocols, document["protocols"], strict=True):
        assert protocol["versions_url"] == entry["url"] == f"{protocol['id']}/versions/"
        assert protocol["version_key"] is None
        assert sum(v["current"] for v in entry["versions"]) == 1
        assert sum(v["status"] == "in-force" for v in entry["versions"]) <= 1


@needs_examples()
def test_versions_json_names_the_examples_versions(built_site):
    versions = versions_of(built_site)
    kirklees, somerset = versions["kirklees"], versions["somerset"]
    assert list(kirklees) == ["original", "proposed"] and list(somerset) == ["original"]
    original, proposed = kirklees["original"], kirklees["proposed"]
    # Kirklees' text in force: its original reading, whose adoption date the source does not state.
    assert {"status": "in-force", "dated": False, "adopted": None, "current": False, "url": "kirklees/original/",
            "data": "data/versions/kirklees/original.json"}.items() <= original.items()
    assert {"status": "proposed", "current": True, "url": "kirklees/", "data": "data/kirklees.json"}.items() \
        <= proposed.items()
    assert {"status": "in-force", "current": True, "url": "somerset/", "data": "data/somerset.json"}.items() \
        <= somerset["original"].items()


def test_every_versions_address_and_data_file_is_in_the_site(built_site):
    for protocol_id, versions in versions_of(built_site).items():
        assert (built_site / protocol_id / "versions" / "index.html").is_file()
        for key, version in versions.items():
            assert (built_site / version["url"] / "index.html").is_file(), (protocol_id, key)
            for download in (version["pdf"], version["docx"]):
                assert download is None or (built_site / download).is_file(), download
            data = built_site / version["data"]
            document = json.loads(data.read_text())
            assert [e.message[:200] for e in validator_for(built_site, data).iter_errors(document)] == []
            assert document["protocol"]["id"] == protocol_id and document["protocol"]["url"] == version["url"]
            assert document["protocol"]["version_key"] == (None if version["current"] else key)
            assert sum(not clause["deleted"] for clause in document["clauses"]) == version["clauses"]


@needs_examples("kirklees")
def test_a_kept_versions_clauses_keep_their_ids_and_lead_to_its_own_pages(built_site):
    kept = [(protocol_id, version) for protocol_id, versions in versions_of(built_site).items()
            for version in versions.values() if not version["current"]]
    assert kept  # (Kirklees' text in force, beside its proposal)
    for protocol_id, version in kept:
        clauses = load(built_site, version["data"].removeprefix("data/"))["clauses"]
        assert clauses
        for clause in clauses:
            assert clause["id"] == f"{protocol_id}.{clause['local_id']}"
            path, _, anchor = clause["url"].partition("#")
            assert path.startswith(version["url"]) and anchor in read_html(built_site / path / "index.html").ids


@needs_examples("kirklees")
def test_the_text_in_force_of_a_proposal_is_its_clauses_as_they_were(built_site):
    tracked = load(built_site, "kirklees.json")["clauses"]
    was = {c["id"] for c in tracked if (c["change"] or {}).get("status") != "inserted"}
    assert {c["id"] for c in load(built_site, "versions/kirklees/original.json")["clauses"]} == was


@needs_examples("somerset")
def test_jsonld_names_protocol_and_clauses(built_site):
    html = (built_site / "somerset" / "members" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    document = json.loads(block.group(1))
    assert document["@type"] == "Legislation" and document["identifier"] == "somerset"
    parts = document["hasPart"]["hasPart"]
    assert {"identifier": "somerset.mutual-respect", "legislationIdentifier": "2.1"}.items() <= parts[0].items()


@needs_examples("kirklees")
def test_data_page_example_is_a_real_record(built_site):
    page = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)\n```", page, re.DOTALL).group(1))
    records = {r["id"]: r for r in load(built_site, "clauses.json")["clauses"]}
    assert records[example["id"]] == example


def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = build_site(tmp_path / "again")
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_site_url_makes_schema_references_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEBOOK_SITE_URL", "https://protocols.example.org/")
    site = build_site(tmp_path / "site")
    assert load(site, "clauses.json")["$schema"] == "https://protocols.example.org/schema/clauses.schema.json"
    schema = json.loads((site / "schema" / "clauses.schema.json").read_text())
    assert schema["$id"] == "https://protocols.example.org/schema/clauses.schema.json"
