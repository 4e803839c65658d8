"""Pilot tests of the app shell: library, searches, help, stats, config, state, keymap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from app_fixtures import settle, write_corpus
from rich.style import Style
from textual.widgets import Input

from reader.app import ReaderApp
from reader.screens.help import HelpScreen
from reader.screens.main import MainScreen
from reader.screens.stats import StatsScreen
from reader.widgets.corpus_search import CorpusSearchScreen
from reader.widgets.library import Library, LibraryTree


def config_file() -> Path:
    path = Path(os.environ["READER_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def leaf_titles(tree: LibraryTree) -> list[str]:
    return [str(leaf.label).removeprefix("▶ ") for node in tree.root.children for leaf in node.children]


async def test_opens_first_document_and_lists_sections_and_errors(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.document is not None and screen.document.title == "人工智能赋能制造业"
        assert screen.pane.document is screen.document
        tree = screen.query_one(LibraryTree)
        sections = [str(n.label) for n in tree.root.children]
        assert sections[0].startswith("科技") and sections[1].startswith("经济")
        assert sections[-1].startswith("errors")
        error_rows = tree.root.children[-1].children
        assert [n.data for n in error_rows] == [("error", "科技/坏.txt")]
        # Lazy: only the current document's section has leaves.
        assert [len(n.children) for n in tree.root.children[:2]] == [1, 0]
        assert "样例" in screen.title and "人工智能赋能制造业" in screen.sub_title


async def test_library_select_and_next_previous_document(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("J")
        await settle(pilot)
        assert screen.document.title == "跨境电商带动外贸增长"
        await pilot.press("J")
        await settle(pilot)
        assert screen.document.title == "数字消费场景持续创新"
        await pilot.press("K")
        await settle(pilot)
        assert screen.document.title == "跨境电商带动外贸增长"
        # The library marks the current document.
        tree = screen.query_one(LibraryTree)
        marked = [str(leaf.label) for node in tree.root.children for leaf in node.children if str(leaf.label).startswith("▶")]
        assert marked == ["▶ 跨境电商带动外贸增长"]
        # Choose a document in the library with the keyboard.
        tree.focus()
        await pilot.pause()
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.document.title == "数字消费场景持续创新"
        assert app.focused is screen.pane


async def test_filter_as_you_type(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+l")
        assert isinstance(app.focused, Input)
        await pilot.press(*"消費")  # traditional 費 folds to 消费
        await pilot.pause(0.2)
        tree = screen.query_one(LibraryTree)
        assert leaf_titles(tree) == ["数字消费场景持续创新"]
        await pilot.press("enter")
        assert app.focused is tree
        await pilot.press("enter")
        await settle(pilot)
        assert screen.document.title == "数字消费场景持续创新"
        await pilot.press("ctrl+l", "escape")
        await pilot.pause(0.2)
        assert app.focused is tree
        await pilot.press("slash")  # / in the library also filters
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert screen.query_one(Library).query_text == ""
        assert len(tree.root.children) == 3  # two sections and the error rows


async def test_corpus_search_opens_document_at_hit(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, CorpusSearchScreen)
        await pilot.press(*"海外仓", "enter")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, CorpusSearchScreen)
        assert len(search.hits) == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        doc = screen.document
        assert doc.title == "跨境电商带动外贸增长"
        assert doc.text[screen.pane.cursor : screen.pane.cursor + 3] == "海外仓"


async def test_help_lists_bindings_by_widget(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen.groups)
        assert {"Everywhere", "Main screen", "Library", "Reading pane"} <= set(groups)
        ids = {row[3] for rows in groups.values() for row in rows}
        assert {"app.quit", "main.search_corpus", "main.toggle_keywords", "pane.word_forward"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_stats_screen_draws_sections_and_dispersion(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        await pilot.press("S")
        await settle(pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        from reader.screens.stats import Dispersion

        strip = stats.query_one(Dispersion)
        text = stats.document.text
        starts = strip.occurrences["人工智能"]
        assert starts and all(text[s : s + 4] == "人工智能" for s in starts)
        rendered = str(strip.render())
        assert "人工智能" in rendered and "100%" in rendered
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_broken_config_notifies_with_line_and_uses_defaults(tmp_path: Path) -> None:
    config_file().write_text('theme = "textual-dark"\n[keywords]\ncount = = 3\n', encoding="utf-8")
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        messages = [n.message for n in app._notifications]
        assert any("line 3" in m for m in messages), messages
        assert app.config.keyword_count == 10


async def test_reopen_returns_to_last_document_and_position(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, long=True)
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        order = screen.library.order
        target = next(d for d in screen.corpus.documents if d.title.startswith("长篇报告"))
        screen.open_document(target.id)
        await settle(pilot)
        await pilot.press("space", "space", "j")
        await settle(pilot)
        position = screen.pane.position
        assert position > 0
        await pilot.press("q")
    assert order  # the library had documents
    again = ReaderApp(corpus_path=corpus)
    async with again.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        screen = again.screen
        assert screen.document.id == target.id
        assert screen.pane.position == position
        # Each document keeps its own position: another one opens at its top.
        assert screen.library.order[0] == target.id
        await pilot.press("J")
        await settle(pilot)
        assert screen.document.id != target.id
        assert screen.pane.position == 0


async def test_keymap_override_and_unknown_id(tmp_path: Path) -> None:
    config_file().write_text(
        '[keymap]\n"main.stats" = "s"\n"main.no_such_thing" = "x"\n"pane.word_forward" = "f6"\n', encoding="utf-8"
    )
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.screen.pane
        before = pane.cursor
        await pilot.press("f6")  # the reading pane's word motion, rebound
        await pilot.pause()
        assert pane.cursor > before
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        messages = " ".join(n.message for n in app._notifications)
        assert "main.no_such_thing" in messages
        await pilot.press("escape")
        await pilot.press("question_mark")
        groups = dict(app.screen.groups)
        stats_row = next(r for r in groups["Main screen"] if r[3] == "main.stats")
        assert stats_row[0] == "s"


async def test_watch_word_from_cursor_saved_to_config(tmp_path: Path) -> None:
    path = config_file()
    path.write_text("# my settings\n[keywords]\ncount = 5  # fewer\n", encoding="utf-8")
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("J")  # 跨境电商带动外贸增长
        await settle(pilot)
        screen.pane.goto(0)
        await pilot.press("W")
        await settle(pilot)
        text = path.read_text(encoding="utf-8")
        assert "# my settings" in text and "# fewer" in text
        assert "[watch]" in text and "跨境电商" in text
        assert "跨境电商" in app.config.watch
        assert screen.highlights.watch is not None
        spans = screen.highlights.watch.spans(screen.document.text)
        assert len(spans) == screen.document.text.count("跨境电商") == 4
        # W on a watched word stops watching it.
        await pilot.press("W")
        await settle(pilot)
        assert "跨境电商" not in app.config.watch
        assert "跨境电商" not in path.read_text(encoding="utf-8")
        assert screen.highlights.watch.spans(screen.document.text) == []


async def test_keyword_toggle_and_tab_focus_cycle(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        screen = app.screen
        result = screen.highlights.keyword_results.get(screen.document.id)
        assert result is not None and result.spans
        assert "人工智能" in screen.side.keywords.words
        await pilot.press("ctrl+k")
        assert screen.highlights.show_keywords is False
        await pilot.press("ctrl+k")
        assert screen.highlights.show_keywords is True
        assert app.focused is screen.pane
        await pilot.press("tab")
        assert screen.side in app.focused.ancestors_with_self
        await pilot.press("tab")
        assert app.focused is screen.library.tree_view
        await pilot.press("tab")
        assert app.focused is screen.pane


async def test_palette_runs_actions_and_opens_recent_documents(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("J")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"main: stats")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"open recent: 人工智能")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.document.title == "人工智能赋能制造业"
        await pilot.press("ctrl+p")
        await pilot.press(*"open: 数字消费")  # any document by title
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.document.title == "数字消费场景持续创新"


async def test_theme_change_keeps_position_and_is_saved(tmp_path: Path) -> None:
    ReaderApp.THEME_SAVE_DELAY = 0.01
    try:
        app = ReaderApp(corpus_path=write_corpus(tmp_path, long=True))
        async with app.run_test(size=(100, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            await pilot.press("space", "space")
            await settle(pilot)
            before = screen.pane.position
            assert before > 0
            new_theme = "nord" if app.theme != "nord" else "gruvbox"
            app.theme = new_theme
            await pilot.pause(0.05)  # the (shortened) save delay
            await settle(pilot)
            assert screen.pane.position == before
            from reader.config import load_config

            assert load_config()[0].theme == new_theme
    finally:
        ReaderApp.THEME_SAVE_DELAY = 2.0


async def test_escape_cancels_keyword_computation(tmp_path: Path, monkeypatch) -> None:
    import threading

    from reader.services import highlights

    started = threading.Event()

    def slow_build(corpus, progress=None):
        started.set()
        for i in range(10_000):  # cancelled long before the end
            progress(i, 10_000)
            threading.Event().wait(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(highlights, "build_keyword_index", slow_build)
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        while not started.is_set():
            await pilot.pause(0.05)
        screen = app.screen
        assert screen.check_action("cancel_work", ()) is True
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.highlights.keyword_index is None
        assert screen.check_action("cancel_work", ()) is False
        assert "cancelled" in str(screen.status.render())


async def test_keywords_tab_walks_through_occurrences_and_outline_jumps(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        screen = app.screen
        await pilot.press("J")  # 跨境电商带动外贸增长: the word occurs four times
        await settle(pilot, rounds=8)
        doc = screen.document
        panel = screen.side.keywords
        assert "跨境电商" in panel.words
        await pilot.press("tab", "2")
        assert app.focused is panel
        panel.highlighted = panel.words.index("跨境电商")
        places = []
        for _ in range(3):
            await pilot.press("enter")
            await pilot.pause()
            places.append(screen.pane.cursor)
        assert all(doc.text[p : p + 4] == "跨境电商" for p in places)
        assert places == sorted(places) and len(set(places)) == 3
        # Outline: the heading 政策支持 is a jump away.
        await pilot.press("1")
        outline = screen.side.outline
        assert app.focused is outline
        heading = doc.text.index("政策支持")
        outline.highlighted = outline.offsets.index(heading)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.pane.cursor == heading and app.focused is screen.pane


async def test_search_hits_walk_with_n_and_user_dictionary_applied(tmp_path: Path) -> None:
    from corpus.text.userdict import set_user_dict_path, user_dict_path

    words = tmp_path / "my-words.txt"
    words.write_text("出海步伐\n", encoding="utf-8")
    config_file().write_text(f'user_dictionary = "{words}"\n', encoding="utf-8")
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert user_dict_path() == words
            screen = app.screen
            await pilot.press("ctrl+f", *"跨境電商", "enter")  # traditional form finds the simplified text
            await settle(pilot)
            # One row per document, with its hit count.
            assert len(app.screen.hits) == 1 and app.screen.results.groups[0].count == 4
            await pilot.press("enter")
            await settle(pilot)
            doc = screen.document
            first = screen.pane.cursor
            assert doc.text[first : first + 4] == "跨境电商"
            await pilot.press("n")
            await pilot.pause()
            second = screen.pane.cursor
            assert second > first and doc.text[second : second + 4] == "跨境电商"
    finally:
        set_user_dict_path(None)  # module-level setting of the keyword engine


async def test_a_failing_worker_is_reported_not_fatal(tmp_path: Path, monkeypatch) -> None:
    from reader.services import highlights

    def broken(corpus, progress=None):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(highlights, "build_keyword_index", broken)
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.document is not None
        messages = " ".join(n.message for n in app._notifications)
        assert "index exploded" in messages


async def test_marks_are_remembered_per_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, long=True)
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("space", "w", "w", "m", "x")
        await pilot.pause()
        marked = screen.pane.marks
        assert "x" in marked and marked["x"] > 0
        doc_id = screen.document.id
        await pilot.press("q")
    again = ReaderApp(corpus_path=corpus)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = again.screen
        assert screen.document.id == doc_id
        assert screen.pane.marks == marked
        await pilot.press("g", "apostrophe", "x")
        await pilot.pause()
        assert screen.pane.cursor == marked["x"]


async def test_error_rows_explain_and_do_not_open(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        before = screen.document
        tree = screen.query_one(LibraryTree)
        tree.focus()
        errors = tree.root.children[-1]
        tree.move_cursor(errors)
        await pilot.press("enter")  # expands the section
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.document is before
        messages = [n.message for n in app._notifications]
        assert any("binary" in m for m in messages), messages


async def test_unwritable_state_is_reported_once(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("READER_STATE", str(blocker / "state.json"))
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.save_state()
        app.screen.save_state()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.document is not None
        messages = [n.message for n in app._notifications if "reading position" in n.message]
        assert len(messages) == 1


#: Loaded in workers started after the first document's frame (the segmenter and keyword
#: engine), or only when first used (the dictionary and its popup, the palette's provider, the
#: in-document search), and widgets the first frame does without (Textual's header, progress bar).
SEGMENTER = ("jieba", "rjieba", "corpus.text.tokens", "corpus.text.keywords", "reader.lookup_session",
             "reader.widgets.lookup_panel", "corpus.lexicon", "reader.commands", "corpus.text.search",
             "textual.widgets._header", "textual.widgets._progress_bar",
             # no config file, no TOML parser; the samples' folder found without importlib.resources
             "tomllib", "importlib.resources",
             # the note record: the pane's note colours come from annotations.colors, the empty
             # notes session and the package's names load the model when first used
             "annotations.model")
#: Started only once that frame is drawn (``after_first_document``): the notes store, the note
#: dialog's text area and the side panel's tabs.
AFTER_PAINT = (
    "tinydb", "annotations.store", "textual.widgets._text_area", "textual.widgets._tabbed_content",
    "reader.widgets.side_panel",
)


def _modules_at_first_document(corpus: Path, first: tuple[str, ...] = SEGMENTER) -> list[str]:
    """Run the app; the modules of SEGMENTER loaded when the first document opens, then those of
    AFTER_PAINT loaded when the main screen starts what comes after that document's frame."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.app import ReaderApp\n"
        "def loaded(names):\n"
        "    return 'loaded:' + ','.join(sorted(m for m in names if m in sys.modules))\n"
        "class Probe(ReaderApp):\n"
        "    def on_main_screen_document_opened(self, message):\n"
        f"        print(loaded({first!r}), flush=True)\n"
        "    def after_first_document(self):\n"
        f"        print(loaded({AFTER_PAINT!r}), flush=True)\n"
        "        self.exit()\n"
        f"Probe(corpus_path=Path({str(corpus)!r})).run(headless=True)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("loaded:")]
    assert len(lines) >= 2, out.stderr[-2000:]
    return lines[:2]


def test_first_document_paints_before_jieba_the_store_and_the_side_panel_load(tmp_path: Path) -> None:
    """Start-up stays fast: what the first document's frame does not draw loads after it.

    Both ways in: a first start (the corpus is indexed, then the first document shown) and
    a re-open (the last document read from its own file before indexing).
    """
    corpus = write_corpus(tmp_path)
    assert _modules_at_first_document(corpus) == ["loaded:", "loaded:"]  # first start
    assert Path(os.environ["READER_STATE"]).is_file()  # so the next start re-opens the last document
    assert _modules_at_first_document(corpus) == ["loaded:", "loaded:"]


def test_a_corpus_in_the_cache_opens_without_the_parsing_stack(tmp_path: Path) -> None:
    """First start on a corpus read before (a warm document cache, no reading state): nothing is
    parsed, so the parsing stack (HTML, rules, decoding: a tenth of a second) is never imported."""
    corpus = write_corpus(tmp_path)
    _modules_at_first_document(corpus)  # parses and caches every file
    Path(os.environ["READER_STATE"]).unlink()
    parsing = ("corpus.ingest.parse", "corpus.ingest.rules", "corpus.ingest.htmltext")
    assert _modules_at_first_document(corpus, parsing)[0] == "loaded:"


async def test_header_shows_the_pdf_page(tmp_path: Path) -> None:
    import format_fixtures as fx

    root = tmp_path / "pdf"
    root.mkdir()
    (root / "江南日报.pdf").write_bytes(fx.pdf_bytes(fx.newspaper_pdf, 2))
    app = ReaderApp(corpus_path=root)
    async with app.run_test(size=(50, 9)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.document is not None and screen.document.title.startswith("老城区青石巷")
        assert screen.sub_title.endswith(" · p. 1")
        await pilot.press("J")  # the article that runs on to page 2
        await settle(pilot)
        await pilot.press("G")  # to its end
        await settle(pilot)
        assert screen.document.title == "社区食堂温暖老人的胃"
        assert screen.sub_title.endswith(" · p. 2")


async def test_a_long_title_in_the_library_ends_in_an_ellipsis(tmp_path: Path) -> None:
    folder = tmp_path / "长标题" / "要闻"
    folder.mkdir(parents=True)
    title = "老旧小区加装电梯按下快进键居民出行更方便邻里更亲近社区更和谐"
    (folder / "a.txt").write_text(f"{title}\n\n正文第一段。\n", encoding="utf-8")
    app = ReaderApp(corpus_path=tmp_path / "长标题")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        tree = app.screen.library.tree_view
        leaf = next(n for n in tree.root.children[0].children)
        label = tree.render_label(leaf, Style(), Style())
        assert label.plain.endswith("…") and label.plain.startswith("▶ 老旧小区")
        assert label.cell_len <= tree.scrollable_content_region.width - tree.guide_depth


async def test_a_page_starting_inside_a_paragraph_breaks_the_row_there(tmp_path: Path) -> None:
    """A paragraph running on from page 1 to page 2 is one paragraph; the ┄┄ p. 2 row stands where
    page 2 starts inside it, not again before the next paragraph."""
    import format_fixtures as fx

    from reader.layout import BLANK, TEXT

    root = tmp_path / "pdf"
    root.mkdir()
    (root / "江南日报.pdf").write_bytes(fx.pdf_bytes(fx.newspaper_pdf, 2))
    app = ReaderApp(corpus_path=root)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("J")  # the article that runs on to page 2
        await settle(pilot)
        doc = screen.document
        assert doc is not None and doc.title == "社区食堂温暖老人的胃"
        index, block = next((i, b) for i, b in enumerate(doc.blocks) if b.turns)
        (turn, page), = block.turns
        assert page == 2
        layout = screen.pane.layout_lines
        assert layout is not None
        rows = [screen.pane.render_line(y).text.strip() for y in range(len(layout))]
        breaks = [y for y, line in enumerate(layout.lines) if rows[y].endswith("p. 2")]
        assert len(breaks) == 1  # one page break for page 2
        y = breaks[0]
        before, at, after = layout.lines[y - 1], layout.lines[y], layout.lines[y + 1]
        assert at.kind == BLANK and at.start == turn
        assert before.kind == TEXT and before.block == index and before.end == turn  # the row ends where page 1 does
        assert after.kind == TEXT and after.block == index and after.start == turn  # page 2 goes on in the same paragraph
        assert doc.page_at(turn - 1) == 1 and doc.page_at(turn) == 2
        # The title bar says the page of the text at the top of the view, inside a paragraph too.
        from reader.screens.main_areas import position_line

        at_turn = (doc.id, 50, index + 1, len(doc.blocks), turn)
        assert position_line(doc, at_turn).endswith(" · p. 2")
        assert position_line(doc, at_turn[:4] + (turn - 1,)).endswith(" · p. 1")


async def test_start_up_freezes_the_collector_only_until_the_first_document(tmp_path: Path) -> None:
    """What the app loaded is kept out of full collections while the first frame is drawn, and
    handed back to the collector once a document is painted (nothing stays frozen for good)."""
    import gc

    corpus = write_corpus(tmp_path)
    app = ReaderApp(corpus_path=corpus)
    assert gc.get_freeze_count() > 0
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.document is not None
        assert gc.get_freeze_count() == 0
    # Re-open (the last document from the cache, indexing once it is painted): the same, and
    # the corpus is still indexed after that paint.
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.document is not None
        assert screen.corpus is not None and len(screen.corpus) > 1
        assert gc.get_freeze_count() == 0


def record_pane_frames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every frame the reading pane draws from now on, in order."""
    from textual.geometry import Region
    from textual.strip import Strip

    from reader.widgets.reading_pane import ReadingPane

    drawn: list[str] = []
    render_lines = ReadingPane.render_lines

    def recording(self: ReadingPane, crop: Region) -> list[Strip]:
        strips = render_lines(self, crop)
        drawn.append("".join(strip.text for strip in strips).strip())
        return strips

    monkeypatch.setattr(ReadingPane, "render_lines", recording)
    return drawn


async def test_a_reopened_document_is_in_the_first_frame(tmp_path: Path, monkeypatch) -> None:
    """Re-open reads the last document before the screen's first layout: the pane lays it out
    when it is first drawn (its size is known then, its Resize event comes after that frame),
    so the first frame shows the text, not an empty pane followed by a frame with the text."""
    corpus = write_corpus(tmp_path)
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the first start: the state remembers this document
        first = app.screen.document
    assert first is not None
    drawn = record_pane_frames(monkeypatch)
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.document is not None and app.screen.document.id == first.id
    assert drawn and first.title in drawn[0]


async def test_a_first_start_on_a_cached_corpus_shows_its_first_document_in_the_first_frame(
    tmp_path: Path, monkeypatch
) -> None:
    """No reading state, the corpus read before: its first document (the first file of the walk
    with documents; a broken file before it is skipped) comes from the document cache before the
    corpus is indexed, in the first frame; indexing then keeps it on screen."""
    from corpus.ingest.loader import load_corpus

    corpus = write_corpus(tmp_path)  # 科技/坏.txt, broken, is the walk's first file
    first = load_corpus(corpus).documents[0]  # and caches every file
    assert first.title == "人工智能赋能制造业"
    drawn = record_pane_frames(monkeypatch)
    opened: list[str] = []
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        opened.append(screen.document.id if screen.document else "")  # before indexing
        await settle(pilot)
        assert screen.corpus is not None and screen.document is not None
        assert screen.document.id == first.id
    assert opened == [first.id]
    assert drawn and first.title in drawn[0]
