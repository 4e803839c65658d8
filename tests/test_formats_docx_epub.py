"""Word and EPUB files: styles, tables, metadata, chapters; damaged, locked and hostile archives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import format_fixtures as fx
import pytest

from corpus import load_corpus
from corpus.ingest import zipsafe
from corpus.ingest.parse import ParseError, parse_file


def _docx(pages: int = 1) -> bytes:
    buf = io.BytesIO()
    fx.briefing_docx(buf, pages)
    return buf.getvalue()


def _epub() -> bytes:
    buf = io.BytesIO()
    fx.book_epub(buf)
    return buf.getvalue()


def _error(name: str, data: bytes) -> str:
    with pytest.raises(ParseError) as info:
        parse_file(name, data)
    return str(info.value)


# ---- Word ------------------------------------------------------------------------


def test_docx_styles_table_and_core_properties() -> None:
    [doc] = parse_file("简报/城市更新.docx", _docx())
    assert doc.title == "城市更新工作简报"  # the Title style
    kinds = [(b.type, b.level, t) for b, t in doc.iter_blocks()]
    assert kinds[0] == ("title", 1, "城市更新工作简报")
    assert ("heading", 2, "一、老旧小区改造进展") in kinds  # Heading 1
    assert ("heading", 3, "（一）加装电梯") in kinds  # Heading 2
    assert [t for _, t in doc.iter_blocks("list")] == ["区 | 开工小区 | 惠及户数", "东城区 | 15 | 6200", "西城区 | 27 | 11800"]
    assert [t for _, t in doc.iter_blocks("byline")] == ["本报记者 林晓峰"]
    assert doc.authors == ["林晓峰"]  # the byline in the text wins over the file's author field
    assert doc.meta["author"] == "市住建局办公室"
    assert doc.date == "2026-03-18"  # core property "created"
    assert doc.section == "简报"
    assert all(b.page is None for b in doc.blocks)  # Word has no fixed pages


def test_docx_without_title_style_takes_the_core_title() -> None:
    from docx import Document

    d = Document()
    d.core_properties.title = "会议纪要"
    d.add_paragraph("会议讨论了三件事情，并形成了一致意见。")
    buf = io.BytesIO()
    d.save(buf)
    [doc] = parse_file("m.docx", buf.getvalue())
    assert doc.title == "会议纪要"
    assert [t for _, t in doc.iter_blocks("paragraph")] == ["会议讨论了三件事情，并形成了一致意见。"]


def test_docx_errors() -> None:
    assert _error("a.docx", b"not a zip at all").startswith("damaged Word document: not a readable ZIP")
    assert _error("b.docx", fx.zip_bytes({"[Content_Types].xml": b"<Types/>"})) == (
        "not a Word document: a ZIP archive without word/document.xml"
    )
    broken = fx.zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"})
    assert _error("c.docx", broken).startswith("damaged Word document: ")


# ---- EPUB -------------------------------------------------------------------------


def test_epub_chapters_toc_and_metadata() -> None:
    docs = parse_file("书/回乡记.epub", _epub())
    assert [d.title for d in docs] == [t for t, _ in fx.BOOK_CHAPTERS]  # spine order, titles from the TOC
    assert {d.section for d in docs} == {"回乡记"}  # the book is the section
    for doc, (_title, paras) in zip(docs, fx.BOOK_CHAPTERS):
        assert [t for _, t in doc.iter_blocks("paragraph")] == paras  # the <h1> repeating the title is gone
        assert doc.authors == ["林晓峰"]
        assert doc.date == "2026-03-18"
        assert doc.meta["language"] == "zh" and doc.meta["format"] == "epub"
    assert [d.meta["chapter"] for d in docs] == [1, 2, 3]


def test_epub_errors() -> None:
    assert _error("a.epub", b"PK\x03\x04 broken").startswith("damaged EPUB: not a readable ZIP")
    no_container = fx.zip_bytes({"mimetype": b"application/epub+zip", "x.xhtml": b"<html/>"})
    assert _error("b.epub", no_container).startswith("damaged EPUB: ")


# ---- hostile archives ------------------------------------------------------------------


def test_zip_bomb_by_ratio() -> None:
    data = fx.zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (8 * 1024 * 1024)})
    assert "zip bomb" in _error("bomb.docx", data)


def test_zip_too_large_and_too_many_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_UNPACKED", 1000)
    assert _error("big.epub", _epub()).startswith("too large: the EPUB unpacks to")
    monkeypatch.setattr(zipsafe, "MAX_UNPACKED", 10**9)
    monkeypatch.setattr(zipsafe, "MAX_MEMBERS", 3)
    assert _error("many.docx", _docx()).startswith("too large: ")


def test_xml_entities_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<package>&lol2;</package>"
    )
    src = zipfile.ZipFile(io.BytesIO(_epub()))
    members = {i.filename: src.read(i.filename) for i in src.infolist()}
    members["EPUB/content.opf"] = laughs
    assert "declares XML entities" in _error("lol.epub", fx.zip_bytes(members))
    docx_members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": laughs}
    assert "declares XML entities" in _error("lol.docx", fx.zip_bytes(docx_members))


def test_encrypted_zip_member() -> None:
    data = bytearray(fx.zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<x/>"}, compress=False))
    # Set the "encrypted" flag bit in both the local and the central headers.
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = 0
        while (at := data.find(sig, at)) != -1:
            off = 6 if sig == b"PK\x03\x04" else 8
            data[at + off] |= 1
            at += 4
    assert _error("locked.docx", bytes(data)) == "password protected"


def test_folder_of_everything(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "brief.docx").write_bytes(_docx())
    (root / "book.epub").write_bytes(_epub())
    (root / "paper.pdf").write_bytes(fx.pdf_bytes(fx.newspaper_pdf, 2))
    (root / "note.txt").write_text("普通文本的标题\n\n正文照常读取。\n", encoding="utf-8")
    (root / "bad.docx").write_bytes(b"PK\x03\x04 nothing")
    (root / "bad.epub").write_bytes(b"")
    corpus = load_corpus(root, use_cache=False)
    errors = {e.file: e.error for e in corpus.errors}
    assert set(errors) == {"bad.docx", "bad.epub"}
    assert errors["bad.epub"] == "empty file"
    formats = {d.meta.get("format", "text") for d in corpus}
    assert formats == {"docx", "epub", "pdf", "text"}
