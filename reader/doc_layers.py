"""What the app computes per document off the main thread: tokens, keywords, watch spans.

Plain functions over the keyword engine (``corpus.text.tokens``, ``corpus.text.keywords``,
``corpus.text.watch``), imported lazily so that jieba and the automaton load in a
worker, never before the first paint. No textual here: the main screen calls
these from thread workers and hands the results to the reading pane.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any, Callable

from corpus import Corpus, Document, Span


@dataclass
class KeywordResult:
    keywords: list[Any] = field(default_factory=list)  # corpus.text.keywords.Keyword
    spans: list[Span] = field(default_factory=list)


def tokens_for(doc: Document) -> list[tuple[str, int, int]]:
    from corpus.text.tokens import document_tokens

    return document_tokens(doc)


def build_keyword_index(corpus: Corpus, progress: Callable[[int, int], None] | None = None) -> Any:
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


def keywords_for(index: Any, doc: Document, count: int, method: str) -> KeywordResult:
    from corpus.text.keywords import keyword_spans

    if count <= 0:
        return KeywordResult()
    keywords = list(index.top(doc, n=count, method=method))
    return KeywordResult(keywords, list(keyword_spans(doc, keywords)))


def watch_list(terms: dict[str, str]) -> Any:
    from corpus.text.watch import WatchList

    return WatchList(dict(terms))


def watch_spans(watch: Any, doc: Document) -> list[Span]:
    return list(watch.spans(doc.text)) if watch is not None else []


def search_spans(doc: Document, query: str) -> list[Span]:
    """The document's hits for ``query`` as the pane's ``search`` layer."""
    from corpus.text.search import find_all

    return [Span(start, end, "search") for start, end in find_all(doc.text, query)]
