"""Shared helpers for the app's Pilot and snapshot tests: a tiny corpus of our own.

The sentences are written for these tests (never copied from real documents).
"""

from __future__ import annotations

from pathlib import Path

from textual.worker import WorkerCancelled, WorkerFailed

DOCS = {
    "经济/外贸.txt": (
        "跨境电商带动外贸增长\n\n"
        "近年来，跨境电商成为外贸发展的新动能。各地综试区不断完善服务体系，企业出海步伐加快。\n\n"
        "政策支持\n\n"
        "商务部门表示，将继续支持跨境电商健康发展，推动海外仓建设。跨境电商企业数量持续增加。\n"
    ),
    "经济/消费.txt": (
        "数字消费场景持续创新\n\n"
        "直播电商和即时零售改变了居民的消费习惯。数字消费的便捷性降低了交易成本。\n\n"
        "消费者更加关注服务质量，平台企业也在不断优化体验。\n"
    ),
    "科技/智能.txt": (
        "人工智能赋能制造业\n\n"
        "生成式人工智能正在进入工厂车间。工程师利用大模型优化生产流程，提高质量检测效率。\n\n"
        "专家认为，人工智能与制造业深度融合将催生新质生产力。\n"
    ),
}


def long_document(paragraphs: int = 60) -> str:
    """A document long enough to scroll: paragraphs of our own, all different."""
    places = ["东部沿海", "中部地区", "西部省份", "东北老工业基地", "粤港澳大湾区", "长三角", "成渝地区"]
    things = ["新能源汽车", "集成电路", "生物医药", "现代物流", "跨境电商", "智能制造", "文化旅游"]
    actions = ["加大研发投入", "扩大对外开放", "优化营商环境", "培育龙头企业", "完善产业链条"]
    parts = ["长篇报告：区域经济观察"]
    for i in range(1, paragraphs + 1):
        place, thing, action = places[i % 7], things[(i * 3) % 7], actions[i % 5]
        parts.append(
            f"第{i}段观察：{place}围绕{thing}{action}，当年新增企业{i * 37}家。"
            f"当地负责人介绍，{thing}项目第{i}批次已经投产，带动就业约{i * 120}人。"
        )
    return "\n\n".join(parts) + "\n"


def write_corpus(root: Path, *, broken: bool = True, long: bool = False) -> Path:
    """Write the test corpus under ``root/样例`` (a fixed name: it shows in the header)."""
    corpus = root / "样例"
    for rel, text in DOCS.items():
        path = corpus / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if long:
        (corpus / "报告").mkdir(exist_ok=True)
        (corpus / "报告" / "长篇.txt").write_text(long_document(), encoding="utf-8")
    if broken:
        (corpus / "科技" / "坏.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00\x00\x00garbage")
    return corpus


async def settle(pilot, rounds: int = 4) -> None:
    """Let workers finish and their results reach the widgets."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):
            # A worker that raised is an outcome, not a test failure: the app
            # reports it (test_a_failing_worker_is_reported_not_fatal checks how).
            # One cancelled by a newer exclusive worker of its group is finished too.
            # Waiting for either while it is still in the manager raised here, racily.
            pass
    await pilot.pause()
