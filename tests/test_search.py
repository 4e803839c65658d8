"""Search: folded exact-phrase matching with offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import load_corpus
from corpus.text.fold import fold
from corpus.model import Corpus, Document
from corpus.text.search import find_all, search_corpus, snippet


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("跨境电商和跨境電商", "跨境电商", [(0, 4), (5, 9)]),
        ("跨境电商和跨境電商", "跨境電商", [(0, 4), (5, 9)]),
        ("用ＡＩ和Ai做事", "ai", [(1, 3), (4, 6)]),
        ("aaaa", "aa", [(0, 2), (2, 4)]),  # non-overlapping, leftmost
        ("没有命中", "跨境", []),
        ("文本", "", []),
        ("", "跨境", []),
        ("  前后空格  ", " 前后 ", [(2, 4)]),  # the query is stripped
    ],
)
def test_find_all_cases(text: str, query: str, expected: list[tuple[int, int]]) -> None:
    assert find_all(text, query) == expected


def test_long_latin_query_falls_back_to_folding() -> None:
    text = "about ChatGPTPlusService and chatgptplusservice"
    assert find_all(text, "CHATGPTPLUSSERVICE") == [(6, 24), (29, 47)]


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="跨境电商電Aaａ的 \n", max_size=40), query=st.text(alphabet="跨境电商電Aa", min_size=1, max_size=3))
def test_find_all_property(text: str, query: str) -> None:
    hits = find_all(text, query)
    prev = 0
    for s, e in hits:
        assert fold(text[s:e]) == fold(query)
        assert s >= prev
        prev = e
    # nothing is missed: the folded text has no occurrence outside the hits
    folded, fq = fold(text), fold(query)
    starts = {s for s, _ in hits}
    i = folded.find(fq)
    while i >= 0:
        assert any(s <= i < e for s, e in hits) or i in starts
        i = folded.find(fq, i + 1)


def test_snippet_is_one_line_with_context() -> None:
    text = "第一行\n" + "甲" * 30 + "跨境电商" + "乙" * 30 + "\n末行"
    start = text.index("跨境电商")
    snip = snippet(text, start, start + 4)
    assert "\n" not in snip and "跨境电商" in snip
    assert snip.startswith("…") and snip.endswith("…")
    assert len(snip) == 20 + 4 + 20 + 2


def _doc(doc_id: str, text: str, title: str = "题") -> Document:
    return Document(id=doc_id, file=f"{doc_id}.txt", section="s", title=title, text=text, blocks=[])


def test_search_corpus_orders_by_document_then_offset() -> None:
    corpus = Corpus(root="mem", documents=[
        _doc("b", "跨境電商在前，后面还有跨境电商。"),
        _doc("a", "这里没有。"),
        _doc("c", "再来一次跨境电商"),
    ])
    hits = search_corpus(corpus, "跨境电商")
    assert [(h.doc_id, h.start) for h in hits] == [("b", 0), ("b", 11), ("c", 4)]
    for h in hits:
        s, e = h.snippet_span
        assert fold(h.snippet[s:e]) == "跨境电商"
        assert h.to_dict()["id"] == h.doc_id
    assert len(search_corpus(corpus, "跨境电商", limit=2)) == 2


def test_search_shared_corpus_finds_cross_border_ecommerce(shared_corpus: Path) -> None:
    corpus = load_corpus(shared_corpus)
    hits = search_corpus(corpus, "跨境电商")
    by_doc = {d.id: d for d in corpus.documents}
    files = {by_doc[h.doc_id].file for h in hits}
    assert any(f.startswith("000_") for f in files)
    assert any(f.startswith("002_") for f in files)
    for h in hits:
        assert by_doc[h.doc_id].text[h.start : h.end] == "跨境电商"
    order = [d.id for d in corpus.documents]
    keys = [(order.index(h.doc_id), h.start) for h in hits]
    assert keys == sorted(keys)


def test_occurrences_is_the_exact_finder_behind_every_search() -> None:
    from corpus.text.search import occurrences

    assert occurrences("哈哈哈", "哈哈") == [0, 1]  # overlapping starts, in order
    assert occurrences("a-a-a-a", "a", limit=2) == [0, 2]
    assert occurrences("貿易贸易", "贸易") == [2]  # exact: folding is find_all's job
    assert occurrences("text", "") == [] and occurrences("", "x") == []
