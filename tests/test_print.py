"""The printable protocol: each protocol's print page and the PDFs printed from it, read back as a
reader's PDF viewer would (poppler's pdftotext, pdfinfo and pdftoppm; pypdf for the outline,
links and metadata).

Page counts are bounded by the text they hold: an A4 page of these PDFs holds from about 600
characters (a page of short numbered paragraphs, one-line items and editorial notes, as in
tests/fixtures/valid/first-person-code.yaml: about 700) to 4,500 (a page of running text), and
the first and last pages may hold less.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_project, needs_examples, read_html
from text_support import find, in_order, normal, runs, tokens

pytestmark = [pytest.mark.build, pytest.mark.browser]
SITE_URL = "https://example.org/handbook/"
# The running header and footer sit in the page's top and bottom 18 mm (51 pt of 842): the body
# is read without them.
BODY = ["-x", "0", "-y", "52", "-W", "596", "-H", "738"]
CHARACTERS_PER_PAGE = (600, 4500)


def poppler(tool: str) -> str:
    from browser_support import unavailable

    found = shutil.which(tool)
    if found is None:
        unavailable(f"{tool} is not installed: run `make deps` (Debian package poppler-utils)")
    return found  # type: ignore[return-value]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built with its PDFs, published at SITE_URL."""
    from browser_support import find_chromium

    find_chromium()
    return build_project(tmp_path_factory.mktemp("printed"), CLAUSEBOOK_NO_PDF="", CLAUSEBOOK_SITE_URL=SITE_URL)


@pytest.fixture(scope="module")
def reprinted(tmp_path_factory: pytest.TempPathFactory, printed: Path) -> Path:
    """The same handbook built a second time, elsewhere."""
    return build_project(tmp_path_factory.mktemp("reprinted"), CLAUSEBOOK_NO_PDF="", CLAUSEBOOK_SITE_URL=SITE_URL)


def pdfs(sources: dict) -> list[tuple[str, str, bool]]:
    """(protocol id, PDF path under the site, whether it shows the tracked changes) of every PDF."""
    found = []
    for protocol in sources.values():
        found.append((protocol.id, f"downloads/{protocol.id}.pdf", False))
        if protocol.status != "adopted":
            found.append((protocol.id, f"downloads/{protocol.id}-changes.pdf", True))
    return found


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """Each page's body text (no running header or footer), in the order it is drawn."""
    done = subprocess.run([poppler("pdftotext"), "-raw", *BODY, str(path), "-"], capture_output=True, text=True,
                          check=True)
    # (a line ends after a hyphen where a hyphenated word wraps: "sub-" / "committee")
    return tuple(re.sub(r"(?<=\w)-\n(?=\w)", "-", page) for page in done.stdout.split("\f")[:-1])


def contents(path: Path) -> list[tuple[str, int]]:
    """The contents' entries (from page 2, on as many pages as come before the first page it
    lists): each entry's words and page number."""
    pages, listed, words = page_texts(path), [], []
    for index in range(1, len(pages)):
        if listed and index + 1 >= min(number for _, number in listed):
            break
        for line in pages[index].splitlines()[1 if index == 1 else 0:]:
            words.append(line)
            if match := re.fullmatch(r"(.*\S)\s+(\d+)", " ".join(words).strip()):
                listed.append((normal(match.group(1)), int(match.group(2))))
                words = []
    return listed


def words(path: Path) -> list[str]:
    """The words of the PDF's text, without its contents page(s)."""
    pages = page_texts(path)
    first = min((number for _, number in contents(path)), default=2)
    return tokens(" ".join((pages[0], *pages[first - 1:])))


def info(path: Path) -> dict[str, str]:
    done = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)


def printed_pdf_links(hrefs: list[str]) -> list[str]:
    """The links to a PDF of this site (relative ones: the PDFs it prints), leaving out a council's
    own .pdf address, which a note or a clause may link to."""
    return [href for href in hrefs
            if not re.match(r"[a-z][a-z0-9+.-]*:|//", href) and href.split("#")[0].endswith(".pdf")]


@needs_examples()
def test_every_protocol_has_its_pdfs_and_only_those(printed: Path, sources) -> None:
    made = sorted(path.relative_to(printed).as_posix() for path in (printed / "downloads").glob("*.pdf"))
    assert made == sorted(path for _, path, _ in pdfs(sources))
    assert "downloads/kirklees-changes.pdf" in made and "downloads/somerset-changes.pdf" not in made


def test_the_overview_and_print_page_link_to_the_pdfs(printed: Path, sources) -> None:
    for protocol_id, path, _ in pdfs(sources):
        for page in (f"{protocol_id}/index.html", f"{protocol_id}/print/index.html"):
            hrefs = read_html(printed / page).hrefs
            assert any(href.endswith(path.removeprefix("downloads/")) for href in hrefs), (page, path)


def test_each_pdf_is_a4_tagged_titled_and_in_english(printed: Path, sources) -> None:
    import pypdf

    for protocol_id, path, changes in pdfs(sources):
        protocol = sources[protocol_id]
        details = info(printed / path)
        assert details["Tagged"].strip() == "yes", path
        width, height = (float(n) for n in re.findall(r"[\d.]+", details["Page size"])[:2])
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, details["Page size"]
        reader = pypdf.PdfReader(printed / path)
        title = f"{protocol.council}: {protocol.title}" + (" (tracked changes)" if changes else "")
        assert reader.metadata.title == title
        assert reader.trailer["/Root"]["/Lang"] == protocol.language
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert details["Author"].strip() == protocol.council
        assert details["Creator"].strip().startswith("clausebook ") and "Mozilla" not in details["Creator"]
        dated = protocol.adopted if protocol.status == "adopted" else None
        assert ("CreationDate" in details) == bool(dated)  # no date the source does not state
        # The changes PDF's first page says how insertions, deletions and links are marked.
        legend = "Inserted words are underlined and deleted words struck through; links have a dotted underline;"
        assert (legend in normal(page_texts(printed / path)[0])) == changes, path


def test_the_contents_page_numbers_are_where_each_section_starts(printed: Path, sources) -> None:
    """The contents (page 2 on) list each section, part and annex with a page number; each is on
    that page (read as pdftotext reads it), and the numbers run in order."""
    from clausebook import readings
    from clausebook.outputs.html import section_title

    for protocol_id, path, changes in pdfs(sources):
        pages, listed = page_texts(printed / path), contents(printed / path)
        assert normal(pages[1]).startswith("Contents"), path
        assert [number for _, number in listed] == sorted(number for _, number in listed), path
        views = readings.Views(sources[protocol_id])
        shown = [views.amended_sections.get(section.id) or views.original_sections[section.id]
                 for section in views.tracked.sections]
        sections = shown if changes else views.amended_sections.values()
        titles = [normal(section_title(section)) for section in sections]
        assert set(titles) <= {title for title, _ in listed}, (path, set(titles) - {title for title, _ in listed})
        for title, number in listed:
            assert 2 < number <= len(pages) and title in normal(pages[number - 1]), (path, title, number)


def test_each_pdf_has_what_pdf_ua_1_asks_and_says_so(printed: Path, sources) -> None:
    """Read with pikepdf: the checks ``document.problems`` makes pass (tagged, marked, language,
    title shown, fonts embedded, figures' alternative text, nothing drawn unmarked), the XMP has
    the title and the PDF/UA-1 identifier, and the structure tree has the page's headings, lists
    and table headers. The first and last pages' content is read in full: everything drawn is
    tagged or an artifact (the running header and footer among the artifacts)."""
    import pikepdf

    from clausebook.outputs.print import document

    painting = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
    for protocol_id, path, _ in pdfs(sources):
        with pikepdf.open(printed / path) as pdf:
            assert document.problems(pdf) == [], path
            assert "PDF/UA" not in (printed.parent / "build-output.txt").read_text(encoding="utf-8")
            xmp = pdf.open_metadata()
            assert xmp["pdfuaid:part"] == "1" and xmp["dc:title"] == str(pdf.docinfo.Title), path
            kinds = {str(element.S) for element in document._elements(pdf.Root.StructTreeRoot.K)}
            html = (printed / protocol_id / "print" / "index.html").read_text(encoding="utf-8")
            if not path.endswith("-changes.pdf"):  # (the old and new numbers are printed with the changes only)
                html = re.sub(r'<section class="cb-print-concordance">.*?</section>', "", html, flags=re.DOTALL)
            assert {"/H1", "/H2", "/L", "/LI", "/Link"} <= kinds, (path, kinds)
            assert ("/TH" in kinds) == ("<th" in html), path
            for page in (pdf.pages[0], pdf.pages[-1]):
                marks, artifacts = [], 0
                for operands, operator in pikepdf.parse_content_stream(page):
                    name = str(operator)
                    if name in ("BDC", "BMC"):
                        marks.append(str(operands[0]))
                    elif name == "EMC":
                        marks.pop()
                    elif name in painting:
                        assert marks, f"{path}: {name} drawn outside marked content"
                        artifacts += marks[-1] == "/Artifact" and name in ("Tj", "TJ")
                assert artifacts >= 2, path  # the running header's and footer's words


def test_the_outline_has_every_section(printed: Path, sources) -> None:
    import pypdf

    from clausebook import readings
    from clausebook.outputs.html import section_title

    def once(title: str) -> str:
        """A title whose words Chromium repeated (it can, for a heading that meets a page break in
        a long print page: seen with an untitled section's hidden name) read once."""
        first, second = title[: len(title) // 2].strip(), title[len(title) // 2 :].strip()
        return first if first and first == second else title

    def titles(outline) -> list[str]:
        return [t for item in outline for t in (titles(item) if isinstance(item, list) else [once(normal(item.title))])]

    for protocol_id, path, _ in pdfs(sources):
        outline = titles(pypdf.PdfReader(printed / path).outline)
        for section in readings.amended(sources[protocol_id]).sections:
            assert normal(section_title(section)) in outline, (path, section.id)


@needs_examples("kirklees")
def test_links_are_live_cross_references_within_the_pdf_and_addresses_outside(printed: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(printed / "downloads/kirklees.pdf")
    inside, outside = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                inside.append(str(annotation["/Dest"]).lstrip("/"))
            else:
                outside.append(annotation["/A"]["/URI"])
    assert "councillors-concerns" in inside  # "the dispute procedure described in this document"
    assert set(inside) <= {name.lstrip("/") for name in reader.named_destinations}
    assert outside and all(re.match(r"https://|mailto:", uri) for uri in outside)
    assert SITE_URL + "kirklees/" in outside  # the address printed on the first page


def test_every_clause_is_printed_with_its_number_in_order(printed: Path, sources) -> None:
    from clausebook import readings

    for protocol_id, path, changes in pdfs(sources):
        if not changes:
            assert in_order(words(printed / path), readings.amended(sources[protocol_id])) is None, path


@needs_examples("kirklees")
def test_the_changes_pdf_strikes_every_deleted_word_and_ends_with_the_concordance(printed: Path, sources) -> None:
    from clausebook import readings
    from clausebook.format import markup

    kirklees = sources["kirklees"]
    changes_text = words(printed / "downloads/kirklees-changes.pdf")
    amended_text = words(printed / "downloads/kirklees.pdf")
    views = readings.Views(kirklees)
    struck = [deleted for clause in views.tracked.clauses() for text in clause.texts()
              for change in markup.changes(text.markdown) if (deleted := tokens(markup.plain(change.old)))]
    struck += [run for clause in views.tracked.clauses() if clause.id not in views.amended for run in runs(clause)]
    assert len(struck) > 10
    for run in struck:
        assert find(changes_text, run) is not None, f"the changes PDF does not print {' '.join(run)!r}"
    gone = [run for clause in views.tracked.clauses() if clause.id not in views.amended
            for run in runs(clause) if len(run) >= 8]
    assert gone and all(find(amended_text, run) is None for run in gone)
    last_clause = runs(list(views.tracked.clauses())[-1])[-1]
    concordance = find(changes_text, tokens("Old and new numbers Before After Section or paragraph Change"))
    assert concordance is not None and find(changes_text, last_clause) < concordance
    assert find(changes_text, ["4.1", "6.1"], concordance) is not None  # a renumbered clause: old, new
    assert find(amended_text, tokens("Old and new numbers Before After")) is None
    former = re.compile(r"\(was \d")  # a former number: only where the changes are shown
    assert former.search(" ".join(page_texts(printed / "downloads/kirklees-changes.pdf")))
    assert not former.search(" ".join(page_texts(printed / "downloads/kirklees.pdf")))


def test_no_page_ends_with_a_heading(printed: Path, sources) -> None:
    from clausebook import readings
    from clausebook.outputs.html import part_title, section_title

    for protocol_id, path, _ in pdfs(sources):
        views = readings.Views(sources[protocol_id])
        headings = {normal(section_title(section)) for section in views.tracked.sections}
        headings |= {normal(section_title(section)) for section in views.amended_sections.values()}
        headings |= {normal(part_title(part)) for part in views.tracked.parts.values()}
        headings |= {normal(" ".join(p for p in (c.designation or c.reference or c.number, c.heading) if p))
                     for c in [*views.amended.values(), *views.original.values()]}
        headings.discard("")
        for number, text in enumerate(page_texts(printed / path)[:-1], 1):
            lines = [normal(line) for line in text.splitlines() if line.strip()]
            while lines and re.fullmatch(r"(Note \d+ ?)+", lines[-1]):  # (a heading's note markers)
                lines.pop()
            for count in (1, 2, 3):
                assert " ".join(lines[-count:]) not in headings, f"{path} page {number} ends with a heading"


def test_no_table_row_is_split_across_pages(printed: Path, sources) -> None:
    """A row (a "Do" and its "Don't") prints on one page; none of these is taller than a page."""
    from clausebook import readings
    from clausebook.format import markup

    def texts(items) -> list[str]:
        return [t for item in items for t in (item.text.markdown, *texts(item.items))]

    for protocol_id, path, _ in pdfs(sources):
        pages = [tokens(text) for text in page_texts(printed / path)]
        rows = [row for clause in readings.amended(sources[protocol_id]).clauses() for block in clause.body
                if block.kind == "table" for row in block.rows]
        for row in rows:
            row_runs = [run for cell in row.cells for text in texts(cell) if (run := tokens(markup.plain(text)))]
            assert any(all(find(page, run) is not None for run in row_runs) for page in pages), (path, row_runs[0])


# The concordance of old and new numbers, after the notes, names clauses by their first words.
CONCORDANCE = " Old and new numbers Each section and paragraph "


def test_no_page_holds_both_a_clause_and_an_editorial_note(printed: Path, sources) -> None:
    """Editorial notes are printed in the annex after the last clause, on pages of their own; each
    is printed (where the reading shows what it is on). A page holds a clause where it has the
    first words of one of its runs of text (unless a note quotes them); a note where it has its
    first words."""
    from clausebook import readings
    from clausebook.format import markup
    from clausebook.format.model import own_notes

    def opening(words: list[str]) -> str:
        return " " + " ".join(words[:8]) + " "

    for protocol_id, path, changes in pdfs(sources):
        views = readings.Views(sources[protocol_id])
        protocol = views.tracked
        notes = [note for note in (protocol.note, *(part.note for part in protocol.parts.values())) if note]
        notes += [note for section in protocol.sections for _, note in own_notes(section)]
        notes += [note for clause in protocol.clauses() for note in clause.every_note()]
        written = [tokens(markup.plain(note.text)) for note in notes if note.editorial]
        written += [tokens(f"The source prints this heading as {section.printed_number}.")
                    for section in protocol.sections if section.printed_number]
        editorial = {opening(words) for words in written}
        quoted = " " + " | ".join(" ".join(words) for words in written) + " "  # every note's words
        clauses = {opening(run) for clause in views.as_amended.clauses() for run in runs(clause) if len(run) >= 8}
        clauses = {words for words in clauses if words not in quoted}
        pages = [" " + " ".join(tokens(text)) + " " for text in page_texts(printed / path)]
        for number, page in enumerate(pages, 1):
            notes_here = [note for note in editorial if note in page]
            clauses_here = [words for words in clauses if words in page.partition(CONCORDANCE)[0]]
            assert not (notes_here and clauses_here), \
                f"{path} page {number}: the note {notes_here[0]!r} beside the clause {clauses_here[0]!r}"
        if changes or protocol.status == "adopted":  # (as amended, a note on what the revision deletes is not shown)
            assert all(any(note in page for page in pages) for note in editorial), path


def test_page_counts_fit_the_text(printed: Path, sources) -> None:
    for _, path, _ in pdfs(sources):
        pages = int(info(printed / path)["Pages"])
        characters = len(normal(" ".join(page_texts(printed / path))))
        low, high = CHARACTERS_PER_PAGE
        assert characters / high <= pages <= characters / low + 2, (path, pages, characters)


def test_the_first_page_states_what_the_source_states_and_the_address(printed: Path, sources) -> None:
    for protocol_id, path, _ in pdfs(sources):
        protocol = sources[protocol_id]
        first = normal(page_texts(printed / path)[0])
        assert protocol.council in first and normal(protocol.title) in first
        assert ("Proposed revision" in first) == (protocol.status == "proposed-revision")
        for stated, words_for in ((protocol.version, "Version"), (protocol.adopted, "Adopted"),
                                  (protocol.effective, "In effect from"), (protocol.revised, "Revision dated")):
            assert not stated or f"{words_for} {normal(stated)}" in first, (path, words_for)
        assert f"Online {SITE_URL}{protocol_id}/" in first


def test_two_builds_make_the_same_bytes(printed: Path, reprinted: Path, sources) -> None:
    for _, path, _ in pdfs(sources):
        assert (printed / path).read_bytes() == (reprinted / path).read_bytes(), path


def test_the_first_pages_render(printed: Path, sources, tmp_path: Path) -> None:
    """The first two pages of each PDF as images (a person looks at them: see the note of the
    print issue); here, that they render and are not blank."""
    for _, path, _ in pdfs(sources):
        stem = tmp_path / Path(path).stem
        subprocess.run([poppler("pdftoppm"), "-r", "40", "-f", "1", "-l", "2", "-png", str(printed / path), str(stem)],
                       check=True)
        images = sorted(tmp_path.glob(f"{stem.name}-*.png"))
        assert len(images) == 2 and all(image.stat().st_size > 5000 for image in images)


def test_without_chromium_the_build_says_so_once_and_links_to_no_pdf(tmp_path: Path, sources) -> None:
    site = build_project(tmp_path, CLAUSEBOOK_NO_PDF="", CLAUSEBOOK_CHROMIUM=str(tmp_path / "no-such-chromium"))
    said = [line for line in (tmp_path / "build-output.txt").read_text().splitlines() if "PDF" in line]
    assert len(said) == 1 and "makes no PDFs" in said[0] and "no-such-chromium" in said[0], said
    assert not list((site / "downloads").glob("*.pdf"))
    for protocol_id in sources:
        for page in (f"{protocol_id}/index.html", f"{protocol_id}/print/index.html"):
            assert not printed_pdf_links(read_html(site / page).hrefs), page


def test_no_pdfs_on_purpose_is_silent(built_site: Path) -> None:
    """The session's build has CLAUSEBOOK_NO_PDF=1, as quick previews and benchmarks do."""
    assert not list((built_site / "downloads").glob("*.pdf"))
    assert not printed_pdf_links(read_html(built_site / "index.html").hrefs)


def test_a_preview_makes_no_pdfs(sources) -> None:
    from clausebook.mkdocs.handbook import Handbook

    handbook = Handbook(root=ROOT, serving=True)
    handbook.load()
    assert handbook.engine is None and handbook.context is not None
    assert handbook.context.downloads == ()
    assert not [path for path in handbook.data_files if path.startswith("downloads/")]  # no Word documents either


def test_a_pdf_missing_what_pdf_ua_1_asks_is_not_marked_as_pdf_ua_and_the_build_says_why(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """An untagged PDF gets its metadata but not the PDF/UA-1 identifier; the build names each
    such PDF and what it misses, in one line."""
    import io
    import types

    import pikepdf

    from clausebook.mkdocs import handbook
    from clausebook.outputs.print import document, pdf

    blank = pikepdf.new()
    blank.add_blank_page()
    untagged = io.BytesIO()
    blank.save(untagged)
    job = pdf.Job("x/print/", "downloads/x.pdf", "A Council: Protocol", "A Council", author="A Council",
                  language="cy")
    made, unmet = document.finished(untagged.getvalue(), job)
    assert "no structure tree (not tagged)" in unmet
    with pikepdf.open(io.BytesIO(made)) as finished:
        xmp = finished.open_metadata()
        assert xmp["dc:title"] == job.title and "pdfuaid:part" not in xmp
        assert str(finished.Root.Lang) == "cy" and str(finished.docinfo.Author) == "A Council"

    monkeypatch.setattr(handbook.Handbook, "print_jobs", lambda self, context: [job])
    monkeypatch.setattr(handbook.pdf, "print_pdfs", lambda *given: {job.path: unmet})
    book = handbook.Handbook(root=ROOT, engine="chromium")
    book.context = types.SimpleNamespace(site_url=None)  # type: ignore[assignment]
    with caplog.at_level("WARNING"):
        book.write_pdfs(ROOT / "site")
    said = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert len(said) == 1 and job.path in said[0] and all(problem in said[0] for problem in unmet), said


def test_the_dates_and_ids_chromium_varies_are_fixed_at_their_length() -> None:
    from clausebook.outputs.print.pdf import reproducible

    made = (b"%PDF-1.4\n1 0 obj\n<</Title (x)\n/CreationDate (D:20261130030847+00'00')\n"
            b"/ModDate (D:20261130030847+00'00')>>\nendobj\n2 0 obj\n<</ID (node00000940)>>\n"
            b"3 0 obj\n<</ID (node00000017)>>\n")
    without = reproducible(made)
    assert len(without) == len(made) and b"CreationDate" not in without
    assert b"(node00000002)" in without and b"(node00000001)" in without  # order kept: 17 → 1, 940 → 2


# The print page itself, as the build writes it

def test_the_print_page_has_every_clause_once_and_links_within_itself(printed: Path, sources) -> None:
    for protocol in sources.values():
        path = printed / protocol.id / "print" / "index.html"
        html, page = path.read_text(encoding="utf-8"), read_html(path)
        for section in protocol.sections:
            assert html.count(f'id="{section.id}"') == 1, section.id
            for clause in section.walk():
                assert html.count(f'id="{clause.id}"') == 1, clause.id
        assert {href[1:] for href in page.hrefs if href.startswith("#")} <= page.ids
        assert not [href for href in page.hrefs if "#" in href and not href.startswith("#")]


@needs_examples("kirklees")
def test_a_cross_reference_without_a_number_is_printed_with_it(printed: Path) -> None:
    html = (printed / "kirklees" / "print" / "index.html").read_text(encoding="utf-8")
    assert ('<a href="#councillors-concerns">the dispute procedure described in this document</a> '
            "(paragraph 13.3)") in html
    section_page = (printed / "kirklees" / "professional-relationship" / "index.html").read_text(encoding="utf-8")
    assert "(paragraph 13.3)" not in section_page  # a screen has the link to follow


def test_the_print_page_is_not_searched(printed: Path) -> None:
    import json

    index = json.loads((printed / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if "/print/" in doc["location"]]


# In a browser, printing

HIDDEN_IN_PRINT = (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".cb-print-tools")


@pytest.fixture
def print_tab(chromium):
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    tab.emulate_media(media="print")
    yield tab
    tab.close()


def test_printing_the_print_page_shows_every_clause_and_no_navigation(served_site: str, print_tab, sources) -> None:
    from clausebook import readings

    for protocol in sources.values():
        views = readings.Views(protocol)
        for query in ("", "?changes=show"):
            print_tab.goto(f"{served_site}/{protocol.id}/print/{query}")
            for selector in HIDDEN_IN_PRINT:
                assert not print_tab.locator(selector).first.is_visible(), (protocol.id, selector)
            shown = set(print_tab.eval_on_selector_all(
                "[id]", "elements => elements.filter(e => e.checkVisibility()).map(e => e.id)"))
            for clause in views.tracked.clauses():
                expected = clause.id in views.amended or query
                assert (clause.id in shown) == bool(expected), (protocol.id, query, clause.id)
            assert ("cb_concordance" in shown) == bool(query and protocol.status != "adopted")


@needs_examples("kirklees")
def test_printing_any_page_leaves_out_the_screens_tools(served_site: str, print_tab) -> None:
    print_tab.goto(f"{served_site}/kirklees/cabinet/")
    for selector in (*HIDDEN_IN_PRINT[:4], ".cb-changes-bar", ".cb-clause-tools", ".headerlink"):
        assert not print_tab.locator(selector).first.is_visible(), selector
    assert print_tab.locator("#cabinet-advice").is_visible()


def test_a_councils_own_pdf_link_is_not_taken_for_a_printed_pdf(councils_site: Path) -> None:
    """A note links to the council's own https://example.gov.uk/code.pdf: in a build without
    PDFs, the pages keep that link and link to no PDF of their own."""
    assert not list((councils_site / "downloads").glob("*.pdf"))
    for page in ("brackenford/index.html", "brackenford/print/index.html", "brackenford/gifts/index.html"):
        assert printed_pdf_links(read_html(councils_site / page).hrefs) == [], page
    for page in ("brackenford/print/index.html", "brackenford/gifts/index.html"):
        assert "https://example.gov.uk/code.pdf" in read_html(councils_site / page).hrefs, page
