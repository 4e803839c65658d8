"""Keyword engine: tokenization throughput, keyword extraction, watch words, memory.

Figures are ratios to jieba in the same run on the same text, so they compare
across machines:

* corpus tokenization (process pool + rjieba, cold cache) vs single-process
  ``jieba.lcut`` — target ≥ 5×;
* keywords of the 74,000-character 002 document from cached tokens vs
  ``jieba.analyse.extract_tags`` on its text — target ≤ 0.5×;
* matching 2,000 watch words — target ≥ 20 MB/s;
* peak memory (max RSS of this process and of the worker processes).

Uses ../shared/corpus when present, else generated text. Prints; never asserts.
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TARGET_CHARS = 3_000_000


def _mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def _source_texts() -> tuple[list[tuple[str, str]], str]:
    """(file, text) pairs of real documents, or generated ones."""
    from corpus import load_corpus

    if SHARED.is_dir():
        corpus = load_corpus(SHARED)
        return [(d.file, d.text) for d in corpus.documents], f"{SHARED} ({len(corpus)} documents)"
    rng = random.Random(3)
    words = "经济 发展 跨境电商 数字 人民币 试点 企业 市场 消费 政策 创新 产业 服务 投资 贸易 金融 监管 风险".split()
    texts = []
    for i in range(40):
        sents = ["".join(rng.choice(words) for _ in range(rng.randint(5, 12))) + "。" for _ in range(150)]
        texts.append((f"gen{i}.txt", "".join(sents)))
    return texts, "generated text"


def _corpus_docs(texts: list[tuple[str, str]]):
    from corpus.model import Document

    docs = []
    total = 0
    copy = 0
    while total < TARGET_CHARS:
        for file, text in texts:
            # A distinct first line per copy: distinct fingerprints, so no cache hits.
            body = f"副本{copy}：{file}\n{text}"
            docs.append(Document(id=f"c{copy}-{len(docs)}", file=file, section="bench", title=file, text=body,
                                 blocks=[]))
            total += len(body)
        copy += 1
    return docs


def _peak_mb() -> tuple[float, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1e6 * 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1e6 * 1024
    return own, kids


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["READER_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["READER_CONFIG"] = str(Path(tmp) / "config" / "config.toml")
        _run()


def _dict_words(n: int, rng: random.Random) -> list[str]:
    """``n`` words of 2–6 characters from jieba's dictionary file (no jieba import)."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations
    path = Path(list(spec.submodule_search_locations)[0]) / "dict.txt"
    words = [line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return rng.sample([w for w in words if 2 <= len(w) <= 6], n)


def _run() -> None:
    from corpus.text import tokens
    from corpus.text.keywords import KeywordIndex
    from corpus.model import Document
    from corpus.text.watch import WatchList

    texts, where = _source_texts()
    print(f"source: {where}")
    docs = _corpus_docs(texts)
    all_text = "".join(d.text for d in docs)
    mb = _mb(all_text)
    print(f"corpus: {len(docs)} documents, {len(all_text):,} characters, {mb:.1f} MB UTF-8, {tokens.workers()} cores")

    # --- ours first, so the memory figure is ours (jieba's dictionary alone is ~150 MB) ------
    tokens.segmenter()  # loading the dictionary is a one-off per process, not throughput
    t0 = time.perf_counter()
    entries = sum(1 for _ in tokens.iter_entries(docs, parallel=True))
    t_pool = time.perf_counter() - t0
    sample = docs[: max(1, len(docs) // 4)]
    t0 = time.perf_counter()
    for d in sample:
        tokens.segment(d.text)
    t_single = time.perf_counter() - t0
    mb_single = sum(_mb(d.text) for d in sample)
    t0 = time.perf_counter()
    tokens.corpus_entries(docs)
    t_warm = time.perf_counter() - t0
    assert entries == len(docs)

    big_text = "\n\n".join(t for f, t in texts if f.startswith("002_")) or max((t for _f, t in texts), key=len)
    big = Document(id="big", file="002.txt", section="bench", title="002", text=big_text, blocks=[])
    index = KeywordIndex.build(docs[: len(texts)] + [big])
    index.top(big, 20)  # warm: IDF table and token cache
    runs = 5
    t0 = time.perf_counter()
    for _ in range(runs):
        index._idf_cache.clear()
        ours = index.top(big, 20)
    t_ours = (time.perf_counter() - t0) / runs
    t0 = time.perf_counter()
    tr = index.top(big, 20, method="textrank")
    t_tr = time.perf_counter() - t0

    rng = random.Random(5)
    terms = {w: rng.choice(["red", "green", "blue", "magenta"]) for w in _dict_words(2000, rng)}
    t0 = time.perf_counter()
    watch = WatchList(terms)
    t_build = time.perf_counter() - t0
    t_watch = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        t0 = time.perf_counter()
        hits = sum(len(watch.spans(d.text)) for d in docs)
        t_watch = min(t_watch, time.perf_counter() - t0)
    one = big_text
    t0 = time.perf_counter()
    for _ in range(10):
        watch.spans(one)
    t_one = (time.perf_counter() - t0) / 10
    own, kids = _peak_mb()

    # --- jieba, the reference ------------------------------------------------------------------
    jieba = tokens.quiet_jieba()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        jieba.initialize()
    t0 = time.perf_counter()
    for d in docs:
        jieba.lcut(d.text)
    t_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in sample:
        jieba.lcut(d.text, HMM=False)
    t_jieba_nohmm = (time.perf_counter() - t0) * mb / mb_single
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba.analyse
    t_import = time.perf_counter() - t0
    jieba.analyse.extract_tags(big_text[:1000], topK=20)
    t0 = time.perf_counter()
    for _ in range(runs):
        theirs = jieba.analyse.extract_tags(big_text, topK=20)
    t_theirs = (time.perf_counter() - t0) / runs

    print("tokenization:")
    print(f"  jieba.lcut, 1 process (HMM on):    {mb / t_jieba:6.2f} MB/s  ({t_jieba:.2f} s)")
    print(f"  jieba.lcut, 1 process (HMM off):   {mb / t_jieba_nohmm:6.2f} MB/s")
    print(f"  ours, 1 process:                   {mb_single / t_single:6.2f} MB/s")
    print(f"  ours, corpus (all cores, cold):    {mb / t_pool:6.2f} MB/s  ({t_pool:.2f} s incl. worker start)"
          f"  = {t_jieba / t_pool:.1f}x jieba.lcut  (target >= 5x)")
    print(f"  ours, corpus (warm cache):         {mb / t_warm:6.2f} MB/s  ({t_warm:.2f} s)")
    print(f"keywords of a {len(big_text):,}-character document:")
    print(f"  ours, TF-IDF (cached tokens):  {t_ours * 1000:7.1f} ms  = {t_ours / t_theirs:.3f}x extract_tags"
          "  (target <= 0.5x)")
    print(f"  ours, TextRank:                {t_tr * 1000:7.1f} ms")
    print(f"  jieba.analyse.extract_tags:    {t_theirs * 1000:7.1f} ms  (+ {t_import * 1000:.0f} ms to import jieba.analyse)")
    print(f"  ours:     {' '.join(k.word for k in ours[:12])}")
    print(f"  textrank: {' '.join(k.word for k in tr[:12])}")
    print(f"  jieba:    {' '.join(theirs[:12])}")
    print(f"watch words (2,000 terms): automaton built in {t_build * 1000:.0f} ms; "
          f"{mb / t_watch:.1f} MB/s over the corpus, best of 3 ({hits:,} matches)  (target >= 20 MB/s); "
          f"{t_one * 1000:.1f} ms for the {len(one):,}-character document")
    print(f"peak memory before loading jieba: {own:.0f} MB (this process), {kids:.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
