"""The notes screen's filter bar: saved filters and completion.

``ctrl+s`` names the current filter, ``@name`` recalls it; typing ``tag:``,
``-tag:``, ``section:`` or ``@`` completes from what exists (``→`` accepts).
The names are the store's (``AnnotationStore.save_filter``), shared with
``reader notes --saved NAME``.
"""

from __future__ import annotations

from textual.suggester import Suggester

from ..notes_session import NotesSession


class SavedFilters:
    """The store's saved filters: expand ``@name`` words, save new ones."""

    def __init__(self, session: NotesSession) -> None:
        self.session = session

    def saved(self) -> dict[str, str]:
        store = self.session.store
        return dict(store.saved_filters()) if store is not None else {}

    def expand(self, text: str) -> str:
        """``@name`` words become the saved filter's text (``ValueError`` for unknown names)."""
        if "@" not in text:
            return text
        saved = self.saved()
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

    def save(self, name: str, text: str) -> str:
        """Save ``text`` (its ``@`` words expanded) as ``name``; returns the name as saved."""
        name = name.lstrip("@").strip()
        store = self.session.store
        if store is None:
            raise RuntimeError(self.session.problem or "the notes database is not open")
        store.save_filter(name, self.expand(text))
        return name

    def suggester(self, sections: list[str]) -> FilterSuggester:
        tags = list(self.session.tags())  # most used first
        return FilterSuggester({"tag:": tags, "-tag:": tags, "section:": sections, "@": sorted(self.saved())})


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
