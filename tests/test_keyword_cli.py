"""`reader keywords` and `reader search`: JSON contracts, human output, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import load_corpus
from reader.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "trade.txt").write_text(
        "跨境电商综试区建设提速\n\n跨境电商企业借助海外仓拓展市场，跨境電商出口保持增长。海外仓布局更加合理。\n",
        encoding="utf-8")
    (root / "energy.txt").write_text(
        "新型储能产业快速发展\n\n储能电站项目陆续开工。氢能与储能技术融合，储能市场空间广阔。\n", encoding="utf-8")
    return root


def test_keywords_json_for_a_document(own_corpus: Path) -> None:
    corpus = load_corpus(own_corpus)
    doc = next(d for d in corpus.documents if "跨境" in d.text)
    code, out, err = run("keywords", doc.id, "-c", str(own_corpus), "--top", "3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["id"] == doc.id and data["method"] == "tfidf"
    assert len(data["keywords"]) == 3
    assert set(data["keywords"][0]) == {"word", "weight", "count"}
    assert data["keywords"][0]["word"] == "跨境电商"
    assert data["keywords"][0]["weight"] == 1.0


def test_keywords_textrank_section_and_all(own_corpus: Path) -> None:
    corpus = load_corpus(own_corpus)
    section = corpus.documents[0].section
    code, out, err = run("keywords", "--section", section, "-c", str(own_corpus), "--json", "--method", "textrank")
    assert code == 0, err
    data = json.loads(out)
    assert data["id"] is None and data["section"] == section and data["scope"] == "section"
    assert data["method"] == "textrank" and data["keywords"]
    code, out, err = run("keywords", "--all", "-c", str(own_corpus), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["id"] is None and data["scope"] == "corpus"
    assert {"跨境电商", "储能"} <= {k["word"] for k in data["keywords"]}


def test_keywords_human_output(own_corpus: Path) -> None:
    code, out, _err = run("keywords", "--all", "-c", str(own_corpus))
    assert code == 0
    assert "储能" in out and "weight" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("keywords",), "exactly one of"),
        (("keywords", "nosuchid"), "no document"),
        (("keywords", "--section", "不存在"), "no section named"),
        (("keywords", "--all", "--section", "x"), "exactly one of"),
    ],
)
def test_keywords_errors(own_corpus: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, "-c", str(own_corpus))
    assert code != 0
    assert message in err and "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_keywords_suggest(own_corpus: Path) -> None:
    # 海外仓 is built in; 储能电站 is cut (储能/电站) and frequent enough with min count.
    (own_corpus / "more.txt").write_text("储能电站。" * 5 + "储能电站建设。", encoding="utf-8")
    code, out, err = run("keywords", "--suggest", "-c", str(own_corpus), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["words_file"].endswith("words.txt")
    words = {s["word"]: s for s in data["suggestions"]}
    assert "储能电站" in words
    assert words["储能电站"]["pieces"] == ["储能", "电站"]
    assert words["储能电站"]["count"] >= 6


def test_search_json(own_corpus: Path) -> None:
    code, out, err = run("search", "跨境电商", "-c", str(own_corpus), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["query"] == "跨境电商"
    corpus = {d.id: d for d in load_corpus(own_corpus).documents}
    assert len(data["hits"]) == 3
    for hit in data["hits"]:
        assert set(hit) == {"id", "title", "start", "end", "snippet"}
        assert corpus[hit["id"]].text[hit["start"] : hit["end"]] in ("跨境电商", "跨境電商")
        assert "\n" not in hit["snippet"]


def test_search_human_output_and_errors(own_corpus: Path) -> None:
    code, out, _err = run("search", "储能", "-c", str(own_corpus))
    assert code == 0 and "hits for" in out
    code, out, _err = run("search", "没有的词", "-c", str(own_corpus))
    assert code == 0 and "no hits" in out
    code, _out, err = run("search", "  ", "-c", str(own_corpus))
    assert code != 0 and "empty" in err
    code, _out, err = run("search", "x", "-c", str(own_corpus / "missing"))
    assert code != 0 and "no such file" in err


def test_search_shared_corpus_acceptance(shared_corpus: Path) -> None:
    code, out, err = run("search", "跨境电商", "-c", str(shared_corpus), "--json")
    assert code == 0, err
    hits = json.loads(out)["hits"]
    docs = {d.id: d for d in load_corpus(shared_corpus).documents}
    files = {docs[h["id"]].file[:4] for h in hits}
    assert {"000_", "002_"} <= files
    assert all(docs[h["id"]].text[h["start"] : h["end"]] == "跨境电商" for h in hits)


def test_keywords_use_the_configured_user_dictionary(own_corpus: Path, isolated_env: Path) -> None:
    words = isolated_env / "my-words.txt"
    words.write_text("储能市场\n", encoding="utf-8")
    config = isolated_env / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'user_dictionary = "{words.as_posix()}"\n', encoding="utf-8")
    from corpus.text import userdict

    try:
        code, out, err = run("keywords", "--all", "-c", str(own_corpus), "--json", "--top", "20")
        assert code == 0, err
        assert "储能市场" in {k["word"] for k in json.loads(out)["keywords"]}
    finally:
        userdict.set_user_dict_path(None)
