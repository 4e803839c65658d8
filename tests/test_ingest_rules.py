"""Case tables for each cleaning rule, with our own example lines."""

from __future__ import annotations

import pytest

from corpus.ingest import clean

from corpus.ingest import rules


def _types(body: str) -> list[tuple[str, str]]:
    return [(p.type, p.text) for p in clean.units_to_parts(clean.classify_units(clean.split_units(body)))]


# ---- line classification ----------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        # captions
        ("视觉中国/图", "caption"),
        ("张小川/摄", "caption"),
        ("图虫创意/供图", "caption"),
        ("王一凡作(新华社发)", "caption"),
        ("市民在公园赏花。（新华社发）", "caption"),
        ("4月2日，游客在湖边赏樱。本报记者 陈默 摄", "caption"),
        ("新华社记者 李然 摄", "caption"),
        ("图为新建成的社区服务中心。", "caption"),
        ("图 3 2019—2024 年各省份用电量", "caption"),
        # bylines
        ("本报记者 林晓峰 报道", "byline"),
        ("本报记者 林晓峰 通讯员 方可", "byline"),
        ("证券时报记者 王兵", "byline"),
        ("据新华社电", "byline"),
        ("据央视新闻报道", "byline"),
        ("文/李思远", "byline"),
        ("作者：赵静怡", "byline"),
        ("乔瑞庆", "byline"),
        ("刘景芝 高艳", "byline"),
        ("经济日报 王 青", "byline"),
        ("（作者系某大学经济学院教授）", "byline"),
        ("（作者：谢婉清）", "byline"),
        # sources
        ("(中国经济网供稿)", "source"),
        ("（市民政局供稿）", "source"),
        ("(时锋)", "source"),
        ("新华社 2023-08-13", "source"),
        ("参考消息网 2024年5月6日", "source"),
        ("附：《关于促进消费的若干措施》", "source"),
        ("来源：示例晚报", "source"),
        ("资料来源：国家统计局。", "source"),
        # continuation markers
        ("上接A1版", "continuation"),
        ("（下转第4版）", "continuation"),
        ("(转 A6 版)", "continuation"),
        # page furniture
        ("责任编辑：苏晴", "furniture"),
        ("主 编: 陆文涛", "furniture"),
        ("编审名单", "furniture"),
        ("电话: (0512) 66552211", "furniture"),
        ("新闻热线：0571-88886666", "furniture"),
        ("https://www.example.cn/news/1.html", "furniture"),
        ("<https://mp.weixin.qq.com/s/abc>", "furniture"),
        ("www.example.org.cn", "furniture"),
        ("editor@example.cn", "furniture"),
        ("2026年3月18日 星期三", "furniture"),
        ("第5期", "furniture"),
        ("关键词：城市更新，社区治理", "furniture"),
        # ordinary text stays a paragraph
        ("今年以来，全市新增就业岗位三万多个，城镇调查失业率保持在较低水平。", "paragraph"),
        ("记者从市商务局了解到，今年春节假期全市重点商圈客流同比增长一成。", "paragraph"),
        ("（一）加快推进城市更新", "paragraph"),  # headings are decided with context
        ("新能源汽车", "paragraph"),
        ("高质量发展", "paragraph"),
    ],
)
def test_classify(line: str, expected: str) -> None:
    assert rules.classify(line)[0] == expected


@pytest.mark.parametrize(
    "line, authors",
    [
        ("本报记者 林晓峰 通讯员 方可 报道", ["林晓峰", "方可"]),
        ("乔瑞庆", ["乔瑞庆"]),
        ("欧阳明远", ["欧阳明远"]),
        ("经济日报 王 青", ["王青"]),
        ("(时锋)", ["时锋"]),
        ("（作者：谢婉清）", ["谢婉清"]),
    ],
)
def test_byline_authors(line: str, authors: list[str]) -> None:
    _, info = rules.classify(line)
    assert info and info["authors"] == authors


@pytest.mark.parametrize(
    "line, source, date",
    [
        ("新华社 2023-08-13", "新华社", "2023-08-13"),
        ("PR Newswire - English 2023-09-18", "PR Newswire - English", "2023-09-18"),
        ("(中国经济网供稿)", "中国经济网", None),
        ("来源：示例晚报 2026-01-12", "示例晚报", "2026-01-12"),
        ("据新华社电", "新华社", None),
        ("据央视新闻报道", "央视新闻", None),
    ],
)
def test_source_info(line: str, source: str, date: str | None) -> None:
    _, info = rules.classify(line)
    assert info["source"] == source
    assert info.get("date") == date


@pytest.mark.parametrize(
    "token, ok",
    [("乔瑞庆", True), ("高艳", True), ("司马光明", True), ("新政亮点", False), ("高质量", False), ("万亿元", False), ("123", False)],
)
def test_is_name(token: str, ok: bool) -> None:
    assert rules.is_name(token) is ok


@pytest.mark.parametrize(
    "line, heading",
    [
        ("智慧农机走进田间", True),
        ("一、缺乏统筹协调的招商模式，不利于区域发展", True),
        ("（二）资产管理服务智能化转型", True),
        ("1.1 文化属性", True),
        ("壮大行业主体，增强资源集聚效应", True),
        ("这是一个完整的句子。", False),
        ("农资保供关系千家万户的饭碗，早一天备足，田里就多一分底气，这是春耕最为", False),
        ("需求”“要把促消费和惠民结合起来", False),
        ("据介绍，主要内容包括四个方面：", False),
    ],
)
def test_looks_like_heading(line: str, heading: bool) -> None:
    assert rules.looks_like_heading(line) is heading


# ---- inline cleaning --------------------------------------------------------


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("一是**提高质量**。", "一是提高质量。"),
        ("孤立的**星号", "孤立的星号"),
        ("详见<https://example.cn/a>。", "详见https://example.cn/a。"),
        ("\u3000\u3000段首全角空格", "段首全角空格"),
        ("\t<p>书名: 示例</p>", "书名: 示例"),
        ("价格 &gt; 成本 &amp; 费用", "价格 > 成本 & 费用"),
        ("多个   空格\t和制表符", "多个 空格 和制表符"),
        ("Deep Learning 模型", "Deep Learning 模型"),
    ],
)
def test_inline_clean(raw: str, cleaned: str) -> None:
    assert clean.inline_clean(raw) == cleaned


@pytest.mark.parametrize(
    "raw, collapsed",
    [
        ("2023 年 1-7 月", "2023年1-7月"),
        ("提出 6 方面 24 条措施", "提出6方面24条措施"),
        ("以 ChatGPT 为代表", "以 ChatGPT 为代表"),
        ("合作 推动发展", "合作 推动发展"),  # a space between clauses stays
        ("New York Times", "New York Times"),
    ],
)
def test_collapse_cjk_spaces(raw: str, collapsed: str) -> None:
    assert clean.collapse_cjk_spaces(raw) == collapsed


# ---- joining lines broken mid-sentence -------------------------------------


@pytest.mark.parametrize(
    "body, paragraphs",
    [
        (
            "各地农资市场供应充足、价格总体平稳，种子、农药等物资调运\n\n顺畅，农户满意。",
            ["各地农资市场供应充足、价格总体平稳，种子、农药等物资调运顺畅，农户满意。"],
        ),
        ("一行写到一半\n另一半在下一行。", ["一行写到一半另一半在下一行。"]),
        ("完整的一句话。\n\n另一段话。", ["完整的一句话。", "另一段话。"]),
        ("主要内容包括：\n\n第一条很重要。", ["主要内容包括：", "第一条很重要。"]),
        ("the model is based on deep\n\nlearning methods.", ["the model is based on deep learning methods."]),
    ],
)
def test_join_broken_lines(body: str, paragraphs: list[str]) -> None:
    assert [t for ty, t in _types(body) if ty == "paragraph"] == paragraphs


@pytest.mark.parametrize(
    "between, kind",
    [("王川/图", "caption"), ("本报记者 林晓峰 报道", "byline"), ("（下转A4版）", "continuation")],
)
def test_no_join_across_special_lines(between: str, kind: str) -> None:
    body = f"这一段没有写完，后面还有很长很长的内容需要继续写下去才能结束而且还在继续\n\n{between}\n\n另一段文字从这里开始。"
    types = _types(body)
    assert (kind, between) in types
    assert sum(1 for t, _ in types if t == "paragraph") == 2


def test_no_join_into_heading() -> None:
    body = "上一段的最后一句话还没有写完，后面的内容在排版时被截断了，所以这里没有句号\n\n新的小标题\n\n正文从这里开始。"
    assert [t for t, _ in _types(body)] == ["paragraph", "heading", "paragraph"]


# ---- layout duplicates -----------------------------------------------------

_Q = "城市的活力来自街巷，每一条小路都连着居民的日常生活，这是城市更新最应珍视的东西。"


def test_pull_quote_between_broken_lines_is_dropped() -> None:
    body = "\n\n".join(
        [
            "街区改造已经进行了两年多，居民们最关心的还是出行和停车",
            _Q,
            "问题，社区为此专门召开了议事会。",
            "城市的活力来自街巷，每一条小路都连着居民的日常生活，这是城市更新最",
            "值得珍视的东西。改造方案因此保留了原有的街巷格局。",
        ]
    )
    paras = [t for ty, t in _types(body) if ty == "paragraph"]
    assert paras == [
        "街区改造已经进行了两年多，居民们最关心的还是出行和停车问题，社区为此专门召开了议事会。",
        "城市的活力来自街巷，每一条小路都连着居民的日常生活，这是城市更新最值得珍视的东西。改造方案因此保留了原有的街巷格局。",
    ]


def test_paragraph_printed_twice_appears_once() -> None:
    para = "夜间公交线路增加到十二条，末班车时间普遍延后到晚上十一点，方便市民夜间出行。"
    body = "\n\n".join([para, "另一段完全不同的内容，讲的是社区食堂的运营情况和居民的评价。", para])
    paras = [t for ty, t in _types(body) if ty == "paragraph"]
    assert paras.count(para) == 1 and len(paras) == 2


def test_quote_contained_in_a_longer_paragraph_is_dropped() -> None:
    quote = "支付方式越多样，市场的烟火气就越足，商户和顾客都能从中受益。"
    body = "\n\n".join([quote, "记者在市场走访时发现，" + quote + "不少摊主已经习惯了多种收款方式并存。"])
    paras = [t for ty, t in _types(body) if ty == "paragraph"]
    assert len(paras) == 1 and paras[0].startswith("记者在市场走访时发现")


def test_similar_but_different_paragraphs_are_kept() -> None:
    a = "上半年全市社会消费品零售总额同比增长百分之五点二，增速比一季度加快零点八个百分点。"
    b = "上半年全市固定资产投资同比增长百分之三点一，其中制造业投资增长明显，高技术产业投资加快。"
    assert len([1 for ty, _ in _types(f"{a}\n\n{b}") if ty == "paragraph"]) == 2


def test_formulaic_paragraphs_that_differ_in_names_and_numbers_are_kept() -> None:
    places, things = ["东部沿海", "中部地区", "西部省份"], ["新能源汽车", "集成电路", "生物医药"]
    paras = [
        f"第{i}段观察：{places[i % 3]}围绕{things[i % 3]}加大研发投入，当年新增企业{i * 37}家。"
        f"当地负责人介绍，{things[i % 3]}项目第{i}批次已经投产，带动就业约{i * 120}人。"
        for i in range(1, 31)
    ]
    assert [t for ty, t in _types("\n\n".join(paras)) if ty == "paragraph"] == paras
