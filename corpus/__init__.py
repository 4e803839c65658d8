"""Files in, documents out: discovery, decoding, cleaning, structure, cache.

This package never imports textual: the model is free of the UI
(enforced by ``tests/test_import_hygiene.py`` and import-linter).
"""

from .loader import CorpusNotFound, load_corpus
from .model import Block, Corpus, Document, LoadError, Span

__all__ = ["Block", "Corpus", "CorpusNotFound", "Document", "LoadError", "Span", "load_corpus"]
