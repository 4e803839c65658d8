"""Every document's text as one array of code points: a phrase found in all of them at once.

A corpus question asks for every occurrence of a term in tens of thousands of
documents. Looping over the texts in Python costs a few microseconds per
document and per occurrence; here the texts are laid end to end in one NumPy
array of code points (``uint16`` when every character is in the Basic
Multilingual Plane, else ``uint32``; built once per loaded corpus, about 2
bytes a character), and a phrase is found by comparing whole arrays.

The matching is exactly :func:`corpus.text.search.find_all`'s (a test holds
them equal on samples and random substrings): the query is stripped; position
``i`` of a match accepts the characters that ``fold.all_variants`` puts there
(the characters folding like the query's, with the same exception for a folded
character that itself folds further); with more spellings than ``find_all``
enumerates, it accepts what folds to the query's character, as its folded
fallback does; a match never crosses from one document into the next; and
overlapping matches (``aa`` in ``aaa``) keep the leftmost of each run.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..model import Document
from .fold import all_variants, fold, preimages
from .search import MAX_SPELLINGS

Ints = npt.NDArray[np.int64]

_TEXT_SLOT = Document.__dict__["text"]  # Document is a slotted dataclass: its field's descriptor


@dataclass(frozen=True, slots=True)
class Found:
    """Occurrences of a phrase: parallel arrays, sorted by document then start."""

    doc: Ints  # index into the documents the array was built from
    start: Ints  # character offset in that document's text
    length: int

    def __len__(self) -> int:
        return len(self.doc)


def accepted(query: str) -> list[list[int]] | None:
    """The code points each position of a match accepts (None for an empty query)."""
    query = query.strip()
    if not query:
        return None
    folded = fold(query)
    if all_variants(query, limit=MAX_SPELLINGS) is None:
        # find_all folds the text: a character matches when it folds to the query's.
        return [sorted(ord(c) for c in preimages(f) if fold(c) == f) for f in folded]
    # find_all tries every spelling: position i takes the i-th character of any of them.
    return [sorted({ord(c) for c in preimages(f)}) for f in folded]


class TextArray:
    """The texts of ``docs`` end to end (see the module docstring)."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self.texts = [d.text for d in docs]
        lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int64, count=len(self.texts))
        self.bounds: Ints = np.zeros(len(self.texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.bounds[1:])
        joined = "".join(self.texts)
        # surrogatepass: a lone surrogate (undecodable bytes kept by the loader) is one code point too.
        raw = joined.encode("utf-16-le", "surrogatepass")
        if len(raw) == 2 * len(joined):  # no pair: every character is one 16-bit unit
            self.codes: npt.NDArray[np.uint16] | npt.NDArray[np.uint32] = np.frombuffer(raw, dtype=np.uint16)
        else:
            self.codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        del raw, joined
        self._max_code = 0xFFFF if self.codes.dtype == np.uint16 else 0x10FFFF
        self._freq: npt.NDArray[np.int64] | None = None
        #: What others derive from these texts and keep as long as the array lives
        #: (the analysis's token arrays), by a key of their choosing.
        self.memo: dict[object, object] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def same_texts(self, docs: Sequence[Document]) -> bool:
        """Were these documents' texts (the very strings) the ones the array was built from?"""
        if len(docs) != len(self.texts):
            return False
        try:
            # The text slot itself, read at C speed: a lazy document's ``text`` property costs
            # microseconds, and one whose text is not loaded was not in the array anyway.
            return all(map(operator.is_, map(_TEXT_SLOT.__get__, docs), self.texts))
        except AttributeError:
            return False

    def _frequency(self, codes: list[int]) -> int:
        if self.codes.dtype != np.uint16:
            return 0  # no table for the whole range: any position will do
        if self._freq is None:
            self._freq = np.bincount(self.codes, minlength=0x10000).astype(np.int64)
        return int(sum(int(self._freq[c]) for c in codes if c <= 0xFFFF))

    def _positions(self, codes: list[int], offset: int, within: Ints | None) -> Ints:
        """Where (minus ``offset``) a character of ``codes`` stands: everywhere, or at
        ``within + offset`` only (those of ``within`` that hold one)."""
        codes = [c for c in codes if c <= self._max_code]
        if within is None:
            if not codes:
                return np.zeros(0, dtype=np.int64)
            hit = self.codes == codes[0]
            for c in codes[1:]:
                hit |= self.codes == c
            return np.flatnonzero(hit).astype(np.int64) - offset
        if not codes or not len(within):
            return within[:0]
        values = self.codes[within + offset]
        keep = values == codes[0] if len(codes) == 1 else np.isin(values, codes)
        return within[keep]

    def find(self, query: str) -> Found:
        """Every occurrence of ``query`` in every document (``find_all``'s matches)."""
        per_position = accepted(query)
        empty = np.zeros(0, dtype=np.int64)
        if per_position is None:
            return Found(empty, empty, 0)
        n = len(per_position)
        total = len(self.codes)
        # Start from the position whose characters are rarest, then check the others there.
        order = sorted(range(n), key=lambda i: self._frequency(per_position[i]))
        first = order[0]
        starts = self._positions(per_position[first], first, None)
        starts = starts[(starts >= 0) & (starts + n <= total)]
        for i in order[1:]:
            starts = self._positions(per_position[i], i, starts)
        doc = np.searchsorted(self.bounds, starts, side="right") - 1
        inside = starts + n <= self.bounds[doc + 1]
        starts, doc = starts[inside], doc[inside]
        if len(starts) > 1 and int(np.diff(starts).min()) < n:
            keep = _leftmost_runs(starts, n)
            starts, doc = starts[keep], doc[keep]
        return Found(doc.astype(np.int64), (starts - self.bounds[doc]).astype(np.int64), n)

    def counts(self, query: str) -> Ints:
        """Occurrences of ``query`` per document (``len(find_all(text, query))`` for each)."""
        found = self.find(query)
        return np.bincount(found.doc, minlength=len(self.texts)).astype(np.int64)


def _leftmost_runs(starts: Ints, n: int) -> npt.NDArray[np.bool_]:
    """Of sorted starts of ``n``-character matches, the ones ``find_all`` keeps:
    each that begins at or after the end of the last one kept."""
    keep = np.zeros(len(starts), dtype=np.bool_)
    last_end = -1
    for i, s in enumerate(starts.tolist()):
        if s >= last_end:
            keep[i] = True
            last_end = s + n
    return keep


_LAST: list[TextArray] = []


def text_array(docs: Sequence[Document]) -> TextArray:
    """The :class:`TextArray` of ``docs``: the last one built while their texts are the same
    strings (a corpus loaded again, or a document whose text was replaced, builds anew)."""
    if _LAST and _LAST[0].same_texts(docs):
        return _LAST[0]
    array = TextArray(docs)
    _LAST[:] = [array]
    return array


def built_array(docs: Sequence[Document]) -> TextArray | None:
    """The array of ``docs`` if it is already built (never builds one)."""
    return _LAST[0] if _LAST and _LAST[0].same_texts(docs) else None


def forget() -> None:
    """Drop the array kept in memory."""
    _LAST.clear()
