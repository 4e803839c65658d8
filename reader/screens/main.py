"""The main screen: library on the left, the reading pane on the right."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from corpus import Corpus, CorpusNotFound, load_corpus

from ..widgets.library import Library


class MainScreen(Screen[None]):
    def __init__(self, corpus_path: Path | None) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Library(id="library")
        with VerticalScroll(id="text"):
            yield Static("Loading…", id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            corpus = load_corpus(self.corpus_path)
        except (CorpusNotFound, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self.show_corpus, corpus)

    def show_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.query_one(Library).set_corpus(corpus)
        if corpus.documents:
            self.show_document(corpus.documents[0].id)

    def on_library_selected(self, message: Library.Selected) -> None:
        self.show_document(message.doc_id)

    def show_document(self, doc_id: str) -> None:
        assert self.corpus is not None
        doc = self.corpus.get(doc_id)
        if doc is None:
            return
        from rich.text import Text

        self.query_one("#body", Static).update(Text(doc.text))
        self.sub_title = doc.title
