"""Watch words: the user's own terms, each with a colour, found anywhere in a text.

Matching is independent of word segmentation and folds traditional/simplified,
full-width/half-width and letter case (``corpus.text.fold``), so a watch word 跨境电商
also marks 跨境電商. Thousands of terms are matched in one pass with an
Aho–Corasick automaton (pyahocorasick) built once per list:

* Instead of folding every text before matching, each term is expanded into all
  spellings that fold to it (``fold.all_variants``) and the automaton scans the
  original text: no per-render folding pass. (Long Latin terms have too many
  case/width spellings; those few are found in a folded copy of the text.)
* The automaton runs over the text's UTF-8 bytes (viewed as Latin-1 characters).
  A CJK-heavy trie keyed by bytes has at most a few hundred edges per node instead
  of thousands, which makes the scan several times faster. UTF-8 is
  self-synchronising, so a match always starts and ends on character boundaries;
  byte offsets are converted back to code-point offsets for the few matches.
* Overlapping matches: the longest wins (then the leftmost); the result never
  overlaps, so it is a valid highlight layer as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ahocorasick

from ..model import Span
from .fold import all_variants, fold
from .search import occurrences

#: Colour used when a term is given without one.
DEFAULT_COLOUR = "yellow"

# A term with more spellings than this is matched on folded text instead.
_MAX_SPELLINGS = 512


class WatchList:
    """A compiled set of watch words: ``WatchList({"跨境电商": "red"}).spans(text)``."""

    def __init__(self, terms: Mapping[str, str] | Iterable[str] | None = None) -> None:
        if terms is None:
            terms = {}
        if not isinstance(terms, Mapping):
            terms = dict.fromkeys(terms, DEFAULT_COLOUR)
        # Keyed by folded form: 跨境电商 and 跨境電商 are the same watch word (last colour wins).
        self._terms: dict[str, tuple[str, str]] = {}
        for term, colour in terms.items():
            term = str(term).strip()
            if term:
                self._terms[fold(term)] = (term, str(colour or DEFAULT_COLOUR))
        self._automaton = self._build()

    def _build(self) -> ahocorasick.Automaton | None:
        self._slow: list[str] = []
        if not self._terms:
            return None
        auto = ahocorasick.Automaton()
        for key in self._terms:
            spellings = all_variants(key, _MAX_SPELLINGS)
            if spellings is None:
                # Long Latin terms (4 spellings per letter): found in folded text instead.
                self._slow.append(key)
                continue
            for spelling in spellings:
                raw = spelling.encode("utf-8").decode("latin-1")
                # Value: (length in characters, folded key).
                auto.add_word(raw, (len(spelling), key))
        if len(auto) == 0:
            return None
        auto.make_automaton()
        return auto

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and fold(term.strip()) in self._terms

    @property
    def terms(self) -> dict[str, str]:
        """The watch words as given, term → colour."""
        return dict(self._terms.values())

    def colour(self, term: str) -> str | None:
        hit = self._terms.get(fold(term))
        return hit[1] if hit else None

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, term)`` in text order (longest match wins)."""
        if not text or (self._automaton is None and not self._slow):
            return []
        data = text.encode("utf-8", "surrogatepass")
        found: list[tuple[int, int, str]] = []  # last byte index, chars, key
        if self._automaton is not None:
            # pyahocorasick reports the index of a match's last byte; variants of one
            # key differ in byte length (Ａ vs a) but never in character length.
            for end_idx, (nchars, key) in self._automaton.iter(data.decode("latin-1")):
                found.append((end_idx, nchars, key))
        extra: list[tuple[int, int, str]] = []
        if self._slow:
            folded = fold(text)
            for key in self._slow:
                extra.extend((i, i + len(key), key) for i in occurrences(folded, key))
        if not found and not extra:
            return []
        return _resolve(text, data, found, extra)

    def spans(self, text: str) -> list[Span]:
        """Highlight spans (kind ``watch``, ``data`` = colour) for ``text``."""
        return [
            Span(start, end, "watch", 1.0, self._terms[key][1])
            for start, end, key in self.matches(text)
        ]


def _resolve(
    text: str, data: bytes, found: list[tuple[int, int, str]], extra: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Byte end offsets → character spans (plus ``extra`` character spans); pick the
    longest non-overlapping matches."""
    # Map each needed byte end offset to a character offset in one forward pass.
    ends = sorted({e + 1 for e, _n, _k in found})
    char_of: dict[int, int] = {}
    pos_b = 0
    pos_c = 0
    for b in ends:
        pos_c += len(data[pos_b:b].decode("utf-8", "surrogatepass"))
        pos_b = b
        char_of[b] = pos_c
    cands = list(extra)
    for e, nchars, key in found:
        end = char_of[e + 1]
        cands.append((end - nchars, end, key))
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
    taken: set[int] = set()
    chosen: list[tuple[int, int, str]] = []
    for start, end, key in cands:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        chosen.append((start, end, key))
    chosen.sort()
    return chosen
