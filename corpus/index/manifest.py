"""The index's own record: which version of which file it holds, and its files' sizes.

``manifest.json`` beside the tantivy files, written (atomically) only after a
commit, so it never claims more than the index holds: after a crash between
the two, the next update simply indexes those files again. It also lists the
engine's files with their sizes, so a truncated, missing or replaced file is
noticed before the index is trusted.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..jsontypes import JSONObject
from ..paths import atomic_write

#: rel → (size, mtime_ns, ((doc id, chars), …)): the version of the file indexed.
FileRecord = tuple[int, int, tuple[tuple[str, int], ...]]


@dataclass(slots=True)
class Manifest:
    format: int
    parser: str
    root: str
    files: dict[str, FileRecord] = field(default_factory=dict)
    engine_files: dict[str, int] = field(default_factory=dict)
    damaged: str = ""  # set when a search found the index damaged: the next update rebuilds

    @property
    def documents(self) -> int:
        return sum(len(rec[2]) for rec in self.files.values())

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": self.format,
                "parser": self.parser,
                "root": self.root,
                "files": {rel: [s, m, [list(d) for d in docs]] for rel, (s, m, docs) in self.files.items()},
                "engine_files": self.engine_files,
                "damaged": self.damaged,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def save(self, path: Path) -> None:
        # A cache: no fsync (a lost manifest costs one rebuild, never wrong answers).
        atomic_write(path, self.to_json(), durable=False)


def load_manifest(path: Path) -> Manifest | None:
    """The manifest at ``path``, or None when it is missing or damaged."""
    try:
        with open(path, encoding="utf-8") as fh:
            data: JSONObject = json.load(fh)  # as read: a wrong shape raises below, and is caught
        files: dict[str, FileRecord] = {}
        for rel, rec in data["files"].items():
            size, mtime, docs = rec
            files[str(rel)] = (int(size), int(mtime), tuple((str(i), int(c)) for i, c in docs))
        engine_files = {str(k): int(v) for k, v in data.get("engine_files", {}).items()}
        return Manifest(int(data["format"]), str(data["parser"]), str(data["root"]), files, engine_files,
                        str(data.get("damaged") or ""))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def engine_files(folder: Path) -> dict[str, int]:
    """The engine's files and their sizes (lock files excluded: they come and go)."""
    out: dict[str, int] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith(".lock"):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                out[entry.name] = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return out


def check_engine_files(folder: Path, expected: dict[str, int]) -> str:
    """Why the engine's files do not match ``expected`` ('' when they do)."""
    actual = engine_files(folder)
    for name, size in expected.items():
        if name not in actual:
            return f"index file {name} is missing"
        if actual[name] != size:
            return f"index file {name} changed size ({size} → {actual[name]} bytes)"
    return ""
