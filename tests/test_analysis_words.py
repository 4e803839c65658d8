"""The corpus token pack: the documents' own tokens, one file, rebuilt when stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_fixtures import corpus, doc

from corpus import load_corpus
from corpus.analysis import packs
from corpus.analysis.words import corpus_counts, is_counted, is_word, token_pack, word_counts
from corpus.text import tokens


def test_pack_tokens_are_the_documents_tokens() -> None:
    c = load_corpus()
    pack = token_pack(c)
    for d in c.documents:
        words = pack.tokens(d)
        assert [(words.word(i), words.start(i), words.end(i)) for i in range(len(words))] == tokens.document_words(d)


def test_pack_is_read_from_its_file_and_rebuilt_when_damaged_or_stale(isolated_env: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    c = corpus(doc("a", "跨境電商平台销售。"), doc("b", "海外仓建设加快。"))
    first = token_pack(c)
    (path,) = (isolated_env / "cache" / "analysis").glob("tokens-*.bin")
    packs.forget()

    def refuse(*_a: object, **_k: object) -> object:
        raise AssertionError("should have come from the pack")

    with monkeypatch.context() as m:
        m.setattr(tokens, "iter_entries", refuse)
        again = token_pack(c)
    assert list(again.ends) == list(first.ends) and again.ids == ["a", "b"]
    packs.forget()
    path.write_bytes(path.read_bytes()[:-3])
    assert list(token_pack(c).ends) == list(first.ends)
    changed = corpus(doc("a", "跨境電商平台销售。"), doc("b", "海外仓建设加快了。"))
    assert token_pack(changed).tokens(changed.documents[1]).word(3) == "了"
    assert len(list((isolated_env / "cache" / "analysis").glob("tokens-*.bin"))) == 1  # the stale one is gone


def test_corpus_counts_pack_equals_counting_again() -> None:
    c = load_corpus()
    whole = corpus_counts(c)
    packs.forget()
    again = corpus_counts(c)
    direct = word_counts(c.documents)
    assert whole.counts == again.counts == direct.counts
    assert whole.total == direct.total and whole.docs == len(c.documents)
    part = corpus_counts(c, c.documents[:3])
    assert part.docs == 3


@pytest.mark.parametrize(("word", "w", "c"), [("跨境电商", True, True), ("的", True, False), ("，", False, False),
                                              ("——", False, False), ("5G", True, True), ("\n\n", False, False)])
def test_word_kinds(word: str, w: bool, c: bool) -> None:
    assert is_word(word) is w and is_counted(word) is c
