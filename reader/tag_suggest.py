"""Tag ideas for a quote: existing tags it mentions, then its content words.

Content words are those the keyword engine would accept
(``corpus.text.stopwords.is_candidate``: no stop words, numbers or debris).  Used by
the note dialog in a worker thread (the segmenter's dictionary takes a moment
to load the first time).  No textual import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


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
    # Imported here: the segmenter's dictionary loads on first use (the dialog calls this in a worker).
    from corpus.text.stopwords import is_candidate
    from corpus.text.tokens import tokenize

    words = [w.strip() for w, _start, _end in tokenize(quote)]
    words = [w for w in words if is_candidate(w)]
    counts = Counter(words)
    first = {w: i for i, w in reversed(list(enumerate(words)))}
    for w in sorted(counts, key=lambda w: (-counts[w], -len(w), first[w])):
        if w not in out:
            out.append(w)
    return out[:limit]
