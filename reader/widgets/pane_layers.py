"""Highlight layers of the reading pane: one kind of span each, flattened and bisectable.

A layer (keyword, watch, annotation, search, …) holds the spans of one kind
made non-overlapping, so drawing a line asks only for the few spans it
crosses. Kinds are drawn in :data:`corpus.text.highlight.PRIORITY` order, so a
higher layer wins where styles conflict. No textual here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.model import Span
from corpus.text.highlight import PRIORITY

#: Layer kinds from lowest to highest priority (drawn in this order); the
#: selection is drawn last by the renderer itself.
LAYER_ORDER: tuple[str, ...] = tuple(k for k in sorted(PRIORITY, key=PRIORITY.__getitem__) if k != "selection")


def flatten_layer(spans: Iterable[Span]) -> list[Span]:
    """Make one layer's spans non-overlapping; where they overlap the heavier one wins."""
    items = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end))
    if not items:
        return []
    cuts = sorted({p for s in items for p in (s.start, s.end)})
    out: list[Span] = []
    active: list[Span] = []
    i = 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(items) and items[i].start <= a:
            active.append(items[i])
            i += 1
        active = [s for s in active if s.end > a]
        if not active:
            continue
        best = max(active, key=lambda s: s.weight)
        if out and out[-1].end == a and out[-1].weight == best.weight and out[-1].data == best.data:
            prev = out[-1]
            out[-1] = Span(prev.start, b, prev.kind, prev.weight, prev.data)
        else:
            out.append(Span(a, b, best.kind, best.weight, best.data))
    return out


@dataclass(slots=True)
class Layer:
    """Non-overlapping spans of one kind with a bisectable end list."""

    spans: list[Span] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, spans: Iterable[Span]) -> "Layer":
        flat = flatten_layer(spans)
        return cls(flat, [s.end for s in flat])

    def overlapping(self, start: int, end: int) -> list[Span]:
        i = bisect_right(self.ends, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            out.append(self.spans[i])
            i += 1
        return out
