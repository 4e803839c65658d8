"""The main screen's script toggle: the document shown in simplified or traditional characters.

A collaborator of :class:`~reader.screens.main.MainScreen` (key ``T``). Display
only: the document, its offsets, notes, search hits and marks never change. What
is shown of the document changes together — the text and the header in the pane
(``ReadingPane.set_shown``), the title bar, the outline and the keywords tab —
converted in a worker by :mod:`corpus.lexicon.script` (one character for one).
The choice stays while other documents open: each is converted as it opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.model import Document

from .widgets.pane_state import ShownScript

if TYPE_CHECKING:
    from .screens.main import MainScreen


def shown_in(doc: Document, script: str) -> ShownScript:
    """``doc``'s text, title, authors and source in ``script`` (imports OpenCC: run it in a worker)."""
    from corpus.lexicon.script import convert

    return ShownScript(
        text=convert(doc.text, script),
        title=convert(doc.title, script),
        authors=tuple(convert(name, script) for name in doc.authors),
        source=convert(doc.source or "", script),
    )


class ScriptToggle:
    """Which script the document is shown in, and everything drawn in it."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        #: The script the document is shown in, when not as written ("traditional" / "simplified").
        self.script: str | None = None

    def toggle(self) -> None:
        """Show the document in the other script, or as written again."""
        doc = self.screen.document
        if doc is None:
            return
        if self.script is not None:
            self.script = None
            self._show(None)
            self.screen.notify("Text as written", timeout=2)
            return
        from corpus.text.fold import has_traditional

        self.script = "simplified" if has_traditional(doc.text) else "traditional"
        self.document_opened(doc)

    def document_opened(self, doc: Document) -> None:
        """After a document opens: convert it if a script is chosen."""
        if self.script is None:
            return  # the pane loads a document as written
        script = self.script
        self.screen.run_worker(lambda: self._convert(doc, script), thread=True, group="script",
                               exit_on_error=False, description="script conversion")

    def _convert(self, doc: Document, script: str) -> None:
        shown = shown_in(doc, script)
        self.screen.app.call_from_thread(self._converted, doc.id, script, shown)

    def _converted(self, doc_id: str, script: str, shown: ShownScript) -> None:
        doc = self.screen.document
        if doc is None or doc.id != doc_id or self.script != script:
            return  # another document or the toggle since
        self._show(shown)
        self.screen.notify(f"Shown in {script} characters (T: as written)", timeout=2)

    def _show(self, shown: ShownScript | None) -> None:
        screen = self.screen
        screen.pane.set_shown(shown)
        screen.show_position()  # the title bar
        if screen.side_ready and screen.document is not None:
            screen.side.show_script(screen.document, shown.text if shown is not None else None)
            screen.side.outline.highlight_offset(screen.pane.position)
