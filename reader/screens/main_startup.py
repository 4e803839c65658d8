"""How the main screen starts: the first document in the first frame, then the rest.

On a re-open the last document comes from the document cache before the first frame
(or from a worker when it is not cached); on a first start, the corpus's first document
when its files were read before. Indexing starts once that document is painted (a worker
started earlier would share the interpreter with the frame that draws it); then the
notes store opens and the side panel and key bar are mounted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.model import Document

from ..services import corpus_loading
from . import main_areas, main_work
from .main_messages import DocumentOpened

if TYPE_CHECKING:
    from .main import MainScreen


class StartUp:
    """The main screen's start, from ``begin`` (on mount) to the side panel."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        #: The side panel is mounted with its tabs (not in the first frame).
        self.side_ready = False
        self._extras_started = False
        self._index_after_paint = False  # a document was shown before indexing: index once it is painted

    def begin(self) -> None:
        screen = self.screen
        screen.status.progress("indexing")
        last = screen.reader_app.state.last_file(screen.state_key)
        if last is None:
            # A first start: the corpus's first document from the cache if it is there (the
            # first frame shows it, indexing starts once it is painted), else after indexing.
            first = corpus_loading.first_cached(screen.root)
            if first is not None:
                self.show_first_document(first)
            else:
                main_work.load_corpus(screen)
        elif (doc := corpus_loading.read_one(screen.root, *last, parse=False)) is not None:
            self.show_first_document(doc)  # from the document cache: the first frame shows it
        else:
            # Not cached (or large): read in a worker. Indexing starts once the last document is
            # painted (or could not be read): both at once would fight over the interpreter lock.
            main_work.quick_open(screen, *last)

    def show_first_document(self, doc: Document | None) -> None:
        """A document shown before the corpus is indexed (None: it could not be read)."""
        screen = self.screen
        if doc is None or screen.document is not None:
            main_work.load_corpus(screen)
            return
        screen.document = doc
        screen.load_pane(doc)
        screen.show_position()
        screen.show_in_side(doc)
        screen.pane.focus()
        screen.post_message(DocumentOpened(doc.id))
        self._index_after_paint = True
        screen.set_timer(1.0, self._index_if_waiting)  # a pane too small to draw anything

    def first_document_shown(self) -> None:
        """Start what the first document's frame does not need, once, after that frame."""
        self._index_if_waiting()
        if not self._extras_started:
            self._extras_started = True
            self.screen.call_after_refresh(self._after_first_document)

    def _index_if_waiting(self) -> None:
        if self._index_after_paint:
            self._index_after_paint = False
            main_work.load_corpus(self.screen)

    async def _after_first_document(self) -> None:
        """The app's background work (notes store), then the side panel and the key bar."""
        screen = self.screen
        screen.reader_app.after_first_document()
        if await main_areas.mount_extras(screen):
            self.side_ready = True
            main_areas.after_extras(screen)
