"""``?``: every key of the screen below, generated from the bindings, grouped by widget.

Nothing here is written by hand: descriptions and tooltips come from the
``Binding`` declarations, keys from the keymap actually applied (so a key the
user rebound in the config shows its new keys).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keymap import bindings_of, display_keys

#: Friendly group titles by class name; others use the class name.
GROUPS = {
    "ReaderApp": "Everywhere",
    "MainScreen": "Main screen",
    "LibraryTree": "Library",
    "LibraryFilter": "Library filter",
    "ReadingPane": "Reading pane",
    "SidePanel": "Side panel",
    "Outline": "Outline tab",
    "KeywordsPanel": "Keywords tab",
    "NotesPanel": "Notes tab",
    "NotesScreen": "All notes",
    "AnalysisScreen": "Analysis",
    "VocabularyScreen": "Vocabulary",
    "StatsScreen": "Stats",
    "CorpusSearchScreen": "Corpus search",
}


def help_groups(screen: Screen[object], keymap: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """``[(group, [(keys, description, tooltip, id)])]`` for the app and the screen's widgets."""
    app = screen.app
    nodes: list[DOMNode] = [app, screen, *screen.query("*")]
    groups: list[tuple[str, list[tuple[str, str, str, str]]]] = []
    seen_classes: set[type] = set()
    # A key the screen binds itself (q goes back on a full-screen view) is not the app's there.
    screen_keys = {b.key for b in bindings_of(type(screen))}
    for node in nodes:
        cls = type(node)
        if cls in seen_classes or not cls.__module__.startswith("reader."):
            continue  # Textual's own widgets (lists, inputs) keep their standard keys
        seen_classes.add(cls)
        rows: dict[str, tuple[list[str], Binding]] = {}
        for binding in bindings_of(cls):
            if node is app and binding.key in screen_keys:
                continue
            # "j,down" arrives as two bindings with one id: one row, both keys.
            key = binding.id or f"{cls.__name__}.{binding.action}"
            keys, _ = rows.setdefault(key, ([], binding))
            keys.append(display_keys(app, binding, {}))
        if not rows:
            continue
        table = []
        for keys, binding in rows.values():
            shown = display_keys(app, binding, keymap) if binding.id in keymap else " ".join(keys)
            table.append((shown, binding.description, binding.tooltip, binding.id or ""))
        if cls.__name__ == "ReaderApp":
            palette = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, ""))
            table.append((palette, "Palette", "Every action, recent and all documents", ""))
        groups.append((GROUPS.get(cls.__name__, cls.__name__), table))
    return groups


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-body { width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    .help-group { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close the help"),
        Binding("j", "scroll_down", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def __init__(self, screen: Screen[object], keymap: dict[str, str]) -> None:
        super().__init__()
        self.groups = help_groups(screen, keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes · rebind keys by id in the config's keymap table"
            wide = self.app.size.width >= 100  # ids need room; narrow terminals show the rest
            for title, rows in self.groups:
                table = Table(title=Text(title, style="bold"), title_justify="left", box=None, expand=True,
                              padding=(0, 1), show_header=False)
                table.add_column("keys", style="bold", no_wrap=True, min_width=10)
                table.add_column("action", no_wrap=True, min_width=12)
                table.add_column("what it does", ratio=1)
                if wide:
                    table.add_column("id", style="dim", no_wrap=True)
                for keys, description, tooltip, bid in rows:
                    table.add_row(keys, description, tooltip, *([bid] if wide else []))
                yield Static(table, classes="help-group")

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up()
