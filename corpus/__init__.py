"""Files in, documents out: discovery, decoding, cleaning, structure, cache.

This package never imports textual: the model is free of the UI
(enforced by ``tests/test_import_hygiene.py`` and import-linter).
"""

from typing import TYPE_CHECKING, Any

from .model import Block, Corpus, Document, LoadError, Span

if TYPE_CHECKING:  # imported on first use (below); mypy sees the real types
    from .ingest.loader import CorpusNotFound, load_corpus

__all__ = ["Block", "Corpus", "CorpusNotFound", "Document", "LoadError", "Span", "load_corpus"]


def __getattr__(name: str) -> Any:  # Any: PEP 562's hook returns whichever attribute is asked for
    # The loader pulls in the whole parsing stack (regex tables, charset
    # detection, YAML, HTML); import it only when asked, so the app can paint a
    # cached document before paying for it (PEP 562).
    if name in ("load_corpus", "CorpusNotFound"):
        from .ingest import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'corpus' has no attribute {name!r}")
