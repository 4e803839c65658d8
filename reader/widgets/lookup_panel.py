"""The lookup panel: the dictionary's answer for the word at the cursor.

Draws a :class:`reader.lookup_session.LookupState` and nothing else: each
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
from textual.widgets import Static

from ..lookup_session import LookupState

if TYPE_CHECKING:
    from corpus.lexicon.lookup import Headword, Sense

HINT = "w/b word · l/h character · a annotate · W watch · + glossary · s keep · Esc close"
MAX_SENSES = 4
MAX_DEFINITIONS = 6


def _sense(text: Text, sense: Sense, index: int) -> None:
    text.append(f"  {index}. ", style="dim")
    if sense.source == "glossary":
        text.append("glossary ", style="bold magenta")
    text.append(sense.pinyin, style="green")
    if sense.traditional != sense.simplified:
        text.append(f"  {sense.traditional}", style="dim")
    text.append("  ")
    text.append("; ".join(sense.definitions[:MAX_DEFINITIONS]) or "—")
    if len(sense.definitions) > MAX_DEFINITIONS:
        text.append(" …", style="dim")
    text.append("\n")
    if sense.note:
        text.append("     note: ", style="dim")
        text.append(sense.note.replace("\n", " ") + "\n")


def _headword(text: Text, head: Headword, part: bool) -> None:
    first = head.entries[0] if head.entries else None
    text.append("  · " if part else "", style="dim")
    text.append(head.text, style="bold")
    if first is not None and first.traditional not in (first.simplified, head.text):
        text.append(f" {first.traditional}", style="bold dim")
    text.append(f"  {head.pinyin}", style="bold green")
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
        text.append(state.message or "…", style="italic")
        text.append("\n" + HINT, style="dim")
        return text
    for head in state.headwords:
        _headword(text, head, part=False)
        for part in head.parts:
            _headword(text, part, part=True)
    if state.notes:
        text.append(f"your notes quoting {state.word}:\n", style="bold")
        for quote, note in state.notes[:5]:
            text.append("  ✎ ", style="magenta")
            text.append(quote.replace("\n", " ")[:80], style="italic")
            if note:
                text.append(" — " + note.replace("\n", " ")[:80])
            text.append("\n")
    if state.kept:
        text.append("in your vocabulary list\n", style="green")
    if state.message:
        text.append(state.message + "\n", style="yellow")
    text.append(HINT, style="dim")
    return text


class LookupPanel(VerticalScroll, can_focus=False):
    """The lookup's answer, docked under the text while the lookup is open."""

    DEFAULT_CSS = """
    LookupPanel {
        dock: bottom;
        height: auto;
        max-height: 45%;
        border-top: solid $primary;
        background: $panel;
        padding: 0 1;
        display: none;
    }
    LookupPanel.-open { display: block; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = LookupState(loading=True, message="loading the dictionary…")

    def compose(self) -> ComposeResult:
        yield Static(render_state(self.state), id="lookup-body")

    def show(self, state: LookupState) -> None:
        """Draw ``state`` and open the panel."""
        self.state = state
        if self.is_mounted:
            self.query_one("#lookup-body", Static).update(render_state(state))
            self.scroll_home(animate=False)
        self.add_class("-open")

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")
