"""A one-line question in a modal box (tag rename and merge).

Returns the typed text on ``Enter``, ``None`` on ``Esc``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static


class PromptDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PromptDialog { align: center middle; }
    PromptDialog > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    PromptDialog #prompt-title { text-style: bold; }
    PromptDialog #prompt-hint { color: $text-muted; }
    PromptDialog #prompt-error { color: $error; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close without changing anything")]

    def __init__(self, title: str, message: str, value: str = "", suggester: Suggester | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.value = value
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="prompt-title")
            yield Static(self.message)
            yield Input(self.value, id="prompt-input", suggester=self.suggester)
            yield Static("", id="prompt-error")
            yield Static("Enter OK · Esc cancel", id="prompt-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#prompt-error", Static).update("Type something, or Esc to cancel.")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
