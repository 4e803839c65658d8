"""Re-anchoring annotations when a document's text changed (placeholder, being built)."""

from __future__ import annotations

from .model import Annotation, Selector, make_selector


def anchor(ann: Annotation, doc_text: str) -> tuple[Selector | None, str]:
    sel = ann.selector
    if doc_text[sel.start : sel.end] == sel.exact:
        return make_selector(doc_text, sel.start, sel.end), "anchored"
    pos = doc_text.find(sel.exact)
    if pos >= 0:
        return make_selector(doc_text, pos, pos + len(sel.exact)), "moved"
    return None, "orphan"
