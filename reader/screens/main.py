"""The main screen: library · reading pane · side panel, and the workers that feed them.

The screen mediates: widgets post messages upward (``Library.Selected``,
``pane_messages.PositionChanged``, ``Outline.Jump`` …) and the screen decides
what happens. What it knows lives in services that hold no widgets:
:class:`~reader.services.highlights.HighlightService` (tokens, keywords, watch
words and any registered layer) and the app's
:class:`~reader.notes_session.NotesSession`. Slow things run in thread workers
(``main_work``) that report back by message; only this thread touches widgets.
Collaborators (modules of functions that take the screen): ``main_areas`` (the
side panel and key bar mounted after the first frame, focus, the header line),
``main_notes``, ``main_corpus_views`` (search, stats, analysis) and the
:class:`~reader.lookup_controller.LookupController` (the dictionary) and the
:class:`~reader.script_toggle.ScriptToggle` (`T`: simplified / traditional).

The first frame is the library, the pane and the status line. Once the first
document is painted (or there is none), the notes store is opened, the side
panel and the key bar mounted and the watch words built (:class:`~reader.screens.main_startup.StartUp`).

Adding a screen is a binding in ``main_bindings`` and an ``action_*`` that pushes
it; adding a pane layer is ``self.highlights.register(kind, source)`` plus a toggle binding.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.worker import Worker

from corpus.model import Corpus, Document

from ..lookup_controller import LookupController
from ..script_toggle import ScriptToggle
from ..services.corpus_loading import corpus_root
from ..services.highlights import HighlightService, search_spans
from ..widgets import pane_messages
from ..widgets.library import Library
from ..widgets.reading_pane import ReadingPane
from ..widgets.status_bar import StatusBar
from ..widgets.title_bar import TitleBar
from . import main_areas, main_corpus_views, main_notes, main_work
from .main_bindings import BINDINGS
from .main_messages import CorpusLoaded, CorpusProgress, DocumentOpened, KeywordIndexReady, QuickDocument
from .main_startup import StartUp

if TYPE_CHECKING:
    from ..app import ReaderApp
    from ..widgets.keywords_panel import KeywordsPanel
    from ..widgets.notes_panel import NotesPanel
    from ..widgets.outline import Outline
    from ..widgets.side_panel import SidePanel

#: Worker groups that Escape cancels.
LONG_WORK = ("corpus", "keywords", "search")


class MainScreen(Screen[None]):
    """Library on the left, the document in the middle, tabs on the right."""

    BINDINGS = BINDINGS
    #: The text has the focus from the first frame (focusing the library's filter box first
    #: restyled the screen twice and started its cursor's blink; and `q` while the corpus
    #: loads was typed there, not quit).
    AUTO_FOCUS = "#pane"

    def __init__(self, corpus_path: Path | None, reader_app: ReaderApp) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.reader_app = reader_app
        self.root = corpus_root(corpus_path)
        #: The corpus's key in the reading state: its absolute root (known before loading).
        self.state_key = str(self.root.resolve())
        self.corpus: Corpus | None = None
        self.document: Document | None = None
        config = reader_app.config
        self.highlights = HighlightService(config.keyword_count, config.keyword_method)
        #: The dictionary: lookup panel, glossary layer, vocabulary screen.
        self.lookup = LookupController(self)
        #: ``T``: the document shown in the other script (simplified / traditional).
        self.script = ScriptToggle(self)
        self.highlights.register("glossary", self.lookup.glossary_layer)
        #: The first document, then what comes after its frame.
        self.startup = StartUp(self)
        self._position: main_areas.Position | None = None  # doc id, percent, paragraph n, of m, top offset
        self._side_shows: tuple[str, str] | None = None  # (doc id, fingerprint) in the side panel

    def compose(self) -> ComposeResult:
        # Narrow or not before the first layout: a class changed afterwards restyles every widget.
        main_areas.fit_width(self, self.app.size.width)
        yield TitleBar()
        with Horizontal(id="main"):
            yield Library(id="library")
            yield ReadingPane(id="pane")
        yield StatusBar(id="status")

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    @property
    def library(self) -> Library:
        return self.query_one(Library)

    @property
    def side(self) -> SidePanel:
        """The side panel (mounted right after the first frame)."""
        from ..widgets.side_panel import SidePanel

        return self.query_one(SidePanel)

    @property
    def side_ready(self) -> bool:
        """The side panel is mounted with its tabs (not yet in the first frame)."""
        return self.startup.side_ready

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.title = f"reader · {self.root.name}"
        self.startup.begin()
        self.set_interval(5.0, self.save_state)

    def on_reading_pane_document_painted(self, message: pane_messages.DocumentPainted) -> None:
        message.stop()
        self.startup.first_document_shown()

    def on_unmount(self) -> None:
        self.save_state()

    def on_resize(self, event: Resize) -> None:
        main_areas.fit_width(self, event.size.width)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        main_work.report_failure(self, event)

    # -- the corpus arrives --------------------------------------------------------

    def on_main_screen_quick_document(self, message: QuickDocument) -> None:
        self.startup.show_first_document(message.document)

    def on_main_screen_corpus_progress(self, message: CorpusProgress) -> None:
        main_work.progress_arrived(self, message)

    def on_main_screen_corpus_loaded(self, message: CorpusLoaded) -> None:
        main_work.corpus_arrived(self, message.corpus)

    def corpus_failed(self, message: str) -> None:
        self.status.done(f"cannot open the corpus: {message}")
        self.notify(message, title="Cannot open the corpus", severity="error", timeout=10)
        self.startup.first_document_shown()

    # -- opening documents ---------------------------------------------------------

    def open_document(self, doc_id: str, offset: int | None = None, search: str | None = None) -> None:
        """Show ``doc_id`` at ``offset`` (default: where the reader left it)."""
        if self.corpus is None or (doc := self.corpus.get(doc_id)) is None:
            return
        self.remember_position()
        self.document = doc
        self.load_pane(doc, offset)
        self.document_shown(doc)
        if search:
            self.pane.set_layer("search", search_spans(doc, search))
            self.pane.goto(offset if offset is not None else 0)
        self.post_message(DocumentOpened(doc_id))

    def load_pane(self, doc: Document, offset: int | None = None) -> None:
        state = self.reader_app.state
        if offset is None:
            offset = min(state.position(self.state_key, doc.id), len(doc.text))
        self.pane.load(doc, offset, marks=state.marks(self.state_key, doc.id))

    def document_shown(self, doc: Document) -> None:
        """Everything around the pane once ``doc`` is in it: state, library, panel, layers."""
        self.reader_app.state.opened(self.state_key, doc.id, doc.file)
        self.library.mark_current(doc.id)
        self.show_position()
        self.show_in_side(doc)
        self.refresh_annotations()
        main_work.apply_layers(self, doc)
        # After the paint: the first frame of a document never waits for jieba.
        self.call_after_refresh(main_work.compute_document_layers, self, doc)
        self.call_after_refresh(self.lookup.document_opened, doc)
        self.call_after_refresh(self.script.document_opened, doc)

    def show_in_side(self, doc: Document) -> None:
        """The outline (and pending keywords) of ``doc``, once per text (not again when the
        corpus arrives with the document the quick path already showed)."""
        shows = (doc.id, doc.fingerprint)
        if self.side_ready and shows != self._side_shows:
            self._side_shows = shows
            self.side.show_document(doc)
            self.side.outline.highlight_offset(self.pane.position)

    # -- highlights ------------------------------------------------------------------

    def on_main_screen_keyword_index_ready(self, message: KeywordIndexReady) -> None:
        main_work.index_arrived(self, message.index)
        self.lookup.corpus_indexed()

    def on_reading_pane_watch_word_requested(self, message: pane_messages.WatchWordRequested) -> None:
        message.stop()
        if main_work.toggle_watch_word(self, self.reader_app.config, message.word):
            main_work.build_watch_list(self, dict(self.reader_app.config.watch))

    def action_toggle_keywords(self) -> None:
        shown = self.highlights.toggle("keyword")
        if self.document is not None:
            main_work.apply_layers(self, self.document)
        self.notify("Keyword highlights " + ("on" if shown else "off"), timeout=2)

    # -- notes (main_notes does the work) ----------------------------------------------

    def refresh_annotations(self) -> None:
        """The pane's notes layer and the notes tab, after any change to the notes."""
        main_notes.refresh(self)

    def on_reading_pane_annotate_requested(self, message: pane_messages.AnnotateRequested) -> None:
        message.stop()
        main_notes.annotate(self, *self.lookup.annotation_span(message.start, message.end))

    def action_annotations(self) -> None:
        """The notes screen (every note, by tag, orphans); it may send us to a passage."""
        main_notes.open_notes_screen(self)

    def action_next_annotation(self) -> None:
        main_notes.jump(self, 1)

    def action_previous_annotation(self) -> None:
        main_notes.jump(self, -1)

    def on_notes_panel_jump_requested(self, message: NotesPanel.JumpRequested) -> None:
        message.stop()
        self.pane.goto(message.offset)
        self.pane.focus()

    def on_notes_panel_changed(self, message: NotesPanel.Changed) -> None:
        message.stop()
        self.refresh_annotations()

    # -- messages from the pane and panels ---------------------------------------------

    def on_reading_pane_marks_changed(self, message: pane_messages.MarksChanged) -> None:
        message.stop()
        self.reader_app.state.set_marks(self.state_key, message.doc_id, message.marks)

    def on_reading_pane_position_changed(self, message: pane_messages.PositionChanged) -> None:
        doc = self.document
        if doc is None:
            return
        self._position = (doc.id, message.percent, message.paragraph, message.paragraphs, message.offset)
        self.show_position()
        self.lookup.follow()  # a scroll or a resize moved the looked-up word
        if self.side_ready:
            self.side.outline.highlight_offset(message.offset)
        self.reader_app.state.set_position(self.state_key, doc.id, message.offset)

    def show_position(self) -> None:
        """Header: the document and, once the pane reported it, where in it the reader is."""
        if self.document is not None:
            title = self.pane.state.header()[0]  # in the other script when it is shown
            self.sub_title = main_areas.position_line(self.document, self._position, title)

    def on_library_selected(self, message: Library.Selected) -> None:
        self.open_document(message.doc_id)
        self.pane.focus()

    def on_library_error_chosen(self, message: Library.ErrorChosen) -> None:
        self.notify(message.error, title=message.file, severity="error", timeout=8)

    def on_outline_jump(self, message: Outline.Jump) -> None:
        self.pane.goto(message.offset)
        self.pane.focus()

    def on_keywords_panel_jump(self, message: KeywordsPanel.Jump) -> None:
        self.pane.goto(message.start)
        self.status.say(f"「{message.word}」 {message.n}/{message.total} — Enter for the next")

    # -- state -------------------------------------------------------------------------

    def remember_position(self) -> None:
        panes = self.query(ReadingPane)
        if self.document is not None and panes:
            self.reader_app.state.set_position(self.state_key, self.document.id, panes.first().position)

    def save_state(self) -> None:
        self.remember_position()
        self.reader_app.save_state()

    # -- actions -----------------------------------------------------------------------

    def action_next_document(self) -> None:
        main_areas.step_document(self, 1)

    def action_previous_document(self) -> None:
        main_areas.step_document(self, -1)

    def action_cycle_focus(self, step: int) -> None:
        main_areas.cycle_focus(self, step)

    def action_filter_library(self) -> None:
        self.library.tree_view.action_filter()

    def action_toggle_panel(self) -> None:
        main_areas.toggle_panel(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_work":
            # Only while the lookup is open or long work runs; otherwise Esc belongs to the focused widget.
            return self.lookup.is_open or any(w.group in LONG_WORK and w.is_running for w in self.workers)
        if action in ("glossary_add", "keep_word"):
            return self.lookup.is_open  # the open lookup's keys (s and + are free otherwise)
        return True

    def action_cancel_work(self) -> None:
        if self.lookup.is_open:
            self.lookup.close()
            return
        for group in LONG_WORK:
            self.workers.cancel_group(self, group)
        self.status.done("cancelled")

    def action_reload(self) -> None:
        self.status.progress("indexing")
        main_work.load_corpus(self)

    def action_search_corpus(self) -> None:
        main_corpus_views.open_search(self)

    def action_analysis(self, tab: str = "kwic") -> None:
        """The analysis screen (concordance, collocates, trends, entities, keyness, tags)."""
        main_corpus_views.open_analysis(self, tab)

    def action_stats(self) -> None:
        main_corpus_views.open_stats(self)

    # -- the dictionary (LookupController does the work) ------------------------------

    def on_reading_pane_define_requested(self, message: pane_messages.DefineRequested) -> None:
        message.stop()
        self.lookup.toggle()

    def on_reading_pane_script_toggle_requested(self, message: pane_messages.ScriptToggleRequested) -> None:
        message.stop()
        self.script.toggle()

    def on_reading_pane_cursor_moved(self, message: pane_messages.CursorMoved) -> None:
        self.lookup.refresh()  # only while the lookup is open

    def action_glossary_add(self) -> None:
        self.lookup.add_to_glossary()

    def action_keep_word(self) -> None:
        self.lookup.keep()

    def action_toggle_glossary(self) -> None:
        self.lookup.toggle_glossary_layer()

    def action_vocabulary(self) -> None:
        self.lookup.open_vocabulary()
