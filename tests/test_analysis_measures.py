"""Association and keyness measures: exact values worked out by hand.

Every expected number below was computed from the 2×2 table written next to it
(G² = 2 Σ O ln(O/E), E_ij = R_i C_j / N; MI = log2(O11/E11); log ratio with 0.5 for
zero), not by the code under test.
"""

from __future__ import annotations

import math

import pytest
from analysis_fixtures import corpus, doc, fruit, sample_terms

from corpus.analysis.collocates import collocates
from corpus.analysis.keyness import compare, of_documents, of_passages
from corpus.analysis.measures import log_likelihood, log_ratio, mutual_information, significance
from corpus.analysis.scope import Scope
from corpus.analysis.words import WordCounts, word_counts
from corpus.text.tokens import tokenize


def test_the_hand_made_texts_segment_as_the_expected_values_assume() -> None:
    words = [w for w, _a, _b in tokenize(fruit().documents[0].text) if w != " "]
    assert words == ["水果", "苹果", "香蕉", "市场", "水果", "价格"]
    assert [w for w, _a, _b in tokenize("水果的价格")] == ["水果", "的", "价格"]


def test_log_likelihood_and_mi_of_known_tables() -> None:
    # O11=1, R1=3, C1=3, N=12: E = 0.75, 2.25, 2.25, 6.75 for O = 1, 2, 2, 7
    assert log_likelihood(1, 3, 3, 12) == pytest.approx(0.14224687804474068, rel=1e-12)
    assert mutual_information(1, 3, 3, 12) == pytest.approx(0.41503749927884376, rel=1e-12)
    # O11=1, R1=3, C1=1, N=12: E = 0.25, 2.75, 0.75, 8.25 for O = 1, 2, 0, 9
    assert log_likelihood(1, 3, 1, 12) == pytest.approx(3.064978583578977, rel=1e-12)
    assert mutual_information(1, 3, 1, 12) == 2.0
    # Exactly as expected: no association at all.
    assert log_likelihood(1, 4, 3, 12) == 0.0
    assert mutual_information(1, 4, 3, 12) == 0.0
    assert mutual_information(0, 3, 3, 12) == -math.inf


def test_impossible_tables_are_refused() -> None:
    with pytest.raises(ValueError):
        log_likelihood(4, 3, 3, 12)  # more co-occurrences than window positions
    with pytest.raises(ValueError):
        log_likelihood(1, 13, 3, 12)


def test_log_ratio_and_significance() -> None:
    assert log_ratio(2, 6, 0, 6) == 2.0  # (2/6) / (0.5/6) = 4
    assert log_ratio(1, 6, 2, 6) == -1.0
    assert log_ratio(8, 100, 2, 200) == 3.0
    assert significance(3.0) is None
    assert significance(3.84) == 0.05
    assert significance(12.0) == 0.001
    assert significance(20.0) == 0.0001


def test_collocates_window_one() -> None:
    # 水果 at d1 tokens 0 and 4; window 1: 苹果 (right of the first), 市场 and 价格.
    # R1 = 3 window positions, N = 12 counted words; 苹果 occurs 3 times in all.
    table = collocates(fruit(), "水果", window=1, min_freq=1)
    assert (table.hits, table.window_words, table.corpus_words) == (2, 3, 12)
    got = {c.word: c for c in table.items}
    assert set(got) == {"苹果", "市场", "价格"}
    apple = got["苹果"]
    assert (apple.freq, apple.left, apple.right, apple.corpus_freq) == (1, 0, 1, 3)
    assert apple.ll == pytest.approx(0.14224687804474068, rel=1e-12)
    assert apple.mi == pytest.approx(0.41503749927884376, rel=1e-12)
    market = got["市场"]
    assert (market.freq, market.left, market.right, market.corpus_freq) == (1, 1, 0, 1)
    assert market.ll == pytest.approx(3.064978583578977, rel=1e-12)
    assert market.mi == 2.0
    # Ordered by G²: the two words seen only next to 水果 first.
    assert [c.word for c in table.items][-1] == "苹果"


def test_overlapping_windows_count_a_position_once() -> None:
    # Window 2: 苹果 香蕉 | 香蕉 市场 … 价格 — 香蕉 is in both windows, counted once.
    table = collocates(fruit(), "水果", window=2, min_freq=1)
    assert table.window_words == 4
    got = {c.word: c for c in table.items}
    assert got["香蕉"].freq == 1
    assert got["香蕉"].ll == pytest.approx(2.385382436397391, rel=1e-12)
    assert got["香蕉"].mi == pytest.approx(1.584962500721156, rel=1e-12)
    assert got["苹果"].ll == 0.0


def test_window_skips_function_words_punctuation_and_other_hits() -> None:
    c = corpus(doc("x", "水果的价格。水果，水果 市场"))
    table = collocates(c, "水果", window=1, min_freq=1)
    # 价格 (的 and 。 passed over), 市场; the neighbouring 水果 is a hit, never a collocate.
    assert {w.word: w.freq for w in table.items} == {"价格": 1, "市场": 1}
    assert table.window_words == 2


def test_min_freq_and_measure_order() -> None:
    assert collocates(fruit(), "水果", window=2, min_freq=2).items == []
    by_mi = collocates(fruit(), "水果", window=1, min_freq=1, measure="mi")
    assert [c.word for c in by_mi.items][0] in ("市场", "价格")
    assert by_mi.items[-1].word == "苹果"
    with pytest.raises(ValueError):
        collocates(fruit(), "水果", measure="dice")


def test_collocates_leave_bylines_out() -> None:
    from corpus.model import Block

    text = "水果 价格\n\n记者 苹果"
    c = corpus(doc("x", text, blocks=[Block("paragraph", 0, 5), Block("byline", 7, len(text))]))
    table = collocates(c, "水果", window=3, min_freq=1)
    assert [w.word for w in table.items] == ["价格"]
    assert table.corpus_words == 2  # 记者 and 苹果 are in a byline: not counted anywhere


def test_keyness_of_a_section_by_hand() -> None:
    # Part d1 (6 words: 水果 2, 苹果 1 …) against d2 (6 words: 苹果 2 …).
    table = of_documents(fruit(), Scope(section="甲").select(fruit()), "section 甲", min_ll=0.0, min_freq=1)
    assert (table.part_words, table.rest_words) == (6, 6)
    got = {k.word: k for k in table.items}
    # 水果: a=2, b=0; E = 1, 5, 1, 5 for O = 2, 4, 0, 6
    assert got["水果"].ll == pytest.approx(3.1752989932535587, rel=1e-12)
    assert got["水果"].log_ratio == 2.0
    assert got["水果"].p is None
    neg = {k.word: k for k in table.negative}
    # 苹果: a=1, b=2; E = 1.5, 4.5, 1.5, 4.5 for O = 1, 5, 2, 4
    assert neg["苹果"].ll == pytest.approx(0.4511389449179901, rel=1e-12)
    assert neg["苹果"].log_ratio == -1.0
    # The default thresholds (G² ≥ 3.84) keep nothing on texts this small.
    assert of_documents(fruit(), Scope(section="甲").select(fruit()), "section 甲").items == []


def test_keyness_with_known_totals_and_rest() -> None:
    part = WordCounts()
    for w, n in {"海外仓": 8, "企业": 2}.items():
        part.add_word(w, n)
    part.total = 100
    rest = WordCounts()
    rest.add_word("海外仓", 2)
    rest.add_word("企业", 40)
    rest.total = 200
    table = compare(part, rest, "part", min_ll=0.0)
    k = {x.word: x for x in table.items}["海外仓"]
    # a=8, R1=100, b=2, N=300, C1=10: E = 10/3, 290/3, 20/3, 580/3 for O = 8, 92, 2, 198
    assert k.ll == pytest.approx(9.532359509481829, rel=1e-12)
    assert k.log_ratio == 3.0
    assert {x.word for x in table.negative} == {"企业"}


def test_keyness_of_passages_counts_only_words_inside() -> None:
    c = fruit()
    # The passage "苹果 香蕉" of d1 (characters 3..8).
    assert c.documents[0].text[3:8] == "苹果 香蕉"
    table = of_passages(c, {"d1": [(3, 8), (4, 6)]}, "tag x", min_ll=0.0, min_freq=1)
    assert table.part_words == 2 and table.rest_words == 10
    assert table.part_docs == 1


def test_word_counts_drop_non_words() -> None:
    counts = word_counts(corpus(doc("x", "水果——水果……价格")).documents)
    assert counts.counts == {"水果": 2, "价格": 1}
    assert counts.total == 3


def _reference_window_words(c: object, term: str, window: int) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Collocation windows computed document by document with window_positions (the definition)."""
    from collections import Counter

    from corpus.analysis.collocates import window_positions
    from corpus.analysis.occurrences import Hit
    from corpus.analysis.words import token_pack
    from corpus.text.search import find_all

    pack = token_pack(c)  # type: ignore[arg-type]
    freq: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = {"L": Counter(), "R": Counter()}
    for d in c.documents:  # type: ignore[attr-defined]
        hits = [Hit(d.id, s, e) for s, e in find_all(d.text, term)]
        if not hits:
            continue
        words = pack.tokens(d)
        for i, side in window_positions(words, hits, window).items():
            freq[words.word(i)] += 1
            sides[side][words.word(i)] += 1
    return dict(freq), dict(sides["L"]), dict(sides["R"])


def test_collocation_windows_from_the_arrays_equal_the_document_by_document_ones() -> None:
    from corpus import load_corpus
    from corpus.analysis.collocates import window_words
    from corpus.analysis.occurrences import find

    samples = load_corpus()
    terms = sample_terms(samples, 5, ["跨境电商", "的", "企业", "AI", "。", "发展", "海外仓"], 15, (1, 2, 3, 4))
    for term in terms:
        for window in (1, 2, 5):
            freq, sides = window_words(samples, find(samples, term), window)
            assert (dict(freq), dict(sides["L"]), dict(sides["R"])) == \
                _reference_window_words(samples, term, window), (term, window)
