"""The outline tab: the document's title and headings; Enter jumps there."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus import Document

from ..shown import shown as safe


class Outline(OptionList):
    """Headings of the current document; posts :class:`Outline.Jump`."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="outline.down", tooltip="Next heading"),
        Binding("k", "cursor_up", "Up", show=False, id="outline.up", tooltip="Previous heading"),
    ]

    class Jump(Message):
        """Go to character ``offset`` of the document."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.offsets: list[int] = []

    def show_document(self, doc: Document | None, shown: str | None = None) -> None:
        """The headings of ``doc``; their labels from ``shown`` (the text in the other script,
        same offsets) when given."""
        self.clear_options()
        self.offsets = []
        if doc is None:
            return
        options = []
        for block, text in doc.iter_blocks("title", "heading"):
            indent = "  " * max(block.level - 1, 0)
            if shown is not None:
                text = shown[block.start : block.end]
            label = safe(text).replace("\n", " ").strip()
            style = "bold" if block.type == "title" else ""
            options.append(Option(Text(indent + label, style=style, overflow="ellipsis", no_wrap=True)))
            self.offsets.append(block.start)
        if not options:
            options.append(Option(Text("no headings", style="dim italic"), disabled=True))
        self.add_options(options)

    def highlight_offset(self, offset: int) -> None:
        """Follow the reading position: highlight the heading we are under."""
        index = None
        for i, start in enumerate(self.offsets):
            if start <= offset:
                index = i
            else:
                break
        if index is not None and index != self.highlighted:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.offsets):
            self.post_message(self.Jump(self.offsets[event.option_index]))
