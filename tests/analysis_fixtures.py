"""Small hand-made corpora for the analysis tests (texts written for these tests)."""

from __future__ import annotations

import random

from corpus.model import Block, Corpus, Document


def doc(doc_id: str, text: str, *, section: str = "甲", date: str | None = None, title: str | None = None,
        blocks: list[Block] | None = None) -> Document:
    return Document(id=doc_id, file=f"{doc_id}.txt", section=section, title=title or doc_id, text=text,
                    blocks=blocks if blocks is not None else [Block("paragraph", 0, len(text))], date=date)


def corpus(*docs: Document) -> Corpus:
    return Corpus(root="hand-made", documents=list(docs))


def fruit() -> Corpus:
    """Two documents of space-separated words, so every token is known:

    d1: 水果 苹果 香蕉 市场 水果 价格   (counted words: 6)
    d2: 苹果 西瓜 葡萄 草莓 超市 苹果   (counted words: 6)
    """
    return corpus(
        doc("d1", "水果 苹果 香蕉 市场 水果 价格", section="甲", date="2024-01-15"),
        doc("d2", "苹果 西瓜 葡萄 草莓 超市 苹果", section="乙", date="2024-03-02"),
    )


def sample_terms(c: Corpus, seed: int | str, fixed: list[str], picks: int, lengths: tuple[int, ...]) -> list[str]:
    """``fixed`` and ``picks`` random substrings of the documents (of the given lengths, not
    blank): terms to hold an array computation equal to its one-by-one reference."""
    rng = random.Random(seed)
    terms = list(fixed)
    for _ in range(picks):
        d = rng.choice(c.documents)
        n = rng.choice(lengths)
        s = rng.randrange(0, max(1, len(d.text) - n))
        if d.text[s : s + n].strip():
            terms.append(d.text[s : s + n])
    return terms
