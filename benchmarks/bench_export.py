"""Export and import of 10,000 annotations.

Each export format is timed as a ratio to a plain ``json.dumps`` of the same
records in the same run (so the figures compare across machines); the import
of the JSON export into a fresh on-disk store is timed, then the same import
again (everything unchanged). Prints figures; never asserts.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from annotations.export import FORMATS, render
from annotations.importer import import_annotations
from annotations.model import Annotation, Target, make_selector
from annotations.store import AnnotationStore
from corpus.model import Corpus, Document, join_blocks

N = 10_000
DOCS = 50
_PHRASES = [
    "夜市重新热闹起来", "小吃摊前排起长队", "今年的客流明显增加", "商场延长营业时间", "书店和影院也加入进来",
    "专家认为要兼顾居民休息", "跨境平台在海外建仓", "物流时间大幅缩短", "卖家更关心退货成本", "直播带货效果因地而异",
    "图书室的灯清晨就亮了", "孩子们放学后来读书", "管理要细服务要暖", "新的消费场景不断出现", "数据显示增长平稳",
]


def synthetic(seed: int = 7) -> tuple[Corpus, list[Annotation]]:
    rng = random.Random(seed)
    docs = []
    for d in range(DOCS):
        parts = [("title", f"第{d + 1}篇 " + rng.choice(_PHRASES), 1)]
        for _ in range(40):
            sentence = "，".join(rng.choice(_PHRASES) for _ in range(rng.randint(3, 8))) + "。"
            parts.append(("paragraph", sentence * rng.randint(1, 3), 0))
        text, blocks = join_blocks(parts)
        docs.append(Document(id=f"doc{d:05d}", file=f"s{d % 5}/f{d}.txt", section=f"栏目{d % 5}",
                             title=parts[0][1], text=text, blocks=blocks))
    corpus = Corpus(root="/bench", documents=docs)
    anns = []
    for i in range(N):
        doc = docs[i % DOCS]
        start = rng.randrange(0, len(doc.text) - 40)
        end = start + rng.randint(4, 30)
        anns.append(Annotation(
            id=f"{i:08x}-0000-4000-8000-{rng.getrandbits(48):012x}",
            target=Target.of(doc),
            selector=make_selector(doc.text, start, end),
            note=rng.choice(["", "值得注意", "和上周的数据对比 <b>看</b>", "第一点\n第二点"]),
            tags=tuple(rng.sample(["消费", "跨境", "政策", "数据", "城市"], rng.randint(0, 2))),
            color=rng.randint(1, 6),
            created=f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T08:00:00.000Z",
            modified="2024-10-01T08:00:00.000Z",
        ))
    return corpus, anns


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    corpus, anns = synthetic()
    records = [a.to_record() for a in anns]
    base = _best(lambda: json.dumps(records, ensure_ascii=False))
    print(f"export of {N:,} annotations over {DOCS} documents (best of 3)")
    print(f"  json.dumps baseline   {base * 1000:8.1f} ms")
    sizes = {}
    for fmt in FORMATS:
        out: list[str] = []
        t = _best(lambda: out.append(render(fmt, anns, corpus)))
        sizes[fmt] = len(out[-1].encode("utf-8"))
        print(f"  {fmt:<8} {t * 1000:10.1f} ms  {t / base:6.1f}× baseline  {sizes[fmt] / 1e6:6.1f} MB")
    data = render("json", anns, corpus)
    with tempfile.TemporaryDirectory() as tmp:
        store = AnnotationStore(Path(tmp) / "annotations.json")
        t0 = time.perf_counter()
        report = import_annotations(data, store, corpus)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_annotations(data, store, corpus)
        second = time.perf_counter() - t0
        store.close()
    c1, c2 = report.counts(), again.counts()
    print(f"import of {N:,} into a fresh on-disk store  {first * 1000:8.1f} ms  "
          f"({first / base:.1f}× baseline; added {c1['added']}, orphaned {c1['orphaned']})")
    print(f"same import again (no change)             {second * 1000:8.1f} ms  (unchanged {c2['unchanged']})")


if __name__ == "__main__":
    main()
