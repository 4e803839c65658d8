"""Length-preserving text folding for matching: 電→电, Ａ→a, X→x.

Search and watch words compare *folded* text so traditional and simplified
characters, full-width and half-width ASCII, and letter case all match. Every
mapping is one code point to one code point, so an offset found in the folded
text is the same offset in the original text (``len(fold(t)) == len(t)``).

The traditional→simplified table comes from OpenCC's ``TSCharacters.txt``
(shipped by opencc-python-reimplemented): we take the first candidate of each
entry and keep only one-character→one-character mappings. Phrase-level
conversion (OpenCC's ``TSPhrases``) is deliberately not used: it can change
lengths, and character folding is what matching needs.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from importlib import resources


def _ts_pairs() -> dict[int, int]:
    pairs: dict[int, int] = {}
    data = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in data.read_text(encoding="utf-8").splitlines():
        trad, _, simps = line.partition("\t")
        cands = simps.split()
        if len(trad) != 1 or not cands or len(cands[0]) != 1 or cands[0] == trad:
            continue
        pairs[ord(trad)] = ord(cands[0])
    return pairs


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
    table = _ts_pairs()
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
