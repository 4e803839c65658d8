"""Intermediate shapes between cleaning and documents.

Cleaning turns raw text into typed :class:`Part` s; structure groups parts into
:class:`Draft` s (one per article); :mod:`corpus.ingest.parse` turns drafts into
:class:`~corpus.model.Document` s with ids and offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from ..jsontypes import JSONObject


class LineInfo(TypedDict, total=False):
    """What one line tells about its article (``rules.classify``): a byline's authors, a
    source line's outlet and date, a page's dateline (``page_date``, ``page_source``)."""

    authors: list[str]
    source: str
    date: str | None
    page_date: bool
    page_source: str


@dataclass(slots=True)
class Part:
    type: str  # one of corpus.model.BLOCK_TYPES
    text: str
    level: int = 0
    # What a byline/source line told us: {"authors": [...], "source": str, "date": str}.
    info: LineInfo | None = None
    page: int | None = None  # 1-based page of a paged source (PDF) where the part starts
    turns: tuple[tuple[int, int], ...] = ()  # pages starting inside the text: (offset in text, page)


@dataclass(slots=True)
class Draft:
    title: str
    parts: list[Part]
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    meta: JSONObject = field(default_factory=dict)  # extra per-document metadata (Document.meta)


def absorb_info(draft: Draft) -> None:
    """Authors, source and date from the draft's byline and source parts."""
    for p in draft.parts:
        if not p.info:
            continue
        for name in p.info.get("authors") or ():
            if name not in draft.authors:
                draft.authors.append(name)
        if p.info.get("source") and not draft.source and not p.info.get("page_date"):
            draft.source = p.info["source"]
        if p.info.get("date") and not draft.date:
            draft.date = p.info["date"]
    # A news lead can name the writers and the agency: "新华社北京4月7日电（记者 张三）…".
    from .rules import lead_authors, lead_source

    first = next((p for p in draft.parts if p.type == "paragraph"), None)
    if first is not None:
        if not draft.authors:
            draft.authors.extend(lead_authors(first.text))
        draft.source = draft.source or lead_source(first.text)
