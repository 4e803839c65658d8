"""PDF files: the text layer read with PDFium (pypdfium2), structure from the layout.

:mod:`corpus.ingest.pdf_text` measures each page's lines,
:mod:`corpus.ingest.pdf_furniture` finds running heads and folios,
:mod:`corpus.ingest.pdf_layout` orders and types the rest; the drafts then go
through the same structure as text files (a contents page, titles).

Every failure is one :class:`~corpus.ingest.parse.ParseError` line: a locked
file, a damaged one, a scan without a text layer, too many pages, too slow.
The work is bounded per page (characters, runs, objects looked at) and per
file (pages, time).
"""

from __future__ import annotations

import logging
import re
import time
import warnings
from collections.abc import Callable
from types import ModuleType

from ..jsontypes import JSONObject
from ..model import Document
from . import pdf_furniture, pdf_layout, pdf_text, structure, toc
from .clean import Unit
from .decode import sanitize
from .draft import Draft, LineInfo, Part
from .frontmatter import normalize_date
from .parse import ParseError, to_documents
from .pdf_geometry import Page, body_size
from .pdf_text import PdfObject

#: More pages than this is refused (a scanned archive, not an issue of a paper).
MAX_PAGES = 2000
#: Characters read from one page; the rest of a page beyond this is dropped with a warning.
MAX_PAGE_CHARS = 60_000
#: Seconds one file may take; checked between pages.
TIME_LIMIT = 120.0

log = logging.getLogger(__name__)


def _pdfium() -> ModuleType:
    # Imported on first use: most corpora have no PDF, and start-up stays fast.
    import pypdfium2 as pdfium

    module: ModuleType = pdfium  # untyped (no py.typed): the module as what it is
    return module


def _open(data: bytes) -> PdfObject:
    pdfium = _pdfium()
    raw = pdfium.raw
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code is None:  # pypdfium2 before 4.26 did not attach the code
            code = raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            raise ParseError("password protected") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ParseError("password protected (an encryption PDFium cannot open)") from None
        if code == raw.FPDF_ERR_FORMAT:
            raise ParseError("damaged PDF: not a PDF or its structure is broken") from None
        raise ParseError(f"damaged PDF: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


class _Reader:
    """Reads every page of one open document into :class:`Page` s."""

    def __init__(self, pdf: PdfObject, deadline: float) -> None:
        self.pdf = pdf
        self.raw = _pdfium().raw
        self.deadline = deadline
        self.warnings: list[str] = []
        self.blank: list[int] = []  # pages without a text layer
        self.failed: list[int] = []

    def pages(self, count: int) -> list[Page]:
        out: list[Page] = []
        for i in range(count):
            if time.monotonic() > self.deadline:
                raise ParseError(f"too slow: gave up after {TIME_LIMIT:.0f} s at page {i + 1} of {count}")
            try:
                page = self.pdf[i]
            except Exception:  # PDFium says only that the page failed to load
                self.failed.append(i + 1)
                continue
            try:
                out.append(self._page(page, i + 1))
            finally:
                page.close()
        return out

    def _page(self, page: PdfObject, number: int) -> Page:
        raw = self.raw
        box = raw.FS_RECTF()
        width, height = page.get_size()
        top = box.top if raw.FPDF_GetPageBoundingBox(page.raw, box) else height
        textpage = page.get_textpage()
        try:
            tp = pdf_text.TextPage(raw, textpage, height, top)
            n = int(raw.FPDFText_CountChars(tp.tp))
            if n > MAX_PAGE_CHARS:
                self.warnings.append(f"page {number}: only the first {MAX_PAGE_CHARS:,} characters were read")
                n = MAX_PAGE_CHARS
            # Same length, so text and character indices stay aligned.
            text = tp.text(n).translate(pdf_text.CLEAN) if n > 0 else ""
            if not text.strip():
                self.blank.append(number)
                return Page(number, width, height, [])
            tp.identity = len(text) == n
            lines = pdf_text.page_lines(tp, pdf_text.runs(tp, text), text, number)
            pdf_text.mark_bold(tp, lines)
            sizes = sorted(ln.size for ln in lines)
            median = sizes[len(sizes) // 2] if sizes else 0.0
            small = any(ln.size <= pdf_layout.SMALL_RATIO * median for ln in lines)
            pictures = pdf_text.pictures(raw, page.raw, top) if small else []
            return Page(number, width, height, lines, pictures)
        finally:
            textpage.close()


def _metadata(pdf: PdfObject) -> JSONObject:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # a broken info dictionary is no reason to lose the text
        return {}
    meta: JSONObject = {}
    title = " ".join(sanitize(str(info.get("Title") or "")).split())
    # Producers write file names and "untitled" here: only a real title is worth keeping.
    if title and not re.search(r"\.(docx?|indd|pdf|qxd|tiff?)$|^untitled$|^microsoft word", title, re.I):
        meta["pdf_title"] = title
    # Kept apart from the document's authors: producers fill in the account name ("Administrator").
    author = " ".join(sanitize(str(info.get("Author") or "")).split())
    if author:
        meta["pdf_author"] = author
    created = str(info.get("CreationDate") or "")
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
    if m:
        meta["created"] = normalize_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
    return meta


def _body_parts(units: list[Unit]) -> list[Part]:
    """Units the layout has already typed, as parts (the table-of-contents splitter calls this)."""
    parts: list[Part] = []
    for u in units:
        level = 2 if u.type == "heading" and u.level == 1 else u.level  # a title inside an article body
        parts.append(Part(u.type, u.text, level, u.info, u.page, u.turns))
    return parts


def _drafts(units: list[Unit], meta: JSONObject, header: LineInfo) -> list[Draft]:
    found = toc.find_toc(units)
    if found is not None:
        return toc.drafts_from_toc(units, found, _body_parts)
    parts = [Part(u.type, u.text, u.level, u.info, u.page, u.turns) for u in units]
    forced = frozenset(k for k, p in enumerate(parts) if p.type == "heading" and p.level == 1)
    drafts = structure.split_articles(parts, forced)
    if len(drafts) < 2:
        known = {"title": meta["pdf_title"]} if "pdf_title" in meta and not forced else {}
        drafts = [structure.single_draft(parts, known)]
    for draft in drafts:
        draft.date = draft.date or header.get("date")
        draft.source = draft.source or header.get("page_source")
        for p in draft.parts[1:]:
            if p.type == "heading" and p.level == 1:
                p.level = 2
    return drafts


def parse_pdf(rel: str, data: bytes) -> list[Document]:
    """One PDF's bytes to documents; raises :class:`ParseError` with the reason."""
    try:
        return _parse(rel, data)
    except ParseError:
        raise
    except Exception as exc:
        # PDFium and the layout meet files nobody has seen: whatever breaks is
        # one error row for this file (and a log record with the traceback).
        log.warning("PDF %s could not be read", rel, exc_info=True)
        raise ParseError(f"damaged PDF: cannot be read ({type(exc).__name__})") from None


def _parse(rel: str, data: bytes, clock: Callable[[], float] = time.monotonic) -> list[Document]:
    deadline = clock() + TIME_LIMIT
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdfium2 warns on close order; nothing for the user
        pdf = _open(data)
        try:
            count = len(pdf)
            if count == 0:
                raise ParseError("damaged PDF: it has no pages")
            if count > MAX_PAGES:
                raise ParseError(f"too large: {count:,} pages, the limit is {MAX_PAGES:,}")
            reader = _Reader(pdf, deadline)
            pages = reader.pages(count)
            meta = _metadata(pdf)
        finally:
            pdf.close()
    if len(reader.failed) == count:
        raise ParseError("damaged PDF: no page could be read")
    if not any(p.lines for p in pages):
        raise ParseError("no text layer (scanned?); OCR is not supported")
    body = body_size(pages)
    furniture = pdf_furniture.find_furniture(pages)
    header = pdf_furniture.header_info(ln for p in pages for ln in p.lines if id(ln) in furniture)
    units = pdf_layout.build_units(pages, furniture, body)
    drafts = _drafts(units, meta, header)
    notes = list(reader.warnings)
    if reader.blank:
        notes.append(f"{_page_list(reader.blank)} without a text layer (scanned?) were skipped")
    if reader.failed:
        notes.append(f"{_page_list(reader.failed)} could not be read (damaged)")
    file_meta = {"format": "pdf", "pages": count}
    doc_meta = {k: v for k, v in meta.items() if k != "pdf_title"}
    return to_documents(rel, drafts, doc_meta, notes, file_meta)


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"page{'s' if len(numbers) > 1 else ''} {shown}{more}"
