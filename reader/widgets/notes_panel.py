"""The side panel's notes tab: this document's annotations.

Each row shows a colour swatch, the quote, the note's first line and the tags.
``Enter`` jumps to the passage, ``e`` edits (the note dialog, prefilled), ``d``
deletes and ``u`` brings the last deleted note back.  The panel talks upward by
messages (``JumpRequested``, ``Changed``); the store is reached through the app's
:class:`~reader.notes_session.NotesSession` (``app.notes``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from annotations.model import Annotation
from corpus.model import Document

from ..note_text import excerpt_cells, first_line, swatch_style
from ..notes_session import NotesSession, notes_of
from ..screens.note_edits import delete_note, edit_note, undo_delete

#: Seconds between checks of the database file for changes made by other processes.
EXTERNAL_CHECK = 2.0


def note_row(ann: Annotation, width: int = 30) -> Text:
    """Up to three lines of ``width`` cells: swatch + quote, note, tags."""
    swatch = ("▌", swatch_style(ann.color))
    flag = {"orphan": " (orphan)", "moved": " (moved)"}.get(ann.status, "")
    quote = excerpt_cells(ann.quote, max(4, width - 2 - len(flag)))
    head = Text.assemble(swatch, " ", (quote, "bold"), (flag, "red" if ann.status == "orphan" else "yellow"))
    line = first_line(ann.note)
    note = Text("  " + excerpt_cells(line, width - 2) if line else "  —", style="" if line else "dim")
    parts = [head, note]
    if ann.tags:
        parts.append(Text("  " + excerpt_cells(" ".join(f"#{t}" for t in ann.tags), width - 2), style="cyan"))
    return Text("\n").join(parts)


class NotesPanel(Vertical):
    """This document's annotations, for the side panel's notes tab."""

    DEFAULT_CSS = """
    NotesPanel { height: 1fr; }
    NotesPanel > #notes-header { color: $text-muted; height: auto; }
    NotesPanel > OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit", id="notes.edit", tooltip="Edit the selected note"),
        Binding("d", "delete", "Delete", id="notes.delete", tooltip="Delete the selected note (u undoes)"),
        Binding("u", "undo", "Undo", id="notes.undo", tooltip="Bring back the last deleted note"),
    ]

    class JumpRequested(Message):
        """The user chose a note: show ``offset`` of the current document."""

        def __init__(self, ann_id: str, offset: int) -> None:
            super().__init__()
            self.ann_id = ann_id
            self.offset = offset

    class Changed(Message):
        """Notes of ``doc_id`` changed here (edit, delete, undo): redraw highlights."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, controller: NotesSession | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._controller = controller
        self.document: Document | None = None
        self.annotations: list[Annotation] = []
        self._drawn_width = 0
        self._seen: int | None = None  # database file's mtime at the last check

    @property
    def controller(self) -> NotesSession | None:
        return self._controller or notes_of(self.app)

    @controller.setter
    def controller(self, value: NotesSession | None) -> None:
        self._controller = value

    def on_mount(self) -> None:
        self.set_interval(EXTERNAL_CHECK, self._check_external)

    def _check_external(self) -> None:
        """Notice notes written by another process (``reader note add`` in another terminal)."""
        ctl = self.controller
        path = ctl.store.path if ctl is not None and ctl.store is not None else None
        if path is None:
            return
        try:
            signature = path.stat().st_mtime_ns
        except FileNotFoundError:
            signature = -1  # not written yet: its appearance counts as a change
        except OSError:
            return  # unreadable: the next store call reports the real problem
        seen, self._seen = self._seen, signature
        if seen is not None and signature != seen and self.document is not None:
            self._changed()  # cheap; our own writes land here too

    def compose(self) -> ComposeResult:
        yield Static("No document", id="notes-header")
        yield OptionList(id="notes-list")

    # -- content ---------------------------------------------------------------

    def show_document(self, doc: Document | None) -> None:
        """List ``doc``'s notes (call again after any change)."""
        self.document = doc
        self.reload()

    def reload(self, select: str | None = None) -> None:
        ctl = self.controller
        doc = self.document
        listing = self.query_one("#notes-list", OptionList)
        keep = select or self.selected_id
        before = {a.id for a in self.annotations if doc and a.target.doc_id == doc.id}
        problem = ""
        try:
            self.annotations = ctl.for_document(doc.id) if (ctl and doc) else []
        except Exception as exc:  # a damaged or vanished store: show why instead of crashing
            self.annotations, problem = [], str(exc)
        if select is None and before:
            # A note just made in the text: highlight it, so e / d act on it.
            fresh = [a.id for a in self.annotations if a.id not in before]
            keep = fresh[0] if fresh else keep
        listing.clear_options()
        width = self._drawn_width = self._row_width()
        listing.add_options(Option(note_row(a, width), id=a.id) for a in self.annotations)
        header = self.query_one("#notes-header", Static)
        if problem:
            header.update(Text(f"Notes unavailable: {problem}", style="red"))
        elif doc is None:
            header.update("No document")
        elif ctl is None or not ctl.available:
            header.update("Notes unavailable" + (f": {ctl.problem}" if ctl and ctl.problem else ""))
        else:
            n = len(self.annotations)
            ro = " · read-only" if ctl.read_only else ""
            keys = "↵ jump  e edit  d del  u undo"
            header.update(f"{n} note{'s' if n != 1 else ''}{ro}\n{keys}" if n else f"No notes yet{ro}\n{keys}")
        if self.annotations:
            ids = [a.id for a in self.annotations]
            listing.highlighted = ids.index(keep) if keep in ids else 0

    def _row_width(self) -> int:
        # The list's scrollbar and padding take a few cells; before layout use a sensible width.
        width = self.content_size.width
        return max(12, width - 3) if width else 30

    def on_resize(self) -> None:
        if self.annotations and self._drawn_width != self._row_width():
            self.reload()

    @property
    def selected_id(self) -> str | None:
        listing = self.query_one("#notes-list", OptionList)
        idx = listing.highlighted
        if idx is None or not (0 <= idx < listing.option_count):
            return None
        return listing.get_option_at_index(idx).id

    def selected(self) -> Annotation | None:
        ann_id = self.selected_id
        return next((a for a in self.annotations if a.id == ann_id), None)

    # -- actions ---------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ann = next((a for a in self.annotations if a.id == event.option.id), None)
        if ann is None:
            return
        if ann.status == "orphan":
            ctl = self.controller
            if ctl is None or ctl.read_only or not ctl.available:
                self.notify("This note lost its passage; the database is read-only.", severity="warning")
                return
            ctl.pending_reattach = ann.id
            self.notify("This note lost its passage. Select where it belongs (v, move) and press a; "
                        "Esc in the dialog keeps it an orphan.", timeout=12)
            return
        self.post_message(self.JumpRequested(ann.id, ann.selector.start))

    def action_edit(self) -> None:
        ann, ctl = self.selected(), self.controller
        if ann is not None and ctl is not None:
            edit_note(self, ctl, ann, ctl.tags(), lambda: self._changed(select=ann.id))

    def action_delete(self) -> None:
        ann, ctl = self.selected(), self.controller
        if ann is not None and ctl is not None and delete_note(self, ctl, ann):
            self._changed()

    def action_undo(self) -> None:
        ctl = self.controller
        if ctl is not None and (ann := undo_delete(self, ctl)) is not None:
            self._changed(select=ann.id)

    def _changed(self, select: str | None = None) -> None:
        self.reload(select=select)
        if self.document is not None:
            self.post_message(self.Changed(self.document.id))
