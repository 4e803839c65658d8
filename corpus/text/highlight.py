"""The highlight model: layers of spans over a text, flattened for display.

A document's text carries several layers of :class:`~corpus.model.Span`:
``keyword`` (top keywords, weight = intensity), ``watch`` (the user's watch
words, data = colour), ``search`` (hits of the current query), ``annotation``
(notes, data = annotation id) and ``selection``. Where layers overlap one wins
per character, by :data:`PRIORITY`; :func:`flatten` returns the non-overlapping
segments a renderer styles (the Textual reading pane and the HTML export both
draw from it). Offsets are code points, clamped to the text, so a span never
splits a character.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from ..model import Span

#: Higher wins where spans overlap.
PRIORITY: dict[str, int] = {
    "keyword": 1,
    "watch": 2,
    "annotation": 3,
    "search": 4,
    "selection": 5,
}

KINDS = tuple(PRIORITY)


def priority(span: Span) -> int:
    return PRIORITY.get(span.kind, 0)


def clamp(spans: Iterable[Span], length: int) -> list[Span]:
    """Spans cut to ``0..length``; empty and inverted spans dropped."""
    out = []
    for s in spans:
        start, end = max(0, min(s.start, length)), max(0, min(s.end, length))
        if end > start:
            out.append(s if (start, end) == (s.start, s.end) else Span(start, end, s.kind, s.weight, s.data))
    return out


def normalise_layer(spans: Iterable[Span]) -> list[Span]:
    """One layer made non-overlapping: sorted, and where two spans overlap the
    earlier-starting (then longer) one keeps the shared characters."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.end <= s.start:
            continue
        if out and s.start < out[-1].end:
            if s.end <= out[-1].end:
                continue
            s = Span(out[-1].end, s.end, s.kind, s.weight, s.data)
        out.append(s)
    return out


def flatten(spans: Iterable[Span], length: int | None = None) -> list[Span]:
    """Non-overlapping segments covering the union of ``spans``, in text order.

    Each character takes the span of the highest :data:`PRIORITY` covering it; among
    equal priorities the span that starts later (the innermost) wins, then the
    one listed later. Adjacent pieces of the same span are merged. With ``length``,
    spans are first clamped to ``0..length``.
    """
    items = list(spans)
    if length is not None:
        items = clamp(items, length)
    items = [s for s in items if s.end > s.start]
    if not items:
        return []
    # Sweep over boundaries keeping a heap of active spans keyed by precedence.
    order = sorted(range(len(items)), key=lambda i: (items[i].start, i))
    bounds = sorted({b for s in items for b in (s.start, s.end)})
    heap: list[tuple[int, int, int, int]] = []  # (-priority, -start, -index, index)
    out: list[Span] = []
    k = 0
    for a, b in zip(bounds, bounds[1:]):
        while k < len(order) and items[order[k]].start <= a:
            i = order[k]
            heapq.heappush(heap, (-priority(items[i]), -items[i].start, -i, i))
            k += 1
        while heap and items[heap[0][3]].end <= a:
            heapq.heappop(heap)
        if not heap:
            continue
        top = items[heap[0][3]]
        if out and out[-1].end == a and out[-1].kind == top.kind and out[-1].data == top.data and out[-1].weight == top.weight:
            prev = out[-1]
            out[-1] = Span(prev.start, b, prev.kind, prev.weight, prev.data)
        else:
            out.append(Span(a, b, top.kind, top.weight, top.data))
    return out


def layers(**by_kind: Iterable[Span]) -> list[Span]:
    """Convenience: ``layers(keyword=…, watch=…)`` → one list of all spans."""
    out: list[Span] = []
    for spans in by_kind.values():
        out.extend(spans)
    return out
