"""The status line: what the app is doing (indexing, keywords) with a progress bar.

Workers never touch it directly: they post messages that the main screen
turns into :meth:`StatusBar.progress` / :meth:`StatusBar.done` calls on the
main thread.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class StatusBar(Horizontal):
    """``[task label] [progress bar]  [message]``; hidden bar when idle."""

    def compose(self) -> ComposeResult:
        yield Label("", id="status-task")
        yield ProgressBar(total=None, show_eta=False, id="status-progress")
        yield Label("", id="status-message")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def progress(self, task: str, done: int | None = None, total: int | None = None) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        self.query_one("#status-task", Label).update(task + "  (esc cancels)")
        bar.update(total=total, progress=done or 0)

    def done(self, message: str = "") -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#status-task", Label).update("")
        self.say(message)

    def say(self, message: str) -> None:
        self.query_one("#status-message", Label).update(message)
