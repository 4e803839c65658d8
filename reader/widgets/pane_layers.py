"""Highlight layers of the reading pane: one kind of span each, flattened and bisectable.

A layer (keyword, watch, annotation, search, …) holds the spans of one kind
made non-overlapping by the one overlap rule (:func:`corpus.text.highlight.flatten`:
the heavier span wins), so drawing a line asks only for the few spans it
crosses. Kinds are drawn in :data:`corpus.text.highlight.PRIORITY` order, so a
higher layer wins where styles conflict. No textual here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.model import Span
from corpus.text.highlight import PRIORITY, flatten

#: Layer kinds from lowest to highest priority (drawn in this order); the
#: selection is drawn last by the renderer itself.
LAYER_ORDER: tuple[str, ...] = tuple(k for k in sorted(PRIORITY, key=PRIORITY.__getitem__) if k != "selection")


@dataclass(slots=True)
class Layer:
    """Non-overlapping spans of one kind with a bisectable end list."""

    spans: list[Span] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, spans: Iterable[Span]) -> Layer:
        flat = flatten(spans)
        return cls(flat, [s.end for s in flat])

    def overlapping(self, start: int, end: int) -> list[Span]:
        i = bisect_right(self.ends, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            out.append(self.spans[i])
            i += 1
        return out
