"""Measuring a PDF page with PDFium: its text, cut into runs, and the runs into lines.

PDFium gives the page's text in one call (with its own line breaks and the
spaces it generates at gaps). The text is cut into runs at white space, and
only the two ends of each run are measured (``FPDFText_GetLooseCharBox``:
the font's em box, so the size is the type size whether or not the font is
embedded). Runs on one baseline close to each other become a
:class:`~corpus.ingest.pdf_geometry.Line`. No character is walked one by one
unless a run turns out to span two lines.
"""

from __future__ import annotations

import ctypes
import re
from itertools import pairwise
from types import ModuleType
from typing import Any, TypeAlias

from . import pdf_layout, rules
from .pdf_geometry import Box, Line

#: Page objects looked at when searching a page for pictures (captions sit beside them).
MAX_OBJECTS = 4000

_RUN = re.compile(r"\S+")
_CLAUSE = re.compile("[，,。；;]")
# The page text, cleaned without changing its length: control characters,
# escapes and bidi overrides become spaces (untrusted text never reaches a
# terminal), zero-width spaces too, and PDFium's U+FFFE (a hyphen that ended
# a line) is a hyphen again.
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0), 0x200B, 0xFEFF, 0xFFFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
CLEAN: dict[int, str] = dict.fromkeys(_CONTROLS, " ")
CLEAN[0xFFFE] = "-"
_BOLD_NAME = re.compile(r"bold|black|heavy|demi|semibold|hei(?!sei)|黑|gothic|w[6-9]\b|bd\b", re.I)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag ForceBold

# pypdfium2 ships no type information (no py.typed): its objects and PDFium's ctypes
# handles are untyped, so these are Any, named for what each one is.
PdfHandle: TypeAlias = Any  # a PDFium ctypes handle (FPDF_PAGE, FPDF_TEXTPAGE)
PdfObject: TypeAlias = Any  # a pypdfium2 helper object (PdfDocument, PdfPage, PdfTextPage)


class TextPage:
    """The measurements of one PDFium text page this module needs, in bulk where PDFium allows."""

    def __init__(self, raw: ModuleType, textpage: PdfObject, height: float, top: float) -> None:
        self.raw = raw
        self.tp = textpage.raw
        self.height = height
        self.top = top  # y of the page's top edge in PDF space (y grows upwards there)
        self.rect = raw.FS_RECTF()
        self.font_buf = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.identity = True  # text index == character index (set once the text is read)

    def text(self, n: int) -> str:
        buf = (ctypes.c_ushort * (2 * n + 2))()
        written = self.raw.FPDFText_GetText(self.tp, 0, n, buf)
        if written <= 1:
            return ""
        return ctypes.string_at(buf, (written - 1) * 2).decode("utf-16-le", "replace")

    def box(self, i: int) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) of character ``i``, top-down, from its em box."""
        r = self.rect
        self.raw.FPDFText_GetLooseCharBox(self.tp, i, r)
        return r.left, self.top - r.top, r.right, self.top - r.bottom

    def char(self, text_index: int) -> int:
        """The character index of a text index (the same unless PDFium left characters out)."""
        if self.identity:
            return text_index
        return int(self.raw.FPDFText_GetCharIndexFromTextIndex(self.tp, text_index))

    def generated(self, text_index: int) -> bool:
        """PDFium made this character up (a space at a gap, a line break)."""
        return bool(self.raw.FPDFText_IsGenerated(self.tp, self.char(text_index)) == 1)

    def bold(self, i: int) -> bool:
        """Character ``i`` is set in a bold face (by its name, flags or weight)."""
        n = self.raw.FPDFText_GetFontInfo(self.tp, i, self.font_buf, 128, ctypes.byref(self.flags))
        name = self.font_buf.value.decode("latin-1", "replace") if 0 < n <= 128 else ""
        if self.flags.value & _FORCE_BOLD or _BOLD_NAME.search(name):
            return True
        return int(self.raw.FPDFText_GetFontWeight(self.tp, i)) >= 600


class _Run:
    __slots__ = ("bottom", "end", "first", "last", "size", "start", "text", "top", "x0", "x1")

    def __init__(self, text: str, box_a: tuple[float, float, float, float], box_b: tuple[float, float, float, float],
                 start: int, end: int, first: int, last: int) -> None:
        self.text = text
        self.x0, self.top, _, self.bottom = box_a
        self.x1 = box_b[2]
        self.top = min(self.top, box_b[1])
        self.bottom = max(self.bottom, box_b[3])
        self.size = box_a[3] - box_a[1]
        self.start, self.end = start, end  # text indices [start, end)
        self.first, self.last = first, last  # character indices of the two ends


def runs(page: TextPage, text: str) -> list[_Run]:
    runs: list[_Run] = []
    for m in _RUN.finditer(text):
        a, b = m.start(), m.end()
        ca, cb = page.char(a), page.char(b - 1)
        if ca < 0 or cb < 0:
            continue
        box_a, box_b = page.box(ca), page.box(cb)
        size = box_a[3] - box_a[1]
        if size <= 0.5:
            continue  # no usable geometry (an empty font): nothing to place
        if abs(box_a[3] - box_b[3]) <= 0.5 * size and box_b[2] >= box_a[0]:
            runs.append(_Run(m.group(), box_a, box_b, a, b, ca, cb))
            continue
        runs.extend(_split_run(page, text, a, b))
    return runs


def _split_run(page: TextPage, text: str, a: int, b: int) -> list[_Run]:
    """A run that PDFium did not break but that crosses lines: cut it where the baseline moves."""
    out: list[_Run] = []
    start = a
    prev: tuple[float, float, float, float] | None = None
    boxes = [page.box(page.char(i)) for i in range(a, b)]
    for k in range(a, b + 1):
        box = boxes[k - a] if k < b else None
        if prev is not None and (
            box is None or abs(box[3] - prev[3]) > 0.5 * (prev[3] - prev[1]) or box[0] < prev[0] - 1
        ):
            first = boxes[start - a]
            if first[3] - first[1] > 0.5:
                out.append(_Run(text[start:k], first, prev, start, k, page.char(start), page.char(k - 1)))
            start = k
        prev = box
    return out


def page_lines(page: TextPage, runs: list[_Run], text: str, number: int) -> list[Line]:
    """Runs on one baseline, close together, make a line."""
    runs.sort(key=lambda r: (r.top + r.bottom) / 2)
    rows: list[list[_Run]] = []
    row_mid = 0.0
    row_size = 0.0
    for r in runs:
        mid = (r.top + r.bottom) / 2
        if rows and abs(mid - row_mid) <= 0.35 * min(r.size, row_size):
            rows[-1].append(r)
            continue
        rows.append([r])
        row_mid, row_size = mid, r.size
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda r: r.x0)
        group = [row[0]]
        for r in row[1:]:
            if _same_line(page, text, group[-1], r):
                group.append(r)
            else:
                lines.append(_line(page, text, group, number))
                group = [r]
        lines.append(_line(page, text, group, number))
    return lines


def _same_line(page: TextPage, text: str, a: _Run, b: _Run) -> bool:
    size = max(a.size, b.size)
    gap = b.x0 - a.x1
    if gap <= 0.6 * size:
        return True
    if gap > 3 * size:
        return False
    # Typed white space (an ideographic space between a byline's fields) is
    # text, not a gutter: PDFium marks the spaces it made up itself.
    between = range(a.end, b.start) if b.start > a.end else range(0)
    if not between or len(between) > 4 or not text[a.end : b.start].isspace() or "\n" in text[a.end : b.start]:
        return False
    return any(not page.generated(i) for i in between)


def _line(page: TextPage, text: str, group: list[_Run], number: int) -> Line:
    if len(group) == 1:  # most lines of Chinese text: one run
        r = group[0]
        return Line(pdf_layout.line_text(r.text), r.x0, r.top, r.x1, r.bottom, r.size, number, first=r.first)
    pieces = [group[0].text]
    for a, b in pairwise(group):
        gap = b.x0 - a.x1
        between = text[a.end : b.start] if b.start > a.end else ""
        # A space typed in the text stays ("本报记者 林晓峰"); one PDFium made up
        # at a gap stays only between Latin words or across a wide gap.
        typed = (
            bool(between)
            and between.isspace()
            and len(between) <= 4
            and any(not page.generated(i) for i in range(a.end, b.start))
        )
        cjk = bool(pdf_layout._CJK_CHAR.match(a.text[-1]) and pdf_layout._CJK_CHAR.match(b.text[0]))
        pieces.append(" " if typed or (gap > 0.1 * a.size and (not cjk or gap > 0.3 * a.size)) else "")
        pieces.append(b.text)
    weights: dict[float, int] = {}
    for r in group:
        weights[r.size] = weights.get(r.size, 0) + len(r.text)
    size = max(weights, key=lambda s: weights[s])
    return Line(
        text=pdf_layout.line_text("".join(pieces)),
        x0=group[0].x0,
        top=min(r.top for r in group),
        x1=group[-1].x1,
        bottom=max(r.bottom for r in group),
        size=size,
        page=number,
        first=group[0].first,
    )


def mark_bold(page: TextPage, lines: list[Line]) -> None:
    """Bold means bolder than the page's text: asked only of lines that could be headings."""
    if not lines:
        return
    body = max(lines, key=lambda ln: len(ln.text))
    if page.bold(body.first):
        return  # the text itself is bold: bold marks nothing
    for ln in lines:
        if len(ln.text) <= rules.HEAD_MAX and not _CLAUSE.search(ln.text):
            ln.bold = page.bold(ln.first)


def pictures(raw: ModuleType, page: PdfHandle, top: float) -> list[Box]:
    """Boxes of the images on a page (and of forms that hold one), top-down."""
    out: list[Box] = []
    n = min(int(raw.FPDFPage_CountObjects(page)), MAX_OBJECTS)
    left, bottom, right, top_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for i in range(n):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = min(int(raw.FPDFFormObj_CountObjects(obj)), 64)
            kinds = (raw.FPDFPageObj_GetType(raw.FPDFFormObj_GetObject(obj, j)) for j in range(inner))
            if raw.FPDF_PAGEOBJ_IMAGE not in kinds:
                continue
        elif kind != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        box = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top_))
        found = raw.FPDFPageObj_GetBounds(obj, *box)
        if found:
            out.append((left.value, top - top_.value, right.value, top - bottom.value))
    return out
