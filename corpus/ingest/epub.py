"""EPUB books with ebooklib: one document per chapter, in spine order.

Each chapter's XHTML goes through the same HTML path as a ``.html`` file
(:func:`corpus.ingest.htmltext.html_to_parts`): headings, paragraphs,
captions, and the line rules for bylines and sources. The book's table of
contents names the chapters; the book's title is their section; its
metadata (title, creator, date, language) is every chapter's metadata.
"""

from __future__ import annotations

import io
import posixpath
import warnings
from collections.abc import Iterable
from typing import Any, TypeAlias

from ..jsontypes import JSONObject
from ..model import Document
from . import htmltext, structure, zipsafe
from .decode import DecodeError, decode_bytes, sanitize
from .draft import Draft
from .frontmatter import normalize_date
from .parse import ParseError, to_documents

#: An ``ebooklib.epub.EpubBook``: ebooklib ships no type information, so it is Any, named.
EpubBook: TypeAlias = Any

#: Chapters read from one book.
MAX_CHAPTERS = 2000


def _first(book: EpubBook, name: str) -> str:
    values = book.get_metadata("DC", name)
    for value, _attrs in values:
        text = " ".join(sanitize(str(value or "")).split())
        if text:
            return text
    return ""


def _toc_titles(toc: Iterable[object] | None, out: dict[str, str], depth: int = 0) -> None:
    """File name → the first title the table of contents gives it."""
    if depth > 20:
        return
    for entry in toc or ():
        if isinstance(entry, tuple) and len(entry) == 2:
            section, children = entry
            _add_title(section, out)
            _toc_titles(children, out, depth + 1)
        elif isinstance(entry, list):
            _toc_titles(entry, out, depth + 1)
        else:
            _add_title(entry, out)


def _add_title(entry: object, out: dict[str, str]) -> None:
    href = getattr(entry, "href", None)
    title = " ".join(sanitize(str(getattr(entry, "title", "") or "")).split())
    if href and title:
        name = posixpath.normpath(str(href).split("#", 1)[0])
        out.setdefault(name, title)


def parse_epub(rel: str, data: bytes) -> list[Document]:
    """One EPUB's bytes to documents, a chapter each; raises :class:`ParseError` with the reason."""
    zipsafe.open_checked(data, "EPUB")
    from ebooklib import epub

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    except Exception as exc:  # ebooklib raises its own, KeyError, lxml errors … on broken books
        raise ParseError(f"damaged EPUB: {_short(exc)}") from None
    title = _first(book, "title")
    names = (" ".join(sanitize(str(v or "")).split()) for v, _ in book.get_metadata("DC", "creator"))
    creators = [c for c in names if c]
    date = normalize_date(_first(book, "date"))
    language = _first(book, "language")
    titles: dict[str, str] = {}
    _toc_titles(book.toc, titles)
    drafts: list[Draft] = []
    warnings_: list[str] = []
    for idref, _linear in book.spine[: MAX_CHAPTERS * 2]:
        item = book.get_item_with_id(idref)
        if item is None or isinstance(item, epub.EpubNav) or not isinstance(item, epub.EpubHtml):
            continue
        try:
            text = decode_bytes(item.get_content() or b"").text
        except DecodeError as exc:
            warnings_.append(f"{item.file_name}: {exc}")
            continue
        parts, html_meta = htmltext.html_to_parts(text)
        name = posixpath.normpath(item.file_name)
        chapter = titles.get(name) or titles.get(posixpath.basename(name)) or html_meta.get("title")
        if not parts:
            continue  # a cover picture, a blank page
        draft = structure.single_draft(parts, {"title": chapter} if chapter else html_meta)
        draft.section = title or None
        draft.authors = draft.authors or list(creators)
        draft.meta["chapter"] = len(drafts) + 1
        drafts.append(draft)
        if len(drafts) >= MAX_CHAPTERS:
            warnings_.append(f"only the first {MAX_CHAPTERS} chapters were read")
            break
    if not drafts:
        raise ParseError("empty file: the EPUB has no chapter with text")
    meta: JSONObject = {}
    if title:
        meta["book"] = title
    if creators:
        meta["author"] = creators
    if date:
        meta["date"] = date
    if language:
        meta["language"] = language
    return to_documents(rel, drafts, meta, warnings_, {"format": "epub"})


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:100] or type(exc).__name__
