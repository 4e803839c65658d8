"""The main screen's highlight layers: tokens, keywords and watch words per document, cached.

:class:`HighlightService` holds what has been computed (tokens per document,
the keyword index and each document's keywords, the watch-word automaton) and
answers which layers a document shows now (:meth:`HighlightService.layers_for`).
It holds no widgets and imports no textual: the screen runs the ``compute_*``
and ``build_*`` methods in thread workers and hands the results to the pane.

jieba, the keyword engine and the automaton are imported inside the methods
that need them, so they load in a worker and never delay the first paint.

A new layer (a glossary, page markers) is one :meth:`HighlightService.register`
call: a kind, a function from a document to its spans, and whether it starts
shown; :meth:`toggle` turns it on and off.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.model import Corpus, Document, Span

if TYPE_CHECKING:
    from corpus.text.keywords import Keyword, KeywordIndex
    from corpus.text.watch import WatchList

#: ``(word, start, end)`` as the segmenter gives them.
Token = tuple[str, int, int]
#: ``progress(done, total)`` while the keyword index is built; raising stops it.
Progress = Callable[[int, int], None]
#: Spans of one layer for a document (computed on the main thread: keep it cheap).
LayerSource = Callable[[Document], list[Span]]


@dataclass
class KeywordResult:
    """A document's top keywords and where they occur."""

    keywords: list[Keyword] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass
class _Registered:
    source: LayerSource
    shown: bool


def build_keyword_index(corpus: Corpus, progress: Progress | None = None) -> KeywordIndex:
    """The corpus's keyword index (segments every document: seconds to minutes)."""
    from corpus.text.keywords import KeywordIndex

    # Building allocates millions of small objects next to a large heap (every
    # document's text): the cyclic GC would rescan that heap again and again,
    # each pass a stop-the-world pause of the UI thread (seconds on 100 MB).
    # Nothing built here forms cycles worth collecting; collection resumes after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return KeywordIndex.build(corpus, progress=progress)
    finally:
        if enabled:
            gc.enable()


def keywords_for(index: KeywordIndex, doc: Document, count: int, method: str) -> KeywordResult:
    """``doc``'s top ``count`` keywords by ``method`` and where they occur."""
    from corpus.text.keywords import keyword_spans

    if count <= 0:
        return KeywordResult()
    keywords = list(index.top(doc, n=count, method=method))
    return KeywordResult(keywords, list(keyword_spans(doc, keywords)))


def search_spans(doc: Document, query: str) -> list[Span]:
    """The document's hits for ``query`` as the pane's ``search`` layer."""
    from corpus.text.search import find_all

    return [Span(start, end, "search") for start, end in find_all(doc.text, query)]


class HighlightService:
    """Caches of the highlight layers, and which of them are shown."""

    def __init__(self, keyword_count: int = 10, keyword_method: str = "tfidf") -> None:
        self.keyword_count = keyword_count
        self.keyword_method = keyword_method
        self.tokens: dict[str, list[Token]] = {}
        self.keyword_index: KeywordIndex | None = None
        self.keyword_results: dict[str, KeywordResult] = {}
        self.watch: WatchList | None = None
        self.show_keywords = True
        self._registered: dict[str, _Registered] = {}

    # -- what a document shows ---------------------------------------------------

    def register(self, kind: str, source: LayerSource, *, shown: bool = True) -> None:
        """Add layer ``kind`` (its spans come from ``source(doc)``)."""
        self._registered[kind] = _Registered(source, shown)

    def toggle(self, kind: str) -> bool:
        """Show or hide layer ``kind`` (``keyword`` or a registered one); returns whether it is shown."""
        if kind == "keyword":
            self.show_keywords = not self.show_keywords
            return self.show_keywords
        layer = self._registered[kind]
        layer.shown = not layer.shown
        return layer.shown

    def layers_for(self, doc: Document) -> dict[str, list[Span]]:
        """Every layer this service knows for ``doc`` as it should be drawn now (empty = hidden)."""
        result = self.keyword_results.get(doc.id)
        layers = {
            "watch": self.watch_spans(doc),
            "keyword": result.spans if (result is not None and self.show_keywords) else [],
        }
        for kind, layer in self._registered.items():
            layers[kind] = layer.source(doc) if layer.shown else []
        return layers

    def watch_spans(self, doc: Document) -> list[Span]:
        return list(self.watch.spans(doc.text)) if self.watch is not None else []

    def forget_documents(self) -> None:
        """After a reload: texts may have changed (the engine caches on disk anyway)."""
        self.tokens.clear()
        self.keyword_results.clear()

    # -- computed in workers -------------------------------------------------------

    def needs_tokens(self, doc: Document) -> bool:
        return doc.id not in self.tokens

    def needs_keywords(self, doc: Document) -> bool:
        return self.keyword_index is not None and doc.id not in self.keyword_results

    def compute_tokens(self, doc: Document) -> list[Token]:
        """The document's tokens (loads jieba/rjieba the first time)."""
        from corpus.text.tokens import document_tokens

        return document_tokens(doc)

    def compute_keywords(self, doc: Document) -> KeywordResult:
        """The document's top keywords and their spans (none before the index)."""
        index = self.keyword_index
        if index is None:
            return KeywordResult()
        return keywords_for(index, doc, self.keyword_count, self.keyword_method)

    def build_keyword_index(self, corpus: Corpus, progress: Progress | None = None) -> KeywordIndex:
        return build_keyword_index(corpus, progress)

    def build_watch(self, terms: dict[str, str]) -> WatchList:
        from corpus.text.watch import WatchList

        return WatchList(dict(terms))

    # -- results back on the main thread -----------------------------------------

    def tokens_ready(self, doc_id: str, tokens: list[Token]) -> None:
        self.tokens[doc_id] = tokens

    def keywords_ready(self, doc_id: str, result: KeywordResult) -> None:
        self.keyword_results[doc_id] = result

    def index_ready(self, index: KeywordIndex) -> None:
        self.keyword_index = index
        self.keyword_results.clear()
