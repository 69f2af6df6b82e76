"""A printed PDF as a document (pikepdf): where its anchors are, its metadata, and what PDF/UA-1
asks of it.

Chromium's PDF is tagged (a structure tree with headings, lists, tables and their header cells,
running heads and footers as artifacts) but says nothing of who made it or in what language.
``finished`` writes that: the author (the council), the creator (clausebook and its version, not
the browser), the subject, the language, the title shown in a viewer's title bar, and XMP
metadata with ``dc:title``; and, only when ``problems`` finds none of the failures it looks for,
the PDF/UA-1 identifier. The structure tree Chromium made is kept as it is.

A document is dated only by the date its text states (``Job.dated``), else by
``SOURCE_DATE_EPOCH`` where it is set, else not at all; its file identifier is made from its
content, so the same page prints the same bytes.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata

import pikepdf

# A page's content stream, read as far as marking goes: strings and names (skipped) and operators.
TOKENS = re.compile(rb"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\()])*\)|/[^\s/<>\[\]()]*|(?<![\w.+-])([A-Za-z'\"][\w*]*)")
OPENS, CLOSES = (b"BDC", b"BMC"), b"EMC"
PATH = (b"m", b"l", b"c", b"v", b"y", b"h", b"re")  # operators that build a path
PAINTS = (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")  # and those that draw it
XMP_DATE = "%Y-%m-%dT%H:%M:%SZ"
PDF_DATE = "D:%Y%m%d%H%M%SZ"
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")



@dataclass(frozen=True, slots=True)
class Job:
    """One PDF: the page it prints, where it goes, and its title and running header."""

    url: str  # the print page, relative to the site root (with ?changes=show for the tracked reading)
    path: str  # the PDF, relative to the site root
    title: str  # the document's title (its metadata)
    header: str  # the running header's words
    author: str  # the council
    language: str  # the text's language, a BCP 47 tag
    subject: str | None = None  # the constitution part it is
    dated: str | None = None  # the date the text states (YYYY-MM-DD), the document's date


def creator() -> str:
    """What made the document: clausebook and its version."""
    try:
        return f"clausebook {metadata.version('clausebook')}"
    except metadata.PackageNotFoundError:
        return "clausebook"


def destination_pages(printed: bytes, anchors: Iterable[str]) -> dict[str, str]:
    """The page number (from 1) each of ``anchors`` is on in the ``printed`` PDF, read from its
    named destinations (Chromium makes one for each anchor a link on the page leads to)."""
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        numbers = {page.objgen: str(index) for index, page in enumerate(pdf.pages, 1)}
        destinations = pdf.Root.get("/Dests", pikepdf.Dictionary())
        found = {}
        for anchor in anchors:
            destination = destinations.get("/" + anchor)
            if isinstance(destination, pikepdf.Dictionary):
                destination = destination.get("/D")
            if isinstance(destination, pikepdf.Array) and len(destination) and destination[0].objgen in numbers:
                found[anchor] = numbers[destination[0].objgen]
        return found


def finished(printed: bytes, job: Job, epoch: int | None = None) -> tuple[bytes, list[str]]:
    """The ``printed`` PDF with the job's metadata, dated as the module says, and what ``problems``
    finds in it: marked PDF/UA-1 only when that is nothing."""
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        when = _date(job.dated, epoch)
        pdf.Root.Lang = pikepdf.String(job.language)
        for element in _elements(pdf.Root.get("/StructTreeRoot", pikepdf.Dictionary()).get("/K")):
            if str(element.get("/S")) == "/Document":
                element.Lang = pikepdf.String(job.language)
        for page in pdf.pages:
            _mark_artifacts(page)
        preferences = pdf.Root.get("/ViewerPreferences") or pdf.make_indirect(pikepdf.Dictionary())
        preferences.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = preferences
        producer = str(pdf.docinfo.get("/Producer", ""))  # (Chromium's PDF library, which made the PDF)
        information = {"/Title": job.title, "/Author": job.author, "/Creator": creator(),
                       **({"/Producer": producer} if producer else {}),
                       **({"/Subject": job.subject} if job.subject else {}),
                       **({"/CreationDate": time.strftime(PDF_DATE, when), "/ModDate": time.strftime(PDF_DATE, when)}
                          if when else {})}
        pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary({key: pikepdf.String(value)
                                                                  for key, value in information.items()}))
        unmet = problems(pdf)
        _write_xmp(pdf, job, when, conforming=not unmet)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue(), unmet


def _date(dated: str | None, epoch: int | None) -> time.struct_time | None:
    """The document's date: the text's own (a YYYY-MM-DD date), else ``epoch``, else none."""
    if dated:
        try:
            return time.strptime(dated, "%Y-%m-%d")
        except ValueError:
            pass
    return time.gmtime(epoch) if epoch is not None else None


def _write_xmp(pdf: pikepdf.Pdf, job: Job, when: time.struct_time | None, conforming: bool) -> None:
    """XMP metadata that says what the document information says, and PDF/UA-1 if ``conforming``."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.register_xml_namespace("http://www.aiim.org/pdfua/ns/id/", "pdfuaid")
        xmp["dc:title"] = job.title
        xmp["dc:creator"] = [job.author]
        xmp["dc:language"] = {job.language}
        if job.subject:
            xmp["dc:description"] = job.subject
        xmp["xmp:CreatorTool"] = creator()
        if producer := str(pdf.docinfo.get("/Producer", "")):
            xmp["pdf:Producer"] = producer
        if when:
            xmp["xmp:CreateDate"] = xmp["xmp:ModifyDate"] = time.strftime(XMP_DATE, when)
        if conforming:
            xmp["pdfuaid:part"] = "1"


def problems(pdf: pikepdf.Pdf) -> list[str]:
    """What PDF/UA-1 asks that this PDF does not do, of what can be read without a full validator:
    a structure tree, marked content, the language, a title shown as the title, every font
    embedded, alternative text on every figure, and no text or drawn path outside marked content
    (``finished`` marks what Chromium leaves unmarked as artifacts)."""
    found = []
    root = pdf.Root
    tree = root.get("/StructTreeRoot")
    if tree is None:
        found.append("no structure tree (not tagged)")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        found.append("MarkInfo does not say the content is marked")
    if not str(root.get("/Lang", "")):
        found.append("no /Lang")
    if not str(pdf.docinfo.get("/Title", "")):
        found.append("no title")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        found.append("DisplayDocTitle is not true")
    found += [f"font {name} is not embedded" for name in sorted(_unembedded_fonts(pdf))]
    found += [f"page {number} draws what is neither tagged nor an artifact"
              for number, page in enumerate(pdf.pages, 1)
              if any(_unmarked(stream.read_bytes()) for stream in _content_streams(page))]
    if tree is not None:
        figures = [element for element in _elements(tree.get("/K")) if str(element.get("/S")) == "/Figure"]
        found += ["a figure has no alternative text" for element in figures if not str(element.get("/Alt", ""))][:1]
    return found


def _mark_artifacts(page: pikepdf.Page) -> None:
    """Marks as artifacts what a ``page`` draws outside any marked content: the running header and
    footer, which Chromium draws after the page's tagged content, and the lines it draws as
    decoration (borders, the contents' leaders), all unmarked."""
    for stream in _content_streams(page):
        data = stream.read_bytes()
        marked = _unmarked(data)
        if not marked:
            continue
        pieces, start = [], 0
        for begin, end in marked:
            pieces += [data[start:begin], b"/Artifact BMC\n", data[begin:end], b"\nEMC"]
            start = end
        stream.write(b"".join([*pieces, data[start:]]))


def _content_streams(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.get("/Contents")
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []


def _unmarked(data: bytes) -> list[tuple[int, int]]:
    """Where each text object (BT … ET) and each drawn path outside any marked content begins and
    ends in the content stream ``data`` (a path from its first operand; a clipping path that is
    not drawn is no content)."""
    found: list[tuple[int, int]] = []
    depth, begin, after_last = 0, None, 0
    for token in TOKENS.finditer(data):
        operator = token.group(1)
        if operator is None:
            continue
        if operator in OPENS:
            depth += 1
        elif operator == CLOSES:
            depth = max(depth - 1, 0)
        elif depth == 0 and begin is None and (operator == b"BT" or operator in PATH):
            begin = token.start() if operator == b"BT" else after_last
        elif begin is not None and operator in (b"ET", *PAINTS, b"n"):
            if operator != b"n":
                found.append((begin, token.end()))
            begin = None
        after_last = token.end()
    return found


def _elements(kids: object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``kids`` (a structure element's /K), depth first."""
    stack = [kids]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(reversed(list(item)))
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            yield item
            stack.append(item.get("/K"))


def _unembedded_fonts(pdf: pikepdf.Pdf) -> set[str]:
    """The names of the fonts the pages use with no font file of their own."""
    missing: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            for face in (*font.get("/DescendantFonts", ()), font):
                if str(face.get("/Subtype")) in ("/Type0", "/Type3"):
                    continue
                descriptor = face.get("/FontDescriptor", {})
                if not any(key in descriptor for key in FONT_FILES):
                    missing.add(str(face.get("/BaseFont", "?")))
    return missing
