"""The vocabulary list: kept lookups, their order, safety, and exports read back."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from annotations.vocab import Vocabulary, VocabularyError, VocabularyUnreadable
from annotations.vocab_export import COLUMNS, export, to_anki


@pytest.fixture
def vocab(tmp_path: Path) -> Vocabulary:
    v = Vocabulary(tmp_path / "vocabulary.json")
    v.keep("银行", pinyin="yínháng", gloss="bank", sentence="他去银行取钱。", doc_id="d1", title="A篇",
           file="a.txt", start=2, end=4, traditional="銀行")
    v.keep("跨境电商", pinyin="kuàjìngdiànshāng", gloss="cross-border e-commerce",
           sentence="=跨境电商<b>发展</b>快。", doc_id="d2", title="B篇", file="b.txt", start=1, end=5)
    return v


def test_keep_counts_lookups_and_keeps_the_first_context(vocab: Vocabulary) -> None:
    again, new = vocab.keep("銀行", sentence="另一句。", doc_id="d9")
    assert not new and again.lookups == 2 and again.sentence == "他去银行取钱。" and again.doc_id == "d1"
    assert vocab.looked_up("银行").lookups == 3  # type: ignore[union-attr]
    assert vocab.looked_up("没有的词") is None
    assert [e.word for e in vocab.entries("most")] == ["银行", "跨境电商"]
    assert [e.word for e in vocab.entries("document")] == ["银行", "跨境电商"]
    assert {e.word for e in vocab.entries("newest")} == {"银行", "跨境电商"}
    with pytest.raises(VocabularyError):
        vocab.entries("random")


def test_remove_by_word_or_id(vocab: Vocabulary) -> None:
    entry = vocab.get("跨境电商")
    assert entry is not None
    assert vocab.remove(entry.id) and not vocab.remove(entry.id)
    assert vocab.remove("銀行")
    assert vocab.entries() == []


@pytest.mark.parametrize("word", ["", "两 个", "x" * 51])
def test_bad_words_are_refused(vocab: Vocabulary, word: str) -> None:
    with pytest.raises(VocabularyError):
        vocab.keep(word)


def test_unreadable_vocabulary_is_kept_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.json"
    path.write_text('{"format": "reader-vocabulary", "version": 1, "entries": [{"id": 3}]}', encoding="utf-8")
    before = path.read_bytes()
    v = Vocabulary(path)
    with pytest.raises(VocabularyUnreadable, match="entry 1"):
        v.entries()
    with pytest.raises(VocabularyUnreadable) as info:
        v.keep("银行")
    assert path.read_bytes() == before
    assert info.value.copy is not None and info.value.copy.read_bytes() == before


def test_tsv_and_csv_read_back(vocab: Vocabulary) -> None:
    entries = vocab.entries("document")
    tsv = export(entries, "tsv").decode("utf-8")
    rows = [line.split("\t") for line in tsv.splitlines()]
    assert rows[0] == list(COLUMNS)
    assert rows[1][:4] == ["银行", "银行", "銀行", "yínháng"]
    assert rows[2][COLUMNS.index("sentence")] == "'=跨境电商<b>发展</b>快。"  # formula guarded
    data = export(entries, "csv").decode("utf-8")
    assert data.startswith("\ufeff")
    parsed = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
    assert [r["word"] for r in parsed] == ["银行", "跨境电商"]
    assert parsed[0]["start"] == "2" and parsed[0]["file"] == "a.txt"


def test_anki_deck_read_back_with_zipfile_and_sqlite(vocab: Vocabulary, tmp_path: Path) -> None:
    entries = vocab.entries("document")
    data = to_anki(entries)
    apkg = tmp_path / "words.apkg"
    apkg.write_bytes(data)
    with zipfile.ZipFile(apkg) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        assert json.loads(z.read("media")) == {}
        (tmp_path / "col.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "col.anki2")
    try:
        notes = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes ORDER BY sfld")]
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    finally:
        db.close()
    assert cards == 2
    by_word = {n[0]: n for n in notes}
    bank = by_word["银行"]
    assert bank[1:4] == ["銀行", "yínháng", "bank"]
    assert bank[4] == "他去<b>银行</b>取钱。" and bank[5] == "A篇 · d1"
    # Every field is HTML-escaped: the sentence's own tags are text, not markup.
    assert by_word["跨境电商"][4] == "=<b>跨境电商</b>&lt;b&gt;发展&lt;/b&gt;快。"
    fields = [f["name"] for m in models.values() for f in m["flds"]]
    assert fields == ["Simplified", "Traditional", "Pinyin", "Gloss", "Sentence", "Source"]
    assert any(d["name"] == "reader vocabulary" for d in decks.values())
    assert to_anki(entries) == data  # the same list gives the same bytes
