"""The main screen's dictionary: lookup at the cursor, the glossary layer.

A collaborator of :class:`~reader.screens.main.MainScreen` (the screen owns one
and forwards keys and messages to it). It keeps the lookup's open/closed
state and the display options, runs the slow parts in workers — loading the
dictionary at the first lookup (never before; users who never press ``d`` never
pay its ~64 MB), counting the corpus's words, answering a lookup — and draws results through
the widgets' own methods (``LookupPanel.show``, ``ReadingPane.set_layer``).
The script toggle is :mod:`reader.script_toggle`. The answers themselves come from
:class:`~reader.lookup_session.LookupSession` (no textual).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Offset, Region
from textual.worker import get_current_worker

from corpus.model import Document, Span

if TYPE_CHECKING:
    from corpus.lexicon.glossary import Glossary

    from .lookup_session import LookupSession, LookupState, NoteQuote
    from .screens.glossary_dialog import GlossaryFields
    from .screens.main import MainScreen
    from .widgets.lookup_panel import LookupPanel


class LookupController:
    """Open/close and feed the lookup panel; the glossary layer."""

    def __init__(self, screen: MainScreen, session: LookupSession | None = None) -> None:
        self.screen = screen
        self._session = session
        self._glossary: Glossary | None = None
        self.is_open = False
        self.state: LookupState | None = None
        self._loading = False
        self._counted_for: int | None = None
        self._asked = 0  # lookups asked for so far: only the latest one is shown
        self._glossary_spans_by_doc: dict[str, list[Span]] = {}

    @property
    def session(self) -> LookupSession:
        """Made on first use, on the main thread (workers get it made): it imports the lexicon."""
        if self._session is None:
            from .lookup_session import LookupSession

            self._session = LookupSession(glossary=self.glossary)
        return self._session

    @property
    def glossary(self) -> Glossary:
        """The glossary file (light: the glossary layer needs it before the dictionary loads)."""
        if self._glossary is None:
            from corpus.lexicon.glossary import Glossary

            self._glossary = self._session.glossary if self._session is not None else Glossary()
        return self._glossary

    @property
    def panel(self) -> LookupPanel:
        """The popup, mounted the first time it is needed (the first frame has none)."""
        from .widgets.lookup_panel import LookupPanel

        panels = self.screen.query(LookupPanel)
        if panels:
            return panels.first()
        panel = LookupPanel(id="lookup")
        self.screen.mount(panel)
        return panel

    # ----------------------------------------------------------------- loading

    def start_loading(self) -> None:
        """Load the dictionary (and count the corpus's words) in a worker, once."""
        if self._loading:
            self._maybe_count()
            return
        self._loading = True
        session = self.session  # made here, on the main thread: every worker shares this one
        self.screen.run_worker(lambda: self._load(session), thread=True, group="lexicon", exit_on_error=False,
                               description="dictionary")

    def corpus_indexed(self) -> None:
        """The corpus was (re)indexed: count its words if the dictionary is in use."""
        if self._loading:
            self._maybe_count()

    def _load(self, session: LookupSession) -> None:
        session.load()
        self.screen.app.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        self._maybe_count()
        if self.is_open:
            self.refresh()

    def _maybe_count(self) -> None:
        corpus = self.screen.corpus
        if corpus is None or not self.session.ready.is_set() or self._counted_for == id(corpus):
            return
        self._counted_for = id(corpus)
        docs = list(corpus.documents)
        session = self.session
        self.screen.run_worker(lambda: self._count(session, docs), thread=True, group="lexicon-counts",
                               exit_on_error=False, description="word counts")

    def _count(self, session: LookupSession, docs: list[Document]) -> None:
        worker = get_current_worker()
        session.count(docs, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.screen.app.call_from_thread(self._counts_ready)

    def _counts_ready(self) -> None:
        if self.is_open:
            self.refresh()

    def set_keywords(self, words: set[str]) -> None:
        """The words that count as keywords here (the lookup's "keyword" flag)."""
        self.session.keywords = frozenset(words)

    # ----------------------------------------------------------------- the lookup

    def toggle(self) -> None:
        if self.is_open:
            self.close()
        else:
            self.is_open = True
            self.start_loading()
            self.refresh()
            self.screen.refresh_bindings()  # its keys (+, s) appear in the footer

    def close(self) -> None:
        self.is_open = False
        self.state = None
        self.panel.close()
        self.screen.pane.set_layer("lookup", [])
        self.screen.refresh_bindings()

    def refresh(self) -> None:
        """Look up the word at the cursor again (after a motion), in a worker."""
        doc = self.screen.document
        if not self.is_open or doc is None:
            return
        pos = self.screen.pane.cursor
        tokens = self.screen.highlights.tokens.get(doc.id, [])
        session = self.session  # made on the main thread (see session)
        result = self.screen.highlights.keyword_results.get(doc.id)
        if result is not None:  # "keyword" in the panel: one of this document's highlighted keywords
            self.set_keywords({k.word for k in result.keywords})
        # Not exclusive: a lookup takes a millisecond once loaded; a newer one simply wins (_show).
        self._asked += 1
        asked = self._asked
        self.screen.run_worker(lambda: self._lookup(session, doc, pos, tokens, asked), thread=True,
                               group="lookup", exit_on_error=False, description="lookup")

    def _lookup(self, session: LookupSession, doc: Document, pos: int, tokens: list[tuple[str, int, int]],
                asked: int) -> None:
        state = session.lookup(doc, pos, tokens, self._notes_quoting)
        if asked != self._asked:
            return  # the cursor moved on meanwhile
        previous = self.state
        if state.kept and (previous is None or (previous.start, previous.end) != (state.start, state.end)):
            session.count_lookup(state.word)  # a new lookup of a kept word (not a refresh of this one)
        self.screen.app.call_from_thread(self._show, doc.id, state, asked)

    def _show(self, doc_id: str, state: LookupState, asked: int) -> None:
        doc = self.screen.document
        if not self.is_open or doc is None or doc.id != doc_id or asked != self._asked:
            return
        self.state = state
        self.panel.show(state, *self._anchor())
        spans = [Span(state.start, state.end, "lookup", 1.0, None)] if state.headwords else []
        self.screen.pane.set_layer("lookup", spans)

    def _anchor(self) -> tuple[Offset | None, Region]:
        """Where the looked-up word is drawn (the cursor before the first answer), and the text's area."""
        pane = self.screen.pane
        state = self.state
        start = state.start if state is not None and state.headwords else pane.cursor
        return pane.cell_of(start), self.screen.query_one("#main").region

    def follow(self) -> None:
        """The text moved under the open popup (a scroll, a resize): keep it next to the word."""
        if self.is_open:
            self.panel.place(*self._anchor())

    def _notes_quoting(self, word: str) -> list[NoteQuote]:
        from corpus.text.fold import fold

        store = self.screen.reader_app.notes.store
        if store is None or not word.strip():
            return []
        key = fold(word)
        return [(a.selector.exact, a.note) for a in store.all() if key in fold(a.selector.exact)][:20]

    def annotation_span(self, start: int, end: int) -> tuple[int, int]:
        """What ``a`` annotates: the looked-up word while the lookup is open and nothing is selected."""
        if self.is_open and self.state is not None and self.state.headwords and self.screen.pane.selection is None:
            return self.state.start, self.state.end
        return start, end

    # ----------------------------------------------------------------- keep / glossary

    def keep(self) -> None:
        doc, state = self.screen.document, self.state
        if doc is None or state is None or not state.headwords:
            self.screen.notify("Open a lookup first (d)", timeout=2)
            return
        from annotations.vocab import VocabularyError
        from corpus.lexicon.jsonstore import DocumentLocked, DocumentUnreadable

        try:
            entry, new = self.session.keep(doc, state)
        except (DocumentUnreadable, DocumentLocked, VocabularyError, OSError) as exc:
            self.screen.notify(f"Not kept: {exc}", severity="error", timeout=10)
            return
        verb = "Kept" if new else "Kept again"
        self.screen.notify(f"{verb} 「{entry.word}」 {entry.pinyin} ({entry.lookups}×) — V shows the list", timeout=3)
        self.refresh()

    def add_to_glossary(self) -> None:
        doc, state = self.screen.document, self.state
        if doc is None or state is None or not state.headwords:
            self.screen.notify("Open a lookup first (d)", timeout=2)
            return
        from .screens.glossary_dialog import GlossaryDialog

        head = state.headwords[0]
        sense = head.entries[0] if head.entries else None
        gloss = "; ".join(sense.definitions[:3]) if sense else ""
        note = sense.note if sense is not None and sense.source == "glossary" else ""
        self.screen.app.push_screen(GlossaryDialog(head.text, head.pinyin, gloss, note), self._glossary_done)

    def _glossary_done(self, fields: GlossaryFields | None) -> None:
        if fields is None:
            return
        from corpus.lexicon.glossary import GlossaryError, GlossaryLocked, GlossaryUnreadable

        try:
            entry, new = self.session.add_to_glossary(fields.term, fields.pinyin, fields.gloss, fields.note)
        except (GlossaryUnreadable, GlossaryLocked, GlossaryError, OSError) as exc:
            self.screen.notify(f"Not added to the glossary: {exc}", severity="error", timeout=15)
            return
        self.screen.notify(f"{'Added' if new else 'Updated'} 「{entry.term}」 in your glossary", timeout=3)
        from .screens import main_work

        self._glossary_spans_by_doc.clear()  # every document's underlining is found again
        # The segmenter keeps the term whole from now on: cut the document again.
        self.screen.highlights.tokens.clear()
        doc = self.screen.document
        if doc is not None:
            main_work.apply_layers(self.screen, doc)
            main_work.compute_document_layers(self.screen, doc)
        self.refresh()

    # ----------------------------------------------------------------- layers and display

    def toggle_glossary_layer(self) -> None:
        from .screens import main_work

        shown = self.screen.highlights.toggle("glossary")
        if self.screen.document is not None:
            main_work.apply_layers(self.screen, self.screen.document)
        self.screen.notify("Glossary highlights " + ("on" if shown else "off"), timeout=2)

    def glossary_layer(self, doc: Document) -> list[Span]:
        """The highlight service's source for the ``glossary`` layer (main thread, so cheap):
        the spans found so far; the first call for a document finds them in a worker."""
        found = self._glossary_spans_by_doc.get(doc.id)
        if found is not None:
            return found
        from corpus.paths import glossary_path

        if not glossary_path().exists():
            return []
        self._glossary_spans_by_doc[doc.id] = []  # asked once; the worker fills it in
        glossary = self.glossary
        self.screen.run_worker(lambda: self._find_glossary_terms(glossary, doc), thread=True, group="glossary",
                               exit_on_error=False, description="glossary terms")
        return []

    def _find_glossary_terms(self, glossary: Glossary, doc: Document) -> None:
        from corpus.lexicon.glossary import GlossaryUnreadable
        from corpus.text.watch import WatchList

        try:
            terms = [e.term for e in glossary.entries()]
        except GlossaryUnreadable as exc:  # said once per document; reading goes on without the layer
            self.screen.app.call_from_thread(self.screen.notify, f"Glossary not shown: {exc}",
                                             severity="warning", timeout=8)
            terms = []
        spans = [Span(a, b, "glossary", 1.0, t) for a, b, t in WatchList(terms).matches(doc.text)] if terms else []
        self.screen.app.call_from_thread(self._glossary_found, doc, spans)

    def _glossary_found(self, doc: Document, spans: list[Span]) -> None:
        from .screens import main_work

        self._glossary_spans_by_doc[doc.id] = spans
        main_work.apply_layers(self.screen, doc)  # draws it if doc is still the one shown

    def document_opened(self, doc: Document) -> None:
        """A new document is in the pane: a fresh lookup (its glossary layer comes with the
        other layers: ``glossary_layer``)."""
        if self.is_open:
            self.refresh()

    # ----------------------------------------------------------------- the vocabulary screen

    def open_vocabulary(self) -> None:
        """``V``: the kept words; Enter there comes back to the word's sentence."""
        from .screens.vocabulary import VocabularyScreen

        self.screen.app.push_screen(VocabularyScreen(self.session.vocabulary), self._vocabulary_chosen)

    def _vocabulary_chosen(self, place: tuple[str, int, int] | None) -> None:
        if place is None:
            return
        doc_id, start, _end = place
        screen = self.screen
        if screen.corpus is None or screen.corpus.get(doc_id) is None:
            screen.notify(f"Document {doc_id} is not in this corpus", severity="warning")
            return
        screen.open_document(doc_id, start)
        screen.pane.goto(start)  # the cursor on the word, even in the first lines
        screen.pane.focus()
