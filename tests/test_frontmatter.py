"""YAML front matter: safe parsing, dates, lists, malformed blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.ingest.frontmatter import as_list, normalize_date, split_front_matter


def test_front_matter_parsed() -> None:
    meta, body, warnings = split_front_matter("---\ntitle: 标题\ndate: 2024-05-06\ncategories: [金融, 财经]\n---\n正文\n")
    assert meta == {"title": "标题", "date": "2024-05-06", "categories": ["金融", "财经"]}
    assert body == "正文\n" and warnings == []


def test_leading_blank_lines_allowed() -> None:
    meta, body, _ = split_front_matter("\n---\ntitle: 标题\n---\n\n正文")
    assert meta["title"] == "标题" and body.strip() == "正文"


def test_no_front_matter() -> None:
    assert split_front_matter("正文 --- 不是分隔") == ({}, "正文 --- 不是分隔", [])


def test_malformed_keeps_body() -> None:
    meta, body, warnings = split_front_matter("---\ntitle: [未闭合\n---\n正文")
    assert meta == {} and body == "正文"
    assert "front matter is not valid YAML (line" in warnings[0]


def test_unsafe_tags_refused() -> None:
    meta, body, warnings = split_front_matter("---\nx: !!python/object/apply:os.system ['true']\n---\n正文")
    assert meta == {} and body == "正文" and warnings


@pytest.mark.parametrize(
    "value, iso",
    [
        ("Mon, 25 Jul 2022 00:17:35 GMT", "2022-07-25"),
        ("2023-08-13", "2023-08-13"),
        ("2023年8月13日", "2023-08-13"),
        ("2023. 08. 16", "2023-08-16"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        ("2023-02-30", None),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, iso) -> None:
    assert normalize_date(value) == iso


@pytest.mark.parametrize(
    "value, items",
    [("金融", ["金融"]), ("金融, 财经", ["金融", "财经"]), ("甲、乙；丙", ["甲", "乙", "丙"]), (["a", None, " b "], ["a", "b"]), (None, [])],
)
def test_as_list(value, items) -> None:
    assert as_list(value) == items


def test_yaml_escapes_cannot_smuggle_control_sequences() -> None:
    meta, _, _ = split_front_matter('---\ntitle: "\\e[31m红色\\a标题"\ntags: ["\\e]0;x\\a标签"]\n---\n正文')
    assert meta["title"] == "红色标题" and meta["tags"] == ["标签"]
