"""Where the main screen meets the notes: the pane's ``annotation`` layer, the dialog, the notes screen.

Functions of the main screen (it passes itself), kept apart so the screen
module stays small: the pane asks to annotate, the notes panel says notes
changed, and the screen redraws the layer. The store is reached only through
the app's :class:`~reader.notes_session.NotesSession`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.model import Span

if TYPE_CHECKING:
    from .main import MainScreen
    from .notes_screen import JumpTarget


def refresh(screen: MainScreen) -> None:
    """The pane's notes layer and the notes tab, after any change to the notes."""
    doc, ctl = screen.document, screen.reader_app.notes
    if doc is None:
        return
    spans: list[Span] = []
    if ctl.available:
        try:
            spans = ctl.layer(doc)
        except Exception as exc:  # a store failure must not stop reading; say what happened
            screen.notify(f"Notes unavailable: {exc}", severity="error")
    screen.pane.set_layer("annotation", spans)
    if screen.side_ready:
        screen.side.notes.show_document(doc)


def annotate(screen: MainScreen, start: int, end: int) -> None:
    """The note dialog for the passage (or a pending re-attach moved there)."""
    doc, ctl = screen.document, screen.reader_app.notes
    if doc is None:
        return
    from .note_edits import annotate as note_dialog

    def saved() -> None:
        screen.pane.clear_selection()
        refresh(screen)

    note_dialog(screen, ctl, doc, start, end, saved)


def open_notes_screen(screen: MainScreen) -> None:
    """The notes screen (every note, by tag, orphans); it may send us to a passage."""
    ctl = screen.reader_app.notes
    from .notes_screen import NotesScreen

    def chosen(target: JumpTarget | None) -> None:
        if target is None:
            refresh(screen)
            return
        screen.open_document(target.doc_id, target.offset)
        screen.pane.focus()
        if target.reattach:
            screen.notify("Re-attaching: select the passage (v, move), then press a. "
                          "A to cancel from the annotations screen.", timeout=15)

    screen.app.push_screen(NotesScreen(ctl, screen.corpus), chosen)


def jump(screen: MainScreen, step: int) -> None:
    """Cursor to the next (1) or previous (-1) note of the document."""
    doc, ctl = screen.document, screen.reader_app.notes
    if doc is None:
        return
    here = screen.pane.cursor
    offset = ctl.next_offset(doc.id, here) if step > 0 else ctl.previous_offset(doc.id, here)
    if offset is None:
        screen.notify("No further notes" if step > 0 else "No earlier notes", timeout=2)
        return
    screen.pane.goto(offset)
