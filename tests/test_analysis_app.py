"""Pilot tests of the analysis screen (X): every tab, opening and annotating a hit,
the library filtered by an entity, export, Esc, the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_fixtures import settle, write_corpus
from textual.widgets import DataTable, Input, TabbedContent

from reader.app import ReaderApp
from reader.screens.analysis import AnalysisScreen
from reader.screens.main import MainScreen
from reader.widgets.analysis_charts import DispersionStrip, TrendChart
from reader.widgets.library import LibraryTree


async def open_analysis(pilot, term: str = "跨境电商") -> AnalysisScreen:
    await settle(pilot)
    await pilot.press("X")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AnalysisScreen)
    if term:
        screen.query_one("#analysis-term", Input).value = term
        await pilot.press("enter")
        await settle(pilot)
    return screen


def rows(screen: AnalysisScreen, view: str) -> int:
    return screen.query_one(f"#table-{view}", DataTable).row_count


async def test_concordance_and_open_at_the_hit(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot)
        assert rows(screen, "kwic") == 4  # 跨境电商 occurs four times in the test corpus
        conc = screen.results["kwic"][0]
        assert conc.total == 4
        strip = screen.query_one(DispersionStrip)
        assert strip.rows and strip.rows[0][2] == 4
        await pilot.press("down", "enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        hit = conc.hits[1]
        assert main.document is not None and main.document.id == hit.doc_id
        assert main.document.text[hit.start : hit.end] == "跨境电商"


async def test_annotate_a_hit(tmp_path: Path) -> None:
    from reader.screens.note_dialog import NoteDialog

    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_analysis(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)


async def test_tabs_fill_as_you_switch(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot, "跨境电商, 人工智能")
        for key, view in (("2", "collocates"), ("3", "trends"), ("4", "entities"), ("6", "tags")):
            await pilot.press(key)
            await settle(pilot)
            assert screen.query_one(TabbedContent).active == f"tab-{view}"
            assert view in screen.results, view
        assert rows(screen, "collocates") > 0
        trend = screen.results["trends"]
        assert [s.term for s in trend.series] == ["跨境电商", "人工智能"]
        assert screen.query_one(TrendChart).series
        assert rows(screen, "tags") == 0  # no notes yet
        # Keyness needs a part: say so, then compute it for a section.
        await pilot.press("5")
        await settle(pilot)
        assert "say what to compare" in str(screen.query_one("#analysis-message").render())
        screen.query_one("#analysis-filter", Input).value = "section:经济"
        screen.read_inputs()
        await settle(pilot)
        assert screen.results["keyness"].part_docs == 2


async def test_sort_cycles_and_bad_filter_is_explained(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot)
        screen.query_one(DataTable).focus()
        await pilot.press("s")
        await settle(pilot)
        assert screen.request.sort == "date" and screen.results["kwic"][0].sort == "date"
        screen.query_one("#analysis-filter", Input).value = "since:2025-13"
        screen.read_inputs()
        await settle(pilot)
        assert "not a date" in str(screen.query_one("#analysis-message").render())


async def test_entity_mentions_and_library_filter(tmp_path: Path) -> None:
    root = write_corpus(tmp_path)
    (root / "经济" / "港口.txt").write_text("港口观察\n\n宁波的港口货物吞吐量继续增长。商务部表示，杭州和宁波的外贸企业订单增加。\n",
                                         encoding="utf-8")
    app = ReaderApp(corpus_path=root)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot, "")
        screen.query_one("#table-kwic", DataTable).focus()  # digits typed in the term box are the term
        await pilot.press("4")
        await settle(pilot)
        table = screen.results["entities"]
        place = next(e for e in table.entities if e.name == "宁波")
        keys = screen.keys["entities"]
        screen.query_one("#table-entities", DataTable).move_cursor(row=keys.index("place:宁波"))
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.mentions) == place.count == 2
        assert screen.query_one("#table-kwic", DataTable).row_count == 2
        await pilot.press("4")
        screen.query_one("#table-entities", DataTable).move_cursor(row=keys.index("place:宁波"))
        await pilot.press("l")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        tree = main.query_one(LibraryTree)
        shown = [str(leaf.label).removeprefix("▶ ") for node in tree.root.children for leaf in node.children]
        assert shown == ["港口观察"]
        main.library.apply_filter("")  # clearing the filter ends the restriction
        assert main.library.only is None


async def test_export_and_escape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot)
        screen.query_one(DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        (written,) = tmp_path.glob("reader-kwic-*.csv")
        assert written.read_text(encoding="utf-8").startswith("\ufeffid,title,date,start,end,left,match,right")
        assert len(written.read_text(encoding="utf-8").splitlines()) == 5
        # The trends tab as an image: its chart (bars) and table, as shown.
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        (image,) = tmp_path.glob("reader-trends-*.svg")
        svg = image.read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "cdnjs" not in svg
        assert "跨境电商" in svg and any(bar in svg for bar in "▁▂▃▄▅▆▇█")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_every_view_is_in_the_palette(tmp_path: Path) -> None:
    from reader.commands import ReaderCommands

    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        titles = [c[0] for c in provider.commands()]
        for name in ("concordance", "collocates", "trends", "entities", "keyness", "tags"):
            assert f"analysis: {name}" in titles
        assert "main: Analysis" in titles
        run = next(c[1] for c in provider.commands() if c[0] == "analysis: trends")
        run()
        await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        assert app.screen.query_one(TabbedContent).active == "tab-trends"
