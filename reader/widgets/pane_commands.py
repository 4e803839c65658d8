"""What the reading pane's keys do: motions, selection, copy, search, marks, requests.

A mixin of ``ReadingPane`` (kept apart so each file stays small). It works on
the pane's state through the pane's own helpers (``_set_cursor``,
``_scroll_by``, ``goto`` …) and posts the pane's messages.
"""

from __future__ import annotations

from textual import events
from textual.actions import SkipAction

from corpus.model import Span

from .. import motions
from ..clipboard import copy_text
from ..layout import TEXT, char_width
from . import pane_messages
from .pane_search import SearchCommands


class PaneCommands(SearchCommands):
    """Actions and key handling of the reading pane."""

    #: Count typed before a key (vim's ``5j``); ``_repeat`` is what the key's action uses.
    _count = 0
    _repeat = 1

    def action_scroll_lines(self, rows: int) -> None:
        self._scroll_by(rows * self._repeat)

    def action_scroll_pages(self, pages: int) -> None:
        self._scroll_by(pages * self._repeat * max(1, self._view_height - 2))

    def action_scroll_half(self, direction: int) -> None:
        self._scroll_by(direction * self._repeat * max(1, self._view_height // 2))

    def action_top(self) -> None:
        if self._document is None:
            return
        self._last_jump = self._cursor
        self._cover()
        self._scroll_to_row(0)
        self._set_cursor(self._snap(0), scroll=False)

    def action_bottom(self) -> None:
        self._cover()
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
        target = None
        pos = self._cursor
        for _ in range(self._repeat):
            found = find(self._heading_starts, pos)
            if found is None:
                break
            target = pos = found
        if target is None:
            self.notify("No more headings" if self._heading_starts else "This document has no headings", timeout=2)
            return
        self.goto(target)

    def action_next_document(self) -> None:
        self._post(pane_messages.NextDocument())

    def action_previous_document(self) -> None:
        self._post(pane_messages.PreviousDocument())

    def action_motion(self, name: str) -> None:
        doc = self._document
        if doc is None:
            return
        new = self._cursor
        for _ in range(self._repeat):
            new = self._motion_step(name, new)
        self._sel_exclusive = name.endswith("_forward")
        self._set_cursor(self._snap(new))

    def _motion_step(self, name: str, pos: int) -> int:
        doc = self._document
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
        return new

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
        # The selection stays: the screen clears it once the note is saved, so a
        # cancelled dialog leaves the passage selected.
        self._post(pane_messages.AnnotateRequested(*sel))

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
        self._post(pane_messages.WatchWordRequested(word))

    def action_mark(self) -> None:
        self._pending = "mark"
        self.refresh()

    def action_jump_mark(self) -> None:
        self._pending = "jump"
        self.refresh()

    def action_view(self) -> None:
        """``z`` then ``z`` / ``t`` / ``b``: put the cursor's line mid-screen, on top, at the bottom."""
        self._pending = "view"
        self.refresh()

    def _place_cursor_line(self, where: str) -> None:
        layout = self._layout
        if layout is None:
            return
        row = layout.line_of(self._cursor)
        height = self._view_height
        target = {"z": row - height // 2, "t": row, "b": row - height + 1}.get(where)
        if target is not None:
            self._scroll_to_row(target)

    def _finish_pending(self, char: str) -> None:
        pending, self._pending = self._pending, None
        doc = self._document
        if doc is None:
            return
        if pending == "view":
            self._place_cursor_line(char)
        elif pending == "mark" and char.isascii() and char.isalpha():
            self._marks[char] = self._cursor
            self.notify(f"Mark {char} set", timeout=1.5)
            self._post(pane_messages.MarksChanged(doc.id, self._marks))
        elif pending == "mark":
            self.notify("Marks are letters a–z, A–Z", severity="warning", timeout=2)
        elif pending == "jump":
            if char == "'":
                target = self._last_jump
            else:
                target = self._marks.get(char)
            if target is None:
                self.notify(f"No mark {char}", severity="warning", timeout=2)
                return
            self.goto(target)

    # ------------------------------------------------------------------ keys

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings (they are checked when the key bubbles up),
        # so the search prompt and the letter after m / ' take the key first.
        if self.search.active:
            event.stop()
            event.prevent_default()
            outcome = self.search.key(event.key, event.character if event.is_printable else None)
            if outcome == "submit":
                self._run_search()
            elif outcome == "cancel":
                # back to the hits of the last search (the preview is dropped)
                self.set_layer("search", [Span(s, e, "search") for s, e in self.search.hits])
            else:
                self._preview_search()
            self.refresh()
            return
        if self._pending is not None:
            event.stop()
            event.prevent_default()
            if event.character and event.key != "escape":
                self._finish_pending(event.character)
            else:
                self._pending = None
            self.refresh()
            return
        # A count before a motion: digits accumulate (0 only after another digit).
        if event.character and event.character.isdigit() and event.character.isascii() and (
            self._count or event.character != "0"
        ):
            event.stop()
            event.prevent_default()
            self._count = min(self._count * 10 + int(event.character), 9999)
            self.refresh()
            return
        self._repeat = self._count or 1
        if self._count:
            self._count = 0
            self.refresh()

    def on_paste(self, event: events.Paste) -> None:
        if self.search.active:
            event.stop()
            self.search.paste(event.text)
            self._preview_search()
            self.refresh()

    def prompt(self) -> tuple[str, str, str] | None:
        """The bottom-row prompt: (prefix, typed text, hint) or None."""
        if self.search.active:
            count = self.search.preview_count
            hint = "" if count is None else f"  {count} match{'es' if count != 1 else ''}"
            return "/", self.search.query, hint
        if self._pending == "mark":
            return "mark: ", "", "  press a letter"
        if self._pending == "jump":
            return "jump to mark: ", "", "  press a letter (' = back)"
        if self._pending == "view":
            return "z", "", "  z = centre, t = top, b = bottom"
        if self._count:
            return "", str(self._count), "  then a motion (j k w b e ( ) { } [ ] n N)"
        return None

    def _offset_at(self, x: int, y: int) -> int | None:
        """Character offset under widget cell (x, y), or None off the text."""
        layout = self._layout
        doc = self._document
        if layout is None or doc is None or not layout.text_rows:
            return None
        row = min(max(self.scroll_offset.y + y, 0), len(layout) - 1)
        if layout.lines[row].kind != TEXT:
            nearer = layout.text_line_at_or_after(row)
            row = nearer if nearer is not None else layout.text_rows[-1]
        line = layout.lines[row]
        col = x - self._left
        pos, cells = line.start, 0
        while pos < line.end - 1 and cells + char_width(doc.text[pos]) <= col:
            cells += char_width(doc.text[pos])
            pos += 1
        return pos

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Click puts the cursor on a character; dragging selects (mouse users too)."""
        if event.button != 1:
            return
        pos = self._offset_at(event.x, event.y)
        if pos is None:
            return
        if self._sel_anchor is not None:
            self.clear_selection()
        self._drag_from = pos
        self._set_cursor(pos, scroll=False)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        start = self._drag_from
        if start is None or event.button != 1:
            return
        if event.y < 0 or event.y >= self._view_height:
            self._scroll_to_row(round(self.scroll_y) + (-1 if event.y < 0 else 1))
        pos = self._offset_at(event.x, min(max(event.y, 0), self._view_height - 1))
        if pos is None or (pos == start and self._sel_anchor is None):
            return
        if self._sel_anchor is None:
            self._sel_anchor = start
            self._sel_exclusive = False
        self._set_cursor(pos, scroll=False)
        self._after_selection_change()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()
