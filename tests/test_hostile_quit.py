"""`q` ends the app at once while one large file is being parsed (issue 14).

A file read alone (the app opened on one file, or the last document re-read
after it was edited) was parsed in a thread of the app's process; a thread
cannot be stopped, so after `q` the process lived on until the parse ended
(a 30 MB file: twenty seconds). Large files are now parsed in a worker process
that quitting kills. Here the parser is made to take ten minutes (it sleeps
after writing its pid), so the bound below can only be met by stopping it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile_workers import _alive, _all_gone

from corpus.ingest.discover import discover
from corpus.ingest.loader import ISOLATE_BYTES
from corpus.ingest.parse import parse_file

pytestmark = pytest.mark.timeout(120)

#: The app, headless: the parser never finishes; once it has started, `q`.
APP = '''
import asyncio, os, sys, time
from pathlib import Path
import corpus.ingest.parse as parse

def slow_parse_text(*args, **kwargs):
    with open(os.path.join(os.environ["PIDS"], str(os.getpid())), "w"):
        pass
    time.sleep(600)

parse.parse_text = slow_parse_text
from reader.app import ReaderApp

async def quit_while_parsing(pilot):
    while not os.listdir(os.environ["PIDS"]):
        await asyncio.sleep(0.05)
    await pilot.press("q")

ReaderApp(corpus_path=Path(sys.argv[1])).run(headless=True, auto_pilot=quit_while_parsing)
print("quit", flush=True)
'''


def _big_file(path: Path) -> Path:
    line = "第{}段：跨境电商带动外贸增长，各地综试区不断完善服务体系，企业出海步伐加快。\n\n"
    text = "大文件\n\n" + "".join(line.format(i) for i in range(ISOLATE_BYTES // 100 + 1))
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= ISOLATE_BYTES
    return path


def _remember_as_last(big: Path) -> None:
    """The state of an earlier session that read ``big``: the app re-reads it first."""
    rel = discover(big)[0].rel  # type: ignore[union-attr]
    doc = parse_file(rel, "旧版\n\n正文。\n".encode())[0]
    key = str(big.resolve())
    state = {"version": 1, "corpora": {key: {"last": doc.id, "recent": [doc.id],
                                             "docs": {doc.id: {"file": rel, "pos": 0}}}}}
    Path(os.environ["READER_STATE"]).parent.mkdir(parents=True, exist_ok=True)
    Path(os.environ["READER_STATE"]).write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("how", ["first open", "edited since last time"])
def test_q_ends_the_app_while_a_large_file_is_parsed(tmp_path: Path, how: str) -> None:
    big = _big_file(tmp_path / "大.txt")
    if how == "edited since last time":
        _remember_as_last(big)
    pids = tmp_path / "pids"
    pids.mkdir()
    env = {**os.environ, "PIDS": str(pids)}
    proc = subprocess.Popen([sys.executable, "-c", APP, str(big)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=60)  # before the fix: ten minutes
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        pytest.fail(f"q did not end the app while {big.name} was parsed ({how})")
    finally:
        parsers = [int(p) for p in os.listdir(pids)]
        left = _all_gone(parsers, 10)
        for pid in left:
            if _alive(pid):
                os.kill(pid, 9)
    assert parsers, "the parser never started"
    assert out.decode().strip() == "quit", err.decode()[-2000:]
    assert not left, f"parser processes {left} outlived the app"
