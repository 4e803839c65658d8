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

import functools

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.model import Document, Span

from .. import motions
from ..layout import TEXT, DocumentLayout, header_lines, layout_document
from . import pane_keys, pane_messages, pane_search
from .pane_commands import PaneCommands
from .pane_view import PaneView
from .pane_render import (
    MARGIN,
    Layer,
    PaneStyles,
    resolve_styles,
    render_prompt,
    render_text_line,
    render_virtual_line,
)

#: Widest text column; wider panes centre it (long lines are hard to read).
DEFAULT_MEASURE = 100
#: Documents longer than this (characters) are wrapped progressively: the
#: blocks around the reading position first, the rest in a worker thread.
PROGRESSIVE_CHARS = 150_000
PROGRESSIVE_BLOCKS = 60


class ReadingPane(PaneCommands, PaneView, ScrollView, can_focus=True):
    """A document with a cursor, selection, search, marks and highlight layers."""

    #: Textual's own mouse text selection needs offsets this widget does not
    #: draw; the pane has its own (v + motions, or drag).
    ALLOW_SELECT = False
    BINDINGS = pane_keys.BINDINGS
    COMPONENT_CLASSES = pane_keys.COMPONENT_CLASSES
    DEFAULT_CSS = pane_keys.DEFAULT_CSS

    PositionChanged = pane_messages.PositionChanged
    CursorMoved = pane_messages.CursorMoved
    SelectionChanged = pane_messages.SelectionChanged
    AnnotateRequested = pane_messages.AnnotateRequested
    WatchWordRequested = pane_messages.WatchWordRequested
    NextDocument = pane_messages.NextDocument
    PreviousDocument = pane_messages.PreviousDocument
    MarksChanged = pane_messages.MarksChanged

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
        self._partial = False  # the layout covers only some blocks (huge document)
        self._layout_key: tuple | None = None
        self._build_full = None  # builds the whole layout while _partial
        self._restoring = False  # scrolling to restore the position: keep the cursor
        self._anchor = 0  # char offset kept at the top of the view
        self._cursor = 0
        self._sel_anchor: int | None = None
        self._sel_exclusive = False  # last motion landed on the start of a unit
        self._layers: dict[str, Layer] = {}
        self._words: motions.Words = motions.RunWords("")
        self._marks: dict[str, int] = {}
        self._drag_from: int | None = None  # mouse drag start offset
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
        # Saved state is user data on disk: skip anything malformed rather than fail.
        self._marks = {
            k: min(max(v, 0), limit)
            for k, v in marks.items()
            if isinstance(k, str) and len(k) == 1 and isinstance(v, int) and not isinstance(v, bool)
        }

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
        """Replace highlight layer ``kind`` (keyword/watch/search/annotation).

        Search spans set from outside (a corpus search opening this document)
        become the hits ``n`` / ``N`` step through.
        """
        if kind == "search":
            self.search.hits = sorted((s.start, s.end) for s in spans)
        self._apply_layer(kind, spans)

    def _apply_layer(self, kind: str, spans: list[Span]) -> None:
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
        self._cover(offset)
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
            return  # same width (a partial layout's worker is already running)
        meta = [", ".join(doc.authors), doc.date or "", doc.source or ""]
        with_title = not (doc.blocks and doc.blocks[0].type == "title")
        head = header_lines(doc.title, meta, measure, with_title=with_title)
        build = functools.partial(
            layout_document, doc.text, self._blocks, measure, head, header_after_first=not with_title
        )
        if len(doc.text) > PROGRESSIVE_CHARS and self.is_attached:
            # A huge document: wrap the blocks around the reading position now
            # (one screenful paints at once), the whole text in a thread.
            first = max(0, self._block_index(self._anchor) - 2)
            self._layout = build(only=(first, first + PROGRESSIVE_BLOCKS))
            self._partial = True
            self._build_full = build
            key = (doc.id, id(doc), measure)
            self._layout_key = key
            self.run_worker(
                lambda: self.app.call_from_thread(self._install_layout, build(), key),
                thread=True, exclusive=True, group="pane-layout", exit_on_error=False,
            )
        else:
            self._layout = build()
            self._partial = False
        self._line_cache.clear()
        self.virtual_size = Size(width, len(self._layout))

    def _cover(self, offset: int | None = None) -> None:
        """Make sure the layout reaches ``offset`` (None: the whole text) before jumping.

        While a huge document's full layout is still being built in a thread, a
        jump outside the first screenful wraps everything now instead.
        """
        layout = self._layout
        if not self._partial or layout is None or not layout.text_rows:
            return
        if offset is not None:
            first, last = layout.lines[layout.text_rows[0]], layout.lines[layout.text_rows[-1]]
            if first.start <= offset < last.end:
                return
        self._install_layout(self._build_full(), self._layout_key)

    def _block_index(self, offset: int) -> int:
        doc = self._document
        return doc.block_at(offset) if doc is not None and doc.blocks else 0

    def _install_layout(self, layout: DocumentLayout, key: tuple) -> None:
        """Swap in the full layout built in a thread, keeping the reading position."""
        doc = self._document
        if doc is None or key != self._layout_key or not self._partial:
            return  # another document or width since: stale
        anchor, cursor = self._anchor, self._cursor
        self._layout = layout
        self._partial = False
        self._line_cache.clear()
        self.virtual_size = Size(self.virtual_size.width, len(layout))
        self._restoring = True
        try:
            self.scroll_to(y=self._top_row_for(anchor), animate=False, force=True)
        finally:
            self._restoring = False
        self._anchor, self._cursor = anchor, cursor
        self._post_position()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self._document is None:
            return
        anchor = self._anchor
        old = self._layout.width if self._layout else None
        self._relayout()
        if self._layout is not None and self._layout.width != old:
            self._restoring = True
            try:
                self.scroll_to(y=self._top_row_for(anchor), animate=False, force=True)
            finally:
                self._restoring = False
            self._anchor = anchor
        self._line_cache.clear()
        self._post_position()  # percent depends on the height too

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
            self._styles = resolve_styles(self.rich_style, self.get_component_rich_style)
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        styles = self._get_styles()
        prompt = self.prompt()
        if prompt is not None and y == self.scrollable_content_region.height - 1:
            return render_prompt(*prompt, styles, width)
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
