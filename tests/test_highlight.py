"""The highlight model: priorities, flatten, clamping; a property test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.highlight import PRIORITY, clamp, compose, covered, flatten
from corpus.model import Span


def S(start: int, end: int, kind: str = "keyword", data: object = None) -> Span:
    return Span(start, end, kind, 1.0, data)


def test_priority_order() -> None:
    order = sorted(PRIORITY, key=PRIORITY.__getitem__, reverse=True)
    assert order == ["lookup", "selection", "search", "annotation", "watch", "keyword", "glossary"]


CASES = [
    # (spans, length, expected [(start, end, kind)])
    ([], 10, []),
    ([S(0, 4)], 10, [(0, 4, "keyword")]),
    ([S(0, 4), S(6, 8)], 10, [(0, 4, "keyword"), (6, 8, "keyword")]),
    # search wins inside a keyword
    ([S(0, 10), S(3, 5, "search")], 20, [(0, 3, "keyword"), (3, 5, "search"), (5, 10, "keyword")]),
    # selection beats everything, partially overlapping
    ([S(2, 8, "annotation"), S(0, 4, "selection")], 20, [(0, 4, "selection"), (4, 8, "annotation")]),
    # watch over keyword, keyword resumes after
    ([S(0, 6, "watch", "red"), S(4, 10)], 20, [(0, 6, "watch"), (6, 10, "keyword")]),
    # clamped to the text
    ([S(-3, 2), S(8, 50, "search")], 10, [(0, 2, "keyword"), (8, 10, "search")]),
    # empty and inverted spans vanish
    ([S(3, 3), S(5, 4)], 10, []),
    # adjacent pieces of one span are one segment
    ([S(0, 10, "annotation", "a1"), S(2, 4)], 20, [(0, 10, "annotation")]),
    # two annotations: the inner (later-starting) one wins where they overlap
    ([S(0, 10, "annotation", "outer"), S(4, 6, "annotation", "inner")], 20,
     [(0, 4, "annotation"), (4, 6, "annotation"), (6, 10, "annotation")]),
]


@pytest.mark.parametrize(("spans", "length", "expected"), CASES)
def test_flatten_cases(spans: list[Span], length: int, expected: list[tuple[int, int, str]]) -> None:
    assert [(s.start, s.end, s.kind) for s in flatten(spans, length)] == expected


def test_flatten_keeps_data_of_the_winner() -> None:
    out = flatten([S(0, 10, "annotation", "outer"), S(4, 6, "annotation", "inner")], 20)
    assert [s.data for s in out] == ["outer", "inner", "outer"]


def test_clamp() -> None:
    assert clamp([S(-1, 3), S(9, 12), S(20, 30)], 10) == [S(0, 3), S(9, 10)]


def test_within_a_kind_the_heavier_span_wins_then_the_inner_one() -> None:
    light, heavy = Span(0, 10, "keyword", 0.3, "轻"), Span(5, 15, "keyword", 0.9, "重")
    assert [(s.start, s.end, s.data) for s in flatten([heavy, light])] == [(0, 5, "轻"), (5, 15, "重")]
    inner = Span(2, 4, "keyword", 0.3, "内")
    assert [s.data for s in flatten([light, inner])] == ["轻", "内", "轻"]


def test_compose_stacks_the_winner_of_every_kind() -> None:
    note, word, hit = S(0, 10, "annotation", "n"), Span(2, 6, "keyword", 0.5, "w"), S(4, 8, "search")
    pieces = compose([hit, note, word], 20)
    assert [(p.start, p.end, [s.kind for s in p.spans]) for p in pieces] == [
        (0, 2, ["annotation"]),
        (2, 4, ["keyword", "annotation"]),
        (4, 6, ["keyword", "annotation", "search"]),
        (6, 8, ["annotation", "search"]),
        (8, 10, ["annotation"]),
    ]
    assert [(s.start, s.end, s.kind) for s in flatten([hit, note, word], 20)] == [
        (0, 4, "annotation"),
        (4, 8, "search"),
        (8, 10, "annotation"),
    ]


def test_covered_is_the_union_of_touching_and_nested_spans() -> None:
    assert covered([S(5, 8), S(0, 3), S(3, 4), S(6, 7), S(10, 12)]) == [(0, 4), (5, 8), (10, 12)]
    assert covered([]) == [] and covered([S(4, 4)]) == []


spans_strategy = st.lists(
    st.tuples(st.integers(-5, 60), st.integers(-5, 60), st.sampled_from(tuple(PRIORITY)), st.sampled_from([None, "a", "b"])),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=50), raw=spans_strategy)
def test_flatten_property(text: str, raw: list[tuple[int, int, str, object]]) -> None:
    spans = [Span(a, b, k, 1.0, d) for a, b, k, d in raw]
    flat = flatten(spans, len(text))
    covered: set[int] = set()
    prev_end = -1
    for seg in flat:
        assert 0 <= seg.start < seg.end <= len(text)  # inside the text, never empty
        assert seg.start >= prev_end  # sorted and non-overlapping
        prev_end = seg.end
        covered.update(range(seg.start, seg.end))
    # covers exactly the union of the (clamped) input spans
    union = {i for s in spans for i in range(max(0, s.start), min(len(text), s.end))}
    assert covered == union
    # each character shows the highest-priority kind covering it
    for seg in flat:
        for i in range(seg.start, seg.end):
            best = max(PRIORITY[s.kind] for s in spans if s.start <= i < s.end)
            assert PRIORITY[seg.kind] == best


@settings(max_examples=25, deadline=None)
@given(text=st.text(alphabet="跨境电商储能数字人民币發展的，。 \nAIai😀", max_size=80), pick=st.integers(0, 5))
def test_keyword_spans_property(text: str, pick: int) -> None:
    from corpus.text import tokens
    from corpus.text.keywords import keyword_spans
    from corpus.model import Document

    doc = Document(id="p", file="p.txt", section="s", title="p", text=text, blocks=[])
    words = sorted({w for w, _s, _e in tokens.document_words(doc) if len(w) > 1})
    chosen = words[:pick]
    spans = keyword_spans(doc, chosen)
    prev = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev  # never overlapping within the layer
        prev = s.end
        assert s.kind == "keyword" and s.data in chosen
    flat = flatten(spans, len(text))
    assert {i for s in flat for i in range(s.start, s.end)} == {i for s in spans for i in range(s.start, s.end)}


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=50), raw=spans_strategy)
def test_compose_agrees_with_flatten(text: str, raw: list[tuple[int, int, str, object]]) -> None:
    spans = [Span(a, b, k, 1.0, d) for a, b, k, d in raw]
    pieces = compose(spans, len(text))
    for p in pieces:
        kinds = [s.kind for s in p.spans]
        assert kinds == sorted(set(kinds), key=PRIORITY.__getitem__)  # one per kind, lowest first
        for i in range(p.start, p.end):
            assert {s.kind for s in spans if s.start <= i < s.end and s.end > s.start} == set(kinds)
    by_char = {i: p.top for p in pieces for i in range(p.start, p.end)}
    assert {i: (s.kind, s.data) for s in flatten(spans, len(text)) for i in range(s.start, s.end)} == {
        i: (s.kind, s.data) for i, s in by_char.items()
    }
