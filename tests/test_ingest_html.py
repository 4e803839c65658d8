"""HTML pages and HTML bodies: the article's text, typed; the page's chrome dropped."""

from __future__ import annotations

import pytest

from corpus.ingest.htmltext import html_to_parts
from corpus.ingest.parse import parse_text


def _texts(html: str) -> list[tuple[str, str]]:
    return [(p.type, p.text) for p in html_to_parts(html)[0]]


@pytest.mark.parametrize(
    "html, gone",
    [
        ("<script>var x = '脚本';</script><p>正文。</p>", "脚本"),
        ("<style>p { color: red }</style><p>正文。</p>", "color"),
        ("<!-- 注释 --><p>正文。</p>", "注释"),
        ("<nav>首页 导航</nav><p>正文。</p>", "导航"),
        ("<header>网站页眉</header><p>正文。</p><footer>版权所有</footer>", "页眉"),
        ("<div class='share-bar'>分享到微信</div><p>正文。</p>", "分享"),
        ("<div id='comments'>网友评论</div><p>正文。</p>", "评论"),
        ("<div class='ad-box'>广告招商</div><p>正文。</p>", "广告"),
        ("<div class='related'>相关新闻</div><p>正文。</p>", "相关"),
        ("<p hidden>隐藏段落</p><p>正文。</p>", "隐藏"),
        ("<p style='display:none'>隐藏段落</p><p>正文。</p>", "隐藏"),
        ("<ul><li><a href=1>热门一</a></li><li><a href=2>热门二</a></li></ul><p>正文。</p>", "热门"),
        ("<aside>侧栏推荐</aside><p>正文。</p>", "侧栏"),
    ],
)
def test_chrome_dropped(html: str, gone: str) -> None:
    texts = _texts(f"<html><body>{html}</body></html>")
    assert ("paragraph", "正文。") in texts
    assert not any(gone in t for _, t in texts)


def test_entities_breaks_and_headings() -> None:
    texts = _texts("<body><h2>小标题</h2><p>甲&amp;乙&#12290;<br>第二行&nbsp;文字</p><figure><figcaption>夜市一角</figcaption></figure></body>")
    assert texts == [("heading", "小标题"), ("paragraph", "甲&乙。"), ("paragraph", "第二行 文字"), ("caption", "夜市一角")]


def test_title_from_title_tag_then_h1() -> None:
    assert html_to_parts("<title>页面标题</title><p>正文</p>")[1]["title"] == "页面标题"
    assert html_to_parts("<body><h1>正文标题</h1><p>正文</p></body>")[1]["title"] == "正文标题"


def test_html_file_becomes_one_document_with_its_title() -> None:
    (doc,) = parse_text("a.html", "<html><head><title>标题</title></head><body><h1>标题</h1><p>本报记者 林晓峰</p><p>正文。</p></body></html>")
    assert doc.title == "标题" and doc.authors == ["林晓峰"]
    assert [b.type for b in doc.blocks] == ["title", "byline", "paragraph"]


def test_html_body_inside_markdown() -> None:
    text = "---\ntitle: 网文\n---\n<div><p>第一段。</p><p>第二段。</p><p>第三段。</p></div>"
    (doc,) = parse_text("a.md", text)
    assert doc.title == "网文" and "<p>" not in doc.text and "第三段。" in doc.text


def test_deeply_nested_markup_does_not_crash() -> None:
    html = "<div>" * 3000 + "<p>深处的正文。</p>" + "</div>" * 3000
    assert ("paragraph", "深处的正文。") in _texts(html)


def test_site_name_in_title_tag_is_dropped_when_h1_names_the_article() -> None:
    meta = html_to_parts("<title>夜市重开_示例网_示例集团</title><body><h1>夜市重开</h1><p>正文。</p></body>")[1]
    assert meta["title"] == "夜市重开"


def test_bold_paragraph_is_a_subheading() -> None:
    texts = _texts("<body><p>正文第一段。</p><p><strong>夜间安全要跟上</strong></p><p><b>加粗的一句完整的话。</b></p></body>")
    assert texts == [("paragraph", "正文第一段。"), ("heading", "夜间安全要跟上"), ("paragraph", "加粗的一句完整的话。")]


def test_entities_cannot_smuggle_control_sequences() -> None:
    (doc,) = parse_text("a.html", "<title>&#27;]0;pwn&#7;标题</title><p>&#27;[31m红&#x1b;[0m字&#8238;反</p>")
    for ch in ("\x1b", "\x07", "\u202e"):
        assert ch not in doc.title and ch not in doc.text
    (doc,) = parse_text("a.txt", "标题\n\n正文&#27;[31m红&amp;字&#7;。")
    assert "\x1b" not in doc.text and "\x07" not in doc.text and "红&字" in doc.text
