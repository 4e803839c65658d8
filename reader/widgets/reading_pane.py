"""The reading pane: a document view with vim keys, selection, search, marks and requests.

``ReadingPane`` adds keys to :class:`~reader.widgets.document_view.DocumentView`.
The reader's place (cursor, selection, marks, search, pending ``z``/``m``/``'``
prefixes and counts) lives in a plain :class:`~reader.widgets.pane_state.PaneState`
(``pane.state``); each action asks the state where to go and the view scrolls
and draws. It talks upward only by messages (nested classes below); the
screen feeds it highlight layers with ``set_layer`` and jieba tokens with
``set_tokens``.

A new pane feature is a binding in ``pane_bindings``, an ``action_*`` here and,
if it needs the screen (a popup, a lookup), a message in ``pane_messages``.
"""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction

from corpus.model import Document, Span

from ..clipboard import copy_text
from . import pane_messages
from .document_view import DEFAULT_MEASURE, PROGRESSIVE_CHARS, DocumentView
from .pane_bindings import BINDINGS
from .pane_search import PREVIEW_CHARS, SearchState
from .pane_state import ShownScript
from .pane_styles import COMPONENT_CLASSES, DEFAULT_CSS

__all__ = ["DEFAULT_MEASURE", "PROGRESSIVE_CHARS", "ReadingPane"]


class ReadingPane(DocumentView, can_focus=True):
    """A document with a cursor, selection, search, marks and highlight layers."""

    #: Textual's own mouse text selection needs offsets this widget does not
    #: draw; the pane has its own (v + motions, or drag).
    ALLOW_SELECT = False
    BINDINGS = BINDINGS
    COMPONENT_CLASSES = COMPONENT_CLASSES
    DEFAULT_CSS = DEFAULT_CSS

    PositionChanged = pane_messages.PositionChanged
    CursorMoved = pane_messages.CursorMoved
    SelectionChanged = pane_messages.SelectionChanged
    AnnotateRequested = pane_messages.AnnotateRequested
    WatchWordRequested = pane_messages.WatchWordRequested
    DefineRequested = pane_messages.DefineRequested
    ScriptToggleRequested = pane_messages.ScriptToggleRequested
    MarksChanged = pane_messages.MarksChanged
    DocumentPainted = pane_messages.DocumentPainted

    # ------------------------------------------------------------------ public API

    @property
    def document(self) -> Document | None:
        return self.state.document

    @property
    def cursor(self) -> int:
        return self.state.cursor

    @property
    def position(self) -> int:
        """Character offset shown at the top of the view."""
        return self._anchor

    @property
    def selection(self) -> tuple[int, int] | None:
        return self.state.selection

    @property
    def search(self) -> SearchState:
        return self.state.search

    @property
    def marks(self) -> dict[str, int]:
        return dict(self.state.marks)

    @marks.setter
    def marks(self, marks: dict[str, int]) -> None:
        """Restore saved marks (no MarksChanged message)."""
        self.state.restore_marks(marks)

    def load(self, doc: Document, offset: int = 0, *, marks: dict[str, int] | None = None) -> None:
        """Show ``doc`` with character ``offset`` at the top and the cursor on it."""
        self.show(self.state.load(doc, offset, marks))

    def set_layer(self, kind: str, spans: list[Span]) -> None:
        """Replace highlight layer ``kind`` (keyword/watch/search/annotation/…).

        Search spans set from outside (a corpus search opening this document)
        become the hits ``n`` / ``N`` step through.
        """
        if kind == "search":
            self.state.search.hits = sorted((s.start, s.end) for s in spans)
        self.state.set_layer(kind, spans)
        self.redraw_layers()

    def set_shown(self, shown: ShownScript | None) -> None:
        """Draw the document in the other script (text and header; same offsets) or, None, as written."""
        self.state.set_shown(shown)
        self.relayout()

    def set_tokens(self, tokens: list[tuple[str, int, int]]) -> None:
        """Use jieba segments ``(word, start, end)`` for ``w``/``b``/``e``."""
        self.state.set_tokens(tokens)

    def goto(self, offset: int, *, cursor: bool = True) -> None:
        """Show ``offset`` near the top of the view (and put the cursor there)."""
        state = self.state
        if state.document is None:
            return
        offset = min(max(offset, 0), len(state.text))
        self._wrap_through(offset)
        state.last_jump = state.cursor
        if cursor:
            self._set_cursor(state.snap(offset), scroll=False)
        self._scroll_to_row(self._top_row_for(offset))

    def clear_selection(self) -> None:
        if self.state.sel_anchor is not None:
            self.state.sel_anchor = None
            self._after_selection_change()

    # ------------------------------------------------------------------ scrolling and jumping

    def action_scroll_lines(self, rows: int) -> None:
        self._scroll_by(rows * self.state.repeat)

    def action_scroll_pages(self, pages: int) -> None:
        self._scroll_by(pages * self.state.repeat * max(1, self._view_height - 2))

    def action_scroll_half(self, direction: int) -> None:
        self._scroll_by(direction * self.state.repeat * max(1, self._view_height // 2))

    def action_top(self) -> None:
        state = self.state
        if state.document is None:
            return
        state.last_jump = state.cursor
        self._wrap_through()
        self._scroll_to_row(0)
        self._set_cursor(state.snap(0), scroll=False)

    def action_bottom(self) -> None:
        self._wrap_through()
        layout = self._layout
        if layout is None or not layout.text_rows:
            return
        self.state.last_jump = self.state.cursor
        self._scroll_to_row(len(layout))
        self._set_cursor(self.state.snap(layout.lines[layout.text_rows[-1]].start), scroll=False)

    def action_heading(self, direction: int) -> None:
        if self.state.document is None:
            return
        target = self.state.heading_target(direction)
        if target is None:
            has = bool(self.state.heading_starts)
            self.notify("No more headings" if has else "This document has no headings", timeout=2)
            return
        self.goto(target)

    def action_motion(self, name: str) -> None:
        if self.state.document is None:
            return
        target = self.state.motion_target(name)
        self.state.sel_exclusive = name.endswith("_forward")
        self._set_cursor(target)

    def action_char(self, step: int) -> None:
        """``l`` / ``h``: the next or previous character (a lookup reads character by character)."""
        if self.state.document is None:
            return
        self.state.sel_exclusive = False
        self._set_cursor(self.state.char_target(step))

    def action_define(self) -> None:
        if self.state.text:
            self._post(pane_messages.DefineRequested(self.state.cursor))

    def action_toggle_script(self) -> None:
        if self.state.text:
            self._post(pane_messages.ScriptToggleRequested())

    def action_view(self) -> None:
        """``z`` then ``z`` / ``t`` / ``b``: put the cursor's line mid-screen, on top, at the bottom."""
        self.state.begin_pending("view")
        self.refresh()

    def _place_cursor_line(self, where: str) -> None:
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(self.state.cursor)
        height = self._view_height
        target = {"z": row - height // 2, "t": row, "b": row - height + 1}.get(where)
        if target is not None:
            self._scroll_to_row(target)

    # ------------------------------------------------------------------ selection and requests

    def action_select(self) -> None:
        if self.state.document is None:
            return
        self.state.toggle_selection()
        self._after_selection_change()

    def action_cancel(self) -> None:
        cancelled = self.state.cancel()
        if cancelled == "selection":
            self._after_selection_change()
        elif cancelled == "search":
            self.redraw_layers()
        elif cancelled is None:
            raise SkipAction()

    def action_copy(self) -> None:
        text = self.state.selected_text()
        if text is None:
            self.notify("Nothing selected: press v and move to select", timeout=2)
            return
        self.notify(copy_text(self.app, text), timeout=2)
        self.clear_selection()

    def action_annotate(self) -> None:
        span = self.state.annotate_range()
        # The selection stays: the screen clears it once the note is saved, so a
        # cancelled dialog leaves the passage selected.
        if span is not None:
            self._post(pane_messages.AnnotateRequested(*span))

    def action_watch_word(self) -> None:
        if not self.state.text:
            return
        word = self.state.word_under_cursor()
        if not word:
            self.notify("No word under the cursor", timeout=2)
            return
        self._post(pane_messages.WatchWordRequested(word))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy":  # y shows (and copies) only while there is a selection
            return self.state.sel_anchor is not None
        return True

    # ------------------------------------------------------------------ marks

    def action_mark(self) -> None:
        self.state.begin_pending("mark")
        self.refresh()

    def action_jump_mark(self) -> None:
        self.state.begin_pending("jump")
        self.refresh()

    def _finish_pending(self, pending: str, char: str) -> None:
        state = self.state
        doc = state.document
        if doc is None:
            return
        if pending == "view":
            self._place_cursor_line(char)
        elif pending == "mark":
            if not state.set_mark(char):
                self.notify("Marks are letters a–z, A–Z", severity="warning", timeout=2)
                return
            self.notify(f"Mark {char} set", timeout=1.5)
            self._post(pane_messages.MarksChanged(doc.id, state.marks))
        elif pending == "jump":
            target = state.mark_target(char)
            if target is None:
                self.notify(f"No mark {char}", severity="warning", timeout=2)
                return
            self.goto(target)

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        if self.state.document is None:
            return
        self.state.search.open()
        self.refresh()

    def action_search_next(self, direction: int) -> None:
        state = self.state
        if state.document is None:
            return
        found = state.search_next(direction)
        if found is None:
            self.notify("No search: press / to search", timeout=2)
            return
        index, start = found
        wrapped = start <= state.cursor if direction > 0 else start >= state.cursor
        self.goto_hit(start)
        note = " (from the top)" if wrapped and direction > 0 else " (from the end)" if wrapped else ""
        self.notify(f"{index + 1} of {len(state.search.hits)}{note}", timeout=1.5)

    def action_search_word(self) -> None:
        """Search for the word under the cursor (or the selection), like vim's ``*``."""
        state = self.state
        if not state.text:
            return
        span = state.search_word_span()
        if span is None:
            self.notify("No word under the cursor", timeout=2)
            return
        state.search.query = state.text[span[0] : span[1]].strip()
        self.clear_selection()
        self._run_search()

    def goto_hit(self, offset: int) -> None:
        """Move the cursor to ``offset``, scrolling only if it is off screen."""
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(offset)
        top, bottom = self._visible_rows()
        self.state.last_jump = self.state.cursor
        self._set_cursor(self.state.snap(offset), scroll=False)
        if not (top <= row < bottom):
            self._scroll_to_row(row - self._view_height // 3)

    def _run_search(self) -> None:
        state = self.state
        if state.document is None:
            return
        hits = state.search.run(state.text)
        self.set_layer("search", state.search_hits_as_spans())
        if not hits:
            self.notify(f"Not found: {state.search.query}", severity="warning", timeout=2)
            return
        index = state.search.step(state.cursor - 1, 1)
        self.goto_hit(hits[index][0])
        self.notify(f"{index + 1} of {len(hits)}", timeout=1.5)

    def _preview_search(self) -> None:
        """Highlight the hits of the query being typed (not on huge documents)."""
        state = self.state
        if state.document is None or len(state.text) > PREVIEW_CHARS:
            return
        typed = state.search.query.strip()
        from corpus.text.search import find_all  # not needed for the first frame

        hits = find_all(state.text, state.search.query) if typed else []
        state.search.preview_count = len(hits) if typed else None
        state.set_layer("search", state.search_hits_as_spans(hits))
        self.redraw_layers()

    # ------------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings (they are checked when the key bubbles up),
        # so the search prompt and the letter after m / ' / z take the key first.
        state = self.state
        if state.search.active:
            event.stop()
            event.prevent_default()
            outcome = state.search.key(event.key, event.character if event.is_printable else None)
            if outcome == "submit":
                self._run_search()
            elif outcome == "cancel":
                # back to the hits of the last search (the preview is dropped)
                self.set_layer("search", state.search_hits_as_spans())
            else:
                self._preview_search()
            self.refresh()
            return
        if state.pending is not None:
            event.stop()
            event.prevent_default()
            pending = state.take_pending()
            if pending is not None and event.character and event.key != "escape":
                self._finish_pending(pending, event.character)
            self.refresh()
            return
        if state.add_count_digit(event.character):
            event.stop()
            event.prevent_default()
            self.refresh()
            return
        if state.start_command():
            self.refresh()

    def on_paste(self, event: events.Paste) -> None:
        if self.state.search.active:
            event.stop()
            self.state.search.paste(event.text)
            self._preview_search()
            self.refresh()
