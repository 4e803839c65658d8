"""``V``: the vocabulary list — the words kept from lookups, with their sentences.

A table (word, pinyin, gloss, looked up, document, sentence) in one of three
orders (``s`` cycles: newest, most looked up, by document). ``Enter`` goes back
to the sentence the word was kept from (the screen is dismissed with the
document id and the word's offsets); ``d`` removes a word; ``Esc`` returns.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from annotations.vocab import ORDERS, VocabEntry, Vocabulary
from corpus.lexicon.jsonstore import DocumentLocked, DocumentUnreadable

from ..shown import shown, shown_text
from ..widgets.key_bar import KeyBar
from ..widgets.title_bar import TitleBar


def cut(text: str, cells: int) -> Text:
    """``text`` as plain Text in at most ``cells`` terminal cells, an ellipsis where it is cut."""
    line = Text(" ".join(shown(text).split()), no_wrap=True)
    line.truncate(cells, overflow="ellipsis")
    return line


ORDER_NAMES = {"newest": "newest first", "most": "most looked up", "document": "by document"}
#: Where to go back to: (document id, start, end).
Place = tuple[str, int, int]


class VocabularyScreen(Screen[Place | None]):
    DEFAULT_CSS = """
    VocabularyScreen #vocab-status { height: 1; padding: 0 1; color: $text-muted; }
    VocabularyScreen DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="vocab.close", tooltip="Back to the text"),
        # Priority: before the table's own Enter (which only selects the row).
        Binding("enter", "open", "Go to sentence", priority=True, id="vocab.open",
                tooltip="Open the document at the word's sentence"),
        Binding("s", "cycle_order", "Order", id="vocab.order", tooltip="Newest first, most looked up, by document"),
        Binding("d", "remove", "Remove", id="vocab.remove", tooltip="Remove the word from the vocabulary list"),
    ]

    def __init__(self, vocabulary: Vocabulary | None = None, order: str = "newest") -> None:
        super().__init__()
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self.order = order
        self.entries: list[VocabEntry] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="vocab-status")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="vocab-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "reader · vocabulary"
        table = self.query_one(DataTable)
        table.add_columns("word", "pinyin", "gloss", "looked up", "document", "sentence")
        self.reload()
        table.focus()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        status = self.query_one("#vocab-status", Static)
        table.clear()
        try:
            self.entries = self.vocabulary.entries(self.order)
        except DocumentUnreadable as exc:
            self.entries = []
            status.update(shown_text(str(exc)))  # it names the file: never markup
            return
        for e in self.entries:
            # Cells are Text (a str cell is parsed as markup) cut with an ellipsis.
            table.add_row(shown_text(e.word), shown_text(e.pinyin), cut(e.gloss, 40), str(e.lookups), cut(e.title, 24),
                          cut(e.sentence, 60), key=e.id)
        count = f"{len(self.entries)} word{'' if len(self.entries) == 1 else 's'}"
        status.update(f"{count} · {ORDER_NAMES[self.order]} · "
                      "Enter go to the sentence · s order · d remove · reader vocab --export anki -o FILE")

    def _current(self) -> VocabEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0 or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def action_open(self) -> None:
        entry = self._current()
        if entry is not None and entry.doc_id:
            self.dismiss((entry.doc_id, entry.start, entry.end))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_cycle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.reload()

    def action_remove(self) -> None:
        entry = self._current()
        if entry is None:
            return
        try:
            self.vocabulary.remove(entry.id)
        except (DocumentUnreadable, DocumentLocked, OSError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"removed {entry.word}")
        self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
