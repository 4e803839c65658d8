"""The status line: what the app is doing (indexing, keywords) with a progress bar, or its last message.

Workers never touch it directly: they post messages that the main screen
turns into :meth:`StatusBar.progress` / :meth:`StatusBar.done` calls on the
main thread. One widget that draws one line (no child widgets): it is part of
the first frame, where every widget costs start-up time.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

#: Cells of the progress bar.
BAR = 24


def status_line(task: str, done: int | None, total: int | None, message: str) -> Text:
    """``indexing  ━━━━━━━╸─────  120/500  (esc cancels)``, or the message when nothing runs."""
    if not task:
        return Text(message, no_wrap=True, overflow="ellipsis")
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(task)
    if total:
        filled = BAR * min(max(done or 0, 0), total) // total
        line.append("  ")
        line.append("━" * filled, "bold")
        line.append("─" * (BAR - filled), "dim")
        line.append(f"  {done or 0}/{total}")
    else:
        line.append(" …")
    line.append("  (esc cancels)", "dim")
    return line


class StatusBar(Widget):
    """``task ━━━━╸──── done/total (esc cancels)`` while work runs; the last message otherwise."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.running = ""  # the task in progress ("" when idle)
        self.done_count: int | None = None
        self.total: int | None = None
        self.message = ""

    def render(self) -> Text:
        return status_line(self.running, self.done_count, self.total, self.message)

    def progress(self, task: str, done: int | None = None, total: int | None = None) -> None:
        self.running, self.done_count, self.total = task, done, total
        self.refresh()

    def done(self, message: str = "") -> None:
        self.running, self.done_count, self.total = "", None, None
        self.say(message)

    def say(self, message: str) -> None:
        self.message = message
        self.refresh()
