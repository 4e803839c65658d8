"""The annotation controller, the notes panel and the annotations screen against a real store."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, TextArea

from annotations.store import AnnotationStore
from corpus.model import Corpus, Document, join_blocks
from corpus.paths import db_path as default_db_path
from reader.notes_session import NoteDraft, NotesSession
from reader.screens.note_dialog import NoteDialog
from reader.screens.notes_screen import JumpTarget, NotesScreen
from reader.widgets.notes_panel import NotesPanel


def make_doc(doc_id: str, title: str, paragraphs: list[str], section: str = "要闻") -> Document:
    text, blocks = join_blocks([("title", title, 1)] + [("paragraph", p, 0) for p in paragraphs])
    return Document(doc_id, f"{doc_id}.txt", section, title, text, blocks, date="2024-05-01")


DOC_A = make_doc(
    "doc-a",
    "港口货运观察",
    ["今年春季港口吞吐量明显回升，集装箱航线恢复加密。", "多家物流企业表示，跨境包裹的通关时间缩短了一半。"],
)
DOC_B = make_doc("doc-b", "乡村图书馆", ["村里的图书馆每到周末就坐满了孩子。"], section="社会")


def span_of(doc: Document, quote: str) -> tuple[int, int]:
    start = doc.text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def store() -> Any:
    s = AnnotationStore(default_db_path())
    yield s
    s.close()


@pytest.fixture
def controller(store: Any) -> NotesSession:
    return NotesSession(store)


def test_controller_create_edit_delete_undo_and_jump(controller: NotesSession, store: Any) -> None:
    s1, e1 = span_of(DOC_A, "集装箱航线")
    s2, e2 = span_of(DOC_A, "跨境包裹")
    first = controller.create(DOC_A, s1, e1, NoteDraft("航线", ("港口",), 2))
    second = controller.create(DOC_A, e2, s2, NoteDraft("包裹", ("跨境", "港口"), 5))  # reversed ends
    assert [a.quote for a in controller.for_document("doc-a")] == ["集装箱航线", "跨境包裹"]
    spans = controller.spans(DOC_A)
    assert [(sp.start, sp.end, sp.kind, sp.data) for sp in spans] == [
        (s1, e1, "annotation", (2, first.id)),
        (s2, e2, "annotation", (5, second.id)),
    ]
    assert controller.next_offset("doc-a", 0) == s1
    assert controller.next_offset("doc-a", s1) == s2
    assert controller.next_offset("doc-a", s2) is None
    assert controller.previous_offset("doc-a", s2) == s1
    controller.edit(first.id, NoteDraft("航线加密", ("港口", "航运"), 3))
    assert store.get(first.id).note == "航线加密" and store.get(first.id).color == 3
    assert controller.tags() == {"港口": 2, "航运": 1, "跨境": 1}
    controller.delete(second.id)
    assert store.get(second.id) is None
    restored = controller.undo()
    assert restored is not None and store.get(second.id) == second
    assert controller.undo() is None
    with pytest.raises(ValueError):
        controller.create(DOC_A, 3, 3, NoteDraft("", (), 1))


def test_controller_reattach_moves_an_orphan_to_a_new_passage(controller: NotesSession, store: Any) -> None:
    s, e = span_of(DOC_A, "吞吐量")
    ann = controller.create(DOC_A, s, e, NoteDraft("旧位置", ("港口",), 1))
    store.update(ann.id, status="orphan")
    assert controller.spans(DOC_A) == []  # orphans are not drawn
    controller.pending_reattach = ann.id
    s2, e2 = span_of(DOC_B, "图书馆")
    moved = controller.reattach(ann.id, DOC_B, s2, e2)
    assert moved.status == "anchored" and moved.target.doc_id == "doc-b" and moved.quote == "图书馆"
    assert moved.note == "旧位置"
    assert controller.pending_reattach is None
    assert controller.for_document("doc-a") == []


@pytest.mark.parametrize("read_only", [False, True])
def test_prepare_reanchors_notes_when_the_text_changed(store: Any, read_only: bool) -> None:
    s, e = span_of(DOC_A, "跨境包裹")
    ann = NotesSession(store).create(DOC_A, s, e, NoteDraft("", (), 3))
    edited = make_doc("doc-a", DOC_A.title, ["新增的第一段文字。", *DOC_A.text.split("\n\n")[1:]])
    assert edited.fingerprint != DOC_A.fingerprint
    ctl = NotesSession(store, read_only=read_only)
    ctl.prepare(edited)
    [span] = ctl.spans(edited)
    assert edited.text[span.start : span.end] == "跨境包裹"
    # Read-only: shown in the new place, but the file is not written.
    assert (store.get(ann.id).selector.start == s) is read_only


def test_read_only_controller_refuses_writes(store: Any) -> None:
    ctl = NotesSession(store, read_only=True, problem="damaged file")
    with pytest.raises(Exception, match="read-only"):
        ctl.create(DOC_A, 0, 2, NoteDraft("", (), 1))


class PanelApp(App[None]):
    def __init__(self, controller: NotesSession, doc: Document) -> None:
        super().__init__()
        self.notes = controller
        self.doc = doc
        self.messages: list[Any] = []

    def compose(self) -> ComposeResult:
        yield NotesPanel(id="notes")

    def on_mount(self) -> None:
        self.query_one(NotesPanel).show_document(self.doc)
        self.query_one("#notes-list").focus()

    def on_notes_panel_jump_requested(self, message: NotesPanel.JumpRequested) -> None:
        self.messages.append(("jump", message.ann_id, message.offset))

    def on_notes_panel_changed(self, message: NotesPanel.Changed) -> None:
        self.messages.append(("changed", message.doc_id))


async def test_notes_panel_lists_jumps_edits_deletes_and_undoes(controller: NotesSession, store: Any) -> None:
    s1, e1 = span_of(DOC_A, "集装箱航线")
    s2, e2 = span_of(DOC_A, "通关时间")
    a1 = controller.create(DOC_A, s1, e1, NoteDraft("第一条\n细节", ("港口",), 2))
    a2 = controller.create(DOC_A, s2, e2, NoteDraft("第二条", ("跨境",), 4))
    app = PanelApp(controller, DOC_A)
    async with app.run_test() as pilot:
        await pilot.pause()
        panel = app.query_one(NotesPanel)
        assert [a.id for a in panel.annotations] == [a1.id, a2.id]
        rendered = str(panel.query_one("#notes-list").get_option_at_index(0).prompt)
        assert "集装箱航线" in rendered and "第一条" in rendered and "#港口" in rendered
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.messages == [("jump", a2.id, s2)]
        # e: the same dialog, prefilled; change the note and save.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        area = app.screen.query_one("#note", TextArea)
        assert area.text == "第二条"
        area.text = "改过的笔记"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get(a2.id).note == "改过的笔记"
        assert store.get(a2.id).tags == ("跨境",) and store.get(a2.id).color == 4
        assert ("changed", "doc-a") in app.messages
        # d deletes the highlighted note, u brings it back.
        await pilot.press("d")
        await pilot.pause()
        assert store.get(a2.id) is None
        assert [a.id for a in panel.annotations] == [a1.id]
        await pilot.press("u")
        await pilot.pause()
        assert store.get(a2.id) is not None and store.get(a2.id).note == "改过的笔记"
        assert [a.id for a in panel.annotations] == [a1.id, a2.id]


class ScreenApp(App[None]):
    def __init__(self, controller: NotesSession, corpus: Corpus) -> None:
        super().__init__()
        self.notes = controller
        self.corpus = corpus
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(NotesScreen(self.notes, self.corpus), self.results.append)


def seed(controller: NotesSession) -> dict[str, Any]:
    out = {}
    for key, doc, quote, note, tags in [
        ("port", DOC_A, "吞吐量明显回升", "港口回暖", ("港口", "数据")),
        ("parcel", DOC_A, "跨境包裹", "通关 <b>快</b>", ("跨境",)),
        ("library", DOC_B, "图书馆", "周末的孩子", ("文化",)),
    ]:
        s, e = span_of(doc, quote)
        out[key] = controller.create(doc, s, e, NoteDraft(note, tags, 1))
    return out


async def test_annotations_screen_filters_by_tag_and_jumps(controller: NotesSession) -> None:
    anns = seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert screen.query_one("#notes-table", DataTable).row_count == 3
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        app.focused.value = "tag:跨境"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#notes-table", DataTable)
        assert table.row_count == 1
        assert [a.id for a in screen.shown] == [anns["parcel"].id]
        assert "跨境包裹" in str(table.get_row_at(0)[2])
        detail = str(screen.query_one("#detail").render())
        assert "通关 <b>快</b>" in detail and "#跨境" in detail and "港口货运观察" in detail
        await pilot.press("enter")
        await pilot.pause()
    start, _ = span_of(DOC_A, "跨境包裹")
    assert app.results == [JumpTarget("doc-a", start, anns["parcel"].id)]


async def test_annotations_screen_bad_filter_says_why(controller: NotesSession) -> None:
    seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.focused.value = "since:yesterday-ish"
        await pilot.press("enter")
        await pilot.pause()
        status = app.screen.query_one("#status")
        assert status.has_class("error") and "date" in str(status.render())
        assert app.screen.query_one("#notes-table", DataTable).row_count == 3  # the old list stays


async def test_tag_view_renames_and_merges_across_notes(controller: NotesSession, store: Any) -> None:
    anns = seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("2")  # the Tags tab
        await pilot.pause()
        tags_table = app.screen.query_one("#tags-table", DataTable)
        assert tags_table.row_count == 4
        rows = [str(tags_table.get_row_at(i)[1]) for i in range(4)]
        tags_table.move_cursor(row=rows.index("港口"))
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "航运"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.get(anns["port"].id).tags == ("航运", "数据")
        # Mark two tags with space, merge them into a third name.
        rows = [str(tags_table.get_row_at(i)[1]) for i in range(tags_table.row_count)]
        tags_table.move_cursor(row=rows.index("跨境"))
        await pilot.press("space")
        rows = [str(tags_table.get_row_at(i)[1]) for i in range(tags_table.row_count)]
        tags_table.move_cursor(row=rows.index("文化"))
        await pilot.press("space")
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one(Input).value = "专题"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert store.tags() == {"专题": 2, "数据": 1, "航运": 1}


async def test_orphans_list_marks_a_note_for_reattaching(controller: NotesSession, store: Any) -> None:
    anns = seed(controller)
    store.update(anns["library"].id, status="orphan")
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#orphans-table", DataTable).row_count == 1
        await pilot.press("enter")
        await pilot.pause()
    assert app.results[0].reattach and app.results[0].ann_id == anns["library"].id
    assert controller.pending_reattach == anns["library"].id


async def test_export_writes_what_the_filter_shows(
    controller: NotesSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anns = seed(controller)
    monkeypatch.chdir(tmp_path)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    target = tmp_path / "out" / "notes.json"
    target.parent.mkdir()
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.focused.value = "doc:doc-a"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#fmt-json").value = True
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert str(target) in status
    data = json.loads(target.read_text(encoding="utf-8"))
    ids = {item["id"] for item in data["items"]} if "items" in data else {item["id"] for item in data["first"]["items"]}
    assert len(ids) == 2
    assert all(anns["port"].id in i or anns["parcel"].id in i for i in ids)
    assert not any(anns["library"].id in i for i in ids)
    assert sorted(os.listdir(target.parent)) == ["notes.json"]


async def test_filters_are_saved_and_recalled_with_at_names(controller: NotesSession, store: Any) -> None:
    anns = seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.focused.value = "tag:文化"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one(Input).value = "culture"
        await pilot.press("enter")
        await pilot.pause()
        assert store.saved_filters() == {"culture": "tag:文化"}
        await pilot.press("slash")
        app.focused.value = "@culture"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.id for a in app.screen.shown] == [anns["library"].id]
        await pilot.press("slash")
        app.focused.value = "@nothing"
        await pilot.press("enter")
        await pilot.pause()
        assert "no saved filter @nothing" in str(app.screen.query_one("#status").render())


async def test_a_note_of_a_document_outside_the_corpus_does_not_close_the_screen(
    controller: NotesSession,
) -> None:
    seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A]))  # DOC_B is gone
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        row = next(i for i, a in enumerate(screen.shown) if a.target.doc_id == "doc-b")
        screen.query_one("#notes-table", DataTable).move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.results == []


async def test_export_runs_in_a_worker_with_progress_and_overwrites_only_when_confirmed(
    controller: NotesSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import annotations.export as export

    seed(controller)
    real = export.render
    seen: dict[str, Any] = {}

    def render(fmt: str, anns: Any, corpus: Any, progress: Any = None) -> str:
        seen["thread"] = threading.current_thread()
        anns = list(anns)
        for i in range(1, len(anns) + 1):
            progress(i, len(anns))
        return real(fmt, anns, corpus, progress=None)

    monkeypatch.setattr(export, "render", render)
    target = tmp_path / "notes.csv"
    target.write_text("old", encoding="utf-8")
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#fmt-csv").value = True
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")  # exists: warned
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")  # confirmed
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = app.screen.query_one("#export-progress")
        assert bar.progress == 3 and not bar.has_class("busy")
    assert seen["thread"] is not threading.main_thread()
    text = target.read_text(encoding="utf-8-sig")
    assert "港口回暖" in text and "周末的孩子" in text


async def test_notes_tab_edits_deletes_and_undoes(controller: NotesSession, store: Any) -> None:
    anns = seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#notes-table", DataTable)
        row = next(i for i, a in enumerate(screen.shown) if a.id == anns["parcel"].id)
        table.move_cursor(row=row)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one("#note", TextArea).text = "通关更快"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.get(anns["parcel"].id).note == "通关更快"
        assert table.cursor_row == row
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.get(anns["parcel"].id) is None and len(screen.shown) == 2
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.get(anns["parcel"].id).note == "通关更快" and len(screen.shown) == 3


async def test_filter_applies_while_typing(controller: NotesSession) -> None:
    anns = seed(controller)
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        await pilot.press(*"color:1 ")
        app.focused.insert_text_at_cursor("周末")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [a.id for a in app.screen.shown] == [anns["library"].id]
        assert isinstance(app.focused, Input)  # typing keeps the focus in the filter bar
        await pilot.press("escape")  # leaves the filter bar, not the screen
        assert isinstance(app.focused, DataTable) and app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_export_finishes_and_says_where_after_the_screen_is_closed(
    controller: NotesSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import annotations.export as export

    seed(controller)
    real, gate = export.render, threading.Event()

    def slow_render(fmt: str, anns: Any, corpus: Any, progress: Any = None) -> str:
        assert gate.wait(10)
        return real(fmt, anns, corpus)

    monkeypatch.setattr(export, "render", slow_render)
    target = tmp_path / "later.md"
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_A, DOC_B]))
    said: list[str] = []
    async with app.run_test(size=(140, 40)) as pilot:
        notify = app.notify
        app.notify = lambda message, *a, **k: (said.append(str(message)), notify(message, *a, **k))[1]
        await app.workers.wait_for_complete()
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # back to reading while the export runs
        await pilot.pause()
        assert app.results == [None]
        gate.set()
        for _ in range(100):
            if any(str(target) in m for m in said):
                break
            await pilot.pause(0.05)
    assert target.exists() and "港口回暖" in target.read_text(encoding="utf-8")
    assert any(m.startswith("Exported 3 notes") and str(target) in m for m in said), said


async def test_enter_on_an_orphan_in_the_notes_tab_arms_reattach(controller: NotesSession, store: Any) -> None:
    s, e = span_of(DOC_A, "集装箱航线")
    ann = controller.create(DOC_A, s, e, NoteDraft("lost", (), 1))
    store.update(ann.id, status="orphan")
    app = PanelApp(controller, DOC_A)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert controller.pending_reattach == ann.id
    assert app.messages == []  # no jump: the passage is gone


async def test_notes_tab_picks_up_notes_written_by_another_process(
    controller: NotesSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.widgets.notes_panel as notes_panel

    monkeypatch.setattr(notes_panel, "EXTERNAL_CHECK", 0.05)
    app = PanelApp(controller, DOC_A)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
        assert app.query_one(NotesPanel).annotations == []
        other = AnnotationStore(default_db_path())  # as `reader note add` would
        other_ctl = NotesSession(other)
        s, e = span_of(DOC_A, "通关时间")
        ann = other_ctl.create(DOC_A, s, e, NoteDraft("from the CLI", (), 2))
        other.close()
        for _ in range(50):
            await pilot.pause(0.05)
            if app.query_one(NotesPanel).annotations:
                break
        assert [a.id for a in app.query_one(NotesPanel).annotations] == [ann.id]
        assert ("changed", "doc-a") in app.messages


async def test_s_cycles_the_order_of_the_notes(controller: NotesSession, store: Any) -> None:
    anns = seed(controller)
    # Distinct creation times (three notes made within one millisecond would tie).
    store.put_many([
        anns[key].with_changes(created=f"2024-05-0{day}T08:00:00.000Z")
        for key, day in (("port", 1), ("parcel", 2), ("library", 3))
    ])
    app = ScreenApp(controller, Corpus("/tmp/c", [DOC_B, DOC_A]))  # the corpus lists DOC_B first
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        newest = [a.quote for a in screen.shown]
        assert newest == ["图书馆", "跨境包裹", "吞吐量明显回升"]
        await pilot.press("s")
        assert [a.quote for a in screen.shown] == newest[::-1]
        await pilot.press("s")
        assert [a.quote for a in screen.shown] == ["图书馆", "吞吐量明显回升", "跨境包裹"]
        table = screen.query_one("#notes-table", DataTable)
        assert "图书馆" in str(table.get_row_at(0)[2]) and "吞吐量" in str(table.get_row_at(1)[2])
