"""Find a phrase in a text or across a corpus, folding traditional/simplified.

The query is an exact phrase (spaces included): ``跨境电商`` matches 跨境电商 and
跨境電商, ``ai`` matches AI and ＡＩ (see ``corpus.text.fold``). Offsets are into the
original text, so ``text[start:end]`` is always the hit and folds to the query.
Several words are *not* combined with AND: search the phrase you want to read.

The text is not folded as a whole; the query is expanded into its spellings
(``fold.all_variants``) and each is found with ``str.find``, which keeps a search over
a large corpus fast. Queries with too many spellings fall back to folding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..jsontypes import JSON
from ..model import Corpus, Document
from .fold import all_variants, fold

#: Characters of context on each side of a hit in its snippet.
SNIPPET_CONTEXT = 20

#: Spellings of a query tried one by one; with more, the text is folded instead.
MAX_SPELLINGS = 64

_CONTROLS = dict.fromkeys([*range(32), 127, 8232, 8233], " ")


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of the query in a document: ``doc.text[start:end]``."""

    doc_id: str
    start: int
    end: int
    snippet: str
    title: str
    #: Where the hit sits inside ``snippet`` (for highlighting it there).
    snippet_span: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, JSON]:
        return {"id": self.doc_id, "title": self.title, "start": self.start, "end": self.end, "snippet": self.snippet}


def occurrences(text: str, needle: str, limit: int | None = None) -> list[int]:
    """Every start of ``needle`` in ``text``, exactly as written, in order (overlapping
    ones too: ``aa`` occurs at 0 and 1 in ``aaa``); at most ``limit`` of them.

    The one "find every occurrence" loop: :func:`find_all` (folded, for search),
    re-anchoring notes and ``reader note add --quote`` (exact) all use it.
    """
    out: list[int] = []
    if not needle:
        return out
    i = text.find(needle)
    while i >= 0 and (limit is None or len(out) < limit):
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` of ``query`` in ``text``, in order (folded match)."""
    query = query.strip()
    if not query or not text:
        return []
    n = len(query)
    spellings = all_variants(query, limit=MAX_SPELLINGS)
    starts: set[int] = set()
    if spellings is not None:
        for sp in spellings:
            starts.update(occurrences(text, sp))
    else:
        # Long Latin queries have too many case/width spellings: fold the text once.
        starts.update(occurrences(fold(text), fold(query)))
    # Overlapping occurrences (aa in aaa): keep the leftmost of each run.
    hits: list[tuple[int, int]] = []
    last_end = -1
    for s in sorted(starts):
        if s >= last_end:
            hits.append((s, s + n))
            last_end = s + n
    return hits


def snippet_and_span(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> tuple[str, tuple[int, int]]:
    """Keyword-in-context (``context`` characters each side, on one line, … where
    cut) and the hit's offsets inside it."""
    lo = max(0, start - context)
    hi = min(len(text), end + context)
    # One line, and no control characters reach the terminal (1:1, offsets kept).
    out = text[lo:hi].translate(_CONTROLS)
    lead = "…" if lo > 0 else ""
    shift = len(lead) - lo
    return lead + out + ("…" if hi < len(text) else ""), (start + shift, end + shift)


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """Keyword-in-context: ``context`` characters each side, on one line."""
    return snippet_and_span(text, start, end, context)[0]


def search_document(doc: Document, query: str) -> list[Hit]:
    hits = []
    for s, e in find_all(doc.text, query):
        snip, span = snippet_and_span(doc.text, s, e)
        hits.append(Hit(doc.id, s, e, snip, doc.title, span))
    return hits


def search_corpus(
    corpus: Corpus, query: str, *, limit: int | None = None, progress: Callable[[int, int], None] | None = None
) -> list[Hit]:
    """Hits across the corpus: documents in reading order, hits in text order."""
    hits: list[Hit] = []
    total = len(corpus.documents)
    for i, doc in enumerate(corpus.documents):
        hits.extend(search_document(doc, query))
        if progress:
            progress(i + 1, total)
        if limit is not None and len(hits) >= limit:
            return hits[:limit]
    return hits
