"""Small shared types of the analysis room: progress, cancellation, tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

#: ``progress(done, total)`` — units are the caller's (documents or characters).
Progress = Callable[[int, int], None]

#: Returns True when the caller wants the work to stop (Esc in the app).
CancelCheck = Callable[[], bool]

#: One row of a table: strings and numbers only.
Cell = str | int | float
Row = Sequence[Cell]


class Cancelled(Exception):
    """The caller cancelled the work; nothing partial is returned."""


def check(cancel: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` when ``cancel()`` says so."""
    if cancel is not None and cancel():
        raise Cancelled()


class Tabular(Protocol):
    """A result that can be shown as a table and exported (CSV)."""

    def columns(self) -> list[str]: ...

    def rows(self) -> list[Row]: ...
