"""Where the main screen meets annotations (the annotation UI's widgets and controller).

Kept apart from ``main.py`` so the integration is small and obvious: the
reading pane asks to annotate, the notes panel asks to jump or says notes
changed, and the screen refreshes the pane's ``annotation`` layer. The store
is reached only through ``app.notes`` (an ``NotesSession``).
"""

from __future__ import annotations

from typing import Any


class AnnotationHooks:
    """Mixin for :class:`~reader.screens.main.MainScreen`."""

    document: Any
    pane: Any
    side: Any

    @property
    def _controller(self) -> Any:
        return getattr(self.app, "notes", None)  # type: ignore[attr-defined]

    def refresh_annotations(self) -> None:
        doc, ctl = self.document, self._controller
        if doc is None:
            return
        spans = []
        if ctl is not None and ctl.available:
            try:
                ctl.prepare(doc)
                spans = ctl.spans(doc)
            except Exception as exc:  # a store failure must not stop reading; say what happened
                self.notify(f"Notes unavailable: {exc}", severity="error")  # type: ignore[attr-defined]
        self.pane.set_layer("annotation", spans)
        notes = self.side.notes
        if hasattr(notes, "show_document"):
            notes.show_document(doc)

    def on_reading_pane_annotate_requested(self, message: Any) -> None:
        message.stop()
        doc, ctl = self.document, self._controller
        if doc is None or ctl is None:
            self.notify("Notes are unavailable", severity="warning")  # type: ignore[attr-defined]
            return
        start, end = message.start, message.end
        if end <= start:
            self.notify("Select a passage first (v, then move)", severity="warning")  # type: ignore[attr-defined]
            return
        if not ctl.available or ctl.read_only:
            # Refuse before the dialog, so nobody types a note that cannot be saved.
            self.notify(f"Notes cannot be saved: {ctl.problem or 'the database is read-only'}",  # type: ignore[attr-defined]
                        severity="warning", timeout=8)
            return
        from .note_dialog import NoteDialog

        orphan = ctl.get(ctl.pending_reattach) if ctl.pending_reattach else None
        if orphan is not None:
            self._reattach(orphan, doc, start, end)
            return

        def done(draft: Any) -> None:
            if draft is None:
                return
            try:
                ctl.create(doc, start, end, draft)
            except Exception as exc:  # the store refused: the draft is shown so nothing is lost
                self.notify(f"Could not save the note: {exc}\n{draft.note}", severity="error", timeout=30)  # type: ignore[attr-defined]
                return
            self.pane.clear_selection()
            self.refresh_annotations()

        self.app.push_screen(NoteDialog(doc.text[start:end], known_tags=ctl.tags()), done)  # type: ignore[attr-defined]

    def _reattach(self, orphan: Any, doc: Any, start: int, end: int) -> None:
        """The note dialog for a pending re-attach: save moves the note here, Esc drops the plan."""
        from .note_dialog import NoteDialog

        ctl = self._controller

        def done(draft: Any) -> None:
            if draft is None:
                ctl.pending_reattach = None
                self.notify("Re-attach cancelled; the note stays an orphan")  # type: ignore[attr-defined]
                return
            try:
                ctl.reattach(orphan.id, doc, start, end)
                ann = ctl.edit(orphan.id, draft)
            except Exception as exc:
                self.notify(f"Could not re-attach the note: {exc}", severity="error")  # type: ignore[attr-defined]
                return
            self.notify(f"Note re-attached to 「{ann.quote[:20]}」")  # type: ignore[attr-defined]
            self.pane.clear_selection()
            self.refresh_annotations()

        dialog = NoteDialog(
            doc.text[start:end], note=orphan.note, tags=orphan.tags, color=orphan.color,
            known_tags=ctl.tags(), title=f"Re-attach note (was 「{orphan.quote[:24]}」) — Esc keeps it an orphan",
        )
        self.app.push_screen(dialog, done)  # type: ignore[attr-defined]

    def action_annotations(self) -> None:
        """The annotations screen (every note, by tag, orphans); it may send us to a passage."""
        ctl = self._controller
        if ctl is None:
            self.notify("Notes are unavailable", severity="warning")  # type: ignore[attr-defined]
            return
        from .notes_screen import NotesScreen

        def chosen(target: Any) -> None:
            if target is None:
                self.refresh_annotations()
                return
            self.open_document(target.doc_id, target.offset)  # type: ignore[attr-defined]
            self.pane.focus()
            if target.reattach:
                self.notify("Re-attaching: select the passage (v, move), then press a. "  # type: ignore[attr-defined]
                            "A to cancel from the annotations screen.", timeout=15)

        self.app.push_screen(NotesScreen(ctl, self.corpus), chosen)  # type: ignore[attr-defined]

    def _jump_annotation(self, step: int) -> None:
        doc, ctl = self.document, self._controller
        if doc is None or ctl is None:
            return
        here = self.pane.cursor
        offset = ctl.next_offset(doc.id, here) if step > 0 else ctl.previous_offset(doc.id, here)
        if offset is None:
            self.notify("No further notes" if step > 0 else "No earlier notes", timeout=2)  # type: ignore[attr-defined]
            return
        self.pane.goto(offset)

    def action_next_annotation(self) -> None:
        self._jump_annotation(1)

    def action_previous_annotation(self) -> None:
        self._jump_annotation(-1)

    def on_notes_panel_jump_requested(self, message: Any) -> None:
        message.stop()
        self.pane.goto(message.offset)
        self.pane.focus()

    def on_notes_panel_changed(self, message: Any) -> None:
        message.stop()
        self.refresh_annotations()
