"""Annotations screen benchmark: 10,000 notes in an on-disk store, driven headless.

Prints figures (never asserts): time from opening the screen to the first rows
and to the whole list, the longest main-thread stall while the list fills (the
UI must stay responsive), a ``tag:`` filter, and an export of everything to
Markdown through the screen's worker.

    python -m benchmarks.bench_annotations_screen [N]
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App
from textual.widgets import DataTable, Input

from annotations.store import AnnotationStore
from corpus.model import Corpus
from reader.notes_session import NotesSession
from reader.screens.notes_screen import NotesScreen

from .bench_store import _docs, _notes


class _BenchApp(App[None]):
    def __init__(self, screen: NotesScreen) -> None:
        super().__init__()
        self.bench_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.bench_screen)


async def _stall_probe(stop: asyncio.Event, worst: list[float]) -> None:
    """Longest gap between event-loop turns (what a keypress would wait)."""
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        worst[0] = max(worst[0], now - last - 0.005)
        last = now


async def _run(n: int, folder: Path) -> None:
    store = AnnotationStore(folder / "annotations.json")
    store.put_many(_notes(n, random.Random(7)))
    corpus = Corpus(str(folder), _docs())
    screen = NotesScreen(NotesSession(store), corpus)
    app = _BenchApp(screen)
    started = time.perf_counter()
    async with app.run_test(size=(160, 50)) as pilot:
        stop, worst = asyncio.Event(), [0.0]
        probe = asyncio.create_task(_stall_probe(stop, worst))
        table = screen.query_one("#notes-table", DataTable)
        first = full = None
        while full is None:
            await asyncio.sleep(0.002)
            if first is None and table.row_count:
                first = time.perf_counter() - started
            if table.row_count == n:
                full = time.perf_counter() - started
        stop.set()
        await probe
        print(f"open, first rows:      {first * 1000:8.0f} ms")
        print(f"open, all {n} rows: {full * 1000:8.0f} ms")
        print(f"longest UI stall:      {worst[0] * 1000:8.0f} ms")

        t = time.perf_counter()
        screen.query_one("#filter", Input).value = "tag:跨境"
        await screen.query_one("#filter", Input).action_submit()
        while not (screen.shown and all("跨境" in a.tags for a in screen.shown)):
            await asyncio.sleep(0.002)
        print(f"filter tag:跨境:        {(time.perf_counter() - t) * 1000:8.0f} ms ({len(screen.shown)} notes)")

        screen.set_filter("")
        while table.row_count != n:  # the whole list again, so the export runs alone
            await asyncio.sleep(0.01)
        from reader.screens.export_dialog import ExportRequest

        target = folder / "export.md"
        said: list[str] = []
        notify = app.notify
        app.notify = lambda message, *a, **k: (said.append(str(message)), notify(message, *a, **k))[1]  # type: ignore[method-assign]
        t = time.perf_counter()
        screen.export_chosen(ExportRequest("md", target))
        while not any(str(target) in m for m in said):
            await pilot.pause(0.01)
        print(f"export {n} to md:   {(time.perf_counter() - t) * 1000:8.0f} ms ({target.stat().st_size // 1024} KiB)")
    store.close()


def main(n: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(_run(n, Path(tmp)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
