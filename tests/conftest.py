"""Shared fixtures: every test gets its own cache, config and database paths."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real cache, config or notes."""
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("READER_DB", str(tmp_path / "data" / "annotations.json"))
    monkeypatch.setenv("READER_STATE", str(tmp_path / "state" / "state.json"))
    return tmp_path


def shared_file(prefix: str) -> Path:
    """One of the real documents in ../shared/corpus (skip the test when absent)."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    matches = sorted(SHARED_CORPUS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"../shared/corpus has no {prefix}_ file")
    return matches[0]


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return SHARED_CORPUS
