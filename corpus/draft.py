"""Intermediate shapes between cleaning and documents.

Cleaning turns raw text into typed :class:`Part` s; structure groups parts into
:class:`Draft` s (one per article); :mod:`corpus.parse` turns drafts into
:class:`~corpus.model.Document` s with ids and offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Part:
    type: str  # one of corpus.model.BLOCK_TYPES
    text: str
    level: int = 0


@dataclass(slots=True)
class Draft:
    title: str
    parts: list[Part]
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
