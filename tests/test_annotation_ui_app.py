"""The annotation loop in the whole app: a, the note dialog, the pane, > / <, A, a damaged database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from corpus.paths import db_path as default_db_path
from reader.app import OPENING, ReaderApp
from reader.screens.db_error import DatabaseErrorDialog
from reader.screens.main import MainScreen
from reader.screens.note_dialog import NoteDialog
from reader.screens.notes_screen import NotesScreen
from reader.widgets.notes_panel import NotesPanel

# Our own sentences (never the shared corpus's text).
PORT = (
    "港口货运观察\n\n今年春季港口吞吐量明显回升。集装箱航线恢复加密，船公司增加了班次。\n\n"
    "多家物流企业表示，跨境包裹的通关时间缩短了一半。海关人员说，新系统上线后排队少了很多。\n"
)
LIBRARY = "乡村图书馆\n\n村里的图书馆每到周末就坐满了孩子。志愿者带来了新书和绘本。\n"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a_port.txt").write_text(PORT, encoding="utf-8")
    (root / "b_library.txt").write_text(LIBRARY, encoding="utf-8")
    return root


async def wait_for(pilot: Any, condition: Any, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not reached")


def main_screen(app: ReaderApp) -> MainScreen:
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


async def open_app(pilot: Any, app: ReaderApp) -> MainScreen:
    await wait_for(pilot, lambda: any(isinstance(s, MainScreen) for s in app.screen_stack))
    main = main_screen(app)
    await wait_for(pilot, lambda: main.document is not None)
    # The store opens in a worker after the first frame.
    await wait_for(pilot, lambda: app.notes.available or app.notes.problem != OPENING)
    return main


def spy_layers(pane: Any) -> list[tuple[str, list[Any]]]:
    """Record what the screen hands the pane (the public ``set_layer``)."""
    calls: list[tuple[str, list[Any]]] = []
    original = pane.set_layer

    def set_layer(kind: str, spans: list[Any]) -> None:
        calls.append((kind, list(spans)))
        original(kind, spans)

    pane.set_layer = set_layer
    return calls


async def annotate_sentence(pilot: Any, app: ReaderApp, main: MainScreen, at: str, note: str, tags: str) -> None:
    main.pane.goto(main.document.text.index(at))
    main.pane.focus()
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog))
    await pilot.press(*note)
    await pilot.press("tab")
    app.screen.query_one("#tags", Input).value = tags
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_annotates_the_sentence_and_the_pane_and_panel_show_it(corpus_dir: Path) -> None:
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        main = await open_app(pilot, app)
        assert main.document.title == "港口货运观察"
        layers = spy_layers(main.pane)
        await annotate_sentence(pilot, app, main, "集装箱", "shipping", "港口, 航运")
        store = app.notes.store
        [ann] = store.all()
        assert ann.quote == "集装箱航线恢复加密，船公司增加了班次。"
        assert ann.note == "shipping" and ann.tags == ("港口", "航运")
        start = main.document.text.index(ann.quote)
        assert (ann.selector.start, ann.selector.end) == (start, start + len(ann.quote))
        kind, spans = [c for c in layers if c[0] == "annotation"][-1]
        assert [(s.start, s.end, s.data) for s in spans] == [(start, start + len(ann.quote), (1, ann.id))]
        panel = main.query_one(NotesPanel)
        assert [a.id for a in panel.annotations] == [ann.id]
        # A second note, earlier in the text, becomes the highlighted row of the notes tab.
        await annotate_sentence(pilot, app, main, "今年春季", "spring", "")
        assert [a.quote for a in panel.annotations][0] == "今年春季港口吞吐量明显回升。"
        assert panel.selected().note == "spring"


async def test_next_and_previous_annotation_keys_jump(corpus_dir: Path) -> None:
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        main = await open_app(pilot, app)
        await annotate_sentence(pilot, app, main, "海关人员", "second", "海关")
        await annotate_sentence(pilot, app, main, "集装箱", "first", "港口")
        text = main.document.text
        first, second = text.index("集装箱"), text.index("海关人员")
        main.pane.goto(0)
        main.pane.focus()
        await pilot.press("greater_than_sign")
        assert main.pane.cursor == first
        await pilot.press("greater_than_sign")
        assert main.pane.cursor == second
        await pilot.press("greater_than_sign")  # no further note: stays
        assert main.pane.cursor == second
        await pilot.press("less_than_sign")
        assert main.pane.cursor == first


async def test_delete_and_undo_from_the_notes_tab_redraw_the_pane(corpus_dir: Path) -> None:
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        main = await open_app(pilot, app)
        await annotate_sentence(pilot, app, main, "集装箱", "note", "港口")
        layers = spy_layers(main.pane)
        main.query_one(NotesPanel).query_one("#notes-list").focus()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.notes.store.all() == []
        assert [c for c in layers if c[0] == "annotation"][-1] == ("annotation", [])
        await pilot.press("u")
        await pilot.pause()
        assert len(app.notes.store.all()) == 1
        assert len([c for c in layers if c[0] == "annotation"][-1][1]) == 1


async def test_annotations_screen_filter_and_enter_opens_the_document(corpus_dir: Path) -> None:
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        main = await open_app(pilot, app)
        await annotate_sentence(pilot, app, main, "集装箱", "ships", "港口")
        await annotate_sentence(pilot, app, main, "跨境包裹", "parcels", "跨境")
        port_id = main.document.id
        main.action_next_document()
        await wait_for(pilot, lambda: main.document.id != port_id)
        main.pane.focus()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.shown) == 2
        await pilot.press("slash")
        app.focused.value = "tag:跨境"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.tags for a in screen.shown] == [("跨境",)]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen) and main.document.id == port_id)
        assert main.pane.cursor == main.document.text.index("多家物流")  # the sentence's start


def damage(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b'{"_meta": {"1": {"schema": 1}}, "annotations": {"abc": {"note": "half a no'
    path.write_bytes(data)
    return data


async def test_damaged_database_shows_the_modal_and_is_never_overwritten(corpus_dir: Path) -> None:
    db = default_db_path()
    original = damage(db)
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DatabaseErrorDialog))
        await pilot.pause()  # pushed from the store's worker: composed on the next turn
        dialog = app.screen
        shown = " ".join(str(w.render()) for w in dialog.query("Static"))
        assert str(db) in shown and "Backup" in shown
        assert db.read_bytes() == original
        backups = [p for p in db.parent.iterdir() if p != db and p.read_bytes() == original]
        assert backups, "a backup copy of the damaged file is kept"
        await pilot.press("r")  # open read-only
        main = await open_app(pilot, app)
        assert app.notes.read_only
        main.pane.goto(main.document.text.index("集装箱"))
        main.pane.focus()
        said: list[str] = []
        notify = app.notify
        app.notify = lambda message, *a, **k: (said.append(str(message)), notify(message, *a, **k))[1]
        await pilot.press("a")  # refused before the dialog: nothing typed can be lost
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("read-only" in m for m in said)
    assert db.read_bytes() == original


async def test_damaged_database_start_empty_keeps_the_old_file_as_backup(corpus_dir: Path) -> None:
    db = default_db_path()
    original = damage(db)
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DatabaseErrorDialog))
        await pilot.press("e")
        main = await open_app(pilot, app)
        assert not app.notes.read_only
        await annotate_sentence(pilot, app, main, "集装箱", "fresh", "新")
        assert [a.note for a in app.notes.store.all()] == ["fresh"]
    assert db.read_bytes() != original
    assert any(p.read_bytes() == original for p in db.parent.iterdir() if p != db and p.is_file())
    assert os.path.getsize(db) > 0


async def test_an_orphan_is_reattached_to_a_new_selection(corpus_dir: Path) -> None:
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        main = await open_app(pilot, app)
        await annotate_sentence(pilot, app, main, "集装箱", "keep me", "港口")
        store = app.notes.store
        [ann] = store.all()
        store.update(ann.id, status="orphan")
        main.refresh_annotations()
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("3", "enter")  # Orphans tab, re-attach the highlighted one
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.notes.pending_reattach == ann.id
        main.pane.goto(main.document.text.index("海关人员"))
        main.pane.focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteDialog))
        assert "Re-attach" in app.screen.title_text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        moved = store.get(ann.id)
        assert moved.status == "anchored" and moved.note == "keep me" and moved.tags == ("港口",)
        assert moved.quote == "海关人员说，新系统上线后排队少了很多。"
        assert len(store.all()) == 1
        assert app.notes.pending_reattach is None


async def test_damaged_database_quit_leaves_the_file_alone(corpus_dir: Path) -> None:
    db = default_db_path()
    original = damage(db)
    app = ReaderApp(corpus_path=corpus_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DatabaseErrorDialog))
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
        assert app.notes.store is None
    assert db.read_bytes() == original
