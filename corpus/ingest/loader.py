"""Load a corpus: discover files, parse (in parallel, through the cache), collect errors."""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, cast

from ..model import Corpus, Document, LoadError
from ..paths import samples_dir
from .cache import DocCache, Manifest
from .discover import Candidate, discover
from .lazydoc import Filler, LazyDocument, Summary, fill_from, lazy_documents, summary_record

log = logging.getLogger(__name__)

#: ``progress(done, total, rel_path)``
Progress = Callable[[int, int, str], None]

# Below this many files to parse, process start-up costs more than it saves …
_PARALLEL_MIN = 32
# … unless they are PDF, Word or EPUB files: each takes long enough on its own.
_HEAVY = (".pdf", ".docx", ".epub")
_HEAVY_MIN = 2
#: A file this large is parsed in a worker process even alone (one CPU, one file): parsing it
#: takes seconds, and only a process can be stopped in the middle when the user cancels or quits.
ISOLATE_BYTES = 1024 * 1024


def _parallel(cands: list[Candidate]) -> bool:
    if any(c.size >= ISOLATE_BYTES for c in cands):
        return True
    if _workers() < 2:
        return False
    heavy = sum(1 for c in cands if c.rel.lower().endswith(_HEAVY))
    return len(cands) >= _PARALLEL_MIN or heavy >= _HEAVY_MIN
# How often the parent is asked whether to go on while workers parse, and a worker checks its parent.
_HEARTBEAT = 0.25
_WATCH_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class CorpusNotFound(FileNotFoundError):
    """The path the user named does not exist."""


def read_and_parse(cand: Candidate) -> list[Document] | LoadError:
    """Parse one file, turning every expected failure into a :class:`LoadError`."""
    try:
        with open(cand.path, "rb") as fh:
            data = fh.read()
    except PermissionError:
        return LoadError(cand.rel, "permission denied")
    except IsADirectoryError:
        return LoadError(cand.rel, "is a folder, not a file")
    except FileNotFoundError:
        return LoadError(cand.rel, "file deleted while the corpus was being read")
    except OSError as exc:
        return LoadError(cand.rel, f"cannot read: {exc.strerror or exc}")
    # Imported at the first file to parse: a corpus read from a warm cache never needs the
    # parsing stack (a tenth of a second of imports before the app's first document).
    from .parse import ParseError, parse_file

    try:
        return parse_file(cand.rel, data)
    except ParseError as exc:
        return LoadError(cand.rel, str(exc))
    except RecursionError:
        return LoadError(cand.rel, "cannot parse: the document is nested too deeply")


def parse_and_store(cand: Candidate) -> list[Summary] | LoadError:
    """Worker side of a cached load: parse, write the cache entry, return summaries.

    Only the small summaries travel back to the parent process; the text is
    read from the cache entry when a document is first opened.
    """
    result = read_and_parse(cand)
    DocCache().put(cand, result)
    if isinstance(result, LoadError):
        return result
    return [summary_record(d) for d in result]


def _parse_chunk(cands: list[Candidate], cached: bool) -> list[list[Summary] | list[Document] | LoadError]:
    """Worker side: one batch of files (few large batches: less inter-process traffic).

    With the cache, summaries (``parse_and_store``); without, whole documents.
    """
    if cached:
        return [parse_and_store(c) for c in cands]
    return [read_and_parse(c) for c in cands]


def _chunk(n: int) -> int:
    # Few large batches: less inter-process traffic, still a shared load.
    return max(16, min(256, n // (_workers() * 4) or 1))


def _workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class _Tracked:
    """A multiprocessing context that remembers the processes it started (our pool's workers).

    ``ProcessPoolExecutor`` has no public way to stop a running worker before
    Python 3.14; with this we can terminate exactly our own workers on cancel.
    """

    def __init__(self) -> None:
        self.context = multiprocessing.get_context()
        self.started: list[multiprocessing.process.BaseProcess] = []

    # Any: the pool's own arguments, passed on unseen to the context's Process.
    def Process(self, *args: Any, **kwargs: Any) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(*args, **kwargs)
        self.started.append(process)
        return process

    def __getattr__(self, name: str) -> Any:  # Any: whatever the wrapped context has
        return getattr(self.context, name)

    def terminate(self) -> None:
        for process in self.started:
            if process.is_alive():
                process.kill()


def _worker_init(parent: int) -> None:
    """Make a pool worker die with the process that started it.

    Linux: the kernel sends SIGKILL when the parent goes (``PR_SET_PDEATHSIG``);
    everywhere: a watchdog thread exits once the parent is gone. Ctrl+C is the
    parent's to handle (it stops the workers), so workers ignore SIGINT.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl (an unusual libc): the watchdog below still works
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="reader-parent-watchdog", daemon=True).start()


def _parse_in_workers(
    found: list[Candidate | LoadError],
    todo: list[int],
    cache: DocCache | None,
    manifest: Manifest | None,
    results: list[Sequence[Document] | LoadError | None],
    progress: Progress | None,
    done: int,
    total: int,
) -> None:
    """Parse ``found[i] for i in todo`` in worker processes, filling ``results``.

    ``progress`` is called for every file and, while workers are busy, every
    quarter second: raising from it (``InterruptedError`` on cancel) stops the
    workers at once; so does any other exception here (Ctrl+C included).
    """
    size = _chunk(len(todo))
    batches = [todo[k : k + size] for k in range(0, len(todo), size)]
    context = _Tracked()
    pool = ProcessPoolExecutor(max_workers=min(_workers(), len(batches)), mp_context=cast(BaseContext, context),
                               initializer=_worker_init, initargs=(os.getpid(),))
    finished = False
    try:
        cands = [c if isinstance(c, Candidate) else None for c in found]
        pending = {pool.submit(_parse_chunk, [cast(Candidate, cands[i]) for i in b], cache is not None): b
                   for b in batches}
        last = ""
        while pending:
            ready, _ = wait(pending, timeout=_HEARTBEAT, return_when=FIRST_COMPLETED)
            for future in ready:
                batch = pending.pop(future)
                for i, out in zip(batch, future.result()):
                    cand = cast(Candidate, cands[i])
                    if isinstance(out, LoadError):
                        results[i] = out
                    elif cache is None:
                        results[i] = cast(list[Document], out)
                    else:
                        out = cast(list[Summary], out)
                        results[i] = lazy_documents(out, _filler(cache, cand))
                    if manifest is not None:  # only with a cache: summaries or an error
                        manifest.record_summaries(cand, cast("list[Summary] | LoadError", out))
                    done += 1
                    last = cand.rel
                    if progress:
                        progress(done, total, last)
            if not ready and progress:
                progress(done, total, last)  # a heartbeat: lets the caller cancel while files parse
        finished = True
    finally:
        if not finished:
            context.terminate()
        pool.shutdown(wait=True, cancel_futures=not finished)


def parse_one(cand: Candidate, progress: Progress | None = None) -> list[Document] | LoadError:
    """One file's documents: a small file parsed here, a large one in a worker process.

    ``progress`` is called every quarter second while a worker parses; raising
    from it (``InterruptedError`` on cancel or quit) kills the worker at once.
    """
    if cand.size < ISOLATE_BYTES:
        return read_and_parse(cand)
    results: list[Sequence[Document] | LoadError | None] = [None]
    try:
        _parse_in_workers([cand], [0], None, None, results, progress, 0, 1)
    except InterruptedError:
        raise
    except (OSError, ValueError, BrokenProcessPool) as exc:
        log.warning("worker process unavailable (%s); parsing in this process", exc)
    result = results[0]
    if result is None:
        return read_and_parse(cand)
    return result if isinstance(result, LoadError) else list(result)


def _filler(cache: DocCache, cand: Candidate) -> Filler:
    """Fill a file's lazy documents from its cache entry, else by parsing it again."""

    def fill(docs: list[LazyDocument]) -> None:
        full = cache.get_path(cand.path, cand.rel)
        if full is None:
            result = read_and_parse(cand)
            full = result if isinstance(result, list) else []
        fill_from(docs, full)

    return fill


def load_corpus(path: str | Path | None = None, *, use_cache: bool = True, progress: Progress | None = None) -> Corpus:
    """Load every document under ``path`` (default: the bundled samples).

    With the cache, unchanged files are not parsed again: their documents come
    from the corpus manifest and load their text on first use.
    """
    # Loading creates hundreds of thousands of small objects and no cycles
    # worth collecting; the cyclic GC would rescan the growing heap over and
    # over (seconds on a large corpus). It runs again as soon as we are done.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(path, use_cache=use_cache, progress=progress)
    finally:
        if enabled:
            gc.enable()


def _load(path: str | Path | None, *, use_cache: bool, progress: Progress | None) -> Corpus:
    root = Path(path).expanduser() if path is not None else samples_dir()
    if not root.exists() and not root.is_symlink():
        raise CorpusNotFound(f"no such file or folder: {root}")
    found = discover(root)
    cache = DocCache() if use_cache else None
    manifest = Manifest(root) if use_cache else None
    total = len(found)
    results: list[Sequence[Document] | LoadError | None] = [None] * total
    todo: list[int] = []
    done = 0
    for i, item in enumerate(found):
        if isinstance(item, LoadError):
            results[i] = item
        elif cache is not None and manifest is not None and (rec := manifest.lookup(item)) is not None:
            if "error" in rec:
                results[i] = LoadError(item.rel, str(rec["error"]))
            else:
                results[i] = lazy_documents(rec["docs"], _filler(cache, item))
        elif cache is not None and (hit := cache.get(item)) is not None:
            results[i] = hit
            if manifest is not None:
                manifest.record(item, hit)
        else:
            todo.append(i)
            continue
        done += 1
        if progress:
            progress(done, total, item.rel if isinstance(item, Candidate) else item.file)

    def finish(i: int, result: list[Document] | LoadError) -> None:
        nonlocal done
        results[i] = result
        cand = found[i]
        assert isinstance(cand, Candidate)
        if cache is not None:
            cache.put(cand, result)
        if manifest is not None:
            manifest.record(cand, result)
        done += 1
        if progress:
            progress(done, total, cand.rel)

    # ``todo`` holds the places of candidates only (errors were settled above).
    if _parallel([cast(Candidate, found[i]) for i in todo]):
        try:
            _parse_in_workers(found, todo, cache, manifest, results, progress, done, total)
        except InterruptedError:  # the caller's progress callback cancelled the load (an OSError too)
            raise
        except (OSError, ValueError, BrokenProcessPool) as exc:
            # Worker processes can be unavailable (no /dev/shm, a sandbox, a host
            # process without a real stderr): parsing here is only slower.
            log.warning("parallel parsing unavailable (%s); parsing in this process", exc)
        done = sum(1 for r in results if r is not None)
    for i in todo:
        if results[i] is None:
            finish(i, read_and_parse(cast(Candidate, found[i])))

    if manifest is not None:
        manifest.keep_only({c.rel for c in found if isinstance(c, Candidate)})
        manifest.save()
    documents: list[Document] = []
    errors: list[LoadError] = []
    for loaded in results:
        if isinstance(loaded, LoadError):
            errors.append(loaded)
        elif loaded:
            documents.extend(loaded)
    return Corpus(root=str(root), documents=documents, errors=errors)
