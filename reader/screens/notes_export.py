"""Export from the annotations screen: the dialog, then a worker that renders and writes.

A mixin of :class:`~reader.screens.notes_screen.NotesScreen` (plain methods;
the screen holds the bindings): ``x`` → :class:`ExportDialog` → ``run_export``
in a thread worker with a progress bar → a notification naming the file.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import ProgressBar

from annotations.model import Annotation

from .export_dialog import ExportDialog, ExportRequest


class ExportActions:
    """Needs ``controller``, ``corpus``, ``shown``, ``filter_text`` and ``_status`` on the screen."""

    is_attached: bool
    shown: list[Annotation]
    filter_text: str
    controller: Any
    corpus: Any

    def action_export(self) -> None:
        if not self.shown:
            self.notify("Nothing to export: the filter shows no notes.", severity="warning")
            return
        last = getattr(self.controller, "last_export", None)  # (format, folder) of the previous export
        fmt, folder = last if last else ("md", None)
        self.app.push_screen(ExportDialog(len(self.shown), self.filter_text, folder, fmt), self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        self.controller.last_export = (request.fmt, request.path.parent)
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=len(self.shown), progress=0)
        bar.add_class("busy")
        self._status(f"Exporting {len(self.shown)} notes to {request.path}…")
        # The app is handed over now: once this screen is closed, a thread cannot find it.
        self.run_export(self.app, request, list(self.shown))

    # ``description``: otherwise Textual repr()s the arguments (thousands of notes) on the UI thread.
    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export")
    def run_export(self, app: Any, request: ExportRequest, anns: list[Annotation]) -> None:
        step = max(1, len(anns) // 100)
        reported = [0]

        def progress(done: int, total: int | None = None, *_: Any) -> None:
            # At most ~100 repaints, however often the renderer reports.
            if done - reported[0] >= step or done == total:
                reported[0] = done
                app.call_from_thread(self._export_progress, done, total)

        try:
            from annotations.export import render
            from annotations.export.files import write_export

            text = render(request.fmt, anns, self.corpus, progress=progress)
            write_export(request.path, text, force=request.overwrite)
        except Exception as exc:  # any failure is reported; the notes themselves are untouched
            app.call_from_thread(self._export_done, app, request, len(anns), str(exc))
            return
        app.call_from_thread(self._export_done, app, request, len(anns), None)

    def _export_progress(self, done: int, total: int | None) -> None:
        if not self.is_attached:  # the user went back to reading; the export carries on
            return
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=total or bar.total, progress=done)

    def _export_done(self, app: Any, request: ExportRequest, count: int, error: str | None) -> None:
        # Through the app: the notification must appear even if this screen was closed.
        if error:
            message = f"Export failed: {error}"
            app.notify(message, severity="error", timeout=10)
        else:
            message = f"Exported {count} note{'s' if count != 1 else ''} ({request.fmt}) to {request.path}"
            app.notify(message, timeout=10)
        if self.is_attached:
            self.query_one("#export-progress", ProgressBar).remove_class("busy")
            self._status(message, error=bool(error))
