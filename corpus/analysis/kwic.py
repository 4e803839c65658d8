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

from dataclasses import dataclass
from typing import Any

from ..model import Corpus, Document
from ..text.fold import fold
from .cells import clip_end, clip_start, one_line
from .common import CancelCheck, Progress, Row, check
from .occurrences import Hit, check_term, occurrences
from .scope import Scope
from .words import DocTokens, is_word, token_pack

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

    def to_dict(self) -> dict[str, Any]:
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
        docs = self.scope.select(corpus)
        self.documents = len(docs)
        hits = list(occurrences(corpus, self.term, docs, cancel=cancel, progress=progress))
        self.hits: list[Hit] = self._ordered(hits, cancel)

    def _ordered(self, hits: list[Hit], cancel: CancelCheck | None) -> list[Hit]:
        if self.sort == "doc" or not hits:
            return hits
        rank = {d.id: i for i, d in enumerate(self.corpus.documents)}
        if self.sort == "date":
            def by_date(h: Hit) -> tuple[bool, str, int, int]:
                date = self._doc(h.doc_id).date
                return (date is None, date or "", rank[h.doc_id], h.start)

            return sorted(hits, key=by_date)
        side, depth = self.sort[1], int(self.sort[0])
        pack = token_pack(self.corpus, cancel=cancel)
        keyed: list[tuple[tuple[str, ...], int, int, Hit]] = []
        words: DocTokens | None = None
        for n, h in enumerate(hits):
            if n % 256 == 0:
                check(cancel)
            if words is None or words.doc.id != h.doc_id:
                words = pack.tokens(self._doc(h.doc_id))
            seq = side_words(words, h.start, h.end, side)[depth - 1 :]
            key = tuple(seq) + ("",) * (SORT_DEPTH - len(seq))
            keyed.append((key, rank[h.doc_id], h.start, h))
        keyed.sort(key=lambda k: k[:3])
        return [k[3] for k in keyed]

    def _doc(self, doc_id: str) -> Document:
        doc = self.corpus.get(doc_id)
        if doc is None:  # the corpus changed under us: a bug, not user input
            raise KeyError(f"no document with id {doc_id!r}")
        return doc

    @property
    def total(self) -> int:
        return len(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    @property
    def doc_count(self) -> int:
        """How many documents have at least one hit."""
        return len({h.doc_id for h in self.hits})

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

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        return {"term": self.term, "total": self.total, "sort": self.sort, "width": self.width,
                "lines": [ln.to_dict() for ln in self.lines(0, limit)]}

    def columns(self) -> list[str]:
        return ["id", "title", "date", "start", "end", "left", "match", "right"]

    def rows(self, limit: int | None = None) -> list[Row]:
        return [[ln.doc_id, ln.title, ln.date or "", ln.start, ln.end, ln.left, ln.match, ln.right]
                for ln in self.lines(0, limit)]
