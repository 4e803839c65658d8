"""Where a term occurs: the one seam every count of the analysis goes through.

``occurrences(corpus, term)`` yields ``Hit(doc_id, start, end)`` with
``doc.text[start:end]`` the occurrence, documents in reading order and hits in
text order. The term is an exact phrase of the search index's query language
(``corpus.index``: folded for traditional/simplified characters, full/half width
and case), asked of the corpus's index — documents the index does not cover yet
are scanned by the index itself — so a concordance, a trend or a collocate table
never disagrees with ``reader search "TERM"`` (a test checks it). Keeping the
index up to date is the caller's business (``reader`` commands update it first,
the app in a worker); nothing else in the room looks for a term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..model import Corpus, Document
from .common import CancelCheck, Progress, check

if TYPE_CHECKING:
    from ..index.corpus_index import CorpusIndex


class Hit(NamedTuple):
    """One occurrence: ``document.text[start:end]``."""

    doc_id: str
    start: int
    end: int


def check_term(term: str) -> str:
    """The term as matched (surrounding space removed); ``ValueError`` if empty."""
    term = term.strip()
    if not term:
        raise ValueError("the term is empty")
    return term


_INDEX: list[tuple[Corpus, CorpusIndex]] = []  # the last corpus asked about and its index


def use_index(corpus: Corpus, index: CorpusIndex) -> None:
    """Ask ``index`` for ``corpus`` (the app shares the one its update worker opened)."""
    _INDEX[:] = [(corpus, index)]


def corpus_index(corpus: Corpus) -> CorpusIndex:
    """The corpus's search index (opened once per corpus object; never built here)."""
    if _INDEX and _INDEX[0][0] is corpus:
        return _INDEX[0][1]
    from ..index.corpus_index import open_index

    index = open_index(corpus)
    _INDEX[:] = [(corpus, index)]
    return index


def by_document(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Document, list[tuple[int, int]]]]:
    """Each document of ``docs`` (default: the whole corpus) holding ``term``, with the
    ``(start, end)`` of every occurrence in it, in reading order.

    ``progress(done, total)`` is called at the end; ``cancel()`` stops the search
    with :class:`~corpus.analysis.common.Cancelled`.
    """
    from ..index.query import Text

    term = check_term(term)
    wanted = None if docs is None else {d.id for d in docs}
    current: Document | None = None
    spans: list[tuple[int, int]] = []
    for hit in corpus_index(corpus).occurrences(Text(term, phrase=True), cancel=cancel):
        if wanted is not None and hit.doc_id not in wanted:
            continue
        if current is None or hit.doc_id != current.id:
            if current is not None and spans:
                yield current, spans
            current, spans = corpus.get(hit.doc_id), []
        if current is not None:
            spans.append((hit.start, hit.end))
    check(cancel)  # the index stops quietly when cancelled: say so
    if current is not None and spans:
        yield current, spans
    if progress is not None:
        n = len(corpus.documents) if wanted is None else len(wanted)
        progress(n, n)


def occurrences(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[Hit]:
    """Every occurrence of ``term`` in ``docs`` (default: the whole corpus), as :class:`Hit`."""
    for doc, spans in by_document(corpus, term, docs, cancel=cancel, progress=progress):
        doc_id = doc.id
        for start, end in spans:
            yield Hit(doc_id, start, end)
