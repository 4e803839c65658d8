"""Suggest user-dictionary words: frequent phrases the segmenter cuts into pieces.

A candidate is a run of 2–4 adjacent tokens, all CJK, 2–6 characters together
(跨境/电商, 综/试/区), that occurs at least ``min_count`` times. It is ranked by
frequency × cohesion, where cohesion is the share of its rarest piece's
occurrences that fall inside the phrase (1.0: the piece never appears alone).
Phrases starting or ending with a function word (的, 和, 在 …), numbers,
stop words, and phrases already in the dictionary are left out; a phrase that is
nearly always part of a longer candidate gives way to it.

Token runs come from the token cache, so suggesting over an indexed corpus is
cheap. Very large corpora are sampled: the first ``max_chars`` characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..jsontypes import JSON
from ..model import Document
from . import tokens as tok
from .stopwords import is_cjk, is_number, is_stopword

#: Function words that never start or end a dictionary word.
FUNCTION_WORDS = frozenset(
    [
        "的", "了", "是", "和", "与", "及", "或", "在", "于", "等", "也", "对", "中", "将", "为",
        "并", "从", "把", "被", "其", "之", "这", "那", "个", "有", "不", "就", "都", "而", "向",
        "以", "由", "到", "给", "让", "使", "又", "还", "很", "更", "最", "各", "每", "该", "此",
        "所", "着", "过", "地", "得", "上", "下", "内", "外", "后", "前", "时", "来", "去", "能",
        "会", "要", "可", "已", "以及", "及其", "并且", "或者", "以上", "以下", "我们", "他们",
    ]
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    count: int
    cohesion: float
    pieces: tuple[str, ...]

    @property
    def score(self) -> float:
        return self.count * self.cohesion

    def to_dict(self) -> dict[str, JSON]:
        return {"word": self.word, "count": self.count, "cohesion": round(self.cohesion, 3),
                "score": round(self.score, 3), "pieces": list(self.pieces)}


def _runs(words: Iterable[str]) -> Iterable[list[str]]:
    run: list[str] = []
    for w in words:
        if all(is_cjk(ch) for ch in w):
            run.append(w)
        elif run:
            yield run
            run = []
    if run:
        yield run


def suggest_words(
    docs: Iterable[Document],
    top: int = 20,
    *,
    min_count: int = 3,
    min_cohesion: float = 0.3,
    max_chars: int = 5_000_000,
) -> list[Suggestion]:
    """Candidate words for ``words.txt``, best first."""
    seg = tok.segmenter()
    unigrams: Counter[str] = Counter()
    grams: Counter[tuple[str, ...]] = Counter()
    seen_chars = 0
    for doc in docs:
        if seen_chars >= max_chars:
            break
        seen_chars += len(doc.text)
        words = [w for w, _s, _e in tok.document_words(doc)]
        for run in _runs(words):
            unigrams.update(run)
            for i in range(len(run)):
                length = len(run[i])
                for j in range(i + 1, min(i + 4, len(run))):
                    length += len(run[j])
                    if length > 6:
                        break
                    grams[tuple(run[i : j + 1])] += 1
    cands: list[Suggestion] = []
    for pieces, count in grams.items():
        if count < min_count:
            continue
        word = "".join(pieces)
        if pieces[0] in FUNCTION_WORDS or pieces[-1] in FUNCTION_WORDS:
            continue
        if any(p in ("的", "了", "和", "与", "及", "或", "是", "在", "等") for p in pieces):
            continue
        if any(len(p) >= 2 and is_stopword(p) for p in (pieces[0], pieces[-1])):
            continue
        if is_stopword(word) or is_number(word) or any(is_number(p) for p in pieces):
            continue
        if seg.has_word(word):
            continue
        cohesion = count / min(unigrams[p] for p in pieces)
        if cohesion < min_cohesion:
            continue
        cands.append(Suggestion(word, count, cohesion, pieces))
    # A phrase nearly always extended by the same token (数字技术赋 → 赋能) is a
    # fragment; one nearly always inside a longer candidate gives way to it.
    index = {s.pieces: s for s in cands}
    longest_ext: Counter[tuple[str, ...]] = Counter()
    for g, c in grams.items():
        if len(g) >= 2:
            for part in (g[:-1], g[1:]):
                if part in index and c > longest_ext[part]:
                    longest_ext[part] = c
    by_len = sorted(cands, key=lambda s: -len(s.word))
    kept: list[Suggestion] = []
    for s in by_len:
        if longest_ext[s.pieces] >= 0.9 * s.count and not any(k.pieces != s.pieces and s.word in k.word for k in kept):
            continue  # always extended, and the longer form is not itself a candidate
        if any(s.word in k.word and k.count >= 0.9 * s.count for k in kept):
            continue
        kept.append(s)
    kept.sort(key=lambda s: (-s.score, -s.count, s.word))
    return kept[:top]
