"""Export dialog: choose a format and a path for the notes the current filter shows.

Returns an :class:`ExportRequest` or ``None``.  An existing file is only
overwritten after a second confirmation (``Enter`` again on the same path).
The file itself is written by ``annotations.export.files.write_export``
(atomic, no clobbering) in the annotations screen's worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

#: (format, file suffix, label) — the formats of ``annotations.export.FORMATS``.
FORMAT_CHOICES = (
    ("md", ".md", "Markdown (grouped by section and document)"),
    ("json", ".json", "JSON (W3C Web Annotation)"),
    ("csv", ".csv", "CSV (spreadsheets; UTF-8 with BOM)"),
    ("html", ".html", "HTML (one self-contained page)"),
    ("inline", "-inline.md", "Full text with the notes inline (Markdown)"),
)
_SUFFIX = {fmt: suffix for fmt, suffix, _ in FORMAT_CHOICES}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: Path
    overwrite: bool = False


def default_export_path(fmt: str, directory: Path | None = None, today: dt.date | None = None) -> Path:
    """``<directory>/reader-export-YYYYMMDD.<ext>`` (directory: the working folder)."""
    day = (today or dt.date.today()).strftime("%Y%m%d")
    return (directory or Path.cwd()) / f"reader-export-{day}{_SUFFIX[fmt]}"


def _swap_suffix(path: str, fmt: str) -> str:
    """Follow a format change in the path, unless the user typed their own ending."""
    for suffix in sorted(_SUFFIX.values(), key=len, reverse=True):
        if path.endswith(suffix):
            return path[: -len(suffix)] + _SUFFIX[fmt]
    return path


class ExportDialog(ModalScreen[ExportRequest | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 80; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #export-title { text-style: bold; }
    ExportDialog .muted { color: $text-muted; }
    ExportDialog #export-warning { color: $warning; }
    ExportDialog RadioSet { width: 100%; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without exporting"),
        Binding("ctrl+s", "export", "Export", priority=True, id="export.run", tooltip="Export to the file"),
    ]

    def __init__(self, count: int, filter_text: str = "", directory: Path | None = None, fmt: str = "md") -> None:
        super().__init__()
        self.count = count
        self.filter_text = filter_text
        self.fmt = fmt if fmt in _SUFFIX else "md"
        self.path = default_export_path(self.fmt, directory)
        self._armed: Path | None = None  # path whose overwrite the user was warned about

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Export {self.count} note{'s' if self.count != 1 else ''}", id="export-title")
            yield Static(Text(f"Filter: {self.filter_text or '(all notes)'}"), classes="muted")
            with RadioSet(id="export-format"):
                for fmt, _suffix, label in FORMAT_CHOICES:
                    yield RadioButton(f"{fmt:7} {label}", value=fmt == self.fmt, id=f"fmt-{fmt}")
            yield Label("File")
            yield Input(str(self.path), id="export-path")
            yield Static("", id="export-warning")
            yield Static("shift+Tab to the formats (↑/↓ choose) · Enter in File or ctrl+s exports · Esc cancel",
                         classes="muted")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-format")
    def format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = (event.pressed.id or "fmt-md").removeprefix("fmt-")
        box = self.query_one("#export-path", Input)
        box.value = _swap_suffix(box.value, self.fmt)

    @on(Input.Submitted, "#export-path")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _warn(self, message: str) -> None:
        self.query_one("#export-warning", Static).update(Text(message))  # it names paths: never markup

    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._warn("Type a file path.")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self._warn(f"{path} is a folder: add a file name.")
            return
        if not path.parent.is_dir():
            self._warn(f"The folder {path.parent} does not exist.")
            return
        overwrite = path.exists()
        if overwrite and self._armed != path:
            self._armed = path
            self._warn(f"{path.name} exists. Enter again to overwrite it, or change the name.")
            return
        self.dismiss(ExportRequest(self.fmt, path, overwrite=overwrite))

    def action_cancel(self) -> None:
        self.dismiss(None)
