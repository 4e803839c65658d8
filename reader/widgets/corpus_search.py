"""``ctrl+f``: search the whole corpus; results with keyword-in-context snippets.

Typing searches (debounced, in a thread worker: 10,000 documents must not
freeze the keyboard); ↓ or Enter moves into the results; Enter on a result
closes the screen with a :class:`SearchChoice` and the main screen opens the
document at the hit with all its hits in the ``search`` layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from corpus import Corpus

#: Results shown at most (the count says how many there were).
MAX_SHOWN = 500


@dataclass(frozen=True)
class SearchChoice:
    doc_id: str
    start: int
    end: int
    query: str


def _search(corpus: Corpus, query: str) -> list[Any]:
    from corpus.text.search import search_corpus

    return list(search_corpus(corpus, query))


def _snippet(hit: Any, query: str) -> Text:
    from corpus.text.search import find_all

    snippet = " ".join(str(hit.snippet).split())
    text = Text(snippet, no_wrap=True, overflow="ellipsis")
    for start, end in find_all(snippet, query):
        text.stylize("bold reverse", start, end)
    return text


class CorpusSearchScreen(ModalScreen[SearchChoice | None]):
    """A search box over a list of hits."""

    BINDINGS = [
        Binding("escape", "dismiss_search", "Close", id="search.close", tooltip="Close the corpus search"),
        Binding("down", "to_results", "Results", show=False, id="search.to_results", tooltip="Go to the results"),
    ]

    def __init__(self, corpus: Corpus, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.initial = query
        self.hits: list[Any] = []
        self.query_text = ""
        self._timer: Timer | None = None
        self._focus_results = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial, placeholder="search the corpus (繁/简 folded)", id="search-input")
            yield Label("type to search · Enter/↓ results · Enter opens · Esc closes", id="search-count")
            yield OptionList(id="search-results")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # reported, never swallowed
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed", severity="error")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = f"Search {len(self.corpus)} documents"
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.2, lambda: self.run_search(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip() != self.query_text or self.workers:
            # Results are still coming: move to them when they arrive.
            self._focus_results = True
            self.run_search(event.value)
        else:
            self.action_to_results()

    def run_search(self, query: str) -> None:
        query = query.strip()
        self.query_text = query
        if not query:
            self._show([], "")
            return
        self.query_one("#search-count", Label).update("searching…")
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="corpus search")
    def _search_worker(self, query: str) -> None:
        try:
            hits = _search(self.corpus, query)
        except ImportError as exc:
            self.app.call_from_thread(self._say, f"search unavailable: {exc}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, hits, query)

    def _say(self, message: str) -> None:
        self.query_one("#search-count", Label).update(message)

    def _show(self, hits: list[Any], query: str) -> None:
        if query != self.query_text:
            return  # a newer search is on its way
        self.hits = hits[:MAX_SHOWN]
        results = self.query_one(OptionList)
        results.clear_options()
        docs = len({h.doc_id for h in hits})
        count = f"{len(hits)} hits in {docs} documents" if hits else ("no hits" if query else "")
        if len(hits) > MAX_SHOWN:
            count += f" (first {MAX_SHOWN} shown)"
        self.query_one("#search-count", Label).update(count)
        options = []
        for hit in self.hits:
            title = Text(str(hit.title or hit.doc_id), style="bold", no_wrap=True, overflow="ellipsis")
            options.append(Option(Text.assemble(title, "\n  ", _snippet(hit, query))))
        results.add_options(options)
        if options:
            results.highlighted = 0
        if self._focus_results:
            self._focus_results = False
            self.action_to_results()

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        self.dismiss(SearchChoice(hit.doc_id, hit.start, hit.end, self.query_text))
