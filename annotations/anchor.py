"""Re-anchoring: finding an annotation's passage again after the text changed.

The cleaner improves, a file is edited, an article is re-split: the stored
position may no longer hold the quote.  Following the approach Hypothesis uses
(W3C TextQuote + TextPosition selectors), in order:

1. **position** — a quote of 16+ characters still at its old offsets →
   ``"anchored"`` (a shorter one competes with its other occurrences in 2.);
2. **exact quote** — every occurrence is scored by how well the 32 characters
   before and after match the stored prefix/suffix, and by distance from the
   old position; the best wins → ``"moved"`` (``"anchored"`` if it is the old
   place);
3. **fuzzy quote** — the quote with at most 20 % of its characters edited, near
   candidate places (pigeonhole pieces of the quote, the stored context, the
   old position), so the work stays bounded in long documents → ``"moved"``;
4. otherwise ``"orphan"``: the annotation keeps its quote and note and waits
   for the person to re-attach it.  Orphans are never deleted automatically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corpus.text.search import occurrences

from .model import Annotation, Selector, Target, make_selector

if TYPE_CHECKING:
    from corpus.model import Corpus, Document

    from .store import AnnotationStore

#: Most edits a fuzzy match may need, as a share of the quote's length.
FUZZY_SHARE = 0.2
#: Quotes at least this long are trusted at their old position without context.
TRUST_LENGTH = 16
MAX_OCCURRENCES = 2000
MAX_CANDIDATES = 48
MAX_PIECES = 12
W_QUOTE, W_PREFIX, W_SUFFIX, W_POSITION = 50.0, 20.0, 20.0, 2.0


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def _context(text: str, start: int, end: int, sel: Selector) -> tuple[float, float]:
    """How well the text around ``start:end`` matches the stored prefix and suffix (0–1)."""
    pre = text[max(0, start - len(sel.prefix)) : start]
    suf = text[end : end + len(sel.suffix)]
    return _similarity(sel.prefix, pre), _similarity(sel.suffix, suf)


def _score(text: str, start: int, end: int, sel: Selector, quote_sim: float = 1.0) -> float:
    ps, ss = _context(text, start, end, sel)
    pos = 1.0 - min(abs(start - sel.start) / max(len(text), 1), 1.0)
    return W_QUOTE * quote_sim + W_PREFIX * ps + W_SUFFIX * ss + W_POSITION * pos


def _fuzzy(text: str, sel: Selector) -> tuple[int, int, float] | None:
    """Best (start, end, score) within the edit budget, or None."""
    quote = sel.exact
    m = len(quote)
    k = int(m * FUZZY_SHARE)
    if k < 1:
        return None  # too short for fuzzy matching to mean anything
    starts: set[int] = {sel.start}
    # Pigeonhole: with at most k edits, one of k+1 disjoint pieces survives intact.
    n_pieces = min(k + 1, MAX_PIECES)
    size = max(m // n_pieces, 1)
    for j in range(n_pieces):
        off = j * size
        piece = quote[off : off + size]
        if len(piece.strip()) < 2:
            continue
        for p in occurrences(text, piece, limit=200):
            starts.add(p - off)
    tail, head = sel.prefix[-8:], sel.suffix[:8]
    if len(tail) >= 4:
        starts.update(p + len(tail) for p in occurrences(text, tail, limit=50))
    if len(head) >= 4:
        starts.update(p - m for p in occurrences(text, head, limit=50))
    # Merge near-duplicates, keep the ones closest to where the quote used to be.
    merged: list[int] = []
    for s in sorted(starts):
        if not merged or s - merged[-1] > k:
            merged.append(s)
    merged.sort(key=lambda s: abs(s - sel.start))
    best: tuple[int, int, float] | None = None
    for cand in merged[:MAX_CANDIDATES]:
        lo = max(0, cand - 2 * k)
        hi = min(len(text), cand + m + 2 * k)
        if hi <= lo:
            continue
        span = _align(quote, text, lo, hi, k)
        if span is None:
            continue
        s, e, dist = span
        score = _score(text, s, e, sel, quote_sim=1.0 - dist / m)
        if best is None or score > best[2]:
            best = (s, e, score)
    return best


def _align(quote: str, text: str, lo: int, hi: int, k: int) -> tuple[int, int, int] | None:
    """Best (start, end, edits) for the quote inside ``text[lo:hi]``, or None beyond ``k`` edits.

    rapidfuzz's partial_ratio_alignment finds the best substring (InDel
    measure) at C speed; the ends are then nudged to minimise the Levenshtein
    distance, which is what the edit budget counts.
    """
    m = len(quote)
    # k Levenshtein edits are at most 2k InDel edits over 2m characters.
    cutoff = max(0.0, 100.0 * (1.0 - k / m) - 1e-9)
    found = fuzz.partial_ratio_alignment(quote, text[lo:hi], score_cutoff=cutoff)
    if found is None:
        return None
    s, e = lo + found.dest_start, lo + found.dest_end
    best = (Levenshtein.distance(quote, text[s:e]), s, e)
    for e2 in range(max(s + 1, e - k), min(len(text), e + k) + 1):
        d = Levenshtein.distance(quote, text[s:e2], score_cutoff=best[0])
        if d < best[0]:
            best = (d, s, e2)
    _, s, e = best
    for s2 in range(max(0, s - k), min(e - 1, s + k) + 1):
        d = Levenshtein.distance(quote, text[s2:e], score_cutoff=best[0])
        if d < best[0]:
            best = (d, s2, e)
    dist, s, e = best
    return (s, e, dist) if dist <= k else None


def anchor(ann: Annotation, doc_text: str) -> tuple[Selector | None, str]:
    """Where ``ann``'s passage is in ``doc_text``: (new selector, status) or (None, "orphan")."""
    sel = ann.selector
    quote = sel.exact
    if not quote:
        return None, "orphan"
    if len(quote) >= TRUST_LENGTH and doc_text[sel.start : sel.end] == quote:
        return make_selector(doc_text, sel.start, sel.end), "anchored"
    # Short quotes recur ("改革", "同比增长"): the old place competes with the others on context.
    hits = occurrences(doc_text, quote, limit=MAX_OCCURRENCES)
    if hits:
        start = max(hits, key=lambda p: _score(doc_text, p, p + len(quote), sel))
        status = "anchored" if start == sel.start else "moved"
        ps, ss = _context(doc_text, start, start + len(quote), sel)
        if ps + ss >= 1.0 or not (sel.prefix or sel.suffix):
            return make_selector(doc_text, start, start + len(quote)), status
        # The quote survives only in foreign context (a repeated phrase): the
        # original place, lightly edited, may be the better match.
        fuzzy = _fuzzy(doc_text, sel)
        if fuzzy is None or fuzzy[2] <= _score(doc_text, start, start + len(quote), sel):
            return make_selector(doc_text, start, start + len(quote)), status
        return make_selector(doc_text, fuzzy[0], fuzzy[1]), "moved"
    found = _fuzzy(doc_text, sel)
    if found is not None:
        return make_selector(doc_text, found[0], found[1]), "moved"
    return None, "orphan"


def reanchored(ann: Annotation, doc: Document) -> Annotation:
    """``ann`` placed in ``doc``: new selector, status and target."""
    sel, status = anchor(ann, doc.text)
    target = Target.of(doc)
    if sel is None:
        return replace(ann, status="orphan", target=target)  # the old quote stays for re-attaching
    if status == "anchored" and (ann.status == "moved" or ann.target.doc_id != doc.id):
        status = "moved"  # still unreviewed since it last moved, or now in another document
    return replace(ann, selector=sel, status=status, target=target)


def reanchor_document(store: AnnotationStore, doc: Document) -> list[Annotation]:
    """Re-anchor the document's annotations whose text fingerprint changed.

    Changed annotations are written in one store write (``modified`` is left
    alone: re-anchoring is not an edit).  Returns all of the document's
    annotations in text order, as they now are.
    """
    anns = store.for_document(doc.id)
    changed = [new for ann in anns if ann.target.fingerprint != doc.fingerprint
               for new in [reanchored(ann, doc)] if new != ann]
    if changed and not store.read_only:
        store.put_many(changed)
    by_id = {a.id: a for a in changed}
    out = [by_id.get(a.id, a) for a in anns]
    out.sort(key=lambda a: (a.selector.start, a.selector.end))
    return out


def reanchor_corpus(store: AnnotationStore, corpus: Corpus, docs: Iterable[Document] | None = None) -> dict[str, int]:
    """Re-anchor everything; annotations whose document id vanished try the documents of their file.

    Returns counts by resulting status (plus ``"unchanged"``).
    """
    counts = {"unchanged": 0, "anchored": 0, "moved": 0, "orphan": 0}
    changed: list[Annotation] = []
    for ann in store.all():
        doc = corpus.get(ann.target.doc_id)
        if doc is None:
            same_file = [d for d in (docs or corpus.documents) if d.file == ann.target.file]
            tries = [reanchored(ann, d) for d in same_file]
            placed = [t for t in tries if t.status != "orphan"]
            new = placed[0] if placed else replace(ann, status="orphan")
        elif ann.target.fingerprint == doc.fingerprint:
            counts["unchanged"] += 1
            continue
        else:
            new = reanchored(ann, doc)
        counts[new.status] += 1
        if new != ann:
            changed.append(new)
    if changed and not store.read_only:
        store.put_many(changed)
    return counts
