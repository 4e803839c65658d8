"""The whole-corpus code point array finds exactly what find_all finds, document by document."""

from __future__ import annotations

import random

import numpy as np
import pytest
from analysis_fixtures import doc

from corpus import load_corpus
from corpus.model import Document
from corpus.paths import samples_dir
from corpus.text.search import find_all
from corpus.text.textarray import TextArray, text_array


def _reference(docs: list[Document], query: str) -> list[tuple[int, int]]:
    return [(i, s) for i, d in enumerate(docs) for s, _e in find_all(d.text, query)]


def _ours(array: TextArray, query: str) -> list[tuple[int, int]]:
    found = array.find(query)
    return list(zip(found.doc.tolist(), found.start.tolist()))


TRICKY = [
    doc("t1", "跨境电商和跨境電商，ＡＩ与ai、Ai。"),
    doc("t2", "aaaa哈哈哈哈哈abab"),  # overlapping runs keep the leftmost of each
    doc("t3", ""),
    doc("t4", "商跨境"),  # a match must not run from the end of one document into the next
    doc("t5", "电商𠀋跨境电商𠀋"),  # a character outside the BMP
    doc("t6", "苎苧薴 苧麻 薴麻 苎麻"),  # 薴 folds to 苧, which folds to 苎
    doc("t7", "Straße STRASSE ﬁ café CAFÉ"),
    doc("t8", "x\udcffy 跨境"),  # a lone surrogate kept from undecodable bytes
]

QUERIES = ["跨境电商", "跨境", "电商", "商跨", "ai", "ＡＩ", "a", "aa", "aaa", "哈哈", "哈哈哈", "ab", "abab",
           "bab", "𠀋", "商𠀋跨", "苎", "苧", "薴", "苧麻", "薴麻", "café", "CAFÉ", " 跨境 ", "境电", "\udcff",
           "x\udcffy", "straße", "é", "Ｓｔｒａｓｓｅ", "abcdefghij"]


@pytest.mark.parametrize("query", QUERIES)
def test_tricky_texts_match_find_all(query: str) -> None:
    array = TextArray(TRICKY)
    assert _ours(array, query) == _reference(TRICKY, query)
    counts = array.counts(query)
    assert counts.tolist() == [len(find_all(d.text, query)) for d in TRICKY]


def test_bmp_only_texts_use_16_bits_and_others_32() -> None:
    assert TextArray([doc("a", "跨境电商")]).codes.dtype == np.uint16
    assert TextArray([doc("a", "跨境𠀋")]).codes.dtype == np.uint32


def test_empty_and_blank_queries_find_nothing() -> None:
    array = TextArray(TRICKY)
    assert len(array.find("")) == 0
    assert len(array.find("   ")) == 0
    assert array.counts("").sum() == 0


def test_samples_and_random_substrings_match_find_all() -> None:
    docs = load_corpus(samples_dir()).documents
    array = TextArray(docs)
    rng = random.Random(12)
    queries = ["跨境电商", "的", "经济", "發展", "AI", "2023", "，", "综合试验区"]
    for _ in range(150):
        d = rng.choice(docs)
        if len(d.text) < 8:
            continue
        n = rng.choice([1, 2, 2, 3, 4, 6])
        s = rng.randrange(0, len(d.text) - n)
        queries.append(d.text[s : s + n])
    for q in queries:
        assert _ours(array, q) == _reference(docs, q), q


def test_the_array_is_kept_while_the_texts_are_the_same() -> None:
    docs = [doc("a", "跨境电商"), doc("b", "电商")]
    first = text_array(docs)
    assert text_array(docs) is first
    docs[1].text = "跨境"
    second = text_array(docs)
    assert second is not first
    assert _ours(second, "跨境") == [(0, 0), (1, 0)]
