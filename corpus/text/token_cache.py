"""The token cache: ``<cache>/tokens/…``, one small binary file per document.

Keyed by the document's text fingerprint, its uncounted block ranges, the
segmenter's words and version. Entries are written with
``corpus.paths.atomic_write`` (no fsync: it is a cache); a damaged or
mismatching entry is ignored (and removed) and recomputed. Format: magic line,
4-byte header length, JSON header (length, token count, checksum, word
counts), then the token end offsets as uint32.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import json
import struct
from pathlib import Path

from ..model import Document
from ..paths import atomic_write, cache_dir
from .segment import Entry, segmenter_key, uncounted_ranges

_MAGIC = b"RDRTOK1\n"


class TokenCache:
    """``<cache>/tokens/…``: one binary file per (document text, words, version)."""

    def __init__(self, root: Path | None = None, key: str | None = None) -> None:
        self.root = (root or cache_dir()) / "tokens"
        self.key = key or segmenter_key()
        self._made: set[Path] = set()  # directories known to exist

    def path(self, doc: Document) -> Path:
        # The uncounted blocks are part of the key: re-cleaning can move them
        # without changing the text.
        skip = ",".join(f"{a}-{b}" for a, b in uncounted_ranges(doc))
        h = hashlib.sha1(f"{doc.fingerprint}\0{len(doc.text)}\0{skip}\0{self.key}".encode()).hexdigest()
        return self.root / h[:2] / f"{h}.tok"

    def get(self, doc: Document) -> Entry | None:
        path = self.path(doc)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return None
        entry = self._decode(data, doc)
        if entry is None:
            with contextlib.suppress(OSError):
                path.unlink()
        return entry

    @staticmethod
    def _decode(data: bytes, doc: Document) -> Entry | None:
        try:
            if not data.startswith(_MAGIC):
                return None
            (hlen,) = struct.unpack_from("<I", data, len(_MAGIC))
            hstart = len(_MAGIC) + 4
            header = json.loads(data[hstart : hstart + hlen].decode("utf-8"))
            body = data[hstart + hlen :]
            if hashlib.sha1(body).hexdigest()[:16] != header["sum"] or header["n"] != len(doc.text):
                return None
            ends = array.array("I")
            if ends.itemsize != 4:  # pragma: no cover - exotic platforms
                return None
            ends.frombytes(body)
            if len(ends) != header["count"] or (ends and ends[-1] != len(doc.text)):
                return None
            counts = header["counts"]
            if not isinstance(counts, dict):
                return None
            return Entry(ends, counts)
        except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
            return None

    def put(self, doc: Document, entry: Entry) -> None:
        self.write(self.path(doc), len(doc.text), entry)

    def write(self, path: Path, n_chars: int, entry: Entry) -> None:
        """Store ``entry`` (for a text of ``n_chars``) at ``path`` (from :meth:`path`).

        Worker processes call this for the chunks they segment, so the calling
        process does not spend its time on file creation.
        """
        body = entry.ends.tobytes()
        header = json.dumps(
            {"n": n_chars, "count": len(entry.ends), "sum": hashlib.sha1(body).hexdigest()[:16],
             "counts": entry.counts},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            atomic_write(path, [_MAGIC, struct.pack("<I", len(header)), header, body], durable=False, make_dirs=False)
        except OSError:
            # The cache is an optimisation: a read-only or full disk must not stop reading.
            return
