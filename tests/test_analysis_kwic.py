"""Concordance, n-gram clusters, scopes and cell widths on hand-made texts; counts
agree with `reader search`."""

from __future__ import annotations

import pytest
from analysis_fixtures import corpus, doc, sample_terms

from corpus import load_corpus
from corpus.analysis.cells import cells, clip_end, clip_start, one_line, pad_start
from corpus.analysis.kwic import Concordance
from corpus.analysis.ngrams import ngrams, parse_sizes
from corpus.analysis.occurrences import Hit, occurrences
from corpus.analysis.scope import Scope, ScopeError
from corpus.analysis.trends import trend
from corpus.text.search import search_corpus


def three() -> object:
    return corpus(
        doc("a", "香蕉 水果 市场", date="2024-03-01", section="甲"),
        doc("b", "苹果 水果 价格", date=None, section="乙"),
        doc("c", "西瓜 水果 超市", date="2024-01-20", section="甲"),
    )


def test_cells_count_cjk_as_two() -> None:
    assert cells("中文AB") == 6
    assert cells("ＡＢ") == 4  # full-width letters
    assert cells("é") == 1 and cells("e\u0301") == 1  # a combining accent takes no cell
    assert clip_start("中文AB", 5) == "文AB"
    assert clip_end("cd文字", 5) == "cd文"
    assert clip_end("cd文字", 4) == "cd文"
    assert clip_end("cd文字", 3) == "cd"
    assert pad_start("文A", 5) == "  文A"
    assert one_line("a\n\n b\x1b[31m\tc") == "a b [31m c"


def test_kwic_context_is_measured_in_cells() -> None:
    k = Concordance(corpus(doc("x", "中文AB水果cd文字")), "水果", width=5)
    (line,) = k.lines()
    assert (line.left, line.match, line.right) == ("文AB", "水果", "cd文")
    assert (line.start, line.end) == (4, 6)  # offsets are characters, not cells


def test_kwic_lines_are_one_line_without_controls() -> None:
    k = Concordance(corpus(doc("x", "第一段\n\n水果\x07在\u2028这里")), "水果", width=10)
    (line,) = k.lines()
    assert line.left == "第一段 " and line.right == " 在 这里"


@pytest.mark.parametrize(
    ("sort", "order"),
    [("doc", ["a", "b", "c"]), ("date", ["c", "a", "b"]), ("1L", ["b", "c", "a"]), ("1R", ["b", "a", "c"])],
)
def test_kwic_sorts(sort: str, order: list[str]) -> None:
    # 1L: 苹果 (U+82F9) < 西瓜 (U+897F) < 香蕉 (U+9999); 1R: 价格 < 市场 < 超市;
    # date: 2024-01-20, 2024-03-01, then the undated one.
    k = Concordance(three(), "水果", sort=sort)
    assert [ln.doc_id for ln in k.lines()] == order


def test_kwic_sort_ties_go_outward_then_reading_order() -> None:
    c = corpus(
        doc("p", "乙方 苹果 水果", section="甲"),
        doc("q", "甲方 苹果 水果 。苹果 水果", section="甲"),
        doc("r", "乙方 苹果 水果", section="甲"),
    )
    # Every line has 苹果 at 1L. 2L: p and r 乙方 (U+4E59), q@6 甲方 (U+7532), and
    # q@13 水果 (U+6C34: punctuation is skipped, the previous match is a word).
    # p and r tie on every word: reading order decides.
    k = Concordance(c, "水果", sort="1L")
    assert [(ln.doc_id, ln.start) for ln in k.lines()] == [("p", 6), ("r", 6), ("q", 13), ("q", 6)]
    k2 = Concordance(c, "水果", sort="2L")
    assert [(ln.doc_id, ln.start) for ln in k2.lines()] == [("p", 6), ("r", 6), ("q", 13), ("q", 6)]
    # 3L: only q@13 has a third word (苹果); "" sorts first, then reading order.
    k3 = Concordance(c, "水果", sort="3L")
    assert [(ln.doc_id, ln.start) for ln in k3.lines()] == [("p", 6), ("q", 6), ("r", 6), ("q", 13)]


def test_kwic_pages_lazily_and_filters() -> None:
    c = corpus(*[doc(f"d{i}", "水果 " * 5, date=f"2024-0{i % 3 + 1}-01", section="甲" if i % 2 else "乙")
                 for i in range(6)])
    k = Concordance(c, "水果")
    assert k.total == 30 and k.doc_count == 6
    page = k.lines(28, 10)
    assert [(ln.doc_id, ln.start) for ln in page] == [("d5", 9), ("d5", 12)]  # "水果 " is 3 characters
    assert Concordance(c, "水果", scope=Scope(section="甲")).total == 15
    assert Concordance(c, "水果", scope=Scope(since="2024-02", until="2024-02")).total == 10
    assert Concordance(c, "水果", scope=Scope(doc="d3")).total == 5


def test_kwic_match_is_the_text_and_folds_like_search() -> None:
    c = corpus(doc("t", "跨境電商與跨境电商，ＡＩ和ai"))
    for term, n in (("跨境电商", 2), ("跨境電商", 2), ("AI", 2)):
        k = Concordance(c, term)
        assert k.total == n
        for ln in k.lines():
            assert c.documents[0].text[ln.start : ln.end] == ln.match


def test_bad_requests_are_clear() -> None:
    with pytest.raises(ValueError, match="empty"):
        Concordance(three(), "  ")
    with pytest.raises(ValueError, match="sort"):
        Concordance(three(), "水果", sort="4L")
    with pytest.raises(ScopeError, match="no section named '丙'"):
        Scope(section="丙").select(three())
    with pytest.raises(ScopeError, match="not a date"):
        Scope(since="2024-13")
    with pytest.raises(ScopeError, match="after"):
        Scope(since="2024-05", until="2024-04")
    with pytest.raises(ScopeError, match="no document"):
        Scope(doc="zz").select(three())


def test_scope_dates_are_inclusive_and_undated_documents_fall_outside() -> None:
    c = three()
    assert [d.id for d in Scope(since="2024-01-20", until="2024-03").select(c)] == ["a", "c"]
    assert [d.id for d in Scope(until="2024-02").select(c)] == ["c"]
    assert [d.id for d in Scope(since="2024").select(c)] == ["a", "c"]
    assert [d.id for d in Scope(section="甲").select(c)] == ["a", "c"]


def test_ngrams_by_hand() -> None:
    c = corpus(doc("n", "通过跨境电商平台销售。通过跨境电商平台采购。"), doc("m", "发展跨境电商。"))
    table = ngrams(c, "跨境电商", min_freq=1)
    got = {g.text: (g.freq, g.docs) for g in table.items}
    assert got == {
        "通过 跨境电商": (2, 1), "跨境电商 平台": (2, 1), "发展 跨境电商": (1, 1),
        "通过 跨境电商 平台": (2, 1), "跨境电商 平台 销售": (1, 1), "跨境电商 平台 采购": (1, 1),
        "通过 跨境电商 平台 销售": (1, 1), "通过 跨境电商 平台 采购": (1, 1),
    }
    # Most frequent first, longer before shorter on a tie.
    assert table.items[0].text == "通过 跨境电商 平台"
    assert {g.text for g in ngrams(c, "跨境电商", sizes=(3, 3), min_freq=2).items} == {"通过 跨境电商 平台"}


def test_ngram_sizes() -> None:
    assert parse_sizes("2-5") == (2, 5) and parse_sizes("3") == (3, 3)
    for bad in ("1-3", "4-2", "6", "x"):
        with pytest.raises(ValueError):
            parse_sizes(bad)


def test_occurrences_are_search_hits() -> None:
    c = three()
    assert list(occurrences(c, "水果")) == [Hit("a", 3, 5), Hit("b", 3, 5), Hit("c", 3, 5)]


@pytest.mark.parametrize("term", ["跨境电商", "跨境電商", "海外仓", "企业", "的", "AI", "消费"])
def test_kwic_and_trend_totals_agree_with_search_on_the_samples(term: str) -> None:
    samples = load_corpus()
    hits = search_corpus(samples, term)
    k = Concordance(samples, term)
    assert k.total == len(hits)
    assert [(ln.doc_id, ln.start, ln.end) for ln in k.lines()] == [(h.doc_id, h.start, h.end) for h in hits]
    t = trend(samples, [term], by="month")
    series = t.series[0]
    assert series.total == len(hits)
    assert sum(p.count for p in series.points) + series.undated.count == len(hits)
    assert sum(p.docs for p in series.points) + series.undated.docs == len({h.doc_id for h in hits})


def test_agreement_on_the_shared_corpus(shared_corpus) -> None:
    real = load_corpus(shared_corpus)
    for term in ("跨境电商", "发展", "消費"):
        hits = search_corpus(real, term)
        assert Concordance(real, term).total == len(hits) > 0
        assert trend(real, [term], by="year").series[0].total == len(hits)


def test_a_rare_term_is_read_only_from_the_documents_the_index_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus.analysis import occurrences as occ
    from corpus.text import textarray

    samples = load_corpus()
    occ.corpus_index(samples).update()
    textarray.forget()
    monkeypatch.setattr(occ, "FEW_DOCUMENTS", 0.5)
    built: list[int] = []
    real = textarray.TextArray.__init__

    def counting(self: textarray.TextArray, docs: list[object]) -> None:
        built.append(len(docs))
        real(self, docs)  # type: ignore[arg-type]

    monkeypatch.setattr(textarray.TextArray, "__init__", counting)
    k = Concordance(samples, "跨境電商")  # in 4 documents of the samples: the index names them
    assert k.total == len(search_corpus(samples, "跨境电商")) == 16
    assert built == []
    assert trend(samples, ["的"], by="year").series[0].total == len(search_corpus(samples, "的"))
    assert built == [len(samples.documents)]  # a common term: the whole-corpus array, built once
    assert Concordance(samples, "跨境電商").total == 16 and built == [len(samples.documents)]


def _reference_order(c: object, term: str, sort: str) -> list[tuple[str, int]]:
    """The concordance order computed hit by hit (the definition the arrays must meet)."""
    from corpus.analysis.kwic import SORT_DEPTH, side_words
    from corpus.analysis.words import token_pack

    hits = search_corpus(c, term)  # type: ignore[arg-type]
    docs = c.documents  # type: ignore[attr-defined]
    rank = {d.id: i for i, d in enumerate(docs)}
    if sort == "date":
        by_id = {d.id: d for d in docs}
        key = sorted(hits, key=lambda h: (by_id[h.doc_id].date is None, by_id[h.doc_id].date or "",
                                          rank[h.doc_id], h.start))
        return [(h.doc_id, h.start) for h in key]
    pack = token_pack(c)  # type: ignore[arg-type]
    side, depth = sort[1], int(sort[0])
    keyed = []
    for h in hits:
        words = pack.tokens(c.get(h.doc_id))  # type: ignore[attr-defined]
        seq = side_words(words, h.start, h.end, side)[depth - 1 :]
        keyed.append((tuple(seq) + ("",) * (SORT_DEPTH - len(seq)), rank[h.doc_id], h.start, h))
    keyed.sort(key=lambda k: k[:3])
    return [(k[3].doc_id, k[3].start) for k in keyed]


@pytest.mark.parametrize("sort", ["date", "1L", "2L", "3L", "1R", "2R", "3R"])
def test_sorted_concordances_equal_the_hit_by_hit_order(sort: str) -> None:
    samples = load_corpus()
    terms = sample_terms(samples, sort, ["跨境电商", "的", "企业", "AI", "。", "发展"], 12, (1, 2, 3))
    for term in terms:
        k = Concordance(samples, term, sort=sort)
        assert [(h.doc_id, h.start) for h in k.hits] == _reference_order(samples, term, sort), term
        assert [(ln.doc_id, ln.start) for ln in k.lines(3, 5)] == [(h.doc_id, h.start) for h in k.hits[3:8]]


def _reference_ngrams(c: object, term: str, sizes: tuple[int, int], min_freq: int) -> list[tuple[object, ...]]:
    """Clusters counted occurrence by occurrence with clusters_at (the definition)."""
    from collections import Counter

    from corpus.analysis.ngrams import clusters_at
    from corpus.analysis.words import token_pack
    from corpus.text.fold import fold

    pack = token_pack(c)  # type: ignore[arg-type]
    freq: Counter[tuple[str, ...]] = Counter()
    in_docs: dict[tuple[str, ...], set[str]] = {}
    shown: dict[tuple[str, ...], tuple[str, ...]] = {}
    for h in search_corpus(c, term):  # type: ignore[arg-type]
        for gram in clusters_at(pack.tokens(c.get(h.doc_id)), Hit(h.doc_id, h.start, h.end), sizes):  # type: ignore[attr-defined]
            key = tuple(fold(w) for w in gram)
            freq[key] += 1
            in_docs.setdefault(key, set()).add(h.doc_id)
            shown.setdefault(key, gram)
    items = [(shown[k], n, len(in_docs[k])) for k, n in freq.items() if n >= min_freq]
    items.sort(key=lambda g: (-g[1], -len(g[0]), g[0]))
    return items


def test_clusters_from_the_arrays_equal_the_occurrence_by_occurrence_ones() -> None:
    samples = load_corpus()
    terms = sample_terms(samples, 8, ["跨境电商", "的", "企业", "AI", "。", "发展", "跨境"], 12, (1, 2, 3))
    for term in terms:
        for sizes, min_freq in (((2, 5), 2), ((3, 3), 1), ((2, 4), 1)):
            got = [(g.words, g.freq, g.docs) for g in ngrams(samples, term, sizes=sizes, min_freq=min_freq).items]
            assert got == _reference_ngrams(samples, term, sizes, min_freq), (term, sizes)
