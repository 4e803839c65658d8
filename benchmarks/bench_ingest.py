"""Ingestion benchmark: cold parse, warm (cached) listing, memory, and jieba for scale.

Environment:
  BENCH_FILES   number of synthetic files (default 10000, about 100 MB)
  BENCH_DIR     where to keep the generated corpus (default: a temp folder,
                reused between runs when given)

Prints cold ingestion MB/s (all workers, wall clock), the same for one process
on a sample, warm listing time, the cold/warm ratio, peak memory, and
``jieba.lcut`` MB/s on the same sample text (target: ingestion ≥ 10× jieba).
"""

from __future__ import annotations

import os
import resource
import tempfile
import time

from benchmarks.generate import corpus_dir


def _rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its (worker) children, MB."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, kids_kb / 1024


def main() -> None:
    files = int(os.environ.get("BENCH_FILES", "10000"))
    started = time.perf_counter()
    folder, tmp = corpus_dir(files)
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    total = sum(p.stat().st_size for p in paths)
    mb = total / 1e6
    print(f"corpus: {len(paths)} files, {mb:.1f} MB ({time.perf_counter() - started:.1f} s to prepare)")

    with tempfile.TemporaryDirectory(prefix="reader-bench-cache-") as cache:
        os.environ["READER_CACHE_DIR"] = cache
        from corpus.ingest.loader import load_corpus
        from corpus.ingest.parse import parse_file

        t0 = time.perf_counter()
        corpus = load_corpus(folder)
        cold = time.perf_counter() - t0
        print(f"cold ingestion: {cold:.2f} s, {mb / cold:.1f} MB/s, {len(corpus)} documents, {len(corpus.errors)} errors")

        t0 = time.perf_counter()
        warm_corpus = load_corpus(folder)
        warm = time.perf_counter() - t0
        print(f"warm listing:   {warm:.2f} s ({len(warm_corpus)} documents); cold/warm = {cold / warm:.1f}x (target ≥ 20x)")
        me, kids = _rss_mb()
        print(f"peak memory:    {me:.0f} MB main process, {kids:.0f} MB largest worker")

        # Same text, one process: ingestion without segmentation vs jieba.lcut.
        sample = paths[: max(1, min(len(paths), 300))]
        blobs = [(p.name, p.read_bytes()) for p in sample]
        sample_mb = sum(len(b) for _, b in blobs) / 1e6
        t0 = time.perf_counter()
        texts = []
        for name, data in blobs:
            try:
                docs = parse_file(name, data)
            except ValueError:
                continue
            texts.extend(d.text for d in docs)
        one = time.perf_counter() - t0
        print(f"one process:    {sample_mb / one:.1f} MB/s ingestion on {len(blobs)} files ({sample_mb:.1f} MB)")

        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        text = "\n".join(texts)
        text_mb = len(text.encode("utf-8")) / 1e6
        t0 = time.perf_counter()
        jieba.lcut(text)
        seg = time.perf_counter() - t0
        print(f"jieba.lcut:     {text_mb / seg:.2f} MB/s on the same text; ingestion is {(sample_mb / one) / (text_mb / seg):.1f}x faster (target ≥ 10x)")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
