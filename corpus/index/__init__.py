"""Search index and query language for a corpus (never imports textual or reader).

The stable API (the app's ``ctrl+f``, ``reader search``/``reader index`` and the
analysis views build on it)::

    from corpus.index import open_index, parse_query, QuerySyntaxError

    index = open_index(corpus)                 # opens and checks; does not build
    index.update(progress=lambda done, total: …, cancel=lambda: False)   # -> UpdateStats
    results = index.search('跨境电商 NEAR/10 海外仓 date:2023', sort="rank", limit=20, offset=0)
    results.total_docs, results.total_hits     # total_hits only with count_hits=True
    for group in results.groups:               # DocHits(doc_id, score, hits); group.count
        doc = corpus.get(group.doc_id)
        for start, end in group.hits:          # exact: doc.text[start:end] folds to the term
            ...
    for hit in index.occurrences("跨境电商"):    # Hit(doc_id, start, end), reading order
        ...
    parse_query("a (b")  # QuerySyntaxError: unbalanced parenthesis at 2 (.message, .position)

- :func:`open_index` / :class:`CorpusIndex` — one corpus's index under
  ``corpus.paths.cache_dir()``; ``update`` re-indexes only changed, added and
  removed files; a damaged index is rebuilt; documents of files changed since
  the last update are scanned, so answers are never stale. ``index.ready`` says
  whether the index covers the whole corpus; ``index.stale_files`` lists the rest.
- :func:`parse_query` — the query language (:mod:`corpus.index.query` documents it).
- :mod:`corpus.index.match` — a query evaluated on one document (offsets,
  ``NEAR``) and the brute-force ``scan`` the index is tested against.
- :mod:`corpus.index.engine` — the engine (tantivy) behind ``index_documents``,
  ``delete_file`` and ``search``; its docstring describes the analysis.

Searches raise :class:`QuerySyntaxError` for a malformed query; updates raise
:class:`IndexBusy` when another process is updating the same index.
"""

from __future__ import annotations

from typing import Any

from .query import QuerySyntaxError, parse_query
from .results import DocHits, Hit, SearchResults, UpdateStats

__all__ = [
    "CorpusIndex",
    "DocHits",
    "Hit",
    "IndexBusy",
    "QuerySyntaxError",
    "SearchResults",
    "UpdateStats",
    "open_index",
    "parse_query",
]


def __getattr__(name: str) -> Any:  # Any: PEP 562's hook returns whichever attribute is asked for
    # The engine imports tantivy; parsing a query must not (PEP 562).
    if name in ("CorpusIndex", "IndexBusy", "open_index", "index_folder", "SORTS"):
        from . import corpus_index

        return getattr(corpus_index, name)
    raise AttributeError(f"module 'corpus.index' has no attribute {name!r}")
