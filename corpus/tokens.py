"""Word tokens with character offsets: ``(word, start, end)``, jieba's shape.

Segmentation is jieba's precise mode with the HMM off (no invented words), on
the text's simplified form (traditional characters mapped one-to-one, so offsets
hold and 跨境電商 is cut and counted like 跨境电商), run
by rjieba (the jieba-rs binding: same dictionary, same spans — a test checks it
against jieba on real documents — and many times faster). Both segmenters get
the same extra words: the built-in domain list, then the user's ``words.txt``
(``corpus.userdict``).

Tokens cover the text: consecutive, no gaps, ``text[start:end] == word``.
For a corpus they are computed by a process pool (both cores) and cached on disk
(``<cache>/tokens``) keyed by document fingerprint, segmenter words and version;
each entry also stores the document's word counts (body text only: bylines,
source lines, captions and furniture are not counted) so keyword indexing of
an unchanged corpus reads counts instead of re-segmenting.

jieba itself (the reference, and its IDF table for keywords) is imported lazily,
quietly (its log lines and import warnings never reach the terminal) and with
its dictionary cache in our cache dir.
"""

from __future__ import annotations

import array
import hashlib
import json
import logging
import os
import struct
import tempfile
import warnings
from collections import Counter
import concurrent.futures
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from bisect import bisect_right
from itertools import accumulate
import multiprocessing
import threading
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import userdict
from .fold import to_simplified
from .model import Document
from .paths import cache_dir

Token = tuple[str, int, int]

#: Bumped when segmentation or the cache entry format changes.
TOKENS_VERSION = 4

# Below this many characters to segment, starting worker processes costs more
# than it saves (rjieba segments several MB per second per core).
PARALLEL_MIN_CHARS = 2_000_000

_MAGIC = b"RDRTOK1\n"

# Documents are sent to workers in groups of about this many characters.
_CHUNK_CHARS = 200_000


# --------------------------------------------------------------------------- segmenters

_SEG: tuple[str, Any] | None = None  # (words hash, rjieba.Jieba)


def _make_rjieba(words: list[userdict.Word] | tuple[userdict.Word, ...]) -> Any:
    import rjieba

    seg = rjieba.Jieba()
    for w in words:
        seg.add_word(w.word, w.freq, w.tag)
    return seg


def _words_and_key(words: list[userdict.Word] | None) -> tuple[list[userdict.Word] | tuple[userdict.Word, ...], str]:
    if words is None:
        return userdict.current()
    return words, userdict.words_hash(words)


def segmenter(words: list[userdict.Word] | None = None) -> Any:
    """The rjieba segmenter with the current words (rebuilt when they change)."""
    global _SEG
    words, key = _words_and_key(words)
    if _SEG is None or _SEG[0] != key:
        _SEG = (key, _make_rjieba(list(words)))
    return _SEG[1]


def segmenter_key(words: list[userdict.Word] | None = None) -> str:
    """Identifies the segmentation: words plus version (part of cache keys)."""
    return f"{TOKENS_VERSION}-{_words_and_key(words)[1]}"


def reset() -> None:
    """Forget the loaded segmenter (after the user dictionary changed)."""
    global _SEG
    _SEG = None


def _original_words(text: str, toks: list[Token]) -> list[Token]:
    return [(text[a:b], a, b) for _w, a, b in toks]


def tokenize(text: str, words: list[userdict.Word] | None = None) -> list[Token]:
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


def cut(text: str, words: list[userdict.Word] | None = None) -> list[str]:
    """The words only, in simplified form (faster than :func:`tokenize`);
    ``"".join(cut(t)) == to_simplified(t)``."""
    return segmenter(words).cut(to_simplified(text), hmm=False) if text else []


def quiet_jieba() -> Any:
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
    return jieba


_JIEBA: tuple[str, Any] | None = None


def reference_tokenizer(words: list[userdict.Word] | None = None) -> Any:
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


def jieba_tokenize(text: str, words: list[userdict.Word] | None = None) -> list[Token]:
    """jieba's own ``tokenize`` (HMM off, same words): the reference for tests."""
    simple = to_simplified(text)
    toks = list(reference_tokenizer(words).tokenize(simple, HMM=False))
    return toks if simple == text else _original_words(text, toks)


# --------------------------------------------------------------------------- counts


def count_words(words: Iterable[str] | Counter[str]) -> dict[str, int]:
    """Occurrences of each word of 2+ characters (keyword filters apply later)."""
    counts = words if isinstance(words, Counter) else Counter(words)
    return {w: c for w, c in counts.items() if len(w) >= 2 and not w.isspace()}


def _ends(words: list[str]) -> array.array:
    return array.array("I", accumulate(map(len, words)))


def tokens_from_ends(text: str, ends: Iterable[int]) -> list[Token]:
    out: list[Token] = []
    start = 0
    for end in ends:
        out.append((text[start:end], start, end))
        start = end
    return out


# --------------------------------------------------------------------------- cache


@dataclass(slots=True)
class Entry:
    """One document's segmentation: token end offsets plus word counts."""

    ends: array.array
    counts: dict[str, int]

    def tokens(self, text: str) -> list[Token]:
        return tokens_from_ends(text, self.ends)


#: Block types whose words are not counted for keywords: reporters' names, source
#: lines (广州日报 2023-09-13), picture credits, page jumps and layout furniture.
UNCOUNTED_BLOCKS = frozenset({"byline", "source", "caption", "continuation", "furniture"})

Ranges = list[tuple[int, int]]


def uncounted_ranges(doc: Document) -> Ranges:
    """The ``(start, end)`` of the document's blocks left out of word counts."""
    return [(b.start, b.end) for b in doc.blocks if b.type in UNCOUNTED_BLOCKS and b.end > b.start]


def segment(text: str, words: list[userdict.Word] | None = None, skip: Ranges = ()) -> Entry:
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
    return Entry(ends, count_words(+counts))


class TokenCache:
    """``<cache>/tokens/…``: one binary file per (document text, words, version).

    Entries are written atomically (temp file + ``os.replace``); a damaged or
    mismatching entry is ignored (and removed) and recomputed.
    """

    def __init__(self, root: Path | None = None, key: str | None = None) -> None:
        self.root = (root or cache_dir()) / "tokens"
        self.key = key or segmenter_key()

    def path(self, doc: Document) -> Path:
        # The uncounted blocks are part of the key: re-cleaning can move them
        # without changing the text.
        skip = ",".join(f"{a}-{b}" for a, b in uncounted_ranges(doc))
        h = hashlib.sha1(f"{doc.fingerprint}\0{len(doc.text)}\0{skip}\0{self.key}".encode()).hexdigest()
        return self.root / h[:2] / f"{h}.tok"

    def get(self, doc: Document) -> Entry | None:
        path = self.path(doc)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return None
        entry = self._decode(data, doc)
        if entry is None:
            try:
                path.unlink()
            except OSError:
                pass
        return entry

    @staticmethod
    def _decode(data: bytes, doc: Document) -> Entry | None:
        try:
            if not data.startswith(_MAGIC):
                return None
            (hlen,) = struct.unpack_from("<I", data, len(_MAGIC))
            hstart = len(_MAGIC) + 4
            header = json.loads(data[hstart : hstart + hlen].decode("utf-8"))
            body = data[hstart + hlen :]
            if hashlib.sha1(body).hexdigest()[:16] != header["sum"] or header["n"] != len(doc.text):
                return None
            ends = array.array("I")
            if ends.itemsize != 4:  # pragma: no cover - exotic platforms
                return None
            ends.frombytes(body)
            if len(ends) != header["count"] or (ends and ends[-1] != len(doc.text)):
                return None
            counts = header["counts"]
            if not isinstance(counts, dict):
                return None
            return Entry(ends, counts)
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
            return None

    def put(self, doc: Document, entry: Entry) -> None:
        body = entry.ends.tobytes()
        header = json.dumps(
            {"n": len(doc.text), "count": len(entry.ends), "sum": hashlib.sha1(body).hexdigest()[:16],
             "counts": entry.counts},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        path = self.path(doc)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".tok")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_MAGIC + struct.pack("<I", len(header)) + header + body)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            # The cache is an optimisation: a read-only or full disk must not stop reading.
            return


# --------------------------------------------------------------------------- documents and corpora

_WORKER_WORDS: list[userdict.Word] | None = None


def _worker_init(words: list[tuple[str, int | None, str | None]]) -> None:
    global _WORKER_WORDS
    _WORKER_WORDS = [userdict.Word(*w) for w in words]
    segmenter(_WORKER_WORDS)


def _worker_segment(jobs: list[tuple[str, Ranges]]) -> list[tuple[bytes, dict[str, int]]]:
    out = []
    for text, skip in jobs:
        entry = segment(text, _WORKER_WORDS, skip)
        out.append((entry.ends.tobytes(), entry.counts))
    return out


def _chunks(docs: list[Document], size: int) -> list[list[Document]]:
    """Documents in groups of about ``size`` characters (fewer round trips)."""
    chunks: list[list[Document]] = []
    current: list[Document] = []
    chars = 0
    for doc in docs:
        current.append(doc)
        chars += len(doc.text)
        if chars >= size:
            chunks.append(current)
            current, chars = [], 0
    if current:
        chunks.append(current)
    return chunks


def document_entry(doc: Document, cache: TokenCache | None = None) -> Entry:
    cache = cache or TokenCache()
    entry = cache.get(doc)
    if entry is None:
        entry = segment(doc.text, None, uncounted_ranges(doc))
        cache.put(doc, entry)
    return entry


def document_tokens(doc: Document, cache: TokenCache | None = None) -> list[Token]:
    """The document's tokens, from the disk cache when possible."""
    return document_entry(doc, cache).tokens(doc.text)


def document_words(doc: Document, cache: TokenCache | None = None) -> list[Token]:
    """Like :func:`document_tokens` but each word in simplified form — the form
    keyword counts use (offsets are the same)."""
    return document_entry(doc, cache).tokens(to_simplified(doc.text))


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def corpus_entries(
    docs: Iterable[Document],
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: TokenCache | None = None,
    parallel: bool | None = None,
) -> dict[str, Entry]:
    """Segment every document (cache first, then a process pool), by document id.

    See :func:`iter_entries`; this keeps every entry in memory at once.
    """
    return {doc.id: entry for doc, entry in iter_entries(docs, progress=progress, cache=cache, parallel=parallel)}


def iter_entries(
    docs: Iterable[Document],
    *,
    progress: Callable[[int, int], None] | None = None,
    cache: TokenCache | None = None,
    parallel: bool | None = None,
) -> Iterator[tuple[Document, Entry]]:
    """``(document, entry)`` for every document, as each becomes available.

    Cached entries come first, then the rest are segmented and cached — by this
    process alongside ``workers() - 1`` worker processes when the work is large.
    ``progress(done_chars, total_chars)`` is called as work completes.
    ``parallel`` forces (True) or forbids (False) the pool; by default it is used
    for more than :data:`PARALLEL_MIN_CHARS` characters on a multi-core machine.
    """
    docs = list(docs)
    words, key = userdict.current()
    cache = cache or TokenCache(key=f"{TOKENS_VERSION}-{key}")
    todo: list[Document] = []
    total = sum(len(d.text) for d in docs)
    done = 0
    for doc in docs:
        entry = cache.get(doc)
        if entry is None:
            todo.append(doc)
            continue
        done += len(doc.text)
        if progress:
            progress(done, total)
        yield doc, entry
    todo_chars = sum(len(d.text) for d in todo)
    use_pool = parallel if parallel is not None else (todo_chars >= PARALLEL_MIN_CHARS and workers() > 1)

    def finish(doc: Document, entry: Entry) -> tuple[Document, Entry]:
        nonlocal done
        cache.put(doc, entry)
        done += len(doc.text)
        if progress:
            progress(done, total)
        return doc, entry

    if not (use_pool and len(todo) > 1):
        for doc in todo:
            yield finish(doc, segment(doc.text, None, uncounted_ranges(doc)))
        return
    yield from _pooled(todo, words, finish)


def _mp_context() -> Any:
    """fork when this process has a single thread (the CLI): workers start at once
    with the dictionary already loaded. spawn otherwise (the app has threads, and
    forking a threaded process can deadlock the child)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return get_context("fork")
    return get_context("spawn")


def _worker_ready() -> bool:
    return True


def _pooled(
    todo: list[Document],
    words: Iterable[userdict.Word],
    finish: Callable[[Document, Entry], tuple[Document, Entry]],
    *,
    local: bool = True,
) -> Iterator[tuple[Document, Entry]]:
    """Segment ``todo`` here and in ``workers() - 1`` worker processes.

    This process starts at once from the front of the queue; workers take chunks
    from the back once they are up (a worker takes seconds to start on a busy
    machine, and work handed to it earlier would wait). A chunk a worker fails on
    is done here, so a broken pool only costs speed. ``local=False`` leaves all
    the work to ``workers()`` processes (this one only waits).
    """
    chunks = _chunks(todo, _CHUNK_CHARS)
    n_workers = max(1, workers() - 1) if local else workers()
    init_words = [(w.word, w.freq, w.tag) for w in words]
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=_mp_context(), initializer=_worker_init,
                             initargs=(init_words,)) as pool:
        ready = pool.submit(_worker_ready)
        lo, hi = 0, len(chunks)
        pending: dict[int, Future] = {}

        def collect(block: bool) -> Iterator[tuple[Document, Entry]]:
            for i, fut in list(pending.items()):
                if not (block or fut.done()):
                    continue
                del pending[i]
                try:
                    results = fut.result()
                except Exception:  # a crashed or killed worker: do that chunk here
                    for doc in chunks[i]:
                        yield finish(doc, segment(doc.text, None, uncounted_ranges(doc)))
                    continue
                for doc, (ends_bytes, counts) in zip(chunks[i], results):
                    ends = array.array("I")
                    ends.frombytes(ends_bytes)
                    yield finish(doc, Entry(ends, counts))

        if not local:
            concurrent.futures.wait([ready])
        usable = True
        while lo < hi:
            if usable and ready.done():
                usable = ready.exception() is None
                while usable and len(pending) < 2 * n_workers and lo < hi:
                    try:
                        pending[hi - 1] = pool.submit(_worker_segment, [(d.text, uncounted_ranges(d)) for d in chunks[hi - 1]])
                    except RuntimeError:  # BrokenProcessPool: carry on here
                        usable = False
                        break
                    hi -= 1
            if lo < hi and (local or not usable):
                for doc in chunks[lo]:
                    yield finish(doc, segment(doc.text, None, uncounted_ranges(doc)))
                lo += 1
            if local:
                yield from collect(block=False)
            elif pending:
                concurrent.futures.wait(list(pending.values()), return_when=concurrent.futures.FIRST_COMPLETED)
                yield from collect(block=False)
        yield from collect(block=True)
