"""Opening a notes database file: schema checks, salvage, migration and the copies kept first.

What happens before the store reads or writes a note. A file that cannot be
read is never written: opened for writing, it raises :class:`CorruptDatabase`
after a timestamped copy is kept next to it; opened read-only, whatever can be
salvaged is shown from a frozen in-memory copy. An older schema is migrated
(the original kept as a copy); a newer one is never touched.
"""

from __future__ import annotations

from pathlib import Path

from .doctor import salvage_bytes
from .errors import CorruptDatabase
from .jsonfile import UnreadableFile, backup_file
from .migrate import SCHEMA, SchemaTooNew, empty_tables, migrate, schema_of
from .storage import AtomicJSONStorage, MemoryTxStorage

OpenStorage = AtomicJSONStorage | MemoryTxStorage


def corrupt(path: Path, reason: str, *, keep_copy: bool) -> CorruptDatabase:
    """The error for the unreadable file at ``path``, after keeping a copy of it (``keep_copy``)."""
    kept = None
    if keep_copy:
        try:
            kept = backup_file(path) if path.exists() else None
        except OSError as exc:  # e.g. no permission to read it either: say so
            reason = f"{reason} (and no backup could be made: {exc.strerror or exc})"
    return CorruptDatabase(path, kept, reason)


def open_file(storage: AtomicJSONStorage, *, read_only: bool) -> tuple[OpenStorage, list[str]]:
    """The storage to read ``storage``'s file through, and the problems met opening it."""
    path = storage.path
    try:
        storage.refresh()
        version = schema_of(storage.read())
        if version > SCHEMA:
            raise SchemaTooNew(version)
    except (UnreadableFile, ValueError) as exc:
        reason = exc.reason if isinstance(exc, UnreadableFile) else str(exc)
        if not read_only:
            raise corrupt(path, reason, keep_copy=True) from None
        return salvaged(path, reason)
    except SchemaTooNew as exc:
        if not read_only:
            raise CorruptDatabase(path, None, str(exc)) from None
        return salvaged(path, str(exc))
    if version < SCHEMA and storage.read():
        if read_only:
            return salvaged(path, None)
        return storage, migrate_file(storage)
    return storage, []


def salvaged(path: Path, reason: str | None) -> tuple[MemoryTxStorage, list[str]]:
    """A read-only view of whatever can be read of ``path`` (a frozen in-memory copy)."""
    problems: list[str] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raw = b""
        problems.append(f"cannot read {path}: {exc.strerror or exc}")
    tables, found = salvage_bytes(raw)
    if reason and not any(reason in p for p in found):
        problems.append(reason)
    problems.extend(found)
    frozen = MemoryTxStorage()
    frozen.write(tables)
    frozen.read_only = True
    return frozen, problems


def migrate_file(storage: AtomicJSONStorage) -> list[str]:
    """Bring the file to the current schema (a copy of the original kept); the problems met."""
    with storage.transaction():
        tables = storage.read()
        old = schema_of(tables)
        if old >= SCHEMA:
            return []  # another process migrated it while we waited for the lock
        new, old, found = migrate(tables)
        backup_file(storage.path, f"schema{old}")  # the original, untouched
        storage.write(new)
    return found


def reset_after_backup(path: Path) -> Path | None:
    """Keep a copy of the (unreadable) file at ``path``, then make it an empty database.

    Returns the copy (None when there was no file).
    """
    backup = backup_file(path) if path.exists() else None
    storage = AtomicJSONStorage(path)
    with storage.lock:
        storage.write_file(storage.serialize(empty_tables()))
    return backup
