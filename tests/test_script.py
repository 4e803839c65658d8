"""Simplified ↔ traditional for display: same length, every character in its place."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lexicon.script import convert, to_simplified, to_traditional
from corpus.text.fold import fold

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def test_phrases_convert_in_place() -> None:
    text = "头发长了，以后皇后去发展经济。"
    trad = to_traditional(text)
    assert trad == "頭髮長了，以後皇后去發展經濟。"
    assert len(trad) == len(text)
    # A note on 发展 (its offsets) covers the same words in the converted text.
    start = text.index("发展")
    assert trad[start : start + 2] == "發展"
    assert to_simplified(trad) == text


def test_every_character_keeps_its_place() -> None:
    text = "跨境电商综试区：面条、干部和干净的房间。ABC１２３ 😀\n第二行"
    trad = to_traditional(text)
    assert len(trad) == len(text)
    for a, b in zip(text, trad):
        if not HAN.match(a):
            assert a == b  # only Chinese characters change
        else:
            assert fold(a) == fold(b) or a in "干面"  # 干→幹/乾, 面→麵 fold one way only


class _StretchingConverter:
    """Phrase conversion that makes 发展 longer; characters alone convert one to one."""

    CHARS = {"发": "發", "展": "展", "经": "經", "济": "濟"}

    def convert(self, text: str) -> str:
        parts = text.split("\n")
        if len(parts) > 1 and all(len(p) == 1 for p in parts):
            return "\n".join(self.CHARS.get(p, p) for p in parts)
        return text.replace("发展", "發展了")


def test_a_run_whose_phrases_change_length_falls_back_to_characters(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import corpus.lexicon.script as script

    monkeypatch.setattr(script, "_converter", lambda config: _StretchingConverter())
    assert convert("发展，经济", "traditional") == "發展，经济"  # 经济 converted as a phrase (unchanged here)
    assert convert("经济发展", "traditional") == "經濟發展"  # that run fell back to characters


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("头发展以后皇后的干部面条銀行經濟，。 a1\n😀")), max_size=60))
def test_length_and_non_chinese_characters_always_kept(text: str) -> None:
    for target in ("traditional", "simplified"):
        out = convert(text, target)
        assert len(out) == len(text)
        assert [c for c in out if not HAN.match(c)] == [c for c in text if not HAN.match(c)]
