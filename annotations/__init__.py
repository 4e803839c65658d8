"""Notes and tags: the TinyDB store, anchoring, queries, export and import.

May import ``corpus`` (to re-anchor against a document's text); never textual.
The store lives in ``annotations.store`` (imported on demand: it pulls in TinyDB).
"""

from .model import Annotation, Selector, Target, make_selector, new_annotation

__all__ = ["Annotation", "Selector", "Target", "make_selector", "new_annotation"]
