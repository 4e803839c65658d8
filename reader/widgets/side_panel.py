"""The side panel: tabs for the outline, the keywords and the notes of the document.

The notes tab holds the ``NotesPanel`` (it reaches the store through the app's
notes session); the panel itself only arranges tabs and forwards the current document.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from corpus import Document

from .keywords_panel import KeywordsPanel
from .notes_panel import NotesPanel
from .outline import Outline

TABS = ("outline", "keywords", "notes")


class SidePanel(Vertical):
    """Outline · Keywords · Notes, as tabs."""

    BINDINGS = [
        Binding("1", "tab('outline')", "Outline", show=False, id="panel.outline", tooltip="Show the outline tab"),
        Binding("2", "tab('keywords')", "Keywords", show=False, id="panel.keywords", tooltip="Show the keywords tab"),
        Binding("3", "tab('notes')", "Notes", show=False, id="panel.notes", tooltip="Show the notes tab"),
    ]

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="outline", id="side-tabs"):
            with TabPane("Outline", id="outline"):
                yield Outline(id="outline-list")
            with TabPane("Keywords", id="keywords"):
                yield KeywordsPanel(id="keywords-list")
            with TabPane("Notes", id="notes"):
                yield NotesPanel(id="notes-panel")

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def active(self) -> str:
        return self.tabs.active

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def keywords(self) -> KeywordsPanel:
        return self.query_one(KeywordsPanel)

    @property
    def notes(self) -> NotesPanel:
        return self.query_one(NotesPanel)

    def show_document(self, doc: Document | None) -> None:
        self.outline.show_document(doc)
        self.keywords.show_pending("computing keywords…" if doc is not None else "")
        # The notes tab is filled by the screen's annotation hooks (refresh_annotations).

    def show_script(self, doc: Document, shown: str | None) -> None:
        """Headings and keywords as the pane shows them: from ``shown`` (the other script) or as written."""
        self.outline.show_document(doc, shown)
        self.keywords.show_script(shown)

    def action_tab(self, tab: str) -> None:
        self.tabs.active = tab
        self.focus_content()

    def focus_content(self) -> None:
        """Focus the active tab's list (what Tab-cycling lands on)."""
        pane = self.tabs.get_pane(self.active) if self.active else None
        if pane is None:
            return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return
