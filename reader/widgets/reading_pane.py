"""The reading pane: a document drawn with Textual's line API.

``ReadingPane`` is a ``ScrollView``: it wraps the document once per width
(``reader.layout``), draws only the rows on screen (``render_line``) through an
LRU cache of strips, and keeps every position as a character offset of
``Document.text`` so resizing or re-opening lands on the same sentence.

It owns a text cursor (a reverse-video cell) that moves by word, sentence and
paragraph; ``v`` starts a selection that the same motions extend. It talks
upward only by messages (nested classes below); the screen feeds it highlight
layers with ``set_layer`` and jieba tokens with ``set_tokens``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.model import Document, Span

from .. import motions
from ..layout import TEXT, DocumentLayout, header_lines, layout_document
from . import pane_search
from .pane_render import (
    MARGIN,
    Layer,
    PaneStyles,
    render_prompt,
    render_text_line,
    render_virtual_line,
)

#: Widest text column; wider panes centre it (long lines are hard to read).
DEFAULT_MEASURE = 100
#: Rows kept between the cursor and the edge of the view when it moves.
SCROLL_OFF = 2


class ReadingPane(ScrollView, can_focus=True):
    """A document with a cursor, selection, search, marks and highlight layers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Down", id="pane.down", show=False, tooltip="Scroll down one line"),
        Binding("k,up", "scroll_lines(-1)", "Up", id="pane.up", show=False, tooltip="Scroll up one line"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", id="pane.page_down", show=False, tooltip="Scroll down one page"),
        Binding("pageup", "scroll_pages(-1)", "Page up", id="pane.page_up", show=False, tooltip="Scroll up one page"),
        Binding("ctrl+d", "scroll_half(1)", "Half page down", id="pane.half_down", show=False, tooltip="Scroll down half a page"),
        Binding("ctrl+u", "scroll_half(-1)", "Half page up", id="pane.half_up", show=False, tooltip="Scroll up half a page"),
        Binding("g,home", "top", "Top", id="pane.top", show=False, tooltip="Go to the top of the document"),
        Binding("G,end", "bottom", "Bottom", id="pane.bottom", show=False, tooltip="Go to the end of the document"),
        Binding("right_square_bracket", "heading(1)", "Next heading", id="pane.next_heading", show=False, tooltip="Jump to the next heading"),
        Binding("left_square_bracket", "heading(-1)", "Previous heading", id="pane.previous_heading", show=False, tooltip="Jump to the previous heading"),
        Binding("J", "next_document", "Next doc", id="pane.next_document", tooltip="Open the next document"),
        Binding("K", "previous_document", "Prev doc", id="pane.previous_document", show=False, tooltip="Open the previous document"),
        Binding("w", "motion('word_forward')", "Next word", id="pane.word_forward", show=False, tooltip="Cursor to the next word"),
        Binding("b", "motion('word_backward')", "Previous word", id="pane.word_backward", show=False, tooltip="Cursor to the previous word"),
        Binding("e", "motion('word_end')", "Word end", id="pane.word_end", show=False, tooltip="Cursor to the end of the word"),
        Binding("right_parenthesis", "motion('sentence_forward')", "Next sentence", id="pane.sentence_forward", show=False, tooltip="Cursor to the next sentence"),
        Binding("left_parenthesis", "motion('sentence_backward')", "Previous sentence", id="pane.sentence_backward", show=False, tooltip="Cursor to the start of the sentence"),
        Binding("right_curly_bracket", "motion('paragraph_forward')", "Next paragraph", id="pane.paragraph_forward", show=False, tooltip="Cursor to the next paragraph"),
        Binding("left_curly_bracket", "motion('paragraph_backward')", "Previous paragraph", id="pane.paragraph_backward", show=False, tooltip="Cursor to the start of the paragraph"),
        Binding("v", "select", "Select", id="pane.select", tooltip="Start (or end) a selection at the cursor"),
        Binding("escape", "cancel", "Cancel", id="pane.cancel", show=False, tooltip="Cancel the selection or the search highlight"),
        Binding("y", "copy", "Copy", id="pane.copy", tooltip="Copy the selection to the clipboard"),
        Binding("slash", "search", "Find", id="pane.search", tooltip="Search in this document"),
        Binding("n", "search_next(1)", "Next hit", id="pane.search_next", show=False, tooltip="Next search hit"),
        Binding("N", "search_next(-1)", "Previous hit", id="pane.search_previous", show=False, tooltip="Previous search hit"),
        Binding("m", "mark", "Mark", id="pane.mark", show=False, tooltip="Set a mark: m then a letter"),
        Binding("apostrophe", "jump_mark", "Jump to mark", id="pane.jump_mark", show=False, tooltip="Jump to a mark: ' then a letter"),
        Binding("a", "annotate", "Annotate", id="pane.annotate", tooltip="Annotate the selection or the sentence at the cursor"),
        Binding("W", "watch_word", "Watch word", id="pane.watch_word", show=False, tooltip="Add the word at the cursor to the watch list"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-pane--title",
        "reading-pane--heading",
        "reading-pane--byline",
        "reading-pane--furniture",
        "reading-pane--meta",
        "reading-pane--rule",
        "reading-pane--keyword",
        "reading-pane--watch",
        "reading-pane--search",
        "reading-pane--selection",
        "reading-pane--cursor",
        "reading-pane--prompt",
        *(f"reading-pane--annotation-{i}" for i in range(1, 7)),
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
    ReadingPane > .reading-pane--selection { text-style: reverse; }
    ReadingPane > .reading-pane--cursor { text-style: reverse; }
    ReadingPane > .reading-pane--prompt { background: $panel; color: $foreground; }
    ReadingPane > .reading-pane--annotation-1 { background: $warning 30%; }
    ReadingPane > .reading-pane--annotation-2 { background: $success 30%; }
    ReadingPane > .reading-pane--annotation-3 { background: $primary 35%; }
    ReadingPane > .reading-pane--annotation-4 { background: $error 30%; }
    ReadingPane > .reading-pane--annotation-5 { background: $secondary 35%; }
    ReadingPane > .reading-pane--annotation-6 { background: $accent 30%; }
    """

    # ------------------------------------------------------------------ messages

    class _PaneMessage(Message):
        pane: "ReadingPane | None" = None

        @property
        def control(self) -> "ReadingPane | None":
            return self.pane

    class PositionChanged(_PaneMessage):
        """The top of the view moved: ``offset`` (char), ``percent``, paragraph ``n`` of ``m``."""

        def __init__(self, offset: int, percent: int, paragraph: int, paragraphs: int) -> None:
            super().__init__()
            self.offset = offset
            self.percent = percent
            self.paragraph = paragraph
            self.paragraphs = paragraphs

    class CursorMoved(_PaneMessage):
        """The cursor moved to character ``offset``."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    class SelectionChanged(_PaneMessage):
        """The selection is now ``(start, end)`` (end exclusive) or ``None``."""

        def __init__(self, selection: tuple[int, int] | None) -> None:
            super().__init__()
            self.selection = selection

    class AnnotateRequested(_PaneMessage):
        """The user asked to annotate ``text[start:end]`` (key ``a``)."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    class WatchWordRequested(_PaneMessage):
        """The user asked to watch ``word`` (key ``W``)."""

        def __init__(self, word: str) -> None:
            super().__init__()
            self.word = word

    class NextDocument(_PaneMessage):
        """Key ``J``: the screen should open the next document."""

    class PreviousDocument(_PaneMessage):
        """Key ``K``: the screen should open the previous document."""

    class MarksChanged(_PaneMessage):
        """The marks of document ``doc_id`` changed (letter → char offset), to persist."""

        def __init__(self, doc_id: str, marks: dict[str, int]) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.marks = dict(marks)

    # ------------------------------------------------------------------ set-up

    def __init__(
        self,
        *,
        measure: int = DEFAULT_MEASURE,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.measure = measure
        self._document: Document | None = None
        self._blocks: list[tuple[int, int]] = []
        self._heading_starts: list[int] = []
        self._layout: DocumentLayout | None = None
        self._anchor = 0  # char offset kept at the top of the view
        self._cursor = 0
        self._sel_anchor: int | None = None
        self._sel_exclusive = False  # last motion landed on the start of a unit
        self._layers: dict[str, Layer] = {}
        self._words: motions.Words = motions.RunWords("")
        self._marks: dict[str, int] = {}
        self._pending: str | None = None  # "mark" / "jump" while waiting for the letter
        self._last_jump: int | None = None
        self._styles: PaneStyles | None = None
        self._line_cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._left = MARGIN
        self._last_position: tuple | None = None
        self.search = pane_search.SearchState()

    # ------------------------------------------------------------------ public API

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def position(self) -> int:
        """Character offset shown at the top of the view."""
        return self._anchor

    @property
    def selection(self) -> tuple[int, int] | None:
        if self._sel_anchor is None or self._document is None:
            return None
        text = self._document.text
        anchor, cursor = self._sel_anchor, self._cursor
        if cursor > anchor and self._sel_exclusive:
            # The cursor was put on the start of the next unit (w, ), }):
            # select up to it, not including it, and without trailing space.
            end = cursor
            while end > anchor + 1 and text[end - 1].isspace():
                end -= 1
            return anchor, end
        a, b = sorted((anchor, cursor))
        return a, min(b + 1, len(text))

    @property
    def marks(self) -> dict[str, int]:
        return dict(self._marks)

    @marks.setter
    def marks(self, marks: dict[str, int]) -> None:
        """Restore saved marks (no MarksChanged message)."""
        limit = len(self._document.text) if self._document else 0
        self._marks = {k: min(max(int(v), 0), limit) for k, v in marks.items() if isinstance(k, str) and len(k) == 1}

    @property
    def layout_lines(self) -> DocumentLayout | None:
        """The current visual lines (for tests, benchmarks and the outline)."""
        return self._layout

    def load(self, doc: Document, offset: int = 0, *, marks: dict[str, int] | None = None) -> None:
        """Show ``doc`` with character ``offset`` at the top and the cursor on it."""
        self._document = doc
        self._blocks = [(b.start, b.end) for b in doc.blocks] or ([(0, len(doc.text))] if doc.text else [])
        self._heading_starts = [b.start for b in doc.blocks if b.type in ("heading", "title")]
        self._layers = {}
        self._words = motions.RunWords(doc.text, self._blocks)
        self._sel_anchor = None
        self._pending = None
        self._last_jump = None
        self.search = pane_search.SearchState()
        self._marks = {}
        if marks:
            self.marks = marks
        offset = min(max(offset, 0), len(doc.text))
        self._anchor = offset
        self._cursor = self._snap(offset)
        self._layout = None
        self._relayout()
        self.scroll_to(y=self._top_row_for(offset), animate=False, force=True)
        self._post_position(force=True)
        self._post(self.CursorMoved(self._cursor))
        self.refresh()

    def set_layer(self, kind: str, spans: list[Span]) -> None:
        """Replace highlight layer ``kind`` (keyword/watch/search/annotation)."""
        self._layers[kind] = Layer.build(spans)
        self._line_cache.clear()
        self.refresh()

    def set_tokens(self, tokens: list[tuple[str, int, int]]) -> None:
        """Use jieba segments ``(word, start, end)`` for ``w``/``b``/``e``."""
        self._words = motions.TokenWords(tokens)

    def goto(self, offset: int, *, cursor: bool = True) -> None:
        """Show ``offset`` near the top of the view (and put the cursor there)."""
        if self._document is None:
            return
        offset = min(max(offset, 0), len(self._document.text))
        self._last_jump = self._cursor
        if cursor:
            self._set_cursor(self._snap(offset), scroll=False)
        self._scroll_to_row(self._top_row_for(offset))

    def clear_selection(self) -> None:
        if self._sel_anchor is not None:
            self._sel_anchor = None
            self._after_selection_change()

    # ------------------------------------------------------------------ layout

    def _relayout(self) -> None:
        doc = self._document
        if doc is None:
            return
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return  # not laid out yet: on_resize will do it
        measure = max(8, min(self.measure, width - MARGIN - 1))
        self._left = MARGIN + max(0, (width - MARGIN - 1 - measure) // 2)
        if self._layout is not None and self._layout.width == measure:
            return
        meta = [", ".join(doc.authors), doc.date or "", doc.source or ""]
        with_title = not (doc.blocks and doc.blocks[0].type == "title")
        head = header_lines(doc.title, meta, measure, with_title=with_title)
        self._layout = layout_document(
            doc.text, self._blocks, measure, head, header_after_first=not with_title
        )
        self._line_cache.clear()
        self.virtual_size = Size(width, len(self._layout))

    def on_resize(self, event: events.Resize) -> None:
        if self._document is None:
            return
        anchor = self._anchor
        old = self._layout.width if self._layout else None
        self._relayout()
        if self._layout is not None and self._layout.width != old:
            self._anchor = anchor
            self.scroll_to(y=self._top_row_for(anchor), animate=False, force=True)
            self._anchor = anchor
        self._line_cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._line_cache.clear()

    def _top_row_for(self, offset: int) -> int:
        """Row to scroll to so ``offset``'s line is on top (the header for offset 0)."""
        if self._layout is None:
            return 0
        row = self._layout.line_of(offset)
        if self._layout.text_rows and row == self._layout.text_rows[0]:
            return 0  # at the start show the header too
        return row

    # ------------------------------------------------------------------ drawing

    def _get_styles(self) -> PaneStyles:
        if self._styles is None:
            get = self.get_component_rich_style
            partial = lambda name: get(f"reading-pane--{name}", partial=True)  # noqa: E731
            byline = partial("byline")
            furniture = partial("furniture")
            self._styles = PaneStyles(
                base=self.rich_style,
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
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        styles = self._get_styles()
        if self.search.active and y == self.scrollable_content_region.height - 1:
            return render_prompt("/", self.search.query, styles, width)
        row = self.scroll_offset.y + y
        layout = self._layout
        doc = self._document
        if layout is None or doc is None or row >= len(layout):
            return Strip.blank(width, styles.base)
        line = layout.lines[row]
        if line.kind != TEXT:
            key: tuple = (row, width)
        else:
            cursor = self._cursor if line.start <= self._cursor < line.end else None
            sel = self.selection
            clip = None
            if sel is not None and sel[0] < line.end and sel[1] > line.start:
                clip = (max(sel[0], line.start), min(sel[1], line.end))
            key = (row, width, cursor, clip)
        strip = self._line_cache.get(key)
        if strip is None:
            if line.kind != TEXT:
                strip = render_virtual_line(line, styles, self._left, layout.width, width)
            else:
                btype = doc.blocks[line.block].type if 0 <= line.block < len(doc.blocks) else "paragraph"
                strip = render_text_line(
                    doc.text, line, btype, self._layers, styles, cursor, clip, self._left, width
                )
            self._line_cache[key] = strip
        return strip

    # ------------------------------------------------------------------ scrolling

    @property
    def _view_height(self) -> int:
        height = self.scrollable_content_region.height
        return max(1, height - (1 if self.search.active else 0))

    def _scroll_to_row(self, row: int) -> None:
        self.scroll_to(y=max(0, row), animate=False, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        top = round(new_value)
        row = layout.text_line_at_or_after(top)
        if row is None:
            row = layout.text_rows[-1]
        line = layout.lines[row]
        nxt = layout.text_line_at_or_after(row + 1)
        limit = layout.lines[nxt].start if nxt is not None else line.end + 1
        # Keep the exact anchor while it is still on the top line (so repeated
        # resizes do not drift back a line each time).
        if not (line.start <= self._anchor < limit):
            self._anchor = line.start
        if top == 0:
            self._anchor = min(self._anchor, line.start) if row == layout.text_rows[0] else self._anchor
        self._post_position()

    def _post_position(self, force: bool = False) -> None:
        doc = self._document
        if doc is None:
            return
        max_y = self.max_scroll_y
        percent = 100 if max_y <= 0 else round(100 * self.scroll_y / max_y)
        paragraphs = len(doc.blocks)
        paragraph = doc.block_at(self._anchor) + 1 if paragraphs else 0
        state = (self._anchor, percent, paragraph, paragraphs)
        if force or state != self._last_position:
            self._last_position = state
            self._post(self.PositionChanged(*state))

    def _post(self, message: _PaneMessage) -> None:
        message.pane = self
        self.post_message(message)

    def _visible_rows(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self._view_height

    def _clamp_cursor_into_view(self) -> None:
        """After scrolling: keep the cursor on a visible text row."""
        self._sel_exclusive = False
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        top, bottom = self._visible_rows()
        row = layout.line_of(self._cursor)
        if top <= row < bottom:
            return
        target = layout.text_line_at_or_after(top) if row < top else layout.text_line_at_or_before(bottom - 1)
        if target is None or not (top <= target < bottom):
            return
        self._set_cursor(layout.lines[target].start, scroll=False)

    def _ensure_cursor_visible(self) -> None:
        """After a cursor motion: scroll just enough to show it (with a margin)."""
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(self._cursor)
        top, bottom = self._visible_rows()
        height = bottom - top
        off = min(SCROLL_OFF, max(0, (height - 1) // 2))
        if row < top + off:
            self._scroll_to_row(row - off)
        elif row >= bottom - off:
            self._scroll_to_row(row - height + off + 1)

    def _scroll_by(self, rows: int) -> None:
        self._scroll_to_row(round(self.scroll_y) + rows)
        self._clamp_cursor_into_view()

    # ------------------------------------------------------------------ cursor

    def _snap(self, offset: int) -> int:
        """Nearest offset inside a block (never in a separator or past the end)."""
        doc = self._document
        if doc is None or not doc.text:
            return 0
        offset = min(max(offset, 0), len(doc.text) - 1)
        if not self._blocks:
            return offset
        i = doc.block_at(offset) if doc.blocks else 0
        start, end = self._blocks[min(i, len(self._blocks) - 1)]
        if offset < start:
            return start
        if offset >= end:
            return max(start, end - 1)
        return offset

    def _set_cursor(self, offset: int, *, scroll: bool = True) -> None:
        if offset == self._cursor:
            return
        self._cursor = offset
        self.refresh()
        if scroll:
            self._ensure_cursor_visible()
        self._post(self.CursorMoved(offset))
        if self._sel_anchor is not None:
            self._post(self.SelectionChanged(self.selection))

    def _after_selection_change(self) -> None:
        self.refresh()
        self.refresh_bindings()
        self._post(self.SelectionChanged(self.selection))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy":
            return True if self._sel_anchor is not None else None
        return True

    # ------------------------------------------------------------------ actions

    def action_scroll_lines(self, rows: int) -> None:
        self._scroll_by(rows)

    def action_scroll_pages(self, pages: int) -> None:
        self._scroll_by(pages * max(1, self._view_height - 2))

    def action_scroll_half(self, direction: int) -> None:
        self._scroll_by(direction * max(1, self._view_height // 2))

    def action_top(self) -> None:
        if self._document is None:
            return
        self._last_jump = self._cursor
        self._scroll_to_row(0)
        self._set_cursor(self._snap(0), scroll=False)

    def action_bottom(self) -> None:
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        self._last_jump = self._cursor
        self._scroll_to_row(len(layout))
        self._set_cursor(self._snap(layout.lines[layout.text_rows[-1]].start), scroll=False)

    def action_heading(self, direction: int) -> None:
        if self._document is None:
            return
        find = motions.next_heading if direction > 0 else motions.previous_heading
        target = find(self._heading_starts, self._cursor)
        if target is None:
            self.notify("No more headings" if self._heading_starts else "This document has no headings", timeout=2)
            return
        self.goto(target)

    def action_next_document(self) -> None:
        self._post(self.NextDocument())

    def action_previous_document(self) -> None:
        self._post(self.PreviousDocument())

    def action_motion(self, name: str) -> None:
        doc = self._document
        if doc is None:
            return
        pos = self._cursor
        if name == "word_forward":
            new = motions.word_forward(self._words, pos)
        elif name == "word_backward":
            new = motions.word_backward(self._words, pos)
        elif name == "word_end":
            new = motions.word_end(self._words, pos)
        elif name == "sentence_forward":
            new = motions.sentence_forward(doc.text, self._blocks, pos)
        elif name == "sentence_backward":
            new = motions.sentence_backward(doc.text, self._blocks, pos)
        elif name == "paragraph_forward":
            new = motions.paragraph_forward(self._blocks, pos)
        elif name == "paragraph_backward":
            new = motions.paragraph_backward(self._blocks, pos)
        else:
            raise ValueError(f"unknown motion {name!r}")
        self._sel_exclusive = name.endswith("_forward")
        self._set_cursor(self._snap(new))

    def action_select(self) -> None:
        if self._document is None:
            return
        self._sel_anchor = self._cursor if self._sel_anchor is None else None
        self._after_selection_change()

    def action_cancel(self) -> None:
        if self._sel_anchor is not None:
            self.clear_selection()
        elif self.search.hits:
            self.search.clear()
            self.set_layer("search", [])
        elif self._pending is not None:
            self._pending = None
        else:
            raise SkipAction()

    def action_copy(self) -> None:
        from ..clipboard import copy_text

        sel = self.selection
        if sel is None or self._document is None:
            self.notify("Nothing selected: press v and move to select", timeout=2)
            return
        text = self._document.text[sel[0] : sel[1]]
        self.notify(copy_text(self.app, text), timeout=2)
        self.clear_selection()

    def action_annotate(self) -> None:
        doc = self._document
        if doc is None or not doc.text:
            return
        sel = self.selection
        if sel is None:
            sel = motions.sentence_at(doc.text, self._blocks, self._cursor)
        self._post(self.AnnotateRequested(*sel))

    def action_watch_word(self) -> None:
        doc = self._document
        if doc is None or not doc.text:
            return
        sel = self.selection
        if sel is not None and sel[1] - sel[0] <= 32:
            word = doc.text[sel[0] : sel[1]].strip()
        else:
            span = self._words.word_at(self._cursor)
            word = doc.text[span[0] : span[1]] if span else ""
        if not word:
            self.notify("No word under the cursor", timeout=2)
            return
        self._post(self.WatchWordRequested(word))

    def action_mark(self) -> None:
        self._pending = "mark"

    def action_jump_mark(self) -> None:
        self._pending = "jump"

    def _finish_pending(self, char: str) -> None:
        pending, self._pending = self._pending, None
        doc = self._document
        if doc is None:
            return
        if pending == "mark" and char.isalpha():
            self._marks[char] = self._cursor
            self.notify(f"Mark {char} set", timeout=1.5)
            self._post(self.MarksChanged(doc.id, self._marks))
        elif pending == "jump":
            if char == "'":
                target = self._last_jump
            else:
                target = self._marks.get(char)
            if target is None:
                self.notify(f"No mark {char}", severity="warning", timeout=2)
                return
            self.goto(target)

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        if self._document is None:
            return
        self.search.open()
        self.refresh()

    def action_search_next(self, direction: int) -> None:
        if self._document is None:
            return
        if not self.search.hits:
            self.notify("No search: press / to search", timeout=2)
            return
        index = self.search.step(self._cursor, direction)
        start, _ = self.search.hits[index]
        self.goto_hit(start)
        self.notify(f"{index + 1} of {len(self.search.hits)}", timeout=1.5)

    def goto_hit(self, offset: int) -> None:
        """Move the cursor to ``offset``, scrolling only if it is off screen."""
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(offset)
        top, bottom = self._visible_rows()
        self._last_jump = self._cursor
        self._set_cursor(self._snap(offset), scroll=False)
        if not (top <= row < bottom):
            self._scroll_to_row(row - self._view_height // 3)

    def _run_search(self) -> None:
        doc = self._document
        if doc is None:
            return
        hits = self.search.run(doc.text)
        self.set_layer("search", [Span(s, e, "search") for s, e in hits])
        if not hits:
            self.notify(f"Not found: {self.search.query}", severity="warning", timeout=2)
            return
        index = self.search.step(self._cursor - 1, 1)
        self.goto_hit(hits[index][0])
        self.notify(f"{index + 1} of {len(hits)}", timeout=1.5)

    # ------------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings (they are checked when the key bubbles up),
        # so the search prompt and the letter after m / ' take the key first.
        if self.search.active:
            event.stop()
            event.prevent_default()
            outcome = self.search.key(event.key, event.character if event.is_printable else None)
            if outcome == "submit":
                self.refresh()
                self._run_search()
            elif outcome == "cancel":
                self.refresh()
            else:
                self.refresh_line(self.scrollable_content_region.height - 1 + self.scroll_offset.y)
            return
        if self._pending is not None:
            event.stop()
            event.prevent_default()
            if event.character and event.key != "escape":
                self._finish_pending(event.character)
            else:
                self._pending = None

    def on_paste(self, event: events.Paste) -> None:
        if self.search.active:
            event.stop()
            self.search.paste(event.text)
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Put the cursor on the clicked character."""
        layout = self._layout
        doc = self._document
        if layout is None or doc is None:
            return
        row = self.scroll_offset.y + event.y
        if not (0 <= row < len(layout)) or layout.lines[row].kind != TEXT:
            return
        line = layout.lines[row]
        col = event.x - self._left
        from ..layout import char_width

        pos = line.start
        cells = 0
        while pos < line.end - 1 and cells + char_width(doc.text[pos]) <= col:
            cells += char_width(doc.text[pos])
            pos += 1
        self._set_cursor(pos, scroll=False)
