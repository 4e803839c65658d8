"""The lookup at the cursor, as plain state: what the panel shows and what its keys do.

``LookupSession`` (no textual) owns the lexicon (loaded in a worker after the
first frame, with this corpus's word counts), the glossary and the vocabulary
list. ``lookup`` answers for a document position with a :class:`LookupState` the
panel draws: the word under the cursor, the longest dictionary match there and
the shorter ones, each with its reading in that sentence, definitions, HSK,
corpus counts and keyword flag, plus the user's notes that quote the word.

The context is the paragraph (block) around the cursor, segmented with the
document's own tokens, so readings match the words the pane moves over.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.model import Document

from . import motions

if TYPE_CHECKING:  # the lexicon (jieba, pypinyin, CC-CEDICT) is imported in workers, never before the first frame
    from annotations.vocab import VocabEntry, Vocabulary
    from corpus.lexicon.glossary import Glossary, GlossaryEntry
    from corpus.lexicon.lookup import Headword, Lexicon, WordStats

Token = tuple[str, int, int]
#: (quote, note) of an annotation quoting a word.
NoteQuote = tuple[str, str]


@dataclass(frozen=True)
class LookupState:
    """What the lookup panel draws. Offsets are into the document text."""

    start: int = 0
    end: int = 0
    headwords: tuple[Headword, ...] = ()
    notes: tuple[NoteQuote, ...] = ()
    kept: bool = False
    loading: bool = False
    message: str = ""
    #: The word the keys act on (``a``, ``W``, glossary, keep): the first headword.
    word: str = ""
    flat: tuple[Headword, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.headwords


def flatten(headwords: Iterable[Headword]) -> tuple[Headword, ...]:
    """Headwords in display order: each word, then its dictionary parts."""
    out: list[Headword] = []
    for h in headwords:
        out.append(h)
        out.extend(h.parts)
    return tuple(out)


def block_context(doc: Document, pos: int, tokens: Sequence[Token]) -> tuple[int, str, list[Token]]:
    """The block around ``pos``: its start, its text and its tokens (block-relative)."""
    blocks = [(b.start, b.end) for b in doc.blocks] or [(0, len(doc.text))]
    start, end = next(((a, b) for a, b in blocks if a <= pos < b), (0, len(doc.text)))
    text = doc.text[start:end]
    local: list[Token] = []
    for _w, a, b in tokens:
        if b <= start or a >= end:
            continue
        a, b = max(a, start) - start, min(b, end) - start
        local.append((text[a:b], a, b))
    if not local or local[0][1] != 0 or local[-1][2] != len(text):
        local = []  # tokens not covering this block (not segmented yet): the lexicon cuts it itself
    return start, text, local


class LookupSession:
    """Lexicon + glossary + vocabulary for the app (thread-safe loading)."""

    def __init__(self, lexicon: Lexicon | None = None, glossary: Glossary | None = None,
                 vocabulary: Vocabulary | None = None) -> None:
        from corpus.lexicon.glossary import Glossary
        from corpus.lexicon.lookup import Lexicon

        self.glossary = glossary if glossary is not None else Glossary()
        self.lexicon = lexicon if lexicon is not None else Lexicon(glossary=self.glossary)
        self.lexicon.stats = self._stats
        self._vocabulary = vocabulary
        self._counts: Callable[[str], tuple[int, int] | None] | None = None
        self.keywords: frozenset[str] = frozenset()
        self._lock = threading.Lock()
        self.ready = threading.Event()

    # ----------------------------------------------------------------- loading (worker thread)

    def load(self) -> None:
        """Load the dictionary (CC-CEDICT index, pypinyin, HSK lists)."""
        self.lexicon.load()
        self.ready.set()

    def count(self, documents: Sequence[Document], cancelled: Callable[[], bool] | None = None) -> None:
        """Count the corpus's words (token cache first) for the lookup's corpus line."""
        from corpus.lexicon.stats import WordCounts

        counts = WordCounts.build(documents, cancelled=cancelled)
        if cancelled is not None and cancelled():
            return
        with self._lock:
            self._counts = counts.get

    def _stats(self, word: str) -> WordStats | None:
        from corpus.lexicon.lookup import WordStats

        counts = self._counts
        if counts is None:
            return None
        found = counts(word)
        return None if found is None else WordStats(found[0], found[1], word in self.keywords)

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from annotations.vocab import Vocabulary

            self._vocabulary = Vocabulary()
        return self._vocabulary

    # ----------------------------------------------------------------- answering

    def lookup(self, doc: Document, pos: int, tokens: Sequence[Token],
               notes: Callable[[str], Sequence[NoteQuote]] | None = None) -> LookupState:
        """The panel's state for the cursor at ``pos`` (call from a worker: it may wait for loading)."""
        from corpus.lexicon.jsonstore import DocumentUnreadable

        if not doc.text or not 0 <= pos < len(doc.text):
            return LookupState(pos, pos, message="nothing to look up here")
        if not motions.is_wordlike(doc.text[pos]):  # punctuation or space: no entry to show
            return LookupState(pos, pos + 1, message="not a word: w and b move to the next and previous word")
        if not self.lexicon.loaded:
            return LookupState(pos, pos + 1, loading=True, message="loading the dictionary…")
        start, text, local = block_context(doc, pos, tokens)
        found = self.lexicon.at(text, pos - start, local or None)
        if not found:
            return LookupState(pos, pos + 1, message="nothing to look up here")
        heads = tuple(_shift(h, start) for h in found)
        first = heads[0]
        quotes = tuple(notes(first.text)) if notes is not None else ()
        kept = False
        message = ""
        try:
            kept = self.vocabulary.get(first.text) is not None
        except DocumentUnreadable as exc:  # shown in the panel; the lookup itself goes on
            message = str(exc)
        if self.lexicon.glossary_problem:
            message = f"glossary not used: {self.lexicon.glossary_problem}"
        return LookupState(first.start, first.end, heads, quotes, kept, False, message, first.text, flatten(heads))

    # ----------------------------------------------------------------- keys

    def keep(self, doc: Document, state: LookupState) -> tuple[VocabEntry, bool]:
        """Keep the looked-up word with its sentence (``annotations.vocab``)."""
        head = state.headwords[0]
        blocks = [(b.start, b.end) for b in doc.blocks] or [(0, len(doc.text))]
        s, e = motions.sentence_at(doc.text, blocks, head.start)
        sense = head.entries[0] if head.entries else None
        gloss = "; ".join(sense.definitions[:3]) if sense else " + ".join(
            f"{p.text} {p.entries[0].definitions[0]}" for p in head.parts if p.entries)
        return self.vocabulary.keep(
            head.text, pinyin=head.pinyin, gloss=gloss, sentence=doc.text[s:e], doc_id=doc.id, title=doc.title,
            file=doc.file, start=head.start, end=head.end, traditional=sense.traditional if sense else "")

    def count_lookup(self, word: str) -> None:
        """One more lookup of a kept word (nothing happens for other words)."""
        self.vocabulary.looked_up(word)

    def add_to_glossary(self, term: str, pinyin: str, gloss: str, note: str) -> tuple[GlossaryEntry, bool]:
        return self.glossary.add(term, pinyin, gloss, note)


def _shift(head: Headword, by: int) -> Headword:
    from corpus.lexicon.lookup import Headword

    return Headword(head.text, head.start + by, head.end + by, head.pinyin, head.entries,
                    tuple(_shift(p, by) for p in head.parts))
