"""A plain stand-in for the reading pane, used only when ``reading_pane`` is absent.

It speaks the same small API as ``ReadingPane`` (``load``, ``goto``,
``set_layer``, ``set_tokens``, ``position``, ``cursor``, ``document``) so the
main screen has one code path; highlights are ignored.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from corpus import Document, Span


class PlainView(VerticalScroll, can_focus=True):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document: Document | None = None
        self.cursor = 0

    def compose(self):
        yield Static("", id="plain-body")

    def load(self, doc: Document, offset: int = 0) -> None:
        self.document = doc
        self.cursor = offset
        self.query_one("#plain-body", Static).update(Text(doc.text))
        self.scroll_home(animate=False)

    @property
    def position(self) -> int:
        return self.cursor

    @property
    def selection(self) -> tuple[int, int] | None:
        return None

    def goto(self, offset: int, *, cursor: bool = True) -> None:
        self.cursor = offset

    def set_layer(self, kind: str, spans: list[Span]) -> None:
        pass

    def set_tokens(self, tokens: list[tuple[str, int, int]]) -> None:
        pass
