"""Where the reader left off: last document, per-document positions, marks, recents.

One JSON file (``corpus.paths.state_path()``: ``READER_STATE`` or the user state dir
``state.json``), keyed by corpus root then document id, so two corpora never
mix. Positions are character offsets into ``Document.text`` — they survive
resizes and theme changes. Writes are atomic and locked; a damaged file is
set aside (``state.json.bad``) and the reader starts fresh rather than failing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from corpus.jsontypes import JSONObject
from corpus.paths import atomic_write, state_path

VERSION = 1
MAX_RECENT = 20


class State:
    """Reading state of every corpus; :meth:`save` persists it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_path()
        self.data: JSONObject = {"version": VERSION, "corpora": {}}
        self.warning: str | None = None
        self.dirty = False

    @classmethod
    def load(cls, path: Path | None = None) -> State:
        state = cls(path)
        try:
            raw = state.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return state
        except OSError as exc:
            state.warning = f"reading state {state.path}: {exc.strerror or exc}; starting fresh"
            return state
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("corpora"), dict):
                raise ValueError("not a reader state file")
        except ValueError as exc:
            backup = state.path.with_name(state.path.name + ".bad")
            try:
                os.replace(state.path, backup)
                where = f"; the old file is kept as {backup}"
            except OSError:
                where = ""
            state.warning = f"reading state {state.path} was damaged ({exc}){where}"
            return state
        state.data = data
        return state

    # -- per corpus ------------------------------------------------------

    def corpus(self, root: str) -> JSONObject:
        entry: JSONObject = self.data["corpora"].setdefault(root, {})
        entry.setdefault("last", None)
        entry.setdefault("docs", {})
        entry.setdefault("recent", [])
        return entry

    def last_document(self, root: str) -> str | None:
        last = self.corpus(root)["last"]
        return last if isinstance(last, str) else None  # a hand-edited file may hold anything

    def position(self, root: str, doc_id: str) -> int:
        doc = self.corpus(root)["docs"].get(doc_id) or {}
        pos = doc.get("pos", 0)
        return pos if isinstance(pos, int) and pos >= 0 else 0

    def set_position(self, root: str, doc_id: str, offset: int) -> None:
        doc = self.corpus(root)["docs"].setdefault(doc_id, {})
        if doc.get("pos") != offset:
            doc["pos"] = int(offset)
            self.dirty = True

    def opened(self, root: str, doc_id: str, file: str | None = None) -> None:
        """Remember ``doc_id`` (from ``file``) as the last document and the most recent one."""
        entry = self.corpus(root)
        entry["last"] = doc_id
        recent = [d for d in entry["recent"] if d != doc_id]
        entry["recent"] = [doc_id, *recent][:MAX_RECENT]
        doc = entry["docs"].setdefault(doc_id, {})
        doc["seen"] = int(time.time())
        if file is not None:
            doc["file"] = file
        self.dirty = True

    def last_file(self, root: str) -> tuple[str, str] | None:
        """``(doc id, relative file)`` of the last document, to show it before indexing."""
        last = self.last_document(root)
        file = (self.corpus(root)["docs"].get(last) or {}).get("file") if last else None
        return (last, file) if isinstance(last, str) and isinstance(file, str) else None

    def recent(self, root: str) -> list[str]:
        return list(self.corpus(root)["recent"])

    def marks(self, root: str, doc_id: str) -> dict[str, int]:
        doc = self.corpus(root)["docs"].get(doc_id) or {}
        return dict(doc.get("marks") or {})

    def set_marks(self, root: str, doc_id: str, marks: dict[str, int]) -> None:
        doc = self.corpus(root)["docs"].setdefault(doc_id, {})
        if doc.get("marks") != marks:
            doc["marks"] = dict(marks)
            self.dirty = True

    # -- persistence -----------------------------------------------------

    def save(self) -> None:
        """Write if anything changed (merging other windows' corpora first)."""
        if not self.dirty:
            return
        from filelock import FileLock

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock", timeout=10):
            # Another reader window may have written other corpora meanwhile; keep them.
            try:
                on_disk = json.loads(self.path.read_text(encoding="utf-8"))
                others = on_disk.get("corpora", {}) if isinstance(on_disk, dict) else {}
            except (OSError, ValueError):
                others = {}
            merged = {**others, **self.data["corpora"]} if isinstance(others, dict) else self.data["corpora"]
            self.data = {"version": VERSION, "corpora": merged}
            atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1))
        self.dirty = False
