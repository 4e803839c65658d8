"""Wrapping for the reading pane: cell widths, kinsoku, ranges that cover the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import join_blocks
from reader.layout import (
    BLANK,
    HEADER_META,
    NO_END,
    NO_START,
    RULE,
    TEXT,
    header_lines,
    layout_document,
    text_width,
    wrap_range,
    wrap_text,
)


def lines_of(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap_text(text, width)]


def test_cjk_characters_take_two_cells() -> None:
    assert text_width("春天来了") == 8
    assert text_width("abc") == 3
    assert text_width("春a") == 3
    # 10 cells hold 5 ideographs, not 10
    assert lines_of("一二三四五六七八九十", 10) == ["一二三四五", "六七八九十"]


def test_odd_width_never_splits_a_wide_character() -> None:
    rows = lines_of("一二三四五六七", 5)
    assert rows == ["一二", "三四", "五六", "七"]
    assert all(text_width(r) <= 5 for r in rows)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # a full stop that would start line 2 pulls the last ideograph down with it
        ("我们今天去公园。然后回家", 14, ["我们今天去公", "园。然后回家"]),
        # comma likewise
        ("天气很好，我们出门", 8, ["天气很", "好，我们", "出门"]),
        # closing quote plus full stop: both stay with the word before
        ("他说“今天好”。明天见", 12, ["他说“今天", "好”。明天见"]),
        # an opening bracket never ends a line
        ("我看这《读书》杂志", 8, ["我看这", "《读书》", "杂志"]),
        # closing book title mark
        ("推荐《春天的故事》给大家", 16, ["推荐《春天的故", "事》给大家"]),
        # ellipsis and dash never begin a line
        ("他想了很久……最后", 10, ["他想了很", "久……最后"]),
        ("一二三四五——六七", 10, ["一二三四", "五——六七"]),
        # half-width punctuation too
        ("abc defghij, klm", 11, ["abc ", "defghij, ", "klm"]),
    ],
)
def test_kinsoku_rules(text: str, width: int, expected: list[str]) -> None:
    rows = lines_of(text, width)
    assert rows == expected
    for row in rows[1:]:
        assert row[0] not in NO_START
    for row in rows[:-1]:
        assert row.rstrip()[-1] not in NO_END


def test_latin_words_are_not_split_when_they_fit() -> None:
    rows = lines_of("数据来自 Shanghai Pudong 开发区", 16)
    assert all("Shangh" not in r or "Shanghai" in r for r in rows)
    assert any(r.strip().startswith("Pudong") or "Pudong" in r for r in rows)
    assert "".join(rows) == "数据来自 Shanghai Pudong 开发区"


def test_a_word_longer_than_the_line_is_split() -> None:
    rows = lines_of("supercalifragilistic", 8)
    assert rows == ["supercal", "ifragili", "stic"]


def test_numbers_stay_whole() -> None:
    rows = lines_of("增长率达到百分之12345678", 20)
    assert rows == ["增长率达到百分之", "12345678"]


def test_hard_newlines_end_lines_and_are_in_no_range() -> None:
    text = "第一行\n第二行很长很长很长"
    ranges = wrap_text(text, 10)
    assert [text[a:b] for a, b in ranges] == ["第一行", "第二行很长", "很长很长"]
    assert all("\n" not in text[a:b] for a, b in ranges)


def test_unsatisfiable_rules_fall_back_to_a_plain_break() -> None:
    # a line of nothing but closing punctuation still wraps
    text = "。" * 9
    rows = lines_of(text, 6)
    assert "".join(rows) == text
    assert all(text_width(r) <= 6 for r in rows)


_ALPHABET = st.sampled_from(list("我们的经济发展在中国一二三，。、；：？！）》」（《「“”…—abcXYZ 019,.;()"))


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=120), width=st.integers(min_value=1, max_value=40))
def test_wrap_covers_text_in_order_within_width(text: str, width: int) -> None:
    ranges = wrap_range(text, width)
    # contiguous, in order, cover everything exactly once
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    for (a, b), (c, _) in zip(ranges, ranges[1:]):
        assert b == c and a < b
    assert "".join(text[a:b] for a, b in ranges) == text
    for a, b in ranges:
        row = text[a:b].rstrip(" ")
        if text_width(row) > width:
            # only an unbreakable unit may overflow: one character or one Latin word
            assert len(row) == 1 or row.isascii() and row.isalnum()


def _doc(parts: list[tuple[str, str]]):
    return join_blocks((t, s, 0) for t, s in parts)


def test_document_layout_maps_every_character_once() -> None:
    text, blocks = _doc(
        [("title", "标题在这里"), ("paragraph", "第一段文字比较长，需要折行显示才可以。" * 3), ("paragraph", "第二段。")]
    )
    layout = layout_document(text, [(b.start, b.end) for b in blocks], 20)
    pieces = [text[ln.start : ln.end] for ln in layout.lines if ln.kind == TEXT]
    assert "".join(pieces) == text.replace("\n", "")
    # a blank row separates blocks
    kinds = [ln.kind for ln in layout.lines]
    assert kinds.count(BLANK) == 2
    # offsets map back to the row that holds them
    for i, ln in enumerate(layout.lines):
        if ln.kind == TEXT:
            assert layout.line_of(ln.start) == i
            assert layout.line_of(ln.end - 1) == i


def test_header_goes_after_the_title_block() -> None:
    text, blocks = _doc([("title", "标题"), ("paragraph", "正文。")])
    head = header_lines("标题", ["张三", "2024-01-02", "新华社"], 30, with_title=False)
    layout = layout_document(text, [(b.start, b.end) for b in blocks], 30, head, header_after_first=True)
    kinds = [ln.kind for ln in layout.lines]
    assert kinds == [TEXT, HEADER_META, RULE, BLANK, TEXT]
    assert layout.lines[1].virtual == "张三 · 2024-01-02 · 新华社"
    assert layout.line_of(0) == 0
    assert layout.line_of(text.index("正文")) == 4


def test_layout_of_real_magazine_covers_its_blocks(shared_corpus) -> None:
    import corpus

    docs = corpus.load_corpus(shared_corpus).documents
    doc = max(docs, key=lambda d: len(d.text))
    layout = layout_document(doc.text, [(b.start, b.end) for b in doc.blocks], 60)
    covered = "".join(doc.text[ln.start : ln.end] for ln in layout.lines if ln.kind == TEXT)
    expected = "".join(doc.text[b.start : b.end].replace("\n", "") for b in doc.blocks)
    assert covered == expected
    for ln in layout.lines:
        row = doc.text[ln.start : ln.end].rstrip(" ")
        if text_width(row) > 60:
            assert row.isascii()


@settings(max_examples=60, deadline=None)
@given(
    paras=st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=60), min_size=1, max_size=6),
    width=st.integers(min_value=2, max_value=30),
)
def test_document_layout_property(paras: list[str], width: int) -> None:
    text, blocks = _doc([("paragraph", p) for p in paras])
    layout = layout_document(text, [(b.start, b.end) for b in blocks], width)
    rows = [ln for ln in layout.lines if ln.kind == TEXT]
    # in order, non-overlapping, together exactly the blocks' characters
    for a, b in zip(rows, rows[1:]):
        assert a.end <= b.start
    assert "".join(text[r.start : r.end] for r in rows) == "".join(text[b.start : b.end] for b in blocks)
    # every character of every block is found on the row line_of() names
    for b in blocks:
        for off in range(b.start, b.end):
            row = layout.lines[layout.line_of(off)]
            assert row.start <= off < row.end


def test_header_on_top_when_the_text_has_no_title_block() -> None:
    text, blocks = _doc([("paragraph", "正文第一段。")])
    head = header_lines("一个很长的标题需要折行", ["", "2024-01-02", ""], 10, with_title=True)
    layout = layout_document(text, [(b.start, b.end) for b in blocks], 10, head)
    kinds = [ln.kind for ln in layout.lines]
    assert kinds[:2] == ["header-title", "header-title"]  # wrapped title
    assert [ln.virtual for ln in layout.lines if ln.kind == HEADER_META] == ["2024-01-02"]
    assert layout.line_of(0) == layout.text_rows[0] == kinds.index(TEXT) > 3


def test_a_cancelled_layout_stops_within_a_bounded_number_of_lines() -> None:
    """A huge document's layout runs in a thread, which quitting cannot stop from outside: it asks."""
    from reader.layout import CHECK_LINES

    paragraph = "跨境电商带动外贸增长。" * 3
    text = "\n".join([paragraph] * (CHECK_LINES * 3))
    blocks = [(0, len(text))]
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(InterruptedError):
        layout_document(text, blocks, 20, cancelled=cancelled)
    assert len(asked) == 2
    full = layout_document(text, blocks, 20, cancelled=lambda: False)
    assert len(full) > 2 * CHECK_LINES  # so the second question came well before the end


def test_a_cancelled_wrap_of_one_huge_line_stops_between_windows() -> None:
    from reader.layout import WINDOW

    line = "字" * (WINDOW * 4)
    asked: list[int] = []
    with pytest.raises(InterruptedError):
        wrap_range(line, 40, cancelled=lambda: asked.append(1) is None and len(asked) >= 2)
    assert len(asked) == 2
