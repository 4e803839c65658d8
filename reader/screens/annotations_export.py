"""Export from the annotations screen: the dialog, then a worker that renders and writes.

A mixin of :class:`~reader.screens.annotations.AnnotationsScreen` (plain methods;
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
        self.run_export(request, list(self.shown))

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, request: ExportRequest, anns: list[Annotation]) -> None:
        step = max(1, len(anns) // 100)

        def progress(done: int, total: int | None = None, *_: Any) -> None:
            if done % step == 0 or done == total:
                self.app.call_from_thread(self._export_progress, done, total)

        try:
            from annotations.export import render
            from annotations.export.files import write_export

            text = render(request.fmt, anns, self.corpus, progress=progress)
            write_export(request.path, text, force=request.overwrite)
        except (OSError, ValueError, ImportError) as exc:
            self.app.call_from_thread(self._export_done, request, len(anns), str(exc))
            return
        self.app.call_from_thread(self._export_done, request, len(anns), None)

    def _export_progress(self, done: int, total: int | None) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=total or bar.total, progress=done)

    def _export_done(self, request: ExportRequest, count: int, error: str | None) -> None:
        self.query_one("#export-progress", ProgressBar).remove_class("busy")
        if error:
            self._status(f"Export failed: {error}", error=True)
            self.notify(f"Export failed: {error}", severity="error", timeout=10)
            return
        message = f"Exported {count} note{'s' if count != 1 else ''} ({request.fmt}) to {request.path}"
        self._status(message)
        self.notify(message, timeout=10)
