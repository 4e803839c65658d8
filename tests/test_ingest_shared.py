"""Acceptance on the three real documents in ../shared/corpus (issue 2)."""

from __future__ import annotations

import re

import pytest

from corpus.ingest.parse import parse_file
from corpus.ingest.toc import normalize

from conftest import shared_file


def _parse(prefix: str):
    path = shared_file(prefix)
    return parse_file(path.name, path.read_bytes())


def _toc_titles(prefix: str) -> list[tuple[str, str]]:
    """(section, title) as printed in the file's table of contents."""
    lines = shared_file(prefix).read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.strip().startswith("目录"))
    out, section = [], None
    for line in lines[start + 1 :]:
        s = line.strip()
        if not s:
            continue
        m = re.match(r"^(.*?\S)\s+(\d+)$", s)
        if m:
            out.append((section, m.group(1)))
        elif len(s) <= 12:
            section = s
        else:
            break
    return out


# ---- 002: magazine issue with a table of contents -------------------------


@pytest.fixture(scope="module")
def magazine():
    return _parse("002")


def test_002_sections_in_toc_order_with_counts(magazine) -> None:
    order: dict[str, int] = {}
    for d in magazine:
        order[d.section] = order.get(d.section, 0) + 1
    assert list(order.values()) == [8, 9, 6, 22, 9, 4, 4, 1]
    assert len(magazine) == 63
    assert list(order)[0] == "热点关注" and list(order)[-1] == "图书推荐"


def test_002_titles_match_the_toc(magazine) -> None:
    toc = [t for _, t in _toc_titles("002")]
    titles = [d.title for d in magazine]
    # The last TOC line is the book-recommendation section, a document of its own.
    assert [normalize(t) for t in titles] == [normalize(t) for t in toc]
    for t in titles:
        assert not re.search(r"\s\d+$", t), "page number left in the title"
        assert "高质 量" not in t and "思 考" not in t, "wrap space left in the title"


def test_002_article_holds_its_own_body(magazine) -> None:
    doc = next(d for d in magazine if d.title == "国务院：发布 24 条措施进一步优化外商投资环境")
    assert "提高利用外资质量" in doc.text
    assert "**" not in doc.text
    # …and not the next article's text.
    nxt = magazine[magazine.index(doc) + 1]
    assert nxt.title.split("：")[-1] not in doc.text.split("附：")[0]
    assert doc.source == "新华社" and doc.date == "2023-08-13"


def test_002_each_body_is_distinct_and_nonempty(magazine) -> None:
    for d in magazine:
        body = [t for b, t in d.iter_blocks("paragraph")]
        assert body, f"{d.title} has no body"
    assert len({d.fingerprint for d in magazine}) == len(magazine)


def test_002_front_matter_kept_not_a_section(magazine) -> None:
    for d in magazine:
        assert "天津港保税区文教局" in d.meta["front_matter"]
        assert "84925879" in d.meta["front_matter"]
        assert d.meta["publication"].startswith("信息摘编")
    assert "信息摘编" not in {d.section for d in magazine}


def test_002_subheadings_stay_inside_articles(magazine) -> None:
    doc = next(d for d in magazine if d.title.startswith("商务部：加快出台服务贸易"))
    headings = [t for _, t in doc.iter_blocks("heading")]
    assert any("2200" in h for h in headings)
    assert not any("2200 余家企业" in d.title for d in magazine)


def test_002_source_and_url_lines_are_typed(magazine) -> None:
    doc = magazine[0]
    types = {t: b.type for b, t in doc.iter_blocks()}
    assert any(v == "furniture" and t.startswith("https://") for t, v in types.items())
    assert any(v == "source" and t.startswith("附") for t, v in types.items())


def test_002_book_section_has_no_html(magazine) -> None:
    books = magazine[-1]
    assert books.section == "图书推荐" and books.title == "图书推荐"
    assert "<p>" not in books.text and "</p>" not in books.text
    assert "克鲁格曼" in books.text


# ---- 000: newspaper page ----------------------------------------------------


@pytest.fixture(scope="module")
def page():
    return _parse("000")


@pytest.mark.parametrize(
    "title, authors",
    [
        ("巩固增强消费引擎关键动能", ["刘景芝", "高艳"]),
        ("积极创新数字消费场景", ["乔瑞庆"]),
        ("完善长期护理保障体系", ["时锋"]),
        ("构建知识产权人才", []),
        ("探厂视频带来制造业机遇", ["冯利华"]),
    ],
)
def test_000_articles_and_authors(page, title: str, authors: list[str]) -> None:
    doc = next((d for d in page if d.title == title), None)
    assert doc is not None, f"missing article {title}"
    assert doc.authors == authors


def test_000_no_caption_or_subheading_becomes_a_document(page) -> None:
    titles = [d.title for d in page]
    assert len(page) == 5
    assert not any("新华社发" in t or "供稿" in t for t in titles)
    caption = [(d.title, t) for d in page for b, t in d.iter_blocks("caption")]
    assert any("朱慧卿" in t for _, t in caption)


def test_000_broken_line_is_one_paragraph(page) -> None:
    paras = [t for d in page for _, t in d.iter_blocks("paragraph")]
    assert any("消费动能是否强劲，对我国经济有着关键" in p for p in paras)
    assert any("扩大国内需求”" in p for p in paras)
    assert any("开展知识产权高端人才需求调研与信息需求地图" in p for p in paras)


def test_000_pull_quote_appears_once(page) -> None:
    text = "".join(d.text for d in page)
    assert text.count("消费一头连着千行百业") == 1
    assert "直接而深远" not in text  # the pull-quote variant is the one dropped


def test_000_sources_and_cross_border_part(page) -> None:
    second = next(d for d in page if d.title == "积极创新数字消费场景")
    assert second.source == "中国经济网"
    first = page[0]
    assert "跨境电商" in first.text  # the untitled part stays with the article it follows


# ---- 001: Markdown front matter + HTML body --------------------------------


def test_001_front_matter_and_clean_text() -> None:
    (doc,) = _parse("001")
    assert doc.title == "经济日报刊文：推动消费与工业互联互通"
    assert doc.date == "2022-07-25"
    assert doc.meta["categories"][0] == "金融"
    assert doc.section == "金融"
    assert not re.search(r"<[a-zA-Z/!][^>]*>", doc.text)
    assert "&#123;" not in doc.text and "{" not in doc.text and "appendQr" not in doc.text
    assert "新浪财经APP" not in doc.text
    types = {t: b.type for b, t in doc.iter_blocks()}
    assert types.get("经济日报 王 青") == "byline"
    assert doc.authors == ["王青"]
    assert types.get("责任编辑：李墨轩") == "furniture"
    # The body's first line repeated the title: it is not a paragraph any more.
    assert not any(t == "推动消费与工业互联互通" for _, t in doc.iter_blocks("paragraph"))
