"""The personal glossary: the user's own entries, kept as safely as their notes.

An entry is a term with its pinyin, an English gloss and a note — mostly words
CC-CEDICT lacks (新质生产力, 综试区, 以旧换新). Lookups show glossary entries
first, and the segmenter keeps every glossary term whole (``corpus.text.userdict``
reads :func:`terms`).

Storage is ``glossary.json`` in the data dir (``corpus.paths.glossary_path``):
one readable JSON document, UTF-8, one entry per line, kept by
:class:`corpus.lexicon.jsonstore.JsonDocument` — every change locked
(``glossary.json.lock``) and atomic; a file that cannot be read is never
overwritten (a copy is kept, ``glossary.json.corrupt-<time>``, and
:class:`GlossaryUnreadable` says what is wrong and where the copy is).

This module imports nothing from ``corpus.text`` (the segmenter imports it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TypeVar

from ..paths import glossary_path
from .jsonstore import BadDocument, DocumentLocked, DocumentUnreadable, JsonDocument, dump_entries, read_entries

R = TypeVar("R")  # what an edit of the entries returns

FORMAT = "reader-glossary"
VERSION = 1
FIELDS = ("term", "pinyin", "gloss", "note")
#: Bounds on untrusted input (imports, hand-edited files).
MAX_TERM = 50
MAX_FIELD = {"pinyin": 200, "gloss": 2_000, "note": 10_000}
MAX_ENTRIES = 100_000
LOCK_TIMEOUT = 15.0

#: The file cannot be read (it is kept, never overwritten) / the lock was held too long.
GlossaryUnreadable = DocumentUnreadable
GlossaryLocked = DocumentLocked


class GlossaryError(ValueError):
    """A bad entry or import (one line a person can act on)."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    pinyin: str = ""
    gloss: str = ""
    note: str = ""
    created: str = ""
    modified: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str, limit: int, *, multiline: bool = False) -> str:
    from ..sanitize import sanitize  # escape sequences and control characters out

    text = sanitize(unicodedata.normalize("NFC", text))
    if not multiline:
        text = " ".join(text.split())
    text = text.strip()
    if len(text) > limit:
        raise GlossaryError(f"too long: {len(text)} characters, the limit is {limit}")
    return text


def make_entry(term: str, pinyin: str = "", gloss: str = "", note: str = "", *,
               created: str = "", modified: str = "") -> GlossaryEntry:
    """A validated entry: a term of 1–50 characters without spaces; fields bounded and clean."""
    t = _clean(term, MAX_TERM)
    if not t:
        raise GlossaryError("the term is empty")
    if any(ch.isspace() for ch in t):
        raise GlossaryError(f"a term is one word without spaces: {t!r}")
    try:
        fields = {name: _clean(value, MAX_FIELD[name], multiline=name == "note")
                  for name, value in (("pinyin", pinyin), ("gloss", gloss), ("note", note))}
    except GlossaryError as exc:
        raise GlossaryError(f"{t}: {exc}") from None
    return GlossaryEntry(t, created=created or _now(), modified=modified or created or _now(), **fields)


# --------------------------------------------------------------------------- the file


def _parse(raw: bytes) -> list[GlossaryEntry]:
    """The entries of a glossary file, or :class:`BadDocument` saying what is wrong."""
    items = read_entries(raw, FORMAT, VERSION, MAX_ENTRIES, "glossary")
    out: list[GlossaryEntry] = []
    for n, item in enumerate(items, 1):
        text_fields = (*FIELDS, "created", "modified")
        if not isinstance(item, dict) or not all(isinstance(item.get(k, ""), str) for k in text_fields):
            raise BadDocument(f"entry {n} is not an object of text fields")
        try:
            out.append(make_entry(item.get("term", ""), item.get("pinyin", ""), item.get("gloss", ""),
                                  item.get("note", ""), created=item.get("created", ""),
                                  modified=item.get("modified", "")))
        except GlossaryError as exc:
            raise BadDocument(f"entry {n}: {exc}") from None
    return out


def _dump(entries: Iterable[GlossaryEntry]) -> str:
    return dump_entries(FORMAT, VERSION, (e.to_dict() for e in entries))


class Glossary:
    """The glossary file: reads cached until the file changes; every change locked and atomic."""

    def __init__(self, path: Path | None = None, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path) if path is not None else glossary_path()
        self._doc: JsonDocument[list[GlossaryEntry]] = JsonDocument(
            self.path, _parse, _dump, list, lock_timeout=lock_timeout)

    def stamp(self) -> tuple[int, int, int] | None:
        return self._doc.stamp()

    def entries(self) -> list[GlossaryEntry]:
        """Every entry in file order ([] when there is no file); raises :class:`GlossaryUnreadable`."""
        return list(self._doc.read())

    def get(self, term: str) -> GlossaryEntry | None:
        term = unicodedata.normalize("NFC", term.strip())
        return next((e for e in self.entries() if e.term == term), None)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries())

    # ----------------------------------------------------------------- writing

    def _change(self, edit: Callable[[list[GlossaryEntry]], tuple[R, list[GlossaryEntry] | None]]) -> R:
        def bounded(entries: list[GlossaryEntry]) -> tuple[R, list[GlossaryEntry] | None]:
            result, new = edit(list(entries))
            if new is not None and len(new) > MAX_ENTRIES:
                raise GlossaryError(f"the glossary would have {len(new)} entries, the limit is {MAX_ENTRIES}")
            return result, new

        return self._doc.change(bounded)

    def add(self, term: str, pinyin: str = "", gloss: str = "", note: str = "") -> tuple[GlossaryEntry, bool]:
        """Add ``term`` or replace its fields; returns the entry and whether it is new."""
        entry = make_entry(term, pinyin, gloss, note)

        def edit(entries: list[GlossaryEntry]) -> tuple[tuple[GlossaryEntry, bool], list[GlossaryEntry] | None]:
            for i, old in enumerate(entries):
                if old.term == entry.term:
                    updated = replace(entry, created=old.created or entry.created)
                    return (updated, False), [*entries[:i], updated, *entries[i + 1 :]]
            return (entry, True), [*entries, entry]

        return self._change(edit)

    def remove(self, term: str) -> bool:
        """Remove ``term``; False when it is not in the glossary."""
        term = unicodedata.normalize("NFC", term.strip())

        def edit(entries: list[GlossaryEntry]) -> tuple[bool, list[GlossaryEntry] | None]:
            kept = [e for e in entries if e.term != term]
            return (len(kept) != len(entries)), (kept if len(kept) != len(entries) else None)

        return bool(self._change(edit))

    def merge(self, incoming: Iterable[GlossaryEntry]) -> tuple[int, int, int]:
        """Add or update many entries in one write: (added, updated, unchanged)."""
        rows = list(incoming)

        def edit(entries: list[GlossaryEntry]) -> tuple[tuple[int, int, int], list[GlossaryEntry] | None]:
            by_term = {e.term: i for i, e in enumerate(entries)}
            out = list(entries)
            added = updated = same = 0
            for new in rows:
                i = by_term.get(new.term)
                if i is None:
                    by_term[new.term] = len(out)
                    out.append(new)
                    added += 1
                    continue
                old = out[i]
                if (old.pinyin, old.gloss, old.note) == (new.pinyin, new.gloss, new.note):
                    same += 1
                    continue
                out[i] = replace(new, created=old.created or new.created)
                updated += 1
            return (added, updated, same), (out if added or updated else None)

        return self._change(edit)


def terms(path: Path | None = None) -> tuple[tuple[str, ...], tuple[int, int, int] | None, str | None]:
    """The glossary's terms for the segmenter, the file's stamp, and a warning if unreadable.

    Never raises: an unreadable glossary gives no terms and says why.
    """
    g = Glossary(path)
    stamp = g.stamp()
    try:
        return tuple(e.term for e in g.entries()), stamp, None
    except GlossaryUnreadable as exc:
        return (), stamp, str(exc)


# --------------------------------------------------------------------------- TSV / CSV


def _cell(text: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: quote it with '.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export_table(entries: Iterable[GlossaryEntry], fmt: str) -> str:
    """``tsv`` (tabs and newlines in a field become spaces) or ``csv`` (RFC 4180, with BOM)."""
    rows = [[_cell(getattr(e, f)) for f in FIELDS] for e in entries]
    if fmt == "tsv":
        clean = lambda s: re.sub(r"[\t\r\n]+", " ", s)  # noqa: E731
        return "".join("\t".join(map(clean, row)) + "\n" for row in [list(FIELDS), *rows])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)
        return "\ufeff" + buf.getvalue()
    raise GlossaryError(f"unknown format {fmt!r} (use tsv or csv)")


def _unquote(text: str) -> str:
    """Undo our own export's formula guard (a ``'`` before ``= + - @``)."""
    return text[1:] if text[:2] in ("'=", "'+", "'-", "'@") else text


def parse_table(text: str, fmt: str | None = None) -> tuple[list[GlossaryEntry], list[str]]:
    """Entries from TSV or CSV (a header row naming the columns is optional) and one
    warning per row that could not be used. ``fmt`` None: tabs mean TSV."""
    text = text.lstrip("\ufeff")
    if fmt is None:
        fmt = "tsv" if "\t" in text.split("\n", 1)[0] else "csv"
    if fmt not in ("tsv", "csv"):
        raise GlossaryError(f"unknown format {fmt!r} (use tsv or csv)")
    if fmt == "tsv":
        rows: Iterable[list[str]] = (line.rstrip("\r").split("\t") for line in text.split("\n") if line.strip())
    else:
        csv.field_size_limit(max(MAX_FIELD.values()) * 4)
        rows = csv.reader(io.StringIO(text))
    columns = list(FIELDS)
    entries: list[GlossaryEntry] = []
    warnings: list[str] = []
    for n, row in enumerate(rows, 1):
        if n > MAX_ENTRIES + 1:
            raise GlossaryError(f"more than {MAX_ENTRIES} rows")
        cells = [c.strip() for c in row]
        if n == 1 and cells and cells[0].lower() in ("term", "word", "simplified"):
            columns = [c.lower() for c in cells]
            continue
        values = dict(zip(columns, cells))
        term = values.get("term") or values.get("word") or values.get("simplified") or ""
        if not term:
            warnings.append(f"row {n}: no term")
            continue
        try:
            entries.append(make_entry(term, _unquote(values.get("pinyin", "")), _unquote(values.get("gloss", "")),
                                      _unquote(values.get("note", ""))))
        except GlossaryError as exc:
            warnings.append(f"row {n}: {exc}")
    return entries, warnings
