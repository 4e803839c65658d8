"""Find the documents under a path: recursive, bounded, safe against links and loops.

A corpus is untrusted, and so are its links. The walk

* reads folders in natural order, files of a folder before the folders a link
  leads to (a real folder claims its files first; a link to a folder already
  read adds nothing and is no error);
* reports a link back into a folder it sits in as a symlink loop;
* never follows a link to ``/``, to the home folder, or into ``/proc``,
  ``/sys`` or ``/dev``: each is an error row that says why;
* is bounded: at most ``READER_MAX_FILES`` files, ``READER_MAX_CORPUS_MB`` of
  them, ``READER_MAX_DEPTH`` folder levels (``corpus.paths``); past a limit an
  error row says which one and how to raise it, and the walk stops;
* loops rather than recurses, so a folder 10,000 levels deep is an error row;
* shows every name through ``corpus.sanitize.escape_name``: undecodable bytes
  and control characters become visible ``\\xNN`` escapes in ``rel`` (ids,
  lists and errors), while the real path is kept for reading.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..limits import (
    ENV_MAX_CORPUS_MB,
    ENV_MAX_DEPTH,
    ENV_MAX_FILES,
    max_corpus_bytes,
    max_depth,
    max_file_bytes,
    max_files,
)
from ..model import LoadError
from ..paths import size_text
from ..sanitize import escape_name

#: Text files, web pages, and the formats read by their own readers (PDF, Word, EPUB).
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".epub"}

#: Folders of the running system, never documents: reading them hangs or leaks.
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


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


def _home() -> str | None:
    try:
        home = os.path.expanduser("~")
    except (KeyError, RuntimeError):
        return None
    return os.path.realpath(home) if home and home != "~" else None


def refused(real: str, *, link: bool) -> str | None:
    """Why the folder or file at the real path ``real`` is never read; None when it may be.

    ``link``: reached through a symlink, where the root and the home folder are
    refused too (named directly as the corpus, they are the user's choice).
    """
    for system in SYSTEM_FOLDERS:
        if real == system or real.startswith(system + "/"):
            why = f"{system} is a folder of the running system, not documents"
            return f"not followed: {why}" if link else f"not read: {why}"
    if not link:
        return None
    if real == "/":
        return "not followed: the link leads to the root of the file system (/)"
    if real == _home():
        return "not followed: the link leads to the home folder (link a folder of documents instead)"
    return None


def _check(path: Path | str, rel: str, limit: int, entry: os.DirEntry[str] | None = None) -> Candidate | LoadError:
    try:
        # A directory entry caches its stat result: no second system call.
        st = entry.stat() if entry is not None else os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return LoadError(rel, "broken link: the link points to a file that does not exist")
        return LoadError(rel, "file deleted while the corpus was being read")
    except PermissionError:
        return LoadError(rel, "permission denied")
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return LoadError(rel, "symlink loop")
        return LoadError(rel, f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(st.st_mode):
        # A pipe or device would block or never end when read.
        return LoadError(rel, "not a regular file (a pipe, device or socket)")
    if (why := refused(os.path.realpath(path), link=entry is not None and entry.is_symlink())) is not None:
        return LoadError(rel, why)
    if st.st_size > limit:
        limits = f"{size_text(st.st_size)}, the limit is {size_text(limit)}"
        return LoadError(rel, f"too large: {limits} (set READER_MAX_FILE_MB)")
    return Candidate(Path(path), rel, st.st_size, st.st_mtime_ns)


@dataclass(slots=True)
class _Folder:
    """A folder being read: its remaining entries, where it sits, the real folders above it."""

    entries: Iterator[os.DirEntry[str]]
    prefix: str
    depth: int
    chain: frozenset[str]
    links: list[tuple[os.DirEntry[str], str]]  # folder links, read after the folder's own entries


class _Walk:
    def __init__(self) -> None:
        self.out: list[Candidate | LoadError] = []
        self.file_limit = max_file_bytes()
        self.max_files = max_files()
        self.max_bytes = max_corpus_bytes()
        self.max_depth = max_depth()
        self.max_entries = self.max_files * 10
        self.files = self.bytes = self.entries = 0
        self.visited: set[str] = set()
        self.stopped = False
        self.stop_after: int | None = None  # stop after this many files to read (first_files)

    def stop(self, rel: str, why: str) -> None:
        self.out.append(LoadError(rel, why))
        self.stopped = True

    def open(self, path: str, prefix: str, depth: int, chain: frozenset[str], real: str) -> _Folder | None:
        label = prefix.rstrip("/") or "."
        try:
            entries = sorted(os.scandir(path), key=lambda e: _natural_key(e.name))
        except PermissionError:
            self.out.append(LoadError(label, "permission denied (folder)"))
            return None
        except OSError as exc:
            self.out.append(LoadError(label, f"cannot list folder: {exc.strerror or exc}"))
            return None
        self.visited.add(real)
        return _Folder(iter(entries), prefix, depth, chain | {real}, [])

    def folder(self, parent: _Folder, entry: os.DirEntry[str], rel: str) -> _Folder | None:
        """The folder ``entry`` leads to, if it is read (else an error row or nothing)."""
        real = os.path.realpath(entry.path)
        if real in parent.chain:
            self.out.append(LoadError(rel, "symlink loop: the link leads back to a folder it is inside"))
            return None
        if real in self.visited:
            return None  # the same folder reached again through a link: its files are listed once
        why = refused(real, link=entry.is_symlink())
        if why:
            self.out.append(LoadError(rel, why))
            return None
        if parent.depth + 1 > self.max_depth:
            self.out.append(LoadError(rel, f"folder nested too deeply: more than {self.max_depth} levels "
                                           f"(set {ENV_MAX_DEPTH}); not read"))
            return None
        return self.open(entry.path, rel + "/", parent.depth + 1, parent.chain, real)

    def file(self, entry: os.DirEntry[str], rel: str) -> None:
        found = _check(entry.path, rel, self.file_limit, entry)
        if isinstance(found, Candidate):
            if self.files >= self.max_files:
                return self.stop(rel, f"corpus too large: more than {self.max_files:,} files "
                                      f"(set {ENV_MAX_FILES}); the rest were not read")
            if self.bytes + found.size > self.max_bytes:
                return self.stop(rel, f"corpus too large: more than {size_text(self.max_bytes)} of documents "
                                      f"(set {ENV_MAX_CORPUS_MB}); the rest were not read")
            self.files += 1
            self.bytes += found.size
            self.stopped = self.stop_after is not None and self.files >= self.stop_after
        self.out.append(found)

    def run(self, root: Path) -> list[Candidate | LoadError]:
        real = os.path.realpath(root)
        why = refused(real, link=False)  # named on purpose: only the system's own folders are refused
        if why:
            return [LoadError(".", why)]
        first = self.open(str(root), "", 0, frozenset(), real)
        stack = [first] if first else []
        while stack and not self.stopped:
            top = stack[-1]
            entry = next(top.entries, None)
            if entry is None:
                if top.links:  # the folder's own entries are done: now the folders its links lead to
                    link, rel = top.links.pop(0)
                    sub = self.folder(top, link, rel)
                    if sub:
                        stack.append(sub)
                    continue
                stack.pop()
                continue
            self.entries += 1
            if self.entries > self.max_entries:
                self.stop(top.prefix.rstrip("/") or ".", f"corpus too large: more than {self.max_entries:,} files "
                                                        f"and folders looked at (set {ENV_MAX_FILES}); stopped there")
                break
            if entry.name.startswith("."):
                continue
            rel = top.prefix + escape_name(entry.name)
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError:
                is_dir = False
            if is_dir:
                if entry.is_symlink():
                    top.links.append((entry, rel))
                else:
                    sub = self.folder(top, entry, rel)
                    if sub:
                        stack.append(sub)
            elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                self.file(entry, rel)
            elif entry.is_symlink() and not os.path.exists(entry.path) and _readable_name(entry.name):
                self.out.append(LoadError(rel, "broken link: the link points to a file that does not exist"))
        return self.out


def discover(root: Path) -> list[Candidate | LoadError]:
    """Every supported file under ``root`` (or ``root`` itself), in reading order.

    Hidden files and folders are skipped; see the module docstring for links
    and limits.
    """
    if not root.is_dir():  # a file, a broken link, or a special file named directly
        return [_check(root, escape_name(root.name), max_file_bytes())]
    return _Walk().run(root)


def first_files(root: Path, count: int) -> list[Candidate]:
    """The first ``count`` files :func:`discover` lists under ``root`` (fewer: the walk ended or an
    error row stopped it), from the same walk stopped there: the folders before them, not the
    whole tree."""
    if not root.is_dir():
        found = _check(root, escape_name(root.name), max_file_bytes())
        return [found] if isinstance(found, Candidate) else []
    walk = _Walk()
    walk.stop_after = count
    return [item for item in walk.run(root) if isinstance(item, Candidate)]


def _readable_name(name: str) -> bool:
    """A name a document we read could have: one of our suffixes, or none at all."""
    suffix = os.path.splitext(name)[1]
    return not suffix or suffix.lower() in SUFFIXES
