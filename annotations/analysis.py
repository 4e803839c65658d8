"""Notes as codes: how tags fall across sections and documents, and which go together.

Qualitative-analysis tools treat tags as *codes*; these tables answer the usual
questions about them. The unit is the note: a cell counts notes.

* **Hierarchical tags.** ``政策/财政/税收`` is a tag inside ``政策/财政`` inside
  ``政策``. With ``rollup`` (the default) a note counts for its tags and every
  ancestor of them — once each, even when two of its tags share a parent.
* **tag × section** and **tag × document**: notes with the tag in each column.
  A note's section is the document's current one when the caller knows it
  (``section_of``), else the one stored with the note.
* **co-occurrence** (tag × tag): two tags on one note, plus — with ``overlap`` —
  tags of two different notes whose passages overlap in one document. A pair of
  a tag and its own ancestor is not a co-occurrence. The diagonal holds the
  number of notes with the tag.
* **passages** of a tag (for keyness): the anchored passages of its notes.

Orphaned notes (their passage was not found) still count in the section and
document tables (where they belong is known) but never by position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from corpus.jsontypes import JSON

from .model import Annotation

SEP = "/"
KINDS = ("section", "doc", "cooccur")

#: One table row: a tag, then counts.
Row = list[str | int]


def ancestors(tag: str) -> list[str]:
    """``政策/财政/税收`` → ``["政策", "政策/财政", "政策/财政/税收"]`` (empty parts dropped)."""
    parts = [p.strip() for p in tag.split(SEP) if p.strip()]
    return [SEP.join(parts[: i + 1]) for i in range(len(parts))]


def expand(tags: Iterable[str], rollup: bool = True) -> list[str]:
    """The tags a note counts for: its own, and with ``rollup`` their ancestors, once each."""
    out: dict[str, None] = {}
    for tag in tags:
        for t in ancestors(tag) if rollup else [tag.strip()]:
            if t:
                out[t] = None
    return list(out)


def related(a: str, b: str) -> bool:
    """Is one tag the other or an ancestor of it?"""
    return a == b or a.startswith(b + SEP) or b.startswith(a + SEP)


@dataclass(slots=True)
class Matrix:
    """Tags (rows) × columns, counting notes."""

    kind: str
    rows: list[str]
    cols: list[str]
    cells: dict[tuple[str, str], int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # column → what to show (document titles)

    def get(self, row: str, col: str) -> int:
        return self.cells.get((row, col), 0)

    def label(self, col: str) -> str:
        return self.labels.get(col, col)

    def maximum(self) -> int:
        return max(self.cells.values(), default=0)

    def to_dict(self) -> dict[str, JSON]:
        return {
            "matrix": self.kind,
            "columns": [{"key": c, "label": self.label(c)} for c in self.cols],
            "rows": [{"tag": r, "counts": [self.get(r, c) for c in self.cols]} for r in self.rows],
        }

    def columns(self) -> list[str]:
        return ["tag", *(self.label(c) for c in self.cols)]

    def table_rows(self) -> list[Row]:
        return [[r, *(self.get(r, c) for c in self.cols)] for r in self.rows]


def _count(anns: Iterable[Annotation], column: Callable[[Annotation], str], rollup: bool) -> dict[tuple[str, str], int]:
    cells: dict[tuple[str, str], int] = {}
    for ann in anns:
        col = column(ann)
        for tag in expand(ann.tags, rollup):
            cells[(tag, col)] = cells.get((tag, col), 0) + 1
    return cells


def _ordered(keys: Iterable[str], order: list[str] | None) -> list[str]:
    found = dict.fromkeys(keys)
    if order is None:
        return sorted(found)
    rank = {k: i for i, k in enumerate(order)}
    return sorted(found, key=lambda k: (rank.get(k, len(rank)), k))


def by_section(
    anns: Iterable[Annotation],
    *,
    rollup: bool = True,
    section_of: Callable[[str], str | None] | None = None,
    order: list[str] | None = None,
) -> Matrix:
    """Tag × section. ``section_of(doc_id)`` gives a document's current section;
    ``order`` the column order (the corpus's sections), else by name."""
    def column(ann: Annotation) -> str:
        current = section_of(ann.target.doc_id) if section_of else None
        return current or ann.target.section or "(no section)"

    cells = _count(anns, column, rollup)
    return Matrix("section", sorted({t for t, _ in cells}), _ordered((c for _, c in cells), order), cells)


def by_document(
    anns: Iterable[Annotation],
    *,
    rollup: bool = True,
    titles: dict[str, str] | None = None,
    order: list[str] | None = None,
) -> Matrix:
    """Tag × document (columns are document ids, labelled with titles)."""
    anns = list(anns)
    cells = _count(anns, lambda a: a.target.doc_id, rollup)
    labels = {a.target.doc_id: a.target.title or a.target.doc_id for a in anns}
    labels.update(titles or {})
    cols = _ordered((c for _, c in cells), order)
    return Matrix("doc", sorted({t for t, _ in cells}), cols, cells, {c: labels.get(c, c) for c in cols})


def cooccurrence(anns: Iterable[Annotation], *, rollup: bool = True, overlap: bool = True) -> Matrix:
    """Tag × tag (see the module docstring); symmetric."""
    anns = list(anns)
    cells: dict[tuple[str, str], int] = {}

    def pair(a: str, b: str) -> None:
        if related(a, b):
            return
        cells[(a, b)] = cells.get((a, b), 0) + 1
        cells[(b, a)] = cells.get((b, a), 0) + 1

    tags = {ann.id: expand(ann.tags, rollup) for ann in anns}
    for ann in anns:
        mine = tags[ann.id]
        for t in mine:
            cells[(t, t)] = cells.get((t, t), 0) + 1
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                pair(a, b)
    if overlap:
        placed: dict[str, list[Annotation]] = {}
        for ann in anns:
            if ann.status != "orphan" and tags[ann.id]:
                placed.setdefault(ann.target.doc_id, []).append(ann)
        for group in placed.values():
            group.sort(key=lambda a: (a.selector.start, a.selector.end, a.id))
            for i, x in enumerate(group):
                for y in group[i + 1 :]:
                    if y.selector.start >= x.selector.end:
                        break  # sorted by start: no later note overlaps x either
                    for a in tags[x.id]:
                        for b in tags[y.id]:
                            pair(a, b)
    rows = sorted({t for t, _ in cells})
    return Matrix("cooccur", rows, list(rows), cells)


def matrix(
    kind: str,
    anns: Iterable[Annotation],
    *,
    rollup: bool = True,
    section_of: Callable[[str], str | None] | None = None,
    titles: dict[str, str] | None = None,
    order: list[str] | None = None,
    overlap: bool = True,
) -> Matrix:
    """One of :data:`KINDS` by name, with the options that kind takes (the others are unused)."""
    if kind == "section":
        return by_section(anns, rollup=rollup, section_of=section_of, order=order)
    if kind == "doc":
        return by_document(anns, rollup=rollup, titles=titles, order=order)
    if kind == "cooccur":
        return cooccurrence(anns, rollup=rollup, overlap=overlap)
    raise ValueError(f"unknown matrix {kind!r} (use one of: {', '.join(KINDS)})")


def has_tag(ann: Annotation, tag: str, rollup: bool = True) -> bool:
    """Does the note carry ``tag`` (or, with ``rollup``, a tag inside it)?"""
    want = SEP.join(ancestors(tag))
    return any(t == want or (rollup and t.startswith(want + SEP)) for t in (x.strip() for x in ann.tags))


def passages(anns: Iterable[Annotation], tag: str, *, rollup: bool = True) -> dict[str, list[tuple[int, int]]]:
    """``doc_id → [(start, end)]`` of the anchored notes with ``tag``, in text order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for ann in anns:
        if ann.status != "orphan" and has_tag(ann, tag, rollup):
            out.setdefault(ann.target.doc_id, []).append((ann.selector.start, ann.selector.end))
    return {d: sorted(v) for d, v in out.items()}
