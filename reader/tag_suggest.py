"""Tag ideas for a quote: existing tags it mentions, then its content words.

Content words are those the keyword engine would accept
(``corpus.text.stopwords.is_candidate``: no stop words, numbers or debris).  Used by
the note dialog in a worker thread (the segmenter's dictionary takes a moment
to load the first time).  No textual import.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable

_HAS_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


def _words(text: str) -> list[str]:
    """Words of ``text``: the corpus tokenizer (user dictionary) when present, else rjieba."""
    try:
        from corpus.text.tokens import tokenize  # the keyword engine's segmenter, with user words
    except ImportError:
        import rjieba

        return list(rjieba.cut(text))
    return [w for w, _s, _e in tokenize(text)]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(stopwordsiso.stopwords("en"))


def _fallback_candidate(word: str) -> bool:
    return len(word) >= 2 and bool(_HAS_LETTER.search(word)) and word.lower() not in _stopwords()


def _candidate_test() -> Callable[[str], bool]:
    """The keyword engine's own rule for what may be a keyword, when it is installed."""
    try:
        from corpus.text.stopwords import is_candidate
    except ImportError:
        return _fallback_candidate
    return is_candidate


def suggest_tags(quote: str, known: Iterable[str] = (), limit: int = 6) -> list[str]:
    """Up to ``limit`` tag ideas for ``quote``, best first.

    Existing tags that occur in the quote come first (they keep the vocabulary
    consistent), then content words: two or more characters, not stop words,
    more frequent and longer first, ties in reading order.
    """
    out: list[str] = []
    for tag in sorted(set(known), key=lambda t: (-len(t), t)):
        if tag and tag in quote:
            out.append(tag)
    ok = _candidate_test()
    words = [w.strip() for w in _words(quote)]
    words = [w for w in words if ok(w)]
    counts = Counter(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    for w in sorted(counts, key=lambda w: (-counts[w], -len(w), first[w])):
        if w not in out:
            out.append(w)
    return out[:limit]
