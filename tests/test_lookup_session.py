"""The lookup's plain state: what the panel shows for a cursor position, and its keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.vocab import Vocabulary
from corpus.lexicon.cedict import Cedict
from corpus.lexicon.glossary import Glossary
from corpus.lexicon.lookup import Lexicon
from corpus.model import Block, Document
from corpus.text.tokens import tokenize
from reader.lookup_session import LookupSession, block_context
from reader.widgets.lookup_panel import popup_region, render_state


@pytest.fixture(scope="module")
def cedict(tmp_path_factory: pytest.TempPathFactory) -> Cedict:
    return Cedict.load(cache=tmp_path_factory.mktemp("cedict"))


def _doc() -> Document:
    title = "银行业观察"
    body = "他去银行取钱。跨境电商综试区发展很快，重庆的行长说。"
    text = f"{title}\n{body}"
    return Document(id="d1", file="a.txt", title=title, section="s", text=text,
                    blocks=[Block("title", 0, len(title)), Block("paragraph", len(title) + 1, len(text))])


@pytest.fixture
def session(cedict: Cedict, tmp_path: Path) -> LookupSession:
    glossary = Glossary(tmp_path / "glossary.json")
    s = LookupSession(Lexicon(cedict=cedict, glossary=glossary), glossary, Vocabulary(tmp_path / "vocab.json"))
    doc = _doc()
    s.load()
    s.count([doc])
    return s


def test_block_context_is_block_relative() -> None:
    doc = _doc()
    start, text, toks = block_context(doc, doc.text.index("银行取"), tokenize(doc.text))
    assert doc.text[start:].startswith(text) and text.startswith("他去银行")
    assert "".join(w for w, _a, _b in toks) == text


def test_lookup_at_the_cursor(session: LookupSession) -> None:
    doc = _doc()
    tokens = tokenize(doc.text)
    pos = doc.text.index("行长")
    state = session.lookup(doc, pos, tokens, notes=lambda w: [("重庆的行长说", "who?")] if w == "行长" else [])
    assert (state.word, state.start, state.end) == ("行长", pos, pos + 2)
    assert state.headwords[0].pinyin == "hángzhǎng"
    assert "bank president" in state.headwords[0].entries[0].definitions
    assert [h.text for h in state.headwords][1:] == ["行"]  # the shorter match at the cursor
    assert state.notes == (("重庆的行长说", "who?"),)
    body = render_state(state).plain
    assert "行长 行長  hángzhǎng" in body and "bank president" in body and "✎ 重庆的行长说 — who?" in body


def test_punctuation_is_not_looked_up(session: LookupSession) -> None:
    doc = _doc()
    pos = doc.text.index("。")
    state = session.lookup(doc, pos, tokenize(doc.text))
    assert state.headwords == () and (state.start, state.end) == (pos, pos + 1)
    assert "not a word" in render_state(state).plain and "CC-CEDICT" not in render_state(state).plain


def test_missing_word_shows_parts_and_counts(session: LookupSession) -> None:
    doc = _doc()
    state = session.lookup(doc, doc.text.index("跨境"), tokenize(doc.text))
    assert state.word == "跨境电商" and not state.headwords[0].entries
    assert [h.text for h in state.flat][:3] == ["跨境电商", "跨境", "电商"]
    cross = state.flat[1].entries[0]
    assert cross.corpus is not None and cross.corpus.count == 0  # 跨境 alone never occurs as a word here
    bank = session.lookup(doc, doc.text.index("银行取"), tokenize(doc.text)).headwords[0].entries[0]
    assert bank.corpus is not None and (bank.corpus.count, bank.corpus.docs) == (1, 1)
    assert "not in CC-CEDICT or your glossary; its parts:" in render_state(state).plain


def test_keep_and_glossary_keys(session: LookupSession) -> None:
    doc = _doc()
    tokens = tokenize(doc.text)
    state = session.lookup(doc, doc.text.index("银行取"), tokens)
    entry, new = session.keep(doc, state)
    assert new and entry.sentence == "他去银行取钱。" and entry.pinyin == "yínháng"  # type: ignore[attr-defined]
    assert session.lookup(doc, doc.text.index("银行取"), tokens).kept
    session.count_lookup("银行")
    assert session.vocabulary.get("银行").lookups == 2
    session.add_to_glossary("综试区", "zōngshìqū", "pilot zone", "")
    state = session.lookup(doc, doc.text.index("综试区"), tokenize(doc.text))
    assert state.word == "综试区" and state.headwords[0].entries[0].source == "glossary"


def test_before_loading_the_panel_says_so(cedict: Cedict, tmp_path: Path) -> None:
    s = LookupSession(Lexicon(glossary=Glossary(tmp_path / "g.json")))
    state = s.lookup(_doc(), 3, [])
    assert state.loading and "loading the dictionary" in render_state(state).plain


def test_popup_goes_under_the_word_or_above_it_never_over_it() -> None:
    from textual.geometry import Offset, Region

    text = Region(0, 1, 120, 36)  # the text's area: rows 1..36
    # room below: under the word's row, its left edge just left of the word
    assert popup_region(Offset(40, 5), 72, 10, text) == Region(38, 6, 72, 10)
    # near the bottom: above the word, ending on the row before it
    assert popup_region(Offset(40, 33), 72, 10, text) == Region(38, 23, 72, 10)
    # too tall for either side: the roomier side, cut to fit (it scrolls)
    assert popup_region(Offset(40, 10), 72, 40, text) == Region(38, 11, 72, 26)
    assert popup_region(Offset(40, 30), 72, 40, text) == Region(38, 1, 72, 29)
    # at the right edge it shifts left; on a narrow screen it is as wide as the screen
    assert popup_region(Offset(110, 5), 72, 10, text) == Region(48, 6, 72, 10)
    assert popup_region(Offset(10, 5), 72, 10, Region(0, 1, 60, 20)) == Region(0, 6, 60, 10)
