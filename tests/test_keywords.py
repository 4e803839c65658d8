"""Corpus keywords: filters, TF-IDF/TextRank on own texts, acceptance on the shared corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import load_corpus

from corpus.text import tokens
from corpus.text.keywords import Keyword, KeywordIndex, keyword_spans
from corpus.model import Corpus, Document
from corpus.text.stopwords import is_candidate, reason, stopwords


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("的", "single character"),
        ("，", "single character"),
        ("进一步", "stop word"),
        ("以及", "stop word"),
        ("我们", "stop word"),
        ("百分点", "stop word"),
        ("今年", "stop word"),
        ("2023", "number"),
        ("11.5%", "number"),
        ("１２３", "number"),
        ("十四", "number"),
        ("三成", "number"),
        ("第二", "number"),
        ("一万", "number"),
        ("5G", "number"),
        ("TOP50", "number"),
        ("https", "URL fragment"),
        ("weixin", "URL fragment"),
        ("mp", "URL fragment"),
        ("com", "URL fragment"),
        ("abc", "Latin debris"),
        ("TOP", "Latin debris"),
        ("Ai", "Latin debris"),
        ("——", "punctuation or symbol"),
        ("《意见》", "punctuation or symbol"),
        ("跨境电商", None),
        ("消费", None),
        ("人工智能", None),
        ("半导体", None),  # starts with a numeral character but is a word
        ("万物", None),
        ("GDP", None),
        ("AI", None),
    ],
)
def test_candidate_filter_table(word: str, why: str | None) -> None:
    assert reason(word) == why
    assert is_candidate(word) is (why is None)


def test_stopword_list_has_maintained_and_own_words() -> None:
    sw = stopwords()
    assert {"的", "了", "是", "和", "在", "等", "也", "对", "中"} <= sw
    assert {"进一步", "以及", "亿元", "同比"} <= sw
    assert len(sw) > 800


# ---------------------------------------------------------------- own small corpus

OWN = {
    "trade": "跨境电商综试区建设提速。跨境电商企业借助海外仓拓展市场，跨境电商出口保持增长。"
             "海关表示，跨境电商监管模式不断创新，海外仓布局更加合理。",
    "energy": "新型储能产业快速发展，储能电站项目陆续开工。氢能与储能技术融合，电池成本持续下降，"
              "储能市场空间广阔。",
    "finance": "数字人民币试点范围扩大，商业银行加快数字人民币钱包推广，支付场景更加丰富。"
               "金融监管部门关注数字人民币的安全与隐私。",
}


@pytest.fixture
def own_corpus() -> Corpus:
    docs = [Document(id=k, file=f"{k}.txt", section="own", title=k, text=v, blocks=[]) for k, v in OWN.items()]
    return Corpus(root="mem", documents=docs)


def test_tfidf_on_own_texts(own_corpus: Corpus) -> None:
    index = KeywordIndex.build(own_corpus)
    expected = {"trade": "跨境电商", "energy": "储能", "finance": "数字人民币"}
    for doc in own_corpus.documents:
        top = index.top(doc, 5)
        assert top[0].word == expected[doc.id]
        assert top[0].weight == 1.0
        assert all(0.0 <= k.weight <= 1.0 for k in top)
        assert [k.weight for k in top] == sorted((k.weight for k in top), reverse=True)
        words = [w for w, _s, _e in tokens.tokenize(doc.text)]
        for k in top:
            assert k.count == words.count(k.word)


def test_textrank_on_own_texts(own_corpus: Corpus) -> None:
    index = KeywordIndex.build(own_corpus)
    top = index.top("trade", 5, method="textrank")
    assert top[0].weight == 1.0
    assert "跨境电商" in [k.word for k in top[:3]]
    assert all(is_candidate(k.word) for k in top)
    with pytest.raises(ValueError):
        index.top("trade", 5, method="bm25")


def test_section_and_corpus_scopes(own_corpus: Corpus) -> None:
    index = KeywordIndex.build(own_corpus)
    section = [k.word for k in index.top_section("own", 10)]
    assert {"跨境电商", "储能", "数字人民币"} <= set(section)
    assert [k.word for k in index.top_corpus(10)] == section  # one section = the corpus
    with pytest.raises(KeyError):
        index.top_section("nope")
    totals = {k.word: k.count for k in index.top_corpus(20)}
    assert totals["跨境电商"] == 4


def test_keyword_spans_align_with_tokens(own_corpus: Corpus) -> None:
    doc = own_corpus.get("trade")
    assert doc is not None
    index = KeywordIndex.build(own_corpus)
    top = index.top(doc, 3)
    spans = keyword_spans(doc, top)
    token_bounds = {(s, e) for _w, s, e in tokens.tokenize(doc.text)}
    for span in spans:
        assert span.kind == "keyword"
        assert doc.text[span.start : span.end] == span.data
        assert (span.start, span.end) in token_bounds
        assert span.weight == next(k.weight for k in top if k.word == span.data)
    assert sum(1 for s in spans if s.data == "跨境电商") == next(k.count for k in top if k.word == "跨境电商")
    assert keyword_spans(doc, []) == []
    assert all(s.weight == 1.0 for s in keyword_spans(doc, ["海外仓"]))


def test_second_build_reads_the_token_cache(own_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    first = KeywordIndex.build(own_corpus)

    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("segmented again despite the cache")

    monkeypatch.setattr(tokens, "segment", boom)
    second = KeywordIndex.build(own_corpus)
    for doc in own_corpus.documents:
        assert second.doc_counts(doc.id) == first.doc_counts(doc.id) != {}


def test_small_corpus_leans_on_reference_idf(own_corpus: Corpus) -> None:
    index = KeywordIndex.build(own_corpus)
    assert index.alpha < 0.2
    # Both words occur in one document here; the reference knows 市场 is common.
    assert index.idf("海外仓") > index.idf("市场")


# ---------------------------------------------------------------- acceptance on ../shared/corpus

CORE_STOPWORDS = set("的 了 是 和 在 等 也 对 中".split())
PUNCT = re.compile(r"[\W_]", re.UNICODE)
URLISH = {"http", "https", "www", "com", "cn", "mp", "weixin", "qq", "html", "org", "net"}
NUMERALS = set("零〇一二三四五六七八九十百千万亿两")


def _bad(word: str) -> str | None:
    if len(word) < 2:
        return "single character"
    if PUNCT.search(word):
        return "punctuation"
    if any(ch.isdigit() for ch in word) or all(ch in NUMERALS for ch in word):
        return "number"
    if word.lower() in URLISH:
        return "URL fragment"
    if word in CORE_STOPWORDS or word in stopwords():
        return "stop word"
    if word.isascii() and not word.isupper():
        return "Latin debris"
    return None


SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, KeywordIndex]]:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    # Module-scoped: runs before the per-test isolated_env, so isolate it here too.
    tmp = tmp_path_factory.mktemp("shared-index")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("READER_CACHE_DIR", str(tmp / "cache"))
        mp.setenv("READER_CONFIG", str(tmp / "config" / "config.toml"))
        corpus = load_corpus(SHARED_CORPUS)
        yield corpus, KeywordIndex.build(corpus, parallel=False)


def test_no_debris_in_any_top20(shared_index: tuple[Corpus, KeywordIndex]) -> None:
    corpus, index = shared_index
    assert len(corpus) >= 3
    for doc in corpus.documents:
        for method in ("tfidf", "textrank"):
            for k in index.top(doc, 20, method):
                assert _bad(k.word) is None, (doc.id, method, k.word, _bad(k.word))
    for section, _docs in corpus.sections():
        for k in index.top_section(section, 20):
            assert _bad(k.word) is None, (section, k.word)


def _doc_with(corpus: Corpus, needle: str, file_prefix: str) -> Document:
    docs = [d for d in corpus.documents if d.file.startswith(file_prefix) and needle in d.text]
    assert docs, f"no document of {file_prefix} contains {needle}"
    return docs[0]


def test_000_first_article_is_about_consumption(shared_index: tuple[Corpus, KeywordIndex]) -> None:
    corpus, index = shared_index
    first = next(d for d in corpus.documents if d.file.startswith("000_"))
    assert "消费" in [k.word for k in index.top(first, 10)]


def test_000_cross_border_part_has_cross_border_ecommerce(shared_index: tuple[Corpus, KeywordIndex]) -> None:
    corpus, index = shared_index
    doc = _doc_with(corpus, "跨境电商综合试验区", "000_")
    assert "跨境电商" in [k.word for k in index.top(doc, 10)]


def test_002_section_guoyan_is_about_ai(shared_index: tuple[Corpus, KeywordIndex]) -> None:
    corpus, index = shared_index
    names = [name for name, _docs in corpus.sections()]
    assert "国研专稿" in names, names
    top = [k.word for k in index.top_section("国研专稿", 10)]
    assert {"人工智能", "生成式人工智能"} & set(top), top


def test_traditional_spellings_count_as_the_keyword() -> None:
    text = "跨境電商發展迅速。跨境电商企业增多，跨境電商平台完善。"
    doc = Document(id="t", file="t.txt", section="s", title="t", text=text, blocks=[])
    index = KeywordIndex.build([doc])
    top = index.top(doc, 3)
    assert top[0] == Keyword("跨境电商", 1.0, 3)
    spans = keyword_spans(doc, top[:1])
    assert [text[s.start : s.end] for s in spans] == ["跨境電商", "跨境电商", "跨境電商"]
    assert {s.data for s in spans} == {"跨境电商"}


def test_bylines_sources_and_furniture_are_not_counted() -> None:
    from corpus.model import join_blocks

    text, blocks = join_blocks([
        ("title", "储能产业观察", 1),
        ("paragraph", "储能技术快速发展，储能电站陆续开工。", 0),
        ("source", "储能日报 2023-08-13", 0),
        ("byline", "本报记者 储能", 0),
        ("furniture", "https://mp.weixin.qq.com/s/储能", 0),
        ("paragraph", "储能市场空间广阔。", 0),
    ])
    doc = Document(id="b", file="b.txt", section="s", title="储能产业观察", text=text, blocks=blocks)
    index = KeywordIndex.build([doc])
    counts = index.doc_counts("b")
    assert counts["储能"] == 4  # title + 2 in the first paragraph + 1 in the last; not the source/byline/URL
    assert "日报" not in counts
    spans = keyword_spans(doc, [Keyword("储能", 1.0, 4)])
    assert len(spans) == 4
    skip = tokens.uncounted_ranges(doc)
    assert len(skip) == 3
    assert all(not (a <= s.start < b) for s in spans for a, b in skip)
