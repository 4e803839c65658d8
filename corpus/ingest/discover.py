"""Find the documents under a path: recursive, safe against links and loops."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..model import LoadError
from ..paths import max_file_bytes

#: Text files, web pages, and the formats read by their own readers (PDF, Word, EPUB).
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".epub"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to parse: absolute path, corpus-relative POSIX path and stat data."""

    path: Path
    rel: str
    size: int
    mtime_ns: int


def _natural_key(name: str) -> list[object]:
    # "2.txt" before "10.txt", as a person would order them.
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _mb(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _check(path: Path | str, rel: str, limit: int, entry: os.DirEntry[str] | None = None) -> Candidate | LoadError:
    try:
        # A directory entry caches its stat result: no second system call.
        st = entry.stat() if entry is not None else os.stat(path)
    except FileNotFoundError:
        return LoadError(rel, "broken link: the link points to a file that does not exist")
    except PermissionError:
        return LoadError(rel, "permission denied")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return LoadError(rel, "symlink loop")
        return LoadError(rel, f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        # A pipe or device would block or never end when read.
        return LoadError(rel, "not a regular file (a pipe, device or socket)")
    if st.st_size > limit:
        return LoadError(rel, f"too large: {_mb(st.st_size)}, the limit is {_mb(limit)} (set READER_MAX_FILE_MB)")
    return Candidate(Path(path), rel, st.st_size, st.st_mtime_ns)


def discover(root: Path) -> list[Candidate | LoadError]:
    """Every supported file under ``root`` (or ``root`` itself), in reading order.

    Hidden files and folders are skipped; folder links are followed once, so a
    link cycle cannot loop forever.
    """
    limit = max_file_bytes()
    if not root.is_dir():  # a file, a broken link, or a special file named directly
        return [_check(root, root.name, limit)]
    out: list[Candidate | LoadError] = []
    seen: set[str] = set()

    def walk(folder: Path, prefix: str) -> None:
        try:
            real = os.path.realpath(folder)
        except OSError:
            real = str(folder)
        if real in seen:
            out.append(LoadError(prefix.rstrip("/") or ".", "symlink loop: folder already visited"))
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: _natural_key(e.name))
        except PermissionError:
            out.append(LoadError(prefix.rstrip("/") or ".", "permission denied (folder)"))
            return
        except OSError as exc:
            out.append(LoadError(prefix.rstrip("/") or ".", f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError:
                is_dir = False
            if is_dir:
                walk(Path(entry.path), rel + "/")
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                out.append(_check(entry.path, rel, limit, entry))
            elif entry.is_symlink() and not os.path.exists(entry.path) and _readable_name(entry.name):
                out.append(LoadError(rel, "broken link: the link points to a file that does not exist"))

    walk(root, "")
    return out


def _readable_name(name: str) -> bool:
    """A name a document we read could have: one of our suffixes, or none at all."""
    suffix = os.path.splitext(name)[1]
    return not suffix or suffix.lower() in SUFFIXES
