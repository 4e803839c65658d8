"""PDF lines and pages as measured, and their reading order.

:class:`Line` and :class:`Page` are plain values (:mod:`corpus.ingest.pdf_text` measures
them with PDFium). :func:`reading_order` finds the columns by recursive cuts along the
white space (an X-Y cut): a full-width title above two columns reads title, left column,
right column; horizontal slices that share a gutter are read as one set of columns, so
lines printed on a common grid are not interleaved. :mod:`corpus.ingest.pdf_layout`
makes paragraphs and types from what this module orders.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points, y grows downwards)

#: Type size relative to the body size: at least this is a title …
TITLE_RATIO = 1.5
#: Above this many lines on a page, skip the column analysis (top to bottom, left to right).
MAX_LAYOUT_LINES = 3000


@dataclass(slots=True)
class Line:
    """One line of text as printed: a run of text on one baseline, within one column."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # type size (em) in points
    page: int  # 1-based
    bold: bool = False  # set in a bolder face than the page's text (asked only of possible headings)
    first: int = -1  # PDFium's index of its first character on the page

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    pictures: list[Box] = field(default_factory=list)  # images on the page (captions sit beside them)


# ---- sizes ------------------------------------------------------------------


def body_size(pages: list[Page]) -> float:
    """The type size most of the text is set in (by characters)."""
    count: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            count[round(line.size * 2) / 2] += len(line.text)
    return count.most_common(1)[0][0] if count else 10.0


# ---- reading order ------------------------------------------------------------


def _x_gaps(lines: list[Line], min_gap: float) -> list[float]:
    """x positions of vertical white space between lines (cut points), left to right."""
    spans = sorted((ln.x0, ln.x1) for ln in lines)
    cuts: list[float] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_gap:
            cuts.append((reach + x0) / 2)
        reach = max(reach, x1)
    return cuts


def _y_slices(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into horizontal slices separated by white space across the region."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    slices: list[list[Line]] = [[ordered[0]]]
    reach = ordered[0].bottom
    for ln in ordered[1:]:
        # A hair of overlap (descenders, tight leading) still separates two lines.
        if ln.top >= reach - 0.15 * min(ln.size, slices[-1][-1].size):
            slices.append([ln])
        else:
            slices[-1].append(ln)
        reach = max(reach, ln.bottom) if ln.top < reach else ln.bottom
    return slices


def _gutter(size: float) -> float:
    return 0.8 * size


def reading_order(lines: list[Line], body: float) -> list[list[Line]]:
    """Columns of the page in reading order, each top to bottom."""
    if not lines:
        return []
    if len(lines) > MAX_LAYOUT_LINES:
        return [sorted(lines, key=lambda ln: (round(ln.top), ln.x0))]
    out: list[list[Line]] = []
    _cut(lines, body, out, 0)
    return out


def _split_at(lines: list[Line], cuts: list[float]) -> list[list[Line]]:
    groups: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    for ln in lines:
        k = 0
        while k < len(cuts) and ln.x0 > cuts[k]:
            k += 1
        groups[k].append(ln)
    return [g for g in groups if g]


def _cut(lines: list[Line], body: float, out: list[list[Line]], depth: int) -> None:
    gutter = _gutter(body)
    if len(lines) == 1 or depth > 60:
        out.append(sorted(lines, key=lambda ln: (ln.top, ln.x0)))
        return
    cuts = _x_gaps(lines, gutter)
    if cuts:
        for group in _split_at(lines, cuts):
            _cut(group, body, out, depth + 1)
        return
    slices = _y_slices(lines)
    if len(slices) == 1:
        out.append(sorted(lines, key=lambda ln: (ln.top, ln.x0)))  # one row of touching lines
        return
    # Consecutive slices that together still have a gutter are one set of
    # columns (their lines sit on a common grid); a slice that crosses the
    # gutter (a full-width title) or holds a title (the next article, even
    # one column wide) starts a new group.
    groups: list[list[Line]] = [slices[0]]
    for sl in slices[1:]:
        merged = groups[-1] + sl
        if not any(ln.size >= TITLE_RATIO * body for ln in sl) and _x_gaps(merged, gutter):
            groups[-1] = merged
        else:
            groups.append(sl)
    # Runs of slices without a gutter are one column (a title, a byline, a
    # full-width paragraph); only the groups with columns are cut again.
    pending: list[Line] = []
    for group in groups:
        if len(group) > 1 and _x_gaps(group, gutter):
            if pending:
                out.append(pending)
                pending = []
            _cut(group, body, out, depth + 1)
        else:
            pending.extend(group)
    if pending:
        out.append(pending)
