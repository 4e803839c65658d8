"""In-pane search for the reading pane: the prompt's editing state and the hits.

The prompt is drawn by the pane on its bottom row (a line-API widget has no
children), so this module keeps the query being typed (``SearchState``),
interprets the keys, and finds hits with the corpus's folded ``find_all``
(traditional/simplified, full/half width and case match).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from corpus.model import Span

from corpus.text.search import find_all as _find_all


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of ``query`` in ``text`` (folded; blank query: none)."""
    query = query.strip()
    if not query or not text:
        return []
    return _find_all(text, query)


class SearchState:
    """The query being typed (``active``) and the hits of the last search."""

    def __init__(self) -> None:
        self.active = False
        self.query = ""
        self.hits: list[tuple[int, int]] = []
        self.preview_count: int | None = None  # matches of the query being typed
        self._previous = ""

    def open(self) -> None:
        self.active = True
        self.preview_count = None
        self._previous = self.query
        self.query = ""

    def clear(self) -> None:
        self.hits = []

    def key(self, key: str, character: str | None) -> str:
        """Apply one key press; returns "submit", "cancel" or "edit"."""
        if key == "enter":
            self.active = False
            if not self.query.strip():
                self.query = self._previous  # Enter on empty repeats the last search
            return "submit" if self.query.strip() else "cancel"
        if key == "escape":
            self.active = False
            self.query = self._previous
            return "cancel"
        if key == "backspace":
            if not self.query:
                self.active = False
                self.query = self._previous
                return "cancel"
            self.query = self.query[:-1]
        elif key == "ctrl+u":
            self.query = ""
        elif key == "ctrl+w":
            self.query = self.query.rstrip()
            cut = max(self.query.rfind(" "), -1)
            self.query = self.query[: cut + 1] if cut >= 0 else ""
        elif character and character.isprintable():
            self.query += character
        return "edit"

    def paste(self, text: str) -> None:
        self.query += " ".join(text.split())

    def run(self, text: str) -> list[tuple[int, int]]:
        self.hits = find_all(text, self.query)
        return self.hits

    def step(self, cursor: int, direction: int) -> int:
        """Index of the next (``direction`` 1) or previous (-1) hit from ``cursor``, wrapping."""
        starts = [s for s, _ in self.hits]
        if direction > 0:
            i = bisect_right(starts, cursor)
            return i if i < len(starts) else 0
        i = bisect_left(starts, cursor) - 1
        return i if i >= 0 else len(starts) - 1

#: Longest document on which the search previews hits while typing.
PREVIEW_CHARS = 400_000


class SearchCommands:
    """``/``, ``n``, ``N``, ``*`` of the reading pane."""

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
        pos = self._cursor
        for _ in range(self._repeat):
            index = self.search.step(pos, direction)
            pos = self.search.hits[index][0]
        start = pos
        wrapped = start <= self._cursor if direction > 0 else start >= self._cursor
        self.goto_hit(start)
        note = " (from the top)" if wrapped and direction > 0 else " (from the end)" if wrapped else ""
        self.notify(f"{index + 1} of {len(self.search.hits)}{note}", timeout=1.5)

    def action_search_word(self) -> None:
        """Search for the word under the cursor (or the selection), like vim's ``*``."""
        doc = self._document
        if doc is None or not doc.text:
            return
        sel = self.selection
        span = sel if sel is not None else self._words.word_at(self._cursor)
        if span is None:
            self.notify("No word under the cursor", timeout=2)
            return
        self.search.query = doc.text[span[0] : span[1]].strip()
        self.clear_selection()
        self._run_search()

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

    def _preview_search(self) -> None:
        """Highlight the hits of the query being typed (not on huge documents)."""
        doc = self._document
        if doc is None or len(doc.text) > PREVIEW_CHARS:
            return
        hits = find_all(doc.text, self.search.query) if self.search.query.strip() else []
        self.search.preview_count = len(hits) if self.search.query.strip() else None
        self._apply_layer("search", [Span(s, e, "search") for s, e in hits])
