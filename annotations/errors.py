"""What can go wrong with the notes database, as exceptions a caller can name.

Every one has a message a person can act on; ``reader.cli.common.open_store``
turns each into one line, the app into a notification or a recovery screen.
"""

from __future__ import annotations

from pathlib import Path


class CorruptDatabase(Exception):
    """The database file cannot be read; it was left untouched and copied to ``backup``."""

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        kept = f"; a copy was kept at {backup}" if backup else ""
        super().__init__(f"cannot read annotations database {path}: {reason}{kept}")
        self.path = path
        self.backup = backup
        self.reason = reason


class ReadOnlyError(Exception):
    """A write was attempted on a store opened read-only."""


class NotADatabaseFile(Exception):
    """The database path is a folder, a FIFO or a device: nothing to read or repair there."""

    def __init__(self, path: Path) -> None:
        kind = "a folder" if path.is_dir() else "not a regular file"
        super().__init__(f"the annotations database {path} is {kind}, not a notes file; "
                         "name a file with --db or READER_DB")
        self.path = path


class LockedError(Exception):
    """Another process held the database lock for too long."""


class NotFound(LookupError):
    """No annotation has that id (or it was deleted by another process meanwhile)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class AmbiguousId(LookupError):
    """An id prefix that fits several annotations."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "ambiguous id"
