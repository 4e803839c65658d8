"""Annotation store benchmark: 10,000 notes, ours vs TinyDB's default JSONStorage.

Prints figures (never asserts): adding one note and running a tag filter, as
ratios to TinyDB's default storage doing the same in the same run (targets:
add ≤ 0.2×, filter ≤ 0.1×), plus open time and peak memory.

    python -m benchmarks.bench_store [N]
"""

from __future__ import annotations

import gc
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tinydb import Query, TinyDB

from annotations.model import Annotation, new_annotation
from annotations.query import Filter
from annotations.store import AnnotationStore
from corpus.model import Block, Document

SENTENCES = [
    "今年以来，我市外贸进出口总体保持稳定，跨境电商综合试验区建设取得积极进展。",
    "港口吞吐能力持续提升，集装箱航线新开通三条，物流成本明显下降。",
    "下一步将继续优化营商环境，支持企业开拓多元市场，推动贸易高质量发展。",
    "社区食堂开到了家门口，老人们吃上了热乎饭，这是一件暖心的好事。",
]
TAGS = [f"标签{i}" for i in range(50)] + ["跨境", "外贸", "民生", "政策"]


def _docs(n_docs: int = 200) -> list[Document]:
    docs = []
    for i in range(n_docs):
        text = "".join(SENTENCES[(i + j) % len(SENTENCES)] for j in range(40))
        docs.append(Document(id=f"doc{i:04d}", file=f"栏目{i % 7}/文件{i}.txt", section=f"栏目{i % 7}",
                             title=f"第{i}篇", text=text, blocks=[Block("paragraph", 0, len(text))]))
    return docs


def _notes(n: int, rng: random.Random) -> list[Annotation]:
    docs = _docs()
    out = []
    for i in range(n):
        d = docs[i % len(docs)]
        start = rng.randrange(0, len(d.text) - 40)
        out.append(new_annotation(d, start, start + rng.randint(6, 30), note=f"第{i}条笔记：值得注意的提法。",
                                  tags=rng.sample(TAGS, 3), color=rng.randint(1, 6)))
    return out


def _median_ms(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(n: int = 10_000) -> None:
    reps = 7
    rng = random.Random(7)
    notes = _notes(n + 3 * reps, rng)
    base, extra = notes[:n], iter(notes[n:])
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        # -- TinyDB out of the box -----------------------------------------------------
        plain_path = Path(tmp) / "plain.json"
        plain = TinyDB(plain_path, ensure_ascii=False)
        plain.insert_multiple(a.to_record() for a in base)
        plain_add = _median_ms(lambda: plain.insert(next(extra).to_record()), reps)
        tag_iter = iter(TAGS * 2)
        # A new tag each time: TinyDB caches query results per Table instance.
        plain_filter = _median_ms(lambda: plain.search(Query().tags.any([next(tag_iter)])), reps)
        plain.close()

        # -- ours ----------------------------------------------------------------------
        path = Path(tmp) / "annotations.json"
        AnnotationStore(path).put_many(base)
        gc.collect()
        t0 = time.perf_counter()
        AnnotationStore(path).close()
        open_ms = (time.perf_counter() - t0) * 1000
        tracemalloc.start()  # slows Python down: measured apart from the timings
        store = AnnotationStore(path)
        _, peak_open = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        t0 = time.perf_counter()
        store.add(next(extra))
        first_add = (time.perf_counter() - t0) * 1000
        ours_add = _median_ms(lambda: store.add(next(extra)), reps)
        tag_iter = iter(TAGS * 2)
        ours_filter = _median_ms(lambda: store.query(Filter(tags_any=(next(tag_iter),))), reps)
        common = _median_ms(lambda: store.query(Filter(tags_any=("跨境",), text="贸易")), reps)
        all_ms = _median_ms(store.all, reps)
        size = path.stat().st_size
        store.close()

    print(f"annotation store, {n:,} annotations ({size / 1e6:.1f} MB file)")
    print(f"  add one     : ours {ours_add:7.2f} ms   TinyDB default {plain_add:7.2f} ms   ratio {ours_add / plain_add:.3f}× (target ≤ 0.2×)")
    print(f"  tag filter  : ours {ours_filter:7.2f} ms   TinyDB default {plain_filter:7.2f} ms   ratio {ours_filter / plain_filter:.3f}× (target ≤ 0.1×)")
    print(f"  first add after open: {first_add:.1f} ms (lines reused from the file)")
    print(f"  open 10k    : {open_ms:.0f} ms; all(): {all_ms:.1f} ms; tag+text filter: {common:.2f} ms")
    print(f"  peak memory : {peak_open / 1e6:.1f} MB traced while opening; max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
