"""The inline export: full text with highlights and footnotes (our own sample texts)."""

from __future__ import annotations

import html
import re

import pytest

from annotations.export import render
from corpus.model import Corpus
from export_fixtures import EVIL_NOTE, ann_on, make_doc, sample_annotations, sample_corpus


@pytest.fixture
def corpus() -> Corpus:
    return sample_corpus()


@pytest.fixture
def anns(corpus):
    return sample_annotations(corpus)


def unmark(md: str) -> str:
    """The inline body with markers and escapes removed (an independent reading)."""
    out = []
    i = 0
    at_line_start = True
    while i < len(md):
        if at_line_start:
            m = re.match(r"#{1,6} ", md[i:])
            if m:
                i += m.end()
        at_line_start = False
        ch = md[i]
        if ch == "\\" and i + 1 < len(md):
            out.append(md[i + 1])
            i += 2
            continue
        m = re.match(r"&(lt|gt|amp|#\d+);", md[i:])
        if m:
            out.append(html.unescape(m.group(0)))
            i += m.end()
            continue
        if md.startswith("==", i):
            i += 2
            continue
        m = re.match(r"\[\^\d+\]", md[i:])
        if m:
            i += m.end()
            continue
        out.append(ch)
        at_line_start = ch == "\n"
        i += 1
    return "".join(out)


def body_of(inline_md: str, doc) -> str:
    """The part of one document's inline export between its meta line and its footnotes."""
    meta = next(line for line in inline_md.split("\n") if line.startswith("*") and doc.id in line)
    rest = inline_md.split(meta + "\n\n", 1)[1]
    return re.split(r"\n\n\[\^\d+\]: |\n\n---\n\n|\n\n\*\*Not placed", rest)[0].rstrip("\n")


def test_inline_markers_removed_give_the_text_back(corpus, anns):
    md = render("inline", anns, corpus)
    for doc in corpus.documents:
        assert unmark(body_of(md, doc)) == doc.text


def test_inline_special_characters_and_overlaps():
    text_parts = [("title", "符号 *星* 的 #文章", 1),
                  ("paragraph", "正文 ==已有等号== 和 [^9] 以及 <i>斜</i> & \\反斜杠", 0),
                  ("paragraph", "  缩进的行\n1. 编号\n- 横线\n+ 加号", 0)]
    doc = make_doc("ffff0006", "s.txt", "测试", text_parts)
    c = Corpus(root="/x", documents=[doc])
    anns = [ann_on(doc, "==已有等号== 和 [^9]", 1, note="外层"),
            ann_on(doc, "和", 2, note="内层", occurrence=0),
            ann_on(doc, "<i>斜</i> & \\反斜杠\n\n  缩进", 3, note="跨段"),
            ann_on(doc, "编号\n- 横线", 4)]
    md = render("inline", anns, c)
    assert unmark(body_of(md, doc)) == doc.text
    assert "<i>" not in md
    body = body_of(md, doc)
    assert "====" not in body  # runs never touch: overlapping annotations share one highlight
    assert len(re.findall(r"(?<!\\)\[\^\d+\]", body)) == 3  # a footnote per annotation with a note


def test_inline_footnotes_follow_their_passages(corpus, anns):
    md = render("inline", anns, corpus)
    a = corpus.documents[0]
    body = body_of(md, a)
    assert "==夜市重新热闹起来[^1]==" in body or "==夜市重新热闹起来==[^1]" in body
    assert "[^1]: 开头很有画面感" in md
    assert "#夜经济 · #好开头 · yellow" in md
    assert "## ==消费新场景==" in body  # heading keeps its marker, highlight inside it
    assert EVIL_NOTE not in md and html.unescape("注意 &lt;script&gt;alert(1)&lt;/script&gt; 和 \"&amp;&lt;&gt;") == EVIL_NOTE
    assert "注意 &lt;script&gt;alert(1)&lt;/script&gt; 和 \"&amp;&lt;&gt;" in md


def test_inline_lists_notes_it_cannot_place(corpus):
    b = corpus.documents[1]
    placed_ann = ann_on(b, "直播带货", 30, note="在这里")
    orphan = ann_on(b, "卖家更关心退货成本", 31, note="原文改了", status="orphan")
    md = render("inline", [placed_ann, orphan], corpus)
    body, rest = md.split("**Not placed in the current text:**")
    assert "==直播带货==[^1]" in body and "卖家更关心退货成本==" not in body
    assert "> 卖家更关心退货成本" in rest and "原文改了" in rest and "**orphan**" in rest
