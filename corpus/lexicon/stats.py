"""How often each word occurs in a corpus, and in how many documents.

Counts come from the same token cache the keyword index reads
(``corpus.text.tokens.iter_entries``: body text only — bylines, sources and
captions are not counted — and words of two or more characters, in simplified
form), but unlike the keyword index nothing is filtered out: 发展 and 我们 are
counted too. Storage is compact: one vocabulary dict and two arrays.
"""

from __future__ import annotations

import array
from collections.abc import Callable, Iterable

from ..model import Document
from ..text.fold import to_simplified
from ..text.tokens import iter_entries
from .lookup import WordStats


class WordCounts:
    """Occurrences and document frequency of every counted word of a corpus."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._count = array.array("Q")
        self._docs = array.array("I")
        self.n_docs = 0

    def add(self, counts: dict[str, int]) -> None:
        """One document's word counts."""
        ids, total, docs = self._ids, self._count, self._docs
        for word, c in counts.items():
            if c <= 0:
                continue
            i = ids.get(word)
            if i is None:
                i = ids[word] = len(total)
                total.append(0)
                docs.append(0)
            total[i] += c
            docs[i] += 1
        self.n_docs += 1

    @classmethod
    def build(cls, docs: Iterable[Document], progress: Callable[[int, int], None] | None = None,
              *, cancelled: Callable[[], bool] | None = None) -> WordCounts:
        """Count every document (token cache first; segments what is not cached)."""
        out = cls()
        for _doc, entry in iter_entries(list(docs), progress=progress):
            if cancelled is not None and cancelled():
                break
            out.add(entry.counts)
        return out

    def counted(self, word: str) -> bool:
        """Are words like this one counted at all (two characters or more)?"""
        return len(word.strip()) > 1

    def get(self, word: str) -> tuple[int, int] | None:
        """(occurrences, documents), or None for a word that is never counted."""
        if not self.counted(word):
            return None
        i = self._ids.get(to_simplified(word))
        return (0, 0) if i is None else (self._count[i], self._docs[i])

    def stats(self, keywords: Iterable[str] = ()) -> Callable[[str], WordStats | None]:
        """``stats`` for :class:`corpus.lexicon.lookup.Lexicon`; ``keywords`` are this
        corpus's (or document's) keywords."""
        wanted = frozenset(keywords)

        def stats(word: str) -> WordStats | None:
            found = self.get(word)
            return None if found is None else WordStats(found[0], found[1], word in wanted)

        return stats
