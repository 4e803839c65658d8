"""Where a term occurs: the one seam every count of the analysis goes through.

``find(corpus, term, docs)`` returns every occurrence as parallel arrays
(:class:`Occurrences`: document index, start), documents in reading order and
hits in text order; ``occurrences`` and ``by_document`` walk them as
``Hit(doc_id, start, end)`` (``doc.text[start:end]`` is the occurrence) or per
document. The matching is search's: the term is an exact phrase folded for
traditional/simplified characters, full/half width and case
(``corpus.text.search.find_all``), so a concordance, a trend or a collocate
table never disagrees with ``reader search "TERM"`` (a test checks it).

Two ways to the same answer, chosen by cost:

* the corpus's texts as one code point array (:mod:`corpus.text.textarray`),
  built once per loaded corpus: every occurrence of any term in tens of
  milliseconds, whatever its frequency — used whenever it exists, and built
  when the term is common (most texts are read anyway);
* the search index (``corpus.index``), when it is up to date and says the term
  is in few documents: only those are read and searched (a rare term in a
  freshly loaded corpus, as a one-off ``reader kwic`` asks).

Keeping the index up to date is the caller's business (``reader`` commands
update it first, the app in a worker); nothing else in the room looks for a term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from ..model import Corpus, Document
from ..text.search import find_all
from ..text.textarray import TextArray, built_array, text_array
from .common import CancelCheck, Progress, check

if TYPE_CHECKING:
    from ..index.corpus_index import CorpusIndex

Ints = npt.NDArray[np.int64]

#: Ask the index first only while it finds the term in at most this share of the documents.
FEW_DOCUMENTS = 1 / 8


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


@dataclass(frozen=True, slots=True)
class Occurrences:
    """Every occurrence of a term: ``documents[doc[i]].text[start[i] : start[i] + length]``,
    sorted by document (reading order) then start."""

    documents: list[Document]  # the corpus's documents (what ``doc`` indexes)
    doc: Ints
    start: Ints
    length: int
    array: TextArray | None = None  # the corpus's text array, when they were found in it

    def __len__(self) -> int:
        return len(self.doc)

    def hit(self, i: int) -> Hit:
        start = int(self.start[i])
        return Hit(self.documents[int(self.doc[i])].id, start, start + self.length)

    def __iter__(self) -> Iterator[Hit]:
        docs, n = self.documents, self.length
        for d, s in zip(self.doc.tolist(), self.start.tolist()):
            yield Hit(docs[d].id, s, s + n)

    def per_document(self) -> Iterator[tuple[int, Ints]]:
        """``(document index, starts)`` of each document with hits, in order."""
        if not len(self.doc):
            return
        cuts = np.flatnonzero(np.diff(self.doc)) + 1
        for part_doc, part in zip(np.split(self.doc, cuts), np.split(self.start, cuts)):
            yield int(part_doc[0]), part

    def counts(self) -> Ints:
        """Occurrences per document (indexed like ``documents``)."""
        return np.bincount(self.doc, minlength=len(self.documents)).astype(np.int64)

    @property
    def doc_count(self) -> int:
        """How many documents have at least one occurrence."""
        return int(np.count_nonzero(np.diff(self.doc))) + 1 if len(self.doc) else 0


def _in_scope(corpus: Corpus, docs: Iterable[Document] | None) -> npt.NDArray[np.bool_] | None:
    if docs is None:
        return None
    wanted = {d.id for d in docs}
    return np.fromiter((d.id in wanted for d in corpus.documents), dtype=np.bool_, count=len(corpus.documents))


def _few_documents(corpus: Corpus, term: str) -> list[int] | None:
    """Indexes of the documents holding ``term`` when an up-to-date index says they are
    few; None when the array is the better way (or the index cannot say)."""
    index = corpus_index(corpus)
    if not index.ready:
        return None
    from ..index.nodes import Text

    limit = max(1, int(len(corpus.documents) * FEW_DOCUMENTS))
    found = index.documents(Text(term, phrase=True), limit=limit)
    if found is None:
        return None
    order = {d.id: i for i, d in enumerate(corpus.documents)}
    return sorted(order[doc_id] for doc_id in found if doc_id in order)


def find(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Occurrences:
    """Every occurrence of ``term`` in ``docs`` (default: the whole corpus).

    ``progress(done, total)`` is called at the end; ``cancel()`` stops the search
    with :class:`~corpus.analysis.common.Cancelled`.
    """
    term = check_term(term)
    check(cancel)
    documents = corpus.documents
    scope = _in_scope(corpus, docs)
    array = built_array(documents)
    if array is None:
        few = _few_documents(corpus, term)
        if few is not None:
            return _finish(_found_in(documents, few, term, scope, cancel), scope, progress, documents)
        check(cancel)
        array = text_array(documents)
    found = array.find(term)
    check(cancel)
    return _finish(Occurrences(documents, found.doc, found.start, found.length, array), scope, progress, documents)


def _found_in(documents: list[Document], which: list[int], term: str, scope: npt.NDArray[np.bool_] | None,
              cancel: CancelCheck | None) -> Occurrences:
    doc_list: list[int] = []
    starts: list[int] = []
    for k, i in enumerate(which):
        if scope is not None and not scope[i]:
            continue
        if k % 64 == 0:
            check(cancel)
        spans = find_all(documents[i].text, term)
        doc_list.extend([i] * len(spans))
        starts.extend(s for s, _e in spans)
    return Occurrences(documents, np.array(doc_list, dtype=np.int64), np.array(starts, dtype=np.int64), len(term))


def _finish(found: Occurrences, scope: npt.NDArray[np.bool_] | None, progress: Progress | None,
            documents: list[Document]) -> Occurrences:
    if scope is not None and len(found):
        keep = scope[found.doc]
        found = Occurrences(documents, found.doc[keep], found.start[keep], found.length, found.array)
    if progress is not None:
        n = len(documents) if scope is None else int(scope.sum())
        progress(n, n)
    return found


def by_document(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Document, list[tuple[int, int]]]]:
    """Each document of ``docs`` (default: the whole corpus) holding ``term``, with the
    ``(start, end)`` of every occurrence in it, in reading order."""
    found = find(corpus, term, docs, cancel=cancel, progress=progress)
    n = found.length
    for i, starts in found.per_document():
        yield found.documents[i], [(s, s + n) for s in starts.tolist()]


def occurrences(
    corpus: Corpus,
    term: str,
    docs: Iterable[Document] | None = None,
    *,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[Hit]:
    """Every occurrence of ``term`` in ``docs`` (default: the whole corpus), as :class:`Hit`."""
    yield from find(corpus, term, docs, cancel=cancel, progress=progress)
