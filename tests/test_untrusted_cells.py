"""Text from documents, folders, lookups and typing is drawn as it is, never as markup.

Textual's DataTable, rich's Table and Textual's notifications parse a plain
``str`` as markup: a sentence holding ``[/b]`` would crash the screen and
``[red]`` would style it. Each test fails where such text is handed over as markup.
"""

from __future__ import annotations

from pathlib import Path

from app_fixtures import settle
from textual.widgets import DataTable

from annotations.vocab import Vocabulary
from reader.app import ReaderApp
from reader.screens.main import MainScreen
from reader.screens.stats import StatsScreen
from reader.screens.vocabulary import VocabularyScreen

HOSTILE = "[red]参见[/b]附录[link=https://example.com]此处[/link]"


def _corpus(root: Path) -> Path:
    folder = root / "语料" / "[bold]要闻[/]"
    folder.mkdir(parents=True)
    (folder / "一.txt").write_text(f"标题一\n\n{HOSTILE}。第二句话在这里。\n", encoding="utf-8")
    return root / "语料"


async def test_vocabulary_and_stats_show_markup_as_text(tmp_path: Path) -> None:
    vocab = Vocabulary(tmp_path / "vocabulary.json")
    vocab.keep("附录", pinyin="fùlù", gloss="[b]appendix[/i]", sentence=HOSTILE, doc_id="d", title="[/]标题",
               file="一.txt", start=7, end=9)
    app = ReaderApp(corpus_path=_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        main = app.screen
        assert isinstance(main, MainScreen) and main.corpus is not None

        await app.push_screen(VocabularyScreen(vocab))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        row = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert row[0] == "附录" and row[2] == "[b]appendix[/i]" and row[4] == "[/]标题"
        assert row[5].startswith("[red]参见[/b]附录")
        app.pop_screen()
        await settle(pilot)

        await app.push_screen(StatsScreen(main.corpus, main.document, None, app.config))
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert "[bold]要闻[/]" in _plain(app, app.screen.sections_chart())


def _plain(app: ReaderApp, renderable: object) -> str:
    with app.console.capture() as capture:
        app.console.print(renderable)
    return capture.get()


async def test_a_search_for_markup_says_not_found_as_text(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=8)
        await pilot.press("slash", *"[/i]x", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        messages = [n for n in app._notifications if "Not found" in n.message]
        assert messages and messages[-1].message == "Not found: [/i]x" and not messages[-1].markup
        await pilot.pause(0.2)  # the toast is drawn: plain text, no MarkupError
        assert app.is_running
