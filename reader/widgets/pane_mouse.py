"""The reading pane's mouse: a click puts the cursor on a character, a drag selects
(scrolling when it leaves the view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from .document_view import DocumentView


class MouseSelect:
    """Clicks and drags of the left button in one :class:`DocumentView`."""

    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.drag_from: int | None = None  # where a drag started (character offset)

    def down(self, event: events.MouseDown) -> None:
        view = self.view
        if event.button != 1:
            return
        pos = view._offset_at(event.x, event.y)
        if pos is None:
            return
        if view.state.sel_anchor is not None:
            view.state.sel_anchor = None
            view._after_selection_change()
        self.drag_from = pos
        view._set_cursor(pos, scroll=False)
        view.capture_mouse()

    def move(self, event: events.MouseMove) -> None:
        view = self.view
        start = self.drag_from
        if start is None or event.button != 1:
            return
        height = view._view_height
        if event.y < 0 or event.y >= height:
            view._scroll_to_row(round(view.scroll_y) + (-1 if event.y < 0 else 1))
        pos = view._offset_at(event.x, min(max(event.y, 0), height - 1))
        state = view.state
        if pos is None or (pos == start and state.sel_anchor is None):
            return
        if state.sel_anchor is None:
            state.sel_anchor = start
            state.sel_exclusive = False
        view._set_cursor(pos, scroll=False)
        view._after_selection_change()

    def up(self) -> None:
        if self.drag_from is not None:
            self.drag_from = None
            self.view.release_mouse()
