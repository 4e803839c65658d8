"""Bringing the corpus in for the main screen: the last document first, then the index.

Plain functions (no textual) that the screen runs in thread workers. On start
the last document is read from its own file (through the document cache) so
it paints before the whole corpus is indexed; :class:`Throttle` keeps progress
reports to about twenty a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from corpus.model import Corpus, Document


class Throttle:
    """True at most every ``interval`` seconds, and always for the last step."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self._at = 0.0

    def due(self, done: int, total: int | None) -> bool:
        now = time.perf_counter()
        if now - self._at > self.interval or done == total:
            self._at = now
            return True
        return False


def corpus_root(corpus_path: Path | None) -> Path:
    """The folder (or file) the app reads: the given path, or the bundled samples."""
    from corpus.paths import samples_dir

    return Path(corpus_path).expanduser() if corpus_path is not None else samples_dir()


def load(corpus_path: Path | None, progress: Callable[[int, int, str], None]) -> Corpus:
    """The whole corpus (``CorpusNotFound``/``OSError`` when it cannot be read at all)."""
    # Imported here: the parsing stack is not needed for the first paint.
    from corpus.ingest.loader import load_corpus

    return load_corpus(corpus_path, progress=progress)


#: The last document's file, up to this size, is read from the document cache on the main
#: thread before the first frame (a few milliseconds: the first frame then shows it).
CACHED_READ_MAX = 2 * 1024 * 1024


#: Files looked at for the first document on a first start (files before it can be error rows
#: or hold no document); a file missing from the cache ends the search (indexing decides).
FIRST_FILES = 8


def first_cached(root: Path) -> Document | None:
    """The corpus's first document when the files up to it are in the document cache (else None).

    A first start with no reading state shows the corpus's first document: the first document of
    the first files of the walk that indexing does (:func:`corpus.ingest.discover.first_files`),
    read from the cache on the main thread like the last document on a re-open, so it paints
    before the whole corpus is read. Files the cache knows as errors or empty are passed over,
    as indexing does.
    """
    from corpus.ingest.cache import DocCache
    from corpus.ingest.discover import first_files

    cache = DocCache()
    for cand in first_files(root, FIRST_FILES):
        if cand.size > CACHED_READ_MAX:
            return None
        docs = cache.get(cand)
        if docs is None:
            return None  # not read before (or changed): only indexing knows what it holds
        if isinstance(docs, list) and docs:
            return docs[0]
    return None


def read_one(root: Path, doc_id: str, rel: str, *, parse: bool = True,
             progress: Callable[[int, int, str], None] | None = None) -> Document | None:
    """Document ``doc_id`` read from its own file ``rel`` under ``root`` (None: gone or changed).

    With ``parse`` off, only from the document cache (None on a miss, or for a file
    over :data:`CACHED_READ_MAX`): quick enough for the main thread. A large file is
    parsed in a worker process that ``progress`` stops by raising ``InterruptedError``.
    """
    from corpus.ingest.cache import DocCache
    from corpus.ingest.discover import Candidate

    path = root if root.is_file() else root / rel
    try:
        st = path.stat()
    except OSError:
        return None  # gone or unreadable: the full load reports it
    cand = Candidate(path, rel, st.st_size, st.st_mtime_ns)
    if not parse and st.st_size > CACHED_READ_MAX:
        return None
    docs = DocCache().get(cand)
    if docs is None:
        if not parse:
            return None
        # Only on a cache miss: the parsing stack is a tenth of a second of imports.
        from corpus.ingest.loader import parse_one

        docs = parse_one(cand, progress)
        DocCache().put(cand, docs)  # the corpus load that follows finds it parsed
    return next((d for d in docs if d.id == doc_id), None) if isinstance(docs, list) else None
