"""Keyness: the words that set a part of the corpus apart from the rest.

The *part* is a section, a date range, one document, or the passages of a tag
(the caller turns notes into passages: ``annotations.analysis``); the
*reference* is everything else in the corpus. For each counted word (see
:mod:`.words`) that is a keyword candidate, with ``a`` its frequency in the part
(size ``R1`` counted words) and ``b`` in the reference (size ``N − R1``):

* ``ll`` — :func:`~.measures.log_likelihood` (G²) of the 2×2 table;
* ``log_ratio`` — :func:`~.measures.log_ratio`, the effect size (+1 = twice as
  frequent in the part, relative to size);
* ``p`` — the smallest of 0.05 / 0.01 / 0.001 / 0.0001 that ``ll`` reaches.

*Positive* key words (relatively more frequent in the part) need ``a ≥ min_freq``
and ``ll ≥ min_ll``; *negative* ones (relatively rarer) are listed apart. Both
are ordered by ``ll``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from corpus.jsontypes import JSON

from ..model import Corpus, Document
from ..text.stopwords import is_candidate
from .common import CancelCheck, Progress, Row, check
from .measures import log_likelihood, log_ratio, significance
from .words import WordCounts, corpus_counts, passage_counts, token_pack, word_counts

DEFAULT_TOP = 50
DEFAULT_MIN_FREQ = 2
DEFAULT_MIN_LL = 3.84


@dataclass(frozen=True, slots=True)
class KeyWord:
    word: str
    freq: int  # in the part
    ref_freq: int  # in the rest
    ll: float
    log_ratio: float

    @property
    def p(self) -> float | None:
        return significance(self.ll)

    def to_dict(self) -> dict[str, JSON]:
        return {"word": self.word, "freq": self.freq, "ref_freq": self.ref_freq, "ll": round(self.ll, 4),
                "log_ratio": round(self.log_ratio, 4), "p": self.p}


@dataclass(slots=True)
class KeynessTable:
    target: str  # what the part is, for people
    part_words: int = 0
    rest_words: int = 0
    part_docs: int = 0
    items: list[KeyWord] = field(default_factory=list)
    negative: list[KeyWord] = field(default_factory=list)

    def to_dict(self) -> dict[str, JSON]:
        return {"target": self.target, "part_words": self.part_words, "rest_words": self.rest_words,
                "part_docs": self.part_docs, "keywords": [k.to_dict() for k in self.items],
                "negative": [k.to_dict() for k in self.negative]}

    def columns(self) -> list[str]:
        return ["word", "direction", "freq", "ref_freq", "ll", "log_ratio", "p"]

    def rows(self) -> list[Row]:
        out: list[Row] = []
        for direction, items in (("+", self.items), ("-", self.negative)):
            for k in items:
                out.append([k.word, direction, k.freq, k.ref_freq, round(k.ll, 4), round(k.log_ratio, 4),
                            "" if k.p is None else k.p])
        return out


class CompareOptions(TypedDict, total=False):
    """The options of :func:`compare` that :func:`of_documents` and :func:`of_passages` pass on."""

    top: int
    min_freq: int
    min_ll: float


def compare(
    part: WordCounts,
    rest: WordCounts,
    target: str,
    *,
    top: int = DEFAULT_TOP,
    min_freq: int = DEFAULT_MIN_FREQ,
    min_ll: float = DEFAULT_MIN_LL,
) -> KeynessTable:
    """Key words of ``part`` against ``rest`` (see the module docstring)."""
    table = KeynessTable(target, part.total, rest.total, part.docs)
    r1, n = part.total, part.total + rest.total
    if r1 == 0 or rest.total == 0:
        return table
    positive: list[KeyWord] = []
    negative: list[KeyWord] = []
    for w in set(part.counts) | set(rest.counts):
        a, b = part.counts.get(w, 0), rest.counts.get(w, 0)
        if a + b == 0 or not is_candidate(w):
            continue
        ll = log_likelihood(a, r1, a + b, n)
        if ll < min_ll:
            continue
        k = KeyWord(w, a, b, ll, log_ratio(a, r1, b, rest.total))
        if a * n > (a + b) * r1:  # observed above expected: more frequent in the part
            if a >= min_freq:
                positive.append(k)
        else:
            negative.append(k)
    order = lambda k: (-k.ll, -abs(k.log_ratio), k.word)  # noqa: E731
    table.items = sorted(positive, key=order)[:top]
    table.negative = sorted(negative, key=order)[:top]
    return table


def of_documents(
    corpus: Corpus,
    part_docs: list[Document],
    target: str,
    *,
    everything: WordCounts | None = None,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
    **options: Unpack[CompareOptions],
) -> KeynessTable:
    """Keyness of a set of documents (a section, a date range) against the rest of
    the corpus. ``everything``: the corpus's counts when the caller has them."""
    if not part_docs:
        raise ValueError(f"{target}: no documents")
    part = word_counts(part_docs, progress=progress, cancel=cancel)
    rest = (everything if everything is not None else corpus_counts(corpus, cancel=cancel)).minus(part)
    return compare(part, rest, target, **options)


def of_passages(
    corpus: Corpus,
    passages: dict[str, list[tuple[int, int]]],
    target: str,
    *,
    everything: WordCounts | None = None,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
    **options: Unpack[CompareOptions],
) -> KeynessTable:
    """Keyness of passages (``doc_id → [(start, end)]``, e.g. a tag's notes) against
    everything else in the corpus."""
    docs = [d for d in corpus.documents if passages.get(d.id)]
    if not docs:
        raise ValueError(f"{target}: no passages in this corpus")
    part = WordCounts()
    pack = token_pack(corpus, progress=progress, cancel=cancel)
    for d in docs:
        check(cancel)
        got = passage_counts(pack.tokens(d), passages[d.id])
        part.counts.update(got.counts)
        part.total += got.total
        part.docs += got.docs
    all_counts = everything if everything is not None else corpus_counts(corpus, progress=progress, cancel=cancel)
    return compare(part, all_counts.minus(part), target, **options)

