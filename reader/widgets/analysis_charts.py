"""Charts of the analysis screen, drawn with block characters from plain numbers.

* :class:`DispersionStrip` — one row per term: where in the corpus (documents
  end to end, in reading order) its occurrences fall; shade = how many.
* :class:`TrendChart` — one row of bars per term over the periods, height =
  occurrences per 10,000 characters, with the first and last period under it.
* :func:`heat` — a tag matrix cell as a number on a background as deep as the count.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

SHADES = " ░▒▓█"
BARS = " ▁▂▃▄▅▆▇█"
COLOURS = ("green", "cyan", "magenta", "yellow", "blue", "red")
HEAT = ("grey23", "dark_green", "green4", "green3", "chartreuse2")


def shade_strip(counts: list[int]) -> str:
    peak = max(counts, default=0) or 1
    return "".join(" " if n == 0 else SHADES[max(1, round(n / peak * (len(SHADES) - 1)))] for n in counts)


def rebin(counts: list[int], width: int) -> list[int]:
    """``counts`` summed into ``width`` bins (or spread when there are fewer)."""
    if not counts or width <= 0:
        return []
    out = [0] * width
    for i, n in enumerate(counts):
        out[min(width - 1, i * width // len(counts))] += n
    return out


def bars(values: list[float], width: int) -> str:
    """One bar per value, scaled to the largest, squeezed or stretched to ``width``."""
    if not values:
        return ""
    top = max(values) or 1.0
    cols = [values[min(len(values) - 1, i * len(values) // width)] for i in range(width)] if width else []
    return "".join(BARS[min(len(BARS) - 1, round(v / top * (len(BARS) - 1)))] if v > 0 else "·" for v in cols)


def heat(n: int, top: int) -> Text:
    if n <= 0 or top <= 0:
        return Text("·", style="dim", justify="right")
    shade = HEAT[min(len(HEAT) - 1, (n * len(HEAT) - 1) // top)]
    return Text(f" {n} ", style=f"bold black on {shade}", justify="right")


class DispersionStrip(Widget):
    """Where each term occurs across the corpus (fits its width)."""

    DEFAULT_CSS = "DispersionStrip { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[tuple[str, list[int], int]] = []

    def show(self, rows: list[tuple[str, list[int], int]]) -> None:
        self.rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.rows) + 1 if self.rows else 0

    def render(self) -> Text:
        if not self.rows:
            return Text("")
        label = max(cell_len(t) for t, _, _ in self.rows) + 1
        width = max(self.size.width - label - 8, 10)
        out = Text()
        for i, (term, counts, total) in enumerate(self.rows):
            out.append(term + " " * (label - cell_len(term)), style="bold")
            out.append(shade_strip(rebin(counts, width)), style=COLOURS[i % len(COLOURS)])
            out.append(f" {total:>6}\n", style="dim")
        out.append(" " * label + "corpus start" + " " * max(width - 22, 1) + "end", style="dim")
        return out


class TrendChart(Widget):
    """Bars per term over the periods (per 10,000 characters)."""

    DEFAULT_CSS = "TrendChart { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.periods: list[str] = []
        self.series: list[tuple[str, list[float], int]] = []

    def show(self, periods: list[str], series: list[tuple[str, list[float], int]]) -> None:
        self.periods, self.series = periods, series
        self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.series) + 1 if self.series else 0

    def render(self) -> Text:
        if not self.series or not self.periods:
            return Text("no dated documents in this filter" if self.series else "", style="dim italic")
        label = max(cell_len(t) for t, _, _ in self.series) + 1
        # One column per period when they fit (never stretched: a doubled bar would lie).
        width = max(min(self.size.width - label - 8, len(self.periods)), 1)
        out = Text()
        for i, (term, values, total) in enumerate(self.series):
            out.append(term + " " * (label - cell_len(term)), style="bold")
            out.append(bars(values, width), style=COLOURS[i % len(COLOURS)])
            out.append(f" {total:>6}\n", style="dim")
        first, last = self.periods[0], self.periods[-1]
        if width >= len(first) + len(last) + 2:
            out.append(" " * label + first + " " * (width - len(first) - len(last)) + last, style="dim")
        else:
            out.append(" " * label + f"{first} → {last}", style="dim")
        return out
