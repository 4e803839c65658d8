"""The corpus's tokens as arrays: where each ends, which are words, which are counted.

The concordance's word sorts and the collocates look at the words around every
occurrence of a term — a hundred thousand occurrences for a common one. Doing
that token by token in Python costs seconds; here the token pack
(:class:`~.words.TokenPack`) and the corpus's code point array
(:class:`~corpus.text.textarray.TextArray`) become a few whole-corpus arrays,
built once per loaded corpus (under a second for 100 MB of text), and each
question is answered with array operations:

* ``ends`` — every token's end as an offset into the texts laid end to end;
* ``word`` — the token has a letter, digit or Chinese character
  (:func:`~.words.is_word`);
* ``counted`` — a word of two or more characters outside bylines, captions,
  sources and furniture (:meth:`~.words.DocTokens.counted`).

:meth:`TokenArrays.strings` turns token indexes into their strings reading only
the distinct ones (tokens of up to three characters are told apart by their
code points packed in one integer). :func:`walk` finds the nearest tokens with
a flag on one side of many positions at once. Tests hold every result equal to
the token-by-token reference on the samples.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model import Corpus
from ..text import tokens as tok
from ..text.textarray import TextArray, text_array
from . import packs
from .common import CancelCheck, check
from .words import token_pack

Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]
#: uint32 while the texts hold fewer than 2**32 characters (half the memory), else int64.
Offsets = npt.NDArray[np.integer[Any]]  # Any: numpy's bit-width parameter (either width)

#: Tokens per slice while flags are computed (bounds the temporary memory).
_CHUNK = 1 << 21
_MAGIC = b"RDRTFL1\n"


@dataclass(slots=True)
class TokenArrays:
    """See the module docstring; token ``i`` of document ``d`` is ``first[d] + i``."""

    text: TextArray
    first: Ints  # first token of each document; first[-1] is the number of tokens
    ends: Offsets
    word: Flags
    counted: Flags

    def __len__(self) -> int:
        return len(self.ends)

    def starts_of(self, tokens: Ints) -> Ints:
        """Where tokens start in the joined texts."""
        out = np.zeros(len(tokens), dtype=np.int64)
        inner = tokens > 0
        out[inner] = self.ends[tokens[inner] - 1]
        # A document's first token starts at the document (the previous token ends there too).
        return out

    def token_at(self, positions: Ints) -> Ints:
        """The token holding each position of the joined texts (``DocTokens.index_at``)."""
        # In the array's own type: a wider one would copy the whole array for every search.
        return np.searchsorted(self.ends, positions.astype(self.ends.dtype), side="right").astype(np.int64)

    def around(self, doc: Ints, start: Ints, length: int) -> tuple[Ints, Ints, Ints, Ints]:
        """For occurrences ``(doc, start, length)``: the first and last token each
        overlaps, and the token bounds ``[lo, hi)`` of its document."""
        at = self.text.bounds[doc] + start
        first = self.token_at(at)
        last = self.token_at(at + length - 1)
        return first, last, self.first[doc], self.first[doc + 1]

    def _keys(self, tokens: Ints) -> tuple[npt.NDArray[np.uint64], Flags, Ints, Ints]:
        """Each token's code points packed in one integer (with its length) when it is
        short enough, its start and its length."""
        codes = self.text.codes
        starts = self.starts_of(tokens)
        lengths = self.ends[tokens].astype(np.int64) - starts
        bits, most = self._packing()
        short = (lengths >= 1) & (lengths <= most)
        s_short, l_short = starts[short], lengths[short]
        packed = l_short.astype(np.uint64)
        for j in range(most):
            present = j < l_short
            char = np.zeros(len(s_short), dtype=np.uint64)
            char[present] = codes[s_short[present] + j]
            packed = (packed << np.uint64(bits)) | char
        keys = np.zeros(len(tokens), dtype=np.uint64)
        keys[short] = packed
        return keys, short, starts, lengths

    def _packing(self) -> tuple[int, int]:
        """Bits per character and characters per key (a key holds at most 64 bits)."""
        return (16, 3) if self.text.codes.dtype == np.uint16 else (21, 2)

    def _decode(self, key: int) -> str:
        bits, most = self._packing()
        n = key >> (bits * most)
        return "".join(chr((key >> (bits * (most - 1 - j))) & ((1 << bits) - 1)) for j in range(n))

    def _long(self, starts: Ints, lengths: Ints) -> Iterator[str]:
        """The strings of tokens too long for a key, read from the texts."""
        texts, bounds = self.text.texts, self.text.bounds
        docs = np.searchsorted(bounds, starts, side="right") - 1
        for d, s, n in zip(docs.tolist(), starts.tolist(), lengths.tolist()):
            local = s - int(bounds[d])
            yield texts[d][local : local + n]

    def strings(self, tokens: Ints) -> tuple[Ints, list[str]]:
        """``(ids, strings)``: token ``tokens[k]`` is ``strings[ids[k]]`` as written."""
        if not len(tokens):
            return np.zeros(0, dtype=np.int64), []
        keys, short, starts, lengths = self._keys(tokens)
        ids = np.zeros(len(tokens), dtype=np.int64)
        strings: list[str] = []
        if short.any():
            distinct, inverse = unique_inverse(keys[short])
            strings.extend(self._decode(key) for key in distinct.tolist())
            ids[short] = inverse
        long_at = np.flatnonzero(~short)
        if len(long_at):
            seen: dict[str, int] = {}
            for k, value in zip(long_at.tolist(), self._long(starts[long_at], lengths[long_at])):
                found = seen.get(value)
                if found is None:
                    found = seen[value] = len(strings)
                    strings.append(value)
                ids[k] = found
        return ids, strings

    def counts(self, tokens: Ints) -> Counter[str]:
        """How many of ``tokens`` are each string (as written)."""
        out: Counter[str] = Counter()
        if not len(tokens):
            return out
        keys, short, starts, lengths = self._keys(tokens)
        ordered = np.sort(keys[short])
        if len(ordered):
            new = np.empty(len(ordered), dtype=np.bool_)
            new[0] = True
            np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
            at = np.flatnonzero(new)
            runs = np.diff(np.append(at, len(ordered)))
            for key, n in zip(ordered[at].tolist(), runs.tolist()):
                out[self._decode(key)] += n
        long_at = np.flatnonzero(~short)
        if len(long_at):
            out.update(self._long(starts[long_at], lengths[long_at]))
        return out


def unique(values: Ints) -> Ints:
    """``np.unique(values)`` by sorting (NumPy 2's hashing ``unique`` is many times slower
    on millions of integers)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    keep = np.empty(len(ordered), dtype=np.bool_)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def unique_inverse(values: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.uint64], Ints]:
    """``np.unique(values, return_inverse=True)`` by sorting."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.empty(len(ordered), dtype=np.bool_)
    if len(ordered):
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    group = np.cumsum(new) - 1
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = group
    return ordered[new], inverse


def walk(flags: Flags, start: Ints, lo: Ints, hi: Ints, step: int, depth: int) -> Ints:
    """``out[k, j]``: the (k+1)-th token with ``flags`` set from ``start[j]`` on (itself
    included) in direction ``step`` (±1), staying in ``[lo[j], hi[j])``; -1 past the end.

    Every position still looking moves one token per round, so the rounds are the
    longest distance walked (``depth`` plus the unflagged tokens passed over)."""
    m = len(start)
    out = np.full((depth, m), -1, dtype=np.int64)
    cur = start.astype(np.int64, copy=True)
    level = np.zeros(m, dtype=np.int64)
    active = np.arange(m, dtype=np.int64)
    while len(active):
        pos = cur[active]
        inside = (pos >= lo[active]) & (pos < hi[active])
        active, pos = active[inside], pos[inside]
        found = flags[pos]
        done = active[found]
        out[level[done], done] = pos[found]
        level[done] += 1
        cur[active] += step
        active = active[level[active] < depth]
    return out


def _flags(text: TextArray, ends: Offsets, cancel: CancelCheck | None) -> Flags:
    """Per token: does it hold a letter, digit or Chinese character?"""
    codes = text.codes
    present = np.flatnonzero(np.bincount(codes)) if len(codes) else np.zeros(0, dtype=np.int64)
    lut = np.zeros(int(present[-1]) + 1 if len(present) else 1, dtype=np.bool_)
    lut[[c for c in present.tolist() if chr(c).isalnum()]] = True
    alnum = lut[codes]
    word = np.zeros(len(ends), dtype=np.bool_)
    for a in range(0, len(ends), _CHUNK):
        check(cancel)
        b = min(len(ends), a + _CHUNK)
        stop = ends[a:b].astype(np.int64)
        start = np.empty(b - a, dtype=np.int64)
        start[0] = int(ends[a - 1]) if a > 0 else 0
        start[1:] = stop[:-1]
        # reduceat needs increasing starts: tokens are never empty, but be safe.
        nonempty = np.flatnonzero(stop > start)
        if not len(nonempty):
            continue
        chunk = np.logical_or.reduceat(alnum, start[nonempty])
        # reduceat's last segment runs to the array's end: cut it at its token's end.
        k = int(nonempty[-1])
        chunk[-1] = bool(alnum[start[k] : stop[k]].any())
        word[a + nonempty] = chunk
    return word


def _global_ends(text: TextArray, first: Ints, local: npt.NDArray[np.uint32]) -> Offsets:
    total = int(text.bounds[-1])
    dtype = np.uint32 if total < 2**32 else np.int64
    ends: Offsets = local.astype(dtype)
    ends += np.repeat(text.bounds[:-1].astype(dtype), np.diff(first))
    return ends


def _skipped(corpus: Corpus, text: TextArray, first: Ints) -> tuple[Ints, Ints]:
    """The first and last character (in the joined texts) of every byline, caption, source
    and furniture block of a document with tokens."""
    per_doc = np.diff(first)
    skip_from: list[int] = []
    skip_to: list[int] = []
    for d, doc in enumerate(corpus.documents):
        if per_doc[d] == 0:
            continue
        base = int(text.bounds[d])
        size = int(text.bounds[d + 1]) - base
        for s, e in tok.uncounted_ranges(doc):
            if s < size:
                skip_from.append(base + s)
                skip_to.append(base + max(s, min(e, size) - 1))
    return np.array(skip_from, dtype=np.int64), np.array(skip_to, dtype=np.int64)


def _counted(ends: Offsets, word: Flags, skipped: tuple[Ints, Ints]) -> Flags:
    """Words of two or more characters outside the ``skipped`` blocks: the token holding a
    block's first and last character, and those between, are never counted."""
    starts = np.empty(len(ends), dtype=ends.dtype)
    if len(ends):
        starts[0] = 0
        starts[1:] = ends[:-1]
    counted = word & ((ends - starts) >= 2)
    del starts
    skip_from, skip_to = skipped
    if len(skip_from):
        a = np.searchsorted(ends, skip_from.astype(ends.dtype), side="right")
        b = np.searchsorted(ends, skip_to.astype(ends.dtype), side="right")
        mark = np.zeros(len(ends) + 1, dtype=np.int32)
        np.add.at(mark, a, 1)
        np.add.at(mark, b + 1, -1)
        counted &= np.cumsum(mark, dtype=np.int32)[:-1] == 0
    return counted


def _read_flags(name: str, key: str, tokens: int) -> tuple[Flags, Flags] | None:
    read = packs.read_binary(name, key, _MAGIC)
    if read is None:
        return None
    header, payload = read
    size = (tokens + 7) // 8
    if not isinstance(header, dict) or header.get("tokens") != tokens or len(payload) != 2 * size:
        return None
    bits = np.frombuffer(payload, dtype=np.uint8)
    word = np.unpackbits(bits[:size], count=tokens).astype(np.bool_)
    counted = np.unpackbits(bits[size:], count=tokens).astype(np.bool_)
    return word, counted


def token_arrays(corpus: Corpus, *, text: TextArray | None = None, cancel: CancelCheck | None = None) -> TokenArrays:
    """The :class:`TokenArrays` of ``corpus``: kept with its text array (``text``, the
    corpus's own), the flags in a pack file (:mod:`.packs`, one bit a token each)."""
    text = text if text is not None else text_array(corpus.documents)
    memo_key = ("token-arrays", tok.segmenter_key())
    found = text.memo.get(memo_key)
    if isinstance(found, TokenArrays):
        return found
    key = packs.corpus_key(corpus.documents)
    pack = token_pack(corpus, cancel=cancel, key=key)
    check(cancel)
    first = np.frombuffer(pack.offsets, dtype=np.uint64).astype(np.int64)
    ends = _global_ends(text, first, np.frombuffer(pack.ends, dtype=np.uint32))
    skipped = _skipped(corpus, text, first)
    # The texts, the segmentation and the blocks left uncounted (a parser or rule change can
    # retype a block without changing a character) all name the flags.
    blocks = hashlib.sha1(skipped[0].tobytes() + b"|" + skipped[1].tobytes()).hexdigest()
    flags_key = hashlib.sha1(f"{key}\0{blocks}".encode()).hexdigest()[:20]
    name = packs.pack_name("token-flags", corpus)
    flags = _read_flags(name, flags_key, len(ends))
    if flags is None:
        word = _flags(text, ends, cancel)
        counted = _counted(ends, word, skipped)
        packs.write_binary(name, flags_key, _MAGIC, {"tokens": len(ends)},
                           [np.packbits(word).tobytes(), np.packbits(counted).tobytes()])
    else:
        word, counted = flags
    arrays = TokenArrays(text, first, ends, word, counted)
    text.memo[memo_key] = arrays
    return arrays
