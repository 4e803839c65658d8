"""Parsing worker processes die with their parent, and cancelling stops them at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(120)

# A parser that never finishes: each worker writes its pid, then sleeps.
SLOW = '''
import os, time
def slow(cands, cached):
    with open(os.path.join(os.environ["PIDS"], str(os.getpid())), "w"):
        pass
    time.sleep(600)
def slow_one(cand):
    slow([cand], False)
'''

PARENT = '''
import sys
import corpus.ingest.loader as loader
import slowparse
loader._workers = lambda: 2
loader._chunk = lambda n: 1
loader._parse_chunk = slowparse.slow
loader.read_and_parse = slowparse.slow_one  # the same for a pool that maps files one by one
mode = sys.argv[1]
def progress(done, total, rel):
    if mode == "cancel" and len(__import__("os").listdir(__import__("os").environ["PIDS"])) >= 2:
        raise InterruptedError("cancelled")
try:
    loader.load_corpus(sys.argv[2], use_cache=False, progress=progress)
except InterruptedError:
    print("cancelled", flush=True)
'''


def _setup(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:02d}.txt").write_text(f"第{i}篇\n\n正文。\n", encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    (tmp_path / "slowparse.py").write_text(SLOW, encoding="utf-8")
    env = {**os.environ, "PIDS": str(pids), "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    return corpus, pids, env


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            state = next(line for line in fh if line.startswith("State:"))
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "Z" not in state.split()[1]  # a zombie has exited


def _wait_for(pids: Path, n: int, proc: subprocess.Popen[bytes]) -> list[int]:
    deadline = time.monotonic() + 60
    while len(os.listdir(pids)) < n:
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"workers did not start: {proc.communicate()}")
        time.sleep(0.05)
    return [int(p) for p in os.listdir(pids)]


def _all_gone(workers: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in workers if _alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return left


def test_workers_die_when_their_parent_is_killed(tmp_path: Path) -> None:
    corpus, pids, env = _setup(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", PARENT, "wait", str(corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers = []
    try:
        workers = _wait_for(pids, 2, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        left = _all_gone(workers, 10)
        assert not left, f"workers {left} outlived their parent"
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_cancelling_stops_the_workers_at_once(tmp_path: Path) -> None:
    corpus, pids, env = _setup(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", PARENT, "cancel", str(corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers = []
    try:
        workers = _wait_for(pids, 2, proc)
        out, err = proc.communicate(timeout=20)  # before the fix: waits for the sleeping workers
        assert out.decode().strip() == "cancelled", err.decode()
        assert not _all_gone(workers, 5)
    except subprocess.TimeoutExpired:
        pytest.fail("cancelling did not stop the load: it waited for the workers")
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
