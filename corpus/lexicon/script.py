"""Simplified ↔ traditional for display, without moving a single offset.

The app can show a text in the other script. Every note, search hit, keyword and
the cursor are character offsets into the text as written, so the conversion
must keep the length and keep each character in its place: the output has
exactly one character for each input character.

OpenCC (``s2tw`` / ``t2s``) converts each run of Chinese characters with its
phrase tables (头发 → 頭髮 but 发展 → 發展; 以后 → 以後 but 皇后 stays), all runs in
one call separated by newlines so no phrase spans two runs. A run whose phrase
conversion came out longer or shorter is converted character by character
instead (each character alone, its first candidate), so the length always holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc  # at run time imported where first used, not at start-up

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
#: Traditional as most readers know it (Taiwan's standard forms: 裡, 麵, 吃); simplified from any.
CONFIGS = {"traditional": "s2tw", "simplified": "t2s"}


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC(config)


def _each_char(conv: opencc.OpenCC, run: str) -> str:
    out = conv.convert("\n".join(run)).split("\n")
    if len(out) != len(run):
        return run
    return "".join(o if len(o) == 1 else c for c, o in zip(run, out))


def convert(text: str, target: str) -> str:
    """``text`` in the ``target`` script (``"traditional"`` or ``"simplified"``), same length."""
    config = CONFIGS.get(target)
    if config is None:
        raise ValueError(f"unknown script {target!r} (use traditional or simplified)")
    spans = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    if not spans:
        return text
    conv = _converter(config)
    runs = [text[a:b] for a, b in spans]
    converted = conv.convert("\n".join(runs)).split("\n")
    if len(converted) != len(runs):  # a newline lost: do every run alone
        converted = [conv.convert(r) for r in runs]
    pieces: list[str] = []
    pos = 0
    for (a, b), run, out in zip(spans, runs, converted):
        pieces.append(text[pos:a])
        pieces.append(out if len(out) == len(run) else _each_char(conv, run))
        pos = b
    pieces.append(text[pos:])
    result = "".join(pieces)
    assert len(result) == len(text)
    return result


def to_traditional(text: str) -> str:
    return convert(text, "traditional")


def to_simplified(text: str) -> str:
    """Phrase-aware t2s for display (matching uses ``corpus.text.fold``)."""
    return convert(text, "simplified")
