"""Structure case tables: newspaper pages, single documents, Markdown, hard wraps."""

from __future__ import annotations

import pytest

from corpus.ingest import clean
from corpus.ingest.parse import parse_text
from corpus.ingest.structure import split_plain


def _types(body: str) -> list[tuple[str, str]]:
    return [(p.type, p.text) for p in clean.units_to_parts(clean.classify_units(clean.split_units(body)))]


# ---- newspaper page splitting ---------------------------------------------

PAGE = """
第一篇文章的标题

本报记者 林晓峰 报道

第一篇的正文第一段，讲的是春耕备耕的情况。

一个小标题

第一篇的正文第二段，讲的是农机下田的情况。

韩雪

第二篇文章的标题

第二篇的正文，讲的是社区食堂的运营。

(市民政局供稿)

某某/图

第三篇文章的标题

第三篇的正文，讲的是加装电梯的进展。

(江南)
"""


def test_page_splits_into_articles_at_titles() -> None:
    drafts = split_plain(PAGE, {})
    assert [d.title for d in drafts] == ["第一篇文章的标题", "第二篇文章的标题", "第三篇文章的标题"]
    assert drafts[0].authors == ["林晓峰", "韩雪"]
    assert drafts[1].source == "市民政局"
    assert drafts[2].authors == ["江南"]
    assert ("heading", "一个小标题") in [(p.type, p.text) for p in drafts[0].parts]


def test_single_article_with_subheadings_is_one_document() -> None:
    body = "标题在这里\n\n正文第一段。\n\n小标题一\n\n正文第二段。\n\n小标题二\n\n正文第三段。"
    docs = parse_text("a.txt", body)
    assert len(docs) == 1 and docs[0].title == "标题在这里"
    assert [t for _, t in docs[0].iter_blocks("heading")] == ["小标题一", "小标题二"]


PAGE2 = """
2025年6月3日 星期二 责任编辑 周宁

要闻·民生

夏粮收购开秤

小麦收购价格保持稳定

——记者探访主产区收购一线

□本报记者 孙立 通讯员 何平

本报讯 眼下，主产区夏粮收购陆续开秤。记者在多个收购点看到，售粮农户排起了长队，收购价格总体保持稳定。

（完）

旧书市集重回街头

新华社南京6月2日电（记者 马骏）周末的旧书市集吸引了不少市民前来淘书，摊主们说，今年的客流明显多于往年。

市集还设置了换书角，读者可以用旧书换旧书。

A5
"""


def test_unseen_page_layout() -> None:
    drafts = split_plain(PAGE2, {})
    assert [d.title for d in drafts] == ["小麦收购价格保持稳定", "旧书市集重回街头"]
    first, second = drafts
    kinds = [(p.type, p.text) for p in first.parts]
    assert ("heading", "——记者探访主产区收购一线") in kinds  # the subtitle stays inside
    assert ("heading", "夏粮收购开秤") in kinds  # the kicker too
    assert ("byline", "本报记者 孙立 通讯员 何平") in kinds  # "□" bullet removed
    assert ("continuation", "（完）") in kinds
    assert first.authors == ["孙立", "何平"]
    assert second.authors == ["马骏"]  # from the news lead's dateline
    assert ("furniture", "A5") in [(p.type, p.text) for p in second.parts]


@pytest.mark.parametrize(
    "name, kind",
    [("a.md", "list"), ("a.txt", "heading")],
)
def test_numbered_lines_are_lists_only_in_markdown(name: str, kind: str) -> None:
    (doc,) = parse_text(name, "---\ntitle: 题\n---\n\n正文。\n\n1. 第一项要点\n\n2. 第二项要点\n")
    assert [b.type for b, t in doc.iter_blocks() if t.endswith("要点")] == [kind, kind]


def test_markdown_marks() -> None:
    (doc,) = parse_text("a.md", "# 大标题\n\n## 小标题\n\n> 引用的话。\n\n- 条目一\n- 条目二\n")
    assert doc.title == "大标题"
    assert [(b.type, t) for b, t in doc.iter_blocks()][1:] == [
        ("heading", "小标题"),
        ("paragraph", "引用的话。"),
        ("list", "- 条目一"),
        ("list", "- 条目二"),
    ]


def test_hard_wrapped_text_with_indented_paragraphs() -> None:
    body = (
        "城市慢行系统调查\n\n"
        "　　第一段的第一行内容比较长一些，这里继续写\n"
        "第一段的第二行，到这里结束。\n"
        "　　第二段从这里开始，这一行也写得很长很长很\n"
        "长，然后在这一行结束了。\n"
        "　　第三段没有句号结尾的标题式短句\n"
        "　　第四段。\n"
    )
    (doc,) = parse_text("w.txt", body)
    assert [t for _, t in doc.iter_blocks("paragraph")] == [
        "第一段的第一行内容比较长一些，这里继续写第一段的第二行，到这里结束。",
        "第二段从这里开始，这一行也写得很长很长很长，然后在这一行结束了。",
        "第三段没有句号结尾的标题式短句",
        "第四段。",
    ]


def test_many_repeated_lines_collapse_to_one() -> None:
    line = "本栏目的所有文章均为作者观点，不代表本报立场，转载请注明出处。"
    body = "\n\n".join([line] * 3000 + ["最后一段不一样的正文内容，在这里单独出现。"])
    paras = [t for ty, t in _types(body) if ty == "paragraph"]
    assert paras == [line, "最后一段不一样的正文内容，在这里单独出现。"]


def test_hard_wrapped_page_without_blank_lines() -> None:
    body = (
        "春耕农资供应充足\n"
        "本报记者 林晓峰\n"
        "　　各地农资市场供应充足，价格总体\n"
        "平稳，农户普遍反映买得到、买得起。\n"
        "社区食堂办得红火\n"
        "韩雪\n"
        "　　社区食堂开到家门口，老人们吃上\n"
        "了热乎饭。\n"
    )
    docs = parse_text("p.txt", body)
    assert [d.title for d in docs] == ["春耕农资供应充足", "社区食堂办得红火"]
    assert [t for _, t in docs[0].iter_blocks("paragraph")] == ["各地农资市场供应充足，价格总体平稳，农户普遍反映买得到、买得起。"]
    assert docs[1].authors == ["韩雪"]


def test_page_dateline_dates_every_article() -> None:
    drafts = split_plain(PAGE2, {})
    assert [d.date for d in drafts] == ["2025-06-03", "2025-06-03"]


def test_first_sentence_mentioning_the_title_is_kept() -> None:
    (doc,) = parse_text("a.md", "---\ntitle: 夜市\n---\n\n夜市重开了。\n\n第二段。\n")
    assert [t for _, t in doc.iter_blocks("paragraph")] == ["夜市重开了。", "第二段。"]


PAGE3 = """经济日报 2025年4月8日 星期二 5

综合

上接第一版

村里还成立了合作社，统一收购、统一销售，农户的收入比过去翻了一番。

稳外贸要在“稳”字上下功夫

本报评论员

当前外部环境复杂多变，外贸企业面临订单减少、成本上升等多重压力。稳住外贸基本盘，既要帮助企业拓展新市场，也要在融资、物流等方面给予实实在在的支持。

各地要进一步落实出口退税等政策，缩短办理时间，让企业把更多精力放在开拓市场上。

新能源汽车下乡活动启动

本报讯（记者 韩冰）记者从商务部获悉，2025年新能源汽车下乡活动近日启动，活动将持续到年底，覆盖全国20多个省份。

据介绍，今年的活动将重点推介续航里程长、性价比高的车型，同时加快农村地区充电设施建设。

图为活动现场展出的新能源汽车。 本报记者 韩冰 摄

多地推出消费券

刺激餐饮文旅消费

新华社北京4月7日电 清明假期前后，多地推出餐饮、文旅消费券，带动了节日消费。

（记者 刘洋 陈静）

本版编辑 王磊 美编 赵敏
"""


def test_page_with_header_dateline_leads_and_kicker() -> None:
    drafts = split_plain(PAGE3, {})
    assert [d.title for d in drafts] == ["综合", "稳外贸要在“稳”字上下功夫", "新能源汽车下乡活动启动", "刺激餐饮文旅消费"]
    assert all(d.date == "2025-04-08" for d in drafts)
    # The page header's outlet, unless the lead credits an agency.
    assert [d.source for d in drafts] == ["经济日报", "经济日报", "经济日报", "新华社"]
    assert drafts[1].authors == ["本报评论员"]
    assert drafts[2].authors == ["韩冰"]  # from "本报讯（记者 韩冰）"
    assert drafts[3].authors == ["刘洋", "陈静"]
    assert ("heading", "多地推出消费券") in [(p.type, p.text) for p in drafts[3].parts]
    assert ("furniture", "本版编辑 王磊 美编 赵敏") in [(p.type, p.text) for p in drafts[3].parts]
    assert drafts[0].parts[2].type == "continuation"
