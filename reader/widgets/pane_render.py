"""Drawing for the reading pane: one visual line → ``Strip``.

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
from textual.strip import Strip

from corpus.model import Span

from ..layout import BLANK, HEADER_TITLE, RULE, TEXT, VisualLine
from .pane_layers import LAYER_ORDER, Layer
from .pane_styles import PaneStyles, annotation_colour

#: Characters that must not reach the terminal as-is (the text is sanitised
#: upstream; this is the last line of defence): C0/C1 controls become spaces.
_CONTROL = dict.fromkeys([*range(32), *range(127, 160)], " ")

ANNOTATION_MARK = "▌"
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

