"""The lookup popup: the dictionary's answer for the word at the cursor, next to the word.

Like a pop-up dictionary (Zhongwen, Pleco's reader) the popup sits under the
word's row, or above it near the bottom of the text, and follows the word as
the cursor moves; the text never reflows under it.

It draws a :class:`reader.lookup_session.LookupState` and nothing else: each
headword (the word, its dictionary parts, the longest match at the cursor and
the shorter ones) with simplified/traditional forms, pinyin read in the
sentence, HSK level, corpus counts and keyword flag, its definitions, and the
user's notes quoting the word. All text is appended as plain text (never
parsed as markup), so nothing from a document or a note can style the panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Offset, Region
from textual.widgets import Static

from ..lookup_session import LookupState
from ..shown import shown

if TYPE_CHECKING:
    from corpus.lexicon.lookup import Headword, Sense

MAX_SENSES = 4
MAX_DEFINITIONS = 6


def _sense(text: Text, sense: Sense, index: int) -> None:
    text.append(f"  {index}. ", style="dim")
    if sense.source == "glossary":
        text.append("glossary ", style="bold magenta")
    text.append(shown(sense.pinyin), style="green")
    if sense.traditional != sense.simplified:
        text.append(f"  {shown(sense.traditional)}", style="dim")
    text.append("  ")
    text.append(shown("; ".join(sense.definitions[:MAX_DEFINITIONS])) or "—")
    if len(sense.definitions) > MAX_DEFINITIONS:
        text.append(" …", style="dim")
    text.append("\n")
    if sense.note:
        text.append("     note: ", style="dim")
        text.append(shown(sense.note).replace("\n", " ") + "\n")


def _headword(text: Text, head: Headword, part: bool) -> None:
    first = head.entries[0] if head.entries else None
    text.append("  · " if part else "", style="dim")
    text.append(shown(head.text), style="bold")
    if first is not None and first.traditional not in (first.simplified, head.text):
        text.append(f" {shown(first.traditional)}", style="bold dim")
    text.append(f"  {shown(head.pinyin)}", style="bold green")
    if first is not None and first.hsk:
        text.append(f"  HSK {first.hsk}", style="cyan")
    stats = first.corpus if first is not None else None
    if stats is not None and stats.count == 0:
        text.append("  not in this corpus as a word", style="dim")
    elif stats is not None:
        docs = f"{stats.docs} document{'' if stats.docs == 1 else 's'}"
        text.append(f"  {stats.count}× in {docs}", style="dim")
        if stats.keyword:
            text.append("  keyword", style="yellow")
    text.append("\n")
    if not head.entries:
        text.append("  not in CC-CEDICT or your glossary" + ("; its parts:" if head.parts else "") + "\n",
                    style="italic dim")
    for i, sense in enumerate(head.entries[:MAX_SENSES], 1):
        _sense(text, sense, i)
    if len(head.entries) > MAX_SENSES:
        text.append(f"  … {len(head.entries) - MAX_SENSES} more\n", style="dim")


def render_state(state: LookupState) -> Text:
    """The panel's text for ``state`` (a pure function: tests call it directly)."""
    text = Text(no_wrap=False, overflow="fold")
    if state.loading or not state.headwords:
        text.append(shown(state.message) or "…", style="italic")
        return text
    for head in state.headwords:
        _headword(text, head, part=False)
        for part in head.parts:
            _headword(text, part, part=True)
    if state.notes:
        text.append(f"your notes quoting {shown(state.word)}:\n", style="bold")
        for quote, note in state.notes[:5]:
            text.append("  ✎ ", style="magenta")
            text.append(shown(quote).replace("\n", " ")[:80], style="italic")
            if note:
                text.append(" — " + shown(note).replace("\n", " ")[:80])
            text.append("\n")
    if state.kept:
        text.append("in your vocabulary list\n", style="green")
    if state.message:
        text.append(shown(state.message) + "\n", style="yellow")
    text.rstrip()
    return text


def popup_region(anchor: Offset, width: int, height: int, bounds: Region) -> Region:
    """Where the popup goes for a word drawn at ``anchor``: under the word's row if it fits
    (or has more room there), else above it; never over the word, never outside ``bounds``."""
    width = max(1, min(width, bounds.width))
    below = bounds.bottom - (anchor.y + 1)
    above = anchor.y - bounds.y
    if height <= below or below >= above:
        height = max(1, min(height, below))
        y = anchor.y + 1
    else:
        height = max(1, min(height, above))
        y = anchor.y - height
    x = min(max(anchor.x - 2, bounds.x), bounds.right - width)  # the border and padding left of the word
    return Region(x, y, width, height)


class LookupPanel(VerticalScroll, can_focus=False):
    """The lookup's answer in a popup next to the word (like a pop-up dictionary), while the lookup is open.

    :meth:`show` draws a state and puts the popup under the word's row, or above
    it when there is more room there (:func:`popup_region`); the text stays
    where it is and the word stays visible.
    """

    DEFAULT_CSS = """
    LookupPanel {
        position: absolute;
        overlay: screen;
        width: 72;
        height: auto;
        border: round $primary;
        border-subtitle-color: $text-muted;
        background: $panel;
        padding: 0 1;
        display: none;
    }
    LookupPanel.-open { display: block; }
    """
    #: Widest popup (cells, with its border); narrower screens get their width.
    WIDTH = 72
    SUBTITLE = "w b h l move · a note · s keep · + glossary · Esc"

    def __init__(self, **kwargs: Any) -> None:  # Any: Widget's own options (id, classes…), passed on
        super().__init__(**kwargs)
        self.state = LookupState(loading=True, message="loading the dictionary…")
        self.border_subtitle = self.SUBTITLE

    def compose(self) -> ComposeResult:
        yield Static(render_state(self.state), id="lookup-body")

    def show(self, state: LookupState, anchor: Offset | None = None, bounds: Region | None = None) -> None:
        """Draw ``state`` and open the popup next to ``anchor`` (screen cells) inside ``bounds``."""
        self.state = state
        body = render_state(state)
        if self.is_mounted:
            self.query_one("#lookup-body", Static).update(body)
            self.scroll_home(animate=False)
        self.add_class("-open")
        self.place(anchor, bounds, body)

    def place(self, anchor: Offset | None, bounds: Region | None, body: Text | None = None) -> None:
        """Move the popup next to ``anchor`` (the word moved on screen: a scroll, a resize)."""
        if anchor is None or bounds is None:
            return
        width = min(self.WIDTH, bounds.width)
        lines = (body or render_state(self.state)).wrap(self.app.console, max(1, width - 4))
        region = popup_region(anchor, width, len(lines) + 2, bounds)
        self.styles.offset = (region.x, region.y)
        self.styles.width = region.width
        self.styles.height = region.height

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")
