"""N-gram clusters: runs of 2–5 words that contain the term.

Words are jieba word tokens (:func:`.words.is_word`, one-character words
included, in folded simplified form); punctuation and whitespace end a cluster.
An occurrence inside a longer token (电商 in 跨境电商) brings the whole token. A
cluster must contain at least one word besides the occurrence's own tokens, so
for a two-word term the 2-grams are empty and its clusters start at 3.
``freq`` counts occurrences, ``docs`` the documents they are in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Corpus
from ..text.fold import fold
from .common import CancelCheck, Progress, Row, check
from .occurrences import Hit, check_term, occurrences
from .scope import Scope
from .words import DocTokens, is_word, token_pack

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

    def to_dict(self) -> dict[str, Any]:
        return {"ngram": self.text, "words": list(self.words), "n": len(self.words), "freq": self.freq,
                "docs": self.docs}


@dataclass(slots=True)
class NGramTable:
    term: str
    sizes: tuple[int, int]
    min_freq: int
    hits: int = 0
    items: list[NGram] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
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
    by_doc: dict[str, list[Hit]] = {}
    for h in occurrences(corpus, term, docs, cancel=cancel, progress=progress):
        by_doc.setdefault(h.doc_id, []).append(h)
    table.hits = sum(len(v) for v in by_doc.values())
    freq: Counter[tuple[str, ...]] = Counter()
    in_docs: dict[tuple[str, ...], set[str]] = {}
    shown: dict[tuple[str, ...], tuple[str, ...]] = {}
    pack = token_pack(corpus, cancel=cancel)
    for d in docs:
        if d.id not in by_doc:
            continue
        check(cancel)
        words = pack.tokens(d)
        for h in by_doc[d.id]:
            for gram in clusters_at(words, h, sizes):
                key = tuple(fold(w) for w in gram)
                freq[key] += 1
                in_docs.setdefault(key, set()).add(h.doc_id)
                shown.setdefault(key, gram)
    items = [NGram(shown[k], c, len(in_docs[k])) for k, c in freq.items() if c >= table.min_freq]
    items.sort(key=lambda g: (-g.freq, -len(g.words), g.words))
    table.items = items
    return table
