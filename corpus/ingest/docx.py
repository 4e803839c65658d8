"""Word (.docx) files with python-docx: paragraphs, heading styles, tables, core properties.

The styles say what the text path has to guess: the Title style is the
title, Heading 1…9 (or a style based on one, or the localised 标题 N) are
subheadings. Other paragraphs go through the same line rules as text files
(bylines, sources, captions, editor lines). A table becomes one ``list``
block per row, its cells joined by " | ". The core properties give the title
(when no paragraph has the Title style), the author and the date created.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import TYPE_CHECKING

from ..jsontypes import JSONObject
from ..model import Document
from . import rules, structure, zipsafe
from .clean import collapse_cjk_spaces, inline_clean
from .decode import sanitize
from .draft import Part
from .parse import ParseError, to_documents

if TYPE_CHECKING:  # python-docx is imported when a Word file is read
    from docx.document import Document as DocxDocument
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.table import CT_Row
    from docx.styles.style import BaseStyle

#: Paragraphs and table rows read from one file.
MAX_BLOCKS = 200_000

_HEADING = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE = re.compile(r"^(?:title|标题)$", re.I)
_SUBTITLE = re.compile(r"^(?:subtitle|副标题)$", re.I)


def _style_kind(style: BaseStyle | None) -> tuple[str, int]:
    """("title" | "heading" | "subtitle" | "", level) from a paragraph style or the styles it is based on."""
    for _ in range(6):
        if style is None:
            break
        name = (getattr(style, "name", None) or "").strip()
        if _TITLE.match(name):
            return "title", 1
        if _SUBTITLE.match(name):
            return "subtitle", 2
        m = _HEADING.match(name)
        if m:
            return "heading", 2 if m.group(1) == "1" else 3
        style = getattr(style, "base_style", None)
    return "", 0


def _paragraph_parts(text: str, kind: str, level: int) -> list[Part]:
    out: list[Part] = []
    # A soft line break (Shift+Enter) starts a new line, not a new paragraph:
    # lines are typed on their own, then a plain paragraph's lines join again.
    lines = [inline_clean(x) for x in sanitize(text).split("\n")]
    lines = [x for x in lines if x]
    if not lines:
        return out
    if kind in ("title", "heading", "subtitle"):
        return [Part("heading", " ".join(lines), level)]
    for line in lines:
        btype, info = rules.classify(line)
        if btype == "paragraph" and rules.NUMBERED.match(line) and rules.looks_like_heading(line):
            out.append(Part("heading", line, rules.heading_level(line)))
        elif btype == "paragraph" and out and out[-1].type == "paragraph":
            out[-1].text += collapse_cjk_spaces(line)
        elif btype == "paragraph":
            out.append(Part("paragraph", collapse_cjk_spaces(line)))
        else:
            out.append(Part(btype, line, 0, info))
    return out


def _row_text(tr: CT_Row) -> str:
    """A table row's cells joined by " | " (a cell merged across columns is one cell)."""
    cells: list[str] = []
    for tc in tr.tc_lst:
        text = "\n".join(p.text for p in tc.xpath(".//w:p"))
        cells.append(" ".join(inline_clean(x) for x in sanitize(text).split("\n") if x.strip()))
    return " | ".join(c for c in cells if c)


def parse_docx(rel: str, data: bytes) -> list[Document]:
    """One Word file's bytes to documents; raises :class:`ParseError` with the reason."""
    archive = zipsafe.open_checked(data, "Word document")
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise ParseError("not a Word document: a ZIP archive without word/document.xml")
    from docx import Document as open_docx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = open_docx(io.BytesIO(data))
            parts, title = _parts(doc, _style_kinds(doc))
            props = doc.core_properties
            meta = _core_meta(props)
    except ParseError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on broken XML
        raise ParseError(f"damaged Word document: {_short(exc)}") from None
    if title:
        meta["title"] = title
    draft = structure.single_draft(parts, meta)
    if not draft.parts and not draft.title:
        raise ParseError("empty file: no readable text")
    return to_documents(rel, [draft], meta, [], {"format": "docx"})


def _style_kinds(doc: DocxDocument) -> dict[str | None, tuple[str, int]]:
    """Style id → (kind, level), read once (python-docx looks a paragraph's style up slowly)."""
    kinds: dict[str | None, tuple[str, int]] = {}
    default = ("", 0)
    for style in doc.styles:
        style_id = getattr(style, "style_id", None)
        if style_id is None:
            continue
        kinds[style_id] = _style_kind(style)
        if getattr(style, "type", None) == 1 and style.element.default:  # the default paragraph style
            default = kinds[style_id]
    kinds[None] = default
    return kinds


def _parts(doc: DocxDocument, kinds: dict[str | None, tuple[str, int]]) -> tuple[list[Part], str]:
    from docx.table import Table

    parts: list[Part] = []
    title = ""
    for n, block in enumerate(doc.iter_inner_content()):
        if n >= MAX_BLOCKS:
            break
        if isinstance(block, Table):
            for tr in block._tbl.tr_lst:
                text = _row_text(tr)
                if text:
                    parts.append(Part("list", text))
            continue
        text = block.text
        kind, level = kinds.get(block._p.style, kinds[None])
        if kind == "title" and not title:
            title = " ".join(inline_clean(x) for x in sanitize(text).split("\n") if x.strip())
            continue
        parts.extend(_paragraph_parts(text, kind, level))
    return parts, title


def _core_meta(props: CoreProperties) -> JSONObject:
    meta: JSONObject = {}
    title = " ".join(sanitize(props.title or "").split())
    if title:
        meta["title"] = title
    author = " ".join(sanitize(props.author or "").split())
    if author:
        meta["author"] = author
    created = props.created
    if created is not None:
        meta["date"] = created.date().isoformat()
    return meta


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:100] or type(exc).__name__
