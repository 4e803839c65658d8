"""The Textual application: thin; screens mediate, widgets talk upward by messages."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from .screens.main import MainScreen


class ReaderApp(App[None]):
    """Read and annotate a Chinese text corpus."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit reader"),
    ]

    def __init__(self, corpus_path: Path | None = None, db_path: Path | None = None) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.db_path = db_path

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.corpus_path))
