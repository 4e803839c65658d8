"""Whole-corpus packs: what the analysis needs of a corpus, in one cache file each.

Reading the token or entity cache of every document costs a file per document
(seconds for tens of thousands). What a question about the whole corpus needs —
every document's token boundaries, its word frequencies, its entity mentions —
is kept in one file per corpus state: ``<cache>/analysis/<name>-<key>.<ext>``,
where the name says which corpus (a hash of its root) and the key hashes every
document's id and text fingerprint with the segmenter's words and
:data:`PACK_VERSION`. A changed document, dictionary or version is a new key
(the older pack of that corpus is removed when the new one is written); a
damaged pack is ignored and rebuilt. Packs read or built are also kept in
memory (the last few), so the app asks the disk once.

Binary packs are ``magic, 4-byte header length, JSON header, payload``.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable
from pathlib import Path

from ..jsontypes import JSON
from ..model import Corpus, Document
from ..paths import atomic_write, cache_dir
from ..text import tokens as tok

PACK_VERSION = 1
_MEMORY: dict[tuple[str, str], object] = {}  # packs of several kinds: callers check which
_MEMORY_SIZE = 6


def corpus_key(docs: Iterable[Document], extra: str = "") -> str:
    """Identifies the documents' texts and the segmentation (part of every pack name)."""
    h = hashlib.sha1(f"{PACK_VERSION}\0{tok.segmenter_key()}\0{extra}".encode())
    for d in docs:
        h.update(f"\0{d.id}\0{d.fingerprint}".encode())
    return h.hexdigest()[:20]


def pack_name(kind: str, corpus: Corpus) -> str:
    """``kind`` for this corpus (its root): packs of other corpora are left alone."""
    return f"{kind}-{hashlib.sha1(corpus.root.encode()).hexdigest()[:8]}"


def _path(name: str, key: str, ext: str) -> Path:
    return cache_dir() / "analysis" / f"{name}-{key}.{ext}"


def recall(name: str, key: str) -> object | None:
    """A pack kept in memory, or None (the caller checks its kind)."""
    return _MEMORY.get((name, key))


def remember(name: str, key: str, value: object) -> None:
    _MEMORY.pop((name, key), None)
    _MEMORY[(name, key)] = value
    while len(_MEMORY) > _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))


def forget() -> None:
    """Drop the packs kept in memory (the files stay)."""
    _MEMORY.clear()


def read_json(name: str, key: str) -> object | None:
    """The pack's JSON as read (unchecked: the caller validates it), or None."""
    try:
        data: object = json.loads(_path(name, key, "json").read_bytes())
    except (OSError, ValueError):
        return None
    return data


def write_json(name: str, key: str, data: JSON) -> None:
    _write(name, key, "json", json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def read_binary(name: str, key: str, magic: bytes) -> tuple[object, memoryview] | None:
    """(header, payload) of a binary pack, or None (missing, damaged, other format);
    the header is JSON as read, for the caller to validate."""
    try:
        data = _path(name, key, "bin").read_bytes()
        if not data.startswith(magic):
            return None
        (hlen,) = struct.unpack_from("<I", data, len(magic))
        start = len(magic) + 4
        header: object = json.loads(data[start : start + hlen].decode("utf-8"))
    except (OSError, ValueError, struct.error, UnicodeDecodeError):
        return None
    return header, memoryview(data)[start + hlen :]


def write_binary(name: str, key: str, magic: bytes, header: JSON, payload: Iterable[bytes]) -> None:
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    _write(name, key, "bin", b"".join([magic, struct.pack("<I", len(head)), head, *payload]))


def _write(name: str, key: str, ext: str, data: bytes) -> None:
    """Write the pack and remove this corpus's older ones; a cache that cannot be
    written only costs speed."""
    target = _path(name, key, ext)
    try:
        atomic_write(target, data, durable=False)
        for old in target.parent.glob(f"{name}-*.{ext}"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
