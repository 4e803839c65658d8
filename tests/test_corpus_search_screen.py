"""ctrl+f: the query language in the app, filters and sort from the keyboard, errors in place."""

from __future__ import annotations

from pathlib import Path

from app_fixtures import settle, write_corpus
from textual.widgets import Label

from reader.app import ReaderApp
from reader.widgets.corpus_search import CorpusSearchScreen


def _count(screen: CorpusSearchScreen) -> str:
    return str(screen.query_one("#search-count", Label).render())


async def _open(pilot, app: ReaderApp, query: str) -> CorpusSearchScreen:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+f")
    screen = app.screen
    assert isinstance(screen, CorpusSearchScreen)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.pause(0.3)
    await settle(pilot)
    return screen


async def test_boolean_query_rows_per_document_and_index_built(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "企业 -跨境")
        titles = {screen.corpus.get(doc_id).title for doc_id, _s, _e in screen.hits}
        assert titles == {"数字消费场景持续创新"}
        assert _count(screen).startswith("1 document")
        state = screen.state
        assert state is not None
        for _ in range(40):  # the app-level worker brings the index up to date
            if not state.building:
                break
            await pilot.pause(0.1)
        assert state.index is not None and state.index.ready


async def test_malformed_query_shows_its_error_in_place(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "跨境 (电商")
        assert "unbalanced parenthesis at 3" in _count(screen)
        assert isinstance(app.screen, CorpusSearchScreen)  # no crash, no "no matches"


async def test_section_filter_and_sort_from_the_keyboard(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await _open(pilot, app, "企业 OR 人工智能")
        assert len(screen.hits) == 3
        sections = [name for name, _docs in screen.corpus.sections()]
        assert set(sections) == {"经济", "科技"}
        await pilot.press("ctrl+s")  # the first section
        await settle(pilot)
        await pilot.pause(0.2)
        assert screen.section == sections[0]
        assert {screen.corpus.get(d).section for d, _s, _e in screen.hits} == {sections[0]}
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.pause(0.2)
        assert screen.sort == "order"
        order = [d.id for d in screen.corpus.documents]
        ids = [d for d, _s, _e in screen.hits]
        assert ids == sorted(ids, key=order.index)
        await pilot.press("ctrl+s", "ctrl+s")  # the other section, then all again
        await settle(pilot)
        await pilot.pause(0.2)
        assert screen.section is None and len(screen.hits) == 3


def test_a_row_shows_the_first_hit_after_the_title() -> None:
    from corpus.model import Document, join_blocks
    from reader.widgets.corpus_search import _first_in_body

    text, blocks = join_blocks([("title", "跨境电商观察", 1), ("paragraph", "今年跨境电商增长很快。", 0)])
    doc = Document(id="d", file="a.txt", section="s", title="跨境电商观察", text=text, blocks=blocks)
    hits = [(0, 4), (text.index("跨境电商", 5), text.index("跨境电商", 5) + 4)]
    assert _first_in_body(doc, hits) == hits[1]  # the title is on the row already
    assert _first_in_body(doc, hits[:1]) == hits[0]  # only in the title: that one
    assert _first_in_body(doc, []) == (0, 0)
