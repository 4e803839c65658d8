"""Where a term occurs: the one seam every count of the analysis goes through.

``occurrences(corpus, term)`` yields ``Hit(doc_id, start, end)`` with
``doc.text[start:end]`` the occurrence, documents in reading order and hits in
text order. Matching is exactly ``reader search``'s: the phrase folded for
traditional/simplified characters, full/half width and case, non-overlapping
(``corpus.text.search.find_all``), so a concordance, a trend or a collocate
table never disagrees with a search (a test checks it).

This is the brute-force finder over the documents' texts. When the search
index (``corpus.index``) lands, this function is where it plugs in; nothing
else in the room looks for a term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..model import Corpus, Document
from ..text.search import find_all
from .common import CancelCheck, Progress, check


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


def by_document(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Document, list[tuple[int, int]]]]:
    """Each document of ``docs`` (default: the whole corpus) holding ``term``, with the
    ``(start, end)`` of every occurrence in it.

    ``progress(done_docs, total_docs)``; ``cancel()`` is checked per document
    and stops the iteration with :class:`~corpus.analysis.common.Cancelled`.
    """
    term = check_term(term)
    todo = list(corpus.documents if docs is None else docs)
    total = len(todo)
    for i, doc in enumerate(todo, 1):
        if i % 32 == 1:
            check(cancel)
        spans = find_all(doc.text, term)
        if spans:
            yield doc, spans
        if progress is not None and (i == total or i % 256 == 0):
            progress(i, total)


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
