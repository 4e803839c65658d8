"""Writing notes from any screen: new, re-attach, edit, delete and undo.

One behaviour and one set of messages for the main screen, the notes tab and
the notes screen. Each function opens the note dialog where one is needed,
saves through the app's :class:`~reader.notes_session.NotesSession` and
reports a refusal of the store (read-only, locked, gone) without losing what
was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from annotations.model import Annotation
from corpus.model import Document

from ..note_text import excerpt_cells
from ..notes_session import NoteDraft, NotesSession


def annotate(host: Widget, ctl: NotesSession, doc: Document, start: int, end: int,
             on_saved: Callable[[], None]) -> None:
    """The note dialog for ``doc.text[start:end]``: a new note, or a pending re-attach moved here."""
    if end <= start:
        host.notify("Select a passage first (v, then move)", severity="warning")
        return
    if not ctl.available or ctl.read_only:
        # Refuse before the dialog, so nobody types a note that cannot be saved.
        host.notify(f"Notes cannot be saved: {ctl.problem or 'the database is read-only'}",
                    severity="warning", timeout=8)
        return
    from .note_dialog import NoteDialog  # TextArea and its document model: only when writing

    orphan = ctl.get(ctl.pending_reattach) if ctl.pending_reattach else None
    if orphan is not None:
        _reattach(host, ctl, orphan, doc, start, end, on_saved)
        return

    def done(draft: NoteDraft | None) -> None:
        if draft is None:
            return
        try:
            ctl.create(doc, start, end, draft)
        except Exception as exc:  # the store refused: the draft is shown so nothing is lost
            host.notify(f"Could not save the note: {exc}\n{draft.note}", severity="error", timeout=30)
            return
        on_saved()

    host.app.push_screen(NoteDialog(doc.text[start:end], known_tags=ctl.tags()), done)


def _reattach(host: Widget, ctl: NotesSession, orphan: Annotation, doc: Document, start: int, end: int,
              on_saved: Callable[[], None]) -> None:
    """The note dialog for a pending re-attach: save moves the note here, Esc drops the plan."""
    from .note_dialog import NoteDialog

    def done(draft: NoteDraft | None) -> None:
        if draft is None:
            ctl.pending_reattach = None
            host.notify("Re-attach cancelled; the note stays an orphan")
            return
        try:
            ctl.reattach(orphan.id, doc, start, end)
            ann = ctl.edit(orphan.id, draft)
        except Exception as exc:  # the store refused: say so; the note stays where it was
            host.notify(f"Could not re-attach the note: {exc}", severity="error")
            return
        host.notify(f"Note re-attached to 「{ann.quote[:20]}」")
        on_saved()

    dialog = NoteDialog(
        doc.text[start:end], note=orphan.note, tags=orphan.tags, color=orphan.color,
        known_tags=ctl.tags(), title=f"Re-attach note (was 「{orphan.quote[:24]}」) — Esc keeps it an orphan",
    )
    host.app.push_screen(dialog, done)


def edit_note(host: Widget, ctl: NotesSession, ann: Annotation, known_tags: dict[str, int],
              on_saved: Callable[[], None]) -> None:
    """Open the note dialog filled in; save what the user confirms."""
    from .note_dialog import NoteDialog

    def done(draft: NoteDraft | None) -> None:
        if draft is None:
            return
        try:
            ctl.edit(ann.id, draft)
        except Exception as exc:  # the store refused (read-only, locked, gone): say so, keep the list
            host.notify(f"Could not save the note: {exc}", severity="error")
            return
        on_saved()

    dialog = NoteDialog(ann.quote, note=ann.note, tags=ann.tags, color=ann.color,
                        known_tags=known_tags, title="Edit note")
    host.app.push_screen(dialog, done)


def delete_note(host: Widget, ctl: NotesSession, ann: Annotation) -> bool:
    """Delete ``ann`` (undoable with ``u``); False when the store refused."""
    try:
        ctl.delete(ann.id)
    except Exception as exc:  # reported to the user, nothing is lost
        host.notify(f"Could not delete the note: {exc}", severity="error")
        return False
    host.notify(f"Deleted 「{excerpt_cells(ann.quote, 24)}」 — u to undo")
    return True


def undo_delete(host: Widget, ctl: NotesSession) -> Annotation | None:
    """Bring back the last deleted note, if any."""
    try:
        ann = ctl.undo()
    except Exception as exc:  # reported to the user
        host.notify(f"Could not undo: {exc}", severity="error")
        return None
    if ann is None:
        host.notify("Nothing to undo")
        return None
    host.notify(f"Restored 「{excerpt_cells(ann.quote, 24)}」")
    return ann

