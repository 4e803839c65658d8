"""Add a word to the glossary from the lookup: term, pinyin, gloss, note.

Prefilled from the lookup (the word, its reading in the sentence, the first
definitions). ``Enter`` in the last field or ``ctrl+s`` saves; ``Esc`` cancels.
Returns the fields, or ``None``; the caller writes them (and reports errors).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


@dataclass(frozen=True)
class GlossaryFields:
    term: str
    pinyin: str
    gloss: str
    note: str


class GlossaryDialog(ModalScreen[GlossaryFields | None]):
    DEFAULT_CSS = """
    GlossaryDialog { align: center middle; }
    GlossaryDialog > Vertical {
        width: 72; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    GlossaryDialog #glossary-title { text-style: bold; }
    GlossaryDialog .glossary-label { color: $text-muted; }
    GlossaryDialog #glossary-hint { color: $text-muted; }
    GlossaryDialog #glossary-error { color: $error; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="glossary.cancel", tooltip="Close without adding"),
        Binding("ctrl+s", "save", "Save", id="glossary.save", tooltip="Add the entry to your glossary"),
    ]

    def __init__(self, term: str, pinyin: str = "", gloss: str = "", note: str = "") -> None:
        super().__init__()
        self.initial = GlossaryFields(term, pinyin, gloss, note)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add to your glossary", id="glossary-title")
            for name, label in (("term", "Term"), ("pinyin", "Pinyin"), ("gloss", "Gloss (English)"),
                                ("note", "Note")):
                yield Static(label, classes="glossary-label")
                yield Input(getattr(self.initial, name), id=f"glossary-{name}")
            yield Static("", id="glossary-error")
            yield Static("Tab next field · Enter in Note or ctrl+s save · Esc cancel", id="glossary-hint")

    def on_mount(self) -> None:
        self.query_one("#glossary-gloss", Input).focus()

    def _fields(self) -> GlossaryFields:
        value = lambda name: self.query_one(f"#glossary-{name}", Input).value.strip()  # noqa: E731
        return GlossaryFields(value("term"), value("pinyin"), value("gloss"), value("note"))

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "glossary-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        fields = self._fields()
        if not fields.term or any(ch.isspace() for ch in fields.term):
            self.query_one("#glossary-error", Static).update("The term is one word without spaces.")
            return
        self.dismiss(fields)

    def action_cancel(self) -> None:
        self.dismiss(None)
