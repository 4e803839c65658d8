"""PDF, Word and EPUB reading: our parse as a ratio to the library's bare text read.

* PDF: ``reader index`` of a generated 200-page newspaper PDF (parse into the
  cache, in this process: process start excluded) against bare PDFium text
  extraction of the same pages (open, text page, all text) in the same run.
  Target: at most 3x. Peak memory of a process doing only the PDF parse.
* Word and EPUB of about 1,000 pages each: our parse against the library's
  bare read (python-docx: every paragraph's and cell's text; ebooklib: read the
  book and every chapter's body).

Each figure is the best of a few runs. Generated files are our own text
(``tests/format_fixtures.py``); generating them is not timed.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

PDF_PAGES = int(os.environ.get("BENCH_PDF_PAGES", "200"))
BOOK_PAGES = int(os.environ.get("BENCH_BOOK_PAGES", "1000"))
RUNS = 3


def _best(fn: Callable[[], object], runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _bare_pdfium(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    chars = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        chars += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return chars


def _index(folder: Path) -> None:
    from corpus.ingest.loader import load_corpus

    with tempfile.TemporaryDirectory(prefix="reader-bench-cache-") as cache:
        os.environ["READER_CACHE_DIR"] = cache
        corpus = load_corpus(folder)  # what `reader index` does
        assert corpus.documents and not corpus.errors, corpus.errors


def _peak_mb() -> float:
    """This process's peak resident memory, MB (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_child(folder: str, out: multiprocessing.Queue[tuple[float, float]]) -> None:
    import pypdfium2  # noqa: F401  (imports are the baseline, not the parse)

    import corpus.ingest.pdf  # noqa: F401

    before = _peak_mb()
    _index(Path(folder))
    out.put((before, _peak_mb()))


def _chain():  # type: ignore[no-untyped-def]
    """Varied Chinese text (a Markov chain over the samples): real pages do not repeat paragraphs."""
    import random

    from benchmarks.generate import _Chain
    from corpus.ingest.loader import load_corpus

    samples = load_corpus(use_cache=False)
    return _Chain("".join(d.text for d in samples if d.meta.get("encoding") not in ("big5", None)), random.Random(7))


def _long_pdf(fx: object, chain: object, pages: int) -> bytes:
    """Newspaper-like pages: running head, folio, a title, a byline, two columns of text."""
    buf = io.BytesIO()
    c = fx._canvas(buf)  # type: ignore[attr-defined]
    for number in range(1, pages + 1):
        fx._header(c, number)  # type: ignore[attr-defined]
        c.setFont(fx.FONT, 22)  # type: ignore[attr-defined]
        c.drawString(50, 770, chain.title()[:18])  # type: ignore[attr-defined]
        c.setFont(fx.FONT, 10.5)  # type: ignore[attr-defined]
        c.drawString(50, 746, "本报记者 林晓峰")
        for x in (50, 310):
            col = fx.Column(c, x, 720, 235)  # type: ignore[attr-defined]
            while col.y > 80:
                col.text(chain.paragraph(160))  # type: ignore[attr-defined]
        c.showPage()
    c.save()
    return buf.getvalue()


def _pdf(fx: object, tmp: Path) -> None:
    data = _long_pdf(fx, _chain(), PDF_PAGES)
    folder = tmp / "pdf"
    folder.mkdir()
    (folder / "long.pdf").write_bytes(data)
    _bare_pdfium(data)  # warm both paths (imports, PDFium init)
    _index(folder)
    bare = _best(lambda: _bare_pdfium(data))
    ours = _best(lambda: _index(folder))
    print(f"PDF {PDF_PAGES} pages ({len(data) / 1e6:.1f} MB): bare PDFium text {bare:.2f} s, reader index {ours:.2f} s "
          f"= {ours / bare:.2f}x (target ≤ 3x), {PDF_PAGES / ours:.0f} pages/s")
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[tuple[float, float]] = ctx.Queue()
    proc = ctx.Process(target=_peak_child, args=(str(folder), queue))
    proc.start()
    before, after = queue.get(timeout=600)
    proc.join()
    print(f"PDF peak memory: {after:.0f} MB for a process doing only this (+{after - before:.0f} MB for the parse, {len(data) / 1e6:.1f} MB file)")


def _docx_bare(data: bytes) -> int:
    from docx import Document

    doc = Document(io.BytesIO(data))
    n = sum(len(p.text) for p in doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            n += sum(len(c.text) for c in row.cells)
    return n


def _docx_book(chain: object, pages: int) -> bytes:
    """About ``pages`` pages (500 characters each): headings, paragraphs, a table now and then."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("基准测试文件", style="Title")
    for n in range(pages):
        if n % 5 == 0:
            doc.add_heading(chain.title()[:20], level=1 + (n // 5) % 2)  # type: ignore[attr-defined]
        doc.add_paragraph(chain.paragraph(250))  # type: ignore[attr-defined]
        doc.add_paragraph(chain.paragraph(250))  # type: ignore[attr-defined]
        if n % 20 == 0:
            table = doc.add_table(rows=3, cols=3)
            for r in range(3):
                for k in range(3):
                    table.cell(r, k).text = chain.title()[:6]  # type: ignore[attr-defined]
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _epub_book(chain: object, pages: int) -> bytes:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("reader-bench-book")
    book.set_title("基准测试之书")
    book.set_language("zh")
    book.add_author("林晓峰")
    chapters = []
    per = 20  # pages a chapter; a page is about 500 characters
    for n in range(max(1, pages // per)):
        paras = [chain.paragraph(250) for _ in range(per * 2)]  # type: ignore[attr-defined]
        ch = epub.EpubHtml(title=f"第{n + 1}章", file_name=f"c{n:04d}.xhtml", lang="zh")
        ch.content = f"<html><body><h1>第{n + 1}章</h1>{''.join(f'<p>{p}</p>' for p in paras)}</body></html>"
        book.add_item(ch)
        chapters.append(ch)
    book.toc = [epub.Link(c.file_name, c.title, c.file_name) for c in chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = chapters
    buf = io.BytesIO()
    epub.write_epub(buf, book, {})
    return buf.getvalue()


def _epub_bare(data: bytes) -> int:
    import warnings

    from ebooklib import ITEM_DOCUMENT, epub

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    return sum(len(item.get_body_content()) for item in book.get_items_of_type(ITEM_DOCUMENT))


def _books() -> None:
    from corpus.ingest.parse import parse_file

    chain = _chain()
    data = _docx_book(chain, BOOK_PAGES)
    docs = parse_file("b.docx", data)
    pages = sum(d.chars for d in docs) / 500
    bare = _best(lambda: _docx_bare(data))
    ours = _best(lambda: parse_file("b.docx", data))
    print(f"DOCX ~{pages:,.0f} pages ({len(data) / 1e6:.1f} MB): python-docx bare read {bare:.2f} s, ours {ours:.2f} s = {ours / bare:.2f}x")
    data = _epub_book(chain, BOOK_PAGES)
    docs = parse_file("b.epub", data)
    pages = sum(d.chars for d in docs) / 500
    bare = _best(lambda: _epub_bare(data))
    ours = _best(lambda: parse_file("b.epub", data))
    print(f"EPUB ~{pages:,.0f} pages, {len(docs)} chapters ({len(data) / 1e6:.1f} MB): ebooklib bare read {bare:.2f} s, ours {ours:.2f} s = {ours / bare:.2f}x")


def main() -> None:
    import format_fixtures as fx

    with tempfile.TemporaryDirectory(prefix="reader-bench-formats-") as tmp:
        _pdf(fx, Path(tmp))
    _books()


if __name__ == "__main__":
    main()
