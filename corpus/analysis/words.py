"""Words for the measures: every document's jieba tokens, and corpus word frequencies.

Tokens come from the token cache (``corpus.text.tokens``: rjieba, built-in and
user words, segmented in worker processes for big corpora). A question about a
term looks at the tokens around each occurrence, in many documents; so the
token boundaries of the whole corpus are gathered once into a pack
(:class:`TokenPack`, one file, :mod:`.packs`) and read from memory after that.
Words are taken in their simplified form, so 跨境電商 and 跨境电商 are one word.

Two notions of *word* are used, each for a reason:

* a **word token** (:func:`is_word`) is any token with a letter, digit or
  Chinese character in it — punctuation and whitespace are not words. Sorting a
  concordance by the 1st/2nd/3rd word and n-gram clusters use these.
* a **counted word** (:func:`is_counted`) is a word token of two or more
  characters outside bylines, source lines, captions and page furniture — the
  words keyword counts use, stored per document in the token cache. The
  statistics (collocates, keyness) count these, so corpus frequencies are read
  from the cache instead of re-segmenting, and function words such as 的, 在, 和
  do not fill the collocation window.
"""

from __future__ import annotations

import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from ..jsontypes import JSON
from ..model import Corpus, Document
from ..text import tokens as tok
from ..text.fold import to_simplified
from . import packs
from .common import CancelCheck, Progress, check

Ranges = list[tuple[int, int]]

_MAGIC = b"RDRTPK1\n"


def is_word(token: str) -> bool:
    """Has a letter, digit or Chinese character (not punctuation or space)."""
    return any(ch.isalnum() for ch in token)


def is_counted(token: str) -> bool:
    """A word of two or more characters (see the module docstring)."""
    return len(token) >= 2 and is_word(token)


#: is_counted of every token string met (a corpus's vocabulary: bounded, and
#: cleared if it ever grows past :data:`_VERDICTS_MAX`).
_VERDICTS: dict[str, bool] = {}
_SIMPLE: dict[str, str] = {}  # token → its simplified form, likewise
_VERDICTS_MAX = 2_000_000
_V = TypeVar("_V")


def _remembered(memo: dict[str, _V], token: str, compute: Callable[[str], _V]) -> _V:
    v = memo.get(token)
    if v is None:
        if len(memo) > _VERDICTS_MAX:
            memo.clear()
        v = memo[token] = compute(token)
    return v


def counted_word(token: str) -> bool:
    """:func:`is_counted`, remembered per string (it is asked millions of times)."""
    return _remembered(_VERDICTS, token, is_counted)


def simplified(token: str) -> str:
    """``to_simplified(token)``, remembered per string."""
    return _remembered(_SIMPLE, token, to_simplified)


class DocTokens:
    """One document's tokens addressed by index; words in simplified form."""

    __slots__ = ("_skip", "doc", "ends", "text")

    def __init__(self, doc: Document, ends: array.array[int] | memoryview) -> None:
        self.doc = doc
        self.text = doc.text
        self.ends = ends
        self._skip: list[tuple[int, int]] | None = None  # bylines, captions … as token index ranges

    def _skipped_ranges(self) -> list[tuple[int, int]]:
        if self._skip is None:
            self._skip = [self.span_indices(s, e) for s, e in tok.uncounted_ranges(self.doc)] if len(self.ends) else []
        return self._skip

    def __len__(self) -> int:
        return len(self.ends)

    def start(self, i: int) -> int:
        return self.ends[i - 1] if i > 0 else 0

    def end(self, i: int) -> int:
        return self.ends[i]

    def raw(self, i: int) -> str:
        """Token ``i`` as written in the document."""
        return self.text[self.ends[i - 1] if i > 0 else 0 : self.ends[i]]

    def word(self, i: int) -> str:
        """Token ``i`` in simplified form."""
        return simplified(self.raw(i))

    def index_at(self, offset: int) -> int:
        """Index of the token containing character ``offset``."""
        return min(bisect_right(self.ends, offset), len(self.ends) - 1)

    def span_indices(self, start: int, end: int) -> tuple[int, int]:
        """First and last token index overlapping ``[start, end)``."""
        return self.index_at(start), self.index_at(max(start, end - 1))

    def skipped(self, i: int) -> bool:
        """Does token ``i`` overlap a byline, caption, source or furniture block?"""
        return any(a <= i <= b for a, b in self._skipped_ranges())

    def counted(self, i: int) -> bool:
        ends = self.ends
        if not counted_word(self.text[ends[i - 1] if i > 0 else 0 : ends[i]]):
            return False
        skip = self._skip if self._skip is not None else self._skipped_ranges()
        return not skip or not any(a <= i <= b for a, b in skip)


class TokenPack:
    """The token end offsets of every document of a corpus, in one array."""

    def __init__(self, ids: list[str], offsets: array.array[int], ends: array.array[int] | memoryview) -> None:
        self.index = {doc_id: i for i, doc_id in enumerate(ids)}
        self.ids = ids
        self.offsets = offsets
        self.ends = ends

    def tokens(self, doc: Document) -> DocTokens:
        """The tokens of ``doc`` (a document of the corpus the pack was built for)."""
        i = self.index[doc.id]
        return DocTokens(doc, self.ends[self.offsets[i] : self.offsets[i + 1]])

    def payload(self) -> list[bytes]:
        return [self.offsets.tobytes(), bytes(self.ends)]

    @classmethod
    def decode(cls, header: object, payload: memoryview) -> TokenPack | None:
        if not isinstance(header, dict) or not isinstance(header.get("ids"), list):
            return None
        ids = [str(x) for x in header["ids"]]
        offsets = array.array("Q")
        size = offsets.itemsize * (len(ids) + 1)
        if len(payload) < size or (len(payload) - size) % 4:
            return None
        offsets.frombytes(payload[:size])
        ends = payload[size:].cast("I")
        if offsets[-1] != len(ends) or any(offsets[i] > offsets[i + 1] for i in range(len(ids))):
            return None
        return cls(ids, offsets, ends)


def token_pack(corpus: Corpus, *, progress: Progress | None = None, cancel: CancelCheck | None = None,
               key: str | None = None) -> TokenPack:
    """The corpus's :class:`TokenPack`: from memory, its file, or built from the token
    cache (segmenting what is not cached). ``progress(done_chars, total_chars)``;
    ``key``: ``packs.corpus_key(corpus.documents)`` when the caller has it."""
    name = packs.pack_name("tokens", corpus)
    key = key or packs.corpus_key(corpus.documents)
    found = packs.recall(name, key)
    if isinstance(found, TokenPack):
        return found
    read = packs.read_binary(name, key, _MAGIC)
    pack = TokenPack.decode(*read) if read else None
    if pack is None or [d.id for d in corpus.documents] != pack.ids:
        by_id: dict[str, array.array[int]] = {}
        for doc, entry in tok.iter_entries(corpus.documents, progress=progress):
            check(cancel)
            by_id[doc.id] = entry.ends
        ids = [d.id for d in corpus.documents]
        offsets = array.array("Q", [0])
        ends = array.array("I")
        for doc_id in ids:
            ends.extend(by_id[doc_id])
            offsets.append(len(ends))
        pack = TokenPack(ids, offsets, ends)
        packs.write_binary(name, key, _MAGIC, {"ids": ids}, pack.payload())
    packs.remember(name, key, pack)
    return pack


@dataclass(slots=True)
class WordCounts:
    """Counted-word frequencies of a set of texts, and their total."""

    counts: Counter[str] = field(default_factory=Counter)
    total: int = 0
    docs: int = 0

    def add(self, counts: dict[str, int], verdicts: dict[str, bool] | None = None) -> None:
        """Add one document's cached counts (non-words such as ``——`` dropped)."""
        mine = self.counts
        verdicts = {} if verdicts is None else verdicts
        added = 0
        for w, c in counts.items():
            ok = verdicts.get(w)
            if ok is None:
                ok = verdicts[w] = is_word(w)
            if ok:
                mine[w] += c
                added += c
        self.total += added
        self.docs += 1

    def add_word(self, word: str, n: int = 1) -> None:
        self.counts[word] += n
        self.total += n

    def minus(self, other: WordCounts) -> WordCounts:
        """These counts without ``other``'s (``other`` must be a part of these)."""
        rest: Counter[str] = Counter(self.counts)
        rest.subtract(other.counts)
        return WordCounts(+rest, self.total - other.total, self.docs - other.docs)

    def to_dict(self) -> dict[str, JSON]:
        return {"total": self.total, "docs": self.docs, "counts": dict(self.counts)}

    @classmethod
    def from_dict(cls, data: object) -> WordCounts | None:
        if not isinstance(data, dict):
            return None
        counts, total, docs = data.get("counts"), data.get("total"), data.get("docs")
        if not (isinstance(counts, dict) and isinstance(total, int) and isinstance(docs, int)):
            return None
        return cls(Counter(counts), total, docs)


def word_counts(
    docs: Iterable[Document],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> WordCounts:
    """Counted-word frequencies of ``docs`` (from the token cache's per-document counts)."""
    out = WordCounts()
    verdicts: dict[str, bool] = {}
    for _doc, entry in tok.iter_entries(docs, progress=progress):
        check(cancel)
        out.add(entry.counts, verdicts)
    return out


def corpus_counts(
    corpus: Corpus,
    docs: list[Document] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> WordCounts:
    """:func:`word_counts` of ``docs`` (default: the whole corpus); the whole corpus's
    are kept in a pack (:mod:`.packs`), so they are read once."""
    if docs is not None and len(docs) != len(corpus.documents):
        return word_counts(docs, progress=progress, cancel=cancel)
    name = packs.pack_name("words", corpus)
    key = packs.corpus_key(corpus.documents)
    found = packs.recall(name, key)
    if isinstance(found, WordCounts):
        return found
    counts = WordCounts.from_dict(packs.read_json(name, key))
    if counts is None:
        counts = word_counts(corpus.documents, progress=progress, cancel=cancel)
        packs.write_json(name, key, counts.to_dict())
    packs.remember(name, key, counts)
    return counts


def passage_counts(words: DocTokens, passages: Iterable[tuple[int, int]]) -> WordCounts:
    """Counted words of one document that start inside any of ``passages`` (each once)."""
    out = WordCounts()
    seen: set[int] = set()
    for start, end in passages:
        i = words.index_at(start)
        if i >= 0 and words.start(i) < start:
            i += 1  # a token cut by the passage start belongs to the passage only if it starts there
        while 0 <= i < len(words) and words.start(i) < end:
            if i not in seen and words.counted(i):
                seen.add(i)
                out.add_word(words.word(i))
            i += 1
    out.docs = 1 if seen else 0
    return out
