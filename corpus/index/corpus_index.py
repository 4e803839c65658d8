"""One corpus's search index: open it, bring it up to date, search it.

The index lives under ``corpus.paths.cache_dir()/search-index/<hash of the
root>/`` (``engine/`` for tantivy, ``manifest.json``, ``update.lock``). It is a
cache: deleting it costs one rebuild. It is trusted only when its manifest
matches its format and the parser's version, its files have the sizes the
manifest recorded, and the engine holds as many documents as the manifest
says; otherwise it is rebuilt, and a search that finds it damaged falls back to
scanning and marks it for rebuilding.

A search never returns stale answers: documents of files changed since the
last update (or never indexed) are scanned in Python and merged into the
index's answer, so results are right even while ``update`` has yet to run.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import Corpus, Document
from ..paths import cache_dir
from . import match
from .engine import FORMAT, Engine, EngineError, doc_number
from .manifest import FileRecord, Manifest, check_engine_files, engine_files, load_manifest
from .query import Node, has_near, parse_query
from .ranking import SORTS, Cancel, Row, near_page, sort_rows
from .results import DocHits, Hit, SearchResults, UpdateStats

#: ``progress(done, total)`` over the files to index.
Progress = Callable[[int, int], None]

# Commit every this many characters: a cancelled or interrupted build keeps
# what it has done, and the writer's memory stays bounded.
_COMMIT_CHARS = 60_000_000


class IndexBusy(RuntimeError):
    """Another process (or thread) is updating this index right now."""


def index_folder(root: str | Path) -> Path:
    """Where the index of the corpus at ``root`` lives."""
    key = hashlib.sha1(str(Path(root).expanduser().resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir() / "search-index" / key


def _parser_version() -> str:
    from ..ingest.version import PARSER_VERSION

    return str(PARSER_VERSION)


class CorpusIndex:
    """The search index of one loaded corpus (see :func:`open_index`)."""

    def __init__(self, corpus: Corpus, folder: Path | None = None) -> None:
        self.folder = folder or index_folder(corpus.root)
        self._engine_dir = self.folder / "engine"
        self._manifest_path = self.folder / "manifest.json"
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._stale_memo: tuple[set[str], dict[str, list[Document]], list[Document]] | None = None
        self.problem = ""  # why the index cannot be used as it is ('' when it can)
        self.manifest = Manifest(FORMAT, _parser_version(), corpus.root)
        self._set_corpus(corpus)
        self._open()

    # -- state --------------------------------------------------------------------------

    def _set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._root = Path(corpus.root)
        self._root_is_dir = self._root.is_dir()
        self._by_n: dict[int, Document] = {doc_number(d.id): d for d in corpus.documents}
        self._order: dict[str, int] = {d.id: i for i, d in enumerate(corpus.documents)}
        self._files: dict[str, list[Document]] = {}
        for d in corpus.documents:
            self._files.setdefault(d.file, []).append(d)

    def _file_path(self, rel: str) -> Path:
        return self._root / rel if self._root_is_dir else self._root

    def _record(self, rel: str, docs: list[Document]) -> FileRecord | None:
        try:
            st = os.stat(self._file_path(rel))
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, tuple((d.id, d.chars) for d in docs))

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self._manifest_path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _open(self) -> None:
        self._opened_stamp = self._manifest_stamp()
        manifest = load_manifest(self._manifest_path)
        problem = ""
        if manifest is None:
            problem = "no index yet" if not self._manifest_path.exists() else "the index's manifest is damaged"
        elif manifest.format != FORMAT or manifest.parser != _parser_version():
            problem = "the index was built by another version"
        elif manifest.damaged:
            problem = f"the index was found damaged ({manifest.damaged})"
        else:
            problem = check_engine_files(self._engine_dir, manifest.engine_files)
        if not problem and manifest is not None:
            try:
                engine = Engine(self._engine_dir)
                if engine.num_docs != manifest.documents:
                    problem = f"the index holds {engine.num_docs} documents, its manifest {manifest.documents}"
                else:
                    self._engine = engine
                    self.manifest = manifest
            except EngineError as exc:
                problem = f"the index cannot be opened ({exc})"
        self.problem = problem
        self._refresh_fresh()

    def _refresh_fresh(self) -> None:
        files = self.manifest.files if self._engine is not None else {}
        fresh = set()
        for rel, docs in self._files.items():
            rec = files.get(rel)
            if rec is not None and rec == self._record(rel, docs):
                fresh.add(rel)
        self._fresh = fresh

    @property
    def stale_files(self) -> list[str]:
        """Files of the corpus the index does not hold as they are now."""
        return [rel for rel in self._files if rel not in self._fresh]

    @property
    def removed_files(self) -> list[str]:
        return [rel for rel in self.manifest.files if rel not in self._files]

    @property
    def ready(self) -> bool:
        """Does the index answer for the whole corpus (no file to scan)?"""
        return self._engine is not None and not self.stale_files

    # -- update ---------------------------------------------------------------------------

    def update(self, corpus: Corpus | None = None, *, progress: Progress | None = None,
               cancel: Cancel | None = None) -> UpdateStats:
        """Index the files that changed or are new, drop the removed ones.

        Rebuilds from scratch when the index is missing, damaged or of another
        version. Raises :class:`IndexBusy` if another process is updating it.
        On ``cancel()`` it stops between files, keeping what it committed.
        """
        from filelock import FileLock, Timeout

        started = time.perf_counter()
        if corpus is not None:
            self._set_corpus(corpus)
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            lock = FileLock(str(self.folder / "update.lock"), timeout=0)
            lock.acquire()
        except Timeout:
            raise IndexBusy("the search index is being updated by another reader") from None
        # Reading every text (cache entries, blocks) makes millions of small objects and no
        # cycles: the cyclic GC would rescan the growing heap again and again (a fifth of
        # the build's CPU on 100 MB), so it waits until the build is done — as the loader does.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            with self._lock:
                stats = self._update(progress, cancel)
        finally:
            if gc_was_on:
                gc.enable()
            lock.release()
        stats.seconds = time.perf_counter() - started
        return stats

    def _update(self, progress: Progress | None, cancel: Cancel | None) -> UpdateStats:
        stats = UpdateStats()
        if self._engine is None or self._manifest_stamp() != self._opened_stamp:
            self._open()  # another process may have updated it since we opened it
        if self._engine is None:
            stats.rebuilt, stats.reason = True, self.problem
            self._engine = None
            shutil.rmtree(self._engine_dir, ignore_errors=True)
            self.manifest = Manifest(FORMAT, _parser_version(), self.corpus.root)
            try:
                self._engine = Engine(self._engine_dir)
            except EngineError as exc:
                raise EngineError(f"cannot create the search index in {self._engine_dir}: {exc}") from None
        engine = self._engine
        manifest = self.manifest
        todo = [rel for rel in self._files if rel not in self._fresh]
        gone = self.removed_files
        stats.unchanged_files = len(self._files) - len(todo)
        if not todo and not gone:
            return stats
        pending: dict[str, FileRecord] = {}
        chars_since_commit = 0

        def commit(save: bool = True) -> None:
            engine.commit()
            manifest.files.update(pending)
            if save:
                manifest.save(self._manifest_path)
            # Searches during a long build use what is committed so far.
            self._fresh = self._fresh | set(pending)
            pending.clear()

        try:
            for rel in gone:
                engine.delete_file(rel)
                manifest.files.pop(rel, None)
            stats.removed_files = len(gone)
            for i, rel in enumerate(todo):
                if cancel is not None and cancel():
                    stats.cancelled = True
                    break
                docs = self._files[rel]
                record = self._record(rel, docs)
                if not stats.rebuilt:
                    # Also when the manifest does not list it: a crash after a commit
                    # can leave documents the manifest never heard of.
                    engine.delete_file(rel)
                    manifest.files.pop(rel, None)
                if record is None:  # the file went away since the corpus was loaded
                    continue
                chars = engine.index_documents(docs)
                pending[rel] = record
                stats.indexed_files += 1
                stats.documents += len(docs)
                stats.chars += chars
                stats.files.append(rel)
                chars_since_commit += chars
                if chars_since_commit >= _COMMIT_CHARS:
                    commit()
                    chars_since_commit = 0
                if progress is not None:
                    progress(i + 1, len(todo))
            commit(save=False)
            engine.finish()
            manifest.engine_files = engine_files(self._engine_dir)
            manifest.damaged = ""
            manifest.save(self._manifest_path)
            self._opened_stamp = self._manifest_stamp()
        except BaseException:
            engine.rollback()
            raise
        self.problem = ""
        return stats

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str | Node, *, sort: str = "rank", limit: int | None = 20, offset: int = 0,
               count_hits: bool = False, cancel: Cancel | None = None) -> SearchResults:
        """A page of matching documents (``offset``, ``limit``) with their hits.

        ``sort``: ``rank`` (BM25, best first), ``order`` (reading order) or
        ``date`` (oldest first; undated last). ``count_hits`` also counts every
        hit of every matching document (reads all their texts).
        Raises :class:`~corpus.index.query.QuerySyntaxError` for a malformed query.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r} (rank, order, date)")
        node = parse_query(query) if isinstance(query, str) else query
        text = query if isinstance(query, str) else ""
        found, engine = self._matching(node, sort, None if count_hits else limit, offset, cancel)
        total, rows, exact_total = found
        page = rows[offset : None if limit is None else offset + limit]
        groups = []
        for doc, score, spans in page:
            hits = spans if spans is not None else match.hits(node, doc)
            groups.append(DocHits(doc.id, score, tuple(hits)))
        total_hits = None
        if count_hits:
            total_hits = sum(
                len(spans) if spans is not None else len(match.hits(node, doc)) for doc, _s, spans in rows
            )
        return SearchResults(text, sort, tuple(groups), total, total_hits, engine, offset, exact_total)

    def occurrences(self, query: str | Node, cancel: Cancel | None = None) -> Iterator[Hit]:
        """Every exact hit of ``query`` in reading order (for concordances and trends)."""
        node = parse_query(query) if isinstance(query, str) else query
        (_total, rows, _exact), _engine = self._matching(node, "order", None, 0, cancel)
        for doc, _score, spans in rows:
            if cancel is not None and cancel():
                return
            for start, end in spans if spans is not None else match.hits(node, doc):
                yield Hit(doc.id, start, end)

    def documents(self, query: str | Node, *, limit: int) -> list[str] | None:
        """The ids of the documents matching ``query`` (an exact query: no ``NEAR``) when
        there are at most ``limit`` of them and the index covers the whole corpus;
        else None (the caller looks another way)."""
        node = parse_query(query) if isinstance(query, str) else query
        engine = self._engine
        if engine is None or has_near(node) or not self.ready:
            return None
        try:
            count, pairs = engine.search(node, limit)
        except EngineError as exc:
            self._mark_damaged(str(exc))
            return None
        if count > limit:
            return None
        return [doc.id for n, _score in pairs if (doc := self._by_n.get(n)) is not None]

    def _matching(self, node: Node, sort: str, limit: int | None, offset: int,
                  cancel: Cancel | None) -> tuple[tuple[int, list[Row], bool], str]:
        """``((total, rows, total is exact), engine)``; rows sorted, complete up to ``offset + limit``."""
        engine = self._engine
        fresh = self._fresh
        stale_docs = self._stale_docs()
        rows: list[Row] = []
        exact = not has_near(node)
        used_index = False
        total: int | None = None
        unverified = 0
        if engine is not None and fresh:
            # A ranked page of a NEAR query: candidates verified in score order until the
            # page is full; the rest are counted as candidates (total_docs is then a bound).
            lazy = not exact and sort == "rank" and limit is not None and not stale_docs
            try:
                if lazy and limit is not None:
                    rows, unverified = near_page(engine, node, offset + limit, self._fresh_doc, cancel)
                    pairs: list[tuple[int, float]] = []
                else:
                    want = offset + limit if sort == "rank" and exact and not stale_docs and limit is not None \
                        else None
                    count, pairs = engine.search(node, want)
                    if want is not None:
                        total = count
                used_index = True
            except EngineError as exc:
                self._mark_damaged(str(exc))
                stale_docs = list(self.corpus.documents)
                pairs, rows, unverified = [], [], 0
            for n, score in pairs:
                doc = self._fresh_doc(n)
                if doc is None:
                    continue
                if exact:
                    rows.append((doc, score, None))
                else:
                    if cancel is not None and cancel():
                        break
                    spans = match.match_and_hits(node, doc)
                    if spans is not None:
                        rows.append((doc, score, spans))
        else:
            stale_docs = list(self.corpus.documents)
        for doc, spans in match.scan(node, stale_docs, cancel):
            rows.append((doc, 0.0, spans))
        sort_rows(rows, sort, self._order)
        label = "index" if used_index and not stale_docs else ("index+scan" if used_index else "scan")
        if total is None:
            total = len(rows) + unverified
        return (total, rows, unverified == 0), label

    def _fresh_doc(self, n: int) -> Document | None:
        """The document the engine numbers ``n``, if its file is indexed as it is now."""
        doc = self._by_n.get(n)
        return doc if doc is not None and doc.file in self._fresh else None

    def _stale_docs(self) -> list[Document]:
        """Documents of files the index does not hold as they are (worked out again only
        when the fresh files or the corpus change: both are replaced, never modified)."""
        memo = self._stale_memo
        if memo is not None and memo[0] is self._fresh and memo[1] is self._files:
            return memo[2]
        fresh = self._fresh
        stale = [d for rel, docs in self._files.items() if rel not in fresh for d in docs]
        self._stale_memo = (self._fresh, self._files, stale)
        return stale

    def _mark_damaged(self, reason: str) -> None:
        self._engine = None
        self.problem = f"the index was found damaged ({reason})"
        self.manifest.damaged = reason or "search failed"
        # If the flag cannot be written, the next open finds the engine's files wrong anyway.
        with contextlib.suppress(OSError):
            self.manifest.save(self._manifest_path)
        self._fresh = set()


def open_index(corpus: Corpus, folder: Path | None = None) -> CorpusIndex:
    """The search index of ``corpus`` (opened, checked, not updated: see ``update``)."""
    return CorpusIndex(corpus, folder)
