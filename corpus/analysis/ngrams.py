"""N-gram clusters: runs of 2–5 words that contain the term.

Words are jieba word tokens (:func:`.words.is_word`, one-character words
included, in folded simplified form); punctuation and whitespace end a cluster.
An occurrence inside a longer token (电商 in 跨境电商) brings the whole token. A
cluster must contain at least one word besides the occurrence's own tokens, so
for a two-word term the 2-grams are empty and its clusters start at 3.
``freq`` counts occurrences, ``docs`` the documents they are in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from corpus.jsontypes import JSON

from ..model import Corpus
from ..text.fold import fold
from .common import CancelCheck, Progress, Row, check
from .occurrences import Hit, Occurrences, check_term, find
from .scope import Scope
from .tokenarrays import token_arrays, unique
from .words import DocTokens, is_word, simplified

MIN_N, MAX_N = 2, 5
DEFAULT_MIN_FREQ = 2


def parse_sizes(text: str) -> tuple[int, int]:
    """``"2-5"`` → (2, 5), ``"3"`` → (3, 3); ``ValueError`` outside 2–5."""
    lo, sep, hi = text.strip().partition("-")
    try:
        a, b = int(lo), int(hi) if sep else int(lo)
    except ValueError:
        raise ValueError(f"not a size: {text!r} (use N or N-M, e.g. 2-5)") from None
    if not MIN_N <= a <= b <= MAX_N:
        raise ValueError(f"cluster sizes must be between {MIN_N} and {MAX_N} words, low to high: {text!r}")
    return a, b


@dataclass(frozen=True, slots=True)
class NGram:
    words: tuple[str, ...]
    freq: int
    docs: int

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def to_dict(self) -> dict[str, JSON]:
        return {"ngram": self.text, "words": list(self.words), "n": len(self.words), "freq": self.freq,
                "docs": self.docs}


@dataclass(slots=True)
class NGramTable:
    term: str
    sizes: tuple[int, int]
    min_freq: int
    hits: int = 0
    items: list[NGram] = field(default_factory=list)

    def to_dict(self) -> dict[str, JSON]:
        return {"term": self.term, "n": f"{self.sizes[0]}-{self.sizes[1]}", "min": self.min_freq,
                "hits": self.hits, "ngrams": [g.to_dict() for g in self.items]}

    def columns(self) -> list[str]:
        return ["ngram", "n", "freq", "docs"]

    def rows(self) -> list[Row]:
        return [[g.text, len(g.words), g.freq, g.docs] for g in self.items]


def _run(words: DocTokens, start: int, direction: int, limit: int) -> list[str]:
    """Up to ``limit`` word tokens from index ``start`` going ``direction``, stopping
    at the first punctuation or whitespace token."""
    out: list[str] = []
    i = start
    while 0 <= i < len(words) and len(out) < limit:
        w = words.word(i)
        if not is_word(w):
            break
        out.append(w)
        i += direction
    return out


def clusters_at(words: DocTokens, hit: Hit, sizes: tuple[int, int]) -> list[tuple[str, ...]]:
    """Every cluster (in ``sizes``) around one occurrence, as simplified words."""
    first, last = words.span_indices(hit.start, hit.end)
    block = [words.word(i) for i in range(first, last + 1)]
    room = sizes[1] - len(block)
    if room < 1:
        return []
    left = _run(words, first - 1, -1, room)
    right = _run(words, last + 1, 1, room)
    out = []
    for n in range(max(sizes[0], len(block) + 1), sizes[1] + 1):
        extra = n - len(block)
        for nl in range(min(extra, len(left)) + 1):
            nr = extra - nl
            if nr > len(right):
                continue
            out.append(tuple(reversed(left[:nl])) + tuple(block) + tuple(right[:nr]))
    return out


def _clusters(corpus: Corpus, found: Occurrences, sizes: tuple[int, int], min_freq: int,
              cancel: CancelCheck | None) -> list[NGram]:
    """:func:`clusters_at` of every occurrence at once, counted (from the token arrays):
    each cluster is a run of tokens ``a..b``, told apart by its words' folded forms."""
    if not len(found):
        return []
    arrays = token_arrays(corpus, text=found.array, cancel=cancel)
    check(cancel)
    first, last, lo, hi = arrays.around(found.doc, found.start, found.length)
    block = last - first + 1
    room = sizes[1] - block
    word = arrays.word
    # Runs of word tokens on each side (punctuation and space end them), at most ``room``.
    runs = []
    for step, edge, limit in ((-1, first, lo), (1, last, hi)):
        length = np.zeros(len(first), dtype=np.int64)
        going = room >= 1
        for j in range(1, sizes[1]):
            pos = edge + step * j
            inside = (pos >= limit) if step < 0 else (pos < limit)
            going = going & (j <= room) & inside
            going &= word[np.where(going, pos, 0)]
            length += going
        runs.append(length)
    left, right = runs
    hit_of, starts, ends, seq = [], [], [], []
    for n in range(sizes[0], sizes[1] + 1):
        extra = n - block
        for nl in range(sizes[1]):
            nr = extra - nl
            ok = (extra >= 1) & (nl <= np.minimum(extra, left)) & (nr <= right) & (nr >= 0)
            which = np.flatnonzero(ok)
            hit_of.append(which)
            starts.append(first[which] - nl)
            ends.append(last[which] + nr[which])
            seq.append(which * 64 + n * 8 + nl)  # the order clusters_at meets them in
    hit = np.concatenate(hit_of)
    a, b, order = np.concatenate(starts), np.concatenate(ends), np.concatenate(seq)
    if not len(hit):
        return []
    check(cancel)
    width = sizes[1]
    cols = np.full((width, len(hit)), -1, dtype=np.int64)
    span = b - a + 1
    tokens = np.concatenate([a[span > k] + k for k in range(width)])
    needed = unique(tokens)
    ids, strings = arrays.strings(needed)
    simple = [simplified(w) for w in strings]
    folded_of: dict[str, int] = {}
    fold_id = np.array([folded_of.setdefault(fold(w), len(folded_of)) for w in simple], dtype=np.int64)
    raw = np.full((width, len(hit)), -1, dtype=np.int64)  # the token strings, for showing
    for k in range(width):
        has = span > k
        raw[k, has] = ids[np.searchsorted(needed, a[has] + k)]
        cols[k, has] = fold_id[raw[k, has]]
    keys = np.lexsort((order, *[cols[k] for k in range(width - 1, -1, -1)]))
    sorted_cols = cols[:, keys]
    new = np.ones(len(keys), dtype=np.bool_)
    new[1:] = (sorted_cols[:, 1:] != sorted_cols[:, :-1]).any(axis=0)
    run_at = np.flatnonzero(new)
    run_len = np.diff(np.append(run_at, len(keys)))
    docs = found.doc[hit[keys]]
    doc_new = new.copy()
    doc_new[1:] |= docs[1:] != docs[:-1]
    doc_runs = np.add.reduceat(doc_new.astype(np.int64), run_at)
    kept = np.flatnonzero(run_len >= min_freq)
    shown = keys[run_at[kept]]
    items = []
    for row, n, d in zip(raw[:, shown].T.tolist(), run_len[kept].tolist(), doc_runs[kept].tolist()):
        items.append(NGram(tuple(simple[i] for i in row if i >= 0), n, d))
    return items


def ngrams(
    corpus: Corpus,
    term: str,
    *,
    scope: Scope | None = None,
    sizes: tuple[int, int] = (MIN_N, MAX_N),
    min_freq: int = DEFAULT_MIN_FREQ,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> NGramTable:
    """Clusters of ``sizes`` words containing ``term``, most frequent first."""
    if not MIN_N <= sizes[0] <= sizes[1] <= MAX_N:
        raise ValueError(f"cluster sizes must be between {MIN_N} and {MAX_N} words")
    term = check_term(term)
    docs = (scope or Scope()).select(corpus)
    table = NGramTable(term, sizes, max(1, min_freq))
    found = find(corpus, term, None if (scope is None or scope.empty) else docs, cancel=cancel,
                 progress=progress)
    table.hits = len(found)
    items = _clusters(corpus, found, sizes, table.min_freq, cancel)
    items.sort(key=lambda g: (-g.freq, -len(g.words), g.words))
    table.items = items
    return table
