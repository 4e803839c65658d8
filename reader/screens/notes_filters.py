"""The annotations screen's filter bar: saved filters and completion.

``ctrl+s`` names the current filter, ``@name`` recalls it; typing ``tag:``,
``-tag:``, ``section:`` or ``@`` completes from what exists (``→`` accepts).

The names are the store's (``AnnotationStore.save_filter``), shared with
``reader notes --saved NAME``.  A mixin of the annotations screen.
"""

from __future__ import annotations

from typing import Any

from textual.suggester import Suggester
from textual.widgets import Input

from .prompt import PromptDialog


class SavedFilters:
    """Needs ``controller``, ``corpus`` and ``filter_text`` on the screen."""

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
        store = self.controller.store
        tags = list(store.tags()) if store is not None else []  # most used first
        sections = [s for s, _docs in self.corpus.sections()] if getattr(self, "corpus", None) else []
        self.query_one("#filter", Input).suggester = FilterSuggester(
            {"tag:": tags, "-tag:": tags, "section:": sections, "@": sorted(self._saved())}
        )


class FilterSuggester(Suggester):
    """Completes the word being typed: ``tag:``/``-tag:`` from tags, ``section:``, ``@`` saved names."""

    def __init__(self, choices: dict[str, list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.choices = choices

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        for prefix in sorted(self.choices, key=len, reverse=True):  # "-tag:" before "tag:"
            if not word.startswith(prefix):
                continue
            partial = word[len(prefix) :]
            for choice in self.choices[prefix]:
                if choice.startswith(partial) and choice != partial:
                    return f"{head} {prefix}{choice}" if head else f"{prefix}{choice}"
            return None
        return None
