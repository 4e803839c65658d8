"""A 45 MB one-line document: ``reader show`` streams it, piped or on a terminal, in bounded time and memory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from bounded import READER, no_traceback, reader, run

pytestmark = pytest.mark.timeout(300)

# Runs a command and reports its peak memory (its own children only) as the last line.
PEAK = """
import os, pty, resource, subprocess, sys
tty = sys.argv[1] == "tty"
if tty:
    master, slave = pty.openpty()
    proc = subprocess.Popen(sys.argv[2:], stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    size = 0
    while True:
        try:
            chunk = os.read(master, 1 << 20)
        except OSError:
            break
        if not chunk:
            break
        size += len(chunk)
else:
    proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    size = 0
    while chunk := proc.stdout.read(1 << 20):
        size += len(chunk)
err = proc.stderr.read()
proc.wait()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(proc.returncode, size, peak, repr(err[-500:]))
"""


@pytest.fixture(scope="module")
def one_line(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """A 45 MB document whose body is a single line (15 million characters)."""
    root = tmp_path_factory.mktemp("one-line")
    piece = "".join("经济发展政策市场企业创新科技人民社会文化教育城市农村服务消费投资贸易"[(i * 7) % 33] +
                    ("，" if i % 17 == 16 else "。" if i % 41 == 40 else "") for i in range(1000))
    body = piece * (15_000_000 // len(piece))
    path = root / "one.txt"
    path.write_text("巨长的一行\n\n" + body, encoding="utf-8")
    size = path.stat().st_size
    assert size > 40_000_000
    cache = root / "cache"
    listing = reader("list", "--json", "-c", str(path), timeout=120, env={"READER_CACHE_DIR": str(cache)})
    doc_id = json.loads(listing.stdout)["documents"][0]["id"]
    return path, doc_id, size


@pytest.mark.parametrize("where", ["pipe", "tty"])
def test_show_streams_a_45_mb_line(one_line: tuple[Path, str, int], where: str, tmp_path: Path) -> None:
    path, doc_id, size = one_line
    env = {"READER_CACHE_DIR": str(path.parent / "cache")}
    command = [sys.executable, "-c", PEAK, where, *READER, "show", doc_id, "-c", str(path)]
    result = run(command, timeout=90, mem_mb=None, env=env)  # peak memory is measured, not capped
    no_traceback(result)
    code, written, peak_mb, err = result.stdout.decode().split(" ", 3)
    assert code == "0", err
    assert int(written) >= size  # all of it (plus the header line)
    assert int(peak_mb) * 1024 * 1024 < 10 * size, f"peak {peak_mb} MB for a {size // 2**20} MB file"



APP = """
import asyncio, resource, sys
from pathlib import Path
from textual.worker import WorkerCancelled
from app_fixtures import settle
from reader.app import ReaderApp

async def main():
    app = ReaderApp(corpus_path=Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        for keys in ((), ("G",), ("g",), ("j", "j", "w")):
            for key in keys:
                await pilot.press(key)
            try:
                await settle(pilot)
            except WorkerCancelled:
                pass
        shown = app.screen.query_one("ReadingPane").document
        print(shown.chars if shown is not None else 0)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)

asyncio.run(main())
"""


@pytest.mark.slow
def test_the_app_shows_a_45_mb_line_in_memory_proportional_to_it(one_line: tuple[Path, str, int],
                                                                   tmp_path: Path) -> None:
    path, _doc_id, size = one_line
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").symlink_to(path)
    small = tmp_path / "small"
    small.mkdir()
    (small / "short.txt").write_text("短文\n\n一段正文。\n", encoding="utf-8")
    env = {"READER_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(Path(__file__).parent)}
    # The app's own footprint (Textual, the segmenter, the notes store) does not grow with the text.
    base = run([sys.executable, "-c", APP, str(small)], timeout=120, env=env)
    base_mb = int(base.stdout.decode().split()[-1])
    # The heap cap is a backstop; the assertion measures.
    result = run([sys.executable, "-c", APP, str(corpus)], timeout=180, mem_mb=10 * size // 2**20 + 800, env=env)
    no_traceback(result)
    shown, peak_mb = result.stdout.decode().split()[-2:]
    assert int(shown) > 14_000_000, result.stderr[-2000:]  # the document, not an error screen
    grown = (int(peak_mb) - base_mb) * 2**20
    assert grown < 10 * size, f"peak {peak_mb} MB ({base_mb} MB without the document) for a {size >> 20} MB file"


def test_a_long_line_wrapped_in_windows_gives_the_same_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    import reader.layout as layout

    rng = random.Random(3)
    alphabet = "经济发展，。（）《》abc de  xyz 1234 「」…—"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3000)))
        width = rng.randint(1, 60)
        monkeypatch.setattr(layout, "WINDOW", 1 << 30)
        whole = layout.wrap_range(text, width)
        monkeypatch.setattr(layout, "WINDOW", rng.randint(2, 200))
        assert layout.wrap_range(text, width) == whole
