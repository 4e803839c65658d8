"""The keywords tab: top words of the document with counts and a weight bar.

Enter on a word jumps to its next occurrence (again and again, wrapping), so
a reader can walk through every place the word is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus import Span

if TYPE_CHECKING:
    from corpus.text.keywords import Keyword

BAR_WIDTH = 8
BLOCKS = " ▏▎▍▌▋▊▉█"


def weight_bar(weight: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar with eighth-cell resolution for ``weight`` in 0..1."""
    weight = min(max(weight, 0.0), 1.0)
    eighths = round(weight * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BLOCKS[part] if part else "")
    return bar.ljust(width)


class KeywordsPanel(OptionList):
    """Keywords of the current document; posts :class:`KeywordsPanel.Jump`."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="keywords.down", tooltip="Next keyword"),
        Binding("k", "cursor_up", "Up", show=False, id="keywords.up", tooltip="Previous keyword"),
    ]

    class Jump(Message):
        """Go to an occurrence of ``word``: ``text[start:end]``, number ``n`` of ``total``."""

        def __init__(self, word: str, start: int, end: int, n: int, total: int) -> None:
            super().__init__()
            self.word = word
            self.start = start
            self.end = end
            self.n = n
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words: list[str] = []
        self.occurrences: dict[str, list[tuple[int, int]]] = {}
        self._next: dict[str, int] = {}
        self._shown_from: tuple[list[Keyword], list[Span]] | None = None  # what set_keywords drew last

    def show_pending(self, message: str) -> None:
        self._shown_from = None
        self.clear_options()
        self.words = []
        self.add_option(Option(Text(message, style="dim italic"), disabled=True))

    def set_keywords(self, keywords: Sequence[Keyword], spans: Sequence[Span], shown: str | None = None) -> None:
        """``keywords``: objects with ``word``, ``weight``, ``count``; ``spans``: their occurrences;
        ``shown``: the text in the other script (same offsets), to label each word as it is drawn."""
        self._shown_from = (list(keywords), list(spans))
        self.clear_options()
        self.occurrences = {}
        for span in spans:
            self.occurrences.setdefault(str(span.data), []).append((span.start, span.end))
        self._next = {}
        self.words = [k.word for k in keywords]
        if not keywords:
            self.show_pending("no keywords")
            return
        width = max(len(w) for w in self.words) * 2  # CJK: two cells a character
        options = []
        for kw in keywords:
            places = self.occurrences.get(kw.word, ())
            count = len(places) or kw.count
            label = kw.word
            if shown is not None and places and len(shown) >= places[0][1]:
                label = shown[places[0][0] : places[0][1]]  # the word as the pane shows it
            pad = " " * max(width - _cells(label), 0)
            row = Text.assemble((label, "bold"), pad, (f" {count:>4} ", "dim"), (weight_bar(kw.weight), "green"))
            options.append(Option(row))
        self.add_options(options)

    def show_script(self, shown: str | None) -> None:
        """Label the keywords from ``shown`` (the other script) or, None, as written."""
        if self._shown_from is not None:
            self.set_keywords(*self._shown_from, shown=shown)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index >= len(self.words):
            return
        word = self.words[event.option_index]
        places = self.occurrences.get(word, [])
        if not places:
            return
        n = self._next.get(word, 0) % len(places)
        self._next[word] = n + 1
        start, end = places[n]
        self.post_message(self.Jump(word, start, end, n + 1, len(places)))


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
