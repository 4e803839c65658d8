"""App start-up benchmark: process start → first document painted, as a ratio.

Every figure is a ratio to a minimal Textual app (one ``Static``) started the
same way in the same run, right before each reader run (median of the pairs): a fresh ``python`` process running the app headless,
which prints the wall-clock time right after its first paint (the first
document in the reading pane, for reader) and exits. Medians of a few runs.
For reader that is ``after_first_document``: the main screen calls it after the
refresh that follows the frame in which the pane drew the document (the
minimal app's ``call_after_refresh`` in ``on_mount`` is the same point for its
first frame). It used to be the refresh after the ``DocumentOpened`` message,
which came after the pane's first frame; now that a re-opened document is in
that first frame, the message arrives after it and that point fell behind the
work started after the paint (the side panel, the notes store, the process helper).

Scenarios:
- samples, first start (no reading state) and re-open (state: last document);
- the 10,000-file synthetic corpus (``benchmarks.generate``) with a warm
  document cache, first start and re-open — re-open shows the last document
  from its own file before the corpus is indexed;
- the 74,000-character 002 magazine (``../shared/corpus/002_*``) opened as PATH.

Environment: ``BENCH_FILES`` (default 10000), ``BENCH_DIR`` (keep the
generated corpus there and reuse it; default: a temp folder),
``BENCH_APP_RUNS`` (default 5). Target: ratio ≤ 1.5.

Both apps start from bytecode: Textual's ``.pyc`` files come with its wheel, and
an installed reader has its own (pip compiles them, or Python writes them on the
first start). Under ``PYTHONDONTWRITEBYTECODE`` (set in some shells and CI) the
project's modules would be compiled from source at every start (about 60 ms for
the first frame's modules), a cost no installed reader pays, so the bench
compiles them first (:func:`_compile_project`, into the ignored ``__pycache__``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

MINIMAL = """
import sys, time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("你好，世界")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        print(time.time(), flush=True)
        self.exit()

Minimal().run(headless=True)
"""

READER = """
import sys, time
from pathlib import Path
from reader.app import ReaderApp

class Bench(ReaderApp):
    def after_first_document(self):  # the frame that drew the first document is written
        print(time.time(), flush=True)
        self.exit()

Bench(corpus_path=Path(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else None).run(headless=True)
"""


def _compile_project() -> None:
    """Write the project's bytecode as an install would (a no-op when it is up to date)."""
    import compileall

    for package in ("corpus", "annotations", "reader"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _start_to_paint(code: str, args: list[str], env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"app did not paint: {out.stderr.strip()[-400:]}")
    return float(out.stdout.strip().splitlines()[-1]) - started


def _median(code: str, args: list[str], env: dict[str, str], runs: int, *, keep_state: bool) -> float:
    times = []
    for _ in range(runs):
        if not keep_state:
            Path(env["READER_STATE"]).unlink(missing_ok=True)
        times.append(_start_to_paint(code, args, env))
    return statistics.median(times)


def _paired(args: list[str], env: dict[str, str], runs: int, *, keep_state: bool) -> tuple[float, float]:
    """Median reader time and median ratio to the minimal app, each reader run next to a minimal one.

    The machine is shared and noisy: a minimal run right before each reader run sees the
    same load, so the ratio of each pair is steadier than a ratio of two separate medians.
    """
    times, ratios = [], []
    for _ in range(runs):
        minimal = _start_to_paint(MINIMAL, [], env)
        if not keep_state:
            Path(env["READER_STATE"]).unlink(missing_ok=True)
        reader = _start_to_paint(READER, args, env)
        times.append(reader)
        ratios.append(reader / minimal)
    return statistics.median(times), statistics.median(ratios)


def main() -> None:
    runs = int(os.environ.get("BENCH_APP_RUNS", "5"))
    _compile_project()
    files = int(os.environ.get("BENCH_FILES", "10000"))
    with tempfile.TemporaryDirectory(prefix="reader-bench-app-") as tmp:
        env = dict(os.environ)
        env.update(
            # A terminal of one size from the start, as a real one reports it: headless, rich's
            # console default (80×25) and the driver's (80×24) differ, and every app, minimal or
            # not, laid its first frame out twice.
            COLUMNS="80",
            LINES="24",
            READER_CACHE_DIR=str(Path(tmp) / "cache"),
            READER_CONFIG=str(Path(tmp) / "config.toml"),
            READER_STATE=str(Path(tmp) / "state.json"),
            READER_DB=str(Path(tmp) / "notes.json"),
        )
        # The parent warms the caches through the library itself (same env as the children).
        os.environ.update({k: env[k] for k in ("READER_CACHE_DIR", "READER_CONFIG", "READER_STATE", "READER_DB")})
        from benchmarks.generate import corpus_dir
        from corpus.ingest.loader import load_corpus

        minimal = _median(MINIMAL, [], env, runs, keep_state=True)
        print(f"minimal Textual app: {minimal * 1000:.0f} ms to first paint (median of {runs})")

        def row(label: str, measured: tuple[float, float]) -> None:
            seconds, ratio = measured
            print(f"  {label:<44} {seconds * 1000:7.0f} ms   {ratio:5.2f}× minimal (target ≤ 1.5)")

        load_corpus(None)
        row("samples, first start", _paired([""], env, runs, keep_state=False))
        row("samples, re-open (last document)", _paired([""], env, runs, keep_state=True))

        magazine = sorted(SHARED.glob("002_*.txt")) if SHARED.is_dir() else []
        if magazine:
            load_corpus(magazine[0])
            Path(env["READER_STATE"]).unlink(missing_ok=True)
            row("open 002 (74,000 chars) as PATH", _paired([str(magazine[0])], env, runs, keep_state=False))
        else:
            print("  (../shared/corpus/002_* not present: magazine figure skipped)")

        started = time.perf_counter()
        folder, holder = corpus_dir(files)
        print(f"synthetic corpus: {files} files ready in {time.perf_counter() - started:.1f} s")
        try:
            started = time.perf_counter()
            corpus = load_corpus(folder)
            print(f"  warm-up index: {len(corpus)} documents in {time.perf_counter() - started:.1f} s")
            warm = time.perf_counter()
            load_corpus(folder)
            print(f"  load with a warm cache (in process): {time.perf_counter() - warm:.2f} s")
            Path(env["READER_STATE"]).unlink(missing_ok=True)
            few = max(1, runs // 2)
            row(f"{files} files, first start (warm cache)", _paired([str(folder)], env, few, keep_state=False))
            row(f"{files} files, re-open (last document)", _paired([str(folder)], env, few, keep_state=True))
        finally:
            if holder is not None:
                holder.cleanup()


if __name__ == "__main__":
    main()
