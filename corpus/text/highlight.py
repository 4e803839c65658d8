"""The highlight model: layers of spans over a text, and the one rule for where they overlap.

A document's text carries several layers of :class:`~corpus.model.Span`:
``keyword`` (top keywords, weight = intensity), ``watch`` (the user's watch
words, data = colour), ``search`` (hits of the current query), ``annotation``
(notes, data = the note or its number) and ``selection``.

The overlap rule, used by every renderer (the reading pane, the HTML and
inline exports): where spans overlap, the one of the kind with the higher
:data:`PRIORITY` wins; within one kind the heavier ``weight`` wins, then the
span that starts later (the innermost), then the one listed later.

* :func:`compose` cuts the text into pieces and gives each piece the winner of
  every kind covering it, lowest priority first: a renderer that stacks styles
  (the pane: a keyword keeps its colour on a note's background) draws from it.
* :func:`flatten` keeps only the top winner of each piece: renderers that show
  one thing per character (the HTML export) draw from it.
* :func:`covered` is the union of the spans: the runs a Markdown ``==mark==``
  wraps (the inline export).

Offsets are code points, clamped to the text, so a span never splits a character.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Span

#: Higher wins where spans overlap.
PRIORITY: dict[str, int] = {
    "glossary": 0,  # the user's glossary terms (underlined): under everything else
    "keyword": 1,
    "watch": 2,
    "annotation": 3,
    "search": 4,
    "selection": 5,
    "lookup": 6,  # the word the dictionary lookup shows (the app draws the selection over all)
}


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


@dataclass(frozen=True, slots=True)
class Piece:
    """``text[start:end]``, covered by ``spans``: the winner of each kind, lowest priority first."""

    start: int
    end: int
    spans: tuple[Span, ...]

    @property
    def top(self) -> Span:
        """The span that wins outright (what a one-style renderer shows)."""
        return self.spans[-1]


def compose(spans: Iterable[Span], length: int | None = None) -> list[Piece]:
    """The pieces of text covered by ``spans``, in text order, each with its winner per kind.

    Adjacent pieces with the same winners are merged; characters no span covers
    are in no piece. With ``length``, spans are first clamped to ``0..length``.
    """
    items = list(spans) if length is None else clamp(spans, length)
    items = [s for s in items if s.end > s.start]
    if not items:
        return []
    # One heap per kind, keyed by the overlap rule; a sweep over the span boundaries.
    kinds = sorted({s.kind for s in items}, key=lambda k: (PRIORITY.get(k, 0), k))
    heaps: dict[str, list[tuple[float, int, int]]] = {k: [] for k in kinds}  # (-weight, -start, -index)
    order = sorted(range(len(items)), key=lambda i: items[i].start)
    bounds = sorted({b for s in items for b in (s.start, s.end)})
    out: list[Piece] = []
    k = 0
    for a, b in itertools.pairwise(bounds):
        while k < len(order) and items[order[k]].start <= a:
            i = order[k]
            heapq.heappush(heaps[items[i].kind], (-items[i].weight, -items[i].start, -i))
            k += 1
        winners = []
        for kind in kinds:
            heap = heaps[kind]
            while heap and items[-heap[0][2]].end <= a:
                heapq.heappop(heap)
            if heap:
                winners.append(items[-heap[0][2]])
        if not winners:
            continue
        found = tuple(winners)
        if out and out[-1].end == a and _same(out[-1].spans, found):
            out[-1] = Piece(out[-1].start, b, found)
        else:
            out.append(Piece(a, b, found))
    return out


def _same(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def flatten(spans: Iterable[Span], length: int | None = None) -> list[Span]:
    """Non-overlapping segments covering the union of ``spans``, in text order.

    Each character takes the span that wins there (see the module's overlap
    rule); the segment is a copy of it cut to its piece. Adjacent segments of
    equal kind, weight and data are merged.
    """
    out: list[Span] = []
    for piece in compose(spans, length):
        top = piece.top
        last = out[-1] if out else None
        if last and last.end == piece.start and (last.kind, last.weight, last.data) == (top.kind, top.weight, top.data):
            out[-1] = Span(last.start, piece.end, top.kind, top.weight, top.data)
        else:
            out.append(Span(piece.start, piece.end, top.kind, top.weight, top.data))
    return out


def covered(spans: Iterable[Span], length: int | None = None) -> list[tuple[int, int]]:
    """The union of ``spans`` as ``(start, end)`` runs in text order; touching runs are one."""
    runs: list[tuple[int, int]] = []
    for piece in compose(spans, length):
        if runs and runs[-1][1] == piece.start:
            runs[-1] = (runs[-1][0], piece.end)
        else:
            runs.append((piece.start, piece.end))
    return runs
