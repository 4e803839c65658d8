"""Length-preserving text folding for matching: 電→电, Ａ→a, X→x.

Search and watch words compare *folded* text so traditional and simplified
characters, full-width and half-width ASCII, and letter case all match. Every
mapping is one code point to one code point, so an offset found in the folded
text is the same offset in the original text (``len(fold(t)) == len(t)``).

The traditional→simplified table is OpenCC's own ``t2s`` conversion (the
maintained ``opencc`` package) applied to every CJK character *alone*, in one
call with the characters separated by newlines so no phrase can form: what
OpenCC makes of a lone character is its first candidate in ``TSCharacters``
(and ``TSCharactersExt``), with compatibility ideographs normalised. Only
one-character→one-character results are kept. Phrase-level conversion
(``TSPhrases`` across characters) is deliberately not used: it can change
lengths, and character folding is what matching needs.

Building the table costs about 80 ms (importing OpenCC, converting 180,000
characters), so it is cached in ``<cache>/fold/`` keyed by OpenCC's data files
(size and modification time): later processes read 5,000 pairs in a millisecond
and never import OpenCC for folding.
"""

from __future__ import annotations

import codecs
import contextlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from ..paths import atomic_write, cache_dir

#: Unicode blocks where OpenCC's traditional→simplified data has entries: CJK
#: Extension A, the unified block, compatibility ideographs, Extensions B–G.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F), (0x30000, 0x3134F))


#: Bumped when the way the table is built changes (the cache file name has it).
TABLE_VERSION = 1


def _table_cache() -> Path | None:
    """The cache file for the current OpenCC data, found without importing OpenCC."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    share = Path(next(iter(spec.submodule_search_locations))) / "clib" / "share" / "opencc"
    try:
        stamps = [os.stat(share / name) for name in ("t2s.json", "TSCharacters.ocd2", "TSCharactersExt.ocd2")]
    except OSError:
        return None  # another layout of the package: build every time
    key = "-".join(f"{st.st_size}.{st.st_mtime_ns}" for st in stamps)
    return cache_dir() / "fold" / f"ts-{TABLE_VERSION}-{key}.txt"


def _read_table(path: Path) -> dict[int, int] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(text) % 2 or len(text) < 2000:  # pairs of characters; a real table has thousands
        return None
    return {ord(text[i]): ord(text[i + 1]) for i in range(0, len(text), 2)}


@lru_cache(maxsize=1)
def _ts_pairs() -> dict[int, int]:
    cached = _table_cache()
    if cached is not None:
        found = _read_table(cached)
        if found is not None:
            return found
    pairs = _build_ts_pairs()
    if cached is not None:
        with contextlib.suppress(OSError):  # an unwritable cache only costs the build next time
            atomic_write(cached, "".join(chr(t) + chr(s) for t, s in pairs.items()), durable=False)
    return pairs


def _build_ts_pairs() -> dict[int, int]:
    import opencc  # the C++ library with its data: ~20 ms to import, ~60 ms for the table below

    chars = [chr(cp) for lo, hi in CJK_RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a newline went missing: the pairing below would be wrong
        raise RuntimeError("OpenCC changed the number of lines of the character table")
    return {ord(t): ord(s) for t, s in zip(chars, converted) if len(s) == 1 and s != t}


def _case_pairs() -> dict[int, int]:
    pairs: dict[int, int] = {}
    # Latin, Greek, Cyrillic and friends live below U+0530; str.lower() of a few
    # characters (e.g. 'İ') is two code points, which would shift offsets: skip them.
    for cp in range(0x41, 0x530):
        ch = chr(cp)
        low = ch.lower()
        if low != ch and len(low) == 1:
            pairs[cp] = ord(low)
    return pairs


def _width_pairs() -> dict[int, int]:
    # Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E (then lower-cased);
    # the ideographic space folds to a plain space.
    pairs = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    pairs[0x3000] = 0x20
    return pairs


@lru_cache(maxsize=1)
def fold_table() -> dict[int, int]:
    """The combined one-to-one translation table used by :func:`fold`."""
    table = dict(_ts_pairs())  # a copy: _ts_pairs is cached and shared with _simplify_table
    case = _case_pairs()
    table.update(case)
    for src, dst in _width_pairs().items():
        table[src] = case.get(dst, dst)
    return table


@lru_cache(maxsize=1)
def _simplify_table() -> dict[int, int]:
    # Characters inside GB2312 are valid simplified characters even when OpenCC
    # lists them as traditional (乾隆, 哪吒, 於 as a surname): leave them alone.
    table = {}
    for src, dst in _ts_pairs().items():
        try:
            chr(src).encode("gb2312")
        except UnicodeEncodeError:
            table[src] = dst
    return table


class _HasTraditional(Exception):
    pass


def _probe(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeEncodeError)
    table = _simplify_table()
    if any(ord(ch) in table for ch in exc.object[exc.start : exc.end]):
        raise _HasTraditional
    return "?", exc.end


codecs.register_error("reader-fold-probe", _probe)


def has_traditional(text: str) -> bool:
    """Does ``text`` contain a character :func:`to_simplified` would change?

    Fast for the common case (simplified text): no character the table maps is
    in GB2312, so one C-speed encode whose error handler looks only at the
    characters GB2312 lacks (dashes, emoji, traditional …) answers it.
    """
    try:
        text.encode("gb2312", "reader-fold-probe")
    except _HasTraditional:
        return True
    return False


def to_simplified(text: str) -> str:
    """Traditional → simplified only (same length); case and width are kept.

    The segmenter works on this form, so traditional documents get jieba's
    (simplified) dictionary and keywords come out in one spelling.
    """
    if not has_traditional(text):
        return text
    return text.translate(_simplify_table())


def fold(text: str) -> str:
    """Fold ``text`` for matching; the result has exactly the same length."""
    return text.translate(fold_table())


@lru_cache(maxsize=1)
def _preimages() -> dict[str, tuple[str, ...]]:
    """Folded character → every character that folds to it (itself first)."""
    groups: dict[str, list[str]] = {}
    for src, dst in fold_table().items():
        groups.setdefault(chr(dst), [chr(dst)]).append(chr(src))
    return {k: tuple(v) for k, v in groups.items()}


def preimages(ch: str) -> tuple[str, ...]:
    """Every character that folds to the folded character ``ch``, ``ch`` itself first
    (the choices ``all_variants`` has for one position)."""
    return _preimages().get(ch, (ch,))


def _product(choices: list[tuple[str, ...]], limit: int) -> list[str] | None:
    total = 1
    for c in choices:
        total *= len(c)
        if total > limit:
            return None
    out = [""]
    for c in choices:
        out = [prefix + ch for prefix in out for ch in c]
    return out


def all_variants(term: str, limit: int = 64) -> list[str] | None:
    """*Every* spelling that folds like ``term``, or None if there are more than ``limit``."""
    found = _all_variants(term, limit)
    return None if found is None else list(found)


@lru_cache(maxsize=256)
def _all_variants(term: str, limit: int) -> tuple[str, ...] | None:
    # Remembered: a corpus-wide search asks this once per document.
    found = _product([_preimages().get(ch, (ch,)) for ch in fold(term)], limit)
    return None if found is None else tuple(found)
