"""Saved filters on the annotations screen: ``ctrl+s`` names the current filter, ``@name`` recalls it.

The names are the store's (``AnnotationStore.save_filter``), shared with
``reader notes --saved NAME``.  A mixin of the annotations screen.
"""

from __future__ import annotations

from typing import Any

from textual.suggester import SuggestFromList
from textual.widgets import Input

from .prompt import PromptDialog


class SavedFilters:
    """Needs ``controller`` and ``filter_text`` on the screen."""

    controller: Any
    filter_text: str

    def _saved(self) -> dict[str, str]:
        store = self.controller.store
        return dict(store.saved_filters()) if store is not None else {}

    def _expand_saved(self, text: str) -> str:
        """``@name`` words become the saved filter's text (``ValueError`` for unknown names)."""
        if "@" not in text:
            return text
        saved = self._saved()
        words = []
        for word in text.split():
            if word.startswith("@") and len(word) > 1:
                if word[1:] not in saved:
                    known = ", ".join(f"@{n}" for n in saved) or "none yet (ctrl+s saves one)"
                    raise ValueError(f"no saved filter {word} (saved: {known})")
                words.append(saved[word[1:]])
            else:
                words.append(word)
        return " ".join(words)

    def action_save_filter(self) -> None:
        text = self.filter_text.strip()
        if not text or text.startswith("@") and " " not in text:
            self.notify("Type a filter first (/), then ctrl+s saves it under a name.")
            return

        def done(name: str | None) -> None:
            if not name:
                return
            name = name.lstrip("@").strip()
            try:
                self.controller.store.save_filter(name, self._expand_saved(text))
            except Exception as exc:  # read-only store, bad filter, disk: say so
                self.notify(f"Filter not saved: {exc}", severity="error")
                return
            self._refresh_filter_suggester()
            self.notify(f"Saved as @{name} (also: reader notes --saved {name})")

        self.app.push_screen(PromptDialog("Save filter", f"Save 「{text}」 as:"), done)

    def _refresh_filter_suggester(self) -> None:
        names = [f"@{n}" for n in sorted(self._saved())]
        self.query_one("#filter", Input).suggester = SuggestFromList(names, case_sensitive=True) if names else None
