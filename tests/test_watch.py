"""Watch words: folded Aho–Corasick matching, colours, longest match wins."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.fold import fold
from corpus.text.watch import DEFAULT_COLOUR, WatchList

TEXT = "今年跨境電商進出口增長，跨境电商综试区扩容；ＡＩ与ai、数字人民币试点。"


def found(watch: WatchList, text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.data) for s in watch.spans(text)]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ({"跨境电商": "red"}, [("跨境電商", "red"), ("跨境电商", "red")]),
        ({"跨境電商": "red"}, [("跨境電商", "red"), ("跨境电商", "red")]),  # a traditional term finds both
        ({"ai": "green"}, [("ＡＩ", "green"), ("ai", "green")]),
        ({"数字人民币": "blue", "人民币": "cyan"}, [("数字人民币", "blue")]),  # longest wins
        ({"跨境": "x", "跨境电商综试区": "y"}, [("跨境", "x"), ("跨境电商综试区", "y")]),
        ({"不存在的词": "red"}, []),
        ({}, []),
    ],
)
def test_watch_cases(terms: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert found(WatchList(terms), TEXT) == expected


def test_longest_wins_over_earlier_shorter_overlap() -> None:
    watch = WatchList({"电商": "a", "境电商综试区": "b"})
    assert found(watch, "跨境电商综试区") == [("境电商综试区", "b")]


def test_spans_are_watch_kind_in_order_and_fold_to_terms() -> None:
    watch = WatchList({"跨境电商": "red", "综试区": "blue"})
    spans = watch.spans(TEXT)
    assert [s.kind for s in spans] == ["watch"] * 3
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for s in spans:
        assert fold(TEXT[s.start : s.end]) in {"跨境电商", "综试区"}


def test_offsets_survive_astral_and_mixed_width_text() -> None:
    text = "😀𠀀Ａi跨境電商\n\tＡＩ"
    spans = WatchList({"ai": "g", "跨境电商": "r"}).spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Ａi", "跨境電商", "ＡＩ"]


def test_terms_without_colour_and_membership() -> None:
    watch = WatchList(["跨境电商", "  ", "综试区"])
    assert len(watch) == 2
    assert watch.colour("跨境電商") == DEFAULT_COLOUR
    assert "跨境電商" in watch and "别的" not in watch
    assert watch.terms == {"跨境电商": DEFAULT_COLOUR, "综试区": DEFAULT_COLOUR}


def test_two_thousand_terms() -> None:
    rng = random.Random(7)
    alphabet = "经济发展贸易跨境电商数字金融市场企业政策创新产业服务消费投资"
    terms = {"".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5))): "red" for _ in range(2500)}
    terms = dict(list(terms.items())[:2000])
    watch = WatchList(terms)
    text = "".join(rng.choice(alphabet + "，。的了") for _ in range(5000))
    spans = watch.spans(text)
    assert spans, "a dense random text must contain some of 2,000 random terms"
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert fold(text[s.start : s.end]) in terms


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(alphabet="跨境电商電經济ＡaA的，😀 \n", max_size=60),
    terms=st.lists(st.text(alphabet="跨境电商電經济Aa", min_size=1, max_size=4), max_size=6),
)
def test_watch_property(text: str, terms: list[str]) -> None:
    watch = WatchList({t: "red" for t in terms})
    spans = watch.spans(text)
    keys = {fold(t) for t in terms}
    prev = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= prev
        prev = s.end
        assert fold(text[s.start : s.end]) in keys


def test_long_latin_terms_match_any_case_and_width() -> None:
    text = "Visit ChatGPTPlusService or ＣＨＡＴＧＰＴＰＬＵＳＳＥＲＶＩＣＥ, and 跨境电商."
    watch = WatchList({"chatgptplusservice": "red", "跨境电商": "blue"})
    assert [text[s.start : s.end] for s in watch.spans(text)] == [
        "ChatGPTPlusService", "ＣＨＡＴＧＰＴＰＬＵＳＳＥＲＶＩＣＥ", "跨境电商"]
