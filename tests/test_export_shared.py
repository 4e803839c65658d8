"""Acceptance on a real page: the inline export of a 000 article shows its highlights in place.

Annotations are made on sentences found in the document at test time (never
copied into the repository).
"""

from __future__ import annotations

import json
import re

import pytest

from annotations.export import render
from annotations.importer import import_annotations
from annotations.model import new_annotation
from annotations.store import AnnotationStore
from conftest import shared_file
from export_fixtures import read_inline
from corpus import load_corpus


@pytest.fixture(scope="module")
def article():
    corpus = load_corpus(shared_file("000"), use_cache=False)
    doc = max(corpus.documents, key=lambda d: len(d.text))
    return corpus, doc


def sentences(doc, n: int) -> list[tuple[int, int]]:
    """The first ``n`` full sentences of body paragraphs, as offsets found with ``text.find``."""
    found = []
    for block, text in doc.iter_blocks("paragraph"):
        for sentence in re.findall(r"[^。！？\n]{8,}[。！？]", text):
            start = doc.text.find(sentence, block.start)
            found.append((start, start + len(sentence)))
            break
        if len(found) == n:
            break
    assert len(found) == n
    return found


def test_inline_export_of_a_000_article_shows_highlights_in_place(article, tmp_path):
    corpus, doc = article
    spans = sentences(doc, 4)
    anns = [new_annotation(doc, s, e, note=f"第{i + 1}条批注", tags=["测试"], color=i % 6 + 1)
            for i, (s, e) in enumerate(spans)]
    # A nested one inside the first sentence and one crossing from the second paragraph into the next.
    s0, e0 = spans[0]
    anns.append(new_annotation(doc, s0 + 2, s0 + 6, note="嵌套"))
    s1, e1 = spans[1]
    cross_end = doc.text.find("。", doc.blocks[doc.block_at(s1)].end + 2) + 1
    anns.append(new_annotation(doc, e1 - 3, cross_end, note="跨段"))
    md = render("inline", anns, corpus)
    # The body begins after the front matter and the meta line; footnotes follow it.
    head, meta, rest = md.split("\n\n", 2)
    if doc.blocks[0].type != "title":  # the export adds the title as a heading of its own
        rest = rest.split("\n\n", 1)[1]
    body = rest.split("\n\n[^1]: ")[0]
    text, lit, refs = read_inline(body)
    assert text == doc.text
    want = set()
    for a in anns:
        want |= set(range(a.selector.start, a.selector.end))
    want = {i for i in want if doc.text[i] != "\n"}  # highlights pause at line breaks
    assert lit == want
    # Every note's footnote sits right after its passage, and says what the note says.
    order = sorted(anns, key=lambda a: (a.selector.start, a.selector.end, a.id))
    for n, a in enumerate(order, 1):
        assert refs[n] == a.selector.start + len(a.quote.rstrip("\n"))
        assert f"[^{n}]: {a.note}" in md


def test_round_trip_of_notes_on_a_000_article(article, tmp_path):
    corpus, doc = article
    anns = [new_annotation(doc, s, e, note="批注", tags=["真实"]) for s, e in sentences(doc, 3)]
    data = render("json", anns, corpus)
    assert json.loads(data)["total"] == 3
    with AnnotationStore(tmp_path / "db.json") as store:
        report = import_annotations(data, store, corpus)
        assert len(report.added) == 3 and not report.orphaned
        assert sorted(a.to_record()["selector"]["start"] for a in store.all()) == sorted(a.selector.start for a in anns)
