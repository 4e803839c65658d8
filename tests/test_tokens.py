"""Tokens: rjieba spans agree with jieba's, user words apply, the disk cache is safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import load_corpus

from corpus.text import tokens
from corpus.model import Document
from corpus.text.userdict import parse_words, user_dict_path

MIXED = "今年前三季度，跨境电商进出口1.88万亿元\r\n同比增长11.5%。 AI与5G赋能😀「新质生产力」\t末尾 "


def add_user_word(word: str) -> None:
    """Append ``word`` to the user's words.txt, as a person would."""
    path = user_dict_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(word + "\n")


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, file=f"{doc_id}.txt", section="s", title=doc_id, text=text, blocks=[])


def test_tokens_cover_the_text_with_jieba_shape() -> None:
    toks = tokens.tokenize(MIXED)
    assert toks[0][1] == 0 and toks[-1][2] == len(MIXED)
    for (word, start, end), nxt in zip(toks, toks[1:] + [(None, len(MIXED), None)]):
        assert MIXED[start:end] == word and end == nxt[1]
    assert "".join(tokens.cut(MIXED)) == MIXED
    trad = "跨境電商與數字經濟"
    assert [w for w, _s, _e in tokens.tokenize(trad)][:1] == ["跨境電商"]
    assert tokens.cut(trad)[0] == "跨境电商"
    assert tokens.tokenize("") == []


def test_domain_words_stay_whole() -> None:
    words = [w for w, _s, _e in tokens.tokenize("推动跨境电商综试区发展新质生产力")]
    assert "跨境电商" in words and "综试区" in words and "新质生产力" in words


def test_user_dictionary_is_loaded_into_both_segmenters() -> None:
    text = "我们讨论鲸跃计划模式的推广。"
    assert "鲸跃计划" not in tokens.cut(text)
    add_user_word("鲸跃计划")
    assert user_dict_path().read_text(encoding="utf-8").splitlines() == ["鲸跃计划"]
    assert "鲸跃计划" in tokens.cut(text)
    assert tokens.tokenize(text) == tokens.jieba_tokenize(text)


def test_parse_words_format() -> None:
    words, warnings = parse_words("跨境电商\n# comment\n综试区 20 n\n坏 行 多 余\n\n数字人民币 nz\n")
    assert [(w.word, w.freq, w.tag) for w in words] == [("跨境电商", None, None), ("综试区", 20, "n"),
                                                          ("数字人民币", None, "nz")]
    assert len(warnings) == 1 and "line 4" in warnings[0]


def _agree(docs: list[Document]) -> int:
    checked = 0
    for doc in docs:
        assert tokens.tokenize(doc.text) == tokens.jieba_tokenize(doc.text), doc.id
        checked += len(doc.text)
    return checked


def test_rjieba_agrees_with_jieba_on_the_sample_corpus() -> None:
    corpus = load_corpus()
    assert _agree(corpus.documents + [_doc("mixed", MIXED)]) > 0


def test_rjieba_agrees_with_jieba_on_the_shared_corpus_with_user_words(shared_corpus: Path) -> None:
    add_user_word("招商引资政策")
    add_user_word("金融安全")
    corpus = load_corpus(shared_corpus)
    assert _agree(corpus.documents) > 50_000


def test_token_cache_roundtrip_and_damage(isolated_env: Path) -> None:
    doc = _doc("d1", "跨境电商综试区建设提速，数字经济蓬勃发展。" * 20)
    cache = tokens.TokenCache()
    assert cache.get(doc) is None
    first = tokens.document_tokens(doc, cache)
    path = cache.path(doc)
    assert path.is_file() and str(path).startswith(str(isolated_env / "cache"))
    assert cache.get(doc) is not None
    assert tokens.document_tokens(doc, cache) == first
    # A damaged entry is ignored (and replaced), never trusted.
    path.write_bytes(path.read_bytes()[:-7])
    assert cache.get(doc) is None
    assert tokens.document_tokens(doc, cache) == first
    path.write_bytes(b"garbage")
    assert tokens.document_tokens(doc, cache) == first
    # A different text (same id) never reads the old entry.
    other = _doc("d1", doc.text + "又一句。")
    assert tokens.document_tokens(other, cache)[-1][2] == len(other.text)


def test_cache_key_changes_with_user_words() -> None:
    before = tokens.segmenter_key()
    add_user_word("全新词语")
    assert tokens.segmenter_key() != before


def test_worker_functions_match_in_process_segmentation() -> None:
    text = "跨境电商与數字人民币的橙柚指数。" * 3
    tokens._worker_init([("橙柚指数", None, None)])
    try:
        [(ends, counts)] = tokens._worker_segment([(text, [], None)])
        expected = tokens.segment(text, tokens._WORKER_WORDS)
        assert ends == expected.ends.tobytes() and counts == expected.counts
        assert counts["橙柚指数"] == 3 and counts["数字"] == 3
    finally:
        tokens.reset()


def test_corpus_entries_in_worker_processes_match_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_CHUNK_CHARS", 1)  # one document per chunk: several go to the worker
    docs = [_doc(f"d{i}", f"第{i}篇：跨境电商与数字人民币的橙柚指数，推动新质生产力。" * (5 + i)) for i in range(4)]
    add_user_word("橙柚指数")
    pooled = tokens.corpus_entries(docs, parallel=True, cache=tokens.TokenCache(key="pool"))
    serial = tokens.corpus_entries(docs, parallel=False, cache=tokens.TokenCache(key="serial"))
    for d in docs:
        assert list(pooled[d.id].ends) == list(serial[d.id].ends)
        assert pooled[d.id].counts == serial[d.id].counts
        assert "橙柚指数" in pooled[d.id].counts
    # All work in the worker processes (the calling process only waits).
    # The workers write the cache entries of their chunks themselves.
    cache = tokens.TokenCache(key="remote")
    stored_flags: list[bool] = []

    def finish(doc: Document, entry: tokens.Entry, stored: bool = False) -> tuple[Document, tokens.Entry]:
        stored_flags.append(stored)
        return doc, entry

    remote = {d.id: e for d, e in tokens._pooled(docs, tokens.userdict.all_words(), finish, cache, local=False)}
    assert stored_flags == [True] * len(docs)
    for d in docs:
        assert list(remote[d.id].ends) == list(serial[d.id].ends) and remote[d.id].counts == serial[d.id].counts
        written = cache.get(d)
        assert written is not None and list(written.ends) == list(serial[d.id].ends)
    seen: list[tuple[int, int]] = []
    tokens.corpus_entries(docs, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == sum(len(d.text) for d in docs)


def test_jieba_is_quiet_and_caches_in_our_dir(isolated_env: Path) -> None:
    code = (
        "from corpus.text.tokens import jieba_tokenize\n"
        "print(len(jieba_tokenize('跨境电商综试区建设提速')))\n"
    )
    env = dict(os.environ, PYTHONWARNINGS="default")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stderr == ""
    assert int(out.stdout) > 0
    cached = list((isolated_env / "cache" / "jieba").glob("jieba*.cache"))
    assert cached, "jieba's dictionary cache must live in our cache dir"


def test_keyword_import_does_not_load_jieba_analyse() -> None:
    code = (
        "import sys\n"
        "from corpus.text.keywords import KeywordIndex, load_reference_idf\n"
        "idf, median = load_reference_idf(['经济'])\n"
        "print(sorted(n for n in sys.modules if n.startswith('jieba')), idf['经济'] > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"


def test_user_dictionary_path_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.text import userdict

    assert user_dict_path() == tmp_path / "config" / "words.txt"
    monkeypatch.setenv("READER_WORDS", str(tmp_path / "env-words.txt"))
    assert user_dict_path() == tmp_path / "env-words.txt"
    custom = tmp_path / "mine.txt"
    custom.write_text("鲸跃计划\n", encoding="utf-8")
    userdict.set_user_dict_path(custom)
    try:
        assert user_dict_path() == custom
        assert "鲸跃计划" in tokens.cut("讨论鲸跃计划")
    finally:
        userdict.set_user_dict_path(None)
    assert user_dict_path() == tmp_path / "env-words.txt"
    assert "鲸跃计划" not in tokens.cut("讨论鲸跃计划")


def test_tokens_and_keyword_words_of_a_document_read_the_cache_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Showing a document wants its tokens and its keyword spans: one disk read, not two."""
    doc = _doc("once", "新质生产力加快发展，跨境电商持续增长。" * 10)
    tokens.document_tokens(doc)  # segmented and cached on disk
    tokens._RECENT.clear()
    reads: list[str] = []
    real_get = tokens.TokenCache.get
    monkeypatch.setattr(tokens.TokenCache, "get", lambda self, d: reads.append(d.id) or real_get(self, d))
    original = tokens.document_tokens(doc)
    simplified = tokens.document_words(doc)
    assert reads == ["once"]
    assert [(a, b) for _w, a, b in original] == [(a, b) for _w, a, b in simplified]
    changed = _doc("once", doc.text + "又一句。")  # new text: its own entry, never the old one
    assert tokens.document_tokens(changed)[-1][2] == len(changed.text)
    assert reads == ["once", "once"]
