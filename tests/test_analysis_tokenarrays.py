"""The corpus's token arrays hold what the token-by-token reference (DocTokens) says."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from analysis_fixtures import corpus, doc

from corpus import load_corpus
from corpus.analysis import packs
from corpus.analysis.tokenarrays import token_arrays, unique, unique_inverse, walk
from corpus.analysis.words import is_word, token_pack
from corpus.model import Block
from corpus.text import textarray


def _check_against_doc_tokens(c: object) -> None:
    arrays = token_arrays(c)  # type: ignore[arg-type]
    pack = token_pack(c)  # type: ignore[arg-type]
    every = np.arange(len(arrays), dtype=np.int64)
    ids, strings = arrays.strings(every)
    assert arrays.counts(every) == Counter(strings[i] for i in ids.tolist())
    seen = 0
    for i, d in enumerate(c.documents):  # type: ignore[attr-defined]
        words = pack.tokens(d)
        base = int(arrays.first[i])
        assert int(arrays.first[i + 1]) - base == len(words)
        for j in range(len(words)):
            t = base + j
            assert int(arrays.ends[t]) == int(arrays.text.bounds[i]) + words.end(j)
            assert strings[ids[t]] == words.raw(j)
            assert bool(arrays.word[t]) == is_word(words.raw(j))
            assert bool(arrays.counted[t]) == words.counted(j), (d.id, j, words.raw(j))
            seen += 1
    assert seen == len(arrays)


def test_token_arrays_of_the_samples_equal_doc_tokens() -> None:
    _check_against_doc_tokens(load_corpus())


def test_token_arrays_of_hand_made_texts() -> None:
    text = "本报记者 王小明\n跨境电商的ＡＩ应用，😀新高。"
    c = corpus(
        doc("a", text, blocks=[Block("byline", 0, 8), Block("paragraph", 9, len(text))]),
        doc("b", ""),
        doc("c", "一个非常非常长的英文词supercalifragilistic在这里"),
        doc("d", "——……！！"),
    )
    _check_against_doc_tokens(c)


def test_flags_are_read_back_from_their_pack() -> None:
    samples = load_corpus()
    first = token_arrays(samples)
    textarray.forget()
    packs.forget()
    again = token_arrays(samples)  # a new text array: the flags come from the pack file
    assert again is not first
    assert (again.word == first.word).all() and (again.counted == first.counted).all()
    assert list(packs.cache_dir().glob("analysis/token-flags-*.bin"))


def test_a_damaged_flags_pack_is_rebuilt() -> None:
    samples = load_corpus()
    first = token_arrays(samples)
    (pack,) = packs.cache_dir().glob("analysis/token-flags-*.bin")
    pack.write_bytes(pack.read_bytes()[:-3])
    textarray.forget()
    again = token_arrays(samples)
    assert (again.counted == first.counted).all()


@pytest.mark.parametrize("step", [1, -1])
def test_walk_finds_the_nearest_flagged_tokens(step: int) -> None:
    flags = np.array([1, 0, 0, 1, 1, 0, 1, 0, 1, 1], dtype=np.bool_)
    start = np.array([0, 2, 5, 9, 7], dtype=np.int64)
    lo = np.array([0, 0, 0, 5, 5], dtype=np.int64)
    hi = np.array([10, 10, 6, 10, 10], dtype=np.int64)
    out = walk(flags, start, lo, hi, step, 3)
    for j in range(len(start)):
        expected = [i for i in (range(start[j], hi[j]) if step > 0 else range(start[j], lo[j] - 1, -1))
                    if flags[i]][:3]
        assert out[:, j].tolist() == expected + [-1] * (3 - len(expected))


def test_sorting_unique_equals_numpy() -> None:
    rng = np.random.default_rng(3)
    values = rng.integers(0, 50, size=400).astype(np.int64)
    assert unique(values).tolist() == np.unique(values).tolist()
    keys = rng.integers(0, 30, size=300).astype(np.uint64)
    distinct, inverse = unique_inverse(keys)
    assert distinct.tolist() == np.unique(keys).tolist()
    assert (distinct[inverse] == keys).all()
    assert unique(np.zeros(0, dtype=np.int64)).tolist() == []


def test_flags_follow_a_block_retyped_without_a_changed_character() -> None:
    text = "本报记者 王小明 跨境电商发展"
    byline = [Block("byline", 0, 8), Block("paragraph", 9, len(text))]
    plain = [Block("paragraph", 0, len(text))]
    first = token_arrays(corpus(doc("a", text, blocks=plain)))
    textarray.forget()
    second = token_arrays(corpus(doc("a", text, blocks=byline)))  # same text, the byline now typed
    assert first.counted.sum() > second.counted.sum()
    _check_against_doc_tokens(corpus(doc("a", text, blocks=byline)))
