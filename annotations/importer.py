"""Import of W3C Web Annotation JSON (ours or another tool's), merged by id.

Accepted shapes: an ``AnnotationCollection`` (with ``first`` page embedded, or
``items`` directly), an ``AnnotationPage``, a JSON list of annotations, or one
``Annotation``.

For each annotation:

1. **id** — ``urn:uuid:<id>`` (ours and many tools') gives ``<id>``; any other id
   gives a uuid5 of it, an annotation without an id a uuid5 of its content, so
   importing the same file again never duplicates.
2. **document** — the ``reader:ext`` document id when the corpus has it; else
   the documents of the file named by ``target.source`` (the one where the
   quote anchors best). An annotation of ours whose document is gone is kept
   as an orphan; a foreign one that names no file of the corpus is skipped.
3. **re-anchoring** against the current text (``annotations.anchor.anchor``):
   position → quote with context → fuzzy quote → orphan. ``modified`` is not
   bumped by re-anchoring.
4. **merge** — new id: added. Known id: the newer ``modified`` wins (updated);
   otherwise the store keeps its version (unchanged). Nothing is ever deleted.

All changes go to the store in one ``put_many`` (one locked, atomic write).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol
from urllib.parse import unquote

from corpus.jsontypes import JSON
from corpus.model import Corpus, Document
from corpus.sanitize import printable

from .colors import COLORS
from .export.w3c_read import (
    EPOCH,
    ImportData,
    ImportFormatError,
    Skip,
    annotation_id,
    annotation_items,
    bodies,
    extension,
    loads,
    stamp,
    target_parts,
    to_int,
    types_of,
    when,
)
from .model import Annotation, Selector, Target, make_selector, validate

__all__ = ["ImportFormatError", "ImportReport", "annotation_items", "import_annotations"]


class Store(Protocol):  # what the importer needs from ``annotations.store.AnnotationStore``
    def all(self) -> list[Annotation]: ...
    def put_many(self, anns: list[Annotation]) -> None: ...


Anchor = Callable[[Annotation, str], "tuple[Selector | None, str]"]


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)  # ids (any of the above) left as orphans
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"item", "id", "reason"}
    sanitized: list[str] = field(default_factory=list)  # ids whose text had control characters removed

    @property
    def changed(self) -> int:
        return len(self.added) + len(self.updated)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("added", "updated", "unchanged", "orphaned", "skipped")}

    def to_dict(self) -> dict[str, JSON]:
        return {
            **self.counts(),
            "sanitized": len(self.sanitized),
            "ids": {k: list(getattr(self, k)) for k in ("added", "updated", "unchanged", "orphaned")},
            "skipped_items": list(self.skipped),
        }


# ---------------------------------------------------------------- anchoring


def default_anchor() -> Anchor:
    from .anchor import anchor  # imported late: rapidfuzz is only needed when importing

    return anchor


_RANK = {"anchored": 0, "moved": 1, "orphan": 2}


def _source_matches(source: str, file: str) -> bool:
    if not source or not file:
        return False
    s = unquote(source).replace("\\", "/")
    return s == file or s.endswith("/" + file)


class Resolver:
    """Finds the document an imported annotation belongs to and re-anchors it there."""

    def __init__(self, corpus: Corpus | None, anchor: Anchor) -> None:
        self.corpus = corpus
        self.anchor = anchor
        self.by_file: dict[str, list[Document]] = {}
        for doc in corpus.documents if corpus is not None else ():
            self.by_file.setdefault(doc.file, []).append(doc)

    def candidates(self, doc_id: str, source: str) -> list[Document]:
        if self.corpus is None:
            return []
        doc = self.corpus.get(doc_id) if doc_id else None
        if doc is not None:
            return [doc]
        if source in self.by_file:
            return self.by_file[source]
        return [d for f, docs in self.by_file.items() if _source_matches(source, f) for d in docs]

    def place(self, ann: Annotation, docs: list[Document]) -> Annotation:
        best: tuple[int, int, Annotation] | None = None
        for i, doc in enumerate(docs):
            selector = ann.selector
            if not selector.exact and 0 <= selector.start < selector.end <= len(doc.text):
                # Position only (some tools): the quote is whatever is there now.
                selector = make_selector(doc.text, selector.start, selector.end)
            t = ann.target
            new_sel: Selector | None
            if (t.fingerprint == doc.fingerprint and selector.exact
                    and doc.text[selector.start : selector.end] == selector.exact):
                # The very text the note was made on: its position is right as it stands.
                new_sel, status = selector, ann.status if ann.status in ("anchored", "moved") else "anchored"
            else:
                new_sel, status = self.anchor(ann.with_changes(selector=selector), doc.text)
            if new_sel is not None and status != "orphan":
                placed = ann.with_changes(
                    selector=new_sel,
                    status=status,
                    target=Target.of(doc),
                )
            else:
                placed = ann.with_changes(
                    selector=selector,
                    status="orphan",
                    target=Target(doc.file, doc.id, t.fingerprint, t.section or doc.section, t.title or doc.title),
                )
            key = (_RANK.get(placed.status, 3), i)
            if best is None or key < best[:2]:
                best = (key[0], key[1], placed)
            if placed.status == "anchored":
                break
        assert best is not None
        return best[2]


def from_w3c(item: object, resolver: Resolver) -> tuple[Annotation, bool]:
    """One Web Annotation as our ``Annotation``, sanitised and re-anchored (``Skip`` if impossible).

    The flag says whether sanitising changed any of its text.
    """
    if not isinstance(item, dict):
        raise Skip("not a JSON object")
    types = types_of(item)
    if types and "Annotation" not in types:
        raise Skip(f"type {sorted(types)[0]!r} is not an Annotation")
    ann_id = annotation_id(item)
    source, quote, position = target_parts(item)
    ext = extension(item)
    if quote is None and position is None:
        raise Skip("no TextQuoteSelector or TextPositionSelector in the target")
    exact = str(quote.get("exact", "")) if quote else ""
    start = to_int(position.get("start"), 0) if position else 0
    end = to_int(position.get("end"), start + len(exact)) if position else start + len(exact)
    selector = Selector(
        exact=exact,
        prefix=str(quote.get("prefix", "") or "") if quote else "",
        suffix=str(quote.get("suffix", "") or "") if quote else "",
        start=max(start, 0),
        end=max(end, 0),
    )
    note, tags = bodies(item)
    created = stamp(item.get("created")) or stamp(item.get("generated")) or EPOCH
    modified = stamp(item.get("modified")) or created
    ext = ext or {}
    color = to_int(ext.get("color"), 1)
    ann = Annotation(
        id=ann_id,
        target=Target(
            file=unquote(source),
            doc_id=str(ext.get("doc_id", "") or ""),
            fingerprint=str(ext.get("fingerprint", "") or ""),
            section=str(ext.get("section", "") or ""),
            title=str(ext.get("title", "") or ""),
        ),
        selector=selector,
        note=note,
        tags=tags,
        color=color if color in COLORS else 1,
        created=created,
        modified=modified,
        status="orphan",
    )
    clean = sanitized(ann)
    changed = clean is not ann
    docs = resolver.candidates(clean.target.doc_id, source)
    if docs:
        return resolver.place(clean, docs), changed
    if not ext:
        raise Skip(f"target {printable(source)!r} is not a file of the corpus")
    if not exact:
        raise Skip("its document is not in the corpus and it has no quote to keep")
    return clean, changed  # ours, document gone: keep it as an orphan, never lose a note


def sanitized(ann: Annotation) -> Annotation:
    """``ann`` with control characters and escape sequences removed from all its text.

    Imported files are untrusted (unlike a note the user typed, which is kept as
    written): what comes in is stored clean. Returns ``ann`` itself when clean.
    """
    t, s = ann.target, ann.selector
    clean = ann.with_changes(
        note=printable(ann.note),
        tags=tuple(printable(tag) for tag in ann.tags),
        selector=replace(s, exact=printable(s.exact), prefix=printable(s.prefix), suffix=printable(s.suffix)),
        target=replace(t, file=printable(t.file), doc_id=printable(t.doc_id), section=printable(t.section),
                       title=printable(t.title), fingerprint=printable(t.fingerprint)),
    )
    return ann if clean.to_record() == ann.to_record() else clean


def _validate(ann: Annotation) -> Annotation:
    try:
        return validate(ann)  # the store's own rules (tags normalised, colour, quote)
    except ValueError as exc:
        raise Skip(str(exc)) from None


def import_annotations(
    data: ImportData,
    store: Store,
    corpus: Corpus | None,
    *,
    anchor: Anchor | None = None,
) -> ImportReport:
    """Merge the annotations in ``data`` into ``store`` (see the module docstring).

    Raises ``ImportFormatError`` when ``data`` is not Web Annotation JSON; single
    bad annotations are skipped and listed in the report.
    """
    items = annotation_items(loads(data))
    resolver = Resolver(corpus, anchor or default_anchor())
    existing = {a.id: a for a in store.all()}
    report = ImportReport()
    pending: dict[str, Annotation] = {}
    outcome: dict[str, str] = {}
    for index, item in enumerate(items):
        try:
            placed, changed = from_w3c(item, resolver)
            ann = _validate(placed)
        except Skip as exc:
            raw_id = item.get("id", "") if isinstance(item, dict) else ""
            report.skipped.append({"item": str(index), "id": str(raw_id), "reason": str(exc)})
            continue
        if changed and ann.id not in report.sanitized:
            report.sanitized.append(ann.id)
        current = pending.get(ann.id) or existing.get(ann.id)
        if current is None:
            pending[ann.id] = ann
            outcome.setdefault(ann.id, "added")
        elif current.to_record() == ann.to_record() or when(ann.modified) <= when(current.modified):
            outcome.setdefault(ann.id, "unchanged")
        else:
            pending[ann.id] = ann
            if outcome.get(ann.id) != "added":
                outcome[ann.id] = "updated"
    if pending:
        store.put_many(list(pending.values()))
    for ann_id, what in outcome.items():
        getattr(report, what).append(ann_id)
        final = pending.get(ann_id) or existing[ann_id]
        if final.status == "orphan":
            report.orphaned.append(ann_id)
    return report

