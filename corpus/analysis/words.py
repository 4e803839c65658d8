"""Words for the measures: jieba tokens by index, and corpus word frequencies.

Tokens come from the token cache (``corpus.text.tokens``: rjieba, user words,
segmented in worker processes for big corpora) in their simplified form, so
跨境電商 and 跨境电商 are one word. Two notions of *word* are used, each for a
reason:

* a **word token** (:func:`is_word`) is any token with a letter, digit or
  Chinese character in it — punctuation and whitespace are not words. Sorting a
  concordance by the 1st/2nd/3rd word and n-gram clusters use these.
* a **counted word** (:func:`is_counted`) is a word token of two or more
  characters outside bylines, source lines, captions and page furniture — the
  words keyword counts use, stored per document in the token cache. The
  statistics (collocates, keyness) count these, so a corpus frequency is read
  from the cache instead of re-segmenting, and function words such as 的, 在, 和
  do not fill the collocation window.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..model import Document
from ..text import tokens as tok
from ..text.fold import to_simplified
from .common import CancelCheck, Progress, check


def is_word(token: str) -> bool:
    """Has a letter, digit or Chinese character (not punctuation or space)."""
    return any(ch.isalnum() for ch in token)


def is_counted(token: str) -> bool:
    """A word of two or more characters (see the module docstring)."""
    return len(token) >= 2 and is_word(token)


class DocWords:
    """One document's tokens (simplified form) addressed by index."""

    __slots__ = ("doc", "text", "ends", "_skip")

    def __init__(self, doc: Document, entry: tok.Entry) -> None:
        self.doc = doc
        self.text = to_simplified(doc.text)
        self.ends = entry.ends
        self._skip = tok.uncounted_ranges(doc)

    def __len__(self) -> int:
        return len(self.ends)

    def start(self, i: int) -> int:
        return self.ends[i - 1] if i > 0 else 0

    def word(self, i: int) -> str:
        return self.text[self.start(i) : self.ends[i]]

    def index_at(self, offset: int) -> int:
        """Index of the token containing character ``offset``."""
        return bisect_right(self.ends, offset)

    def span_indices(self, start: int, end: int) -> tuple[int, int]:
        """First and last token index overlapping ``[start, end)``."""
        return self.index_at(start), self.index_at(max(start, end - 1))

    def skipped(self, i: int) -> bool:
        """Does token ``i`` overlap a byline, caption, source or furniture block?"""
        if not self._skip:
            return False
        a, b = self.start(i), self.ends[i]
        return any(s < b and a < e for s, e in self._skip)

    def counted(self, i: int) -> bool:
        return is_counted(self.word(i)) and not self.skipped(i)

    def walk_left(self, i: int) -> Iterator[int]:
        """Token indices before ``i``, nearest first."""
        return iter(range(i - 1, -1, -1))

    def walk_right(self, i: int) -> Iterator[int]:
        """Token indices after ``i``, nearest first."""
        return iter(range(i + 1, len(self.ends)))


def doc_words(
    docs: Iterable[Document],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[DocWords]:
    """:class:`DocWords` for each document (token cache first, then worker processes)."""
    for doc, entry in tok.iter_entries(docs, progress=progress):
        check(cancel)
        yield DocWords(doc, entry)


@dataclass(slots=True)
class WordCounts:
    """Counted-word frequencies of a set of texts, and their total."""

    counts: Counter[str] = field(default_factory=Counter)
    total: int = 0
    docs: int = 0

    def add(self, counts: dict[str, int]) -> None:
        """Add one document's cached counts (non-words such as ``——`` dropped)."""
        mine = self.counts
        added = 0
        for w, c in counts.items():
            if is_word(w):
                mine[w] += c
                added += c
        self.total += added
        self.docs += 1

    def add_word(self, word: str, n: int = 1) -> None:
        self.counts[word] += n
        self.total += n

    def minus(self, other: "WordCounts") -> "WordCounts":
        """These counts without ``other``'s (``other`` must be a part of these)."""
        rest: Counter[str] = Counter(self.counts)
        rest.subtract(other.counts)
        return WordCounts(+rest, self.total - other.total, self.docs - other.docs)


def word_counts(
    docs: Iterable[Document],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> WordCounts:
    """Counted-word frequencies of ``docs`` (from the token cache's per-document counts)."""
    out = WordCounts()
    for _doc, entry in tok.iter_entries(docs, progress=progress):
        check(cancel)
        out.add(entry.counts)
    return out


def passage_counts(words: DocWords, passages: Iterable[tuple[int, int]]) -> WordCounts:
    """Counted words of one document that start inside any of ``passages`` (each once)."""
    out = WordCounts()
    seen: set[int] = set()
    for start, end in passages:
        i = words.index_at(start)
        # A token cut by the passage start belongs to the passage only if it starts there.
        if i < len(words) and words.start(i) < start:
            i += 1
        while i < len(words) and words.start(i) < end:
            if i not in seen and words.counted(i):
                seen.add(i)
                out.add_word(words.word(i))
            i += 1
    out.docs = 1 if seen else 0
    return out
