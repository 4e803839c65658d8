"""Drawing for the reading pane: one visual line → ``Strip``, and the strips it keeps.

:class:`LineDrawer` draws a row of a :class:`~reader.layout.DocumentLayout`
from a :class:`~reader.widgets.pane_state.PaneState` and keeps the strips in
an LRU cache (a text row's key has the cursor and the selection inside it).
A paged document (PDF) gets a page break on the separator row before the
first block of each new page: a dotted rule ending in ``p. N``.

Text is untrusted, so nothing here parses markup: characters go straight into
rich ``Segment``s. Highlight layers are composed per character range in
priority order (keyword < watch < annotation < search < selection), so a
higher layer wins where styles conflict but a keyword keeps its colour on an
annotation's background.
"""

from __future__ import annotations

import itertools

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from corpus.model import Span

from ..layout import BLANK, HEADER_TITLE, RULE, TEXT, DocumentLayout, VisualLine
from .pane_layers import LAYER_ORDER, Layer
from .pane_state import PaneState
from .pane_styles import PaneStyles, annotation_colour

#: Characters that must not reach the terminal as-is (the text is sanitised
#: upstream; this is the last line of defence): C0/C1 controls become spaces.
_CONTROL = dict.fromkeys([*range(32), *range(127, 160)], " ")

ANNOTATION_MARK = "▌"
PAGE_RULE = "┄"
_CURSOR_IN_SELECTION = Style(reverse=False, underline=True, bold=True)
MARGIN = 2  # cells left of the text: the annotation marker and a space


def render_text_line(
    text: str,
    line: VisualLine,
    block_type: str,
    layers: dict[str, Layer],
    styles: PaneStyles,
    cursor: int | None,
    selection: tuple[int, int] | None,
    left: int,
    width: int,
) -> Strip:
    """Draw ``text[line.start:line.end]`` with its highlights, ``left`` cells in."""
    base = styles.base
    block_style = base + styles.blocks.get(block_type, Style())
    start, end = line.start, line.end
    cuts = {start, end}
    active: list[tuple[str, list[Span]]] = []
    marker: Style | None = None
    for kind in LAYER_ORDER:
        layer = layers.get(kind)
        if layer is None:
            continue
        spans = layer.overlapping(start, end)
        if not spans:
            continue
        active.append((kind, spans))
        for span in spans:
            cuts.add(max(span.start, start))
            cuts.add(min(span.end, end))
        if kind == "annotation":
            marker = Style(color=styles.annotation_style(annotation_colour(spans[0])).bgcolor)
    if selection is not None:
        cuts.add(min(max(selection[0], start), end))
        cuts.add(min(max(selection[1], start), end))
    if cursor is not None and start <= cursor < end:
        cuts.add(cursor)
        cuts.add(cursor + 1)
    points = sorted(cuts)
    lead = max(0, left - MARGIN)
    segments: list[Segment] = [
        Segment(" " * lead, base),
        Segment(ANNOTATION_MARK, base + marker) if marker is not None else Segment(" ", base),
        Segment(" " * (left - lead - 1), base),
    ]
    segments = [seg for seg in segments if seg.text]
    for a, b in itertools.pairwise(points):
        if b <= a:
            continue
        style = block_style
        for _kind, spans in active:
            for span in spans:
                if span.start <= a < span.end:
                    style = style + styles.span_style(span)
                    break
        selected = selection is not None and selection[0] <= a < selection[1]
        if selected:
            style = style + styles.selection
        if cursor is not None and a == cursor:
            # inside a (reverse) selection the cursor shows as a hole, underlined
            style = style + (_CURSOR_IN_SELECTION if selected else styles.cursor)
        segments.append(Segment(text[a:b].translate(_CONTROL), style))
    return Strip(segments).crop_extend(0, width, base)


def render_virtual_line(line: VisualLine, styles: PaneStyles, left: int, measure: int, width: int) -> Strip:
    """Draw a header, rule or blank row."""
    base = styles.base
    if line.kind == BLANK or line.kind == TEXT:
        return Strip.blank(width, base)
    if line.kind == RULE:
        segments = [Segment(" " * left, base), Segment("─" * measure, base + styles.rule)]
    else:
        style = styles.header_title if line.kind == HEADER_TITLE else styles.header_meta
        segments = [Segment(" " * left, base), Segment(line.virtual.translate(_CONTROL), base + style)]
    return Strip(segments).crop_extend(0, width, base)


def render_prompt(prefix: str, query: str, hint: str, styles: PaneStyles, width: int) -> Strip:
    """The bottom-row prompt: ``/query`` with a block cursor, then a dim hint."""
    style = styles.base + styles.prompt
    segments = [
        Segment(prefix, style),
        Segment(query.translate(_CONTROL), style),
        Segment(" ", style + styles.cursor),
        Segment(hint, style + Style(dim=True)),
    ]
    return Strip(segments).crop_extend(0, width, style)



def render_page_break(page: int, styles: PaneStyles, left: int, measure: int, width: int) -> Strip:
    """The separator row before a new page's first block: ``┄┄┄┄ p. 2``."""
    base = styles.base
    label = f" p. {page}"
    rule = PAGE_RULE * max(0, measure - len(label)) + label
    segments = [Segment(" " * left, base), Segment(rule, base + styles.rule)]
    return Strip(segments).crop_extend(0, width, base)


#: Strip cache key: (row, width) for other rows, plus cursor and selection clip for text rows.
LineKey = tuple[int, int] | tuple[int, int, int | None, tuple[int, int] | None]


class LineDrawer:
    """The pane's rows as strips, cached until the text, the layers or the styles change."""

    def __init__(self) -> None:
        self.styles: PaneStyles | None = None
        self._cache: LRUCache[LineKey, Strip] = LRUCache(1024)

    def clear(self) -> None:
        """Draw every row again (new layout, layers, width or text)."""
        self._cache.clear()

    def restyle(self) -> None:
        """The theme or the CSS changed: resolve the styles again, draw every row again."""
        self.styles = None
        self._cache.clear()

    def line(self, layout: DocumentLayout, row: int, state: PaneState, left: int, width: int) -> Strip:
        """Row ``row`` of ``layout`` (the document is ``state.document``), ``left`` cells in."""
        styles, doc = self.styles, state.document
        assert styles is not None and doc is not None, "styles are resolved and a document loaded before drawing"
        line = layout.lines[row]
        cursor: int | None = None
        clip: tuple[int, int] | None = None
        key: LineKey
        if line.kind != TEXT:
            key = (row, width)
        else:
            cursor = state.cursor if line.start <= state.cursor < line.end else None
            sel = state.selection
            if sel is not None and sel[0] < line.end and sel[1] > line.start:
                clip = (max(sel[0], line.start), min(sel[1], line.end))
            key = (row, width, cursor, clip)
        strip = self._cache.get(key)
        if strip is not None:
            return strip
        if line.kind == BLANK and line.start in state.page_starts:
            strip = render_page_break(state.page_starts[line.start], styles, left, layout.width, width)
        elif line.kind != TEXT:
            strip = render_virtual_line(line, styles, left, layout.width, width)
        else:
            btype = doc.blocks[line.block].type if 0 <= line.block < len(doc.blocks) else "paragraph"
            drawn = state.display_text or doc.text  # the other script, when shown (same offsets)
            strip = render_text_line(drawn, line, btype, state.layers, styles, cursor, clip, left, width)
        self._cache[key] = strip
        return strip
