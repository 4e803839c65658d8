"""A small corpus of our own for the search index tests: sections, front matter
(titles, dates, authors), traditional and full-width spellings, line breaks."""

from __future__ import annotations

from pathlib import Path

FILES = {
    "要闻/trade.md": (
        "---\ntitle: 跨境电商综试区建设提速\ndate: 2023-08-13\nauthor: 王晓明\n---\n\n"
        "跨境电商企业借助海外仓拓展市场，跨境电商出口保持增长。海外仓布局更加合理。\n\n"
        "综合试验区的经验在全国推广。\n"
    ),
    "要闻/energy.md": (
        "---\ntitle: 新型储能产业快速发展\ndate: 2023-09-02\nauthor: 李华\n---\n\n"
        "储能电站项目陆续开工。氢能与储能技术融合，储能市场空间广阔。外贸企业也在布局储能。\n"
    ),
    "地方/hangzhou.txt": "杭州跨境電商\n\n杭州的跨境電商出口增长，海外倉建设加快。ＡＩ应用和AI 客服普及。\n",
    "地方/ningbo.txt": "宁波外贸稳中有进\n\n宁波外贸企业开拓海外市场，跨境电商\n新业态快速成长。港口 吞吐量 创新高。\n",
    "专题/report.md": (
        "---\ntitle: 综合 试验区 年度报告\ndate: 2022-12-20\n---\n\n"
        "综合 试验区建设进入新阶段。跨境电商与海外仓相互促进，外贸新业态新模式不断涌现。\n\n"
        "aaaa aa 重复重复重复。\n"
    ),
}


def write_corpus(root: Path, files: dict[str, str] | None = None) -> Path:
    for rel, text in (files or FILES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
