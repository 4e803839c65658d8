"""Loading the corpus for the main screen: the last document first, then the index.

A mixin of :class:`~reader.screens.main.MainScreen`. On start the last
document is read from its own file (through the document cache) and painted;
only then does the full corpus load, in a thread worker that reports progress
by message (at most ~20 a second). Escape cancels it (see ``cancel_work``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual import work
from textual.worker import get_current_worker

from corpus import Document


class CorpusLoading:
    """Workers and handlers that bring the corpus in."""

    # Provided by MainScreen.
    corpus_path: Path | None
    corpus: Any
    document: Document | None
    root: Path
    state_key: str
    pane: Any
    side: Any
    library: Any
    status: Any
    reader: Any
    app: Any
    tokens: dict
    keyword_results: dict
    _progress_at: float

    # Every worker here and in the other mixins names itself (``description``): otherwise
    # Textual repr()s the arguments, and the repr of a Corpus or Document is all its text.
    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False, description="indexing the corpus")
    def load_corpus(self) -> None:
        # Imported in the worker: the parsing stack is not needed for the first paint.
        from corpus.ingest.loader import CorpusNotFound, load_corpus

        worker = get_current_worker()
        started = time.perf_counter()

        def progress(done: int, total: int, rel: str) -> None:
            if worker.is_cancelled:
                raise InterruptedError("cancelled")
            now = time.perf_counter()
            if now - self._progress_at > 0.05 or done == total:  # ~20 repaints a second at most
                self._progress_at = now
                self.post_message(self.CorpusProgress("indexing", done, total))

        try:
            corpus = load_corpus(self.corpus_path, progress=progress)
        except InterruptedError:
            self.app.call_from_thread(self.status_done, "indexing cancelled")
            return
        except (CorpusNotFound, OSError) as exc:
            self.app.call_from_thread(self._corpus_failed, str(exc))
            return
        self.post_message(self.CorpusLoaded(corpus, time.perf_counter() - started))

    @work(thread=True, exclusive=True, group="quick", exit_on_error=False, description="last document")
    def quick_open(self, doc_id: str, rel: str) -> None:
        """Read the last document's own file first, so it paints before the corpus is indexed."""
        from corpus.ingest.cache import DocCache
        from corpus.ingest.discover import Candidate
        from corpus.ingest.loader import read_and_parse

        root = self.root
        path = root if root.is_file() else root / rel
        try:
            st = path.stat()
        except OSError:
            self.post_message(self.QuickDocument(None))  # gone or unreadable: the full load reports it
            return
        cand = Candidate(path, rel, st.st_size, st.st_mtime_ns)
        docs = DocCache().get(cand)
        if docs is None:
            docs = read_and_parse(cand)
        doc = next((d for d in docs if d.id == doc_id), None) if isinstance(docs, list) else None
        self.post_message(self.QuickDocument(doc))

    def on_main_screen_quick_document(self, message: Any) -> None:
        doc = message.document
        if doc is None or self.document is not None:
            self.load_corpus()
            return
        self.document = doc
        self._load_pane(doc)
        self.show_position()
        self.side.show_document(doc)
        self.pane.focus()
        self.post_message(self.DocumentOpened(doc.id))
        self.call_after_refresh(self.load_corpus)

    def _load_pane(self, doc: Document, offset: int | None = None) -> None:
        state, root = self.reader.state, self.state_key
        if offset is None:
            offset = min(state.position(root, doc.id), len(doc.text))
        marks = state.marks(root, doc.id)
        if marks:
            self.pane.load(doc, offset, marks=marks)
        else:
            self.pane.load(doc, offset)

    def _corpus_failed(self, message: str) -> None:
        self.status.done(f"cannot open the corpus: {message}")
        self.notify(message, title="Cannot open the corpus", severity="error", timeout=10)

    def on_main_screen_corpus_progress(self, message: Any) -> None:
        self.status.progress(message.task, message.done, message.total)

    def on_main_screen_corpus_loaded(self, message: Any) -> None:
        corpus = self.corpus = message.corpus
        self.tokens.clear()  # a reload may have changed texts (the engine caches on disk anyway)
        self.keyword_results.clear()
        self.title = f"reader · {Path(corpus.root).name or corpus.root}"
        self.library.set_corpus(corpus)
        self.status.done(f"{len(corpus)} documents" + (f" · {len(corpus.errors)} errors" if corpus.errors else ""))
        state = self.reader.state
        last = state.last_document(self.state_key)
        doc = corpus.get(last) if last else None
        doc = doc or (corpus.documents[0] if corpus.documents else None)
        quick = self.document
        if quick is not None and doc is not None and quick.id == doc.id and quick.fingerprint == doc.fingerprint:
            # Already on screen from the quick path: keep the pane (and the reader's scrolling).
            self.document = doc
            self._document_shown(doc)
        elif doc is not None:
            self.document = None
            self.open_document(doc.id)
            self.pane.focus()
        else:
            self.library.focus()
            self.sub_title = "no documents"
        if corpus.documents:
            self.call_after_refresh(self.build_keyword_index)
