"""PDF page furniture: running heads, date lines and page numbers never reach the text.

A line repeated at the same height (digits aside) on several pages is
furniture: in the top or bottom margin from two or three pages on, anywhere
else only when it is on most pages of a longer file. A lone page number in a
margin is furniture on any page. What a date line says still dates the
page's articles (:func:`header_info`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import rules
from .clean import inline_clean
from .draft import LineInfo
from .pdf_geometry import Line, Page

#: Share of the page height at the top and bottom where running heads and folios live.
MARGIN_BAND = 0.08

_FOLIO = re.compile(
    r"^(?:[-–—·•|]\s*)?(?:第\s*)?[A-Za-z]?\d{1,4}(?:\s*[页版])?(?:\s*[-–—·•|])?$"  # 12, 第12版, A3, - 12 -
    r"|^\d{1,4}\s*/\s*\d{1,4}$"  # 3/20
)
_DIGITS = re.compile(r"\d+")


def _furniture_key(line: Line, page: Page) -> tuple[str, int]:
    text = _DIGITS.sub("#", "".join(line.text.split()))
    band = int(line.mid / max(page.height, 1.0) * 50)  # 2 % of the page height
    return text, band


def find_furniture(pages: list[Page]) -> set[int]:
    """``id()`` of every line that is page furniture."""
    out: set[int] = set()
    seen: dict[tuple[str, int], set[int]] = {}
    keys: dict[int, tuple[str, int]] = {}
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page) and _FOLIO.match(line.text.strip()):
                out.add(id(line))  # a lone page number at the top or bottom
                continue
            key = keys[id(line)] = _furniture_key(line, page)
            seen.setdefault(key, set()).add(page.number)
    n = len(pages)
    if n < 2:
        return out
    need_margin = 2 if n <= 4 else 3
    # Away from the margins only a line on most pages of a longer file is furniture
    # (a column banner); on two or three pages that could be anything.
    need_anywhere = max(4, -(-n * 3 // 5)) if n >= 4 else n + 1
    for page in pages:
        for line in page.lines:
            if id(line) in out:
                continue
            key = keys[id(line)]
            # A neighbouring band too: the same header drifts a little between pages.
            count = len(seen[key] | seen.get((key[0], key[1] - 1), set()) | seen.get((key[0], key[1] + 1), set()))
            if count >= need_anywhere or (count >= need_margin and _in_margin(line, page)):
                out.add(id(line))
    return out


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom <= page.height * MARGIN_BAND or line.top >= page.height * (1 - MARGIN_BAND)


def header_info(lines: Iterable[Line]) -> LineInfo:
    """What furniture says about the articles: the page's date line ("2026年3月18日 星期三")."""
    for line in lines:
        for piece in (line.text, *re.split(r"\s{2,}", line.text)):
            kind, info = rules.classify(inline_clean(piece))
            if kind == "furniture" and info and info.get("page_date"):
                return info
    return {}
