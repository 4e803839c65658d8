"""Collocates: the words that keep a term company, with frequency, G² and MI.

For every occurrence of the term (:mod:`.occurrences`), the window is the
``window`` nearest *counted words* on each side (:mod:`.words`: words of two or
more characters outside bylines and captions; punctuation and one-character
function words are passed over, not counted). Overlapping windows count each
word position once, and positions inside an occurrence never count. For a
candidate word w:

* ``freq`` (O11) — positions in the windows holding w (``left``/``right``: on
  which side of the nearest occurrence it was first reached);
* ``corpus_freq`` (C1) — w's frequency in the whole scope;
* R1 — the number of window positions, N — counted words in the scope;
* ``ll`` and ``mi`` — :func:`~.measures.log_likelihood` and
  :func:`~.measures.mutual_information` of that table.

Only keyword candidates are listed (``corpus.text.stopwords.is_candidate``: no
stop words, punctuation, numbers or single characters), with ``freq ≥ min_freq``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from corpus.jsontypes import JSON

from ..model import Corpus
from ..text.stopwords import is_candidate
from .common import CancelCheck, Progress, Row, check
from .measures import log_likelihood, mutual_information
from .occurrences import Hit, Occurrences, check_term, find
from .scope import Scope
from .tokenarrays import token_arrays, unique, walk
from .words import DocTokens, WordCounts, corpus_counts, simplified

MEASURES = ("ll", "mi", "freq")
DEFAULT_WINDOW = 5
DEFAULT_MIN_FREQ = 2


@dataclass(frozen=True, slots=True)
class Collocate:
    word: str
    freq: int
    left: int
    right: int
    corpus_freq: int
    ll: float
    mi: float

    def to_dict(self) -> dict[str, JSON]:
        return {"word": self.word, "freq": self.freq, "left": self.left, "right": self.right,
                "corpus_freq": self.corpus_freq, "ll": round(self.ll, 4), "mi": round(self.mi, 4)}


@dataclass(slots=True)
class CollocateTable:
    term: str
    window: int
    min_freq: int
    measure: str
    hits: int = 0
    window_words: int = 0  # R1
    corpus_words: int = 0  # N
    items: list[Collocate] = field(default_factory=list)

    def to_dict(self) -> dict[str, JSON]:
        return {"term": self.term, "window": self.window, "min": self.min_freq, "measure": self.measure,
                "hits": self.hits, "window_words": self.window_words, "corpus_words": self.corpus_words,
                "collocates": [c.to_dict() for c in self.items]}

    def columns(self) -> list[str]:
        return ["word", "freq", "left", "right", "corpus_freq", "ll", "mi"]

    def rows(self) -> list[Row]:
        return [[c.word, c.freq, c.left, c.right, c.corpus_freq, round(c.ll, 4), round(c.mi, 4)]
                for c in self.items]


def window_positions(words: DocTokens, hits: list[Hit], window: int) -> dict[int, str]:
    """Token index → side (``"L"``/``"R"``) of every counted word within ``window``
    counted words of a hit, each position once; tokens overlapping a hit never count."""
    spans = [words.span_indices(h.start, h.end) for h in hits]
    inside: set[int] = set()
    for first, last in spans:
        inside.update(range(first, last + 1))
    counted = words.counted
    found: dict[int, str] = {}
    n = len(words)
    for first, last in spans:
        taken, i = 0, first - 1
        while i >= 0 and taken < window:
            if i not in inside and counted(i):
                taken += 1
                found.setdefault(i, "L")
            i -= 1
        taken, i = 0, last + 1
        while i < n and taken < window:
            if i not in inside and counted(i):
                taken += 1
                found.setdefault(i, "R")
            i += 1
    return found


def _member(values: npt.NDArray[np.int64], sorted_set: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which of ``values`` are in ``sorted_set`` (sorted, distinct)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return np.asarray(sorted_set[at] == values)


def window_words(corpus: Corpus, found: Occurrences, window: int,
                 cancel: CancelCheck | None = None) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """:func:`window_positions` of every document with occurrences at once (from the
    corpus's token arrays): the words in the windows and on which side each was met."""
    freq: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = {"L": Counter(), "R": Counter()}
    if not len(found):
        return freq, sides
    arrays = token_arrays(corpus, text=found.array, cancel=cancel)
    check(cancel)
    first, last, lo, hi = arrays.around(found.doc, found.start, found.length)
    # Tokens overlapping an occurrence never count, whichever occurrence's window reaches them.
    counted = arrays.counted.copy()
    spans = last - first + 1
    offsets = np.repeat(np.cumsum(spans) - spans, spans)
    counted[np.repeat(first, spans) + (np.arange(int(spans.sum()), dtype=np.int64) - offsets)] = False
    left = walk(counted, first - 1, lo, hi, -1, window)
    right = walk(counted, last + 1, lo, hi, 1, window)
    del counted
    # A position reached from the right of one occurrence and the left of a later one is
    # met first as "R" (window_positions goes through the occurrences in order).
    on_right = unique(right[right >= 0])
    on_left = unique(left[left >= 0])
    on_left = on_left[~_member(on_left, on_right)]
    for side, positions in (("L", on_left), ("R", on_right)):
        for raw, n in arrays.counts(positions).items():
            w = simplified(raw)
            freq[w] += n
            sides[side][w] += n
    check(cancel)
    return freq, sides


def collocates(
    corpus: Corpus,
    term: str,
    *,
    scope: Scope | None = None,
    window: int = DEFAULT_WINDOW,
    min_freq: int = DEFAULT_MIN_FREQ,
    measure: str = "ll",
    stats: WordCounts | None = None,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> CollocateTable:
    """The collocates of ``term`` (see the module docstring).

    ``stats`` are the counted-word frequencies of the scope's documents when the
    caller already has them (the app keeps the corpus's); else they are read
    from the token cache.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r} (use one of: {', '.join(MEASURES)})")
    if window < 1:
        raise ValueError("the window must be at least 1 word")
    term = check_term(term)
    docs = (scope or Scope()).select(corpus)
    table = CollocateTable(term, window, max(1, min_freq), measure)
    found = find(corpus, term, None if (scope is None or scope.empty) else docs, cancel=cancel)
    table.hits = len(found)
    if stats is None:
        stats = corpus_counts(corpus, docs, progress=progress, cancel=cancel)
    freq, sides = window_words(corpus, found, window, cancel)
    r1 = sum(freq.values())
    n = max(stats.total, r1)
    table.window_words, table.corpus_words = r1, n
    items = []
    for w, o11 in freq.items():
        if o11 < table.min_freq or not is_candidate(w):
            continue
        c1 = max(stats.counts.get(w, 0), o11)
        items.append(Collocate(w, o11, sides["L"][w], sides["R"][w], c1, log_likelihood(o11, r1, c1, n),
                               mutual_information(o11, r1, c1, n)))
    def key(c: Collocate) -> tuple[float, int, str]:
        value = c.ll if measure == "ll" else c.mi if measure == "mi" else float(c.freq)
        return (-value, -c.freq, c.word)

    items.sort(key=key)
    table.items = items
    return table
