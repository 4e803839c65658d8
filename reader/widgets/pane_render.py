"""Drawing for the reading pane: highlight layers and one visual line → ``Strip``.

Kept apart from the widget so the widget file holds keys and state only. Text
is untrusted, so nothing here parses markup: characters go straight into
rich ``Segment``s. Highlight layers are composed per character range in
priority order (keyword < watch < annotation < search < selection), so a
higher layer wins where styles conflict but a keyword keeps its colour on an
annotation's background.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rich.color import Color as RichColor
from rich.color import ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip

from corpus.model import Span

from ..layout import BLANK, HEADER_TITLE, RULE, TEXT, VisualLine

from corpus.text.highlight import PRIORITY as _PRIORITY

#: Layer kinds from lowest to highest priority (drawn in this order); the
#: selection is drawn last by the renderer itself.
LAYER_ORDER: tuple[str, ...] = tuple(
    k for k in sorted(_PRIORITY, key=lambda kind: _PRIORITY[kind]) if k != "selection"
)

#: Characters that must not reach the terminal as-is (the text is sanitised
#: upstream; this is the last line of defence): C0/C1 controls become spaces.
_CONTROL = {c: " " for c in [*range(0, 32), *range(0x7F, 0xA0)]}

ANNOTATION_MARK = "▌"
_CURSOR_IN_SELECTION = Style(reverse=False, underline=True, bold=True)
MARGIN = 2  # cells left of the text: the annotation marker and a space


def flatten_layer(spans: Iterable[Span]) -> list[Span]:
    """Make one layer's spans non-overlapping; where they overlap the heavier one wins."""
    items = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end))
    if not items:
        return []
    cuts = sorted({p for s in items for p in (s.start, s.end)})
    out: list[Span] = []
    active: list[Span] = []
    i = 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(items) and items[i].start <= a:
            active.append(items[i])
            i += 1
        active = [s for s in active if s.end > a]
        if not active:
            continue
        best = max(active, key=lambda s: s.weight)
        if out and out[-1].end == a and out[-1].weight == best.weight and out[-1].data == best.data:
            prev = out[-1]
            out[-1] = Span(prev.start, b, prev.kind, prev.weight, prev.data)
        else:
            out.append(Span(a, b, best.kind, best.weight, best.data))
    return out


@dataclass(slots=True)
class Layer:
    """Non-overlapping spans of one kind with a bisectable end list."""

    spans: list[Span] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, spans: Iterable[Span]) -> "Layer":
        flat = flatten_layer(spans)
        return cls(flat, [s.end for s in flat])

    def overlapping(self, start: int, end: int) -> list[Span]:
        i = bisect_right(self.ends, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            out.append(self.spans[i])
            i += 1
        return out


@dataclass(slots=True)
class PaneStyles:
    """Rich styles resolved from the widget's component classes (theme aware)."""

    base: Style
    blocks: dict[str, Style]  # block type → partial style
    header_title: Style
    header_meta: Style
    rule: Style
    keyword: Style
    watch: Style
    search: Style
    selection: Style
    cursor: Style
    annotations: list[Style]  # colours 1..6 (index 0 = colour 1)
    prompt: Style
    _cache: dict = field(default_factory=dict)

    def keyword_style(self, weight: float) -> Style:
        """Stronger colour (and bold from 0.5) as the keyword weight grows."""
        level = max(0, min(3, int(weight * 4)))  # 4 steps are enough to see
        key = ("kw", level)
        style = self._cache.get(key)
        if style is None:
            base_fg = self.base.color or RichColor.parse("default")
            target = self.keyword.color
            if target is None or base_fg.is_default:
                style = self.keyword + Style(bold=level >= 2)
            else:
                mixed = Color.from_rich_color(base_fg).blend(
                    Color.from_rich_color(target), 0.55 + 0.15 * level
                )
                style = Style(color=mixed.rich_color, bold=level >= 2)
            self._cache[key] = style
        return style

    def watch_style(self, colour: object) -> Style:
        key = ("watch", colour)
        style = self._cache.get(key)
        if style is None:
            style = self.watch
            if isinstance(colour, str) and colour:
                try:
                    style = Style(color=RichColor.parse(colour), bold=True, underline=True)
                except ColorParseError:
                    style = self.watch  # a bad colour name in the config: default colour
            self._cache[key] = style
        return style

    def annotation_style(self, colour: int) -> Style:
        return self.annotations[min(max(colour, 1), len(self.annotations)) - 1]

    def span_style(self, span: Span) -> Style:
        kind = span.kind
        if kind == "keyword":
            return self.keyword_style(span.weight)
        if kind == "watch":
            return self.watch_style(span.data)
        if kind == "annotation":
            return self.annotation_style(annotation_colour(span))
        if kind == "search":
            return self.search
        return Style()


def resolve_styles(base: Style, get: Callable[..., Style]) -> PaneStyles:
    """Build ``PaneStyles`` from ``get_component_rich_style`` of the widget."""

    def partial(name: str) -> Style:
        return get(f"reading-pane--{name}", partial=True)

    byline, furniture = partial("byline"), partial("furniture")
    return PaneStyles(
        base=base,
        blocks={
            "title": partial("title"),
            "heading": partial("heading"),
            "byline": byline,
            "caption": byline,
            "source": byline,
            "furniture": furniture,
            "continuation": furniture,
        },
        header_title=partial("title"),
        header_meta=partial("meta"),
        rule=partial("rule"),
        keyword=partial("keyword"),
        watch=partial("watch"),
        search=partial("search"),
        selection=partial("selection"),
        cursor=partial("cursor"),
        annotations=[partial(f"annotation-{i}") for i in range(1, 7)],
        prompt=partial("prompt"),
    )


def annotation_colour(span: Span) -> int:
    """Colour number 1..6 carried by an annotation span's data (1 if absent).

    ``data`` may be the number itself, a mapping with ``"color"`` or an object
    with a ``color`` attribute (an Annotation).
    """
    data = span.data
    if isinstance(data, dict):
        data = data.get("color", 1)
    elif not isinstance(data, int):
        data = getattr(data, "color", 1)
    return data if isinstance(data, int) and 1 <= data <= 6 else 1


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
    for a, b in zip(points, points[1:]):
        if b <= a:
            continue
        style = block_style
        for kind, spans in active:
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

