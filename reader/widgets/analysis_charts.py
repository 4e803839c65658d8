"""Charts of the analysis screen: widgets over :mod:`reader.charts` (the one drawing,
shared with the CLI).

* :class:`DispersionStrip` — where in the corpus each term occurs.
* :class:`TrendChart` — bars per term over the periods.
* :func:`heat` — a tag matrix cell as a number on a background as deep as the count.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from ..charts import dispersion_text, heat_style, trend_text


def heat(n: int, top: int) -> Text:
    """A tag-matrix cell: the count on a background as deep as it."""
    if n <= 0 or top <= 0:
        return Text("·", style="dim", justify="right")
    return Text(f" {n} ", style=heat_style(n, top), justify="right")


class DispersionStrip(Widget):
    """Where each term occurs across the corpus (fits its width)."""

    DEFAULT_CSS = "DispersionStrip { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:  # Any: Widget's own options (id, classes…), passed on
        super().__init__(**kwargs)
        self.rows: list[tuple[str, list[int], int]] = []

    def show(self, rows: list[tuple[str, list[int], int]]) -> None:
        self.rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows) + 1 if self.rows else 0

    def render(self) -> Text:
        return dispersion_text(self.rows, self.size.width)


class TrendChart(Widget):
    """Bars per term over the periods (per 10,000 characters)."""

    DEFAULT_CSS = "TrendChart { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:  # Any: Widget's own options (id, classes…), passed on
        super().__init__(**kwargs)
        self.periods: list[str] = []
        self.series: list[tuple[str, list[float], int]] = []

    def show(self, periods: list[str], series: list[tuple[str, list[float], int]]) -> None:
        self.periods, self.series = periods, series
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.series) + 1 if self.series else 0

    def render(self) -> Text:
        return trend_text(self.periods, self.series, self.size.width)
