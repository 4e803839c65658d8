"""The main screen: library · reading pane · side panel, and the workers that feed them.

The screen mediates: widgets post messages upward (``Library.Selected``,
``ReadingPane.PositionChanged``, ``Outline.Jump`` …) and the screen decides
what happens. Slow things — loading the corpus, jieba tokens, the keyword
index, corpus search — run in thread workers that report back by message or
``call_from_thread``; only this thread touches widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from corpus import Corpus, Document

from .. import doc_layers
from ..widgets.keywords_panel import KeywordsPanel
from ..widgets.library import Library
from ..widgets.outline import Outline
from ..widgets.reading_pane import ReadingPane
from ..widgets.side_panel import SidePanel
from ..widgets.status_bar import StatusBar
from .annotating import AnnotationHooks
from .highlighting import HighlightWork
from .loading import CorpusLoading

if TYPE_CHECKING:
    from ..app import ReaderApp

#: Worker groups that Escape cancels.
LONG_WORK = ("corpus", "keywords", "search")


class MainScreen(CorpusLoading, HighlightWork, AnnotationHooks, Screen[None]):
    """Library on the left, the document in the middle, tabs on the right."""

    BINDINGS = [
        Binding("tab", "cycle_focus(1)", "Next area", show=False, id="main.focus_next",
                tooltip="Move focus: library → text → side panel"),
        Binding("shift+tab", "cycle_focus(-1)", "Previous area", show=False, id="main.focus_previous",
                tooltip="Move focus: side panel → text → library"),
        Binding("J", "next_document", "Next doc", show=False, id="main.next_document",
                tooltip="Open the next document in the library"),
        Binding("K", "previous_document", "Prev doc", show=False, id="main.previous_document",
                tooltip="Open the previous document in the library"),
        Binding("ctrl+f", "search_corpus", "Search all", id="main.search_corpus",
                tooltip="Search the whole corpus"),
        Binding("ctrl+l", "filter_library", "Filter", show=False, id="main.filter_library",
                tooltip="Filter the library as you type"),
        Binding("ctrl+k", "toggle_keywords", "Keywords", id="main.toggle_keywords",
                tooltip="Show or hide the keyword highlights"),
        Binding("A", "annotations", "All notes", id="main.annotations",
                tooltip="All notes: filter by tag or text, rename tags, re-attach orphans, export"),
        # annotation UI (G): jump between this document's notes (actions in annotating.py)
        Binding(">", "next_annotation", "Next note", show=False, id="main.next_annotation",
                tooltip="Cursor to the next annotation in this document"),
        Binding("<", "previous_annotation", "Previous note", show=False, id="main.previous_annotation",
                tooltip="Cursor to the previous annotation in this document"),
        Binding("S", "stats", "Stats", id="main.stats", tooltip="Charts: sections, keywords, where words occur"),
        Binding("ctrl+b", "toggle_panel", "Panel", show=False, id="main.toggle_panel",
                tooltip="Show or hide the side panel"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="main.reload",
                tooltip="Index the corpus again (new or changed files)"),
        Binding("escape", "cancel_work", "Cancel", show=False, priority=True, id="main.cancel",
                tooltip="Cancel indexing or keyword computation"),
    ]

    class CorpusProgress(Message):
        def __init__(self, task: str, done: int, total: int | None) -> None:
            super().__init__()
            self.task, self.done, self.total = task, done, total

    class CorpusLoaded(Message):
        def __init__(self, corpus: Corpus, seconds: float) -> None:
            super().__init__()
            self.corpus, self.seconds = corpus, seconds

    class KeywordIndexReady(Message):
        def __init__(self, index: Any) -> None:
            super().__init__()
            self.index = index

    class QuickDocument(Message):
        """The last document, read on its own before indexing (``None``: not found)."""

        def __init__(self, document: Document | None) -> None:
            super().__init__()
            self.document = document

    class DocumentOpened(Message):
        """A document is in the pane (the benchmark and tests wait for it)."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, corpus_path: Path | None) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.corpus: Corpus | None = None
        self.document: Document | None = None
        self.keyword_index: Any = None
        self.show_keywords = True
        self.keyword_results: dict[str, doc_layers.KeywordResult] = {}
        self.tokens: dict[str, list[tuple[str, int, int]]] = {}
        self.watch: Any = None
        self._progress_at = 0.0
        self._position: tuple[str, int, int, int] | None = None  # doc id, percent, paragraph n, of m

    @property
    def reader(self) -> "ReaderApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="閱")
        with Horizontal(id="main"):
            yield Library(id="library")
            yield ReadingPane(id="pane")
            yield SidePanel(id="side")
        yield StatusBar(id="status")
        yield Footer(compact=True)

    @property
    def root(self) -> Path:
        from corpus.paths import samples_dir

        return Path(self.corpus_path).expanduser() if self.corpus_path is not None else samples_dir()

    @property
    def state_key(self) -> str:
        """The corpus's key in the reading state: its absolute root (known before loading)."""
        return str(self.root.resolve())

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    @property
    def library(self) -> Library:
        return self.query_one(Library)

    @property
    def side(self) -> SidePanel:
        return self.query_one(SidePanel)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    # Workers call these through call_from_thread: the widget lookup happens here, on the main thread.
    def status_say(self, message: str) -> None:
        self.status.say(message)

    def status_done(self, message: str) -> None:
        self.status.done(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Workers run with exit_on_error=False so one failure never takes the reader down;
        # it is still reported, never swallowed.
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.status.done(f"{event.worker.name} failed")
            self.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed", severity="error", timeout=15)

    def on_mount(self) -> None:
        self.title = f"reader · {self.root.name}"
        self.status.progress("indexing")
        last = self.reader.state.last_file(self.state_key)
        if last is not None:
            # Indexing starts once the last document is painted (or could not be read):
            # both at once would fight over the one interpreter lock and delay the paint.
            self.quick_open(*last)
        else:
            self.load_corpus()
        if self.reader.config.watch:
            # After the first frame: the automaton (and its imports) never delay the paint.
            self.call_after_refresh(self.build_watch_list)
        self.set_interval(5.0, self.save_state)

    def on_unmount(self) -> None:
        self.save_state()

    def on_resize(self, event: Any) -> None:
        # Below 110 columns the side panel folds away (ctrl+b brings it back).
        narrow = event.size.width < 110
        if narrow != self.has_class("-narrow"):  # a class change restyles the whole screen
            self.set_class(narrow, "-narrow")

    # -- opening documents -------------------------------------------------

    def open_document(self, doc_id: str, offset: int | None = None, search: str | None = None) -> None:
        """Show ``doc_id`` at ``offset`` (default: where the reader left it)."""
        if self.corpus is None or (doc := self.corpus.get(doc_id)) is None:
            return
        self.remember_position()
        self.document = doc
        self._load_pane(doc, offset)
        self._document_shown(doc)
        if search:
            self.pane.set_layer("search", doc_layers.search_spans(doc, search))
            self.pane.goto(offset if offset is not None else 0)
        self.post_message(self.DocumentOpened(doc_id))

    def _document_shown(self, doc: Document) -> None:
        """Everything around the pane once ``doc`` is in it: state, library, panel, layers."""
        self.reader.state.opened(self.state_key, doc.id, doc.file)
        self.library.mark_current(doc.id)
        self.side.show_document(doc)
        self.show_position()
        self.refresh_annotations()
        self._apply_cached_layers(doc)
        # After the paint: the first frame of a document never waits for jieba.
        self.call_after_refresh(self.compute_document_layers, doc)

    def on_reading_pane_marks_changed(self, message: Any) -> None:
        message.stop()
        self.reader.state.set_marks(self.state_key, message.doc_id, message.marks)

    # -- messages from the pane and panels ---------------------------------

    def on_reading_pane_position_changed(self, message: Any) -> None:
        doc = self.document
        if doc is None:
            return
        self._position = (doc.id, message.percent, message.paragraph, message.paragraphs)
        self.show_position()
        self.side.outline.highlight_offset(message.offset)
        self.reader.state.set_position(self.state_key, doc.id, message.offset)

    def show_position(self) -> None:
        """Header: the document and, once the pane reported it, percent, paragraph n of m and the PDF page."""
        doc = self.document
        if doc is None:
            return
        if self._position is not None and self._position[0] == doc.id:
            _, percent, paragraph, paragraphs = self._position
            # A PDF's blocks know their page: the page of the block at the top of the view.
            page = doc.blocks[paragraph - 1].page if 0 < paragraph <= len(doc.blocks) else None
            where = f" · p. {page}" if page is not None else ""
            self.sub_title = f"{doc.title} · {percent:.0f}% · ¶ {paragraph}/{paragraphs}{where}"
        else:
            self.sub_title = doc.title

    def on_reading_pane_next_document(self, message: Message) -> None:
        message.stop()
        self.action_next_document()

    def on_reading_pane_previous_document(self, message: Message) -> None:
        message.stop()
        self.action_previous_document()

    def on_library_selected(self, message: Library.Selected) -> None:
        self.open_document(message.doc_id)
        self.pane.focus()

    def on_library_error_chosen(self, message: Library.ErrorChosen) -> None:
        self.notify(message.error, title=message.file, severity="error", timeout=8)

    @on(Outline.Jump)
    def _outline_jump(self, message: Outline.Jump) -> None:
        self.pane.goto(message.offset)
        self.pane.focus()

    @on(KeywordsPanel.Jump)
    def _keyword_jump(self, message: KeywordsPanel.Jump) -> None:
        self.pane.goto(message.start)
        self.status.say(f"「{message.word}」 {message.n}/{message.total} — Enter for the next")

    # -- state -------------------------------------------------------------

    def remember_position(self) -> None:
        panes = self.query("#pane")
        if self.document is not None and panes:
            pos = getattr(panes.first(), "position", None)
            if isinstance(pos, int):
                self.reader.state.set_position(self.state_key, self.document.id, pos)

    def save_state(self) -> None:
        self.remember_position()
        self.reader.save_state()

    # -- actions -----------------------------------------------------------

    def _step_document(self, step: int) -> None:
        if self.corpus is None or not self.corpus.documents:
            return
        order = self.library.order
        current = self.document.id if self.document else None
        i = order.index(current) if current in order else -step
        j = i + step
        if not 0 <= j < len(order):
            self.notify("Last document" if step > 0 else "First document", timeout=2)
            return
        self.open_document(order[j])

    def action_next_document(self) -> None:
        self._step_document(1)

    def action_previous_document(self) -> None:
        self._step_document(-1)

    def action_cycle_focus(self, step: int) -> None:
        areas: list[Widget] = [self.library.tree, self.pane]
        if self.side.display:
            areas.append(self.side)
        focused = self.focused
        current = 0
        for i, area in enumerate(areas):
            if focused is not None and (focused is area or area in focused.ancestors_with_self):
                current = i
                break
        else:
            current = -1 if step > 0 else 0
        target = areas[(current + step) % len(areas)]
        if target is self.side:
            self.side.focus_content()
        else:
            target.focus()

    def action_filter_library(self) -> None:
        self.library.tree.action_filter()

    def action_toggle_panel(self) -> None:
        if self.has_class("-narrow"):
            self.remove_class("-narrow")
            self.side.display = True
        else:
            self.side.display = not self.side.display

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_work":
            # Only while long work runs; otherwise Esc belongs to the focused widget.
            return any(w.group in LONG_WORK and w.is_running for w in self.workers)
        return True

    def action_cancel_work(self) -> None:
        for group in LONG_WORK:
            self.workers.cancel_group(self, group)
        self.status.done("cancelled")

    def action_reload(self) -> None:
        self.status.progress("indexing")
        self.load_corpus()

    def action_search_corpus(self) -> None:
        if self.corpus is None:
            self.notify("The corpus is still loading", timeout=2)
            return
        from ..widgets.corpus_search import CorpusSearchScreen

        def chosen(hit: Any) -> None:
            if hit is not None:
                self.open_document(hit.doc_id, hit.start, search=hit.query)
                self.pane.focus()

        self.app.push_screen(CorpusSearchScreen(self.corpus), chosen)

    def action_stats(self) -> None:
        if self.corpus is None:
            self.notify("The corpus is still loading", timeout=2)
            return
        from .stats import StatsScreen

        self.app.push_screen(StatsScreen(self.corpus, self.document, self.keyword_index, self.reader.config))
