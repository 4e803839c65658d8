"""Messages the main screen's workers post to it (nested into ``MainScreen`` as attributes).

They use the ``main_screen`` namespace, so handlers are named
``on_main_screen_corpus_loaded`` and so on, as if defined inside ``MainScreen``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from corpus.model import Corpus, Document

if TYPE_CHECKING:
    from corpus.text.keywords import KeywordIndex


class CorpusProgress(Message, namespace="main_screen"):
    """``done`` of ``total`` steps of ``task`` (indexing, keywords); total None: not known yet."""

    def __init__(self, task: str, done: int, total: int | None) -> None:
        super().__init__()
        self.task, self.done, self.total = task, done, total


class CorpusLoaded(Message, namespace="main_screen"):
    def __init__(self, corpus: Corpus, seconds: float) -> None:
        super().__init__()
        self.corpus, self.seconds = corpus, seconds


class KeywordIndexReady(Message, namespace="main_screen"):
    def __init__(self, index: KeywordIndex) -> None:
        super().__init__()
        self.index = index


class QuickDocument(Message, namespace="main_screen"):
    """The last document, read on its own before indexing (``None``: not found)."""

    def __init__(self, document: Document | None) -> None:
        super().__init__()
        self.document = document


class DocumentOpened(Message, namespace="main_screen"):
    """A document is in the pane (the benchmark and tests wait for it)."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id
