"""SVG snapshots of the main screen, help and stats at 120×40 and 80×24.

Six pictures only, on the tests' own small corpus (``app_fixtures``): they
change whenever the UI changes, so re-generate them deliberately with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_fixtures import settle, write_corpus

from reader.app import ReaderApp

SIZES = [(120, 40), (80, 24)]


def make_app(tmp_path: Path) -> ReaderApp:
    return ReaderApp(corpus_path=write_corpus(tmp_path))


async def ready(pilot) -> None:
    await settle(pilot, rounds=8)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("S")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)
