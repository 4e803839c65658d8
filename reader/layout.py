"""Text layout for the reading pane: wrap a document into visual lines.

Pure Python (no textual). Every visual line maps back to a character range
``(start, end)`` of ``Document.text`` so the reading position, the cursor and
every highlight stay character offsets; cells are only counted here.

Wrapping follows terminal cell widths (CJK = 2 cells, via rich's width table)
and the Chinese line-breaking rules (kinsoku): no line starts with closing
punctuation such as ``，。）》」`` and none ends with an opening one such as
``（《「``; a Latin word that fits on a line is not split.

Speed matters (a 1 MB document must open without a pause), so a block is
wrapped by bisecting a prefix sum of cell widths instead of measuring line
candidates character by character.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from rich.cells import get_character_cell_size

#: Characters that must not begin a line (closing punctuation, pauses).
NO_START = frozenset("，。、；：？！）》」』”’…—〕〉】｝〗〙〛・·％‰" ",.;:?!)]}%")
#: Characters that must not end a line (opening punctuation).
NO_END = frozenset("（《「『“‘〔〈【｛〖〘〚" "([{")


class _WidthTable(dict[str, int]):
    """Character → cell width, filled on first sight (map() over str is fast)."""

    def __missing__(self, char: str) -> int:
        code = ord(char)
        # Control characters are drawn as a space.
        width = 1 if code < 32 or 0x7F <= code < 0xA0 else get_character_cell_size(char)
        self[char] = width
        return width


WIDTHS = _WidthTable()


def char_width(char: str) -> int:
    """Cells taken by one character as the pane draws it."""
    return WIDTHS[char]


def text_width(text: str) -> int:
    """Cells taken by ``text`` as the pane draws it (sum of character widths)."""
    return sum(map(WIDTHS.__getitem__, text))


def _is_word_char(char: str) -> bool:
    # Latin letters and digits (ASCII and Latin-1/extended) glue into one unit.
    return (char.isascii() and char.isalnum()) or ("\u00c0" <= char <= "\u024f")


#: Asked between windows of a long line and every few thousand lines of a document: True stops
#: the wrapping with ``InterruptedError`` (a thread cannot be stopped from outside, so the app's
#: exit would otherwise wait for a huge document's layout).
Cancelled = Callable[[], bool]
#: Lines laid out between two ``cancelled()`` checks.
CHECK_LINES = 4096


def wrap_range(text: str, width: int, start: int = 0, end: int | None = None,
               cancelled: Cancelled | None = None) -> list[tuple[int, int]]:
    """Wrap ``text[start:end]`` (no newlines inside) into ``(start, end)`` line ranges.

    Ranges are contiguous and cover the whole input. Spaces at a break hang at
    the end of the line (they are not counted against ``width``). A line is
    wider than ``width`` only when it holds a single unbreakable unit.
    """
    if end is None:
        end = len(text)
    width = max(1, width)
    if start >= end:
        return [(start, start)]
    if 2 * (end - start) <= width:
        return [(start, end)]  # fits even if every character is wide: skip measuring
    if end - start > WINDOW:
        return _wrap_windows(text, width, start, end, cancelled)
    return _wrap_measured(text, width, start, end)


def _wrap_measured(text: str, width: int, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`wrap_range` by a prefix sum of the cell widths of ``text[start:end]``."""
    if 2 * (end - start) <= width:
        return [(start, end)]
    segment = text[start:end]
    # An array, not a list: 4 bytes a character rather than 36, so a 15-million-character
    # line (one block of a 45 MB file) lays out in tens of megabytes, not gigabytes.
    prefix = array("I", (0,))
    prefix.extend(accumulate(map(WIDTHS.__getitem__, segment)))
    total = prefix[-1]
    n = end - start
    lines: list[tuple[int, int]] = []
    s = 0
    while s < n:
        if total - prefix[s] <= width:
            lines.append((start + s, end))
            break
        b = bisect_right(prefix, prefix[s] + width, s + 1) - 1
        if b <= s:
            b = s + 1  # a single character wider than the line
        b = _adjust_break(segment, s, b)
        # Hang spaces on this line so the next one does not start with a gap.
        while b < n and segment[b] == " ":
            b += 1
        lines.append((start + s, start + b))
        s = b
    return lines


#: A line longer than this many characters is measured a window at a time (bounded memory).
WINDOW = 1 << 18


def _wrap_windows(text: str, width: int, start: int, end: int,
                  cancelled: Cancelled | None = None) -> list[tuple[int, int]]:
    """:func:`wrap_range` of a very long line, one window of characters at a time.

    Every line of a window but its last is exactly what wrapping the whole line
    gives (a break looks one character ahead, and that character is inside the
    window); the last may be cut by the window's edge, so the next window starts
    where that line starts. Memory is one window's widths, not the line's.
    """
    lines: list[tuple[int, int]] = []
    base = max(WINDOW, 8 * width)
    span, pos = base, start
    while pos < end:
        if cancelled is not None and cancelled():
            raise InterruptedError("cancelled")
        stop = min(pos + span, end)
        piece = _wrap_measured(text, width, pos, stop)
        if stop == end:
            lines.extend(piece)
            break
        if len(piece) < 2:  # one unbreakable unit longer than the window: widen it
            span *= 2
            continue
        lines.extend(piece[:-1])
        span, pos = base, piece[-1][0]
    return lines


def _adjust_break(segment: str, s: int, b: int) -> int:
    """Move a break at ``b`` (line = segment[s:b]) back to respect kinsoku and words."""
    n = len(segment)
    if b >= n:
        return b
    original = b
    for _ in range(8):  # each pass only moves left; a few passes settle it
        moved = False
        # Do not split a Latin word or number that could fit on a line.
        if _is_word_char(segment[b - 1]) and _is_word_char(segment[b]) and segment[b] != " ":
            w = b - 1
            while w > s and _is_word_char(segment[w - 1]):
                w -= 1
            if w > s:
                b = w
                moved = True
            else:
                break  # the word alone is longer than the line: split it
        # Kinsoku: the next line must not start with closing punctuation and
        # this one must not end with opening punctuation.
        while b > s + 1 and (segment[b] in NO_START or segment[b - 1] in NO_END):
            b -= 1
            moved = True
        if segment[b] in NO_START or segment[b - 1] in NO_END:
            return original  # nothing satisfies the rules: keep the plain break
        if not moved:
            break
    return b if b > s else original


def wrap_text(text: str, width: int) -> list[tuple[int, int]]:
    """Wrap ``text`` honouring hard newlines; newline characters are in no range."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        lines.extend(wrap_range(text, width, pos, pos + len(part)))
        pos += len(part) + 1
    return lines


# --------------------------------------------------------------------------- #
# Document layout


#: Kinds of visual line. Text lines map to ``text[start:end]``; the others are
#: virtual (blank separators, the metadata header) and map to an empty range.
TEXT, BLANK, HEADER_TITLE, HEADER_META, RULE = "text", "blank", "header-title", "header-meta", "rule"


class VisualLine(NamedTuple):
    """One row of the pane: ``text[start:end]`` of block ``block``, or a virtual row.

    A tuple rather than a dataclass: a 1 MB document has tens of thousands of
    rows and tuple construction is several times cheaper.
    """

    start: int
    end: int
    block: int  # index into Document.blocks; -1 for virtual rows
    kind: str = TEXT
    virtual: str = ""  # the text of a virtual row (header)


@dataclass(slots=True)
class DocumentLayout:
    """All visual lines of a document at one width, with offset → line lookup."""

    width: int
    lines: list[VisualLine]
    text_rows: list[int] = field(default_factory=list)  # indices of text lines
    text_starts: list[int] = field(default_factory=list)  # their start offsets

    def __post_init__(self) -> None:
        self.text_rows = [i for i, line in enumerate(self.lines) if line.kind == TEXT]
        self.text_starts = [self.lines[i].start for i in self.text_rows]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """Index of the text line holding ``offset`` (the one before a gap, or the first)."""
        if not self.text_rows:
            return 0
        i = bisect_right(self.text_starts, offset) - 1
        return self.text_rows[max(i, 0)]

    def text_line_at_or_after(self, index: int) -> int | None:
        """First text line with index >= ``index``."""
        i = bisect_left(self.text_rows, index)
        return self.text_rows[i] if i < len(self.text_rows) else None

    def text_line_at_or_before(self, index: int) -> int | None:
        """Last text line with index <= ``index``."""
        i = bisect_right(self.text_rows, index) - 1
        return self.text_rows[i] if i >= 0 else None

    def offset_at(self, row: int, col: int, text: str) -> int | None:
        """The character of ``text`` drawn at ``col`` cells into ``row`` (a row that is not
        text means the nearest text row below, else the last); None with no text rows."""
        if not self.text_rows:
            return None
        row = min(max(row, 0), len(self.lines) - 1)
        if self.lines[row].kind != TEXT:
            nearer = self.text_line_at_or_after(row)
            row = nearer if nearer is not None else self.text_rows[-1]
        line = self.lines[row]
        pos, cells = line.start, 0
        while pos < line.end - 1 and cells + char_width(text[pos]) <= col:
            cells += char_width(text[pos])
            pos += 1
        return pos


def header_lines(title: str, meta: Sequence[str], width: int, *, with_title: bool) -> list[VisualLine]:
    """Virtual rows on top of the document: title (if not in the text), metadata, a rule."""
    rows: list[VisualLine] = []
    if with_title and title:
        for a, b in wrap_text(title, width):
            rows.append(VisualLine(0, 0, -1, HEADER_TITLE, title[a:b]))
    line = " · ".join(part for part in meta if part)
    if line:
        for a, b in wrap_text(line, width):
            rows.append(VisualLine(0, 0, -1, HEADER_META, line[a:b]))
    if rows:
        rows.append(VisualLine(0, 0, -1, RULE, ""))
        rows.append(VisualLine(0, 0, -1, BLANK, ""))
    return rows


def layout_document(
    text: str,
    blocks: Iterable[tuple[int, int]],
    width: int,
    header: Sequence[VisualLine] = (),
    *,
    header_after_first: bool = False,
    only: tuple[int, int] | None = None,
    breaks: Sequence[int] = (),
    cancelled: Cancelled | None = None,
) -> DocumentLayout:
    """Wrap every block (``(start, end)`` ranges of ``text``) with a blank row between blocks.

    ``breaks`` (sorted offsets) end a row inside a block and put a blank row there: a
    page of a PDF that starts inside a paragraph (the row is drawn as the page break).

    ``header`` rows go on top, or right after the first block when that block
    is the document's own title (``header_after_first``). ``only`` = ``(i, j)``
    wraps just blocks ``i..j-1`` (a quick first screen of a huge document);
    rows keep the blocks' real indices. ``cancelled()`` returning True stops
    the work with ``InterruptedError`` (checked every :data:`CHECK_LINES` lines).
    """
    first, last = only if only is not None else (0, None)
    spans = [(i, s, e) for i, (s, e) in enumerate(blocks) if e > s and i >= first and (last is None or i < last)]
    if first > 0:
        header = ()
    lines: list[VisualLine] = []
    checked = 0

    def add_header(at: int) -> None:
        # Virtual rows point at the next text offset so position lookups work.
        lines.extend(VisualLine(at, at, -1, row.kind, row.virtual) for row in header)

    if header and not (header_after_first and spans):
        add_header(spans[0][1] if spans else 0)
    for n, (index, start, end) in enumerate(spans):
        if n and not (n == 1 and header_after_first and header):
            lines.append(VisualLine(start, start, -1, BLANK))
        pos = start
        while True:  # the block's lines between newlines (no copy of the block: it can be 45 MB)
            stop = text.find("\n", pos, end)
            stop = end if stop < 0 else stop
            piece = pos
            for cut in breaks[bisect_right(breaks, pos) : bisect_left(breaks, stop)]:
                lines.extend(VisualLine(a, b, index) for a, b in wrap_range(text, width, piece, cut, cancelled))
                lines.append(VisualLine(cut, cut, -1, BLANK))
                piece = cut
            for a, b in wrap_range(text, width, piece, stop, cancelled):
                lines.append(VisualLine(a, b, index))
            if cancelled is not None and len(lines) - checked >= CHECK_LINES:
                checked = len(lines)
                if cancelled():
                    raise InterruptedError("cancelled")
            if stop >= end:
                break
            pos = stop + 1
        if n == 0 and header_after_first and header:
            nxt = spans[1][1] if len(spans) > 1 else end
            add_header(nxt)
    if not lines:
        lines.append(VisualLine(0, 0, -1, BLANK))
    return DocumentLayout(width, lines)
