"""Cursor motions over a document's text: words, sentences, paragraphs, headings.

Pure functions over character offsets (no textual). Words come from jieba
segments when the caller has them (``TokenWords``); until then ``RunWords``
falls back to runs: each CJK character, a Latin word, a number. Punctuation and
spaces are not words, so ``w`` never stops on a comma.

Sentences end at ``。！？…!?`` (plus any closing quotes or brackets right after)
and at the end of a block; paragraphs are the document's blocks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


@functools.cache
def _runs() -> re.Pattern[str]:
    """A fallback "word": one CJK ideograph, or a Latin word, or a number.

    Compiled at the first motion, not at import (a few milliseconds of start-up).
    """
    return re.compile(
        r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
        r"|[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*"
        r"|\d+(?:[.,:]\d+)*%?"
    )


#: Sentence terminators and the closers that stay with them.
_SENTENCE_END = re.compile(r"(?:[。！？!?]+|…+|\.(?=\s|$))[”’」』）)》〉】\"']*")


def is_wordlike(token: str) -> bool:
    """True if ``token`` holds a letter, digit or ideograph (not just punctuation/space)."""
    for char in token:
        if char.isalnum():
            return True
        cat = unicodedata.category(char)
        if cat.startswith(("L", "N")):
            return True
    return False


class Words:
    """Sorted, non-overlapping word ranges with the four lookups motions need."""

    def next_start(self, pos: int) -> int | None:
        """Start of the first word starting after ``pos``."""
        raise NotImplementedError

    def prev_start(self, pos: int) -> int | None:
        """Start of the last word starting before ``pos``."""
        raise NotImplementedError

    def next_end(self, pos: int) -> int | None:
        """Last character of the first word whose last character is after ``pos``."""
        raise NotImplementedError

    def word_at(self, pos: int) -> tuple[int, int] | None:
        """The word range containing ``pos``, if any."""
        raise NotImplementedError


class TokenWords(Words):
    """Words from a segmenter: ``(word, start, end)`` tuples (jieba.tokenize shape)."""

    def __init__(self, tokens: Iterable[tuple[str, int, int]]) -> None:
        pairs = sorted((s, e) for w, s, e in tokens if e > s and is_wordlike(w))
        self.starts = [s for s, _ in pairs]
        self.ends = [e for _, e in pairs]

    def next_start(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else None

    def prev_start(self, pos: int) -> int | None:
        i = bisect_left(self.starts, pos) - 1
        return self.starts[i] if i >= 0 else None

    def next_end(self, pos: int) -> int | None:
        # ends are exclusive; the cursor goes on the last character (end - 1).
        i = bisect_right(self.ends, pos + 1)
        return self.ends[i] - 1 if i < len(self.ends) else None

    def word_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.starts[i] <= pos < self.ends[i]:
            return self.starts[i], self.ends[i]
        return None


class RunWords(Words):
    """Fallback words found lazily, one block at a time (fast on huge documents)."""

    def __init__(self, text: str, blocks: Sequence[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.blocks = list(blocks) if blocks else [(0, len(text))]
        self._block_starts = [s for s, _ in self.blocks]
        self._cache: dict[int, TokenWords] = {}

    def _block(self, index: int) -> TokenWords:
        words = self._cache.get(index)
        if words is None:
            start, end = self.blocks[index]
            words = TokenWords((m.group(), m.start(), m.end()) for m in _runs().finditer(self.text, start, end))
            self._cache[index] = words
        return words

    def _index(self, pos: int) -> int:
        return max(0, bisect_right(self._block_starts, pos) - 1)

    def next_start(self, pos: int) -> int | None:
        for i in range(self._index(pos), len(self.blocks)):
            found = self._block(i).next_start(pos)
            if found is not None:
                return found
        return None

    def prev_start(self, pos: int) -> int | None:
        for i in range(self._index(pos), -1, -1):
            found = self._block(i).prev_start(pos)
            if found is not None:
                return found
        return None

    def next_end(self, pos: int) -> int | None:
        for i in range(self._index(pos), len(self.blocks)):
            found = self._block(i).next_end(pos)
            if found is not None:
                return found
        return None

    def word_at(self, pos: int) -> tuple[int, int] | None:
        return self._block(self._index(pos)).word_at(pos) if self.blocks else None


# --------------------------------------------------------------------------- #
# Word motions (vim w / b / e); each returns the new offset (unchanged at an edge)


def word_forward(words: Words, pos: int) -> int:
    found = words.next_start(pos)
    return pos if found is None else found


def word_backward(words: Words, pos: int) -> int:
    found = words.prev_start(pos)
    return pos if found is None else found


def word_end(words: Words, pos: int) -> int:
    found = words.next_end(pos)
    return pos if found is None else found


# --------------------------------------------------------------------------- #
# Sentences


def sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Start offsets of the sentences in the block ``text[start:end]``."""
    starts = [_skip_space(text, start, end)]
    for match in _SENTENCE_END.finditer(text, start, end):
        nxt = _skip_space(text, match.end(), end)
        if nxt < end and nxt > starts[-1]:
            starts.append(nxt)
    return starts


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _block_index(blocks: Sequence[tuple[int, int]], pos: int) -> int:
    return max(0, bisect_right([s for s, _ in blocks], pos) - 1)


def sentence_forward(text: str, blocks: Sequence[tuple[int, int]], pos: int) -> int:
    """Start of the next sentence after ``pos`` (crossing into later blocks)."""
    if not blocks:
        return pos
    for i in range(_block_index(blocks, pos), len(blocks)):
        start, end = blocks[i]
        for s in sentence_starts(text, start, end):
            if s > pos:
                return s
    return pos


def sentence_backward(text: str, blocks: Sequence[tuple[int, int]], pos: int) -> int:
    """Start of the sentence holding ``pos`` if after it, else of the previous sentence."""
    if not blocks:
        return pos
    for i in range(_block_index(blocks, pos), -1, -1):
        start, end = blocks[i]
        for s in reversed(sentence_starts(text, start, end)):
            if s < pos:
                return s
    return pos


def sentence_at(text: str, blocks: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The ``(start, end)`` of the sentence holding ``pos`` (end exclusive, spaces trimmed)."""
    if not blocks:
        return pos, pos
    start, end = blocks[_block_index(blocks, pos)]
    pos = min(max(pos, start), max(end - 1, start))
    starts = sentence_starts(text, start, end)
    i = bisect_right(starts, pos) - 1
    s = starts[max(i, 0)]
    e = starts[i + 1] if i + 1 < len(starts) else end
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --------------------------------------------------------------------------- #
# Paragraphs (blocks) and headings


def paragraph_forward(blocks: Sequence[tuple[int, int]], pos: int) -> int:
    """Start of the next block."""
    i = bisect_right([s for s, _ in blocks], pos)
    return blocks[i][0] if i < len(blocks) else pos


def paragraph_backward(blocks: Sequence[tuple[int, int]], pos: int) -> int:
    """Start of the block holding ``pos`` if after it, else of the previous block."""
    i = bisect_left([s for s, _ in blocks], pos) - 1
    return blocks[i][0] if i >= 0 else pos


def next_heading(starts: Sequence[int], pos: int) -> int | None:
    """First heading start after ``pos`` (``starts`` sorted)."""
    i = bisect_right(starts, pos)
    return starts[i] if i < len(starts) else None


def previous_heading(starts: Sequence[int], pos: int) -> int | None:
    """Last heading start before ``pos``."""
    i = bisect_left(starts, pos) - 1
    return starts[i] if i >= 0 else None
