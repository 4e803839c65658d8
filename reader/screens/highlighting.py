"""Highlights for the main screen: tokens, keywords and watch words, computed in workers.

A mixin of :class:`~reader.screens.main.MainScreen` (kept apart so the screen
module stays small). jieba, the keyword index and the watch-word automaton
load only in thread workers; results come back with ``call_from_thread`` or
a message, and only then touch the reading pane and the keywords tab.
"""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.worker import get_current_worker

from corpus import Document

from .. import doc_layers


class HighlightWork:
    """Keyword and watch-word layers of the document on screen."""

    # Provided by MainScreen.
    document: Document | None
    keyword_index: Any
    keyword_results: dict[str, doc_layers.KeywordResult]
    tokens: dict[str, list[tuple[str, int, int]]]
    watch: Any
    show_keywords: bool
    pane: Any
    side: Any
    status: Any
    reader: Any
    corpus: Any
    app: Any
    _progress_at: float

    def _apply_cached_layers(self, doc: Document) -> None:
        if doc.id in self.tokens:
            self.pane.set_tokens(self.tokens[doc.id])
        self.pane.set_layer("watch", doc_layers.watch_spans(self.watch, doc) if self.watch else [])
        result = self.keyword_results.get(doc.id)
        self.pane.set_layer("keyword", result.spans if (result and self.show_keywords) else [])
        if result is not None:
            self.side.keywords.set_keywords(result.keywords, result.spans)
        elif self.keyword_index is None:
            self.side.keywords.show_pending("computing keywords…")

    @work(thread=True, exclusive=True, group="document", exit_on_error=False, description="tokens and keywords of the document")
    def compute_document_layers(self, doc: Document) -> None:
        """Tokens and keywords of ``doc`` (jieba/rjieba load here, never on the main thread)."""
        worker = get_current_worker()
        try:
            if doc.id not in self.tokens:
                tokens = doc_layers.tokens_for(doc)
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._tokens_ready, doc.id, tokens)
            index = self.keyword_index
            if index is not None and doc.id not in self.keyword_results:
                config = self.reader.config
                result = doc_layers.keywords_for(index, doc, config.keyword_count, config.keyword_method)
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._keywords_ready, doc.id, result)
        except ImportError as exc:
            self.app.call_from_thread(self.status_say, f"keyword engine unavailable: {exc}")

    def _tokens_ready(self, doc_id: str, tokens: list[tuple[str, int, int]]) -> None:
        self.tokens[doc_id] = tokens
        if self.document is not None and self.document.id == doc_id:
            self.pane.set_tokens(tokens)

    def _keywords_ready(self, doc_id: str, result: doc_layers.KeywordResult) -> None:
        self.keyword_results[doc_id] = result
        if self.document is not None and self.document.id == doc_id:
            self._apply_cached_layers(self.document)

    @work(thread=True, exclusive=True, group="keywords", exit_on_error=False, description="keyword index")
    def build_keyword_index(self) -> None:
        corpus = self.corpus
        assert corpus is not None
        worker = get_current_worker()

        def progress(done: int, total: int, *_: Any) -> None:
            if worker.is_cancelled:
                raise InterruptedError("cancelled")
            now = time.perf_counter()
            if now - self._progress_at > 0.05 or done == total:
                self._progress_at = now
                self.post_message(self.CorpusProgress("keywords", done, total))

        self.post_message(self.CorpusProgress("keywords", 0, None))
        try:
            index = doc_layers.build_keyword_index(corpus, progress)
        except InterruptedError:
            self.app.call_from_thread(self.status_done, "keywords cancelled")
            return
        except ImportError as exc:
            self.app.call_from_thread(self.status_done, f"keywords unavailable: {exc}")
            return
        self.post_message(self.KeywordIndexReady(index))

    def on_main_screen_keyword_index_ready(self, message: Any) -> None:
        self.keyword_index = message.index
        self.keyword_results.clear()
        self.status.done(f"{len(self.corpus or [])} documents · keywords ready")
        from .stats import StatsScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, StatsScreen) and screen.index is None:
                screen.set_index(message.index)
        if self.document is not None:
            self.compute_document_layers(self.document)

    # -- watch words -------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False, description="watch words")
    def build_watch_list(self) -> None:
        terms = dict(self.reader.config.watch)
        try:
            watch = doc_layers.watch_list(terms)
        except ImportError as exc:
            self.app.call_from_thread(self.status_say, f"watch words unavailable: {exc}")
            return
        self.app.call_from_thread(self._watch_ready, watch)

    def _watch_ready(self, watch: Any) -> None:
        self.watch = watch
        if self.document is not None:
            self.pane.set_layer("watch", doc_layers.watch_spans(watch, self.document))

    def add_watch_word(self, word: str) -> None:
        """Watch ``word`` (or stop watching it): saved to the config, shown at once."""
        from ..config import WATCH_COLOURS, ConfigError, remove_watch_word, save_watch_word

        word = word.strip()
        if not word:
            self.notify("No word under the cursor", severity="warning")
            return
        config = self.reader.config
        try:
            if word in config.watch:
                remove_watch_word(word, config.path)
                del config.watch[word]
                self.notify(f"No longer watching 「{word}」")
            else:
                # A new colour for each new word, so several watch words stay apart.
                colour = WATCH_COLOURS[len(config.watch) % len(WATCH_COLOURS)]
                save_watch_word(word, colour, config.path)
                config.watch[word] = colour
                self.notify(f"Watching 「{word}」 in {colour} (saved to {config.path}; W again removes it)")
        except (ConfigError, OSError, TimeoutError) as exc:
            self.notify(f"Watch words not saved: {exc}", severity="error", timeout=10)
            return
        self.build_watch_list()

    def on_reading_pane_watch_word_requested(self, message: Any) -> None:
        message.stop()
        self.add_watch_word(message.word)

    def action_toggle_keywords(self) -> None:
        self.show_keywords = not self.show_keywords
        if self.document is not None:
            self._apply_cached_layers(self.document)
        self.notify("Keyword highlights " + ("on" if self.show_keywords else "off"), timeout=2)
