"""Folding: traditional→simplified, full-width→half-width, lower case; length kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.fold import all_variants, fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("跨境電商", "跨境电商"),
        ("經濟發展與貿易", "经济发展与贸易"),
        ("数字经济", "数字经济"),  # already simplified: unchanged
        ("ＡＢＣ１２３", "abc123"),
        ("ｈｔｔｐｓ：／／ｗｗｗ", "https://www"),
        ("GDP增長", "gdp增长"),
        ("Ünïcode", "ünïcode"),
        ("全角　空格", "全角 空格"),
        ("，。！", ",。!"),  # full-width comma and bang fold; the ideographic full stop has no ASCII twin
        ("İ", "İ"),  # lower() would make two code points: left alone
        ("", ""),
    ],
)
def test_fold_table(text: str, expected: str) -> None:
    assert fold(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_fold_preserves_length_and_is_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@pytest.mark.parametrize("term", ["跨境电商", "跨境電商", "AI", "發展干部", "数字人民币"])
def test_all_variants_fold_to_the_term(term: str) -> None:
    vs = all_variants(term, limit=512)
    assert vs is not None
    assert term in vs and fold(term) in vs
    assert {fold(v) for v in vs} == {fold(term)}
    assert len(set(vs)) == len(vs)


def test_all_variants_cover_traditional_and_case() -> None:
    assert "跨境電商" in (all_variants("跨境电商") or [])
    assert {"ai", "AI", "Ai", "ＡＩ"} <= set(all_variants("ai") or [])


def test_all_variants_give_up_on_long_latin_terms() -> None:
    assert all_variants("chatgptplus", limit=512) is None  # search folds the text instead


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("跨境電商與數字經濟", "跨境电商与数字经济"),
        ("乾隆年间的哪吒", "乾隆年间的哪吒"),  # GB2312 characters are valid simplified: kept
        ("AI 與 ＡＩ", "AI 与 ＡＩ"),  # case and width kept (only script is normalised)
        ("破折号——和😀", "破折号——和😀"),
        ("", ""),
    ],
)
def test_to_simplified(text: str, simplified: str) -> None:
    from corpus.text.fold import has_traditional, to_simplified

    assert to_simplified(text) == simplified
    assert has_traditional(text) is (text != simplified)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_to_simplified_keeps_length(text: str) -> None:
    from corpus.text.fold import to_simplified

    assert len(to_simplified(text)) == len(text)


def test_to_simplified_keeps_case_after_fold_was_used() -> None:
    """fold's table adds case pairs; the script-only table must not pick them up."""
    from corpus.text.fold import to_simplified

    assert fold("À電") == "à电"
    assert to_simplified("À電") == "À电"


@pytest.mark.parametrize(("trad", "simp"), [("銀", "银"), ("慶", "庆"), ("髮", "发"), ("麵", "面"), ("臺", "台")])
def test_fold_uses_opencc_characters(trad: str, simp: str) -> None:
    assert fold(trad) == simp


def test_compatibility_ideographs_fold_to_unified() -> None:
    # U+F900 豈 is a compatibility twin of U+8C48 豈; OpenCC normalises it.
    assert fold("\uf900") == fold("\u8c48")


def test_table_is_cached_and_a_damaged_cache_is_rebuilt() -> None:
    from corpus.text import fold as f

    path = f._table_cache()
    assert path is not None
    f._ts_pairs.cache_clear()
    built = f._ts_pairs()  # builds (the test's cache dir is empty) and writes the cache
    assert path.exists() and f._read_table(path) == built
    path.write_text("电", encoding="utf-8")  # damaged: too short to be a table
    f._ts_pairs.cache_clear()
    assert f._ts_pairs() == built and f._read_table(path) == built
    f._ts_pairs.cache_clear()
