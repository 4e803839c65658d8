"""One file's bytes to documents: decode, front matter, HTML or plain text, structure.

PDF, Word (.docx) and EPUB files are recognised by their bytes and handed to
their readers (:mod:`corpus.ingest.pdf`, :mod:`corpus.ingest.docx`,
:mod:`corpus.ingest.epub`), which end in the same drafts and documents.
A pure function of (relative path, bytes) so it can run in worker processes
and be cached by file identity.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..jsontypes import JSONObject
from ..model import Document, document_id, join_blocks
from . import htmltext, structure
from .decode import DecodeError, decode_bytes, sanitize
from .draft import Draft, Part
from .frontmatter import as_list, normalize_date, split_front_matter


class ParseError(ValueError):
    """A file that cannot become documents; the message is shown to the user."""


_HTML_HINT = re.compile(r"<(?:p|div|br|h[1-6]|article|section|span|table|html|body)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """Bodies saved from web pages: several block tags near the start."""
    head = text[:20000]
    return len(_HTML_HINT.findall(head)) >= 3


def parse_text(rel: str, text: str, encoding: str = "utf-8") -> list[Document]:
    """Parse already-decoded text (used by :func:`parse_file` and by tests)."""
    suffix = PurePosixPath(rel).suffix.lower()
    meta: JSONObject = {}
    body, warnings = text, list[str]()
    if suffix != ".html" and suffix != ".htm":
        meta, body, warnings = split_front_matter(text)
    if suffix in (".html", ".htm") or looks_like_html(body):
        parts, html_meta = htmltext.html_to_parts(body)
        for key, value in html_meta.items():
            meta.setdefault(key, value)
        drafts = structure.drafts_from_html(parts, meta)
    else:
        drafts = structure.split_plain(body, meta, markdown=suffix in (".md", ".markdown"))
    if not drafts:
        drafts = [Draft(title=str(meta.get("title") or PurePosixPath(rel).stem), parts=[])]
    return to_documents(rel, drafts, meta, warnings, {"encoding": encoding})


def sniff_format(rel: str, data: bytes) -> str | None:
    """"pdf", "docx" or "epub" when the bytes are one (whatever the name says), else None."""
    suffix = PurePosixPath(rel).suffix.lower()
    # The PDF header may follow some junk, within the first kilobyte.
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        first = data[30:60]  # the name of the first member
        # An EPUB's first member is "mimetype", stored, saying so.
        if suffix == ".epub" or (first.startswith(b"mimetype") and b"application/epub+zip" in data[:200]):
            return "epub"
        if suffix == ".docx" or first.startswith(b"[Content_Types].xml"):
            return "docx"
    if suffix in (".pdf", ".docx", ".epub"):
        return suffix[1:]  # named so but not so: its reader says what is wrong
    return None


def parse_file(rel: str, data: bytes) -> list[Document]:
    """Decode and parse one file. Raises :class:`ParseError` with a clear reason."""
    if not data.strip():
        raise ParseError("empty file")
    fmt = sniff_format(rel, data)
    if fmt == "pdf":
        from .pdf import parse_pdf  # PDFium loads only for PDFs

        return parse_pdf(rel, data)
    if fmt == "docx":
        from .docx import parse_docx

        return parse_docx(rel, data)
    if fmt == "epub":
        from .epub import parse_epub

        return parse_epub(rel, data)
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise ParseError(str(exc)) from exc
    if not decoded.text.strip():
        raise ParseError("empty file: no readable text")
    return parse_text(rel, decoded.text, decoded.encoding)


def _fallback_section(rel: str, meta: JSONObject, drafts: list[Draft]) -> str:
    categories = as_list(meta.get("categories") or meta.get("category"))
    if categories:
        return categories[0]
    folder = PurePosixPath(rel).parent
    if str(folder) not in ("", "."):
        return str(folder)
    if len(drafts) > 1:  # a page of several articles: the page is the section
        return PurePosixPath(rel).stem
    return "(top level)"


def to_documents(
    rel: str, drafts: list[Draft], meta: JSONObject, warnings: list[str], file_meta: JSONObject
) -> list[Document]:
    """Drafts to documents with ids, offsets and metadata.

    ``meta`` is what the file says about itself (front matter, an EPUB's
    metadata); ``file_meta`` how it was read (its encoding, or its format and
    page count), added to every document's metadata.
    """
    multi = len(drafts) > 1
    section = _fallback_section(rel, meta, drafts)
    meta_authors = as_list(meta.get("author") or meta.get("authors"))
    meta_date = normalize_date(meta.get("date"))
    docs: list[Document] = []
    for i, draft in enumerate(drafts):
        parts = list(draft.parts)
        # File and folder names are untrusted too: they can become titles and sections.
        title = sanitize(draft.title.strip() or PurePosixPath(rel).stem)
        if not parts or parts[0].type != "title":
            parts.insert(0, Part("title", title, 1, page=parts[0].page if parts else None))
        elif parts[0].page is None and len(parts) > 1:
            parts[0].page = parts[1].page  # structure made the title part; it starts where its text does
        text, blocks = join_blocks((p.type, p.text, p.level, p.page, p.turns) for p in parts)
        doc_meta = dict(meta) if not multi else {k: v for k, v in meta.items() if k != "title"}
        doc_meta.update(draft.meta)
        doc_meta.update(file_meta)
        docs.append(
            Document(
                id=document_id(rel, i, multi),
                file=rel,
                section=sanitize(draft.section or section),
                title=title,
                text=text,
                blocks=blocks,
                authors=draft.authors or (meta_authors if not multi else []),
                date=draft.date or meta_date,
                source=draft.source or (str(meta["source"]) if meta.get("source") else None),
                index=i,
                meta=doc_meta,
                warnings=list(warnings) + list(draft.warnings),
            )
        )
    return docs
