"""``ctrl+f``: search the whole corpus with the query language, as you type.

Results come from the corpus's search index (:mod:`corpus.index`): one row per
document (title, section, date, hit count, the first hit in context), ranked
by BM25, reading order or date (``ctrl+o``). Section and year filters cycle
from the keyboard (``ctrl+s``, ``ctrl+y``) and are added to the query as
``section:`` and ``date:`` terms. A malformed query shows its one-line error
(``unbalanced parenthesis at 14``) in place of the count.

The index is opened, and brought up to date, by an app-level worker the first
time ``ctrl+f`` is pressed for a corpus (progress shows in the count line); until
it is done, files it lacks are scanned, so results are complete, only slower.
Each keystroke searches in a thread worker; a newer query discards older answers.
Enter on a result closes the screen with a :class:`SearchChoice` and the main
screen opens the document at the hit, its hits highlighted by the pane's own
search.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from corpus import Corpus, Document

from ..shown import shown_text

if TYPE_CHECKING:
    from corpus.index import CorpusIndex, SearchResults
    from corpus.index.query import Node

#: Documents shown per search (the count says how many matched).
PAGE = 40
#: Wait this long after a keystroke before searching (typing fast searches once).
DEBOUNCE = 0.04
SORTS = ("rank", "order", "date")
PLACEHOLDER = 'search: 跨境电商 海外仓 · a OR b · -杭州 · "exact phrase" · a NEAR/10 b · title: date:2023-08'


@dataclass(frozen=True)
class SearchChoice:
    doc_id: str
    start: int
    end: int
    query: str  # the text of the hit: the pane searches it as an exact phrase


@dataclass
class IndexState:
    """The search index of one loaded corpus and how its update is going (plain state)."""

    corpus: Corpus
    index: CorpusIndex | None = None
    done: int = 0
    total: int = 0
    building: bool = False
    started: bool = False
    message: str = ""  # a problem to show ('' when none)
    updated_at: float = field(default=0.0)
    #: Set once the index is opened (or failed to open): searches wait for it
    #: instead of opening (and checking) a second copy.
    opened: threading.Event = field(default_factory=threading.Event)

    def describe(self) -> str:
        if self.building:
            pct = f" {100 * self.done // self.total}%" if self.total else ""
            return f"building the search index{pct} (results complete, slower until it is done)"
        return self.message


_STATE: IndexState | None = None


def index_state(app: App[object], corpus: Corpus) -> IndexState:
    """The one :class:`IndexState` of ``corpus``; starts its update the first time."""
    global _STATE
    if _STATE is None or _STATE.corpus is not corpus:
        _STATE = IndexState(corpus)
    state = _STATE
    if not state.started:
        state.started = True
        state.building = True
        # An app-level worker: closing the search screen must not stop the build.
        app.run_worker(lambda: _update_index(state), thread=True, group="search-index", exclusive=True,
                       exit_on_error=False, description="search index")
    return state


def _update_index(state: IndexState) -> None:
    from corpus.index import IndexBusy, open_index
    from corpus.index.engine import EngineError

    worker = get_current_worker()
    try:
        try:
            index = open_index(state.corpus)
            state.index = index
        finally:
            state.opened.set()
        if not index.ready or index.removed_files:

            def progress(done: int, total: int) -> None:
                state.done, state.total = done, total

            index.update(progress=progress, cancel=lambda: worker.is_cancelled)
    except IndexBusy as exc:
        state.message = f"{exc}; files it lacks are scanned"
    except (EngineError, OSError) as exc:
        state.message = f"search index unavailable ({exc}); scanning instead"
    finally:
        state.building = False
        state.updated_at = time.monotonic()


def _row(doc_title: str, meta: str, count: int, snippet: Text) -> Text:
    title = shown_text(doc_title, style="bold", no_wrap=True, overflow="ellipsis")
    info = Text(f"  {count} hit{'' if count == 1 else 's'}" + (f" · {meta}" if meta else ""), style="dim")
    return Text.assemble(title, info, "\n  ", snippet)


def _first_in_body(doc: Document, hits: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The hit to show and open: the first one after the title when there is one (the title
    is on the row already), else the first."""
    if not hits:
        return 0, 0
    body = doc.blocks[0].end if doc.blocks and doc.blocks[0].type == "title" else 0
    return next(((s, e) for s, e in hits if s >= body), hits[0])


class CorpusSearchScreen(ModalScreen[SearchChoice | None]):
    """A query box over a list of matching documents."""

    DEFAULT_CSS = """
    CorpusSearchScreen { align: center middle; }
    #search-box { width: 90%; height: 85%; border: thick $primary; background: $surface; padding: 0 1; }
    #search-count { color: $text-muted; padding: 0 1; }
    #search-results { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_search", "Close", id="search.close", tooltip="Close the corpus search"),
        Binding("down", "to_results", "Results", show=False, id="search.to_results", tooltip="Go to the results"),
        Binding("ctrl+o", "cycle_sort", "Sort", id="search.sort",
                tooltip="Sort results: best first (rank), reading order, date"),
        Binding("ctrl+s", "cycle_section", "Section", id="search.section",
                tooltip="Only one section (cycles through the sections, then all)"),
        Binding("ctrl+y", "cycle_year", "Year", id="search.year",
                tooltip="Only one year (cycles through the years, then all)"),
    ]

    def __init__(self, corpus: Corpus, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.initial = query
        self.results: SearchResults | None = None
        self.hits: list[tuple[str, int, int]] = []  # per row: doc id and its first hit
        self.query_text = ""
        self.sort = "rank"
        self.section: str | None = None
        self.year: str | None = None
        self.state: IndexState | None = None
        self._timer: Timer | None = None
        self._focus_results = False
        self._sections = [name for name, _docs in corpus.sections() if '"' not in name]
        self._years = sorted({d.date[:4] for d in corpus.documents if d.date and d.date[:4].isdigit()}, reverse=True)
        self._last_status = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial, placeholder=PLACEHOLDER, id="search-input")
            yield Label("", id="search-filters")
            yield Label("type to search · Enter/↓ results · Enter opens · Esc closes", id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = f"Search {len(self.corpus)} documents"
        self.state = index_state(self.app, self.corpus)
        self._show_filters()
        self.query_one(Input).focus()
        self.set_interval(0.25, self._watch_index)
        if self.initial.strip():
            self.run_search(self.initial)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:  # reported, never swallowed
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed", severity="error")

    # -- the index's progress ----------------------------------------------------------------

    def _watch_index(self) -> None:
        state = self.state
        if state is None:
            return
        status = state.describe()
        if status != self._last_status:
            was_building = self._last_status.startswith("building")
            self._last_status = status
            if self.results is not None or not self.query_text:
                self._show_count()
            if was_building and not state.building and self.query_text:
                self.run_search(self.query_one(Input).value)  # now from the whole index

    # -- typing -----------------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._full_query(event.value) != self.query_text or self.workers:
            self._focus_results = True  # results are still coming: move to them when they arrive
            self.run_search(event.value)
        else:
            self.action_to_results()

    def _full_query(self, typed: str) -> str:
        parts = [typed.strip()] if typed.strip() else []
        if self.section:
            parts.append(f'section:"{self.section}"')
        if self.year:
            parts.append(f"date:{self.year}")
        if len(parts) > 1 and typed.strip():
            parts[0] = f"({parts[0]})"
        return " ".join(parts)

    def run_search(self, typed: str) -> None:
        from corpus.index import QuerySyntaxError, parse_query

        query = self._full_query(typed)
        self.query_text = query
        if not query:
            self._show(None, "")
            return
        try:
            if typed.strip():
                parse_query(typed)  # errors point into what was typed, not the filters
            node = parse_query(query)
        except QuerySyntaxError as exc:
            self._say(Text(f"⚠ {exc}", style="bold red"))
            return
        self._search_worker(query, node)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="corpus search")
    def _search_worker(self, query: str, node: Node) -> None:
        worker = get_current_worker()
        state = self.state
        if state is not None:
            state.opened.wait(10)
        index = state.index if state is not None else None
        if index is None:
            from corpus.index import open_index

            index = open_index(self.corpus)  # the update worker has yet to open it
        results = index.search(node, sort=self.sort, limit=PAGE, cancel=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, results, query)

    # -- drawing ------------------------------------------------------------------------------

    def _say(self, message: str | Text) -> None:
        # Plain text: messages quote the index's errors and what was typed.
        self.query_one("#search-count", Label).update(Text(message) if isinstance(message, str) else message)

    def _show_filters(self) -> None:
        bits = [f"sort: {self.sort} (ctrl+o)", f"section: {self.section or 'all'} (ctrl+s)",
                f"year: {self.year or 'all'} (ctrl+y)"]
        self.query_one("#search-filters", Label).update(Text("  ·  ".join(bits), style="dim"))

    def _show_count(self) -> None:
        results = self.results
        status = self.state.describe() if self.state is not None else ""
        if results is None:
            text = "type to search · Enter/↓ results · Enter opens · Esc closes"
        elif not results.total_docs:
            text = "no matches"
        else:
            total = f"{results.total_docs}" if results.total_exact else f"at most {results.total_docs}"
            text = f"{total} document{'' if results.total_docs == 1 else 's'}"
            if results.total_docs > len(results.groups):
                text += f" (first {len(results.groups)} shown)"
        self._say(text + (f" · {status}" if status else ""))

    def _show(self, results: SearchResults | None, query: str) -> None:
        from corpus.text.search import snippet_and_span

        if query != self.query_text:
            return  # a newer search is on its way
        self.results = results if query else None
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        self.hits = []
        self._show_count()
        if results is None:
            return
        options = []
        for group in results.groups:
            doc = self.corpus.get(group.doc_id)
            if doc is None:
                continue
            start, end = _first_in_body(doc, group.hits)
            if group.hits:
                snip, span = snippet_and_span(doc.text, start, end)
                snippet = shown_text(snip, no_wrap=True, overflow="ellipsis")
                snippet.stylize("bold reverse", *span)
            else:
                snippet = Text("(matched by its fields)", style="dim italic")
            meta = " · ".join(x for x in (doc.section, doc.date or "") if x)
            options.append(Option(_row(doc.title or doc.id, meta, group.count, snippet)))
            self.hits.append((doc.id, start, end))
        option_list.add_options(options)
        if options:
            option_list.highlighted = 0
        if self._focus_results:
            self._focus_results = False
            self.action_to_results()

    # -- keys -----------------------------------------------------------------------------------

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._refilter()

    def action_cycle_section(self) -> None:
        self.section = _next(self._sections, self.section)
        self._refilter()

    def action_cycle_year(self) -> None:
        self.year = _next(self._years, self.year)
        self._refilter()

    def _refilter(self) -> None:
        self._show_filters()
        self.run_search(self.query_one(Input).value)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        doc_id, start, end = self.hits[event.option_index]
        doc = self.corpus.get(doc_id)
        text = doc.text[start:end] if doc is not None and end > start else ""
        self.dismiss(SearchChoice(doc_id, start, end, text))


def _next(values: list[str], current: str | None) -> str | None:
    """The value after ``current`` (None means all; after the last comes all again)."""
    if not values:
        return None
    if current is None or current not in values:
        return values[0]
    i = values.index(current) + 1
    return values[i] if i < len(values) else None
