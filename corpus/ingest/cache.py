"""On-disk cache of parsed documents, keyed by file identity and parser version.

Two layers, both under ``corpus.paths.cache_dir()`` (``READER_CACHE_DIR``):

* ``docs/xx/<sha1 of path>.json`` — one entry per file: its parsed documents
  (text and blocks), valid while path, size, mtime and parser version match.
* ``corpora/<sha1 of root>.json`` — one manifest per corpus root: for every
  file, its identity and the summaries of its documents (no text). A warm
  start reads only this file; text loads per file on first use
  (:mod:`corpus.ingest.lazydoc`).

Safe to delete at any time. A damaged entry or manifest is ignored and
rebuilt; writes go through ``corpus.paths.atomic_write`` (without fsync: a
cache may lose its newest entries in a crash, never get half of one).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..jsontypes import JSON, JSONObject
from ..model import Document, LoadError
from ..paths import atomic_write, cache_dir
from .discover import Candidate
from .version import PARSER_VERSION

if TYPE_CHECKING:
    from .lazydoc import Summary


class DocCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / "docs"

    def _entry(self, cand: Candidate) -> Path:
        key = hashlib.sha1(os.path.abspath(cand.path).encode("utf-8", "surrogateescape")).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, cand: Candidate) -> list[Document] | LoadError | None:
        path = self._entry(cand)
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            if (data["version"], data["size"], data["mtime_ns"], data["rel"]) != (
                PARSER_VERSION,
                cand.size,
                cand.mtime_ns,
                cand.rel,
            ):
                return None
            if "error" in data:
                return LoadError(cand.rel, data["error"])
            return [Document.from_dict(d) for d in data["docs"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged entry: drop it; the caller re-parses and rewrites it.
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def get_path(self, path: Path, rel: str) -> list[Document] | None:
        """The cached documents of ``path`` whatever its current identity (lazy fill)."""
        entry = self._entry(Candidate(path, rel, 0, 0))
        try:
            with open(entry, encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("version") != PARSER_VERSION or "docs" not in data:
                return None
            return [Document.from_dict(d) for d in data["docs"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # damaged: the caller parses the file again

    def put(self, cand: Candidate, result: list[Document] | LoadError) -> None:
        data: dict[str, JSON] = {
            "version": PARSER_VERSION,
            "size": cand.size,
            "mtime_ns": cand.mtime_ns,
            "rel": cand.rel,
        }
        if isinstance(result, LoadError):
            data["error"] = result.error
        else:
            data["docs"] = [d.to_dict() for d in result]
        _write_json(self._entry(cand), data)


def _write_json(path: Path, data: JSON) -> None:
    """Atomic write; failures are ignored because the cache is only an optimisation."""
    # json.dumps uses the C encoder; json.dump to a file would not.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        atomic_write(path, payload, durable=False)
    except OSError:
        # A read-only or full disk must not stop the user from reading; the
        # next run simply parses again.
        return


class Manifest:
    """Per-corpus index: file identity → document summaries (or the error)."""

    def __init__(self, root: Path, base: Path | None = None) -> None:
        key = hashlib.sha1(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
        self.path = (base or cache_dir()) / "corpora" / f"{key}.json"
        self.root = str(root)
        self.files: dict[str, JSONObject] = {}  # rel → {size, mtime_ns, docs: [Summary] or error}
        self.changed = False
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
            if not isinstance(data, dict) or data.get("version") != PARSER_VERSION:
                return
            files = data.get("files")
            if isinstance(files, dict):
                self.files = files
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            # Damaged: start empty; the next save replaces it.
            self.files = {}
            self.changed = True

    def lookup(self, cand: Candidate) -> JSONObject | None:
        rec = self.files.get(cand.rel)
        if not isinstance(rec, dict) or rec.get("size") != cand.size or rec.get("mtime_ns") != cand.mtime_ns:
            return None
        if "error" in rec or isinstance(rec.get("docs"), list):
            return rec
        return None

    def record(self, cand: Candidate, result: list[Document] | LoadError) -> None:
        from .lazydoc import summary_record

        if isinstance(result, LoadError):
            self.record_summaries(cand, result)
        else:
            self.record_summaries(cand, [summary_record(d) for d in result])

    def record_summaries(self, cand: Candidate, result: list[Summary] | LoadError) -> None:
        rec: JSONObject = {"size": cand.size, "mtime_ns": cand.mtime_ns}
        if isinstance(result, LoadError):
            rec["error"] = result.error
        else:
            rec["docs"] = result
        self.files[cand.rel] = rec
        self.changed = True

    def keep_only(self, rels: set[str]) -> None:
        """Forget files that are gone, so the manifest does not grow forever."""
        stale = [r for r in self.files if r not in rels]
        for r in stale:
            del self.files[r]
        self.changed = self.changed or bool(stale)

    def save(self) -> None:
        if self.changed:
            _write_json(self.path, {"version": PARSER_VERSION, "root": self.root, "files": self.files})
            self.changed = False
