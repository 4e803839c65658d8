"""Edit, delete and undo a note from any list of notes (the notes tab, the
annotations screen): one behaviour and one set of messages for both."""

from __future__ import annotations

from typing import Any, Callable

from annotations.model import Annotation

from ..note_text import excerpt_cells
from ..notes_session import NoteDraft, NotesSession


def edit_note(host: Any, ctl: NotesSession, ann: Annotation, known_tags: dict[str, int],
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


def delete_note(host: Any, ctl: NotesSession, ann: Annotation) -> bool:
    """Delete ``ann`` (undoable with ``u``); False when the store refused."""
    try:
        ctl.delete(ann.id)
    except Exception as exc:  # reported to the user, nothing is lost
        host.notify(f"Could not delete the note: {exc}", severity="error")
        return False
    host.notify(f"Deleted 「{excerpt_cells(ann.quote, 24)}」 — u to undo")
    return True


def undo_delete(host: Any, ctl: NotesSession) -> Annotation | None:
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
