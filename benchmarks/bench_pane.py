"""Reading pane benchmark: layout, line drawing and keypress-to-repaint.

Prints:
- layout (wrapping every block) of the 74,000-character 002 magazine and of a
  1 MB document (the magazine repeated), at 100 cells;
- ``render_line`` time per line on a cold strip cache and a warm one;
- time to open the magazine in the pane (``load`` + first paint);
- keypress-to-repaint for ``j`` and ``w`` (``pilot.press`` + ``pilot.pause``),
  with fallback words and with jieba tokens (target: one frame, 16 ms).

The magazine is ``../shared/corpus/002_*.txt`` read as plain text (one block
per non-empty line); without it a synthetic text of the same size is used.
Environment: ``BENCH_PRESSES`` (default 40) key presses per figure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path

from corpus.model import Document, join_blocks

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
WIDTH = 100


def _magazine_text() -> str:
    files = sorted(SHARED.glob("002_*.txt")) if SHARED.is_dir() else []
    if files:
        return files[0].read_text(encoding="utf-8", errors="replace")
    sentence = "国务院发布若干措施，进一步优化外商投资环境，加大吸引外商投资力度。"
    para = sentence * 4
    return "\n\n".join(para for _ in range(74_000 // len(para)))


def _document(text: str, doc_id: str) -> Document:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body, blocks = join_blocks(("paragraph", line, 0) for line in lines)
    return Document(id=doc_id, file=f"{doc_id}.txt", section="bench", title=doc_id, text=body, blocks=blocks)


def _time(fn, repeat: int = 5) -> float:
    """Median seconds of ``fn()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_layout(doc: Document, label: str) -> None:
    from reader.layout import layout_document

    ranges = [(b.start, b.end) for b in doc.blocks]
    seconds = _time(lambda: layout_document(doc.text, ranges, WIDTH))
    lines = len(layout_document(doc.text, ranges, WIDTH))
    size = len(doc.text.encode("utf-8")) / 1e6
    print(f"layout {label}: {len(doc.text):,} chars ({size:.2f} MB), {lines:,} lines: {seconds * 1000:.1f} ms")


async def bench_app(doc: Document, presses: int) -> None:
    from textual.app import App, ComposeResult

    from reader.widgets.reading_pane import ReadingPane

    class PaneApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ReadingPane(id="pane")

    app = PaneApp()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(ReadingPane)
        started = time.perf_counter()
        pane.load(doc)
        for y in range(pane.scrollable_content_region.height):
            pane.render_line(y)  # what the first paint draws
        first = time.perf_counter() - started
        pane.focus()
        await app.workers.wait_for_complete()
        await pilot.pause()
        whole = time.perf_counter() - started
        print(f"open in pane: first screen drawn {first * 1000:.1f} ms; whole layout ready + repaint {whole * 1000:.1f} ms")

        height = pane.scrollable_content_region.height
        cold = []
        for _ in range(5):
            pane._line_cache.clear()
            t0 = time.perf_counter()
            for y in range(height):
                pane.render_line(y)
            cold.append((time.perf_counter() - t0) / height)
        warm_runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            for y in range(height):
                pane.render_line(y)
            warm_runs.append((time.perf_counter() - t0) / height)
        warm = statistics.median(warm_runs)
        print(f"render_line: {statistics.median(cold) * 1e6:.0f} µs/line cold, {warm * 1e6:.1f} µs/line cached")

        # The pane's own work per key: the action plus drawing every visible row
        # (what the compositor asks for after the refresh), without the event loop.
        for label, action in (("j", lambda: pane.action_scroll_lines(1)), ("w", lambda: pane.action_motion("word_forward"))):
            work = []
            for _ in range(presses):
                t0 = time.perf_counter()
                action()
                for y in range(height):
                    pane.render_line(y)
                work.append(time.perf_counter() - t0)
            print(f"pane work per {label} (action + draw {height} rows): median {statistics.median(work) * 1000:.2f} ms")

        async def keys(key: str) -> list[float]:
            out = []
            for _ in range(presses):
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                out.append(time.perf_counter() - t0)
            return out

        for label, key in (("j", "j"), ("w (fallback words)", "w")):
            times = await keys(key)
            print(f"keypress→repaint {label}: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
        try:
            from corpus.text.tokens import tokenize
        except ImportError:
            return
        pane.set_tokens(tokenize(doc.text))
        times = await keys("w")
        print(f"keypress→repaint w (jieba tokens): median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")


async def bench_baseline(presses: int) -> float:
    """Keypress-to-repaint of a minimal app whose key does nothing (Pilot's own cost)."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    class Idle(Static, can_focus=True):
        BINDINGS = [Binding("j", "noop", "noop")]

        def action_noop(self) -> None:
            self.refresh()

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Idle("minimal")

    app = Minimal()
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(Idle).focus()
        await pilot.pause()
        times = []
        for _ in range(presses):
            t0 = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"baseline keypress→repaint (minimal app, no-op key): median {median * 1000:.1f} ms")
    return median


def main() -> None:
    presses = int(os.environ.get("BENCH_PRESSES", "40"))
    text = _magazine_text()
    magazine = _document(text, "magazine-002")
    big_text = text
    while len(big_text.encode("utf-8")) < 1_000_000:
        big_text += "\n\n" + text
    big = _document(big_text, "one-megabyte")
    bench_layout(magazine, "002 magazine")
    bench_layout(big, "1 MB")
    asyncio.run(bench_baseline(presses))
    asyncio.run(bench_app(magazine, presses))
    print("-- 1 MB document")
    asyncio.run(bench_app(big, presses // 2))


if __name__ == "__main__":
    main()
