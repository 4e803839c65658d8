"""Opening the notes database at app start, and the modal shown when it is unreadable.

A corrupt database is never overwritten: the modal says what is wrong, where
the backup is, and lets the user open it read-only, start with an empty
database (the broken file stays as the backup), or quit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..notes_session import NotesSession


class DatabaseErrorDialog(ModalScreen[str]):
    """Returns ``"read-only"``, ``"empty"`` or ``"quit"``."""

    DEFAULT_CSS = """
    DatabaseErrorDialog { align: center middle; }
    DatabaseErrorDialog > Vertical {
        width: 90; max-width: 100%; height: auto; border: thick $error; background: $surface; padding: 0 1;
    }
    DatabaseErrorDialog #db-title { text-style: bold; color: $error; }
    DatabaseErrorDialog Horizontal { height: auto; margin-top: 1; }
    DatabaseErrorDialog Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("r", "choose('read-only')", "Read-only", id="dberror.readonly",
                tooltip="Show the notes that can be read; save nothing"),
        Binding("e", "choose('empty')", "Start empty", id="dberror.empty",
                tooltip="Keep the damaged file as a backup and start a new database"),
        Binding("q,escape", "choose('quit')", "Quit", id="dberror.quit", tooltip="Quit; run reader doctor to salvage notes"),
    ]

    def __init__(self, path: Path | str, reason: str, backup: Path | str | None) -> None:
        super().__init__()
        self.path, self.reason, self.backup = path, reason, backup

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("The notes database cannot be read", id="db-title")
            yield Static(Text(f"File:    {self.path}"))
            yield Static(Text(f"Problem: {self.reason}"))
            yield Static(Text(f"Backup:  {self.backup}" if self.backup else "Backup:  (none could be made)"))
            yield Static(
                "Nothing was overwritten. `reader doctor` can salvage every readable note.\n"
                "Open it read-only (notes that can be read are shown, nothing is saved), "
                "start with an empty database (the broken file is kept as the backup), or quit."
            )
            with Horizontal():
                yield Button("Open read-only (r)", id="read-only", variant="primary")
                yield Button("Start empty (e)", id="empty", variant="warning")
                yield Button("Quit (q)", id="quit")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "quit")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def open_annotation_store(app: App[Any], db_path: Path | None = None) -> NotesSession:
    """Open the store for ``app`` (its notes session, ``app.notes``).

    On a corrupt file the returned controller has no store yet; the modal's
    answer fills it in (read-only / empty) or quits the app.
    """
    from annotations.store import AnnotationStore, CorruptDatabase

    controller = NotesSession(None, problem="the database is being opened")
    app.notes = controller  # type: ignore[attr-defined]
    try:
        store = AnnotationStore(db_path)
    except CorruptDatabase as caught:
        exc = caught  # ``caught`` is unbound after the except block; the callback runs later
        controller.problem = f"{exc.reason} ({exc.path})"

        def chosen(choice: str | None) -> None:
            try:
                if choice == "read-only":
                    controller.store = AnnotationStore(exc.path, read_only=True)
                    controller.read_only = True
                    controller.problem = f"{exc.path} is damaged; opened read-only"
                elif choice == "empty":
                    controller.store = AnnotationStore.open_empty_after_backup(exc.path)
                    controller.problem = ""
                    app.notify(f"Started an empty notes database. The damaged file is kept as {exc.backup}.")
                else:
                    app.exit(message=f"reader: the notes database {exc.path} is damaged ({exc.reason}); "
                             f"backup: {exc.backup}. Run `reader doctor`.")
                    return
            except (CorruptDatabase, OSError) as again:
                controller.problem = str(again)
                app.notify(f"Notes are unavailable: {again}", severity="error", timeout=15)
            _announce(app)

        app.push_screen(DatabaseErrorDialog(exc.path, exc.reason, exc.backup), chosen)
        return controller
    except OSError as exc:
        controller.problem = f"cannot open the notes database: {exc}"
        app.notify(controller.problem, severity="error", timeout=15)
        return controller
    controller.store = store
    controller.problem = ""
    return controller


def _announce(app: App[Any]) -> None:
    """Tell the screens that the store changed (they redraw their notes)."""
    for screen in app.screen_stack:
        refresh = getattr(screen, "refresh_annotations", None)
        if callable(refresh):
            refresh()
