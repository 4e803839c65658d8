"""The command palette (ctrl+p): every action of the screen, recent and all documents.

Actions come from the bindings of the widgets on the current screen (so the
palette and the keys never disagree, and a rebound key shows its new keys);
documents come from the main screen's corpus and the reading state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from corpus.sanitize import escape_name

from .keymap import bindings_of, display_keys
from .shown import shown

if TYPE_CHECKING:
    from .app import ReaderApp

Command = tuple[str, Callable[[], object], str, bool]  # (title, run, help, in discovery)

#: Bindings not worth a palette entry (movement inside lists, focus cycling).
_SKIP_SUFFIXES = (".down", ".up")
_SKIP_IDS = {"main.focus_next", "main.focus_previous", "main.cancel"}
#: Document titles offered at most per query (10,000 would freeze the palette).
MAX_OPEN = 200


class ReaderCommands(Provider):
    @property
    def reader_app(self) -> ReaderApp | None:
        """The reader's app (None inside another app, e.g. a test harness)."""
        from .app import ReaderApp

        return self.app if isinstance(self.app, ReaderApp) else None

    def _binding_commands(self) -> Iterator[Command]:
        screen = self.screen
        keymap = self.reader_app.keymap if self.reader_app is not None else {}
        seen: set[str] = set()
        nodes = [screen, *screen.query("*"), self.app]  # this screen's actions first
        for node in nodes:
            if not type(node).__module__.startswith("reader."):
                continue  # Textual's own widgets: movement keys, not actions
            for binding in bindings_of(type(node)):
                bid = binding.id
                if not bid or bid in seen or bid in _SKIP_IDS or bid.endswith(_SKIP_SUFFIXES):
                    continue
                seen.add(bid)
                group = bid.split(".", 1)[0]
                title = f"{group}: {binding.description}"
                run = partial(self.app.run_action, binding.action, node)
                help_text = f"{binding.tooltip} · {display_keys(self.app, binding, keymap)}"
                yield title, run, help_text, True

    def _document_commands(self) -> Iterator[Command]:
        from .screens.main import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if main is None or main.corpus is None:
            return
        corpus = main.corpus
        recent = main.reader_app.state.recent(main.state_key)
        for doc_id in recent[:10]:
            doc = corpus.get(doc_id)
            if doc is not None:
                run = partial(main.open_document, doc.id)
                yield f"open recent: {shown(doc.title)}", run, f"{shown(doc.section)} · {escape_name(doc.file)}", True

    def _open_commands(self, query: str) -> Iterator[Command]:
        """``open: <title>`` for documents whose title has every typed character (cheap prefilter)."""
        from .screens.main import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        wanted = set(query.replace(" ", "").lower()) - set("open:")
        if main is None or main.corpus is None or not wanted:
            return
        count = 0
        for doc in main.corpus.documents:
            title = doc.title.lower()
            if all(ch in title for ch in wanted):
                yield (f"open: {shown(doc.title)}", partial(main.open_document, doc.id),
                       f"{shown(doc.section)} · {escape_name(doc.file)}", False)
                count += 1
                if count >= MAX_OPEN:
                    return

    def _analysis_commands(self) -> Iterator[Command]:
        """Every analysis view, straight from the main screen."""
        from .screens.analysis import TABS
        from .screens.main import MainScreen

        if not isinstance(self.screen, MainScreen):
            return
        for view, title in TABS:
            name = title.split(" ", 1)[1]
            yield (f"analysis: {name.lower()}", partial(self.screen.action_analysis, view),
                   f"The analysis screen (X) on its {name} tab", True)

    def commands(self) -> list[Command]:
        return [*self._binding_commands(), *self._analysis_commands(), *self._document_commands()]

    async def discover(self) -> Hits:
        for title, run, help_text, show in self.commands():
            if show:
                yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text, _ in [*self.commands(), *self._open_commands(query)]:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
