"""No escape sequence or control character from data reaches the terminal through the app (issue 14).

Notes, tags, file and folder names and vocabulary entries are untrusted: a
note added with ``reader note add`` can hold an OSC 52 sequence (set the
clipboard), a file name ``ESC [2J`` (clear the screen). rich's ``Text`` strips
only a few control characters (not ESC) and Textual none, so each view is drawn
here and its screenshot (the same strips the terminal gets) searched for them,
and for the debris a half-removed sequence leaves (``52;c;…``).
"""

from __future__ import annotations

import re
from pathlib import Path

from app_fixtures import settle
from textual.widgets import DataTable, TabbedContent

from annotations.store import AnnotationStore
from annotations.vocab import Vocabulary
from corpus.paths import db_path
from reader.app import ReaderApp
from reader.notes_session import NoteDraft, NotesSession
from reader.screens.main import MainScreen
from reader.screens.note_dialog import NoteDialog
from reader.screens.notes_screen import NotesScreen
from reader.screens.vocabulary import VocabularyScreen

EVIL = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m\u202e"
CONTROLS = ("\x1b", "\x9b", "\u202e", "\x07")
DEBRIS = ("52;c;", "cm0gLXJmIH4", "[2J")


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / f"语料{EVIL}库"
    (root / "要闻").mkdir(parents=True)
    (root / "要闻" / f"甲{EVIL}.txt").write_text("港口观察\n\n今年春季港口吞吐量明显回升，集装箱航线恢复加密。\n",
                                                encoding="utf-8")
    (root / "要闻" / f"坏{EVIL}.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00\x00\x00garbage")
    return root


def _note(app: ReaderApp) -> None:
    main = app.screen
    assert isinstance(main, MainScreen) and main.corpus is not None
    doc = main.corpus.documents[0]
    start = doc.text.index("集装箱航线")
    store = AnnotationStore(db_path())
    try:
        NotesSession(store).create(doc, start, start + 5, NoteDraft(f"笔记{EVIL}正文", (f"标签{EVIL}乙",), 2))
    finally:
        store.close()


def _assert_clean(app: ReaderApp, where: str, *shown: str) -> None:
    svg = app.export_screenshot()
    for ch in CONTROLS:
        assert ch not in svg, f"{where}: {ch!r} reaches the terminal"
    # A file name is shown escaped (``坏\x1b]52;c;…``: visible backslashes, inert); the rest must
    # have lost its sequences whole.
    unescaped = re.sub(r"\\x1b[\]\[][^<\\]*", "", svg)
    for bit in DEBRIS:
        assert bit not in unescaped, f"{where}: the debris {bit!r} of a sequence is shown"
    for text in shown:  # the hostile item is on screen: the check above looked at it
        assert text in svg, f"{where}: {text!r} is not shown"


async def test_notes_tags_names_and_titles_reach_the_screen_without_escapes(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=_corpus(tmp_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot, rounds=8)
        _note(app)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.side.notes.reload()
        main.side.query_one(TabbedContent).active = "notes"
        main.library.tree_view.root.expand_all()
        await settle(pilot)
        # The title bar (the folder's name), the library's error row (a file's name), the notes list.
        _assert_clean(app, "main screen", "语料", "库", "坏", "笔记", "标签")

        app.notify(f"cannot open 甲{EVIL}.txt", title=f"甲{EVIL}.txt")
        await pilot.pause()
        toast = list(app._notifications)[-1]  # what the toast draws (the screenshot has no toast layer)
        for text in (toast.message, toast.title):
            assert text.startswith(("cannot open 甲", "甲")) and text.endswith(".txt")
            assert not any(ch in text for ch in CONTROLS) and not any(bit in text for bit in DEBRIS)
        app.clear_notifications()

        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        _assert_clean(app, "notes screen: table and detail", "笔记", "正文", "标签")

        await pilot.press("2")
        await settle(pilot)
        _assert_clean(app, "notes screen: tags", "标签")

        await pilot.press("1")
        await settle(pilot)
        app.screen.query_one("#notes-table", DataTable).focus()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        _assert_clean(app, "note dialog: the note, its tags and tag suggestions", "笔记", "标签")
        await pilot.press("escape")
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)

        vocab = Vocabulary(tmp_path / "vocabulary.json")
        vocab.keep(f"港口{EVIL}", pinyin="gǎngkǒu", gloss=f"port{EVIL}harbour", sentence=f"今年春季{EVIL}港口",
                   doc_id="d", title=f"标题{EVIL}观察", file=f"甲{EVIL}.txt", start=0, end=2)
        await app.push_screen(VocabularyScreen(vocab))
        await settle(pilot)
        _assert_clean(app, "vocabulary screen", "港口", "harbour", "观察")


async def test_a_widget_that_forgets_to_sanitize_still_sends_no_control_character(tmp_path: Path) -> None:
    """The app's line filter is the last line of defence: raw text in any widget loses its controls
    and keeps its width (the sequences' printable rest stays, inert)."""
    from rich.text import Text
    from textual.screen import Screen
    from textual.widgets import Static

    class Raw(Screen[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static(Text(f"甲{EVIL}乙|"), id="raw")

    app = ReaderApp(corpus_path=_corpus(tmp_path))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot, rounds=6)
        await app.push_screen(Raw())
        await pilot.pause()
        svg = app.export_screenshot()
        assert not any(ch in svg for ch in CONTROLS)
        assert "乙|" in svg
