"""The bundled samples load cleanly and show every kind of structure."""

from __future__ import annotations

import pytest

from corpus import load_corpus
from corpus.paths import samples_dir


@pytest.fixture(scope="module")
def samples():
    return load_corpus(use_cache=False)


def test_samples_load_without_errors(samples) -> None:
    assert samples.errors == []
    assert len(samples) >= 10
    assert not (samples_dir() / "placeholder.txt").exists()


def test_samples_are_small() -> None:
    for path in samples_dir().rglob("*.*"):
        assert path.stat().st_size < 8 * 1024, f"{path.name} should stay a few KB"


def test_gb18030_sample_decodes(samples) -> None:
    doc = next(d for d in samples if d.file.endswith("_gb18030.txt"))
    assert doc.meta["encoding"] == "gb18030"
    assert doc.title == "老旧厂房变身创意园区"
    assert "城市更新不能“大拆大建”" in doc.text
    raw = (samples_dir() / doc.file).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_big5_sample_decodes(samples) -> None:
    doc = next(d for d in samples if d.file.endswith("_big5.txt"))
    assert doc.meta["encoding"] == "big5"
    assert "實體書店" in doc.text


def test_newspaper_sample(samples) -> None:
    page = [d for d in samples if d.file == "报纸/江南日报_A3.txt"]
    assert [d.title for d in page] == ["春季农资保供稳价见成效", "社区食堂要办得长久", "老旧小区加装电梯按下“快进键”"]
    first = page[0]
    assert first.authors == ["林晓峰", "方可"]
    assert first.text.count("农资保供关系千家万户的饭碗") == 1  # the pull quote once
    assert "物资调运顺畅，基本满足" in first.text  # broken line joined
    assert ("heading", "智慧农机走进田间") in [(b.type, t) for b, t in first.iter_blocks()]
    assert any(b.type == "caption" for b in first.blocks)
    assert "**" not in first.text
    assert page[1].authors == ["韩雪"] and page[1].source == "市民政局"
    assert any(b.type == "continuation" for b in page[1].blocks)
    assert any(b.type == "caption" for b in page[2].blocks)


def test_magazine_sample(samples) -> None:
    mag = [d for d in samples if d.file.startswith("期刊/")]
    sections: dict[str, int] = {}
    for d in mag:
        sections[d.section] = sections.get(d.section, 0) + 1
    assert sections == {"政策速递": 2, "产业观察": 3, "地方实践": 1, "书刊荐读": 1}
    assert "低空经济试点城市名单公布 首批覆盖十二个省份" in [d.title for d in mag]
    assert all("陆文涛" in d.meta["front_matter"] for d in mag)
    truck = next(d for d in mag if d.title.startswith("新能源重卡"))
    assert [t for _, t in truck.iter_blocks("heading")] == ["一、换电模式加快推广", "二、基础设施仍需完善"]


def test_markdown_sample(samples) -> None:
    doc = next(d for d in samples if d.file.endswith(".md"))
    assert doc.title == "数字人民币走进菜市场"
    assert doc.section == "金融观察" and doc.date == "2026-02-20" and doc.authors == ["程雨桐"]
    assert doc.meta["tags"] == ["数字人民币", "支付", "民生"]
    assert "#" not in doc.text and "**" not in doc.text and "> " not in doc.text
    assert [t for _, t in doc.iter_blocks("heading")] == ["小额支付更顺手", "商户成本有所下降"]


def test_html_sample(samples) -> None:
    doc = next(d for d in samples if d.file.endswith(".html"))
    assert doc.title == "城市夜经济观察：点亮“夜间消费”新场景"
    for junk in ("首页", "分享到", "相关阅读", "暂无评论", "版权所有", "不应出现", "隐藏的统计", "display", "&#"):
        assert junk not in doc.text, junk
    assert doc.authors == ["谢婉清"] and doc.date == "2026-01-12" and doc.source == "示例晚报"
    assert "凌晨。" in doc.text  # &#12290; decoded
    kinds = {b.type for b in doc.blocks}
    assert {"heading", "caption", "byline", "furniture", "source"} <= kinds


def test_pdf_and_epub_samples(samples) -> None:
    paper = [d for d in samples if d.file == "报纸/江南日报_A5.pdf"]
    assert [d.title for d in paper] == ["老城区青石巷完成更新改造居民出行更方便邻里更亲近", "社区食堂温暖老人的胃", "河道清淤工程提前完工"]
    assert {d.section for d in paper} == {"报纸"}
    assert [b.page for b in paper[1].blocks][-1] == 2
    book = [d for d in samples if d.file == "书籍/回乡记.epub"]
    assert [d.title for d in book] == ["第一章 出发", "第二章 老屋", "第三章 重逢"]
    assert {d.section for d in book} == {"回乡记"}
