"""Acceptance: concurrent writers lose nothing; a writer killed at any moment leaves a good file."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from annotations.model import new_annotation
from annotations.store import AnnotationStore
from corpus.model import Block, Document

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

TEXT = "跨境电商综合试验区建设取得积极进展，港口吞吐能力持续提升。"
DOC = Document(id="d", file="d.txt", section="s", title="t", text=TEXT, blocks=[Block("paragraph", 0, len(TEXT))])


def _note(i: int):
    return new_annotation(DOC, 0, 4, note=f"第{i}条", tags=[f"t{i % 7}"])


def _adder(path: str, n: int, conn) -> None:
    store = AnnotationStore(Path(path))
    conn.send([store.add(_note(i)).id for i in range(n)])
    conn.close()


def _keys_without_duplicates(path: Path) -> list[str]:
    seen: list[str] = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), "duplicate keys in the file"
        return dict(pairs)

    data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=hook)
    seen.extend(data["annotations"])
    return seen


@pytest.mark.slow
def test_two_processes_adding_500_each_end_with_1000(tmp_path: Path):
    path = tmp_path / "annotations.json"
    ctx = mp.get_context("fork")
    pipes = [ctx.Pipe(duplex=False) for _ in range(2)]
    procs = [ctx.Process(target=_adder, args=(str(path), 500, w)) for _, w in pipes]
    for p in procs:
        p.start()
    returned = [r.recv() for r, _ in pipes]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    all_ids = returned[0] + returned[1]
    assert len(all_ids) == 1000 and len(set(all_ids)) == 1000
    store = AnnotationStore(path)
    assert len(store) == 1000
    assert {a.id for a in store.all()} == set(all_ids)
    assert sorted(_keys_without_duplicates(path)) == sorted(all_ids)


@pytest.mark.slow
def test_writer_killed_at_random_moments_never_loses_a_returned_note(tmp_path: Path):
    path = tmp_path / "annotations.json"
    first = AnnotationStore(path)
    t0 = time.perf_counter()
    first.add(_note(-1))  # start from an existing file
    # Kill within a few add-times, however loaded the machine is (a calibration, not an assertion).
    window = max(0.02, 4 * (time.perf_counter() - t0))
    rng = random.Random(1234)
    confirmed: set[str] = set()
    for round_ in range(200):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: add forever, reporting each id only after add() returned
            try:
                os.close(r)
                store = AnnotationStore(path)
                os.write(w, b"R")  # opened: from here on, kill at a random moment
                i = 0
                while True:
                    ann = store.add(_note(i))
                    os.write(w, (ann.id + "\n").encode())
                    i += 1
            finally:
                os._exit(0)
        os.close(w)
        assert os.read(r, 1) == b"R"
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(r, "rb") as f:
            confirmed.update(line.decode() for line in f.read().split(b"\n") if line)
        store = AnnotationStore(path)  # must open, never CorruptDatabase
        missing = confirmed - {a.id for a in store.all()}
        assert not missing, f"round {round_}: {len(missing)} returned notes lost"
        store.close()
    assert len(confirmed) > 20  # the children really did write, often
    assert len(_keys_without_duplicates(path)) == len(AnnotationStore(path))


@pytest.mark.parametrize(
    "point,landed",
    [
        ("write", False),  # killed while writing the temp file
        ("fsync", False),  # before the data is durable
        ("replace", False),  # just before the rename
        ("after-replace", True),  # renamed, directory not yet fsynced
        ("dir-fsync", True),
    ],
)
def test_writer_killed_at_each_step_of_a_write(tmp_path: Path, point: str, landed: bool):
    path = tmp_path / "annotations.json"
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            store = AnnotationStore(path)
            for i in range(3):
                os.write(w, (store.add(_note(i)).id + "\n").encode())
            die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # noqa: E731
            real_replace, real_fsync, real_writev = os.replace, os.fsync, os.writev
            fsyncs = []

            def fsync(fd):
                fsyncs.append(fd)
                if point == "fsync" or (point == "dir-fsync" and len(fsyncs) == 2):
                    die()
                return real_fsync(fd)

            def replace_(src, dst):
                if point == "replace":
                    die()
                real_replace(src, dst)
                if point == "after-replace":
                    die()

            def writev(fd, bufs):
                if point == "write":
                    real_writev(fd, bufs[: len(bufs) // 2])  # half a file on disk, then death
                    die()
                return real_writev(fd, bufs)

            os.fsync, os.replace, os.writev = fsync, replace_, writev
            last = _note(99)
            os.write(w, ("pending " + last.id + "\n").encode())
            store.add(last)
            os.write(w, b"returned\n")
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    with os.fdopen(r, "rb") as f:
        lines = f.read().decode().split("\n")
    done = lines[:3]
    pending = next(x.split()[1] for x in lines if x.startswith("pending "))
    assert "returned" not in lines  # the child really died inside add()
    store = AnnotationStore(path)  # opens: never half a file
    ids = {a.id for a in store.all()}
    assert set(done) <= ids
    assert (pending in ids) is landed
    leftovers = list(tmp_path.glob(".annotations.json.*.tmp"))
    assert bool(leftovers) is not landed  # a dead writer's temp file, never the database itself
    store.add(_note(5))  # the next writer sweeps leftovers and carries on
    assert not list(tmp_path.glob(".annotations.json.*.tmp"))
    assert len(AnnotationStore(path)) == len(ids) + 1
