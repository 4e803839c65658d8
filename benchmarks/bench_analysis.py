"""Corpus analysis on the synthetic 100 MB corpus: concordance, trend, collocates, entities.

Each figure is a ratio to the same work done by a plain Python loop over the
cached texts in the same run, plus the absolute time against the target of
under a second once the corpus is indexed (loaded, search index up to date,
tokens and entity tags cached, whole-corpus packs written, the texts as one
array and the token arrays built — the "build", timed apart). Our figures are
the median of :data:`RUNS` runs; the cheap plain loops too, the slow ones
(collocates, entities) run once:

* kwic of a common term (all occurrences, first page of lines; and sorted by
  the 1st word to the left) vs ``str.find`` over every text;
* trend of three terms per month vs ``str.count`` per text and month;
* collocates (±5 words) vs a loop over each document's cached tokens;
* entities vs tagging every text with rjieba in a loop (and jieba.posseg's
  speed on a sample, for scale).

Environment: ``BENCH_FILES`` (default 10000 ≈ 100 MB), ``BENCH_DIR`` (keep the
generated corpus), ``BENCH_CACHE_DIR`` (keep the cache between runs; default a
temporary one, so the build is cold). Prints; never asserts.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.generate import corpus_dir

TARGET_S = 1.0
RUNS = 3


def _timed(fn: Callable[[], Any], runs: int = 1) -> tuple[float, Any]:
    """Median time of ``runs`` calls, and the last call's result."""
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _line(label: str, ours: float, base: float, note: str = "") -> None:
    verdict = "ok" if ours < TARGET_S else "over"
    print(f"  {label:<34} {ours:7.3f} s  = {ours / base:6.3f}x the plain loop ({base:.2f} s)"
          f"  target < {TARGET_S:.0f} s: {verdict}{note}")


def main() -> None:
    files = int(os.environ.get("BENCH_FILES", "10000"))
    folder, _tmp = corpus_dir(files)
    keep = os.environ.get("BENCH_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="reader-bench-analysis-") as tmp:
        os.environ["READER_CACHE_DIR"] = keep or str(Path(tmp) / "cache")
        os.environ["READER_CONFIG"] = str(Path(tmp) / "config" / "config.toml")
        _run(folder)


def _run(folder: Path) -> None:
    from corpus import load_corpus
    from corpus.analysis.collocates import collocates
    from corpus.analysis.entities import FLAG_KIND, entities
    from corpus.analysis.kwic import Concordance
    from corpus.analysis.trends import trend
    from corpus.analysis.words import corpus_counts, is_counted, token_pack
    from corpus.text import tokens
    from corpus.text.fold import to_simplified

    # ------------------------------------------------------------------ build ("the index")
    t_load, corpus = _timed(lambda: load_corpus(folder))
    t_texts, chars = _timed(lambda: sum(len(d.text) for d in corpus.documents))
    docs = corpus.documents
    print(f"corpus: {len(docs):,} documents, {chars:,} characters; load {t_load:.1f} s, texts {t_texts:.1f} s")
    from corpus.analysis.occurrences import corpus_index
    from corpus.analysis.tokenarrays import token_arrays
    from corpus.text.textarray import text_array

    t_index, _ = _timed(lambda: corpus_index(corpus).update())
    t_tokens, _ = _timed(lambda: token_pack(corpus))
    t_counts, counts = _timed(lambda: corpus_counts(corpus))
    t_ents, table = _timed(lambda: entities(corpus))
    t_array, _ = _timed(lambda: text_array(docs))
    t_arrays, _ = _timed(lambda: token_arrays(corpus))
    print(f"build: search index {t_index:.1f} s, token pack {t_tokens:.1f} s, word-count pack {t_counts:.1f} s, "
          f"entity tags + pack {t_ents:.1f} s ({len(table.entities):,} entities), text array {t_array:.1f} s, "
          f"token arrays {t_arrays:.1f} s")

    common = [w for w, _n in counts.counts.most_common(200) if len(w) == 2 and is_counted(w)]
    term, trio = common[0], common[:3]
    print(f"common term: {term} ({counts.counts[term]:,} as a word); trend terms: {' '.join(trio)}")

    # ------------------------------------------------------------------ kwic
    def kwic_ours() -> int:
        conc = Concordance(corpus, term)
        conc.lines(0, 50)
        return conc.total

    def kwic_loop() -> int:
        lines = []
        n = len(term)
        for d in docs:
            text = d.text
            i = text.find(term)
            while i >= 0:
                lines.append((d.id, i, text[max(0, i - 30) : i], text[i + n : i + n + 30]))
                i = text.find(term, i + n)
        return len(lines)

    t_kb, n_base = _timed(kwic_loop, RUNS)
    t_k, n_ours = _timed(kwic_ours, RUNS)
    t_k1l, _ = _timed(lambda: Concordance(corpus, term, sort="1L").lines(0, 50), RUNS)
    print(f"kwic of {term}: {n_ours:,} occurrences (the plain loop, unfolded: {n_base:,})")
    _line("kwic, first page", t_k, t_kb)
    _line("kwic sorted by 1L, first page", t_k1l, t_kb)

    # ------------------------------------------------------------------ trend
    def trend_loop() -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {t: Counter() for t in trio}
        for d in docs:
            month = (d.date or "")[:7] or "undated"
            text = d.text
            for t in trio:
                out[t][month] += text.count(t)
        return out

    t_tb, _ = _timed(trend_loop, RUNS)
    t_t, _ = _timed(lambda: trend(corpus, trio, by="month"), RUNS)
    _line("trend of three terms, by month", t_t, t_tb)

    # ------------------------------------------------------------------ collocates
    def colloc_loop() -> Counter[str]:
        near: Counter[str] = Counter()
        freq: Counter[str] = Counter()
        for d in docs:
            words = [w for w, _s, _e in tokens.document_words(d) if is_counted(w)]
            freq.update(words)
            for i, w in enumerate(words):
                if w == term:
                    near.update(words[max(0, i - 5) : i])
                    near.update(words[i + 1 : i + 6])
        return near

    t_cb, _ = _timed(colloc_loop)
    t_c, ctab = _timed(lambda: collocates(corpus, term), RUNS)
    _line("collocates ±5 words", t_c, t_cb, f"  ({ctab.hits:,} occurrences, top: "
          f"{' '.join(c.word for c in ctab.items[:5])})")
    # A term as often searched for: a few thousand occurrences rather than one every 260 characters.
    mids = [w for w, _n in counts.counts.most_common(3000)[1000:] if len(w) == 2 and is_counted(w)][:3] or trio
    mid = mids[0]
    for label, fn in (("kwic", lambda: Concordance(corpus, mid).lines(0, 50)),
                      ("kwic sorted by 1L", lambda: Concordance(corpus, mid, sort="1L").lines(0, 50)),
                      ("trend of three", lambda: trend(corpus, mids, by="month")),
                      ("collocates", lambda: collocates(corpus, mid))):
        t_mid, _ = _timed(fn, RUNS)
        print(f"  {label} of {mid} ({counts.counts[mid]:,} as a word): {t_mid:.3f} s  target < {TARGET_S:.0f} s: "
              f"{'ok' if t_mid < TARGET_S else 'over'}")

    # ------------------------------------------------------------------ entities
    def entities_loop() -> Counter[tuple[str, str]]:
        seg = tokens.segmenter()
        found: Counter[tuple[str, str]] = Counter()
        for d in docs:
            for w, f in seg.tag(to_simplified(d.text), True):
                if f in FLAG_KIND:
                    found[(w, f)] += 1
        return found

    t_eb, _ = _timed(entities_loop)
    t_e, etab = _timed(lambda: entities(corpus), RUNS)
    _line("entities", t_e, t_eb, f"  (top: {' '.join(e.name for e in etab.entities[:6])})")

    sample = to_simplified("".join(d.text for d in docs[:60]))[:300_000]
    seg = tokens.segmenter()
    t_rj, _ = _timed(lambda: seg.tag(sample, True))
    jieba = tokens.quiet_jieba()
    import jieba.posseg as pseg

    posseg = pseg.POSTokenizer(tokens.reference_tokenizer())
    list(posseg.cut("预热", HMM=True))
    t_ps, _ = _timed(lambda: list(posseg.cut(sample, HMM=True)))
    del jieba
    print(f"  part-of-speech tagging, {len(sample):,} characters: rjieba {len(sample) / t_rj / 1e6:.2f} M chars/s, "
          f"jieba.posseg {len(sample) / t_ps / 1e6:.2f} M chars/s ({t_ps / t_rj:.1f}x slower)")


if __name__ == "__main__":
    main()
