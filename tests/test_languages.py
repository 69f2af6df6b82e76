"""A protocol in English and Welsh (tests/fixtures/bilingual: an invented town council's code in
both languages, with the constructs of the Welsh model code and a revision tracked in both): the
parity check, each difference an error at both places; the Welsh pages, search, PDFs, Word files
and data; and, in Chromium, the language switch, a Welsh search, axe and reflow on every page of
both texts."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import zipfile
from pathlib import Path

import jsonschema
import material
import pikepdf
import pytest
import yaml

from browser_support import html_pages, refresh_target, serve_directory
from clausebook import words
from clausebook.format.validation import format_problem, validate
from clausebook.mkdocs.handbook import Handbook
from clausebook.outputs.site.glossary import sort_key
from clausebook.outputs.site.version_words import WELSH_MONTHS
from clausebook.settings import Settings
from conftest import FIXTURES, ROOT, build_project, shared_folder
from test_browser import AXE_OPTIONS, MEASURE_REFLOW, NARROW, RUN_AXE, SETTLE, WIDE, axe_script
from test_dataset import registry

BILINGUAL = FIXTURES / "bilingual"
ENGLISH, WELSH = BILINGUAL / "llanfair-teg.yaml", BILINGUAL / "llanfair-teg.cy.yaml"
OTHER = (BILINGUAL / "bryn-glas.yaml", BILINGUAL / "bryn-glas.cy.yaml")  # a second council, compared with the first
PAIR = ("llanfair-teg", "bryn-glas")
SITE_URL = "https://handbook.example.org/"
MATERIAL = Path(material.__file__).parent  # the theme, whose Welsh interface the Welsh pages speak
WELSH_TITLE = "Protocolau aelodau a swyddogion"  # the site's title on the Welsh pages (settings: titles)


def _validated(tmp_path: Path, welsh: str | None = None, english: str | None = None) -> list[str]:
    """The problems of the fixture's two texts, either edited, as the author would read them."""
    folder = tmp_path / "source"
    folder.mkdir()
    (folder / ENGLISH.name).write_text(english or ENGLISH.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / WELSH.name).write_text(welsh or WELSH.read_text(encoding="utf-8"), encoding="utf-8")
    result = validate([str(folder)], strict=True)
    return [format_problem(problem).replace(f"{folder}/", "") for problem in result.problems]


def test_the_two_texts_are_one_protocol_in_two_languages() -> None:
    result = validate([str(BILINGUAL)], strict=True)
    assert result.ok, result.problems
    assert sorted(protocol.id for protocol in result.protocols) == ["bryn-glas", "llanfair-teg"]
    assert {text.language for texts in result.translations.values() for text in texts} == {"cy"}
    (welsh,) = result.translations["llanfair-teg"]
    assert (welsh.language, welsh.language_path, welsh.council) == ("cy", "cy", "Cyngor Tref Llanfair Teg")
    english = next(protocol for protocol in result.protocols if protocol.id == "llanfair-teg")
    assert [clause.id for clause in english.clauses()] == [clause.id for clause in welsh.clauses()]


WELSH_TEXT = WELSH.read_text(encoding="utf-8")
ENGLISH_TEXT = ENGLISH.read_text(encoding="utf-8")
P5 = WELSH_TEXT.index("      - id: p5")


@pytest.mark.parametrize(("welsh", "english_says", "welsh_says"), [
    pytest.param(WELSH_TEXT[:P5], "clause 5 ('p5') is in the English text only: its Welsh text does not have it",
                 "the English text has clause 5 ('p5') here; this Welsh text does not", id="a clause in one only"),
    pytest.param(WELSH_TEXT.replace("{--28--}{++14++}", "14"),
                 "words amended by the revision: yes in the English text, none in the Welsh",
                 "words amended by the revision: yes in the English text, none in the Welsh",
                 id="amended in one only"),
    pytest.param(WELSH_TEXT.replace("            change: inserted\n            text: Rhaid i'r Clerc",
                                    "            text: Rhaid i'r Clerc"),
                 "clause 4(3) ('p4-3'): change: inserted in the English text, none in the Welsh",
                 "clause 4(3) ('p4-3'): change: inserted in the English text, none in the Welsh",
                 id="inserted in one only"),
    pytest.param(WELSH_TEXT.replace('                      - {label: (bb), text: "wedi\'i wneud yn ddidwyll;"}\n', ""),
                 "clause 3 ('p3'), its 1st block (list): items: 2 items; the 1st with [3 items; the 3rd with "
                 "[2 items]] in the English text, 2 items; the 1st with [3 items; the 3rd with [1 item]] in the Welsh",
                 "[2 items]] in the English text, 2 items; the 1st with [3 items; the 3rd with [1 item]] in the Welsh",
                 id="an item in one only"),
    pytest.param(WELSH_TEXT.replace("obligations: [{who: clerk, modality: should, towards: members}]",
                                    "obligations: [{who: clerk, modality: must, towards: members}]"),
                 "obligations: should (clerk) in the English text, must (clerk) in the Welsh",
                 "obligations: should (clerk) in the English text, must (clerk) in the Welsh",
                 id="an obligation's force"),
    pytest.param(WELSH_TEXT.replace('designation: "4.—(1)"', 'designation: "4.—(2)"'),
                 "designation: 4.—(1) in the English text, 4.—(2) in the Welsh",
                 "designation: 4.—(1) in the English text, 4.—(2) in the Welsh", id="a number"),
])
def test_a_difference_between_the_two_texts_is_an_error_at_both_places(tmp_path: Path, welsh: str,
                                                                       english_says: str, welsh_says: str) -> None:
    problems = _validated(tmp_path, welsh=welsh)
    english = [line for line in problems if line.startswith(ENGLISH.name) and english_says in line]
    welsh_lines = [line for line in problems if line.startswith(WELSH.name) and welsh_says in line]
    assert english and welsh_lines, "\n".join(problems)
    # Each names the other place, line and column, so the author can go to both.
    assert re.search(rf"\(see {re.escape(WELSH.name)}:\d+:\d+\)$", english[0]), english[0]
    assert re.search(rf"\(see {re.escape(ENGLISH.name)}:\d+:\d+\)$", welsh_lines[0]), welsh_lines[0]


def test_a_welsh_text_needs_its_protocol_and_its_language(tmp_path: Path) -> None:
    assert any("no source file is protocol 'llanfair-teg'" in line for line in _validated(
        tmp_path, english=ENGLISH_TEXT.replace("id: llanfair-teg", "id: llanfair-isaf")))
    other = tmp_path / "other"
    other.mkdir()
    assert any("state its language (language: cy), not 'en-GB'" in line for line in _validated(
        other, welsh=WELSH_TEXT.replace("language: cy", "language: en-GB")))


def test_the_welsh_pages_say_clausebooks_own_words_in_welsh(tmp_path: Path) -> None:
    """Every word clausebook says on the Welsh pages (the text's, its versions', the changes between
    them) and in its PDFs' running heads has its Welsh (words.WELSH)."""
    _kept_pair(tmp_path)
    handbook = Handbook(root=tmp_path, settings=Settings(pdf=False, docx=False))
    words.UNSAID.clear()
    handbook.load()
    handbook.print_jobs(handbook.context)
    assert not words.UNSAID, sorted(words.UNSAID)
    pages = {page.src_uri: page.content for page in handbook.pages}
    assert "Diwygiad arfaethedig yw hwn, nid y protocol sydd mewn grym." in pages["cy/llanfair-teg/index.md"]
    assert "<dt>Cyngor</dt>" in pages["cy/llanfair-teg/index.md"]
    assert "Newidiadau: Mabwysiadwyd 1 Mawrth 2015" in pages["cy/llanfair-teg/versions/2015-03-01--2019-06-11/index.md"]
    assert "Dyma fersiwn gynharach o Cod Ymddygiad yr Aelodau" in pages["cy/llanfair-teg/2015-03-01/index.md"]


def test_the_welsh_glossary_is_in_welsh_alphabetical_order() -> None:
    terms = ["llyfr", "lwc", "chwarae", "cyngor", "dyn", "dda", "ffordd", "fel", "rhaid", "rwy", "thema", "tŷ"]
    assert sorted(terms, key=lambda term: sort_key(term, "cy")) == [
        "cyngor", "chwarae", "dyn", "dda", "fel", "ffordd", "lwc", "llyfr", "rwy", "rhaid", "tŷ", "thema"]
    assert sorted(["llyfr", "lwc"], key=lambda term: sort_key(term, "en-GB")) == ["llyfr", "lwc"]


def test_welsh_lists_join_their_last_item_as_welsh_does() -> None:
    with words.spoken("cy"):
        assert words.joined(["Cyngor Cymuned Bryn Glas", "Cyngor Tref Llanfair Teg"], "and") == (
            "Cyngor Cymuned Bryn Glas a Chyngor Tref Llanfair Teg")
        assert words.joined(["aelodau", "y Clerc"], "and") == "aelodau a'r Clerc"
        assert words.joined(["aelodau", "Ynys Môn"], "and") == "aelodau ac Ynys Môn"
        assert words.joined(["rhaid", "caiff", "dylai"], "or") == "rhaid, caiff neu ddylai"
    assert words.joined(["Kirklees Council", "Cyngor Sir"], "and") == "Kirklees Council and Cyngor Sir"


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real MkDocs build, with its PDFs and Word files, of a project whose source/ holds the two
    texts and a second council's two, the two councils compared, at a site address (for the
    sitemap's alternates)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("\nextra:\n", (
        f"\nextra:\n  clausebook:\n    compare: [[{PAIR[0]}, {PAIR[1]}]]\n    titles: {{cy: {WELSH_TITLE}}}\n"), 1)
    return shared_folder(tmp_path_factory, "bilingual", lambda folder: build_project(
        folder, [ENGLISH, WELSH, *OTHER], config, CLAUSEBOOK_NO_PDF="", CLAUSEBOOK_SITE_URL=SITE_URL)) / "site"


def _switch(site: Path, page: str) -> list[tuple[str, str, str]]:
    """The page's language switch: each link's (href, hreflang, words)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<p class="cb-language-switch">(.*?)</p>', html, re.DOTALL)
    return re.findall(r'href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', found.group(1)) if found else []


def _pages(site: Path, folder: str) -> list[str]:
    """The pages under ``folder`` (``llanfair-teg/``) that are pages to read: not a permalink, nor
    an address that sends the reader on (a version's key: ``proposed/``)."""
    return [path.strip("/") for path in html_pages(site) if path.startswith(f"/{folder}")
            and "/c/" not in path and refresh_target(site, path) is None]


@pytest.mark.build
def test_every_page_of_each_text_links_to_the_same_page_in_the_other(bilingual_site: Path) -> None:
    welsh = _pages(bilingual_site, "cy/")
    # the home page, the overview and each page of the text, its versions and the text in force
    # the revision revises, the roles, the texts in each language, the comparison of the councils
    assert {"cy", "cy/llanfair-teg", "cy/llanfair-teg/interests", "cy/llanfair-teg/print", "cy/llanfair-teg/changes",
            "cy/llanfair-teg/glossary", "cy/llanfair-teg/languages", "cy/llanfair-teg/versions",
            "cy/llanfair-teg/versions/history", "cy/llanfair-teg/2019-06-11", "cy/llanfair-teg/2019-06-11/general",
            "cy/roles", "cy/roles/councillor/llanfair-teg", "cy/bryn-glas/conduct",
            "cy/compare/llanfair-teg--bryn-glas", "cy/compare/llanfair-teg--bryn-glas/councillor"} <= set(welsh), welsh
    assert _switch(bilingual_site, "") == [("cy/", "cy", "Cymraeg")]
    assert _switch(bilingual_site, "cy") == [("../", "en-GB", "English")]
    welsh.remove("cy")
    english = [page for folder in ("llanfair-teg/", "bryn-glas/", "roles/", "compare/")
               for page in _pages(bilingual_site, folder)]
    for page in english:
        same = f"cy/{page}" if f"cy/{page}" in welsh else f"cy/{page.split('/')[0]}"  # (versions: in English alone)
        assert _switch(bilingual_site, page) == [(f"{'../' * (page.count('/') + 1)}{same}/", "cy", "Cymraeg")], page
    for page in welsh:
        assert page.removeprefix("cy/") in english, page
        (link,) = _switch(bilingual_site, page)
        assert link == (f"{'../' * (page.count('/') + 1)}{page.removeprefix('cy/')}/", "en-GB", "English"), page
        html = (bilingual_site / page / "index.html").read_text(encoding="utf-8")
        assert '<html lang="cy"' in html and "Chwilio" in html  # the theme's Welsh: its search box
        assert "Link to this paragraph" not in html  # (each heading's link: "Dolen i'r paragraff hwn")
        assert WELSH_TITLE in html and "Member/officer protocols" not in html, page  # (the header, the footer)
    assert WELSH_TITLE not in (bilingual_site / "llanfair-teg/index.html").read_text(encoding="utf-8")
    # Search engines find each page's alternates in the sitemap.
    sitemap = (bilingual_site / "sitemap.xml").read_text(encoding="utf-8")
    assert (f'<xhtml:link rel="alternate" hreflang="cy" href="{SITE_URL}cy/llanfair-teg/interests/"/>'
            in sitemap)


@pytest.mark.build
def test_the_welsh_pages_say_no_word_that_is_not_welsh(bilingual_site: Path) -> None:
    """Every word on a Welsh page, outside the navigation and the switch to English, is the Welsh
    texts' own (their English equivalents too), clausebook's Welsh (words.WELSH, the months), the
    theme's Welsh, the site's Welsh title or its address: clausebook says nothing in English there, whether or
    not its template puts the words through ``_``. (The page on the texts in step lists the
    English headings beside the Welsh.)"""
    welsh = _vocabulary(*(yaml.safe_load(source.read_text(encoding="utf-8")) for source in (WELSH, OTHER[1])),
                        *words.WELSH.values(), *WELSH_MONTHS, WELSH_TITLE, SITE_URL, "json",
                        (MATERIAL / "templates/partials/languages/cy.html").read_text(encoding="utf-8"))
    english = _vocabulary(*(yaml.safe_load(source.read_text(encoding="utf-8")) for source in (ENGLISH, OTHER[0])))
    said = {}
    for path in (bilingual_site / "cy").rglob("index.html"):
        page = path.read_text(encoding="utf-8")
        page = re.sub(r"<script.*?</script>|<svg.*?</svg>|<p class=\"cb-language-switch\">.*?</p>", " ", page,
                      flags=re.DOTALL)
        page = re.sub(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', " ", page,
                      flags=re.DOTALL)
        shown = re.sub(r"<[^>]+>", " ", page) + " ".join(re.findall(r'\s(?:title|aria-label|alt|data-label)="([^"]*)"',
                                                                      page))
        allowed = welsh | english if path.parent.name == "languages" else welsh
        for word in set(re.findall(r"[^\W\d_]+", html.unescape(shown).lower())) - allowed:
            said.setdefault(word, str(path.relative_to(bilingual_site)))
    assert not said, said


def _vocabulary(*said: object) -> set[str]:
    """Every word in ``said`` (texts, and the strings of parsed YAML), lower-cased, as Welsh may
    also say it after "a" or "neu" ("Cyngor": "chyngor", "gyngor")."""
    found: set[str] = set()
    for item in said:
        if isinstance(item, dict):
            found |= _vocabulary(*item.values())
        elif isinstance(item, list):
            found |= _vocabulary(*item)
        elif isinstance(item, str):
            for word in re.findall(r"[^\W\d_]+", item.lower()):
                with words.spoken("cy"):
                    found |= {word, *(words.joined(["", word], joining).split()[-1] for joining in ("and", "or"))}
    return found


@pytest.mark.build
def test_welsh_pages_are_searched_in_an_index_of_their_own(bilingual_site: Path) -> None:
    own = json.loads((bilingual_site / "search/search_index.json").read_text(encoding="utf-8"))
    welsh = json.loads((bilingual_site / "cy/search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in own["docs"] if doc["location"].startswith("cy/")]
    assert not [doc for doc in own["docs"] if "ddidwyll" in doc["text"]]
    found = [doc["location"] for doc in welsh["docs"] if "ddidwyll" in doc["text"]]
    assert "llanfair-teg/general/#p3" in found  # (its locations start from cy/)
    for doc in welsh["docs"]:
        assert (bilingual_site / "cy" / doc["location"].partition("#")[0] / "index.html").is_file(), doc["location"]
    assert welsh["config"]["pipeline"] == []  # no English stemmer cutting Welsh words


@pytest.mark.build
def test_the_pdfs_and_word_files_of_each_text_say_their_language(bilingual_site: Path) -> None:
    for path, language in (("llanfair-teg", "en-GB"), ("cy/llanfair-teg", "cy")):
        for kind in ("", "-changes"):
            with pikepdf.open(bilingual_site / f"downloads/{path}{kind}.pdf") as pdf:
                assert str(pdf.Root.Lang) == language
            with zipfile.ZipFile(bilingual_site / f"downloads/{path}{kind}.docx") as document:
                styles = document.read("word/styles.xml").decode()
                body = document.read("word/document.xml").decode()
            assert f'w:val="{language}"' in styles
            assert ("<w:ins " in body) == (kind == "-changes")
    with zipfile.ZipFile(bilingual_site / "downloads/cy/llanfair-teg-changes.docx") as document:
        body = document.read("word/document.xml").decode()
    assert "cyn i&apos;r busnes gael ei drafod" in body or "cyn i'r busnes gael ei drafod" in body


@pytest.mark.build
def test_the_data_holds_both_languages_in_one_record_per_clause(bilingual_site: Path) -> None:
    every = json.loads((bilingual_site / "data/clauses.json").read_text(encoding="utf-8"))["clauses"]
    assert len({clause["id"] for clause in every}) == len(every)
    clauses = [clause for clause in every if clause["protocol"] == "llanfair-teg"]
    assert len(clauses) == 10
    p42 = next(clause for clause in clauses if clause["id"] == "llanfair-teg.p4-2")
    (welsh,) = p42["languages"]
    assert welsh["language"] == "cy" and welsh["url"] == "cy/llanfair-teg/interests/#p4-2"
    assert welsh["text_plain"].startswith("Rhaid i chi roi gwybod i'r Clerc")
    protocols = json.loads((bilingual_site / "data/protocols.json").read_text(encoding="utf-8"))["protocols"]
    protocol = next(protocol for protocol in protocols if protocol["id"] == "llanfair-teg")
    assert protocol["languages"] == [{"clauses": 10, "council": "Cyngor Tref Llanfair Teg", "language": "cy",
                                      "obligations": 10, "title": "Cod Ymddygiad yr Aelodau",
                                      "url": "cy/llanfair-teg/"}]
    alone = json.loads((bilingual_site / "data/cy/llanfair-teg.json").read_text(encoding="utf-8"))
    schemas = registry(bilingual_site)
    for name in ("clauses.json", "protocols.json", "llanfair-teg.json", "cy/llanfair-teg.json"):
        document = json.loads((bilingual_site / "data" / name).read_text(encoding="utf-8"))
        schema = schemas.contents(document["$schema"])
        assert not list(jsonschema.Draft202012Validator(schema, registry=schemas).iter_errors(document)), name
    package = json.loads((bilingual_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert "cy/llanfair-teg.json" in {resource["path"] for resource in package["resources"]}
    assert [clause["id"] for clause in alone["clauses"]] == [clause["id"] for clause in clauses]
    assert alone["protocol"]["language"] == "cy"
    with (bilingual_site / "data/clauses.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(every) and {row["languages"] for row in rows} == {"cy"}


@pytest.mark.browser
def test_both_texts_pass_axe_and_reflow_and_the_switch_keeps_the_clause(bilingual_site: Path, chromium) -> None:
    # Every Welsh page; of the English, one of each kind with the switch (the main run's survey
    # checks English pages like the rest).
    pages = [f"/{page}/" for page in (*_pages(bilingual_site, "cy/"), "llanfair-teg", "llanfair-teg/interests",
                                      "roles/councillor/llanfair-teg", "compare/llanfair-teg--bryn-glas")]
    failures = []
    with serve_directory(bilingual_site) as origin:
        tab = chromium.new_page(viewport=WIDE)
        tab.add_init_script(axe_script())
        for path in pages:
            tab.set_viewport_size(WIDE)
            tab.goto(origin + path, wait_until="load")
            tab.evaluate(SETTLE)
            failures += [f"{path} 1280: {v['id']}" for v in tab.evaluate(RUN_AXE, AXE_OPTIONS)]
            tab.set_viewport_size(NARROW)
            tab.evaluate(SETTLE)
            failures += [f"{path} 320: {v['id']}" for v in tab.evaluate(RUN_AXE, AXE_OPTIONS)]
            measured = tab.evaluate(MEASURE_REFLOW)
            if measured["scrollWidth"] > measured["clientWidth"]:
                failures.append(f"{path} 320: scrolls sideways ({measured['scrollWidth']} px)")
        assert not failures, failures

        # The switch keeps the reader's place: the same clause, in the other language.
        tab.set_viewport_size(WIDE)
        tab.goto(origin + "/llanfair-teg/interests/#p4-2")
        tab.locator(".cb-language-switch").get_by_role("link", name="Cymraeg", exact=True).click()
        tab.wait_for_url("**/cy/llanfair-teg/interests/#p4-2")
        assert tab.evaluate("() => document.getElementById('p4-2').getBoundingClientRect().top < innerHeight")
        assert "Rhaid i chi roi gwybod" in tab.inner_text("article")
        tab.locator(".cb-language-switch").get_by_role("link", name="English", exact=True).click()
        tab.wait_for_url("**/llanfair-teg/interests/#p4-2")

        # A Welsh search, typed on a Welsh page, finds the Welsh paragraph; on an English page, nothing.
        for start, expected in (("/cy/llanfair-teg/", "/cy/llanfair-teg/general/#p3"), ("/llanfair-teg/", None)):
            tab.goto(origin + start)
            box = tab.locator("input.md-search__input")
            box.click()
            box.press_sequentially("ddidwyll", delay=20)
            tab.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim()")
            tab.wait_for_timeout(250)
            links = tab.eval_on_selector_all("li.md-search-result__item a[href]", "links => links.map(l => l.href)")
            found = [re.sub(r"^https?://[^/]+|\?[^#]*", "", link) for link in links]
            assert (expected in found) if expected else not found, (start, found)
        tab.close()


def test_a_protocol_in_one_language_is_written_as_before(tmp_path: Path) -> None:
    """Nothing about languages is asked of a protocol in one: the fixtures validate as they did."""
    shutil.copy2(ENGLISH, tmp_path / ENGLISH.name)
    result = validate([str(tmp_path)], strict=True)
    assert result.ok and not result.translations


@pytest.mark.build
def test_a_page_shows_the_two_texts_in_step(bilingual_site: Path) -> None:
    english = (bilingual_site / "llanfair-teg/languages/index.html").read_text(encoding="utf-8")
    welsh = (bilingual_site / "cy/llanfair-teg/languages/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\w+)</td></tr>', english)
    assert ("Clauses", "10", "10", "Yes") in rows and ("Obligations: should", "1", "1", "Yes") in rows
    assert ("Clauses the revision inserts", "1", "1", "Yes") in rows  # 4(3); 2(d) is an item
    assert all(row[3] == "Yes" for row in rows)
    assert "Y testunau ym mhob iaith" in welsh and "Nac ydyn" not in welsh
    overview = (bilingual_site / "llanfair-teg/index.html").read_text(encoding="utf-8")
    assert 'href="languages/"' in overview


def _kept_pair(tmp_path: Path) -> Path:
    """The fixture with a kept version in both languages (2015-03-01: the texts before the
    revision, as adopted then), in a source folder."""
    folder = tmp_path / "source"
    kept = folder / "versions" / "llanfair-teg"
    kept.mkdir(parents=True)
    for source in (ENGLISH, WELSH):
        shutil.copy2(source, folder / source.name)
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"\{--(.*?)--\}|\{\+\+(.*?)\+\+\}", lambda found: found.group(1) or "", text, flags=re.DOTALL)
        text = re.sub(r"\n( *)- label: \((d|ch)\)\n\1  change: inserted\n\1  text: [^\n]*", "", text)
        text = re.sub(r"\n          - id: p4-3\n.*?(?=\n      - id: p5)", "", text, flags=re.DOTALL)
        text = text.replace("status: proposed-revision", "status: adopted").replace('adopted: "2019-06-11"',
                                                                                  'adopted: "2015-03-01"')
        text = re.sub(r"\n  revised: [^\n]*", "", text)
        (kept / source.name.replace("llanfair-teg", "2015-03-01")).write_text(text, encoding="utf-8")
    return folder


def test_each_kept_version_has_its_welsh_text_in_step(tmp_path: Path) -> None:
    folder = _kept_pair(tmp_path)
    result = validate([str(folder)], strict=True)
    assert result.ok, [format_problem(problem) for problem in result.problems]
    welsh = result.language_histories["llanfair-teg", "cy"]
    assert [(version.key, version.status, version.protocol.language_path) for version in welsh] == [
        ("2015-03-01", "superseded", "cy"), ("2019-06-11", "in force", "cy"), ("proposed", "proposed", "cy")]
    kept = folder / "versions" / "llanfair-teg" / "2015-03-01.cy.yaml"
    kept.write_text(kept.read_text(encoding="utf-8").replace("obligations: [{who: clerk, modality: should",
                                                             "obligations: [{who: clerk, modality: must"),
                    encoding="utf-8")
    problems = [format_problem(problem) for problem in validate([str(folder)], strict=True).problems]
    assert any(line.startswith(str(kept)) and "should (clerk) in the English text, must (clerk) in the Welsh"
               in line and "(see " in line for line in problems), problems
    kept.rename(kept.with_name("2015-03-02.cy.yaml"))
    problems = [format_problem(problem) for problem in validate([str(folder)], strict=True).problems]
    assert any("rename 2015-03-02.cy.yaml to 2015-03-01.cy.yaml" in line for line in problems), problems


def test_two_councils_in_welsh_share_the_welsh_role_pages(tmp_path: Path) -> None:
    """The Welsh texts of every protocol are published together: one Welsh roles index and one
    page per role for all of them, no page made twice."""
    folder = tmp_path / "source"
    folder.mkdir()
    for source in (ENGLISH, WELSH):
        text = source.read_text(encoding="utf-8")
        (folder / source.name).write_text(text, encoding="utf-8")
        other = text.replace("id: llanfair-teg", "id: llanfair-isaf").replace("Llanfair Teg", "Llanfair Isaf")
        (folder / source.name.replace("teg", "isaf")).write_text(other, encoding="utf-8")
    handbook = Handbook(root=tmp_path, settings=Settings(pdf=False, docx=False))
    handbook.load()
    made = [page.src_uri for page in handbook.pages]
    assert len(made) == len(set(made)), sorted(uri for uri in made if made.count(uri) > 1)
    councillors = next(page.content for page in handbook.pages if page.src_uri == "cy/roles/councillor/index.md")
    assert "Cyngor Tref Llanfair Teg" in councillors and "Cyngor Tref Llanfair Isaf" in councillors
    assert {"data/cy/llanfair-teg.json", "data/cy/llanfair-isaf.json"} <= set(handbook.data_files)


def test_two_councils_in_welsh_are_compared_in_welsh(tmp_path: Path) -> None:
    """Where both councils have Welsh texts, their comparison has Welsh pages too: the same matches
    (the texts are in step), each clause and obligation in its Welsh words, clausebook's in Welsh."""
    folder = tmp_path / "source"
    folder.mkdir()
    for source in (ENGLISH, WELSH, *OTHER):
        shutil.copy2(source, folder / source.name)
    handbook = Handbook(root=tmp_path, settings=Settings(pdf=False, docx=False, compare=(PAIR,)))
    words.UNSAID.clear()
    handbook.load()
    assert not words.UNSAID, sorted(words.UNSAID)
    (english,), (welsh,) = handbook.context.comparisons, handbook.context.of_language("cy").comparisons
    assert (english.url, welsh.url) == ("compare/llanfair-teg--bryn-glas/", "cy/compare/llanfair-teg--bryn-glas/")
    assert welsh.data_url == english.data_url  # (one record of the comparison, in the data)

    def matches(comparison) -> list[tuple]:
        return [*((r.first.id, r.second.id if r.second else None, r.match, r.similarity) for r in comparison.clauses),
                *((a.second.id, a.match) for a in comparison.added),
                *((role.shared, [d.id for d in role.only_first], [d.id for d in role.only_second],
                   [(p.first.id, p.second.id) for p in role.same + role.modality]) for role in comparison.roles)]

    assert matches(welsh) == matches(english)
    assert {r.match for r in english.clauses} >= {"both", "similar"}  # (the fixture has each kind)
    similar = next(r for r in welsh.clauses if r.first.id == "llanfair-teg.p4-1")
    assert similar.second.id == "bryn-glas.c4" and "Dylai cynghorwyr" in similar.redline
    pages = {page.src_uri: page.content for page in handbook.pages}
    page = pages["cy/compare/llanfair-teg--bryn-glas/index.md"]
    assert "Cymhariaeth: Cyngor Tref Llanfair Teg – Cyngor Cymuned Bryn Glas" in page
    assert "paru ar destunau'r ddau brotocol yn Saesneg" in page.replace("&#39;", "'")
    assert "Show word differences" not in page and "Dangos y gwahaniaethau" in page
    councillors = pages["cy/compare/llanfair-teg--bryn-glas/councillor/index.md"]
    assert "Aelodau yn y ddau brotocol" in councillors and "“cynghorwyr”" in councillors
    assert "Dylai cynghorwyr ddatgelu buddiant personol" in councillors
    assert "Compared with another council" not in pages["cy/bryn-glas/index.md"]
    assert "../compare/llanfair-teg--bryn-glas/" in pages["cy/bryn-glas/index.md"]
    assert "compare/llanfair-teg--bryn-glas/index.md" in pages["cy/index.md"]
    # (a paragraph without a number is cited by its place in its text's words, wherever it is first cited)
    assert "5 (yr ail baragraff)" in pages["cy/bryn-glas/interests/index.md"]
    assert "5 (second paragraph)" in pages["bryn-glas/interests/index.md"]
    assert not [path for path in handbook.data_files if path.startswith("data/cy/compare")]
    # The navigation has a group in Welsh: its home, the Welsh texts, roles and comparisons.
    (welsh_group,) = [entry["Cymraeg"] for entry in handbook.nav([]) if "Cymraeg" in entry]
    assert [next(iter(entry)) for entry in welsh_group] == [
        "Hafan", "Cyngor Cymuned Bryn Glas", "Cyngor Tref Llanfair Teg", "Rolau", "Cymharu cynghorau"]
    assert welsh_group[-1] == {"Cymharu cynghorau": ["cy/compare/llanfair-teg--bryn-glas/index.md"]}

    # One council without a Welsh text: its comparison is in English alone.
    (folder / OTHER[1].name).unlink()
    handbook = Handbook(root=tmp_path, settings=Settings(pdf=False, docx=False, compare=(PAIR,)))
    handbook.load()
    made = {page.src_uri for page in handbook.pages}
    assert "compare/llanfair-teg--bryn-glas/index.md" in made
    assert not [uri for uri in made if uri.startswith("cy/compare/")]
