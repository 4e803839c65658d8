"""Incremental serialisation of the notes database: one document per line, lines reused.

Adding one note to 10,000 serialises one note: each document's line is cached
by the identity of its document object, and the lines of a freshly loaded file
are reused as they are when the file is in our layout. This relies on
documents never being mutated in place, which holds for ``annotations.store``
(it always stores new dict objects); TinyDB's own ``Table.update`` mutates in
place and must not be used on this storage.
"""

from __future__ import annotations

from typing import cast

from corpus.jsontypes import JSONObject

from .jsonfile import Tables, doc_line, dumps

#: Tables written first, so a person opening the file sees the schema at once.
FIRST_TABLES = ("_meta",)


class LineCache:
    """The lines of the last file written or loaded, by table and document identity."""

    def __init__(self) -> None:
        self._pieces: dict[str, tuple[list[JSONObject], dict[int, bytes]]] = {}  # (records kept alive, id → line)
        self._seed: tuple[bytes, Tables] | None = None  # (file bytes, tables as loaded)

    def seed(self, raw: bytes, loaded: Tables) -> None:
        """The file just loaded: its lines are worth reusing at the first write (not before)."""
        self._seed = (raw, loaded)

    def forget(self) -> None:
        """Drop the cached lines (after a rollback they may describe documents never written)."""
        self._pieces.clear()

    def reset(self) -> None:
        """Drop everything (the tables were replaced from disk)."""
        self._pieces.clear()
        self._seed = None

    def serialize(self, data: Tables) -> list[bytes]:
        """The file as a list of buffers: one document per line, cached lines reused.

        The cache maps ``id(doc)`` to its line and keeps the documents alive
        (so an id cannot be reused while cached).  Lookups, the search for
        misses and the join all run at C speed; only new documents are dumped.
        """
        if self._seed is not None:
            raw, loaded = self._seed
            self._seed = None
            self._seed_pieces(raw, loaded)
        names = [n for n in FIRST_TABLES if n in data] + [n for n in data if n not in FIRST_TABLES]
        parts: list[bytes] = []
        cache: dict[str, tuple[list[JSONObject], dict[int, bytes]]] = {}
        for name in names:
            table = data[name]
            keys = list(table)
            docs = list(table.values())
            old = self._pieces.get(name)
            if old is not None:
                lookup = old[1].get
                lines: list[bytes | None] = list(map(lookup, map(id, docs)))
            else:
                lines = [None] * len(docs)
            try:
                i = lines.index(None)
                while True:
                    lines[i] = doc_line(keys[i], docs[i])
                    i = lines.index(None, i + 1)
            except ValueError:
                pass  # no (more) documents to dump
            done = cast("list[bytes]", lines)  # every None was replaced above
            cache[name] = (docs, dict(zip(map(id, docs), done)))
            parts.append((b",\n" if parts else b"{\n") + dumps(name) + b": ")
            if lines:
                # Interleave separators by slicing (C speed) instead of joining 7 MB twice.
                body: list[bytes] = [b",\n"] * (2 * len(done) - 1)
                body[0::2] = done
                parts.append(b"{\n")
                parts.extend(body)
                parts.append(b"\n}")
            else:
                parts.append(b"{}")
        self._pieces = cache
        parts.append(b"\n}\n" if names else b"{}\n")
        return parts

    def _seed_pieces(self, raw: bytes, data: Tables) -> None:
        """Reuse the lines of a file in our own layout, so the first write after a load is cheap.

        Any deviation from the layout (a hand-edited file) just leaves the cache empty.
        """
        lines = raw.split(b"\n")
        if not lines or lines[0] != b"{":
            return
        pos = 1
        cache: dict[str, tuple[list[JSONObject], dict[int, bytes]]] = {}
        try:
            for name, table in data.items():
                header = dumps(name) + b": {"
                if not table:
                    if lines[pos].rstrip(b",") != header + b"}":
                        return
                    pos += 1
                    continue
                if lines[pos] != header:
                    return
                pos += 1
                docs = list(table.values())
                found = []
                for key in table:
                    line = lines[pos]
                    if line.endswith(b","):
                        line = line[:-1]
                    if not line.startswith(b'"' + str(key).encode() + b'": {'):
                        return
                    found.append(line)
                    pos += 1
                if lines[pos].rstrip(b",") != b"}":
                    return
                pos += 1
                cache[name] = (docs, dict(zip(map(id, docs), found)))
            if lines[pos] != b"}":
                return
        except IndexError:
            return
        self._pieces = cache
