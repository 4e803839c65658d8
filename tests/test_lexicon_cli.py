"""`reader define`, `reader glossary`, `reader vocab`: JSON contracts, output, errors."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import load_corpus
from reader.cli import cli


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lexicon-cache")


@pytest.fixture(autouse=True)
def reuse_dictionary_cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The built CC-CEDICT index is cached once for the module (building it takes ~1 s).
    monkeypatch.setenv("READER_CACHE_DIR", str(shared_cache))


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "bank.txt").write_text(
        "银行业稳健发展\n\n他去银行取钱。银行的行长说，跨境电商综试区发展很快。\n\n另一家银行也在重庆开了分行。\n",
        encoding="utf-8")
    (root / "trade.txt").write_text("外贸新动能\n\n跨境电商企业借助海外仓拓展市场。\n", encoding="utf-8")
    return root


def test_define_json_contract(own_corpus: Path) -> None:
    code, out, err = run("define", "銀行", "-c", str(own_corpus), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["query"] == "銀行"
    entry = data["entries"][0]
    assert set(entry) >= {"simplified", "traditional", "pinyin", "definitions", "hsk", "source", "corpus"}
    assert (entry["simplified"], entry["traditional"], entry["pinyin"]) == ("银行", "銀行", "yínháng")
    assert entry["source"] == "cedict" and "bank" in entry["definitions"]
    # three times as a word (银行业 in the title is a word of its own), in one document
    assert entry["corpus"]["count"] == 3 and entry["corpus"]["docs"] == 1


def test_define_text_segments_give_the_sentence_back(own_corpus: Path) -> None:
    sentence = "银行的行长说，跨境电商综试区在重庆。"
    code, out, err = run("define", "--text", sentence, "-c", str(own_corpus), "--json")
    assert code == 0, err
    segs = json.loads(out)["segments"]
    assert "".join(s["text"] for s in segs) == sentence
    assert all(sentence[s["start"] : s["end"]] == s["text"] for s in segs)
    by_text = {s["text"]: s for s in segs}
    assert by_text["行长"]["pinyin"] == "hángzhǎng"
    assert by_text["重庆"]["pinyin"] == "Chóngqìng"
    assert by_text["综试区"]["entries"] == [] and by_text["综试区"]["pinyin"] == "zōngshìqū"


def test_define_text_from_stdin_and_human_table() -> None:
    code, out, err = run("define", "--text", "-", "--no-corpus", stdin="他在街上行走。")
    assert code == 0, err
    assert "行走" in out and "xíngzǒu" in out and "to walk" in out


def test_define_errors_are_one_line() -> None:
    code, _out, err = run("define")
    assert code != 0 and "give a WORD or --text" in err
    code, _out, err = run("define", "银行", "--text", "x")
    assert code != 0 and "one of them" in err
    code, _out, err = run("define", "长" * 60, "--no-corpus")
    assert code != 0 and "at most 50" in err and "Traceback" not in err


def test_missing_word_shows_its_parts() -> None:
    code, out, err = run("define", "综试区", "--no-corpus", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["entries"] == [] and data["pinyin"] == "zōngshìqū"
    assert [p["text"] for p in data["parts"]] == ["综", "试", "区"]
    code, out, _err = run("define", "综试区", "--no-corpus")
    assert "not in CC-CEDICT or your glossary" in out


def test_glossary_add_list_define_export_import_rm(tmp_path: Path) -> None:
    code, _out, err = run("glossary", "add", "综试区", "--pinyin", "zōngshìqū", "--gloss", "pilot zone",
                          "--note", "跨境电子商务综合试验区")
    assert code == 0 and "added 综试区" in err
    code, out, _ = run("define", "综试区", "--no-corpus", "--json")
    entry = json.loads(out)["entries"][0]
    assert entry["source"] == "glossary" and entry["definitions"] == ["pilot zone"]
    assert entry["note"] == "跨境电子商务综合试验区"
    code, out, _ = run("glossary", "list", "--json")
    assert [e["term"] for e in json.loads(out)["entries"]] == ["综试区"]
    target = tmp_path / "g.csv"
    code, _out, err = run("glossary", "export", "--format", "csv", "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8-sig").startswith("term,pinyin,gloss,note")
    code, _out, err = run("glossary", "export", "-o", str(target))
    assert code != 0 and "already exists" in err
    code, out, err = run("glossary", "import", "-", "--json", stdin="以旧换新\tyǐjiùhuànxīn\ttrade-in\n坏 词\tx\ty\n")
    assert code == 0, err
    assert json.loads(out)["added"] == 1 and len(json.loads(out)["skipped"]) == 1
    code, _out, err = run("glossary", "rm", "综试区")
    assert code == 0
    code, _out, err = run("glossary", "rm", "综试区")
    assert code != 0 and "not in the glossary" in err


def test_glossary_unreadable_is_an_error_line_and_kept(tmp_path: Path) -> None:
    from corpus.paths import glossary_path

    path = glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[not a glossary", encoding="utf-8")
    code, _out, err = run("glossary", "add", "新词", "--gloss", "x")
    assert code != 0 and "invalid JSON" in err and "a copy is kept" in err
    assert path.read_text(encoding="utf-8") == "[not a glossary"
    code, out, err = run("define", "银行", "--no-corpus")
    assert code == 0 and "glossary not used" in err and "bank" in out


def test_vocab_keep_list_and_export(own_corpus: Path, tmp_path: Path) -> None:
    doc = next(d for d in load_corpus(own_corpus).documents if "行长" in d.text)
    code, out, err = run("vocab", "keep", "行长", "--doc", doc.id, "-c", str(own_corpus), "--json")
    assert code == 0, err
    kept = json.loads(out)["kept"]
    assert kept["pinyin"] == "hángzhǎng" and kept["sentence"] == "银行的行长说，跨境电商综试区发展很快。"
    assert doc.text[kept["start"] : kept["end"]] == "行长" and "bank president" in kept["gloss"]
    code, out, err = run("vocab", "keep", "銀行", "--doc", doc.id, "--occurrence", "2", "-c", str(own_corpus), "--json")
    assert code == 0, err
    assert json.loads(out)["kept"]["sentence"] == "他去银行取钱。"
    code, _out, err = run("vocab", "keep", "火星", "--doc", doc.id, "-c", str(own_corpus))
    assert code != 0 and "occurs 0 time(s)" in err
    code, out, _ = run("vocab", "--sort", "document", "--json")
    assert [e["word"] for e in json.loads(out)["entries"]] == ["银行", "行长"]
    code, out, _ = run("vocab", "--export", "tsv")
    assert out.splitlines()[0].startswith("word\tsimplified\ttraditional\tpinyin")
    code, _out, err = run("vocab", "--export", "anki")
    assert code != 0 and "give -o" in err
    apkg = tmp_path / "words.apkg"
    code, out, err = run("vocab", "--export", "anki", "-o", str(apkg), "--json")
    assert code == 0, err
    assert json.loads(out) == {"format": "anki", "count": 2, "path": str(apkg)}
    with zipfile.ZipFile(apkg) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        words = sorted(row[0] for row in db.execute("SELECT sfld FROM notes"))
    finally:
        db.close()
    assert words == ["行长", "银行"]
    code, _out, err = run("vocab", "rm", "行长")
    assert code == 0
    code, _out, err = run("vocab", "rm", "行长")
    assert code != 0 and "not in the vocabulary" in err
