"""Scrolling and cursor bookkeeping of the reading pane (a mixin of ``ReadingPane``).

The reading position is a character offset (``_anchor``) kept while it stays
on the top row, so repeated resizes never drift; the cursor is kept on a
visible row when the view scrolls, and the view follows the cursor when it
moves (with ``SCROLL_OFF`` rows of context).
"""

from __future__ import annotations

from . import pane_messages

#: Rows kept between the cursor and the edge of the view when it moves.
SCROLL_OFF = 2


class PaneView:
    """Scroll, position and cursor helpers shared by the pane's actions."""

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
        if not self._restoring:
            self._clamp_cursor_into_view()  # mouse wheel, scrollbar drag, goto(cursor=False)
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

    def _post(self, message: pane_messages.PaneMessage) -> None:
        message.pane = self
        self.post_message(message)

    def _visible_rows(self) -> tuple[int, int]:
        top = round(self.scroll_y)
        return top, top + self._view_height

    def _clamp_cursor_into_view(self) -> None:
        """After scrolling: keep the cursor on a visible text row."""
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
        self._sel_exclusive = False
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
        if self._partial and not (0 <= round(self.scroll_y) + rows <= self.max_scroll_y):
            self._cover()  # scrolling off the first screenful of a huge document
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
        self._cover(offset)
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
