"""Where the reader is in a document: cursor, selection, marks, search, pending keys.

Plain Python (no textual): :class:`~reader.widgets.reading_pane.ReadingPane`
draws from a :class:`PaneState` and turns keys into calls on it, so the
reading logic can be tested without an app. Every position is a character
offset of ``Document.text``; what a position looks like on screen is the
widget's business.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from corpus.model import Document, Span

from .. import motions
from .pane_layers import Layer
from .pane_search import SearchState

#: A key that waits for the next one: ``m`` (set a mark), ``'`` (jump to one), ``z`` (place the line).
Pending = Literal["mark", "jump", "view"]
#: Motions by name, as the pane's bindings spell them (``motion('word_forward')``).
MOTIONS = (
    "word_forward", "word_backward", "word_end",
    "sentence_forward", "sentence_backward",
    "paragraph_forward", "paragraph_backward",
)
#: A vim count is capped here: ``99999j`` is a typo, not a wish.
MAX_COUNT = 9999


def clean_marks(marks: dict[str, int], limit: int) -> dict[str, int]:
    """Saved marks (user data on disk) without anything malformed, clamped to ``0..limit``."""
    return {
        k: min(max(v, 0), limit)
        for k, v in marks.items()
        if isinstance(k, str) and len(k) == 1 and isinstance(v, int) and not isinstance(v, bool)
    }


@dataclass(frozen=True)
class ShownScript:
    """The document as shown in the other script (display only): its text, same length, so
    every offset, layer and the layout stay the document's; and its header, converted alike."""

    text: str
    title: str
    authors: tuple[str, ...] = ()
    source: str = ""


class PaneState:
    """The reading pane's model: one document and the reader's place in it."""

    def __init__(self) -> None:
        self.document: Document | None = None
        #: ``(start, end)`` of each block (one block for a text without any).
        self.blocks: list[tuple[int, int]] = []
        self.heading_starts: list[int] = []
        #: Where a paged document (PDF) turns a page: first block's start offset → its page,
        #: and the offset where a page starts inside a paragraph → that page.
        self.page_starts: dict[int, int] = {}
        #: The offsets inside paragraphs where a page starts (the layout breaks the row there).
        self.page_turns: list[int] = []
        self.words: motions.Words = motions.RunWords("")
        #: Highlight layers by kind (keyword, watch, annotation, search, …).
        self.layers: dict[str, Layer] = {}
        self.cursor = 0
        #: Where ``v`` started the selection (None: no selection).
        self.sel_anchor: int | None = None
        #: The last motion landed on the start of the next unit (``w``, ``)``, ``}``):
        #: the selection stops before it.
        self.sel_exclusive = False
        self.marks: dict[str, int] = {}
        #: Where the cursor was before the last jump (``''`` goes back).
        self.last_jump: int | None = None
        self.pending: Pending | None = None
        #: Digits typed before a key (vim's ``5j``); ``repeat`` is what that key's action uses.
        self.count = 0
        self.repeat = 1
        self.search = SearchState()
        #: The document in the other script, when shown (None: as written).
        self.shown: ShownScript | None = None

    # ------------------------------------------------------------------ document

    @property
    def text(self) -> str:
        return self.document.text if self.document is not None else ""

    def load(self, doc: Document, offset: int, marks: dict[str, int] | None = None) -> int:
        """Start reading ``doc`` at ``offset``; returns the offset clamped to the text."""
        self.document = doc
        self.blocks = [(b.start, b.end) for b in doc.blocks] or ([(0, len(doc.text))] if doc.text else [])
        self.heading_starts = [b.start for b in doc.blocks if b.type in ("heading", "title")]
        self.page_starts = {  # a new page with a block (the page the block before ended on is another)
            b.start: b.page for prev, b in itertools.pairwise(doc.blocks)
            if b.page is not None and prev.page is not None
            and b.page != (prev.turns[-1][1] if prev.turns else prev.page)
        }
        turns = {at: page for b in doc.blocks for at, page in b.turns}
        self.page_starts.update(turns)
        self.page_turns = sorted(turns)
        self.layers = {}
        self.words = motions.RunWords(doc.text, self.blocks)
        self.sel_anchor = None
        self.pending = None
        self.last_jump = None
        self.count, self.repeat = 0, 1
        self.search = SearchState()
        self.shown = None
        self.marks = clean_marks(marks or {}, len(doc.text))
        offset = min(max(offset, 0), len(doc.text))
        self.cursor = self.snap(offset)
        return offset

    def block_index(self, offset: int) -> int:
        doc = self.document
        return doc.block_at(offset) if doc is not None and doc.blocks else 0

    def set_layer(self, kind: str, spans: list[Span]) -> None:
        self.layers[kind] = Layer.build(spans)

    def set_tokens(self, tokens: list[tuple[str, int, int]]) -> None:
        self.words = motions.TokenWords(tokens)

    @property
    def display_text(self) -> str | None:
        """The text as drawn when it differs from the document's (the other script)."""
        return self.shown.text if self.shown is not None else None

    def set_shown(self, shown: ShownScript | None) -> None:
        """Draw ``shown`` instead of the document as written (None: as written); same length only."""
        if shown is not None and len(shown.text) != len(self.text):
            raise ValueError("the display text must have the document's length")
        self.shown = shown

    def header(self) -> tuple[str, list[str]]:
        """The title and the metadata line's parts (authors, date, source) as shown."""
        doc = self.document
        if doc is None:
            return "", []
        shown = self.shown
        title = shown.title if shown is not None else doc.title
        authors = shown.authors if shown is not None else tuple(doc.authors)
        source = shown.source if shown is not None else doc.source or ""
        return title, [", ".join(authors), doc.date or "", source]

    def snap(self, offset: int) -> int:
        """Nearest offset inside a block (never in a separator or past the end)."""
        doc = self.document
        if doc is None or not doc.text:
            return 0
        offset = min(max(offset, 0), len(doc.text) - 1)
        if not self.blocks:
            return offset
        start, end = self.blocks[min(self.block_index(offset), len(self.blocks) - 1)]
        if offset < start:
            return start
        if offset >= end:
            return max(start, end - 1)
        return offset

    # ------------------------------------------------------------------ selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """``(start, end)``, end exclusive, or None."""
        if self.sel_anchor is None or self.document is None:
            return None
        text = self.document.text
        anchor, cursor = self.sel_anchor, self.cursor
        if cursor > anchor and self.sel_exclusive:
            # The cursor was put on the start of the next unit (w, ), }):
            # select up to it, not including it, and without trailing space.
            end = cursor
            while end > anchor + 1 and text[end - 1].isspace():
                end -= 1
            return anchor, end
        a, b = sorted((anchor, cursor))
        return a, min(b + 1, len(text))

    def toggle_selection(self) -> None:
        self.sel_anchor = self.cursor if self.sel_anchor is None else None

    def selected_text(self) -> str | None:
        sel = self.selection
        return self.text[sel[0] : sel[1]] if sel is not None else None

    def annotate_range(self) -> tuple[int, int] | None:
        """What ``a`` annotates: the selection, or the sentence under the cursor."""
        doc = self.document
        if doc is None or not doc.text:
            return None
        return self.selection or motions.sentence_at(doc.text, self.blocks, self.cursor)

    def word_under_cursor(self, longest: int = 32) -> str:
        """A short selection, or the word at the cursor ("" if none)."""
        sel = self.selection
        if sel is not None and sel[1] - sel[0] <= longest:
            return self.text[sel[0] : sel[1]].strip()
        span = self.words.word_at(self.cursor)
        return self.text[span[0] : span[1]] if span else ""

    def search_word_span(self) -> tuple[int, int] | None:
        """What ``*`` searches for: the selection or the word at the cursor."""
        return self.selection or self.words.word_at(self.cursor)

    # ------------------------------------------------------------------ motions

    def motion_target(self, name: str) -> int:
        """Where motion ``name`` (repeated ``repeat`` times) puts the cursor."""
        pos = self.cursor
        for _ in range(self.repeat):
            pos = self._motion_step(name, pos)
        return self.snap(pos)

    def char_target(self, step: int) -> int:
        """``l`` / ``h`` (``repeat`` times): the next or previous character, over block gaps."""
        pos = self.cursor
        for _ in range(self.repeat):
            moved = self.snap(pos + step)
            if moved == pos:  # at a block's edge: jump over the separator
                moved = self.snap(pos + 2 * step)
            pos = moved
        return pos

    def _motion_step(self, name: str, pos: int) -> int:
        text, blocks, words = self.text, self.blocks, self.words
        if name == "word_forward":
            return motions.word_forward(words, pos)
        if name == "word_backward":
            return motions.word_backward(words, pos)
        if name == "word_end":
            return motions.word_end(words, pos)
        if name == "sentence_forward":
            return motions.sentence_forward(text, blocks, pos)
        if name == "sentence_backward":
            return motions.sentence_backward(text, blocks, pos)
        if name == "paragraph_forward":
            return motions.paragraph_forward(blocks, pos)
        if name == "paragraph_backward":
            return motions.paragraph_backward(blocks, pos)
        raise ValueError(f"unknown motion {name!r}")

    def heading_target(self, direction: int) -> int | None:
        """Start of the ``repeat``-th next (1) or previous (-1) heading, or None."""
        find = motions.next_heading if direction > 0 else motions.previous_heading
        target = None
        pos = self.cursor
        for _ in range(self.repeat):
            found = find(self.heading_starts, pos)
            if found is None:
                break
            target = pos = found
        return target

    # ------------------------------------------------------------------ keys

    def begin_pending(self, kind: Pending) -> None:
        self.pending = kind

    def take_pending(self) -> Pending | None:
        pending, self.pending = self.pending, None
        return pending

    def add_count_digit(self, character: str | None) -> bool:
        """A digit typed before a motion; False if ``character`` is not part of a count."""
        if not (character and character.isdigit() and character.isascii()):
            return False
        if not self.count and character == "0":
            return False  # 0 only continues a count
        self.count = min(self.count * 10 + int(character), MAX_COUNT)
        return True

    def start_command(self) -> bool:
        """A key that is not a digit: it uses the count typed so far. True if a count was used up."""
        self.repeat = self.count or 1
        had, self.count = self.count, 0
        return bool(had)

    def cancel(self) -> Literal["selection", "search", "pending"] | None:
        """Esc: drop the selection, else the search hits, else a pending key."""
        if self.sel_anchor is not None:
            self.sel_anchor = None
            return "selection"
        if self.search.hits:
            self.search.clear()
            self.set_layer("search", [])
            return "search"
        if self.pending is not None:
            self.pending = None
            return "pending"
        return None

    # ------------------------------------------------------------------ marks and jumps

    def set_mark(self, letter: str) -> bool:
        """``m`` + letter; False if ``letter`` is not a–z or A–Z."""
        if not (letter.isascii() and letter.isalpha()):
            return False
        self.marks[letter] = self.cursor
        return True

    def restore_marks(self, marks: dict[str, int]) -> None:
        self.marks = clean_marks(marks, len(self.text))

    def mark_target(self, letter: str) -> int | None:
        """``'`` + letter: the mark's offset (``''``: where the last jump started)."""
        return self.last_jump if letter == "'" else self.marks.get(letter)

    # ------------------------------------------------------------------ search

    def search_hits_as_spans(self, hits: list[tuple[int, int]] | None = None) -> list[Span]:
        return [Span(s, e, "search") for s, e in (self.search.hits if hits is None else hits)]

    def search_next(self, direction: int) -> tuple[int, int] | None:
        """``n``/``N`` (``repeat`` times): ``(hit index, start)``, or None without hits."""
        hits = self.search.hits
        if not hits:
            return None
        pos, index = self.cursor, 0
        for _ in range(self.repeat):
            index = self.search.step(pos, direction)
            pos = hits[index][0]
        return index, pos

    def prompt(self) -> tuple[str, str, str] | None:
        """The bottom-row prompt: (prefix, typed text, hint) or None."""
        if self.search.active:
            count = self.search.preview_count
            hint = "" if count is None else f"  {count} match{'es' if count != 1 else ''}"
            return "/", self.search.query, hint
        if self.pending == "mark":
            return "mark: ", "", "  press a letter"
        if self.pending == "jump":
            return "jump to mark: ", "", "  press a letter (' = back)"
        if self.pending == "view":
            return "z", "", "  z = centre, t = top, b = bottom"
        if self.count:
            return "", str(self.count), "  then a motion (j k w b e ( ) { } [ ] n N)"
        return None
