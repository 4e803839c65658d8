"""Parallel parsing is an optimisation: without worker processes the corpus still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

import corpus.ingest.loader as loader


def _make_corpus(root: Path, n: int) -> None:
    for i in range(n):
        (root / f"{i:03d}.txt").write_text(f"第{i}号文件\n\n这是第{i}篇示例文章的正文，用来测试并行解析。\n", encoding="utf-8")


class _NoPool:
    def __init__(self, *args, **kwargs) -> None:
        raise ValueError("bad value(s) in fds_to_keep")


@pytest.mark.parametrize("use_cache", [True, False])
def test_load_falls_back_when_worker_processes_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_cache: bool) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _make_corpus(root, loader._PARALLEL_MIN + 3)
    monkeypatch.setattr(loader, "_workers", lambda: 2)
    monkeypatch.setattr(loader, "ProcessPoolExecutor", _NoPool)
    corpus = loader.load_corpus(root, use_cache=use_cache)
    assert len(corpus.documents) == loader._PARALLEL_MIN + 3
    assert not corpus.errors
    assert all("示例文章" in d.text for d in corpus.documents)


def test_cancelling_from_progress_is_not_swallowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "c"
    root.mkdir()
    _make_corpus(root, 3)

    def cancel(done: int, total: int, rel: str) -> None:
        raise InterruptedError("cancelled")

    with pytest.raises(InterruptedError):
        loader.load_corpus(root, use_cache=False, progress=cancel)
