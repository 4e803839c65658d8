"""Pilot tests for the reading pane: keys, cursor motions, selection, search, marks, resize."""

from __future__ import annotations

from textual.app import App, ComposeResult

from corpus.model import Document, join_blocks
from reader.widgets.reading_pane import ReadingPane

PARAS = [
    ("title", "城市里的春天"),
    ("byline", "本报记者 王小明"),
    ("paragraph", "今天早上天气很好。我们一起去公园散步，看见很多人在跑步！孩子们在草地上放风筝。"),
    ("heading", "一、公园的变化"),
    ("paragraph", "这几年公园变化很大，新修了步道和花坛。附近的居民说：“现在周末都愿意来这里。”管理处也增加了座椅。"),
    ("paragraph", "Open Data 项目让游客可以查到每天的人流数据，这个做法受到欢迎。"),
    ("heading", "二、下一步的计划"),
    *[("paragraph", f"第{i}段：计划在明年完成更多的绿化工作，让市民有更多休息的地方。每个街区都要有小花园。") for i in range(1, 30)],
]


def make_doc() -> Document:
    text, blocks = join_blocks((t, s, 1 if t == "title" else 2 if t == "heading" else 0) for t, s in PARAS)
    return Document(
        id="doc-1", file="spring.txt", section="测试", title="城市里的春天", text=text, blocks=blocks,
        authors=["王小明"], date="2024-04-01", source="测试日报",
    )


class PaneApp(App[None]):
    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        self.messages: list[object] = []

    def compose(self) -> ComposeResult:
        yield ReadingPane(id="pane")

    def on_mount(self) -> None:
        pane = self.query_one(ReadingPane)
        pane.load(self.doc)
        pane.focus()

    def on_reading_pane_annotate_requested(self, message: ReadingPane.AnnotateRequested) -> None:
        self.messages.append(message)

    def on_reading_pane_watch_word_requested(self, message: ReadingPane.WatchWordRequested) -> None:
        self.messages.append(message)

    def on_reading_pane_marks_changed(self, message: ReadingPane.MarksChanged) -> None:
        self.messages.append(message)

    def on_reading_pane_position_changed(self, message: ReadingPane.PositionChanged) -> None:
        self.messages.append(message)


def top_text_row(pane: ReadingPane) -> int:
    layout = pane.layout_lines
    assert layout is not None
    row = layout.text_line_at_or_after(round(pane.scroll_y))
    assert row is not None
    return row


async def test_scrolling_keys_move_the_view_and_keep_the_cursor_visible() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        assert pane.scroll_y == 0 and pane.cursor == 0
        await pilot.press("j", "j", "j")
        assert pane.scroll_y == 3
        await pilot.press("1", "0", "j")  # a count: 10 lines
        assert pane.scroll_y == 13
        await pilot.press("1", "0", "k")
        assert pane.scroll_y == 3
        await pilot.press("k")
        assert pane.scroll_y == 2
        await pilot.press("ctrl+d")
        assert pane.scroll_y == 2 + pane.scrollable_content_region.height // 2
        layout = pane.layout_lines
        cursor_row = layout.line_of(pane.cursor)
        assert pane.scroll_y <= cursor_row < pane.scroll_y + pane.scrollable_content_region.height
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y > 0
        assert pane.cursor >= doc.blocks[-1].start
        await pilot.pause()
        last = [m for m in app.messages if isinstance(m, ReadingPane.PositionChanged)][-1]
        assert last.percent == 100 and last.offset == pane.position and last.paragraphs == len(doc.blocks)
        assert last.paragraph == doc.block_at(pane.position) + 1 > 1
        await pilot.press("g")
        assert pane.scroll_y == 0
        assert pane.cursor == 0
        pane.goto(doc.text.index("第20段"))
        row = pane.layout_lines.line_of(pane.cursor)
        await pilot.press("z", "z")
        assert pane.scroll_y == row - pane.scrollable_content_region.height // 2
        await pilot.press("z", "t")
        assert pane.scroll_y == row
        await pilot.press("space")
        assert pane.scroll_y > 10


async def test_word_sentence_and_paragraph_motions() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        para = doc.blocks[2]
        pane.goto(para.start)
        text = doc.text
        # fallback words: one ideograph each
        await pilot.press("w")
        assert pane.cursor == para.start + 1
        # jieba-like tokens replace the fallback
        tokens = [("今天", para.start, para.start + 2), ("早上", para.start + 2, para.start + 4),
                  ("天气", para.start + 4, para.start + 6)]
        pane.set_tokens(tokens)
        pane.goto(para.start)
        await pilot.press("w")
        assert text[pane.cursor : pane.cursor + 2] == "早上"
        await pilot.press("e")
        assert pane.cursor == para.start + 3  # last character of 早上
        await pilot.press("b")
        assert pane.cursor == para.start + 2
        # sentences end at 。！？
        pane.goto(para.start)
        await pilot.press("right_parenthesis")
        assert text[pane.cursor : pane.cursor + 2] == "我们"
        await pilot.press("right_parenthesis")
        assert text[pane.cursor : pane.cursor + 3] == "孩子们"
        await pilot.press("left_parenthesis")
        assert text[pane.cursor : pane.cursor + 2] == "我们"
        # paragraphs are blocks
        await pilot.press("right_curly_bracket")
        assert pane.cursor == doc.blocks[3].start
        await pilot.press("left_curly_bracket")
        assert pane.cursor == para.start
        # headings
        await pilot.press("right_square_bracket")
        assert pane.cursor == doc.blocks[3].start
        await pilot.press("right_square_bracket")
        assert pane.cursor == doc.blocks[6].start
        assert top_text_row(pane) == pane.layout_lines.line_of(doc.blocks[6].start)


async def test_selection_annotate_and_escape() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        para = doc.blocks[2]
        pane.goto(para.start)
        await pilot.press("v", "right_parenthesis")
        assert pane.selection == (para.start, para.start + len("今天早上天气很好。"))
        await pilot.press("a")
        await pilot.pause()
        ann = [m for m in app.messages if isinstance(m, ReadingPane.AnnotateRequested)]
        assert doc.text[ann[-1].start : ann[-1].end] == "今天早上天气很好。"
        assert (ann[-1].start, ann[-1].end) == pane.selection  # kept until the note is saved
        await pilot.press("escape")
        assert pane.selection is None
        # without a selection `a` takes the sentence under the cursor
        pane.goto(doc.text.index("看见很多人"))
        await pilot.press("a")
        await pilot.pause()
        ann = [m for m in app.messages if isinstance(m, ReadingPane.AnnotateRequested)]
        assert doc.text[ann[-1].start : ann[-1].end] == "我们一起去公园散步，看见很多人在跑步！"
        # e extends inclusively (fallback words are single ideographs: e, e = 3 characters)
        pane.goto(para.start)
        await pilot.press("v", "e", "e")
        assert pane.selection == (para.start, para.start + 3)
        await pilot.press("y")
        assert app.clipboard == "今天早"
        assert pane.selection is None


async def test_search_next_previous_and_marks() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        hits = [i for i in range(len(doc.text)) if doc.text.startswith("小花园", i)]
        assert len(hits) > 5
        await pilot.press("slash", *"小花园")
        prompt = pane.render_line(pane.scrollable_content_region.height - 1).text
        assert prompt.startswith("/小花园") and f"{len(hits)} matches" in prompt
        await pilot.press("enter")
        assert pane.cursor == hits[0]
        await pilot.press("n")
        assert pane.cursor == hits[1]
        await pilot.press("N", "N")
        assert pane.cursor == hits[-1]  # wraps around
        await pilot.press("3", "n")  # a count repeats
        assert pane.cursor == hits[2]
        await pilot.press("N")
        assert pane.cursor == hits[1]
        await pilot.press("escape")  # clears the search highlight
        await pilot.press("n")
        assert pane.cursor == hits[1]  # no search any more: n does nothing
        # search spans set by the screen (a corpus search) are stepped with n
        from corpus.model import Span

        pane.set_layer("search", [Span(h, h + 3, "search") for h in hits[:2]])
        pane.goto(0)
        await pilot.press("n")
        assert pane.cursor == hits[0]
        # * searches for the word under the cursor
        pane.set_tokens([("小花园", h, h + 3) for h in hits])
        pane.goto(hits[1] + 1)
        await pilot.press("asterisk")
        assert pane.cursor == hits[2] and pane.search.query == "小花园"
        # marks
        pane.goto(hits[3])
        await pilot.press("m", "q")
        await pilot.press("g")
        assert pane.cursor == 0
        await pilot.press("apostrophe", "q")
        assert pane.cursor == hits[3]
        assert pane.marks == {"q": hits[3]}
        await pilot.pause()
        marks = [m for m in app.messages if isinstance(m, ReadingPane.MarksChanged)]
        assert marks and marks[-1].marks == {"q": hits[3]} and marks[-1].doc_id == "doc-1"


async def test_resize_keeps_the_reading_position() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(70, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        target = doc.text.index("第12段")
        pane.goto(target + 10, cursor=False)
        await pilot.pause()
        pane.state.cursor = pane.layout_lines.lines[top_text_row(pane) + 15].start  # near the bottom
        before = pane.position
        layout = pane.layout_lines
        first = layout.lines[top_text_row(pane)]
        assert first.start <= before < first.end
        for size in [(40, 20), (100, 30), (33, 12), (70, 20)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            layout = pane.layout_lines
            row = top_text_row(pane)
            line = layout.lines[row]
            assert line.start <= before < line.end, size
            top, bottom = pane._visible_rows()
            assert top <= layout.line_of(pane.cursor) < bottom, size  # the cursor stays in view
        assert pane.position == before


async def test_watch_word_message() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        pane.set_tokens([("公园", doc.text.index("公园"), doc.text.index("公园") + 2)])
        pane.goto(doc.text.index("公园") + 1)
        await pilot.press("W")
        await pilot.pause()
        words = [m.word for m in app.messages if isinstance(m, ReadingPane.WatchWordRequested)]
        assert words == ["公园"]


async def test_lines_render_text_highlights_and_header() -> None:
    from corpus.model import Span

    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        rows = [pane.render_line(y).text for y in range(8)]
        assert rows[0].strip() == "城市里的春天"
        assert "王小明 · 2024-04-01 · 测试日报" in rows[1]
        start = doc.text.index("公园")
        pane.set_layer("annotation", [Span(start, start + 2, "annotation", data=2)])
        pane.set_layer("keyword", [Span(start, start + 2, "keyword", weight=0.9, data="公园")])
        await pilot.pause()
        row = pane.layout_lines.line_of(start) - round(pane.scroll_y)
        strip = pane.render_line(row)
        assert "▌" in strip.text[:3]
        styled = [seg for seg in strip if seg.text == "公园"]
        assert styled and styled[0].style.bgcolor is not None and styled[0].style.bold


async def test_a_pdf_page_turn_shows_on_the_row_before_its_first_block() -> None:
    text, blocks = join_blocks([("title", "两页的文章", 1, 1), ("paragraph", "第一页的第一段。", 0, 1),
                                ("paragraph", "第一页的第二段。", 0, 1), ("paragraph", "第二页开头的一段。", 0, 2),
                                ("paragraph", "第三页的一段。", 0, 3)])
    doc = Document(id="pdf", file="a.pdf", section="s", title="两页的文章", text=text, blocks=blocks)
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)):
        pane = app.query_one(ReadingPane)
        rows = [pane.render_line(y).text.rstrip() for y in range(14)]
        breaks = [(i, row.strip()) for i, row in enumerate(rows) if "┄" in row]
        assert [label.split()[-2:] for _, label in breaks] == [["p.", "2"], ["p.", "3"]]
        for i, _ in breaks:  # on the separator row: the next row starts the page's first block
            assert rows[i + 1].strip() in ("第二页开头的一段。", "第三页的一段。")
        assert not any("┄" in row for row in rows[: breaks[0][0]])  # no break between blocks of one page


async def test_huge_document_paints_first_then_wraps_the_rest_keeping_position() -> None:
    from reader.layout import layout_document
    from reader.widgets import reading_pane

    sentence = "第{}段：城市的公园每天都有很多人来散步，大家在这里休息和聊天。"
    parts = [("paragraph", sentence.format(i) * 2, 0) for i in range(reading_pane.PROGRESSIVE_CHARS // 60 + 50)]
    text, blocks = join_blocks(parts)
    doc = Document(id="big", file="big.txt", section="s", title="大文档", text=text, blocks=blocks)
    app = PaneApp(make_doc())
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        offset = text.index("第2000段")
        pane.load(doc, offset)
        first = pane.layout_lines
        full = layout_document(text, [(b.start, b.end) for b in blocks], first.width)
        assert len(first.text_rows) < len(full.text_rows)  # only the blocks around the position, at once
        row = first.lines[first.text_line_at_or_after(round(pane.scroll_y))]
        assert row.start <= offset < row.end + 2
        await app.workers.wait_for_complete()
        await pilot.pause()
        layout = pane.layout_lines
        assert len(layout.text_rows) == len(full.text_rows)
        row = layout.lines[top_text_row(pane)]
        assert row.start <= offset < row.end
        assert pane.position == offset
        # a jump beyond the first screenful wraps the rest at once
        pane.load(doc, offset)
        assert len(pane.layout_lines.text_rows) < len(full.text_rows)
        await pilot.press("G")
        assert len(pane.layout_lines.text_rows) == len(full.text_rows)
        assert pane.cursor >= blocks[-1].start


async def test_empty_and_blockless_documents_and_control_characters() -> None:
    empty = Document(id="e", file="e.txt", section="s", title="空", text="", blocks=[])
    raw = Document(id="r", file="r.txt", section="s", title="无块", text="第一句\x1b[31m红色。\t第二句。", blocks=[])
    app = PaneApp(empty)
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.press("j", "w", "right_parenthesis", "G", "v", "y", "a", "slash", "x", "enter")
        assert pane.cursor == 0
        pane.load(raw)
        await pilot.pause()
        text = "".join(pane.render_line(y).text for y in range(6))
        assert "\x1b" not in text and "\t" not in text
        assert "第一句 [31m红色。" in text  # the escape byte is drawn as a space, never sent
        await pilot.press("right_parenthesis")
        assert raw.text[pane.cursor :].startswith("第二句")


async def test_theme_change_restyles_cached_lines() -> None:
    app = PaneApp(make_doc())
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        before = pane.render_line(5)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = pane.render_line(5)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]


async def test_cursor_and_selection_are_drawn() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        start = doc.blocks[2].start
        pane.goto(start)
        await pilot.press("v", "e", "e")
        row = pane.layout_lines.line_of(start) - round(pane.scroll_y)
        cells = [(seg.text, seg.style) for seg in pane.render_line(row) if seg.text.strip()]
        assert cells[0][0] == "今天" and cells[0][1].reverse  # selected
        assert cells[1][0] == "早" and cells[1][1].underline and not cells[1][1].reverse  # cursor inside
        assert not cells[2][1].reverse


async def test_mouse_click_and_drag() -> None:
    doc = make_doc()
    app = PaneApp(doc)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        start = doc.blocks[2].start
        row = pane.layout_lines.line_of(start)
        x0 = pane._left
        await pilot.click(ReadingPane, offset=(x0 + 4, row))  # third ideograph (2 cells each)
        assert pane.cursor == start + 2
        await pilot.mouse_down(ReadingPane, offset=(x0, row))
        await pilot.hover(ReadingPane, offset=(x0 + 6, row))
        await pilot.mouse_up(ReadingPane, offset=(x0 + 6, row))
        assert pane.selection == (start, start + 4)
