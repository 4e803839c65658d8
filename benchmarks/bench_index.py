"""Search index benchmark: build time, size, query speed against a brute-force scan.

Environment:
  BENCH_FILES   number of synthetic files (default 10000, about 100 MB)
  BENCH_DIR     where to keep the generated corpus (default: a temp folder)

Prints, all measured in this run on this machine:
  * index build time as a ratio to the cold load (parsing) of the same corpus (goal ≤ 1.3x),
    and an incremental update after one file changed;
  * index size as a ratio to the text (UTF-8 bytes; goal ≤ 1.5x);
  * per query form (phrase, short word, boolean, OR, NEAR, field, date): the first
    page (20 documents, ranked, with their hits) from the index against a
    brute-force scan of the same texts already in memory (goal ≥ 100x faster),
    and every hit (``occurrences``) against the same scan;
  * p50/p95 latency of the first page over every query, peak memory.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import corpus_dir


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _time(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    files = int(os.environ.get("BENCH_FILES", "10000"))
    folder, _tmp = corpus_dir(files)
    with tempfile.TemporaryDirectory(prefix="reader-bench-index-") as cache:
        os.environ["READER_CACHE_DIR"] = cache
        from corpus.index import open_index, parse_query
        from corpus.index.match import scan
        from corpus.ingest.loader import load_corpus

        t0 = time.perf_counter()
        corpus = load_corpus(folder)
        cold = time.perf_counter() - t0
        print(f"corpus: {len(corpus)} documents from {files} files; cold load {cold:.2f} s (the baseline)")

        index = open_index(corpus)
        t0 = time.perf_counter()
        stats = index.update()
        build = time.perf_counter() - t0
        text_bytes = sum(len(d.text.encode("utf-8")) for d in corpus)
        size = _folder_bytes(index.folder)
        print(f"index build:   {build:.2f} s = {build / cold:.2f}x the cold load (goal ≤ 1.3x); "
              f"{stats.chars / 1e6 / build:.1f} M chars/s")
        print(f"index size:    {size / 1e6:.1f} MB for {text_bytes / 1e6:.1f} MB of text = "
              f"{size / text_bytes:.2f}x (goal ≤ 1.5x)")

        # One file changes: only it is indexed again.
        victim = next(p for p in sorted(folder.rglob("post_*.md")))  # UTF-8 Markdown
        original = victim.read_bytes()
        try:
            victim.write_bytes(original + "\n\n新增一段关于数字人民币的内容。\n".encode("utf-8"))
            corpus2 = load_corpus(folder)
            t0 = time.perf_counter()
            inc = open_index(corpus2).update()
            incremental = time.perf_counter() - t0
            print(f"incremental:   {incremental * 1000:.0f} ms to re-index {inc.indexed_files} changed file "
                  f"(of {inc.indexed_files + inc.unchanged_files}; {inc.removed_files} removed)")
        finally:
            victim.write_bytes(original)
        corpus = load_corpus(folder)
        index = open_index(corpus)
        index.update()

        docs = corpus.documents
        for d in docs:  # the brute-force baseline scans texts already in memory
            _ = d.text
        sample = docs[len(docs) // 3].text
        phrase = sample[200:205].strip() or "经济发展"
        queries = {
            "phrase": f'"{phrase}"',
            "word": "发展",
            "boolean": "经济 发展 -市场",
            "or": "(企业 OR 市场) 建设",
            "near": "经济 NEAR/10 发展",
            "field": "section:要闻 企业",
            "date": "date:2020..2022 经济",
            "none": "量子纠缠",
        }
        latencies: list[float] = []
        print(f"{'query':<8} {'docs':>6} {'scan':>9} {'page':>9} {'ratio':>8} {'all hits':>10} {'ratio':>7}")
        for name, query in queries.items():
            node = parse_query(query)
            scan_t = min(_time(lambda: sum(1 for _ in scan(node, docs)), 2))
            page = _time(lambda: index.search(node, sort="rank", limit=20), 15)
            latencies.extend(page)
            page_t = statistics.median(page)
            every = min(_time(lambda: sum(1 for _ in index.occurrences(node)), 2))
            found = index.search(node, limit=1).total_docs
            print(f"{name:<8} {found:>6} {scan_t * 1000:>7.0f}ms {page_t * 1000:>7.1f}ms {scan_t / page_t:>7.0f}x "
                  f"{every * 1000:>8.0f}ms {scan_t / every:>6.1f}x   {query}")
        latencies.sort()
        p50 = latencies[len(latencies) // 2]
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"first page latency: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms over {len(latencies)} searches")
        print(f"peak memory: {_rss_mb():.0f} MB (corpus texts in memory included)")
        if files < 100_000:
            print("1 GB corpus: run with BENCH_FILES=100000 (about 25 minutes of generation and parsing on 2 cores)")


if __name__ == "__main__":
    main()
