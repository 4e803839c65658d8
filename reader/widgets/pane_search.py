"""In-pane search for the reading pane: the prompt's editing state and the hits.

The prompt is drawn by the pane on its bottom row (a line-API widget has no
children), so this module keeps the query being typed (``SearchState``; no textual),
interprets the keys, and finds hits with the corpus's folded ``find_all``
(traditional/simplified, full/half width and case match).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

#: Longest document on which the search previews hits while typing.
PREVIEW_CHARS = 400_000


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
        from corpus.text.search import find_all  # at the first search, not at start-up

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


