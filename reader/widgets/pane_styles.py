"""How the reading pane looks: component classes, default CSS, and the rich styles made from them.

Colours come from the theme's variables, so a theme change restyles the text
(the pane drops its strip cache and its :class:`PaneStyles` on style updates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.color import Color as RichColor
from rich.color import ColorParseError
from rich.style import Style
from textual.color import Color

from annotations.colors import COLOR_TABLE
from corpus.model import Span
from corpus.text.highlight import PRIORITY

#: Layer kinds drawn by their own rules below (keyword intensity, watch colours, note colours).
BUILT_IN_KINDS = frozenset({"keyword", "watch", "annotation", "search", "selection"})

COMPONENT_CLASSES: set[str] = {
    "reading-pane--title",
    "reading-pane--heading",
    "reading-pane--byline",
    "reading-pane--furniture",
    "reading-pane--meta",
    "reading-pane--rule",
    "reading-pane--keyword",
    "reading-pane--watch",
    "reading-pane--search",
    "reading-pane--glossary",
    "reading-pane--lookup",
    "reading-pane--selection",
    "reading-pane--cursor",
    "reading-pane--prompt",
}

DEFAULT_CSS = """
ReadingPane {
    scrollbar-gutter: stable;
    overflow-x: hidden;
    background: $surface;
    color: $foreground;
}
ReadingPane:focus { background-tint: $foreground 3%; }
ReadingPane > .reading-pane--title { text-style: bold; color: $text-primary; }
ReadingPane > .reading-pane--heading { text-style: bold; color: $text-accent; }
ReadingPane > .reading-pane--byline { text-style: italic; color: $text-muted; }
ReadingPane > .reading-pane--furniture { color: $text-disabled; }
ReadingPane > .reading-pane--meta { text-style: italic; color: $text-muted; }
ReadingPane > .reading-pane--rule { color: $primary-muted; }
ReadingPane > .reading-pane--keyword { color: $text-warning; }
ReadingPane > .reading-pane--watch { color: $text-error; text-style: bold underline; }
ReadingPane > .reading-pane--search { background: $warning; color: $background; }
ReadingPane > .reading-pane--glossary { text-style: underline; color: $text-success; }
ReadingPane > .reading-pane--lookup { background: $accent; color: $background; }
ReadingPane > .reading-pane--selection { text-style: reverse; }
ReadingPane > .reading-pane--cursor { text-style: reverse; }
ReadingPane > .reading-pane--prompt { background: $panel; color: $foreground; }
"""


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
    annotations: list[Style]  # note colours in COLOR_TABLE order (index 0 = colour 1)
    prompt: Style
    #: Styles of further layer kinds: ``reading-pane--KIND`` for each kind of
    #: :data:`corpus.text.highlight.PRIORITY` that has such a component class.
    other_kinds: dict[str, Style] = field(default_factory=dict)
    _cache: dict[tuple[str, object], Style] = field(default_factory=dict)

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
        # Any other layer (a glossary, page markers): its own component class, if declared.
        return self.other_kinds.get(kind, Style())


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
        annotations=[note_background(base, color.terminal) for color in COLOR_TABLE.values()],
        prompt=partial("prompt"),
        other_kinds={
            kind: partial(kind)
            for kind in PRIORITY
            if kind not in BUILT_IN_KINDS and f"reading-pane--{kind}" in COMPONENT_CLASSES
        },
    )


#: How much of a note's colour shows over the pane's background (the text stays readable).
NOTE_TINT = 0.35


def note_background(base: Style, colour: str) -> Style:
    """A note's background in the pane: its colour from the one colour table, tinted into the theme's."""
    tint = Color.parse(colour)
    if base.bgcolor is None or base.bgcolor.is_default:
        return Style(bgcolor=tint.rich_color)
    return Style(bgcolor=Color.from_rich_color(base.bgcolor).blend(tint, NOTE_TINT).rich_color)


def annotation_colour(span: Span) -> int:
    """Colour number carried by an annotation span's data (1 if absent or unknown).

    ``data`` is ``(colour, note id)`` as :meth:`~reader.notes_session.NotesSession.spans`
    makes it, or the number itself.
    """
    data = span.data
    if isinstance(data, tuple) and data:
        data = data[0]
    return data if isinstance(data, int) and data in COLOR_TABLE else 1
