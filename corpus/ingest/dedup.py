"""Layout duplicates: a pull quote repeated in the body, a paragraph printed twice.

Method: character n-grams of every paragraph line. A line of at least
:data:`MIN_CHARS` characters whose n-grams mostly (:data:`SHARED`) occur in
other lines is a duplicate candidate. Of the copies, the one that breaks the
reading flow is dropped:

* a complete unit (ends a sentence) whose twin is a fragment of the flow (the
  body text broken over lines) is the inserted pull quote: drop it;
* a line contained in a larger line is dropped;
* of two complete twins, the later is dropped.

The index is built with set operations (C speed), so this stays linear in the
size of the text; only candidates are compared pairwise.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .rules import ends_final

if TYPE_CHECKING:
    from .clean import Unit

N = 6
MIN_CHARS = 20
SHARED = 0.6
# Minimum overlap for two lines to count as copies of each other.
_PAIR = 0.3
# Overlap for "the same paragraph printed twice" / "contained in a longer one":
# near-identical, so formulaic paragraphs that differ in names and numbers stay.
_TWIN = 0.9
# Share of a pull quote found in the rejoined body text it repeats.
_QUOTE_COVER = 0.8
# Upper bound on line comparisons per file, so no input makes this quadratic.
_MAX_PAIRS = 200_000


_CLAUSE = re.compile(r"[，。！？；：、,.!?;:“”‘’《》（）()\s]+")
_CLAUSE_MIN = 6
# Stage one: a line is worth the n-gram comparison only if this share of its
# characters sits in clauses (text between punctuation) found in other lines.
_PREFILTER = 0.3


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if len(c) >= _CLAUSE_MIN]


def _suspects(clauses: dict[int, list[str]], idx: list[int]) -> list[int]:
    """Lines sharing clauses with other lines (cheap: one split per line, in C)."""
    owner: dict[str, int] = {}
    shared: set[str] = set()
    for i in idx:
        for c in clauses[i]:
            o = owner.setdefault(c, i)
            if o != i:
                shared.add(c)
    if not shared:
        return []
    out = []
    for i in idx:
        hit = sum(len(c) for c in clauses[i] if c in shared)
        if hit and hit >= _PREFILTER * max(1, sum(len(c) for c in clauses[i])):
            out.append(i)
    return out


def _grams(text: str) -> set[str]:
    t = "".join(text.split())
    return {t[i : i + N] for i in range(len(t) - N + 1)}


def drop_duplicates(units: list[Unit]) -> list[Unit]:
    """``units`` without layout duplicates (order kept)."""
    idx = [i for i, u in enumerate(units) if u.type == "paragraph" and len(u.text) >= MIN_CHARS]
    if len(idx) < 2:
        return units
    # Exact copies of a complete paragraph first: cheap, and it keeps a file of
    # many repeated lines from making the pairwise step below quadratic.
    first: dict[str, int] = {}
    exact: set[int] = set()
    for i in idx:
        key = "".join(units[i].text.split())
        if key in first and ends_final(key):
            exact.add(i)
        else:
            first.setdefault(key, i)
    if exact:
        units = [u for k, u in enumerate(units) if k not in exact]
        idx = [i for i, u in enumerate(units) if u.type == "paragraph" and len(u.text) >= MIN_CHARS]
    clauses = {i: _clauses(units[i].text) for i in idx}
    suspects = _suspects(clauses, idx)
    if not suspects:
        return units
    # Candidates come from the suspects; their twins may be any paragraph line
    # that shares a clause with them (found through the n-gram index below).
    keys = {c for i in suspects for c in clauses[i]}
    idx = sorted(set(suspects) | {j for j in idx if any(c in keys for c in clauses[j])})
    grams = {i: _grams(units[i].text) for i in idx}
    seen: set[str] = set()
    multi: set[str] = set()
    for i in idx:
        g = grams[i]
        multi |= g & seen
        seen |= g
    if not multi:
        return units
    cands = [i for i in idx if grams[i] and len(grams[i] & multi) >= SHARED * len(grams[i])]
    if not cands:
        return units
    cand_grams: set[str] = set().union(*(grams[i] for i in cands))
    # Every line sharing anything with a candidate may be its twin.
    related = [j for j in idx if not grams[j].isdisjoint(cand_grams)]
    if len(cands) * len(related) > _MAX_PAIRS:
        return units  # a pathological file: exact copies are gone, leave the rest
    drop: set[int] = set()
    for i in cands:
        gi = grams[i]
        twins = [j for j in related if j != i and len(gi & grams[j]) >= _PAIR * len(gi)]
        # Twins that together cover the line (a body text split over lines).
        if not twins:
            continue
        if _is_pull_quote(units, i, gi, twins):
            drop.add(i)
            continue
        if not ends_final(units[i].text):
            continue  # a fragment of the flow is never the copy we drop
        for j in twins:
            if j in drop:
                continue
            gj = grams[j]
            if len(gj) > len(gi) and len(gi & gj) >= _TWIN * len(gi):
                drop.add(i)  # contained in a larger line
                break
            if ends_final(units[j].text) and j < i and len(gi & gj) >= _TWIN * len(gi):
                drop.add(i)  # a complete twin printed earlier
                break
    if not drop:
        return units
    return [u for k, u in enumerate(units) if k not in drop]


def _is_pull_quote(units: list[Unit], i: int, gi: set[str], twins: list[int]) -> bool:
    """A complete line whose text also runs, broken over lines, through the flow."""
    if not ends_final(units[i].text):
        return False
    for j in twins:
        if ends_final(units[j].text) and not _follows_fragment(units, j):
            continue
        # Rejoin the broken body text around the twin and check it covers the quote.
        lo, hi = j, j
        while lo > 0 and lo - 1 != i and units[lo - 1].type == "paragraph" and not ends_final(units[lo - 1].text):
            lo -= 1
        while (
            hi + 1 < len(units)
            and hi + 1 != i
            and units[hi + 1].type == "paragraph"
            and not ends_final(units[hi].text)
        ):
            hi += 1
        flow = _grams("".join(units[k].text for k in range(lo, hi + 1)))
        if len(gi & flow) >= _QUOTE_COVER * len(gi):
            return True
    return False


def _follows_fragment(units: list[Unit], j: int) -> bool:
    # The twin itself may end a sentence but begin as the tail of a broken line.
    return j > 0 and units[j - 1].type == "paragraph" and not ends_final(units[j - 1].text)
