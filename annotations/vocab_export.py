"""The vocabulary list out: TSV for spreadsheets, CSV, and an Anki deck.

Columns (TSV and CSV): ``word, simplified, traditional, pinyin, gloss, sentence,
title, doc_id, file, start, end, lookups, created``. TSV turns tabs and newlines
inside a field into spaces; CSV is RFC 4180 with a BOM (spreadsheets then read
UTF-8). In both, a cell starting with ``= + - @`` gets a leading ``'`` so a
spreadsheet never runs it.

The Anki deck is a genanki ``.apkg``: one note per word (its GUID derived from
the simplified form, so importing a newer export updates the cards instead of
adding twins) with the fields Simplified, Traditional, Pinyin, Gloss, Sentence
(the word in bold) and Source, every field HTML-escaped. The package is built
in memory from genanki's own schema (its ``write_to_file`` leaves its temporary
database behind in the system temp folder) and the same list always gives the
same bytes (timestamps come from the entries, not the clock).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable

from .vocab import VocabEntry

FORMATS = ("tsv", "csv", "anki")
COLUMNS = ("word", "simplified", "traditional", "pinyin", "gloss", "sentence", "title", "doc_id", "file",
           "start", "end", "lookups", "created")
#: Fixed ids: the same model and deck in every export, so Anki merges re-imports.
MODEL_ID = 1_730_416_213
DECK_ID = 1_730_416_227
DECK_NAME = "reader vocabulary"

_CSS = """.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.hanzi { font-size: 48px; } .trad { color: #888; font-size: 28px; }
.pinyin { font-size: 26px; } .sentence { font-size: 22px; margin-top: 1em; }
.source { color: #888; font-size: 14px; }"""
_FRONT = '<div class="hanzi">{{Simplified}}</div><div class="trad">{{Traditional}}</div>'
_BACK = ('{{FrontSide}}<hr id="answer"><div class="pinyin">{{Pinyin}}</div><div>{{Gloss}}</div>'
         '<div class="sentence">{{Sentence}}</div><div class="source">{{Source}}</div>')


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _rows(entries: Iterable[VocabEntry]) -> list[list[str]]:
    return [[_cell(getattr(e, c)) for c in COLUMNS] for e in entries]


def to_tsv(entries: Iterable[VocabEntry]) -> str:
    clean = lambda s: re.sub(r"[\t\r\n]+", " ", s)  # noqa: E731
    return "".join("\t".join(map(clean, row)) + "\n" for row in [list(COLUMNS), *_rows(entries)])


def to_csv(entries: Iterable[VocabEntry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(entries))
    return "\ufeff" + buf.getvalue()


def _sentence_html(entry: VocabEntry) -> str:
    sentence, word = entry.sentence, entry.word
    i = sentence.find(word) if word else -1
    if i < 0:
        return html.escape(sentence)
    return html.escape(sentence[:i]) + "<b>" + html.escape(word) + "</b>" + html.escape(sentence[i + len(word):])


def _stamp(entries: list[VocabEntry]) -> float:
    newest = max((e.last or e.created for e in entries), default="")
    try:
        return dt.datetime.strptime(newest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC).timestamp()
    except ValueError:
        return 1_700_000_000.0  # entries without dates: any fixed time keeps the bytes stable


def to_anki(entries: Iterable[VocabEntry], deck_name: str = DECK_NAME) -> bytes:
    """An Anki ``.apkg`` (zip of a SQLite collection) of the entries."""
    import itertools

    import genanki

    items = list(entries)
    model = genanki.Model(
        MODEL_ID, "reader vocabulary word",
        fields=[{"name": n} for n in ("Simplified", "Traditional", "Pinyin", "Gloss", "Sentence", "Source")],
        templates=[{"name": "Recognise", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )
    deck = genanki.Deck(DECK_ID, deck_name)
    for e in items:
        traditional = e.traditional if e.traditional and e.traditional != e.simplified else ""
        source = " · ".join(x for x in (e.title, e.doc_id) if x)
        deck.add_note(genanki.Note(
            model=model,
            fields=[html.escape(e.simplified), html.escape(traditional), html.escape(e.pinyin),
                    html.escape(e.gloss), _sentence_html(e), html.escape(source)],
            guid=genanki.guid_for("reader-vocabulary", e.simplified),
            tags=["reader"],
        ))
    package = genanki.Package(deck)
    timestamp = _stamp(items)
    with tempfile.TemporaryDirectory(prefix="reader-anki-") as tmp:
        db = os.path.join(tmp, "collection.anki2")
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        with open(db, "rb") as fh:
            collection = fh.read()
    out = io.BytesIO()
    fixed = (2020, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("collection.anki2", fixed), collection)
        z.writestr(zipfile.ZipInfo("media", fixed), "{}")
    return out.getvalue()


def export(entries: Iterable[VocabEntry], fmt: str) -> bytes:
    """The entries in ``fmt`` (``tsv``, ``csv`` or ``anki``) as bytes to write."""
    if fmt == "tsv":
        return to_tsv(entries).encode("utf-8")
    if fmt == "csv":
        return to_csv(entries).encode("utf-8")
    if fmt == "anki":
        return to_anki(entries)
    raise ValueError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
