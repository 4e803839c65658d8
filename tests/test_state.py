"""Reading state: last document, per-document positions and marks, recents; safe writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from corpus.paths import state_path
from reader.state import MAX_RECENT, State

ROOT = "/corpora/news"


def test_path_follows_env() -> None:
    assert state_path() == Path(os.environ["READER_STATE"])


def test_round_trip() -> None:
    state = State.load()
    assert state.last_document(ROOT) is None and state.position(ROOT, "a") == 0
    state.opened(ROOT, "a")
    state.set_position(ROOT, "a", 120)
    state.opened(ROOT, "b")
    state.set_position(ROOT, "b", 7)
    state.set_marks(ROOT, "a", {"x": 30})
    state.save()
    again = State.load()
    assert again.last_document(ROOT) == "b"
    assert again.position(ROOT, "a") == 120 and again.position(ROOT, "b") == 7
    assert again.marks(ROOT, "a") == {"x": 30}
    assert again.recent(ROOT) == ["b", "a"]
    assert again.last_document("/other") is None


def test_recent_is_most_recent_first_without_duplicates_and_bounded() -> None:
    state = State.load()
    for i in range(MAX_RECENT + 5):
        state.opened(ROOT, f"d{i}")
    state.opened(ROOT, "d3")
    recent = state.recent(ROOT)
    assert recent[0] == "d3" and len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT


def test_save_only_when_changed() -> None:
    state = State.load()
    state.save()
    assert not state.path.exists()
    state.set_position(ROOT, "a", 5)
    state.save()
    assert state.path.exists()
    state.path.unlink()
    state.set_position(ROOT, "a", 5)  # same value: nothing to write
    state.save()
    assert not state.path.exists()


def test_damaged_file_is_set_aside() -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    state = State.load()
    assert state.warning and "damaged" in state.warning
    assert path.with_name(path.name + ".bad").read_text(encoding="utf-8") == "{not json"
    assert state.last_document(ROOT) is None


def test_other_windows_corpora_are_kept() -> None:
    first, second = State.load(), State.load()
    first.opened("/one", "a")
    first.save()
    second.opened("/two", "b")
    second.save()
    data = json.loads(state_path().read_text(encoding="utf-8"))
    assert set(data["corpora"]) == {"/one", "/two"}
    assert not list(state_path().parent.glob("*.tmp"))


def test_bad_position_values_read_as_zero() -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "corpora": {ROOT: {"docs": {"a": {"pos": -4}, "b": {"pos": "x"}}}}}))
    state = State.load()
    assert state.position(ROOT, "a") == 0 and state.position(ROOT, "b") == 0
