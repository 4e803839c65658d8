"""PDF pages: structure from the layout (titles, bylines, columns, furniture, captions, pages) and every error."""

from __future__ import annotations

import io
from pathlib import Path

import format_fixtures as fx
import pytest

from corpus import load_corpus
from corpus.ingest import pdf
from corpus.ingest.parse import ParseError, parse_file
from corpus.model import Document


@pytest.fixture(scope="module")
def paper() -> list[Document]:
    return parse_file("江南日报_A3.pdf", fx.pdf_bytes(fx.newspaper_pdf, 3))


def _blocks(doc: Document, *types: str) -> list[str]:
    return [t for _, t in doc.iter_blocks(*types)]


def test_articles_split_by_title_with_wrapped_title(paper: list[Document]) -> None:
    assert [d.title for d in paper] == [
        "老城区青石巷完成更新改造居民出行更方便邻里更亲近",  # two lines of large type: one title
        "社区食堂温暖老人的胃",
        "河道清淤工程提前完工",
        "春季植树活动在3个公园同时开展",
    ]
    assert all(d.section == "江南日报_A3" for d in paper)


def test_bylines_authors_and_dates(paper: list[Document]) -> None:
    first = paper[0]
    assert _blocks(first, "byline") == ["本报记者 林晓峰 通讯员 王青"]
    assert first.authors == ["林晓峰", "王青"]
    assert paper[1].authors == ["周敏"]
    # The running head's date line dates every article, and names the paper.
    assert {d.date for d in paper} == {"2026-03-18"}
    assert paper[0].source == "江南日报"


def test_columns_read_in_order_and_lines_join(paper: list[Document]) -> None:
    paras = _blocks(paper[0], "paragraph")
    # Chinese lines join with no space, and the left column is read before the right.
    assert paras[:3] == fx.ARTICLE_1
    assert paras[3] == fx.ARTICLE_1_MORE[0]
    # A hyphenated Latin word broken over two lines is one word again.
    assert paras[4] == fx.ARTICLE_1_MORE[1]
    assert "infor-" not in paper[0].text and "dem-" not in paper[0].text
    assert paras[-1].startswith("巷尾的修表铺")  # the right column comes last


def test_subheadings_captions_and_markers_are_typed(paper: list[Document]) -> None:
    doc = paper[0]
    assert _blocks(doc, "heading") == ["老井保留了下来", "铺面里的新生意"]
    assert all(b.level == 2 for b, _ in doc.iter_blocks("heading"))
    # Small type under the photo: a caption by its place alone (no credit words).
    assert _blocks(doc, "caption") == ["改造后的青石巷一角，老井旁新添了座椅"]
    assert _blocks(doc, "continuation") == ["（完）"]
    assert _blocks(paper[1], "source") == ["（市民政局供稿）"]


def test_no_page_furniture_in_the_text(paper: list[Document]) -> None:
    for doc in paper:
        assert "江南日报" not in doc.text  # the running head
        assert "第1版" not in doc.text and "- 2 -" not in doc.text  # folios
        assert "星期三" not in doc.text


def test_article_continuing_on_next_page_is_one_document(paper: list[Document]) -> None:
    doc = paper[1]
    paras = _blocks(doc, "paragraph")
    assert paras == fx.ARTICLE_2  # the sentence broken at the foot of page 1 is one paragraph
    pages = [b.page for b, _ in doc.iter_blocks()]
    assert pages[0] == 1 and pages[-1] == 2
    broken = next(b for b, t in doc.iter_blocks("paragraph") if t == fx.ARTICLE_2[3])
    assert broken.page == 1  # a block's page is where it starts


def test_a_page_turning_inside_a_paragraph_is_marked_where_it_turns(paper: list[Document]) -> None:
    doc = paper[1]
    tail = fx.wrap(fx.ARTICLE_2[3], 235, 10.5, 21)  # as newspaper_pdf set it: one line on page 1
    assert len(tail) == 2
    index = next(i for i, b in enumerate(doc.blocks) if doc.text[b.start : b.end] == fx.ARTICLE_2[3])
    broken = doc.blocks[index]
    turn = broken.start + len(tail[0])
    assert broken.page == 1 and broken.turns == ((turn, 2),)  # one paragraph; page 2 starts here
    assert doc.text[turn:].startswith(tail[1])
    assert [doc.page_at(o) for o in (broken.start, turn - 1, turn, broken.end - 1)] == [1, 1, 2, 2]
    assert all(not b.turns for i, b in enumerate(doc.blocks) if i != index)
    assert doc.page_at(doc.blocks[-1].start) == 2
    round_trip = Document.from_dict(doc.to_dict())
    assert round_trip.blocks[index].turns == ((turn, 2),)


def test_every_block_knows_its_page(paper: list[Document]) -> None:
    assert all(b.page is not None for d in paper for b in d.blocks)
    assert [d.blocks[0].page for d in paper] == [1, 1, 2, 3]
    assert paper[0].meta["format"] == "pdf" and paper[0].meta["pages"] == 3


def test_magazine_contents_page_splits_the_issue() -> None:
    docs = parse_file("产业观察_2026_03.pdf", fx.pdf_bytes(fx.magazine_pdf))
    assert [(d.section, d.title) for d in docs] == [(s, t) for s, t, _ in fx.MAGAZINE_ENTRIES]
    for doc, (_s, title, page) in zip(docs, fx.MAGAZINE_ENTRIES):
        assert _blocks(doc, "paragraph") == fx.MAGAZINE_BODIES[title]
        assert doc.meta["page"] == page  # the page the contents gives
        assert doc.blocks[0].page == page  # and the page it is printed on
        assert doc.authors == ["刘景芝"]
        assert "主编：陆文涛" in doc.meta["front_matter"]
        assert "产业观察 2026年第3期" not in doc.text  # running head


# ---- errors ------------------------------------------------------------------


def _error(name: str, data: bytes) -> str:
    with pytest.raises(ParseError) as info:
        parse_file(name, data)
    return str(info.value)


def test_scanned_pdf_has_no_text_layer() -> None:
    assert _error("scan.pdf", fx.pdf_bytes(fx.scan_pdf)) == "no text layer (scanned?); OCR is not supported"


def test_locked_pdf() -> None:
    assert _error("locked.pdf", fx.pdf_bytes(fx.locked_pdf)) == "password protected"


@pytest.mark.parametrize(
    "data",
    [
        fx.damaged_pdf(),
        b"%PDF-1.4\n",
        b"this file only says it is a PDF",
    ],
)
def test_damaged_pdf(data: bytes) -> None:
    assert _error("bad.pdf", data).startswith("damaged PDF: ")


def test_truncated_pdf_is_an_error_or_its_readable_part() -> None:
    data = fx.pdf_bytes(fx.newspaper_pdf, 3)
    for cut in (len(data) // 4, len(data) // 2, len(data) - 100):
        try:
            docs = parse_file("cut.pdf", data[:cut])
        except ParseError as exc:
            assert str(exc).startswith(("damaged PDF", "no text layer"))
        else:
            assert docs and all(d.text for d in docs)


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    assert _error("long.pdf", fx.pdf_bytes(fx.newspaper_pdf, 3)) == "too large: 3 pages, the limit is 2"


def test_too_slow_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "TIME_LIMIT", -1.0)
    assert _error("slow.pdf", fx.pdf_bytes(fx.newspaper_pdf, 2)).startswith("too slow: gave up after")


def test_page_text_is_capped_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGE_CHARS", 300)
    docs = parse_file("capped.pdf", fx.pdf_bytes(fx.newspaper_pdf, 2))
    assert any("only the first 300 characters" in w for w in docs[0].warnings)


def test_scanned_pages_inside_a_text_pdf_are_a_warning() -> None:
    buf = io.BytesIO()
    c = fx._canvas(buf)
    c.setFont(fx.FONT, 20)
    c.drawString(60, 760, "有文字的一页")
    c.setFont(fx.FONT, 10.5)
    c.drawString(60, 730, "这一页有文字层，下一页只是一张扫描图片。")
    c.showPage()
    fx._picture(c, 40, 40, 515, 760)
    c.showPage()
    c.save()
    docs = parse_file("mixed.pdf", buf.getvalue())
    assert docs[0].title == "有文字的一页"
    assert docs[0].warnings == ["page 2 without a text layer (scanned?) were skipped"]


def test_unexpected_failure_is_one_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> None:
        raise ZeroDivisionError("layout bug")

    monkeypatch.setattr(pdf.pdf_layout, "build_units", boom)
    assert _error("x.pdf", fx.pdf_bytes(fx.newspaper_pdf, 1)) == "damaged PDF: cannot be read (ZeroDivisionError)"


def test_folder_of_pdfs_loads_with_error_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "pdfs"
    root.mkdir()
    (root / "paper.pdf").write_bytes(fx.pdf_bytes(fx.newspaper_pdf, 2))
    (root / "scan.pdf").write_bytes(fx.pdf_bytes(fx.scan_pdf))
    (root / "locked.pdf").write_bytes(fx.pdf_bytes(fx.locked_pdf))
    (root / "broken.pdf").write_bytes(fx.damaged_pdf())
    (root / "big.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 2_200_000)
    monkeypatch.setenv("READER_MAX_FILE_MB", "2")
    corpus = load_corpus(root)  # two heavy files or more: parsed in worker processes, cached
    errors = {e.file: e.error for e in corpus.errors}
    assert errors["scan.pdf"] == "no text layer (scanned?); OCR is not supported"
    assert errors["locked.pdf"] == "password protected"
    assert errors["broken.pdf"].startswith("damaged PDF: ")
    assert errors["big.pdf"].startswith("too large: 2.1 MB")
    assert [d.title for d in corpus][:2] == ["老城区青石巷完成更新改造居民出行更方便邻里更亲近", "社区食堂温暖老人的胃"]
    again = load_corpus(root)  # from the cache: pages survive
    assert [b.page for b in again.documents[1].blocks] == [b.page for b in corpus.documents[1].blocks]
    assert {e.file for e in again.errors} == set(errors)


def test_a_bold_line_at_body_size_is_a_subheading() -> None:
    (doc,) = parse_file("县域.pdf", fx.pdf_bytes(fx.bold_heading_pdf))
    assert doc.title == "县域商业体系建设提速"
    heads = [(b.level, t) for b, t in doc.iter_blocks("heading")]
    assert heads == [(2, "物流网络下沉到村"), (2, "农产品上行渠道拓宽")]
    assert _blocks(doc, "paragraph") == [t for t in fx.BOLD_ARTICLE if isinstance(t, str)]
    order = [t for _, t in doc.iter_blocks("heading", "paragraph")]
    assert order.index("物流网络下沉到村") == 1 and order.index("农产品上行渠道拓宽") == 3


def test_the_same_lines_not_bold_are_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bold face is what makes them headings: read as regular they join the text."""
    from corpus.ingest import pdf_text

    monkeypatch.setattr(pdf_text.TextPage, "bold", lambda self, i: False)
    (doc,) = parse_file("县域.pdf", fx.pdf_bytes(fx.bold_heading_pdf))
    assert _blocks(doc, "heading") == []
    assert "物流网络下沉到村" in doc.text


@pytest.mark.parametrize(("name", "bold"), [
    ("SimHei", True), ("STHeiti", True), ("Microsoft YaHei Bold", True), ("STSong-Light,Bold", True),
    ("ABCDEF+FZHTK--GBK1-0 黑体", True), ("KozMinPro-W6", True),
    ("HeiseiMin-W3", False), ("HeiseiKakuGo-W5", False), ("STSong-Light", False), ("SimSun", False),
])
def test_bold_font_names(name: str, bold: bool) -> None:
    """A font named bold (or a Hei face, set for headings in Chinese print) counts as bold;
    the Japanese Heisei faces are not Hei."""
    from corpus.ingest.pdf_text import _BOLD_NAME

    assert bool(_BOLD_NAME.search(name)) is bold
