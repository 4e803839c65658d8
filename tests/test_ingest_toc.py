"""Tables of contents: sections, entries, wrapped titles, bodies found by title."""

from __future__ import annotations

from corpus.ingest.parse import parse_text


# ---- tables of contents ------------------------------------------------------

MAGAZINE = """刊名
2026年 第一期
主 编: 陆文涛

目录

栏目甲

第一篇: 文章标题	1
第二篇文章的标题很长很长所以被排版
折成了两行	3

栏目乙

第三篇（附表）	5
推荐阅读	9

第一篇：文章标题

新华社 2026-01-02

第一篇的正文。

第二篇文章的标题很长很长所以被排版折成了两行

第二篇的正文。

第三篇(附表)

第三篇的正文。

推荐阅读

<p>书名: 示例</p>
"""


def test_toc_defines_sections_and_articles() -> None:
    docs = parse_text("mag.txt", MAGAZINE)
    assert [(d.section, d.title) for d in docs] == [
        ("栏目甲", "第一篇：文章标题"),
        ("栏目甲", "第二篇文章的标题很长很长所以被排版折成了两行"),
        ("栏目乙", "第三篇(附表)"),
        ("推荐阅读", "推荐阅读"),
    ]
    assert docs[0].date == "2026-01-02" and docs[0].source == "新华社"
    assert "第二篇的正文" in docs[1].text and "第三篇的正文" not in docs[1].text
    assert docs[3].text.endswith("书名: 示例")
    assert all("陆文涛" in d.meta["front_matter"] for d in docs)
    assert docs[2].meta["publication"] == "刊名 2026年 第一期"
    assert docs[2].source == "刊名 2026年 第一期"  # no source line: the publication


def test_toc_with_page_first_and_a_retitled_article() -> None:
    text = """目 录

12 城市更新的三个关键词
15 夜间经济怎样更有温度

城市更新的三个关键词

正文甲。

夜间经济怎样更有温度——来自三座城市的观察

正文乙。
"""
    docs = parse_text("m.txt", text)
    assert [d.title for d in docs] == ["城市更新的三个关键词", "夜间经济怎样更有温度——来自三座城市的观察"]
    assert "正文甲" in docs[0].text and "正文乙" not in docs[0].text
    assert [d.meta["page"] for d in docs] == [12, 15]
    assert not docs[1].warnings


def test_toc_entry_without_body_is_kept_with_a_warning() -> None:
    text = "目录\n\n第一篇\t1\n第二篇不存在的文章\t2\n\n第一篇\n\n正文。\n"
    docs = parse_text("m.txt", text)
    assert [d.title for d in docs] == ["第一篇", "第二篇不存在的文章"]
    assert "not found" in docs[1].warnings[0]


MAGAZINE2 = """城乡观察
2025年第6期（总第58期）
主办：示例研究会
编辑部电话：010-12345678

本 期 目 录

【卷首语】
让城市更有温度……………………………………1
【专题研究】
县城补短板的三条路径………………………………3
乡村旅游如何避免“千村一面”——以五个村
庄为例………………………………………………8
【调研报告】
小微企业融资难的新变化…………………………15

让城市更有温度

编者

城市的温度，藏在一条条小巷里，也藏在一次次耐心的服务中。

县城补短板的三条路径

文/周明远

县城是城乡融合的关键节点。补齐公共服务短板，需要在教育、医疗和养老三个方面同时发力。

一、教育资源向县城集中

近年来，不少县城新建了学校，但师资仍然不足。

乡村旅游如何避免“千村一面”——以五个村庄为例

文/林静

一些地方的乡村旅游同质化严重，游客来过一次就不想再来。

小微企业融资难的新变化

课题组

调研发现，小微企业融资难的问题有所缓解，但融资贵的问题依然存在。

（责任编辑：陈晨）
"""


def test_magazine_with_bracketed_sections_and_dotted_leaders() -> None:
    docs = parse_text("m.txt", MAGAZINE2)
    assert [(d.section, d.title) for d in docs] == [
        ("卷首语", "让城市更有温度"),
        ("专题研究", "县城补短板的三条路径"),
        ("专题研究", "乡村旅游如何避免“千村一面”——以五个村庄为例"),
        ("调研报告", "小微企业融资难的新变化"),
    ]
    assert [d.authors for d in docs] == [["编者"], ["周明远"], ["林静"], ["课题组"]]
    assert docs[0].meta["publication"] == "城乡观察 2025年第6期（总第58期）"
    assert ("furniture", "（责任编辑：陈晨）") in [(b.type, t) for b, t in docs[3].iter_blocks()]


def test_toc_sections_printed_with_page_numbers() -> None:
    text = """目录

政策速递 1
国务院部署推进县域商业体系建设 1
三部门发布绿色建材下乡活动方案 2
产业观察 4
新能源重卡进入规模化应用阶段 4

国务院部署推进县域商业体系建设

正文一。

三部门发布绿色建材下乡活动方案

正文二。

新能源重卡进入规模化应用阶段

正文三。
"""
    docs = parse_text("m.txt", text)
    assert [(d.section, d.title) for d in docs] == [
        ("政策速递", "国务院部署推进县域商业体系建设"),
        ("政策速递", "三部门发布绿色建材下乡活动方案"),
        ("产业观察", "新能源重卡进入规模化应用阶段"),
    ]
