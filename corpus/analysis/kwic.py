"""Concordance (keyword in context): every occurrence of a term in aligned context.

Each line is the match with its left and right context clipped to ``width``
terminal cells (Chinese characters count two), on one line (whitespace runs and
control characters become one space). Lines come in reading order, by document
date, or sorted by the 1st/2nd/3rd word to the left (``1L`` ``2L`` ``3L``) or
right (``1R`` ``2R`` ``3R``) of the match — jieba word tokens in simplified,
folded form, punctuation skipped. Ties fall back on the next word outward, then
reading order, so equal contexts stay together and in order.

Occurrences come from :mod:`.occurrences` (the same matching as search); lines
are built only when asked for (:meth:`Concordance.lines`), so a term with a
hundred thousand occurrences pages lazily. Sorting by words reads the token
cache of the documents that have hits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
import numpy.typing as npt

from corpus.jsontypes import JSON

from ..model import Corpus, Document
from ..text.fold import fold
from .cells import clip_end, clip_start, one_line
from .common import CancelCheck, Progress, Row, check
from .occurrences import Hit, Occurrences, check_term, find
from .scope import Scope
from .tokenarrays import token_arrays, walk
from .words import DocTokens, is_word

Ints = npt.NDArray[np.int64]

SORTS = ("doc", "date", "1L", "2L", "3L", "1R", "2R", "3R")
DEFAULT_WIDTH = 30
#: Words looked at on each side for sorting.
SORT_DEPTH = 3


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One concordance line; ``document.text[start:end] == match``."""

    doc_id: str
    start: int
    end: int
    left: str
    match: str
    right: str
    title: str
    section: str
    date: str | None

    def to_dict(self) -> dict[str, JSON]:
        return {"id": self.doc_id, "start": self.start, "end": self.end, "left": self.left,
                "match": self.match, "right": self.right, "title": self.title, "section": self.section,
                "date": self.date}


def context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Left and right context of ``text[start:end]``, each at most ``width`` cells."""
    # Enough characters for ``width`` cells even after whitespace runs collapse.
    reach = 2 * width + 16
    left = clip_start(one_line(text[max(0, start - reach) : start]), width)
    right = clip_end(one_line(text[end : end + reach]), width)
    return left, right


_FOLDED: dict[str, str] = {}  # token → folded form when it is a word, "" when not


def _folded_word(token: str) -> str:
    v = _FOLDED.get(token)
    if v is None:
        if len(_FOLDED) > 2_000_000:
            _FOLDED.clear()
        v = _FOLDED[token] = fold(token) if is_word(token) else ""
    return v


def side_keys(corpus: Corpus, found: Occurrences, side: str, cancel: CancelCheck | None = None,
              depth: int = SORT_DEPTH) -> Ints:
    """``keys[k, j]``: the rank of the (k+1)-th word token on ``side`` of occurrence ``j``
    in the order of their folded forms (0: no such word) — :func:`side_words` for every
    occurrence at once, from the corpus's token arrays."""
    arrays = token_arrays(corpus, text=found.array, cancel=cancel)
    check(cancel)
    at = arrays.text.bounds[found.doc] + found.start
    lo, hi = arrays.first[found.doc], arrays.first[found.doc + 1]
    if side == "L":
        tokens = walk(arrays.word, arrays.token_at(at) - 1, lo, hi, -1, depth)
    else:
        tokens = walk(arrays.word, arrays.token_at(at + found.length - 1) + 1, lo, hi, 1, depth)
    present = tokens >= 0
    ids, strings = arrays.strings(tokens[present])
    folded = [_folded_word(w) for w in strings]
    order = sorted(set(folded))
    rank_of = {w: r + 1 for r, w in enumerate(order)}
    ranks = np.array([rank_of[w] for w in folded], dtype=np.int64)
    keys = np.zeros(tokens.shape, dtype=np.int64)
    keys[present] = ranks[ids] if len(ids) else 0
    return keys


def side_words(words: DocTokens, start: int, end: int, side: str, depth: int = SORT_DEPTH) -> list[str]:
    """Up to ``depth`` word tokens on one ``side`` (``"L"``/``"R"``) of ``[start, end)``,
    nearest first, folded."""
    first, last = words.span_indices(start, end)
    out: list[str] = []
    if side == "L":
        i, step = first - 1, -1
    else:
        i, step = last + 1, 1
    n = len(words)
    while 0 <= i < n and len(out) < depth:
        w = _folded_word(words.raw(i))
        if w:
            out.append(w)
        i += step
    return out


class HitList(Sequence[Hit]):
    """The occurrences in concordance order, made into :class:`Hit` only when asked for."""

    def __init__(self, found: Occurrences, order: Ints | None) -> None:
        self._found = found
        self._order = order

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...

    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("concordance line out of range")
        return self._found.hit(int(self._order[index]) if self._order is not None else index)

    def __iter__(self) -> Iterator[Hit]:
        if self._order is None:
            yield from self._found
        else:
            for i in self._order.tolist():
                yield self._found.hit(i)


class Concordance:
    """The concordance of ``term`` over a scope of ``corpus``, sorted once, paged lazily."""

    def __init__(
        self,
        corpus: Corpus,
        term: str,
        *,
        scope: Scope | None = None,
        sort: str = "doc",
        width: int = DEFAULT_WIDTH,
        cancel: CancelCheck | None = None,
        progress: Progress | None = None,
    ) -> None:
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r} (use one of: {', '.join(SORTS)})")
        if width < 1:
            raise ValueError("the context width must be at least 1 cell")
        self.corpus = corpus
        self.term = check_term(term)
        self.scope = scope or Scope()
        self.sort = sort
        self.width = width
        docs = None if self.scope.empty else self.scope.select(corpus)
        self.documents = len(corpus.documents) if docs is None else len(docs)
        self.found = find(corpus, self.term, docs, cancel=cancel, progress=progress)
        self.hits = HitList(self.found, self._ordered(cancel))

    def _ordered(self, cancel: CancelCheck | None) -> Ints | None:
        """The concordance order as a permutation of the occurrences (None: as found)."""
        found = self.found
        if self.sort == "doc" or not len(found):
            return None
        if self.sort == "date":
            docs = self.corpus.documents
            by_date = sorted(range(len(docs)), key=lambda i: (docs[i].date is None, docs[i].date or "", i))
            rank = np.empty(len(docs), dtype=np.int64)
            rank[np.array(by_date, dtype=np.int64)] = np.arange(len(docs), dtype=np.int64)
            return np.lexsort((found.start, rank[found.doc])).astype(np.int64)
        side, depth = self.sort[1], int(self.sort[0])
        keys = side_keys(self.corpus, found, side, cancel)[depth - 1 :]
        columns = [found.start, found.doc, *[keys[k] for k in range(len(keys) - 1, -1, -1)]]
        return np.lexsort(tuple(columns)).astype(np.int64)

    def _doc(self, doc_id: str) -> Document:
        doc = self.corpus.get(doc_id)
        if doc is None:  # the corpus changed under us: a bug, not user input
            raise KeyError(f"no document with id {doc_id!r}")
        return doc

    @property
    def total(self) -> int:
        return len(self.found)

    def __len__(self) -> int:
        return len(self.found)

    @property
    def doc_count(self) -> int:
        """How many documents have at least one hit."""
        return self.found.doc_count

    def line(self, index: int) -> KwicLine:
        h = self.hits[index]
        doc = self._doc(h.doc_id)
        left, right = context(doc.text, h.start, h.end, self.width)
        return KwicLine(h.doc_id, h.start, h.end, left, doc.text[h.start : h.end], right, doc.title, doc.section,
                        doc.date)

    def lines(self, offset: int = 0, limit: int | None = None) -> list[KwicLine]:
        """Lines ``offset`` … ``offset + limit`` (built now, not before)."""
        stop = len(self.hits) if limit is None else min(len(self.hits), offset + limit)
        return [self.line(i) for i in range(max(0, offset), stop)]

    def to_dict(self, limit: int | None = None) -> dict[str, JSON]:
        return {"term": self.term, "total": self.total, "sort": self.sort, "width": self.width,
                "lines": [ln.to_dict() for ln in self.lines(0, limit)]}

    def columns(self) -> list[str]:
        return ["id", "title", "date", "start", "end", "left", "match", "right"]

    def rows(self, limit: int | None = None) -> list[Row]:
        return [[ln.doc_id, ln.title, ln.date or "", ln.start, ln.end, ln.left, ln.match, ln.right]
                for ln in self.lines(0, limit)]
