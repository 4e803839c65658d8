"""One JSON document of user data, kept with the guarantees of the notes database.

Used by the glossary (here) and the vocabulary list (``annotations.vocab``):

* reads are cached until the file changes (inode, size, mtime);
* every change holds a cross-process lock (``<file>.lock``, filelock), re-reads
  the file, applies the edit and writes with ``corpus.paths.atomic_write``
  (temp file, fsync, rename; devices, folders and read-only files refused);
* a file that cannot be read is never overwritten: a copy is kept
  (``<file>.corrupt-<time>``) and :class:`DocumentUnreadable` says what is
  wrong and where the copy is; every change refuses until the user fixes or
  moves the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Generic, TypeVar

from ..jsontypes import JSON
from ..paths import FileTooLarge, atomic_write, keep_copy, read_limited

T = TypeVar("T")
R = TypeVar("R")

#: Larger files are refused (they are not ours).
MAX_FILE_BYTES = 50 * 1024 * 1024


class DocumentUnreadable(Exception):
    """The file exists but cannot be read; it is kept, never overwritten."""

    def __init__(self, path: Path, reason: str, copy: Path | None) -> None:
        kept = f"; a copy is kept at {copy}" if copy else ""
        super().__init__(f"{path}: {reason}{kept}; fix or move the file to make changes")
        self.path = path
        self.reason = reason
        self.copy = copy


class DocumentLocked(Exception):
    """Another process held the lock for too long."""


class BadDocument(Exception):
    """Raised by a ``parse`` function: the reason the bytes are not a valid document."""


def read_entries(raw: bytes, fmt: str, version: int, max_entries: int, kind: str) -> list[object]:
    """The raw entries of a ``{"format": fmt, "version": n, "entries": [...]}`` document
    (an empty file has none), or :class:`BadDocument` saying what is wrong; ``kind``
    names the document in messages ("glossary"). Each entry is the caller's to check."""
    if not raw.strip():
        return []
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BadDocument(f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BadDocument(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise BadDocument("JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != fmt or not isinstance(data.get("entries"), list):
        raise BadDocument(f"not a reader {kind} (expected an object with \"format\": \"{fmt}\" and \"entries\")")
    if not isinstance(data.get("version"), int) or data["version"] > version:
        raise BadDocument(f"{kind} version {data.get('version')!r} is newer than this reader understands ({version})")
    entries: list[object] = data["entries"]
    if len(entries) > max_entries:
        raise BadDocument(f"{len(entries)} entries, the limit is {max_entries}")
    return entries


def dump_entries(fmt: str, version: int, records: Iterable[Mapping[str, JSON]]) -> str:
    """The document :func:`read_entries` reads: one entry per line (diffs stay readable)."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    body = ",\n  ".join(lines)
    return (f'{{"format": "{fmt}", "version": {version}, "entries": [\n  {body}\n]}}\n' if lines
            else f'{{"format": "{fmt}", "version": {version}, "entries": []}}\n')


class JsonDocument(Generic[T]):
    """A file holding one value of type ``T``, read by ``parse`` and written by ``dump``."""

    def __init__(self, path: Path, parse: Callable[[bytes], T], dump: Callable[[T], str],
                 empty: Callable[[], T], *, lock_timeout: float = 15.0) -> None:
        self.path = path
        self._parse = parse
        self._dump = dump
        self._empty = empty
        self.lock_timeout = lock_timeout
        self._cache: tuple[tuple[int, int, int] | None, T] | None = None

    def stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def read(self) -> T:
        """The value now (``empty()`` when there is no file); raises :class:`DocumentUnreadable`."""
        stamp = self.stamp()
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        if stamp is None:
            value = self._empty()
        else:
            try:
                # A regular file of bounded size only: a FIFO or /dev/zero would never end.
                value = self._parse(read_limited(self.path, MAX_FILE_BYTES))
            except FileTooLarge:
                raise DocumentUnreadable(self.path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                                         self._keep()) from None
            except BadDocument as exc:
                raise DocumentUnreadable(self.path, str(exc), self._keep()) from None
            except OSError as exc:
                raise DocumentUnreadable(self.path, exc.strerror or str(exc), None) from None
        self._cache = (stamp, value)
        return value

    def _keep(self) -> Path | None:
        try:
            return keep_copy(self.path)
        except OSError:
            return None  # then the message names no copy

    def change(self, edit: Callable[[T], tuple[R, T | None]]) -> R:
        """Under the lock: read, ``edit(value) -> (result, new value or None)``, write."""
        from filelock import FileLock, Timeout

        real = Path(os.path.realpath(self.path))
        real.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(f"{real}.lock", timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise DocumentLocked(
                f"{self.path} is locked by another process (gave up after {self.lock_timeout:g} s)") from None
        try:
            self._cache = None
            result, new = edit(self.read())  # DocumentUnreadable here: nothing is written
            if new is not None:
                atomic_write(self.path, self._dump(new))
                self._cache = None
            return result
        finally:
            lock.release()
