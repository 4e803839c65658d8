"""Notes and tags: the TinyDB store, anchoring, queries, export and import.

May import ``corpus`` (to re-anchor against a document's text); never textual.
The store lives in ``annotations.store`` (imported on demand: it pulls in TinyDB).
The record's names below load ``annotations.model`` when first used, so importing a
light module of the package (``annotations.colors`` for the reading pane's first frame)
does not load the model with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Annotation, Selector, Target, make_selector, new_annotation

__all__ = ["Annotation", "Selector", "Target", "make_selector", "new_annotation"]


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(importlib.import_module(".model", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
