"""The layout rules on made-up pages: reading order, furniture, joining, types."""

from __future__ import annotations

from corpus.ingest import pdf_furniture as pf
from corpus.ingest import pdf_layout as pl
from corpus.ingest.pdf_layout import Line, Page


def L(text: str, x0: float, top: float, x1: float, size: float = 10.0, page: int = 1) -> Line:
    return Line(text, x0, top, x1, top + size, size, page)


def _texts(columns: list[list[Line]]) -> list[list[str]]:
    return [[ln.text for ln in col] for col in columns]


def test_title_over_two_columns_then_a_one_column_title() -> None:
    lines = [
        L("大标题横跨两栏", 50, 40, 400, size=24),
        # Two columns on one grid: rows at the same heights must not interleave.
        *[L(f"左{i}", 50, 80 + 15 * i, 280) for i in range(4)],
        *[L(f"右{i}", 310, 80 + 15 * i, 540) for i in range(4)],
        # The next article's title sits over the left column only.
        L("下一篇", 50, 200, 200, size=24),
        *[L(f"左下{i}", 50, 240 + 15 * i, 280) for i in range(2)],
        *[L(f"右下{i}", 310, 240 + 15 * i, 540) for i in range(2)],
    ]
    order = [t for col in pl.reading_order(lines, 10.0) for t in (ln.text for ln in col)]
    assert order == [
        "大标题横跨两栏", "左0", "左1", "左2", "左3", "右0", "右1", "右2", "右3",
        "下一篇", "左下0", "左下1", "右下0", "右下1",
    ]


def test_short_column_ends_are_read_with_their_columns() -> None:
    lines = [*[L(f"左{i}", 50, 80 + 15 * i, 280) for i in range(5)], *[L(f"右{i}", 310, 80 + 15 * i, 540) for i in range(2)]]
    assert _texts(pl.reading_order(lines, 10.0)) == [[f"左{i}" for i in range(5)], ["右0", "右1"]]


def _page(n: int, lines: list[Line]) -> Page:
    return Page(n, 595, 842, lines)


def test_furniture_repeats_in_the_margin_and_folios() -> None:
    pages = []
    for n in range(1, 4):
        pages.append(_page(n, [
            L(f"示例日报 2026年3月{n}日 星期三 第{n}版", 50, 20, 300, size=9, page=n),
            L(f"正文第{n}页的内容各不相同", 50, 300, 300, page=n),
            L("本报记者 张三", 50, 200, 150, page=n),  # repeats, but in the body: text
            L(str(n), 290, 810, 300, size=9, page=n),
        ]))
    furniture = pf.find_furniture(pages)
    kept = [ln.text for p in pages for ln in p.lines if id(ln) not in furniture]
    assert kept == [t for n in range(1, 4) for t in (f"正文第{n}页的内容各不相同", "本报记者 张三")]
    info = pf.header_info(ln for p in pages for ln in p.lines if id(ln) in furniture)
    assert info["date"] == "2026-03-01"


def test_single_page_folio_only() -> None:
    page = _page(1, [L("第一篇", 50, 100, 200), L("- 7 -", 290, 810, 310, size=9)])
    furniture = pf.find_furniture([page])
    assert [ln.text for ln in page.lines if id(ln) in furniture] == ["- 7 -"]


def test_join_lines() -> None:
    assert pl.join_lines("城市更新让老", "街区焕发新活力") == "城市更新让老街区焕发新活力"
    assert pl.join_lines("local infor-", "mation and") == "local information and"
    assert pl.join_lines("Jean-", "Paul") == "Jean-Paul"  # a capital after the hyphen: a real hyphen
    assert pl.join_lines("small", "steps") == "small steps"


def test_line_text_closes_letter_spacing_and_shortens_leaders() -> None:
    assert pl.line_text("城 市 更 新") == "城市更新"
    assert pl.line_text("新能源汽车下乡 . . . . . . . . 12") == "新能源汽车下乡 …… 12"
    assert pl.line_text("本报记者 林晓峰") == "本报记者 林晓峰"


def test_types_from_sizes_and_paragraphs_from_indents() -> None:
    col = [
        L("大字标题", 50, 40, 200, size=22),
        L("中号小标题", 50, 80, 160, size=13),
        L("第一段第一行内容写满整个栏宽", 70, 100, 280),
        L("第一段第二行。", 50, 115, 120),
        L("第二段第一行内容写满整个栏宽", 70, 130, 280),
        L("第二段第二行内容写满整个栏宽啊", 50, 145, 280),
        L("第二段末行。", 50, 160, 110),
        L("图片说明文字", 50, 400, 150, size=8),
    ]
    page = Page(1, 595, 842, col, pictures=[(50, 300, 280, 395)])
    units = pl.build_units([page], set(), 10.0)
    assert [(u.type, u.level, u.text) for u in units] == [
        ("heading", 1, "大字标题"),
        ("heading", 2, "中号小标题"),
        ("paragraph", 0, "第一段第一行内容写满整个栏宽第一段第二行。"),
        ("paragraph", 0, "第二段第一行内容写满整个栏宽第二段第二行内容写满整个栏宽啊第二段末行。"),
        ("caption", 0, "图片说明文字"),
    ]
    assert all(u.page == 1 for u in units)
