"""A query evaluated on one document, in Python: whether it matches, and its hits.

The index answers *which* documents match; the exact character offsets of the
hits come from the document's text here (``corpus.text.search.find_all``, the
same folded matcher the old search used), so every ``(start, end)`` is
verified against the text by construction. ``NEAR`` is decided here too (the
index narrows the candidates to documents with both sides).

:func:`matches` is also the brute-force reference: the tests and the benchmark
scan every document with it, and the app uses it while the index is being built.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

from ..model import Document
from ..text.fold import fold
from ..text.search import find_all
from .query import And, DateRange, Near, Node, Not, Or, Text, date_value

Span = tuple[int, int]


def field_text(doc: Document, field: str) -> str:
    """The value a ``field:`` term looks in (authors one per line)."""
    if field == "title":
        return doc.title or ""
    if field == "section":
        return doc.section or ""
    if field == "author":
        return "\n".join(doc.authors)
    if field == "file":
        return doc.file
    raise ValueError(f"unknown field {field!r}")


class _Doc:
    """One document under evaluation, with its occurrences cached per term."""

    __slots__ = ("_spans", "doc")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._spans: dict[str, list[Span]] = {}

    def spans(self, term: str) -> list[Span]:
        found = self._spans.get(term)
        if found is None:
            found = self._spans[term] = find_all(self.doc.text, term)
        return found


def _near_spans(d: _Doc, near: Near) -> list[Span]:
    """Occurrences of either side that have one of the other side within reach."""
    left, right = d.spans(near.left.text), d.spans(near.right.text)
    if not left or not right:
        return []
    out: set[Span] = set()
    _reach(left, right, near.distance, out)
    _reach(right, left, near.distance, out)
    return sorted(out)


def _reach(xs: list[Span], ys: list[Span], distance: int, out: set[Span]) -> None:
    # The occurrences of one term are non-overlapping and of one length, so the
    # nearest to x is the last one starting before it or the first one after.
    starts = [s for s, _ in ys]
    for x in xs:
        i = bisect_left(starts, x[0])
        for j in (i - 1, i):
            if 0 <= j < len(ys):
                y = ys[j]
                if max(y[0] - x[1], x[0] - y[1]) <= distance:
                    out.add(x)
                    out.add(y)


def _eval(node: Node, d: _Doc) -> bool:
    if isinstance(node, Text):
        if node.field is None:
            return bool(d.spans(node.text))
        needle = fold(node.text)
        return needle in fold(field_text(d.doc, node.field))
    if isinstance(node, DateRange):
        value = date_value(d.doc.date)
        return value is not None and node.lo <= value <= node.hi
    if isinstance(node, And):
        return all(_eval(p, d) for p in node.parts)
    if isinstance(node, Or):
        return any(_eval(p, d) for p in node.parts)
    if isinstance(node, Not):
        return not _eval(node.part, d)
    return bool(_near_spans(d, node))


def _hits(node: Node, d: _Doc, out: set[Span]) -> None:
    if isinstance(node, Text):
        if node.field is None:
            out.update(d.spans(node.text))
    elif isinstance(node, Near):
        out.update(_near_spans(d, node))
    elif isinstance(node, And):
        for p in node.parts:
            _hits(p, d, out)
    elif isinstance(node, Or):
        # Only the alternatives that matched contribute (a NEAR that failed has none anyway).
        for p in node.parts:
            if _eval(p, d):
                _hits(p, d, out)
    # Not and DateRange contribute no hits.


def matches(node: Node, doc: Document) -> bool:
    """Does ``doc`` match the query? (Brute force: reads the text for body terms.)"""
    return _eval(node, _Doc(doc))


def hits(node: Node, doc: Document) -> list[Span]:
    """The hits of a matching document: every occurrence of its positive text terms
    (for ``NEAR``, only the occurrences that are near), sorted, each once."""
    out: set[Span] = set()
    _hits(node, _Doc(doc), out)
    return sorted(out)


def match_and_hits(node: Node, doc: Document) -> list[Span] | None:
    """``hits`` if ``doc`` matches, else None (one pass over the text)."""
    d = _Doc(doc)
    if not _eval(node, d):
        return None
    out: set[Span] = set()
    _hits(node, d, out)
    return sorted(out)


def scan(
    node: Node, documents: Iterable[Document], cancel: Callable[[], bool] | None = None
) -> Iterator[tuple[Document, list[Span]]]:
    """Every matching document with its hits, in the given order (brute force)."""
    for doc in documents:
        if cancel is not None and cancel():
            return
        found = match_and_hits(node, doc)
        if found is not None:
            yield doc, found
