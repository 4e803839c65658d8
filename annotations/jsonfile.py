"""The database file itself: decoding, encoding and backups.

Helpers for ``annotations.storage``: ``parse_tables`` turns bytes into TinyDB
tables or an ``UnreadableFile`` with a reason a person can act on;
``backup_file`` keeps a timestamped copy next to the file. Writing is
``corpus.paths.atomic_write``'s job.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from corpus.jsontypes import JSON, JSONObject
from corpus.paths import keep_copy

#: The file's tables by name, each a JSON object (key → stored record) as read.
Tables = dict[str, JSONObject]


class UnreadableFile(Exception):
    """The database file exists but is not a TinyDB JSON document."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Signature(NamedTuple):
    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Signature:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def parse_tables(raw: bytes, path: Path) -> Tables:
    """Decode a TinyDB file; raise ``UnreadableFile`` with a reason a person can act on."""
    if not raw.strip():
        return {}  # TinyDB itself treats an empty file as an empty database
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(path, f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(path, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise UnreadableFile(path, "JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise UnreadableFile(path, f"top level is a JSON {type(data).__name__}, not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise UnreadableFile(path, f"table {name!r} is a JSON {type(table).__name__}, not an object")
    return data


def dumps(value: JSON) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (from a "\ud800" escape in a hand-edited file) cannot be
        # UTF-8; keep it as an escape rather than fail every later write.
        return json.dumps(value, ensure_ascii=True).encode("ascii")


def doc_line(key: object, doc: JSON) -> bytes:
    return dumps(str(key)) + b": " + dumps(doc)


def backup_file(path: Path, label: str = "corrupt") -> Path:
    """Copy ``path`` aside (``corpus.paths.keep_copy``: an identical earlier copy is reused)."""
    return keep_copy(path, label)
