"""The note dialog, the export dialog and their helpers, each in a tiny app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea

from annotations.model import parse_tags
from reader.note_text import excerpt, excerpt_cells, local_time
from reader.notes_session import NoteDraft
from reader.screens.export_dialog import ExportDialog, ExportRequest, default_export_path
from reader.screens.note_dialog import NoteDialog, TagSuggester
from reader.tag_suggest import suggest_tags

QUOTE = "跨境电商的新政策推动了出口增长，海关数据显示跨境包裹数量翻了一番。"


class DialogApp(App[None]):
    """Pushes one modal and records what it returned."""

    def __init__(self, dialog: Screen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def test_parse_tags_splits_on_ascii_and_fullwidth_separators() -> None:
    assert parse_tags("跨境, 政策，#金融、政策;  ") == ("跨境", "政策", "金融")
    assert parse_tags("") == ()


def test_excerpts_are_one_clean_line_measured_in_cells() -> None:
    assert excerpt("第一行\n\n第二行\x1b[31m红\x07", 40) == "第一行 第二行红"  # the sequence goes whole: no "[31m"
    assert excerpt_cells("港口吞吐量明显回升", 9) == "港口吞吐…"  # 4 CJK = 8 cells + ellipsis
    assert excerpt_cells("ab 港口", 10) == "ab 港口"


def test_local_time_converts_utc_stamps(monkeypatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert local_time("2024-03-09T20:30:00.000Z") == "2024-03-10 04:30"
        assert local_time("2024-03-09T20:30:00.000Z", with_time=False) == "2024-03-10"
        assert local_time("not a date") == "not a date"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


async def test_tag_suggester_completes_the_last_item_only() -> None:
    s = TagSuggester(["跨境电商", "跨境", "政策"])
    assert await s.get_suggestion("政策, 跨") == "政策, 跨境电商"
    assert await s.get_suggestion("政策，跨境电") == "政策，跨境电商"
    assert await s.get_suggestion("政策") is None  # already complete
    assert await s.get_suggestion("政策, ") is None
    # A tag already typed is not suggested again.
    assert await s.get_suggestion("跨境电商, 跨") == "跨境电商, 跨境"


def test_suggest_tags_prefers_known_tags_then_content_words() -> None:
    ideas = suggest_tags(QUOTE, known=["海关", "无关"])
    assert ideas[0] == "海关"
    assert any("跨境" in w for w in ideas)  # 跨境 or 跨境电商, as the segmenter's dictionary has it
    assert "无关" not in ideas
    assert "的" not in ideas and "了" not in ideas
    assert len(ideas) <= 6


async def test_note_dialog_saves_note_tags_and_colour() -> None:
    app = DialogApp(NoteDialog(QUOTE, known_tags={"跨境": 3, "贸易": 1}))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"exports up", "ctrl+j", *"line two")
        await pilot.press("tab")
        assert isinstance(app.focused, Input)
        await pilot.press("跨")
        await pilot.pause(0.1)
        await pilot.press("right")  # accept the completion 跨境
        await pilot.press(",", "space", *"trade")
        await pilot.press("alt+4")
        await pilot.press("enter")  # Enter in the tags field saves
        await pilot.pause()
    assert app.results == [NoteDraft("exports up\nline two", ("跨境", "trade"), 4)]


async def test_enter_in_the_note_saves() -> None:
    app = DialogApp(NoteDialog(QUOTE))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"short note", "alt+enter", *"more", "enter")
        await pilot.pause()
    assert app.results == [NoteDraft("short note\nmore", (), 1)]


async def test_note_dialog_offers_keyword_chips_that_add_tags() -> None:
    app = DialogApp(NoteDialog(QUOTE))
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        chips = list(app.screen.query(".chip"))
        chip = next(c for c in chips if "跨境" in (c.name or ""))
        word = chip.name
        chip.press()
        await pilot.pause()
        assert app.screen.query_one("#tags", Input).value == word
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [NoteDraft("", (word,), 1)]


async def test_note_dialog_prefill_and_digit_colour_outside_text_fields() -> None:
    dialog = NoteDialog(QUOTE, note="old", tags=("a", "b"), color=2, title="Edit note")
    app = DialogApp(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog.query_one("#color").focus()
        await pilot.press("6")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [NoteDraft("old", ("a", "b"), 6)]


async def test_escape_cancels_but_asks_again_when_the_note_was_typed() -> None:
    app = DialogApp(NoteDialog(QUOTE))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert app.results == [None]
        app.push_screen(NoteDialog(QUOTE), app.results.append)
        await pilot.pause()
        await pilot.press(*"draft")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]  # still open: the draft is not lost to one key
        assert "Esc again" in str(app.screen.query_one("#hint").render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None, None]


def test_default_export_path_names_the_day_and_format(tmp_path: Path) -> None:
    day = dt.date(2024, 3, 9)
    assert default_export_path("csv", tmp_path, day) == tmp_path / "reader-export-20240309.csv"
    assert default_export_path("inline", tmp_path, day).name == "reader-export-20240309-inline.md"


async def test_export_dialog_follows_format_and_confirms_overwrite(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = DialogApp(ExportDialog(12, "tag:跨境"))
    async with app.run_test() as pilot:
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith(".md") and Path(box.value).parent == tmp_path
        app.screen.query_one("#fmt-csv").value = True
        await pilot.pause()
        assert box.value.endswith(".csv")
        existing = tmp_path / "mine.csv"
        existing.write_text("keep", encoding="utf-8")
        box.value = str(existing)
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []  # warned, not closed
        assert "exists" in str(app.screen.query_one("#export-warning").render())
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [ExportRequest("csv", existing, overwrite=True)]
    assert existing.read_text(encoding="utf-8") == "keep"  # the dialog itself never writes


async def test_filter_bar_completes_tags_sections_and_saved_names() -> None:
    from reader.screens.notes_filters import FilterSuggester

    s = FilterSuggester({"tag:": ["跨境电商", "跨境"], "-tag:": ["旧闻"], "section:": ["要闻"], "@": ["weekly"]})
    assert await s.get_suggestion("tag:跨") == "tag:跨境电商"
    assert await s.get_suggestion("since:2024-01-01 -tag:旧") == "since:2024-01-01 -tag:旧闻"
    assert await s.get_suggestion("section:要") == "section:要闻"
    assert await s.get_suggestion("@w") == "@weekly"
    assert await s.get_suggestion("tag:跨境电商") is None
    assert await s.get_suggestion("港口 tag") is None
