"""Reading order and structure of PDF pages from the geometry of their lines.

Pure Python over plain values (no PDFium here, so every rule is testable with
made-up pages). :mod:`corpus.ingest.pdf` measures the lines; this module:

1. Page furniture is found first (:mod:`corpus.ingest.pdf_furniture`) and
   never reaches this module's text.
2. :func:`~corpus.ingest.pdf_geometry.reading_order` — the columns, in
   reading order (:mod:`corpus.ingest.pdf_geometry`, with the lines and pages).
3. :func:`build_units` — lines to paragraphs: inside a column a paragraph
   starts at an indent, after a short line, a larger gap or a change of type
   size; a paragraph that runs off the bottom of a column or page continues
   in the next unless the next starts indented. Chinese lines join with no
   space, a Latin word hyphenated at a line end is rejoined.
4. Types from the type size (relative to the body size, the size most text
   is set in): the largest type is a title (a title wrapped over lines is one
   title), medium type a subheading, small type beside a picture a caption.
   Everything else goes through the same line rules as text files
   (:func:`corpus.ingest.rules.classify`): bylines, sources, continuation
   markers, editor lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from . import rules
from .clean import Unit, collapse_cjk_spaces, glue
from .pdf_geometry import TITLE_RATIO, Box, Line, Page, reading_order

#: Type size relative to the body size (a title is TITLE_RATIO and up): at least this a subheading …
HEADING_RATIO = 1.12
#: … at most this small type (captions, credits, notes).
SMALL_RATIO = 0.92
#: Longest text still taken as a title or subheading (a title may wrap over three lines).
TITLE_MAX = 80

_CJK_CHAR = re.compile(f"[{rules.CJK}]")
_LEADER = re.compile(r"(?:\s*[.．·…⋯]\s*){3,}")
_SPACED_CJK = re.compile(f"(?:[{rules.CJK}] )+[{rules.CJK}]")
_HYPHEN_END = re.compile(r"[A-Za-z][-\u00ad\u2010]$")
_BULLETS = "□■●◆◇★☆▲△▶►•◎◉"


# ---- lines to paragraphs ------------------------------------------------------


def tier(line: Line, body: float) -> str:
    r = line.size / body if body else 1.0
    if r >= TITLE_RATIO:
        return "title"
    if r >= HEADING_RATIO:
        return "heading"
    if r <= SMALL_RATIO:
        return "small"
    return "body"


@dataclass(slots=True)
class _Column:
    lines: list[Line]
    left: float
    right: float
    pitch: float  # usual gap between two lines of body text


def _column(lines: list[Line]) -> _Column:
    """A column's edges and line spacing, from the lines in its most common type size
    (a title above the column, wider than it, says nothing about where its lines end)."""
    sizes = Counter(round(ln.size) for ln in lines)
    main = sizes.most_common(1)[0][0]
    body = [ln for ln in lines if round(ln.size) == main]
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    gaps = sorted(
        b.top - a.bottom for a, b in pairwise(lines) if round(a.size) == round(b.size) == main and b.top >= a.top
    )
    pitch = gaps[len(gaps) // 2] if gaps else 0.0
    return _Column(lines, left, right, max(pitch, 0.0))


def _mostly_cjk(text: str) -> bool:
    return len(_CJK_CHAR.findall(text)) * 2 >= len(text.replace(" ", ""))


def _short(line: Line, col: _Column) -> bool:
    """The line stops clearly before the column's right edge: a paragraph ends here."""
    room = col.right - line.x1
    if _mostly_cjk(line.text):
        return room > 1.2 * line.size
    return room > max(1.2 * line.size, 0.3 * (col.right - col.left))


def _indented(line: Line, col: _Column) -> bool:
    return line.x0 - col.left > 0.8 * line.size


def line_text(text: str) -> str:
    """One line's text, cleaned: spaces collapsed, a leading bullet dropped, leader
    dots shortened, letter-spaced titles closed up."""
    text = " ".join(text.split())
    if text[:1] in _BULLETS:
        text = text.lstrip(_BULLETS + " ")
    if ("." in text or "…" in text or "·" in text or "．" in text or "⋯" in text) and _LEADER.search(text):
        text = _LEADER.sub(" …… ", text).strip()
    if " " in text and len(text) >= 3 and _SPACED_CJK.fullmatch(text):
        text = text.replace(" ", "")
    return text


def join_lines(a: str, b: str) -> str:
    """Two lines of one paragraph: Chinese joins with no space, a hyphenated word rejoins."""
    if not a or not b:
        return a or b
    if _HYPHEN_END.search(a) and b[:1].islower():
        return a[:-1] + b
    return glue(a, b)


@dataclass(slots=True)
class Block:
    """A run of lines that reads as one unit (a paragraph, a title, a caption)."""

    lines: list[Line]
    kind: str  # size tier of its lines
    text: str = ""
    gap_before: bool = False  # a vertical gap or a new column/page before it
    #: Pages that start inside the block: (offset in ``text``, page), when it runs on over a page break.
    turns: list[tuple[int, int]] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page


def _starts_new(a: Line, b: Line, col_a: _Column, col_b: _Column, body: float) -> tuple[bool, bool]:
    """(new paragraph?, new layout block?) between consecutive lines ``a`` and ``b``."""
    ta, tb = tier(a, body), tier(b, body)
    if ta != tb:
        return True, col_a is not col_b
    same_col = col_a is col_b
    if ta in ("title", "heading"):
        if not same_col or rules.ends_stop(a.text):
            return True, True
        close = b.top - a.bottom <= 0.9 * max(a.size, b.size)
        overlap = min(a.x1, b.x1) - max(a.x0, b.x0) > 0
        return not (close and overlap), not close
    if _ENTRY_END.search(a.text):
        return True, False  # a table-of-contents line ends with its page number
    if same_col:
        gap = b.top - a.bottom
        if gap > col_a.pitch + 0.6 * b.size or gap < -0.5 * b.size:
            return True, True
        if _short(a, col_a) or _indented(b, col_a):
            return True, False
        return False, False
    # A new column or page: the paragraph goes on unless it had ended.
    if _short(a, col_a) or _indented(b, col_b):
        return True, True
    return False, True


_ENTRY_END = re.compile(r"(?:……|\s)\s*\d{1,4}$")


def build_blocks(pages: list[Page], furniture: set[int], body: float) -> list[Block]:
    """Every non-furniture line, in reading order, grouped into blocks."""
    blocks: list[Block] = []
    prev: tuple[Line, _Column] | None = None
    for page in pages:
        lines = [ln for ln in page.lines if id(ln) not in furniture and ln.text]
        for col_lines in reading_order(lines, body):
            col = _column(col_lines)
            for ln in col_lines:
                if prev is None:
                    blocks.append(Block([ln], tier(ln, body), gap_before=True))
                else:
                    new, gap = _starts_new(prev[0], ln, prev[1], col, body)
                    if new:
                        blocks.append(Block([ln], tier(ln, body), gap_before=gap))
                    else:
                        blocks[-1].lines.append(ln)
                prev = (ln, col)
    for block in blocks:
        text = block.lines[0].text
        for before, ln in pairwise(block.lines):
            text = join_lines(text, ln.text)  # ends with ln.text, whatever joined them
            if ln.page != before.page:
                block.turns.append((len(text) - len(ln.text), ln.page))
        block.text = text
    return blocks


def moved(old: str, new: str, offset: int) -> int:
    """``offset`` of ``old`` in ``new``, the same text with some spaces dropped."""
    if old == new:
        return offset
    wanted = offset - old.count(" ", 0, offset)  # characters other than spaces before it
    seen = 0
    for i, ch in enumerate(new):
        if seen == wanted:
            return i
        if ch != " ":
            seen += 1
    return len(new)


# ---- blocks to typed units ------------------------------------------------------


def _near_picture(block: Block, pictures: list[Box]) -> bool:
    x0 = min(ln.x0 for ln in block.lines)
    x1 = max(ln.x1 for ln in block.lines)
    top = block.lines[0].top
    bottom = block.lines[-1].bottom
    reach = 3 * block.lines[0].size
    for px0, ptop, px1, pbottom in pictures:
        if min(x1, px1) - max(x0, px0) <= 0:
            continue
        if -reach <= top - pbottom <= reach or -reach <= ptop - bottom <= reach:
            return True
    return False


def _title_like(text: str) -> bool:
    """Short, no sentence inside, not ending mid-clause: may be a title (! and ? may end one)."""
    if not text or len(text) > TITLE_MAX or text.endswith(("。", "；", ";", "：", ":", "，", ",", "、")):
        return False
    return not re.search("[。；;]", text[:-1]) and bool(re.search(f"[{rules.CJK}A-Za-z]", text))


def build_units(pages: list[Page], furniture: set[int], body: float) -> list[Unit]:
    """Typed units (one per paragraph, title, caption, byline, …) with their pages."""
    blocks = build_blocks(pages, furniture, body)
    pictures = {p.number: p.pictures for p in pages}
    units: list[Unit] = []
    block_no = 0
    for b in blocks:
        if b.gap_before:
            block_no += 1
        text = b.text
        u = Unit(text, block_no, page=b.page, alone=True, turns=tuple(b.turns))
        if units and units[-1].block == block_no:
            units[-1].alone = False
            u.alone = False
        kind, info = rules.classify(text) if len(text) <= 120 else ("paragraph", None)
        if b.kind in ("title", "heading") and _title_like(text) and kind in ("paragraph", "source", "caption"):
            u.type, u.level = "heading", 1 if b.kind == "title" else 2
        elif kind != "paragraph":
            u.type, u.info = kind, info
        elif b.kind == "small" and len(b.lines) <= 4 and _near_picture(b, pictures.get(b.page, [])):
            u.type = "caption"
        elif (
            len(b.lines) == 1
            and b.kind == "body"
            and rules.looks_like_heading(text)
            and (b.lines[0].bold or rules.NUMBERED.match(text))
        ):
            u.type, u.level = "heading", rules.heading_level(text) if rules.NUMBERED.match(text) else 2
        else:
            u.type = "paragraph"
            u.text = collapse_cjk_spaces(text)
            u.turns = tuple((moved(text, u.text, at), page) for at, page in b.turns)
        units.append(u)
    return units
