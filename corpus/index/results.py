"""What a search returns: documents with their hits, counts, and update figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..jsontypes import JSON


@dataclass(frozen=True, slots=True)
class Hit:
    """One exact occurrence: ``document.text[start:end]``."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocHits:
    """One matching document: its score (BM25; 0 when not ranked), its hits in text order."""

    doc_id: str
    score: float
    hits: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of matching documents and the totals over all of them.

    ``total_hits`` is None unless the search was asked to count every hit
    (that reads the text of every matching document).
    ``engine`` says who answered: ``index``, ``scan`` (no index yet) or
    ``index+scan`` (files changed since the index was updated were scanned).
    """

    query: str
    sort: str
    groups: tuple[DocHits, ...]
    total_docs: int
    total_hits: int | None = None
    engine: str = "index"
    offset: int = 0
    #: False when ``total_docs`` is an upper bound: a ranked page of a NEAR query
    #: verifies candidates only until the page is full (``count_hits`` verifies all).
    total_exact: bool = True


@dataclass(slots=True)
class UpdateStats:
    """What :meth:`CorpusIndex.update` did."""

    indexed_files: int = 0
    removed_files: int = 0
    unchanged_files: int = 0
    documents: int = 0
    chars: int = 0
    rebuilt: bool = False
    reason: str = ""  # why the index was rebuilt, for the user
    cancelled: bool = False
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)  # the files (re)indexed

    def to_dict(self) -> dict[str, JSON]:
        return {
            "indexed_files": self.indexed_files,
            "removed_files": self.removed_files,
            "unchanged_files": self.unchanged_files,
            "documents": self.documents,
            "chars": self.chars,
            "rebuilt": self.rebuilt,
            "reason": self.reason,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
        }
