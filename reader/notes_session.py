"""The app's notes session without widgets: create, edit, delete, undo, re-attach, jump.

The main screen, the notes panel and the notes screen share one
:class:`NotesSession` (``app.notes``) so that the store is touched in one place
and the screens stay thin.  Nothing here imports textual, which keeps the logic
testable without a running app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.model import Document, Span

if TYPE_CHECKING:
    # The record's module is loaded by the store (after the first frame) or by the first note
    # made: not for the first frame, which builds an empty session.
    from annotations.model import Annotation
    from annotations.store import AnnotationStore

def notes_of(app: object) -> NotesSession | None:
    """The app's notes session (``app.notes``), or None while there is none."""
    notes = getattr(app, "notes", None)
    return notes if isinstance(notes, NotesSession) else None


class AnnotationsUnavailable(RuntimeError):
    """There is no writable store (it failed to open or was opened read-only)."""


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the note dialog returns: the user's note, tags and colour."""

    note: str
    tags: tuple[str, ...]
    color: int


class NotesSession:
    """One store, one undo stack, one pending re-attach, for the whole app."""

    def __init__(self, store: AnnotationStore | None = None, *, read_only: bool = False, problem: str = "") -> None:
        self.store = store
        self.read_only = read_only
        #: Why annotations are unavailable or read-only (shown to the user).
        self.problem = problem
        self._undo: list[Annotation] = []
        #: Id of an orphan the user chose to re-attach: the next ``a`` re-anchors it.
        self.pending_reattach: str | None = None
        self._reanchored: set[tuple[str, str]] = set()
        # Read-only stores cannot be re-anchored on disk: display positions are kept here.
        self._shadow: dict[str, Annotation] = {}
        #: ``(format, folder)`` of the last export this session (the export dialog starts there).
        self.last_export: tuple[str, Path] | None = None

    # -- state -----------------------------------------------------------------

    @property
    def available(self) -> bool:
        return self.store is not None

    def _writable(self) -> AnnotationStore:
        if self.store is None:
            raise AnnotationsUnavailable(self.problem or "the annotation database is not open")
        if self.read_only:
            raise AnnotationsUnavailable(
                "the annotation database is open read-only" + (f" ({self.problem})" if self.problem else "")
            )
        return self.store

    # -- reading ---------------------------------------------------------------

    def for_document(self, doc_id: str) -> list[Annotation]:
        """This document's annotations in text order (orphans last)."""
        if self.store is None:
            return []
        anns = [self._shadow.get(a.id, a) for a in self.store.for_document(doc_id)]
        return sorted(anns, key=lambda a: (a.status == "orphan", a.selector.start, a.selector.end, a.created))

    def prepare(self, doc: Document) -> None:
        """Re-anchor this document's notes once per text version, when the text changed."""
        if self.store is None:
            return
        key = (doc.id, doc.fingerprint)
        if key in self._reanchored:
            return
        self._reanchored.add(key)
        stale = [a for a in self.store.for_document(doc.id) if a.target.fingerprint != doc.fingerprint]
        if not stale:
            return
        from annotations.anchor import reanchor_document, reanchored

        if self.read_only:
            self._shadow.update((a.id, reanchored(a, doc)) for a in stale)
        else:
            reanchor_document(self.store, doc)

    def layer(self, doc: Document) -> list[Span]:
        """The pane's ``annotation`` layer for ``doc``, re-anchored first if its text changed."""
        self.prepare(doc)
        return self.spans(doc)

    def spans(self, doc: Document) -> list[Span]:
        """The pane's ``annotation`` layer: one span per anchored note, data = (colour, id)."""
        out = []
        size = len(doc.text)
        for ann in self.for_document(doc.id):
            if ann.status == "orphan":
                continue
            start, end = max(0, ann.selector.start), min(size, ann.selector.end)
            if end > start:
                out.append(Span(start, end, "annotation", 1.0, (ann.color, ann.id)))
        return out

    def next_offset(self, doc_id: str, offset: int) -> int | None:
        """Start of the first annotation that starts after ``offset`` (None at the end)."""
        starts = sorted({a.selector.start for a in self.for_document(doc_id) if a.status != "orphan"})
        return next((s for s in starts if s > offset), None)

    def previous_offset(self, doc_id: str, offset: int) -> int | None:
        starts = sorted({a.selector.start for a in self.for_document(doc_id) if a.status != "orphan"})
        return next((s for s in reversed(starts) if s < offset), None)

    def tags(self) -> dict[str, int]:
        return dict(self.store.tags()) if self.store is not None else {}

    def get(self, ann_id: str) -> Annotation | None:
        return self.store.get(ann_id) if self.store is not None else None

    # -- writing ---------------------------------------------------------------

    def create(self, doc: Document, start: int, end: int, draft: NoteDraft) -> Annotation:
        store = self._writable()
        start, end = sorted((max(0, start), min(len(doc.text), end)))
        if end <= start:
            raise ValueError("the selection is empty")
        from annotations.model import new_annotation

        return store.add(new_annotation(doc, start, end, note=draft.note, tags=draft.tags, color=draft.color))

    def edit(self, ann_id: str, draft: NoteDraft) -> Annotation:
        return self._writable().update(ann_id, note=draft.note, tags=draft.tags, color=draft.color)

    def delete(self, ann_id: str) -> Annotation:
        gone = self._writable().delete(ann_id)
        self._undo.append(gone)
        return gone

    def undo(self) -> Annotation | None:
        """Bring back the most recently deleted annotation (None when nothing to undo)."""
        store = self._writable()
        if not self._undo:
            return None
        ann = self._undo.pop()
        try:
            return store.restore(ann)
        except Exception:
            self._undo.append(ann)  # keep it undoable; the caller reports the error
            raise

    def reattach(self, ann_id: str, doc: Document, start: int, end: int) -> Annotation:
        """Point an (orphaned) annotation at a new passage of ``doc``."""
        store = self._writable()
        start, end = sorted((max(0, start), min(len(doc.text), end)))
        if end <= start:
            raise ValueError("the selection is empty")
        old = store.get(ann_id)
        if old is None:
            raise KeyError(f"annotation {ann_id} no longer exists")
        from annotations.model import Target, make_selector

        target = Target.of(doc)
        ann = store.update(
            ann_id, target=target, selector=make_selector(doc.text, start, end), status="anchored"
        )
        if self.pending_reattach == ann_id:
            self.pending_reattach = None
        return ann

    def rename_tag(self, old: str, new: str) -> int:
        return self._writable().rename_tag(old, new)

    def merge_tags(self, sources: list[str], target: str) -> int:
        return self._writable().merge_tags(sources, target)
