"""Terminal cell widths without a UI library: CJK and full-width characters take two.

The corpus package does not depend on rich or textual, so the width rule lives
here, from :mod:`unicodedata`: East Asian Wide and Fullwidth characters are two
cells, combining marks, zero-width and format characters none, everything else
one. That is the rule rich and wcwidth apply to the text we meet (Chinese,
Latin, full-width punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZERO_CATEGORIES = frozenset({"Mn", "Me", "Cf"})

#: Whitespace runs and control characters become one space in context strings,
#: so a line of a concordance is one terminal line and nothing escapes to it.
_SPACE_RUN = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """Cells one character takes on a terminal (0, 1 or 2)."""
    if ch == "\u200b" or unicodedata.category(ch) in _ZERO_CATEGORIES:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    """Cells ``text`` takes on one terminal line."""
    if text.isascii():
        return len(text)
    return sum(char_cells(ch) for ch in text)


def one_line(text: str) -> str:
    """``text`` with every whitespace run and control character turned into one space."""
    return _SPACE_RUN.sub(" ", text)


def clip_end(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells (right context)."""
    used = 0
    for i, ch in enumerate(text):
        used += char_cells(ch)
        if used > width:
            return text[:i]
    return text


def clip_start(text: str, width: int) -> str:
    """The longest end of ``text`` that fits in ``width`` cells (left context)."""
    used = 0
    for i in range(len(text) - 1, -1, -1):
        used += char_cells(text[i])
        if used > width:
            return text[i + 1 :]
    return text


def pad_start(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` cells (spaces in front)."""
    return " " * max(0, width - cells(text)) + text


def pad_end(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` cells (spaces after)."""
    return text + " " * max(0, width - cells(text))
