"""The main screen's thread workers (corpus, last document, tokens, keywords, watch words) and
where their results land (:func:`apply_layers`).

Each function starts one named worker on the screen and runs a service
(``reader.services``) in it; results come back as messages or through
``call_from_thread`` and only then touch widgets. Every worker names itself
(``description``): otherwise Textual repr()s the arguments, and the repr of a
Corpus or Document is all its text. Escape cancels the groups in
``main.LONG_WORK``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState, get_current_worker

from corpus.model import Corpus, Document

from ..services import corpus_loading
from ..services.corpus_loading import Throttle
from ..services.highlights import KeywordResult
from .main_messages import CorpusLoaded, CorpusProgress, KeywordIndexReady, QuickDocument

if TYPE_CHECKING:
    from corpus.text.keywords import KeywordIndex
    from corpus.text.watch import WatchList

    from ..config import Config
    from .main import MainScreen


def apply_layers(screen: MainScreen, doc: Document) -> None:
    """Hand the pane (and the keywords tab) what the highlight service has for ``doc``."""
    if screen.document is None or screen.document.id != doc.id:
        return  # another document since
    hl = screen.highlights
    if doc.id in hl.tokens:
        screen.pane.set_tokens(hl.tokens[doc.id])
    for kind, spans in hl.layers_for(doc).items():
        screen.pane.set_layer(kind, spans)
    if not screen.side_ready:
        return
    result = hl.keyword_results.get(doc.id)
    if result is not None:
        screen.side.keywords.set_keywords(result.keywords, result.spans, screen.pane.state.display_text)
    elif hl.keyword_index is None:
        screen.side.keywords.show_pending("computing keywords…")


def report_failure(screen: MainScreen, event: Worker.StateChanged) -> None:
    """Workers run with exit_on_error=False so one failure never takes the reader down;
    it is still reported, never swallowed."""
    if event.state == WorkerState.ERROR:
        error = event.worker.error
        screen.status.done(f"{event.worker.name} failed")
        screen.notify(f"{type(error).__name__}: {error}", title=f"{event.worker.name} failed",
                      severity="error", timeout=15)


#: The worker group behind each task of the status line.
PROGRESS_GROUPS = {"indexing": "corpus", "keywords": "keywords"}


def progress_arrived(screen: MainScreen, message: CorpusProgress) -> None:
    """A worker's progress report, unless that work was cancelled since it was sent."""
    group = PROGRESS_GROUPS.get(message.task, message.task)
    if any(w.group == group and w.is_running and not w.is_cancelled for w in screen.workers):
        screen.status.progress(message.task, message.done, message.total)
    # else: queued before Esc cancelled the work; the status line says "cancelled"


def corpus_arrived(screen: MainScreen, corpus: Corpus) -> None:
    """The indexed corpus: the library, the status line, and the document to show."""
    screen.corpus = corpus
    screen.highlights.forget_documents()
    screen.title = f"reader · {Path(corpus.root).name or corpus.root}"
    screen.library.set_corpus(corpus)
    errors = f" · {len(corpus.errors)} errors" if corpus.errors else ""
    screen.status.done(f"{len(corpus)} documents{errors}")
    last = screen.reader_app.state.last_document(screen.state_key)
    doc = (corpus.get(last) if last else None) or (corpus.documents[0] if corpus.documents else None)
    quick = screen.document
    if quick is not None and doc is not None and quick.id == doc.id and quick.fingerprint == doc.fingerprint:
        # Already on screen from the quick path: keep the pane (and the reader's scrolling).
        screen.document = doc
        screen.document_shown(doc)
    elif doc is not None:
        screen.document = None
        screen.open_document(doc.id)
        screen.pane.focus()
    else:
        screen.library.focus()
        screen.sub_title = "no documents"
        screen.startup.first_document_shown()
    if corpus.documents:
        screen.call_after_refresh(build_keyword_index, screen, corpus)


def index_arrived(screen: MainScreen, index: KeywordIndex) -> None:
    """The keyword index: the current document's keywords, and a stats screen waiting for it."""
    from .stats import StatsScreen

    screen.highlights.index_ready(index)
    screen.status.done(f"{len(screen.corpus or [])} documents · keywords ready")
    for other in screen.app.screen_stack:
        if isinstance(other, StatsScreen) and other.index is None:
            other.set_index(index)
    if screen.document is not None:
        compute_document_layers(screen, screen.document)


def load_corpus(screen: MainScreen) -> None:
    """Index the whole corpus (progress in the status line)."""
    app, path = screen.app, screen.corpus_path
    throttle = Throttle()

    def work() -> None:
        worker = get_current_worker()
        started = time.perf_counter()

        def progress(done: int, total: int, rel: str) -> None:
            if worker.is_cancelled:
                raise InterruptedError("cancelled")
            if throttle.due(done, total):  # ~20 repaints a second at most
                screen.post_message(CorpusProgress("indexing", done, total))

        try:
            corpus = corpus_loading.load(path, progress)
        except InterruptedError:
            app.call_from_thread(screen.status.done, "indexing cancelled")
            return
        except OSError as exc:  # no such folder, unreadable: one line, never a traceback
            app.call_from_thread(screen.corpus_failed, str(exc))
            return
        screen.post_message(CorpusLoaded(corpus, time.perf_counter() - started))

    screen.run_worker(work, name="load_corpus", group="corpus", exclusive=True, thread=True,
                      exit_on_error=False, description="indexing the corpus")


def quick_open(screen: MainScreen, doc_id: str, rel: str) -> None:
    """Read the last document's own file first, so it paints before the corpus is indexed."""
    root = screen.root

    def work() -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, rel: str) -> None:
            if worker.is_cancelled:  # quit, or the corpus is loaded instead
                raise InterruptedError("cancelled")

        try:
            doc = corpus_loading.read_one(root, doc_id, rel, progress=progress)
        except InterruptedError:
            return
        screen.post_message(QuickDocument(doc))

    screen.run_worker(work, name="quick_open", group="quick", exclusive=True, thread=True,
                      exit_on_error=False, description="last document")


def compute_document_layers(screen: MainScreen, doc: Document) -> None:
    """Tokens and keywords of ``doc`` (jieba/rjieba load here, never on the main thread)."""
    hl, app = screen.highlights, screen.app

    def tokens_ready(tokens: list[tuple[str, int, int]]) -> None:
        hl.tokens_ready(doc.id, tokens)
        if screen.document is not None and screen.document.id == doc.id:
            screen.pane.set_tokens(tokens)

    def keywords_ready(result: KeywordResult) -> None:
        hl.keywords_ready(doc.id, result)
        apply_layers(screen, doc)

    def work() -> None:
        worker = get_current_worker()
        if hl.needs_tokens(doc):
            tokens = hl.compute_tokens(doc)
            if worker.is_cancelled:
                return
            app.call_from_thread(tokens_ready, tokens)
        if hl.needs_keywords(doc):
            result = hl.compute_keywords(doc)
            if not worker.is_cancelled:
                app.call_from_thread(keywords_ready, result)

    screen.run_worker(work, name="compute_document_layers", group="document", exclusive=True, thread=True,
                      exit_on_error=False, description="tokens and keywords of the document")


def build_keyword_index(screen: MainScreen, corpus: Corpus) -> None:
    """The corpus's keyword index (progress in the status line; Escape cancels)."""
    hl, app = screen.highlights, screen.app
    screen.reader_app.ensure_process_helper()  # the index segments in worker processes
    throttle = Throttle()

    def work() -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise InterruptedError("cancelled")
            if throttle.due(done, total):
                screen.post_message(CorpusProgress("keywords", done, total))

        screen.post_message(CorpusProgress("keywords", 0, None))
        try:
            index = hl.build_keyword_index(corpus, progress)
        except InterruptedError:
            app.call_from_thread(screen.status.done, "keywords cancelled")
            return
        screen.post_message(KeywordIndexReady(index))

    screen.run_worker(work, name="build_keyword_index", group="keywords", exclusive=True, thread=True,
                      exit_on_error=False, description="keyword index")


def build_watch_list(screen: MainScreen, terms: dict[str, str]) -> None:
    """The watch-word automaton (its imports too) off the main thread."""
    hl, app = screen.highlights, screen.app

    def installed(watch: WatchList) -> None:
        hl.watch = watch
        if screen.document is not None:
            screen.pane.set_layer("watch", hl.watch_spans(screen.document))

    def work() -> None:
        app.call_from_thread(installed, hl.build_watch(terms))

    screen.run_worker(work, name="build_watch_list", group="watch", exclusive=True, thread=True,
                      exit_on_error=False, description="watch words")


def toggle_watch_word(screen: MainScreen, config: Config, word: str) -> bool:
    """Watch ``word`` (or stop watching it), saved to the config; False if nothing changed."""
    from ..config import WATCH_COLOURS, ConfigError, remove_watch_word, save_watch_word

    word = word.strip()
    if not word:
        screen.notify("No word under the cursor", severity="warning")
        return False
    try:
        if word in config.watch:
            remove_watch_word(word, config.path)
            del config.watch[word]
            screen.notify(f"No longer watching 「{word}」")
        else:
            # A new colour for each new word, so several watch words stay apart.
            colour = WATCH_COLOURS[len(config.watch) % len(WATCH_COLOURS)]
            save_watch_word(word, colour, config.path)
            config.watch[word] = colour
            screen.notify(f"Watching 「{word}」 in {colour} (saved to {config.path}; W again removes it)")
    except (ConfigError, OSError, TimeoutError) as exc:
        screen.notify(f"Watch words not saved: {exc}", severity="error", timeout=10)
        return False
    return True
