"""Opening the notes database after the first frame, and the modal shown when it is unreadable.

A corrupt database is never overwritten: the modal says what is wrong, where
the backup is, and lets the user open it read-only, start with an empty
database (the broken file stays as the backup), or quit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ..notes_session import NotesSession

if TYPE_CHECKING:
    from annotations.store import AnnotationStore, CorruptDatabase


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
        Binding("q,escape", "choose('quit')", "Quit", id="dberror.quit",
                tooltip="Quit; run reader doctor to salvage notes"),
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


def open_notes(app: App[None], session: NotesSession, db_path: Path | None = None) -> None:
    """Open the notes store in a worker (0.4 s at 10,000 notes: never before the first frame).

    The session fills in when the store is open and the main screen redraws its
    notes. A damaged file shows :class:`DatabaseErrorDialog`, whose answer opens it
    read-only, starts an empty one (the damaged file kept as the backup) or quits.
    """

    def work() -> None:
        from annotations.store import AnnotationStore, CorruptDatabase, NotADatabaseFile

        try:
            store = AnnotationStore(db_path)
        except CorruptDatabase as exc:
            app.call_from_thread(_damaged, app, session, exc)
            return
        except (OSError, NotADatabaseFile) as exc:
            app.call_from_thread(_failed, app, session, f"cannot open the notes database: {exc}")
            return
        app.call_from_thread(_opened, app, session, store)

    app.run_worker(work, name="open_notes", group="notes-store", exclusive=True, thread=True,
                   exit_on_error=False, description="opening the notes")


def _opened(app: App[None], session: NotesSession, store: AnnotationStore) -> None:
    # A read-only file (chmod 444) opens read-only: notes are shown, never written.
    session.store, session.read_only, session.problem = store, store.read_only, store.read_only_reason or ""
    _announce(app)


def _failed(app: App[None], session: NotesSession, problem: str) -> None:
    session.problem = problem
    app.notify(problem, severity="error", timeout=15)
    _announce(app)


def _damaged(app: App[None], session: NotesSession, exc: CorruptDatabase) -> None:
    from annotations.store import AnnotationStore, CorruptDatabase

    session.problem = f"{exc.reason} ({exc.path})"

    def chosen(choice: str | None) -> None:
        try:
            if choice == "read-only":
                session.store = AnnotationStore(exc.path, read_only=True)
                session.read_only = True
                session.problem = f"{exc.path} is damaged; opened read-only"
            elif choice == "empty":
                session.store = AnnotationStore.open_empty_after_backup(exc.path)
                session.problem = ""
                app.notify(f"Started an empty notes database. The damaged file is kept as {exc.backup}.")
            else:
                app.exit(message=f"reader: the notes database {exc.path} is damaged ({exc.reason}); "
                         f"backup: {exc.backup}. Run `reader doctor`.")
                return
        except (CorruptDatabase, OSError) as again:
            session.problem = str(again)
            app.notify(f"Notes are unavailable: {again}", severity="error", timeout=15)
        _announce(app)

    app.push_screen(DatabaseErrorDialog(exc.path, exc.reason, exc.backup), chosen)


def _announce(app: App[None]) -> None:
    """Tell the main screen that the store changed (it redraws its notes)."""
    from .main import MainScreen

    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            screen.refresh_annotations()
