"""Notes made safe and short for the terminal: excerpts by cell width, local times, tags.

Quotes, notes and tags are untrusted: every helper that returns text for a
widget drops terminal control characters first.  No textual import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rich.cells import cell_len

from annotations.colors import COLOR_TABLE
from corpus.sanitize import printable


def swatch_style(color: int) -> str:
    """A note colour's terminal style (the one colour table, ``annotations.colors.COLOR_TABLE``)."""
    found = COLOR_TABLE.get(color)
    return found.terminal if found is not None else "white"

def format_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)


def local_time(stamp: str, with_time: bool = True) -> str:
    """A stored UTC ISO stamp as the user's local ``YYYY-MM-DD HH:MM`` (as stored if unparsable)."""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp[:16 if with_time else 10]
    return when.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def clean(text: str) -> str:
    """``text`` without escape sequences and control characters (newlines and tabs kept)."""
    return printable(text)


def _flat(text: str) -> str:
    """One line, escape sequences and control characters removed (notes and documents are untrusted)."""
    return " ".join(printable(text).split())


def excerpt(text: str, limit: int = 40) -> str:
    """One line of at most ``limit`` characters (newlines folded, ellipsis when cut)."""
    flat = _flat(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def excerpt_cells(text: str, cells: int) -> str:
    """One line at most ``cells`` terminal cells wide (CJK characters take two)."""
    flat = _flat(text)
    if cell_len(flat) <= cells:
        return flat
    out, used = [], 0
    for ch in flat:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
