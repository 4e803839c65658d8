"""The vocabulary list: lookups the user kept, with the sentence and the place.

One entry per word (its simplified form): the word as written, its reading in
that sentence, a short gloss, the sentence, and where it was (document id,
title, file, character offsets of the word) so the app can jump back to it.
Keeping the word again, or looking it up again in the app, counts one more
lookup (the "most looked up" order); the first sentence stays.

Stored in ``vocabulary.json`` in the data dir (``corpus.paths.vocabulary_path``)
with the notes' guarantees (``corpus.lexicon.jsonstore``): locked, atomic, and
never overwritten when it cannot be read (a copy is kept and the error says
where). Exports (TSV, CSV, Anki) are in ``annotations.vocab_export``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TypeVar

from corpus.jsontypes import JSON
from corpus.lexicon.jsonstore import (
    BadDocument,
    DocumentLocked,
    DocumentUnreadable,
    JsonDocument,
    dump_entries,
    read_entries,
)
from corpus.paths import vocabulary_path
from corpus.text.fold import to_simplified

R = TypeVar("R")  # what an edit of the entries returns

FORMAT = "reader-vocabulary"
VERSION = 1
MAX_ENTRIES = 100_000
#: Bounds on what one entry keeps (the file is hand-editable, so also on reading).
MAX_WORD = 50
MAX_TEXT = 2_000
ORDERS = ("newest", "most", "document")

VocabularyUnreadable = DocumentUnreadable
VocabularyLocked = DocumentLocked


class VocabularyError(ValueError):
    """A bad entry (one line a person can act on)."""


@dataclass(frozen=True, slots=True)
class VocabEntry:
    id: str
    word: str
    simplified: str
    traditional: str = ""
    pinyin: str = ""
    gloss: str = ""
    sentence: str = ""
    doc_id: str = ""
    title: str = ""
    file: str = ""
    start: int = 0
    end: int = 0
    created: str = ""
    last: str = ""
    lookups: int = 1

    def to_dict(self) -> dict[str, JSON]:
        return asdict(self)


_FIELDS = {f.name: f.type for f in fields(VocabEntry)}


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str, limit: int) -> str:
    from corpus.sanitize import sanitize

    text = " ".join(sanitize(unicodedata.normalize("NFC", text)).split())
    return text[:limit]


def _entry(item: dict[str, object]) -> VocabEntry:
    values: dict[str, object] = {}
    for name, kind in _FIELDS.items():
        value = item.get(name)
        if value is None:
            continue
        if kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise BadDocument(f"{name} is not a whole number ≥ 0")
        elif not isinstance(value, str):
            raise BadDocument(f"{name} is not text")
        else:
            value = _clean(value, MAX_WORD if name in ("word", "simplified", "traditional") else MAX_TEXT)
        values[name] = value
    if not values.get("id") or not values.get("word"):
        raise BadDocument("no id or word")
    values.setdefault("simplified", to_simplified(str(values["word"])))
    return VocabEntry(**values)  # type: ignore[arg-type]


def _parse(raw: bytes) -> list[VocabEntry]:
    items = read_entries(raw, FORMAT, VERSION, MAX_ENTRIES, "vocabulary list")
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise BadDocument(f"entry {n} is not an object")
        try:
            out.append(_entry(item))
        except BadDocument as exc:
            raise BadDocument(f"entry {n}: {exc}") from None
    return out


def _dump(entries: list[VocabEntry]) -> str:
    return dump_entries(FORMAT, VERSION, (e.to_dict() for e in entries))


class Vocabulary:
    """The vocabulary file: kept words, their context, and how often they were looked up."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = 15.0) -> None:
        self.path = Path(path) if path is not None else vocabulary_path()
        self._doc: JsonDocument[list[VocabEntry]] = JsonDocument(self.path, _parse, _dump, list,
                                                                  lock_timeout=lock_timeout)

    def entries(self, order: str = "newest") -> list[VocabEntry]:
        """Kept words: ``newest`` first, ``most`` looked up first, or by ``document``
        (then position). Raises :class:`VocabularyUnreadable`."""
        entries = list(self._doc.read())
        if order == "newest":
            return sorted(entries, key=lambda e: e.created, reverse=True)
        if order == "most":
            return sorted(entries, key=lambda e: (e.lookups, e.last), reverse=True)
        if order == "document":
            return sorted(entries, key=lambda e: (e.title, e.doc_id, e.start))
        raise VocabularyError(f"unknown order {order!r} (use one of: {', '.join(ORDERS)})")

    def get(self, word: str) -> VocabEntry | None:
        key = to_simplified(word.strip())
        return next((e for e in self._doc.read() if e.simplified == key), None)

    def _change(self, edit: Callable[[list[VocabEntry]], tuple[R, list[VocabEntry] | None]]) -> R:
        return self._doc.change(lambda entries: edit(list(entries)))

    def keep(self, word: str, *, pinyin: str = "", gloss: str = "", sentence: str = "", doc_id: str = "",
             title: str = "", file: str = "", start: int = 0, end: int = 0,
             traditional: str = "") -> tuple[VocabEntry, bool]:
        """Keep ``word`` with its context; a word already kept counts one more lookup.
        Returns the entry and whether it is new."""
        word = _clean(word, MAX_WORD + 1)
        if not word or len(word) > MAX_WORD or any(ch.isspace() for ch in word):
            raise VocabularyError(f"not a word to keep: {word!r}")
        if start < 0 or end < start:
            raise VocabularyError(f"bad offsets {start}..{end}")
        now = _now()
        new = VocabEntry(uuid.uuid4().hex[:8], word, to_simplified(word), _clean(traditional, MAX_WORD),
                         _clean(pinyin, MAX_TEXT), _clean(gloss, MAX_TEXT), _clean(sentence, MAX_TEXT),
                         _clean(doc_id, MAX_TEXT), _clean(title, MAX_TEXT), _clean(file, MAX_TEXT),
                         start, end, now, now, 1)

        def edit(entries: list[VocabEntry]) -> tuple[tuple[VocabEntry, bool], list[VocabEntry] | None]:
            for i, old in enumerate(entries):
                if old.simplified == new.simplified:
                    bumped = replace(old, lookups=old.lookups + 1, last=now)
                    return (bumped, False), [*entries[:i], bumped, *entries[i + 1 :]]
            if len(entries) >= MAX_ENTRIES:
                raise VocabularyError(f"the vocabulary list is full ({MAX_ENTRIES} words)")
            return (new, True), [*entries, new]

        return self._change(edit)

    def looked_up(self, word: str) -> VocabEntry | None:
        """Count one more lookup of a kept word (None, and nothing written, if it is not kept)."""
        key = to_simplified(word.strip())
        if not any(e.simplified == key for e in self._doc.read()):
            return None
        now = _now()

        def edit(entries: list[VocabEntry]) -> tuple[VocabEntry | None, list[VocabEntry] | None]:
            for i, old in enumerate(entries):
                if old.simplified == key:
                    bumped = replace(old, lookups=old.lookups + 1, last=now)
                    return bumped, [*entries[:i], bumped, *entries[i + 1 :]]
            return None, None

        return self._change(edit)

    def remove(self, word_or_id: str) -> bool:
        """Remove a kept word (by word, either script, or by id); False if not there."""
        key = word_or_id.strip()
        simple = to_simplified(key)

        def edit(entries: list[VocabEntry]) -> tuple[bool, list[VocabEntry] | None]:
            kept = [e for e in entries if e.id != key and e.simplified != simple]
            return len(kept) != len(entries), (kept if len(kept) != len(entries) else None)

        return bool(self._change(edit))
