"""Word tokens with character offsets: ``(word, start, end)``, jieba's shape.

Segmentation is jieba's precise mode with the HMM off (no invented words), on
the text's simplified form (traditional characters mapped one-to-one, so offsets
hold and 跨境電商 is cut and counted like 跨境电商), run
by rjieba (the jieba-rs binding: same dictionary, same spans — a test checks it
against jieba on real documents — and many times faster). Both segmenters get
the same extra words: the built-in domain list, then the user's ``words.txt``
(``corpus.text.userdict``).

Tokens cover the text: consecutive, no gaps, ``text[start:end] == word``.
For a corpus they are computed by a process pool (both cores) and cached on disk
(``<cache>/tokens``) keyed by document fingerprint, segmenter words and version;
each entry also stores the document's word counts (body text only: bylines,
source lines, captions and furniture are not counted) so keyword indexing of
an unchanged corpus reads counts instead of re-segmenting.

jieba itself (the reference, and its IDF table for keywords) is imported lazily,
quietly (its log lines and import warnings never reach the terminal) and with
its dictionary cache in our cache dir.

This is the public module; segmentation lives in ``corpus.text.segment`` and the
disk cache in ``corpus.text.token_cache`` (their names are re-exported here).
"""

from __future__ import annotations

import array
import concurrent.futures
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from ..model import Document
from . import userdict
from .fold import to_simplified
from .segment import (
    TOKENS_VERSION,
    UNCOUNTED_BLOCKS,
    Entry,
    Ranges,
    Token,
    count_words,
    cut,
    jieba_tokenize,
    quiet_jieba,
    reference_tokenizer,
    reset,
    segment,
    segmenter,
    segmenter_key,
    tokenize,
    tokens_from_ends,
    too_long,
    uncounted_ranges,
)
from .token_cache import TokenCache

# The public module of segmentation: segment's and token_cache's names are part of it.
__all__ = [
    "PARALLEL_MIN_CHARS",
    "TOKENS_VERSION",
    "UNCOUNTED_BLOCKS",
    "Entry",
    "Ranges",
    "Token",
    "TokenCache",
    "corpus_entries",
    "count_words",
    "cut",
    "document_entry",
    "document_tokens",
    "document_words",
    "iter_entries",
    "jieba_tokenize",
    "quiet_jieba",
    "reference_tokenizer",
    "reset",
    "segment",
    "segmenter",
    "segmenter_key",
    "tokenize",
    "tokens_from_ends",
    "uncounted_ranges",
    "workers",
]

# Below this many characters to segment, starting worker processes costs more
# than it saves (rjieba segments several MB per second per core).
PARALLEL_MIN_CHARS = 2_000_000

# Documents are sent to workers in groups of about this many characters.
_CHUNK_CHARS = 200_000


# --------------------------------------------------------------------------- documents and corpora

_WORKER_WORDS: list[userdict.Word] | None = None


_WORKER_CACHE: TokenCache | None = None


def _worker_init(words: list[tuple[str, int | None, str | None]], cache_root: str | None = None) -> None:
    global _WORKER_WORDS, _WORKER_CACHE
    _WORKER_WORDS = [userdict.Word(*w) for w in words]
    segmenter(_WORKER_WORDS)
    _WORKER_CACHE = TokenCache(Path(cache_root), key="worker") if cache_root else None


def _worker_segment(jobs: list[tuple[str, Ranges, str | None]]) -> list[tuple[bytes, dict[str, int]]]:
    """Segment texts; write each cache entry at the path given (if any)."""
    out = []
    for text, skip, path in jobs:
        entry = segment(text, _WORKER_WORDS, skip)
        if path is not None and _WORKER_CACHE is not None:
            _WORKER_CACHE.write(Path(path), len(text), entry)
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


#: The entries of the last few documents, by cache path (which names text, words and version):
#: showing a document asks for its tokens and for its keyword spans, one disk read serves both.
_RECENT: OrderedDict[Path, Entry] = OrderedDict()
_RECENT_SIZE = 4
_RECENT_LOCK = threading.Lock()


def document_entry(doc: Document, cache: TokenCache | None = None) -> Entry:
    """The document's segmentation: from memory, the disk cache, or segmented (and cached) now."""
    if too_long(doc.text):
        return Entry.empty()  # not cut, not cached: raising the limit later cuts it then
    cache = cache or TokenCache()
    path = cache.path(doc)
    with _RECENT_LOCK:
        entry = _RECENT.get(path)
        if entry is not None:
            _RECENT.move_to_end(path)
            return entry
    entry = cache.get(doc)
    if entry is None:
        entry = segment(doc.text, None, uncounted_ranges(doc))
        cache.put(doc, entry)
    with _RECENT_LOCK:
        _RECENT[path] = entry
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
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
        if too_long(doc.text):  # no words (bounded memory): counts nothing towards keywords
            done += len(doc.text)
            if progress:
                progress(done, total)
            yield doc, Entry.empty()
            continue
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

    def finish(doc: Document, entry: Entry, stored: bool = False) -> tuple[Document, Entry]:
        nonlocal done
        if not stored:
            cache.put(doc, entry)
        done += len(doc.text)
        if progress:
            progress(done, total)
        return doc, entry

    if not (use_pool and len(todo) > 1):
        for doc in todo:
            yield finish(doc, segment(doc.text, None, uncounted_ranges(doc)))
        return
    yield from _pooled(todo, words, finish, cache)


def _mp_context() -> multiprocessing.context.BaseContext:
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
    finish: Callable[..., tuple[Document, Entry]],
    cache: TokenCache | None = None,
    *,
    local: bool = True,
) -> Iterator[tuple[Document, Entry]]:
    """Segment ``todo`` here and in ``workers() - 1`` worker processes.

    This process starts at once from the front of the queue; workers take chunks
    from the back once they are up (a worker takes seconds to start on a busy
    machine, and work handed to it earlier would wait). A chunk a worker fails on
    is done here, so a broken pool only costs speed. ``local=False`` leaves all
    the work to ``workers()`` processes (this one only waits). Workers write the
    cache entries of their chunks themselves (``finish(doc, entry, stored=True)``).
    """
    chunks = _chunks(todo, _CHUNK_CHARS)
    n_workers = max(1, workers() - 1) if local else workers()
    init_words = [(w.word, w.freq, w.tag) for w in words]
    root = str(cache.root.parent) if cache is not None else None
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=_mp_context(), initializer=_worker_init,
                             initargs=(init_words, root)) as pool:
        lo, hi = 0, len(chunks)
        ready: Future[bool]
        try:
            ready = pool.submit(_worker_ready)
        except (RuntimeError, OSError, ValueError):
            # No worker processes here (e.g. "bad value(s) in fds_to_keep" when the
            # host has no real stderr): segment everything in this process.
            ready = Future()
            ready.set_exception(RuntimeError("worker processes unavailable"))
            local = True
        pending: dict[int, Future[list[tuple[bytes, dict[str, int]]]]] = {}

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
                    yield finish(doc, Entry(ends, counts), stored=cache is not None)

        if not local:
            concurrent.futures.wait([ready])
        usable = True
        while lo < hi:
            if usable and ready.done():
                usable = ready.exception() is None
                while usable and len(pending) < 2 * n_workers and lo < hi:
                    try:
                        jobs = [(d.text, uncounted_ranges(d), str(cache.path(d)) if cache else None)
                                for d in chunks[hi - 1]]
                        pending[hi - 1] = pool.submit(_worker_segment, jobs)
                    except (RuntimeError, OSError, ValueError):  # BrokenProcessPool & co: carry on here
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
