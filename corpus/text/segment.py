"""Segmentation: rjieba (fast) and jieba (reference) with the same words.

jieba's precise mode with the HMM off (no invented words), on the text's
simplified form (traditional characters mapped one-to-one by
``fold.to_simplified``, so offsets hold and 跨境電商 is cut like 跨境电商). Both
segmenters get the built-in domain words, then the user's ``words.txt``
(``corpus.text.userdict``). jieba itself is imported lazily and quietly (its log
lines and import warnings never reach the terminal) with its dictionary cache
in our cache dir. Public names are re-exported by ``corpus.text.tokens``.
"""

from __future__ import annotations

import array
import logging
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from types import ModuleType
from typing import Protocol

from .. import limits
from ..model import Document
from ..paths import cache_dir
from . import userdict
from .fold import to_simplified

Token = tuple[str, int, int]


class Segmenter(Protocol):
    """What is used of a segmenter: ``rjieba.Jieba`` or its module-level instance."""

    def cut(self, text: str, hmm: bool = True) -> list[str]: ...
    def tokenize(self, text: str, mode: str = "default", hmm: bool = True) -> list[Token]: ...
    def tag(self, text: str, hmm: bool = True) -> list[tuple[str, str]]: ...
    def add_word(self, word: str, freq: int | None, tag: str | None) -> int: ...
    def has_word(self, word: str) -> bool: ...


class ReferenceTokenizer(Protocol):
    """What is used of jieba's (untyped) ``Tokenizer``."""

    def tokenize(self, unicode_sentence: str, mode: str = "default", HMM: bool = True) -> Iterable[Token]: ...

#: Bumped when segmentation or the cache entry format changes (6: the simplified
#: form segmented comes from OpenCC's t2s table, which maps ~1,000 more rare characters).
TOKENS_VERSION = 6


# --------------------------------------------------------------------------- segmenters

_SEG: tuple[str, Segmenter] | None = None  # (words hash, segmenter)
# Words already added to rjieba's module-level instance, which importing rjieba
# builds anyway (~60 MB): reusing it halves the segmenter's memory.
_DEFAULT_WORDS: tuple[userdict.Word, ...] | None = None


class _ModuleSegmenter:
    """rjieba's module-level instance, with the ``Jieba`` method names."""

    def __init__(self) -> None:
        import rjieba

        self.cut = rjieba.cut
        self.tokenize = rjieba.tokenize
        self.add_word = rjieba.add_word
        self.has_word = rjieba.has_word
        self.tag = rjieba.tag


def _make_rjieba(words: tuple[userdict.Word, ...]) -> Segmenter:
    global _DEFAULT_WORDS
    import rjieba

    added = _DEFAULT_WORDS or ()
    if words[: len(added)] == added:
        # Words can be added, never removed: extend the shared instance when the
        # new list only appends (same order, so the same dictionary as a fresh build).
        seg: Segmenter = _ModuleSegmenter()
        todo = words[len(added) :]
        _DEFAULT_WORDS = words
    else:
        seg = rjieba.Jieba()
        todo = words
    for w in todo:
        seg.add_word(w.word, w.freq, w.tag)
    return seg


def _words_and_key(words: Sequence[userdict.Word] | None) -> tuple[Sequence[userdict.Word], str]:
    if words is None:
        return userdict.current()
    return words, userdict.words_hash(words)


def segmenter(words: Sequence[userdict.Word] | None = None) -> Segmenter:
    """The rjieba segmenter with the current words (rebuilt when they change)."""
    global _SEG
    words, key = _words_and_key(words)
    if _SEG is None or _SEG[0] != key:
        _SEG = (key, _make_rjieba(tuple(words)))
    return _SEG[1]


def segmenter_key(words: Sequence[userdict.Word] | None = None) -> str:
    """Identifies the segmentation: words plus version (part of cache keys)."""
    return f"{TOKENS_VERSION}-{_words_and_key(words)[1]}"


def reset() -> None:
    """Forget the loaded segmenter (after the user dictionary changed)."""
    global _SEG
    _SEG = None


def _original_words(text: str, toks: list[Token]) -> list[Token]:
    return [(text[a:b], a, b) for _w, a, b in toks]


def tokenize(text: str, words: Sequence[userdict.Word] | None = None) -> list[Token]:
    """``[(word, start, end), …]`` covering ``text``; HMM off, user words applied.

    Segmentation runs on the simplified form of the text (``fold.to_simplified``,
    same length), so 跨境電商 is cut like 跨境电商; ``word`` is always
    ``text[start:end]``.
    """
    if not text:
        return []
    simple = to_simplified(text)
    toks = segmenter(words).tokenize(simple, hmm=False)
    return toks if simple == text else _original_words(text, toks)


def cut(text: str, words: Sequence[userdict.Word] | None = None) -> list[str]:
    """The words only, in simplified form (faster than :func:`tokenize`);
    ``"".join(cut(t)) == to_simplified(t)``."""
    return segmenter(words).cut(to_simplified(text), hmm=False) if text else []


def quiet_jieba() -> ModuleType:
    """Import jieba with its logging and warnings silenced and its cache in ours."""
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which warns about its own deprecation.
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.ERROR)
    logging.getLogger("jieba").propagate = False
    target = cache_dir() / "jieba"
    try:
        target.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(target)
    except OSError:
        pass  # unwritable cache: jieba rebuilds its dictionary in memory each run
    module: ModuleType = jieba  # jieba has no type information: the module as what it is
    return module


_JIEBA: tuple[str, ReferenceTokenizer] | None = None


def reference_tokenizer(words: Sequence[userdict.Word] | None = None) -> ReferenceTokenizer:
    """A jieba ``Tokenizer`` with the same words as :func:`segmenter` (the reference)."""
    global _JIEBA
    words, key = _words_and_key(words)
    if _JIEBA is None or _JIEBA[0] != key:
        jieba = quiet_jieba()
        tok = jieba.Tokenizer()
        tok.tmp_dir = jieba.dt.tmp_dir
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tok.initialize()
        for w in words:
            tok.add_word(w.word, w.freq, w.tag)
        _JIEBA = (key, tok)
    return _JIEBA[1]


def jieba_tokenize(text: str, words: Sequence[userdict.Word] | None = None) -> list[Token]:
    """jieba's own ``tokenize`` (HMM off, same words): the reference for tests."""
    simple = to_simplified(text)
    toks = list(reference_tokenizer(words).tokenize(simple, HMM=False))
    return toks if simple == text else _original_words(text, toks)


# --------------------------------------------------------------------------- counts


def count_words(words: Iterable[str] | Counter[str]) -> dict[str, int]:
    """Occurrences of each word of 2+ characters (keyword filters apply later)."""
    counts = words if isinstance(words, Counter) else Counter(words)
    # Whitespace runs and the like are dropped later by the keyword filters.
    return {w: c for w, c in counts.items() if c > 0 and len(w) > 1}


def _ends(words: list[str]) -> array.array[int]:
    return array.array("I", accumulate(map(len, words)))


def tokens_from_ends(text: str, ends: Iterable[int]) -> list[Token]:
    out: list[Token] = []
    start = 0
    for end in ends:
        out.append((text[start:end], start, end))
        start = end
    return out


@dataclass(slots=True)
class Entry:
    """One document's segmentation: token end offsets plus word counts."""

    ends: array.array[int]
    counts: dict[str, int]

    def tokens(self, text: str) -> list[Token]:
        return tokens_from_ends(text, self.ends)

    @classmethod
    def empty(cls) -> Entry:
        """No words: the segmentation of a document too long to cut (see :func:`too_long`)."""
        return cls(array.array("I"), {})


def too_long(text: str) -> bool:
    """More characters than ``READER_MAX_SEGMENT_CHARS``: never cut into words (bounded memory)."""
    return len(text) > limits.max_segment_chars()


#: Block types whose words are not counted for keywords: reporters' names, source
#: lines (广州日报 2023-09-13), picture credits, page jumps and layout furniture.
UNCOUNTED_BLOCKS = frozenset({"byline", "source", "caption", "continuation", "furniture"})

Ranges = list[tuple[int, int]]


def uncounted_ranges(doc: Document) -> Ranges:
    """The ``(start, end)`` of the document's blocks left out of word counts."""
    return [(b.start, b.end) for b in doc.blocks if b.type in UNCOUNTED_BLOCKS and b.end > b.start]


def segment(text: str, words: Sequence[userdict.Word] | None = None, skip: Sequence[tuple[int, int]] = ()) -> Entry:
    """Tokens of ``text``, and counts of its words outside the ``skip`` ranges."""
    pieces = cut(text, words)
    ends = _ends(pieces)
    counts = Counter(pieces)
    for start, end in skip:
        # Tokens starting inside [start, end): the first has its end beyond start.
        i = bisect_right(ends, start)
        pos = ends[i - 1] if i > 0 else 0
        while i < len(pieces) and pos < end:
            counts[pieces[i]] -= 1
            pos = ends[i]
            i += 1
    return Entry(ends, count_words(counts))
