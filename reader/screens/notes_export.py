"""Export from the notes screen: a worker that renders and writes, with a progress bar.

``x`` → :class:`~reader.screens.export_dialog.ExportDialog` → :func:`start_export`:
the notes the screen shows are rendered and written in a thread worker; progress
and the final notification go through the app, so they still arrive if the
screen was closed (the export carries on).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.widgets import ProgressBar

from .export_dialog import ExportRequest

if TYPE_CHECKING:
    from .notes_screen import NotesScreen


def start_export(screen: NotesScreen, request: ExportRequest | None) -> None:
    """Render what ``screen`` shows as ``request.fmt`` and write it to ``request.path``, in a worker."""
    if request is None:
        return
    anns, corpus = list(screen.shown), screen.corpus
    screen.controller.last_export = (request.fmt, request.path.parent)
    bar = screen.query_one("#export-progress", ProgressBar)
    bar.update(total=len(anns), progress=0)
    bar.add_class("busy")
    screen.show_status(f"Exporting {len(anns)} notes to {request.path}…")
    app: App[object] = screen.app  # handed over now: once the screen is closed, a thread cannot find it
    step = max(1, len(anns) // 100)

    def work() -> None:
        reported = [0]

        def progress(done: int, total: int | None = None, *_: object) -> None:
            # At most ~100 repaints, however often the renderer reports.
            if done - reported[0] >= step or done == total:
                reported[0] = done
                app.call_from_thread(_progress, screen, done, total)

        try:
            from annotations.export import render
            from annotations.export.files import write_export

            text = render(request.fmt, anns, corpus, progress=progress)
            write_export(request.path, text, force=request.overwrite)
        except Exception as exc:  # any failure is reported; the notes themselves are untouched
            app.call_from_thread(_done, app, screen, request, len(anns), str(exc))
            return
        app.call_from_thread(_done, app, screen, request, len(anns), None)

    # ``description``: otherwise Textual repr()s the arguments (thousands of notes) on the UI thread.
    screen.run_worker(work, name="export", group="export", exclusive=True, thread=True,
                      exit_on_error=False, description="export")


def _progress(screen: NotesScreen, done: int, total: int | None) -> None:
    if not screen.is_attached:  # the user went back to reading; the export carries on
        return
    bar = screen.query_one("#export-progress", ProgressBar)
    bar.update(total=total or bar.total, progress=done)


def _done(app: App[object], screen: NotesScreen, request: ExportRequest, count: int, error: str | None) -> None:
    # Through the app: the notification must appear even if the screen was closed.
    if error:
        message = f"Export failed: {error}"
        app.notify(message, severity="error", timeout=10)
    else:
        message = f"Exported {count} note{'s' if count != 1 else ''} ({request.fmt}) to {request.path}"
        app.notify(message, timeout=10)
    if screen.is_attached:
        screen.query_one("#export-progress", ProgressBar).remove_class("busy")
        screen.show_status(message, error=error is not None)
