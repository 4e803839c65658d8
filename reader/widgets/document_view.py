"""A document drawn with Textual's line API, from a :class:`~reader.widgets.pane_state.PaneState`.

``DocumentView`` is a ``ScrollView``: it wraps the document once per width
(``reader.layout``), draws only the rows on screen (``render_line``) through an
LRU cache of strips, and keeps the reading position as a character offset
(``anchor``) so resizing or re-opening lands on the same sentence. The cursor
stays on a visible row when the view scrolls, and the view follows the cursor
when it moves (with ``SCROLL_OFF`` rows of context). A click puts the cursor on
a character and a drag selects.

It holds no keys: :class:`~reader.widgets.reading_pane.ReadingPane` adds them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from textual import events
from textual.geometry import Offset, Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from corpus.model import Document

from ..layout import DocumentLayout, header_lines, layout_document, text_width
from . import pane_messages
from .pane_mouse import MouseSelect
from .pane_render import MARGIN, LineDrawer, render_prompt
from .pane_state import PaneState
from .pane_styles import resolve_styles

#: Widest text column; wider panes centre it (long lines are hard to read).
DEFAULT_MEASURE = 100
#: Documents longer than this (characters) are wrapped progressively: the
#: blocks around the reading position first, the rest in a worker thread.
PROGRESSIVE_CHARS = 150_000
PROGRESSIVE_BLOCKS = 60
#: Rows kept between the cursor and the edge of the view when it moves.
SCROLL_OFF = 2

#: (doc id, id of the Document, measure): which document and width a layout belongs to.
LayoutKey = tuple[str, int, int]


class DocumentView(ScrollView):
    """Layout, scrolling, drawing and the mouse for one document and its state."""

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
        self.state = PaneState()
        self._layout: DocumentLayout | None = None
        self._partial = False  # the layout covers only some blocks (huge document)
        self._layout_key: LayoutKey | None = None
        self._build_full: Callable[[], DocumentLayout] | None = None  # the whole layout, while _partial
        self._restoring = False  # scrolling to restore the position: keep the cursor
        self._anchor = 0  # char offset kept at the top of the view
        self._mouse = MouseSelect(self)  # a click puts the cursor, a drag selects
        self._drawer = LineDrawer()
        self._left = MARGIN
        self._last_position: tuple[int, int, int, int] | None = None
        self._painted: Document | None = None  # the document drawn last (DocumentPainted once per load)

    # ------------------------------------------------------------------ layout

    @property
    def layout_lines(self) -> DocumentLayout | None:
        """The current visual lines (for tests, benchmarks and the outline)."""
        return self._layout

    def show(self, offset: int) -> None:
        """Lay out the state's (new) document with ``offset`` on top, and draw it."""
        self._anchor = offset
        self._layout = None
        self._relayout()
        self.scroll_to(y=self._top_row_for(offset), animate=False, force=True)
        self._post_position(force=True)
        self._post(pane_messages.CursorMoved(self.state.cursor))
        self.refresh()

    def _relayout(self) -> None:
        doc = self.state.document
        if doc is None:
            return
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0:
            return  # not laid out yet: on_resize will do it
        measure = max(8, min(self.measure, width - MARGIN - 1))
        self._left = MARGIN + max(0, (width - MARGIN - 1 - measure) // 2)
        if self._layout is not None and self._layout.width == measure:
            return  # same width (a partial layout's worker is already running)
        title, meta = self.state.header()  # in the other script when it is shown
        with_title = not (doc.blocks and doc.blocks[0].type == "title")
        head = header_lines(title, meta, measure, with_title=with_title)
        build = functools.partial(
            layout_document, doc.text, self.state.blocks, measure, head, header_after_first=not with_title,
            breaks=self.state.page_turns,
        )
        if len(doc.text) > PROGRESSIVE_CHARS and self.is_attached:
            # A huge document: wrap the blocks around the reading position now
            # (one screenful paints at once), the whole text in a thread.
            first = max(0, self.state.block_index(self._anchor) - 2)
            self._layout = build(only=(first, first + PROGRESSIVE_BLOCKS))
            self._partial = True
            self._build_full = build
            key: LayoutKey = (doc.id, id(doc), measure)
            self._layout_key = key
            self.run_worker(
                functools.partial(self._build_in_thread, build, key),
                thread=True, exclusive=True, group="pane-layout", exit_on_error=False,
                description="wrapping the document",
            )
        else:
            self._layout = build()
            self._partial = False
        self._drawer.clear()
        self.virtual_size = Size(width, len(self._layout))

    def relayout(self) -> None:
        """Lay the document out again where it is (the header changed: the other script)."""
        if self.state.document is None:
            return
        anchor, cursor = self._anchor, self.state.cursor
        self._layout = None
        self._relayout()
        if self._layout is not None:
            self._restore_top(anchor)
        self.state.cursor = cursor
        self._drawer.clear()
        self.refresh()

    def _wrap_through(self, offset: int | None = None) -> None:
        """Make sure the layout reaches ``offset`` (None: the whole text) before jumping.

        While a huge document's full layout is still being built in a thread, a
        jump outside the first screenful wraps everything now instead.
        """
        layout = self._layout
        if not self._partial or layout is None or not layout.text_rows or self._build_full is None:
            return
        if offset is not None:
            first, last = layout.lines[layout.text_rows[0]], layout.lines[layout.text_rows[-1]]
            if first.start <= offset < last.end:
                return
        if self._layout_key is not None:
            self._install_layout(self._build_full(), self._layout_key)

    def _build_in_thread(self, build: Callable[..., DocumentLayout], key: LayoutKey) -> None:
        """The whole layout, in a thread worker that stops when cancelled (another document, quit)."""
        worker = get_current_worker()
        try:
            layout = build(cancelled=lambda: worker.is_cancelled)
        except InterruptedError:
            return
        self.app.call_from_thread(self._install_layout, layout, key)

    def _install_layout(self, layout: DocumentLayout, key: LayoutKey) -> None:
        """Swap in the full layout built in a thread, keeping the reading position."""
        if self.state.document is None or key != self._layout_key or not self._partial:
            return  # another document or width since: stale
        anchor, cursor = self._anchor, self.state.cursor
        self._layout = layout
        self._partial = False
        self._drawer.clear()
        self.virtual_size = Size(self.virtual_size.width, len(layout))
        self._restore_top(anchor)
        self.state.cursor = cursor
        self._post_position()
        self.refresh()

    def _restore_top(self, anchor: int) -> None:
        """Scroll so ``anchor`` is on top again, without moving the cursor."""
        self._restoring = True
        try:
            self.scroll_to(y=self._top_row_for(anchor), animate=False, force=True)
        finally:
            self._restoring = False
        self._anchor = anchor

    def on_resize(self, event: events.Resize) -> None:
        if self.state.document is None:
            return
        anchor = self._anchor
        old = self._layout.width if self._layout else None
        self._relayout()
        if self._layout is not None and self._layout.width != old:
            self._restore_top(anchor)
        self._drawer.clear()
        self._clamp_cursor_into_view()  # a smaller window keeps the reading position, and the cursor in view
        self._post_position()  # percent depends on the height too

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawer.restyle()

    def _top_row_for(self, offset: int) -> int:
        """Row to scroll to so ``offset``'s line is on top (the header for offset 0)."""
        if self._layout is None:
            return 0
        row = self._layout.line_of(offset)
        if self._layout.text_rows and row == self._layout.text_rows[0]:
            return 0  # at the start show the header too
        return row

    # ------------------------------------------------------------------ drawing

    def prompt(self) -> tuple[str, str, str] | None:
        """The bottom-row prompt: (prefix, typed text, hint) or None."""
        return self.state.prompt()

    def render_lines(self, crop: Region) -> list[Strip]:
        # A document loaded before the screen's first layout (re-open, PATH) has no layout
        # yet: the size is known from here on, but the Resize event comes after this frame.
        # Laying it out now draws the text in the first frame, not an empty pane before it.
        if self._layout is None and self.state.document is not None and self.size.width > 0:
            self._layout_for_first_draw()
        return super().render_lines(crop)

    def _layout_for_first_draw(self) -> None:
        anchor = self._anchor
        self._relayout()
        if self._layout is not None:
            self._restore_top(anchor)
            self._post_position(force=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        drawer = self._drawer
        if drawer.styles is None:
            drawer.styles = resolve_styles(self.rich_style, self.get_component_rich_style)
        prompt = self.prompt()
        if prompt is not None and y == self.scrollable_content_region.height - 1:
            return render_prompt(*prompt, drawer.styles, width)
        row = self.scroll_offset.y + y
        layout, doc = self._layout, self.state.document
        if layout is None or doc is None or row >= len(layout):
            return Strip.blank(width, drawer.styles.base)
        if self._painted is not doc:
            # Drawn now, written to the terminal at the end of this frame: the screen may
            # start what the first frame of a document must not wait for.
            self._painted = doc
            self._post(pane_messages.DocumentPainted(doc.id))
        return drawer.line(layout, row, self.state, self._left, width)

    def redraw_layers(self) -> None:
        """The state's highlight layers changed: draw again."""
        self._drawer.clear()
        self.refresh()

    # ------------------------------------------------------------------ scrolling

    @property
    def _view_height(self) -> int:
        height = self.scrollable_content_region.height
        return max(1, height - (1 if self.prompt() is not None else 0))

    def _scroll_to_row(self, row: int) -> None:
        self.scroll_to(y=max(0, row), animate=False, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        row = layout.text_line_at_or_after(round(new_value))
        if row is None:
            row = layout.text_rows[-1]
        line = layout.lines[row]
        nxt = layout.text_line_at_or_after(row + 1)
        limit = layout.lines[nxt].start if nxt is not None else line.end + 1
        # Keep the exact anchor while it is still on the top line (so repeated
        # resizes do not drift back a line each time).
        if not (line.start <= self._anchor < limit):
            self._anchor = line.start
        if not self._restoring:
            self._clamp_cursor_into_view()  # mouse wheel, scrollbar drag, goto(cursor=False)
        self._post_position()

    def _post_position(self, force: bool = False) -> None:
        doc = self.state.document
        if doc is None:
            return
        max_y = self.max_scroll_y
        percent = 100 if max_y <= 0 else round(100 * self.scroll_y / max_y)
        paragraphs = len(doc.blocks)
        paragraph = doc.block_at(self._anchor) + 1 if paragraphs else 0
        position = (self._anchor, percent, paragraph, paragraphs)
        if force or position != self._last_position:
            self._last_position = position
            self._post(pane_messages.PositionChanged(*position))

    def _post(self, message: pane_messages.PaneMessage) -> None:
        message.pane = self
        self.post_message(message)

    def cell_of(self, offset: int) -> Offset | None:
        """Where character ``offset`` is drawn, in screen cells; None when it is not on screen."""
        layout = self._layout
        if layout is None or not layout.text_rows:
            return None
        row = layout.line_of(offset)
        top, bottom = self._visible_rows()
        if not top <= row < bottom:
            return None
        line = layout.lines[row]
        drawn = self.state.display_text or self.state.text
        x = self._left + text_width(drawn[line.start : min(max(offset, line.start), line.end)])
        origin = self.content_region.offset
        return Offset(origin.x + x, origin.y + row - top)

    def _visible_rows(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self._view_height

    def _clamp_cursor_into_view(self) -> None:
        """After scrolling: keep the cursor on a visible text row."""
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        top, bottom = self._visible_rows()
        row = layout.line_of(self.state.cursor)
        if top <= row < bottom:
            return
        target = layout.text_line_at_or_after(top) if row < top else layout.text_line_at_or_before(bottom - 1)
        if target is None or not (top <= target < bottom):
            return
        self.state.sel_exclusive = False
        self._set_cursor(layout.lines[target].start, scroll=False)

    def _ensure_cursor_visible(self) -> None:
        """After a cursor motion: scroll just enough to show it (with a margin)."""
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(self.state.cursor)
        top, bottom = self._visible_rows()
        height = bottom - top
        off = min(SCROLL_OFF, max(0, (height - 1) // 2))
        if row < top + off:
            self._scroll_to_row(row - off)
        elif row >= bottom - off:
            self._scroll_to_row(row - height + off + 1)

    def _scroll_by(self, rows: int) -> None:
        if self._partial and not (0 <= round(self.scroll_y) + rows <= self.max_scroll_y):
            self._wrap_through()  # scrolling off the first screenful of a huge document
        self._scroll_to_row(round(self.scroll_y) + rows)
        self._clamp_cursor_into_view()

    # ------------------------------------------------------------------ cursor

    def _set_cursor(self, offset: int, *, scroll: bool = True) -> None:
        state = self.state
        if offset == state.cursor:
            return
        self._wrap_through(offset)
        state.cursor = offset
        self.refresh()
        if scroll:
            self._ensure_cursor_visible()
        self._post(pane_messages.CursorMoved(offset))
        if state.sel_anchor is not None:
            self._post(pane_messages.SelectionChanged(state.selection))

    def _after_selection_change(self) -> None:
        self.refresh()
        self.refresh_bindings()
        self._post(pane_messages.SelectionChanged(self.state.selection))

    # ------------------------------------------------------------------ mouse

    def _offset_at(self, x: int, y: int) -> int | None:
        """Character offset under widget cell (x, y), or None off the text."""
        layout = self._layout
        if layout is None:
            return None
        return layout.offset_at(self.scroll_offset.y + y, x - self._left, self.state.text)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._mouse.down(event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._mouse.move(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._mouse.up()
