"""Plain-text cleaning: PDF-extracted text to typed parts.

The pipeline, in order:

1. :func:`split_units` — one unit per non-empty line, remembering blank-line
   block boundaries; inline debris removed (:func:`inline_clean`).
2. :func:`classify_units` — captions, bylines, sources, continuation markers,
   page furniture (:mod:`corpus.ingest.rules`), and headings (short lines alone in
   their block that do not end a sentence).
3. :func:`corpus.ingest.dedup.drop_duplicates` — layout duplicates (a pull quote
   repeated in the body, a paragraph printed twice) appear once. This runs
   before joining so the flow around an inserted pull quote can rejoin.
4. :func:`join_units` — a paragraph that does not end a sentence continues
   in the next paragraph unless that one is a heading, byline, caption, …
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import rules
from .decode import sanitize
from .dedup import drop_duplicates
from .draft import LineInfo, Part

CJK = rules.CJK

_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
_STRAY_STARS = re.compile(r"\*\*+")
_ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_TAG = re.compile(
    r"</?(?:p|br|span|div|strong|b|i|em|a|font|section|img|h[1-6]|li|ul|ol|table|tr|td|th|u|sup|sub|blockquote|center)"
    r"\b[^>]*/?>",
    re.I,
)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
# Layout bullets newspapers put before bylines and list items ("□本报记者 张三").
_BULLET = re.compile(r"^[□■●◆◇★☆▲△▶►•◎◉]+\s*")
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b]+")
# A space that PDF extraction put between CJK and digits ("2023 年 1-7 月").
# Spaces between two CJK characters stay: in real files they separate the
# clauses of a title or the fields of a record ("克鲁格曼 出版社").
_CJK_GAP = re.compile(f"(?<=[{CJK}]) (?=[0-9])|(?<=[0-9%]) (?=[{CJK}])")
_LABEL = re.compile(r"^[^\s，。]{1,6}[:：]$")
# Markdown line syntax: "## heading", "> quote", "- item" / "1. item".
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_QUOTE = re.compile(r"^>\s?")
_MD_ITEM = re.compile(r"^[-*+]\s+\S")
_MD_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")  # a list only in Markdown files; in print, a heading


def inline_clean(text: str) -> str:
    """Remove extraction debris from one line; never changes the words."""
    if "*" in text:
        text = _STRAY_STARS.sub("", _EMPHASIS.sub(r"\1", text))
    if "<" in text:
        text = _TAG.sub("", _ANGLE_URL.sub(r"\1", text))
    if "&" in text and _ENTITY.search(text):
        text = sanitize(html.unescape(text))  # entities can spell control characters
    text = _SPACES.sub(" ", text).strip()
    if text and text[0] in "□■●◆◇★☆▲△▶►•◎◉":
        text = _BULLET.sub("", text)
    return text


def collapse_cjk_spaces(text: str) -> str:
    """Drop spaces between CJK characters and digits; other spacing stays."""
    return _CJK_GAP.sub("", text) if " " in text else text


@dataclass(slots=True)
class Unit:
    """One line of the source on its way to becoming a part."""

    text: str
    block: int  # index of the blank-line-separated block it came from
    type: str = "paragraph"
    info: LineInfo | None = None
    level: int = 0
    alone: bool = True  # the only line of its block
    mark: str = ""  # Markdown said so: "heading" or "list"
    indent: bool = False  # the line was indented: a new paragraph starts here
    page: int | None = None  # 1-based page of a paged source (PDF)
    turns: tuple[tuple[int, int], ...] = ()  # pages starting inside the text: (offset, page)


def split_units(body: str, markdown: bool = False) -> list[Unit]:
    """Non-empty cleaned lines with their block numbers."""
    units: list[Unit] = []
    block = 0
    fresh = True
    for raw in body.split("\n"):
        text = inline_clean(raw)
        mark, level = "", 0
        if text[:1] in "#>-*+" or text[:1].isdigit():
            text, mark, level = _markdown(text, markdown)
        if not text:
            if not fresh:
                block += 1
                fresh = True
            continue
        # Hard-wrapped text marks paragraphs by indenting their first line
        # ("　　正文…"), not by blank lines.
        indent = raw[:1] in ("\u3000", " ", "\t") and raw[:2].strip() == ""
        if not fresh:
            units[-1].alone = False
        units.append(Unit(text, block, alone=fresh, mark=mark, level=level, indent=indent))
        fresh = False
    return _merge_labels(units)


def _markdown(text: str, markdown: bool) -> tuple[str, str, int]:
    m = _MD_HEADING.match(text)
    if m:
        return m.group(2), "heading", min(len(m.group(1)), 3)
    if _MD_QUOTE.match(text):
        return _MD_QUOTE.sub("", text).strip(), "", 0
    if _MD_ITEM.match(text) or (markdown and _MD_NUMBERED.match(text)):
        return text, "list", 0
    return text, "", 0


def _merge_labels(units: list[Unit]) -> list[Unit]:
    """"电话:" alone, then its value on the next line: one line."""
    out: list[Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        if (
            _LABEL.match(u.text)
            and i + 1 < len(units)
            and len(units[i + 1].text) <= 60
            and not rules.ends_final(units[i + 1].text)
        ):
            nxt = units[i + 1]
            out.append(Unit(f"{u.text} {nxt.text}", nxt.block, alone=nxt.alone))
            i += 2
            continue
        out.append(u)
        i += 1
    return out


def classify_units(units: list[Unit]) -> list[Unit]:
    for u in units:
        if u.mark == "heading":
            u.type = "heading"  # level from the number of #: 1 is a title
            continue
        if u.mark == "list":
            u.type = "list"
            continue
        u.type, u.info = rules.classify(u.text)
        if u.type != "paragraph":
            continue
        if rules.NUMBERED.match(u.text) and rules.looks_like_heading(u.text):
            u.type, u.level = "heading", rules.heading_level(u.text)
        elif u.alone and rules.looks_like_heading(u.text):
            u.type, u.level = "heading", 2
    # Hard-wrapped text has no blank lines: a short line is still a title when
    # a byline follows it, or when it stands between a finished paragraph and
    # an indented one.
    for i, u in enumerate(units):
        if u.type != "paragraph" or u.alone or u.indent or not rules.looks_like_heading(u.text):
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        prev = units[i - 1] if i else None
        if nxt is None:
            continue
        before_ok = prev is None or prev.type != "paragraph" or rules.ends_stop(prev.text)
        if nxt.type == "byline" or (nxt.indent and before_ok):
            u.type, u.level = "heading", 2
    return units


def glue(a: str, b: str) -> str:
    # Latin words broken across lines keep a space; CJK never takes one.
    if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return f"{a} {b}"
    return a + b


def join_units(units: list[Unit]) -> list[Part]:
    """Rejoin paragraphs broken mid-sentence; produce typed parts."""
    parts: list[Part] = []
    open_para = False  # the last part is a paragraph that has not ended
    for u in units:
        if u.type == "paragraph":
            text = collapse_cjk_spaces(u.text)
            if open_para and not u.indent:
                parts[-1].text = glue(parts[-1].text, text)
            else:
                parts.append(Part("paragraph", text, page=u.page))
            open_para = not rules.ends_stop(parts[-1].text)
            continue
        open_para = False
        parts.append(Part(u.type, u.text, u.level, u.info, u.page))
    return parts


def units_to_parts(units: list[Unit]) -> list[Part]:
    """Classified units → deduplicated, joined parts."""
    return join_units(drop_duplicates(units))

