"""The analysis charts as rich ``Text``, from plain numbers: one drawing for the app's
widgets and the CLI (which can also save them as SVG).

* :func:`dispersion_text` — one row per term: where in the corpus (documents end to
  end, in reading order) its occurrences fall; the shade says how many.
* :func:`trend_text` — one row of bars per term over the periods (height = occurrences
  per 10,000 characters), the first and last period under them.
* :func:`heat_style` — a tag-matrix cell's background, as deep as its count.

Imports rich only (no textual), so the CLI draws the same charts without the app.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

SHADES = " ░▒▓█"
BARS = " ▁▂▃▄▅▆▇█"
#: One colour per term, in the order the terms were typed.
COLOURS = ("green", "cyan", "magenta", "yellow", "blue", "red")
#: Heat-table backgrounds, from one note to the most.
HEAT = ("grey23", "dark_green", "green4", "green3", "chartreuse2")


def shade_strip(counts: Sequence[int]) -> str:
    peak = max(counts, default=0) or 1
    return "".join(" " if n == 0 else SHADES[max(1, round(n / peak * (len(SHADES) - 1)))] for n in counts)


def rebin(counts: Sequence[int], width: int) -> list[int]:
    """``counts`` summed into ``width`` bins (or spread when there are fewer)."""
    if not counts or width <= 0:
        return []
    out = [0] * width
    for i, n in enumerate(counts):
        out[min(width - 1, i * width // len(counts))] += n
    return out


def bars(values: Sequence[float], width: int | None = None) -> str:
    """One bar per value (``·`` for none), scaled to the largest; squeezed or stretched
    to ``width`` columns when given."""
    if not values:
        return ""
    width = len(values) if width is None else width
    top = max(values) or 1.0
    cols = [values[min(len(values) - 1, i * len(values) // width)] for i in range(width)]
    return "".join(BARS[min(len(BARS) - 1, round(v / top * (len(BARS) - 1)))] if v > 0 else "·" for v in cols)


def heat_style(n: int, top: int) -> str:
    """The style of a cell holding ``n`` of at most ``top``."""
    if n <= 0 or top <= 0:
        return "dim"
    return f"bold black on {HEAT[min(len(HEAT) - 1, (n * len(HEAT) - 1) // top)]}"


def _label_width(names: Sequence[str]) -> int:
    return max(cell_len(name) for name in names) + 1


def dispersion_text(rows: Sequence[tuple[str, Sequence[int], int]], width: int) -> Text:
    """``(term, counts per bin, total)`` rows drawn in ``width`` cells."""
    if not rows:
        return Text("")
    label = _label_width([term for term, _, _ in rows])
    strip = max(width - label - 8, 10)
    out = Text()
    for i, (term, counts, total) in enumerate(rows):
        out.append(term + " " * (label - cell_len(term)), style="bold")
        out.append(shade_strip(rebin(counts, strip)), style=COLOURS[i % len(COLOURS)])
        out.append(f" {total:>6}\n", style="dim")
    out.append(" " * label + "corpus start" + " " * max(strip - 22, 1) + "end", style="dim")
    return out


def trend_text(periods: Sequence[str], series: Sequence[tuple[str, Sequence[float], int]], width: int) -> Text:
    """``(term, per-10k value per period, total)`` series as bars in at most ``width`` cells."""
    if not series or not periods:
        return Text("no dated documents in this filter" if series else "", style="dim italic")
    label = _label_width([term for term, _, _ in series])
    # One column per period when they fit (never stretched: a doubled bar would lie).
    columns = max(min(width - label - 8, len(periods)), 1)
    out = Text()
    for i, (term, values, total) in enumerate(series):
        out.append(term + " " * (label - cell_len(term)), style="bold")
        out.append(bars(values, columns), style=COLOURS[i % len(COLOURS)])
        out.append(f" {total:>6}\n", style="dim")
    first, last = periods[0], periods[-1]
    if columns >= len(first) + len(last) + 2:
        out.append(" " * label + first + " " * (columns - len(first) - len(last)) + last, style="dim")
    else:
        out.append(" " * label + f"{first} → {last}", style="dim")
    return out


_REMOTE_FONT = re.compile(r',\s*url\("[^"]*"\)\s*format\("[^"]*"\)')


def offline_svg(svg: str) -> str:
    """A rich / Textual SVG export without its web-font links: opened in a browser it fetches
    nothing (it falls back to a local monospace font)."""
    return _REMOTE_FONT.sub("", svg)
