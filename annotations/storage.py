"""TinyDB storages that never lose a note: atomic, locked, cached.

TinyDB's own ``JSONStorage`` rewrites its file in place (a crash mid-write
leaves half a file), has no lock (two instances overwrite each other) and
re-reads and re-serialises everything on every call.  ``AtomicJSONStorage``
keeps TinyDB's data model and file format (one JSON object of tables) and adds:

* **atomic writes** — ``corpus.paths.atomic_write``: a temp file in the same
  folder, ``fsync``, ``os.replace``, then ``fsync`` of the folder, so the file on
  disk is always a whole version;
* **a cross-process lock** (``<db>.lock``, filelock) held by ``transaction()``
  around every read-modify-write, which reloads first if another process
  changed the file;
* **an in-memory copy** reused until the file's signature (inode, size,
  mtime_ns) changes.  Every write makes the mtime strictly larger than the
  previous version's, so two versions can never share a signature even on
  filesystems with coarse timestamps;
* **incremental serialisation** — one document per line, each line cached
  and reused while its document object is unchanged, so adding one note to
  10,000 serialises one note.  This relies on documents never being mutated
  in place, which holds for ``annotations.store`` (it always stores new dict
  objects); TinyDB's own ``Table.update`` mutates in place and must not be
  used on this storage.

``MemoryTxStorage`` offers the same ``transaction``/``refresh`` interface for
in-memory stores (tests, scratch use). ``KeyedTable`` is the TinyDB table the
store uses on both: keyed by annotation id, never mutating a document.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from tinydb.storages import Storage
from tinydb.table import Table

from corpus.jsontypes import JSONObject
from corpus.paths import atomic_write

from .errors import LockedError, ReadOnlyError
from .jsonfile import Signature, Tables, UnreadableFile, parse_tables
from .lines import LineCache


class _TxMixin:
    """Batching and rollback shared by the file and memory storages.

    Inside ``transaction()`` TinyDB's writes only update memory; the last one is
    flushed once when the outermost transaction ends.  If anything fails the
    in-memory tables go back to the state at the start (TinyDB replaces table
    dicts wholesale, so a shallow copy of the top level is a full snapshot).
    """

    _data: Tables | None
    generation: int

    def _tx_init(self) -> None:
        self._depth = 0
        self._pending = False
        self._snapshot: Tables | None = None

    def _begin(self) -> None:
        self.refresh()
        self._snapshot = dict(self._data or {})
        self._pending = False

    def _rollback(self) -> None:
        self._data = self._snapshot
        self._pending = False
        self._forget_pieces()

    def _forget_pieces(self) -> None:
        pass

    def _flush(self) -> None:
        raise NotImplementedError

    def refresh(self) -> bool:
        raise NotImplementedError

    @contextmanager
    def _tx(self) -> Iterator[None]:
        outer = self._depth == 0
        if outer:
            self._begin()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if outer:
                self._rollback()
            raise
        self._depth -= 1
        if outer and self._pending:
            try:
                self._flush()
            except BaseException:
                self._rollback()
                raise
            self._pending = False

    def write(self, data: Tables) -> None:
        self._data = data
        if self._depth:
            self._pending = True
        else:
            with self.transaction():
                self._data = data
                self._pending = True

    def transaction(self) -> AbstractContextManager[None]:  # pragma: no cover - overridden
        raise NotImplementedError


class AtomicJSONStorage(_TxMixin, Storage):
    """A TinyDB storage: one UTF-8 JSON file, atomic, locked and cached."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False, lock_timeout: float = 15.0) -> None:
        self.path = Path(path)
        # Writes go to the file a symlink points at (notes kept in a synced folder):
        # replacing the link itself would silently cut it.  The lock follows too,
        # so two links to one file share one lock.
        self.real_path = Path(os.path.realpath(self.path))
        self.read_only = read_only
        self.lock = FileLock(f"{self.real_path}.lock", timeout=lock_timeout)
        self.generation = 0  # bumped whenever the in-memory copy is replaced from disk
        self._data: Tables | None = None
        self._sig: Signature | None = None
        self.lines = LineCache()
        self._swept = False
        self._tx_init()

    # -- TinyDB's Storage interface -------------------------------------------------
    def read(self) -> Tables:
        if self._data is None:
            self.refresh()
        assert self._data is not None
        return self._data

    def close(self) -> None:
        self._data = None
        self.lines.forget()

    # -- freshness --------------------------------------------------------------------
    def refresh(self) -> bool:
        """Reload if the file changed on disk; True when the in-memory copy was replaced.

        Lock-free: writers replace the file atomically, so whatever we open is a
        whole version, and the signature comes from the same open file.
        """
        try:
            f = open(self.path, "rb")  # noqa: SIM115 - closed below; opening and reading fail differently
        except FileNotFoundError:
            if self._data is not None and self._sig is None:
                return False
            self._replace_data({}, None)
            return True
        except OSError as exc:
            raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        with f:
            sig = Signature.of(os.fstat(f.fileno()))
            if self._data is not None and sig == self._sig:
                return False
            try:
                raw = f.read()
            except OSError as exc:
                raise UnreadableFile(self.path, exc.strerror or str(exc)) from None
        data = parse_tables(raw, self.path)
        self._replace_data(data, sig)
        if not self.read_only:
            # Seeding the line cache waits for the first write (many sessions only read).
            # TinyDB replaces table dicts rather than mutating them, so a shallow copy
            # keeps the tables exactly as loaded.
            self.lines.seed(raw, dict(data))
        return True

    def _replace_data(self, data: Tables, sig: Signature | None) -> None:
        self._data = data
        self._sig = sig
        self.lines.reset()
        self.generation += 1

    def _forget_pieces(self) -> None:
        # After a rollback the cached lines may describe documents we never wrote.
        self.lines.forget()

    # -- writing ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, reload if another process wrote, run the block, write once, unlock."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only")
        self.real_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.lock.acquire()
        except Timeout:
            waited = f"gave up after {self.lock.timeout:g} s"
            raise LockedError(f"{self.path} is locked by another process ({waited})") from None
        try:
            if self._depth == 0 and not self._swept:
                self.sweep_temp_files()
                self._swept = True
            with self._tx():
                yield
        finally:
            self.lock.release()

    def sweep_temp_files(self) -> list[Path]:
        """Remove temp files left by writers that died; call only under the lock."""
        removed = []
        for tmp in self.real_path.parent.glob(f".{self.real_path.name}.*.tmp"):
            try:
                tmp.unlink()
                removed.append(tmp)
            except FileNotFoundError:
                continue
        return removed

    def serialize_parts(self, data: Tables) -> list[bytes]:
        """The file as a list of buffers, one document per line (see :class:`LineCache`)."""
        return self.lines.serialize(data)

    def serialize(self, data: Tables) -> bytes:
        """The whole file as bytes."""
        return b"".join(self.lines.serialize(data))

    def _flush(self) -> None:
        assert self._data is not None
        self._sig = self.write_file(self.serialize_parts(self._data))

    def write_file(self, payload: bytes | list[bytes]) -> Signature:
        """Atomically replace the file with ``payload``; call only under the lock.

        A new database is private (0600); every version gets an mtime later than
        the previous one's, so two versions never share a signature.
        """
        written: list[os.stat_result] = []

        def new_signature(fd: int) -> None:
            st = os.fstat(fd)
            if self._sig is not None and st.st_mtime_ns <= self._sig.mtime_ns:
                # Coarse clocks: force a new signature for every version.
                os.utime(fd, ns=(st.st_atime_ns, self._sig.mtime_ns + 1))
                st = os.fstat(fd)
            written.append(st)

        atomic_write(self.real_path, [payload] if isinstance(payload, bytes) else payload,
                     new_mode=0o600, before_replace=new_signature)
        return Signature.of(written[0])


class MemoryTxStorage(_TxMixin, Storage):
    """In-memory storage with the same transaction interface (no file, no lock)."""

    def __init__(self) -> None:
        self.path = None
        self.read_only = False
        self.generation = 1
        self._data: Tables | None = {}
        self._tx_init()

    def read(self) -> Tables:
        assert self._data is not None
        return self._data

    def refresh(self) -> bool:
        return False

    def _flush(self) -> None:
        pass  # memory is the storage

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._tx():
            yield

    def close(self) -> None:
        pass


class KeyedTable(Table):
    """Documents keyed by a string (the annotation's uuid): no counter to go stale across processes.

    TinyDB types document ids as ints; this table's are strings, so the store
    reads and writes it only through the methods below.
    """

    document_id_class = str  # type: ignore[assignment]  # TinyDB supports any id class; its hints say int

    def __init__(self, storage: Storage, name: str) -> None:
        # No query cache: the store keeps its own index, refreshed when the file changes.
        super().__init__(storage, name, cache_size=0)

    def put(self, docs: dict[str, JSONObject]) -> None:
        """Insert or replace documents in one table update (one write), keeping order.

        Always stores new dict objects, never mutates in place (the line cache,
        ``annotations.lines``, depends on that).
        """

        def updater(table: dict[str, JSONObject]) -> None:
            for key, doc in docs.items():
                table[key] = dict(doc)

        self._update_table(updater)  # type: ignore[arg-type]  # str keys, as above

    def drop(self, keys: Iterable[str]) -> bool:
        """Remove the documents with these keys; whether any was there."""
        return bool(self.remove(doc_ids=list(keys)))  # type: ignore[arg-type]  # str keys, as above

    def records(self) -> Iterator[tuple[str, JSONObject]]:
        """``(key, document)`` of every document, in file order."""
        for doc in self:
            yield str(doc.doc_id), doc
