"""The main screen's side of the screens that ask the whole corpus: search, stats, analysis.

``ctrl+f`` (corpus search) and ``X`` (analysis) send the reader to a place;
``S`` (stats) only shows charts. From the analysis screen, a concordance line or
an entity's mention opens the document there (every hit of the term
highlighted) and, for ``a``, the note dialog on the hit; an entity's ``l``
narrows the library to the documents naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..notes_session import notes_of
from ..widgets.pane_messages import AnnotateRequested

if TYPE_CHECKING:
    from annotations.model import Annotation

    from ..widgets.corpus_search import SearchChoice
    from .analysis import AnalysisChoice
    from .main import MainScreen


def open_search(screen: MainScreen) -> None:
    """The corpus search; a chosen hit opens its document there, every hit highlighted."""
    corpus = screen.corpus
    if corpus is None:
        screen.notify("The corpus is still loading", timeout=2)
        return
    from ..widgets.corpus_search import CorpusSearchScreen

    def chosen(hit: SearchChoice | None) -> None:
        if hit is not None:
            screen.open_document(hit.doc_id, hit.start, search=hit.query)
            screen.pane.focus()

    screen.app.push_screen(CorpusSearchScreen(corpus), chosen)


def open_stats(screen: MainScreen) -> None:
    corpus = screen.corpus
    if corpus is None:
        screen.notify("The corpus is still loading", timeout=2)
        return
    from .stats import StatsScreen

    screen.app.push_screen(StatsScreen(corpus, screen.document, screen.highlights.keyword_index,
                                       screen.reader_app.config))


def open_analysis(screen: MainScreen, tab: str = "kwic") -> None:
    corpus = screen.corpus
    if corpus is None:
        screen.notify("The corpus is still loading", timeout=2)
        return
    from .analysis import AnalysisScreen

    def notes() -> list[Annotation]:
        session = notes_of(screen.app)
        return list(session.store.all()) if session is not None and session.store is not None else []

    def chosen(choice: AnalysisChoice | None) -> None:
        if choice is None:
            return
        if choice.library is not None:
            screen.library.restrict(*choice.library)
            screen.library.focus()
            return
        screen.open_document(choice.doc_id, choice.start, search=choice.term or None)
        screen.pane.focus()
        if choice.annotate:
            screen.pane.post_message(AnnotateRequested(choice.start, choice.end))

    screen.app.push_screen(AnalysisScreen(corpus, notes, tab=tab), chosen)
