"""Notes and tags: the TinyDB store, anchoring, queries, export and import.

May import ``corpus`` (to re-anchor against a document's text); never textual.
"""

from .model import Annotation, Selector, Target, make_selector

__all__ = ["Annotation", "Selector", "Target", "make_selector"]
