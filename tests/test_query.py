"""The filter mini-language and Filter.matches."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.model import Annotation, Selector, Target
from annotations.query import Filter, FilterError, parse_filter


def ann(**kw) -> Annotation:
    base = Annotation(
        id="a1",
        target=Target(file="f.txt", doc_id="doc-42", fingerprint="x", section="经济", title="t"),
        selector=Selector(exact="跨境电商综合试验区", prefix="", suffix="", start=0, end=9),
        note="貿易便利化措施",
        tags=("跨境", "外贸"),
        color=2,
        created="2024-03-10T08:00:00.000Z",
        modified="2024-03-10T08:00:00.000Z",
    )
    return replace(base, **kw)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("tag:跨境", Filter(tags_all=("跨境",))),
        ("tag:跨境 tag:外贸", Filter(tags_all=("跨境", "外贸"))),
        ("tag:跨境,外贸", Filter(tags_any=("跨境", "外贸"))),
        ("tag:跨境|外贸", Filter(tags_any=("跨境", "外贸"))),
        ("-tag:旧 -tag:草稿", Filter(tags_none=("旧", "草稿"))),
        ("doc:abc section:经济", Filter(doc="abc", section="经济")),
        ("since:2024-01-01 until:2024-02-01", Filter(since="2024-01-01", until="2024-02-01")),
        ("color:2", Filter(color=(2,))),
        ("color:2,5", Filter(color=(2, 5))),
        ("status:orphan", Filter(status="orphan")),
        ("is:orphan", Filter(status="orphan")),
        ("贸易 便利化", Filter(text="贸易 便利化")),
        ('"贸易 便利化" tag:x', Filter(tags_all=("x",), text="贸易 便利化")),
        ("时间:2024年 tag:x", Filter(tags_all=("x",), text="时间:2024年")),  # unknown key: free text
        ("tag: 贸易", Filter(text="tag: 贸易")),  # empty value: free text
        ("", Filter()),
        ('"unbalanced 引号', Filter(text='"unbalanced 引号')),
    ],
)
def test_parse_filter(text, expected):
    assert parse_filter(text) == expected


@pytest.mark.parametrize("text", ["color:7", "color:red", "since:yesterday", "until:2024-13-01", "status:lost"])
def test_bad_values_are_errors(text):
    with pytest.raises(FilterError):
        parse_filter(text)


@pytest.mark.parametrize(
    "flt,hit",
    [
        (Filter(tags_any=("跨境", "x")), True),
        (Filter(tags_any=("x",)), False),
        (Filter(tags_all=("跨境", "外贸")), True),
        (Filter(tags_all=("跨境", "x")), False),
        (Filter(tags_none=("外贸",)), False),
        (Filter(tags_none=("x",)), True),
        (Filter(doc="doc-42"), True),
        (Filter(doc="doc-4"), True),
        (Filter(doc="doc-5"), False),
        (Filter(section="經濟"), True),  # folded
        (Filter(section="政治"), False),
        (Filter(text="贸易"), True),  # 貿易 in the note
        (Filter(text="綜合試驗區"), True),  # traditional query, simplified quote
        (Filter(text="贸易 试验区"), True),
        (Filter(text="贸易 港口"), False),
        (Filter(color=(2, 3)), True),
        (Filter(color=1), False),
        (Filter(since="2024-03-10"), True),
        (Filter(since="2024-03-11"), False),
        (Filter(until="2024-03-10"), True),
        (Filter(until="2024-03-09"), False),
        (Filter(since="2024-03-10T09:00:00+08:00"), True),  # 01:00Z
        (Filter(since="2024-03-10T17:00:00+08:00"), False),  # 09:00Z
        (Filter(status="anchored"), True),
        (Filter(status="orphan"), False),
    ],
)
def test_matches(flt, hit):
    assert flt.matches(ann()) is hit


def test_full_width_and_case_fold():
    a = ann(note="ＡＩ监管 Policy")
    assert Filter(text="ai").matches(a) and Filter(text="policy").matches(a)


def test_empty():
    assert Filter().empty and not Filter(color=2).empty and parse_filter("  ").empty


words = st.text(alphabet="跨境贸易政策abc旧新", min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    tags_all=st.lists(words, max_size=2),
    tags_any=st.lists(words, max_size=2),
    tags_none=st.lists(words, max_size=2),
    doc=st.none() | words,
    color=st.lists(st.integers(1, 6), max_size=2),
    status=st.none() | st.sampled_from(["anchored", "moved", "orphan"]),
    text=st.none() | st.lists(words, min_size=1, max_size=2).map(" ".join),
)
def test_to_text_round_trips(tags_all, tags_any, tags_none, doc, color, status, text):
    flt = Filter(tags_all=tuple(tags_all), tags_any=tuple(tags_any), tags_none=tuple(tags_none), doc=doc,
                 color=tuple(color), status=status, text=text)
    assert parse_filter(flt.to_text()) == flt
