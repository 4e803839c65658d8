"""Part-of-speech tagging for entities: rjieba's tagger, a per-document cache, worker processes.

rjieba's ``tag`` (jieba's dictionary and its HMM for unknown names, on the
simplified text, with the built-in and user words) tags each token; the tokens
flagged ``nr``/``nrfg``/``nrt`` (people), ``ns`` (places) and ``nt``
(organisations) are kept with their offsets. rjieba tags about a million
characters a second, some hundred times jieba.posseg (the benchmark prints
both). Tags are cached per document (``<cache>/entities``, keyed by text
fingerprint, words and :data:`ENTITIES_VERSION`), and a large corpus is tagged
in worker processes, which stop within a chunk when the work is cancelled.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..model import Document
from ..paths import atomic_write, cache_dir
from ..text import tokens as tok
from ..text import userdict
from ..text.fold import to_simplified
from .common import CancelCheck, Progress, check

#: Bumped when tagging or the cache entry changes.
ENTITIES_VERSION = 1

FLAG_KIND = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "org"}

#: Tag in worker processes from this many characters to tag.
PARALLEL_MIN_CHARS = 2_000_000
_CHUNK_CHARS = 100_000

#: One raw tag: (start, end, simplified word, flag) — a list when read back from JSON.
RawTag = tuple[int, int, str, str]


def tag_text(text: str, words: list[userdict.Word] | None = None) -> list[RawTag]:
    """Entity-flagged tokens of ``text`` with offsets (the tagger reads its simplified form)."""
    simple = to_simplified(text)
    seg = tok.segmenter(words)
    out: list[RawTag] = []
    pos = 0
    for word, flag in seg.tag(simple, True):
        end = pos + len(word)
        if flag in FLAG_KIND:
            out.append((pos, end, word, flag))
        pos = end
    if pos != len(simple):  # the tagger did not cover the text: offsets would lie
        raise ValueError(f"tagger output covers {pos} of {len(simple)} characters")
    return out


class EntityCache:
    """``<cache>/entities/…``: one small JSON file of raw tags per document text."""

    def __init__(self, root: Path | None = None, key: str | None = None) -> None:
        self.root = (root or cache_dir()) / "entities"
        self.key = key or f"{ENTITIES_VERSION}-{tok.segmenter_key()}"

    def path(self, doc: Document) -> Path:
        h = hashlib.sha1(f"{doc.fingerprint}\0{len(doc.text)}\0{self.key}".encode()).hexdigest()
        return self.root / h[:2] / f"{h}.json"

    def get(self, doc: Document) -> list[RawTag] | None:
        path = self.path(doc)
        try:
            data = json.loads(path.read_bytes())
            if data["n"] != len(doc.text):
                return None
            return [(int(s), int(e), str(w), str(f)) for s, e, w, f in data["tags"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # damaged: recomputed and rewritten

    def put(self, doc: Document, tags: list[RawTag]) -> None:
        payload = json.dumps({"n": len(doc.text), "tags": tags}, ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write(self.path(doc), payload, durable=False)
        except OSError:
            return  # a read-only or full cache must not stop the analysis


_WORKER_WORDS: list[userdict.Word] | None = None


def _worker_init(words: list[tuple[str, int | None, str | None]]) -> None:
    global _WORKER_WORDS
    _WORKER_WORDS = [userdict.Word(*w) for w in words]
    tok.segmenter(_WORKER_WORDS)


def _worker_tag(texts: list[str]) -> list[list[RawTag]]:
    return [tag_text(t, _WORKER_WORDS) for t in texts]


def _chunks(docs: list[Document]) -> list[list[Document]]:
    out: list[list[Document]] = []
    current: list[Document] = []
    size = 0
    for d in docs:
        current.append(d)
        size += len(d.text)
        if size >= _CHUNK_CHARS:
            out.append(current)
            current, size = [], 0
    if current:
        out.append(current)
    return out


def _pooled(todo: list[Document], cancel: CancelCheck | None) -> Iterator[tuple[Document, list[RawTag]]]:
    """Tag ``todo`` in worker processes; a chunk a worker fails on is tagged here."""
    words, _key = userdict.current()
    init = [(w.word, w.freq, w.tag) for w in words]
    chunks = _chunks(todo)
    pool = ProcessPoolExecutor(max_workers=tok.workers(), mp_context=tok._mp_context(), initializer=_worker_init,
                               initargs=(init,))
    try:
        try:
            futures = {pool.submit(_worker_tag, [d.text for d in chunk]): chunk for chunk in chunks}
        except (RuntimeError, OSError, ValueError):  # no worker processes here: tag in this process
            for chunk in chunks:
                for d in chunk:
                    check(cancel)
                    yield d, tag_text(d.text)
            return
        pending = set(futures)
        while pending:
            done, pending = concurrent.futures.wait(pending, timeout=0.1,
                                                    return_when=concurrent.futures.FIRST_COMPLETED)
            check(cancel)
            for fut in done:
                chunk = futures[fut]
                try:
                    results = fut.result()
                except Exception:  # a crashed worker: do its chunk here
                    results = [tag_text(d.text) for d in chunk]
                yield from zip(chunk, results)
    finally:
        # On cancel, queued chunks are dropped and running ones end within a chunk.
        pool.shutdown(wait=False, cancel_futures=True)


def document_tags(
    docs: Iterable[Document],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    parallel: bool | None = None,
    cache: EntityCache | None = None,
) -> Iterator[tuple[Document, list[RawTag]]]:
    """Raw entity tags of each document: cached ones first, then the rest tagged
    (in worker processes when there is a lot). ``progress(done_chars, total_chars)``."""
    docs = list(docs)
    cache = cache or EntityCache()
    total = sum(d.chars for d in docs)
    done = 0
    todo: list[Document] = []
    for d in docs:
        check(cancel)
        tags = cache.get(d)
        if tags is None:
            todo.append(d)
            continue
        done += d.chars
        if progress is not None:
            progress(done, total)
        yield d, tags
    todo_chars = sum(len(d.text) for d in todo)
    use_pool = parallel if parallel is not None else (todo_chars >= PARALLEL_MIN_CHARS and tok.workers() > 1)
    source: Iterator[tuple[Document, list[RawTag]]] = (
        _pooled(todo, cancel) if use_pool and len(todo) > 1 else ((d, tag_text(d.text)) for d in todo)
    )
    for d, tags in source:
        check(cancel)
        cache.put(d, tags)
        done += d.chars
        if progress is not None:
            progress(done, total)
        yield d, tags


