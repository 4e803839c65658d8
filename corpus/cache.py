"""On-disk cache of parsed documents, keyed by file identity and parser version.

Safe to delete at any time. A damaged entry is ignored and rebuilt; writes go
through a temp file and ``os.replace`` so a crash never leaves half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .discover import Candidate
from .model import Document, LoadError
from .parse import PARSER_VERSION
from .paths import cache_dir


class DocCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / "docs"

    def _entry(self, cand: Candidate) -> Path:
        key = hashlib.sha1(str(cand.path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
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
            try:
                path.unlink()
            except OSError:
                pass
            return None

    def put(self, cand: Candidate, result: list[Document] | LoadError) -> None:
        data: dict[str, Any] = {
            "version": PARSER_VERSION,
            "size": cand.size,
            "mtime_ns": cand.mtime_ns,
            "rel": cand.rel,
        }
        if isinstance(result, LoadError):
            data["error"] = result.error
        else:
            data["docs"] = [d.to_dict() for d in result]
        path = self._entry(cand)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            # The cache is an optimisation: a read-only or full disk must not
            # stop the user from reading. The next run simply parses again.
            return
