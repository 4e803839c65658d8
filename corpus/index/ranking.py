"""Pages of matching documents: rows, their sorts, and the ranked page of a ``NEAR`` query
(verified on the text best candidates first, never all of them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from ..model import Document
from . import match
from .engine import Engine
from .query import Node

Sort = Literal["rank", "order", "date"]
SORTS: tuple[str, ...] = ("rank", "order", "date")

Cancel = Callable[[], bool]
#: A matching document, its score, and its hits when they are already known.
Row = tuple[Document, float, "list[tuple[int, int]] | None"]


def sort_rows(rows: list[Row], sort: str, order: dict[str, int]) -> None:
    """Best first (``rank``), in reading order (``order``) or oldest first, undated last
    (``date``); ties in reading order (``order`` maps a document id to its place)."""
    if sort == "rank":
        rows.sort(key=lambda r: (-r[1], order.get(r[0].id, 0)))
    elif sort == "order":
        rows.sort(key=lambda r: order.get(r[0].id, 0))
    else:
        rows.sort(key=lambda r: (r[0].date is None, r[0].date or "", order.get(r[0].id, 0)))


def near_page(engine: Engine, node: Node, want: int, doc_of: Callable[[int], Document | None],
              cancel: Cancel | None) -> tuple[list[Row], int]:
    """The best ``want`` verified rows of a query with ``NEAR`` (ranked), and how many
    candidates were left unverified. The engine is asked for a few candidates more
    than the page, then four times as many, … — never for all of them. ``doc_of``
    gives the up-to-date document the engine numbers ``n`` (None: skip it)."""
    rows: list[Row] = []
    checked = 0
    top = max(32, 2 * want)
    while True:
        count, pairs = engine.search(node, top)
        for n, score in pairs[checked:]:
            if len(rows) >= want or (cancel is not None and cancel()):
                return rows, count - checked
            checked += 1
            doc = doc_of(n)
            if doc is None:
                continue
            spans = match.match_and_hits(node, doc)
            if spans is not None:
                rows.append((doc, score, spans))
        if len(rows) >= want or len(pairs) < top or checked >= count:
            return rows, count - checked
        top *= 4
